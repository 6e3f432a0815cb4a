"""Progress and agreement as readable tables (the live views of the panel render these).

progress_table(items, current) -> one row per analyst: analyst, items decided, of (items in
    the queue), share, real / benign / same / follow-up / mixed counts
agreement_table(current) -> one row for all kinds, then one per discrepancy kind: kind,
    analysts, items (decided by 2+), observed agreement, Cohen's kappa (two analysts; the mean
    over pairs for three or more), Krippendorff's alpha (nominal), note
"""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pandas as pd

from crosscheck.decisions import DISCREPANCY_VERDICTS, _cohen_kappa, agreement
from crosscheck.review.export import VERDICT_LABELS
from crosscheck.review.items import item_decisions

AGREEMENT_COLUMNS = ["kind", "analysts", "items", "observed agreement", "Cohen's kappa",
                     "Krippendorff's alpha", "note"]  # fmt: skip


def progress_table(items: pd.DataFrame, current: pd.DataFrame) -> pd.DataFrame:
    decided = item_decisions(items, current)
    analysts = sorted({who for by in decided.values() for who in by})
    rows = []
    for who in analysts:
        verdicts = [by[who][0] for by in decided.values() if who in by]
        done = [v for v in verdicts if v in DISCREPANCY_VERDICTS or v == "mixed"]
        row = {"analyst": who, "items decided": len(done), "of": len(items)}
        row["share"] = f"{len(done) / max(len(items), 1):.0%}"
        for v in (*DISCREPANCY_VERDICTS, "mixed"):
            row[VERDICT_LABELS.get(v, v)] = sum(x == v for x in verdicts)
        rows.append(row)
    return pd.DataFrame(rows)


def _kappa_pairs(table: pd.DataFrame) -> float:
    values = []
    for a, b in combinations(table.columns, 2):
        both = table[[a, b]].dropna()
        if len(both):
            values.append(_cohen_kappa(list(both[a]), list(both[b])))
    values = [v for v in values if not np.isnan(v)]
    return float(np.mean(values)) if values else float("nan")


def _alpha(table: pd.DataFrame) -> float:
    import krippendorff

    codes = {v: i for i, v in enumerate(DISCREPANCY_VERDICTS)}
    matrix = table.T.map(lambda v: codes.get(v, np.nan)).to_numpy(dtype=float)
    if len(set(matrix[~np.isnan(matrix)])) < 2:
        return float("nan")
    return float(
        krippendorff.alpha(
            reliability_data=matrix, level_of_measurement="nominal",
            value_domain=list(codes.values()),
        )
    )  # fmt: skip


def _row(kind: str, rows: pd.DataFrame) -> dict:
    summary = agreement(rows)
    table = rows.pivot(index="item_id", columns="analyst", values="verdict") if len(rows) else None
    shared = table[table.notna().sum(axis=1) >= 2] if table is not None else None
    ok = shared is not None and len(shared) > 0
    return {
        "kind": kind,
        "analysts": ", ".join(summary["analysts"]),
        "items": summary["n_items"],
        "observed agreement": summary["observed_agreement"],
        "Cohen's kappa": _kappa_pairs(shared) if ok else float("nan"),
        "Krippendorff's alpha": _alpha(shared) if ok else float("nan"),
        "note": summary["message"],
    }


def agreement_table(current: pd.DataFrame) -> pd.DataFrame:
    if current is None or current.empty:
        return pd.DataFrame([{"kind": "all kinds", "note": "no decisions yet"}],
                            columns=AGREEMENT_COLUMNS)  # fmt: skip
    rows = current[current["item_kind"] == "discrepancy"]
    out = [_row("all kinds", rows)]
    for kind, group in rows.groupby("kind", sort=True):
        out.append(_row(str(kind) or "(unknown)", group))
    table = pd.DataFrame(out, columns=AGREEMENT_COLUMNS)
    for col in ("observed agreement", "Cohen's kappa", "Krippendorff's alpha"):
        table[col] = table[col].astype(float).round(2)
    return table
