"""Stories: group articles that report one event, from their text (dates only as a soft hint).

Public functions
----------------
group_stories(articles, threshold=THRESHOLD, window_days=7, previous=None, strip_dates=True)
    -> DataFrame
    article_id, story_id; `.attrs["warnings"]` lists what the grouping saw (most articles
    undated, near-duplicates, texts far longer than the rest, empty texts).
    `articles` needs article_id and text; published (ISO date or "") and entity_keys (list of
    normalised entity names, e.g. crosscheck.translit.name_key of the claims' entities) are
    optional. Steps:
    1. Features (`story_vectors`): each text without its date-only lines (`strip_date_lines`)
       becomes one unit vector made of four TF-IDF blocks, weighted by WEIGHTS: words,
       character 4-5-grams of the lead (first LEAD_CHARS characters), names (capitalised words
       inside sentences plus the words of the entity keys) and numbers. The dot product of two
       vectors is their similarity; the dot product with a story's mean vector is the average
       similarity to its members.
    2. Blocking (`candidate_pairs`): each article is scored only against the articles sharing
       one of its BLOCK_TERMS highest-weighted (rarest, most frequent in it) words, and keeps
       its NEIGHBOURS most similar of those, so a large corpus is not compared all against all.
    3. Dates are a soft constraint (`date_factor`): a pair whose two publication dates are both
       known and more than `window_days` apart has its similarity multiplied by
       window_days / gap in days.
    0. Near-duplicates (`near_duplicate_groups`: word 5-gram Jaccard >= NEAR_DUPLICATE,
       estimated by MinHash with LSH bands) are clustered as one text, so a wire story copied
       thousands of times neither skews the TF-IDF weights nor costs pairs.
    4. Weighted-average linkage (WPGMA, scipy; LINKAGE) within each connected component of
       the graph of candidate pairs with similarity >= threshold, cut at similarity
       `threshold` (a merge's similarity is a mean of pair similarities, so it never joins two
       components of that graph and the cut is exact). WPGMA counts the two halves of a
       story equally, so a large story does not swallow a smaller one of the same kind of
       event (two earthquakes, two arrests) through the topic words they share.
    WEIGHTS (names 0.5: the specific people and places separate two events of one kind),
    LINKAGE and THRESHOLD = 0.18 were set on ECB+ topics 1-20 (benchmarks/story_eval.py) and
    scored once on topics 21-35.
    Incremental: `previous` (article_id, story_id of an earlier run) keeps every earlier
    article in its story with its id; a new article joins the earlier story whose mean vector
    it is most similar to (average similarity >= threshold), the rest are clustered among
    themselves into new stories. Earlier stories are never renumbered.
strip_date_lines(text) -> str   the text without lines that are only a date or time stamp
    ("May 03, 2013", "PUBLISHED: THURSDAY, MAY 2, 2013, 1:32 PM"); words from the lexicon
    date_line_words.
story_id(article_ids) -> str   "s" + 12 hex digits of the sha256 of the sorted article_ids
    (the id a story gets when it is first formed; it keeps it when articles join later)
"""

from __future__ import annotations

import hashlib
import re
from functools import cache

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from crosscheck.text import lexicon

THRESHOLD = 0.18  # linkage similarity to join a story (tuned on ECB+ topics 1-20)
LINKAGE = "weighted"  # WPGMA: a merged story counts its two halves equally (tuned on 1-20)
WEIGHTS = {"words": 0.25, "chars": 0.1, "names": 0.5, "numbers": 0.15}  # squared block weights
BLOCK_TERMS = 15
NEIGHBOURS = 30
NEAR_DUPLICATE = 0.8  # estimated word 5-gram Jaccard of near-duplicates
SHINGLE = 5
UNDATED_WARNING = 0.5  # warn when more than this share of articles has no date
LONG_FACTOR = 20  # warn about texts this many times longer than the median
LEAD_CHARS = 1500  # characters of the lead used for character n-grams
MAX_COMPONENT = 4000  # larger components are split by Louvain communities instead
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+(?:[.,:]\d+)*(?:st|nd|rd|th|am|pm)?", re.I)
_NAME = re.compile(r"(?<![.!?\"“]\s)(?<!^)\b[A-Z][\w'’-]*[a-z][\w'’-]*", re.M)
_NUMBER = re.compile(r"\b\d+(?:[.,]\d+)*\b")
_DATE_SHAPE = re.compile(r"\b\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\b")


def story_id(article_ids) -> str:
    """Deterministic id of the story made of these articles."""
    digest = hashlib.sha256("\n".join(sorted(article_ids)).encode("utf-8")).hexdigest()
    return "s" + digest[:12]


# ------------------------------------------------------------------ text


@cache
def _date_words() -> dict[str, str]:
    return lexicon.by_attr("date_line_words", "kind")


def _is_date_line(line: str) -> bool:
    words = [w.lower().rstrip(".") for w in _WORD.findall(line)]
    if not words or len(words) > 16 or not any(ch.isdigit() for ch in line):
        return False
    kinds = _date_words()
    dated = bool(_DATE_SHAPE.search(line))
    for word in words:
        if word[0].isdigit():
            continue
        kind = kinds.get(word)
        if kind is None:
            return False
        dated |= kind in ("month", "weekday")
    return dated


def strip_date_lines(text: str) -> str:
    """The text without the lines that hold only a date or a time stamp."""
    return "\n".join(ln for ln in str(text).splitlines() if not _is_date_line(ln))


def _names(text: str, keys) -> str:
    """Capitalised words inside sentences (not date words or function words) and the words of
    the entity keys, lower case."""
    skip = _date_words().keys() | ENGLISH_STOP_WORDS
    found = [m.group(0).lower() for m in _NAME.finditer(text)]
    found += [w for k in keys for w in str(k).lower().split()]
    return " ".join(w for w in found if w not in skip)


def _numbers(text: str) -> str:
    return " ".join("n" + m.group(0).replace(",", "") for m in _NUMBER.finditer(text))


def _block(docs, **options):
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(sublinear_tf=True, dtype=np.float64, **options)
    try:
        return vectorizer.fit_transform(docs)
    except ValueError:  # no term at all in this block (e.g. no numbers anywhere)
        return sparse.csr_matrix((len(docs), 1))


def story_vectors(texts, entity_keys=None, weights=None, strip_dates=True):
    """(one unit row per text: the weighted TF-IDF blocks, see the module docstring; the words
    block alone, for blocking)."""
    weights = weights or WEIGHTS
    keys = entity_keys if entity_keys is not None else [[] for _ in texts]
    texts = [strip_date_lines(t) for t in texts] if strip_dates else list(texts)
    names = [_names(t, k) for t, k in zip(texts, keys, strict=True)]
    blocks = {
        "words": _block(texts, stop_words="english", token_pattern=r"(?u)\b[^\W\d_]{2,}\b"),
        "chars": _block([t[:LEAD_CHARS] for t in texts], analyzer="char_wb", ngram_range=(4, 5)),
        "names": _block(names, token_pattern=r"\S+", lowercase=False),
        "numbers": _block([_numbers(t) for t in texts], token_pattern=r"\S+"),
    }
    matrix = sparse.hstack([np.sqrt(weights[k]) * blocks[k] for k in weights]).tocsr()
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.diags(1.0 / norms) @ matrix, blocks["words"].tocsr()


# ------------------------------------------------------------------ blocking


def _top_terms(words: sparse.csr_matrix, n: int) -> sparse.csr_matrix:
    """Each row keeps only its n highest weights (its rarest, most frequent words)."""
    rows, cols, vals = [], [], []
    for i in range(words.shape[0]):
        start, end = words.indptr[i], words.indptr[i + 1]
        data, idx = words.data[start:end], words.indices[start:end]
        keep = np.argsort(-data, kind="stable")[:n]
        rows += [i] * len(keep)
        cols += idx[keep].tolist()
        vals += data[keep].tolist()
    return sparse.csr_matrix((vals, (rows, cols)), shape=words.shape)


def candidate_pairs(words, neighbours=NEIGHBOURS, block_terms=BLOCK_TERMS, chunk=500):
    """Sorted (i, j) index pairs, i < j: each article with the `neighbours` articles that
    share most weight of its `block_terms` top words (articles sharing none are never
    paired)."""
    top = _top_terms(words.tocsr(), block_terms)
    found = [np.empty((0, 2), dtype=np.int64)]
    for start in range(0, top.shape[0], chunk):
        scores = (top[start : start + chunk] @ top.T).tocsr()
        for r in range(scores.shape[0]):
            i = start + r
            s, e = scores.indptr[r], scores.indptr[r + 1]
            cols, data = scores.indices[s:e], scores.data[s:e]
            mask = cols != i
            cols, data = cols[mask], data[mask]
            best = cols[np.argsort(-data, kind="stable")[:neighbours]]
            found.append(np.column_stack([np.full(len(best), i), best]))
    pairs = np.sort(np.concatenate(found), axis=1)
    return np.unique(pairs, axis=0)


def date_factor(gap_days, window_days):
    """The soft date constraint: 1 within `window_days` (or when a date is missing), else
    window_days / gap (two reports a month apart keep a quarter of their similarity)."""
    gap = np.nan_to_num(np.abs(np.asarray(gap_days, dtype=float)), nan=0.0)
    return np.where(gap > window_days, window_days / np.maximum(gap, 1e-9), 1.0)


def _pair_similarity(matrix, pairs, days, window_days):
    sims = np.asarray(matrix[pairs[:, 0]].multiply(matrix[pairs[:, 1]]).sum(axis=1)).ravel()
    return sims * date_factor(days[pairs[:, 0]] - days[pairs[:, 1]], window_days)


# ------------------------------------------------------------------ clustering


def _components(n, pairs, keep):
    from scipy.sparse.csgraph import connected_components

    p = pairs[keep]
    graph = sparse.coo_matrix((np.ones(len(p)), (p[:, 0], p[:, 1])), shape=(n, n))
    return connected_components(graph, directed=False)[1]


def _linkage(vectors, days, window_days, threshold) -> np.ndarray:
    """Cluster labels of one component: LINKAGE clustering cut at similarity `threshold`."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    sims = (vectors @ vectors.T).toarray()
    sims = sims * date_factor(days[:, None] - days[None, :], window_days)
    dist = np.clip(1.0 - sims, 0.0, None)
    np.fill_diagonal(dist, 0.0)
    tree = linkage(squareform(dist, checks=False), method=LINKAGE)
    return fcluster(tree, t=1.0 - threshold, criterion="distance")


def _louvain(vectors, pairs, sims) -> np.ndarray:
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(range(vectors.shape[0]))
    graph.add_weighted_edges_from(zip(pairs[:, 0], pairs[:, 1], sims, strict=True))
    labels = np.zeros(vectors.shape[0], dtype=int)
    for label, nodes in enumerate(nx.community.louvain_communities(graph, seed=0)):
        labels[list(nodes)] = label
    return labels


def _cluster(matrix, words, days, window_days, threshold, notes) -> np.ndarray:
    """Cluster labels for the rows of `matrix`: LINKAGE clustering per connected component of the
    candidate pairs with similarity >= threshold."""
    n = matrix.shape[0]
    if n == 1:
        return np.zeros(1, dtype=int)
    pairs = candidate_pairs(words)
    sims = _pair_similarity(matrix, pairs, days, window_days) if len(pairs) else np.zeros(0)
    component = _components(n, pairs, sims >= threshold)
    labels = np.zeros(n, dtype=np.int64)
    next_label = 0
    for comp in np.unique(component):
        members = np.flatnonzero(component == comp)
        if len(members) == 1:
            sub = np.zeros(1, dtype=int)
        elif len(members) > MAX_COMPONENT:
            inside = np.isin(pairs[:, 0], members) & np.isin(pairs[:, 1], members)
            local = np.searchsorted(members, pairs[inside])
            sub = _louvain(matrix[members], local, sims[inside])
            notes.append(
                f"{len(members)} texts formed one connected group: split by Louvain "
                "communities of their candidate pairs, not by linkage clustering"
            )
        else:
            sub = _linkage(matrix[members], days[members], window_days, threshold)
        _, sub = np.unique(sub, return_inverse=True)
        labels[members] = next_label + sub
        next_label += sub.max() + 1
    return labels


def _minhash(texts, n_hashes: int) -> np.ndarray:
    """MinHash signatures (n_texts x n_hashes) of the word 5-gram sets; a text of fewer than
    5 words gets the empty signature (every value = the prime)."""
    from sklearn.feature_extraction.text import HashingVectorizer

    hasher = HashingVectorizer(analyzer="word", ngram_range=(SHINGLE, SHINGLE), n_features=2**24,
                               token_pattern=r"(?u)\b\w+\b", alternate_sign=False, norm=None,
                               binary=True)  # fmt: skip
    shingles = hasher.transform(texts).tocsr()
    prime = np.uint64(4294967311)
    rng = np.random.default_rng(0)
    a = rng.integers(1, 2**32 - 1, n_hashes, dtype=np.uint64)
    b = rng.integers(0, 2**32 - 1, n_hashes, dtype=np.uint64)
    signatures = np.full((len(texts), n_hashes), prime, dtype=np.uint64)
    filled = np.flatnonzero(np.diff(shingles.indptr) > 0)
    if len(filled):
        cols = shingles.indices.astype(np.uint64)
        starts = shingles.indptr[filled]
        for k in range(n_hashes):
            values = (cols * a[k] + b[k]) % prime
            signatures[filled, k] = np.minimum.reduceat(values, starts)
    return signatures


def near_duplicate_groups(
    texts, days=None, window_days=7, threshold=NEAR_DUPLICATE, n_hashes=32, bands=8
) -> np.ndarray:
    """A group label per text: texts whose word 5-gram sets have an estimated Jaccard
    similarity >= threshold (MinHash, `n_hashes` hashes in `bands` LSH bands) share a label,
    unless both are dated more than `window_days` apart. Texts of fewer than 5 words are never
    grouped."""
    n = len(texts)
    days = np.full(n, np.nan) if days is None else np.asarray(days, dtype=float)
    prime = np.uint64(4294967311)
    signatures = _minhash(texts, n_hashes)
    parent = np.arange(n)

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    rows = n_hashes // bands
    for band in range(bands):
        buckets: dict[bytes, int] = {}
        for i in range(n):
            if signatures[i, 0] == prime:
                continue
            key = signatures[i, band * rows : (band + 1) * rows].tobytes()
            first = buckets.setdefault(key, i)
            if first == i or date_factor(days[first] - days[i], window_days) < 1:
                continue
            if np.mean(signatures[first] == signatures[i]) >= threshold:
                parent[find(i)] = find(first)
    return np.unique([find(i) for i in range(n)], return_inverse=True)[1]


# ------------------------------------------------------------------ driver


def _days(articles: pd.DataFrame) -> np.ndarray:
    if "published" not in articles:
        return np.full(len(articles), np.nan)
    published = articles["published"].fillna("").astype(str).str[:10].replace("", None)
    dates = pd.to_datetime(published, errors="coerce", format="%Y-%m-%d")
    return ((dates - pd.Timestamp("1970-01-01")).dt.days).to_numpy(dtype=float, na_value=np.nan)


def _input_notes(articles: pd.DataFrame, days: np.ndarray) -> list[str]:
    notes = []
    n = len(articles)
    undated = int(np.isnan(days).sum())
    if undated > UNDATED_WARNING * n:
        notes.append(
            f"{undated} of {n} articles have no publication date: their stories are "
            "grouped by content alone"
        )
    lengths = articles["text"].fillna("").astype(str).str.len()
    empty = articles.loc[lengths.to_numpy() == 0, "article_id"].tolist()
    if empty:
        notes.append(
            f"{len(empty)} articles have no text and stay stories of their own: "
            f"{', '.join(map(str, empty[:5]))}"
        )
    median = float(lengths.median()) if n else 0.0
    long = articles.loc[(lengths > LONG_FACTOR * max(median, 1.0)).to_numpy(), "article_id"]
    for article_id in long.tolist()[:5]:
        ratio = lengths[articles["article_id"] == article_id].iloc[0] / max(median, 1.0)
        notes.append(
            f"article {article_id} is {ratio:.0f} times the median length (its vector is unit "
            "length like the others, so its length alone does not pull articles in)"
        )
    return notes


def _assign_to_previous(matrix, new_idx, old_labels, threshold, window_days, days):
    """For each new article: the earlier story it joins (index into old_labels' stories) or
    -1, by average similarity (dot product with the story's mean vector)."""
    stories = sorted(set(old_labels.values()))
    position = {s: k for k, s in enumerate(stories)}
    old_rows = np.array(list(old_labels.keys()), dtype=np.int64)
    cols = np.array([position[old_labels[r]] for r in old_rows], dtype=np.int64)
    member = sparse.csr_matrix(
        (np.ones(len(old_rows)), (cols, old_rows)), shape=(len(stories), matrix.shape[0])
    )
    sizes = np.asarray(member.sum(axis=1)).ravel()
    means = sparse.diags(1.0 / sizes) @ member @ matrix
    sims = (matrix[new_idx] @ means.T).toarray()
    story_days = np.array(
        [
            np.nanmin(days[old_rows[cols == k]])
            if (~np.isnan(days[old_rows[cols == k]])).any()
            else np.nan
            for k in range(len(stories))
        ]
    )
    sims = sims * date_factor(days[new_idx][:, None] - story_days[None, :], window_days)
    best = sims.argmax(axis=1)
    ok = sims[np.arange(len(new_idx)), best] >= threshold
    return [stories[b] if good else None for b, good in zip(best, ok, strict=True)]


def _old_stories(ids, previous) -> dict[int, str]:
    if previous is None or not len(previous):
        return {}
    known = dict(zip(previous["article_id"].astype(str), previous["story_id"], strict=True))
    return {i: known[a] for i, a in enumerate(ids) if a in known}


def group_stories(
    articles: pd.DataFrame, threshold=THRESHOLD, window_days=7, previous=None, strip_dates=True
):
    """Stories of the articles (see the module docstring); attrs["warnings"] says what it saw."""
    ids = [str(a) for a in articles["article_id"]]
    out = pd.DataFrame({"article_id": ids, "story_id": [""] * len(ids)})
    out.attrs["warnings"] = []
    if not ids:
        return out
    articles = articles.reset_index(drop=True)
    texts = list(articles["text"].fillna("").astype(str))
    days = _days(articles)
    notes = _input_notes(articles, days)
    group = near_duplicate_groups(texts, days, window_days)  # each group clustered as one text
    _, reps = np.unique(group, return_index=True)
    if len(reps) < len(ids):
        notes.append(
            f"{len(ids) - len(reps)} articles are near-duplicates (word 5-gram Jaccard >= "
            f"{NEAR_DUPLICATE}) of another one: clustered as {len(reps)} texts"
        )
    input_notes = list(notes)  # what a re-run with these stories as `previous` says
    keys = list(articles["entity_keys"]) if "entity_keys" in articles else None
    matrix, words = story_vectors(
        [texts[r] for r in reps], [keys[r] for r in reps] if keys else None, strip_dates=strip_dates
    )
    rep_days = pd.Series(days).groupby(group).min().to_numpy()  # earliest date of the group
    old = _old_stories(ids, previous)
    rep_story: dict[int, str] = {}
    for i, sid in sorted(old.items(), reverse=True):  # a group with earlier articles keeps
        rep_story[int(group[i])] = sid  # the story of its first earlier article
    new_reps = np.array([g for g in range(len(reps)) if g not in rep_story], dtype=np.int64)
    if rep_story and len(new_reps):
        joined = _assign_to_previous(matrix, new_reps, rep_story, threshold, window_days, rep_days)
        rep_story.update({int(g): s for g, s in zip(new_reps, joined, strict=True) if s})
        n_joined = int(
            np.isin(group, [g for g, s in zip(new_reps, joined, strict=True) if s]).sum()
        )
        notes.append(
            f"{n_joined} new articles joined earlier stories, "
            f"{len(old)} articles kept their earlier stories"
        )
        new_reps = np.array([g for g in new_reps if g not in rep_story], dtype=np.int64)
    if len(new_reps):
        sub_notes: list[str] = []
        labels = _cluster(
            matrix[new_reps], words[new_reps], rep_days[new_reps], window_days, threshold, sub_notes
        )
        notes += sub_notes
        for label in np.unique(labels):
            members = new_reps[labels == label]
            sid = story_id(ids[i] for i in np.flatnonzero(np.isin(group, members)))
            rep_story.update({int(g): sid for g in members})
    out["story_id"] = [old.get(i) or rep_story[int(group[i])] for i in range(len(ids))]
    out.attrs["warnings"] = notes
    out.attrs["input_warnings"] = input_notes
    return out
