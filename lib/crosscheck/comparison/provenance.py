"""Provenance: which article is a rewrite of which, and what the rewrite changed.

Public functions
----------------
provenance(articles, claims, alignment) -> provenance table, one row per article pair:
    article_a, article_b (article_a < article_b), relation ("derived" | "shared_source" |
    "independent" | "unknown"), direction ("a->b": b derives from a, "b->a", "cannot tell", or ""
    when not derived), score float 0..1 (confidence of the relation), evidence str (the
    evidence_list joined by "; "), evidence_list list[str], and the measures behind them:
    coverage_a, coverage_b (share of each article's claims aligned to the other), order (share of
    aligned claims in the same order, longest increasing subsequence), kendall_tau, reuse (share
    of the smaller text's rare 5-word phrasing found in the other), n_aligned int,
    direction_score float (> 0: a is the source, < 0: b is), teaser (str: "a" / "b" when that
    article's page chrome shows the other's headline, else ""), longest_passage (words in the
    longest shared run of rare phrasing).
    The relation of a pair is computed from the two articles alone (other articles in the case
    only add a note "both also match article(s) C"). `derived` needs evidence of reuse: shared
    rare phrasing >= REUSE_DERIVED, or most claims of both aligned in order with rare phrasing
    >= REUSE_ORDERED, or a teaser of the other in the page chrome with phrasing >= REUSE_SHARED;
    `shared_source`: shared passages (phrasing >= REUSE_SHARED or one run >= LONG_PASSAGE words)
    with most of each text its own, or two dependent texts that each lost what the other kept;
    `independent`: rare phrasing < REUSE_INDEPENDENT; `unknown` otherwise. The evidence column
    names the threshold each verdict crossed.
provenance_graph(articles, prov) -> networkx.DiGraph: nodes = article ids (headline, outlet,
    published); derived edges source -> rewrite (both ways with directed=False when the direction
    cannot be told); shared_source edges both ways. Edge attributes: relation, score, directed,
    evidence.
draw_provenance(graph, ax=None) -> matplotlib Axes.
independent_sources(claims, alignment, prov) -> claim_id, article_id, n_sources (articles
    carrying the claim: its own + those aligned to it), n_independent (the same, counting
    articles linked by derived/shared_source as one source), source_articles list[str], note.
rewrite_diff(claims, alignment, source, rewrite) -> change ("dropped"|"added"|"changed"),
    what ("claim"|"commentary"|"attribution"|"date"|"qualifier"|"certainty"), claim_source,
    claim_rewrite, text_source, text_rewrite, detail.

Evidence functions (used by provenance, tested alone): claim_coverage, order_preservation,
shared_phrasing, loss_and_gain, direction_votes, chrome_mentions.

Inputs: articles need article_id (text, headline, published, removed, outlet optional); claims
need claim_id, article_id (seq, text, speaker, attributed, certainty_rank, times optional);
alignment needs claim_a, claim_b (article_a, article_b, status, similarity optional). A missing
optional column removes the evidence that needs it and says so in the evidence.
"""

from __future__ import annotations

import functools
import itertools
import re
import warnings
from collections import Counter

import networkx as nx
import numpy as np
import pandas as pd
from scipy.stats import kendalltau
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from crosscheck.tables import require_columns

RELATIONS = ("derived", "shared_source", "independent", "unknown")
SHINGLE = 5  # words per shingle, as in passim
REUSE_DERIVED = 0.35  # share of rare phrasing reused: from this on one text is made of the other
REUSE_INDEPENDENT = 0.06  # below this the texts are independent (own wording)
REUSE_SHARED = 0.2  # shared passages, most of each text its own: both follow one source
REUSE_ORDERED = 0.25  # with most claims of both aligned in the same order: one made of the other
LONG_PASSAGE = 30  # words in one shared run of rare-phrasing shingles: evidence of reuse
COVERAGE_DERIVED = 0.5
ORDER_DERIVED = 0.6
DIRECTION_THRESHOLD = 0.75  # |direction_score| needed to name a direction
QUALIFIERS = frozenset(
    "reportedly allegedly apparently about around nearly almost approximately roughly some "
    "estimated possibly probably may might could unconfirmed purportedly claimed believed".split()
)
COLUMNS = [
    "article_a",
    "article_b",
    "relation",
    "direction",
    "score",
    "evidence",
    "evidence_list",
    "coverage_a",
    "coverage_b",
    "order",
    "kendall_tau",
    "reuse",
    "n_aligned",
    "direction_score",
    "teaser",
    "longest_passage",
]


# ---------------------------------------------------------------- input checks


def _prepare(articles, claims, alignment):
    require_columns(articles, "articles", ["article_id"])
    require_columns(claims, "claims", ["claim_id", "article_id"])
    require_columns(alignment, "alignment", ["claim_a", "claim_b"])
    arts = articles.copy()
    arts["article_id"] = arts["article_id"].astype(str)
    dup = arts["article_id"][arts["article_id"].duplicated()].unique().tolist()
    if dup:
        raise ValueError(f"articles table has duplicate article_id(s): {dup}")
    for col in ("text", "headline", "published", "outlet"):
        if col not in arts.columns:
            arts[col] = ""
        arts[col] = arts[col].fillna("").astype(str)
    if "removed" not in arts.columns:
        arts["removed"] = [[] for _ in range(len(arts))]
    arts["removed"] = [
        list(r) if isinstance(r, list | tuple | np.ndarray) else [] for r in arts["removed"]
    ]
    cl = claims.copy()
    cl["claim_id"] = cl["claim_id"].astype(str)
    cl["article_id"] = cl["article_id"].astype(str)
    unknown = sorted(set(cl["article_id"]) - set(arts["article_id"]))
    if unknown:
        warnings.warn(f"provenance: claims of unknown article(s) {unknown} ignored", stacklevel=3)
        cl = cl[cl["article_id"].isin(arts["article_id"])]
    if "seq" not in cl.columns:
        cl["seq"] = cl.groupby("article_id").cumcount()
    if "text" not in cl.columns:
        cl["text"] = ""
    cl["text"] = cl["text"].fillna("").astype(str)
    if "speaker" not in cl.columns:
        cl["speaker"] = ""
    cl["speaker"] = cl["speaker"].fillna("").astype(str)
    cl = cl.set_index("claim_id", drop=False)
    al = _normalise_alignment(alignment, cl)
    return arts.set_index("article_id", drop=False), cl, al


def _normalise_alignment(alignment: pd.DataFrame, cl: pd.DataFrame) -> pd.DataFrame:
    al = alignment.copy()
    for col in ("claim_a", "claim_b"):
        al[col] = al[col].fillna("").astype(str)
    owner = cl["article_id"].to_dict()
    known = al["claim_a"].isin(owner) | (al["claim_a"] == "")
    known &= al["claim_b"].isin(owner) | (al["claim_b"] == "")
    if not known.all():
        bad = al.loc[~known, ["claim_a", "claim_b"]].head(3).values.tolist()
        warnings.warn(
            f"provenance: {int((~known).sum())} alignment row(s) name claims not in the claims "
            f"table and are ignored, e.g. {bad}",
            stacklevel=4,
        )
        al = al[known]
    if "status" not in al.columns:
        al["status"] = np.where((al["claim_a"] != "") & (al["claim_b"] != ""), "aligned", "")
    if "similarity" not in al.columns:
        al["similarity"] = np.nan
    al = al[(al["status"] == "aligned") & (al["claim_a"] != "") & (al["claim_b"] != "")].copy()
    al["article_a"] = al["claim_a"].map(owner)
    al["article_b"] = al["claim_b"].map(owner)
    return al[al["article_a"] != al["article_b"]]


def _alignment_by_pair(al: pd.DataFrame) -> dict[tuple[str, str], pd.DataFrame]:
    """(a, b) -> aligned (claim_a in a, claim_b in b) rows, whichever way round the table has
    them, for every ordered pair of articles with aligned claims."""
    found: dict[tuple[str, str], dict[tuple[str, str], None]] = {}
    cols = [al[c] for c in ("article_a", "article_b", "claim_a", "claim_b")]
    for art_a, art_b, claim_a, claim_b in zip(*cols, strict=True):
        found.setdefault((art_a, art_b), {})[(claim_a, claim_b)] = None
        found.setdefault((art_b, art_a), {})[(claim_b, claim_a)] = None
    return {k: pd.DataFrame(list(v), columns=["claim_a", "claim_b"]) for k, v in found.items()}


def _pair_alignment(al: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Aligned (claim_a in a, claim_b in b) rows, whichever way round the table has them."""
    empty = pd.DataFrame(columns=["claim_a", "claim_b"], dtype=str)
    return _alignment_by_pair(al).get((a, b), empty)


# ---------------------------------------------------------------- evidence functions


def claim_coverage(n_claims_a: int, n_claims_b: int, pairs: pd.DataFrame) -> dict:
    """Share of each article's claims that are aligned to the other."""
    cov_a = pairs["claim_a"].nunique() / n_claims_a if n_claims_a else 0.0
    cov_b = pairs["claim_b"].nunique() / n_claims_b if n_claims_b else 0.0
    return {"coverage_a": min(cov_a, 1.0), "coverage_b": min(cov_b, 1.0), "n_aligned": len(pairs)}


def order_preservation(seq_pairs: list[tuple[int, int]]) -> dict:
    """Whether aligned claims keep their order: `order` is the longest increasing subsequence of
    b's positions taken in a's order, over the number of pairs; `kendall_tau` over the pairs
    (nan with fewer than 3 pairs)."""
    if not seq_pairs:
        return {"order": 0.0, "kendall_tau": float("nan")}
    ordered = sorted(seq_pairs)
    tails: list[int] = []
    for _, y in ordered:  # patience sorting, non-decreasing
        lo, hi = 0, len(tails)
        while lo < hi:
            mid = (lo + hi) // 2
            if tails[mid] <= y:
                lo = mid + 1
            else:
                hi = mid
        tails[lo : lo + 1] = [y]
    tau = float("nan")
    if len(ordered) >= 3:
        xs, ys = zip(*ordered, strict=True)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tau = float(kendalltau(xs, ys).statistic)
    return {"order": len(tails) / len(ordered), "kendall_tau": tau}


_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”]\s+|\n)$")


@functools.lru_cache(maxsize=1024)
def _tokens(text: str) -> tuple[tuple[str, bool], ...]:
    """(lowercased word, is it rare phrasing material) for each word of the text: content words
    that are not function words, numbers, or capitalised names (names are forced by the event)."""
    out = []
    for m in _WORD.finditer(text):
        w = m.group(0).replace("’", "'")
        low = w.lower()
        name = w[0].isupper() and not _SENTENCE_START.search(
            text[max(0, m.start() - 3) : m.start()]
        )
        content = low not in ENGLISH_STOP_WORDS and not low.isdigit() and not name and len(low) > 2
        out.append((low, content))
    return tuple(out)


@functools.lru_cache(maxsize=1024)
def _shingles(tokens: tuple[tuple[str, bool], ...], n: int = SHINGLE) -> dict[tuple, int]:
    """Shingle -> first position, keeping only shingles with at least 2 content words (cached:
    the caller must not change the dict)."""
    out: dict[tuple, int] = {}
    for i in range(len(tokens) - n + 1):
        window = tokens[i : i + n]
        if sum(c for _, c in window) >= 2:
            out.setdefault(tuple(w for w, _ in window), i)
    return out


def shared_phrasing(texts: dict[str, str], a: str, b: str, n: int = SHINGLE) -> dict:
    """Rare phrasing shared by texts a and b (passim-style n-gram shingles), from the two texts
    alone (other texts in `texts` are ignored, so a pair's result never depends on them).

    A shingle counts when it has at least two content words (not function words, numbers or
    names: those are forced by the event). Returns reuse (shingles shared / shingles of the
    text with fewer), n_shared, longest (words in the longest shared run) and passages (the
    shared runs in a, as text, longest first)."""
    toks = {k: _tokens(texts[k] or "") for k in (a, b)}
    sh = {k: _shingles(v, n) for k, v in toks.items()}
    shared = [g for g in sh[a] if g in sh[b]]
    smaller = min(len(sh[a]), len(sh[b]))
    reuse = len(shared) / smaller if smaller else 0.0
    starts = sorted(sh[a][g] for g in shared)
    runs: list[list[int]] = []
    for s in starts:
        if runs and s <= runs[-1][1] + 1:
            runs[-1][1] = s + n - 1
        else:
            runs.append([s, s + n - 1])
    runs.sort(key=lambda r: r[0] - r[1])
    passages = [" ".join(w for w, _ in toks[a][r[0] : r[1] + 1]) for r in runs]
    longest = runs[0][1] - runs[0][0] + 1 if runs else 0
    return {
        "reuse": min(reuse, 1.0),
        "n_shared": len(shared),
        "longest": longest,
        "passages": passages,
    }


@functools.lru_cache(maxsize=1024)
def _names(text: str) -> frozenset[str]:
    """Capitalised words of the text, lower case (cached: each article meets every other)."""
    return frozenset(w for w, c in _tokens_names(text))


def _tokens_names(text: str) -> list[tuple[str, bool]]:
    out = []
    for m in _WORD.finditer(text):
        w = m.group(0)
        if w[0].isupper() and w.lower() not in ENGLISH_STOP_WORDS and len(w) > 2:
            out.append((w.lower(), True))
    return out


def chrome_mentions(articles: pd.DataFrame, a: str, b: str) -> str:
    """ "a" when a's removed page chrome shows b's headline (a teaser or link), "b" for the
    reverse, "both", or ""."""

    def norm(s: str) -> str:
        return " ".join(_WORD.findall(str(s).lower().replace("’", "'")))

    def shows(page: str, other: str) -> bool:
        head = norm(articles.loc[other, "headline"])
        if len(head) < 12:
            return False
        return any(head in norm(line) for line in articles.loc[page, "removed"])

    ab, ba = shows(a, b), shows(b, a)
    return "both" if ab and ba else "a" if ab else "b" if ba else ""


def _has_times(value) -> bool:
    if isinstance(value, list | tuple | np.ndarray):
        return any(str(t.get("value", "") if isinstance(t, dict) else t) for t in value)
    return False


def _time_values(value) -> set[str]:
    if isinstance(value, list | tuple | np.ndarray):
        return {str(t.get("value", "") if isinstance(t, dict) else t) for t in value} - {""}
    return set()


def _qualifiers(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w in QUALIFIERS}


def _commentary_like(row) -> bool:
    """An unattributed claim with no number, no date and at most one name: the outlet's own
    elaboration rather than a reported fact."""
    text = row["text"]
    if len(_WORD.findall(text)) < 6:  # a fragment (page chrome, heading), not a sentence
        return False
    if bool(row.get("attributed", False)) or re.search(r"[\d\"“”]", text):
        return False
    if _has_times(row.get("times")) or re.match(r"(?:he|she|they|we|i)\b", text, re.I):
        return False
    ents = row.get("entities")
    n_names = len(ents) if isinstance(ents, list | np.ndarray) else len(_names(text[1:]))
    return n_names <= 1


class _Claims:
    """The prepared claims table as records by claim_id (seq order) and its optional columns."""

    def __init__(self, cl: pd.DataFrame):
        ordered = cl.sort_values(["article_id", "seq"])
        self.by_id = dict(zip(ordered.index, ordered.to_dict("records"), strict=True))
        self.has_attr = "attributed" in cl.columns
        self.has_rank = "certainty_rank" in cl.columns
        self.has_times = "times" in cl.columns
        self.seq = {cid: r["seq"] for cid, r in self.by_id.items()}
        self.n_by_article = Counter(r["article_id"] for r in self.by_id.values())
        self.by_article: dict[str, list[tuple[str, dict]]] = {}  # in seq order
        for cid, r in self.by_id.items():
            self.by_article.setdefault(r["article_id"], []).append((cid, r))


def _diff_rows(claims: _Claims, pairs: pd.DataFrame, src: str, rw: str) -> list[dict]:
    rows = []
    has_attr, has_rank, has_times = claims.has_attr, claims.has_rank, claims.has_times
    claim = claims.by_id

    def row(change, what, cs, cr, detail=""):
        rows.append(
            {
                "change": change,
                "what": what,
                "claim_source": cs,
                "claim_rewrite": cr,
                "text_source": claim[cs]["text"] if cs else "",
                "text_rewrite": claim[cr]["text"] if cr else "",
                "detail": detail,
            }
        )

    aligned_src, aligned_rw = set(pairs["claim_a"]), set(pairs["claim_b"])
    for cid, c in claims.by_article.get(src, ()):  # not every claim of the case per pair
        if cid not in aligned_src:
            attributed = has_attr and bool(c["attributed"])
            row("dropped", "claim", cid, "", f"attributed to {c['speaker']}" if attributed else "")
    ordered = sorted(
        (claim[cs]["seq"], i, cs, cr)
        for i, (cs, cr) in enumerate(zip(pairs["claim_a"], pairs["claim_b"], strict=True))
    )
    for _, _, cs, cr in ordered:
        s, r = claim[cs], claim[cr]
        if has_attr and bool(s["attributed"]) != bool(r["attributed"]):
            if bool(s["attributed"]):
                row("dropped", "attribution", cs, cr, s["speaker"] or "attributed in the source")
            else:
                row("added", "attribution", cs, cr, r["speaker"] or "attributed in the rewrite")
        if has_times:
            ts, tr = _time_values(s["times"]), _time_values(r["times"])
            if ts and not tr:
                row("dropped", "date", cs, cr, ", ".join(sorted(ts)))
            elif tr and not ts:
                row("added", "date", cs, cr, ", ".join(sorted(tr)))
            elif ts and tr and ts != tr:
                row(
                    "changed", "date", cs, cr, f"{', '.join(sorted(ts))} -> {', '.join(sorted(tr))}"
                )
        qs, qr = _qualifiers(s["text"]), _qualifiers(r["text"])
        if qs and not qr:
            row("dropped", "qualifier", cs, cr, ", ".join(sorted(qs)))
        if qr and not qs:
            row("added", "qualifier", cs, cr, ", ".join(sorted(qr)))
        if has_rank and pd.notna(s["certainty_rank"]) and pd.notna(r["certainty_rank"]):
            if int(r["certainty_rank"]) < int(s["certainty_rank"]):
                row("changed", "certainty", cs, cr, "escalated (stated more certainly)")
            elif int(r["certainty_rank"]) > int(s["certainty_rank"]):
                row("changed", "certainty", cs, cr, "softened (stated less certainly)")
    for cid, c in claims.by_article.get(rw, ()):
        if cid not in aligned_rw:
            commentary = _commentary_like(c)
            attributed = has_attr and bool(c["attributed"])
            row(
                "added",
                "commentary" if commentary else "claim",
                "",
                cid,
                f"attributed to {c['speaker']}" if attributed else "unattributed",
            )
    return rows


DIFF_COLUMNS = [
    "change",
    "what",
    "claim_source",
    "claim_rewrite",
    "text_source",
    "text_rewrite",
    "detail",
]


def rewrite_diff(claims: pd.DataFrame, alignment: pd.DataFrame, source: str, rewrite: str):
    """What `rewrite` dropped from `source` and added to it, claim by claim (source order, then
    the rewrite's own additions)."""
    arts = pd.DataFrame({"article_id": sorted(set(claims["article_id"].astype(str)))})
    _, cl, al = _prepare(arts, claims, alignment)
    for art in (source, rewrite):
        if art not in set(cl["article_id"]):
            raise ValueError(f"rewrite_diff: article {art!r} has no claims in the claims table")
    pairs = _pair_alignment(al, source, rewrite)
    return pd.DataFrame(_diff_rows(_Claims(cl), pairs, source, rewrite), columns=DIFF_COLUMNS)


def loss_and_gain(claims: pd.DataFrame, pairs: pd.DataFrame, a: str, b: str) -> dict:
    """Counts of what b lost/added against a and a against b: keys lost_attribution_b,
    lost_date_b, lost_qualifier_b, escalated_b, commentary_b (and the same with _a).
    `claims`: a claims table indexed by claim_id (as prepared for provenance)."""
    return _loss_and_gain(_Claims(claims), pairs, a, b)


def _loss_and_gain(claims: _Claims, pairs: pd.DataFrame, a: str, b: str) -> dict:
    out = {}
    flipped = pairs.rename(columns={"claim_a": "claim_b", "claim_b": "claim_a"})
    for src, rw, p, side in ((a, b, pairs, "b"), (b, a, flipped, "a")):
        rows = _diff_rows(claims, p, src, rw)  # counted as dicts: no table per pair
        kinds = Counter((r["change"], r["what"]) for r in rows)

        def count(change: str, what: str, kinds=kinds) -> int:
            return kinds[(change, what)]

        out[f"lost_attribution_{side}"] = count("dropped", "attribution")
        out[f"lost_date_{side}"] = count("dropped", "date")
        out[f"lost_qualifier_{side}"] = count("dropped", "qualifier")
        out[f"escalated_{side}"] = sum(
            r["what"] == "certainty"
            and isinstance(r["detail"], str)
            and r["detail"].startswith("escalated")
            for r in rows
        )
        out[f"commentary_{side}"] = count("added", "commentary")
    return out


def direction_votes(changes: dict, published_a: str, published_b: str, teaser: str = ""):
    """Weighted votes on which article is the source: > 0 means a is, < 0 means b is.

    The text that lost attributions, dates and qualifiers, escalated certainty and added
    unattributed commentary is the derived one. Known publication dates: the earlier is the
    source (weight 3); a date on one side only is a weak vote for the dated one (rewrites drop
    dates). A teaser of one article in the other's page chrome has no vote: chrome is captured
    when the page is fetched, so it shows that the two are linked, not which came first.
    Returns (score, evidence list)."""
    score, evidence = 0.0, []
    signals = [
        ("attribution", "lost_attribution", 2.0, "attribution(s) dropped"),
        ("date", "lost_date", 1.0, "date(s) dropped from aligned claims"),
        ("qualifier", "lost_qualifier", 1.0, "qualifier(s) dropped"),
        ("certainty", "escalated", 1.0, "claim(s) stated more certainly"),
        ("commentary", "commentary", 1.5, "unattributed commentary sentence(s) added"),
    ]
    for _, key, weight, label in signals:
        xa, xb = changes.get(f"{key}_a", 0), changes.get(f"{key}_b", 0)
        if xa or xb:
            score += weight * (xb - xa) / (xa + xb + 1)
            evidence.append(f"{label}: {xb} in b, {xa} in a")
    if published_a and published_b and published_a != published_b:
        earlier = "a" if published_a < published_b else "b"
        score += 3.0 if earlier == "a" else -3.0
        evidence.append(f"published {published_a} (a) vs {published_b} (b): {earlier} is earlier")
    elif published_a and not published_b:
        score += 0.5
        evidence.append(f"only a is dated ({published_a}); b has no publication date")
    elif published_b and not published_a:
        score -= 0.5
        evidence.append(f"only b is dated ({published_b}); a has no publication date")
    if teaser:
        page = {"a": "a's", "b": "b's", "both": "each"}[teaser]
        evidence.append(
            f"{page} page chrome shows the other's headline (teaser/link): the pages are linked; "
            "not used for direction (chrome is captured when the page is fetched)"
        )
    return score, evidence


# ---------------------------------------------------------------- the provenance table


def _pair_row(arts, cl, records: _Claims, pairs, texts, a, b) -> dict:
    ev: list[str] = []
    n_a, n_b = records.n_by_article[a], records.n_by_article[b]
    cov = claim_coverage(n_a, n_b, pairs)
    seq = records.seq
    pairs_ab = zip(pairs["claim_a"], pairs["claim_b"], strict=True)
    seqs = [(int(seq[x]), int(seq[y])) for x, y in pairs_ab]
    order = order_preservation(seqs)
    phr = shared_phrasing(texts, a, b) if texts[a] and texts[b] else None
    reuse = phr["reuse"] if phr else 0.0
    teaser = chrome_mentions(arts, a, b)
    changes = _loss_and_gain(records, pairs, a, b)
    dscore, dev = direction_votes(changes, arts.at[a, "published"], arts.at[b, "published"], teaser)
    ev.append(
        f"{cov['n_aligned']} aligned claims: {cov['coverage_a']:.0%} of a's {n_a} claims, "
        f"{cov['coverage_b']:.0%} of b's {n_b}"
    )
    if cov["n_aligned"]:
        ev.append(f"{order['order']:.0%} of aligned claims in the same order")
    if phr is None:
        ev.append("no article text: shared phrasing not measured")
    else:
        ev.append(f"shared rare phrasing {reuse:.0%} ({phr['n_shared']} five-word passages)")
        if phr["passages"]:
            ev.append("longest shared passage: “" + phr["passages"][0][:90] + "”")
    if "attributed" not in cl.columns:
        ev.append("claims lack 'attributed': attribution losses not measured")

    cov_max = max(cov["coverage_a"], cov["coverage_b"])
    claims_dep = cov["n_aligned"] >= 3 and cov_max >= COVERAGE_DERIVED
    claims_dep = claims_dep and order["order"] >= ORDER_DERIVED
    strength = max(min(1.0, reuse / (2 * REUSE_DERIVED)), cov_max * order["order"] * reuse)
    shared_names = _names(texts[a]) & _names(texts[b])
    cov_min = min(cov["coverage_a"], cov["coverage_b"])
    reasons, shared = _reuse_evidence(phr, claims_dep, cov_min, order["order"], teaser)
    direction = ""
    if shared and not reasons:
        relation, score = "shared_source", 0.5 + 0.5 * strength
        ev.extend(shared)
        ev.append("shared_source: both carry the same passages, neither is made from the other")
    elif reasons:
        ev.extend(reasons)
        mutual = _mutual_changes(changes)
        text_only = {k: v for k, v in changes.items() if not k.startswith("commentary")}
        loss_score = direction_votes(text_only, "", "")[0]
        dated = arts.at[a, "published"] and arts.at[b, "published"]
        dates_differ = dated and arts.at[a, "published"] != arts.at[b, "published"]
        if mutual and abs(loss_score) <= 1.0 and not dates_differ:
            relation = "shared_source"
            ev.append(
                "each text lost or added what the other kept (" + mutual + "): "
                "two rewrites of a common source"
            )
        else:
            relation = "derived"
            direction = (
                "cannot tell"
                if abs(dscore) < DIRECTION_THRESHOLD
                else "a->b"
                if dscore > 0
                else "b->a"
            )
        score = 0.5 + 0.5 * strength
    elif phr is not None and reuse < REUSE_INDEPENDENT and min(n_a, n_b) >= 3:
        relation = "independent"
        ev.append(
            f"independent: shared rare phrasing {reuse:.0%} < {REUSE_INDEPENDENT:.0%} "
            "(REUSE_INDEPENDENT), no reuse evidence"
        )
        common = bool(cov["n_aligned"] or shared_names)
        score = (1.0 - strength) * (0.9 if common else 0.6)
        ev.append(
            f"{len(shared_names)} shared names, {cov['n_aligned']} aligned claims, little shared "
            "wording: separate reporting"
            if common
            else "nothing in common: not rewrites of each other (maybe not the same event)"
        )
    else:
        relation, score = "unknown", 0.0
        ev.append(
            f"unknown: shared rare phrasing {reuse:.0%} is between {REUSE_INDEPENDENT:.0%} and "
            f"{REUSE_SHARED:.0%}, no long shared passage or structural evidence"
            if (reuse or cov["n_aligned"])
            else "nothing in common found"
        )
    if relation == "derived":
        ev += dev
    elif dev and relation != "unknown":
        ev += [d for d in dev if "chrome" in d]
    return {
        "article_a": a,
        "article_b": b,
        "relation": relation,
        "direction": direction,
        "score": round(float(np.clip(score, 0, 1)), 3),
        "evidence_list": ev,
        "coverage_a": round(cov["coverage_a"], 3),
        "coverage_b": round(cov["coverage_b"], 3),
        "order": round(order["order"], 3),
        "kendall_tau": order["kendall_tau"],
        "reuse": round(reuse, 3),
        "n_aligned": cov["n_aligned"],
        "direction_score": round(dscore, 3),
        "teaser": teaser,
        "longest_passage": phr["longest"] if phr else 0,
        "_shingles": phr,
    }


def _reuse_evidence(phr, claims_dep: bool, cov_min: float, order: float, teaser: str):
    """(evidence that one text was made from the other, evidence that both carry passages of
    one source), each a list of the thresholds crossed. Claim coverage and order alone are not
    evidence: reports of one event share its facts, often in the order they happened."""
    if phr is None:
        return [], []
    reuse, longest, derived, shared = phr["reuse"], phr["longest"], [], []
    if reuse >= REUSE_DERIVED:
        derived.append(
            f"reuse: shared rare phrasing {reuse:.0%} >= {REUSE_DERIVED:.0%} (REUSE_DERIVED)"
        )
    if claims_dep and cov_min >= COVERAGE_DERIVED and reuse >= REUSE_ORDERED:
        derived.append(
            f"reuse: at least {cov_min:.0%} of each text's claims aligned, {order:.0%} in the same "
            f"order, with shared rare phrasing {reuse:.0%} >= {REUSE_ORDERED:.0%} (REUSE_ORDERED)"
        )
    if teaser and reuse >= REUSE_SHARED:
        derived.append(
            f"structure: a page shows the other's headline (teaser) and they share rare phrasing "
            f"{reuse:.0%} >= {REUSE_SHARED:.0%} (REUSE_SHARED)"
        )
    if reuse >= REUSE_SHARED:
        shared.append(
            f"shared passages: rare phrasing {reuse:.0%} >= {REUSE_SHARED:.0%} "
            f"(REUSE_SHARED) but < {REUSE_DERIVED:.0%}: most of each text is its own"
        )
    if longest >= LONG_PASSAGE:
        shared.append(
            f"shared passages: one run of {longest} words >= {LONG_PASSAGE} "
            "(LONG_PASSAGE) copied from somewhere"
        )
    return derived, shared


def _mutual_changes(changes: dict) -> str:
    both = []
    for key, label in (
        ("lost_attribution", "attributions"),
        ("lost_date", "dates"),
        ("lost_qualifier", "qualifiers"),
    ):
        if changes.get(f"{key}_a", 0) and changes.get(f"{key}_b", 0):
            both.append(label)
    kinds = ("lost_attribution", "lost_date", "lost_qualifier")
    lost_a = sum(changes.get(f"{k}_a", 0) for k in kinds)
    lost_b = sum(changes.get(f"{k}_b", 0) for k in kinds)
    if not both and lost_a and lost_b:
        both.append("attributions, dates or qualifiers")
    ca, cb = changes.get("commentary_a", 0), changes.get("commentary_b", 0)
    if min(ca, cb) >= 2 and min(ca, cb) / max(ca, cb) >= 0.5:
        both.append("unattributed commentary")
    return ", ".join(both)


def _common_matches(rows: list[dict]) -> None:
    """A note on each dependent pair (derived or shared_source) naming the other articles of the
    case that are dependent on both; the relation itself never changes (it is computed from
    the two articles alone)."""
    linked: dict[str, set[str]] = {}
    for r in rows:
        if r["relation"] in ("derived", "shared_source"):
            linked.setdefault(r["article_a"], set()).add(r["article_b"])
            linked.setdefault(r["article_b"], set()).add(r["article_a"])
    for r in rows:
        a, b = r["article_a"], r["article_b"]
        if r["relation"] in ("derived", "shared_source"):
            common = sorted(linked.get(a, set()) & linked.get(b, set()))
            if common:
                r["evidence_list"].append(
                    "note: both also match article(s) "
                    + ", ".join(common)
                    + " (maybe a common source; the relation is from these two texts alone)"
                )


def provenance(articles: pd.DataFrame, claims: pd.DataFrame, alignment: pd.DataFrame):
    """The provenance relation of every pair of articles (see the module docstring)."""
    arts, cl, al = _prepare(articles, claims, alignment)
    texts = arts["text"].to_dict()
    records, by_pair = _Claims(cl), _alignment_by_pair(al)
    empty = pd.DataFrame(columns=["claim_a", "claim_b"], dtype=str)
    rows = [
        _pair_row(arts, cl, records, by_pair.get((a, b), empty), texts, a, b)
        for a, b in itertools.combinations(sorted(arts.index), 2)
    ]
    _common_matches(rows)
    for r in rows:
        r.pop("_shingles")
        r["evidence"] = "; ".join(r["evidence_list"])
    return pd.DataFrame(rows, columns=COLUMNS)


# ---------------------------------------------------------------- graph and corroboration


def provenance_graph(articles: pd.DataFrame, prov: pd.DataFrame) -> nx.DiGraph:
    """Articles as nodes; derived (source -> rewrite) and shared_source edges with scores."""
    require_columns(articles, "articles", ["article_id"])
    require_columns(prov, "provenance", ["article_a", "article_b", "relation"])
    g = nx.DiGraph()
    for art in articles.to_dict("records"):
        g.add_node(
            str(art["article_id"]),
            **{k: str(art.get(k, "") or "") for k in ("headline", "outlet", "published")},
        )
    for r in prov.to_dict("records"):
        a, b, rel = str(r["article_a"]), str(r["article_b"]), r["relation"]
        attrs = {
            "relation": rel,
            "score": float(r.get("score", 0.0)),
            "evidence": str(r.get("evidence", "")),
        }
        if rel == "derived" and r.get("direction") in ("a->b", "b->a"):
            src, dst = (a, b) if r["direction"] == "a->b" else (b, a)
            g.add_edge(src, dst, directed=True, **attrs)
        elif rel in ("derived", "shared_source"):
            g.add_edge(a, b, directed=False, **attrs)
            g.add_edge(b, a, directed=False, **attrs)
    return g


def draw_provenance(graph: nx.DiGraph, ax=None):
    """Draw the provenance graph: solid arrows source -> rewrite, dashed lines for shared
    source or undecided direction; labels are article ids and short headlines."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(7, 5))
    if graph.number_of_nodes() == 0:
        ax.text(0.5, 0.5, "no articles", ha="center", va="center")
        ax.set_axis_off()
        return ax
    pos = (
        nx.spring_layout(graph, seed=0)
        if graph.number_of_nodes() > 2
        else nx.circular_layout(graph)
    )
    labels = {}
    for n, d in graph.nodes(data=True):
        head = d.get("headline", "")
        labels[n] = f"{n}\n{head[:28] + '…' if len(head) > 28 else head}"
    nx.draw_networkx_nodes(graph, pos, ax=ax, node_color="#dde6f0", node_size=900)
    nx.draw_networkx_labels(graph, pos, labels=labels, ax=ax, font_size=7)
    directed = [(u, v) for u, v, d in graph.edges(data=True) if d.get("directed")]
    undirected = [(u, v) for u, v, d in graph.edges(data=True) if not d.get("directed") and u < v]
    nx.draw_networkx_edges(
        graph, pos, edgelist=directed, ax=ax, arrows=True, arrowsize=18, node_size=900
    )
    nx.draw_networkx_edges(graph, pos, edgelist=undirected, ax=ax, arrows=False, style="dashed")
    edge_labels = {
        (u, v): f"{d['relation']} {d['score']:.2f}"
        for u, v, d in graph.edges(data=True)
        if d.get("directed") or u < v
    }
    nx.draw_networkx_edge_labels(graph, pos, edge_labels=edge_labels, ax=ax, font_size=6)
    ax.set_axis_off()
    return ax


def _speaker_ids(claims: pd.DataFrame) -> dict[str, str]:
    """claim_id -> speaker_id (crosscheck.entities.cluster_speakers), when the table has it."""
    if "speaker_id" not in claims.columns:
        return {}
    ids = claims["speaker_id"].fillna("").astype(str)
    return dict(zip(claims["claim_id"].astype(str), ids, strict=True))


def _source_groups(sources, group_of: dict, said_by: dict[str, str]) -> set:
    """Independent sources among the carrier articles: rewrites of one article are one source,
    and so are articles that all attribute the claim to one speaker."""
    graph = nx.Graph()
    graph.add_nodes_from(sources)
    by_key: dict = {}
    for s in sources:
        for key in (("group", group_of.get(s, s)), ("speaker", said_by.get(s, ""))):
            if key[1] != "":
                graph.add_edge(s, by_key.setdefault(key, s))
    return {min(comp) for comp in nx.connected_components(graph)}


def independent_sources(claims: pd.DataFrame, alignment: pd.DataFrame, prov: pd.DataFrame):
    """Per claim: how many articles carry it and how many independent sources that is, rewrites
    of one source (articles linked by derived/shared_source) counting as one, and articles that
    attribute it to one speaker (claims column speaker_id, when present) counting as one."""
    require_columns(prov, "provenance", ["article_a", "article_b", "relation"])
    arts = pd.DataFrame({"article_id": sorted(set(claims["article_id"].astype(str)))})
    _, cl, al = _prepare(arts, claims, alignment)
    groups = nx.Graph()
    groups.add_nodes_from(arts["article_id"])
    linked = prov[prov["relation"].isin(["derived", "shared_source"])]
    groups.add_edges_from(
        zip(linked["article_a"].astype(str), linked["article_b"].astype(str), strict=True)
    )
    group_of = {n: i for i, comp in enumerate(nx.connected_components(groups)) for n in comp}
    carriers: dict[str, set[str]] = {cid: {art} for cid, art in cl["article_id"].items()}
    for ca, cb, aa, ab in al[["claim_a", "claim_b", "article_a", "article_b"]].values:
        carriers[ca].add(ab)
        carriers[cb].add(aa)
    speaker_of = _speaker_ids(claims)
    said_by: dict[str, dict[str, str]] = {cid: {} for cid in carriers}  # claim -> article -> id
    for ca, cb, aa, ab in al[["claim_a", "claim_b", "article_a", "article_b"]].values:
        said_by[ca][ab] = speaker_of.get(cb, "")
        said_by[cb][aa] = speaker_of.get(ca, "")
    rows = []
    for cid, art in cl["article_id"].items():
        sources = sorted(carriers[cid])
        said_by[cid][art] = speaker_of.get(cid, "")
        n_ind = len(_source_groups(sources, group_of, said_by[cid]))
        note = ""
        if len(sources) > 1 and n_ind == 1:
            note = "confirmed only by rewrites of one source: counts as one source"
        elif n_ind < len(sources):
            note = f"{len(sources)} articles but {n_ind} independent sources"
        rows.append(
            {
                "claim_id": cid,
                "article_id": art,
                "n_sources": len(sources),
                "n_independent": n_ind,
                "source_articles": sources,
                "note": note,
            }
        )
    return pd.DataFrame(
        rows,
        columns=["claim_id", "article_id", "n_sources", "n_independent", "source_articles", "note"],
    )
