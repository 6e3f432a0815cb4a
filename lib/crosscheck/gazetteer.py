"""Alias: the module moved to crosscheck.text.gazetteer (this path keeps old imports working)."""

import sys

from crosscheck.text import gazetteer as _m

sys.modules[__name__] = _m
