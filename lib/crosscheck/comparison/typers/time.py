"""Typer `time`: when two aligned claims say the event happened.

Each time expression of a claim (the claims' ``times``: TIMEX3 value, start/end date) is read as
a calendar interval when it has one (a dated article, or a year inferred from the same story), as
a weekday when it names one ("Tuesday", value XXXX-WXX-2, undated), with its part of the day
("morning", "3:30"), or as a vague reference ("now", "recently": never compared).

- dated on both sides: intervals that do not overlap -> severity 4;
- day and month with no year on both sides ("3 May" / "9 May", undated articles): a different
  day of the year -> severity 4 (they differ in any year); the same day -> compared finer;
- weekdays (undated, or a weekday against a dated day): different weekdays -> severity 4
  ("Tuesday" / "Wednesday" differ even with no date); a relative expression ("yesterday") is
  not compared with a weekday when no date resolves it;
- the same day, with a time of day on one side only -> severity 2 (finer time on one side;
  detail starts with FINER);
- a time on one side only -> severity 2 (an addition: the other side does not say when, so
  nothing conflicts); severity 4 when the other side calls the event recent;
- an event the timeline marks as recycled news -> severity 5 when the row can show the date it
  rests on; a row with no value on either side is never severity 5 (it is capped at 3).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from crosscheck.comparison.normalise import text_of
from crosscheck.comparison.typers import register, row
from crosscheck.text import lexicon

_VAGUE = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")
_WEEKDAY_RE = re.compile(r"^XXXX-WXX-([1-7])")
_DAY_OF_YEAR_RE = re.compile(r"^XXXX-(\d\d)-(\d\d)")
_PART_RE = re.compile(r"T(MO|AF|EV|NI|DT|\d\d(?::\d\d)?)")
FINER = "time of day on one side only"  # the reason (and detail) of a finer-time row
# weekday names for explanations, Monday first (lexicon weekdays: full names, Monday = 0)
_DAYS = tuple(
    e.entry.title()
    for e in sorted(lexicon.load("weekdays"), key=lambda e: int(e.attrs["number"]))
    if e.attrs["form"] == "full"
)


@dataclass(frozen=True)
class When:
    """One time expression of a claim, as the typer compares it."""

    text: str
    value: str
    start: str = ""  # ISO date or ""
    end: str = ""
    weekday: int | None = None  # 1 = Monday
    part: str = ""  # part of day or clock time

    @property
    def calendar(self) -> bool:
        return bool(re.match(r"^\d{4}", self.value)) and bool(self.start)


def _when(t: dict) -> When | None:
    value = text_of(t.get("value")) or text_of(t.get("start_date"))
    text = text_of(t.get("text"))
    if not value or value in _VAGUE or text_of(t.get("type")) in ("DURATION", "SET"):
        return None
    start = text_of(t.get("start_date"))
    end = text_of(t.get("end_date")) or start
    weekday = None
    m = _WEEKDAY_RE.match(value)
    if m:
        weekday = int(m.group(1))
    elif start and start == end:
        try:
            weekday = dt.date.fromisoformat(start).isoweekday()
        except ValueError:
            weekday = None
    part = _PART_RE.search(value)
    return When(text, value, start, end, weekday, part.group(1) if part else "")


def _whens(info) -> list[When]:
    """The claim's time expressions; a year-less date ("July 14") takes the interval the timeline
    resolved for the claim's event (the year from the article or its story)."""
    out = [w for w in (_when(t) for t in info["times"] if isinstance(t, dict)) if w is not None]
    ev = info["event"]
    start, end = text_of(ev.get("event_start")), text_of(ev.get("event_end"))
    if not start or not text_of(ev.get("basis")).startswith("own expression"):
        return out
    resolved = []
    for w in out:
        if re.match(r"^XXXX-\d\d", w.value) and not w.calendar:
            value = start if start == end else f"{start}/{end}"
            day = dt.date.fromisoformat(start).isoweekday() if start == end else None
            w = When(w.text, value, start, end, day, w.part)
        resolved.append(w)
    return resolved


def _overlap(x: When, y: When) -> bool:
    if x.value == y.value:
        return True
    return bool(x.start and y.start) and x.start <= y.end and y.start <= x.end


def _shown(ws: list[When]) -> str:
    """Calendar values first (what the timeline resolved), else the expressions as written."""
    cal = [w.value for w in ws if w.calendar]
    return ", ".join(cal) if cal else ", ".join(w.text for w in ws)


def _compare(wa: list[When], wb: list[When], a, b) -> tuple[int, str]:
    """(severity, reason) of the two claims' own time expressions; (0, "") when consistent."""
    ca, cb = [w for w in wa if w.calendar], [w for w in wb if w.calendar]
    if ca and cb:
        if not any(_overlap(x, y) for x in ca for y in cb):
            return 4, f"A dates it {_shown(wa)}, B {_shown(wb)}"
        return _finer(wa, wb)
    ya, yb = _days_of_year(wa), _days_of_year(wb)
    if ya and yb and not (ca or cb):
        if not ya & yb:
            return 4, f"A says {_shown(wa)}, B says {_shown(wb)} (different days)"
        return _finer(wa, wb)
    da = {w.weekday for w in wa if w.weekday}
    db = {w.weekday for w in wb if w.weekday}
    if da and db:
        if not da & db:
            names = (", ".join(_DAYS[d - 1] for d in sorted(s)) for s in (da, db))
            return 4, "A says {}, B says {}".format(*names)
        return _finer(wa, wb)
    if wa and wb:
        return 0, ""  # e.g. "yesterday" against "Thursday" with no date to resolve them
    if wa or wb:
        dated, undated, ws, other = ("A", "B", wa, b) if wa else ("B", "A", wb, a)
        if other["recent"] and any(w.calendar for w in ws):
            return 4, f"{undated} presents it as recent; {dated} dates it {_shown(ws)}"
        return 2, f"{dated} says when ({_shown(ws)}); {undated} gives no time"
    return 0, ""


def _days_of_year(ws: list[When]) -> set[tuple[str, str]]:
    """(month, day) of the year-less dates ("3 May": XXXX-05-03)."""
    return {m.groups() for w in ws if (m := _DAY_OF_YEAR_RE.match(w.value))}


def _finer(wa: list[When], wb: list[When]) -> tuple[int, str]:
    pa, pb = [w for w in wa if w.part], [w for w in wb if w.part]
    if bool(pa) != bool(pb):
        side, ws = ("A", pa) if pa else ("B", pb)
        return 2, f"{FINER}: {side} ({', '.join(w.text for w in ws)})"
    return 0, ""


@register("time", order=50)
def time_rows(a, b, ctx) -> list[dict]:
    wa, wb = _whens(a), _whens(b)
    sev, reason = _compare(wa, wb, a, b)
    reasons = [reason] if reason else []
    va = _shown(wa) or text_of(a["event"].get("event_start"))
    vb = _shown(wb) or text_of(b["event"].get("event_start"))
    for side, info in (("A", a), ("B", b)):
        ev = info["event"]
        if ev.get("recycled") is True or ev.get("recycled") == 1:
            sev = 5
            why = text_of(ev.get("note")) or "dated well before the case's other reports"
            reasons.append(f"the timeline marks {side}'s event as possibly recycled news: {why}")
    if not sev:
        return []
    if sev == 5 and not va and not vb:
        sev = 3  # nothing to show the analyst: not at the top of the queue
        reasons.append("neither claim gives a date to check")
    notes = [text_of(x.get("note")) for x in (a["event"], b["event"]) if text_of(x.get("note"))]
    detail = "; ".join(([FINER] if reason.startswith(FINER) else []) + notes)
    text = "; ".join(reasons)
    return [row("time", sev, text[0].upper() + text[1:] + ".", va, vb, detail=detail)]
