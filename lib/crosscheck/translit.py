"""Transliteration keys for Russian / Ukrainian names written in Latin or Cyrillic script.

Public functions
----------------
clean_name(text) -> str   strip quotes, stray punctuation, possessive 's, a leading "the"
to_latin(text) -> str     Cyrillic (Russian + Ukrainian letters) and ISO 9 / Polish / German
                          letters to plain ASCII Latin (lower case)
name_key(text) -> str     normalised phonetic key: romanization systems collapse to one spelling
                          (kh/h/g, ts/tz/c, zh/z/rz, y/i/j, ya/ia/ja, ye/ie/e, soft signs and
                          apostrophes dropped, doubled letters single, Russian/Ukrainian endings
                          -oye/-e, -skaya/-ska/-sky/-skyi, -ovka/-ivka, -ovo/-ove, -ino/-yne)
skeleton(text) -> str     consonant skeleton of name_key per word (first letter kept): Russian vs
                          Ukrainian vowel changes (Kharkov/Kharkiv, o -> i) disappear
spelling_similarity(a, b) -> float   0..100 (rapidfuzz on keys and skeletons)
genderless(key) -> str    drop the gender of an adjectival ending in a key (-skaya = -sky)
is_adjectival(text) -> bool   the last word has an adjectival ending (-skoye, -ska, -sky ...)
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from unidecode import unidecode

_CYR = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "ё": "yo", "є": "ye",
    "ж": "zh", "з": "z", "и": "i", "і": "i", "ї": "yi", "й": "y", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh",
    "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "ў": "u",
}  # fmt: skip
_DIACRITIC = {
    "č": "ch", "š": "sh", "ž": "zh", "ŝ": "shch", "ć": "ch", "ś": "sh", "ź": "zh", "ż": "zh",
    "ł": "l", "ë": "yo", "ï": "yi", "ĭ": "y", "ǵ": "g", "ħ": "h", "ə": "e", "ß": "ss",
}  # fmt: skip
_QUOTES = "\"'`´‘’‚‛“”„‟«»‹›ʹʺʼˈ′″"
_APOSTROPHES = re.compile(r"['’ʼʹ`´‘]")
_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b", re.IGNORECASE)
_LEADING_THE = re.compile(r"^(the)\s+", re.IGNORECASE)

# Multigraphs, applied in order on lower-case ASCII text (one phoneme -> one key letter).
_MULTI = [
    ("shch", "S"), ("szcz", "S"), ("sch", "S"), ("tsch", "C"), ("tch", "C"), ("sh", "S"),
    ("sz", "S"), ("ch", "C"), ("cz", "C"), ("zh", "Z"), ("kh", "H"), ("x", "ks"), ("h", "H"),
    ("g", "H"), ("tz", "c"), ("ts", "c"), ("ph", "f"), ("w", "v"), ("q", "k"),
    ("j", "i"), ("y", "i"), ("ou", "u"), ("oo", "u"),
]  # fmt: skip
# Word-final endings (on the key) that differ between Russian and Ukrainian or between systems.
_ENDINGS = [
    (re.compile(r"([sc])k(aia|aa|a)$"), r"\1kF"),
    (re.compile(r"([sc])k(ii|i|oi)$"), r"\1kM"),
    (re.compile(r"([sc])k(oie|oe|e|ie|ogo|oho)$"), r"\1kN"),
    (re.compile(r"(io|o|e|i)vka$"), "ivka"),
    (re.compile(r"(io|o|e|i)v(o|e)$"), "ove"),
    (re.compile(r"in(o|e)$"), "ine"),
    (re.compile(r"(oie|oe|aia|ie)$"), "e"),
    (re.compile(r"ii$"), "i"),
]
_ADJ = re.compile(r"([sc]k|n)(aia|aa|ii|i|oie|oe|oi|e|ie|ogo|oho)$|[sc]ka$")
_VOWELS = re.compile(r"[aeiouFMN]")


def clean_name(text: str) -> str:
    """Strip quotes, stray punctuation, possessive 's and a leading "the"; collapse spaces."""
    text = unicodedata.normalize("NFKC", str(text)).strip()
    text = _POSSESSIVE.sub("", text)
    text = text.strip(_QUOTES + " .,;:!?()[]{}<>*_|/\\\t\n-–—")
    text = _LEADING_THE.sub("", text)
    text = text.strip(_QUOTES + " ")
    return re.sub(r"\s+", " ", text)


def to_latin(text: str) -> str:
    """Lower-case ASCII Latin transliteration (Cyrillic by a Russian/Ukrainian table)."""
    out = []
    for ch in unicodedata.normalize("NFC", text.lower()):
        if ch in _CYR:
            out.append(_CYR[ch])
        elif ch in _DIACRITIC:
            out.append(_DIACRITIC[ch])
        else:
            out.append(ch)
    return unidecode("".join(out)).lower()


def _word_key(word: str) -> str:
    for old, new in _MULTI:
        word = word.replace(old, new)
    word = re.sub(r"(.)\1+", r"\1", word)  # doubled letters, ii from yi/iy
    word = re.sub(r"^ie", "e", word)  # Yenakiieve / Enakievo
    word = re.sub(r"(?<=[^aeiou])ie", "e", word)  # Sievierodonetsk / Severodonetsk
    word = re.sub(r"io", "o", word)  # yo / io (Pyotr, Fyodor)
    word = re.sub(r"(.)\1+", r"\1", word)
    for pattern, repl in _ENDINGS:
        new = pattern.sub(repl, word)
        if new != word:
            word = new
            break
    return re.sub(r"(.)\1+", r"\1", word)


@lru_cache(maxsize=200_000)
def name_key(text: str) -> str:
    """Normalised phonetic key of a name (see module docstring)."""
    text = _APOSTROPHES.sub("", clean_name(text))
    latin = to_latin(text)
    words = re.findall(r"[a-z0-9]+", latin)
    return " ".join(_word_key(w) for w in words)


def genderless(key: str) -> str:
    """name_key without the adjective gender mark (skF/skM/skN -> skE): for non-place names."""
    return re.sub(r"k[FMN]\b", "kE", key)


def skeleton(text: str) -> str:
    """Consonant skeleton of name_key, word by word (first letter kept)."""
    parts = []
    for word in name_key(text).split():
        parts.append(word[0] + _VOWELS.sub("", word[1:]))
    return " ".join(parts)


def is_adjectival(text: str) -> bool:
    """True when the last word of the name ends like an adjective (-skoye, -ska, -sky, -ne ...)."""
    latin = to_latin(_APOSTROPHES.sub("", clean_name(text)))
    words = re.findall(r"[a-z]+", latin)
    if not words:
        return False
    word = words[-1]
    for old, new in _MULTI:
        word = word.replace(old, new)
    word = re.sub(r"(.)\1+", r"\1", word)
    return bool(_ADJ.search(word))


def spelling_similarity(a: str, b: str) -> float:
    """0..100: rapidfuzz ratio and Jaro-Winkler on name_key, ratio on skeleton (0.5/0.3/0.2)."""
    from rapidfuzz import fuzz
    from rapidfuzz.distance import JaroWinkler

    ka, kb = name_key(a), name_key(b)
    if not ka or not kb:
        return 0.0
    sa, sb = skeleton(a), skeleton(b)
    return (
        0.5 * fuzz.ratio(ka, kb)
        + 30 * JaroWinkler.normalized_similarity(ka, kb)
        + 0.2 * fuzz.ratio(sa, sb)
    )
