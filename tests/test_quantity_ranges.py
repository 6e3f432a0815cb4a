"""Ranges in the claims layer are intervals, read like the quantity typer reads them."""

import pandas as pd
import pytest

from crosscheck import claims as claims_mod
from crosscheck.text.amounts import amounts


def quantities_of(*texts):
    articles = pd.DataFrame({"article_id": [f"n{i}" for i in range(len(texts))], "text": texts})
    found = claims_mod.extract_claims(articles)
    return [q for qs in found["quantities"] for q in qs]


@pytest.mark.parametrize(
    "text, low, high, unit",
    [
        ("Between 40 and 60 sheep escaped from the farm near the lake.", 40, 60, "sheep"),
        ("Volunteers said 12 to 15 boats were damaged in the harbour.", 12, 15, "boats"),
        ("The new cycle path is 4-6 km long, the council said.", 4, 6, "km"),
        ("The flood cut power to from 2 to 3 million homes overnight.", 2e6, 3e6, "homes"),
    ],
)
def test_a_range_is_one_interval_not_a_sum(text, low, high, unit):
    (q,) = quantities_of(text)
    assert (q["low"], q["high"]) == (low, high)
    assert q["value"] is None and q["approx"] == "range"
    assert q["unit"] == unit


def test_single_numbers_keep_their_value_as_a_point_interval():
    qs = quantities_of("The ferry carried 85 passengers and 12 cars across the bay.")
    assert [(q["value"], q["low"], q["high"]) for q in qs] == [(85, 85, 85), (12, 12, 12)]


def test_a_period_between_years_is_no_range():
    qs = quantities_of("The bakery was run by the family from 1998 to 2004 before it closed.")
    assert not [q for q in qs if q["approx"] == "range"]


def test_amounts_flags_ranges_and_scores():
    (rng,) = amounts("Between 40 and 60 sheep escaped.")
    assert rng.is_range and (rng.low, rng.high) == (40, 60)
    (score,) = amounts("The visitors won 4-2 in the rain.")
    assert score.dimension == "score" and not score.is_range
    (about,) = amounts("About 50 sheep escaped.")
    assert not about.is_range and about.low < 50 < about.high
