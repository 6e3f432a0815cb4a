"""Temporal tagger (hand-annotated sentences, bad input), year inference, events, recycling."""

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crosscheck.text.timex import COLUMNS, interval
from crosscheck.timeline import build_timeline, claim_events, extract_times

REF = "2025-08-16"  # Saturday, ISO week 33

# (sentence, expression, type, value) annotated by hand; reference 2025-08-16
ANNOTATED = [
    ("The push follows the recent expulsion of troops.", "recent", "DATE", "PAST_REF"),
    ("Reports earlier this week revealed the pocket.", "earlier this week", "DATE", "2025-W33"),
    ("Shelling intensified this week.", "this week", "DATE", "2025-W33"),
    ("On July 14, the adviser provided details.", "July 14", "DATE", "2025-07-14"),
    ("The bridge was destroyed yesterday.", "yesterday", "DATE", "2025-08-15"),
    ("Prices rose last week.", "last week", "DATE", "2025-W32"),
    ("The talks resumed on Monday.", "Monday", "DATE", "2025-08-11"),
    ("The talks will resume on Monday.", "Monday", "DATE", "2025-08-18"),
    ("The mine was hit two days ago.", "two days ago", "DATE", "2025-08-14"),
    ("Output fell this year.", "this year", "DATE", "2025"),
    ("The offensive began in the spring.", "the spring", "DATE", "2025-SP"),
    ("Exports dropped last month.", "last month", "DATE", "2025-07"),
    ("Elections are due next year.", "next year", "DATE", "2026"),
    ("Output halved over the past three years.", "the past three years", "DURATION", "P3Y"),
    ("The plant has recently reopened.", "recently", "DATE", "PAST_REF"),
    ("The mine is now within range.", "now", "DATE", "PRESENT_REF"),
    ("It currently employs 2,000 people.", "currently", "DATE", "PRESENT_REF"),
    ("The strike lasted three days.", "three days", "DURATION", "P3D"),
    ("Talks are planned for 16.08.2025 in Geneva.", "16.08.2025", "DATE", "2025-08-16"),
    ("He arrived on 16 August 2025.", "16 August 2025", "DATE", "2025-08-16"),
    ("The report came out Aug. 16.", "Aug. 16", "DATE", "2025-08-16"),
    ("The file is dated 2025-08-16.", "2025-08-16", "DATE", "2025-08-16"),
    ("Signed on 8/16/2025 in Kyiv.", "8/16/2025", "DATE", "2025-08-16"),
    ("The siren sounded at 14:00 UTC today.", "14:00 UTC today", "TIME", "2025-08-16T14:00Z"),
    ("A fifty-year lease was signed.", "fifty-year", "DURATION", "P50Y"),
    ("It produces 3 million tons a year.", "a year", "SET", "P1Y"),
    ("The mine opened in 1998.", "1998", "DATE", "1998"),
    ("Coal boomed in the 1970s.", "the 1970s", "DATE", "197"),
    ("Sales rose in the fourth quarter of 2024.", "the fourth quarter of 2024", "DATE", "2024-Q4"),
    ("The site was founded in May 2008.", "May 2008", "DATE", "2008-05"),
    ("Work stopped in early June.", "early June", "DATE", "2025-06"),
    ("The raid came yesterday morning.", "yesterday morning", "TIME", "2025-08-15TMO"),
    ("Hostilities paused for almost two and a half years.", None, "DURATION", "P2.5Y"),
    ("Repairs will take 18 months.", "18 months", "DURATION", "P18M"),
    ("The road was cut a week ago.", "a week ago", "DATE", "2025-08-09"),
    ("The battle of 11 November 1918 ended the war.", "11 November 1918", "DATE", "1918-11-11"),
    ("The lease runs until December 31, 2099.", "December 31, 2099", "DATE", "2099-12-31"),
    ("Trains ran daily before the war.", "daily", "SET", "P1D"),
    ("Fighting continued through the weekend.", None, "DATE", "2025-W33-WE"),
    ("Production rose in 2015-2019.", "2015-2019", "DURATION", "P4Y"),
]


@pytest.mark.parametrize(("sentence", "expression", "type_", "value"), ANNOTATED)
def test_annotated_sentences(sentence, expression, type_, value):
    df = extract_times(sentence, REF)
    hits = df[df.value == value]
    assert len(hits) == 1, df[["text", "type", "value"]].to_dict("records")
    row = hits.iloc[0]
    assert row.type == type_
    if expression is not None:
        assert row.text == expression
    assert sentence[row.start : row.end] == row.text


def test_columns_and_intervals():
    df = extract_times("Reports earlier this week said the strike of July 14 failed.", REF)
    assert list(df.columns) == COLUMNS
    week = df[df.text == "earlier this week"].iloc[0]
    assert (week.start_date, week.end_date) == ("2025-08-11", "2025-08-17")
    assert week.inferred and "2025-08-16" in week.note and "2025-W33" in week.note
    july = df[df.text == "July 14"].iloc[0]
    assert july.inferred and july.value == "2025-07-14"


# TimeML / TempEval-3 conventions, annotated by hand against the TIMEX3 guidelines; reference
# 1998-02-27 (a Friday, ISO week 9), as in TimeBank's newswire. (sentence, expression, type, value)
TE3_REF = "1998-02-27"
TE3 = [
    ("Profit rose in 2008-Q3.", "2008-Q3", "DATE", "2008-Q3"),
    ("It was the bloodiest war of the 21st century.", "the 21st century", "DATE", "20"),
    ("Sales fell in the first half of 1997.", "the first half of 1997", "DATE", "1997-H1"),
    ("Sales will rise in the first half of next year.", None, "DATE", "1999-H1"),
    ("Several years ago the mill closed.", "Several years ago", "DATE", "PAST_REF"),
    ("A few days later, it reopened.", "A few days later", "DATE", "FUTURE_REF"),
    ("Prices may rise in the coming weeks.", "the coming weeks", "DATE", "FUTURE_REF"),
    ("Sales were up from a year earlier.", "a year earlier", "DATE", "1997"),
    ("The plan dates from a decade ago.", "a decade ago", "DATE", "198"),
    ("The index peaked a quarter ago.", "a quarter ago", "DATE", "1997-Q4"),
    ("The strike ended late last year.", "late last year", "DATE", "1997"),
    ("Prices fell this past weekend.", "this past weekend", "DATE", "1998-W08-WE"),
    ("Sales in the current quarter are flat.", "the current quarter", "DATE", "1998-Q1"),
    ("Sales will rise next quarter.", "next quarter", "DATE", "1998-Q2"),
    (
        "The company said Thursday it would close the plant Tuesday.",
        "Tuesday",
        "DATE",
        "1998-03-03",
    ),
    ("The plant closed on Tuesday, the union said.", "Tuesday", "DATE", "1998-02-24"),
    ("The United Nations met on Tuesday.", "Tuesday", "DATE", "1998-02-24"),
    ("The 100-day plan was approved.", "100-day", "DURATION", "P100D"),
    ("A months-long strike ended.", "months-long", "DURATION", "PXM"),
]

# anaphora: "that day", "three days later" are anchored on the date mentioned last (TimeML)
TE3_ANCHORED = [
    (
        "On March 3, 1997, the firm collapsed. That day, shares fell. The next day, they rose."
        " Three days later, it closed.",
        ["1997-03-03", "1997-03-03", "1997-03-04", "1997-03-07"],
    ),
    ("The deal was signed on Oct. 12. The same day, protests began.", ["1997-10-12", "1997-10-12"]),
    (
        "The war ended in 1991. That year, oil fell. The previous year was worse.",
        ["1991"] * 2 + ["1990"],
    ),
    (
        "Net income in the third quarter rose from the year-earlier quarter. For the quarter, sales"
        " were flat, compared with $5 million a year earlier.",
        ["1997-Q3", "1996-Q3", "1997-Q3", "1996-Q3"],
    ),
    (
        "The meeting was held Feb. 10. The following week, the vote passed.",
        ["1998-02-10", "1998-W08"],
    ),
    ("Shares fell sharply during the day.", ["1998-02-27"]),  # no date before: the reference
]


@pytest.mark.parametrize(("sentence", "expression", "type_", "value"), TE3)
def test_tempeval3_conventions(sentence, expression, type_, value):
    df = extract_times(sentence, TE3_REF)
    hits = df[df.value == value]
    assert len(hits) == 1, df[["text", "type", "value"]].to_dict("records")
    assert hits.iloc[0].type == type_
    if expression is not None:
        assert hits.iloc[0].text == expression


@pytest.mark.parametrize(("text", "values"), TE3_ANCHORED)
def test_anaphoric_dates_anchor_on_last_mentioned_date(text, values):
    df = extract_times(text, TE3_REF)
    assert list(df.value) == values, df[["text", "value"]].to_dict("records")
    anchored = df[df.note.str.contains("last date mentioned")]
    assert len(anchored) >= (1 if len(values) > 1 else 0)


@pytest.mark.parametrize(
    "text",
    ["He scored 2000 runs.", "The index closed at 1998 points.", "It has about 1500 members."],
)
def test_counts_are_not_years(text):
    assert extract_times(text, TE3_REF).empty


def test_years_after_prepositions_and_commas_stay_years():
    df = extract_times("In 2000, sales rose; since 1990 profits grew; the 1997 results.", TE3_REF)
    assert list(df.value) == ["2000", "1990", "1997"]


def test_without_reference_year_is_unknown_and_not_inferred():
    df = extract_times("On July 14, Kimakovsky provided additional details.")
    row = df.iloc[0]
    assert (row.value, row.inferred, row.start_date) == ("XXXX-07-14", False, "")
    assert "no reference date" in row.note


def test_reference_kinds_agree():
    text = "The bridge was destroyed yesterday."
    values = {
        extract_times(text, ref).iloc[0].value
        for ref in (REF, dt.date(2025, 8, 16), dt.datetime(2025, 8, 16, 9), pd.Timestamp(REF))
    }
    assert values == {"2025-08-15"}


def test_no_date_gives_empty_frame_with_columns():
    df = extract_times("Russian forces edged closer to the mine, an adviser said.", REF)
    assert df.empty and list(df.columns) == COLUMNS
    assert extract_times("", REF).empty


@pytest.mark.parametrize("text", ["It happened on February 30.", "Dated 30.02.2025 here."])
def test_impossible_dates_are_reported(text):
    df = extract_times(text, REF)
    assert len(df) == 1
    assert df.iloc[0].value == "" and "impossible date" in df.iloc[0].note


def test_leap_day_needs_a_leap_year():
    assert extract_times("on February 29", "2008-07-02").iloc[0].value == "2008-02-29"
    assert "impossible" in extract_times("on February 29", REF).iloc[0].note


def test_ambiguous_numeric_date_says_so():
    row = extract_times("Signed 7/8/2025.", REF).iloc[0]
    assert row.value == "2025-07-08" and "ambiguous" in row.note


def test_far_past_and_future():
    df = extract_times("From 12 March 1066 to March 1, 2150.", REF)
    assert list(df.value) == ["1066-03-12", "2150-03-01"]


def test_bad_reference_and_text_raise_clear_errors():
    with pytest.raises(ValueError, match="not an ISO date"):
        extract_times("yesterday", "last Tuesday")
    with pytest.raises(TypeError, match="text must be a str"):
        extract_times(12345, REF)


def test_interval_of_values():
    assert interval("2025-Q3") == ("2025-07-01", "2025-09-30")
    assert interval("2024-WI") == ("2024-12-01", "2025-02-28")
    assert interval("PAST_REF", REF) == ("", REF)
    assert interval("XXXX-07-14") == ("", "")


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200), st.sampled_from([None, REF, "1900-01-01", "2199-12-31"]))
def test_never_crashes_and_offsets_hold(text, ref):
    df = extract_times(text, ref)
    for r in df.itertuples():
        assert text[r.start : r.end] == r.text


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(2299, 12, 31)))
def test_any_written_date_round_trips(d):
    text = f"It happened on {d.strftime('%B')} {d.day}, {d.year:04d} at noon."
    row = extract_times(text, REF).iloc[0]  # the day and the clock time are one TIME
    assert (row.type, row.value) == ("TIME", f"{d.isoformat()}T12:00")


# ---------------------------------------------------------------- timeline and events
def _articles(published_b=""):
    return pd.DataFrame(
        {
            "article_id": ["a", "b", "c"],
            "published": ["2025-08-16", published_b, "2025-08-18"],
            "text": ["", "", ""],
        }
    )


def _claims(rows):
    cols = ["claim_id", "article_id", "seq", "text", "times"]
    return pd.DataFrame([dict(zip(cols, r, strict=True)) for r in rows], columns=cols)


CLAIMS = [
    (
        "a:1",
        "a",
        0,
        "Ukrainian positions were compromised after a precision airstrike destroyed a key "
        "retreat bridge in the Dnipropetrovsk oblast.",
        [],
    ),
    ("a:2", "a", 1, "Reports earlier this week revealed a fire pocket near Konstantinovka.", []),
    (
        "b:1",
        "b",
        0,
        "On July 14, Kimakovsky said an aviation strike destroyed a bridge in the "
        "Dnipropetrovsk region.",
        [],
    ),
    ("c:1", "c", 0, "The regional governor has resigned.", []),
]


def test_build_timeline_infers_years_and_says_so():
    tl = build_timeline(_claims(CLAIMS), _articles())
    assert list(tl.columns[:9]) == [
        "article_id",
        "claim_id",
        "expression",
        "type",
        "value",
        "start_date",
        "end_date",
        "inferred",
        "note",
    ]
    july = tl[tl.expression == "July 14"].iloc[0]
    assert july.value == "2025-07-14" and july.inferred
    assert "year from other articles in the case" in july.note and "2025-08-16" in july.note
    week = tl[tl.expression == "earlier this week"].iloc[0]
    assert week.value == "2025-W33" and week.inferred


def test_build_timeline_uses_given_times_and_fills_year_from_article():
    given_times = extract_times("Talks on March 3 failed.").to_dict("records")
    claims = _claims([("c:9", "c", 0, "Talks on March 3 failed.", given_times)])
    row = build_timeline(claims, _articles()).iloc[0]
    assert row.value == "2025-03-03" and row.inferred and "article's date" in row.note


def test_undated_case_keeps_year_unknown():
    arts = pd.DataFrame({"article_id": ["b"], "published": [""]})
    claims = _claims([("b:1", "b", 0, "On July 14 a bridge fell.", [])])
    row = build_timeline(claims, arts).iloc[0]
    assert row.value == "XXXX-07-14" and not row.inferred


def test_claim_events_and_recycling():
    claims = _claims(CLAIMS)
    arts = _articles()
    ev = claim_events(claims, arts, build_timeline(claims, arts)).set_index("claim_id")
    assert list(ev.reset_index().columns) == [
        "claim_id",
        "article_id",
        "event_start",
        "event_end",
        "basis",
        "recycled",
        "gap_days",
        "note",
    ]
    # undated article dates the strike 33 days before the case's other articles
    assert ev.loc["b:1", "recycled"] and ev.loc["b:1", "gap_days"] == 33
    assert ev.loc["b:1", "event_start"] == ev.loc["b:1", "event_end"] == "2025-07-14"
    # article a reports the same strike, undated, as news on 2025-08-16
    assert ev.loc["a:1", "recycled"] and ev.loc["a:1", "gap_days"] == 33
    assert ev.loc["a:1", "basis"] == "article date bound"
    assert (ev.loc["a:1", "event_start"], ev.loc["a:1", "event_end"]) == ("", "2025-08-16")
    # a different, week-dated event is not recycled
    assert not ev.loc["a:2", "recycled"] and pd.isna(ev.loc["a:2", "gap_days"])
    assert ev.loc["a:2", "event_start"] == "2025-08-11"
    assert not ev.loc["c:1", "recycled"]


def test_recent_dated_event_is_not_recycled():
    claims = _claims(CLAIMS)
    arts = _articles(published_b="2025-08-15")
    ev = claim_events(claims, arts, build_timeline(claims, arts)).set_index("claim_id")
    assert ev.loc["b:1", "event_end"] == "2025-07-14"
    assert not ev.loc["b:1", "recycled"]  # dated article: its own date is its own business
    assert ev.loc["a:1", "recycled"]  # still reported as news a month later


def test_missing_columns_raise_clear_errors():
    with pytest.raises(ValueError, match="lacks column"):
        build_timeline(pd.DataFrame({"claim_id": ["x"]}), _articles())
    with pytest.raises(ValueError, match="not in articles"):
        build_timeline(_claims([("z:1", "z", 0, "today", [])]), _articles())


def test_empty_claims_give_empty_tables():
    claims = _claims([])
    tl = build_timeline(claims, _articles())
    ev = claim_events(claims, _articles(), tl)
    assert tl.empty and ev.empty and "recycled" in ev.columns


def test_build_timeline_carries_the_timex3_mod():
    claims = _claims(
        [
            ("a:9", "a", 0, "The checkpoint was closed for less than a week in late June.", []),
            ("a:8", "a", 1, "The checkpoint was closed on June 3.", []),
        ]
    )
    tl = build_timeline(claims, _articles()).set_index("expression")
    assert tl.loc["less than a week", "mod"] == "LESS_THAN"
    assert tl.loc["late June", "mod"] == "END"
    assert tl.loc["June 3", "mod"] == ""
