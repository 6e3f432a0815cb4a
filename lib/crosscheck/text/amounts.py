"""Amounts: the numbers a sentence states, each read as an interval with its unit.

``amounts(text, skip=())`` -> list of :class:`Amount`: every stated number of ``text`` (digits,
number words, "a dozen", vague plurals such as "hundreds of", ranges "between 20 and 30",
"5-7 km", "from 3 to 4"), with the modifier before it ("about", "more than", "at least", "up to",
"nearly" ...) turned into an interval ``[low, high]`` in the unit's base (metres, kilograms,
hours, percent; a currency is its own dimension), the counted noun after it ("three of the
wounded" and "three wounded" both count "wounded") and a sports score "3-1" as a score.
Spans listed in ``skip`` (time expressions, names) are not read: a year or "76ers" is no amount.

``compatible(x, y)`` -> True when two amounts of one dimension can both be true (overlapping
intervals, a little slack for unit conversions). Word lists: lexicons amount_words,
vague_amounts, quantity_modifiers, units (crosscheck/data/lexicons/en).
"""

from __future__ import annotations

import calendar
import math
import re
from dataclasses import dataclass
from functools import cache

from crosscheck.text import lexicon

APPROX = 0.10  # "about 20": 18..22
NEAR = 0.15  # "nearly 20": 17..20; "just over 20": 20..23
CONVERSION_SLACK = 0.03  # "5 miles (8 km)": rounding when a report converts units
EPS = 1e-9
_YEAR = re.compile(r"(1[89]|20)\d\d")
_MONTHS = {m.lower() for m in (*calendar.month_name, *calendar.month_abbr) if m} | {"sept"}


@dataclass(frozen=True)
class Amount:
    """One stated number: its text and span, interval, unit, dimension and counted noun."""

    text: str
    start: int
    end: int
    low: float
    high: float
    unit: str = ""  # "km", "USD", "%", "" for a plain count
    dimension: str = "count"  # count, length, mass, duration, age, percent, USD ..., score, ordinal
    noun: str = ""  # the word after the number ("wounded", "round"), lower case
    modifier: str = ""  # the approximation word, lower case
    exact: bool = True  # a single value with no approximation
    pronominal: bool = False  # "one of them", "the first": not a stated number on its own
    factor: float = 1.0  # the unit in the dimension's base unit (low/high are in the base)
    is_range: bool = False  # two numbers stated as bounds ("between 20 and 30", "5-7 km")

    @property
    def value_text(self) -> str:
        return self.text


def _alt(entries) -> str:
    parts = sorted(entries, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in parts)


@cache
def _tables():
    words = lexicon.load("amount_words")
    units = {w.entry: w.attrs["value"] for w in words if w.attrs["kind"] == "unit"}
    scales = {w.entry: w.attrs["value"] for w in words if w.attrs["kind"] == "scale"}
    ordinals = {w.entry: w.attrs["value"] for w in words if w.attrs["kind"] == "ordinal"}
    vague = {
        e.entry: (float(e.attrs["low"]), float(e.attrs["high"]))
        for e in lexicon.load("vague_amounts")
    }
    mods = lexicon.by_attr("quantity_modifiers", "relation")
    unit_rows = {e.entry: e.attrs for e in lexicon.load("units")}
    return units, scales, ordinals, vague, mods, unit_rows


@cache
def _glued() -> frozenset[str]:
    """Unit abbreviations written right after the digits ("5km", "60m"): lexicon glued_units."""
    return lexicon.words("glued_units")


_AFTER_WORD = re.compile(r"\s*([A-Za-z]+)")


def _glued_million(m, text: str) -> bool:
    """A glued "m" that means million, not metres ("$60m", "2m users"): after a currency, or
    before a word that is not a preposition or measure adverb of the lexicon metre_context."""
    if (m["unit"] or "").lower() != "m" or m.start("unit") != m.end("num"):
        return False
    if m["cur"]:
        return True
    nxt = _AFTER_WORD.match(text, m.end())
    return nxt is not None and nxt.group(1).lower() not in lexicon.words("metre_context")


@cache
def _pattern() -> re.Pattern:
    units, scales, ordinals, vague, mods, unit_rows = _tables()
    word = _alt(units)
    # twenty-one, two hundred fifty, 1,200, 2.5, a dozen, a hundred
    digits = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
    words = rf"(?:{word})(?:[-\s](?:{word}|{_alt(scales)}))*"
    single = rf"{digits}|{words}|an?\s+dozen|an?(?=\s+(?:{_alt(scales)})\b)"
    num = rf"(?:{single})(?:\s*(?:{_alt(scales)})\b)*"
    symbols = [u for u in unit_rows if not u[0].isalnum() and u != "%"]
    unit_words = [u for u in unit_rows if u[0].isalnum() or u == "%"]
    after_a = _alt(u for u in unit_words if u[0].isalpha() and u != "second")
    ordinal = rf"(?:{_alt(ordinals)})|\d+(?:st|nd|rd|th)"
    return re.compile(
        rf"(?<![\w.,:$€£¥₽₴/-])(?:(?P<mod>{_alt(mods)})\s+)?(?:(?P<cur>{_alt(symbols)})\s?)?"
        rf"(?:between\s+(?P<blo>{num})\s+and\s+(?P<bhi>{num})"
        rf"|from\s+(?P<flo>{num})\s+to\s+(?P<fhi>{num})"
        rf"|(?P<rlo>\d[\d,.]*)\s*(?:-|–|to)\s*(?P<rhi>\d[\d,.]*)(?![\d:])"
        rf"|(?P<vague>{_alt(vague)})"
        rf"|(?P<ord>{ordinal})"
        rf"|(?P<num>{num})"
        rf"|(?P<a>an?|one)(?=\s+(?:{after_a})\b))"
        rf"(?!(?!(?:{_alt(_glued())})(?!\w))[\w:]|[.,]\d|\s*/\s*\d)"
        rf"(?:\s*-?\s*(?P<unit>{_alt(unit_words)})(?![\w]))?",
        re.IGNORECASE,
    )


_NOUN_RE = re.compile(
    r"\s+(?:(?:of\s+)?(?:the|these|those|them|its|their|our|whom|which)\s+)?"
    r"(?:[a-z]+ly\s+)?(?P<noun>[a-z][a-z-]*)",
    re.IGNORECASE,
)
_PARTITIVE_RE = re.compile(r"\s+of\s+(?:the|these|those|them|us|whom|which)\b", re.IGNORECASE)


def number_value(text: str) -> float | None:
    """The value of a number written in digits or words ("1,200", "two hundred", "a dozen")."""
    units, scales, _, _, _, _ = _tables()
    low = " ".join(text.lower().replace("-", " ").split())
    if re.fullmatch(r"\d[\d,]*(?:\.\d+)?", low):
        return float(low.replace(",", ""))
    total, current, seen = 0.0, 0.0, False
    for w in low.split():
        w = w.replace(",", "")
        if w in ("a", "an", "and"):  # "a hundred" = "hundred" (scales start from 1)
            continue
        if re.fullmatch(r"\d+(?:\.\d+)?", w):
            current += float(w)
        elif w in units:
            current += float(units[w])
        elif w in scales:
            scale = float(scales[w])
            current = (current or 1.0) * scale
            if scale >= 1000:
                total, current = total + current, 0.0
        else:
            return None
        seen = True
    return total + current if seen else None


def _interval(value: float, relation: str) -> tuple[float, float, bool]:
    if relation == "approx":
        return value * (1 - APPROX), value * (1 + APPROX), False
    if relation == "below":
        return value * (1 - NEAR), value, False
    if relation == "above":
        return value, value * (1 + NEAR), False
    if relation == "more":
        return value + EPS * max(1.0, value), math.inf, False
    if relation == "atleast":
        return value, math.inf, False
    if relation == "less":
        return 0.0, value - EPS * max(1.0, value), False
    if relation == "atmost":
        return 0.0, value, False
    return value, value, True


def _make(m, low: float, high: float, **fields) -> Amount:
    """An Amount for the whole match ``m`` (text and span from the match)."""
    return Amount(m.group(0), m.start(), m.end(), low, high, **fields)


def _overlaps(span, skip) -> bool:
    return any(span[0] < b and a < span[1] for a, b in skip)


def amounts(text: str, skip=()) -> list[Amount]:
    """Every stated number of ``text`` as an Amount (see the module docstring)."""
    if not isinstance(text, str) or not text:
        return []
    _, _, ordinals, vague, mods, unit_rows = _tables()
    out = []
    for m in _pattern().finditer(text[:100_000]):
        if not m.group(0).strip() or _overlaps(m.span(), skip):
            continue
        amount = _amount(m, text, ordinals, vague, mods, unit_rows)
        if amount is not None:
            out.append(amount)
    return out


def _amount(m, text, ordinals, vague, mods, unit_rows) -> Amount | None:
    mod = " ".join((m["mod"] or "").lower().split())
    relation = mods.get(mod, "exact") if mod else "exact"
    unit_key = (m["unit"] or m["cur"] or "").lower()
    unit_key = " ".join(unit_key.split())
    info = unit_rows.get(unit_key, {})
    unit, dim, factor = (
        info.get("unit", ""),
        info.get("dimension", "count"),
        float(info.get("factor", 1) or 1),
    )
    after = text[m.end() :]
    noun_m = _NOUN_RE.match(after)
    noun = noun_m["noun"].lower() if noun_m else ""
    pronominal = False
    common = {"unit": unit, "dimension": dim, "noun": "" if unit else noun, "modifier": mod}
    common["factor"] = factor
    if noun in _MONTHS:  # "10 Nov", "15 December": a date the tagger missed
        return None
    if m["ord"]:
        word = m["ord"].lower()
        value = float(ordinals[word]) if word in ordinals else float(re.match(r"\d+", word).group())
        idiom = value == 1 or noun == "time"  # "the first", "a second time": no stated number
        return _make(m, value, value, dimension="ordinal", noun=noun, pronominal=idiom)
    if m["vague"]:
        low, high = vague[" ".join(m["vague"].lower().split())]
        low, high = low * factor, high * factor
        return _make(m, low, high, exact=False, **common)
    if m["blo"] or m["flo"] or m["rlo"]:
        lo_t, hi_t = m["blo"] or m["flo"] or m["rlo"], m["bhi"] or m["fhi"] or m["rhi"]
        lo, hi = number_value(lo_t.rstrip(".,")), number_value(hi_t.rstrip(".,"))
        if lo is None or hi is None:
            return None
        if m["rlo"] and hi < lo and not unit:  # "3-1": a score, not a range
            value = lo * 1000 + hi
            return _make(m, value, value, dimension="score")
        if not unit and all(_YEAR.fullmatch(t.strip(".,")) for t in (lo_t, hi_t)):
            return None  # "from 1998 to 2004": a period, not an amount
        scale = _trailing_scale(hi_t)
        if scale and lo < scale:  # "3 to 4 million"
            lo *= scale
        low, high = min(lo, hi) * factor, max(lo, hi) * factor
        return _make(m, low, high, exact=False, is_range=True, **common)
    raw = m["num"] or m["a"]
    value = 1.0 if m["a"] and not m["num"] else number_value(raw)
    if value is None:
        return None
    if m["num"] and _glued_million(m, text):  # "$60m", "2m users"
        value *= 1e6
        cur = (m["cur"] or "").lower()
        info = unit_rows.get(cur, {})
        common.update(unit=info.get("unit", ""), dimension=info.get("dimension", "count"))
        common.update(noun="" if cur else noun, factor=1.0)
    if value < 1 and not mod and not unit and _after_ordinal(text[: m.start()], ordinals):
        return None  # "the first half", "the second half": a part of a game, not an amount
    if _YEAR.fullmatch(raw) and not unit and not mod:
        return None  # a bare year is a date, not an amount
    if value == 1 and raw.lower() in ("one", "a", "an") and not unit:
        pronominal = bool(_PARTITIVE_RE.match(after)) or not noun_m
    low, high, exact = _interval(value * factor, relation)
    common["pronominal"] = pronominal
    return _make(m, low, high, exact=exact, **common)


def _after_ordinal(before: str, ordinals) -> bool:
    """The word right before is an ordinal ("first", "2nd")."""
    words = before.split()
    return bool(words) and (
        words[-1].lower() in ordinals or re.fullmatch(r"\d+(?:st|nd|rd|th)", words[-1]) is not None
    )


def _trailing_scale(text: str) -> float:
    _, scales, *_ = _tables()
    last = text.lower().split()[-1] if text.split() else ""
    return float(scales[last]) if last in scales else 0.0


def compatible(x: Amount, y: Amount) -> bool:
    """Can both be true? Same dimension and overlapping intervals (slack when units differ)."""
    if x.dimension != y.dimension:
        return False
    slack = CONVERSION_SLACK if x.unit != y.unit else 0.0
    lo_x, hi_x = x.low * (1 - slack), x.high * (1 + slack)
    return lo_x <= y.high + EPS and y.low <= hi_x + EPS


def describe(x: Amount) -> str:
    """The interval in words, for explanations ("20-30", ">= 5", "12")."""

    def fmt(v: float) -> str:
        return f"{v / x.factor:,.6g}"

    if x.low == x.high:
        return fmt(x.low) + (f" {x.unit}" if x.unit else "")
    if math.isinf(x.high):
        return f">= {fmt(x.low)}" + (f" {x.unit}" if x.unit else "")
    return f"{fmt(x.low)}-{fmt(x.high)}" + (f" {x.unit}" if x.unit else "")
