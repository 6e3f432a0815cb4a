"""The one text-normalisation module of the comparison layer.

Every typer and the aligner read text through these functions: ``norm`` (lower-case ASCII, one
space), ``content_stems`` (the content words of a text with their comparison keys), ``STOP`` (the
stop words, one list) and the small converters ``text_of`` / ``as_list`` for table cells.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
from unidecode import unidecode

SYNONYMS = {
    **dict.fromkeys(["troop", "force", "unit", "soldi", "milit", "army"], "force"),
    **dict.fromkeys(
        [
            "said",
            "state",
            "told",
            "repor",
            "claim",
            "indic",
            "revea",
            "added",
            "noted",
            "empha",
            "confi",
            "say",
            "says",
            "annou",
        ],
        "say",
    ),
    **dict.fromkeys(["town", "city", "villa", "settl", "area", "local", "popul"], "place"),
    **dict.fromkeys(["ameri", "us"], "us"),
    **dict.fromkeys(["advis", "advic"], "advis"),
}
STOP = frozenset(ENGLISH_STOP_WORDS) | {"s", "t", "according", "also", "would", "could"}
WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")


def norm(text) -> str:
    """Lower-case ASCII with single spaces (quotes and dashes folded)."""
    return " ".join(unidecode(str(text or "")).lower().split())


def as_list(value) -> list:
    """A list cell as a list (None, NaN and non-lists give [])."""
    if isinstance(value, (list, tuple)):
        return list(value)
    if isinstance(value, np.ndarray):
        return value.tolist()
    return []


def text_of(value) -> str:
    """A cell as a string ("" for None and NaN)."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return str(value)


def stem(word: str) -> str:
    word = word.lower().replace("’", "'").split("'")[0]
    stem = word[:5] if len(word) > 5 else word.rstrip("s") or word
    return SYNONYMS.get(stem, stem)


def words(text: str) -> list[str]:
    return WORD_RE.findall(unidecode(str(text or "")))


@lru_cache(maxsize=65536)
def content_stems(text: str) -> tuple[tuple[str, str], ...]:
    """(stem, word) of the content words of `text`, in order."""
    out = []
    for word in words(text):
        low = word.lower()
        if low in STOP or len(low) < 2:
            continue
        out.append((stem(low), word))
    return tuple(out)


@lru_cache(maxsize=65536)
def norm_value(value: str) -> str:
    return norm(value)


def quantity_key(q: dict) -> str:
    value = q.get("value")
    try:
        value = f"{float(value):g}"
    except (TypeError, ValueError):
        value = norm(q.get("text"))
    return f"{value} {norm(q.get('unit'))}".strip()
