"""Typer `quantity` (also emits `reference_point`): numbers of aligned claims compared by value,
unit and approximation; the same number measured from something else is a reference_point."""

from __future__ import annotations

import re

from crosscheck.comparison.normalise import norm, quantity_key, text_of, word_keys
from crosscheck.comparison.typers import register, row


def _after(text: str, qtext: str) -> str:
    """The words after a quantity up to punctuation: what it is measured from or of."""
    pos = text.find(qtext) if qtext else -1
    if pos < 0:
        return ""
    tail = re.split(r"[,;.:!?()\"“”]|\baccording\b|\bsaid\b", text[pos + len(qtext) :], maxsplit=1)[
        0
    ]
    return " ".join(tail.split()[:10])


@register("quantity", order=20, emits=("reference_point",))
def quantity_rows(a, b, ctx) -> list[dict]:
    out = []
    qa = [(q, quantity_key(q)) for q in a["quants"]]
    qb = [(q, quantity_key(q)) for q in b["quants"]]
    used_b: set[int] = set()
    left_a = []
    for q, key in qa:
        j = next((j for j, (_, kb) in enumerate(qb) if kb == key and j not in used_b), None)
        if j is None:
            left_a.append((q, key))
            continue
        used_b.add(j)
        q2 = qb[j][0]
        approx_a, approx_b = norm(q.get("approx")), norm(q2.get("approx"))
        if approx_a != approx_b:
            out.append(
                row(
                    "quantity",
                    4,
                    f"Both give {key}, but A says '{q.get('text')}' and B '{q2.get('text')}' "
                    "(the approximation differs).",
                    q.get("text"),
                    q2.get("text"),
                    detail=f"approx: '{approx_a}' vs '{approx_b}'",
                )
            )
        ref_a, ref_b = (
            _after(a["text"], text_of(q.get("text"))),
            _after(b["text"], text_of(q2.get("text"))),
        )
        sa, sb = set(word_keys(ref_a)), set(word_keys(ref_b))
        if sa and sb and len(sa & sb) / len(sa | sb) < 0.34:
            out.append(
                row(
                    "reference_point",
                    3,
                    f"Both give '{q.get('text')}', but A measures it {ref_a!r} and B {ref_b!r}.",
                    ref_a,
                    ref_b,
                    detail=f"quantity {key}",
                )
            )
    left_b = [(q, k) for j, (q, k) in enumerate(qb) if j not in used_b]
    units_b = {}
    for q, k in left_b:
        units_b.setdefault(norm(q.get("unit")), []).append((q, k))
    for q, key in left_a:
        cands = units_b.get(norm(q.get("unit")), [])
        if cands:
            q2, key2 = cands.pop(0)
            out.append(
                row(
                    "quantity",
                    4,
                    f"A gives '{q.get('text')}' where B gives '{q2.get('text')}'.",
                    q.get("text"),
                    q2.get("text"),
                    detail=f"{key} vs {key2}",
                )
            )
        else:
            out.append(
                row(
                    "quantity",
                    2,
                    f"Only A gives the number '{q.get('text')}'.",
                    q.get("text"),
                    "",
                    detail=key,
                )
            )
    for cands in units_b.values():
        for q2, key2 in cands:
            out.append(
                row(
                    "quantity",
                    2,
                    f"Only B gives the number '{q2.get('text')}'.",
                    "",
                    q2.get("text"),
                    detail=key2,
                )
            )
    return out
