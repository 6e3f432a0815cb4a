"""Draw the precision sample (issue 15): sentences the engine attributes in unlabelled ECB+
documents of topics 1-35 that no labelled attribution set uses (not in ../sample.jsonl, the dev
and frozen documents, nor ../unseen/unseen_sample.jsonl). Seeded document order (random.Random(1516));
the first 15 sentences of each document (as the labelled sets), rebuilt as the benchmark does;
documents are taken until at least 160 attributed sentences are drawn (round 1), or a fixed
number of the documents that follow (round 2, judged after the round-1 fixes: held out).

Run: PYTHONPATH=lib python tests/data/attribution/precision_sample/sample_precision.py OUT.csv
     [N_DOCS SKIP]  (round 2: N_DOCS 30, SKIP 50: thirty documents after round 1's fifty)
Writes one row per attributed sentence: sid, doc_id, sent_index, text, speaker, (prediction).
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[3]
sys.path.insert(0, str(ROOT))
from benchmarks.attribution_eval import sentence_predictions  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpora" / "ecbplus_dev" / "docs.jsonl"
if not CORPUS.exists():
    CORPUS = Path("/work/shared/corpora/ecbplus_dev/docs.jsonl")


def used_documents() -> set[str]:
    used = set()
    for path in (HERE.parent / "sample.jsonl", HERE.parent / "unseen" / "unseen_sample.jsonl"):
        used |= {json.loads(line)["doc_id"] for line in path.read_text().splitlines() if line}
    return used


def main(out: str, target: int = 160, per_doc: int = 15, skip: int = 0, n_docs: int = 0) -> None:
    used = used_documents()
    docs = [json.loads(line) for line in CORPUS.read_text().splitlines() if line]
    docs = [d for d in docs if 1 <= d["topic"] <= 35 and d["id"] not in used]
    docs.sort(key=lambda d: d["id"])
    random.Random(1516).shuffle(docs)
    docs = docs[skip:]  # a later, disjoint draw (the second round starts after the first's)
    if n_docs:  # a fixed document set, so that two versions of the code see the same documents
        docs, target = docs[:n_docs], 10**9
    rows, taken = [], []
    for start in range(0, len(docs), 10):
        batch = docs[start : start + 10]
        sents = [
            {"sid": f"{d['id']}#{i}", "doc_id": d["id"], "sent_index": i, "order": i, "text": t}
            for d in batch
            for i, t in enumerate([s for s in d["text"].split("\n") if s.strip()][:per_doc])
        ]
        pred = sentence_predictions(pd.DataFrame(sents))
        rows.append(pred[pred["p_attr"]])
        taken += [d["id"] for d in batch]
        if sum(len(r) for r in rows) >= target:
            break
    out_df = pd.concat(rows)[["sid", "doc_id", "sent_index", "text", "p_speaker"]]
    out_df.to_csv(out, index=False)
    print(len(out_df), "attributed sentences from", len(taken), "documents:", " ".join(taken))


if __name__ == "__main__":
    args = sys.argv[1:]
    if len(args) == 3:  # OUT N_DOCS SKIP
        main(args[0], skip=int(args[2]), n_docs=int(args[1]))
    else:
        main(args[0])
