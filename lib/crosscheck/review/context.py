"""Context for a review item: which article, outlet, headline and date, the paragraph around
the claim with the claim highlighted, and the whole article on demand.

article_labels(articles) -> {article_id: short label}: the outlet, else the headline cut to
    LABEL_CHARS, else "article N"; two articles with the same label get " (1)", " (2)"
label_of(labels, article_id) -> the label, or the id when unknown
article_facts(article) -> "Outlet · Headline · 2025-08-16" ("undated" when no date)
paragraph(text, start, end) -> (p_start, p_end): the paragraph (blank-line or line-break
    separated) holding text[start:end]
claim_context_html(article, claim, side="A") -> HTML: facts, the paragraph with the claim in
    <mark>, and a <details> element that opens the whole article (claim highlighted). Escaped.
nearest_places(name, limit=3) -> "Rodynske 0.73, ..." (crosscheck.gazetteer.check_place)
"""

from __future__ import annotations

import pandas as pd

from crosscheck.review.export import _text, escape_html

LABEL_CHARS = 32


def _short(text: str, n: int = LABEL_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def article_labels(articles: pd.DataFrame | None) -> dict[str, str]:
    if articles is None or articles.empty:
        return {}
    raw = {}
    for n, art in enumerate(articles.to_dict("records"), start=1):
        label = _text(art.get("outlet")) or _short(_text(art.get("headline"))) or f"article {n}"
        raw[str(art["article_id"])] = _short(label)
    counts = pd.Series(list(raw.values())).value_counts()
    seen: dict[str, int] = {}
    out = {}
    for aid, label in raw.items():
        if counts[label] > 1:
            seen[label] = seen.get(label, 0) + 1
            label = f"{label} ({seen[label]})"
        out[aid] = label
    return out


def label_of(labels: dict, article_id) -> str:
    aid = _text(article_id)
    return labels.get(aid, aid)


def article_facts(article: dict | None) -> str:
    if not article:
        return "unknown article"
    date = _text(article.get("published"))[:10] or "undated"
    parts = [_text(article.get("outlet")), _text(article.get("headline")), date]
    return " · ".join(p for p in parts if p)


def paragraph(text: str, start: int, end: int) -> tuple[int, int]:
    p_start = max(text.rfind("\n", 0, max(start, 0)) + 1, 0)
    p_end = text.find("\n", max(end, start))
    return p_start, len(text) if p_end < 0 else p_end


def _highlighted(text: str, start: int, end: int, lo: int, hi: int) -> str:
    body = (
        escape_html(text[lo:start])
        + f"<mark>{escape_html(text[start:end])}</mark>"
        + escape_html(text[end:hi])
    )
    return body.replace("\n", "<br>")


def claim_context_html(article: dict | None, claim: dict | None, side: str = "A") -> str:
    facts = escape_html(article_facts(article))
    if not article or not claim:
        return f"<p><b>{escape_html(side)}</b>: {facts}</p>"
    text = _text(article.get("text"))
    start, end = int(claim.get("start", 0) or 0), int(claim.get("end", 0) or 0)
    if not (0 <= start <= end <= len(text)):
        return f"<p><b>{escape_html(side)}</b>: {facts}</p><p>(claim offsets out of range)</p>"
    lo, hi = paragraph(text, start, end)
    return (
        f"<p><b>{escape_html(side)}</b>: {facts}</p>"
        f'<blockquote style="margin:4px 0">{_highlighted(text, start, end, lo, hi)}</blockquote>'
        "<details><summary>Open the whole article</summary>"
        f'<div style="max-height:30em;overflow:auto">'
        f"{_highlighted(text, start, end, 0, len(text))}</div></details>"
    )


def nearest_places(name: str, context: str = "", limit: int = 3) -> str:
    """The nearest real gazetteer names of a place, with their scores ("" when none)."""
    from crosscheck.gazetteer import check_place

    try:
        found = check_place(name, context)
    except ValueError:
        return ""
    if found["status"] == "found":
        return ""
    return ", ".join(f"{m['name']} {m['score']:.2f}" for m in found["matches"][:limit])
