"""Issue #20: MEANTIME conventions (scheme="meantime") and general rules, on invented sentences."""

import pytest

from crosscheck.text.timex import extract_times, tag_times

REF = "2010-05-12"


def _rows(text, ref=REF, **kw):
    return [(r["text"], r["type"], r["value"]) for r in tag_times(text, ref, **kw)]


def test_ago_is_a_date_in_timeml_and_an_amount_in_meantime():
    text = "The bridge was closed three weeks ago for repairs."
    assert _rows(text) == [("three weeks ago", "DATE", "2010-04-21")]
    (row,) = tag_times(text, REF, scheme="meantime")
    assert (row["text"], row["type"], row["value"]) == ("three weeks", "DURATION", "P3W")
    assert (row["start_date"], row["end_date"]) == ("2010-04-21", REF)


def test_vague_ago_amount_in_meantime():
    assert _rows("The mill shut several years ago.", scheme="meantime") == [
        ("several years", "DURATION", "PXY")
    ]


def test_ranges_add_a_duration_over_both_dates_in_meantime():
    text = "The mayor served from 1998 to 2004 and again between 2008 and 2010."
    assert _rows(text, scheme="meantime") == [
        ("from 1998 to 2004", "DURATION", "P6Y"),
        ("1998", "DATE", "1998"),
        ("2004", "DATE", "2004"),
        ("between 2008 and 2010", "DURATION", "P2Y"),
        ("2008", "DATE", "2008"),
        ("2010", "DATE", "2010"),
    ]
    assert [r[0] for r in _rows(text)] == ["1998", "2004", "2008", "2010"]  # TimeML: dates only


def test_month_range_and_no_range_without_opener():
    assert ("from March to June", "DURATION", "P3M") in _rows(
        "The road works lasted from March to June.", scheme="meantime"
    )
    assert all(r[1] == "DATE" for r in _rows("Sales rose in 2008 and 2009.", scheme="meantime"))


def test_unknown_scheme_is_an_error():
    with pytest.raises(ValueError, match="scheme"):
        tag_times("on Monday", REF, scheme="tempeval")
    assert list(extract_times("on Monday", REF, scheme="meantime")["value"]) == ["2010-05-10"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The brewer posts a fourth-quarter loss.", "2009-Q4"),
        ("The insurer reported third-quarter earnings of $2 a share.", "2009-Q3"),
        ("The factory will reopen in the fourth quarter.", "2010-Q4"),
        ("Exports rose in the first quarter.", "2010-Q1"),
    ],
)
def test_figures_of_a_quarter_not_yet_over_are_last_years(text, value):
    quarters = [r for r in tag_times(text, REF) if "quarter" in r["text"].lower()]
    assert [r["value"] for r in quarters] == [value]


def test_month_may_after_a_possessive_is_a_month():
    assert _rows("The brewer's May shipments fell.") == [("May", "DATE", "2010-05")]
    assert _rows("The brewer may cut shipments.") == []


def test_weekday_deadline_in_a_present_tense_sentence_is_ahead():
    # REF is a Wednesday: "until Friday" is two days on; a past deadline stays behind
    assert _rows("Tenants have until Friday to reply.") == [("Friday", "DATE", "2010-05-14")]
    assert _rows("Tenants had until Friday to reply.") == [("Friday", "DATE", "2010-05-07")]


def test_model_names_ending_in_tens_are_no_decades():
    assert _rows("The air force flies KC-30s and F-10s.") == []
    assert _rows("Rents soared in the 1970s.") == [("the 1970s", "DATE", "197")]


def test_named_days_are_not_weekdays_from_the_reference():
    assert _rows("Shares had their worst day since Black Monday in 1987.") == [
        ("1987", "DATE", "1987")
    ]
    assert _rows("Voters in ten states go to the polls on Super Tuesday.") == []
    assert _rows("Shares sank on Monday.") == [("Monday", "DATE", "2010-05-10")]


def test_quarters_of_a_thing_are_fractions_not_durations():
    assert _rows("The bank cut rates by three-quarters of a percentage point.") == []
    assert _rows("A quarter of the staff left.") == []
    assert ("the first three quarters", "DURATION", "P3Q") in _rows(
        "Output in the first three quarters of the year fell."
    )


def test_a_unit_after_a_year_number_is_no_rate():
    assert ("a week", "DURATION", "P1W") in _rows(
        "It was the first cut since 1984 and came a week before the meeting."
    )
    assert ("a year", "SET", "P1Y") in _rows("The mine ships 40 tonnes a year.")


def test_names_and_measures_are_not_times():
    assert _rows("The studio, 20th Century Fox, denied it.") == []
    assert _rows("Police closed a quarter-mile area.") == []
    assert ("a full month", "DURATION", "P1M") in _rows(
        "Ballots close on January 23, a full month before the gala."
    )


@pytest.mark.parametrize(
    ("text", "extent", "value"),
    [
        ("Repairs will take six to eight months.", "six to eight months", "P8M"),
        ("The ferry returns in 60 to 90 days.", "60 to 90 days", "P90D"),
        ("Expect two or three weeks of delays.", "two or three weeks", "P3W"),
    ],
)
def test_a_range_of_amounts_is_one_duration(text, extent, value):
    assert _rows(text) == [(extent, "DURATION", value)]


def test_over_as_preposition_stays_out_and_as_bound_stays_in():
    assert _rows("The debt will be repaid over ten years.") == [("ten years", "DURATION", "P10Y")]
    (row,) = tag_times("She led the agency for over ten years.", REF)
    assert (row["text"], row["mod"]) == ("over ten years", "MORE_THAN")


def test_identifying_numbers_are_not_years():
    assert _rows("Flight 1549 came down on the river.") == []
    assert _rows("Tickets for the WWDC 2011 keynote sold out.") == [("2011", "DATE", "2011")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The museum is open on weekends.", ("weekends", "SET", "XXXX-WXX-WE")),
        ("The ferry sails every other week.", ("every other week", "SET", "P2W")),
        ("The bakery opens six days a week.", ("a week", "SET", "P1W")),
        ("Q3 exports rose.", ("Q3", "DATE", "2009-Q3")),
        ("The mill lost $2 million in the second half.", ("the second half", "DATE", "2009-H2")),
    ],
)
def test_sets_quarters_and_halves(text, expected):
    assert expected in _rows(text, ref="2010-03-10")


def test_clock_time_with_a_two_word_city_zone():
    assert _rows("The exchange shut at 4 p.m. Hong Kong time.") == [
        ("4 p.m. Hong Kong time", "TIME", "2010-05-12T16:00")
    ]


def test_a_possessive_before_may_is_a_month_only_before_figures():
    """ "Britain's May says" is a person, not the month (review finding)."""
    assert _rows("Britain's May says a deal is close.") == []
    assert _rows("The carmaker's May sales rose.") == [("May", "DATE", "2010-05")]


def test_the_quarter_still_running_is_this_years_unless_its_figures_are_past():
    ref = "2010-11-10"  # in the fourth quarter
    expect = [r["value"] for r in tag_times("The firm expects fourth-quarter profit to rise.", ref)]
    posted = [r["value"] for r in tag_times("The firm posted a fourth-quarter loss.", ref)]
    assert expect == ["2010-Q4"] and posted == ["2009-Q4"]


@pytest.mark.timeout(60)
def test_rate_and_deadline_rules_stay_linear_on_hostile_text():
    """Hang guards (no timing asserted): dotted digit runs before "a year" once backtracked
    exponentially; the deadline look-back scanned from the start of the text per weekday."""
    assert isinstance(tag_times("1." * 30 + "1 x a year. " * 300, REF), list)
    assert len(tag_times("The team has until Friday to decide. " * 3000, REF)) == 3000


def test_a_span_of_two_years_before_years_is_no_amount_of_years():
    """A span like "the 1990-2000 years" is never an amount of 2000 years (review finding)."""
    values = [r["value"] for r in tag_times("The 1990-2000 years were calm.", REF)]
    assert "P2000Y" not in values
