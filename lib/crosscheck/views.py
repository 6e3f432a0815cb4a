"""Old import path of crosscheck.review.views (tables, escaped HTML and figures for the notebooks)."""

import sys

from crosscheck.review import views as _m

sys.modules[__name__] = _m
