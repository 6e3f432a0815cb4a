"""Quantity and time rows against the labelled real sentence pairs (development split only).

Run: PYTHONPATH=lib python -m benchmarks.quantity_time_eval [--data FILE] [--split dev]

Data: tests/data/pairs/pairs.csv (label, kinds per pair; see tests/data/pairs/GUIDELINES.md).
Each pair's two sentences become two one-article cases; claims are extracted as usual and each
side's claims are merged into one claim (text = the sentence; entities, quantities and times
concatenated), so the typers judge the given pair. A pair is predicted to have a `quantity`
(`time`) difference when the typers return a row of that kind. Reports precision / recall / F1
per kind and, with tests/data/pairs/second/core_labels.csv, how often the kind fires in pairs whose
core claim is the same vs in conflict. The frozen test split is refused unless --split test is
given explicitly (never used while developing).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from crosscheck import claims as claims_mod
from crosscheck.comparison.names import EntityJudge
from crosscheck.comparison.typers import type_pair
from crosscheck.comparison.views import claim_view

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ROOT / "tests" / "data" / "pairs" / "pairs.csv"
CORE = ROOT / "tests" / "data" / "pairs" / "second" / "core_labels.csv"
KINDS = ("quantity", "time")


def side_claims(pairs: pd.DataFrame) -> dict[str, dict]:
    """One merged claim row per (pair, side)."""
    arts = []
    for rec in pairs.itertuples(index=False):
        for side in ("a", "b"):
            arts.append({"article_id": f"{rec.pair_id}{side}", "text": getattr(rec, f"text_{side}"),
                         "published": "", "headline": "", "path": ""})  # fmt: skip
    claims = claims_mod.extract_claims(pd.DataFrame(arts))
    out = {}
    for art in arts:
        rows = claims[claims["article_id"] == art["article_id"]]
        merged = {"claim_id": art["article_id"], "article_id": art["article_id"],
                  "text": art["text"], "entities": [], "quantities": [], "times": []}  # fmt: skip
        for col in ("entities", "quantities", "times"):
            for cell in rows[col]:
                merged[col].extend(cell)
        out[art["article_id"]] = merged
    return out


def predict(pairs: pd.DataFrame) -> pd.DataFrame:
    merged = side_claims(pairs)
    judge = EntityJudge(None)
    rows = []
    for rec in pairs.itertuples(index=False):
        a = claim_view(merged[f"{rec.pair_id}a"], {}, judge)
        b = claim_view(merged[f"{rec.pair_id}b"], {}, judge)
        found = type_pair(a, b, judge, only=KINDS)
        kinds = {r["kind"] for r in found}
        gold = set(str(rec.kinds).split(";")) if isinstance(rec.kinds, str) else set()
        shown = " | ".join(f"{r['kind']}:{r['value_a']}/{r['value_b']}" for r in found)
        rows.append(
            {
                "pair_id": rec.pair_id,
                **{f"pred_{k}": k in kinds for k in KINDS},
                **{f"gold_{k}": k in gold for k in KINDS},
                "rows": shown,
            }
        )
    return pd.DataFrame(rows)


def scores(pred: pd.DataFrame) -> pd.DataFrame:
    out = []
    for k in KINDS:
        p, g = pred[f"pred_{k}"], pred[f"gold_{k}"]
        tp, fp, fn = int((p & g).sum()), int((p & ~g).sum()), int((~p & g).sum())
        prec = tp / (tp + fp) if tp + fp else float("nan")
        rec = tp / (tp + fn) if tp + fn else float("nan")
        f1 = 2 * prec * rec / (prec + rec) if tp else 0.0
        out.append(
            {"kind": k, "gold": int(g.sum()), "predicted": int(p.sum()), "tp": tp,
             "precision": round(prec, 3), "recall": round(rec, 3), "f1": round(f1, 3)}
        )  # fmt: skip
    return pd.DataFrame(out)


def core_view(pred: pd.DataFrame) -> pd.DataFrame:
    core = pd.read_csv(CORE)[["pair_id", "core"]]
    merged = pred.merge(core, on="pair_id")
    return (
        merged.groupby("core")[[f"pred_{k}" for k in KINDS]]
        .mean()
        .round(3)
        .assign(n=merged.groupby("core").size())
    )


def main(argv=None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=str(PAIRS))
    ap.add_argument("--split", default="dev")
    ap.add_argument("--show", default="", help="print pairs with a false positive/negative of KIND")
    args = ap.parse_args(argv)
    pairs = pd.read_csv(args.data)
    pairs = pairs[pairs["split"] == args.split]
    pred = predict(pairs)
    print(f"{args.data} split={args.split}: {len(pairs)} pairs")
    print(scores(pred).to_string(index=False))
    print(core_view(pred).to_string())
    if args.show and args.split == "dev":
        k = args.show
        bad = pred[pred[f"pred_{k}"] != pred[f"gold_{k}"]].merge(pairs, on="pair_id")
        for r in bad.itertuples(index=False):
            tag = "FP" if getattr(r, f"pred_{k}") else "FN"
            print(f"\n{tag} {r.pair_id} gold={r.kinds} wa={r.words_a!r} wb={r.words_b!r}")
            print("  A:", r.text_a, "\n  B:", r.text_b, "\n  rows:", r.rows)


if __name__ == "__main__":
    main()
