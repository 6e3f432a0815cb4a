"""Typer `certainty_shift`: the claims' certainty rank (fact .. speculative) and the stage of the
event (approach -> reach -> control) differ; up in B is an escalation.

Severity of a rank shift: 4 up (B more certain), 3 down; 2 when neither side hedges (the only
cues are a firmly stated plan or future, "will", "is set to", a headline's "to": see
crosscheck.comparison.typers.attribution.hedged): "will host" and "hosts" tell the same plan,
the tense differs."""

from __future__ import annotations

from crosscheck.comparison.typers import register, row
from crosscheck.comparison.typers.attribution import hedged


@register("certainty_shift", order=40)
def certainty_rows(a, b, ctx) -> list[dict]:
    out = []
    if a["rank"] is not None and b["rank"] is not None and a["rank"] != b["rank"]:
        up = b["rank"] < a["rank"]  # rank 0 = fact: lower in B = B more certain
        firm = not hedged(a) and not hedged(b)
        out.append(
            row(
                "certainty_shift",
                2 if firm else 4 if up else 3,
                f"B states it {'more' if up else 'less'} firmly "
                f"({b['certainty'] or b['rank']}) than A "
                f"({a['certainty'] or a['rank']}).",
                a["certainty"] or a["rank"],
                b["certainty"] or b["rank"],
                direction="escalation" if up else "de-escalation",
                detail="certainty_rank",
            )
        )
    if a["stage"] is not None and b["stage"] is not None and a["stage"] != b["stage"]:
        up = b["stage"] > a["stage"]
        out.append(
            row(
                "certainty_shift",
                4 if up else 3,
                f"B describes the event as further {'along' if up else 'back'} "
                f"('{b['stage_cue']}') than A ('{a['stage_cue']}').",
                a["stage_cue"],
                b["stage_cue"],
                direction="escalation" if up else "de-escalation",
                detail=f"event_stage {a['stage']} -> {b['stage']}",
            )
        )
    return out
