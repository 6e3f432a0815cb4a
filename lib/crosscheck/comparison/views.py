"""Claim views: everything the typers read about one claim, computed once per claim.

claim_view(row, events, judge) -> dict with text, norm, ents (name, kind, norm, tokens, entity
record), quants, times, stage / stage_cue (event stage: approach -> reach -> control), rank /
certainty, speaker, speaker_kind, medium, attributed, exclude (words of
names, numbers, dates and attribution, which their own typers judge), recent, event (timeline
row), script ("cyr" | "lat" | "": crosscheck.text.language.script), cues (certainty cues),
sig (a digest: claims with equal views type the same way).
"""

from __future__ import annotations

import hashlib
import re

import numpy as np
import pandas as pd

from crosscheck.comparison.names import name_tokens
from crosscheck.comparison.normalise import as_list, norm, text_of, word_keys
from crosscheck.text.headline import headline_style
from crosscheck.text.language import script

_STAGE_CUES = [  # progress of an advance: 0 approach, 1 reach, 2 control
    (
        2,
        r"captur\w*|seiz\w*|takeover|took control|taken control|fell to|fallen|occupied|"
        r"liberat\w*|expell\w*|expulsion|drove out|driven out|overr[au]n",
    ),
    (1, r"advanced to|reached|arrived at|entered|on the outskirts|pushed back|broke through"),
    (
        0,
        r"within (?:striking|firing) range|edg\w* closer|clos\w* in on|approach\w*|"
        r"advanc\w* (?:on|toward|towards)|threaten\w*|push toward|moving toward",
    ),
]
_STAGE_RE = [(stage, re.compile(r"\b(?:" + pat + r")\b")) for stage, pat in _STAGE_CUES]
_CLAIM_STAGES = ("", "approach", "advance", "reach", "capture")  # crosscheck.claims
_RECENT_RE = re.compile(r"\b(recent\w*|latest|just|this week|these days|now|new)\b")


def is_headline(view: dict) -> bool:
    """The claim view is headline-style text (a missing or NaN flag is no headline)."""
    return view.get("headline") is True


def claim_view(row, events: dict, judge) -> dict:
    text = row["text"]
    ents = []
    for e in as_list(row.get("entities")):
        if isinstance(e, dict) and text_of(e.get("text")):
            name = text_of(e["text"])
            rec = judge.lookup(text_of(row["article_id"]), name)
            ents.append((name, text_of(e.get("kind")), norm(name), name_tokens(name), rec))
    quants = [q for q in as_list(row.get("quantities")) if isinstance(q, dict)]
    times = [t for t in as_list(row.get("times")) if isinstance(t, dict)]
    stage, cue = _claim_stage(row, text)
    rank = row.get("certainty_rank")
    rank = None if rank is None or pd.isna(rank) else int(rank)
    speaker = text_of(row.get("speaker"))
    attributed = row.get("attributed")
    attributed = bool(speaker) if attributed is None or pd.isna(attributed) else bool(attributed)
    exclude = set()
    attribution = [text_of(row.get(c)) for c in ("medium", "attribution_verb", "speaker_role")]
    owned = [speaker, *attribution]
    owned += [text_of(q.get("text")) for q in quants] + [text_of(t.get("text")) for t in times]
    if speaker:  # who said it is the attribution check's business, not characterization's
        attribution += ["according to", "also"]
    for piece in [speaker, *attribution] + [e[0] for e in ents]:
        exclude |= word_keys(piece)
    for piece in [text_of(q.get("text")) for q in quants] + [text_of(t.get("text")) for t in times]:
        exclude |= word_keys(piece)
    ev = events.get(row["claim_id"], {})
    info = {
        "text": text,
        "ents": ents,
        "quants": quants,
        "times": times,
        "stage": stage,
        "stage_cue": cue,
        "rank": rank,
        "certainty": text_of(row.get("certainty")),
        "speaker": speaker,
        "speaker_kind": text_of(row.get("speaker_kind")),
        "medium": text_of(row.get("medium")),
        "attributed": attributed,
        "exclude": exclude,
        "owned": tuple(p for p in owned if p),
        "recent": bool(_RECENT_RE.search(norm(text))),
        "event": ev,
        "headline": headline_style(text).headline,  # headline grammar (text.headline)
    }
    info["ent_norms"] = {e[2] for e in ents}
    info["script"] = script(text)  # "cyr" | "lat" | "": a pair in two scripts is typed apart
    info["cues"] = [text_of(c) for c in as_list(row.get("certainty_cues"))]
    info["norm"] = norm(text)
    info["sig"] = hashlib.sha1(
        repr([(k, v) for k, v in info.items() if k != "exclude"]).encode()
    ).digest()
    return info


def _claim_stage(row: dict, text: str) -> tuple[int | None, str]:
    """The claims table's event_stage_rank / event_stage when present, else the lexicon."""
    name = row.get("event_stage")
    name = "" if name is None or (isinstance(name, float) and np.isnan(name)) else name
    rank = row.get("event_stage_rank")
    if rank is not None and not pd.isna(rank):
        return (int(rank), str(name) or f"stage {int(rank)}") if int(rank) > 0 else (None, "")
    if isinstance(name, (int, np.integer)):
        return int(name), f"stage {int(name)}"
    if "event_stage" in row:
        return (_CLAIM_STAGES.index(name), name) if name in _CLAIM_STAGES else (None, "")
    return _event_stage(text)


def _event_stage(text: str) -> tuple[int | None, str]:
    low = norm(text)
    for stage, pattern in _STAGE_RE:
        m = pattern.search(low)
        if m:
            return stage, m.group(0)
    return None, ""
