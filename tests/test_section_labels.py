"""A news section label before a headline colon ("Analysis: ...", "Exclusive: ...") is never a
source; a name or source noun before the colon still is (invented headlines)."""

from __future__ import annotations

import pandas as pd
import pytest

from crosscheck.claims import extract_claims
from crosscheck.text.headline import headline_style, section_label

BODY = "\n\nThe harbour board met on Thursday. Fishermen waited on the quay."


def headline_claim(headline: str) -> pd.Series:
    claims = extract_claims(pd.DataFrame([{"article_id": "h", "text": headline + BODY}]))
    return claims[claims["start"] == 0].iloc[0]


@pytest.mark.parametrize(
    "headline",
    [
        "Analysis: Grain tariffs will squeeze the coastal mills",
        "Exclusive: Regulator plans to fine three lenders",
        "Update: Ferry Service Resumes After Storm",
        "Photos: Flood waters recede in river towns",
        "Live: Parliament votes on the budget bill",
        "Explainer: Ferry Service Resumes After Storm",
        "EDITORIAL: Lender sells its stake in the insurer",
        "OBITUARY: Lender sells its stake in the insurer",
        "UPDATE 2: Lender sells its stake in the insurer",
    ],
)
def test_a_section_label_before_a_headline_colon_is_no_speaker(headline):
    row = headline_claim(headline)
    assert not row["attributed"], row[["speaker"]].to_dict()
    assert "colon_source" not in headline_style(headline).reasons


@pytest.mark.parametrize(
    ("headline", "speaker"),
    [
        ("Minister: talks will go on", "Minister"),
        ("Spokesman: no decision yet on the merger", "Spokesman"),
        ("Johnson: talks will go on", "Johnson"),
    ],
)
def test_a_name_or_source_noun_before_a_headline_colon_still_speaks(headline, speaker):
    row = headline_claim(headline)
    assert row["attributed"] and row["speaker"] == speaker, row[["speaker"]].to_dict()
    assert "colon_source" in headline_style(headline).reasons


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Analysis", True),
        ("LIVE UPDATES", True),
        ("Update 3", True),
        ("Q&A", True),
        ("Minister", False),
        ("Report", False),  # "Report: ..." says a report states it: a source noun
        ("", False),
    ],
)
def test_section_label_reads_the_lexicon(text, label):
    assert section_label(text) is label
