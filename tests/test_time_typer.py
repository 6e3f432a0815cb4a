"""Time typer on invented claims: dated intervals, weekdays without dates, relative words."""

from __future__ import annotations

from crosscheck.comparison.names import EntityJudge
from crosscheck.comparison.typers import type_pair
from crosscheck.comparison.views import claim_view
from crosscheck.timex import tag_times


def rows(text_a, text_b, ref_a=None, ref_b=None, event_a=None, event_b=None):
    judge = EntityJudge(None)
    a = {"claim_id": "a:0", "article_id": "a", "text": text_a, "times": tag_times(text_a, ref_a)}
    b = {"claim_id": "b:0", "article_id": "b", "text": text_b, "times": tag_times(text_b, ref_b)}
    events = {"a:0": event_a or {}, "b:0": event_b or {}}
    return type_pair(claim_view(a, events, judge), claim_view(b, events, judge), judge, ("time",))


def test_weekdays_differ_without_dates():
    found = rows("The ferry sank on Tuesday.", "The ferry sank on Wednesday.")
    assert [r["severity"] for r in found] == [4]
    assert "Tuesday" in found[0]["explanation"] and "Wednesday" in found[0]["explanation"]


def test_same_weekday_is_quiet_and_relative_word_is_not_compared_undated():
    assert rows("The ferry sank on Tuesday.", "On Tuesday the ferry sank.") == []
    assert rows("The ferry sank yesterday.", "The ferry sank on Thursday.") == []


def test_dated_relative_and_weekday_agree_when_the_dates_do():
    # published Friday 2024-03-08: "yesterday" = Thursday 2024-03-07
    assert rows("The ferry sank yesterday.", "The ferry sank on Thursday.",
                "2024-03-08", "2024-03-08") == []  # fmt: skip
    found = rows("The ferry sank yesterday.", "The ferry sank on Tuesday.",
                 "2024-03-08", "2024-03-08")  # fmt: skip
    assert [r["severity"] for r in found] == [4]


def test_time_on_one_side_only_and_finer_time():
    assert [r["severity"] for r in rows("The ferry sank on Monday.", "The ferry sank.")] == [2]
    found = rows("The ferry sank on Monday night.", "The ferry sank on Monday.")
    assert [r["severity"] for r in found] == [2]


def test_recycled_row_without_any_value_is_not_top_severity():
    event = {"recycled": True, "note": "dated weeks before the other reports"}
    found = rows("The ferry sank.", "The ferry sank.", event_a=event)
    assert found and found[0]["severity"] < 5
    found = rows(
        "The ferry sank.", "The ferry sank.", event_a={**event, "event_start": "2020-01-02"}
    )
    assert found[0]["severity"] == 5
