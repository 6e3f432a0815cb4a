"""Typer `time`: dates of aligned claims that do not overlap, a date on one side only (worse when
the other side calls it recent), and events the timeline marks as recycled (severity 5)."""

from __future__ import annotations

import re

from crosscheck.comparison.normalise import text_of
from crosscheck.comparison.typers import register, row


def _dates(info) -> list[tuple[str, str, str]]:
    """(value, start_date, end_date) of the claim's dated expressions."""
    out = []
    for t in info["times"]:
        start = text_of(t.get("start_date"))
        value = text_of(t.get("value")) or start
        if re.match(r"^\d{4}", value):  # calendar values only (not PRESENT_REF, PAST_REF)
            out.append((value, start, text_of(t.get("end_date")) or start))
    return out


def _overlap(d1, d2) -> bool:
    if d1[0] == d2[0]:
        return True
    if d1[1] and d2[1]:
        return d1[1] <= d2[2] and d2[1] <= d1[2]
    return False


@register("time", order=50)
def time_rows(a, b, ctx) -> list[dict]:
    da, db = _dates(a), _dates(b)
    sev, reasons = 0, []
    va = ", ".join(d[0] for d in da) or text_of(a["event"].get("event_start"))
    vb = ", ".join(d[0] for d in db) or text_of(b["event"].get("event_start"))
    if da and db and not any(_overlap(x, y) for x in da for y in db):
        sev, reasons = 4, [f"A dates it {va}, B {vb}"]
    elif bool(da) != bool(db):
        dated, undated, info, val = ("A", "B", b, va) if da else ("B", "A", a, vb)
        if info["recent"]:
            sev = 4
            reasons.append(f"{undated} presents it as recent; {dated} dates it {val}")
        else:
            sev = 3
            reasons.append(f"{dated} dates it {val}; {undated} gives no date")
    for side, info in (("A", a), ("B", b)):
        ev = info["event"]
        if ev.get("recycled") is True or ev.get("recycled") == 1:
            sev = 5
            why = text_of(ev.get("note")) or "dated well before the case's other reports"
            reasons.append(f"the timeline marks {side}'s event as possibly recycled news: {why}")
    if not sev:
        return []
    detail = "; ".join(
        text_of(x.get("note")) for x in (a["event"], b["event"]) if text_of(x.get("note"))
    )
    text = "; ".join(reasons)
    return [row("time", sev, text[0].upper() + text[1:] + ".", va, vb, detail=detail)]
