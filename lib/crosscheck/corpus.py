"""Old import path of crosscheck.running.corpus (corpus runs: stories,
provenance and the story index over many articles)."""

import sys

from crosscheck.running import corpus as _m

sys.modules[__name__] = _m
