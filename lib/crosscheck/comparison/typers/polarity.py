"""Typer `polarity` (severity 5): one claim says the opposite of the other.

Negation: a predicate (verb, adjective or noun lemma) present in both claims is negated in one
and not in the other ("advanced" / "did not advance", "casualties were reported" / "no
casualties were reported", "signed" / "refused to sign"); negation scope comes from
crosscheck.comparison.normalise (lexicon ``negation_cues``).
Antonyms: one claim has a word of a pair of the lexicon ``antonym_pairs`` and the other its
opposite, with the same polarity on both sides, and neither has the other's word ("rose" /
"fell", "higher" / "lower", "released" / "detained"). "Did not rise" / "fell" is no flip, and
neither are two antonyms whose subjects are different names or nouns ("the Blazers fired
him" / "the Sixers hired him": two actors), nor converse verbs the role typer explains
("bought" / "was sold to": one sale told from either side; with the roles reversed it is a
role_reversal row, not a polarity row).
Near miss (severity 4): a verb both claims state, plain on one side and with an adverb of the
lexicon ``near_miss_adverbs`` on it on the other ("destroyed" / "nearly destroyed": the second
says it did not happen). An adverb on a number ("nearly 40") is a quantity modifier, not this.
"""

from __future__ import annotations

from crosscheck.comparison.normalise import Tok, tokens
from crosscheck.comparison.typers import register, row
from crosscheck.comparison.typers.role import converse_pairs, other_actors, reversed_pairs
from crosscheck.text import lexicon

_PREDICATE_POS = frozenset({"VERB", "ADJ", "NOUN", "ADV"})


def _pairs() -> list[tuple[str, str]]:
    return [(e.entry, e.attrs["opposite"]) for e in lexicon.load("antonym_pairs")]


_ANTONYMS = _pairs()
_ANTONYM_WORDS = frozenset(w for p in _ANTONYMS for w in p)
_NEAR_MISS = lexicon.words("near_miss_adverbs")


def _near_missed(toks: tuple[Tok, ...]) -> dict[str, str]:
    """Verb lemma -> its near-miss adverb ("nearly") for the verbs that have one; a verb
    without one maps to ""."""
    out: dict[str, str] = {}
    for t in toks:
        if t.pos != "VERB":
            continue
        adverb = next(
            (u.text for u in toks if u.head == t.i and u.dep == "advmod" and u.lower in _NEAR_MISS),
            "",
        )
        if adverb or t.lemma not in out:
            out[t.lemma] = adverb
    return out


def _near_miss_rows(ta, tb) -> list[dict]:
    na, nb = _near_missed(ta), _near_missed(tb)
    out = []
    for lemma in sorted(set(na) & set(nb)):
        if bool(na[lemma]) == bool(nb[lemma]):
            continue
        side = "A" if na[lemma] else "B"
        wa = f"{na[lemma]} {_surface(ta, lemma)}".strip()
        wb = f"{nb[lemma]} {_surface(tb, lemma)}".strip()
        out.append(
            row(
                "polarity",
                4,
                f"{side} says it nearly happened (so it did not): A says '{wa}', B says '{wb}'.",
                wa,
                wb,
                detail=f"near miss of '{lemma}'",
            )
        )
    return out


def _polarities(toks: tuple[Tok, ...]) -> dict[str, set[bool]]:
    out: dict[str, set[bool]] = {}
    for t in toks:
        if t.pos in _PREDICATE_POS or t.lemma in _ANTONYM_WORDS:
            out.setdefault(t.lemma, set()).add(t.negated)
    return out


def _surface(toks, lemma: str) -> str:
    """The claim's words for `lemma`, with the negation cue before it when negated."""
    for t in toks:
        if t.lemma == lemma:
            cues = [u.text for u in toks if u.head == t.i and u.dep == "neg"]
            return " ".join([*cues, t.text]) if t.negated and cues else t.text
    return lemma


def _negation_rows(ta, tb, pa, pb) -> list[dict]:
    out = []
    for lemma in sorted(set(pa) & set(pb)):
        if len(pa[lemma]) == 1 and len(pb[lemma]) == 1 and pa[lemma] != pb[lemma]:
            neg_side = "A" if True in pa[lemma] else "B"
            wa, wb = _surface(ta, lemma), _surface(tb, lemma)
            out.append(
                row(
                    "polarity",
                    5,
                    f"{neg_side} negates what the other affirms: A says '{wa}', B says '{wb}'.",
                    wa,
                    wb,
                    detail=f"negation of '{lemma}'",
                )
            )
    return out


def _antonym_rows(ta, tb, pa, pb, owned: set[tuple[str, str]]) -> list[dict]:
    out = []
    for x, y in _ANTONYMS:
        for left, right in ((x, y), (y, x)):
            if (left, right) in owned:
                continue
            if left in pa and right in pb and right not in pa and left not in pb:
                if other_actors(ta, tb, left, right):  # asked only of the pairs present
                    continue
                if len(pa[left]) == 1 and pa[left] == pb[right]:
                    wa, wb = _surface(ta, left), _surface(tb, right)
                    out.append(
                        row(
                            "polarity",
                            5,
                            f"The claims go opposite ways: A says '{wa}', B says '{wb}'.",
                            wa,
                            wb,
                            detail=f"antonyms '{left}' / '{right}'",
                        )
                    )
    return out


def _role_owned(ta, tb) -> set[tuple[str, str]]:
    """Lemma pairs the role typer explains: converse verbs with the roles kept ("bought" /
    "was sold to": one claim) or reversed (its role_reversal row): no antonym flip."""
    return converse_pairs(ta, tb) | reversed_pairs(ta, tb)


@register("polarity", order=5)
def polarity_rows(a, b, ctx) -> list[dict]:
    ta, tb = tokens(a["text"]), tokens(b["text"])
    pa, pb = _polarities(ta), _polarities(tb)
    rows = _negation_rows(ta, tb, pa, pb) + _antonym_rows(ta, tb, pa, pb, _role_owned(ta, tb))
    return rows + _near_miss_rows(ta, tb)
