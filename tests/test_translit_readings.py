"""Candidate Cyrillic readings of Latin names (standard systems read backwards) and the pair
set built from Russian and Belarusian GeoNames places."""

from pathlib import Path

import pandas as pd
import pytest

from crosscheck.entities import compare_names
from crosscheck.text.translit import cyrillic_readings, reading_keys, same_reading

ROOT = Path(__file__).resolve().parents[1]
PAIRS = ROOT / "tests" / "data" / "translit_pairs.csv"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Khlebnikovo", "Xlebnikovo"),  # kh / x (GOST 7.79 B)
        ("Yuzhnoye", "Južnoe"),  # BGN/PCGN / ISO 9 diacritics
        ("Shchegly", "Ŝegly"),  # щ: shch / ŝ
        ("Tsaritsyno", "Caricyno"),  # ц: ts / c
        ("Zhuravka", "Juravka"),  # ж: zh / French-style j
        ("Dmitriyevka", "Dmitrievka"),  # ye / e
        ("Pol'noye", "Polnoe"),  # soft sign as ' or dropped
        ("Kiyanitsa", "Kijanica"),  # German / Polish-style j
        ("Mikhailovskiy", "Mikhaylovskij"),  # iy / ij, y / i
    ],
)
def test_romanizations_of_one_spelling_share_a_reading(a, b):
    assert same_reading(a, b)
    assert compare_names(a, b, "place", gazetteer=False)["verdict"] == "variant"


@pytest.mark.parametrize(
    ("a", "b"),
    [("Kotelnikovo", "Kotlyarovo"), ("Sosnovka", "Sokolovka"), ("Beryozovsky", "Berezniki")],
)
def test_different_names_do_not(a, b):
    assert not same_reading(a, b)


def test_readings_are_cyrillic_and_ranked():
    readings = cyrillic_readings("Kharkov")
    assert readings[0] == "харков"
    assert all(not any("a" <= ch <= "z" for ch in r) for r in readings)
    assert cyrillic_readings("Харьков") == ("харков",)  # Cyrillic passes (phoneme letters)
    assert reading_keys("") == frozenset()


def test_adjectival_endings_of_two_systems_compare_equal():
    for a, b in [("Pervomayskoye", "Pervomaiske"), ("Ivanovka", "Ivanivka")]:
        verdict = compare_names(a, b, "place", gazetteer=False)["verdict"]
        assert verdict in ("variant", "same"), (a, b, verdict)


def test_pair_set_is_russian_and_belarusian_and_split_by_place():
    pairs = pd.read_csv(PAIRS, keep_default_na=False, dtype=str)
    assert set(pairs["split"]) == {"dev", "heldout"}
    assert set(pairs["label"]) == {"same_referent", "different"}
    places = {
        split: {g for src in group["source"] for g in src[len("geonames:") :].split("|")}
        for split, group in pairs.groupby("split")
    }
    assert not places["dev"] & places["heldout"]
    from crosscheck.text.gazetteer import places as gazetteer_places

    table = gazetteer_places()
    countries = {table.at[int(g), "country"] for ids in places.values() for g in ids}
    assert countries <= {"RU", "BY"}
