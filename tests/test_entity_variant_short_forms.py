"""entity_variant severity for places the gazetteer lacks: a standard news short form of one
place ('Calif.' / 'California') is a spelling variant (1); an unknown variant stays severe."""

from crosscheck.comparison.typers.entity_variant import judged_rows
from crosscheck.entities import compare_names


def _row(a: str, b: str) -> dict:
    # as the case's entity table gives it: neither name found in the gazetteer
    res = {**compare_names(a, b, "place"), "gazetteer": {"a": "not_found", "b": "not_found"}}
    rows = judged_rows([((a, "GPE"), (b, "GPE"), res)])
    assert len(rows) == 1, rows
    return rows[0]


def test_a_state_short_form_is_a_minor_variant():
    row = _row("Fresno, Calif.", "Fresno, California")
    assert row["severity"] == 1


def test_an_unknown_place_spelled_two_ways_stays_severe():
    row = _row("Dovbrynka", "Dobrynka")
    assert row["severity"] == 5
