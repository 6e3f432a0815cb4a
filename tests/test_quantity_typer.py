"""Quantity typer and the amounts reader, on invented sentences."""

from __future__ import annotations

import math

import pytest

from crosscheck.comparison.typers import type_pair
from crosscheck.text.amounts import amounts, compatible


def _views(text_a, text_b):
    import pandas as pd

    from crosscheck.comparison.names import EntityJudge
    from crosscheck.comparison.views import claim_view

    claims = pd.DataFrame(
        [
            {"claim_id": "a:0", "article_id": "a", "text": text_a},
            {"claim_id": "b:0", "article_id": "b", "text": text_b},
        ]
    )
    judge = EntityJudge(None)
    rows = claims.to_dict("records")
    return claim_view(rows[0], {}, judge), claim_view(rows[1], {}, judge), judge


def quantity(text_a, text_b):
    a, b, judge = _views(text_a, text_b)
    return [r for r in type_pair(a, b, judge, only=("quantity",)) if r["kind"] == "quantity"]


def test_ranges_and_modifiers_read_as_intervals():
    found = {x.text.strip(): (x.low, x.high) for x in amounts(
        "Between 12 and 18 sailors, roughly 50 boats, at least 7 trucks, up to 9 barges and "
        "nearly 400 crates were counted 3-4 km offshore."
    )}  # fmt: skip
    assert found["Between 12 and 18"] == (12, 18)
    assert found["roughly 50"] == pytest.approx((45, 55))
    assert found["at least 7"][0] == 7 and math.isinf(found["at least 7"][1])
    assert found["up to 9"] == (0, 9)
    assert found["nearly 400"][1] == 400 and found["nearly 400"][0] < 400
    assert found["3-4 km"] == (3000, 4000)


def test_number_words_and_vague_plurals():
    xs = amounts("A dozen lorries, two hundred fifty sheep and hundreds of goats")
    assert [(x.low, x.high) for x in xs] == [(12, 12), (250, 250), (200, 999)]


def test_years_clock_times_and_names_are_not_amounts():
    assert amounts("In 1998 the 49ers left at 4:15 on flight AB-320.") == []


def test_units_convert_and_currencies_stay_apart():
    miles, km = amounts("a 10 miles walk")[0], amounts("a 16 km walk")[0]
    assert compatible(miles, km)
    usd, eur = amounts("it cost $40 million")[0], amounts("it cost 40 million euros")[0]
    assert not compatible(usd, eur)


@pytest.mark.parametrize(
    ("text_a", "text_b"),
    [
        ("Four of the injured were flown out.", "Four injured were flown out."),
        ("Some 300 farmers marched.", "About 310 farmers marched."),
        ("Between 20 and 30 farmers marched.", "25 farmers marched."),
        ("More than 70 farmers marched.", "Around 80 farmers marched."),
        ("Eleven sailors drowned.", "11 sailors drowned."),
        ("The levy raised $3 million.", "The levy raised 3 million dollars."),
        ("Two pilots and a medic and one nurse died.", "Two pilots and one nurse died."),
        ("A woman and two children died.", "Three people died, the police said."),
        ("One of the climbers fell.", "A climber fell."),
        ("The ferry sank 8 km offshore.", "The ferry sank 5 miles offshore."),
    ],
)
def test_same_number_is_never_a_difference(text_a, text_b):
    rows = quantity(text_a, text_b)
    assert [r for r in rows if r["severity"] >= 4] == []
    if "medic" not in text_a:
        assert rows == []


@pytest.mark.parametrize(
    ("text_a", "text_b"),
    [
        ("Twelve sailors drowned.", "Fifteen sailors drowned."),
        ("At least 40 farmers marched.", "Some 25 farmers marched."),
        ("Between 20 and 30 farmers marched.", "About 60 farmers marched."),
        ("The ferry sank 8 km offshore.", "The ferry sank 20 miles offshore."),
        ("The visitors won 3-1.", "The visitors won 3-2."),
    ],
)
def test_different_numbers_are_flagged(text_a, text_b):
    rows = quantity(text_a, text_b)
    assert any(r["severity"] == 4 for r in rows), rows


def test_number_on_one_side_is_a_minor_row():
    rows = quantity("Nine fishermen were rescued.", "Fishermen were rescued.")
    assert [(r["severity"], r["value_a"], r["value_b"]) for r in rows] == [
        (2, "Nine fishermen", "")
    ]
    assert quantity("It was the first time.", "It happened again.") == []


def test_dimensions_never_compared():
    rows = quantity("The 40-year-old driver fled.", "The driver fled 40 km.")
    assert all(r["severity"] < 4 for r in rows)


# --- a bound on one side, the exact number on the other ------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "hedged_side"),
    [
        ("The flood killed at least 12 people.", "The flood killed 12 people.", "A"),
        ("Twelve people died in the flood.", "The flood killed at least 12 people.", "B"),
        ("The firm will cut up to 400 jobs.", "The firm will cut 400 jobs.", "A"),
    ],
)
def test_a_bound_at_the_exact_number_is_a_hedged_count(a, b, hedged_side):
    rows = [r for r in quantity(a, b) if r["severity"] >= 3]
    assert len(rows) == 1
    assert rows[0]["severity"] == 3 and rows[0]["detail"].startswith("bound vs exact")
    assert rows[0]["explanation"].startswith(f"{hedged_side} gives")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The flood killed at least 12 people.", "The flood killed at least 12 people."),
        ("The flood killed about 12 people.", "The flood killed 12 people."),
        ("The flood killed at least 12 people.", "The flood killed 15 people."),
    ],
)
def test_no_bound_row_without_a_bound_at_the_exact_number(a, b):
    assert not [r for r in quantity(a, b) if r["detail"].startswith("bound vs exact")]
