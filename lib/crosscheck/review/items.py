"""Review items: one item per aligned claim pair (or per one-source claim), with all its kinds.

review_items(discrepancies) -> items table, most severe first:
    item_id str ("pair|<claim_a>|<claim_b>"), discrepancy_ids list[str], kinds list[str],
    kind str (the kinds joined by ", "), severity int (the highest), article_a, article_b,
    claim_a, claim_b, text_a, text_b (of the first row), values list[(kind, value_a, value_b)],
    explanations list[str], n int (discrepancies covered)
item_decisions(items, current) -> {item_id: {analyst: (verdict, note)}}
    an analyst's verdict on an item: the verdict given to every discrepancy it covers, "mixed"
    when they differ, "partial" when some are undecided; the note is the analyst's latest note.

A verdict on an item is recorded against each discrepancy_id it covers (one log line each), so
decisions made per discrepancy before items existed still attach to their item.
"""

from __future__ import annotations

import pandas as pd

from crosscheck.review import export

ITEM_COLUMNS = [
    "item_id", "discrepancy_ids", "kinds", "kind", "severity", "article_a", "article_b",
    "claim_a", "claim_b", "text_a", "text_b", "values", "explanations", "n",
]  # fmt: skip


def _s(value) -> str:
    return export._text(value)


def item_id_of(claim_a, claim_b) -> str:
    return f"pair|{_s(claim_a)}|{_s(claim_b)}"


def review_items(discrepancies: pd.DataFrame) -> pd.DataFrame:
    """One row per claim pair (module doc)."""
    export.require_columns(discrepancies)
    if discrepancies.empty:
        return pd.DataFrame(columns=ITEM_COLUMNS)
    ordered = export.sort_by_severity(discrepancies)
    groups: dict[str, list[dict]] = {}
    for rec in ordered.to_dict("records"):
        groups.setdefault(item_id_of(rec.get("claim_a"), rec.get("claim_b")), []).append(rec)
    rows = []
    for item_id, recs in groups.items():
        first = recs[0]
        rows.append(
            {
                "item_id": item_id,
                "discrepancy_ids": [str(r["discrepancy_id"]) for r in recs],
                "kinds": [str(r["kind"]) for r in recs],
                "kind": ", ".join(dict.fromkeys(str(r["kind"]) for r in recs)),
                "severity": max(
                    int(pd.to_numeric(r["severity"], errors="coerce") or 0) for r in recs
                ),  # fmt: skip
                **{
                    k: _s(first.get(k))
                    for k in ("article_a", "article_b", "claim_a", "claim_b", "text_a", "text_b")
                },  # fmt: skip
                "values": [
                    (str(r["kind"]), _s(r.get("value_a")), _s(r.get("value_b"))) for r in recs
                ],  # fmt: skip
                "explanations": [_s(r.get("explanation")) for r in recs],
                "n": len(recs),
            }
        )
    items = pd.DataFrame(rows, columns=ITEM_COLUMNS)
    return items.sort_values("severity", ascending=False, kind="stable").reset_index(drop=True)


def item_decisions(items: pd.DataFrame, current: pd.DataFrame) -> dict[str, dict]:
    """{item_id: {analyst: (verdict, note)}} from current discrepancy decisions (module doc)."""
    if current is None or current.empty or items.empty:
        return {}
    rows = current[current["item_kind"] == "discrepancy"]
    by_id: dict[str, dict[str, tuple]] = {}
    for item, who, verdict, note, stamp in zip(
        rows["item_id"],
        rows["analyst"],
        rows["verdict"],
        rows["note"],
        rows["timestamp"],
        strict=True,
    ):
        by_id.setdefault(item, {})[who] = (verdict, _s(note), stamp)
    out: dict[str, dict] = {}
    for item_id, ids in zip(items["item_id"], items["discrepancy_ids"], strict=True):
        analysts = {who for i in ids for who in by_id.get(i, {})}
        for who in analysts:
            got = [by_id[i][who] for i in ids if who in by_id.get(i, {})]
            verdicts = {g[0] for g in got}
            verdict = verdicts.pop() if len(verdicts) == 1 else "mixed"
            if len(got) < len(ids) and verdict != "mixed":
                verdict = "partial"
            note = max(got, key=lambda g: g[2])[1]
            out.setdefault(item_id, {})[who] = (verdict, note)
    return out
