"""One scan of a parsed text for every lexicon cue (negation, event stages,
attribution phrases, force words; certainty cues are read by lemma in crosscheck.text.certainty)."""

from __future__ import annotations

from functools import cache

from spacy.strings import get_string_id

from crosscheck.text.attribution import PHRASE_TEXTS
from crosscheck.text.certainty import NEGATIONS
from crosscheck.text.nlp import FORCE_WORDS, UNIT_WORDS, _is_verb
from crosscheck.text.stages import STAGE_PATTERNS


@cache
def _cue_index() -> dict[int, list[tuple[str, tuple[frozenset, ...], str]]]:
    """Lexicon patterns for certainty cues, negations, event stages, speech verbs, 'according
    to' and force words, indexed by the hash of their first word (lowercase).

    A pattern is (key, (hashes of the words allowed at token 1, token 2, ...), check) with
    check "" | "MD" (modal tag) | "VB" (verb tag) | "VERB_NOUN" (part of speech). A plain
    Python scan beats spaCy's Matcher here: its "IN" predicates run per token in Python.
    """
    patterns: list[tuple[str, str, str]] = [
        ("NEG", "/".join(NEGATIONS), ""),
        ("FORCE", "/".join(FORCE_WORDS + UNIT_WORDS), ""),
    ]
    patterns += [("ACCORDING", phrase, "") for phrase in sorted(PHRASE_TEXTS)]
    for rank, phrases in STAGE_PATTERNS.items():
        patterns += [(f"STAGE{rank}", p, "" if " " in p else "VERB_NOUN") for p in phrases]
    index: dict[int, list] = {}
    for key, phrase, check in patterns:
        seq = tuple(frozenset(map(get_string_id, tok.split("/"))) for tok in phrase.split())
        for first in seq[0]:
            index.setdefault(first, []).append((key, seq, check))
    return index


def _check(tok, check: str) -> bool:
    if check == "MD":
        return tok.tag_ == "MD"
    if check == "VB":
        return tok.tag_.startswith("VB")
    if check == "VERB_NOUN":
        return _is_verb(tok) or tok.tag_ in ("NN", "NNS")
    return True


def _matches(doc) -> list[tuple[str, int, int]]:
    """Lexicon hits (key, start, end) sorted by start; of overlapping stage hits the longest."""
    index = _cue_index()
    lowers = doc.to_array("LOWER").tolist()
    n = len(lowers)
    raw = []
    for i, h in enumerate(lowers):
        for key, seq, check in index.get(h, ()):
            end = i + len(seq)
            if end <= n and all(lowers[i + k] in seq[k] for k in range(1, len(seq))):
                if _check(doc[i], check):
                    raw.append((key, i, end))
    stages = sorted((m for m in raw if m[0].startswith("STAGE")), key=lambda m: m[1] - m[2])
    taken: set[int] = set()
    for m in stages:
        if taken.isdisjoint(range(m[1], m[2])):
            taken.update(range(m[1], m[2]))
        else:
            raw.remove(m)
    return sorted(raw, key=lambda m: (m[1], m[2]))
