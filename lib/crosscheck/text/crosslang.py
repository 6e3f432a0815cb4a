"""Old import path of crosscheck.comparison.crosslang (cross-script comparison rows)."""

import sys

from crosscheck.comparison import crosslang as _m

sys.modules[__name__] = _m
