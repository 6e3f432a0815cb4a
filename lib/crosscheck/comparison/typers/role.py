"""Typer `role_reversal` (severity 5): the aligned claims tell one relation with the participants
the other way round ("the Falcons beat the Rams" / "the Falcons were defeated by the Rams",
"the truck hit the bus" / "the bus hit the truck").

Each verb of a claim gives a frame: its relation and its two participants. Voice is undone (the
subject of a passive verb is its logical object, the by-agent its logical subject), and
converse verbs of the lexicon ``converse_verbs`` tell one relation from either side ("X beat Y"
= "Y lost to X", "X bought Y" = "Y was sold to X"). A verb not listed tells its own relation
(its lemma folded by the lexicon ``event_equivalents``) with the logical subject first. A
participant is the head noun with its compound and apposition words; two match when they share
a word (pronouns and relative words name no participant). A row is emitted when both claims
name both participants of a frame of one relation, a participant of one stands in the other role
in the other, and no participant stands in the same role on both sides. A frame with one
participant is never read as reversed: a headline drops the passive auxiliary ("Smith arrested"
= "Smith was arrested", parsed as a subject), and an event key may fold an intransitive verb with
a transitive one ("the woman died" / "the driver killed the woman"). A converse pair with the
roles kept ("bought" / "was sold to") is the same claim: :func:`converse_pairs` tells the
polarity typer (which runs first) not to read it as an antonym flip, and :func:`reversed_pairs`
leaves a reversed converse pair to this typer; the detail typer matches the two verbs.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from crosscheck.comparison.normalise import Tok, tokens
from crosscheck.comparison.typers import register, row
from crosscheck.text import lexicon

_CONVERSE = {e.entry: e.attrs for e in lexicon.load("converse_verbs")}
FRAME_OF = {verb: attrs["frame"] for verb, attrs in _CONVERSE.items()}
_EVENT_AS = lexicon.by_attr("event_equivalents", "same_as")
_SYMMETRIC = lexicon.words("symmetric_verbs")  # "A met B" = "B met A": never reversed
_NAME_DEPS = frozenset({"compound", "appos"})
_SUBJ, _OBJ = "subj", "obj"


class Frame(NamedTuple):
    relation: str
    verb: str  # the verb's surface
    lemma: str
    first: frozenset[str]  # empty: the claim does not name this participant
    second: frozenset[str]


def _kids(toks) -> dict[int, list[Tok]]:
    out: dict[int, list[Tok]] = {}
    for u in toks:
        if u.head != u.i:
            out.setdefault(u.head, []).append(u)
    return out


def _participant(t: Tok | None, kids) -> frozenset[str]:
    if t is None or t.pos not in ("NOUN", "PROPN"):
        return frozenset()
    words = {t.lemma.lower()} | {
        u.lemma.lower() for u in kids.get(t.i, []) if u.dep in _NAME_DEPS and u.pos == "PROPN"
    }
    return frozenset(words)


def _slots(t: Tok, kids) -> dict[str, Tok]:
    """Logical subject, logical object and prepositional objects of verb `t`."""
    out: dict[str, Tok] = {}
    for u in kids.get(t.i, []):
        if u.dep == "nsubj":
            out[_SUBJ] = u
        elif u.dep in ("dobj", "nsubjpass"):
            out[_OBJ] = u
        elif u.dep in ("agent", "prep", "dative"):
            objects = [v for v in kids.get(u.i, []) if v.dep == "pobj"]
            if objects:
                out[_SUBJ if u.dep == "agent" else u.lower] = objects[0]
    return out


def frames(toks) -> list[Frame]:
    """The frames of a claim's verbs that name at least one participant."""
    return list(_frames(tuple(toks)))


@lru_cache(maxsize=65536)
def _frames(toks: tuple[Tok, ...]) -> tuple[Frame, ...]:
    """frames, cached by the parsed tokens (a claim meets each of its partners)."""
    kids = _kids(toks)
    out = []
    for t in toks:
        if t.pos != "VERB":
            continue
        lemma = t.lemma.lower()
        if lemma in _SYMMETRIC:
            continue
        spec = _CONVERSE.get(lemma, {"frame": _EVENT_AS.get(lemma, lemma)})
        slots = _slots(t, kids)
        first = _participant(slots.get(spec.get("first", _SUBJ)), kids)
        second = _participant(slots.get(spec.get("second", _OBJ)), kids)
        if first or second:
            out.append(Frame(spec["frame"], t.text, lemma, first, second))
    return tuple(out)


def _meet(x: frozenset[str], y: frozenset[str]) -> bool:
    return bool(x & y)


def _full(fa: Frame, fb: Frame) -> bool:
    return bool(fa.first and fa.second and fb.first and fb.second)


def _reversed(fa: Frame, fb: Frame) -> bool:
    if not _full(fa, fb):
        return (
            False  # one role unnamed: "X arrested" (a headline's passive), "X died" / "Y killed X"
        )
    crossed = _meet(fa.first, fb.second) or _meet(fa.second, fb.first)
    kept = _meet(fa.first, fb.first) or _meet(fa.second, fb.second)
    return crossed and not kept and not _meet(fa.first, fa.second)


def converse_pairs(ta, tb) -> set[tuple[str, str]]:
    """(lemma of A, lemma of B) of two different converse verbs telling one relation, both
    naming both participants, at least one in the same role and none reversed ("X bought Y" /
    "Y was sold to X"; "X bought shares" / "X sold shares" names no buyer on one side: an
    antonym flip for the polarity typer)."""
    out = set()
    for fa in frames(ta):
        for fb in frames(tb):
            if fa.relation != fb.relation or fa.lemma == fb.lemma or fa.lemma not in _CONVERSE:
                continue
            if fb.lemma in _CONVERSE and _full(fa, fb) and not _reversed(fa, fb):
                if _meet(fa.first, fb.first) or _meet(fa.second, fb.second):
                    out.add((fa.lemma, fb.lemma))
    return out


def reversed_pairs(ta, tb) -> set[tuple[str, str]]:
    """(lemma of A, lemma of B) of the frames of one relation told with the roles reversed."""
    return {
        (fa.lemma, fb.lemma)
        for fa in frames(ta)
        for fb in frames(tb)
        if fa.relation == fb.relation and _reversed(fa, fb)
    }


def other_actors(ta, tb, lemma_a: str, lemma_b: str) -> bool:
    """Verb `lemma_a` of A and `lemma_b` of B have named subjects and no frame pair of them
    shares one ("the Blazers fired X" / "the Sixers hired X": two actors, not one act and its
    opposite)."""
    fa = [f for f in frames(ta) if f.lemma == lemma_a.lower()]
    fb = [f for f in frames(tb) if f.lemma == lemma_b.lower()]
    if not fa or not fb or not all(f.first for f in [*fa, *fb]):
        return False
    return not any(_meet(x.first, y.first) for x in fa for y in fb)


def _name(words: frozenset[str]) -> str:
    return " ".join(sorted(words)) or "(unnamed)"


@register("role_reversal", order=6)
def role_rows(a, b, ctx) -> list[dict]:
    out, seen = [], set()
    for fa in frames(tokens(a["text"])):
        for fb in frames(tokens(b["text"])):
            if fa.relation != fb.relation or not _reversed(fa, fb) or fa.relation in seen:
                continue
            seen.add(fa.relation)
            out.append(
                row(
                    "role_reversal",
                    5,
                    f"The claims tell '{fa.relation}' with the roles reversed: A '{fa.verb}' has "
                    f"'{_name(fa.first)}' -> '{_name(fa.second)}', B '{fb.verb}' has "
                    f"'{_name(fb.first)}' -> '{_name(fb.second)}'.",
                    fa.verb,
                    fb.verb,
                    detail=f"relation={fa.relation}; roles reversed (voice and converse verbs "
                    "undone, lexicon converse_verbs)",
                )
            )
    return out
