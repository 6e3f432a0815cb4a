"""Temporal rules added for news the rules were not developed on (invented sentences)."""

import pytest

from crosscheck.text.timex import tag_times

REF = "2024-03-15"  # a Friday


def _rows(text, ref=REF):
    return [(r["text"], r["type"], r["value"]) for r in tag_times(text, ref)]


def _one(text, ref=REF):
    rows = tag_times(text, ref)
    assert len(rows) == 1, rows
    return rows[0]


def test_later_without_an_earlier_date_is_not_anchored_on_publication():
    row = _one("The bakery was closed four days later.")
    assert row["value"] == "XXXX-XX-XX" and "unanchored" in row["note"]


def test_later_anchors_on_the_last_narrative_date():
    rows = tag_times("A storm hit on February 20. The bridge reopened two days later.", REF)
    assert [r["value"] for r in rows] == ["2024-02-20", "2024-02-22"]


def test_the_day_before_and_the_week_after():
    text = "Voting closed on January 9; the day before, turnout was low."
    assert _rows(text)[1] == ("the day before", "DATE", "2024-01-08")
    text = "The museum opened on June 3, 2019 and the week after it flooded."
    assert _rows(text)[1][2] == "2019-W24"


def test_that_weekday_is_the_one_near_the_last_date():
    text = "Talks began on October 7, 2021. That Tuesday the envoy left."
    assert _rows(text)[1] == ("That Tuesday", "DATE", "2021-10-05")


def test_day_of_month_alone_takes_the_month_mentioned_last():
    text = "Bids opened on 2 November 2022 and closed on the 19th."
    assert _rows(text)[1] == ("the 19th", "DATE", "2022-11-19")  # TimeML keeps the article
    assert _one("The vote falls on the 28th.")["value"] == "2024-03-28"
    assert tag_times("He lives on the 14th floor.", REF) == []


@pytest.mark.parametrize(
    ("text", "value", "mod"),
    [
        ("Rents climbed in mid-September.", "2023-09", "MID"),
        ("Output dipped late last year.", "2023", "END"),
        ("Hiring resumed early this month.", "2024-03", "START"),
        ("The pier burned at the end of last month.", "2024-02", "END"),
    ],
)
def test_parts_of_periods_carry_a_mod(text, value, mod):
    row = _one(text)
    assert (row["value"], row["mod"]) == (value, mod)


def test_future_references_follow_tense():
    assert _one("Repairs will finish in the coming weeks.")["value"] == "FUTURE_REF"
    assert _one("The levy rises next month.")["value"] == "2024-04"
    assert _one("The ferry will resume in January.")["value"] == "2025-01"


def test_seasons_and_quarters():
    assert _one("Exports grew last summer.")["value"] == "2023-SU"
    assert _one("Margins shrank in the third quarter of 2022.")["value"] == "2022-Q3"


def test_ambiguous_numeric_date_is_inferred_with_both_readings():
    row = _one("The permit was issued on 07/08/2023.")
    assert row["value"] == "2023-07-08" and row["inferred"]
    assert "2023-08-07" in row["note"]
    row = _one("The permit was issued on 07/25/2023.")
    assert row["value"] == "2023-07-25" and not row["inferred"]


def test_sets_and_durations():
    assert _rows("The market runs every Thursday.") == [("every Thursday", "SET", "XXXX-WXX-4")]
    assert _rows("Inspectors visit on Sundays.")[0][1:] == ("SET", "XXXX-WXX-7")
    assert _rows("Buses leave every two hours.") == [("every two hours", "SET", "PT2H")]
    assert _rows("Checks happen every three weeks.")[0][1:] == ("SET", "P3W")
    assert _rows("The siege lasted eleven days.")[0][1:] == ("DURATION", "P11D")


def test_a_date_next_to_a_clock_time_is_one_time():
    row = _one("Filed Aug 3, 2020 at 6:05 PM EDT")
    assert (row["type"], row["value"]) == ("TIME", "2020-08-03T18:05")
    row = _one("Posted 11: 40 a. m., 14 / 2 / 2019")
    assert (row["type"], row["value"]) == ("TIME", "2019-02-14T11:40")
