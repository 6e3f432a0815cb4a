"""Temporal tagger: English temporal expressions -> TIMEX3 types and values (rule-based, pure).

Public functions
----------------
extract_times(text, reference=None, *, scheme="timeml") -> DataFrame
    columns start, end (character offsets into `text`), text, type (DATE|TIME|DURATION|SET),
    value (TIMEX3 value), start_date, end_date (ISO dates of the interval a DATE covers, "" when
    unknown), inferred (bool: year or anchor taken from `reference` rather than stated, or an
    ambiguous numeric date read one way), note, mod (TIMEX3 mod: START, MID, END, APPROX,
    LESS_THAN, MORE_THAN or "")
tag_times(text, reference=None) -> list[dict]   the same rows as plain dicts
    Both take a keyword `scheme`: "timeml" (default) or "meantime", MEANTIME's (NewsReader)
    conventions where they differ: in "two years ago" the amount is the DURATION (P2Y, "ago" is
    a signal outside it; start_date/end_date keep the interval up to the reference), and a range
    "from 2009 to 2011" / "between 2014 and 2016" is also one DURATION (P2Y) besides its two
    DATEs (rows may then overlap).
interval(value, reference=None) -> (start_date, end_date)   the ISO interval of a TIMEX3 value

`reference` (the document date) is a date, datetime, ISO string or None. Relative expressions
resolve against it; the tense of the sentence (past-tense verbs, "will") picks last or next where
the text leaves it open. Without a reference, values keep X placeholders (XXXX-07-14).
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import itertools
import re
from dataclasses import dataclass, field

import pandas as pd

from crosscheck.text import lexicon

COLUMNS = [
    "start",
    "end",
    "text",
    "type",
    "value",
    "start_date",
    "end_date",
    "inferred",
    "note",
    "mod",
]


# ---------------------------------------------------------------- lexicons
# Word lists live in crosscheck/data/lexicons/en/*.csv (read once at import).
def _lex(name: str, attr: str, cast=str) -> dict:
    return {k: cast(v) for k, v in lexicon.by_attr(name, attr).items()}


def _number(v: str) -> float:
    return int(v) if float(v).is_integer() else float(v)


def _alternation(words, capital: bool = True) -> str:
    """Regex alternation of words, longest first (capitalised when `capital`)."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w.capitalize() if capital else w) for w in ordered)


MONTHS = _lex("months", "number", int)
WEEKDAYS = _lex("weekdays", "number", int)
NUMBERS = {  # durations and offsets: no scales, multipliers or ordinals ("a second")
    e.entry: _number(e.attrs["value"])
    for e in lexicon.load("number_words")
    if e.attrs["kind"] in ("article", "cardinal", "collective")
}
VAGUE_NUMBERS = {"several", "few", "a few", "many", "some", "the", "recent", "couple of"}
UNITS = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
    "week": ("W", False), "fortnight": ("2W", False), "month": ("M", False),
    "quarter": ("Q", False), "year": ("Y", False), "decade": ("10Y", False),
    "century": ("100Y", False), "centurie": ("100Y", False),
}  # fmt: skip
SEASONS = _lex("seasons", "code")
SEASON_SENSES: dict[str, dict] = {}
for _e in lexicon.load("season_senses"):
    SEASON_SENSES.setdefault(_e.attrs["season"], {})[(_e.entry, _e.attrs["side"])] = True
PARTS_OF_DAY = _lex("parts_of_day", "code")
ORDINALS = _lex("ordinals", "number", int)
HOLIDAYS = {e.entry: (int(e.attrs["month"]), int(e.attrs["day"])) for e in lexicon.load("holidays")}
GENERIC = _lex("generic_times", "value")
_FORMS = lexicon.by_attr("months", "form")
_WD_FORMS = lexicon.by_attr("weekdays", "form")
_CARDINALS = [w for w, k in lexicon.by_attr("number_words", "kind").items() if k == "cardinal"]

_MONTH_FULL = _alternation(w for w, f in _FORMS.items() if f == "full")
_MONTH_ABBR = rf"(?:{_alternation(w for w, f in _FORMS.items() if f == 'abbr')})\.?"
_MONTH = rf"(?:(?:{_MONTH_FULL})(?:(?<=May)\.)?|{_MONTH_ABBR})"
# date lines in capitals (THURSDAY, MAY 2, 2013)
_MONTH_CAPS = rf"(?:{_MONTH}|{_MONTH_FULL.upper()}|{_MONTH_ABBR.upper()})"
_WEEKDAY = rf"(?:{_alternation(w for w, f in _WD_FORMS.items() if f == 'full')})"
_WD_ABBR = rf"(?:{_alternation(w for w, f in _WD_FORMS.items() if f == 'abbr')})\.?"
_WD_ABBR_CAPS = _WD_ABBR.upper().replace("\\.?", r"\.?")
_NUMWORD = _alternation(_CARDINALS, capital=False)
_NUM = (
    rf"(?:\d+(?:\.\d+|(?:\s+|-)1\s?/\s?2|\s?½)?|(?:{_NUMWORD})(?:[- ](?:{_NUMWORD}))?"
    r"|an?|several|a\s+few|few|many|a\s+couple(?:\s+of)?|a\s+dozen|half\s+an?)"
)
_UNIT = (
    r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|quarters?|years?|decades?"
    r"|centur(?:y|ies)|hrs?|mins?|secs?|yrs?|nights?)"
)
_UNIT_PL = r"(?:seconds|minutes|hours|days|weeks|months|quarters|years|decades|centuries)"
_MOD = (
    r"(?:(?:about|around|almost|nearly|roughly|approximately"
    r"|(?:(?:just|well|a\s+little)\s+)?over(?!\s+the))\s+)"
)
_DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR4 = r"(?:1[0-9]\d\d|20\d\d|2[1-9]\d\d)"
_POS = r"(?:early|mid|late|the\s+(?:end|beginning|start|middle|first\s+half|second\s+half)\s+of)"
_ZONE = (
    r"(?:UTC|GMT|EST|EDT|CST|CDT|PST|PDT|MST|MDT|AKST|AKDT|HST|ET|PT|CT|MT|CET|CEST|BST|MSK"
    r"|EEST|EET|IST|JST|AEST|AEDT|SGT|WIB)\b"
)
_AMPM = r"(?:[ap]\.?\s?m\b\.?|hrs\b)"
_TIME = (
    rf"(?:(?:[01]?\d|2[0-3])[:.]\s?[0-5]\d(?::\s?[0-5]\d)?(?:\s*{_AMPM}|\s+hours\b|[ap]\b(?!\.\w))?"
    rf"|(?:[01]\d|2[0-3])[0-5]\d\s+hours\b|(?:[01]?\d|2[0-3])[0-5]\d(?=\s*{_ZONE})|(?:1[0-2]|0?[1-9])\s*{_AMPM}|noon|midday|midnight)"
)

_I = re.IGNORECASE


@dataclass
class _Ctx:
    text: str
    ref: dt.date | None
    _bounds: list[int] | None = field(default=None)
    _cues: dict = field(default_factory=dict)

    def span(self, pos: int) -> tuple[int, int]:
        """(start, end) of the sentence holding `pos` (the whole text if none)."""
        if self._bounds is None:
            ends = [m.end() for m in _SENT_SPLIT.finditer(self.text)]
            self._bounds = [0, *ends, len(self.text)]
        i = bisect.bisect_right(self._bounds, pos) - 1  # last start <= pos (ends are sorted)
        if 0 <= i < len(self._bounds) - 1 and pos < self._bounds[i + 1]:
            return self._bounds[i], self._bounds[i + 1]
        return 0, len(self.text)

    def sentence(self, pos: int) -> tuple[str, int]:
        a, b = self.span(pos)
        return self.text[a:b], a

    def tense(self, pos: int) -> str:
        """'future', 'past' or 'present': the tense read around `pos` (see _tense_at)."""
        s, offset = self.sentence(pos)
        cues = self._cues.get(offset)
        if cues is None:
            cues = self._cues[offset] = _sentence_cues(s, offset)
        return _tense_at(cues, pos)


_SENT_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“'‘(])|\n\s*\n|\n(?=[A-Z])")

# ---------------------------------------------------------------- tense cues
# Cue words: lexicons tense_cues (auxiliaries, adverbs, periphrases), irregular_past_verbs
# (past simple of the irregular verbs) and the regular past "-ed" minus not_past_ed.
_CUE_PHRASES = {tuple(k.split()): v for k, v in _lex("tense_cues", "tense").items()}
_CUE_PHRASES.update({(w,): "past" for w in lexicon.words("irregular_past_verbs")})
_CUE_MAXLEN = max(len(k) for k in _CUE_PHRASES)
_NOT_PAST_ED = lexicon.words("not_past_ed")
_PASSIVE_AUX = frozenset({"is", "are", "be", "being", "am", "'s", "'re"})
_TOKEN = re.compile(r"'?[a-z]+(?:['-][a-z]+)*")
PLAN_SUBJECT_WORDS = 4  # a headline plan's subject: "Parliamentary elections in Turkmenistan"


def _sentence_cues(s: str, offset: int) -> list[tuple[int, str]]:
    """(position, tense) of every tense cue in sentence `s` (starting at `offset`)."""
    toks = [(m.start() + offset, m[0]) for m in _TOKEN.finditer(s.lower().replace("’", "'"))]
    words = [w for _, w in toks]
    cues, i = [], 0
    while i < len(toks):
        for n in range(min(_CUE_MAXLEN, len(toks) - i), 0, -1):
            tense = _CUE_PHRASES.get(tuple(words[i : i + n]))
            if tense:
                break
        else:
            n, w = 1, words[i]
            if w.endswith("'ll"):
                tense = "future"
            elif (len(w) >= 5 or w.endswith("ied")) and w.endswith("ed") and w not in _NOT_PAST_ED:
                tense = "past"
        if tense == "past" and n == 1 and i and words[i - 1] in _PASSIVE_AUX:
            tense = None  # "is expected", "will be held": a passive participle, not past
        if tense:
            cues.append((toks[i][0], tense))
        i += n
    return sorted(cues + _headline_plan_cues(s, offset))


def _headline_plan_cues(s: str, offset: int) -> list[tuple[int, str]]:
    """A headline's "to" + verb after a short subject is a plan ("Council to vote on Friday"):
    a future cue at "to" (not after a past form: "Man sentenced to life"; not after a longer
    stretch, where "to" is more often a purpose: "X beats Y in round six to keep title")."""
    from crosscheck.text.headline import headline_style  # noqa: PLC0415 - no cycle at import

    line = s.strip()
    style = headline_style(line)
    if "\n" in line or not style.headline or "to_infinitive" not in style.reasons:
        return []
    m = re.search(r"\b([^\W\d_]+)\s+(to)\s+[^\W\d_]+", s, re.IGNORECASE)
    if m is None or len(s[: m.start(2)].split()) > PLAN_SUBJECT_WORDS:
        return []
    before = m.group(1).lower()
    if (before,) in _CUE_PHRASES or before.endswith("ed"):
        return []
    return [(m.start(2) + offset, "future")]


def _tense_at(cues: list[tuple[int, str]], pos: int) -> str:
    """The tense of the cue nearest to `pos` in its sentence (either side); 'present' if none.

    Compared with the clause's governing verb (nearest cue to the left, clause bounded by
    punctuation and conjunctions, then the sentence): same dev scores (MEANTIME airbus+apple,
    ECB+ dev); of 5256 dev expressions it changed one value, for the worse (a cue to the left
    in a coordinated clause, "had expected to testify on Thursday as well but ..."), so the
    simpler nearest-cue rule stays.
    """
    if not cues:
        return "present"
    i = bisect.bisect_left(cues, pos, key=lambda c: c[0])  # cues are in text order
    if i == len(cues) or (i and pos - cues[i - 1][0] <= cues[i][0] - pos):
        i -= 1  # a tie goes to the cue on the left
    return cues[i][1]


# ---------------------------------------------------------------- date arithmetic
def _parse_reference(reference) -> dt.date | None:
    if reference is None:
        return None
    if isinstance(reference, float) and reference != reference:  # NaN
        return None
    if isinstance(reference, pd.Timestamp):
        return None if pd.isna(reference) else reference.date()
    if isinstance(reference, dt.datetime):
        return reference.date()
    if isinstance(reference, dt.date):
        return reference
    if isinstance(reference, str):
        s = reference.strip()
        if not s:
            return None
        try:
            return dt.date.fromisoformat(s[:10])
        except ValueError:
            raise ValueError(f"reference {reference!r} is not an ISO date (YYYY-MM-DD)") from None
    raise TypeError(f"reference must be a date, datetime, ISO string or None, not {reference!r}")


def _add_months(d: dt.date, n: int) -> dt.date:
    y, m = divmod(d.month - 1 + n, 12)
    year, month = d.year + y, m + 1
    return dt.date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def _shift(d: dt.date, n: float, unit: str) -> dt.date:
    if unit == "D":
        return d + dt.timedelta(days=round(n))
    if unit == "W":
        return d + dt.timedelta(weeks=n)
    if unit == "M":
        return _add_months(d, round(n))
    if unit == "Q":
        return _add_months(d, round(3 * n))
    if unit.endswith("Y"):
        years = n * (int(unit[:-1]) if unit[:-1] else 1)
        return _add_months(d, round(12 * years))
    return d


def _week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _quarter(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


def interval(value: str, reference=None) -> tuple[str, str]:
    """ISO (start_date, end_date) covered by a TIMEX3 DATE/TIME value; "" where unknown."""
    ref = _parse_reference(reference)
    if value == "PRESENT_REF":
        return (ref.isoformat(), ref.isoformat()) if ref else ("", "")
    if value == "PAST_REF":
        return ("", ref.isoformat() if ref else "")
    if value == "FUTURE_REF":
        return (ref.isoformat() if ref else "", "")
    v = value.split("T")[0]
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", v):
            d = dt.date(*map(int, m.groups()))
            return d.isoformat(), d.isoformat()
        if m := re.fullmatch(r"(\d{4})-(\d{2})(?:-XX)?", v):
            y, mo = map(int, m.groups())
            last = calendar.monthrange(y, mo)[1]
            return dt.date(y, mo, 1).isoformat(), dt.date(y, mo, last).isoformat()
        if m := re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", v):
            y, w = map(int, m.groups()[:2])
            if m.group(3):
                return dt.date.fromisocalendar(y, w, 6).isoformat(), dt.date.fromisocalendar(
                    y, w, 7
                ).isoformat()
            a, b = dt.date.fromisocalendar(y, w, 1), dt.date.fromisocalendar(y, w, 7)
            return a.isoformat(), b.isoformat()
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", v):
            y, q = map(int, m.groups())
            a = dt.date(y, 3 * q - 2, 1)
            return a.isoformat(), (_add_months(a, 3) - dt.timedelta(days=1)).isoformat()
        if m := re.fullmatch(r"(\d{4})-H([12])", v):
            y, h = map(int, m.groups())
            return (
                dt.date(y, 1 if h == 1 else 7, 1).isoformat(),
                dt.date(y, 6 if h == 1 else 12, 30 if h == 1 else 31).isoformat(),
            )
        if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", v):
            y, s = int(m.group(1)), m.group(2)
            spans = {"SP": ((y, 3, 1), (y, 5, 31)), "SU": ((y, 6, 1), (y, 8, 31))}
            spans |= {"FA": ((y, 9, 1), (y, 11, 30))}
            spans |= {"WI": ((y, 12, 1), (y + 1, 2, calendar.monthrange(y + 1, 2)[1]))}
            a, b = spans[s]
            return dt.date(*a).isoformat(), dt.date(*b).isoformat()
        if m := re.fullmatch(r"(\d{4})", v):
            y = int(v)
            return dt.date(y, 1, 1).isoformat(), dt.date(y, 12, 31).isoformat()
        if m := re.fullmatch(r"(\d{3})", v):
            y = int(v) * 10
            return dt.date(y, 1, 1).isoformat(), dt.date(y + 9, 12, 31).isoformat()
        if m := re.fullmatch(r"(\d{2})", v):
            y = int(v) * 100
            return dt.date(max(y, 1), 1, 1).isoformat(), dt.date(y + 99, 12, 31).isoformat()
    except ValueError:
        return "", ""
    return "", ""


# ---------------------------------------------------------------- helpers
def _num(s: str) -> float | None:
    """'two and a half' -> 2.5, 'twenty-five' -> 25, 'several' -> None (vague)."""
    s = re.sub(r"\s+", " ", s.lower().strip())
    half = 0.0
    if s.endswith("and a half"):
        s, half = s[: -len("and a half")].strip(" -"), 0.5
    if m := re.fullmatch(r"(\d+)(?:\s*|-)(?:1\s?/\s?2|½)", s):
        return int(m[1]) + 0.5
    if s.startswith("half a") or s == "half an":
        return 0.5
    if s in VAGUE_NUMBERS or s.startswith("a few") or s.startswith("a couple"):
        return 2 if s.startswith("a couple") else None
    if s == "a dozen":
        return 12 + half
    try:
        return float(s) + half
    except ValueError:
        pass
    total = 0.0
    for part in re.split(r"[- ]", s):
        if part not in NUMBERS:
            return None
        total = total * 100 if part == "hundred" and total else total + NUMBERS[part]
    return total + half


def _fmt(n: float | None) -> str:
    if n is None:
        return "X"
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


# abbreviations, and nights counted as days ("two nights" -> P2D)
_UNIT_ABBR = {"hr": "hour", "min": "minute", "sec": "second", "yr": "year", "night": "day"}


def _unit(word: str) -> str:
    w = word.lower().rstrip(".")
    w = w[:-3] + "y" if w.endswith("ies") else w.rstrip("s")
    w = _UNIT_ABBR.get(w, w)
    return "century" if w == "centurie" else w


def _duration(n: float | None, unit: str) -> str:
    code, is_time = UNITS[_unit(unit)]
    if code.endswith("Y") and code[:-1] and n is not None:  # decade, century
        return f"P{_fmt(n * int(code[:-1]))}Y"
    if code == "2W":
        return f"P{_fmt(None if n is None else 2 * n)}W"
    if code.endswith("Y") and code[:-1]:
        return "PXY"
    return f"PT{_fmt(n)}{code}" if is_time else f"P{_fmt(n)}{code}"


def _year_of(y: str, ref: dt.date | None) -> int:
    """4-digit year, or a 2-digit year ('07, 82) read as the nearest century to the reference."""
    if len(y) == 4:
        return int(y)
    yy = int(y)
    base = (ref.year if ref else 2000) // 100 * 100
    cand = base + yy
    if ref and cand > ref.year + 10:
        cand -= 100
    return cand


def _pick_year(month: int, day: int | None, ref: dt.date, tense: str) -> int:
    """Year for a year-less month(/day), from the reference and the sentence tense."""
    y = ref.year
    key = (month, day or 0)
    refkey = (ref.month, ref.day if day else 0)
    if tense == "past" and key > refkey and (month - ref.month) % 12 >= 2:
        return y - 1
    if tense == "future" and key < refkey and (ref.month - month) % 12 >= 2:
        return y + 1  # "will reopen in January" in March; not "would vote on the 8th" days after
    return y


def _valid(y: int, m: int, d: int) -> bool:
    try:
        dt.date(y, m, d)
        return True
    except ValueError:
        return False


# ---------------------------------------------------------------- rules
# Each rule: (name, regex, handler). A handler gets (match, ctx) and returns a row fragment
# {type, value, inferred, note[, start_date, end_date]} or None to reject the candidate.
# A rule's optional trigger is a cheap lower-case regex searched in the lower-cased text: texts
# without a match skip the rule (speed only).
_RULES: list[tuple[re.Pattern | None, re.Pattern, object]] = []


def _rule(pattern: str, flags: int = 0, trigger: str | None = None):
    def deco(fn):
        trig = re.compile(trigger) if trigger else None  # searched in the lower-cased text
        _RULES.append((trig, re.compile(pattern, flags), fn))
        return fn

    return deco


def _row(type_, value, inferred=False, note="", **extra):
    return {"type": type_, "value": value, "inferred": inferred, "note": note, **extra}


def _date_row(y, mo, d, ctx, text, year_stated, tense=None):
    """A calendar date with or without a stated year."""
    if year_stated:
        if not _valid(y, mo, d):
            return _row("DATE", "", note=f"impossible date: {text!r}")
        return _row("DATE", f"{y:04d}-{mo:02d}-{d:02d}", note="explicit date")
    if not 1 <= d <= 31 or d > (29 if mo == 2 else calendar.monthrange(2001, mo)[1]):
        return _row("DATE", "", note=f"impossible date: {text!r}")
    if ctx.ref is None:
        return _row("DATE", f"XXXX-{mo:02d}-{d:02d}", note="no reference date: year unknown")
    tense = tense or ctx.tense(0)
    y = _pick_year(mo, d, ctx.ref, tense)
    if not _valid(y, mo, d):
        return _row("DATE", "", True, f"impossible date: {text!r} in inferred year {y}")
    return _row(
        "DATE",
        f"{y:04d}-{mo:02d}-{d:02d}",
        True,
        f"year from reference {ctx.ref.isoformat()} ({tense} tense)",
    )


@_rule(
    rf"\b(?=[A-Z])(?:(?P<wd>{_WEEKDAY}|{_WD_ABBR}|{_WEEKDAY.upper()}|{_WD_ABBR_CAPS}),?\s+)?(?P<mon>{_MONTH_CAPS})"
    rf"(?:\s+|(?<=\.))(?P<d>{_DAYNUM})\b(?!\s?:\s?\d)"
    rf"(?:\s*,?\s*(?P<y>\d{{4}})\b(?!-\d{{1,2}}\b(?!\s?:)))?",
    trigger=r"\d",
)
def month_day(m, ctx):
    if not m["mon"][0].isupper() or (m["wd"] and not m["wd"][0].isupper()):
        return None  # "may 5" is a verb and a number
    mo = MONTHS[m["mon"].rstrip(".").lower()]
    d = int(re.match(r"\d+", m["d"])[0])
    tense = None if m["y"] else ctx.tense(m.start())
    return _date_row(int(m["y"] or 0), mo, d, ctx, m[0], bool(m["y"]), tense)


@_rule(
    rf"\b(?=[A-Z\dt])(?:(?P<wd>{_WEEKDAY}|{_WD_ABBR}|{_WEEKDAY.upper()}|{_WD_ABBR_CAPS}),?\s+)?(?:the\s+)?"
    rf"(?P<d>{_DAYNUM})\s+"
    rf"(?:of\s+)?(?P<mon>{_MONTH_CAPS})(?:\s*,?\s*(?P<y>\d{{4}})\b)?",
    trigger=r"\d",
)
def day_month(m, ctx):
    return month_day(m, ctx)


@_rule(rf"\b(?:(?P<pos>{_POS})[- ]?\s*)?(?P<mon>{_MONTH}),?\s+(?:of\s+)?(?P<y>{_YEAR4}|'\d\d)\b")
def month_year(m, ctx):
    mo = MONTHS[m["mon"].rstrip(".").lower()]
    y = _year_of(m["y"].lstrip("'"), ctx.ref)
    return _row("DATE", f"{y:04d}-{mo:02d}", note="explicit month")


@_rule(
    rf"\b(?:(?P<pos>{_POS})[- ]?\s*)?(?:(?P<rel>(?i:last|next|this|past|coming|previous))\s+)?"
    rf"(?P<mon>{_MONTH_FULL})\b(?!\s*\d)"
)
def month_alone(m, ctx):
    mon = m["mon"]
    if mon == "May" and not (m["pos"] or m["rel"]):
        before = ctx.text[max(0, m.start() - 12) : m.start()].lower()
        after_preposition = re.search(
            r"\b(?:in|since|by|until|of|during|before|after|from|to)\s+$", before
        )
        possessive = re.search(r"\w['’]s\s+$", before) and _RESULTS_AFTER.match(ctx.text, m.end())
        if not (after_preposition or possessive):
            # "may" the verb, or a person ("Britain's May says"); a month after a preposition or
            # a possessive followed by figures ("GM's May sales"; lexicon period_result_nouns)
            return None
    if mon == "March" and not (m["pos"] or m["rel"]) and m.start() > 0:
        if re.search(r"\b(?:the|a|to|will)\s+$", ctx.text[max(0, m.start() - 6) : m.start()]):
            return None
    mo = MONTHS[mon.lower()]
    if ctx.ref is None:
        return _row("DATE", f"XXXX-{mo:02d}", note="no reference date: year unknown")
    rel = (m["rel"] or "").lower()
    tense = {"last": "past", "past": "past", "previous": "past", "next": "future"}.get(rel)
    tense = tense or ("future" if rel == "coming" else None) or ctx.tense(m.start())
    y = ctx.ref.year
    if rel in ("last", "past", "previous") and mo >= ctx.ref.month:
        y -= 1
    elif rel in ("next", "coming") and mo <= ctx.ref.month:
        y += 1
    elif not rel:
        y = _pick_year(mo, None, ctx.ref, tense)
    note = f"year from reference {ctx.ref.isoformat()} ({rel or tense})"
    return _row("DATE", f"{y:04d}-{mo:02d}", True, note)


@_rule(
    r"\b(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})(?:T(?P<h>\d{2}):(?P<mi>\d{2}))?\b",
    trigger=r"\d{4}-\d\d-\d\d",
)
def iso_date(m, ctx):
    y, mo, d = int(m["y"]), int(m["mo"]), int(m["d"])
    if not _valid(y, mo, d):
        return _row("DATE", "", note=f"impossible date: {m[0]!r}")
    if m["h"]:
        return _row("TIME", f"{y:04d}-{mo:02d}-{d:02d}T{m['h']}:{m['mi']}", note="ISO date-time")
    return _row("DATE", f"{y:04d}-{mo:02d}-{d:02d}", note="ISO date")


@_rule(
    r"(?<![\d.,/])(?P<a>\d{1,2})(?P<sep>\s?[./-]\s?)(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})"
    r"(?!\d|[.,/-]\d)",
    trigger=r"\d\s?[./-]\s?\d",
)
def numeric_date(m, ctx):
    """'03/04/2024' (slash: month/day first, as in US news) or '3.4.2024' (day.month). When
    both readings are valid dates the value is a guess: `inferred` is true and the note gives
    both readings."""
    a, b = int(m["a"]), int(m["b"])
    y = _year_of(m["y"], ctx.ref)
    sep = m["sep"].strip()
    if sep == "-" and len(m["y"]) == 2:
        return None
    us = sep == "/" and a <= 12
    mo, d = (a, b) if us else (b, a)
    if not _valid(y, mo, d):
        return _row("DATE", "", note=f"impossible date: {m[0]!r}")
    value = f"{y:04d}-{mo:02d}-{d:02d}"
    if a <= 12 and b <= 12 and a != b:
        other = f"{y:04d}-{d:02d}-{mo:02d}"
        how = "month/day (US)" if us else "day.month"
        note = f"ambiguous numeric date: read as {how} {value}; the other reading is {other}"
        return _row("DATE", value, True, note)
    return _row("DATE", value, note=f"numeric date read {'month/day' if us else 'day.month'}")


@_rule(
    rf"(?<![$€£\d.,])\b(?:(?P<pos>{_POS})[- ]?\s*)?(?:(?P<fy>fiscal(?:\s+year)?|FY)\s*)?"
    rf"(?P<y>{_YEAR4})\b"
    r"(?![.,]\d|\s*%|-\d|\s*(?:percent|per\s+cent|km|kilomet|mile|meter|metre|feet|ft|tons?"
    r"|tonnes?|people|employees|jobs|workers|units|vehicles|cars|aircraft|planes|shares|dollars"
    r"|euros|points|m\b|kg)\b)",
    _I,
)
def year(m, ctx):
    y = int(m["y"])
    if m["fy"]:
        return _row("DATE", f"FY{y}", note="fiscal year")
    if not 1000 <= y <= 2299:
        return None
    if not (m["pos"] or m["fy"]) and _looks_like_count(ctx.text, m.start(), m.end()):
        return None
    if not (m["pos"] or m["fy"]) and _DESIGNATOR_BEFORE.search(
        ctx.text, max(0, m.start() - 16), m.start()
    ):
        return None  # "Flight 1549", "Resolution 1973": an identifying number
    half = re.search(r"(first|second)\s+half", m["pos"] or "", _I)
    if half:
        return _row("DATE", f"{y:04d}-H{1 if half[1].lower() == 'first' else 2}", note="half year")
    return _row("DATE", f"{y:04d}", note="explicit year")


@_rule(
    r"\b(?:the\s+)?(?:(?P<rel>current|this|next|last|previous|coming|past|same)\s+)?"
    r"(?:(?P<y>\d{4})\s+)?(?:fiscal|financial)\s+year\b(?!\s*(?:\d|'\d))",
    _I,
    trigger=r"(?:fiscal|financial) year",
)
def fiscal_year(m, ctx):
    """'the current fiscal year', 'the 1998 fiscal year', 'the financial year': a fiscal year
    (TimeML FY value), the reference's own unless the text says otherwise."""
    if m["y"]:
        return _row("DATE", f"FY{m['y']}", note="fiscal year")
    if not (m["rel"] or re.match(r"the\b", m[0], _I)):
        return None  # "a fiscal year": no particular one
    if ctx.ref is None:
        return _row("DATE", "FYXXXX", note="fiscal year, no reference date")
    rel = (m["rel"] or "").lower()
    y = ctx.ref.year + {"next": 1, "coming": 1, "last": -1, "previous": -1, "past": -1}.get(rel, 0)
    return _row("DATE", f"FY{y}", True, f"fiscal year relative to reference {ctx.ref.isoformat()}")


_DESIGNATOR_BEFORE = re.compile(
    r"(?<![\w.])(?:"
    + "|".join(
        re.escape(w) for w in sorted(lexicon.words("number_designators"), key=len, reverse=True)
    )
    + r")[ \t]+\Z",
    _I,
)
_YEAR_BEFORE = re.compile(
    r"(?:\b(?:in|since|by|until|till|from|of|during|before|after|to|through|between|and|or|early"
    r"|late|mid|the|fiscal|year|summer|winter|spring|autumn|fall|[A-Z][a-z]+)|[(,;:'’\-]|['’]s)\s*$"
)
_COUNT_BEFORE = re.compile(
    r"\b(?:about|some|nearly|than|over|under|around|almost|only|just|least|most|all|scored|had"
    r"|has|have|with|to|by|of)\s+$",
    _I,
)


def _looks_like_count(text: str, start: int, end: int) -> bool:
    """'2000 runs', 'about 1500': a four-digit number used as a count, not a year."""
    before = text[max(0, start - 12) : start]
    if _COUNT_BEFORE.search(before) and re.match(r"\s+[a-z]+s\b", text[end : end + 20]):
        return True
    if re.match(r"\s+[a-z]+s\b", text[end : end + 20]) and not _YEAR_BEFORE.search(before):
        return not re.match(r"\s+(?:was|is|has|as|saw|levels?|this|his|its)\b", text[end:])
    return bool(re.search(r"\b(?:about|nearly|almost|some|than|around)\s+$", before))


@_rule(
    rf"(?<![/.]\s)(?<![/.])\b(?P<a>{_YEAR4})\s*[-–]\s*(?P<b>{_YEAR4}|\d\d)\b(?![-/.]\d|\s?:)",
    _I,
    trigger=r"\d{4}\s*[-–]\s*\d",
)
def year_range(m, ctx):
    """'2015-2019' (one token): a DURATION over the years. Worded ranges ('from 2015 to 2019',
    'between 2015 and 2019') are two DATEs, as TimeML marks them, with the prepositions out."""
    a, b = int(m["a"]), int(m["b"])
    if len(m["b"]) == 2:  # "1995-99"; "2008-09" names one season or fiscal year, not a span
        if int(m["b"]) <= 12:
            return None  # "2004-11" may be November 2004 (ISO year-month)
        b += a // 100 * 100
        if b - a < 2:
            return None
    if b <= a:
        return None
    return _row(
        "DURATION",
        f"P{b - a}Y",
        note=f"year range {a}-{b}",
        start_date=f"{a:04d}-01-01",
        end_date=f"{b:04d}-12-31",
    )


@_rule(
    r"(?<![A-Za-z]-)\b(?:[Tt]he\s+)?(?:mid-?|(?:[Ee]arly|[Ll]ate)\s+)?(?P<c>1[0-9]|20)?(?P<d>\d)0'?s\b"
    r"|'(?P<s>[2-9]0)s\b",
    trigger=r"0'?s\b",
)
def decade(m, ctx):
    if _AGE_BEFORE.search(ctx.text, max(0, m.start() - 12), m.start()):
        return None  # "in her early 40s": an age, not a decade
    if m["s"]:
        return _row("DATE", f"19{m['s'][0]}", note="decade (20th century assumed)")
    if m["c"] is None:
        return _row("DATE", f"19{m['d']}", note="decade (20th century assumed)")
    return _row("DATE", f"{m['c']}{m['d']}", note="decade")


_CONTEXT_WORDS = lexicon.by_attr("timex_context_words", "role")


def _context_alternation(role: str) -> str:
    words = sorted((w for w, r in _CONTEXT_WORDS.items() if r == role), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)


_AGE_BEFORE = re.compile(rf"\b(?:{_context_alternation('age_owner')})\s+$", _I)
_SIGNAL_AFTER = re.compile(rf"\s+(?:{_context_alternation('signal')})\b", _I)


@_rule(r"(?<=\s)'(?P<y>\d\d)\b(?!\s*(?:%|percent))", trigger=r"\s'\d\d")
def short_year(m, ctx):
    before = ctx.text[max(0, m.start() - 12) : m.start()]
    if not re.search(
        rf"\b(?:in|of|since|by|until|from|to|{_MONTH_FULL}|[Ss]ummer|[Ww]inter"
        r"|[Ss]pring|[Ff]all)\s+$",
        before,
    ):
        return None
    return _row("DATE", f"{_year_of(m['y'], ctx.ref):04d}", note="two-digit year")


@_rule(
    r"\b(?:the\s+|(?P<yp>\d{4})['’]s\s+)?(?P<q>first|second|third|fourth|final|last|1st|2nd|3rd"
    r"|4th)[- ]quarter\b"
    r"(?:\s+(?:of\s+)?(?:(?P<y>\d{4})|(?P<rel>this|last|next|the\s+previous|the\s+current)"
    r"\s+year))?|\bQ(?P<qn>[1-4])(?:\s*(?P<y2>\d{4}))?\b|\b(?P<y3>\d{4})[- ]?Q(?P<qn3>[1-4])\b",
    _I,
    trigger=r"quarter|q[1-4]",
)
def quarter(m, ctx):
    """'the third quarter', '2009's first quarter', 'Q2 2010', 'the fourth quarter of last
    year'; without a year, the reference year (the year before for a later quarter in a past
    tense sentence)."""
    y = m["y"] or m["y2"] or m["y3"] or m["yp"]
    q = m["q"].lower() if m["q"] else None
    qn_txt = m["qn"] or m["qn3"]
    qn = int(qn_txt) if qn_txt else ORDINALS.get(q, 4 if q in ("final", "last") else 0)
    if y:
        return _row("DATE", f"{y}-Q{qn}", note="explicit quarter")
    if ctx.ref is None:
        return _row("DATE", f"XXXX-Q{qn}", note="no reference date: year unknown")
    cur = _quarter(ctx.ref)
    rel = (m["rel"] or "").lower().split()[-1] if m["rel"] else ""
    if q == "last" and not rel:  # "the last quarter": the quarter before the reference
        prev = _add_months(ctx.ref, -3)
        return _row(
            "DATE", f"{prev.year}-Q{_quarter(prev)}", True, f"previous quarter of {ctx.ref}"
        )
    yy = ctx.ref.year + {"last": -1, "previous": -1, "next": 1}.get(rel, 0)
    tense = ctx.tense(m.start())
    if not rel and qn > cur and tense == "past":
        yy -= 1
    elif (
        not rel
        and (qn > cur and tense != "future" or qn == cur and tense == "past")
        and _RESULTS_AFTER.match(ctx.text, m.end())
    ):
        # "posts fourth-quarter loss" in February, "posted a fourth-quarter loss" in November:
        # figures of a quarter already over; "expects fourth-quarter profit" in November: this one
        yy -= 1
        return _row("DATE", f"{yy}-Q{qn}", True, f"reported figures: last ended Q{qn} ({ctx.ref})")
    return _row("DATE", f"{yy}-Q{qn}", True, f"year from reference {ctx.ref.isoformat()}")


_RESULTS_AFTER = re.compile(
    r"(?:['’]s)?(?:\s+[a-z]+){0,2}?\s+(?:"
    + "|".join(sorted(lexicon.words("period_result_nouns"), key=len, reverse=True))
    + r")\b",
    _I,
)


@_rule(
    r"\b(?:the\s+)?(?P<rel>this|next|current|previous|coming|latest|most\s+recent)\s+quarter\b"
    r"|\b(?:the|that)\s+(?P<ya>year-earlier|year-ago|year-before)\s+(?P<u>quarter|period|month)\b"
    r"|\b(?:the|that)\s+(?P<same>same\s+)?quarter\b(?!\s+(?:of|ended|ending|to))",
    _I,
    trigger=r"quarter|year-(?:earlier|ago|before)",
)
def relative_quarter(m, ctx):
    """'this quarter', 'the year-earlier quarter' (the anchor's quarter a year before),
    'the quarter' (the quarter last mentioned)."""
    if m["ya"]:
        return _anchored(ctx, "year", -1, same_unit=True)
    if m["rel"] is None:
        return _anchored(ctx, "quarter", 0)
    if ctx.ref is None:
        return _row("DATE", "XXXX-QX", note="no reference date")
    rel = m["rel"].lower()
    off = {"next": 1, "coming": 1, "previous": -1, "latest": -1}.get(rel.split()[0], 0)
    d = _add_months(ctx.ref, 3 * off)
    value = f"{d.year}-Q{_quarter(d)}"
    return _row("DATE", value, True, f"relative to reference {ctx.ref.isoformat()}")


@_rule(
    r"\b(?:the\s+)?(?P<h>first|second)\s+half\b"
    r"(?:\s+of\s+(?P<rel>this|last|next|the)\s+year)?(?!\s+of\s)",
    _I,
    trigger=r"half",
)
def half_year(m, ctx):
    """'the first half' (of the reference year), 'the second half of next year'."""
    h = 1 if m["h"].lower() == "first" else 2
    before = ctx.text[max(0, m.start() - 40) : m.start()].lower()
    if not m["rel"] and not re.search(r"\b(?:in|for|during|of|over|by)\s+$", before):
        return None
    if ctx.ref is None:
        return _row("DATE", f"XXXX-H{h}", note="no reference date: year unknown")
    rel = (m["rel"] or "this").lower()
    y = ctx.ref.year + {"last": -1, "next": 1}.get(rel, 0)
    if not m["rel"] and h == 2 and ctx.ref.month <= 6 and ctx.tense(m.start()) == "past":
        y -= 1  # "lost $2 billion in the second half" in May: last year's second half
    return _row("DATE", f"{y}-H{h}", True, f"year from reference {ctx.ref.isoformat()}")


def _other_sense(text: str, m) -> bool:
    """A season word in its non-temporal sense ('a hot spring', 'spring water')."""
    senses = SEASON_SENSES.get(m["s"].lower(), {})
    before = re.search(r"([\w-]+)\s+$", text[max(0, m.start("s") - 20) : m.start("s")])
    after = re.match(r"(-\w+|\s+\w+)", text[m.end() : m.end() + 20])
    if before and senses.get((before[1].lower(), "before")):
        return True
    return bool(after and senses.get((after[1].strip().lower(), "after")))


@_rule(
    r"\b(?:(?P<pos>early|late|mid)[- ])?(?:(?P<rel>this|last|next|the|past|coming)\s+)?"
    r"(?P<s>spring|summer|autumn|fall|winter)\b(?:\s+(?:of\s+)?(?P<y>\d{4}))?",
    _I,
    trigger=r"spring|summer|autumn|fall|winter",
)
def season(m, ctx):
    s = SEASONS[m["s"].lower()]
    rel = (m["rel"] or "").lower()
    if m["s"].lower() == "fall" and not (m["y"] or m["pos"]) and rel in ("", "the"):
        before = ctx.text[max(0, m.start() - 12) : m.start()]
        if not rel or not _SEASON_PREP.search(before):
            return None  # "witnessed the fall": a fall, not autumn
    if rel in ("", "the") and not (m["y"] or m["pos"]) and _other_sense(ctx.text, m):
        return None
    if not m["y"] and _season_in_name(ctx.text, m):
        return None
    if m["y"]:
        return _row("DATE", f"{m['y']}-{s}", note="explicit season")
    if ctx.ref is None:
        return _row("DATE", f"XXXX-{s}", note="no reference date: year unknown")
    y = ctx.ref.year + {"last": -1, "past": -1, "next": 1}.get(rel, 0)
    if rel in ("", "the") and s != "WI":  # "in the spring" in a past-tense report in March
        y = _pick_year(_SEASON_START[s], None, ctx.ref, ctx.tense(m.start()))
    return _row("DATE", f"{y}-{s}", True, f"year from reference {ctx.ref.isoformat()}")


def _season_in_name(text: str, m) -> bool:
    """'the Arab Spring', 'the Summer Olympics', 'Winter Games': a capitalised season word
    next to another capitalised word (not a month) is part of a name."""
    if not m["s"][0].isupper():
        return False
    after = re.match(r"[ \t]+([A-Z][a-z]+)", text[m.end() : m.end() + 20])
    if after and after[1].lower() not in MONTHS:
        return True
    if m["rel"] or m["pos"]:
        return False
    before = re.search(r"(?:^|[^\w.!?\n][ \t]*|\w[ \t]+)([A-Z][a-z]+)[ \t]+$", text[: m.start("s")])
    return bool(before) and before[1].lower() not in _SEASON_WORDS_BEFORE


_SEASON_WORDS_BEFORE = lexicon.words("season_context")
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9}
_SEASON_PREP = re.compile(r"\b(?:" + "|".join(_SEASON_WORDS_BEFORE) + r")\s+$", _I)


@_rule(
    r"\b(?:(?P<ea>earlier|later|early|late)\s+)?(?P<w>today|yesterday|tomorrow|tonight)\b"
    r"(?:\s+(?P<pod>morning|afternoon|evening|night))?"
    r"|\b(?:(?:early|late)\s+)?(?P<this>this|last)\s+(?P<pod2>morning|afternoon|evening|night)\b",
    _I,
    trigger=r"today|yesterday|tomorrow|tonight|morning|afternoon|evening|night",
)
def day_word(m, ctx):
    w = (m["w"] or "today").lower()
    pod = (m["pod"] or m["pod2"] or "").lower()
    if m["this"] and m["this"].lower() == "last":
        w = "yesterday" if pod != "night" else "yesterday"
    if w == "tonight":
        w, pod = "today", "night"
    if ctx.ref is None:
        value = "XXXX-XX-XX" + (f"T{PARTS_OF_DAY[pod]}" if pod else "")
        return _row("TIME" if pod else "DATE", value, note="no reference date")
    d = ctx.ref + dt.timedelta(days={"today": 0, "yesterday": -1, "tomorrow": 1}[w])
    value = d.isoformat() + (f"T{PARTS_OF_DAY[pod]}" if pod else "")
    return _row(
        "TIME" if pod else "DATE", value, True, f"relative to reference {ctx.ref.isoformat()}"
    )


@_rule(
    r"\b(?:(?P<the>the)\s+)?(?:(?P<ea>earlier|later|early|late|mid)[- ]\s*(?:in\s+)?)?"
    r"(?P<rel>this\s+past|this|last|next|past|coming"
    r"|previous|current|following)\s+(?P<u>week(?:end)?|month|year|decade|century)\b"
    r"|\b(?P<rel3>the)\s+(?P<u3>weekend)\b"
    r"|\b(?:the\s+)?(?P<pos>end|beginning|start|middle|rest|remainder)\s+of\s+"
    r"(?P<rel2>this|last|next|the)\s+(?P<u2>week|month|year|decade)\b",
    _I,
    trigger=r"week|month|year|decade|century",
)
def relative_unit(m, ctx):
    rel = re.sub(r"\s+", " ", (m["rel"] or m["rel2"] or m["rel3"]).lower())
    unit = (m["u"] or m["u2"] or m["u3"] or m["u4"]).lower()
    if rel == "this past" or (rel == "past" and unit == "weekend"):
        rel = "last"  # "this past weekend": the last one, a date
    elif rel == "last" and m["the"] and unit in ("decade", "century") and not m["ea"]:
        rel = "past"  # "over the last decade": the span up to now, as "the past decade"
    if rel in ("past", "following", "previous"):  # following/previous: see anaphoric
        if rel == "past":
            row = _row("DURATION", _duration(1, unit), note="the past unit")
            if ctx.ref is not None:
                code = UNITS[_unit(unit if unit != "weekend" else "week")][0]
                row["start_date"] = _shift(ctx.ref, -1, code).isoformat()
                row["end_date"] = ctx.ref.isoformat()
            return row
        return None
    if ctx.ref is None:
        return _row("DATE", _UNDATED[unit], note="no reference date")
    off = {
        "this": 0,
        "current": 0,
        "the": 0,
        "last": -1,
        "previous": -1,
        "next": 1,
        "coming": 1,
        "following": 1,
    }[rel]
    r = ctx.ref
    if m["rel3"] and r.weekday() < 5 and ctx.tense(m.start()) != "future":
        off = -1  # "the weekend" before a weekday reference, in a past-tense sentence
    if unit in ("week", "weekend"):
        d = r + dt.timedelta(weeks=off)
        value = _week(d) + ("-WE" if unit == "weekend" else "")
    elif unit == "month":
        value = _add_months(r, off).strftime("%Y-%m")
    elif unit == "year":
        value = f"{r.year + off:04d}"
    elif unit == "decade":
        value = f"{(r.year // 10 + off):03d}"
    else:
        value = f"{(r.year // 100 + off):02d}"
    if m["ea"] and m["ea"].lower() in ("early", "late", "mid") and m["ea"].lower() != "mid":
        note_pos = f" ({m['ea'].lower()})"
    else:
        note_pos = ""
    if m["ea"] and unit == "year" and m["ea"].lower() == "later" and off == 0:
        value = f"{r.year}"
    note = f"relative to reference {r.isoformat()}: {m[0]!r} -> {value}{note_pos}"
    return _row("DATE", value, True, note)


@_rule(
    r"\b(?:(?:[Ee]arly|[Ll]ate)\s+)?(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Pp]ast|[Cc]oming|[Tt]hat)\s+)?"
    rf"(?P<wd>{_WEEKDAY})\b"
    r"(?:\s+(?P<pod>morning|afternoon|evening|night))?",
)
def weekday(m, ctx):
    if not (m["rel"] or m["pod"]) and _weekday_in_name(ctx.text, m.start(), m.end()):
        return None
    return _weekday(m, ctx, m["wd"], m["rel"], m["pod"], m.start())


_NAME_AFTER = re.compile(r" (?P<w>[A-Z][a-z]+)\b")


_NAME_BEFORE_WEEKDAY = re.compile(
    r"\b(?:"
    + "|".join(w.capitalize() for w in sorted(lexicon.words("weekday_name_words")))
    + r")[ \t]+\Z"
)


def _weekday_in_name(text: str, start: int, end: int) -> bool:
    """'the Sunday Times', 'the Monday Club': 'the' + weekday + a capitalised word that is
    no month or weekday is the name of a paper or a body, not a day; so is a weekday after a
    naming word ('Black Monday', 'Super Tuesday': lexicon weekday_name_words)."""
    if _NAME_BEFORE_WEEKDAY.search(text, max(0, start - 12), start):
        return True
    nxt = _NAME_AFTER.match(text, end)
    if nxt is None or nxt["w"].lower() in MONTHS or nxt["w"].lower() in WEEKDAYS:
        return False
    return re.search(r"\b[Tt]he\s+$", text[max(0, start - 5) : start]) is not None


# "has until Friday", "must decide by Monday": a deadline in a present-tense sentence is ahead
_DEADLINE_BEFORE = re.compile(r"\b(?:until|till|by)\s+\Z", _I)


def _deadline_before(text: str, pos: int):
    """ "until" / "by" right before the weekday at ``pos`` (a short look-back, so a text of many
    weekdays is not rescanned from its start for each)."""
    return _DEADLINE_BEFORE.search(text, max(0, pos - 12), pos)


def _weekday(m, ctx, wd, rel, pod, pos):
    wdn = WEEKDAYS[wd.lower()]
    kind = "TIME" if pod else "DATE"
    suffix = f"T{PARTS_OF_DAY[pod.lower()]}" if pod else ""
    if ctx.ref is None:
        return _row(kind, f"XXXX-WXX-{wdn + 1}{suffix}", note="no reference date")
    rel = (rel or "").lower()
    r = ctx.ref
    if rel == "that":  # "that Tuesday": the one nearest the date last mentioned
        row = _anchored(ctx, "weekday", wdn, suffix)
        row["type"] = kind
        return row
    back = (r.weekday() - wdn) % 7 or 7
    fwd = (wdn - r.weekday()) % 7 or 7
    tense = ctx.tense(pos)
    if rel in ("last", "past"):
        d, why = r - dt.timedelta(days=back), rel
    elif rel in ("next", "coming"):
        d, why = r + dt.timedelta(days=fwd), rel
    elif wdn == r.weekday():
        d, why = r, "same weekday as reference"
    elif tense == "future" or (tense == "present" and _deadline_before(ctx.text, pos)):
        d, why = (
            r + dt.timedelta(days=fwd),
            f"{tense} tense" + ("" if tense == "future" else ", deadline"),
        )
    else:
        d, why = r - dt.timedelta(days=back), f"{tense} tense"
    note = f"relative to reference {r.isoformat()}: {wd} -> {d.isoformat()} ({why})"
    return _row(kind, d.isoformat() + suffix, True, note)


@_rule(
    rf"\b(?P<t>{_TIME})(?:\s*(?P<p>\()?\s*(?P<z>{_ZONE})(?:\s*[+-]\s*\d{{1,2}}(?::?\s?\d\d)?)?"
    r"(?(p)\s*\))|\s+local\s+time\b|[ \t]+(?-i:[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?)[ \t]+time\b)?",
    _I,
    trigger=r"\d[:.]\s?\d\d|\d\s*[ap]\.?\s?m|noon|midday|midnight|\d\d\d\d\s*[a-z]{3}",
)
def clock_time(m, ctx):
    t = m["t"].lower().replace(" ", "")
    if t in ("noon", "midday", "midnight"):
        h, mi = (0, 0) if t == "midnight" else (12, 0)
    else:
        digits = re.findall(r"\d+", t)
        if len(digits) == 1 and len(digits[0]) == 4:
            h, mi = int(digits[0][:2]), int(digits[0][2:])
        else:
            h, mi = int(digits[0]), int(digits[1]) if len(digits) > 1 else 0
        if "p" in t and h < 12:
            h += 12
        if "a" in t and h == 12:
            h = 0
        if not m["z"] and len(digits) == 2 and "." in t and not re.search(r"[aph]", t):
            return None  # 3.45 is a number, not a time
    if not re.search(r"[:apnm]|hours", t) and not m["z"]:
        return None
    if re.fullmatch(r"\d{1,2}:\d\d", t) and _GAME_CLOCK.match(ctx.text, m.end()):
        mins, secs = map(int, t.split(":"))  # "with 4:43 to play": time left on a game clock
        value = "PT" + (f"{mins}M" if mins else "") + (f"{secs}S" if secs or not mins else "")
        return _row("DURATION", value, note="time left")
    offset = re.search(r"[+-]\s*\d", m[0])
    z = "Z" if m["z"] and m["z"].upper() in ("UTC", "GMT") and not offset else ""
    date = ctx.ref.isoformat() if ctx.ref is not None else "XXXX-XX-XX"
    inferred = ctx.ref is not None
    note = f"clock time{' ' + m['z'] if m['z'] else ''}"
    note += f", day from reference {ctx.ref.isoformat()}" if ctx.ref else ", no reference date"
    row = _row("TIME", f"{date}T{h:02d}:{mi:02d}{z}", inferred, note)
    row["_clock_alone"] = True
    return row


_GAME_CLOCK = re.compile(rf"\s+(?:{_context_alternation('time_left')})\b", _I)
_CLOCK_CONTEXT = lexicon.by_attr("clock_words_context", "role")
_CLOCK_BEFORE = re.compile(
    r"\b(?:" + "|".join(w for w, r in _CLOCK_CONTEXT.items() if r != "after") + r")\s+$", _I
)
_CLOCK_AFTER = frozenset(w for w, r in _CLOCK_CONTEXT.items() if r != "before")
_STOP_WORDS = lexicon.words("stop_words")


def _clock_words_context(m, text: str) -> bool:
    """Whether a clock time in words has a time context and ends its noun phrase."""
    before = text[max(0, m.start() - 12) : m.start()]
    if not (re.search(r"o['’]clock", m[0], _I) or _CLOCK_BEFORE.search(before)):
        return False
    nxt = re.match(r"[ \t]+([a-z]+)\b", text[m.end() : m.end() + 40])
    if nxt is None or not (m["pod"] or m["night"]):
        return True
    w = nxt[1]
    return w in _STOP_WORDS or w in _CLOCK_AFTER or w.endswith(("ed", "ly"))


@_rule(
    r"\b(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<mi>[0-5]\d))?(?:\s+o['’]clock)?"
    r"\s+(?:in\s+the\s+(?P<pod>morning|afternoon|evening)|at\s+(?P<night>night))\b"
    r"|\b(?P<h2>1[0-2]|0?[1-9])\s+o['’]clock\b",
    _I,
    trigger=r"in the (?:morning|afternoon|evening)|at night|o['’]clock",
)
def worded_clock(m, ctx):
    """'at 10 in the morning' -> T10:00, 'until 9 at night' -> T21:00, "7 o'clock" -> T07:00.

    A bare number is a count, not a time ('held 5 in the morning raids'): the rule needs a time
    preposition before it or "o'clock", and no noun going on after the part of day."""
    if not _clock_words_context(m, ctx.text):
        return None
    h, mi = int(m["h"] or m["h2"]), int(m["mi"] or 0)
    pod = (m["pod"] or m["night"] or "").lower()
    if pod in ("afternoon", "evening") or (pod == "night" and h >= 6):
        h = h % 12 + 12
    elif pod == "morning" and h == 12:
        h = 0
    date = ctx.ref.isoformat() if ctx.ref is not None else "XXXX-XX-XX"
    row = _row("TIME", f"{date}T{h:02d}:{mi:02d}", ctx.ref is not None, "clock time in words")
    row["_clock_alone"] = True
    return row


# Durations given in two units ("2 hours 30 minutes", "3 years and 4 months"): one TIMEX3.
_COMPOUNDS = {("hour", "minute"): "PT{}H{}M", ("minute", "second"): "PT{}M{}S",
              ("year", "month"): "P{}Y{}M"}  # fmt: skip


def _spellings(unit: str) -> list[str]:
    """The words `_unit` reads as `unit` ('hour', 'hours', 'hr', 'hrs')."""
    stems = [unit] + [a for a, u in _UNIT_ABBR.items() if u == unit]
    return [w for s in stems for w in (s, s + "s")]


def _compound_tail() -> str:
    """The second part of a compound, only after a first unit it pairs with in _COMPOUNDS: an
    unsupported pair ('3 days, 2 months later') leaves the second part to be read on its own."""
    alts = []
    for big, small in _COMPOUNDS:
        after = "|".join(f"(?<={w})" for w in _spellings(big))
        alts.append(
            rf"(?:{after}),?\s+(?:and\s+)?(?P<n2_{big}>\d+)[- ]?"
            rf"(?P<u2_{big}>{'|'.join(_spellings(small))})\b"
        )
    return "(?:" + "|".join(alts) + ")?"


@_rule(
    rf"\b(?:(?P<mod>{_MOD}))?(?:(?P<the>the)\s+(?=(?:past|last|next|first|following|previous"
    rf"|coming|final|recent)\s|(?:\d+|{_NUMWORD})\s+(?:[a-z]+\s+)?{_UNIT_PL}\b))?(?:(?P<rel>past|last|next|first|following"
    rf"|previous|coming|final|recent)\s+)?(?:(?P<lo>\d+(?:\.\d+)?|{_NUMWORD})\s*(?:to|or|-|–|--)\s*"
    rf"(?=\d|{_NUMWORD}))?(?P<n>{_NUM})(?:(?P<half>[- ]and[- ]a[- ]half))?"
    r"(?:[- ]|(?<=\d)(?=(?:hrs?|mins?|secs?|yrs?)\b))"
    r"(?:(?:straight|consecutive|full|more|additional|extra|trading|business|working|long)\s+)?"
    rf"(?P<u>{_UNIT})\b(?P<half2>\s+and\s+a\s+half\b)?"
    + _compound_tail()
    + r"(?P<ago>\s+ago|\s+from\s+(?:now|today)|\s+earlier|\s+later(?!\s+than))?",
    _I,
    trigger=r"sec|min|hour|day|week|fortnight|month|quarter|year|decade|centur|hr|yr|night",
)
def quantity(m, ctx):
    n_txt = m["n"] + (" and a half" if m["half"] or m["half2"] else "")
    n = _num(n_txt)
    unit = _unit(m["u"])
    for big, small in _COMPOUNDS:
        if m[f"n2_{big}"]:
            return _compound(n, unit, int(m[f"n2_{big}"]), small, m[0])
    if unit == "second" and m["n"].lower() in ("a", "an"):
        return None
    if m["lo"] and re.fullmatch(r"(?:1[89]|20)\d\d", m["lo"]):
        return None  # "the 1990-2000 years": a span of years, not an amount of 2000 years
    if not m["ago"] and re.match(r"[- ]old\b", ctx.text[m.end() : m.end() + 5]):
        return None  # an age ("a 36-year-old", "five years old"), not a TIMEX3 in news TimeML
    ago = re.sub(r"\s+", " ", (m["ago"] or "").strip().lower())
    # "a year" after an amount: SET ("$40 billion a year", "twice a week")
    before = ctx.text[max(0, m.start() - 40) : m.start()]
    if (
        m["n"].lower() in ("a", "an")
        and not m["mod"]
        and not m["rel"]
        and not ago
        and _RATE_BEFORE.search(before)
    ):
        return _row("SET", _duration(1, unit), note="frequency")
    after = ctx.text[m.end() : m.end() + 2]
    if unit == "quarter" and (_FRACTION_OF.match(ctx.text, m.end()) or re.match(r"-[a-z]", after)):
        return None  # "three-quarters of a point", "a quarter of the staff", "a quarter-mile"
    if ago and (n is None or m["rel"]):
        if n is None and ago in ("ago", "earlier", "later"):  # "several years ago"
            ref = "FUTURE_REF" if ago == "later" else "PAST_REF"
            return _row("DATE", ref, note=f"vague offset ({ago})")
        ago = ""
    if ago in ("earlier", "later"):  # "three days later": from the last date mentioned
        if UNITS[unit][1] or unit in ("century",):
            return _row("DURATION", _duration(n, unit), note="duration")
        sign = 1 if ago == "later" else -1
        if unit == "decade":
            unit, n = "year", 10 * n
        return _anchored(ctx, unit, sign * n, same_unit=(unit == "year" and n == 1), pos=m.start())
    if ago and n is not None:
        code = UNITS[unit][0]
        sign = 1 if ago.startswith("from") else -1
        if ctx.ref is None or UNITS[unit][1]:
            return _row("DATE", "XXXX-XX-XX", note="no reference date: offset unresolved")
        d = _shift(ctx.ref, sign * n, code)
        if code in ("D", "W"):
            value = d.isoformat()
        elif code == "M":
            value = d.strftime("%Y-%m")
        elif code == "Q":
            value = f"{d.year}-Q{_quarter(d)}"
        elif code in ("10Y", "100Y") and not float(n).is_integer():
            value = f"{d.year:04d}"  # "half a century ago": a year, not a century
        elif code == "10Y":
            value = f"{d.year // 10:03d}"
        elif code == "100Y":
            value = f"{d.year // 100:02d}"
        else:
            value = f"{d.year:04d}"
        return _row("DATE", value, True, f"relative to reference {ctx.ref}: {m[0]!r} -> {value}")
    if m["n"].lower() == "the" and not m["rel"]:
        return None
    row = _row("DURATION", _duration(n, unit), note="duration")
    rel = (m["rel"] or "").lower()
    if rel == "following" and not m["the"] and not m["mod"]:
        row["start"] = m.start("n")  # "a cult following four decades after": a noun
        row["text"] = ctx.text[m.start("n") : m.end()]
    if m["mod"] and m["mod"].lower().strip() == "over" and not _OVER_AS_MORE.search(before):
        row["start"] = m.end("mod")  # "repaid over five years": the preposition, not a bound
        row["text"] = ctx.text[m.end("mod") : m.end()]
        row["_keep_start"] = True  # not grown back over "over" by _take_modifiers
    if rel in ("past", "last", "recent") and ctx.ref is not None and n is not None:
        code = UNITS[unit][0]
        if not UNITS[unit][1]:
            row["start_date"] = _shift(ctx.ref, -n, code).isoformat()
            row["end_date"] = ctx.ref.isoformat()
            row["note"] = f"duration ending at reference {ctx.ref.isoformat()}"
            row["inferred"] = True
    return row


# "$40 billion a year", "15 planes a year", "twice a week": an amount (not a year: "since 1984
# and came a week before") and at most two words, no conjunction, before "a <unit>" -> SET
_RATE_BEFORE = re.compile(
    r"(?:(?<![\d,.])(?!(?:1[89]|20)\d\d\b)\d|billion|million|thousand|times|twice|once|%"
    r"|(?:seconds|minutes|hours|days|weeks|months)(?=\s+$))"
    r"(?:[^\s,;:()]|,(?=\d))*"  # disjoint alternatives: no backtracking blow-up
    r"(?:\s+(?!(?:" + "|".join(sorted(lexicon.words("rate_breakers"))) + r")\b)[a-z]+){0,2}\s+$"
)
# "quarter(s) of" a thing other than a year is a fraction ("three-quarters of a point")
_FRACTION_OF = re.compile(
    r"\s+of\s+(?!(?:the\s+|this\s+|last\s+|next\s+|that\s+)?(?:(?:fiscal|financial|calendar)"
    r"\s+)?(?:year|\d{4})\b)",
    _I,
)


# bare "over" before an amount means "more than" after these words ("for over a year", "in over
# a decade", "than over"); after a verb or noun it is the preposition "during" ("repaid over
# five years", "spread over two days") and stays out of the TIMEX3
_OVER_AS_MORE = re.compile(
    r"(?:\b(?:" + "|".join(sorted(lexicon.words("over_bound_context"))) + r")|[,;:(])\s*$", _I
)


def _compound(n, unit: str, n2: int, unit2: str, text: str):
    """'1 hour 20 minutes' -> PT1H20M: one TIMEX3 for a duration given in two units."""
    if n is None:
        return None
    return _row("DURATION", _COMPOUNDS[(unit, unit2)].format(_fmt(n), n2), note="compound duration")


_ORDINAL_WORDS = sorted((w for w in ORDINALS if w.isalpha()), key=ORDINALS.get)


@_rule(
    r"\b(?:(?:the|early|mid|late)[- ]\s*)*(?P<n>[12]?\d)(?:st|nd|rd|th)[- ]century\b"
    rf"|\b(?:(?:the|early|mid|late)[- ]\s*)*(?P<w>(?:twenty-)?(?:{'|'.join(_ORDINAL_WORDS)}))"
    r"[- ]century\b",
    _I,
    trigger=r"century",
)
def century(m, ctx):
    """'the 21st century' -> 20 (TIMEX3 century values are the first two digits)."""
    if m[0][-7:] == "Century" and re.match(r"[ \t]+[A-Z]", ctx.text[m.end() : m.end() + 2]):
        return None  # "20th Century Fox": a name
    if m["n"]:
        n = int(m["n"])
    else:
        w = m["w"].lower()
        n = _ORDINAL_WORDS.index(w.split("-")[-1]) + 1 + (20 if w.startswith("twenty-") else 0)
    if not 1 <= n <= 30:
        return None
    return _row("DATE", f"{n - 1:02d}", note="century")


@_rule(
    r"\b(?:(?P<a>a|one|three)\s+)?(?P<q>quarters?)\s+of\s+an?\s+(?P<u>hour|year|century)\b"
    r"|\ba\s+quarter[- ](?P<qc>century)\b|\b(?P<f>half|quarter)[- ](?P<fu>hour)\b",
    _I,
    trigger=r"quarter|half.hour",
)
def fraction_of_unit(m, ctx):
    """'a quarter of an hour' -> PT15M, 'three quarters of an hour' -> PT45M, 'a quarter
    century' -> P25Y, 'a half-hour' -> PT30M: a fraction of a unit, in the next unit down."""
    if m["qc"]:
        return _row("DURATION", "P25Y", note="a quarter century")
    if m["f"]:
        minutes = 30 if m["f"].lower() == "half" else 15
        return _row("DURATION", f"PT{minutes}M", note=f"{m['f'].lower()} an hour")
    if (m["a"] or "").lower() == "three" and m["q"].lower() != "quarters":
        return None
    n = 3 if (m["a"] or "").lower() == "three" else 1
    unit = m["u"].lower()
    value = {"hour": f"PT{15 * n}M", "year": f"P{3 * n}M", "century": f"P{25 * n}Y"}[unit]
    return _row("DURATION", value, note="a fraction of a unit")


@_rule(
    r"\bthe\s+day\s+(?P<w>before\s+yesterday|after\s+tomorrow)\b",
    _I,
    trigger=r"before yesterday|after tomorrow",
)
def two_days_off(m, ctx):
    """'the day before yesterday' / 'the day after tomorrow': two days from the reference."""
    off = -2 if m["w"].lower().startswith("before") else 2
    if ctx.ref is None:
        return _row("DATE", "XXXX-XX-XX", note="no reference date")
    d = ctx.ref + dt.timedelta(days=off)
    return _row("DATE", d.isoformat(), True, f"relative to reference {ctx.ref.isoformat()}")


@_rule(
    r"\ball\s+(?P<u>day|week|month|year)(?:\s+long)?\b(?!-)",
    _I,
    trigger=r"all\s+(?:day|week|month|year)",
)
def all_unit(m, ctx):
    """'all day', 'all week long': the whole unit (TimeML DURATION P1D, P1W)."""
    return _row("DURATION", _duration(1, m["u"]), note="the whole unit")


@_rule(
    r"\b(?P<u>day|week|month|year)-?long\b|\b(?P<half>half)[- ]century\b",
    _I,
    trigger=r"(?:day|week|month|year)-?long|half.century",
)
def unit_long(m, ctx):
    """'a weeklong strike', 'a year-long probe' -> P1W, P1Y; 'half a century' style
    'half-century' -> P50Y (adjectival durations are TIMEX3s in TimeML)."""
    if re.match(r"[- ]old\b", ctx.text[m.end() : m.end() + 5]):
        return None  # an age, left out like "a 36-year-old"
    if m["half"]:
        return _row("DURATION", "P50Y", note="half a century")
    return _row("DURATION", _duration(1, m["u"]), note="one unit long")


@_rule(r"\b(?P<u>hours|days|weeks|months|years|decades)-long\b", _I, trigger=r"s-long")
def units_long(m, ctx):
    """'decades-long': an unspecified number of units (PXY)."""
    return _row("DURATION", _duration(None, _unit(m["u"])), note="vague duration (units-long)")


@_rule(
    r"\b(?:the\s+)?coming\s+(?:days|weeks|months|years|decades)\b",
    _I,
    trigger=r"coming",
)
def coming_units(m, ctx):
    """'the coming weeks': an unspecified time after the reference (FUTURE_REF)."""
    return _row("DATE", "FUTURE_REF", note="the coming units")


@_rule(
    r"\b(?:(?P<q>several|many|few|recent|the\s+(?:past|last|final|first|closing)"
    r"|(?<=over\s)the|the(?=\s+\w+\s+(?:after|before|following|preceding|leading)\b))\s+)?"
    r"(?P<u>(?:seconds|minutes|hours|days|weeks|months|years|decades|centuries))\b"
    r"(?!\s+(?:ago|old)\b)",
    _I,
    trigger=r"seconds|minutes|hours|days|weeks|months|years|decades|centuries",
)
def vague_duration(m, ctx):
    """A plural unit with no number: 'several weeks', 'for hours', 'within days', 'hours
    after the arrest' -> DURATION with an unknown amount (PXW, PTXH)."""
    q = (m["q"] or "").lower()
    unit = _unit(m["u"])
    if q == "recent" and unit == "year":
        return _row("DURATION", "PXY", note="vague duration (recent years)")
    over = ctx.text[max(0, m.start() - 5) : m.start()].lower() == "over "
    if q == "the" and not over and not _VAGUE_AFTER.match(ctx.text, m.end()):
        return None  # "the days": only as "the days after/before ..."
    if not q:
        before = ctx.text[max(0, m.start() - 16) : m.start()]
        prep = _VAGUE_BEFORE.search(before)
        signal = _VAGUE_AFTER.match(ctx.text, m.end())
        if prep is None and signal is None:
            return None
        if prep is not None and prep["p"].lower() == "in" and unit in _SHORT_UNITS:
            return None  # "paid in hours", "in days gone by"
        if _AMOUNT_BEFORE.search(before):
            return None  # the unit of a number the rules did not read ("4-1/2 months")
    return _row("DURATION", _duration(None, unit), note="vague duration")


@_rule(
    r"\b(?P<u>seconds|minutes|hours|days|weeks|months|years|decades|centuries)\s+"
    r"(?P<sig>ago|later|earlier)\b(?!\s+than)",
    _I,
    trigger=r"(?:seconds|minutes|hours|days|weeks|months|years|decades|centuries)\s+(?:ago|la|ea)",
)
def vague_offset(m, ctx):
    """'years ago', 'hours later': an unstated amount of time before or after (TimeML
    PAST_REF / FUTURE_REF, as for 'several years ago'); the signal word is in the extent."""
    if _AMOUNT_BEFORE.search(ctx.text, max(0, m.start() - 3), m.start()):
        return None  # the unit of a number the rules did not read
    before = ctx.text[max(0, m.start() - 12) : m.start()]
    if re.search(r"\b(?:the|these|those|many|several|few|some)\s+$", before, _I):
        return None  # left to the rules that read the amount
    ref = "FUTURE_REF" if m["sig"].lower() == "later" else "PAST_REF"
    return _row("DATE", ref, note=f"vague offset ({m['sig'].lower()})")


# a bare plural unit is a duration after these words ("for hours", "a matter of minutes") or
# before a temporal signal ("hours after the arrest", "minutes later")
_VAGUE_BEFORE = re.compile(r"\b(?P<p>for|within|in|matter\s+of|lasting|spent|took)\s+$", _I)
_VAGUE_AFTER = re.compile(
    r"\s+(?:after|before|later|earlier|following|preceding|leading\s+up)\b", _I
)
_AMOUNT_BEFORE = re.compile(r"(?:\d|\d\s*/|½)\s*-?\s*$")
_SHORT_UNITS = ("second", "hour", "day", "week")


@_rule(
    r"\b(?:(?P<ev>every|each|per)\s+(?:single\s+)?(?P<u>day|week|month|year|quarter|morning|night)"
    r"|(?P<adj>annual|annually|yearly|weekly|daily|monthly|quarterly|hourly|biannual|nightly))\b",
    _I,
    trigger=r"every|each|per|annual|yearly|weekly|daily|monthly|quarterly|hourly|nightly",
)
def frequency(m, ctx):
    code = {
        "annual": "P1Y",
        "annually": "P1Y",
        "yearly": "P1Y",
        "weekly": "P1W",
        "daily": "P1D",
        "monthly": "P1M",
        "quarterly": "P3M",
        "hourly": "PT1H",
        "biannual": "P6M",
        "nightly": "XXXX-XX-XXTNI",
    }
    if m["adj"]:
        if m["adj"][0].isupper() and (
            re.match(r"\s+[A-Z][a-z]", ctx.text[m.end() : m.end() + 3])
            or re.search(r"[A-Za-z][\w'’]*[ \t]+$", ctx.text[max(0, m.start() - 20) : m.start()])
            and re.search(
                r"(?:^|[ \t])[A-Z][\w'’]*[ \t]+$", ctx.text[max(0, m.start() - 20) : m.start()]
            )
        ):
            return None  # part of a name (a paper called "... Daily News", "Us Weekly")
        return _row("SET", code[m["adj"].lower()], note="frequency")
    u = m["u"].lower()
    value = {"morning": "XXXX-XX-XXTMO", "night": "XXXX-XX-XXTNI"}.get(u) or _duration(1, u)
    return _row("SET", value, note="frequency")


@_rule(
    r"\b(?:(?:earlier|later)\s+)?(?P<det>that|the\s+same|the\s+previous|the\s+following"
    r"|the\s+next|the\s+preceding)\s+(?P<u>day|week|month|year|decade|morning|afternoon|evening"
    r"|night)\b"
    r"|\b(?:earlier|later)\s+in\s+the\s+(?P<u4>day|week|month|year)\b"
    r"|\b(?:(?:earlier|later)\s+)?the\s+(?P<u2>day|week|month|year)\b"
    r"(?!\s+(?:before|after|of|when|that|on|in|to|is|was|it|they|he|she|we|ended|ending"
    r"|earlier|later|ago|old|\d)\b|-)"
    r"|\bthe\s+(?P<u3>day|week|month|year|night|morning|evening)\s+(?P<ba>before|after)\b"
    r"(?!\s+(?:the|a|an|his|her|their|its|last|next|this|(?-i:[A-Z])|\d)\b)",
    _I,
    trigger=r"day|week|month|year|decade|morning|night|afternoon|evening",
)
def anaphoric(m, ctx):
    """'that day', 'the next day', 'the same month', 'the previous year': anchored on the date
    mentioned last before it (TimeML), the reference date when none was."""
    s = (m["det"] or m["ba"] or "the").lower()
    if m["u2"] and m["u2"] != "day" and not m["u2"].islower():
        return None  # "Person of the Year": part of a title
    unit = (m["u"] or m["u2"] or m["u3"] or m["u4"]).lower()
    if m["u2"] and unit != "day" and re.match(r"the\b", m[0], _I) and ctx.ref is not None:
        # "profit for the year", "the film of the year": the current period, as "this year"
        value = _shift_value(ctx.ref.isoformat(), unit, 0)
        return _row("DATE", value, True, f"the current {unit} of reference {ctx.ref.isoformat()}")
    off = (
        1
        if re.search("following|next|after", s)
        else -1
        if re.search("previous|preceding|before", s)
        else 0
    )
    pod = PARTS_OF_DAY.get(unit)
    unit = "day" if pod else unit
    return _anchored(ctx, unit, off, f"T{pod}" if pod else "", pos=m.start() if off > 0 else None)


_POD_CONTEXT = re.compile(r"\b(?:" + "|".join(lexicon.words("part_of_day_context")) + r")\s+$", _I)


@_rule(
    r"\b(?:the\s+(?:(?P<hours>early|small|wee)(?:[- ]morning)?\s+hours(?:\s+of\s+the\s+morning)?"
    r"|(?:(?P<ea>early|late|mid)[- ])?(?P<pod>morning|afternoon|evening|night))"
    r"|(?P<ea2>early|late|mid)[- ](?P<pod2>morning|afternoon|evening))\b"
    r"(?!-|\s+(?:of|before|after)\b)",
    _I,
    trigger=r"morning|afternoon|evening|night|hours",
)
def part_of_day(m, ctx):
    """'in the morning', 'through the night', 'the early hours of the morning' with no day
    named: that part of the day last mentioned (TIME, TMO/TAF/TEV/TNI; TimeML anchors it like
    'that day'). Needs a time word before it and no noun after it ('the night sky')."""
    before = ctx.text[max(0, m.start() - 12) : m.start()]
    if (m["pod"] or m["pod2"]) and not _POD_CONTEXT.search(before):
        return None
    nxt = re.match(r"[ \t]+([a-z]+)\b", ctx.text[m.end() : m.end() + 30])
    if nxt and not (
        nxt[1] in _STOP_WORDS or nxt[1] in _CLOCK_AFTER or nxt[1].endswith(("ed", "ly"))
    ):
        return None  # "the evening news": a noun phrase goes on
    code = "MO" if m["hours"] else PARTS_OF_DAY[(m["pod"] or m["pod2"]).lower()]
    row = _anchored(ctx, "day", 0, f"T{code}")
    ea = (m["ea"] or m["ea2"] or "").lower()
    if ea:
        row["_mod"] = {"early": "START", "late": "END", "mid": "MID"}[ea]
    return row


# values of a relative expression with no reference date, at the unit's granularity
_UNDATED = {
    "day": "XXXX-XX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX",
    "quarter": "XXXX-QX", "year": "XXXX", "decade": "XXX", "century": "XX",
}  # fmt: skip


def _anchored(ctx, unit: str, off: float, suffix: str = "", same_unit: bool = False, pos=None):
    """A row whose value is `off` `unit`s from the anchor date (resolved in tag_times)."""
    kind = "TIME" if suffix else "DATE"
    if ctx.ref is None:
        value = _UNDATED.get(unit, "XXXX-XX-XX") + suffix
        return _row(kind, value, note="anaphoric: anchor unknown")
    value = _shift_value(ctx.ref.isoformat(), unit, off, same_unit) + suffix
    row = _row(kind, value, True, f"anaphoric: anchored on reference {ctx.ref.isoformat()}")
    row["_anchor"] = (unit, off, suffix, same_unit, ctx.tense(pos) if pos is not None else "")
    return row


_ANCHOR_DAY = re.compile(r"(\d{4})-(\d\d)-(\d\d)")
_ANCHOR_ANY = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?|-Q([1-4])|-H([12])|-W(\d\d))?(?![\d])")


def _find_anchor(values: list[str], unit: str) -> str | None:
    """The last value precise enough to anchor a `unit` shift (a day for days and weeks)."""
    for v in reversed(values):
        if unit in ("day", "week", "weekday"):
            if _ANCHOR_DAY.match(v):
                return v
            continue
        if unit in ("month", "dom") and not re.match(r"\d{4}-\d\d", v):
            continue
        if unit == "quarter" and not re.match(r"\d{4}-(?:\d\d|Q)", v):
            continue
        if _ANCHOR_ANY.match(v):
            return v
    return None


def _shift_value(anchor: str, unit: str, off: float, same_unit: bool = False) -> str:
    """TIMEX3 value `off` `unit`s from `anchor`, at the unit's granularity; with `same_unit`,
    at the anchor's own granularity ('a year earlier' after a quarter -> that quarter a year
    before)."""
    m = _ANCHOR_ANY.match(anchor)
    y = int(m[1])
    if unit == "weekday":  # the given weekday nearest the anchor day
        base = dt.date(y, int(m[2]), int(m[3]))
        diff = (int(off) - base.weekday() + 3) % 7 - 3
        return (base + dt.timedelta(days=diff)).isoformat()
    if unit == "dom":  # a day of the anchor's month
        d = int(off)
        ok = _valid(y, int(m[2]), d)
        return f"{y:04d}-{m[2]}-{d:02d}" if ok else f"{y:04d}-{m[2]}"
    if same_unit and unit == "year":
        if m[4]:
            return f"{y + int(off)}-Q{m[4]}"
        if m[5]:
            return f"{y + int(off)}-H{m[5]}"
        if m[2] and not m[3]:
            return f"{y + int(off)}-{m[2]}"
        return f"{y + int(off):04d}"
    if m[3]:
        base = dt.date(y, int(m[2]), int(m[3]))
    elif m[2]:
        base = dt.date(y, int(m[2]), 1)
    elif m[4]:
        base = dt.date(y, 3 * int(m[4]) - 2, 1)
    elif m[6]:
        base = dt.date.fromisocalendar(y, int(m[6]), 1)
    else:
        base = dt.date(y, 1, 1)
    code = {"day": "D", "week": "W", "month": "M", "quarter": "Q", "year": "Y"}.get(unit, "Y")
    d = _shift(base, off, code)
    if unit == "day":
        return d.isoformat()
    if unit == "week":
        return _week(d)
    if unit == "month":
        return d.strftime("%Y-%m")
    if unit == "quarter":
        return f"{d.year}-Q{_quarter(d)}"
    if unit == "decade":
        return f"{(y + int(10 * off)) // 10:03d}"
    return f"{d.year:04d}"


@_rule(
    r"\bthe\s+(?P<d>[12]\d|3[01]|[1-9])(?:st|nd|rd|th)\b"
    r"(?:\s+of\s+(?P<rel>this|last|next|that|the)\s+month\b)?"
    r"(?=\s*(?:[,.;:)]|$|\s(?:and|or|to|when|at|in)\b))",
    _I,
    trigger=r"\d(?:st|nd|rd|th)\b",
)
def day_of_month(m, ctx):
    """'on the 14th': that day of the month last mentioned (the reference month when none);
    'the 3rd of next month' counts from the reference. The article is part of the TIMEX3."""
    d = int(m["d"])
    before = ctx.text[max(0, m.start() - 12) : m.start()]
    on = re.search(r"\b(?:on|by|until|till|since|from|before|after|through|and|to)\s+$", before, _I)
    if not on and not m["rel"]:
        return None
    rel = (m["rel"] or "").lower()
    if rel in ("last", "next", "this") and ctx.ref is not None:
        month = _add_months(ctx.ref.replace(day=1), {"last": -1, "next": 1}.get(rel, 0))
        if not _valid(month.year, month.month, d):
            return _row("DATE", "", note=f"impossible date: {m[0]!r}")
        value = f"{month.year:04d}-{month.month:02d}-{d:02d}"
        return _row("DATE", value, True, f"day of {rel} month, reference {ctx.ref.isoformat()}")
    row = _anchored(ctx, "dom", d)
    if row["value"].startswith("XXXX"):
        row["value"] = f"XXXX-XX-{d:02d}"
    return row


@_rule(
    rf"\b(?=[EeMTWFS])(?:(?:[Ee]very|[Ee]ach)\s+(?P<wd>{_WEEKDAY})\b|(?P<wds>{_WEEKDAY})s\b)"
    r"|\b[Ee]very\s+(?P<n>\d+|two|three|four|five|six|other|few|several)\s+(?P<u>hours|days"
    r"|weeks|months|years|decades)\b"
    r"|\b[Ee]very\s+(?P<n1>other)\s+(?P<u1>hour|day|week|month|year)\b"
    r"|\b(?:[Ee]very|[Ee]ach)\s+(?P<s>spring|summer|autumn|fall|winter|weekend)\b"
    r"|(?<=\b[Oo]n\s)(?P<we>weekends)\b|(?<=\b[Aa]t\s)(?P<we2>weekends)\b",
)
def weekday_set(m, ctx):
    """'every Monday', 'on Mondays' -> SET XXXX-WXX-1; 'every two weeks' -> SET P2W."""
    if m["we"] or m["we2"]:
        return _row("SET", "XXXX-WXX-WE", note="recurring weekend (on weekends)")
    if m["u1"]:
        return _row("SET", _duration(2, m["u1"]), note="frequency (every other unit)")
    if m["s"]:
        s = m["s"].lower()
        value = "XXXX-WXX-WE" if s == "weekend" else f"XXXX-{SEASONS[s]}"
        return _row("SET", value, note="recurring period")
    if m["u"]:
        n = 2 if m["n"].lower() == "other" else _num(m["n"])
        return _row("SET", _duration(n, m["u"]), note="frequency (every n units)")
    wd = WEEKDAYS[(m["wd"] or m["wds"]).lower()]
    return _row("SET", f"XXXX-WXX-{wd + 1}", note="recurring weekday")


_GENERIC_RE = "|".join(
    re.escape(k).replace(r"\ ", r"\s+") for k in sorted(GENERIC, key=len, reverse=True)
)


@_rule(rf"\b(?:{_GENERIC_RE})\b", _I)
def generic(m, ctx):
    key = re.sub(r"\s+", " ", m[0].lower())
    after = ctx.text[m.end() : m.end() + 12].lower()
    if key in ("current", "now") and re.match(r"\s*(?:that|than)\b", after):
        return None
    if key == "the past" and re.match(r"\s+(?:few|several|\d|two|three|week|month|year)", after):
        return None
    if key in ("soon", "shortly") and _SIGNAL_AFTER.match(after):
        return None  # "shortly after the crash": a signal relating two events, not a time
    if after.startswith("-") or ctx.text[max(0, m.start() - 1) : m.start()] == "-":
        return None  # part of a compound adjective ("the now-closed plant", "soon-to-be")
    if key == "recent" and re.search(r"\bmost\s+$", ctx.text[max(0, m.start() - 6) : m.start()]):
        return None  # a superlative ("its most recent model"), not a time
    return _row("DATE", GENERIC[key], note="generic reference")


@_rule(
    r"\b(?P<u>year|month|quarter)[- ]end\b|\bmid-?(?P<mu>year|month)\b",
    _I,
    trigger=r"(?:year|month|quarter)[- ]end|mid-?(?:year|month)",
)
def period_end(m, ctx):
    """'by year-end', 'at midyear': the current year (month, quarter) with mod END / MID."""
    unit = (m["u"] or m["mu"]).lower()
    if ctx.ref is None:
        row = _row("DATE", _UNDATED[unit], note="no reference date")
    else:
        r = ctx.ref
        value = {"year": f"{r.year:04d}", "month": r.strftime("%Y-%m")}.get(unit)
        value = value or f"{r.year}-Q{_quarter(r)}"
        row = _row("DATE", value, True, f"current {unit} of reference {r.isoformat()}")
    row["_mod"] = "END" if m["u"] else "MID"
    return row


_HOLIDAY_RE = "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in HOLIDAYS)


@_rule(
    rf"\b(?P<h>{_HOLIDAY_RE})\b(?:\s+(?P<y>\d{{4}}))?",
    _I,
    trigger=r"christmas|new year|valentine|independence|halloween",
)
def holiday(m, ctx):
    key = re.sub(r"\s+", " ", m["h"].lower())
    mo, d = HOLIDAYS[key]
    if key in ("independence day",) and not m[0][0].isupper():
        return None
    if m["y"]:
        return _row("DATE", f"{m['y']}-{mo:02d}-{d:02d}", note="holiday with year")
    return _date_row(0, mo, d, ctx, m[0], False, ctx.tense(m.start()))


MOVABLE = {e.entry: e.attrs for e in lexicon.load("movable_holidays")}
_MOVABLE_RE = "|".join(
    re.escape(k).replace(r"\ ", r"\s+") for k in sorted(MOVABLE, key=len, reverse=True)
)


def _easter(year: int) -> dt.date:
    """Easter Sunday (Gregorian), by the anonymous Meeus/Jones/Butcher computus."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * el) // 433
    month = (h + el - 7 * m + 90) // 25
    return dt.date(year, month, (h + el - 7 * m + 33 * month + 19) % 32)


def _movable_day(attrs: dict, year: int) -> dt.date:
    """The day a movable holiday falls on in `year`."""
    if attrs["easter_offset"]:
        return _easter(year) + dt.timedelta(days=int(attrs["easter_offset"]))
    month, weekday, nth = int(attrs["month"]), int(attrs["weekday"]), int(attrs["nth"])
    days = [d for d in calendar.Calendar().itermonthdates(year, month) if d.month == month]
    return [d for d in days if d.weekday() == weekday][nth if nth < 0 else nth - 1]


@_rule(
    rf"\b(?P<h>{_MOVABLE_RE})\b(?:,?\s+(?P<y>\d{{4}}))?",
    _I,
    trigger=r"thanksgiving|memorial day|labor day|king day|presidents'? day|mother's day"
    r"|father's day|easter|good friday",
)
def movable_holiday(m, ctx):
    """'Thanksgiving', 'Easter 2019', 'Labor Day': the holiday's day in the stated year, else in
    the reference year moved by the sentence tense (as a month and day without a year)."""
    if not m["h"][0].isupper():
        return None  # "mother's day out", "easter" in lower case: not a name
    attrs = MOVABLE[re.sub(r"\s+", " ", m["h"].lower())]
    if m["y"]:
        return _row("DATE", _movable_day(attrs, int(m["y"])).isoformat(), note="holiday with year")
    if ctx.ref is None:
        return _row("DATE", "XXXX-XX-XX", note="movable holiday, no reference date")
    d = _movable_day(attrs, ctx.ref.year)
    tense = ctx.tense(m.start())
    y = _pick_year(d.month, d.day, ctx.ref, tense)
    d = _movable_day(attrs, y)
    return _row("DATE", d.isoformat(), True, f"holiday in {y} (reference {ctx.ref}, {tense})")


# ---------------------------------------------------------------- public
_LINE_BREAK = re.compile(r"\n")


def _line_of(breaks: list[int], pos: int, n: int) -> tuple[int, int]:
    """(start, end) of the line holding `pos`, given the sorted line-break offsets."""
    i = bisect.bisect_left(breaks, pos)
    return (breaks[i - 1] + 1 if i else 0), (breaks[i] if i < len(breaks) else n)


SCHEMES = ("timeml", "meantime")


def tag_times(text: str, reference=None, *, scheme: str = "timeml") -> list[dict]:
    """Temporal expressions in `text` as a list of row dicts (see extract_times)."""
    if scheme not in SCHEMES:
        raise ValueError(f"scheme must be one of {SCHEMES}, not {scheme!r}")
    if text is None or (isinstance(text, float) and text != text):
        return []
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    ref = _parse_reference(reference)
    ctx = _Ctx(text, ref)
    cands = []
    low = text.lower()
    breaks = [m.start() for m in _LINE_BREAK.finditer(text)]
    for order, (trigger, rx, fn) in enumerate(_RULES):
        if trigger is None:
            windows = [(0, len(text))]
        else:  # only the lines holding the trigger (no expression spans a line break)
            windows = sorted(
                {_line_of(breaks, t.start(), len(text)) for t in trigger.finditer(low)}
            )
        for a, b in windows:
            for m in rx.finditer(text, a, b):
                if m.end() > m.start():
                    cands.append((m.start(), m.end(), order, m, fn))
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[tuple[int, int]] = []  # accepted spans, sorted and disjoint
    rows = []
    for start, end, _, m, fn in cands:
        i = bisect.bisect_right(taken, (start, end))
        if (i and taken[i - 1][1] > start) or (i < len(taken) and taken[i][0] < end):
            continue
        row = fn(m, ctx)
        if row is None:
            continue
        taken.insert(i, (start, end))
        rows.append({"start": start, "end": end, "text": text[start:end], **row})
    rows.sort(key=lambda r: r["start"])
    rows = _merge_date_time(rows, text)
    _clock_day(rows, ctx)
    _take_modifiers(rows, text)
    _take_year_suffix(rows, text, ref)
    _resolve_anchors(rows, ref)
    if scheme == "meantime":
        _amount_before_ago(rows, text, ref)
        rows = _add_ranges(rows, text)
    out = []
    for row in rows:
        if "start_date" not in row:
            if row["type"] in ("DATE", "TIME"):
                row["start_date"], row["end_date"] = interval(row["value"], ref)
            else:
                row["start_date"], row["end_date"] = "", ""
        if not row["note"]:
            row["note"] = "explicit"
        row["mod"] = row.pop("_mod", "") or _mod(row)
        out.append({k: row[k] for k in COLUMNS})
    return out


_DAY_VALUE = re.compile(r"(?:\d{4}|XXXX)-(?:\d\d|XX)-(?:\d\d|XX)$")
# a day a clock time can precede: a date, a weekday, a day word with a part of day
_DAY_AFTER_CLOCK = re.compile(
    r"(?:(?:\d{4}|XXXX)-(?:\d\d|XX)-(?:\d\d|XX)|XXXX-WXX-\d)(?:T(?:MO|AF|EV|NI|DT))?$"
)
_DATE_THEN_TIME = re.compile(r"[ \t]*(?:,|-|–|\||@|/)?[ \t]*(?:at[ \t]+|@[ \t]*)?", _I)
_TIME_THEN_DATE = re.compile(r"[ \t]*,?[ \t]*(?:on[ \t]+)?", _I)


def _merge_date_time(rows: list[dict], text: str) -> list[dict]:
    """A day next to a clock time ('May 2, 2013 at 1:32 PM', '3:21 PM ET, 01/5/2011') is one
    TIME expression: the day's date with the clock's time."""
    out: list[dict] = []
    for row in rows:
        prev = out[-1] if out else None
        if prev is not None and "_anchor" not in prev and "_anchor" not in row:
            gap = text[prev["end"] : row["start"]]
            pair = None
            if (
                _DAY_VALUE.match(prev["value"])
                and _is_clock(row)
                and _DATE_THEN_TIME.fullmatch(gap)
            ):
                pair = (prev, row)
            elif (
                _is_clock(prev)
                and _DAY_AFTER_CLOCK.match(row["value"])
                and _TIME_THEN_DATE.fullmatch(gap)
            ):
                pair = (row, prev)
            if pair is not None:
                day, clock = pair
                value = day["value"].split("T")[0] + "T" + clock["value"].split("T", 1)[1]
                note = f"date and clock time ({clock['note'].split(',')[0]})"
                inferred = bool(day["inferred"])
                merged = _row("TIME", value, inferred, note)
                merged.update(start=prev["start"], end=row["end"])
                merged["text"] = text[prev["start"] : row["end"]]
                out[-1] = merged
                continue
        out.append(row)
    return out


def _clock_day(rows: list[dict], ctx: _Ctx) -> None:
    """A clock time standing alone ('made its first flight Tuesday ... at 18:00 UTC') is on the
    day named nearest to it in its sentence, not on the reference day."""
    days = [r for r in rows if _FULL_DAY.fullmatch(r["value"].split("T")[0]) and not _is_clock(r)]
    starts = [d["start"] for d in days]  # rows are sorted by start
    for row in rows:
        if not (_is_clock(row) and row.get("_clock_alone")):
            continue
        row.pop("_clock_alone")
        a, b = ctx.span(row["start"])
        lo, hi = bisect.bisect_left(starts, a), bisect.bisect_left(starts, b)
        i = bisect.bisect_left(starts, row["start"], lo, hi)
        near = [days[j] for j in (i - 1, i) if lo <= j < hi]  # the nearest one on each side
        if near:
            day = min(near, key=lambda d: abs(d["start"] - row["start"]))
            date, clock = day["value"].split("T")[0], row["value"].split("T", 1)[1]
            if day["value"].endswith("TNI") and day["start"] < row["start"] and clock < "06":
                date = (dt.date.fromisoformat(date) + dt.timedelta(days=1)).isoformat()
            row["value"] = f"{date}T{clock}"  # "Monday night ... by 2 a.m.": Tuesday 02:00
            row["note"] = f"clock time on the day named in its sentence ({day['text']})"
    for row in rows:
        row.pop("_clock_alone", None)


_FULL_DAY = re.compile(r"\d{4}-\d\d-\d\d")


def _is_clock(row: dict) -> bool:
    return row["type"] == "TIME" and re.search(r"T\d\d:\d\d", row["value"]) is not None


_MODS = (
    (
        re.compile(r"^(?:(?:the\s+)?early|the\s+(?:very\s+)?(?:beginning|start)\s+of)\b", _I),
        "START",
    ),
    (re.compile(r"^(?:(?:the\s+)?mid\b|(?:the\s+)?mid-|the\s+middle\s+of)", _I), "MID"),
    (re.compile(r"^(?:(?:the\s+)?late|the\s+(?:very\s+)?end\s+of)\b", _I), "END"),
)
MODIFIERS = {e.entry: (e.attrs["mod"], e.attrs["applies"]) for e in lexicon.load("timex_modifiers")}
_MODIFIER_ALT = "|".join(
    re.escape(w).replace(r"\ ", r"\s+") for w in sorted(MODIFIERS, key=len, reverse=True)
)
_MODIFIER_BEFORE = re.compile(rf"(?<![\w-])(?P<m>{_MODIFIER_ALT})\s+$", _I)
_MODIFIER_START = re.compile(rf"^(?P<m>{_MODIFIER_ALT})\s", _I)
_AMOUNT_TEXT = re.compile(rf"^(?:\d|(?:{_NUMWORD})\b|an?\s|half|several|few)", _I)
_OFFSET_END = re.compile(r"\b(?:ago|earlier|later|before|after|from\s+(?:now|today))$", _I)
_DAYISH = re.compile(r"(?:\d{4}|XXXX)-(?:\d\d-\d\d|XX-XX|WXX-\d)(?:T|$)")
# a bound on an offset ("more than a week ago") bounds the point the other way
_POINT_MOD = {
    ("ago", "MORE_THAN"): "BEFORE", ("ago", "EQUAL_OR_MORE"): "ON_OR_BEFORE",
    ("ago", "LESS_THAN"): "AFTER", ("ago", "EQUAL_OR_LESS"): "ON_OR_AFTER",
    ("later", "MORE_THAN"): "AFTER", ("later", "EQUAL_OR_MORE"): "ON_OR_AFTER",
    ("later", "LESS_THAN"): "BEFORE", ("later", "EQUAL_OR_LESS"): "ON_OR_BEFORE",
}  # fmt: skip


def _modifier_fits(applies: str, row: dict) -> bool:
    text = row["text"]
    amount = _AMOUNT_TEXT.match(text) is not None and (
        row["type"] == "DURATION" or _OFFSET_END.search(text) is not None
    )
    if applies == "amount":
        return amount
    if applies == "day":
        return row["type"] in ("DATE", "TIME") and _DAYISH.match(row["value"]) is not None
    if applies == "point":
        return row["type"] in ("DATE", "TIME")
    return amount or row["type"] in ("DATE", "TIME")


_POD_OF = re.compile(
    rf"(?<![\w-])(?:the\s+)?(?P<pod>{'|'.join(sorted(PARTS_OF_DAY, key=len, reverse=True))})"
    r"\s+of\s+$".replace(" ", r"\s+"),
    _I,
)


_FREQ_BEFORE = re.compile(
    rf"(?<![\w-])(?:once|twice|thrice|(?:\d+|{_NUMWORD}|several|many)\s+times)\s+$", _I
)


def _take_modifiers(rows: list[dict], text: str) -> None:
    """Grow each expression leftwards over a TimeML modifier right before it ('less than a
    month', 'about 7 p.m.', 'at least three years'): the modifier is part of the TIMEX3. A
    day after 'the night of' / 'the early hours of' becomes that part of the day (TIME)."""
    prev_end = 0
    for row in rows:
        lo = max(prev_end, row["start"] - 30)
        m = _POD_OF.search(text, lo, row["start"])
        if m is not None and row["type"] == "DATE" and _DAYISH.match(row["value"]):
            pod = PARTS_OF_DAY[re.sub(r"\s+", " ", m["pod"].lower())]
            row.update(start=m.start(), type="TIME", value=f"{row['value']}T{pod}")
            row["text"] = text[row["start"] : row["end"]]
        elif m is not None and row["type"] == "TIME" and re.search(r"T[A-Z]{2}$", row["value"]):
            row["start"] = m.start()  # "the early hours of Sunday morning": one TIME
            row["text"] = text[row["start"] : row["end"]]
        m = _FREQ_BEFORE.search(text, lo, row["start"])
        if m is not None and row["type"] == "SET":
            row["start"] = m.start()  # "twice a month": the count is part of the SET
            row["text"] = text[row["start"] : row["end"]]
        m = _MODIFIER_BEFORE.search(text, lo, row["start"])
        if m is not None and not row.pop("_keep_start", False):
            key = re.sub(r"\s+", " ", m["m"].lower())
            if _modifier_fits(MODIFIERS[key][1], row):
                row["start"] = m.start()
                row["text"] = text[row["start"] : row["end"]]
        prev_end = row["end"]


_YEAR_SUFFIX = re.compile(r"\s+(?:of\s+)?(?P<rel>this|last|next)\s+year\b", _I)
_MONTH_VALUE = re.compile(r"(?:\d{4}|XXXX)(?P<rest>-\d\d(?:-\d\d)?)$")


def _take_year_suffix(rows: list[dict], text: str, ref: dt.date | None) -> None:
    """'September this year', 'December 15 of last year': one expression, the year from the
    relative word (TimeML marks the whole phrase)."""
    for i, row in enumerate(rows):
        v = _MONTH_VALUE.match(row["value"])
        m = _YEAR_SUFFIX.match(text, row["end"])
        if v is None or m is None or not re.search(_MONTH, row["text"]) or "_anchor" in row:
            continue
        if i + 1 < len(rows) and rows[i + 1]["start"] < m.end():
            rows.pop(i + 1)  # "this year" tagged alone: now part of this expression
        row["end"] = m.end()
        row["text"] = text[row["start"] : row["end"]]
        if ref is not None:
            y = ref.year + {"last": -1, "next": 1}.get(m["rel"].lower(), 0)
            row["value"] = f"{y:04d}{v['rest']}"
            row["note"] = f"year from {m['rel'].lower()!r} year, reference {ref.isoformat()}"


def _mod(row: dict) -> str:
    """TIMEX3 mod from the expression's leading words ('late last year' -> END, 'less than a
    year' -> LESS_THAN, 'more than a week ago' -> BEFORE)."""
    m = _MODIFIER_START.match(row["text"])
    if m is not None:
        mod = MODIFIERS[re.sub(r"\s+", " ", m["m"].lower())][0]
        if mod and row["type"] == "DATE":
            end = _OFFSET_END.search(row["text"])
            kind = "ago" if end and end[0].lower() in ("ago", "earlier", "before") else "later"
            mod = _POINT_MOD.get((kind, mod), mod) if end else mod
        if mod or m["m"].lower() not in ("early", "late"):
            return mod
    for rx, mod in _MODS:
        if rx.search(row["text"]):
            return mod
    return ""


def _resolve_anchors(rows: list[dict], ref: dt.date | None) -> None:
    """In text order, re-anchor anaphoric rows ('that day', 'three days later') on the last
    date mentioned before them; every resolved DATE/TIME becomes a candidate anchor."""
    seen: list[str] = [ref.isoformat()] if ref else []
    for row in rows:
        spec = row.pop("_anchor", None)
        if spec is not None:
            unit, off, suffix, same_unit, tense = spec
            anchor = _find_anchor(seen, unit)
            if anchor is not None and anchor != (ref.isoformat() if ref else None):
                row["value"] = _shift_value(anchor, unit, off, same_unit) + suffix
                row["note"] = f"anaphoric: anchored on the last date mentioned, {anchor}"
            elif off > 0 and tense == "past" and unit in ("day", "week", "month"):
                row["value"] = _UNDATED.get(unit, "XXXX-XX-XX") + suffix
                row["note"] = (
                    "anaphoric: no earlier date in the text; a past event after the "
                    "publication date is not assumed, left unanchored"
                )
        comparison = spec is not None and spec[3]  # "a year earlier" is no new narrative time
        if row["type"] in ("DATE", "TIME") and re.match(r"\d{4}", row["value"]) and not comparison:
            seen.append(row["value"])


_RANGE_OPEN = re.compile(r"\b(?P<w>from|between)\s+$", _I)
_RANGE_GAP = {"from": re.compile(r"\s*(?:to|until|till|through|-|–)\s*", _I),
              "between": re.compile(r"\s+and\s+", _I)}  # fmt: skip
_RANGE_VALUE = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?$")


def _range_length(a: str, b: str) -> str | None:
    """The DURATION from DATE value `a` to DATE value `b` at their shared granularity
    (2009 -> 2011: P2Y; 2008-03 -> 2008-06: P3M; days: PnD), None if they differ or b <= a."""
    ma, mb = _RANGE_VALUE.match(a), _RANGE_VALUE.match(b)
    if (
        ma is None
        or mb is None
        or [g is None for g in ma.groups()] != [g is None for g in mb.groups()]
    ):
        return None
    if ma[3]:
        n, unit = (dt.date.fromisoformat(b) - dt.date.fromisoformat(a)).days, "D"
    elif ma[2]:
        n, unit = 12 * (int(mb[1]) - int(ma[1])) + int(mb[2]) - int(ma[2]), "M"
    else:
        n, unit = int(mb[1]) - int(ma[1]), "Y"
    return f"P{n}{unit}" if n > 0 else None


def _add_ranges(rows: list[dict], text: str) -> list[dict]:
    """'from 2009 to 2011', 'between March and June': besides its two DATEs, the whole range
    is a DURATION from the first to the second (MEANTIME marks all three; its value is the
    difference, P2Y). The range row overlaps the two dates it holds."""
    extra = []
    for a, b in itertools.pairwise(rows):
        if a["type"] != "DATE" or b["type"] != "DATE":
            continue
        opener = _RANGE_OPEN.search(text, max(0, a["start"] - 10), a["start"])
        if opener is None or not _RANGE_GAP[opener["w"].lower()].fullmatch(
            text, a["end"], b["start"]
        ):
            continue
        value = _range_length(a["value"], b["value"])
        if value is None:
            continue
        note = f"range {a['text']} - {b['text']}"
        row = _row("DURATION", value, a["inferred"] or b["inferred"], note)
        row.update(start=opener.start(), end=b["end"], text=text[opener.start() : b["end"]])
        row.update(start_date=interval(a["value"])[0], end_date=interval(b["value"])[1])
        extra.append(row)
    return sorted(rows + extra, key=lambda r: (r["start"], -r["end"])) if extra else rows


_AGO = re.compile(r"\s+ago$", _I)


def _amount_before_ago(rows: list[dict], text: str, ref: dt.date | None) -> None:
    """MEANTIME (NewsReader guidelines): in 'two years ago' the amount is a DURATION (P2Y) and
    'ago' a signal outside it; the date it points to is left implicit. start_date/end_date keep
    the interval from that date to the reference."""
    for row in rows:
        m = _AGO.search(row["text"])
        if m is None or row["type"] != "DATE":
            continue
        end = row["start"] + m.start()
        amount = [r for r in tag_times(text[row["start"] : end]) if r["type"] == "DURATION"]
        if len(amount) != 1 or amount[0]["end"] != end - row["start"]:
            continue
        start, _ = interval(row["value"], ref) if row["value"][:1].isdigit() else ("", "")
        row.update(
            end=end,
            text=text[row["start"] : end],
            type="DURATION",
            value=amount[0]["value"],
            note=f"amount before 'ago' (MEANTIME: 'ago' is a signal); was {row['value']}",
            start_date=start,
            end_date=ref.isoformat() if ref and start else "",
        )


def extract_times(text: str, reference=None, *, scheme: str = "timeml") -> pd.DataFrame:
    """Temporal expressions in `text`, normalized against `reference` (see module docstring)."""
    rows = tag_times(text, reference, scheme=scheme)
    df = pd.DataFrame(rows, columns=COLUMNS)
    return df.astype({"start": "int64", "end": "int64", "inferred": "bool"})
