"""Tests for crosscheck.text.certainty on invented sentences (one per rule), and the lexicons."""

from __future__ import annotations

import pandas as pd
import pytest

from crosscheck.claims import extract_claims
from crosscheck.text import lexicon
from crosscheck.text.certainty import LEVEL_RANK
from crosscheck.text.nlp import lemma, nlp


def row_of(text: str) -> pd.Series:
    return extract_claims(pd.DataFrame([{"article_id": "x", "text": text}])).iloc[0]


@pytest.mark.parametrize(
    "text",
    [
        "The risk of mudslides is highest after heavy rain.",
        "Sailors fired a distress flare at dawn.",
        "The signal tower was repaired.",
        "The chance discovery delighted the museum.",
    ],
)
def test_noun_senses_are_no_hedge(text):
    row = row_of(text)
    assert row["certainty"] == "fact" and row["certainty_score"] == 6.0


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("The origin of the blaze remains unclear.", "possible"),
        ("The motive has yet to be established.", "possible"),
        ("It is not known how many passengers were aboard.", "possible"),
        ("The gunman is thought to be in his forties.", "expected"),
        ("Without rain, the town risks running out of water.", "possible"),
        ("The storm will probably weaken overnight.", "expected"),
        ("The ferry allegedly left without lifeboats.", "speculative"),
        ("A recount is unlikely to change the result.", "speculative"),
    ],
)
def test_multi_word_and_cue_less_hedges(text, level):
    row = row_of(text)
    assert row["certainty"] == level, row["certainty_cues"]
    assert row["certainty_score"] < 6.0


def test_score_orders_the_ladder():
    fact = row_of("The museum reopened on Tuesday.")["certainty_score"]
    said = row_of("The curator said the museum reopened on Tuesday.")["certainty_score"]
    may = row_of("The museum may reopen on Tuesday.")["certainty_score"]
    rumour = row_of("The museum reportedly reopened on Tuesday.")["certainty_score"]
    unlikely = row_of("It is unlikely that the museum reopens on Tuesday.")["certainty_score"]
    assert fact > said > may > rumour > unlikely


def test_hedge_in_a_relative_clause_does_not_lower_the_main_statement():
    row = row_of("Police arrested a man who may have set the fire.")
    assert row["certainty"] == "fact"


def test_negated_ability_states_a_fact():
    assert row_of("Firefighters could not reach the upper floors.")["certainty"] == "fact"


def test_a_question_is_open():
    row = row_of("Will the dam hold through the spring floods?")
    assert row["certainty"] == "possible"


def test_headline_infinitive_is_a_plan():
    row = row_of("Brewer to close two plants")
    assert row["certainty"] == "expected" and row["certainty_score"] == 5.0


def test_lemmas_come_from_the_lemmatizer():
    doc = nlp()("She admitted it and he wrote back, emphasising the cost.")
    lemmas = {t.text: lemma(t) for t in doc}
    assert lemmas["admitted"] == "admit" and lemmas["wrote"] == "write"
    assert lemmas["emphasising"] == "emphasise"


@pytest.mark.parametrize(
    "name", ["certainty_cues", "reporting_verbs", "source_nouns", "attribution_phrases"]
)
def test_lexicons_have_notes_and_known_values(name):
    entries = lexicon.load(name)
    assert entries and all(e.note for e in entries)
    if name == "certainty_cues":
        assert {e.attrs["level"] for e in entries} <= set(LEVEL_RANK)
        assert all(1.0 <= float(e.attrs["score"]) <= 6.0 for e in entries)
    if name == "reporting_verbs":
        assert {e.attrs["kind"] for e in entries} == {"speech", "belief"}
        assert {e.attrs["strength"] for e in entries} <= {
            "core",
            "clause",
            "as",
            "that",
            "evidence",
        }
