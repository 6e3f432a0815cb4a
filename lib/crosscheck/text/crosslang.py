"""Comparing an original in Cyrillic with a rewrite in Latin script, without translation.

The comparison layer calls these for a pair of claims (or articles) written in different scripts
(hooked in crosscheck.discrepancies: align_claims, _pair_entities, _speakers_same, _type_pair).
Nothing here translates: claims align on language-independent anchors (names keyed across
scripts, numbers, dates, quoted phrases), and only the differences that need no translation are
typed (entity variant or different referent, quantity, time, attribution, certainty, one-source).

Public functions
----------------
script_of(text) -> "cyr" | "lat" | ""
cross_script(a, b) -> bool                 the two texts are written in different scripts
differ(script_a, script_b) -> bool         the same for two script codes of script_of
anchors(row) -> set[str]                   anchors of a claim row (entities, quantities, times)
anchor_similarity(rows_a, rows_b) -> matrix   Dice overlap of anchors (0..1), for alignment
same_rendering(name_a, name_b) -> bool     one Cyrillic, one Latin name with the same
                                           transliteration key (Торецк / Toretsk): no difference
same_source(speaker_a, speaker_b) -> bool  the same source across scripts: a shared name (keyed
                                           across scripts) or a source word and its English
                                           equivalents (lexicon <lang>/sources, column english)
quantity_rows(a, b) -> list of difference dicts (kind "quantity") matched by value, not unit
NEEDS_TRANSLATION  kinds never typed across scripts (characterization, reference_point)
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from crosscheck.text import lexicon
from crosscheck.text.language import script as script_of
from crosscheck.translit import name_key

NEEDS_TRANSLATION = ("characterization", "reference_point")
APPROX_CLASS = {  # English approximations of crosscheck.claims.APPROX -> one class
    "about": "about", "around": "about", "roughly": "about", "approximately": "about",
    "some": "about", "close to": "about", "an estimated": "about",
    "more than": "more", "over": "more", "just over": "more", "at least": "atleast",
    "no fewer than": "atleast", "less than": "less", "fewer than": "less", "under": "less",
    "just under": "less", "nearly": "nearly", "almost": "nearly", "up to": "upto",
    "as many as": "upto", "as much as": "upto", "at most": "atmost", "no more than": "atmost",
}  # fmt: skip
_QUOTED = re.compile(r"[«“\"]([^»”\"]{3,80})[»”\"]")


def differ(script_a: str, script_b: str) -> bool:
    """Two script codes ("cyr", "lat", "") that are both known and different."""
    return bool(script_a and script_b and script_a != script_b)


def cross_script(a: str, b: str) -> bool:
    sa, sb = script_of(a), script_of(b)
    return bool(sa and sb and sa != sb)


def _dicts(value) -> list[dict]:
    if isinstance(value, (list, tuple)):
        return [v for v in value if isinstance(v, dict)]
    if isinstance(value, np.ndarray):
        return [v for v in value.tolist() if isinstance(v, dict)]
    return []


def _num(value) -> str:
    try:
        return f"{float(value):g}"
    except (TypeError, ValueError):
        return ""


def anchors(row) -> set[str]:
    """Language-independent anchors of a claim row."""
    out = set()
    for e in _dicts(row.get("entities")):
        key = name_key(str(e.get("text", "")))
        if key:
            out.add("e:" + key.split()[0][:6])  # first word, declension-proof prefix
    for q in _dicts(row.get("quantities")):
        if _num(q.get("value")):
            out.add("n:" + _num(q.get("value")))
    for t in _dicts(row.get("times")):
        if re.match(r"^\d{4}", str(t.get("value", ""))):
            out.add("t:" + str(t["value"]))
    for m in re.findall(r"\d+(?:[.,]\d+)?", str(row.get("text", ""))):
        out.add("n:" + _num(m.replace(",", ".")))
    for q in _QUOTED.findall(str(row.get("text", ""))):
        out.add("q:" + name_key(q)[:12])
    return out


def anchor_similarity(rows_a: list, rows_b: list) -> np.ndarray:
    """Dice overlap of the anchors of every claim of A with every claim of B."""
    sa = [anchors(r) for r in rows_a]
    sb = [anchors(r) for r in rows_b]
    sim = np.zeros((len(sa), len(sb)), dtype=np.float32)
    for i, x in enumerate(sa):
        for j, y in enumerate(sb):
            if x and y:
                sim[i, j] = 2 * len(x & y) / (len(x) + len(y))
    return sim


@lru_cache(maxsize=8192)
def same_rendering(name_a: str, name_b: str) -> bool:
    if not cross_script(name_a, name_b):
        return False
    return bool(name_key(name_a)) and name_key(name_a) == name_key(name_b)


@lru_cache(maxsize=1)
def _source_words() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for lang in ("ru", "uk"):
        for e in lexicon.load("sources", lang):
            out.setdefault(e.entry, []).extend(w.lower() for w in e.attrs["english"].split("|"))
    return out


@lru_cache(maxsize=8192)
def same_source(speaker_a: str, speaker_b: str) -> bool:
    if not cross_script(speaker_a, speaker_b):
        return False
    cyr, lat = (speaker_a, speaker_b) if script_of(speaker_a) == "cyr" else (speaker_b, speaker_a)
    lat_low = lat.lower()
    lat_keys = {name_key(w) for w in re.findall(r"[A-Z][\w'’-]+", lat)}
    for word in re.findall(r"[\w'’-]+", cyr):
        if word[:1].isupper() and name_key(word) in lat_keys:
            return True
        for english in _source_words().get(word.lower(), []):
            if re.search(rf"\b{re.escape(english)}\b", lat_low):
                return True
    return False


def _row(kind, severity, explanation, value_a="", value_b="", detail="") -> dict:
    return {"kind": kind, "severity": severity, "explanation": explanation, "value_a": value_a,
            "value_b": value_b, "direction": "", "detail": detail}  # fmt: skip


def _approx(q: dict) -> str:
    a = str(q.get("approx") or "").lower()
    return APPROX_CLASS.get(a, a)


def quantity_rows(a: dict, b: dict) -> list[dict]:
    """Quantity differences of two claims in different languages, matched by value."""
    qa = [q for q in a["quants"] if _num(q.get("value"))]
    qb = [q for q in b["quants"] if _num(q.get("value"))]
    out, left_b = [], list(qb)
    left_a = []
    for q in qa:
        twin = next((x for x in left_b if _num(x.get("value")) == _num(q.get("value"))), None)
        if twin is None:
            left_a.append(q)
            continue
        left_b.remove(twin)
        if _approx(q) != _approx(twin):
            out.append(
                _row(
                    "quantity",
                    4,
                    f"Both give {_num(q.get('value'))}, but A says '{q.get('text')}' and B "
                    f"'{twin.get('text')}' (the approximation differs).",
                    q.get("text", ""),
                    twin.get("text", ""),
                    f"approx: '{q.get('approx')}' vs '{twin.get('approx')}'",
                )  # fmt: skip
            )
    for q in left_a:
        if left_b:
            q2 = left_b.pop(0)
            out.append(_row("quantity", 4, f"A gives '{q.get('text')}' where B gives "
                            f"'{q2.get('text')}'.", q.get("text", ""), q2.get("text", ""),
                            f"{_num(q.get('value'))} vs {_num(q2.get('value'))}"))  # fmt: skip
        else:
            out.append(_row("quantity", 2, f"Only A gives the number '{q.get('text')}'.",
                            q.get("text", ""), "", _num(q.get("value"))))  # fmt: skip
    for q2 in left_b:
        out.append(_row("quantity", 2, f"Only B gives the number '{q2.get('text')}'.",
                        "", q2.get("text", ""), _num(q2.get("value"))))  # fmt: skip
    return out
