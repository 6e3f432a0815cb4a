"""Same or different (issue #14): lemma overlap in alignment, generic head words of
organisation names, claim fragments. Invented sentences and names only."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from crosscheck.comparison import align
from crosscheck.entities import compare_names


def _claims(text_a: str, text_b: str) -> pd.DataFrame:
    return pd.DataFrame(
        {"claim_id": ["a1", "b1"], "article_id": ["a", "b"], "text": [text_a, text_b]}
    )


def _sim(text_a: str, text_b: str, method: str = "combined") -> float:
    return float(align.similarity(_claims(text_a, text_b), ["a1"], ["b1"], method=method)[0])


def test_inflected_event_words_raise_similarity_over_plain_lexical():
    a = "Harlow Quint, the veteran jockey, died on Monday at his farm near Ashby."
    b = "Jockey Harlow Quint dies at 88"
    assert _sim(a, b) > _sim(a, b, method="lexical")
    assert _sim(a, b) >= align.THRESHOLDS["combined"]


def test_event_equivalents_fold_headline_verbs():
    a = "Police arrested the treasurer of the Dunmore rowing club on Friday."
    b = "Police nab Dunmore rowing club treasurer"
    c = "Police praise Dunmore rowing club treasurer"
    assert _sim(a, b) > _sim(a, c)


def test_different_people_same_kind_of_event_keep_lemma_overlap_low():
    a = "Marta Keeling was named chair of the Vellmark harbour board on Tuesday."
    same = "The Vellmark harbour board named Marta Keeling its chair."
    other = "Tobias Rennick was named chair of the Vellmark harbour board on Tuesday."
    assert _sim(a, same) > _sim(a, other)


def test_unrelated_claims_stay_below_threshold():
    a = "The ferry to Corran Island was cancelled because of high winds."
    b = "A new library opened in the town centre with three reading rooms."
    assert _sim(a, b) < align.THRESHOLDS["combined"]


def test_headline_aligns_with_its_body_sentence():
    a = "Veteran jockey Harlow Quint died peacefully in his sleep on Monday, his family said."
    b = "Jockey Harlow Quint dies at 88"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = align.align_claims(_claims(a, b))
    assert (out["status"] == "aligned").sum() == 1


@pytest.mark.parametrize(
    ("name_a", "name_b", "kind"),
    [
        ("Quillon Ridge Clinic", "Quillon Ridge Center", "facility"),
        ("Saint Orla Hospital", "Saint Orla Medical Centre", "facility"),
        ("Ministry of Fisheries", "Fisheries Department", "organisation"),
        ("Brightwater Party", "Brightwater Foundation", "organisation"),
    ],
)
def test_names_differing_only_in_generic_head_are_unresolved(name_a, name_b, kind):
    res = compare_names(name_a, name_b, kind)
    assert res["verdict"] == "unresolved"
    assert "generic head words" in res["evidence"][0]


@pytest.mark.parametrize(
    ("name_a", "name_b", "kind"),
    [
        ("Quillon Ridge Clinic", "Maple Ridge Clinic", "facility"),
        ("Ministry of Fisheries", "Ministry of Transport", "organisation"),
        ("Brightwater Party", "Stonefield Party", "organisation"),
    ],
)
def test_names_with_different_distinctive_words_stay_distinct(name_a, name_b, kind):
    assert compare_names(name_a, name_b, kind)["verdict"] == "distinct"


def test_places_do_not_use_the_head_rule():
    res = compare_names("Quillon Ridge Clinic", "Quillon Ridge Center", "place", gazetteer=False)
    assert "generic head words" not in " ".join(res["evidence"])


def test_single_claim_articles_need_the_stricter_threshold(monkeypatch):
    a = "The Corran Island ferry was cancelled on Monday."
    b = "The Monday ferry to Corran Island did not sail."
    sim = _sim(a, b)
    assert sim >= align.THRESHOLDS["combined"]
    monkeypatch.setattr(align, "SINGLE_CLAIM_THRESHOLD", sim + 0.01)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        single = align.align_claims(_claims(a, b))
        given = align.align_claims(_claims(a, b), threshold=align.THRESHOLDS["combined"])
        extra = pd.DataFrame(
            {"claim_id": ["a2"], "article_id": ["a"], "text": ["Repairs start next week."]}
        )
        multi = align.align_claims(pd.concat([_claims(a, b), extra], ignore_index=True))
    assert (single["status"] == "aligned").sum() == 0
    assert (given["status"] == "aligned").sum() == 1
    assert (multi["status"] == "aligned").sum() == 1


def _claim_texts(text: str) -> list[str]:
    from crosscheck.claims import extract_claims  # noqa: PLC0415

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return extract_claims(pd.DataFrame({"article_id": ["x"], "text": [text]}))["text"].tolist()


@pytest.mark.parametrize(
    "text",
    [
        '"It\'s been a long wait," but Marla Fenn has finally joined the Oakvale choir on Monday.',
        "It's not a holiday, but the Corran council has closed its offices.",
    ],
)
def test_short_pronoun_opening_clause_stays_with_its_claim(text):
    assert _claim_texts(text) == [text]


def test_opening_clause_with_a_name_is_still_its_own_claim():
    texts = _claim_texts("Rain fell on Corran all day, but the island ferry sailed at noon.")
    assert len(texts) == 2


@pytest.mark.parametrize(
    ("name_a", "name_b", "kind"),
    [
        ("Wil Brannock", "Wilbur T. Brannock", "person"),
        ("Cor Dairy", "Corwenna Dairy", "organisation"),
    ],
)
def test_clipped_words_are_unresolved_not_distinct(name_a, name_b, kind):
    assert compare_names(name_a, name_b, kind)["verdict"] == "unresolved"


@pytest.mark.parametrize(
    ("name_a", "name_b", "kind"),
    [
        ("Wil Brannock", "Wilbur Tasker", "person"),
        ("Cor Dairy", "Corwenna Creamery Holdings", "organisation"),
    ],
)
def test_clipping_needs_the_rest_of_the_name_to_agree(name_a, name_b, kind):
    assert compare_names(name_a, name_b, kind)["verdict"] == "distinct"


def test_lemma_overlap_never_lowers_the_combined_similarity(monkeypatch):
    a = "Oakvale Trust criticised the new harbour levy."
    b = "Corran Watch criticised the new harbour levy."
    mixed = _sim(a, b)
    monkeypatch.setattr(align, "LEMMA_WEIGHT", 0.0)
    assert mixed >= _sim(a, b) > 0
