"""labels.txt + unseen2_sample.jsonl -> unseen2.jsonl (same fields as ../attribution.jsonl,
split "unseen2"). Run from this folder. Reuses ../unseen/build_unseen.py."""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "unseen"))
from build_unseen import build  # noqa: E402

if __name__ == "__main__":
    build("labels.txt", "unseen2_sample.jsonl", "unseen2.jsonl")
