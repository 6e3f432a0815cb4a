"""Decisions made before the engine re-typed rows stay attached (kept, carried or orphaned)."""

from __future__ import annotations

import hashlib
import json

import pandas as pd

from crosscheck import discrepancies as disc
from crosscheck.comparison.carry import carry_decisions
from crosscheck.comparison.normalise import norm
from crosscheck.decisions import DecisionLog


def old_id(kind, art_a, art_b, text_a, text_b, va, vb) -> str:
    """The ID formula of the engine before the re-typing (kind|articles|texts|values)."""
    key = "|".join([kind, art_a, art_b, norm(text_a), norm(text_b), norm(va), norm(vb)])
    return "d-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


TA = "Twelve sailors drowned when the ferry capsized near the harbour."
TB = "Fifteen sailors drowned when the ferry capsized near the harbour."
PA = "The council approved the new bridge over the river."
PB = "The council rejected the new bridge over the river."


def test_old_log_is_kept_carried_or_orphaned(tmp_path):
    claims = pd.DataFrame(
        [
            {"claim_id": "a:1", "article_id": "a", "text": TA},
            {"claim_id": "a:2", "article_id": "a", "text": PA},
            {"claim_id": "b:1", "article_id": "b", "text": TB},
            {"claim_id": "b:2", "article_id": "b", "text": PB},
        ]
    )
    alignment = disc.align_claims(claims)
    found = disc.find_discrepancies(claims, alignment)
    q = found[found["kind"] == "quantity"].iloc[0]
    # an old-format (v0) log: no version, discrepancy_id, IDs computed the old way
    lines = [
        {"discrepancy_id": old_id("quantity", "a", "b", TA, TB, q["value_a"], q["value_b"]),
         "analyst": "rk", "verdict": "real_discrepancy", "timestamp": "2026-01-05T10:00:00Z",
         "kind": "quantity", "text_a": TA, "text_b": TB},
        {"discrepancy_id": old_id("characterization", "a", "b", PA, PB, "approved", "rejected"),
         "analyst": "rk", "verdict": "real_discrepancy", "timestamp": "2026-01-05T10:01:00Z",
         "kind": "characterization", "text_a": PA, "text_b": PB, "value_a": "approved",
         "value_b": "rejected"},
        {"discrepancy_id": old_id("characterization", "a", "b", "Gone.", "Away.", "", ""),
         "analyst": "rk", "verdict": "benign_variant", "timestamp": "2026-01-05T10:02:00Z",
         "kind": "characterization", "text_a": "Gone.", "text_b": "Away."},
    ]  # fmt: skip
    (tmp_path / "rk.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines))
    log = DecisionLog(tmp_path, read_only=True)
    carried = carry_decisions(log.current(), found)
    assert len(carried) >= 3
    status = dict(zip(carried["old_id"], carried["status"], strict=False))
    assert status[lines[0]["discrepancy_id"]] == "kept"
    assert status[lines[2]["discrepancy_id"]] == "orphaned"
    orphan = carried[carried["status"] == "orphaned"].iloc[0]
    assert orphan["text_a"] == "Gone." and orphan["verdict"] == "benign_variant"
    retyped = carried[carried["old_id"] == lines[1]["discrepancy_id"]]
    pair_rows = found[(found["text_a"] == PA) & (found["text_b"] == PB)]
    if len(pair_rows):  # the re-typed row(s) of that claim pair take the verdict
        assert set(retyped["status"]) == {"carried"}
        assert set(retyped["new_id"]) <= set(pair_rows["discrepancy_id"])
        assert (retyped["verdict"] == "real_discrepancy").all()
    else:
        assert set(retyped["status"]) == {"orphaned"}
    # nothing dropped: every decision appears
    assert {x["discrepancy_id"] for x in lines} == set(carried["old_id"])
