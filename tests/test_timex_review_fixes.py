"""Reviewer findings on the temporal tagger (invented sentences): counts read as clock times,
unsupported compound durations, minute/second abbreviations, tense cues, quadratic cost."""

import pytest

from crosscheck.text import lexicon
from crosscheck.text.timex import tag_times

REF = "2024-03-15"  # a Friday


def _values(text, ref=REF):
    return [(r["text"], r["value"]) for r in tag_times(text, ref)]


@pytest.mark.parametrize(
    "text",
    [
        "Inspectors fined 6 in the morning checks on the bridge.",
        "The union signed up 3 in the evening class alone.",
        "Guards turned back 8 at night patrols near the port.",
        "Rescuers pulled 4 in the morning from the rubble.",
    ],
)
def test_a_count_before_a_part_of_day_is_not_a_clock_time(text):
    assert not [v for _, v in _values(text) if "T" in v and ":" in v]


@pytest.mark.parametrize(
    "text, clock",
    [
        ("The market opens at 7 in the morning on weekdays.", "T07:00"),
        ("The curfew lasts until 6 in the morning.", "T06:00"),
        ("The ferry left around 9 at night, crew members said.", "T21:00"),
        ("Voting ran from 8 in the morning local time.", "T08:00"),
        ("The siren sounded by 5 in the evening yesterday.", "T17:00"),
        ("The bells rang 11 o'clock.", "T11:00"),
    ],
)
def test_a_clock_time_in_words_with_a_time_context_is_kept(text, clock):
    assert any(v.endswith(clock) for _, v in _values(text)), _values(text)


def test_an_unsupported_unit_pair_leaves_both_durations():
    rows = _values("The strike lasted 6 days, 4 months later it resumed.")
    assert rows[0] == ("6 days", "P6D")
    assert rows[1][0] == "4 months later"


def test_an_unsupported_pair_after_weeks_keeps_the_months():
    rows = _values("Repairs took 5 weeks, 2 months after the flood the road reopened.")
    assert rows[0] == ("5 weeks", "P5W")
    assert rows[1][0].startswith("2 months"), rows


@pytest.mark.parametrize(
    "text, value",
    [
        ("The climb took 2 hours 15 minutes.", "PT2H15M"),
        ("She ran it in 3 mins 20 secs.", "PT3M20S"),
        ("The lease ran 4 years and 6 months.", "P4Y6M"),
    ],
)
def test_supported_compounds_are_one_duration(text, value):
    assert [v for _, v in _values(text)] == [value]


@pytest.mark.parametrize(
    "text, value",
    [("The hearing was adjourned for 20 mins.", "PT20M"), ("The blast lasted 12 secs.", "PT12S")],
)
def test_minute_and_second_abbreviations_alone_trigger_the_rule(text, value):
    assert [v for _, v in _values(text)] == [value]


def test_tense_cues_hold_only_entries_the_tokeniser_can_see():
    assert not [e for e in lexicon.words("tense_cues") if "n't" in e.split()]


@pytest.mark.timeout(60)
def test_a_long_single_sentence_with_many_clock_times_finishes():
    unit = "the convoy left at 10:30 a.m. and officials said on Tuesday it would return March 3 "
    text = unit * 1600  # about 130 KB, one sentence
    rows = tag_times(text, REF)
    assert len(rows) == 3 * 1600
    assert rows[0]["value"] == "2024-03-12T10:30"  # the clock on the nearest day named
