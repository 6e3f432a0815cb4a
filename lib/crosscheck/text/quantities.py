"""Quantities in a parsed text: counts, units, money, percentages, ranks, vague amounts.

Each quantity dict has text, value, unit, approx, start, end, kind, scale and the interval it
states, low and high (in its own unit). A range ("between 20 and 30", "20 to 30 people",
"5-7 km", "from 3 to 4 million") is one quantity read by crosscheck.text.amounts (the reader
the quantity typer uses): low and high are its bounds, value is None (a range states no single
number) and approx is "range". Any other quantity has low = high = value (None when vague).
"""

from __future__ import annotations

import re

from crosscheck.text import amounts as amounts_mod
from crosscheck.text import lexicon
from crosscheck.text.nlp import _is_noun

# Word lists (lexicons under crosscheck/data/lexicons/en, one per purpose, each with notes):
# number words (number_words: articles, cardinals, collectives "dozen" / "half"), ordinals,
# scale words (amount_words, kind scale: "million", "bn"), vague amounts ("dozens of"),
# modifiers before a number (quantity_modifiers: "about", "more than", "at least"), units and
# currencies (units; durations and ages are time expressions, read by crosscheck.text.timex),
# nouns counted after a bare number (count_nouns) and superlatives after an ordinal (rank_words).
_NUMBER_KINDS = ("article", "cardinal", "collective")
NUMBER_WORDS = {
    e.entry: float(e.attrs["value"])
    for e in lexicon.load("number_words")
    if e.attrs["kind"] in _NUMBER_KINDS
}
ORDINAL_WORDS = {e.entry: int(e.attrs["number"]) for e in lexicon.load("ordinals")}
SCALES = {
    e.entry: float(e.attrs["value"])
    for e in lexicon.load("amount_words")
    if e.attrs["kind"] == "scale"
}
VAGUE_NUMBERS = [e.entry for e in lexicon.load("vague_amounts")]
APPROX = [e.entry for e in lexicon.load("quantity_modifiers")]
_TIME_DIMENSIONS = frozenset({"duration", "age"})
_UNIT_ROWS = [e for e in lexicon.load("units") if e.attrs["dimension"] not in _TIME_DIMENSIONS]
UNITS = {e.entry: e.attrs["unit"] for e in _UNIT_ROWS if e.entry[0].isalnum() or e.entry == "%"}
# currency symbols written before the number ("$5", "€2 million")
CURRENCY = {
    e.entry: e.attrs["unit"]
    for e in _UNIT_ROWS
    if not e.entry[0].isalnum() and e.entry != "%" and len(e.entry) == 1
}
COUNT_NOUNS = [e.entry for e in lexicon.load("count_nouns")]
RANK_WORDS = [e.entry for e in lexicon.load("rank_words")]


def _alt(words) -> str:
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
    )


_WORD_NUM = rf"(?:{_alt(NUMBER_WORDS)})(?:-(?:{_alt(NUMBER_WORDS)}))?"
_NUM = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?|{_WORD_NUM}|{_alt(VAGUE_NUMBERS)}"
_UNIT = rf"{_alt(UNITS)}|{_alt(COUNT_NOUNS)}"
QUANTITY_RE = re.compile(
    rf"(?<![\w.,])(?:(?P<approx>{_alt(APPROX)})\s+)?(?P<num>{_NUM})"
    rf"(?:\s+(?P<scale>{_alt(SCALES)}))?"
    rf"(?:\s{{0,5}}(?:-\s{{0,5}})?|\s{{1,5}}of\s{{1,5}})(?P<unit>{_UNIT})(?!\w)",  # bounded: linear
    re.IGNORECASE,
)
MONEY_RE = re.compile(
    rf"(?:(?P<approx>{_alt(APPROX)})\s+)?(?P<cur>{_alt(CURRENCY)})\s?(?P<num>\d[\d,]*(?:\.\d+)?)"
    rf"(?:\s*(?P<scale>{_alt(SCALES)}))?(?!\w)",
    re.IGNORECASE,
)
RANK_RE = re.compile(
    rf"\b(?P<num>{_alt(ORDINAL_WORDS)}|\d+(?:st|nd|rd|th))[-\s](?P<unit>{_alt(RANK_WORDS)})\b",
    re.IGNORECASE,
)
_TIME_LABELS = frozenset({"TIME"})  # "from 9 to 11 a.m." is a time span, not a range
NUMERIC_LABELS = {
    "CARDINAL": "cardinal",
    "QUANTITY": "quantity",
    "MONEY": "money",
    "PERCENT": "percent",
    "ORDINAL": "ordinal",
}


def _number(text: str) -> tuple[float | None, str, float]:
    """(value, vague quantifier, scale) of a number expression; value None when vague."""
    words = text.lower().replace(",", "").replace("-", " ").split()
    if len(words) > 1 and words[0] in ("a", "an"):
        words = words[1:]
    value, scale = None, 1.0
    vague = " ".join(w for w in words if w not in SCALES)
    if vague in {v.lower() for v in VAGUE_NUMBERS}:
        return None, vague.removesuffix(" of"), max([SCALES.get(w, 1.0) for w in words])
    for w in words:
        if w in SCALES:
            scale *= SCALES[w]
            continue
        try:
            n = float(w)
        except ValueError:
            n = NUMBER_WORDS.get(w, ORDINAL_WORDS.get(w))
            if n is None:
                m = re.fullmatch(r"(\d+)(st|nd|rd|th)", w)
                n = float(m.group(1)) if m else None
        if n is not None:
            value = (value or 0) + n
    if value is None:
        return (scale, "", 1.0) if scale > 1 else (None, "", 1.0)
    return value * scale, "", 1.0


_MODIFIER_RE = re.compile(rf"(?P<approx>{_alt(APPROX)})\s+(?P<num>.+)", re.IGNORECASE | re.DOTALL)


def _split_modifier(text: str) -> tuple[str, str]:
    """(modifier, number) of a numeric entity the tagger read with its modifier: spaCy tags
    "more than 20" or "about 300" as one CARDINAL; the modifier is kept as the approximation
    instead of being read as part of the number (which made "more than 20" an exact 20)."""
    m = _MODIFIER_RE.fullmatch(text.strip())
    if m is None or not re.search(r"\d|\w", m["num"]):
        return "", text
    return m["approx"], m["num"]


def _quantity(text, start, end, num, unit, approx, kind) -> dict:
    value, vague, scale = _number(num)
    return {
        "text": text[start:end],
        "value": value,
        "unit": unit,
        "approx": " ".join(approx.lower().split()) if approx else vague,
        "start": start,
        "end": end,
        "kind": kind,
        "scale": scale,
    }


def _range(doc, text: str, x) -> dict:
    """A range read by crosscheck.text.amounts, with the noun it counts as its unit."""
    unit, end = x.unit, x.end
    nxt = next((t for t in doc if t.idx >= x.end), None)
    if not unit and nxt is not None and _is_noun(nxt):  # "20 to 30 people": counted noun
        unit, end = nxt.lower_, nxt.idx + len(nxt)
    return {
        "text": text[x.start : end],
        "value": None,
        "unit": unit,
        "approx": "range",
        "start": x.start,
        "end": end,
        "kind": "percent" if unit == "%" else ("money" if x.dimension.isupper() else "quantity"),
        "scale": 1.0,
        "low": x.low / x.factor,
        "high": x.high / x.factor,
    }


def _quantities(doc, text: str, ents) -> list[dict]:
    """Quantities of a doc (offsets into `text`, the doc's text): ranges first (amounts), then
    regex rules, then spaCy numeric ents; a hit inside a longer one is dropped."""
    clock = [(e.start_char, e.end_char) for e in ents if e.label_ in _TIME_LABELS]
    found = [_range(doc, text, x) for x in amounts_mod.amounts(text, clock) if x.is_range]
    for m in RANK_RE.finditer(text):
        found.append(_quantity(text, *m.span(), m["num"], m["unit"].lower(), "", "rank"))
    for m in MONEY_RE.finditer(text):
        num = m["num"] + (" " + m["scale"] if m["scale"] else "")
        found.append(_quantity(text, *m.span(), num, CURRENCY[m["cur"]], m["approx"], "money"))
    for m in QUANTITY_RE.finditer(text):
        unit = m["unit"].lower()
        unit = UNITS.get(" ".join(unit.split()), unit)
        num = m["num"] + (" " + m["scale"] if m["scale"] else "")
        kind = "percent" if unit == "%" else "quantity"
        found.append(_quantity(text, *m.span(), num, unit, m["approx"], kind))
    taken = sorted((q["start"], q["end"]) for q in found)
    for ent in ents:
        kind = NUMERIC_LABELS.get(ent.label_)
        if kind is None or any(s < ent.end_char and ent.start_char < e for s, e in taken):
            continue
        nxt = doc[ent.end] if ent.end < len(doc) else None
        unit = nxt.lower_ if nxt is not None and _is_noun(nxt) else ""
        approx, num = _split_modifier(ent.text)
        found.append(_quantity(text, ent.start_char, ent.end_char, num, unit, approx, kind))
    # drop regex hits nested in longer hits
    found.sort(key=lambda q: (q["start"], -q["end"]))
    out, reach = [], -1
    for q in found:
        if q["start"] >= reach:
            q.setdefault("low", q["value"])
            q.setdefault("high", q["value"])
            out.append(q)
            reach = q["end"]
    return out
