"""Typer `detail` (severity 2-3): material one claim has and the other lacks, inside aligned claims.

The content words of each claim (crosscheck.comparison.normalise) are matched by lemma or
surface against the other claim. Each unmatched word is grouped under its anchor: the nearest
ancestor in the parse that both claims share. Under one anchor:
- a piece on one side only is missing material. Its severity says whether it can change what
  the pair asserts:
  - a claim of its own: a verb that is a main predicate (the root, a coordinated verb "shot and
    killed", a reported clause) -> severity 3 (a statement the other side does not make),
    unless every such verb only frames, continues or qualifies the event (lexicon
    ``frame_verbs``: "remains in talks", "as you know", "held a news conference") -> 2;
  - everything else is compatible extra detail -> severity 2: a background clause (relative,
    adverbial, participle or infinitive clause: "who starred in ...", "after leaving ...",
    "to begin a stay"), a participant, place or cause (a noun or name), a modifier;
- pieces on both sides are a rewording (left to the characterization typer when loaded), unless
  one has at least two more content words than the other: the surplus is then extra detail,
  rated as a missing piece; a statement verb there is no statement of its own when the other
  piece has at least as many statement verbs, one sharing a participant in the same role
  (subject; object or prepositional object) with one of them and both or neither marked
  future ("fired Smith" / "pushed Smith out" -> 2 "a reworded statement"; "will name" /
  "named" stay two stages);
- pieces on both sides whose statement verbs (or the verb one governs: "continue to
  investigate") are events of the lexicon ``event_equivalents`` in different groups, none an
  ``outcome_compatible`` partner of the other, are two statements -> one row of severity 3
  ("charged" / "investigated", "killed" / "convicted": neither is a rewording of the other);
- an unmatched noun that describes a name both claims share ("the village of X" / "the city of
  X", "challenger X" / "X") is a different or missing descriptor of one referent -> 2.
Severity 2 means "one side says more, nothing conflicts": the pair may still make the same
claim (benchmarks/difference_eval counts rows of severity >= 3 as substantive).
Words other typers already explained (values of their rows) and the words of the attribution
(speaker, role, medium, verb), numbers and time expressions are left out: they have their own
typers. Light nouns (lexicon ``light_nouns``: "people", "accident") never make a detail. Words
news uses for one event (lexicon ``event_equivalents``: "nab" / "arrest", "dead" / "die")
match each other, a phrasal verb with its particle included ("passed away" / "died"), and so do
converse verbs of one relation (lexicon ``converse_verbs``: "bought" / "sold to"; whether the
roles agree is the role typer's question).
"""

from __future__ import annotations

from crosscheck.comparison.normalise import (
    Tok,
    is_content,
    is_negation,
    phrasal_keys,
    tokens,
    word_keys,
)
from crosscheck.comparison.typers import register, row
from crosscheck.comparison.typers.role import FRAME_OF
from crosscheck.text import lexicon

_CLAUSE_POS = frozenset({"VERB"})
# dependency labels of a verb that is a statement of its own, not background to another verb
_MAIN_DEPS = frozenset({"ROOT", "conj", "ccomp", "parataxis"})
_PARTICIPANT_POS = frozenset({"NOUN", "PROPN"})
_ARG_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr"})
_FUTURE = frozenset(
    w for w, tense in lexicon.by_attr("tense_cues", "tense").items() if tense == "future"
)
_DESCRIPTOR_DEPS = frozenset({"compound", "appos", "nmod"})
_OF = frozenset({"of"})
_SAME_AS = lexicon.by_attr("descriptor_equivalents", "same_as")
_LIGHT = lexicon.words("light_nouns")
_EVENT_AS = lexicon.by_attr("event_equivalents", "same_as")
_FRAME = lexicon.words("frame_verbs")
_COMPATIBLE = frozenset(
    frozenset((e.entry, e.attrs["with"])) for e in lexicon.load("outcome_compatible")
)
_EVENT_DEPS = frozenset({"ROOT", "conj", "ccomp", "parataxis", "xcomp"})
# a verb's particle ("passed away") or a preposition a two-word entry names ("win over")
_PARTICLE_DEPS = frozenset({"prt", "advmod", "prep"})


def _keys(t: Tok) -> set[str]:
    lemma = t.lemma.lower()
    return {
        t.lemma,
        t.lower,
        _SAME_AS.get(t.lemma, t.lemma),
        _EVENT_AS.get(lemma, lemma),
        FRAME_OF.get(lemma, lemma),
    }


def _phrased(toks: tuple[Tok, ...]) -> tuple[Tok, ...]:
    """The tokens with a listed two-word entry of event_equivalents ("passed away", "win over")
    folded: the head word and its particle both take the entry's key as lemma, so "passed away"
    matches "died" and the particle is no extra word."""
    keys = phrasal_keys(toks, _PARTICLE_DEPS)
    return tuple(t._replace(lemma=keys[t.i]) if t.i in keys else t for t in toks)


def _explained(a, b, ctx) -> set[str]:
    out: set[str] = set()
    for r in ctx.rows:
        for v in (r["value_a"], r["value_b"]):
            out |= word_keys(v)
    for info in (a, b):
        for piece in info["owned"]:  # attribution, numbers, dates: their own typers
            out |= word_keys(piece)
    return out


def _unmatched(toks, other_keys: set[str], skip: set[str]) -> list[Tok]:
    return [
        t
        for t in toks
        if is_content(t)
        and not is_negation(t)  # the polarity typer's
        and not (_keys(t) & other_keys)
        and not (_keys(t) & skip)
        and t.lemma not in _LIGHT
    ]


def _anchor(toks, t: Tok, shared: set[str]) -> str:
    """The lemma of the nearest ancestor both claims have ("" for none)."""
    seen = set()
    while t.head != t.i and t.i not in seen:
        seen.add(t.i)
        t = toks[t.head]
        if _keys(t) & shared:
            return t.lemma
    return ""


def _described_name(toks, t: Tok, shared: set[str]) -> str:
    """A shared proper name that noun `t` describes (child or head of it), else ""."""
    if t.pos != "NOUN":
        return ""
    near = [u for u in toks if u.head == t.i and u.dep in _DESCRIPTOR_DEPS]
    near += [toks[t.head]] if t.dep in _DESCRIPTOR_DEPS else []
    of = [u for u in toks if u.head == t.i and u.lower in _OF]
    near += [v for u in of for v in toks if v.head == u.i]
    for u in near:
        if u.pos == "PROPN" and _keys(u) & shared:
            return u.text
    return ""


def _pieces(toks, unmatched, shared) -> tuple[dict[str, list[Tok]], dict[str, list[Tok]]]:
    pieces: dict[str, list[Tok]] = {}
    descriptors: dict[str, list[Tok]] = {}
    for t in unmatched:
        name = _described_name(toks, t, shared)
        if name:
            descriptors.setdefault(name, []).append(t)
        else:
            pieces.setdefault(_anchor(toks, t, shared), []).append(t)
    return pieces, descriptors


def _main(piece: list[Tok]) -> list[Tok]:
    """The verbs of a piece that are a statement of their own (not framing)."""
    return [
        t
        for t in piece
        if t.pos in _CLAUSE_POS and t.dep in _MAIN_DEPS and t.lemma.lower() not in _FRAME
    ]


def _future(toks, v: Tok) -> bool:
    return any(u.head == v.i and u.dep == "aux" and u.lower in _FUTURE for u in toks)


def _arguments(toks, v: Tok) -> set[tuple[str, str]]:
    """(role, key) of the participants of verb `v`, each with its compound words: role "subj"
    for the subject of an active verb or the by-agent of a passive one, "obj" for the object,
    the subject of a passive verb and the object of a preposition."""
    heads = []
    for u in toks:
        if u.head != v.i or u.i == v.i:
            continue
        if u.dep in _ARG_DEPS:
            heads.append(("subj" if u.dep == "nsubj" else "obj", u))
        elif u.dep in ("prep", "agent", "dative"):
            role = "subj" if u.dep == "agent" else "obj"
            heads += [(role, w) for w in toks if w.head == u.i and w.dep == "pobj"]
    words = heads + [
        (r, w) for r, h in heads for w in toks if w.head == h.i and w.dep == "compound"
    ]
    return {(r, k) for r, w in words if w.pos in _PARTICIPANT_POS for k in _keys(w)}


def _reworded(mine: list[Tok], other: list[Tok], toks) -> bool:
    """The other side's unmatched statement verbs at the same place say the same thing in other
    words: at least as many of them, one sharing a participant with one of mine ("fired Smith"
    / "pushed out Smith") and the same future marking ("will name" / "named" are two stages)."""
    if len(other) < len(mine):
        return False
    mine_t, other_t = toks
    return any(
        _arguments(mine_t, v) & _arguments(other_t, w) and _future(mine_t, v) == _future(other_t, w)
        for v in mine
        for w in other
    )


def _severity(piece: list[Tok]) -> tuple[int, str]:
    verbs = [t for t in piece if t.pos in _CLAUSE_POS]
    main = [t for t in verbs if t.dep in _MAIN_DEPS]
    if main and all(t.lemma.lower() in _FRAME for t in main):
        return 2, "a framing verb"
    if main:
        return 3, "a statement"
    if verbs:
        return 2, "a background clause"
    if {t.pos for t in piece} & _PARTICIPANT_POS:
        return 2, "a participant, place or cause"
    return 2, "a modifier"


def _words(piece: list[Tok]) -> str:
    return " ".join(t.text for t in sorted(piece, key=lambda t: t.i))


def _loose_anchors(toks, other_keys: set[str], shared: set[str]) -> set[str]:
    """Anchors of every unmatched word, function words included ("went up" for "rose")."""
    return {
        _anchor(toks, t, shared)
        for t in toks
        if t.pos not in ("PUNCT", "DET", "SPACE") and not (_keys(t) & other_keys)
    }


def _event_groups(piece: list[Tok]) -> dict[str, str]:
    """event_equivalents group -> word of the piece's statement verbs (and the verb a statement
    verb governs: "continue to investigate") that the lexicon lists."""
    return {
        _EVENT_AS[t.lemma.lower()]: t.text
        for t in piece
        if t.pos in _CLAUSE_POS and t.dep in _EVENT_DEPS and t.lemma.lower() in _EVENT_AS
    }


def _different_events(mine: dict[str, str], other: dict[str, str]) -> bool:
    """Both sides state an event of the lexicon at this place and no group of one is a group
    (or an outcome_compatible partner) of the other: "charged" / "investigated", "killed" /
    "convicted" are two statements, not one reworded."""
    if not mine or not other or set(mine) & set(other):
        return False
    return not any(frozenset((x, y)) in _COMPATIBLE for x in mine for y in other)


def _event_row(piece, other, anchor, events) -> dict:
    wa, wb = _words(piece), _words(other)
    ea, eb = ", ".join(sorted(events[0].values())), ", ".join(sorted(events[1].values()))
    where = f" (at '{anchor}')" if anchor else ""
    return row(
        "detail",
        3,
        f"A and B state different events in the same place{where}: A '{ea}', B '{eb}'; "
        "each is a statement the other does not make.",
        wa,
        wb,
        detail=f"different events '{ea}' / '{eb}' (lexicon event_equivalents); "
        f"anchor={anchor or '(root)'}",
    )


def _missing_rows(pa, pb, loose_a, loose_b, toks) -> list[dict]:
    out = []
    for side, mine, theirs, loose in (("A", pa, pb, loose_b), ("B", pb, pa, loose_a)):
        for anchor, piece in sorted(mine.items()):
            other = theirs.get(anchor, [])
            if not other and anchor in loose:
                continue  # replaced by function words or a negated verb: a rewording
            events = _event_groups(piece), _event_groups(other)
            if other and _different_events(*events):
                if side == "A":
                    out.append(_event_row(piece, other, anchor, events))
                continue
            extra = len(piece) - len(other)
            if other and extra < 2:
                continue  # reworded in the same place
            sev, what = _severity(piece)
            if sev == 3 and _reworded(_main(piece), _main(other), toks[side]):
                sev, what = 2, "a reworded statement"
            what = what if not other else f"more material ({what})"
            words = _words(piece)
            where = f" (at '{anchor}')" if anchor else ""
            va, vb = (words, "") if side == "A" else ("", words)
            other_side = "B" if side == "A" else "A"
            out.append(
                row(
                    "detail",
                    sev,
                    f"{side} has {what} that {other_side} lacks: '{words}'{where}.",
                    va,
                    vb,
                    detail=f"missing in {other_side}; anchor={anchor or '(root)'}",
                )
            )
    return out


def _descriptor_rows(da, db) -> list[dict]:
    out = []
    for name in sorted(set(da) | set(db)):
        wa, wb = _words(da.get(name, [])), _words(db.get(name, []))
        if wa == wb:
            continue
        if wa and wb:
            text = f"The two describe {name} differently: A '{wa}', B '{wb}'."
        else:
            text = f"{'A' if wa else 'B'} describes {name} as '{wa or wb}'; the other does not."
        out.append(row("detail", 2, text, wa, wb, detail=f"descriptor of '{name}'"))
    return out


@register("detail", order=80)
def detail_rows(a, b, ctx) -> list[dict]:
    ta, tb = _phrased(tokens(a["text"])), _phrased(tokens(b["text"]))
    keys_a = {k for t in ta for k in _keys(t)}
    keys_b = {k for t in tb for k in _keys(t)}
    skip = _explained(a, b, ctx)
    ua, ub = _unmatched(ta, keys_b, skip), _unmatched(tb, keys_a, skip)
    if not ua and not ub:
        return []
    shared = keys_a & keys_b
    pa, da = _pieces(ta, ua, shared)
    pb, db = _pieces(tb, ub, shared)
    loose_a, loose_b = _loose_anchors(ta, keys_b, shared), _loose_anchors(tb, keys_a, shared)
    rows = _missing_rows(pa, pb, loose_a, loose_b, {"A": (ta, tb), "B": (tb, ta)})
    return rows + _descriptor_rows(da, db)
