"""Second unseen attribution check (issue 15, helper label): documents in none of the dev, frozen
or first unseen sets. seed 2020. 14 ECB+ documents (topics 1-35 only, one per randomly drawn topic;
topics 36-45 never read) and 6 MEANTIME documents; the first 10 sentences of each. No cue-based
selection. Same draw as ../unseen/sample_unseen.py (its functions are imported), other seed and
exclusions. Run from this folder: python sample_unseen2.py -> unseen2_sample.jsonl (unlabelled)."""

import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "unseen"))
from sample_unseen import candidates, doc_ids, draw, write  # noqa: E402

SEED = 2020
EXCLUDE = ["sample.jsonl", "attribution_test.jsonl", "unseen/unseen_sample.jsonl"]

if __name__ == "__main__":
    used = set().union(*(doc_ids(os.path.join(HERE, "..", p)) for p in EXCLUDE))
    ecb, mt = candidates(used)
    write(draw(random.Random(SEED), ecb, mt), "unseen2_sample.jsonl", "unseen2")
