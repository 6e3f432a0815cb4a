"""Off-topic articles: an article of a case that is not about the case's story.

``off_topic(articles, claims, alignment) -> dict[article_id, reason]``: in a case of three or more
articles, an article is off-topic when (1) none of its claims aligns with a claim of another
article, (2) it shares no named entity (transliteration-insensitive name key) with any other
article and (3) the story grouping (crosscheck.grouping) puts it in a story of its own. The
pipeline reports it as a warning row, leaves it out of alignment and typing, and never lets it
supply a reference date (``story_groups``: the year of an undated article is inferred only from
the articles of its own story).
"""

from __future__ import annotations

import pandas as pd

from crosscheck import grouping
from crosscheck.comparison.normalise import as_list, text_of
from crosscheck.translit import name_key

MIN_ARTICLES = 3  # with two articles there is no "rest of the case" to be off-topic from


def _entity_keys(claims: pd.DataFrame) -> dict[str, set[str]]:
    keys: dict[str, set[str]] = {}
    if "entities" not in claims.columns:
        return keys
    for aid, ents in zip(claims["article_id"], claims["entities"], strict=True):
        for e in as_list(ents):
            if isinstance(e, dict) and text_of(e.get("text")).strip():
                key = name_key(text_of(e["text"]))
                if key:
                    keys.setdefault(str(aid), set()).add(key)
    return keys


def _aligned_articles(alignment: pd.DataFrame) -> set[str]:
    if alignment is None or alignment.empty:
        return set()
    done = alignment[alignment["status"] == "aligned"]
    return set(done["article_a"].astype(str)) | set(done["article_b"].astype(str))


def _alone_in_story(articles: pd.DataFrame, keys: dict[str, set[str]]) -> set[str]:
    table = pd.DataFrame(
        {
            "article_id": articles["article_id"].astype(str),
            "text": articles["text"].fillna("").astype(str) if "text" in articles else "",
            "published": articles["published"].fillna("").astype(str)
            if "published" in articles
            else "",
            "entity_keys": [sorted(keys.get(str(a), ())) for a in articles["article_id"]],
        }
    )
    stories = grouping.group_stories(table)
    sizes = stories["story_id"].map(stories["story_id"].value_counts())
    return set(stories.loc[sizes == 1, "article_id"])


def off_topic(articles: pd.DataFrame, claims: pd.DataFrame, alignment: pd.DataFrame) -> dict:
    """article_id -> reason, for the off-topic articles of a case (module docstring)."""
    ids = [str(a) for a in articles["article_id"]]
    if len(ids) < MIN_ARTICLES:
        return {}
    keys = _entity_keys(claims)
    aligned = _aligned_articles(alignment)
    candidates = []
    for aid in ids:
        mine = keys.get(aid, set())
        shared = any(mine & keys.get(other, set()) for other in ids if other != aid)
        if aid not in aligned and not shared:
            candidates.append(aid)
    if not candidates or len(candidates) > len(ids) - 2:
        return {}  # no core story of >= 2 articles left to compare
    alone = _alone_in_story(articles, keys)
    return {
        aid: (
            "off-topic article: none of its claims aligns with another article's, it names no "
            "person, place or organisation the others name, and the story grouping puts it in a "
            "story of its own; left out of the comparison and of date inference"
        )
        for aid in candidates
        if aid in alone
    }


def story_groups(articles: pd.DataFrame, off: dict) -> dict[str, str]:
    """article_id -> group for the timeline: off-topic articles each alone, the rest together."""
    return {str(a): (f"off:{a}" if str(a) in off else "case") for a in articles["article_id"]}
