"""Typer `quote_altered` (severity 4): a direct quotation whose words differ between the claims.

Quotations are the spans between double quotes (straight or curly) of at least three words.
Two quotations correspond when they share at least half the words of the shorter; they differ
when their word sequences (lower case, punctuation and ellipses ignored) are not equal. The row
names the changed words on each side. A quotation present on one side only is not this typer's
business (the detail typer reads missing material).
"""

from __future__ import annotations

import difflib
import re

from crosscheck.comparison.normalise import norm
from crosscheck.comparison.typers import register, row

_QUOTE_RE = re.compile(r"[\"“”„«»]([^\"“”„«»]{3,}?)[\"“”„«»]")
_WORD_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
MIN_WORDS = 3


def quotations(text: str) -> list[tuple[str, list[str]]]:
    """(quoted text, its words) of every quotation of at least MIN_WORDS words."""
    out = []
    for m in _QUOTE_RE.finditer(text):
        words = _WORD_RE.findall(norm(m.group(1)).replace("’", "'"))
        if len(words) >= MIN_WORDS:
            out.append((m.group(1).strip(), words))
    return out


def _changed(wa: list[str], wb: list[str]) -> tuple[str, str]:
    matcher = difflib.SequenceMatcher(a=wa, b=wb, autojunk=False)
    ca, cb = [], []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            ca.append(" ".join(wa[i1:i2]) or "(nothing)")
            cb.append(" ".join(wb[j1:j2]) or "(nothing)")
    return " | ".join(ca), " | ".join(cb)


@register("quote_altered", order=15)
def quote_rows(a, b, ctx) -> list[dict]:
    qa, qb = quotations(a["text"]), quotations(b["text"])
    out = []
    for text_a, wa in qa:
        for text_b, wb in qb:
            shared = len(set(wa) & set(wb))
            if shared * 2 < min(len(set(wa)), len(set(wb))) or wa == wb:
                continue
            if " ".join(wa) in " ".join(wb) or " ".join(wb) in " ".join(wa):
                continue  # one quotes a part of the other (an ellipsis or a shorter cut)
            ca, cb = _changed(wa, wb)
            out.append(
                row(
                    "quote_altered",
                    4,
                    f"The quotation differs: A quotes '{text_a}', B quotes '{text_b}' "
                    f"(A has '{ca}' where B has '{cb}').",
                    text_a,
                    text_b,
                    detail=f"changed words: {ca} -> {cb}",
                )
            )
    return out
