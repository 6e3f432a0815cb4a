"""Headline style: detection with named reasons, truecasing that keeps offsets, claims and the
comparison reading headline grammar as grammar (invented headlines and sentences only)."""

import csv
from pathlib import Path

import pandas as pd
import pytest

from crosscheck import discrepancies as disc
from crosscheck.claims import extract_claims
from crosscheck.text.headline import headline_style, truecase, truecase_lines
from crosscheck.timeline import extract_times

SAMPLE = Path(__file__).parent / "data" / "headlines" / "ecbplus_dev_lines.csv"


@pytest.mark.parametrize(
    "text, reason",
    [
        ("Harbour Authority Closes Ferry Route After Storm", "title_case"),
        ("TRAIN DRIVERS WALK OUT OVER PAY DEAL", "all_caps"),
        ("Ferry operator to cut winter sailings", "to_infinitive"),
        ("Governor: bridge reopens on Monday", "colon_source"),
        ("Two hikers rescued after night on glacier", "no_finite_auxiliary"),
    ],
)
def test_headlines_are_detected_with_their_reason(text, reason):
    style = headline_style(text)
    assert style.headline, style
    assert reason in style.reasons


@pytest.mark.parametrize(
    "text",
    [
        "The harbour authority closed the ferry route after the storm, a spokesman said.",
        "Two hikers were rescued on Sunday after a night on the glacier",  # no stop, but "were"
        "Posted: Tuesday, March 4, 2025 at 9:10 AM",  # a date line
        "It's been a long winter for the ferry crews, and the operator has cut sailings again "
        "for the third time this year without a word to the unions or the harbour board",
    ],
)
def test_body_sentences_and_date_lines_are_not_headlines(text):
    assert not headline_style(text).headline, headline_style(text)


def test_a_possessive_is_no_auxiliary_but_a_contraction_is():
    assert headline_style("Storm floods Lagos's main market").headline
    assert not headline_style("Storm floods main market and it's not over yet").headline


def test_truecase_lowers_common_words_keeps_names_and_length():
    text = "Harbour Authority Closes Ferry Route Near Odesa After Storm"
    out = truecase(text)
    assert len(out) == len(text)
    assert out.lower() == text.lower()
    assert "Odesa" in out  # a gazetteer place
    assert "closes ferry route" in out
    assert out.startswith("Harbour")  # the first word keeps its capital


def test_truecase_keeps_acronyms_inner_capitals_and_unknown_names():
    out = truecase("NATO Envoy Meets McAllister In Brussels Over Drone Deal")
    assert out.split()[0] == "NATO"
    assert "McAllister" in out
    assert "meets" in out and "drone deal" in out


def test_truecase_reads_the_rest_of_the_article():
    head = "Rovers Beat Wanderers To Reach Final"
    body = "The Rovers beat the Wanderers on penalties. Fans of the Rovers celebrated the final."
    out = truecase(head, context=body)
    assert "Rovers" in out and "Wanderers" in out
    assert "beat" in out.split() and "final" in out.split()


def test_all_caps_headline_becomes_sentence_case_with_names():
    out = truecase("FERRY WORKERS STRIKE IN ODESA OVER PAY")
    assert out == "Ferry workers strike in Odesa over pay"


def test_body_text_is_left_alone():
    text = "The Harbour Authority closed the route. It Will Reopen Soon, officials said."
    assert truecase(text) == text
    assert truecase_lines(text) == text


def test_truecase_lines_only_touches_headline_lines():
    text = "Ferry Operator To Cut Winter Sailings\n\nThe operator will cut sailings in winter."
    out = truecase_lines(text)
    assert len(out) == len(text)
    assert out.splitlines()[0] == "Ferry operator to cut winter sailings"
    assert out.splitlines()[2] == text.splitlines()[2]


def _claims(*texts):
    articles = pd.DataFrame({"article_id": [f"a{i}" for i in range(len(texts))], "text": texts})
    return extract_claims(articles)


def test_claims_of_a_headline_keep_the_original_characters():
    text = "Harbour Authority Closes Ferry Route Near Odesa\n\nThe route closed on Monday."
    claims = _claims(text)
    first = claims.iloc[0]
    assert first["text"] == "Harbour Authority Closes Ferry Route Near Odesa"
    assert text[first["start"] : first["end"]] == first["text"]
    names = [e["text"] for e in first["entities"]]
    assert "Odesa" in names
    assert not any("Ferry" in n or "Closes" in n for n in names)


def test_title_case_invents_no_entities_after_truecasing():
    claims = _claims("Dock Workers Walk Out As Talks Stall Over Night Shifts")
    assert list(claims.iloc[0]["entities"]) == []


def test_a_headline_plan_is_expected_in_title_case_too():
    claims = _claims("Ferry Operator To Cut Winter Sailings", "Ferry firm to cut winter sailings")
    assert set(claims["certainty"]) == {"expected"}


def _rows(text_a, text_b):
    claims = _claims(text_a, text_b)
    return disc.find_discrepancies(claims, disc.align_claims(claims))


def test_headline_present_tense_against_body_past_is_no_difference():
    rows = _rows(
        "Coastguard Rescues Two Hikers From Glacier",
        "The coastguard rescued two hikers from the glacier.",
    )
    assert not (rows["kind"] == "certainty_shift").any()
    assert not (rows["kind"] == "time").any()


def test_headline_present_against_future_body_is_no_certainty_difference():
    rows = _rows(
        "Harbour Reopens To Ferries After Storm Repairs",
        "The harbour will reopen to ferries after the storm repairs.",
    )
    assert not (rows["kind"] == "certainty_shift").any()


def test_headline_plan_against_a_done_event_is_a_difference():
    rows = _rows(
        "Ferry operator to cut winter sailings",
        "The ferry operator has cut its winter sailings.",
    )
    assert (rows["kind"] == "certainty_shift").any()


def test_headline_without_its_source_is_a_minor_attribution_row():
    rows = _rows(
        "Ferry operator to cut winter sailings",
        "The ferry operator will cut its winter sailings, the port authority said.",
    )
    attribution = rows[rows["kind"] == "attribution"]
    assert (attribution["severity"] <= 2).all()


def test_detection_sample_is_labelled_and_mostly_right():
    rows = list(csv.DictReader(SAMPLE.open(encoding="utf-8")))
    assert {r["headline"] for r in rows} == {"yes", "no"}
    right = sum(headline_style(r["text"]).headline == (r["headline"] == "yes") for r in rows)
    assert right / len(rows) >= 0.9


@pytest.mark.parametrize(
    "text, value",
    [
        ("Library Board To Vote On Sunday", "2025-03-09"),  # a plan: the coming Sunday
        ("library board to vote on Sunday", "2025-03-09"),
        ("Library Board Votes On Sunday", "2025-03-02"),  # headline present: the past one
        ("Driver jailed to protect public on Sunday", "2025-03-02"),  # "to" after a past form
    ],
)
def test_a_headline_plan_dates_its_weekday_forward(text, value):
    times = extract_times(text, reference="2025-03-05")
    assert times["value"].tolist() == [value]


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    "text", ["a" * 5000, "x." + " " * 100_000 + "y", "Mayor" + " " * 50_000 + ": water"]
)
def test_hostile_lines_are_judged_without_backtracking(text):
    assert headline_style(text).headline in (True, False)
