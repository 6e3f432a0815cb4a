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
cyrillic_key(text) -> str     back-transliteration to Cyrillic with one table for BGN/PCGN,
                              Ukrainian 2010, ISO 9 / scholarly, German, Polish, informal spellings
phoneme_key(text) -> str      cyrillic_key with Russian/Ukrainian letters of one sound merged and
                              regular correspondences (-онст-/-ост-, ол/ов, prothetic в) read alike
ending_class(text, kind="place") -> (label, stem)   toponym / surname ending class of the last
                              word (ENDING_CLASSES, PERSON_ENDINGS) and the phoneme key without it
weighted_distance(a, b) -> (cost, edits)   rapidfuzz Levenshtein alignment of two phoneme keys,
                              cheap Russian/Ukrainian vowel alternations (_SUB_COST)
syllables(key) -> int         vowel groups in a phoneme key
name_similarity(a, b) -> float   0..1 on phoneme keys (weighted distance and Jaro-Winkler)
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


# --- Cyrillic back-transliteration and the pair decision's distance -----------------------------
# Latin letter groups -> Cyrillic, longest first. One table for the romanization systems met in
# reporting: BGN/PCGN (Russian, Ukrainian), Ukrainian national 2010, ISO 9 / scholarly (diacritics
# and c, x, j), German (sch, tsch, w, z), Polish (sz, cz, rz, ł, w) and informal English spellings.
_TO_CYR = [
    ("schtsch", "щ"), ("chtch", "щ"), ("shch", "щ"), ("tsj", "ч"), ("szcz", "щ"), ("tsch", "ч"),
    ("sch", "ш"), ("tch", "ч"), ("zh", "ж"), ("kh", "х"), ("ch", "ч"), ("sh", "ш"), ("sz", "ш"),
    ("cz", "ч"), ("rzh", "рж"), ("rz", "ж"),
    ("tz", "ц"), ("ts", "ц"), ("ph", "ф"), ("gh", "г"), ("ck", "к"), ("ou", "у"), ("x", "кс"),
    ("w", "в"), ("q", "к"), ("c", "ц"), ("h", "г"), ("g", "г"), ("j", "й"), ("y", "Y"),
    ("a", "а"), ("b", "б"), ("d", "д"), ("e", "е"), ("f", "ф"), ("i", "и"), ("k", "к"),
    ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"), ("r", "р"), ("s", "с"),
    ("t", "т"), ("u", "у"), ("v", "в"), ("z", "з"), ("'", "ь"),
]  # fmt: skip
_TO_CYR_RX = re.compile("|".join(re.escape(latin) for latin, _ in _TO_CYR))
_TO_CYR_MAP = dict(_TO_CYR)
# Letters with diacritics (ISO 9, scholarly, Polish, Czech, Romanian ...) -> Latin groups read
# by _TO_CYR; apostrophes and primes mark a soft sign.
_LATIN_DIACRITIC = {
    "č": "ch", "š": "sh", "ž": "zh", "ŝ": "shch", "ĉ": "ch", "ĥ": "kh", "ć": "ch", "ś": "s'",
    "ź": "z'", "ż": "zh", "ł": "l", "ń": "n'", "ë": "yo", "ï": "yi", "ĭ": "y", "ǵ": "g",
    "ä": "ya", "ö": "yo", "ü": "yu", "â": "ya", "û": "yu", "ê": "ye", "ì": "i", "è": "e",
    "ă": "a", "î": "y", "ı": "y", "ʹ": "'", "ʼ": "'", "’": "'", "`": "'", "´": "'", "‘": "'",
    "ʺ": "", "ŭ": "u", "ř": "rzh", "ě": "ye", "ů": "u", "ș": "sh", "ş": "sh", "ț": "ts",
    "ţ": "ts",
}  # fmt: skip
_CYR_LETTERS = set("абвгґдеёєжзиіїйклмнопрстуфхцчшщъыьэюя")
_CYR_VOWELS = set("аеиоуыэюяёєіїY")
# Phoneme key: Russian and Ukrainian spellings of one sound become one letter.
_PHONEME = str.maketrans({"ы": "и", "і": "и", "ї": "и", "э": "е", "є": "е", "ё": "о", "я": "а",
                          "ю": "у", "ґ": "г", "ъ": None, "ь": None})  # fmt: skip
_PH_VOWELS = set("аеиоу")
# Substitution costs between phonemes (anything else: 1). Russian/Ukrainian vowel alternations
# (Kharkov/Kharkiv o-i, Belgorod/Bilhorod e-i, ye/e/i) are cheap; a/o (akanye in phonetic
# spellings) 0.5, g/kh (Ukrainian h) 0.5; other vowel changes are real differences.
ALTERNATION = 0.3
_SUB_COST = {
    frozenset("ои"): ALTERNATION, frozenset("еи"): ALTERNATION, frozenset("ео"): ALTERNATION,
    frozenset("ао"): 0.5, frozenset("гх"): 0.5,
}  # fmt: skip


# A word written in a German, Polish, Czech or Dutch system (w, j-glides, sz / cz / sch / tsj):
# there "ch" is х (Charkiw, Achtubinsk), not the English ч.
_NON_ENGLISH = re.compile(r"w|sch|sz|cz|tsj|(^|[aeiou])j[aeiou]|[^aeiouy]j[aeiou]")


def _latin_to_cyrillic(word: str) -> str:
    """One Latin word -> Cyrillic: groups by _TO_CYR, then y / i read by their neighbours."""
    if _NON_ENGLISH.search(word):
        word = re.sub(r"(?<![stcz])ch", "kh", word)
    chars = list(_TO_CYR_RX.sub(lambda m: _TO_CYR_MAP[m.group(0)], word))
    for i, ch in enumerate(chars):
        prev = chars[i - 1] if i else ""
        nxt = chars[i + 1] if i + 1 < len(chars) else ""
        after_consonant = bool(prev) and prev not in _CYR_VOWELS and prev not in "ьй"
        if ch == "Y":  # y: glide й at the start or after a vowel, ы after a consonant ...
            chars[i] = "ы" if after_consonant else "й"
            if after_consonant and nxt in ("а", "у", "о", "е"):  # ... ya/yu/yo/ye: я ю ё є
                chars[i] = "ь"
        elif ch == "и" and after_consonant and nxt in ("а", "у", "о"):  # ia/iu/io: я ю ё
            chars[i] = "ь"
    out = "".join(chars)
    return re.sub(r"(?<=[аеоуыэюяёєії])и(?=[^аеиоуыэюяёєії]|$)", "й", out)  # Shoigu: ой


@lru_cache(maxsize=200_000)
def cyrillic_key(text: str) -> str:
    """Back-transliteration to Cyrillic, lower case, words joined by one space.

    Cyrillic letters pass through; Latin groups are read with one table covering BGN/PCGN,
    Ukrainian 2010, ISO 9 / scholarly, German, Polish and informal spellings (_TO_CYR).
    """
    text = unicodedata.normalize("NFC", clean_name(text).lower())
    words = []
    for word in re.findall(r"[^\W\d_]+(?:['’ʼʹ`´‘][^\W\d_]+)*", text):
        if any(ch in _CYR_LETTERS for ch in word):
            words.append(re.sub(r"['’ʼʹ`´‘]", "ь", word))
            continue
        latin = "".join(_LATIN_DIACRITIC.get(ch, ch) for ch in word)
        latin = unidecode(latin).lower()
        words.append(_latin_to_cyrillic(re.sub(r"[^a-z']", "", latin)))
    return " ".join(w.strip("ь") for w in words if w.strip("ь"))


@lru_cache(maxsize=400_000)
def phoneme_key(text: str) -> str:
    """cyrillic_key with Russian/Ukrainian letters of one sound merged (ы/и/і/ї -> и, я -> а,
    ю -> у, є/э -> е, ё -> о), soft and hard signs and the glide й before a vowel dropped,
    й elsewhere read as и, doubled letters single, Russian -онст- read as Ukrainian -ост-."""
    words = []
    for word in cyrillic_key(text).split():
        word = re.sub(r"^й(?=[аеоуяюєё])", "", word)
        word = re.sub(r"(?<=[аеиоуыэюяёєії])й(?=[аеоуяюєё])", "", word)
        word = re.sub(r"ье$", "ья", word)  # Zaporozhye / Zaporizhzhia
        word = word.translate(_PHONEME).replace("й", "и")
        word = re.sub(r"(.)\1+", r"\1", word)
        word = re.sub(r"(?<=.)и+(?=[аеоу])", "", word)  # ie / iia / iio: the glide of є я ё
        words.append(_ru_ua(word))
    return " ".join(w for w in words if w)


# Word endings that mark the kind of toponym or surname (on the last word, in phonemes). Two names
# whose endings fall in different classes are different names (Pokrovsk / Pokrovske, Pyatikhatka /
# Pyatykhatky, Novoselivka / Novoselytsia, Mykolaiv / Mykolaivka), whatever the spelling distance.
# The ending matched by the group "end" is cut off before the stems are compared, so Russian and
# Ukrainian forms of one ending (-ovka / -ivka, -skoye / -ske, -ovo / -ove) compare equal.
ENDING_CLASSES = [
    ("-ivka (noun)", r"[иео]в(?P<end>ка)$"),
    ("-ivtsi (plural)", r"[иео]в(?P<end>ци)$"),
    ("-ytsia (noun)", r"(?P<end>[иеа]?ца)$"),
    ("-ychi (plural)", r"(?P<end>ичи)$"),
    ("-ove (neuter)", r"[оеи]в(?P<end>[ое])$"),
    ("-ine (neuter)", r"и(?P<end>н[ое])$"),
    ("-pil (city)", r"п(?P<end>[оие]л(ис)?)$"),
    ("-grad (city)", r"(?P<end>(град|гр[ао]д|г[ао]р[ао]д))$"),
    ("-sky (adjective, masculine)", r"[сцз]к(?P<end>(ии|ои|и|ои))$"),
    ("-ska (adjective, feminine)", r"[сцз]к(?P<end>(аа|а))$"),
    ("-ske (adjective, neuter)", r"[сцз]к(?P<end>(ое|е|ого))$"),
    ("-sk (noun)", r"[сцз]к$"),
    ("adjective, masculine", r"[^аеиоу](?P<end>(ии|ои))$"),
    ("adjective, feminine", r"[^аеиоу](?P<end>(аа))$"),
    ("adjective, neuter", r"[^аеиоу](?P<end>(ое|ее))$|н(?P<end2>е)$"),
    ("-ov / -iv (possessive)", r"(?P<end>[оеи]в)$"),
    ("-ky (plural)", r"к(?P<end>и)$"),
    ("-ka (singular)", r"к(?P<end>а)$"),
]
PERSON_ENDINGS = [
    ("-sky (masculine)", r"[сцз]к(?P<end>(ии|ои|и))$"),
    ("-skaya (feminine)", r"[сцз]к(?P<end>(аа|а))$"),
    ("-ova / -ina (feminine)", r"(?P<end>[оеи]на|[оеи]ва)$"),
    ("-ov / -in (masculine)", r"(?P<end>[оеи]н|[оеи]в)$"),
    ("-enko", r"(?P<end>енко)$"),
]
_ENDING_RX = [(label, re.compile(rx)) for label, rx in ENDING_CLASSES]
_PERSON_RX = [(label, re.compile(rx)) for label, rx in PERSON_ENDINGS]


def _raw_phonemes(word: str) -> str:
    """Phonemes of one Cyrillic-key word keeping й-й doubles that mark -ий / -ый endings."""
    word = re.sub(r"^й(?=[аеоуяюєё])", "", word)
    word = re.sub(r"(?<=[аеиоуыэюяёєії])й(?=[аеоуяюєё])", "", word)
    word = re.sub(r"ье$", "ья", word)  # Zaporozhye / Zaporizhzhia
    word = word.translate(_PHONEME).replace("й", "и")
    word = re.sub(r"([^и])\1+", r"\1", word)
    return _ru_ua(re.sub(r"(?<=.)и+(?=[аеоу])", "", word))


def _ru_ua(word: str) -> str:
    """Regular Russian / Ukrainian consonant correspondences, read the Ukrainian way:
    Konstantin- / Kostiantyn-, Volchansk / Vovchansk (ол before a consonant), Ugledar /
    Vuhledar (prothetic в)."""
    word = word.replace("онст", "ост")
    word = re.sub(r"ол(?=[бвгджзклмнпрстфхцчшщ])", "ов", word)
    return re.sub(r"^ву", "у", word)


@lru_cache(maxsize=200_000)
def ending_class(text: str, kind: str = "place") -> tuple[str, str]:
    """(class label or "", phoneme key with the class ending cut off) for the last word.

    kind "person" uses PERSON_ENDINGS; other kinds ENDING_CLASSES. For kinds other than place
    and person the gender of an adjective is dropped from the label (a mine is -skaya or -sky by
    its head noun, not by its referent).
    """
    words = [_raw_phonemes(w) for w in cyrillic_key(text).split()]
    words = [w for w in words if w]
    if not words:
        return "", ""
    label = ""
    for name, rx in _PERSON_RX if kind == "person" else _ENDING_RX:
        m = rx.search(words[-1])
        if m:
            found = [g for g, v in m.groupdict().items() if v is not None]
            if found:
                words[-1] = words[-1][: m.start(found[0])]
            label = name
            break
    if kind not in ("place", "person") and "adjective" in label:
        label = "adjective"
    return label, " ".join(re.sub(r"(.)\1+", r"\1", w) for w in words)


def _sub_cost(a: str, b: str) -> float:
    return _SUB_COST.get(frozenset((a, b)), 1.0)


def weighted_distance(a: str, b: str) -> tuple[float, list[str]]:
    """Edit cost between two phoneme keys and the edits (rapidfuzz Levenshtein alignment).

    insert/delete 1 (a syllable or consonant more), substitution 1 except the cheap pairs in
    _SUB_COST (Russian/Ukrainian vowel alternations ALTERNATION, a/o and g/kh 0.5).
    """
    from rapidfuzz.distance import Levenshtein

    cost, edits = 0.0, []
    for op in Levenshtein.editops(a, b):
        if op.tag == "replace":
            ca, cb = a[op.src_pos], b[op.dest_pos]
            cost += _sub_cost(ca, cb)
            edits.append(f"{ca}->{cb}")
        elif op.tag == "delete":
            cost += 1
            edits.append(f"-{a[op.src_pos]}")
        else:
            cost += 1
            edits.append(f"+{b[op.dest_pos]}")
    return cost, edits


def syllables(key: str) -> int:
    """Number of vowel groups in a phoneme key."""
    return len(re.findall(r"[аеиоу]+", key))


@lru_cache(maxsize=400_000)
def name_similarity(a: str, b: str) -> float:
    """0..1: 1 - weighted_distance / longer phoneme key, averaged with Jaro-Winkler (prefix)."""
    from rapidfuzz.distance import JaroWinkler

    ka, kb = phoneme_key(a), phoneme_key(b)
    if not ka or not kb:
        return 0.0
    cost, _ = weighted_distance(ka, kb)
    edit = max(0.0, 1 - cost / max(len(ka), len(kb)))
    return 0.5 * edit + 0.5 * JaroWinkler.normalized_similarity(ka, kb)


# --- Candidate Cyrillic readings of a Latin name (all standard systems) -------------------------
# The romanization tables of the standard systems come from iuliia (pinned; Russian schemes:
# GOST 7.79 A and B, BGN/PCGN, ICAO Doc 9303, Library of Congress ALA-LC, UNGEGN, BS 2979,
# Wikipedia, scholarly, passport and map schemes), read backwards; the Ukrainian national system
# (2010) and informal spellings are in lexicon en/latin_to_cyrillic.
READING_SCHEMES = (
    "ala_lc", "ala_lc_alt", "bgn_pcgn", "bgn_pcgn_alt", "bs_2979", "bs_2979_alt", "gost_16876",
    "gost_16876_alt", "gost_52290", "gost_52535", "gost_7034", "gost_779", "gost_779_alt",
    "icao_doc_9303", "iso_9_1954", "iso_9_1968", "iso_9_1968_alt", "mosmetro", "mvd_310",
    "mvd_782", "scientific", "telegram", "ungegn_1987", "wikipedia", "yandex_maps",
)  # fmt: skip
READING_BEAM = 24
INFORMAL_COST = 1.4  # an informal group costs more than a standard system's
UNKNOWN_COST = 3.0  # a letter no system writes, kept as it is
_MAX_CHUNK = 7
_APOSTROPHE_FORMS = str.maketrans({c: "'" for c in "’ʼʹ`´‘′"} | {"\u0361": None, "ʺ": "'"})


@lru_cache(maxsize=1)
def _reading_table() -> dict[str, dict[str, dict[str, float]]]:
    """{position: {latin group: {Cyrillic group: cost}}} from iuliia's schemes (cost 1) and the
    lexicon (Ukrainian 2010: 1, informal: INFORMAL_COST)."""
    import json
    from pathlib import Path

    import iuliia

    from crosscheck.text import lexicon

    table: dict[str, dict[str, dict[str, float]]] = {"any": {}, "start": {}, "end": {}}

    def put(pos: str, latin: str, cyr: str, cost: float = 1.0) -> None:
        latin = unicodedata.normalize("NFC", latin.lower()).translate(_APOSTROPHE_FORMS)
        if latin and cyr and len(latin) <= _MAX_CHUNK:
            outs = table[pos].setdefault(latin, {})
            key = _phonemes(cyr.lower())
            outs[key] = min(outs.get(key, cost), cost)

    folder = Path(iuliia.__file__).parent / "schemas"
    for name in READING_SCHEMES:
        schema = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
        for cyr, lat in schema["mapping"].items():
            put("any", lat, cyr)
        for pair, lat in (schema.get("prev_mapping") or {}).items():
            put("start" if pair[0] == "^" else "any", lat, pair[-1])
            if len(pair) == 1:
                put("start", lat, pair)
        for pair, lat in (schema.get("next_mapping") or {}).items():
            put("any", lat, pair[0])
        for ending, lat in (schema.get("ending_mapping") or {}).items():
            put("end", lat, ending)
    for e in lexicon.load("latin_to_cyrillic"):
        cost = INFORMAL_COST if e.attrs["system"] == "informal" else 1.0
        put(e.attrs["position"], e.entry, e.attrs["cyrillic"], cost)
    return table


def _phonemes(cyr: str) -> str:
    """Cyrillic letters of one sound merged as in phoneme_key (ы/і/ї/й -> и, я -> а ...)."""
    return cyr.translate(_PHONEME).replace("й", "и")


def _reading_word(word: str) -> str:
    word = unicodedata.normalize("NFC", word.lower()).translate(_APOSTROPHE_FORMS)
    return "".join(ch for ch in word if ch.isalpha() or ch == "'")


@lru_cache(maxsize=100_000)
def cyrillic_readings(word: str, beam: int = READING_BEAM) -> tuple[str, ...]:
    """Candidate Cyrillic spellings of one Latin word (letters of one sound merged as in
    phoneme_key), fewest letter groups first.

    Each reading splits the word into groups that some standard system (or the Ukrainian 2010
    or an informal spelling) writes for one Cyrillic letter; readings with fewer, longer groups
    rank first and the best `beam` are kept. A Cyrillic word is its own only reading.
    """
    if all(ch in _CYR_LETTERS or not ch.isalpha() for ch in word.lower()):
        return (_phonemes(word.lower()),)
    w = _reading_word(word)
    if not w:
        return ()
    table = _reading_table()
    n = len(w)
    states: list[dict[str, float]] = [dict() for _ in range(n + 1)]
    states[0][""] = 0
    for i in range(n):
        if not states[i]:
            continue
        best = sorted(states[i].items(), key=lambda kv: kv[1])[:beam]
        for j in range(i + 1, min(n, i + _MAX_CHUNK) + 1):
            chunk = w[i:j]
            outs = dict(table["any"].get(chunk, {}))
            for pos, ok in (("start", i == 0), ("end", j == n)):
                for out, c in table[pos].get(chunk, {}).items() if ok else ():
                    outs[out] = min(outs.get(out, c), c)
            if not outs and j == i + 1:  # a letter no system writes: keep it as is
                outs = {_phonemes(chunk) if chunk != "'" else "": UNKNOWN_COST}
            for prefix, cost in best:
                for out, c in outs.items():
                    cand = prefix + out
                    if cost + c < states[j].get(cand, float("inf")):
                        states[j][cand] = cost + c
    ranked = sorted(states[n].items(), key=lambda kv: (kv[1], kv[0]))
    return tuple(c for c, _ in ranked[:beam])


def reading_keys(text: str, beam: int = READING_BEAM) -> frozenset[str]:
    """Phoneme keys of the candidate Cyrillic readings of a name (word by word, joined)."""
    keys = [""]
    for word in re.findall(r"[^\W\d_]+(?:['’ʼʹ`´‘][^\W\d_]+)*", clean_name(text)):
        readings = {phoneme_key(r) for r in cyrillic_readings(word, beam)} or {""}
        keys = [f"{k}{r}" for k in keys for r in readings][: beam * 4]
    return frozenset(k for k in keys if k)


def same_reading(a: str, b: str) -> bool:
    """Some candidate Cyrillic reading of `a` and some of `b` share one phoneme key."""
    return bool(reading_keys(a) & reading_keys(b))
