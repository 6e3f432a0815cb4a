"""Timeline: temporal expressions normalized to TIMEX3 values, claim events, recycled news.

Public functions
----------------
extract_times(text, reference=None, *, scheme="timeml") -> DataFrame
    columns start, end, text, type (DATE|TIME|DURATION|SET), value (TIMEX3),
    start_date, end_date (ISO dates or "" for the interval a DATE covers), inferred (bool), note,
    mod (the tagger lives in crosscheck.text.timex; re-exported here; scheme="meantime" follows
    MEANTIME's conventions where they differ from TimeML, see crosscheck.text.timex)
build_timeline(claims, articles) -> timeline table
    article_id, claim_id, expression, type, value, start_date, end_date, inferred, note, mod
    (TIMEX3 mod: START, MID, END, APPROX, LESS_THAN, MORE_THAN, EQUAL_OR_LESS, EQUAL_OR_MORE,
    BEFORE, AFTER, ON_OR_BEFORE, ON_OR_AFTER or "": "less than a month", "late last year")
    (+ start, end: the expression's offsets as given by the claim's `times`, or into the claim
    text when tagged here). Year-less dates take the year from the article's `published` date,
    or, in an undated article, from the median published date of the other articles (inferred).
claim_events(claims, articles, timeline) -> events table
    claim_id, article_id, event_start, event_end, basis, recycled (bool), gap_days
    (+ note). event_start/event_end are ISO dates or "". gap_days (Int64, <NA> when not
    recycled): days between the earlier dating of the event and the recycling report.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from functools import lru_cache
from types import MappingProxyType

import pandas as pd

from crosscheck.tables import require_columns
from crosscheck.text.timex import _parse_reference, _pick_year, extract_times, interval, tag_times

__all__ = ["extract_times", "build_timeline", "claim_events", "RECYCLED_MIN_DAYS"]

TIMELINE_COLUMNS = [
    "article_id",
    "claim_id",
    "expression",
    "type",
    "value",
    "start_date",
    "end_date",
    "inferred",
    "note",
    "mod",
    "start",
    "end",
]
EVENT_COLUMNS = [
    "claim_id",
    "article_id",
    "event_start",
    "event_end",
    "basis",
    "recycled",
    "gap_days",
    "note",
]
RECYCLED_MIN_DAYS = 14  # an earlier dating at least this much older flags a claim as recycled
_MIN_SHARED_WORDS = 3  # content words two claims must share to be taken as the same event
_MIN_CONTAINMENT = 0.25

_CURRENT_CUES = re.compile(
    r"\b(?:ha(?:ve|s)\s+(?:\w+ly\s+)?(?:been\s+)?\w+(?:ed|en|ne|wn|ght|un)\b|now|currently"
    r"|recent(?:ly)?|this\s+week|today|so\s+far|ongoing)\b",
    re.IGNORECASE,
)
_STOP = set(
    "the a an and or of in on at to for from by with as is are was were be been has have had "
    "that this these those which who whom its their his her our it they he she we not but "
    "also into than then there here after before over under about against between during "
    "said says according reported reportedly stated".split()
)


def _date_or_none(value) -> dt.date | None:
    try:
        return _parse_reference(value)
    except (ValueError, TypeError):
        return None


def _article_dates(articles: pd.DataFrame) -> dict[str, dt.date | None]:
    require_columns(articles, "articles", ["article_id", "published"])
    return {
        str(a): _date_or_none(p)
        for a, p in zip(articles.article_id, articles.published, strict=True)
    }


def _case_date(
    dates: dict[str, dt.date | None], exclude: str, groups: dict | None = None
) -> dt.date | None:
    """Median published date of the other dated articles in the case (of the same story when
    `groups` maps article ids to stories: an off-topic article never supplies a date)."""
    mine = groups.get(exclude) if groups else None
    others = sorted(
        d
        for a, d in dates.items()
        if d is not None and a != exclude and (not groups or groups.get(a) == mine)
    )
    if not others:
        return None
    return others[len(others) // 2] if len(others) % 2 else statistics.median_low(others)


def _fill_year(row: dict, anchor: dt.date, why: str) -> dict:
    """A year-less value (XXXX-07-14, XXXX-07) gets the anchor's year (past reading)."""
    m = re.fullmatch(r"XXXX-(\d\d)(?:-(\d\d))?", row["value"])
    if not m:
        return row
    month, day = int(m.group(1)), int(m.group(2)) if m.group(2) else None
    year = _pick_year(month, day, anchor, "past")
    value = f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")
    start, end = interval(value)
    if not start:
        note = f"impossible date: {row['expression']!r} in inferred year {year}"
        return {**row, "value": "", "inferred": True, "note": note}
    note = f"{why}: {row['expression']!r} -> {value}"
    return {**row, "value": value, "start_date": start, "end_date": end, "inferred": True,
            "note": note}  # fmt: skip


def _claim_times(claim, published: dt.date | None) -> list[dict]:
    times = claim.get("times") if hasattr(claim, "get") else None
    if isinstance(times, list | tuple) and len(times):
        return [dict(t) for t in times]
    return [dict(t) for t in _tagged(str(claim.get("text", "") or ""), published)]


@lru_cache(maxsize=65536)
def _tagged(text: str, published: dt.date | None) -> tuple[MappingProxyType, ...]:
    """tag_times of a claim the claims table gives no times (cached, so read-only rows)."""
    return tuple(MappingProxyType(row) for row in tag_times(text, published))


def build_timeline(claims: pd.DataFrame, articles: pd.DataFrame, groups=None) -> pd.DataFrame:
    """One row per temporal expression of each claim (columns: see module docstring).
    `groups` (optional): article_id -> story; a year is inferred only from the same story."""
    require_columns(claims, "claims", ["claim_id", "article_id", "text"])
    dates = _article_dates(articles)
    rows = []
    read = [c for c in ("claim_id", "article_id", "text", "times") if c in claims.columns]
    for claim in claims[read].to_dict("records"):  # only the columns read below
        aid = str(claim["article_id"])
        if aid not in dates:
            raise ValueError(f"claim {claim['claim_id']} names article {aid!r}, not in articles")
        published = dates[aid]
        case = _case_date(dates, aid, groups) if published is None else None
        for t in _claim_times(claim, published):
            row = {
                "article_id": aid,
                "claim_id": str(claim["claim_id"]),
                "expression": t.get("text", ""),
                "type": t.get("type", ""),
                "value": t.get("value", ""),
                "start_date": t.get("start_date", "") or "",
                "end_date": t.get("end_date", "") or "",
                "inferred": bool(t.get("inferred", False)),
                "note": t.get("note", "") or "",
                "mod": t.get("mod", "") or "",
                "start": int(t.get("start", -1)),
                "end": int(t.get("end", -1)),
            }
            if published is not None:
                row = _fill_year(row, published, f"year from the article's date {published}")
            elif case is not None:
                why = f"year from other articles in the case: median published date {case}"
                row = _fill_year(row, case, why)
            elif row["value"].startswith("XXXX"):
                row["note"] = row["note"] or "no reference date"
            rows.append(row)
    out = pd.DataFrame(rows, columns=TIMELINE_COLUMNS)
    return out.astype({"inferred": "bool", "start": "int64", "end": "int64"})


@lru_cache(maxsize=65536)
def _words(text: str) -> frozenset[str]:
    """Content-word stems (first 5 letters) of a claim, temporal expressions removed (cached:
    a claim is compared in every story that holds its article, wire copies repeat it)."""
    for t in sorted(tag_times(text), key=lambda r: -r["start"]):
        text = text[: t["start"]] + " " + text[t["end"] :]
    words = re.findall(r"[^\W\d_]{4,}", text.lower())
    return frozenset(w[:5] for w in words if w not in _STOP)


_REFS = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")


def _same_event(a: set[str], b: set[str]) -> bool:
    shared = len(a & b)
    return shared >= _MIN_SHARED_WORDS and shared / max(1, min(len(a), len(b))) >= (
        _MIN_CONTAINMENT
    )


def _own_interval(rows: list[dict]) -> tuple[str, str, str] | None:
    """(start, end, basis) from the narrowest dated expression of a claim, or None."""
    best = None
    for r in rows:
        if r["value"] in _REFS or not r["start_date"] or not r["end_date"]:
            continue
        span = (dt.date.fromisoformat(r["end_date"]) - dt.date.fromisoformat(r["start_date"])).days
        if best is None or span < best[0]:
            how = " (inferred)" if r["inferred"] else ""
            basis = f"own expression{how}: {r['expression']!r} -> {r['value']}"
            best = (span, r["start_date"], r["end_date"], basis)
    return None if best is None else best[1:]


def claim_events(
    claims: pd.DataFrame, articles: pd.DataFrame, timeline: pd.DataFrame, groups=None
) -> pd.DataFrame:
    """Each claim's event interval and its recycled-news flag (columns: see module docstring).
    `groups` (optional): article_id -> story; only articles of one story date each other."""
    require_columns(claims, "claims", ["claim_id", "article_id", "text"])
    require_columns(
        timeline, "timeline", ["claim_id", "value", "start_date", "end_date", "inferred"]
    )
    dates = _article_dates(articles)
    by_claim: dict[str, list[dict]] = {}
    fields = ["claim_id", "value", "start_date", "end_date", "inferred", "expression"]
    for r in timeline.reindex(columns=fields).to_dict("records"):
        by_claim.setdefault(str(r["claim_id"]), []).append(r)
    events = []
    for claim in claims[["claim_id", "article_id", "text"]].to_dict("records"):
        cid, aid = str(claim["claim_id"]), str(claim["article_id"])
        rows = by_claim.get(cid, [])
        own = _own_interval(rows)
        published = dates.get(aid)
        if own:
            start, end, basis = own
        elif published is not None:
            start, end, basis = "", published.isoformat(), "article date bound"
        else:
            start, end, basis = "", "", "no date: undated article, no temporal expression"
        text = str(claim.get("text", "") or "")
        current = own is None and (
            not rows
            or bool(_CURRENT_CUES.search(text))
            or {r["value"] for r in rows} <= {"PRESENT_REF", "PAST_REF"}
        )
        events.append(
            {
                "claim_id": cid,
                "article_id": aid,
                "event_start": start,
                "event_end": end,
                "basis": basis,
                "recycled": False,
                "gap_days": pd.NA,
                "note": "",
                "_own": own is not None,
                "_current": current,
                "_words": _words(text),
            }
        )
    _flag_recycled(events, dates, groups)
    out = pd.DataFrame(events)
    out = out.reindex(columns=EVENT_COLUMNS) if len(out) else pd.DataFrame(columns=EVENT_COLUMNS)
    return out.astype({"recycled": "bool", "gap_days": "Int64"})


def _flag_recycled(events: list[dict], dates: dict[str, dt.date | None], groups=None) -> None:
    groups = groups or {}
    dated = [o for o in events if o["_own"] and o["event_end"]]  # the only possible witnesses
    for e in events:
        published = dates.get(e["article_id"])
        if published is not None and e["_current"]:
            # reported as current: does another article date the same event weeks earlier?
            for o in dated:
                if o["article_id"] == e["article_id"]:
                    continue
                if groups.get(o["article_id"]) != groups.get(e["article_id"]):
                    continue
                gap = (published - dt.date.fromisoformat(o["event_end"])).days
                if gap >= RECYCLED_MIN_DAYS and _same_event(e["_words"], o["_words"]):
                    if e["gap_days"] is pd.NA or gap > e["gap_days"]:
                        e["recycled"], e["gap_days"] = True, gap
                        e["note"] = (
                            f"reported as current on {published}, but article {o['article_id']}"
                            f" dates the event {o['event_end']} ({o['basis']}): {gap} days earlier"
                        )
        elif published is None and e["_own"] and e["event_end"]:
            case = _case_date(dates, e["article_id"], groups)
            if case is None:
                continue
            gap = (case - dt.date.fromisoformat(e["event_end"])).days
            if gap >= RECYCLED_MIN_DAYS:
                e["recycled"], e["gap_days"] = True, gap
                e["note"] = (
                    f"undated article places the event on {e['event_end']}, {gap} days before"
                    f" the other articles of the case (median published {case})"
                )
    for e in events:
        for k in ("_own", "_current", "_words"):
            e.pop(k)
