"""Old import path of crosscheck.comparison.provenance; kept as an alias."""

import sys

from crosscheck.comparison import provenance as _m

sys.modules[__name__] = _m
