"""Russian and Ukrainian morphology: lemmas of words and dictionary forms of declined names.

Public functions
----------------
analyzer(lang) -> pymorphy3.MorphAnalyzer | None   "ru" always (pymorphy3-dicts-ru, MIT code,
    OpenCorpora data); "uk" only with the optional extra pymorphy3-dicts-uk (its licence metadata
    is contradictory: GPLv3 field, MIT classifier, CC BY-SA data), else None and a warning once.
available(lang) -> bool
parses(word, lang) -> list of (normal_form, tag-string, inflect(case) -> str | None)
lemma(word, lang) -> str          dictionary form of a common word (lower case)
name_lemma(words, lang, kind="") -> str   dictionary form of a declined name: "под Покровском"
    -> "Покровск", "из Часова Яра" -> "Часов Яр", "Донецкой области" -> "Донецкая область".
    Candidates from every parse of every word (plus ending rules for unknown names) are
    checked against the gazetteer's Cyrillic names (GeoNames alternate names) first; without a
    gazetteer hit the best Geox / Name / Surn parse in the nominative is used.

Without a dictionary (Ukrainian without the optional extra; a warning says so once):
  name_lemma    candidates from the ending rules of lexicon <lang>/name_endings (Ukrainian also
                with the і/о/е ablaut: Обухова -> Обухів, Рогу -> Ріг), the one naming a
                gazetteer place wins; for Ukrainian a place in Ukraine spelled the Ukrainian
                way first (Обухів, not Обухово); a name naming no place stays as written
  lemma         ending rules of lexicon <lang>/word_endings, kept only when the result is a
                lemma a lexicon of the language lists (заявив -> заявити, міськради ->
                міськрада), else the word itself
  tags          a verb tag by ending (lexicon <lang>/verb_endings): "VERB,past", "VERB,futr",
                "VERB,pres" (present or perfective future: alike without a dictionary), "INFN"

Imported only when a Russian or Ukrainian article is present (crosscheck.text.slavic).
"""

from __future__ import annotations

import itertools
import re
import warnings
from functools import cache, lru_cache

MAX_CANDIDATES = 4  # per word
MIN_STEM = {"uk": 2}  # letters an ending rule leaves at least (Ріці -> Ріка); 3 otherwise
NAME_TAGS = ("Geox", "Name", "Surn", "Patr", "Orgn")
# Ending rules for names a dictionary does not know (lexicon <lang>/name_endings): _endings(lang).
_VOWELS = set("аеєиіїоуюяыэё")
UK_LETTERS = set("іїєґ")
RU_LETTERS = set("ыэёъ")


@cache
def analyzer(lang: str):
    """The pymorphy3 analyzer for "ru" or "uk"; None (with one warning) when not installed."""
    try:
        import pymorphy3  # noqa: PLC0415

        return pymorphy3.MorphAnalyzer(lang=lang)
    except (ImportError, ValueError, OSError) as exc:
        extra = "crosscheck[uk] (pymorphy3-dicts-uk)" if lang == "uk" else "pymorphy3"
        warnings.warn(
            f"{lang} morphology not available ({type(exc).__name__}: {exc}); declined names are "
            f"matched by ending rules and the gazetteer only. Install {extra} for full lemmas.",
            stacklevel=2,
        )
        return None


def available(lang: str) -> bool:
    return analyzer(lang) is not None


@lru_cache(maxsize=200_000)
def _parses(word: str, lang: str) -> tuple:
    morph = analyzer(lang)
    if morph is None:
        return ()
    return tuple(morph.parse(word)[:6])


def lemma(word: str, lang: str) -> str:
    """The dictionary form of a common word (lower case). Without morphology: the first form
    the ending rules of lexicon <lang>/word_endings make that a lexicon of the language lists
    (заявив -> заявити), else the word itself."""
    low = word.lower()
    found = _parses(low, lang)
    if found:
        return found[0].normal_form
    return _rule_lemma(low, lang) if analyzer(lang) is None else low


def tags(word: str, lang: str) -> list[str]:
    """Tag strings of the word's parses (best first); without morphology, a verb tag from the
    ending (lexicon <lang>/verb_endings: "VERB,past", "VERB,futr", "VERB,pres", "INFN")."""
    found = [str(p.tag) for p in _parses(word, lang)]
    if found or analyzer(lang) is not None:
        return found
    tense = _rule_tense(word.lower(), lang)
    return [_TENSE_TAGS[tense]] if tense else []


_TENSE_TAGS = {"past": "VERB,past", "future": "VERB,futr", "nonpast": "VERB,pres", "infn": "INFN"}


@cache
def _known_words(lang: str) -> frozenset[str]:
    """The lemmas the language's lexicons list (lexicons whose entries are dictionary forms;
    phrases as written, such as the attribution phrases, are left out)."""
    from crosscheck.text import lexicon  # noqa: PLC0415

    names = ("attribution", "sources", "units", "numbers", "weekdays", "event_stages",
             "place_words")  # fmt: skip
    out = set()
    for name in names:
        try:
            entries = lexicon.load(name, lang)
        except FileNotFoundError:
            continue
        out |= {e.entry.lower() for e in entries if e.attrs.get("kind") != "phrase"}
    return frozenset(out)


@lru_cache(maxsize=100_000)
def _rule_lemma(low: str, lang: str) -> str:
    known = _known_words(lang)
    if low in known:
        return low
    try:
        rules = _word_endings(lang)
    except FileNotFoundError:
        return low
    for end, news in rules:
        stem = low if end == "-" else low[: len(low) - len(end)]
        if (end == "-" or low.endswith(end)) and len(stem) >= 2:
            hit = next((stem + n for n in news if stem + n in known), None)
            if hit:
                return hit
    return low


@cache
def _word_endings(lang: str) -> tuple:
    from crosscheck.text import lexicon  # noqa: PLC0415

    return tuple(
        (e.entry, tuple("" if n == "-" else n for n in e.attrs["lemma"].split("|")))
        for e in lexicon.load("word_endings", lang)
    )


@lru_cache(maxsize=100_000)
def _rule_tense(low: str, lang: str) -> str:
    from crosscheck.text import lexicon  # noqa: PLC0415

    try:
        rules = lexicon.load("verb_endings", lang)
    except FileNotFoundError:
        return ""
    for e in rules:
        if e.entry.startswith("="):
            if low == e.entry[1:]:
                return e.attrs["tense"]
        elif low.endswith(e.entry) and len(low) - len(e.entry) >= int(e.attrs["min_stem"]):
            return e.attrs["tense"]
    return ""


def has_tag(word: str, lang: str, *names: str, top: int = 3) -> bool:
    return any(any(n in t for n in names) for t in tags(word, lang)[:top])


def _title(word: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return word.upper()
    return "-".join(p[:1].upper() + p[1:] for p in word.split("-"))


@cache
def _endings(lang: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(oblique ending, nominative endings) of lexicon <lang>/name_endings, in file order."""
    from crosscheck.text import lexicon  # noqa: PLC0415

    return tuple(
        (e.entry, tuple("" if n == "-" else n for n in e.attrs["nominative"].split("|")))
        for e in lexicon.load("name_endings", lang)
    )


def _ablaut(stem: str) -> str:
    """Ukrainian о/е -> і, є -> ї in a closed last syllable (Обухов -> Обухів, Рог -> Ріг,
    Миколаєв -> Миколаїв); "" when the stem ends in a vowel or has no such vowel."""
    if not stem or stem[-1] in _VOWELS:
        return ""
    for k in range(len(stem) - 1, 0, -1):
        if stem[k] in _VOWELS:
            new = {"о": "і", "е": "і", "є": "ї"}.get(stem[k], "")
            return stem[:k] + new + stem[k + 1 :] if new else ""
    return ""


def _rule_candidates(low: str, lang: str) -> list[str]:
    """Nominatives by the ending rules (with the Ukrainian ablaut variant after each)."""
    out: list[str] = []
    for end, news in _endings(lang):
        if low.endswith(end) and len(low) - len(end) >= MIN_STEM.get(lang, 3):
            for new in news:
                cand = low[: len(low) - len(end)] + new
                variants = [cand, _ablaut(cand)] if lang == "uk" else [cand]
                out += [c for c in variants if c and c not in out]
    return out


def _word_candidates(word: str, lang: str) -> list[str]:
    """Nominative candidates for one word, most likely first (lower case)."""
    low = word.lower()
    out: list[str] = []
    for p in _parses(low, lang):
        tag = str(p.tag)
        if {"NOUN", "ADJF", "ADJS", "UNKN"} & set(re.split(r"[ ,]", tag)) or "Geox" in tag:
            form = p.inflect({"nomn"}) if "plur" not in tag else None
            for cand in (form.word if form else None, p.normal_form):
                if cand and cand not in out:
                    out.append(cand)
    for cand in _rule_candidates(low, lang):  # rules: unknown names, a missing dictionary
        if cand not in out:
            out.append(cand)
    if low not in out:
        out.insert(0 if not out else len(out), low)
    return out[: MAX_CANDIDATES * 4]


def _gazetteer_population(name: str) -> int:
    """Population of the largest gazetteer place called `name`; -1 when none is."""
    from crosscheck import gazetteer  # noqa: PLC0415

    ids = gazetteer.lookup(name)
    if not ids:
        return -1
    return int(max(gazetteer.places().at[i, "population"] for i in ids))


@lru_cache(maxsize=50_000)
def _gazetteer_exact(name: str) -> int:
    """1 when the name is written exactly so among the names of a gazetteer place (the lookup
    also matches by transliteration key, which lets near forms through)."""
    from crosscheck import gazetteer  # noqa: PLC0415

    table = gazetteer.places()
    low = name.lower()
    for i in gazetteer.lookup(name):
        names = [table.at[i, "name"], *table.at[i, "alternatenames"]]
        if any(str(n).lower() == low for n in names):
            return 1
    return 0


def _best_parse_form(word: str, lang: str, kind: str) -> str:
    """Nominative of the parse carrying a name tag (Geox for places, Name/Surn for persons)."""
    wanted = ("Name", "Surn", "Patr") if kind == "person" else ("Geox", "Orgn", "Name", "Surn")
    found = _parses(word.lower(), lang)
    for p in found:
        if any(t in str(p.tag) for t in wanted):
            form = p.inflect({"nomn"})
            return form.word if form else p.normal_form
    for p in found:
        if "NOUN" in str(p.tag) and "nomn" not in str(p.tag):
            form = p.inflect({"nomn"})
            return form.word if form else p.normal_form
    return word.lower()


@lru_cache(maxsize=50_000)
def _name_lemma(words: tuple[str, ...], lang: str, kind: str) -> str:
    if not words:
        return ""
    if kind != "person":
        width = MAX_CANDIDATES * (2 if analyzer(lang) is None else 1)
        width = MAX_CANDIDATES * 4 if len(words) == 1 else width
        lists = [_word_candidates(w, lang)[:width] for w in words]
        best, best_key = "", (-1,)
        for combo in itertools.islice(itertools.product(*lists), 64):
            cand = " ".join(_title(c, w) for c, w in zip(combo, words, strict=True))
            key = _place_key(cand, lang)
            if key > best_key:
                best, best_key = cand, key
        if best_key[0] >= 0:
            return best
        if len(words) > 1 and _region_phrase(words, lang):
            return _region_phrase(words, lang)
    if analyzer(lang) is None:
        return " ".join(words)
    return " ".join(_title(_best_parse_form(w, lang, kind), w) for w in words)


HOME_COUNTRY = {"uk": "UA"}  # a Ukrainian form names a Ukrainian place first (Обухів, not Обухово)


def _place_key(cand: str, lang: str) -> tuple:
    """Ranking of a candidate name: the largest place the forms could name and, of its names,
    the one spelled in the article's language; for Ukrainian first a place in Ukraine spelled
    the Ukrainian way (the rules also make Russian-looking forms: Обухово, Канев)."""
    population = _gazetteer_population(cand)
    if lang not in HOME_COUNTRY:
        return (population, _gazetteer_exact(cand), _spelling_fit(cand, lang))
    home = _gazetteer_in_country(cand, HOME_COUNTRY[lang])
    found = int(population >= 0) - 1
    return (found, home >= 0, _gazetteer_exact(cand), _spelling_fit(cand, lang), home, population)


@lru_cache(maxsize=50_000)
def _gazetteer_in_country(name: str, country: str) -> int:
    """Population of the largest place in `country` called `name`; -1 when none is."""
    from crosscheck import gazetteer  # noqa: PLC0415

    table = gazetteer.places()
    ids = gazetteer.lookup(name)
    pops = [table.at[i, "population"] for i in ids if table.at[i, "country"] == country]
    return int(max(pops, default=-1))


def _spelling_fit(name: str, lang: str) -> int:
    """1 when the name uses no letter only the other language has (Обухів for uk, not Обухов)."""
    letters = set(name.lower())
    if lang == "uk":
        return int(not letters & RU_LETTERS) + int(bool(letters & UK_LETTERS))
    return int(not letters & UK_LETTERS)


def _region_phrase(words: tuple[str, ...], lang: str) -> str:
    """'Донецкой области' -> 'Донецкая область': adjectives agree with the last word (a noun)."""
    if analyzer(lang) is None:
        return ""
    head = _parses(words[-1].lower(), lang)
    noun = next((p for p in head if "NOUN" in str(p.tag)), None)
    if noun is None:
        return ""
    gender = next((g for g in ("masc", "femn", "neut") if g in str(noun.tag)), "masc")
    out = []
    for w in words[:-1]:
        adj = next((p for p in _parses(w.lower(), lang) if "ADJF" in str(p.tag)), None)
        form = adj.inflect({"nomn", "sing", gender}) if adj else None
        out.append(_title(form.word, w) if form else _adjective_rule(w, gender))
    base = noun.inflect({"nomn", "sing"})
    last = base.word if base else noun.normal_form
    return " ".join([*out, last if words[-1].islower() else _title(last, words[-1])])


_ADJ_RULES = {
    "femn": [("ькій", "ька"), ("ської", "ська"), ("цької", "цька"), ("ской", "ская"),
             ("цкой", "цкая"), ("ій", "а"), ("ой", "ая"), ("ої", "а")],
    "masc": [("ського", "ський"), ("ському", "ський"), ("ском", "ский"), ("ского", "ский"),
             ("ого", "ий"), ("ому", "ий")],
}  # fmt: skip


def _adjective_rule(word: str, gender: str) -> str:
    """Nominative of an adjective the dictionary does not know, by its ending."""
    for end, new in _ADJ_RULES.get(gender, []):
        if word.lower().endswith(end):
            return word[: len(word) - len(end)] + new
    return word


def name_lemma(words, lang: str, kind: str = "") -> str:
    """Dictionary form of a declined name (see the module docstring)."""
    if isinstance(words, str):
        words = words.split()
    return _name_lemma(tuple(words), lang, kind)
