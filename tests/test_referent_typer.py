"""The referent typer's subject rule: two different names as the subject of one event.

All sentences and names are invented for these tests."""

import warnings

import pandas as pd
import pytest

from crosscheck import claims as claims_mod
from crosscheck.comparison.align import prepare
from crosscheck.comparison.names import EntityJudge
from crosscheck.comparison.typers import type_pair
from crosscheck.comparison.views import claim_view


def _referent(a: str, b: str) -> list[dict]:
    """Referent rows of the first claims of two one-sentence articles (extract_claims, with its
    entity tags), typed as an aligned pair."""
    articles = pd.DataFrame({"article_id": ["a", "b"], "text": [a, b]})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        claims = prepare(claims_mod.extract_claims(articles))
    judge = EntityJudge(None)
    va, vb = (
        claim_view(claims[claims["article_id"] == s].iloc[0].to_dict(), {}, judge)
        for s in ("a", "b")
    )
    return type_pair(va, vb, judge, only=("referent",))


@pytest.mark.parametrize(
    ("a", "b", "names"),
    [
        # several names on each side: no single substitution, the subject decides
        (
            "Olga Brandt, a Gdansk shipyard organiser who led the Solidarnosc Baltic strike, "
            "has died.",
            "Henrik Salo, the former Nordic Rail chief who exposed the Baltic Link affair in "
            "Oslo, has died.",
            ("Olga Brandt", "Henrik Salo"),
        ),
        (
            "Marta Kowal, a retired judge who chaired the Lisbon inquiry for the European "
            "Commission, resigned on Friday.",
            "Simon Ekwueme, the Lagos lawyer who advised Shell in the Brussels case, resigned "
            "on Friday.",
            ("Marta Kowal", "Simon Ekwueme"),
        ),
    ],
)
def test_two_names_as_the_subject_of_one_event_are_a_referent_row(a, b, names):
    rows = [r for r in _referent(a, b) if r["detail"].startswith("verdict=distinct; subject")]
    assert len(rows) == 1 and rows[0]["severity"] == 5
    assert (rows[0]["value_a"], rows[0]["value_b"]) == names


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # one person, the full name on one side
        ("Olga Brandt has died.", "Brandt dies"),
        # the other claim names the first one too: a participant, not a substitution
        ("Olga Brandt has died.", "Henrik Salo said Olga Brandt has died."),
        # different events: no subject comparison
        ("Olga Brandt has died.", "Henrik Salo has resigned."),
    ],
)
def test_no_subject_row_for_one_person_or_different_events(a, b):
    rows = [r for r in _referent(a, b) if r["detail"].startswith("verdict=distinct; subject")]
    assert rows == []


def test_a_reporting_verb_is_no_event_of_the_subject_check():
    """A different speaker is the attribution typer's question: the subject-of-one-event check
    skips reporting verbs (lexicon reporting_verbs) but reads an event verb."""
    from crosscheck.comparison.normalise import tokens
    from crosscheck.comparison.typers import referent

    said = referent._subject_names(tokens("Anna Smith said the bridge will reopen in May."))
    opened = referent._subject_names(tokens("Anna Smith opened the bridge in May."))
    assert "say" not in said and list(opened.values())[0][0] == "Anna Smith"
