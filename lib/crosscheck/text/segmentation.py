"""Segmentation: sentences -> claims (split at paragraph breaks, at ';' before an independent
clause and before a coordinated clause with its own subject; a dateline joins its sentence).
A short opening clause whose subject is a pronoun and which names nobody and gives no number
("It's been a long time coming, but ...", "It's not a holiday, but ...") is no claim of its
own: it stays with the clause it opens (FRAGMENT_TOKENS)."""

from __future__ import annotations

from crosscheck.text import lexicon
from crosscheck.text.nlp import _is_verb, _paragraph_starts, lemma

SUBJECT_DEPS = set("nsubj nsubjpass csubj expl".split())
FRAGMENT_TOKENS = 8  # an opening clause this short (pronoun subject, no name, no number) stays
_NAME_OR_NUMBER_TAGS = {"NNP", "NNPS", "CD"}
_PRONOUN_TAGS = {"PRP", "EX", "DT"}
REPORTING_LEMMAS = frozenset(e.entry for e in lexicon.load("reporting_verbs"))


def _segments(doc) -> list[tuple[int, int, bool]]:
    """Token ranges (start, end, starts_paragraph) of the claims: sentences split at paragraph
    breaks, at ';' before an independent clause and before a coordinated clause with its own
    subject. Leading/trailing whitespace tokens are left out; the ranges never overlap."""
    para_starts = set(_paragraph_starts(doc))
    out = []
    for sent in doc.sents:
        cuts = {i for i in para_starts if sent.start < i < sent.end} | _clause_cuts(sent)
        bounds = [sent.start, *sorted(cuts), sent.end]
        for a, b in zip(bounds, bounds[1:], strict=False):
            while a < b and doc[a].is_space:
                a += 1
            while b > a and doc[b - 1].is_space:
                b -= 1
            if a < b:
                out.append((a, b))
    # a dateline ("DONETSK —") belongs to the sentence it opens
    merged = []
    for a, b in out:
        if merged and _is_dateline(doc, *merged[-1], a) and not para_starts & {a}:
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    # mark the first segment of each paragraph after the first
    starts = sorted(para_starts)
    result, p = [], 0
    for a, b in merged:
        brk = False
        while p < len(starts) and starts[p] <= a:
            brk, p = True, p + 1
        result.append((a, b, brk))
    return result


def _is_dateline(doc, a: int, b: int, next_start: int) -> bool:
    """doc[a:b] is a short verbless place line and the next segment starts with a dash."""
    return (
        b - a <= 5
        and doc[next_start].text in ("—", "–", "-", "--")
        and not any(_is_verb(t) for t in doc[a:b])
    )


def _has_subject(tok) -> bool:
    return any(c.dep_ in SUBJECT_DEPS for c in tok.children)


def _fragment(sent, root, cut: int) -> bool:
    """sent[:cut] is a short opening clause with a pronoun subject and no name or number."""
    head = sent.doc[sent.start : cut]
    subjects = [c for c in root.children if c.dep_ in SUBJECT_DEPS]
    return (
        len([t for t in head if not t.is_punct]) <= FRAGMENT_TOKENS
        and bool(subjects)
        and all(c.tag_ in _PRONOUN_TAGS for c in subjects)
        and not any(t.tag_ in _NAME_OR_NUMBER_TAGS or t.ent_type_ for t in head)
    )


def _clause_cuts(sent) -> set[int]:
    """Token indices inside `sent` where a new independent clause starts."""
    root = sent.root
    cuts = set()
    for child in root.rights:
        if child.dep_ == "conj" and _is_verb(child) and _has_subject(child):
            if _trailing_cue(child, sent):
                continue
            cut = child.left_edge.i
            prev = cut - 1
            if prev > root.i and child.doc[prev].dep_ == "cc":
                cut = prev
            if cut > sent.start and not _fragment(sent, root, cut):
                cuts.add(cut)
    for tok in sent:
        if tok.text == ";" and tok.i + 1 < sent.end:
            right = tok.doc[tok.i + 1 : sent.end]
            if any(_is_verb(t) and _has_subject(t) and t.dep_ in ("ROOT", "conj") for t in right):
                cuts.add(tok.i + 1)
    return cuts


def _trailing_cue(verb, sent) -> bool:
    """', her spokesman confirms to reporters.': a reporting verb without a clause or object that
    closes the sentence after a comma is a misparsed parenthetical cue, not a new clause."""
    if lemma(verb) not in REPORTING_LEMMAS:
        return False
    if any(c.dep_ in ("dobj", "ccomp", "xcomp", "cc") for c in verb.children):
        return False
    before = verb.doc[verb.left_edge.i - 1] if verb.left_edge.i > sent.start else None
    rest = verb.doc[verb.right_edge.i + 1 : sent.end]
    return before is not None and before.text == "," and all(t.is_punct for t in rest)
