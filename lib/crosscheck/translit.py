"""Alias: the module moved to crosscheck.text.translit (this path keeps old imports working)."""

import sys

from crosscheck.text import translit as _m

sys.modules[__name__] = _m
