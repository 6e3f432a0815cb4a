"""Old import path of crosscheck.running.cli (the command line:
compare, corpus, verify-log)."""

import sys

from crosscheck.running import cli as _m

sys.modules[__name__] = _m
