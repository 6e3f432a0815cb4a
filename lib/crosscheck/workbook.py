"""Old import path of crosscheck.running.workbook (the workbook driver:
make workbook and make review)."""

import sys

from crosscheck.running import workbook as _m

sys.modules[__name__] = _m
