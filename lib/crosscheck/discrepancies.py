"""Alias of crosscheck.comparison.discrepancies (alignment and typed differences; moved there)."""

import sys

from crosscheck.comparison import discrepancies as _m

sys.modules[__name__] = _m
