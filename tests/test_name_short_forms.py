"""Standard news short forms of places and English given names (issue #14): compare_names reads
'Calif.' as California and 'Bill' as William, and still keeps different referents apart."""

import pandas as pd
import pytest

from crosscheck.entities import cluster_entities, cluster_speakers, compare_names, expand_place
from crosscheck.text.lexicon import load


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Calif.", "California"),
        ("Mass.", "Massachusetts"),
        ("N.Y.", "New York"),
        ("W. Va.", "West Virginia"),
        ("Dunmore Falls, Ore.", "Dunmore Falls, Oregon"),
        ("Kettleby, Tenn", "Kettleby, Tennessee"),
        ("U.S.", "United States"),
        ("the US", "America"),
        ("U.K.", "Britain"),
        ("UK", "United Kingdom"),
    ],
)
def test_place_short_forms_are_variants(a, b):
    res = compare_names(a, b, "place")
    assert res["verdict"] == "variant"
    assert "short form" in res["evidence"][0]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Calif.", "Colorado"),
        ("Mass.", "Mississippi"),
        ("N.Y.", "New Jersey"),
        ("U.S.", "Britain"),
        ("Dunmore Falls, Ore.", "Dunmore Falls, Oklahoma"),
        ("Latin America", "United States"),
    ],
)
def test_place_short_forms_of_other_places_stay_apart(a, b):
    assert compare_names(a, b, "place")["verdict"] in ("distinct", "unresolved")


@pytest.mark.parametrize(
    "name", ["La Paz", "Del Rio", "Latin America", "South America", "Lower Calif"]
)
def test_short_forms_are_only_whole_names_or_parts_between_commas(name):
    assert expand_place(name) == (name, [])


def test_no_full_place_name_is_itself_listed_as_a_short_form():
    entries = load("place_abbreviations")
    assert not {e.entry for e in entries} & {e.attrs["name"] for e in entries}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Bill Tresswell", "William Tresswell"),
        ("Bob Quarrender", "Robert Quarrender"),
        ("Jim Aldous-Penn", "James Aldous-Penn"),
        ("Kate Morrowby", "Katherine Morrowby"),
        ("Fred Hollin", "Frederick Hollin"),
        ("Senator Bill Tresswell", "William Tresswell"),
    ],
)
def test_given_name_short_forms_with_one_surname_are_variants(a, b):
    res = compare_names(a, b, "person")
    assert res["verdict"] == "variant"
    assert "short form of the given name" in " ".join(res["evidence"])


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Bill Tresswell", "Bob Tresswell"),  # two short forms of different names
        ("Bill Tresswell", "Robert Tresswell"),
        ("William Tresswell", "Robert Tresswell"),
        ("Bill Tresswell", "William Quarrender"),  # a nickname never joins two surnames
        ("Kate Morrowby", "Katherine Morland"),
    ],
)
def test_given_name_short_forms_never_join_different_people(a, b):
    assert compare_names(a, b, "person")["verdict"] == "distinct"


def test_initial_still_matches_a_full_given_name():
    assert compare_names("W. Tresswell", "William Tresswell", "person")["verdict"] == "variant"


def test_org_acronym_matches_its_expansion_only():
    assert (
        compare_names("NHWA", "National Harbour Workers Alliance", "organisation")["verdict"]
        == "variant"
    )
    assert compare_names("NHWA", "Northern Harbour Wardens", "organisation")["verdict"] != (
        "variant"
    )


def test_speakers_with_a_nickname_and_the_formal_name_are_one_speaker():
    claims = pd.DataFrame(
        {
            "speaker": ["Bill Tresswell", "William Tresswell", "Bob Tresswell"],
            "speaker_kind": ["person"] * 3,
        }
    )
    canon = cluster_speakers(claims)
    assert canon[0] == canon[1] != canon[2]


def test_place_short_forms_cluster_with_the_full_names():
    rows = [
        ("a1", "Storms hit Calif. overnight", "Calif."),
        ("a2", "Storms hit California overnight", "California"),
        ("a1", "aid came from the U.S.", "U.S."),
        ("a2", "aid came from America", "America"),
        ("a2", "Ohio sent crews", "Ohio"),
    ]
    claims = pd.DataFrame(
        [
            {"claim_id": f"{a}:{i}", "article_id": a, "text": t, "entities": [_ent(t, n)]}
            for i, (a, t, n) in enumerate(rows)
        ]
    )
    ents = cluster_entities(claims).set_index("surface")["cluster_id"]
    assert ents["Calif"] == ents["California"] != ents["Ohio"]
    assert ents["U.S"] == ents["America"] != ents["California"]


def _ent(text, name):
    start = text.index(name)
    return {"text": name, "kind": "place", "start": start, "end": start + len(name)}


def test_a_short_form_without_its_dots_that_is_a_word_is_no_place_form():
    from crosscheck.entities import expand_place

    assert expand_place("Springfield, Mass.")[0] == "Springfield, Massachusetts"
    assert expand_place("Penn")[1] == [] and expand_place("Mass")[1] == []
    assert expand_place("Fresno, Calif")[0] == "Fresno, California"
