"""The lexicon event_equivalents (news words for one event or outcome) in alignment and typing.

Probes on invented sentence pairs (not from the seeds, issue texts or ECB+): paraphrases that
word one event differently align and give no substantive row; different outcomes (arrested /
charged, injured / killed, resigned / dismissed) never fold into one key."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from crosscheck import claims as claims_mod
from crosscheck import discrepancies as disc
from crosscheck.comparison import align
from crosscheck.text import lexicon

EVENT_AS = lexicon.by_attr("event_equivalents", "same_as")


def _claims(text_a: str, text_b: str) -> pd.DataFrame:
    return pd.DataFrame(
        {"claim_id": ["a1", "b1"], "article_id": ["a", "b"], "text": [text_a, text_b]}
    )


def _sim(text_a: str, text_b: str, method: str = "combined") -> float:
    return float(align.similarity(_claims(text_a, text_b), ["a1"], ["b1"], method=method)[0])


def _rows(text_a: str, text_b: str) -> pd.DataFrame:
    """Discrepancy rows of two one-sentence articles through the normal pipeline."""
    articles = pd.DataFrame({"article_id": ["a", "b"], "text": [text_a, text_b]})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        claims = claims_mod.extract_claims(articles)
        alignment = disc.align_claims(claims)
        return disc.find_discrepancies(claims, alignment)


# ----------------------------------------------------------------------------- the data file


def test_lexicon_is_large_and_every_key_is_shared_or_a_headword():
    assert len(EVENT_AS) >= 300
    keys = set(EVENT_AS.values())
    for entry in EVENT_AS:
        assert entry == entry.lower().strip(), entry
        assert len(entry.split()) <= 2, f"{entry}: one lemma or a verb and its particle"
    # most keys group two or more words (a one-word cluster is a headword for a later synonym)
    sizes = pd.Series(list(EVENT_AS.values())).value_counts()
    assert (sizes >= 2).sum() >= 0.6 * len(keys)


@pytest.mark.parametrize(
    "words",
    [
        ("arrest", "charge", "convict", "jail", "acquit"),
        ("injure", "die"),
        ("resign", "dismiss", "layoff"),
        ("rob", "steal", "burgle"),
        ("win", "lose"),
        ("bomb", "shoot", "stab"),
        ("approve", "reject", "veto"),
        ("cancel", "postpone"),
    ],
)
def test_different_outcomes_keep_different_keys(words):
    keys = [EVENT_AS.get(w, w) for w in words]
    assert len(set(keys)) == len(keys), dict(zip(words, keys, strict=True))


# "victory over Y" = "beat Y" = "Y's defeat": one match result; which side won is the referent's
VICTORY_DEFEAT = ("victory", "defeat")


def test_no_cluster_holds_two_opposites():
    for entry in lexicon.load("antonym_pairs"):
        a, b = entry.entry, entry.attrs["opposite"]
        if (a, b) == VICTORY_DEFEAT:
            continue
        assert EVENT_AS.get(a, a) != EVENT_AS.get(b, b), (a, b)


def test_no_loaded_word_is_folded_into_its_neutral_word():
    """kill / murder stay apart: the loaded one is a characterization, not a synonym."""
    for entry in lexicon.load("loaded_pairs"):
        neutral, loaded = entry.entry, entry.attrs["loaded"]
        assert EVENT_AS.get(neutral, neutral) != EVENT_AS.get(loaded, loaded), (neutral, loaded)


# ----------------------------------------------------------------------------- alignment


PARAPHRASES = [
    ("Orvell mayor Dana Keske steps down", "Orvell mayor Dana Keske resigns"),
    ("Retired boxer Tomas Grell passes away at 81", "Retired boxer Tomas Grell dies at 81"),
    ("Lenholt Motors acquires cell maker Corvane", "Lenholt Motors buys cell maker Corvane"),
    ("Police nab two men over Bralow heist", "Police arrest two men over Bralow robbery"),
    ("Strong quake rattles the Varneo islands", "Strong earthquake rattles the Varneo islands"),
    ("Bellmoor coach Ivo Sandt quits after loss", "Bellmoor coach Ivo Sandt resigns after loss"),
    ("Inferno guts Tallis paper mill", "Blaze guts Tallis paper mill"),
    ("Two workers hurt in Harwick mill explosion", "Two workers injured in Harwick mill blast"),
]


@pytest.mark.parametrize(("text_a", "text_b"), PARAPHRASES)
def test_paraphrased_event_words_align_and_give_no_substantive_row(text_a, text_b):
    assert _sim(text_a, text_b) > _sim(text_a, text_b, method="lexical")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = align.align_claims(_claims(text_a, text_b))
    assert (out["status"] == "aligned").sum() == 1
    rows = _rows(text_a, text_b)
    assert not (rows["kind"] == "detail").any(), rows[["kind", "explanation"]].to_string()
    one_source = rows["kind"].astype(str).str.startswith("one_source")
    assert not ((rows["severity"] >= 3) | one_source).any(), rows[["kind", "explanation"]]


def test_phrasal_verb_folds_to_the_event_and_drops_its_verb():
    keys = align._lemma_keys("The harbour master stepped down on Monday.")
    assert "resign" in keys and "step" not in keys
    keys = align._lemma_keys("The harbour master stepped onto the pier on Monday.")
    assert "resign" not in keys and "step" in keys


@pytest.mark.parametrize(
    ("base", "same", "other"),
    [
        (
            "Police arrested the Tarrow school bursar on Friday.",
            "Police detained the Tarrow school bursar on Friday.",
            "Police charged the Tarrow school bursar on Friday.",
        ),
        (
            "Three miners were injured in the Kelso pit collapse.",
            "Three miners were wounded in the Kelso pit collapse.",
            "Three miners were killed in the Kelso pit collapse.",
        ),
        (
            "Kestrel Airways chief Lena Orr resigns",
            "Kestrel Airways chief Lena Orr quits",
            "Kestrel Airways chief Lena Orr sacked",
        ),
    ],
)
def test_different_outcomes_do_not_fold(base, same, other):
    keys = align._lemma_keys
    assert keys(base) == keys(same)
    assert keys(base) != keys(other)
    assert _sim(base, same) > _sim(base, other)
