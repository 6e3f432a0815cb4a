"""Typer `certainty_shift`: the claims' certainty rank (fact .. speculative) and the stage of the
event (approach -> reach -> control) differ; up in B is an escalation.

Severity of a rank shift: 4 up (B more certain), 3 down; 2 when neither side hedges (the only
cues are a firmly stated plan or future, "will", "is set to", a headline's "to": see
crosscheck.comparison.typers.attribution.hedged): "will host" and "hosts" tell the same plan,
the tense differs.

Headline grammar is no shift: fact against expected where one side is a headline (its present
tense may report a past or an announced event, its "to" + verb is a plan) counts only when the
fact side is a body sentence that states the event happened (past or perfect main verb)."""

from __future__ import annotations

import pandas as pd

from crosscheck.comparison.normalise import tokens
from crosscheck.comparison.typers import register, row
from crosscheck.comparison.typers.attribution import hedged
from crosscheck.comparison.views import is_headline
from crosscheck.text import lexicon

_PAST = lexicon.words("irregular_past_verbs")


def _states_done(claim) -> bool:
    """A body claim whose main verb is past or perfect ("hosted", "has hosted", "was named")."""
    toks = tokens(claim["text"])
    for t in toks:
        if t.dep == "ROOT" and t.pos in ("VERB", "AUX"):
            aux = {x.lemma for x in toks if x.head == t.i and x.dep in ("aux", "auxpass")}
            past = t.lower in _PAST or (t.lower.endswith("ed") and t.lower != t.lemma)
            return (past or "have" in aux) and not aux & {"will", "shall", "to"}
    return False


def _headline_grammar(a, b) -> bool:
    """Fact against expected where one side is a headline: a headline's present tense is no
    statement that it happened, its "to" + verb a plan; the two differ only when the fact side
    is a body sentence that states it happened (past or perfect)."""
    if not (is_headline(a) or is_headline(b)) or {a["rank"], b["rank"]} != {0, 1}:
        return False
    fact = a if a["rank"] == 0 else b
    return is_headline(fact) or not _states_done(fact)


@register("certainty_shift", order=40)
def certainty_rows(a, b, ctx) -> list[dict]:
    out = []
    ranked = pd.notna(a["rank"]) and pd.notna(b["rank"]) and a["rank"] != b["rank"]
    if ranked and not _headline_grammar(a, b):
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
