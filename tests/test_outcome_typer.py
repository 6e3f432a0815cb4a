"""The outcome typer: main predicates of aligned claims in different event_equivalents groups.

All sentences are invented for these tests."""

import pytest

from crosscheck.comparison.typers import type_pair, typers


def _outcome(a: str, b: str) -> list[dict]:
    return [r for r in type_pair({"text": a}, {"text": b}, only=("outcome",))]


@pytest.mark.parametrize(
    ("a", "b", "words"),
    [
        (
            "Officers arrested the bus driver on Monday.",
            "Officers charged the bus driver on Monday.",
            ("arrested", "charged"),
        ),
        (
            "Four hikers were injured in the avalanche.",
            "Four hikers were killed in the avalanche.",
            ("injured", "killed"),
        ),
        (
            "The trade secretary resigned last week.",
            "The trade secretary was sacked last week.",
            ("resigned", "sacked"),
        ),
    ],
)
def test_different_outcomes_are_flagged(a, b, words):
    rows = _outcome(a, b)
    assert len(rows) == 1
    r = rows[0]
    assert r["severity"] == 4
    assert (r["value_a"], r["value_b"]) == words
    assert words[0] in r["explanation"] and words[1] in r["explanation"]
    assert "(" in r["explanation"]  # the groups are named


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Officers arrested the bus driver on Monday.", "Officers detained the bus driver."),
        ("Four hikers died in the avalanche.", "Four hikers were killed in the avalanche."),
        ("The trade secretary resigned last week.", "The trade secretary stepped down."),
        ("Officers arrested and charged the bus driver.", "Officers charged the bus driver."),
        ("A gunman shot two guards.", "A gunman killed two guards."),
        ("The visitors beat the hosts 3-1.", "The visitors won 3-1 against the hosts."),
        ("The trade secretary did not resign.", "The trade secretary was sacked."),
    ],
)
def test_same_or_compatible_outcomes_are_quiet(a, b):
    assert _outcome(a, b) == []


def test_an_outcome_one_side_also_states_elsewhere_is_no_conflict():
    a = "The bus driver, who was arrested on Sunday, was charged on Monday."
    b = "Officers arrested the bus driver on Sunday."
    assert _outcome(a, b) == []


def test_antonyms_stay_a_polarity_row_not_an_outcome_row():
    a, b = {"text": "Grain exports rose in May."}, {"text": "Grain exports fell in May."}
    rows = type_pair(a, b, only=("polarity", "outcome"))
    kinds = [r["kind"] for r in rows]
    assert "polarity" in kinds
    assert "outcome" not in kinds


def test_outcome_typer_is_registered_after_polarity():
    order = [t.kind for t in typers()]
    assert order.index("polarity") < order.index("outcome")


def test_headline_participles_are_main_predicates():
    rows = _outcome("Three injured in ferry fire", "Three killed in ferry fire")
    assert [(r["value_a"], r["value_b"]) for r in rows] == [("injured", "killed")]


def test_outcomes_of_different_participants_are_stages_not_a_conflict():
    a = "A gunman shot and killed three shoppers at a mall."
    b = "Gunman Convicted Over Mall Attack"
    assert _outcome(a, b) == []


def test_passive_and_active_voice_name_the_same_participant():
    rows = _outcome("Customs officers detained the captain.", "The captain was indicted.")
    assert [r["detail"] for r in rows] == [
        "outcome groups 'arrest' / 'charge' (lexicon event_equivalents)"
    ]


def test_a_fall_and_its_result_are_no_different_outcome():
    assert (
        _outcome(
            "A window cleaner fell from the scaffold in Hull on Friday.",
            "A window cleaner died in Hull on Friday.",
        )
        == []
    )


@pytest.mark.timeout(120)
def test_a_very_long_claim_is_typed_without_a_quadratic_scan():
    long = "Officers arrested " + " and ".join(["the driver"] * 1500) + "."
    rows = _outcome(long, "Officers charged the driver.")
    assert all(r["kind"] == "outcome" for r in rows)
