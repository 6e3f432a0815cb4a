"""Bad input for the quantity and time typers: a row or no row, never an exception."""

from __future__ import annotations

import pandas as pd
import pytest

from crosscheck.comparison.names import EntityJudge
from crosscheck.comparison.typers import type_pair
from crosscheck.comparison.views import claim_view

LONG = " ".join(["Forty-two barges crossed the estuary on Monday near 7 km of dunes."] * 420)


@pytest.mark.parametrize(
    ("text_a", "text_b"),
    [
        ("Pelicans nest.", "Tariffs rose sharply overnight in Oslo."),
        ("Yes.", "No."),
        ("12 34 5,600", "7 8.5 -3"),
        ("", "Between and and to."),
        (LONG, LONG.replace("Forty-two", "Forty-three")),
    ],
)
def test_bad_claims_never_raise(text_a, text_b):
    judge = EntityJudge(None)
    rows = pd.DataFrame(
        [
            {"claim_id": "a:0", "article_id": "a", "text": text_a},
            {"claim_id": "b:0", "article_id": "b", "text": text_b},
        ]
    ).to_dict("records")
    a, b = claim_view(rows[0], {}, judge), claim_view(rows[1], {}, judge)
    found = type_pair(a, b, judge, only=("quantity", "time"))
    assert all(1 <= r["severity"] <= 5 for r in found)
    if text_a == LONG:
        assert any(r["kind"] == "quantity" and r["severity"] == 4 for r in found)
