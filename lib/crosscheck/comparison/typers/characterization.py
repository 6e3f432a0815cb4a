"""Typer `characterization`: phrases of A replaced by other phrases in B (difflib over the
content words), leaving out words that other typers already explain (names, numbers, dates,
attribution, and the values of earlier rows)."""

from __future__ import annotations

import difflib

from crosscheck.comparison.normalise import content_stems
from crosscheck.comparison.typers import register, row


def _span(text: str, words: list[str]) -> str:
    """The stretch of `text` from the first to the last of `words` (keeps function words)."""
    if not words:
        return ""
    start = text.find(words[0])
    end = text.find(words[-1], max(start, 0))
    if start < 0 or end < 0:
        return " ".join(words)
    return " ".join(text[start : end + len(words[-1])].split())


@register("characterization", order=90)
def characterization_rows(a, b, ctx) -> list[dict]:
    """Phrases of A replaced by other phrases in B (difflib over content-word stems)."""
    if not (a["stem_set"] - b["stem_set"]) or not (b["stem_set"] - a["stem_set"]):
        return []
    skip = a["exclude"] | b["exclude"] | _used_stems(ctx.rows)
    seq_a = [s for s, _ in a["stems"]]
    seq_b = [s for s, _ in b["stems"]]
    matcher = difflib.SequenceMatcher(a=seq_a, b=seq_b, autojunk=False)
    set_a, set_b = set(seq_a), set(seq_b)
    phrases_a, phrases_b = [], []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "replace":
            continue
        wa = [w for s, w in a["stems"][i1:i2] if s not in skip and s not in set_b]
        wb = [w for s, w in b["stems"][j1:j2] if s not in skip and s not in set_a]
        if wa and wb:
            phrases_a.append(_span(a["text"], [w for _, w in a["stems"][i1:i2]]))
            phrases_b.append(_span(b["text"], [w for _, w in b["stems"][j1:j2]]))
    if not phrases_a:
        return []
    wa, wb = " | ".join(phrases_a[:3]), " | ".join(phrases_b[:3])
    return [
        row(
            "characterization",
            2,
            f"The two describe it differently: A says '{wa}' where B says '{wb}'.",
            wa,
            wb,
            detail=f"{len(phrases_a)} replaced phrase(s)",
        )
    ]


def _used_stems(rows: list[dict]) -> set[str]:
    out: set[str] = set()
    for r in rows:
        for v in (r["value_a"], r["value_b"]):
            out |= {s for s, _ in content_stems(v)}
    return out
