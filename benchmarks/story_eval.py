"""Story grouping on ECB+ topics 1-35 (772 real articles, gold `story` = topic_subtopic).

Run: .venv/bin/python -m benchmarks.story_eval [--docs PATH] [--tune-only]

--tune-only: development mode; only topics 1-20 are scored and printed (with F1 over the whole
threshold grid, to see whether the chosen threshold sits on a knife edge, and a leave-topics-out
cross-validation inside 1-20: 4 folds of 5 topics, each scored at the threshold chosen on the
other 15); nothing about topics 21-35 is computed, and the results go to story_eval_tune.json.

The threshold is chosen on topics 1-20 by the mean F1 at it and at its two neighbours on the
grid (+-0.02), not by the single best F1: a threshold next to a cliff (one topic's two stories
merging) loses much if the held-out data sits a little lower or higher.

All 772 documents are clustered together from their text only (no url, no topic ids, no
dates: the corpus has none). Topic ids are used only to split the scoring: thresholds are
tuned on the documents of topics 1-20 and scored on topics 21-35 (pairs of documents inside
one split; the clustering itself always sees all documents). Conditions:
- "removed": date-only lines taken out of the input (stories.strip_date_lines);
- "kept": raw text with the grouper's own date-line stripping turned off;
Baselines in the same run: one story per topic (an upper bound of what topic-level grouping
gets) and TF-IDF (words) cosine average-linkage at its best threshold on topics 1-20 (and, for
reference, at its best threshold on 21-35 itself). Metrics: pairwise precision/recall/F1 and
the adjusted Rand index (sklearn).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import adjusted_rand_score

from crosscheck.comparison import stories

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT.parent / "shared" / "corpora" / "ecbplus_dev" / "docs.jsonl"
RESULTS = ROOT / "benchmarks" / "results"
TUNE, SCORE = range(1, 21), range(21, 36)
# Leave-topics-out cross-validation inside 1-20: 4 folds of 5 topics; each fold is scored at the
# threshold chosen on the other topics of 1-20 (its "rest" split).
FOLDS = {f"tune_{k}_{k + 4}": range(k, k + 5) for k in (1, 6, 11, 16)}
REST = {f"{name}_rest": [t for t in TUNE if t not in topics] for name, topics in FOLDS.items()}
GRID = [round(x, 3) for x in np.arange(0.08, 0.42, 0.02)]


def pairwise(gold, pred) -> dict:
    """Pairwise precision, recall and F1 of same-cluster pairs, and the adjusted Rand index."""
    gold, pred = np.asarray(gold), np.asarray(pred)
    same_g = gold[:, None] == gold[None, :]
    same_p = pred[:, None] == pred[None, :]
    upper = np.triu(np.ones_like(same_g, dtype=bool), k=1)
    tp = int((same_g & same_p & upper).sum())
    n_p, n_g = int((same_p & upper).sum()), int((same_g & upper).sum())
    precision, recall = tp / max(n_p, 1), tp / max(n_g, 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-12)
    ari = adjusted_rand_score(gold, pred)
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "ari": round(float(ari), 4),
    }


SPLITS = {"tune_1_20": TUNE, "score_21_35": SCORE, **FOLDS, **REST}


def split_scores(docs: pd.DataFrame, labels, splits=tuple(SPLITS)) -> dict:
    out = {}
    for name in splits:
        topics = SPLITS[name]
        mask = docs["topic"].isin(list(topics)).to_numpy()
        out[name] = pairwise(docs["story"][mask], np.asarray(labels)[mask])
    return out


def tfidf_average_linkage(texts, threshold) -> np.ndarray:
    from scipy.cluster.hierarchy import fcluster, linkage
    from sklearn.feature_extraction.text import TfidfVectorizer

    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    dist = np.clip(1.0 - (matrix @ matrix.T).toarray(), 0, None)
    np.fill_diagonal(dist, 0.0)
    tree = linkage(dist[np.triu_indices(len(texts), 1)], method="average")
    return fcluster(tree, t=1.0 - threshold, criterion="distance")


def choose(rows, split: str) -> float:
    """The threshold of GRID with the best mean F1 on `split` at it and its two neighbours."""

    def smoothed(k: int) -> float:
        near = GRID[max(k - 1, 0) : k + 2]
        return float(np.mean([rows[t][split]["f1"] for t in near]))

    k = max(range(len(GRID)), key=lambda k: (smoothed(k), rows[GRID[k]][split]["f1"]))
    return GRID[k]


def folds(rows) -> dict:
    """Leave-topics-out cross-validation inside topics 1-20: each fold of 5 topics scored at the
    threshold chosen (`choose`) on the other topics; the mean F1 and ARI over the folds estimate
    the held-out figures of the threshold choice."""
    out = {}
    for name in FOLDS:
        t = choose(rows, f"{name}_rest")
        out[name] = {"threshold": t, **rows[t][name]}
    for metric in ("f1", "ari"):
        out[f"mean_{metric}"] = round(float(np.mean([out[n][metric] for n in FOLDS])), 4)
    return out


def sweep(docs, cluster, tune_only=False) -> dict:
    """Scores at every threshold of GRID; the threshold is chosen on topics 1-20 (`choose`)."""
    splits = ("tune_1_20", *FOLDS, *REST) if tune_only else tuple(SPLITS)
    rows = {t: split_scores(docs, cluster(t), splits) for t in GRID}
    best = choose(rows, "tune_1_20")
    if tune_only:
        return {
            "threshold": best,
            "scores": rows[best],
            "folds": folds(rows),
            "grid": {str(t): rows[t] for t in GRID},
        }
    oracle = max(GRID, key=lambda t: rows[t]["score_21_35"]["f1"])
    return {
        "threshold": best,
        "scores": rows[best],
        "oracle_threshold_on_21_35": oracle,
        "oracle_scores": rows[oracle],
        "grid": {str(t): rows[t] for t in GRID},
    }


def ours(texts, strip: bool):
    def cluster(threshold):
        frame = pd.DataFrame({"article_id": [str(i) for i in range(len(texts))], "text": texts})
        grouped = stories.group_stories(frame, threshold=threshold, strip_dates=strip)
        return grouped["story_id"].to_numpy()

    return cluster


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", default=str(DOCS))
    parser.add_argument("--tune-only", action="store_true", help="score topics 1-20 only")
    args = parser.parse_args(argv)
    if args.tune_only:
        return tune_only(args.docs)
    docs = pd.read_json(args.docs, lines=True)
    docs = docs[docs["topic"] <= 35].reset_index(drop=True)  # never topics 36-45
    raw = docs["text"].tolist()
    stripped = [stories.strip_date_lines(t) for t in raw]
    n_lines = sum(len(t.splitlines()) for t in raw) - sum(len(t.splitlines()) for t in stripped)
    t0 = time.perf_counter()
    report = {
        "n_docs": len(docs),
        "n_stories": int(docs["story"].nunique()),
        "date_lines_removed": n_lines,
        "threshold_grid": GRID,
    }
    report["ours_dates_removed"] = sweep(docs, ours(stripped, strip=True))
    report["ours_dates_kept"] = sweep(docs, ours(raw, strip=False))
    report["baseline_topic"] = split_scores(docs, docs["topic"].to_numpy())
    report["baseline_tfidf_average_removed"] = sweep(
        docs, lambda t: tfidf_average_linkage(stripped, t)
    )
    report["baseline_tfidf_average_kept"] = sweep(docs, lambda t: tfidf_average_linkage(raw, t))
    report["seconds"] = round(time.perf_counter() - t0, 1)
    print(
        f"{len(docs)} ECB+ documents, {report['n_stories']} gold stories, "
        f"{n_lines} date lines removed; tuned on topics 1-20, scored on 21-35"
    )
    for name in (
        "ours_dates_removed",
        "ours_dates_kept",
        "baseline_tfidf_average_removed",
        "baseline_tfidf_average_kept",
    ):
        r = report[name]
        s, o = r["scores"]["score_21_35"], r["oracle_scores"]["score_21_35"]
        print(
            f"  {name:32s} t={r['threshold']:.2f}  21-35: F1 {s['f1']:.3f} ARI {s['ari']:.3f} "
            f"(P {s['precision']:.3f} R {s['recall']:.3f}); 1-20 F1 "
            f"{r['scores']['tune_1_20']['f1']:.3f}; best t on 21-35 "
            f"{r['oracle_threshold_on_21_35']:.2f}: F1 {o['f1']:.3f}"
        )
    b = report["baseline_topic"]["score_21_35"]
    print(
        f"  {'baseline_one_story_per_topic':32s}         21-35: F1 {b['f1']:.3f} ARI {b['ari']:.3f}"
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / "story_eval.json"
    out.write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(f"  results: {out.relative_to(ROOT)}")
    return report


def tune_only(path) -> dict:
    """Development run: every figure is on topics 1-20 (the clustering still sees all 772)."""
    docs = pd.read_json(path, lines=True)
    docs = docs[docs["topic"] <= 35].reset_index(drop=True)  # never topics 36-45
    raw = docs["text"].tolist()
    stripped = [stories.strip_date_lines(t) for t in raw]
    t0 = time.perf_counter()
    report = {
        "ours_dates_removed": sweep(docs, ours(stripped, strip=True), tune_only=True),
        "ours_dates_kept": sweep(docs, ours(raw, strip=False), tune_only=True),
        "baseline_topic": split_scores(docs, docs["topic"].to_numpy(), ("tune_1_20",)),
        "baseline_tfidf_average_removed": sweep(
            docs, lambda t: tfidf_average_linkage(stripped, t), tune_only=True
        ),
    }
    report["seconds"] = round(time.perf_counter() - t0, 1)
    print(f"{len(docs)} ECB+ documents; TOPICS 1-20 ONLY (tuning split)")
    for name in ("ours_dates_removed", "ours_dates_kept", "baseline_tfidf_average_removed"):
        r = report[name]
        s = r["scores"]["tune_1_20"]
        grid = " ".join(f"{t}:{r['grid'][t]['tune_1_20']['f1']:.3f}" for t in r["grid"])
        f = r["folds"]
        each = "; ".join(f"{n[5:]} t={f[n]['threshold']:.2f} F1 {f[n]['f1']:.3f}" for n in FOLDS)
        print(
            f"  {name:32s} t={r['threshold']:.2f}  1-20: F1 {s['f1']:.3f} ARI {s['ari']:.3f} "
            f"(P {s['precision']:.3f} R {s['recall']:.3f})\n    F1 by threshold: {grid}\n"
            f"    cross-validated (4 folds of 5 topics): F1 {f['mean_f1']:.3f} "
            f"ARI {f['mean_ari']:.3f} ({each})"
        )
    b = report["baseline_topic"]["tune_1_20"]
    print(
        f"  {'baseline_one_story_per_topic':32s}         1-20: F1 {b['f1']:.3f} ARI {b['ari']:.3f}"
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / "story_eval_tune.json"
    out.write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(f"  {report['seconds']} s; results: {out.relative_to(ROOT)}")
    return report


if __name__ == "__main__":
    main()
