"""Language of an article: ru, uk, en or other, with a confidence and flags.

Public functions
----------------
detect(text) -> dict   {language, confidence, flags}
    language    "en" | "ru" | "uk" | "other" (too short to tell: "en" for Latin letters, as
                before this module, else "other"; flagged "undetected" either way)
    confidence  0..1 (the identifier's normalised probability, or the share of evidence)
    flags       list of str, each "<flag>: <detail>":
                mixed (paragraphs in two scripts or languages), homoglyphs (words mixing Latin
                and Cyrillic letters, e.g. a Latin o inside a Cyrillic word), transliterated
                (Russian or Ukrainian written in Latin letters), undetected (too little text)
add_language(articles) -> articles with columns language, language_confidence, language_flags
language_warnings(articles) -> rows {path, reason} for every flagged or not analysed article
fix_homoglyphs(word) -> word with Latin look-alike letters replaced by Cyrillic ones when the
                word is mostly Cyrillic (and the reverse); used before lemmatising names
script(text) -> "cyr" | "lat" | ""   the majority alphabet of the letters in `text`

How: clear English (Latin letters only, English function words >= EN_FUNCTION_SHARE of words)
is decided from the lexicon alone, so an English-only case never loads the identifier; any
other text goes to py3langid (BSD-3, bundled model, offline), restricted to Russian, Ukrainian,
English and the languages most often confused with them, and Cyrillic letters unique to one
language (і ї є ґ / ы э ъ ё) settle ru vs uk when the identifier is unsure. Transliterated
Russian is recognised by the share of romanised Russian/Ukrainian function words
(lexicon ru/translit_words).
"""

from __future__ import annotations

import re
from functools import cache

import pandas as pd

from crosscheck.text import lexicon

ANALYSED = ("en", "ru", "uk")
COLUMNS = ["language", "language_confidence", "language_flags"]  # added to the articles table
EN_FUNCTION_SHARE = 0.22  # at or above, with no Cyrillic: English without the identifier
TRANSLIT_SHARE = 0.2  # romanised Russian function words at or above: transliterated text
MIXED_SHARE = 0.2  # a second script or language in at least this share of letters: mixed
MIN_LETTERS = 20  # fewer letters: undetected
LANGID_LANGS = ["en", "ru", "uk", "be", "bg", "mk", "sr", "pl", "cs", "sk", "de", "fr", "es"]

_CYR = re.compile(r"[\u0400-\u04ff]")
_LAT = re.compile(r"[A-Za-z\u00c0-\u024f]")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_PARAGRAPH = re.compile(r"\n\s*\n")
_UK_ONLY = set("іїєґ")
_RU_ONLY = set("ыэъё")
# Latin letters that look like Cyrillic ones, and back.
_LAT_TO_CYR = str.maketrans("aceopxyiABCEHKMOPTXY", "асеорхуіАВСЕНКМОРТХУ")
_CYR_TO_LAT = str.maketrans("асеорхуіАВСЕНКМОРТХУ", "aceopxyiABCEHKMOPTXY")


def script(text: str) -> str:
    """The majority alphabet of the letters of `text`: "cyr", "lat" or "" (no letters)."""
    cyr, lat = len(_CYR.findall(text or "")), len(_LAT.findall(text or ""))
    if not cyr and not lat:
        return ""
    return "cyr" if cyr >= lat else "lat"


def fix_homoglyphs(word: str) -> str:
    """Replace look-alike letters of the minority alphabet in a single word."""
    cyr, lat = len(_CYR.findall(word)), len(_LAT.findall(word))
    if cyr and lat:
        return word.translate(_LAT_TO_CYR) if cyr >= lat else word.translate(_CYR_TO_LAT)
    return word


def homoglyph_words(text: str) -> list[str]:
    """Words that mix Latin and Cyrillic letters."""
    return [w for w in _WORD.findall(text) if _CYR.search(w) and _LAT.search(w)]


@cache
def _identifier():
    """py3langid with normalised probabilities (loaded once, only for non-English text)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # noqa: PLC0415

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(LANGID_LANGS)
    return ident


def _share(words: list[str], vocabulary: frozenset[str]) -> float:
    return sum(w.lower() in vocabulary for w in words) / max(len(words), 1)


def _cyrillic_language(text: str) -> tuple[str, float]:
    letters = set(text.lower())
    uk, ru = len(letters & _UK_ONLY), len(letters & _RU_ONLY)
    lang, prob = _identifier().classify(text)
    if lang not in ("ru", "uk"):
        if uk or ru:  # Cyrillic text the identifier reads as Bulgarian etc.: trust the letters
            return ("uk" if uk > ru else "ru"), 0.6
        return "other", float(prob)
    if uk and not ru and lang == "ru":
        return "uk", 0.6
    if ru and not uk and lang == "uk":
        return "ru", 0.6
    return lang, float(prob)


def _latin_language(text: str, words: list[str]) -> tuple[str, float, list[str]]:
    en_share = _share(words, lexicon.words("function_words", "en"))
    if en_share >= EN_FUNCTION_SHARE:
        return "en", round(min(0.99, 0.5 + en_share), 2), []
    tr_share = _share(words, lexicon.words("translit_words", "ru"))
    if tr_share >= TRANSLIT_SHARE and tr_share > en_share:
        note = f"transliterated: {tr_share:.0%} of words are romanised Russian/Ukrainian words"
        return "other", round(min(0.99, 0.5 + tr_share), 2), [note]
    lang, prob = _identifier().classify(text)
    return (lang if lang == "en" else "other"), round(float(prob), 2), []


def _one(text: str) -> tuple[str, float, list[str]]:
    """(language, confidence, flags) of one stretch of text, without the mixed check."""
    cyr, lat = len(_CYR.findall(text)), len(_LAT.findall(text))
    if cyr + lat < MIN_LETTERS:  # too short to tell: Latin text is read as English, as before
        return ("other" if cyr > lat else "en"), 0.0, [f"undetected: only {cyr + lat} letters"]
    if cyr >= lat:
        lang, conf = _cyrillic_language(text)
        return lang, round(conf, 2), []
    return _latin_language(text, _WORD.findall(text))


def detect(text: str) -> dict:
    """Language, confidence and flags of an article's text (see the module docstring)."""
    text = text or ""
    lang, conf, flags = _one(text)
    mixed = _mixed(text, lang)
    if mixed:
        flags.append(mixed)
        conf = round(conf * 0.8, 2)
    odd = homoglyph_words(text)
    if odd:
        flags.append(
            f"homoglyphs: {len(odd)} word(s) mix Latin and Cyrillic letters, e.g. {odd[0]}"
        )
    return {"language": lang, "confidence": conf, "flags": flags}


def _mixed(text: str, main: str) -> str:
    """A note when a second language fills at least MIXED_SHARE of the letters."""
    parts = [p for p in _PARAGRAPH.split(text) if p.strip()]
    if len(parts) < 2:
        parts = [p for p in re.split(r"(?<=[.!?])\s+", text) if p.strip()]
    by_lang: dict[str, int] = {}
    total = 0
    for part in parts:
        n = len(_CYR.findall(part)) + len(_LAT.findall(part))
        if n < MIN_LETTERS:
            continue
        total += n
        lang = "cyr" if script(part) == "cyr" else "lat"
        by_lang[lang] = by_lang.get(lang, 0) + n
    if len(by_lang) < 2 or not total:
        return ""
    minor = min(by_lang.values()) / total
    if minor < MIXED_SHARE:
        return ""
    shares = ", ".join(
        f"{'Cyrillic' if k == 'cyr' else 'Latin'} {v / total:.0%}" for k, v in by_lang.items()
    )
    return f"mixed: paragraphs in two scripts ({shares}); analysed as {main}"


def add_language(articles: pd.DataFrame) -> pd.DataFrame:
    """A copy of `articles` with language, language_confidence and language_flags columns."""
    out = articles.copy()
    found = [detect(t if isinstance(t, str) else "") for t in out.get("text", [])]
    out["language"] = [f["language"] for f in found]
    out["language_confidence"] = [float(f["confidence"]) for f in found]
    out["language_flags"] = ["; ".join(f["flags"]) for f in found]
    return out


def language_warnings(articles: pd.DataFrame) -> list[dict]:
    """Warning rows for articles in a language not analysed or with language flags."""
    rows = []
    for rec in articles.to_dict("records"):
        where = str(rec.get("path") or rec.get("article_id"))
        lang, flags = rec.get("language", "en"), rec.get("language_flags", "")
        if lang not in ANALYSED:
            rows.append(
                {
                    "path": where,
                    "reason": f"language not analysed ({lang}, confidence "
                    f"{rec.get('language_confidence', 0):.2f}): the article is loaded and shown "
                    "but no claims are extracted from it",
                }
            )
        if flags and not (lang == "en" and flags.startswith("undetected")):
            rows.append({"path": where, "reason": f"language flags: {flags}"})
    return rows
