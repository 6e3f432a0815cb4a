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


@pytest.mark.parametrize(
    ("sentence", "word", "expected"),
    [
        ("Volunteers asked for access to the sealed ward.", "access", "access"),
        ("The press gathered outside the courthouse gates.", "press", "press"),
        ("Her bakery business closed after the flood.", "business", "business"),
        ("A second witness described a grey van.", "witness", "witness"),
        ("Slow progress was reported at the border crossing.", "progress", "progress"),
        ("The analysis of the soil samples took weeks.", "analysis", "analysis"),
        ("Two witnesses described a grey van.", "witnesses", "witness"),
        ("The unions pressed for a shorter week.", "pressed", "press"),
        ("The series of tremors woke the other villagers.", "other", "other"),
        ("The board didn't approve the merger.", "n't", "not"),
    ],
)
def test_lemma_keeps_base_forms_ending_in_s(sentence, word, expected):
    """nlp.lemma reads the model's attribute_ruler morphology: a singular noun or base verb
    ending in -ss / -is / -us is already its lemma (the lemmatizer alone cut 'access' to
    'acces' and 'other' to 'oth')."""
    from crosscheck.text.nlp import lemma

    doc = nlp()(sentence)
    tok = next(t for t in doc if t.lower_ == word)
    assert lemma(tok) == expected, (tok.tag_, lemma(tok))


@pytest.mark.parametrize(
    ("text", "entity", "label"),
    [
        (
            "The South China Morning Post reported the deal on Friday.",
            "South China Morning Post",
            "OUTLET",
        ),
        ("Editors at Novaya Gazeta said the paper would close.", "Novaya Gazeta", "OUTLET"),
        ("According to RIA Novosti, the talks failed.", "RIA Novosti", "OUTLET"),
        (
            "The 93rd Separate Mechanized Brigade held the line.",
            "93rd Separate Mechanized Brigade",
            "ARMED_FORCE",
        ),
    ],
)
def test_bounded_name_runs_still_find_outlets_and_units(text, entity, label):
    assert (entity, label) in ents(text)


@pytest.mark.timeout(60)  # a hang guard, not a timing: unbounded, the ruler took ~2 min here
def test_a_long_run_of_capitalised_words_is_matched_in_linear_time():
    """OUTLET / ARMED_FORCE patterns repeat a capitalised word a bounded number of times: with
    "*" the entity ruler kept a partial match open from every word of the run (quadratic)."""
    from crosscheck.text.nlp import NAME_RUN

    assert NAME_RUN not in ("*", "+")
    pipeline = nlp()
    with pipeline.select_pipes(enable=["tok2vec", "tagger", "place_ruler"]):
        doc = pipeline("The spokesman said " + "A. B. C. " * 10_000 + "about the attack.")
    assert len(doc) > 30_000
    assert all(len(e) <= 6 for e in doc.ents if e.label_ in ("OUTLET", "ARMED_FORCE"))
