"""Typer `referent` (severity 5): a different person, place, organisation, unit or weapon in the
same place of aligned claims.

Named referents: the name pairs of crosscheck.comparison.names.pair_entities that the entity
check (crosscheck.entities.compare_names, the one authority on name identity) calls distinct,
both names being real (a name the gazetteer does not find stays an entity_variant). A spelling or
transliteration variant of one referent is never a referent row.
Common nouns: two different nouns of one class of the lexicon ``referent_classes`` (weapon, unit,
vehicle, person, role, kin), each absent from the other claim ("a drone" / "a missile").
"""

from __future__ import annotations

from crosscheck.comparison.names import judged_pairs
from crosscheck.comparison.normalise import tokens
from crosscheck.comparison.typers import register, row
from crosscheck.comparison.typers.entity_variant import not_found
from crosscheck.text import lexicon

_CLASS = lexicon.by_attr("referent_classes", "class")


def _class_nouns(text: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for t in tokens(text):
        cls = _CLASS.get(t.lemma) if t.pos in ("NOUN", "PROPN") else None
        if cls:
            out.setdefault(cls, set()).add(t.lemma)
    return out


def _named_rows(a, b, ctx) -> list[dict]:
    out = []
    for ea, eb, res in judged_pairs(a, b, ctx.judge):
        if res["verdict"] != "distinct" or not_found(res, ea[0], eb[0]):
            continue
        evidence = "; ".join(res.get("evidence", [])[:3])
        out.append(
            row(
                "referent",
                5,
                f"A names '{ea[0]}' where B names '{eb[0]}' in the same claim; the entity check "
                "says they are different referents, not spellings of one name.",
                ea[0],
                eb[0],
                detail=f"verdict=distinct; kind={ea[1] or eb[1]}"
                + (f"; {evidence}" if evidence else ""),
            )
        )
    return out


def _noun_rows(a, b) -> list[dict]:
    ca, cb = _class_nouns(a["text"]), _class_nouns(b["text"])
    out = []
    for cls in sorted(set(ca) & set(cb)):
        only_a, only_b = sorted(ca[cls] - cb[cls]), sorted(cb[cls] - ca[cls])
        if only_a and only_b:
            wa, wb = ", ".join(only_a), ", ".join(only_b)
            out.append(
                row(
                    "referent",
                    5,
                    f"A speaks of {wa} where B speaks of {wb} (a different {cls}).",
                    wa,
                    wb,
                    detail=f"class={cls}",
                )
            )
    return out


@register("referent", order=12)
def referent_rows(a, b, ctx) -> list[dict]:
    return _named_rows(a, b, ctx) + _noun_rows(a, b)
