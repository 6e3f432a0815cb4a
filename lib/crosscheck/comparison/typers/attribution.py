"""Typer `attribution`: the speaker (compared through the entity check's name rules, across
scripts a source word and its English equivalent, and a token-set match), whether the claim is
attributed at all, and the medium it came through.

Severity:
- two different speakers -> 4 (2 when both are unnamed, vague sources, and 2 when one side names
  a person and the other describes one person without a name, "her publicist", "a spokesman":
  the description may well be that person);
- a source on one side only -> 4 when the claim is contested: either side hedges it (a
  certainty cue below crosscheck.text.certainty.FIRM_SCORE: reportedly, allegedly, may, is
  believed to, a question), so who says it is what the reader has to weigh; otherwise 2 (a
  plain "police said" on one side is an addition: the other side asserts the same thing
  itself). A firmly stated plan or future ("will host", "is set to", a headline's "to host")
  is no hedge; 2 as well when the side without a source is a headline that is not hedged
  (headlines drop sources);
- a medium on both sides that differs -> 3; a medium on one side only -> 2 (an addition).
"""

from __future__ import annotations

from rapidfuzz import fuzz

from crosscheck.comparison.names import sources_match
from crosscheck.comparison.normalise import norm, tokens
from crosscheck.comparison.typers import register, row
from crosscheck.comparison.views import is_headline
from crosscheck.text import lexicon
from crosscheck.text.certainty import FIRM_SCORE, cue_score

_DESCRIBED = frozenset({"vague", "role"})
# singular nouns that name a group or an institution, never one person
_COLLECTIVE = lexicon.words("collective_sources")


def _speakers_same(a: str, b: str) -> bool:
    if sources_match(a, b):
        return True
    return fuzz.token_set_ratio(norm(a), norm(b)) >= 85


def hedged(info: dict) -> bool:
    """The claim is presented as less than certain: certainty rank above 0 (fact) with a cue
    that is no firm plan or future (a cue the lexicon does not score, such as "?", counts as a
    hedge; a negation cue is no hedge)."""
    if info["rank"] is None or info["rank"] <= 0:
        return False
    cues = info.get("cues", ())
    if any(c.strip() == "?" for c in cues):
        return True
    scores = [cue_score(tuple(t.lemma for t in tokens(c))) for c in cues]
    known = [s for s in scores if s is not None]
    return not known or any(s < FIRM_SCORE for s in known)


def _contested(a, b) -> bool:
    """Either side hedges the claim (see :func:`hedged`)."""
    return hedged(a) or hedged(b)


def _possessor(t) -> bool:
    """A possessor in a description ("Smith's" of "Smith's lawyer"): whose the person is,
    not the person's name."""
    return t.dep == "poss"


def _describes_one_person(desc: str) -> bool:
    """`desc` is a description of one person without a name: its words have no proper noun
    (a possessor aside: "Smith's lawyer" describes the lawyer) and its head noun is singular
    ("her publicist", "the coach"; not "officials", not "police")."""
    toks = [t for t in tokens(desc) if not _possessor(t)]
    nouns = [t for t in toks if t.pos in ("NOUN", "PROPN")]
    if not nouns or any(t.pos == "PROPN" for t in toks):
        return False
    head = nouns[-1]
    return head.lemma.lower() == head.lower and head.lower not in _COLLECTIVE


def _may_be_same_person(a, b) -> bool:
    """One side names a person, the other describes one person without a name."""
    for named, other in ((a, b), (b, a)):
        if named["speaker_kind"] == "person" and other["speaker_kind"] in _DESCRIBED:
            if _describes_one_person(other["speaker"]):
                return True
    return False


@register("attribution", order=30)
def attribution_rows(a, b, ctx) -> list[dict]:
    out = []
    sa, sb = a["speaker"], b["speaker"]
    if sa and sb and not _speakers_same(sa, sb):
        vague = a["speaker_kind"] == "vague" and b["speaker_kind"] == "vague"
        person = not vague and _may_be_same_person(a, b)
        note = " Both are unnamed sources." if vague else ""
        note += " One names a person, the other describes one: maybe the same." if person else ""
        out.append(
            row(
                "attribution",
                2 if vague or person else 4,
                f"A attributes this to '{sa}', B to '{sb}'.{note}",
                sa,
                sb,
                detail=f"speaker_kind: {a['speaker_kind']!r} vs {b['speaker_kind']!r}",
            )
        )
    elif bool(sa) != bool(sb) or a["attributed"] != b["attributed"]:
        has, lacks, who = ("A", "B", sa) if sa or a["attributed"] else ("B", "A", sb)
        bare = b if has == "A" else a  # headlines drop their sources unless hedged themselves
        headline = is_headline(bare) and (bare["rank"] or 0) <= 1
        out.append(
            row(
                "attribution",
                4 if _contested(a, b) and not headline else 2,
                f"{has} attributes this to '{who or 'a source'}'; "
                f"{lacks} states it without a source.",
                sa,
                sb,
                detail=f"attributed: {a['attributed']} vs {b['attributed']}",
            )
        )
    ma, mb = a["medium"], b["medium"]
    if norm(ma) != norm(mb):
        if ma and mb:
            text = f"A says it came via '{ma}', B via '{mb}'."
        elif ma:
            text = f"A says it came via '{ma}'; B does not say where it was said."
        else:
            text = f"B says it came via '{mb}'; A does not say where it was said."
        out.append(row("attribution", 3 if ma and mb else 2, text, ma, mb, detail="medium"))
    return out
