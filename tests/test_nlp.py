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


def test_doc_text_is_the_parsed_text_and_falls_back_to_the_tokens():
    from spacy.tokens import Doc

    from crosscheck.text.nlp import doc_text, nlp

    texts = ["Mayor Lena Fisk said on Monday.\n\nThe bridge reopened.", "x" * 5000 + " end."]
    for text in texts:
        doc = nlp().make_doc(text)
        assert doc_text(doc) == doc.text == text
    doc = nlp().make_doc("The port closed.")
    doc.user_data["text"] = "A stale text."  # not this doc's text: the tokens are read
    assert doc_text(doc) == "The port closed."
    plain = Doc(nlp().vocab, words=["Ships", "waited", "."], spaces=[True, False, False])
    assert doc_text(plain) == "Ships waited."


def test_dot_final_tokens_are_the_tokens_ending_in_a_dot():
    from crosscheck.text.nlp import _dot_final_tokens, nlp

    doc = nlp().make_doc("Sgt. Omar Hale met Gov. Ruiz at 12 Elm St. on Friday. U.S. aid came.")
    expected = [t.i for t in doc[:-1] if t.text.endswith(".")]
    assert expected and _dot_final_tokens(doc) == expected
    assert _dot_final_tokens(nlp().make_doc("No dots here")) == []
