"""The role typer: one relation told with the participants the other way round.

All sentences are invented for these tests."""

import pytest

from typer_probe import typed as _typed


def _rows(a: str, b: str, only=("role_reversal",)) -> list[dict]:
    return _typed(a, b, only)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # same verb, passive on one side, roles swapped
        (
            "The Falcons beat the Rams on Sunday.",
            "The Falcons were defeated by the Rams on Sunday.",
        ),
        # converse verb with the roles swapped
        ("The Falcons beat the Rams on Sunday.", "The Falcons lost to the Rams on Sunday."),
        ("Acme Corp bought the Breadco bakery chain.", "Acme Corp was sold to Breadco."),
        # plain swap of subject and object
        ("The truck hit the bus near the bridge.", "The bus hit the truck near the bridge."),
        ("The bank lent money to the council.", "The bank borrowed money from the council."),
    ],
)
def test_reversed_roles_are_flagged(a, b):
    rows = _rows(a, b)
    assert len(rows) == 1
    assert rows[0]["severity"] == 5
    assert rows[0]["kind"] == "role_reversal"
    assert rows[0]["value_a"] and rows[0]["value_b"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # voice changed, roles kept
        (
            "The Falcons beat the Rams on Sunday.",
            "The Rams were defeated by the Falcons on Sunday.",
        ),
        ("Police arrested the driver near the bridge.", "The driver was arrested by police."),
        # converse verb, roles kept
        ("The Falcons beat the Rams on Sunday.", "The Rams lost to the Falcons on Sunday."),
        ("Acme Corp bought the Breadco bakery chain.", "Breadco was sold to Acme Corp."),
        ("The Rovers hired a new coach, Tim Banks.", "Tim Banks joined the Rovers as coach."),
        # a headline's passive without auxiliary has one role only: never read as reversed
        ("Police arrested the goalkeeper Mark Dunn.", "Goalkeeper Mark Dunn arrested on Friday"),
        # an intransitive verb folded with a transitive one (die / kill)
        ("A cyclist died on the ring road.", "A lorry killed a cyclist on the ring road."),
    ],
)
def test_kept_roles_are_quiet(a, b):
    assert _rows(a, b) == []


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Acme Corp bought the Breadco bakery chain.", "Breadco was sold to Acme Corp."),
        ("The Falcons beat the Rams on Sunday.", "The Rams lost to the Falcons on Sunday."),
    ],
)
def test_a_converse_wording_is_no_substantive_difference(a, b):
    rows = _typed(a, b)
    assert [r for r in rows if r["severity"] >= 3] == []


def test_a_reversed_converse_pair_is_one_role_row_not_a_polarity_flip():
    rows = _typed("Acme Corp bought the Breadco chain.", "Acme Corp was sold to Breadco.")
    kinds = [r["kind"] for r in rows if r["severity"] >= 3]
    assert kinds == ["role_reversal"]


def test_a_plain_antonym_is_still_a_polarity_flip():
    rows = _rows("Acme Corp bought shares in Breadco.", "Acme Corp sold shares in Breadco.",
                 only=("role_reversal", "polarity"))  # fmt: skip
    assert [r["kind"] for r in rows] == ["polarity"]


def test_antonyms_with_two_different_actors_are_no_polarity_flip():
    rows = _rows(
        "The Hornets fired coach Dan Ruiz in May.",
        "The Comets hired coach Dan Ruiz in May.",
        only=("polarity",),
    )
    assert rows == []
    rows = _rows(
        "The Hornets fired coach Dan Ruiz in May.",
        "The Hornets hired coach Dan Ruiz in May.",
        only=("polarity",),
    )
    assert [r["kind"] for r in rows] == ["polarity"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Anna Petrov met Tom Ward in Geneva.", "Tom Ward met Anna Petrov in Geneva."),
        ("The Rovers played the Falcons on Sunday.", "The Falcons played the Rovers on Sunday."),
    ],
)
def test_symmetric_verbs_are_never_reversed(a, b):
    """A meeting or a match reads the same either way round (lexicon symmetric_verbs)."""
    assert _rows(a, b) == []
