"""Typer `entity_variant`: two names in the same place of aligned claims, judged by the entity
check (crosscheck.entities.compare_names through the case's entities table). Severity 5 when the
verdict is unresolved/distinct or a place is not in the gazetteer, 1 for a spelling variant."""

from __future__ import annotations

import numpy as np
from rapidfuzz import fuzz
from scipy.optimize import linear_sum_assignment

from crosscheck.comparison.names import ent_match, kind_group
from crosscheck.comparison.normalise import content_stems, norm
from crosscheck.comparison.typers import register, row


def context_words(text: str, name: str) -> set[str]:
    """Content words within 60 characters of `name` in `text`."""
    pos = text.find(name)
    if pos < 0:
        return set()
    window = text[max(0, pos - 60) : pos] + " " + text[pos + len(name) : pos + len(name) + 60]
    return {s for s, _ in content_stems(window)}


def _pair_entities(a: dict, b: dict) -> list[tuple[tuple, tuple]]:
    """Entities of A and B that differ in name but stand in the same place in the claim."""
    if a["ent_norms"] <= b["ent_norms"] or b["ent_norms"] <= a["ent_norms"]:
        return []
    left_a = [
        e
        for e in a["ents"]
        if e[2] not in b["ent_norms"] and not any(ent_match(e, o) for o in b["ents"])
    ]
    left_b = [
        e
        for e in b["ents"]
        if e[2] not in a["ent_norms"] and not any(ent_match(e, o) for o in a["ents"])
    ]
    if not left_a or not left_b:
        return []
    score = np.zeros((len(left_a), len(left_b)))
    for i, ea in enumerate(left_a):
        ctx_a = context_words(a["text"], ea[0])
        for j, eb in enumerate(left_b):
            ctx_b = context_words(b["text"], eb[0])
            name = fuzz.ratio(norm(ea[0]), norm(eb[0])) / 100
            ctx = len(ctx_a & ctx_b) / max(len(ctx_a | ctx_b), 1)
            same_kind = kind_group(ea[1]) == kind_group(eb[1])
            score[i, j] = 0.6 * name + 0.4 * ctx + (0.1 if same_kind else 0.0)
    rows, cols = linear_sum_assignment(score, maximize=True)
    out = []
    for i, j in zip(rows, cols, strict=True):
        substitution = len(left_a) == len(left_b) == 1 and (
            kind_group(left_a[i][1]) == kind_group(left_b[j][1])
        )
        if score[i, j] >= 0.5 or substitution:
            out.append((left_a[i], left_b[j]))
    return out


@register("entity_variant", order=10)
def entity_rows(a, b, ctx) -> list[dict]:
    out = []
    for ea, eb in _pair_entities(a, b):
        name_a, name_b, kind = ea[0], eb[0], ea[1] or eb[1]
        res = ctx.judge.judge(name_a, ea[4], kind, a["text"], name_b, eb[4], b["text"])
        verdict = res["verdict"]
        missing = [
            n
            for side, n in (("a", name_a), ("b", name_b))
            if res["gazetteer"].get(side) == "not_found"
        ]
        severe = verdict in ("unresolved", "distinct") or bool(missing)
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
