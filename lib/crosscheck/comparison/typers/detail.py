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
  rated as a missing piece;
- an unmatched noun that describes a name both claims share ("the village of X" / "the city of
  X", "challenger X" / "X") is a different or missing descriptor of one referent -> 2.
Severity 2 means "one side says more, nothing conflicts": the pair may still make the same
claim (benchmarks/difference_eval counts rows of severity >= 3 as substantive).
Words other typers already explained (values of their rows) and the words of the attribution
(speaker, role, medium, verb), numbers and time expressions are left out: they have their own
typers. Light nouns (lexicon ``light_nouns``: "people", "accident") never make a detail. Words
news uses for one event (lexicon ``event_equivalents``: "nab" / "arrest", "dead" / "die")
match each other.
"""

from __future__ import annotations

from crosscheck.comparison.normalise import Tok, is_content, is_negation, tokens, word_keys
from crosscheck.comparison.typers import register, row
from crosscheck.text import lexicon

_CLAUSE_POS = frozenset({"VERB"})
# dependency labels of a verb that is a statement of its own, not background to another verb
_MAIN_DEPS = frozenset({"ROOT", "conj", "ccomp", "parataxis"})
_PARTICIPANT_POS = frozenset({"NOUN", "PROPN"})
_DESCRIPTOR_DEPS = frozenset({"compound", "appos", "nmod"})
_OF = frozenset({"of"})
_SAME_AS = lexicon.by_attr("descriptor_equivalents", "same_as")
_LIGHT = lexicon.words("light_nouns")
_EVENT_AS = lexicon.by_attr("event_equivalents", "same_as")
_FRAME = lexicon.words("frame_verbs")


def _keys(t: Tok) -> set[str]:
    lemma = t.lemma.lower()
    return {t.lemma, t.lower, _SAME_AS.get(t.lemma, t.lemma), _EVENT_AS.get(lemma, lemma)}


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


def _missing_rows(pa, pb, loose_a, loose_b) -> list[dict]:
    out = []
    for side, mine, theirs, loose in (("A", pa, pb, loose_b), ("B", pb, pa, loose_a)):
        for anchor, piece in sorted(mine.items()):
            other = theirs.get(anchor, [])
            if not other and anchor in loose:
                continue  # replaced by function words or a negated verb: a rewording
            extra = len(piece) - len(other)
            if other and extra < 2:
                continue  # reworded in the same place
            sev, what = _severity(piece)
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
    ta, tb = tokens(a["text"]), tokens(b["text"])
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
    return _missing_rows(pa, pb, loose_a, loose_b) + _descriptor_rows(da, db)
