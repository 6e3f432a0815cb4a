"""More TimeML conventions of the temporal tagger, each rule probed on invented sentences
(reference date 2024-03-15, a Friday): vague plural units, compound and fractional durations,
unit abbreviations, 'the year' and 'earlier in the week', clock times in 'hours', year ranges as
two dates, and words that only look temporal ('Sunday' in a newspaper's name, a water spring)."""

import pytest

from crosscheck.text.timex import tag_times

REF = "2024-03-15"


def _rows(text, reference=REF):
    return [(r["text"], r["type"], r["value"]) for r in tag_times(text, reference)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Crews searched the lake for hours.", [("hours", "DURATION", "PTXH")]),
        ("The ferry sank within minutes of leaving port.", [("minutes", "DURATION", "PTXM")]),
        ("The mayor resigned days after the vote.", [("days", "DURATION", "PXD")]),
        # the signal is part of an offset, as in "three days later" (rule vague_offset)
        ("The guard came back minutes later.", [("minutes later", "DATE", "FUTURE_REF")]),
        ("It was over in a matter of seconds.", [("seconds", "DURATION", "PTXS")]),
        ("The shop has traded for decades.", [("decades", "DURATION", "PXY")]),
    ],
)  # fmt: skip
def test_a_plural_unit_without_a_number_is_a_vague_duration(sentence, expected):
    assert _rows(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Nurses are paid in hours, not shifts.",
        "The hours were long and the days were hot.",
        "Minutes of the meeting were published.",
    ],
)
def test_a_plural_unit_needs_a_temporal_context(sentence):
    assert _rows(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The surgery took 2 1/2 hours.", ("2 1/2 hours", "DURATION", "PT2.5H")),
        ("The lease runs for 3½ years.", ("3½ years", "DURATION", "P3.5Y")),
        ("The crossing took 4 hrs.", ("4 hrs", "DURATION", "PT4H")),
        ("The crossing took 1hr 40 mins.", ("1hr 40 mins", "DURATION", "PT1H40M")),
        ("The flight lasted 2 hours and 15 minutes.",
         ("2 hours and 15 minutes", "DURATION", "PT2H15M")),
        ("He was held for 3 years and 4 months.", ("3 years and 4 months", "DURATION", "P3Y4M")),
        ("The vote took a couple hours.", ("a couple hours", "DURATION", "PT2H")),
        ("The strike lasted just over a month.", ("just over a month", "DURATION", "P1M")),
    ],
)  # fmt: skip
def test_compound_fractional_and_abbreviated_durations(sentence, expected):
    assert _rows(sentence) == [expected]


def test_just_over_is_one_modifier():
    (row,) = tag_times("Repairs took just over a week.", REF)
    assert (row["text"], row["mod"]) == ("just over a week", "MORE_THAN")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Sales for the year rose by a tenth.", [("the year", "DATE", "2024")]),
        ("The band split in May 2019. Later in the month the tour was cancelled.",
         [("May 2019", "DATE", "2019-05"), ("Later in the month", "DATE", "2019-05")]),
        ("The minister said earlier in the week that talks would go on.",
         [("earlier in the week", "DATE", "2024-W11")]),
    ],
)  # fmt: skip
def test_the_unit_refers_to_the_current_or_last_mentioned_period(sentence, expected):
    assert _rows(sentence) == expected


def test_a_capitalised_year_in_a_title_is_not_a_date():
    assert _rows("She was named Athlete of the Year by the league.") == []


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The convoy left at 06:30 hours.", "2024-03-15T06:30"),
        ("The curfew starts at 2200 hours.", "2024-03-15T22:00"),
    ],
)
def test_clock_time_in_hours(sentence, value):
    ((text, kind, got),) = _rows(sentence)
    assert (kind, got) == ("TIME", value)
    assert text.endswith("hours")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("She chaired the board from 2003 to 2007.",
         [("2003", "DATE", "2003"), ("2007", "DATE", "2007")]),
        ("Prices doubled between 1990 and 1995.",
         [("1990", "DATE", "1990"), ("1995", "DATE", "1995")]),
        ("Output fell in 2015-2019.", [("2015-2019", "DURATION", "P4Y")]),
    ],
)  # fmt: skip
def test_a_worded_year_range_is_two_dates(sentence, expected):
    assert _rows(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The Sunday Times printed the letter.",
        "Tourists bathe in a hot spring near the village.",
        "The plant bottles spring water for export.",
        "Residents of the now-closed mill town protested.",
        "Its most recent phone sold poorly.",
    ],
)
def test_words_that_only_look_temporal(sentence):
    assert _rows(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Ferries will stop running on Sunday.", [("Sunday", "DATE", "2024-03-17")]),
        ("Crowds gathered in the spring.", [("the spring", "DATE", "2024-SP")]),
        ("The committee met the Sunday March 3.", [("Sunday March 3", "DATE", "2024-03-03")]),
        ("The shop is now closed.", [("now", "DATE", "PRESENT_REF")]),
    ],
)  # fmt: skip
def test_the_temporal_senses_are_kept(sentence, expected):
    assert _rows(sentence) == expected


def test_a_lone_clock_time_takes_the_day_named_in_its_sentence():
    rows = _rows("The ship was seized Wednesday off the coast at 21:40 GMT.")
    assert rows == [("Wednesday", "DATE", "2024-03-13"), ("21:40 GMT", "TIME", "2024-03-13T21:40Z")]


def test_a_lone_clock_time_without_a_day_stays_on_the_reference_day():
    rows = _rows("The polls closed at 8 p.m. Results came on Monday.")
    assert rows[0] == ("8 p.m.", "TIME", "2024-03-15T20:00")


def test_an_unanchored_week_keeps_week_granularity():
    rows = tag_times("Officials said the dam failed. The following week, crews arrived.", REF)
    assert [(r["text"], r["value"]) for r in rows] == [("The following week", "XXXX-WXX")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Rents have risen over the years.", ("the years", "DURATION", "PXY")),
        ("The fire broke out in the early hours of Tuesday morning.",
         ("the early hours of Tuesday morning", "TIME", "2024-03-12TMO")),
        ("The bridge opened exactly ten years ago.",
         ("exactly ten years ago", "DATE", "2014")),
    ],
)  # fmt: skip
def test_extent_edges(sentence, expected):
    assert _rows(sentence) == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The council meets twice a month.", ("twice a month", "SET", "P1M")),
        ("Inspectors visit three times a year.", ("three times a year", "SET", "P1Y")),
        ("Output fell in the 12 months to June.", ("the 12 months", "DURATION", "P12M")),
        ("The mid-1990s boom is over.", ("The mid-1990s", "DATE", "199")),
    ],
)  # fmt: skip
def test_counts_and_determiners_inside_the_extent(sentence, expected):
    assert _rows(sentence)[0] == expected


@pytest.mark.parametrize("sentence", ["She visited once.", "He called twice and left."])
def test_once_and_twice_alone_are_no_timex(sentence):
    assert _rows(sentence) == []


def test_an_adjectival_duration_leaves_the_determiner_to_its_noun():
    assert _rows("He signed the two-year deal.") == [("two-year", "DURATION", "P2Y")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The hikers survived three nights in a cave.", [("three nights", "DURATION", "P3D")]),
        ("A weeklong strike shut the port.", [("weeklong", "DURATION", "P1W")]),
        ("A year-long inquiry began.", [("year-long", "DURATION", "P1Y")]),
        ("It ended a half-century feud.", [("half-century", "DURATION", "P50Y")]),
        ("The half-century-old bridge closed.", []),
        ("The dam was built in 1961. The following decade brought floods.",
         [("1961", "DATE", "1961"), ("The following decade", "DATE", "197")]),
    ],
)  # fmt: skip
def test_nights_unit_long_and_decades(sentence, expected):
    assert _rows(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected", "mod"),
    [
        ("The merger should close by year-end.", ("year-end", "DATE", "2024"), "END"),
        ("Hiring slowed at midyear.", ("midyear", "DATE", "2024"), "MID"),
        ("Rents soared in the late 1980s.", ("the late 1980s", "DATE", "198"), "END"),
        ("Costs rose in fiscal year 2023.", ("fiscal year 2023", "DATE", "FY2023"), ""),
        ("The crash of 1987 hurt. Profit for the year fell.", ("the year", "DATE", "2024"), ""),
    ],
)  # fmt: skip
def test_period_edges_and_the_current_period(sentence, expected, mod):
    row = [r for r in tag_times(sentence, REF) if r["text"] == expected[0]][0]
    assert ((row["text"], row["type"], row["value"]), row["mod"]) == (expected, mod)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The shop opened at 10 in the morning.", ("10 in the morning", "2024-03-15T10:00")),
        ("Shots rang out at 11 at night on Tuesday.",
         ("11 at night on Tuesday", "2024-03-12T23:00")),
        ("The vote closes at 7 o'clock.", ("7 o'clock", "2024-03-15T07:00")),
        ("Talks resumed at 3:30 in the afternoon.", ("3:30 in the afternoon", "2024-03-15T15:30")),
    ],
)  # fmt: skip
def test_clock_times_in_words(sentence, expected):
    rows = [(r["text"], r["value"]) for r in tag_times(sentence, REF) if r["type"] == "TIME"]
    assert rows == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Turkey sales peaked before Thanksgiving 2022.", ("Thanksgiving 2022", "2022-11-24")),
        ("Markets were shut on Good Friday 2021.", ("Good Friday 2021", "2021-04-02")),
        ("The parade is held on Memorial Day 2019.", ("Memorial Day 2019", "2019-05-27")),
        ("Parliament will sit again after Easter.", ("Easter", "2024-03-31")),
    ],
)  # fmt: skip
def test_movable_holidays(sentence, expected):
    assert [(r["text"], r["value"]) for r in tag_times(sentence, REF)] == [expected]


def test_a_unit_and_a_half():
    assert _rows("The siege lasted a day and a half.") == [
        ("a day and a half", "DURATION", "P1.5D")
    ]
