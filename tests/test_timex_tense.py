"""Tense cues that pick the previous or the next weekday/month (invented sentences)."""

import pytest

from crosscheck.text import lexicon
from crosscheck.text.timex import tag_times

REF = "2025-06-11"  # a Wednesday; previous Friday 2025-06-06, next Friday 2025-06-13


def _value(text, ref=REF):
    rows = [r for r in tag_times(text, ref) if r["type"] in ("DATE", "TIME")]
    assert len(rows) == 1, rows
    return rows[0]["value"]


@pytest.mark.parametrize(
    "verb", ["flew", "spoke", "went", "began", "drove", "swore", "withdrew", "sought"]
)
def test_irregular_past_verbs_pick_the_previous_weekday(verb):
    # the past verb is nearer to the date than the future auxiliary of the other clause
    text = f"The board will meet again, but the envoy {verb} to the harbour town on Friday."
    assert _value(text) == "2025-06-06"


def test_regular_past_picks_the_previous_weekday():
    text = "Ferries will sail again, but the operator cancelled its crossings on Friday."
    assert _value(text) == "2025-06-06"


@pytest.mark.parametrize("aux", ["was", "were", "had", "did", "didn't"])
def test_past_auxiliaries(aux):
    text = f"The choir will tour, though the pupils {aux} not sing on Friday."
    assert _value(text) == "2025-06-06"


@pytest.mark.parametrize("cue", ["will", "is expected to", "plans to", "is going to"])
def test_future_cues_pick_the_next_weekday(cue):
    assert _value(f"The orchestra {cue} perform on Friday.") == "2025-06-13"


def test_clitic_future():
    assert _value("She'll open the exhibition on Friday.") == "2025-06-13"


def test_passive_participle_after_be_is_not_past():
    # "held" after "be" is a participle of a future passive: "will" decides
    assert _value("The auction will be held on Friday.") == "2025-06-13"


def test_base_identical_forms_are_not_past_cues():
    # "cut"/"put" are as likely present or infinitive: with no other cue the tense stays present,
    # which for a weekday other than the reference's picks the previous one (as before), while a
    # future cue elsewhere in the sentence is not overridden by them
    assert _value("The bakers will cut prices on Friday.") == "2025-06-13"
    assert "cut" not in lexicon.words("irregular_past_verbs")
    assert "read" not in lexicon.words("irregular_past_verbs")


def test_would_in_reported_speech_points_after_the_document_date():
    # future-in-the-past: the reported plan is still ahead (TimeML/TempEval-3 practice)
    text = "The minister spoke on Monday; the ministry said it would publish the rules Friday."
    rows = [r for r in tag_times(text, REF) if r["text"] == "Friday"]
    assert [r["value"] for r in rows] == ["2025-06-13"]


def test_since_marks_the_past_starting_point():
    assert _value("Prices have climbed steadily since October.", "2025-06-11") == "2024-10"


def test_year_less_month_follows_irregular_past():
    assert _value("The colonel fought in the hills in September.") == "2024-09"
    assert _value("The colonel will fight in the hills in September.") == "2025-09"


def test_words_ending_in_ed_that_are_not_verbs():
    # "hundred", "united" are not past verbs: the future cue farther away decides
    text = "A hundred united farmers will march on Friday."
    assert _value(text) == "2025-06-13"


def test_adjectival_long_term_is_not_a_timex():
    assert tag_times("The firm signed a long-term lease and a short-term loan.", REF) == []


def test_the_long_term_as_a_noun_stays_a_future_reference():
    rows = tag_times("Rates should fall in the long term.", REF)
    assert [(r["text"], r["value"]) for r in rows] == [("the long term", "FUTURE_REF")]


@pytest.mark.parametrize("name", ["tense_cues", "irregular_past_verbs", "not_past_ed"])
def test_cue_lexicons_have_notes(name):
    entries = lexicon.load(name)
    assert entries and all(e.note for e in entries)
    assert all(e.entry == e.entry.lower() for e in entries)


def test_irregular_past_list_excludes_base_forms():
    for e in lexicon.load("irregular_past_verbs"):
        assert e.entry != e.attrs["base"], e
