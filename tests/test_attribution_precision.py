"""Precision round of issue 15: cues that over-fired on unlabelled ECB+ sentences (judged sample in
tests/data/attribution/precision_sample/). Invented sentences, one phenomenon each, with the
attributed counterpart that must keep its attribution."""

from __future__ import annotations

import pandas as pd
import pytest

from crosscheck.claims import extract_claims
from crosscheck.text.nlp import nlp
from crosscheck.text.segmentation import is_stamp


def claims(text: str) -> pd.DataFrame:
    return extract_claims(pd.DataFrame([{"article_id": "p", "text": text}]))


def attributed(text: str) -> bool:
    """Attributed claims cover most of the text (as the benchmark reads a sentence)."""
    out = claims(text)
    hits = out[out["attributed"]]
    return (hits["end"] - hits["start"]).sum() > len(text) / 2


@pytest.mark.parametrize(
    ("act", "report"),
    [
        # a commitment with a bare to-infinitive is an act; "that P" is content
        (
            "The governor vowed to reopen the flooded rail line within a month.",
            "The governor vowed that the flooded rail line would reopen within a month.",
        ),
        (
            "Dock workers pledged to continue the walkout until pay talks resume.",
            "Dock workers pledged that the walkout would continue until pay talks resume.",
        ),
        (
            "The coach promised to give the reserve players more minutes.",
            "The coach promised that the reserve players would get more minutes.",
        ),
        # an appeal to act
        (
            "Farmers Call on Ministry to Lift Ban on Grain Exports",
            "Farmers Say Ministry Will Lift Ban on Grain Exports",
        ),
        (
            "The union called on the regional council to scrap the bus fare rise.",
            "The union said the regional council would scrap the bus fare rise.",
        ),
        # a status given (performative declaration), not a statement
        (
            "The federation declared the cycling club bankrupt last spring.",
            "The federation declared that the cycling club was bankrupt last spring.",
        ),
        (
            "The island's council declared a state of emergency after the storm.",
            "The island's council declared that the storm had cut all power lines.",
        ),
        # a reduced relative ("the rules announced Thursday") is no report
        (
            "The tariffs announced Monday would raise prices for steel importers.",
            "The minister announced Monday that tariffs would raise prices for steel importers.",
        ),
    ],
)
def test_act_versus_report(act, report):
    assert not attributed(act)
    assert attributed(report)


def test_relative_clause_report_keeps_its_subject_gap():
    """'which officials said would close': the clause's subject is the relative pronoun."""
    text = "The old mine, which officials said would close in May, still employs about 300 people."
    assert not attributed(text)  # the report is a small part
    assert attributed("Officials said the old mine would close in May.")


def test_quote_closing_the_previous_sentence_is_no_cue():
    """A quotation mark that closes the sentence before does not make 'responded' a cue."""
    out = claims(
        '"I still cannot believe it," the shop owner said. '
        "Firefighters quickly responded and sealed off the street."
    )
    assert out["attributed"].tolist() == [True, False]


def test_stamp_glued_to_a_sentence_is_cut_off():
    """A publication stamp whose line break was lost is its own unattributed piece; the report
    after it keeps its attribution."""
    text = (
        "Bridge closed after crash\n\nupdated 3 / 14 / 2011 6: 05: 12 PM ET The bridge will stay "
        "closed until Friday, police said."
    )
    out = claims(text)
    stamp = out[out["text"].str.startswith("updated")]
    report = out[out["text"].str.startswith("The bridge")]
    assert len(stamp) == 1 and not stamp["attributed"].iloc[0]
    assert report["attributed"].iloc[0] and report["speaker"].iloc[0] == "police"


def test_labelled_stamp_inside_a_sentence_is_cut_off():
    text = (
        "Crowds gathered in the square PUBLISHED: 10: 12 GMT, 3 May 2012 | UPDATED: 11: 40 GMT, "
        "3 May 2012 The march was peaceful, organisers said."
    )
    out = claims(text)
    assert any(t.startswith("PUBLISHED") for t in out["text"])
    assert not out[out["text"].str.startswith("PUBLISHED")]["attributed"].any()


@pytest.mark.parametrize(
    "text",
    [
        "On Monday, May 2, 2011, police said the road would reopen.",
        "The vote was held at 9: 30 pm EST and the result was announced an hour later.",
        "He was released at 10: 40 a.m. Tuesday, his lawyer said.",
    ],
)
def test_dates_in_prose_are_not_cut(text):
    out = claims(text)
    assert not any(is_stamp(nlp()(t)) for t in out["text"])
    first = out["text"].iloc[0]
    assert first.startswith(text.split(",")[0]) and len(first) > len(text) / 2


@pytest.mark.parametrize(
    ("text", "stamp"),
    [
        ("Updated 9: 01 AM EDT", True),
        ("Monday, Sep 10, 2012 | Updated 9: 01 AM EDT", True),
        ("PUBLISHED: 02: 31 GMT, 12 March 2013", True),
        ("on Monday at 9 pm", False),
        ("12 people", False),
    ],
)
def test_is_stamp(text, stamp):
    assert is_stamp(nlp()(text)) is stamp


@pytest.mark.parametrize(
    ("label", "statement"),
    [
        # a verbless title after a name and a colon is a label, not what the person said
        (
            "Mayor: The Man Behind the Harbour Plan\n\nHe was born in 1961.",
            "Mayor: harbour plan will create jobs\n\nHe was born in 1961.",
        ),
        (
            "Barack Obama: The Man Behind the Campaign\n\nHe was born in 1961.",
            "Barack Obama: Campaign will go on\n\nHe was born in 1961.",
        ),
    ],
)
def test_headline_colon_label_versus_statement(label, statement):
    assert not claims(label)["attributed"].iloc[0]
    assert claims(statement)["attributed"].iloc[0]


def test_according_to_legend_is_no_source():
    assert not attributed("According to legend, the village was founded by a shepherd.")
    assert attributed("According to the village historian, the village was founded in 1702.")


@pytest.mark.parametrize(
    ("hedge", "report"),
    [
        # "is suspected of" is a hedge (as "is accused of"); "X is suspected" reports a suspicion
        ("The landlord's nephew is suspected of having ordered the fire.", "Arson is suspected."),
        # "was supposed to" is an idiom of intention; "is believed to" attributes
        (
            "The new striker was supposed to turn the club into a contender.",
            "The new striker is believed to be the best-paid player in the league.",
        ),
        # an agentless passive inside a relative clause is a part of its sentence
        (
            "The coastguard reached the boats, the larger of which was described as a trawler.",
            "The larger boat was described as a fishing trawler.",
        ),
    ],
)
def test_hedges_and_idioms_versus_passive_reports(hedge, report):
    assert not attributed(hedge)
    assert attributed(report)


def test_subjectless_passive_is_no_report():
    """A passive the parse left without a subject ('until relatives are notified') is no
    agentless report of the sentence before it."""
    assert not attributed("The victim's name will not be released until relatives are notified.")


def test_request_in_a_letter_is_no_report():
    """The medium ('in a letter') does not make the addressee of 'asked' reported content, and a
    comma closing an apposition is no inverted cue."""
    text = (
        "Jon Mayes, a retired judge, asked the governor in a letter to appoint a new police chief."
    )
    assert not attributed(text)
    assert attributed("Jon Mayes, a retired judge, said in a letter that the chief should resign.")


def test_headline_participle_before_a_paragraph_break():
    """'..., Driver Charged' closing a headline is a legal act even with the body after it."""
    out = claims("Cyclist Hurt in Crash, Driver Charged\n\nA cyclist was hit by a van on Friday.")
    assert not out["attributed"].any()


def test_orphan_closing_quote_opens_nothing():
    """A straight quote glued to a comma and followed by a lower-case word only closes: the
    writer's sentences after it are not a quotation."""
    text = (
        'Singer enters rehab\n\n"Jane Roe has checked into a clinic.\n\nWe ask for privacy," her '
        "agent Tom Lee told the magazine. The agent would not say why. The good news is that she "
        "is getting help. This could get interesting."
    )
    out = claims(text)
    tail = out[out["text"].str.startswith(("The agent", "The good news", "This could"))]
    assert len(tail) == 3 and not tail["attributed"].any()
    assert out[out["text"].str.startswith("We ask")]["attributed"].all()


def test_cue_only_sentence_after_a_split_quotation_keeps_its_quote():
    """'"...? " | The coach asked.' (the parse split the quotation from its cue): a cue-only
    sentence still reads the quotation mark next to it; the quotation after it is the coach's."""
    out = claims(
        'The team won again. "Could we have done it without him? " Head coach Ann Berg asked. '
        '"No. " The keeper saved a penalty.'
    )
    by_text = dict(zip(out["text"], out["attributed"], strict=True))
    assert by_text["Head coach Ann Berg asked."] and by_text['"No. "']
    assert not by_text["The keeper saved a penalty."]
