"""Leave-topics-out cross-validation of story-grouping settings on ECB+ topics 1-20 only.

Run: .venv/bin/python -m benchmarks.story_cv [--docs PATH] [--variants current chars_0.1 ...]

Each variant overrides module settings of crosscheck.comparison.stories (WEIGHTS, FACT_FACTOR,
ATTACH_FACTOR, ...). For each variant, all 772 documents (topics 1-35, date lines removed) are
grouped at every threshold of story_eval.GRID, and only topics 1-20 are scored:
- in-sample: F1 and ARI on topics 1-20 at the threshold chosen on 1-20 (story_eval.choose);
- cross-validated: 4 folds of 5 topics (story_eval.FOLDS), each scored at the threshold chosen on
  the other topics of 1-20; the mean over the folds;
- nested, over all variants run: each fold scored with the variant AND threshold chosen on the
  other topics. Below the cross-validated figure of the fixed current settings, it says that
  choosing among these variants on 15 topics over-fits them.
Nothing about topics 21-35 is computed. Results: benchmarks/results/story_cv.json.
"""

from __future__ import annotations

import argparse
import json

import numpy as np
import pandas as pd

from benchmarks import story_eval as ev
from crosscheck.comparison import stories

W = stories.WEIGHTS
VARIANTS = {
    "current": {},
    "chars_0.1": {"WEIGHTS": {**W, "chars": 0.1}},
    "names_0.35": {"WEIGHTS": {**W, "names": 0.35}},
    "names_0.65": {"WEIGHTS": {**W, "names": 0.65}},
    "numbers_0": {"WEIGHTS": {**W, "numbers": 0.0}},
    "fact_0.3": {"FACT_FACTOR": 0.3},
    "fact_0.7": {"FACT_FACTOR": 0.7},
    "fact_1": {"FACT_FACTOR": 1.0},
    "attach_0.6": {"ATTACH_FACTOR": 0.6},
    "attach_0.9": {"ATTACH_FACTOR": 0.9},
    "attach_off": {"ATTACH_MAX": 0},
}
SPLITS = ("tune_1_20", *ev.FOLDS, *ev.REST)


def grid_scores(docs: pd.DataFrame, texts, overrides: dict) -> dict:
    """threshold -> split -> scores, with the stories module's settings overridden."""
    saved = {k: getattr(stories, k) for k in overrides}
    try:
        for k, v in overrides.items():
            setattr(stories, k, v)
        cluster = ev.ours(texts, strip=True)
        return {t: ev.split_scores(docs, cluster(t), SPLITS) for t in ev.GRID}
    finally:
        for k, v in saved.items():
            setattr(stories, k, v)


def smoothed(rows, split: str, t: float) -> float:
    """F1 on `split` averaged over t and its grid neighbours (what story_eval.choose maximises)."""
    k = ev.GRID.index(t)
    return float(np.mean([rows[x][split]["f1"] for x in ev.GRID[max(k - 1, 0) : k + 2]]))


def nested(results: dict) -> dict:
    """Each fold at the (variant, threshold) chosen on the fold's other topics."""
    out = {}
    for fold in ev.FOLDS:
        rest = f"{fold}_rest"
        picks = {v: ev.choose(rows, rest) for v, rows in results.items()}
        best = max(picks, key=lambda v: smoothed(results[v], rest, picks[v]))
        out[fold] = {"variant": best, "threshold": picks[best], **results[best][picks[best]][fold]}
    for metric in ("f1", "ari"):
        out[f"mean_{metric}"] = round(float(np.mean([out[f][metric] for f in ev.FOLDS])), 4)
    return out


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", default=str(ev.DOCS))
    parser.add_argument("--variants", nargs="+", default=list(VARIANTS), choices=list(VARIANTS))
    args = parser.parse_args(argv)
    docs = pd.read_json(args.docs, lines=True)
    docs = docs[docs["topic"] <= 35].reset_index(drop=True)  # never topics 36-45
    texts = [stories.strip_date_lines(t) for t in docs["text"]]
    results, report = {}, {"variants": {}}
    print(f"{len(docs)} ECB+ documents; TOPICS 1-20 ONLY; 4 folds of 5 topics")
    for name in args.variants:
        rows = results[name] = grid_scores(docs, texts, VARIANTS[name])
        t = ev.choose(rows, "tune_1_20")
        folds = ev.folds(rows)
        report["variants"][name] = {"threshold": t, "in_sample": rows[t]["tune_1_20"], **folds}
        s = rows[t]["tune_1_20"]
        print(
            f"  {name:12s} cross-validated F1 {folds['mean_f1']:.3f} ARI {folds['mean_ari']:.3f}"
            f" | t={t:.2f} in-sample F1 {s['f1']:.3f} ARI {s['ari']:.3f}",
            flush=True,
        )
    report["nested"] = nested(results)
    n = report["nested"]
    print(
        f"  nested (variant and threshold chosen per fold): F1 {n['mean_f1']:.3f} "
        f"ARI {n['mean_ari']:.3f} ({', '.join(n[f]['variant'] for f in ev.FOLDS)})"
    )
    ev.RESULTS.mkdir(parents=True, exist_ok=True)
    out = ev.RESULTS / "story_cv.json"
    out.write_text(json.dumps(report, indent=2), encoding="utf-8")
    return report


if __name__ == "__main__":
    main()
