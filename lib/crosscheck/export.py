"""Old import path of crosscheck.review.export (safe HTML, Markdown and CSV renderings)."""

import sys

from crosscheck.review import export as _m

sys.modules[__name__] = _m
