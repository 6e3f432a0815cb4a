"""One dispatch point for articles that are not English (crosscheck.claims.extract_claims calls it).

Public functions
----------------
languages(articles) -> list[str]   the articles' `language` column (crosscheck.load adds it);
    without it, "en" for every text except those written mostly in Cyrillic, which are detected
    (crosscheck.text.language), so a hand-made English table behaves exactly as before
needs_routing(articles) -> bool    some article is not English
extract_by_language(articles, english, schema) -> claims
    English articles -> `english` (crosscheck.claims.extract_claims, unchanged); Russian and
    Ukrainian -> crosscheck.text.slavic (imported only here, so only when such an article is
    present); any other language -> no claims and a warning naming the article (never analysed
    as English). Claims keep the articles' order.
"""

from __future__ import annotations

import warnings

import pandas as pd

from crosscheck.text.language import ANALYSED, detect, script

SLAVIC = ("ru", "uk")


def languages(articles: pd.DataFrame) -> list[str]:
    if "language" in articles.columns:
        return [str(v) if isinstance(v, str) and v else "en" for v in articles["language"]]
    texts = articles["text"] if "text" in articles.columns else [""] * len(articles)
    return [
        detect(t)["language"] if isinstance(t, str) and script(t) == "cyr" else "en" for t in texts
    ]


def needs_routing(articles: pd.DataFrame) -> bool:
    return any(lang != "en" for lang in languages(articles))


def extract_by_language(articles: pd.DataFrame, english, schema) -> pd.DataFrame:
    """Claims of every article by its language (see the module docstring)."""
    langs = languages(articles)
    table = articles.copy()
    table["language"] = langs
    columns = list(schema.columns)
    parts = []
    en = table[table["language"] == "en"]
    if len(en):
        parts.append(english(en))
    slavic = table[table["language"].isin(SLAVIC)]
    if len(slavic):
        from crosscheck.text import slavic as slavic_mod  # noqa: PLC0415 - Russian packages

        parts.append(pd.DataFrame(slavic_mod.extract(slavic), columns=columns))
    for rec in table[~table["language"].isin(ANALYSED)].itertuples():
        warnings.warn(
            f"article {rec.article_id!r}: language {rec.language!r} is not analysed; "
            "no claims are extracted from it (it is not read as English)",
            stacklevel=3,
        )
    parts = [p for p in parts if len(p)]
    if not parts:
        return english(table.iloc[0:0])
    claims = pd.concat(parts, ignore_index=True)
    order = {a: i for i, a in enumerate(table["article_id"].astype(str))}
    claims = claims.sort_values(
        ["article_id", "seq"], key=lambda s: s.map(order) if s.name == "article_id" else s
    )
    for col in ("seq", "start", "end", "certainty_rank", "event_stage_rank", "paragraph"):
        claims[col] = claims[col].astype(int)
    claims["certainty_score"] = claims["certainty_score"].astype(float)
    for col in ("attributed", "speaker_inherited", "negated", "attribution_strong", "quoted"):
        claims[col] = claims[col].astype(bool)
    return schema.validate(claims.reset_index(drop=True))
