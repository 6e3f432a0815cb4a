"""Probes of news-language phenomena the typers must read as compatible (no substantive row:
severity >= 3) or as a real difference. Invented sentences, one phenomenon each."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from crosscheck import claims as claims_mod
from crosscheck import discrepancies as disc
from crosscheck.comparison.normalise import tokens
from crosscheck.comparison.typers import type_pair
from crosscheck.comparison.typers.attribution import hedged
from crosscheck.comparison.typers.quantity import counts_alike
from crosscheck.text import lexicon, quantities
from crosscheck.text.amounts import amounts
from crosscheck.text.certainty import FIRM_SCORE, cue_score


def _views(text_a, text_b):
    from crosscheck.comparison.names import EntityJudge
    from crosscheck.comparison.views import claim_view

    rows = [
        {"claim_id": "a:0", "article_id": "a", "text": text_a},
        {"claim_id": "b:0", "article_id": "b", "text": text_b},
    ]
    judge = EntityJudge(None)
    return claim_view(rows[0], {}, judge), claim_view(rows[1], {}, judge), judge


def typed(text_a, text_b, kind):
    a, b, judge = _views(text_a, text_b)
    return [r for r in type_pair(a, b, judge) if r["kind"] == kind]


def pipeline(text_a, text_b) -> pd.DataFrame:
    """Rows of two one-sentence articles through extract_claims -> align -> type."""
    articles = pd.DataFrame({"article_id": ["a", "b"], "text": [text_a, text_b]})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        claims = claims_mod.extract_claims(articles)
        alignment = disc.align_claims(claims)
        assert (alignment["status"] == "aligned").any(), "the probe pair must align"
        return disc.find_discrepancies(claims, alignment)


# --- attribution -------------------------------------------------------------------------


def test_a_source_on_one_side_of_a_firm_plan_is_an_addition():
    rows = pipeline(
        "The harbour festival will open on Friday, the organisers said.",
        "The harbour festival will open on Friday.",
    )
    att = rows[rows["kind"] == "attribution"]
    assert len(att) == 1 and att["severity"].max() == 2


def test_a_source_on_one_side_of_a_hedged_claim_stays_severe():
    rows = pipeline(
        "The harbour festival may open on Friday, the organisers said.",
        "The harbour festival may open on Friday.",
    )
    assert rows.loc[rows["kind"] == "attribution", "severity"].max() == 4


@pytest.mark.parametrize(
    "cues, rank, expect",
    [
        (["will"], 1, False),
        (["is set to"], 1, False),
        (["to"], 1, False),
        (["may"], 2, True),
        (["is believed to"], 1, True),
        (["will", "?"], 2, True),
        ([], 0, False),
    ],
)
def test_hedged_reads_the_cues(cues, rank, expect):
    assert hedged({"rank": rank, "cues": cues}) is expect


def test_cue_scores_come_from_the_certainty_lexicon():
    assert cue_score(tuple(t.lemma for t in tokens("is set to"))) >= FIRM_SCORE
    assert cue_score(tuple(t.lemma for t in tokens("reportedly"))) < FIRM_SCORE
    assert cue_score(("zebra",)) is None


def test_a_named_person_and_a_description_of_one_person_may_be_one_source():
    rows = pipeline(
        "The museum will close for repairs in May, said Ingrid Solheim.",
        "The museum will close for repairs in May, a spokeswoman said.",
    )
    att = rows[rows["kind"] == "attribution"]
    assert len(att) == 1 and att["severity"].max() == 2
    assert "maybe the same" in att["explanation"].iloc[0]


def test_a_named_person_and_an_institution_are_different_sources():
    rows = pipeline(
        "The museum will close for repairs in May, said Ingrid Solheim.",
        "The museum will close for repairs in May, the city council said.",
    )
    assert rows.loc[rows["kind"] == "attribution", "severity"].max() == 4


# --- detail ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text_a, text_b",
    [
        # aspect: the state goes on
        (
            "The dockworkers remain on strike at the northern terminal.",
            "The dockworkers are on strike at the northern terminal.",
        ),
        # nominalisation: the noun of the event is the event
        (
            "Officials ordered the evacuation of the coastal villages.",
            "Officials ordered that the coastal villages be evacuated.",
        ),
    ],
)
def test_framing_and_nominalisation_are_no_statement_of_their_own(text_a, text_b):
    rows = typed(text_a, text_b, "detail")
    assert all(r["severity"] <= 2 for r in rows), rows


def test_an_extra_event_is_still_a_statement():
    rows = typed(
        "The board approved the merger and the finance director resigned.",
        "The board approved the merger.",
        "detail",
    )
    assert any(r["severity"] == 3 and "resigned" in r["value_a"] for r in rows), rows


def test_frame_verbs_and_event_equivalents_are_lexicon_entries_with_notes():
    frame = lexicon.load("frame_verbs")
    assert {"remain", "continue"} <= {e.entry for e in frame}
    assert all(e.note for e in frame)
    same_as = lexicon.by_attr("event_equivalents", "same_as")
    assert same_as["evacuation"] == same_as["evacuate"]
    assert same_as["nominee"] == same_as["nominate"]


# --- polarity: near miss -----------------------------------------------------------------


def test_nearly_on_the_verb_says_it_did_not_happen():
    rows = typed(
        "The flood destroyed the old footbridge.",
        "The old footbridge was nearly destroyed by the flood.",
        "polarity",
    )
    assert len(rows) == 1 and rows[0]["severity"] == 4
    assert "nearly" in rows[0]["value_b"]


def test_nearly_on_a_number_is_no_near_miss():
    rows = typed(
        "Nearly 40 volunteers cleared the beach.", "40 volunteers cleared the beach.", "polarity"
    )
    assert rows == []


# --- referent: one-sided participant -----------------------------------------------------


def test_a_person_named_elsewhere_by_family_name_is_no_substitution():
    rows = typed(
        "A day after Jonas Lindqvist broke his wrist, the club put Holmberg on the injured list.",
        "The club put defender Erik Holmberg on the injured list.",
        "referent",
    )
    assert rows == []


def test_a_different_person_in_the_same_slot_is_still_a_referent():
    rows = typed(
        "The club put Jonas Lindqvist on the injured list.",
        "The club put Erik Holmberg on the injured list.",
        "referent",
    )
    assert len(rows) == 1


# --- quantity ----------------------------------------------------------------------------


def test_counts_of_different_things_are_not_compared():
    rows = typed(
        "Coast guards seized four boats near the reef.",
        "Coast guards detained 31 smugglers near the reef.",
        "quantity",
    )
    assert all(r["severity"] == 2 for r in rows) and len(rows) == 2


def test_counts_of_people_under_two_nouns_are_compared():
    rows = typed(
        "Twelve soldiers were wounded in the ambush.",
        "Fifteen troops were wounded in the ambush.",
        "quantity",
    )
    assert any(r["severity"] == 4 for r in rows)


def test_counts_alike_groups():
    assert counts_alike("soldiers", "soldier", "troops", "troop")
    assert counts_alike("boats", "boat", "", "")
    assert counts_alike("victims", "victim", "people", "people")
    assert not counts_alike("boats", "boat", "smugglers", "smuggler")


@pytest.mark.parametrize(
    "text, low, unit",
    [
        ("the climber fell about 60m from the ledge", 54.0, "m"),
        ("a 5km detour", 5000.0, "km"),
        ("a $40m contract", 4e7, "USD"),
    ],
)
def test_glued_units(text, low, unit):
    (x,) = amounts(text)
    assert x.low == pytest.approx(low) and x.unit == unit


def test_glued_m_before_a_noun_is_million():
    (x,) = amounts("the app has 3m subscribers")
    assert x.low == 3e6 and x.dimension == "count"


def test_half_after_an_ordinal_is_a_part_of_a_game():
    assert [a.text for a in amounts("she scored in the second half")] == ["second"]
    assert [a.low for a in amounts("half of the 40 seats")] == [0.5, 40.0]


# --- quantities.py: word lists from lexicons, modifiers kept ------------------------------


def test_quantity_word_lists_come_from_lexicons():
    assert quantities.UNITS["kilometres"] == "km"
    assert "hour" not in quantities.UNITS  # durations are time expressions
    assert quantities.SCALES["million"] == 1e6
    assert "more than" in quantities.APPROX
    assert quantities.CURRENCY["€"] == "EUR"
    assert "soldiers" in quantities.COUNT_NOUNS and "busiest" in quantities.RANK_WORDS


@pytest.mark.parametrize(
    "text, approx, value",
    [
        ("More than 30 families were moved out of the estate.", "more than", 30.0),
        ("About 250 runners finished the race.", "about", 250.0),
    ],
)
def test_a_tagged_number_keeps_its_modifier(text, approx, value):
    from crosscheck.text.nlp import nlp

    doc = nlp()(text)
    found = quantities._quantities(doc, text, list(doc.ents))
    assert found and found[0]["approx"] == approx and found[0]["value"] == value


# --- certainty: headline plans -----------------------------------------------------------


@pytest.mark.parametrize(
    "text, rank",
    [
        ("Ferry operator to cut 300 jobs", 1),
        ("Old stadium to be demolished next year", 1),
        ("Health agency in talks to buy vaccine stocks", 0),
    ],
)
def test_headline_infinitive_is_a_plan_only_as_the_main_predicate(text, rank):
    claims = claims_mod.extract_claims(pd.DataFrame({"article_id": ["a"], "text": [text]}))
    assert int(claims["certainty_rank"].iloc[0]) == rank


# --- time: year-less dates of undated articles --------------------------------------------


def test_two_different_days_without_a_year_differ():
    rows = pipeline("The trawler docked on 4 June.", "The trawler docked on 11 June.")
    time = rows[rows["kind"] == "time"]
    assert len(time) == 1 and time["severity"].iloc[0] == 4


@pytest.mark.parametrize(
    "text_b", ["The trawler docked on June 4.", "The trawler docked on the evening of 4 June."]
)
def test_the_same_day_without_a_year_is_no_conflict(text_b):
    rows = pipeline("The trawler docked on 4 June.", text_b)
    assert rows.empty or rows["severity"].max() <= 2


# --- certainty: a firm plan against a plain statement --------------------------------------


def test_a_firm_plan_against_a_statement_is_a_minor_shift():
    rows = pipeline(
        "The city will reopen the northern bridge on Monday.",
        "The city reopens the northern bridge on Monday.",
    )
    shift = rows[rows["kind"] == "certainty_shift"]
    assert shift.empty or shift["severity"].max() == 2


def test_a_hedge_against_a_statement_stays_a_shift():
    rows = pipeline(
        "The city may reopen the northern bridge on Monday.",
        "The city reopens the northern bridge on Monday.",
    )
    assert rows.loc[rows["kind"] == "certainty_shift", "severity"].max() >= 3


def test_reference_point_words_and_weekday_names_come_from_lexicons():
    from crosscheck.comparison.typers import quantity as quantity_typer
    from crosscheck.comparison.typers import time as time_typer

    assert {"from", "off", "north"} <= quantity_typer._REFERENCE_WORDS
    assert time_typer._DAYS[0] == "Monday" and len(time_typer._DAYS) == 7
    rows = typed(
        "The shell landed 30 km from the border.",
        "The shell landed 30 km from the capital.",
        "reference_point",
    )
    assert len(rows) == 1


def test_a_named_person_and_a_possessive_description_may_be_one_source():
    rows = pipeline(
        "The singer Mara Quist has died, publicist Lena Ort said.",
        "The singer Mara Quist has died, Quist's publicist said.",
    )
    att = rows[rows["kind"] == "attribution"]
    assert len(att) == 1 and att["severity"].max() == 2
