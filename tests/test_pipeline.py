"""The pipeline chains every stage: the seed case end to end."""

from pathlib import Path

import pytest

from crosscheck import pipeline
from crosscheck.load import LoadError

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def case():
    return pipeline.run_case([ROOT / "data" / "articles"])


def test_every_table_is_keyed_to_the_claims(case):
    claim_ids = set(case.claims["claim_id"])
    assert set(case.timeline["claim_id"]) <= claim_ids
    assert set(case.events["claim_id"]) == claim_ids
    aligned = case.alignment[case.alignment["status"] == "aligned"]
    assert set(aligned["claim_a"]) | set(aligned["claim_b"]) <= claim_ids
    assert set(case.corroboration["claim_id"]) == claim_ids


def test_agreements_carry_independent_source_counts(case):
    assert {"n_sources", "n_independent"} <= set(case.agreements.columns)
    assert (case.agreements["n_independent"] <= case.agreements["n_sources"]).all()


def test_output_tables_follow_the_contract(case):
    tables = pipeline.output_tables(case)
    assert list(tables["claims.csv"].columns) == pipeline.CLAIMS_COLUMNS
    assert tables["articles.csv"]["n_claims"].sum() == len(case.claims)


def test_nothing_loadable_is_a_load_error(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    with pytest.raises(LoadError, match="empty.txt"):
        pipeline.run_case([tmp_path])


def test_run_case_applies_entity_overrides_from_a_decision_log(tmp_path):
    from crosscheck.decisions import DecisionLog

    log = DecisionLog(tmp_path, read_only=False)
    log.append_override(
        "ana", "rename", "Vneshenka", kind="place", canonical="Vneshenka (unverified)"
    )
    case = pipeline.run_case([ROOT / "data" / "articles"], decisions=tmp_path)
    renamed = case.entities[case.entities["surface"] == "Vneshenka"]
    assert set(renamed["canonical"]) == {"Vneshenka (unverified)"}
