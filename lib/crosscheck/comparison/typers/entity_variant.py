"""Typer `entity_variant`: two names in the same place of aligned claims, judged by the entity
check (crosscheck.entities.compare_names through the case's entities table). Severity 5 when the
verdict is unresolved or a place is not in the gazetteer, 1 for a spelling variant (also when
the gazetteer lacks the place but the two names are one standard news short form of it,
'Calif.' / 'California': lexicon place_abbreviations via entities.expand_place). Two names
the check calls distinct that are both real are the `referent` typer's row."""

from __future__ import annotations

from crosscheck.comparison.names import judged_pairs, kind_group
from crosscheck.comparison.typers import register, row
from crosscheck.entities import expand_place

DIFFERENT_SPELLING = 0.5  # compare_names score under which two names share little spelling


def not_found(res: dict, name_a: str, name_b: str) -> list[str]:
    """The names the gazetteer does not find (places only)."""
    gaz = res.get("gazetteer", {})
    return [n for side, n in (("a", name_a), ("b", name_b)) if gaz.get(side) == "not_found"]


def is_other_referent(res: dict, name_a: str, name_b: str) -> bool:
    """Distinct names that are both real places, or that share little spelling: a different
    referent. A distinct name close in spelling to the other and unknown to the gazetteer stays
    an entity_variant (possibly a garbled or invented place)."""
    if res["verdict"] != "distinct":
        return False
    score = res.get("score")
    far = score is not None and float(score) < DIFFERENT_SPELLING
    return far or not not_found(res, name_a, name_b)


def _one_short_form(name_a: str, name_b: str) -> bool:
    """The two names are the same place once standard news short forms are written out."""
    (xa, ua), (xb, ub) = expand_place(name_a), expand_place(name_b)
    return bool(ua or ub) and xa.casefold() == xb.casefold()


@register("entity_variant", order=10)
def entity_rows(a, b, ctx) -> list[dict]:
    return judged_rows(judged_pairs(a, b, ctx.judge))


def judged_rows(judged, referents: bool = False) -> list[dict]:
    """One row per (entity of A, entity of B, entity-check result); two different referents
    only when `referents` (else they are the referent typer's row)."""
    out = []
    for ea, eb, res in judged:
        name_a, name_b, kind = ea[0], eb[0], ea[1] or eb[1]
        verdict = res["verdict"]
        missing = not_found(res, name_a, name_b)
        if not referents and is_other_referent(res, name_a, name_b):
            continue  # two different referents: the referent typer's row
        short_form = verdict == "variant" and _one_short_form(name_a, name_b)
        severe = verdict in ("unresolved", "distinct") or (bool(missing) and not short_form)
        what = "place" if kind_group(kind) == "place" else "name"
        explanation = f"B names the {what} '{name_b}' where A has '{name_a}'; "
        explanation += {
            "variant": "the entity check reads them as spelling variants of one name",
            "unresolved": "the entity check cannot tell whether they are the same",
            "distinct": "the entity check says they are different",
        }.get(verdict, f"the entity check says {verdict}")
        if missing:
            explanation += "; the gazetteer finds no place called " + " or ".join(
                f"'{n}'" for n in missing
            )
        score = res.get("score")
        detail = f"verdict={verdict}"
        if score is not None:
            detail += f"; score={float(score):.2f}"
        if res.get("evidence"):
            detail += "; " + "; ".join(res["evidence"][:3])
        if res["gazetteer"]:
            detail += "; gazetteer " + ", ".join(
                f"{k}={v}" for k, v in sorted(res["gazetteer"].items())
            )
        out.append(
            row(
                "entity_variant",
                5 if severe else 1,
                explanation + ".",
                name_a,
                name_b,
                detail=detail,
            )
        )
    return out
