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
       becomes one unit vector made of TF-IDF blocks, weighted by WEIGHTS: words, names
       (capitalised words inside sentences plus the words of the entity keys) and numbers;
       character 4-5-grams of the lead (first LEAD_CHARS characters) only when given a weight
       (they added nothing on ECB+ topics 1-20 and cost cross-validated F1). The dot product
       of two vectors is their similarity; the dot product with a story's mean vector is the
       average similarity to its members.
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
    5. Conflicting facts (`text_facts`, lexicon story_fact_cues): numbers with a cue that says
       what they count (death toll, injured, earthquake magnitude). Two groups whose value
       distributions for a slot overlap less than FACT_OVERLAP (Bhattacharyya coefficient; two
       single texts: no value in common) have their merge similarity multiplied by FACT_FACTOR
       per such slot, weighted by the shares of their texts stating it. The linkage loop
       re-evaluates this between the merged groups (components up to LOOP_MAX texts; larger ones
       use scipy's linkage on the pairwise conflicts), so one outlier toll does not split a
       story but a 5.6 and a 6.1 earthquake on the same island stay apart.
    6. Reports left alone (`_attach_small`): a story of up to ATTACH_MAX (1) text joins the
       larger story whose members it is most similar to on average, facts counted as above, if
       that average reaches ATTACH_FACTOR * threshold (0.75 * 0.20 = 0.15) and the story's
       earliest date, when both are dated, is within window_days. WPGMA weighs a group's
       latest halves equally, not its members, so a report can stay alone although it is
       close to the story on average. ECB+ topics 1-20: see benchmarks/story_eval.py.
    WEIGHTS (names 0.5: the specific people and places separate two events of one kind),
    LINKAGE, FACT_FACTOR, ATTACH_FACTOR and THRESHOLD = 0.20 were set on ECB+ topics 1-20
    (benchmarks/story_eval.py --tune-only) and scored on topics 21-35. Leave-topics-out
    cross-validation inside 1-20 (4 folds of 5 topics, benchmarks/story_cv.py) found no
    setting that generalises better than these: choosing weights, fact factor or attachment
    per fold along with the threshold scored no higher on the held-out folds than keeping them
    fixed (F1 0.926 both), and local similarity scaling, IDF within each connected group,
    names kept only when mostly capitalised in the corpus, ages or weekdays as facts and a
    shorter lead all scored lower. The threshold sits 0.04 above a cliff (F1 0.83 at 0.14):
    it is not set lower.
    Incremental: `previous` (article_id, story_id of an earlier run) keeps every earlier
    article in its story with its id; a new article joins the earlier story whose mean vector
    it is most similar to (average similarity, times fact_factor of its conflicts with the
    story's facts, >= threshold), the rest are clustered among
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

THRESHOLD = 0.2  # linkage similarity to join a story (tuned on ECB+ topics 1-20)
LINKAGE = "weighted"  # WPGMA: a merged story counts its two halves equally (tuned on 1-20)
# Squared block weights. A "chars" block (character 4-5-grams of the lead) is built only when
# given a weight: at 0.1 it left ECB+ topics 1-20 at F1 0.928 and lowered the leave-topics-out
# cross-validated F1 (0.926 without it, 0.920 with it; benchmarks/story_cv.py).
WEIGHTS = {"words": 0.25, "names": 0.5, "numbers": 0.15}
BLOCK_TERMS = 15
NEIGHBOURS = 30
NEAR_DUPLICATE = 0.8  # estimated word 5-gram Jaccard of near-duplicates
SHINGLE = 5
UNDATED_WARNING = 0.5  # warn when more than this share of articles has no date
LONG_FACTOR = 20  # warn about texts this many times longer than the median
FACT_FACTOR = 0.5  # similarity kept per conflicting specific fact (tuned on ECB+ topics 1-20)
FACT_OVERLAP = 0.3  # value distributions overlapping less than this conflict (Bhattacharyya)
PAIR_CHUNK = 5000  # candidate pairs whose similarity is computed at once
LOOP_MAX = 1500  # components up to this size: linkage by our loop, with group-level facts
LEAD_CHARS = 1500  # characters of the lead used for character n-grams
# Lone reports may join a larger story afterwards (`_attach_small`), at ATTACH_FACTOR times the
# threshold (tuned on ECB+ topics 1-20). ATTACH_MAX 2 scored higher there (F1 0.936) but glued
# small stories of other events together in the synthetic corpus (pairwise F1 0.86 -> 0.78;
# 1: 0.83), and real corpora, unlike ECB+, hold many stories of one or two reports.
ATTACH_MAX = 1
ATTACH_FACTOR = 0.75
ATTACH_CHUNK = 500  # lone reports compared with every story at once
MAX_COMPONENT = 4000  # larger components are split by Louvain communities instead
_WORD_TOKEN = r"(?u)\b[^\W\d_]{2,}\b"  # the words block: words of 2+ letters
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+(?:[.,:]\d+)*(?:st|nd|rd|th|am|pm)?", re.I)
_NAME = re.compile(r"(?<![.!?\"“]\s)(?<!^)\b[A-Z][\w'’-]*[a-z][\w'’-]*", re.M)
_NUMBER = re.compile(r"\b\d+(?:[.,]\d+)*\b")
_DATE_SHAPE = re.compile(r"\b\d{1,4} ?[-/.] ?\d{1,2} ?[-/.] ?\d{1,4}\b")
_YEAR = re.compile(r"(?<![\d$£€.,:/-])\b(?:19[5-9]\d|20[0-4]\d)\b(?![.,:/-]?\d|\s?%)")
_FACT_TOKEN = re.compile(r"\d+(?:,\d{3})*(?:\.\s?\d+)?|[^\W\d_]+(?:['’][^\W\d_]+)*")
FACT_WINDOW = 3  # words after a number in which a cue ("killed", "magnitude") says what it counts


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


@cache
def _fact_cues() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    after, before = {}, {}
    for entry in lexicon.load("story_fact_cues"):
        side = after if entry.attrs["side"] == "after" else before
        side[entry.entry] = entry.attrs["slot"]
    numbers = {
        e.entry: e.attrs["value"]
        for e in lexicon.load("number_words")
        if e.attrs["kind"] == "cardinal"
    }
    return after, before, numbers


def text_facts(text: str) -> dict[str, set[str]]:
    """The specific facts a text states, slot -> values: the slots of the lexicon
    story_fact_cues ("dead", "hurt", "magnitude": a number, in digits or a number word, with a
    cue word just before it or a few words after; a year is never a count). Years mentioned in
    the text are not a slot: reports mention past years as background (on ECB+ topics 1-20 a
    year slot split more real stories than it separated)."""
    after, before, number_words = _fact_cues()
    found: dict[str, set[str]] = {}
    tokens = [t.lower() for t in _FACT_TOKEN.findall(str(text))]
    for i, token in enumerate(tokens):
        value = re.sub(r"[,\s]", "", token) if token[0].isdigit() else number_words.get(token)
        if value is None or _YEAR.fullmatch(value):  # "died in 1998" is no death toll
            continue
        cues = [tokens[j] for j in range(max(0, i - 1), i) if tokens[j] in before]
        slots = [before[c] for c in cues]
        for word in tokens[i + 1 : i + 1 + FACT_WINDOW]:
            if word[0].isdigit() or word in number_words:
                break
            if word in after:
                slots.append(after[word])
                break
        for slot in slots:
            found.setdefault(slot, set()).add(value)
    return found


def fact_matrices(texts) -> dict[str, sparse.csr_matrix]:
    """slot -> binary matrix (one row per text, one column per value stated in that slot)."""
    facts = [text_facts(t) for t in texts]
    out = {}
    for slot in sorted({s for f in facts for s in f}):
        columns: dict[str, int] = {}
        rows, cols = [], []
        for i, f in enumerate(facts):
            for value in sorted(f.get(slot, ())):
                rows.append(i)
                cols.append(columns.setdefault(value, len(columns)))
        out[slot] = sparse.csr_matrix(
            (np.ones(len(rows)), (rows, cols)), shape=(len(facts), max(len(columns), 1))
        )
    return out


def _take(facts, idx) -> dict[str, sparse.csr_matrix]:
    return {slot: m[idx] for slot, m in facts.items()}


def _has(m) -> np.ndarray:
    return (np.asarray(abs(m).sum(axis=1)).ravel() > 0).astype(float)


def _profile(counts):
    """Rows of value counts -> rows of square roots of the value shares, so that the dot product
    of two rows is the Bhattacharyya coefficient of the two value distributions (1: the same
    values in the same shares, 0: no value in common)."""
    if sparse.issparse(counts):
        totals = np.asarray(counts.sum(axis=1)).ravel()
        inverse = np.divide(1.0, totals, out=np.zeros_like(totals), where=totals > 0)
        return (sparse.diags(inverse) @ counts).sqrt().tocsr()
    totals = counts.sum(axis=1, keepdims=True)
    return np.sqrt(np.divide(counts, totals, out=np.zeros_like(counts), where=totals > 0))


def pair_conflicts(facts, pairs) -> np.ndarray:
    """For each (i, j) pair: the number of slots both texts state with value distributions
    overlapping less than FACT_OVERLAP (for two single texts: no value in common)."""
    total = np.zeros(len(pairs))
    for m in facts.values():
        prof = _profile(m)
        has = _has(prof)
        overlap = np.asarray(prof[pairs[:, 0]].multiply(prof[pairs[:, 1]]).sum(axis=1)).ravel()
        total += has[pairs[:, 0]] * has[pairs[:, 1]] * (overlap < FACT_OVERLAP)
    return total


def profile_conflicts(a, b, shape, share_a=None, share_b=None) -> np.ndarray:
    """(rows of a x rows of b): the conflicts between two sets of texts or stories. a and b map
    slot -> value counts (one row per text or story, the same columns); share_a and share_b
    map slot -> the share of each row's texts that state the slot (default: 1 if it states
    it). A slot whose value distributions overlap less than FACT_OVERLAP counts
    share_a * share_b: a toll that 4 of 15 reports give is weaker evidence. shape: (rows of a,
    rows of b), also when no text states any slot."""
    total = np.zeros(shape)
    for slot in a:
        pa, pb = _profile(a[slot]), _profile(b[slot])
        sa = _has(pa) if share_a is None else share_a[slot]
        sb = _has(pb) if share_b is None else share_b[slot]
        overlap = pa @ pb.T
        overlap = overlap.toarray() if sparse.issparse(overlap) else overlap
        total += np.outer(sa, sb) * (overlap < FACT_OVERLAP)
    return total


def fact_factor(conflicts):
    """Share of a similarity kept when the two sides state `conflicts` facts differently:
    FACT_FACTOR per conflicting slot (an earthquake of another magnitude in another year is
    another earthquake, whatever names the two reports share)."""
    return FACT_FACTOR ** np.asarray(conflicts, dtype=float)


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
    builders = {  # a block is built only when it has a weight
        "words": lambda: _block(texts, stop_words="english", token_pattern=_WORD_TOKEN),
        "chars": lambda: _block(
            [t[:LEAD_CHARS] for t in texts], analyzer="char_wb", ngram_range=(4, 5)
        ),
        "names": lambda: _block(names, token_pattern=r"\S+", lowercase=False),
        "numbers": lambda: _block([_numbers(t) for t in texts], token_pattern=r"\S+"),
    }
    blocks = {k: builders[k]() for k in {"words", *(k for k in weights if weights[k] > 0)}}
    matrix = sparse.hstack([np.sqrt(weights[k]) * blocks[k] for k in weights if k in blocks])
    matrix = matrix.tocsr()
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


def _pair_similarity(matrix, pairs, days, window_days, facts, chunk=PAIR_CHUNK):
    """Similarity of each candidate pair, `chunk` pairs at a time (the two row copies of a
    chunk are what memory holds: all pairs at once took gigabytes at 10,000 articles)."""
    sims = np.concatenate(
        [np.zeros(0)]
        + [
            np.asarray(matrix[p[:, 0]].multiply(matrix[p[:, 1]]).sum(axis=1)).ravel()
            for p in (pairs[k : k + chunk] for k in range(0, len(pairs), chunk))
        ]
    )
    sims = sims * fact_factor(pair_conflicts(facts, pairs))
    return sims * date_factor(days[pairs[:, 0]] - days[pairs[:, 1]], window_days)


# ------------------------------------------------------------------ clustering


def _components(n, pairs, keep):
    from scipy.sparse.csgraph import connected_components

    p = pairs[keep]
    graph = sparse.coo_matrix((np.ones(len(p)), (p[:, 0], p[:, 1])), shape=(n, n))
    return connected_components(graph, directed=False)[1]


def _linkage(vectors, days, window_days, threshold, facts) -> np.ndarray:
    """Cluster labels of one component: LINKAGE clustering cut at similarity `threshold`, each
    merge's similarity multiplied by fact_factor of the conflicts between the facts the two
    groups state (their value distributions, so one text's stray year does not split a story)."""
    sims = (vectors @ vectors.T).toarray()
    sims = sims * date_factor(days[:, None] - days[None, :], window_days)
    n = len(days)
    if n > LOOP_MAX:  # scipy's linkage on the pairwise conflicts
        from scipy.cluster.hierarchy import fcluster, linkage
        from scipy.spatial.distance import squareform

        sims = sims * fact_factor(profile_conflicts(facts, facts, (n, n)))
        dist = np.clip(1.0 - sims, 0.0, None)
        np.fill_diagonal(dist, 0.0)
        tree = linkage(squareform(dist, checks=False), method=LINKAGE)
        return fcluster(tree, t=1.0 - threshold, criterion="distance")
    counts = {slot: m.toarray() for slot, m in facts.items()}
    stated = {slot: _has(m) for slot, m in facts.items()}  # texts of each group stating it
    sizes = np.ones(n)
    effective = sims * fact_factor(profile_conflicts(counts, counts, (n, n)))
    np.fill_diagonal(effective, -np.inf)
    labels, active = np.arange(n), np.ones(n, dtype=bool)
    while n > 1:
        a, b = divmod(int(np.argmax(effective)), len(days))
        if effective[a, b] < threshold:
            break
        a, b = min(a, b), max(a, b)
        sims[a] = sims[:, a] = (sims[a] + sims[b]) / 2  # WPGMA: the two halves count equally
        sizes[a] += sizes[b]
        for slot in counts:
            counts[slot][a] += counts[slot][b]
            stated[slot][a] += stated[slot][b]
        share = {slot: v / sizes for slot, v in stated.items()}
        one = {slot: v[a : a + 1] for slot, v in counts.items()}
        mine = {slot: v[a : a + 1] for slot, v in share.items()}
        conflicts = profile_conflicts(one, counts, (1, len(days)), mine, share)
        row = sims[a] * fact_factor(conflicts[0])
        active[b] = False
        row[~active] = -np.inf
        effective[a] = effective[:, a] = row
        effective[b] = effective[:, b] = -np.inf
        effective[a, a] = -np.inf
        labels[labels == b] = a
        n -= 1
    return labels


def _louvain(vectors, pairs, sims) -> np.ndarray:
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(range(vectors.shape[0]))
    graph.add_weighted_edges_from(zip(pairs[:, 0], pairs[:, 1], sims, strict=True))
    labels = np.zeros(vectors.shape[0], dtype=int)
    for label, nodes in enumerate(nx.community.louvain_communities(graph, seed=0)):
        labels[list(nodes)] = label
    return labels


def _cluster(matrix, words, days, window_days, threshold, notes, facts) -> np.ndarray:
    """Cluster labels for the rows of `matrix`: LINKAGE clustering per connected component of the
    candidate pairs with similarity >= threshold."""
    n = matrix.shape[0]
    if n == 1:
        return np.zeros(1, dtype=int)
    pairs = candidate_pairs(words)
    sims = _pair_similarity(matrix, pairs, days, window_days, facts) if len(pairs) else np.zeros(0)
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
            sub = _linkage(
                matrix[members], days[members], window_days, threshold, _take(facts, members)
            )
        _, sub = np.unique(sub, return_inverse=True)
        labels[members] = next_label + sub
        next_label += sub.max() + 1
    return _attach_small(matrix, labels, ATTACH_FACTOR * threshold, window_days, days, facts)


def _attach_small(matrix, labels, threshold, window_days, days, facts) -> np.ndarray:
    """Groups of up to ATTACH_MAX texts join, as a whole, the larger group whose members they
    are most similar to on average (`_assign_to_previous` on the group's mean vector, summed
    facts and earliest date: facts count as in the linkage, and a story dated more than
    window_days from the group is never joined), if that average reaches `threshold`. WPGMA
    weighs a group's latest halves equally, not its members, so a report can stay alone
    although it is close to the story on average. Linear in the texts per chunk of
    ATTACH_CHUNK small groups: the larger groups' means, facts and dates are computed once."""
    groups, inverse, sizes = np.unique(labels, return_inverse=True, return_counts=True)
    small = np.flatnonzero(sizes <= ATTACH_MAX)
    if len(small) in (0, len(groups)):
        return labels
    n = matrix.shape[0]
    everyone = sparse.csr_matrix((np.ones(n), (inverse, np.arange(n))), shape=(len(groups), n))
    large = {int(i): int(labels[i]) for i in np.flatnonzero(sizes[inverse] > ATTACH_MAX)}
    stories = _StoryProfiles(matrix, large, days, facts)
    first_day = np.full(len(groups), np.inf)
    np.fmin.at(first_day, inverse, days)  # earliest date per group (inf: none dated)
    first_day[np.isinf(first_day)] = np.nan
    target = groups.copy()
    for start in range(0, len(small), ATTACH_CHUNK):  # chunks: (groups x stories) arrays
        chunk = small[start : start + ATTACH_CHUNK]
        member = everyone[chunk]
        means = sparse.diags(1.0 / sizes[chunk]) @ member @ matrix
        chunk_facts = {slot: (member @ m).tocsr() for slot, m in facts.items()}
        joined = stories.assign(
            means, chunk_facts, first_day[chunk], threshold, window_days, hard_dates=True
        )
        for g, label in zip(chunk, joined, strict=True):
            if label is not None:
                target[g] = label
    return target[inverse]


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


class _StoryProfiles:
    """What new texts are scored against in `_assign_to_previous`: each earlier story's mean
    vector, value counts and shares per fact slot, and earliest date (computed once)."""

    def __init__(self, matrix, old_labels: dict, days, facts):
        self.stories = sorted(set(old_labels.values()))
        position = {s: k for k, s in enumerate(self.stories)}
        old_rows = np.array(list(old_labels.keys()), dtype=np.int64)
        cols = np.array([position[old_labels[r]] for r in old_rows], dtype=np.int64)
        member = sparse.csr_matrix(
            (np.ones(len(old_rows)), (cols, old_rows)), shape=(len(self.stories), matrix.shape[0])
        )
        sizes = np.asarray(member.sum(axis=1)).ravel()
        self.means = sparse.diags(1.0 / sizes) @ member @ matrix
        self.facts = {slot: member @ m for slot, m in facts.items()}  # value counts per story
        self.share = {slot: (member @ _has(m)) / sizes for slot, m in facts.items()}
        self.days = np.full(len(self.stories), np.nan)
        np.fmin.at(self.days, cols, days[old_rows])  # earliest date (NaN: none dated)

    def assign(self, rows, row_facts, row_days, threshold, window_days, hard_dates=False):
        """The story each row joins (or None): see `_assign_to_previous`."""
        sims = (rows @ self.means.T).toarray()
        shape = (rows.shape[0], len(self.stories))
        conflicts = profile_conflicts(row_facts, self.facts, shape, None, self.share)
        sims = sims * fact_factor(conflicts)
        gaps = row_days[:, None] - self.days[None, :]
        sims = sims * date_factor(gaps, window_days)
        if hard_dates:
            sims = sims * ~(np.abs(np.nan_to_num(gaps, nan=0.0)) > window_days)
        best = sims.argmax(axis=1)
        ok = sims[np.arange(rows.shape[0]), best] >= threshold
        return [self.stories[b] if good else None for b, good in zip(best, ok, strict=True)]


def _assign_to_previous(
    matrix, new_idx, old_labels, threshold, window_days, days, facts, hard_dates=False
):
    """For each new article: the earlier story it joins (index into old_labels' stories) or
    -1, by average similarity (dot product with the story's mean vector). hard_dates: a
    story whose earliest date is more than window_days from the article's is never joined."""
    profiles = _StoryProfiles(matrix, old_labels, days, facts)
    return profiles.assign(
        matrix[new_idx], _take(facts, new_idx), days[new_idx], threshold, window_days, hard_dates
    )


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
    rep_texts = [texts[r] for r in reps]
    facts = fact_matrices([strip_date_lines(t) for t in rep_texts] if strip_dates else rep_texts)
    rep_days = pd.Series(days).groupby(group).min().to_numpy()  # earliest date of the group
    old = _old_stories(ids, previous)
    rep_story: dict[int, str] = {}
    for i, sid in sorted(old.items(), reverse=True):  # a group with earlier articles keeps
        rep_story[int(group[i])] = sid  # the story of its first earlier article
    new_reps = np.array([g for g in range(len(reps)) if g not in rep_story], dtype=np.int64)
    if rep_story and len(new_reps):
        joined = _assign_to_previous(
            matrix, new_reps, rep_story, threshold, window_days, rep_days, facts
        )
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
            matrix[new_reps], words[new_reps], rep_days[new_reps], window_days, threshold,
            sub_notes, _take(facts, new_reps),
        )  # fmt: skip
        notes += sub_notes
        for label in np.unique(labels):
            members = new_reps[labels == label]
            sid = story_id(ids[i] for i in np.flatnonzero(np.isin(group, members)))
            rep_story.update({int(g): sid for g in members})
    out["story_id"] = [old.get(i) or rep_story[int(group[i])] for i in range(len(ids))]
    out.attrs["warnings"] = notes
    out.attrs["input_warnings"] = input_notes
    return out
