"""The ECB+ -> TimeML extent mapping of benchmarks.timex_ecbplus (`strict_timeml`): leading
prepositions, a trailing signal or possessive, and an article before an adjectival date leave
the gold span; determiners of a temporal noun phrase stay."""

import pytest
from benchmarks.timex_ecbplus import _timeml


def _map(text):
    g = _timeml({"start": 0, "end": len(text), "text": text})
    return text[g["start"] : g["end"]]


@pytest.mark.parametrize(
    ("given", "timeml"),
    [
        ("on Tuesday", "Tuesday"),
        ("in 2009", "2009"),
        ("three days after", "three days"),
        ("a 1999", "1999"),
        ("the March 2", "March 2"),
        ("a 90-day", "90-day"),
        ("a Tuesday", "Tuesday"),
        ("the 1950s", "the 1950s"),
        ("the 90 days", "the 90 days"),
        ("the past week", "the past week"),
        ("the day before", "the day before"),
        ("the week after", "the week after"),
        ("just three days after", "three days"),
        ("Just last week", "last week"),
        ("just under five minutes", "just under five minutes"),
        ("with 7:41 left", "7:41"),
        ("30 days'", "30 days"),
        ("(June 13)", "June 13"),
        ("in the 1940's", "the 1940's"),
        ("a weeklong", "weeklong"),
        ("2 May 2013]", "2 May 2013"),
        ("2 May 2013, 18:07 (GMT+05:00)", "2 May 2013, 18:07 (GMT+05:00)"),
        ("Friday night.", "Friday night"),
        ("9 p.m.", "9 p.m."),
    ],
)
def test_timeml_mapping(given, timeml):
    assert _map(given) == timeml
