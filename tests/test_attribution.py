"""Tests for crosscheck.text.attribution on invented sentences (one per rule)."""

from __future__ import annotations

import pandas as pd
import pytest

from crosscheck.claims import extract_claims
from crosscheck.text.attribution import UNNAMED, quote_spans


def run(text: str) -> pd.DataFrame:
    return extract_claims(pd.DataFrame([{"article_id": "x", "text": text}]))


def claim(out: pd.DataFrame, fragment: str) -> pd.Series:
    hits = out[out["text"].str.contains(fragment, regex=False)]
    assert len(hits) == 1, f"{fragment!r} in {list(out['text'])}"
    return hits.iloc[0]


def test_any_noun_phrase_subject_of_a_reporting_lemma():
    out = run("Shopkeepers have complained that the new parking fees drove customers away.")
    row = out.iloc[0]
    assert row["attributed"] and row["speaker"] == "Shopkeepers"
    assert row["attribution_kind"] == "speech"


def test_irregular_and_doubled_forms_come_from_the_lemmatizer():
    out = run(
        "The treasurer admitted that the fund had shrunk. The pilot wrote that fog closed in."
    )
    assert claim(out, "treasurer")["attribution_verb"] == "admitted"
    assert claim(out, "pilot")["attribution_verb"] == "wrote"


def test_speaker_after_the_quote_and_continuation_until_it_closes():
    out = run(
        "“The orchard is lost. Every tree froze in one night. We start again in spring,” "
        "said Marta Ilves, a farmer near the lake. The frost also hit vineyards."
    )
    for fragment in ("The orchard is lost", "Every tree froze"):
        row = claim(out, fragment)
        assert row["speaker"] == "Marta Ilves" and row["speaker_inherited"]
    assert not claim(out, "also hit vineyards")["attributed"]


def test_quote_continues_into_the_next_paragraph_when_it_reopens():
    out = run(
        "Coach Pieter Lund said: “We trained hard all winter.\n\n"
        "“Nobody expected the injuries.”\n\n"
        "The club plays again on Sunday."
    )
    row = claim(out, "Nobody expected")
    assert row["speaker"] == "Pieter Lund" and row["attributed"]
    assert not claim(out, "plays again")["attributed"]


def test_quote_that_never_closes_stops_at_the_paragraph_end():
    out = run("The mayor said: “Roads will reopen by noon.\n\nThe bridge stays closed for repairs.")
    assert claim(out, "Roads will reopen")["attributed"]
    assert not claim(out, "bridge stays closed")["attributed"]


def test_pronoun_it_resolves_to_the_last_organisation():
    out = run(
        "Northwind Airlines cancelled forty flights on Monday. "
        "The storm grounded its fleet in three cities, it said."
    )
    row = claim(out, "grounded its fleet")
    assert row["attributed"] and row["speaker"] == "Northwind Airlines"


def test_participle_saying_takes_the_head_subject():
    out = run("The union called off the walkout on Friday, saying wages would rise by April.")
    row = out.iloc[-1]
    assert row["attributed"] and row["speaker"] == "union"


def test_quoted_as_saying_keeps_the_chain():
    out = run("The Daily Ledger quoted a harbour official as saying the pier was unsafe.")
    row = out.iloc[0]
    assert row["attributed"]
    assert row["source_chain"][0] == "Daily Ledger"
    assert row["speaker"] == row["source_chain"][-1] and "official" in row["speaker"]


def test_according_to_with_citing_gives_a_chain_outermost_first():
    out = run(
        "According to Tidewater News, citing three port workers, the cranes were idle all week."
    )
    row = out.iloc[0]
    assert row["source_chain"][0] == "Tidewater News"
    assert "workers" in row["source_chain"][-1] and row["speaker"] == row["source_chain"][-1]


def test_addressee_of_told_is_never_the_speaker():
    out = run("The inspector told the committee that the wiring was faulty.")
    row = out.iloc[0]
    assert row["speaker"] == "inspector" and "committee" in row["medium"]


def test_belief_cue_is_the_weaker_kind():
    out = run("Economists expect that interest rates will fall next year.")
    row = out.iloc[0]
    assert row["attributed"] and row["attribution_kind"] == "belief"
    assert not row["attribution_strong"]


def test_perception_needs_a_that_clause():
    out = run("Farmers saw their harvest shrink. Doctors found that the water was clean.")
    assert not claim(out, "harvest shrink")["attributed"]
    assert claim(out, "Doctors found")["attribution_kind"] == "belief"


def test_headline_colon_attribution_and_a_place_dateline_is_not():
    out = run("Minister: ferry service will resume\n\nBody text follows here.")
    row = claim(out, "ferry service")
    assert row["attributed"] and row["attribution_verb"] == ":"
    out = run("Portugal: wildfire spreads north\n\nBody text follows here.")
    assert not claim(out, "wildfire spreads")["attributed"]


def test_agentless_passive_is_an_unnamed_source():
    out = run("The suspect is believed to have fled the country.")
    row = out.iloc[0]
    assert row["attributed"] and row["speaker"] == UNNAMED and row["speaker_kind"] == "vague"


def test_first_person_outside_quotes_is_the_writer():
    out = run("I think the council has made a mistake.")
    assert not out.iloc[0]["attributed"]


def test_negated_speech_gives_no_content():
    out = run("The company did not say whether jobs would be cut.")
    assert not out.iloc[0]["attributed"]


def test_subordinate_reporting_clause_does_not_attribute_the_claim():
    out = run("Shares fell sharply after the bank said that profits had halved.")
    assert not out.iloc[0]["attributed"]


def test_predicative_report_verb():
    out = run("The referee called the decision unfortunate.")
    assert out.iloc[0]["attributed"]
    assert not run("The referee called for calm.").iloc[0]["attributed"]


@pytest.mark.parametrize(
    "text",
    [
        'He said "one "two "three and left.',  # unbalanced quotes
        "“" * 50 + "deep" + "”" * 50 + " she said.",  # 50 nested quotes
        "“" * 50 + "never closed",
        "Officials said " + " ".join(["word"] * 2000) + ".",  # a 2,000-word sentence
        "Only a headline",
        "Mayor:",
        ": : :",
        '"',
    ],
)
def test_bad_input_never_raises(text):
    out = run(text)
    assert len(out) >= 1
    assert out["attributed"].isin([True, False]).all()
    assert (out["attributed"] == (out["speaker"] != "")).all()


def test_quote_spans_pairing():
    text = 'A “b c” d "e f" g “h'
    spans = quote_spans(text, [0])
    assert [text[s:e] for s, e, _ in spans] == ["“b c”", '"e f"', "“h"]
    nested = quote_spans("“a “b” c”", [0])
    assert len(nested) == 1 and nested[0][:2] == (0, 9)


def test_a_verb_that_opens_a_quote_attributes_even_when_parsed_low():
    out = run("On the new timetable the engineer said, “Trains will run every hour.”")
    row = out.iloc[0]
    assert row["attributed"] and row["speaker"] == "engineer"
