"""One source, one speaker: speaker clustering and what the corroboration counts see."""

from __future__ import annotations

import pandas as pd

from crosscheck.entities import cluster_speakers
from crosscheck.provenance import independent_sources


def speakers(*pairs: tuple[str, str]) -> pd.DataFrame:
    return pd.DataFrame(pairs, columns=["speaker", "speaker_kind"])


def test_surname_title_and_transliteration_are_one_speaker():
    table = speakers(
        ("Halyna Moroz", "person"),
        ("Moroz", "person"),
        ("Minister Moroz", "person"),
        ("Oleksandr Hrytsenko", "person"),
        ("Aleksandr Gritsenko", "person"),
        ("", ""),
    )
    ids = cluster_speakers(table)
    assert set(ids[:3]) == {"Halyna Moroz"}
    assert ids[3] == ids[4] != ""
    assert ids[5] == ""


def test_a_surname_shared_by_two_people_stays_apart_and_vague_sources_get_no_id():
    table = speakers(
        ("Tomas Varga", "person"),
        ("Eva Varga", "person"),
        ("Varga", "person"),
        ("residents", "vague"),
    )
    ids = cluster_speakers(table)
    assert ids[0] != ids[1]
    assert ids[2] == "Varga" and ids[3] == ""


def test_two_articles_quoting_one_speaker_count_as_one_source():
    claims = pd.DataFrame(
        {
            "claim_id": ["p:1", "q:1", "r:1"],
            "article_id": ["p", "q", "r"],
            "speaker_id": ["Halyna Moroz", "Halyna Moroz", ""],
        }
    )
    alignment = pd.DataFrame({"claim_a": ["p:1", "p:1"], "claim_b": ["q:1", "r:1"]})
    prov = pd.DataFrame(columns=["article_a", "article_b", "relation"])
    out = independent_sources(claims, alignment, prov).set_index("claim_id")
    assert out.loc["p:1", "n_sources"] == 3 and out.loc["p:1", "n_independent"] == 2
    assert out.loc["q:1", "n_independent"] == 1  # q and p: the same speaker
    no_ids = independent_sources(claims.drop(columns="speaker_id"), alignment, prov)
    assert no_ids.set_index("claim_id").loc["p:1", "n_independent"] == 3
