"""Old import path of crosscheck.running.pipeline (the analysis pipeline:
run_case, analyse_claims and the Case tables)."""

import sys

from crosscheck.running import pipeline as _m

sys.modules[__name__] = _m
