"""Temporal tagger phenomena of issue 20, round 2 (invented sentences, reference a Friday)."""

import pytest

from crosscheck.text.timex import tag_times

REF = "2024-03-15"


def _rows(text, ref=REF):
    return [(r["text"], r["type"], r["value"]) for r in tag_times(text, ref)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Flooding began on June 4, 2021. Volunteers stacked sandbags through the night.",
            [("June 4, 2021", "DATE", "2021-06-04"), ("the night", "TIME", "2021-06-04TNI")],
        ),
        ("The ferry left in the afternoon.", [("the afternoon", "TIME", "2024-03-15TAF")]),
        (
            "The quake struck in the early hours of the morning.",
            [("the early hours of the morning", "TIME", "2024-03-15TMO")],
        ),
        ("They sat in the evening sun.", []),  # a noun phrase goes on
        ("She watched the night sky.", []),  # no time word before it
    ],
)
def test_part_of_day_without_a_day_takes_the_narrative_day(text, expected):
    assert _rows(text) == expected


def test_part_of_day_without_any_date_keeps_the_day_unknown():
    assert _rows("Guards patrolled during the night.", None) == [
        ("the night", "TIME", "XXXX-XX-XXTNI")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Decades earlier the mill had closed.", ("Decades earlier", "DATE", "PAST_REF")),
        ("Years ago the pier was longer.", ("Years ago", "DATE", "PAST_REF")),
        ("Hours later the road reopened.", ("Hours later", "DATE", "FUTURE_REF")),
    ],
)
def test_vague_offsets_keep_their_signal(text, expected):
    assert _rows(text) == [expected]


def test_years_later_than_is_a_comparison_not_an_offset():
    assert all(v != "FUTURE_REF" for _, _, v in _rows("It came years later than hoped."))


def test_fraction_with_a_hyphen():
    assert _rows("The audit took 6-1/2 weeks.") == [("6-1/2 weeks", "DURATION", "P6.5W")]
    assert _rows("a 2-1/2-year lease") == [("2-1/2-year", "DURATION", "P2.5Y")]


def test_year_range_with_a_two_digit_end():
    row = tag_times("She taught there from 1987-93.", REF)[0]
    assert (row["text"], row["value"]) == ("1987-93", "P6Y")
    assert (row["start_date"], row["end_date"]) == ("1987-01-01", "1993-12-31")
    # one season or fiscal year, not a span of years; "2004-11" may be a year and month
    assert all(r["type"] != "DURATION" for r in tag_times("the 2016-17 season", REF))
    assert all(r["type"] != "DURATION" for r in tag_times("He served 2004-11 there.", REF))
    # a numeric date followed by a clock time is no range
    assert all(r["value"] != "P-1Y" for r in tag_times("Posted 12/08/2020-14:05", REF))
    assert "2020-14" not in [r["text"] for r in tag_times("Posted 12/08/2020-14:05", REF)]


def test_day_of_month_keeps_its_article_and_month_phrase():
    assert _rows("Payment is due on the 3rd of next month.") == [
        ("the 3rd of next month", "DATE", "2024-04-03")
    ]
    assert _rows("Exams start on the 9th.") == [("the 9th", "DATE", "2024-03-09")]


def test_day_number_before_a_clock_time_is_not_a_day():
    rows = _rows("Polls closed on 8 November 21:00 GMT.")
    assert rows[0][0].startswith("8 November") and rows[0][2].startswith("2023-11-08")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The report was drafted in the summer.", "2023-SU"),  # past: the last summer
        ("The bridge will open in the autumn.", "2024-FA"),
        ("Voters will decide in the spring.", "2024-SP"),
    ],
)
def test_bare_season_follows_tense(text, value):
    assert _rows(text)[0][2] == value


def test_fall_needs_a_time_context():
    assert _rows("A hiker survived the fall.") == []
    assert _rows("Rents rose during the fall.")[0][0] == "the fall"


def test_decade_after_a_possessive_is_an_age():
    assert _rows("The pilot, in her late 40s, landed safely.") == []
    assert _rows("Prices peaked in the late 1990s.")[0][2] == "199"


def test_frequency_word_in_a_title_is_a_name():
    assert _rows("The story ran in Metro Weekly first.") == []
    assert _rows("Trains run daily.") == [("daily", "SET", "P1D")]


def test_future_tense_keeps_a_date_just_before_the_reference_in_its_year():
    text = "The board said it would vote again after the meeting on March 8."
    assert _rows(text)[-1] == ("March 8", "DATE", "2024-03-08")
    assert _rows("The ferry will sail again in January.")[0][2] == "2025-01"


def test_year_with_a_possessive_quarter_is_one_expression():
    rows = _rows("Margins narrowed in 2022's third quarter.")
    assert rows == [("2022's third quarter", "DATE", "2022-Q3")]


def test_year_after_a_possessive_is_a_year():
    assert _rows("The agency's 2023 figures were revised.") == [("2023", "DATE", "2023")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ride took a quarter of an hour.", ("a quarter of an hour", "DURATION", "PT15M")),
        (
            "He waited three quarters of an hour.",
            ("three quarters of an hour", "DURATION", "PT45M"),
        ),
        ("She ruled for a quarter-century.", ("a quarter-century", "DURATION", "P25Y")),
        ("It was a half-hour drive.", ("half-hour", "DURATION", "PT30M")),
        ("Half a century ago it was a farm.", ("Half a century ago", "DATE", "1974")),
    ],
)
def test_fractions_of_units(text, expected):
    assert _rows(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ferry runs nightly.", ("nightly", "SET", "XXXX-XX-XXTNI")),
        ("She jogs every morning.", ("every morning", "SET", "XXXX-XX-XXTMO")),
        ("The fair returns every summer.", ("every summer", "SET", "XXXX-SU")),
        ("Leaders meet every few years.", ("every few years", "SET", "PXY")),
    ],
)
def test_sets(text, expected):
    assert _rows(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("These days the harbour is empty.", ("These days", "DATE", "PRESENT_REF")),
        ("The depot was busy all day.", ("all day", "DURATION", "P1D")),
        ("Rain fell all week long.", ("all week long", "DURATION", "P1W")),
        ("They met the day before yesterday.", ("the day before yesterday", "DATE", "2024-03-13")),
        ("Voting ends a week from today.", ("a week from today", "DATE", "2024-03-22")),
        ("Stalls shut at midday.", ("midday", "TIME", "2024-03-15T12:00")),
        ("By late afternoon the square was empty.", ("late afternoon", "TIME", "2024-03-15TAF")),
    ],
)
def test_vague_and_deictic_phrases(text, expected):
    assert _rows(text) == [expected]


def test_late_afternoon_carries_a_mod_and_adjectives_are_left_alone():
    assert tag_times("The stall closed in mid-afternoon.", REF)[0]["mod"] == "MID"
    assert _rows("Trading was thin in late-morning deals.") == []


def test_clock_time_with_a_named_zone_and_a_dateline_slash():
    assert _rows("The polls closed at 20:00 Lisbon time.")[0][0] == "20:00 Lisbon time"
    assert _rows("The vote ended at 20:00\nLisbon time was not given.")[0][0] == "20:00"
    assert _rows("Filed Aug 2, 2021 / 04:10 pm by staff")[0][1:] == ("TIME", "2021-08-02T16:10")


def test_following_without_an_article_is_a_noun():
    assert _rows("The band won a loyal following three years after its debut.")[0][0] == (
        "three years"
    )
    assert _rows("For the following two weeks the lab was shut.")[0][0] == (
        "the following two weeks"
    )


def test_a_scheduled_date_lies_ahead_even_in_a_past_tense_sentence():
    # reference in March: a hearing "was set for" June is this June, not last June
    assert _rows("A hearing was set for June 4.")[0][2] == "2024-06-04"
    assert _rows("The court adjourned until June.")[0][2] == "2024-06"
    # without a scheduling phrase, a past-tense June is the last one
    assert _rows("Sales collapsed in June.")[0][2] == "2023-06"


@pytest.mark.parametrize(
    "text",
    ["Crowds recalled the Velvet Spring protests.", "She trained for the Winter Games."],
)
def test_capitalised_season_in_a_name_is_not_a_time(text):
    assert _rows(text) == []


def test_capitalised_season_as_a_time():
    assert _rows("During Spring the river rose.")[0][0] == "Spring"
    assert _rows("Last Winter was mild.")[0][2] == "2023-WI"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She scored with 6:12 to play.", ("6:12", "DURATION", "PT6M12S")),
        ("They led with 0:45 left.", ("0:45", "DURATION", "PT45S")),
        ("He kicked a goal with 3:00 remaining.", ("3:00", "DURATION", "PT3M")),
    ],
)
def test_game_clock_left_is_a_duration(text, expected):
    assert _rows(text) == [expected]


def test_soon_after_is_a_signal_and_soon_alone_a_future_reference():
    assert _rows("The driver was caught shortly after the chase.") == []
    assert _rows("Repairs will start soon.") == [("soon", "DATE", "FUTURE_REF")]


def test_every_single_day_and_the_last_decade():
    assert _rows("Ten ships arrive every single day.") == [("every single day", "SET", "P1D")]
    assert _rows("Rents doubled over the last decade.") == [("the last decade", "DURATION", "P10Y")]


def test_lines_are_scanned_only_where_a_rule_can_match():
    # each rule reads only the lines holding its trigger word: the rows of a multi-line text
    # are those of its lines, at their offsets (no anaphora involved here)
    lines = ["Talks lasted three weeks.", "Nothing else.", "The vote is set for June 4, 2025."]
    text = "\n".join(lines)
    whole = [(r["start"], r["text"], r["value"]) for r in tag_times(text, REF)]
    parts, offset = [], 0
    for line in lines:
        parts += [(r["start"] + offset, r["text"], r["value"]) for r in tag_times(line, REF)]
        offset += len(line) + 1
    assert whole == parts and len(whole) == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The mill is now shut.", [("now", "DATE", "PRESENT_REF")]),
        ("Until now, no one has paid.", [("now", "DATE", "PRESENT_REF")]),
        ("The now-empty mill burned.", []),
        ("The levy is currently 4%.", [("currently", "DATE", "PRESENT_REF")]),
        ("She recently moved.", [("recently", "DATE", "PAST_REF")]),
        ("More recently, fares rose.", [("More recently", "DATE", "PAST_REF")]),
        ("Its most recent model sold well.", []),
        ("It will reopen in the near future.", [("the near future", "DATE", "FUTURE_REF")]),
    ],
)
def test_vague_references(text, expected):
    assert _rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Costs rose in the current fiscal year.", ("the current fiscal year", "DATE", "FY2024")),
        ("Profit fell in the 2021 fiscal year.", ("the 2021 fiscal year", "DATE", "FY2021")),
        ("Last financial year was weak.", ("Last financial year", "DATE", "FY2023")),
    ],
)
def test_fiscal_years(text, expected):
    assert _rows(text) == [expected]


def test_a_fiscal_year_in_general_is_not_tagged():
    assert _rows("A fiscal year need not match the calendar.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In the days following the quake, aid arrived.", [("the days", "DURATION", "PXD")]),
        ("It was passed in the final weeks of the term.", [("the final weeks", "DURATION", "PXW")]),
        ("Prices rose over the years.", [("the years", "DURATION", "PXY")]),
        ("The days are long.", []),
        ("Hikers had to spend the night in a hut.", [("the night", "TIME", "2024-03-15TNI")]),
        (
            "He was stopped in the early-morning hours.",
            [("the early-morning hours", "TIME", "2024-03-15TMO")],
        ),
    ],
)
def test_vague_spans_with_an_article(text, expected):
    assert _rows(text) == expected


def test_clock_time_takes_the_day_of_a_part_of_day_in_its_sentence():
    rows = _rows("Markets fell on Tuesday morning but steadied by midday.")
    assert rows[1] == ("midday", "TIME", "2024-03-12T12:00")
    rows = _rows("The blaze began on Monday night; by 2 a.m. it was out.")
    assert rows[1] == ("2 a.m.", "TIME", "2024-03-12T02:00")


def test_present_simple_of_a_scheduled_event_looks_ahead():
    # reference Friday 2024-03-15: the hearing "begins Monday" is the coming Monday
    assert _rows("The hearing begins Monday.")[0][2] == "2024-03-18"
    assert _rows("Police say the fire began Monday.")[0][2] == "2024-03-11"


def test_short_regular_past_in_ied_is_a_past_cue():
    # "died" is the past cue nearest to the weekday, not the earlier "would"
    text = "She, who said she would talk once the chief died, could not be reached Thursday."
    assert _rows(text)[0][2] == "2024-03-14"
