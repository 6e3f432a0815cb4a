"""Old import path of crosscheck.comparison.stories (story grouping); kept as an alias."""

import sys

from crosscheck.comparison import stories as _m

sys.modules[__name__] = _m
