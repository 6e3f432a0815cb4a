"""Grouping: articles -> stories (same event: similar text, close dates, shared entities).

Public functions
----------------
group_stories(articles, window_days=7, threshold=0.35) -> DataFrame article_id, story_id
    `articles` needs article_id, text, published (ISO date or "") and entity_keys (list of
    normalised entity names, e.g. crosscheck.translit.name_key of the claims' entities).
    Two articles are linked when the cosine of their TF-IDF vectors (text words + one token per
    entity key, so transliteration variants count as the same name) is >= threshold, their
    dates are within `window_days`, and they share an entity key (when both have any). Dated
    articles are only compared with articles of their date window (sorted by date, in chunks),
    not all pairs; an undated article links only to its single most similar article. Stories
    are the connected components of the links.
story_id(article_ids) -> str   "s" + 12 hex digits of the sha256 of the sorted article_ids
"""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd


def _entity_token(key: str) -> str:
    return "ent" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:10]


def story_id(article_ids) -> str:
    """Deterministic id of the story made of these articles."""
    digest = hashlib.sha256("\n".join(sorted(article_ids)).encode("utf-8")).hexdigest()
    return "s" + digest[:12]


def _similar_pairs(matrix, days: np.ndarray, window: float, threshold: float, chunk=500):
    """Sorted (i, j) pairs, i < j: dated articles with cosine >= threshold and dates within
    `window` days (each compared only with its date window), and each undated article with its
    single most similar article (cosine >= threshold), so undated articles never bridge stories."""
    dated = np.flatnonzero(~np.isnan(days))
    dated = dated[np.argsort(days[dated], kind="stable")]
    ordered_days = days[dated]
    found = [np.empty((0, 2), dtype=int)]
    for start in range(0, len(dated), chunk):
        rows = dated[start : start + chunk]
        lo = np.searchsorted(ordered_days, ordered_days[start] - window, "left")
        last = ordered_days[min(start + chunk, len(dated)) - 1]
        cols = dated[lo : np.searchsorted(ordered_days, last + window, "right")]
        sims = (matrix[rows] @ matrix[cols].T).tocoo()
        i, j = rows[sims.row], cols[sims.col]
        keep = (i < j) & (sims.data >= threshold) & (np.abs(days[i] - days[j]) <= window)
        found.append(np.column_stack([i[keep], j[keep]]))
    undated = np.flatnonzero(np.isnan(days))
    for start in range(0, len(undated), chunk):
        rows = undated[start : start + chunk]
        sims = (matrix[rows] @ matrix.T).toarray()
        sims[np.arange(len(rows)), rows] = -1.0
        best = sims.argmax(axis=1)
        keep = sims[np.arange(len(rows)), best] >= threshold
        pairs = np.column_stack([rows[keep], best[keep]])
        found.append(np.sort(pairs, axis=1))
    pairs = np.unique(np.concatenate(found), axis=0)
    return [(int(i), int(j)) for i, j in pairs]


def group_stories(articles: pd.DataFrame, window_days=7, threshold=0.35) -> pd.DataFrame:
    """Stories as connected components of similar, close, entity-sharing articles."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components
    from sklearn.feature_extraction.text import TfidfVectorizer

    ids = list(articles["article_id"])
    if not ids:
        return pd.DataFrame({"article_id": [], "story_id": []}, dtype=str)
    keys = [set(k) for k in articles["entity_keys"]]
    tokens = [" ".join(_entity_token(k) for k in sorted(ks)) for ks in keys]
    docs = [f"{text}\n{extra}" for text, extra in zip(articles["text"], tokens, strict=True)]
    vectorizer = TfidfVectorizer(sublinear_tf=True, stop_words="english", dtype=np.float32)
    try:
        matrix = vectorizer.fit_transform(docs).tocsr()
    except ValueError:  # no word left after stop words: nothing to compare, one story each
        matrix = vectorizer.set_params(stop_words=None, token_pattern=r"\S+").fit_transform(
            [f"{i}" for i in range(len(ids))]
        )
    dates = pd.to_datetime(articles["published"].replace("", None), errors="coerce")
    days = ((dates - pd.Timestamp("1970-01-01")).dt.days).to_numpy(dtype=float, na_value=np.nan)
    pairs = [
        (i, j)
        for i, j in _similar_pairs(matrix, days, float(window_days), threshold)
        if not keys[i] or not keys[j] or keys[i] & keys[j]
    ]
    rows, cols = (list(x) for x in zip(*pairs, strict=True)) if pairs else ([], [])
    graph = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(ids), len(ids)))
    _, labels = connected_components(graph, directed=False)
    members: dict[int, list[str]] = {}
    for article_id, label in zip(ids, labels, strict=True):
        members.setdefault(label, []).append(article_id)
    story = {label: story_id(m) for label, m in members.items()}
    return pd.DataFrame({"article_id": ids, "story_id": [story[label] for label in labels]})
