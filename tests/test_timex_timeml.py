"""TimeML extent conventions of the temporal tagger, on invented sentences (reference date
2024-03-15, a Friday): modifiers inside the TIMEX3 with their mod, prepositions outside, clock
times joined with the day they name, parts of a day, ages left out."""

import pytest

from crosscheck.text.timex import tag_times

REF = "2024-03-15"


def _one(text, reference=REF):
    rows = tag_times(text, reference)
    assert len(rows) == 1, rows
    return rows[0]


@pytest.mark.parametrize(
    ("sentence", "extent", "value", "mod"),
    [
        ("The repairs took less than a month.", "less than a month", "P1M", "LESS_THAN"),
        ("She lived there for more than ten years.", "more than ten years", "P10Y",
         "MORE_THAN"),
        ("The talks lasted at least three days.", "at least three days", "P3D", "EQUAL_OR_MORE"),
        ("Detention is limited to no more than 60 days.", "no more than 60 days", "P60D",
         "EQUAL_OR_LESS"),
        ("The ferry docked at about 6 p.m.", "about 6 p.m.", "2024-03-15T18:00", "APPROX"),
        ("The office closed more than a week ago.", "more than a week ago", "2024-03-08", "BEFORE"),
        ("The bridge will reopen late in the third quarter.", "late in the third quarter",
         "2024-Q3", "END"),
        ("Prices should settle by the end of next month.", "the end of next month", "2024-04",
         "END"),
    ],
)  # fmt: skip
def test_modifier_is_part_of_the_extent(sentence, extent, value, mod):
    row = _one(sentence)
    assert (row["text"], row["value"], row["mod"]) == (extent, value, mod)


def test_preposition_over_is_not_a_modifier():
    row = _one("Crews worked over the weekend to clear the road.")
    assert row["text"] == "the weekend"
    assert row["mod"] == ""


def test_ages_are_not_durations():
    assert tag_times("A 41-year-old driver and his five-year-old son were unhurt.", REF) == []
    assert tag_times("The museum's curator is 58 years old.", REF) == []
    assert _one("The depot was built 40 years ago.")["value"] == "1984"


@pytest.mark.parametrize(
    ("sentence", "extent", "value"),
    [
        ("Shots were heard at 9:40 p.m. Thursday near the port.", "9:40 p.m. Thursday",
         "2024-03-14T21:40"),
        ("The alarm sounded at 4:10 Wednesday morning.", "4:10 Wednesday morning",
         "2024-03-13T04:10"),
        ("Police arrived around 11 p.m. last night.", "around 11 p.m. last night",
         "2024-03-14T23:00"),
        ("Posted 6:05 PM, FRI 15 MAR 2024", "6:05 PM, FRI 15 MAR 2024", "2024-03-15T18:05"),
        ("Updated Mar. 14, 2024-9:12 am", "Mar. 14, 2024-9:12 am", "2024-03-14T09:12"),
        ("The vote closed at 8:30 p.m. local time.", "8:30 p.m. local time", "2024-03-15T20:30"),
        ("Filed Mar 14 2024, 10:55p", "Mar 14 2024, 10:55p", "2024-03-14T22:55"),
    ],
)  # fmt: skip
def test_clock_time_joined_with_its_day(sentence, extent, value):
    row = _one(sentence)
    assert (row["text"], row["value"], row["type"]) == (extent, value, "TIME")


def test_clock_time_without_reference_keeps_the_weekday():
    assert _one("It began at 7 p.m. Sunday.", None)["value"] == "XXXX-WXX-7T19:00"


def test_clock_time_extent_stops_at_the_line_end():
    row = tag_times("Last modified 14:08\nThe council met again.", REF)[0]
    assert row["text"] == "14:08"


def test_part_of_day_of_a_date():
    row = _one("The fire started in the early hours of Sunday.")
    assert (row["text"], row["value"], row["type"]) == (
        "the early hours of Sunday",
        "2024-03-10TMO",
        "TIME",
    )
    row = _one("Witnesses recalled the night of March 2.")
    assert (row["text"], row["value"]) == ("the night of March 2", "2024-03-02TNI")


def test_month_with_relative_year():
    row = _one("The plant will reopen in September this year.")
    assert (row["text"], row["value"]) == ("September this year", "2024-09")
    row = _one("The deal was signed on December 3 of last year.")
    assert (row["text"], row["value"]) == ("December 3 of last year", "2023-12-03")
    assert [r["text"] for r in tag_times("They met Monday this year.", REF)] == [
        "Monday",
        "this year",
    ]


@pytest.mark.parametrize(
    ("sentence", "extent", "value"),
    [
        ("Last May the harbour flooded.", "Last May", "2023-05"),
        ("The ruling is due on Dec.4 at the latest.", "Dec.4", "2024-12-04"),
        ("Sales fell on Fri., May. 3, 2024.", "Fri., May. 3, 2024", "2024-05-03"),
    ],
)
def test_date_forms(sentence, extent, value):
    row = _one(sentence)
    assert (row["text"], row["value"]) == (extent, value)


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Output rose earlier this year.", "XXXX"),
        ("The market is shut this weekend.", "XXXX-WXX-WE"),
        ("Talks resumed the following week.", "XXXX-WXX"),
        ("Rates rise next month.", "XXXX-XX"),
        ("This morning the road was closed.", "XXXX-XX-XXTMO"),
    ],
)
def test_undated_relative_values_keep_their_granularity(sentence, value):
    assert _one(sentence, None)["value"] == value


def test_frequency_word_in_a_name_is_not_a_set():
    assert tag_times("The story ran in the Harbour Weekly Courier.", REF) == []
    assert _one("The paper appears weekly.")["value"] == "P1W"
