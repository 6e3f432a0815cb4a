"""Alias: the module moved to crosscheck.text.timex (this path keeps old imports working)."""

import sys

from crosscheck.text import timex as _m

sys.modules[__name__] = _m
