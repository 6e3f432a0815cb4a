"""Tests for crosscheck.text.nlp: people are not places (invented sentences)."""

from __future__ import annotations

import pytest

from crosscheck.text.nlp import nlp


def ents(text: str) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in nlp()(text).ents]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Boris Yeltsin resigned on the last day of the year.", "Boris Yeltsin"),
        ("Reporters waited for Marshal Tirana Okoye.", None),
        ("Senator Sofia Aranda voted against the bill.", "Sofia Aranda"),
    ],
)
def test_a_first_name_that_is_also_a_place_is_a_person(text, person):
    found = ents(text)
    assert not any(label in ("GPE", "LOC") for _, label in found), found
    if person:
        assert (person, "PERSON") in found


@pytest.mark.parametrize(
    "text",
    ["Talks were held in Vienna Tuesday.", "The Kharkiv Mayor opened the bridge."],
)
def test_places_before_a_title_or_after_a_locative_stay_places(text):
    assert any(label == "GPE" for _, label in ents(text)), ents(text)
