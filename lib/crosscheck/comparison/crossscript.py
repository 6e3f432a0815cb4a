"""Typing a pair of claims written in two scripts (an original in Cyrillic beside an English
rewrite), without translation.

type_cross_script(a, b, judge) -> rows (as the typers registry returns them)
    The assembly (crosscheck.comparison.discrepancies) sends a pair here instead of the typers
    registry when the two claim views have different scripts. Only the kinds that need no
    translation are typed:
    - entity_variant: places no name of the other side renders (crosslang.entity_pairs), judged
      by the entity check, kept when invented or two different known places
      (crosslang.keep_entity_row); a Latin place without counterpart and in no gazetteer
      (crosslang.unknown_place_rows), also when the NER did not tag it but it stands in a place
      position (crosslang.untagged_place_rows: "near X", "the village of X", "the X district");
    - quantity: matched by value, not unit (crosslang.quantity_rows);
    - attribution: the attribution typer's speaker rows (not the medium), dropped when the English
      side reports a source anyway (crosslang.attribution_kept) or when the only source is an
      English agentless passive (UNNAMED: the other extractor has no such rule), plus sources
      the English extractor did not take as a speaker (crosslang.unextracted_source_rows);
    - certainty_shift: hedges compared (crosslang.certainty_rows), and the event stage rows of the
      certainty typer;
    - time: the time typer's rows, except the same weekdays read into different weeks
      (crosslang.time_kept) and a time of day on one side only (the Russian and Ukrainian
      extractor reads no parts of the day: "к утру" is there but not extracted).
    Kinds in crosslang.NEEDS_TRANSLATION (characterization, reference_point) are never typed.
"""

from __future__ import annotations

from crosscheck.comparison import crosslang
from crosscheck.comparison.names import judged_pairs
from crosscheck.comparison.typers import Context
from crosscheck.comparison.typers.attribution import attribution_rows
from crosscheck.comparison.typers.certainty import certainty_rows
from crosscheck.comparison.typers.entity_variant import judged_rows
from crosscheck.comparison.typers.time import FINER, time_rows
from crosscheck.text.attribution import UNNAMED


def differ(a: dict, b: dict) -> bool:
    """The two claim views are written in different scripts."""
    return crosslang.differ(a.get("script", ""), b.get("script", ""))


def _named(a: dict, b: dict) -> bool:
    """False when the only source is the English extractor's agentless passive ("was declared":
    UNNAMED): the Russian and Ukrainian extractor has no such rule, so the other side's passive
    would read as no source."""
    return {a["speaker"], b["speaker"]} - {""} != {UNNAMED}


def _time_kept(r: dict, a: dict, b: dict) -> bool:
    return crosslang.time_kept(r, a, b) and not r["detail"].startswith(FINER)


def type_cross_script(a: dict, b: dict, judge=None) -> list[dict]:
    """An original beside a rewrite in another script (see the module docstring)."""
    ctx = Context(judge=judge)
    judged = judged_pairs(a, b, judge, crosslang.entity_pairs(a, b))
    rows = [r for r in judged_rows(judged, referents=True) if crosslang.keep_entity_row(r)]
    rows += crosslang.unknown_place_rows(a, b)
    rows += crosslang.untagged_place_rows(a, b)
    rows += crosslang.quantity_rows(a, b)
    rows += [
        r
        for r in attribution_rows(a, b, ctx)
        if r["detail"] != "medium" and crosslang.attribution_kept(r, a, b) and _named(a, b)
    ]
    rows += crosslang.unextracted_source_rows(a, b)
    rows += crosslang.certainty_rows(a, b)
    rows += [r for r in certainty_rows(a, b, ctx) if r["detail"].startswith("event_stage")]
    rows += [r for r in time_rows(a, b, ctx) if _time_kept(r, a, b)]
    return [r for r in rows if r["kind"] not in crosslang.NEEDS_TRANSLATION]
