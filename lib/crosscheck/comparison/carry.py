"""Decisions stay attached when the engine re-types a row.

``carry_decisions(current_decisions, discrepancies) -> DataFrame`` (one row per current
discrepancy decision and target): decision_id, analyst, verdict, old_id, old_kind, status,
new_id, new_kind, text_a, text_b, reason.

- ``kept``: the decision's item_id is still a row's discrepancy_id (IDs are stable: a row still
  found keeps its ID);
- ``carried``: the old row is gone, but a row of the same aligned claim pair (same texts, case and
  space folded) has a kind that the old kind may have been re-typed into (``RETYPED``: the
  recorded mapping, e.g. a `characterization` row of the old engine that is now `polarity`,
  `referent`, `detail` or `quote_altered`); the verdict is carried to each such row, with the
  mapping used in ``reason``;
- ``orphaned``: no row of that claim pair can take it; listed with the texts it was made on
  (never silently dropped).
The decision log itself is never rewritten (crosscheck.decisions is append-only).
"""

from __future__ import annotations

import pandas as pd

from crosscheck.comparison.normalise import norm, text_of

# old kind -> the kinds a row of that kind may have become (itself first)
RETYPED = {
    "characterization": (
        "characterization",
        "polarity",
        "referent",
        "role_reversal",
        "outcome",
        "detail",
        "quote_altered",
    ),
    "entity_variant": ("entity_variant", "referent"),
    "quantity": ("quantity", "reference_point", "detail"),
    "reference_point": ("reference_point", "quantity"),
    "time": ("time",),
    "attribution": ("attribution", "quote_altered"),
    "certainty_shift": ("certainty_shift", "polarity"),
    "one_source_unattributed": ("one_source_unattributed",),
    "one_source_attributed": ("one_source_attributed",),
}
CARRY_COLUMNS = [
    "decision_id", "analyst", "verdict", "old_id", "old_kind", "status", "new_id", "new_kind",
    "text_a", "text_b", "reason",
]  # fmt: skip


def carry_decisions(current_decisions: pd.DataFrame, discrepancies: pd.DataFrame) -> pd.DataFrame:
    """Each current discrepancy decision: kept, carried to re-typed rows, or orphaned."""
    if current_decisions is None or current_decisions.empty:
        return pd.DataFrame(columns=CARRY_COLUMNS)
    disc = discrepancies if isinstance(discrepancies, pd.DataFrame) else pd.DataFrame()
    ids = set(disc["discrepancy_id"].astype(str)) if len(disc) else set()
    by_pair: dict[tuple[str, str], list[dict]] = {}
    for rec in disc.to_dict("records") if len(disc) else []:
        key = (norm(rec.get("text_a")), norm(rec.get("text_b")))
        by_pair.setdefault(key, []).append(rec)
    out = []
    decisions = current_decisions
    if "item_kind" in decisions.columns:
        decisions = decisions[decisions["item_kind"] == "discrepancy"]
    for d in decisions.to_dict("records"):
        base = {
            "decision_id": text_of(d.get("decision_id")),
            "analyst": text_of(d.get("analyst")),
            "verdict": text_of(d.get("verdict")),
            "old_id": text_of(d.get("item_id")),
            "old_kind": text_of(d.get("kind")),
            "text_a": text_of(d.get("text_a")),
            "text_b": text_of(d.get("text_b")),
        }
        if base["old_id"] in ids:
            kind = next(
                r["kind"] for r in disc.to_dict("records") if r["discrepancy_id"] == base["old_id"]
            )
            out.append({**base, "status": "kept", "new_id": base["old_id"], "new_kind": kind,
                        "reason": "the row is still found (same ID)"})  # fmt: skip
            continue
        allowed = RETYPED.get(base["old_kind"], (base["old_kind"],))
        rows = by_pair.get((norm(base["text_a"]), norm(base["text_b"])), [])
        targets = [r for r in rows if r["kind"] in allowed]
        for r in targets:
            out.append({**base, "status": "carried", "new_id": r["discrepancy_id"],
                        "new_kind": r["kind"],
                        "reason": f"same aligned claim pair; {base['old_kind']} -> {r['kind']} "
                                  f"(recorded mapping RETYPED)"})  # fmt: skip
        if not targets:
            why = (
                "no row of this claim pair any more"
                if not rows
                else f"this claim pair now has only {sorted({r['kind'] for r in rows})}, "
                f"none a re-typing of {base['old_kind']!r}"
            )
            out.append({**base, "status": "orphaned", "new_id": "", "new_kind": "", "reason": why})
    return pd.DataFrame(out, columns=CARRY_COLUMNS)
