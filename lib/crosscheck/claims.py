"""Old import path of crosscheck.text.claims (the claims table: extract_claims, its schema and
columns); the parts live in crosscheck.text (nlp, segmentation, attribution, certainty, stages,
quantities, schema, cues)."""

import sys

from crosscheck.text import claims as _m

sys.modules[__name__] = _m
