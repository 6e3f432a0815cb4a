"""Entity overrides reach every table: pairs, entities, speakers and discrepancies."""

import pandas as pd

from crosscheck.pipeline import Case
from crosscheck.review.overrides import apply_overrides


def _case():
    entities = pd.DataFrame(
        {
            "cluster_id": ["place:a", "place:a", "person:m", "person:m", "place:z", "place:y"],
            "canonical": ["Belovo", "Belovo", "Marta Lind", "Marta Lind", "Ostrava", "Ostrov"],
            "kind": ["place", "place", "person", "person", "place", "place"],
            "article_id": ["x", "y", "x", "y", "x", "y"],
            "surface": ["Belovo", "Bielova", "Lind", "Marta Lind", "Ostrava", "Ostrov"],
            "count": [1, 1, 3, 1, 1, 1],
            "match": ["same", "unresolved", "variant", "same", "same", "same"],
        }
    )
    pairs = pd.DataFrame(
        {
            "kind": ["place", "place"],
            "surface_a": ["Belovo", "Ostrava"],
            "surface_b": ["Bielova", "Ostrov"],
            "article_a": ["x", "x"],
            "article_b": ["y", "y"],
            "verdict": ["unresolved", "variant"],
            "score": [0.7, 0.9],
            "evidence": ["", ""],
        }
    )
    claims = pd.DataFrame(
        {"claim_id": ["x:1", "x:2", "y:1"], "speaker": ["Lind", "", "Marta Lind"]}
    )
    disc = pd.DataFrame(
        {
            "discrepancy_id": ["d1", "d2", "d3", "d4"],
            "kind": ["entity_variant", "attribution", "quantity", "entity_variant"],
            "value_a": ["Belovo", "Lind", "12", "Ostrava"],
            "value_b": ["‘Bielova’", "Marta Lind", "14", "Ostrov"],
            "severity": [5, 4, 3, 1],
            "explanation": ["names differ"] * 4,
        }
    )
    empty = pd.DataFrame()
    return Case(
        articles=empty, warnings=empty, claims=claims, entities=entities, entity_pairs=pairs,
        timeline=empty, events=empty, alignment=empty, discrepancies=disc, agreements=empty,
        provenance=empty, corroboration=empty,
    )  # fmt: skip


def _overrides(*rows):
    cols = ["action", "surface_a", "surface_b", "kind", "canonical", "analyst", "analyst_name"]
    cols += ["decision_id", "note"]
    return pd.DataFrame([dict(zip(cols, r, strict=True)) for r in rows], columns=cols)


MERGE = ("merge", "Bielova", "Belovo", "place", "", "nadia", "Nadia", "dec-1", "same village")
RENAME = ("rename", "Lind", "", "person", "Marta Lind", "nadia", "Nadia", "dec-2", "")
SPLIT = ("split", "Ostrava", "Ostrov", "place", "", "omar", "Omar", "dec-3", "two towns")


def test_a_merge_makes_the_pair_same_by_the_analyst_and_removes_its_discrepancy():
    case = apply_overrides(_case(), _overrides(MERGE))
    pair = case.entity_pairs.set_index("surface_a").loc["Belovo"]
    assert (pair["verdict"], pair["tool_verdict"]) == ("same", "unresolved")
    assert pair["decided_by"] == "analyst: Nadia"
    assert "d1" not in set(case.discrepancies["discrepancy_id"])
    gone = case.overridden.set_index("discrepancy_id").loc["d1"]
    assert (gone["override_action"], gone["override_decision"]) == ("merge", "dec-1")
    assert gone["override_note"] == "same village"
    ent = case.entities.set_index("surface").loc["Bielova"]
    assert ent["match"] == "same" and "Nadia" in ent["override"]


def test_a_rename_of_a_person_merges_the_speaker_everywhere():
    case = apply_overrides(_case(), _overrides(RENAME))
    assert list(case.claims["speaker"]) == ["Marta Lind", "", "Marta Lind"]
    assert list(case.claims["speaker_as_written"]) == ["Lind", "", "Marta Lind"]
    # the attribution row that only differed by the speaker's name is overridden
    assert "d2" in set(case.overridden["discrepancy_id"])
    assert {"d1", "d3", "d4"} == set(case.discrepancies["discrepancy_id"])


def test_a_split_keeps_the_row_at_full_severity_with_the_ruling():
    case = apply_overrides(_case(), _overrides(SPLIT))
    row = case.discrepancies.set_index("discrepancy_id").loc["d4"]
    assert row["severity"] == 5 and "split, analyst: Omar" in row["explanation"]
    assert case.entity_pairs.set_index("surface_a").loc["Ostrava", "verdict"] == "distinct"
    assert case.overridden.empty


def test_no_overrides_change_nothing_but_add_an_empty_overridden_table():
    before = _case()
    after = apply_overrides(before, None)
    pd.testing.assert_frame_equal(after.discrepancies, before.discrepancies)
    assert after.overridden.empty and "override_by" in after.overridden.columns
