"""Agreement between the first and the second labeller of each labelled development set.

.venv/bin/python -m benchmarks.agreement

Each set's second labeller worked from the written guideline and the texts only (never the first
labels). Reports Cohen's kappa on categorical labels, Spearman on ratings, and exact agreement on
strings (TIMEX3 values, source heads).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from scipy.stats import spearmanr
from sklearn.metrics import cohen_kappa_score

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"


def _csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, keep_default_na=False, dtype=str)


def _jsonl(path: Path) -> pd.DataFrame:
    return pd.DataFrame([json.loads(line) for line in path.read_text().splitlines() if line])


def certainty() -> dict:
    first = _csv(DATA / "certainty" / "certainty.csv")
    second = _csv(DATA / "certainty" / "second" / "certainty_second.csv")
    m = first.merge(second, on="sid", suffixes=("_1", "_2"))
    r1, r2 = m["rating_1"].astype(int), m["rating_2"].astype(int)
    return {
        "items": len(m),
        "rating_spearman": round(float(spearmanr(r1, r2).statistic), 3),
        "rating_exact": round(float((r1 == r2).mean()), 3),
        "rating_within_1": round(float(((r1 - r2).abs() <= 1).mean()), 3),
        "level_kappa": round(float(cohen_kappa_score(m["level_1"], m["level_2"])), 3),
    }


def _head(s) -> str:
    return str(s or "").strip().split()[-1].lower() if str(s or "").strip() else ""


def attribution() -> dict:
    first = _jsonl(DATA / "attribution" / "attribution.jsonl")
    second = _jsonl(DATA / "attribution" / "second" / "attribution_second.jsonl")
    m = first.merge(second, on="sid", suffixes=("_1", "_2"))
    both = m[m["attributed_1"] & m["attributed_2"]]
    pairs = zip(both["source_head_1"], both["source_head_2"], strict=True)
    heads = [_head(a) == _head(b) for a, b in pairs]
    return {
        "items": len(m),
        "attributed_kappa": round(cohen_kappa_score(m["attributed_1"], m["attributed_2"]), 3),
        "kind_kappa": round(float(cohen_kappa_score(m["kind_1"], m["kind_2"])), 3),
        "both_attributed": len(both),
        "source_head_agreement": round(sum(heads) / max(len(heads), 1), 3),
    }


def timex() -> dict:
    first = _csv(DATA / "ecbplus_timex" / "timex_values.csv")
    second = _csv(DATA / "ecbplus_timex" / "second" / "timex_second.csv")
    m = first.merge(second, on=["doc_id", "mention_id"], suffixes=("_1", "_2"))
    return {
        "items": len(m),
        "type_kappa": round(float(cohen_kappa_score(m["timex_type_1"], m["timex_type_2"])), 3),
        "value_exact": round(float((m["value_1"] == m["value_2"]).mean()), 3),
    }


KINDS = ("polarity", "referent", "detail", "quote_altered", "quantity", "time", "attribution")
KINDS += ("certainty", "characterization")


def pairs() -> dict:
    first = _csv(DATA / "pairs" / "pairs.csv")
    second = _csv(DATA / "pairs" / "second" / "second_labels.csv")
    m = first.merge(second, on="pair_id", suffixes=("_1", "_2"))
    out = {"items": len(m), "label_exact": round(float((m["label_1"] == m["label_2"]).mean()), 3)}
    for kind in KINDS:
        a, b = m["kinds_1"].str.contains(kind), m["kinds_2"].str.contains(kind)
        if a.any() or b.any():
            out[f"{kind}_kappa"] = round(cohen_kappa_score(a, b), 3)
    return out


def main() -> None:
    sets = (("certainty", certainty), ("attribution", attribution), ("timex", timex))
    for name, fn in sets + (("pairs", pairs),):
        print(name, json.dumps(fn()))


if __name__ == "__main__":
    main()
