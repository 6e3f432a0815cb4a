"""Old import path of crosscheck.review.views (tables, HTML, figures)."""

import sys

from crosscheck.review import views as _m

sys.modules[__name__] = _m
