"""Typer `outcome` (severity 4): the aligned claims' main predicates report different outcomes.

The main predicates of a claim are its root, the verbs and nouns coordinated with the root
("arrested and charged"), the complement clause of a root that reports ("police said he was
charged"), and the adjective or noun a copula root carries ("two were injured"). A phrasal verb
counts with its particle ("stepped down"). Each predicate found in the lexicon
``event_equivalents`` has an outcome group (its ``same_as`` key: "sacked" -> dismiss, "quit" ->
resign). A row is emitted when a predicate of A and one of B are in different groups and
neither group appears anywhere in the other claim ("arrested and charged" / "charged" is
extra detail, not a conflict: the detail typer's business), and both predicates happen to the
same participant (object or passive subject, else subject, compared by lemma; a pronoun matches
anyone): "police arrested the driver" / "the driver was charged" is a conflict, "the woman shot
two co-workers" / "the woman was convicted" is two stages of one story. Not a conflict:
- a pair of groups in the lexicon ``outcome_compatible`` (an act and a result it may have,
  "shot" / "killed"; groups merged on purpose, "won" / "beat");
- a negated predicate (the polarity typer's business), or a word a polarity row already
  explained (antonyms such as rise / fall are a polarity flip at severity 5).
"""

from __future__ import annotations

from crosscheck.comparison.normalise import Tok, tokens, word_keys
from crosscheck.comparison.typers import register, row
from crosscheck.text import lexicon

_GROUP = lexicon.by_attr("event_equivalents", "same_as")
_COMPATIBLE = frozenset(
    frozenset((e.entry, e.attrs["with"])) for e in lexicon.load("outcome_compatible")
)
_PRED_POS = frozenset({"VERB", "NOUN", "ADJ"})
_CARRIED = frozenset({"acomp", "attr", "oprd"})  # what a copula root carries
_REPORTED = frozenset({"ccomp"})
_OBJECT = frozenset({"dobj", "nsubjpass"})  # the participant an outcome happens to
_WILD = "*"  # a pronoun patient matches any participant


class _Toks(tuple):
    """A claim's parsed tokens with a head -> children index built once (no token scan per
    look-up: a long claim stays linear)."""

    def __new__(cls, toks):
        self = super().__new__(cls, toks)
        self.kids = {}
        for u in self:
            if u.head != u.i:
                self.kids.setdefault(u.head, []).append(u)
        return self


def _word(t: Tok, toks: _Toks) -> tuple[str, str]:
    """(lexicon key, surface) of a token: the phrasal verb with its particle when listed."""
    lemma = t.lemma.lower()
    for u in toks.kids.get(t.i, ()):
        if u.dep == "prt" and f"{lemma} {u.lower}" in _GROUP:
            return f"{lemma} {u.lower}", f"{t.text} {u.text}"
    return lemma, t.text


def _main(toks: _Toks) -> list[Tok]:
    """The main predicates: root, its conjuncts, what a copula carries, a reported clause."""
    roots = [t for t in toks if t.dep == "ROOT"]
    out: list[Tok] = []
    frontier = list(roots)
    while frontier:
        t = frontier.pop()
        out.append(t)
        for u in _children(t, toks):
            main_clause = t in roots
            if u.dep == "conj" or u.dep in _CARRIED or (u.dep in _REPORTED and main_clause):
                frontier.append(u)
            elif u.dep == "acl" and main_clause and t.pos in ("NOUN", "NUM", "PROPN"):
                frontier.append(u)  # headline: "Two injured in crash"
    return [t for t in out if t.pos in _PRED_POS and not t.negated]


def _children(t: Tok, toks: _Toks) -> list[Tok]:
    return toks.kids.get(t.i, [])


def _keys(us: list[Tok]) -> set[str]:
    return {_WILD if u.pos == "PRON" else u.lemma.lower() for u in us}


def _patients(t: Tok, toks: _Toks) -> set[str]:
    """Who the outcome happens to: the object or passive subject of the predicate (shared
    across "shot and killed two guards"), else its subject ("the minister resigned"), the
    subject of a copula ("two were injured"), the noun a headline participle modifies ("two
    injured"), a noun's possessor or of-phrase ("the minister's resignation")."""
    head = toks[t.head] if t.head != t.i else None
    kids = _children(t, toks)
    coord = [u for u in kids if u.dep == "conj"] + ([head] if t.dep == "conj" else [])
    if t.dep == "acl" and head is not None:
        return _keys([head])
    if t.pos == "NOUN":
        owners = [u for u in kids if u.dep == "poss"]
        owners += [v for u in kids if u.lower == "of" for v in _children(u, toks)]
        return _keys([u for u in owners if u.dep in ("poss", "pobj")])
    for pool in ([t], coord):
        found = [u for c in pool for u in _children(c, toks) if u.dep in _OBJECT]
        if found:
            return _keys(found)
    holders = [t] + ([head] if t.dep in _CARRIED and head is not None else []) + coord
    return _keys([u for c in holders for u in _children(c, toks) if u.dep == "nsubj"])


def _same_patient(pa: set[str], pb: set[str]) -> bool:
    """Both claims name who it happened to, and it is the same (a pronoun matches anyone)."""
    return bool(pa and pb) and (_WILD in pa or _WILD in pb or bool(pa & pb))


def _groups(toks: _Toks) -> set[str]:
    """Every outcome group a claim mentions anywhere."""
    out = set()
    for t in toks:
        key, _ = _word(t, toks)
        for k in (key, t.lemma.lower()):
            if k in _GROUP:
                out.add(_GROUP[k])
    return out


def _predicates(toks: _Toks) -> dict[str, tuple[str, set[str]]]:
    """Outcome group -> (surface word, patients), for the main predicates in the lexicon."""
    out: dict[str, tuple[str, set[str]]] = {}
    for t in _main(toks):
        key, surface = _word(t, toks)
        if key in _GROUP:
            out.setdefault(_GROUP[key], (surface, _patients(t, toks)))
    return out


def _polarity_words(ctx) -> set[str]:
    out: set[str] = set()
    for r in ctx.rows:
        if r["kind"] == "polarity":
            out |= word_keys(r["value_a"]) | word_keys(r["value_b"])
    return out


@register("outcome", order=8)
def outcome_rows(a, b, ctx) -> list[dict]:
    ta, tb = _Toks(tokens(a["text"])), _Toks(tokens(b["text"]))
    pa, pb = _predicates(ta), _predicates(tb)
    if not pa or not pb:
        return []
    ga, gb = _groups(ta), _groups(tb)
    explained = _polarity_words(ctx)
    out = []
    for xa, (wa, who_a) in sorted(pa.items()):
        for xb, (wb, who_b) in sorted(pb.items()):
            if xa == xb or xa in gb or xb in ga or frozenset((xa, xb)) in _COMPATIBLE:
                continue
            if not _same_patient(who_a, who_b):
                continue
            if (word_keys(wa) | word_keys(wb)) & explained:
                continue
            out.append(
                row(
                    "outcome",
                    4,
                    f"The claims report different outcomes: A says '{wa}' ({xa}), "
                    f"B says '{wb}' ({xb}).",
                    wa,
                    wb,
                    detail=f"outcome groups '{xa}' / '{xb}' (lexicon event_equivalents)",
                )
            )
    return out
