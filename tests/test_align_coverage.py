"""Alignment of one report's sentence with another's (issue #14, "same or different"): a short
name form stands for the full name, a pronoun subject for the other side's subject name, a
headline is scored by how much of it the body sentence covers, and two different named subjects
keep the overlap low. Invented sentences and names only."""

from __future__ import annotations

import pandas as pd
import pytest

from crosscheck.comparison import align


def _claims(text_a: str, text_b: str, ents_a=(), ents_b=()) -> pd.DataFrame:
    """Two one-claim articles; ents_*: (surface, kind) entities found in the text."""

    def spans(text, ents):
        return [
            {"text": s, "kind": k, "start": text.index(s), "end": text.index(s) + len(s)}
            for s, k in ents
        ]

    return pd.DataFrame(
        {
            "claim_id": ["a1", "b1"],
            "article_id": ["a", "b"],
            "text": [text_a, text_b],
            "start": [0, 0],
            "entities": [spans(text_a, ents_a), spans(text_b, ents_b)],
        }
    )


def _sim(claims: pd.DataFrame) -> float:
    return float(align.similarity(claims, ["a1"], ["b1"])[0])


def _rows(*texts: str) -> list[dict]:
    return [{"text": t, "entities": []} for t in texts]


# ------------------------------------------------------------------ short name forms


def test_surname_stands_for_the_full_name_of_the_case():
    exp = align._name_expansions(
        _rows("Brennick died at home on Monday.", "Folk singer Orla Brennick dies at 84")
    )
    assert exp.get("Brennick") == frozenset({"orla"})


def test_surname_of_two_full_names_is_ambiguous_and_left_alone():
    exp = align._name_expansions(
        _rows(
            "Brennick died at home on Monday.",
            "Orla Brennick dies at 84",
            "Tomas Brennick won the regatta.",
        )
    )
    assert "Brennick" not in exp


def test_acronym_stands_for_its_capitalised_words():
    exp = align._name_expansions(
        _rows("The NRB raised fares.", "The Northern Rail Board raised fares on Monday.")
    )
    assert exp.get("NRB") == frozenset({"northern", "rail", "board"})


def test_surname_against_full_name_scores_higher_than_without_the_link(monkeypatch):
    claims = _claims(
        "Brennick died peacefully at her home on Monday, her agent said.",
        "Folk singer Orla Brennick dies at 84",
        [("Brennick", "person")],
        [("Orla Brennick", "person")],
    )
    linked = _sim(claims)
    monkeypatch.setattr(align, "_name_expansions", lambda rows: {})
    assert linked > _sim(claims)
    assert linked >= align.SINGLE_CLAIM_THRESHOLD


def test_different_first_names_are_no_short_form():
    exp = align._name_expansions(_rows("Orla Brennick won.", "Tomas Brennick won."))
    assert exp == {}


# ------------------------------------------------------------------ pronoun subjects


def test_pronoun_subject_stands_for_a_person_named_on_the_other_side(monkeypatch):
    claims = _claims(
        "She was sworn in as mayor of Kelburn on Tuesday.",
        "Ada Fenwright sworn in as Kelburn mayor",
        (),
        [("Ada Fenwright", "person")],
    )
    credited = _sim(claims)
    monkeypatch.setattr(align, "_referring", lambda toks, subject: 0)
    assert credited > _sim(claims)


def test_pronoun_of_the_wrong_kind_gets_no_credit():
    text_b = "Ada Fenwright announced the closure of the Kelburn ferry on Tuesday."
    ents_b = [("Ada Fenwright", "person")]
    she = _sim(_claims("She announced the closure of the ferry.", text_b, (), ents_b))
    it = _sim(_claims("It announced the closure of the ferry.", text_b, (), ents_b))
    assert she > it


def test_subject_under_a_reporting_verb_is_the_reported_clause_subject():
    keys = align._claim_keys(
        "Dario Munt was arrested on Friday, police said.",
        spans=[(0, 10, "person")],
    )
    assert set(keys.subject_names) == {"dario", "munt"}
    assert keys.subject_kind == align._KIND_BITS["person"]


def test_pronoun_subject_is_read_with_its_kinds():
    assert align._claim_keys("She resigned on Monday.").refers & align._KIND_BITS["person"]
    assert not align._claim_keys("She resigned on Monday.").refers & align._KIND_BITS["outlet"]
    assert align._claim_keys("Corin Vale resigned on Monday.").refers == 0


# ------------------------------------------------------------------ two named subjects


def test_two_different_named_subjects_keep_the_overlap_low(monkeypatch):
    claims = _claims(
        "Corin Vale was arrested on Friday on suspicion of drunk driving.",
        "Dario Munt was arrested on Friday on suspicion of drunk driving.",
        [("Corin Vale", "person")],
        [("Dario Munt", "person")],
    )
    same_person = _claims(
        "Corin Vale was arrested on Friday on suspicion of drunk driving.",
        "Vale was arrested on Friday on suspicion of drunk driving.",
        [("Corin Vale", "person")],
        [("Vale", "person")],
    )
    clash = _sim(claims)
    assert clash < _sim(same_person)
    df = align.prepare(claims)
    feats = align._Features(df, "combined")
    low = feats._lemma_block([0], [1])[0, 0]
    monkeypatch.setattr(align, "SUBJECT_CLASH", 1.0)
    assert low < feats._lemma_block([0], [1])[0, 0]


# ------------------------------------------------------------------ headline containment


@pytest.mark.parametrize(
    ("headline", "body"),
    [
        (
            "Cargo Ship Runs Aground Off Penhallow",
            "A cargo ship carrying timber ran aground off Penhallow early on Sunday after its"
            " engine failed in a storm, the coastguard said.",
        ),
        (
            "Harbour Master Resigns Over Pier Collapse",
            "The harbour master of Penhallow resigned on Friday, two weeks after a section of"
            " the old pier collapsed during a storm and injured three fishermen, the port"
            " authority said.",
        ),
    ],
)
def test_headline_inside_a_long_body_sentence_scores_by_containment(monkeypatch, headline, body):
    claims = _claims(headline, body)
    contained = _sim(claims)
    assert contained >= align.SINGLE_CLAIM_THRESHOLD
    monkeypatch.setattr(align, "HEADLINE_OVER_SHARE", align.OVER_SHARE)
    assert contained > _sim(claims)


def test_containment_is_not_raised_for_two_body_sentences(monkeypatch):
    claims = _claims(
        "A cargo ship ran aground off Penhallow on Sunday.",
        "A cargo ship carrying timber ran aground off Penhallow early on Sunday after its"
        " engine failed in a storm, the coastguard said.",
    )
    before = _sim(claims)
    monkeypatch.setattr(align, "HEADLINE_OVER_SHARE", 1.0)
    assert _sim(claims) == pytest.approx(before)


def test_unrelated_headline_stays_below_the_threshold():
    claims = _claims(
        "Cargo Ship Runs Aground Off Penhallow",
        "The Dunmore council approved a new budget for its libraries on Thursday evening.",
    )
    assert _sim(claims) < align.SINGLE_CLAIM_THRESHOLD


def test_two_short_forms_share_no_implied_word(monkeypatch):
    claims = pd.DataFrame(
        {
            "claim_id": ["a1", "b1", "c1"],
            "article_id": ["a", "b", "c"],
            "text": [
                "Brennick thanked the lifeboat crew on Monday.",
                "Brennick praised the harbour staff on Friday.",
                "Folk singer Orla Brennick gave a concert in Tallow.",
            ],
        }
    )
    assert align._name_expansions(claims.to_dict("records")).get("Brennick") == {"orla"}
    linked = align.similarity(claims, ["a1", "a1"], ["b1", "c1"])
    monkeypatch.setattr(align, "_name_expansions", lambda rows: {})
    plain = align.similarity(claims, ["a1", "a1"], ["b1", "c1"])
    assert linked[0] == pytest.approx(plain[0])  # both write only "Brennick"
    assert linked[1] > plain[1]  # "Orla" is read into the short form


def test_name_words_unidecode_cannot_fold_are_dropped_not_empty():
    """A name run in a script unidecode has no table for folds to no word, not to an empty
    one (found by hypothesis: an empty word crashed the acronym key)."""
    assert all(align._run_words("A0\U00010675"))
    assert align._run_words("Ada \U00010675 Lovelace") == ("ada", "lovelace")
    assert align._name_expansions(_rows("A0\U00010675 B\U00010675", "AB")) is not None


def test_an_entity_without_offsets_names_no_span():
    """NaN offsets in an entity (a table read back from a file) are skipped, not a crash."""
    claims = _claims("Ada Fenwright resigned on Monday.", "Ada Fenwright quit on Monday.")
    claims.at[0, "entities"] = [
        {"text": "Ada Fenwright", "kind": "PERSON", "start": float("nan"), "end": 13}
    ]
    with pytest.warns(UserWarning, match="has no offsets"):
        assert 0.0 <= _sim(claims) <= 1.0
