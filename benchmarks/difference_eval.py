"""Same or different: score the comparison engine on labelled sentence pairs.

Run: .venv/bin/python -m benchmarks.difference_eval --data FILE [--split dev|test|all]

FILE is a CSV with columns pair_id, text_a, text_b, label ("same" | "differs"), kinds
(semicolon-separated: polarity, referent, detail, quote_altered, quantity, time, attribution,
certainty, characterization) and optionally split ("dev" | "test"). Each pair goes through the
normal pipeline: the two texts are two articles -> crosscheck.claims.extract_claims ->
align_claims -> find_discrepancies.

Two questions, two rules (both reported):
- "noticeable difference" (the strict labels of FILE, tests/data/pairs/GUIDELINES.md: an
  analyst would notice anything, extra detail included): the engine says "same" when every row
  is a spelling-only entity_variant (severity 1), as for the agreements table (`any_row`).
- "same meaning, no substantive difference" (the core-claim labels of --core, paraphrase-style:
  one side may add compatible detail): the engine says "same" when the pair has no SUBSTANTIVE
  row (`substantive`). Substantive = severity >= 3 (a changed or conflicting fact: number,
  date, referent, polarity, quote words, certainty, a different source or a source dropped on a
  hedged claim, a statement only one side makes) or a one_source_* row of any severity (a claim
  of one text that has no matching claim in the other: the other does not make it at all).
  Rows of severity <= 2 inside an aligned pair are compatible additions or wording: a spelling
  variant, a modifier / participant / place / background clause / descriptor on one side, a
  number or time on one side only, a plain source on one side only, characterization.

Reported on the chosen split (default dev; only the integrator runs --split test):
- strict labels: "same" precision, recall, F1 and confusion counts under both rules;
- a tf-idf cosine baseline ("same" when cosine >= threshold), its threshold set on the dev rows
  of the same file in the same run (max F1 of "same"), and the F1 margin of the engine over it;
- with --core: the same for the core labels (same / partial / conflict; "same" is the positive
  class), the tf-idf threshold set on the dev rows' core labels, how many pairs of each class the
  engine calls "same", and conflict pairs with a row of severity >= 4;
- polarity recall at severity >= 4 (pairs labelled polarity with a polarity row of severity
  >= 4), referent recall (pairs labelled referent with a referent row), recall of every other
  labelled kind by the engine's matching kinds;
- the share of same-meaning pairs with a characterization row; per-class counts;
- with --hard-negatives FILE: the share of those pairs (two different events of one topic) in
  which any claims align (lower is better).
Writes benchmarks/results/difference_eval[_<name>].json. Prints no pair texts for split test.
"""

from __future__ import annotations

import argparse
import json
import warnings
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer

from crosscheck import claims as claims_mod
from crosscheck import discrepancies as disc

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
# labelled kind -> the engine's kinds that answer it
ENGINE_KINDS = {
    "polarity": {"polarity"},
    "referent": {"referent"},
    "detail": {"detail", "outcome", "one_source_unattributed", "one_source_attributed"},
    "quote_altered": {"quote_altered"},
    "quantity": {"quantity", "reference_point"},
    "time": {"time"},
    "attribution": {"attribution"},
    "certainty": {"certainty_shift"},
    "characterization": {"characterization"},
}


SUBSTANTIVE_SEVERITY = 3


def any_row(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows other than a spelling-only name variant (what keeps a pair out of agreements)."""
    minor = (rows["kind"] == "entity_variant") & (rows["severity"] <= 1)
    return rows[~minor]


def substantive(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows that make a pair differ in meaning (module docstring): severity >= 3, or a claim one
    text makes with no matching claim in the other (one_source_*)."""
    one_source = rows["kind"].astype(str).str.startswith("one_source")
    return rows[(rows["severity"] >= SUBSTANTIVE_SEVERITY) | one_source]


def claims_by_pair(pairs: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The claims of every pair (its two texts as articles `<pair_id>|a` and `<pair_id>|b`),
    by pair id; a pair whose texts give no claim is absent."""
    ids = pairs["pair_id"].astype(str).tolist()
    texts = zip(pairs["text_a"], pairs["text_b"], strict=True)
    articles = pd.DataFrame(
        {
            "article_id": [f"{p}|{s}" for p in ids for s in ("a", "b")],
            "text": [t for a, b in texts for t in (a, b)],
        }
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        claims = claims_mod.extract_claims(articles)
    return dict(iter(claims.groupby(claims["article_id"].str.rsplit("|", n=1).str[0])))


def engine_rows(pairs: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Discrepancy rows of every pair, through extract_claims -> align -> type."""
    by_pair = claims_by_pair(pairs)
    out = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for p in pairs["pair_id"].astype(str):
            group = by_pair.get(p)
            if group is None or group["article_id"].nunique() < 2:
                out[p] = pd.DataFrame({"kind": ["no_claims"], "severity": [5]})
                continue
            alignment = disc.align_claims(group)
            out[p] = disc.find_discrepancies(group, alignment)
    return out


def hard_negative_alignment(path: Path, split: str) -> dict:
    """Share of hard-negative pairs (two different events of one topic: must NOT align) in which
    align_claims aligns any claim of one text with a claim of the other."""
    neg = pd.read_csv(path)
    if split != "all" and "split" in neg.columns:
        neg = neg[neg["split"] == split]
    neg = neg.rename(columns={"neg_id": "pair_id"})
    aligned = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for group in claims_by_pair(neg).values():
            if group["article_id"].nunique() == 2:
                aligned += bool((disc.align_claims(group)["status"] == "aligned").any())
    n = len(neg)
    return {"pairs": n, "aligned": aligned, "share": round(aligned / max(n, 1), 3)}


def prf(pred: np.ndarray, gold: np.ndarray) -> dict:
    tp = int((pred & gold).sum())
    fp = int((pred & ~gold).sum())
    fn = int((~pred & gold).sum())
    tn = int((~pred & ~gold).sum())
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "tp": tp,
            "fp": fp, "fn": fn, "tn": tn}  # fmt: skip


def cosine(pairs: pd.DataFrame, vec: TfidfVectorizer) -> np.ndarray:
    a = vec.transform(pairs["text_a"].astype(str))
    b = vec.transform(pairs["text_b"].astype(str))
    return np.asarray(a.multiply(b).sum(axis=1)).ravel()


def baseline(dev: pd.DataFrame, test: pd.DataFrame, column: str = "label") -> dict:
    """tf-idf cosine ("same" when cosine >= threshold), fitted and thresholded on the dev rows
    only (the threshold that maximises F1 of "same" there), then applied to ``test``."""
    vec = TfidfVectorizer(sublinear_tf=True).fit(
        pd.concat([dev["text_a"], dev["text_b"]]).astype(str)
    )
    sims = cosine(dev, vec)
    gold = (dev[column] == "same").to_numpy()
    best = (-1.0, 1.0)
    for t in np.unique(np.round(sims, 3)):
        f = prf(sims >= t, gold)["f1"]
        if f > best[0]:
            best = (f, float(t))
    threshold = best[1]
    scores = prf(cosine(test, vec) >= threshold, (test[column] == "same").to_numpy())
    return {"threshold": round(threshold, 3), **scores}


def kind_recall(data: pd.DataFrame, rows: dict, kind: str, min_severity: int = 1) -> dict:
    want = ENGINE_KINDS[kind]
    hit = n = 0
    for pid, kinds in zip(data["pair_id"].astype(str), data["kinds"].fillna(""), strict=True):
        if kind not in kinds.split(";"):
            continue
        n += 1
        found = rows[pid]
        hit += bool(((found["kind"].isin(want)) & (found["severity"] >= min_severity)).any())
    return {"n": n, "found": hit, "recall": round(hit / n, 3) if n else None}


def evaluate(data: pd.DataFrame, dev: pd.DataFrame) -> dict:
    rows = engine_rows(data)
    ids = data["pair_id"].astype(str)
    gold = (data["label"] == "same").to_numpy()
    pred = np.array([any_row(rows[p]).empty for p in ids])
    same_ids = ids[gold]
    char = sum(bool((rows[p]["kind"] == "characterization").any()) for p in same_ids)
    engine = prf(pred, gold)
    base = baseline(dev, data)
    return {
        "pairs": len(data),
        "per_class": {k: int(v) for k, v in data["label"].value_counts().items()},
        "same_meaning": engine,
        "same_meaning_no_substantive_row": prf(
            np.array([substantive(rows[p]).empty for p in ids]), gold
        ),
        "tfidf_baseline": base,
        "f1_margin_over_baseline": round(engine["f1"] - base["f1"], 3),
        "polarity_recall_sev4": kind_recall(data, rows, "polarity", 4),
        "referent_recall": kind_recall(data, rows, "referent"),
        "kind_recall": {k: kind_recall(data, rows, k) for k in ENGINE_KINDS},
        "same_with_characterization": {
            "n_same": int(gold.sum()),
            "with_row": int(char),
            "share": round(char / gold.sum(), 3) if gold.sum() else None,
        },
        "engine_kinds": dict(
            Counter(k for p in ids for k in substantive(rows[p])["kind"].unique())
        ),
        "_rows": rows,
    }


def core_view(data: pd.DataFrame, core: pd.DataFrame, rows: dict, dev: pd.DataFrame) -> dict:
    """Scores against the core-claim labels (same / partial / conflict; "same" positive): the
    engine calls a pair "same" when it has no substantive row (module docstring); the tf-idf
    baseline's threshold is set on the dev rows' core labels; a conflict pair should get a row
    of severity 4 or more."""
    merged = data.merge(core[["pair_id", "core"]], on="pair_id", how="inner")
    dev_core = dev.merge(core[["pair_id", "core"]], on="pair_id", how="inner")
    ids = merged["pair_id"].astype(str)
    top = np.array([int(rows[p]["severity"].max()) if len(rows[p]) else 0 for p in ids])
    gold = (merged["core"] == "same").to_numpy()
    pred = np.array([substantive(rows[p]).empty for p in ids])
    strict = np.array([any_row(rows[p]).empty for p in ids])
    conflict = (merged["core"] == "conflict").to_numpy()
    engine = prf(pred, gold)
    base = baseline(dev_core, merged, "core")
    return {
        "pairs": len(merged),
        "per_class": {k: int(v) for k, v in merged["core"].value_counts().items()},
        "same_core_no_substantive_row": engine,
        "called_same_per_class": {
            k: int(pred[(merged["core"] == k).to_numpy()].sum())
            for k in ("same", "partial", "conflict")
        },
        "same_core_no_row_but_spelling": prf(strict, gold),
        "tfidf_baseline_threshold_from_dev": base,
        "f1_margin_over_baseline": round(engine["f1"] - base["f1"], 3),
        "conflict_recall_severity_4": {
            "n": int(conflict.sum()),
            "found": int((top[conflict] >= 4).sum()),
        },
    }


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, type=Path)
    parser.add_argument("--split", default="dev", choices=["dev", "test", "all"])
    parser.add_argument("--show", action="store_true", help="print misjudged pairs (not test)")
    parser.add_argument("--core", type=Path, help="core-claim labels (pair_id, core) to score too")
    parser.add_argument(
        "--hard-negatives", type=Path, help="pairs of different events (neg_id, text_a, text_b)"
    )
    args = parser.parse_args(argv)
    data = pd.read_csv(args.data)
    has_split = "split" in data.columns
    dev = data[data["split"] == "dev"] if has_split else data
    part = data if args.split == "all" or not has_split else data[data["split"] == args.split]
    if part.empty:
        raise SystemExit(f"{args.data}: no rows for split {args.split!r}")
    result = evaluate(part.reset_index(drop=True), dev.reset_index(drop=True))
    rows = result.pop("_rows")
    if args.core:
        core = pd.read_csv(args.core, keep_default_na=False, dtype=str)
        result["core_view"] = core_view(
            part.reset_index(drop=True), core, rows, dev.reset_index(drop=True)
        )
    if args.hard_negatives:
        result["hard_negatives_aligned"] = hard_negative_alignment(args.hard_negatives, args.split)
    result = {"data": str(args.data), "split": args.split if has_split else "all", **result}
    print(json.dumps(result, indent=1))
    if args.show and args.split != "test":
        show(part, rows)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"difference_eval_{args.data.stem}_{result['split']}.json"
    out.write_text(json.dumps(result, indent=1) + "\n")
    return result


def show(part: pd.DataFrame, rows: dict) -> None:
    for rec in part.itertuples(index=False):
        found = any_row(rows[str(rec.pair_id)])
        pred = "same" if found.empty else "differs"
        if pred != rec.label:
            kinds = ", ".join(
                f"{k}{s}" for k, s in zip(found["kind"], found["severity"], strict=True)
            )
            print(f"\n[{rec.pair_id}] gold={rec.label} ({rec.kinds}) engine={pred}: {kinds}")
            print("  A:", rec.text_a[:200])
            print("  B:", rec.text_b[:200])


if __name__ == "__main__":
    main()
