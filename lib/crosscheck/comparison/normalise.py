"""The one text-normalisation module of the comparison layer.

Every typer and the aligner read text through these functions:
- ``norm(text)``: lower-case ASCII with single spaces (quotes and dashes folded);
- ``tokens(text)``: the claim parsed once by the pinned spaCy pipeline (tagger, parser,
  lemmatizer; no NER), as a tuple of :class:`Tok` (surface, lower, lemma, POS, dependency, head,
  negated); a headline in Title Case or ALL CAPS is truecased before parsing (text.headline) so its
  words get real lemmas and its names stay proper nouns;
- ``content_stems(text)``: (key, word) of the content words, key = the spaCy lemma in lower case
  (no truncation, no synonym merging: "village" and "city" stay different words);
- ``STOP``: the one stop-word list (lexicon ``stop_words``), which keeps negation and modality;
- ``prime(texts)``: parse many texts in one spaCy batch (the cache then serves ``tokens``).
Negation scope (``Tok.negated``) follows the lexicon ``negation_cues``: a particle or determiner
negates its head, a negative pronoun subject its verb, a negating verb ("failed to", "refused
to", "denied") the predicate of its complement. Two negations cancel.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import spacy
from unidecode import unidecode

from crosscheck.text import lexicon
from crosscheck.text.headline import truecase

STOP = lexicon.words("stop_words")
_NEG_SCOPE = lexicon.by_attr("negation_cues", "scope")
_NEG_BLOCKERS = lexicon.words("negation_blockers")
WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "ADV", "NUM", "X", "INTJ"})
_PIPES = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
_COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "pcomp"})
_COPULA_DEPS = frozenset({"acomp", "attr", "oprd"})
MAX_PARSE_CHARS = 20_000  # longer claims are parsed in pieces of this size


class Tok(NamedTuple):
    """One token of a parsed claim."""

    i: int
    text: str
    lower: str
    lemma: str
    pos: str
    dep: str
    head: int
    negated: bool
    idx: int


def norm(text) -> str:
    """Lower-case ASCII with single spaces (quotes and dashes folded)."""
    return " ".join(unidecode(str(text or "")).lower().split())


def as_list(value) -> list:
    """A list cell as a list (None, NaN and non-lists give [])."""
    if isinstance(value, (list, tuple)):
        return list(value)
    if isinstance(value, np.ndarray):
        return value.tolist()
    return []


def text_of(value) -> str:
    """A cell as a string ("" for None and NaN)."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return str(value)


@lru_cache(maxsize=1)
def _nlp():
    """The pinned English model without NER (no entity rulers: the claims table has the names)."""
    from crosscheck.claims import MODEL  # noqa: PLC0415

    return spacy.load(MODEL, exclude=["ner"])


def _disabled(nlp) -> list[str]:
    return [p for p in nlp.pipe_names if p not in _PIPES]


def _source(text: str) -> str:
    """What the parser reads: a Title Case or ALL CAPS headline truecased (names keep their
    capitals, common words go to lower case; same length, so offsets hold)."""
    return truecase(text)


def _negations(doc) -> list[bool]:
    """For each token: is it in the scope of an odd number of negations (see module docs)?"""
    count = [0] * len(doc)
    for tok in doc:
        cue = tok.lower_ if tok.lower_ in _NEG_SCOPE else tok.lemma_.lower()
        scope = _NEG_SCOPE.get(cue)
        after = doc[tok.i + 1 : tok.i + 3]
        if (
            scope
            and after
            and (after[0].lower_ in _NEG_BLOCKERS or after.text.lower() in _NEG_BLOCKERS)
        ):
            continue
        if scope in ("particle", "determiner"):
            target = tok.head if tok.head.i != tok.i else None
            if target is not None and target.pos_ == "AUX":  # "is not safe": the complement
                for child in target.children:
                    if child.dep_ in _COPULA_DEPS:
                        count[child.i] += 1
            if (
                scope == "determiner"
                and target is not None
                and target.dep_ in ("nsubj", "nsubjpass")
            ):
                count[target.head.i] += 1  # "no soldiers were hurt": the verb is negated
            if target is not None:
                count[target.i] += 1
        elif scope == "pronoun":  # "nobody was hurt", "police arrested nobody"
            head = tok.head.head if tok.head.pos_ == "ADP" else tok.head
            count[head.i] += 1
        elif scope == "verb" and tok.pos_ in ("VERB", "AUX"):
            for child in tok.children:
                if child.dep_ in _COMPLEMENT_DEPS:
                    count[child.i] += 1
    for tok in doc:  # negation reaches conjoined predicates and auxiliaries' heads
        if tok.dep_ == "conj" and count[tok.head.i] % 2 and not count[tok.i]:
            count[tok.i] = count[tok.head.i]
    return [c % 2 == 1 for c in count]


def _toks(doc, text: str) -> tuple[Tok, ...]:
    neg = _negations(doc)
    return tuple(
        Tok(
            t.i,
            text[t.idx : t.idx + len(t.text)],
            t.lower_,
            (t.lemma_ or t.text).lower(),
            t.pos_,
            t.dep_,
            t.head.i,
            neg[t.i],
            t.idx,
        )
        for t in doc
    )


_CACHE: dict[str, tuple[Tok, ...]] = {}
_CACHE_MAX = 200_000


def prime(texts) -> None:
    """Parse every text not yet cached in one spaCy batch."""
    todo = list(dict.fromkeys(t for t in texts if t and t not in _CACHE))
    short = [t for t in todo if len(t) <= MAX_PARSE_CHARS]
    if short:
        nlp = _nlp()
        docs = nlp.pipe([_source(t) for t in short], disable=_disabled(nlp), batch_size=64)
        for text, doc in zip(short, docs, strict=True):
            _store(text, _toks(doc, text))
    for text in todo:
        if text not in _CACHE:
            tokens(text)


def _store(text: str, toks: tuple[Tok, ...]) -> None:
    if len(_CACHE) >= _CACHE_MAX:
        _CACHE.clear()
    _CACHE[text] = toks


EVENT_AS = lexicon.by_attr("event_equivalents", "same_as")  # news word -> its event key
PARTICLES = frozenset({"prt", "advmod"})  # "gunned down", "passed away"


def phrasal_keys(toks: tuple[Tok, ...], particle_deps=PARTICLES) -> dict[int, str]:
    """Phrasal verbs of the lexicon event_equivalents (a verb and its particle: "stepped down"
    = "resign"): token index of the verb and of the particle -> the entry's event key."""
    out: dict[int, str] = {}
    for t in toks:
        if t.dep in particle_deps and 0 <= t.head < len(toks):
            key = EVENT_AS.get(f"{toks[t.head].lemma} {t.lower}")
            if key:
                out[t.head] = out[t.i] = key
    return out


def tokens(text: str) -> tuple[Tok, ...]:
    """The parsed tokens of `text` (cached); very long texts are parsed in pieces."""
    text = str(text or "")
    if text in _CACHE:
        return _CACHE[text]
    if not text.strip():
        return ()
    nlp = _nlp()
    out: list[Tok] = []
    for start in range(0, len(text), MAX_PARSE_CHARS):
        piece = text[start : start + MAX_PARSE_CHARS]
        doc = nlp(_source(piece), disable=_disabled(nlp))
        base = len(out)
        for t in _toks(doc, piece):
            out.append(t._replace(i=t.i + base, head=t.head + base, idx=t.idx + start))
    _store(text, tuple(out))
    return _CACHE[text]


def is_negation(tok: Tok) -> bool:
    """A negation cue of the lexicon (its scope is read into ``Tok.negated``)."""
    return tok.lower in _NEG_SCOPE or tok.lemma in _NEG_SCOPE


def is_content(tok: Tok) -> bool:
    """A word that carries a fact: not punctuation, not a stop word, a content part of speech
    (negation cues count: they carry the claim's polarity)."""
    if tok.lower in _NEG_SCOPE:
        return True
    return (
        tok.pos in CONTENT_POS
        and tok.pos != "NUM"  # numbers are the quantity typer's
        and tok.lower not in STOP
        and tok.lemma not in STOP
        and any(ch.isalpha() for ch in tok.lower)
    )


@lru_cache(maxsize=65536)
def content_stems(text: str) -> tuple[tuple[str, str], ...]:
    """(key, word) of the content words of `text`, in order; key = lemma in lower case."""
    return tuple(
        (unidecode(t.lemma), t.text) for t in tokens(text) if is_content(t) and len(t.lower) > 1
    )


@lru_cache(maxsize=65536)
def word_keys(text: str) -> frozenset[str]:
    """Lower-case words of a short fragment (a speaker, a row value) minus stop words, no parse:
    they match the surface keys of parsed tokens."""
    return frozenset(
        w for w in (x.lower() for x in WORD_RE.findall(str(text or ""))) if w not in STOP
    )


def lemmas(text: str) -> frozenset[str]:
    """Every lemma of `text` (function words included), lower case."""
    return frozenset(t.lemma for t in tokens(text))


@lru_cache(maxsize=65536)
def norm_value(value: str) -> str:
    return norm(value)


def quantity_key(q: dict) -> str:
    value = q.get("value")
    try:
        value = f"{float(value):g}"
    except (TypeError, ValueError):
        value = norm(q.get("text"))
    return f"{value} {norm(q.get('unit'))}".strip()
