"""Segmentation: sentences -> claims (split at paragraph breaks, at ';' before an independent
clause and before a coordinated clause with its own subject; a dateline joins its sentence).
A short opening clause whose subject is a pronoun and which names nobody and gives no number
("It's been a long time coming, but ...", "It's not a holiday, but ...") is no claim of its
own: it stays with the clause it opens (FRAGMENT_TOKENS)."""

from __future__ import annotations

import re

from crosscheck.text import lexicon
from crosscheck.text.nlp import _is_verb, _paragraph_starts, lemma

SUBJECT_DEPS = set("nsubj nsubjpass csubj expl".split())
FRAGMENT_TOKENS = 8  # an opening clause this short (pronoun subject, no name, no number) stays
_NAME_OR_NUMBER_TAGS = {"NNP", "NNPS", "CD"}
_PRONOUN_TAGS = {"PRP", "EX", "DT"}
REPORTING_LEMMAS = frozenset(e.entry for e in lexicon.load("reporting_verbs"))
_DATE_WORDS = lexicon.by_attr("date_line_words", "kind")
_STAMP_LABELS = frozenset(w for w, k in _DATE_WORDS.items() if k == "label") - {"on", "at", "by"}
_TIME_ZONES = frozenset(w for w, k in _DATE_WORDS.items() if k == "zone")
_CLOCK = re.compile(r"^\d{1,2}([:.]\d{2})?(am|pm|a\.m\.|p\.m\.)?$", re.IGNORECASE)
_STAMP_PUNCT = frozenset(":/|,.-–—")


def _segments(doc) -> list[tuple[int, int, bool]]:
    """Token ranges (start, end, starts_paragraph) of the claims: sentences split at paragraph
    breaks, at ';' before an independent clause and before a coordinated clause with its own
    subject. Leading/trailing whitespace tokens are left out; the ranges never overlap."""
    para_starts = set(_paragraph_starts(doc))
    out = []
    for sent in doc.sents:
        cuts = {i for i in para_starts if sent.start < i < sent.end} | _clause_cuts(sent)
        cuts |= _stamp_cuts(sent)
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


def _stamp_token(tok) -> bool:
    """A word of a publication stamp: a date-line word, a number, a clock time, a separator."""
    if tok.lower_ in _DATE_WORDS or tok.like_num or _CLOCK.match(tok.text):
        return True
    return tok.text in _STAMP_PUNCT


def _stamp_cuts(sent) -> set[int]:
    """Cuts around a publication stamp glued into a sentence by a lost line break ("updated 12 /
    19 / 2005 2: 48: 40 PM ET Mob boss X died ...", "... PUBLISHED: 02: 31 GMT, 12 March 2013 An
    orderly protest ..."): a run of date-line words and numbers that opens the sentence, or opens
    with a stamp label (published, updated), names a time zone or stamp label (or, opening the
    sentence, a month and a four-digit year that end it), and is followed by a capitalised word.
    A date in running prose ("on Monday, May 2, police said") never opens with a label, and its
    next word is not capitalised or it does not open the sentence with a full date."""
    doc, cuts, i = sent.doc, set(), sent.start
    while i < sent.end:
        if not _stamp_token(doc[i]) or doc[i].is_punct:
            i += 1
            continue
        j = i
        while j < sent.end and _stamp_token(doc[j]):
            j += 1
        while j > i and doc[j - 1].is_punct and doc[j - 1].text != ".":
            j -= 1
        if _is_stamp(doc[i:j], at_start=i == sent.start):
            if i > sent.start:
                cuts.add(i)  # a labelled stamp inside the sentence
            if j < sent.end and doc[j].is_title:
                cuts.add(j)
        i = max(j, i + 1)
    return cuts


def is_stamp(span) -> bool:
    """The whole span is a publication stamp ("Updated 9: 01 AM EDT"; see _stamp_cuts)."""
    return all(_stamp_token(t) for t in span) and _is_stamp(span, at_start=True)


def _is_stamp(run, at_start: bool) -> bool:
    words = [t.lower_ for t in run if not t.is_punct]
    kinds = [_DATE_WORDS.get(w, "") for w in words]
    if len(words) < 3 or not any(t.like_num or _CLOCK.match(t.text) for t in run):
        return False
    labelled = kinds[0] == "label" and words[0] in _STAMP_LABELS
    if not (at_start or labelled) or kinds[0] == "label" and not labelled:
        return False  # "On Monday, May 2, ..." opens prose, not a stamp
    if labelled or any(w in _TIME_ZONES for w in words):
        return True
    full_date = "month" in kinds and len(run[-1].text) == 4 and run[-1].like_num
    return at_start and full_date


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
