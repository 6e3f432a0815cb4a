"""Typer `attribution`: the speaker (compared through the entity check's name rules, across
scripts a source word and its English equivalent, and a token-set match), whether the claim is
attributed at all, and the medium it came through.

Severity:
- two different speakers -> 4 (2 when both are unnamed, vague sources);
- a source on one side only -> 4 when the claim is contested: either side states it less than
  firmly (certainty rank above "fact": reportedly, allegedly, may ...; a headline's "to" plan
  does not count), so who says it is what the reader has to weigh; otherwise 2 (a plain "police
  said" on one side is an addition: the other side asserts the same thing itself); 2 as well
  when the side without a source is a headline that is not hedged (headlines drop sources);
- a medium on both sides that differs -> 3; a medium on one side only -> 2 (an addition).
"""

from __future__ import annotations

from rapidfuzz import fuzz

from crosscheck.comparison.names import sources_match
from crosscheck.comparison.normalise import norm
from crosscheck.comparison.typers import register, row


def _speakers_same(a: str, b: str) -> bool:
    if sources_match(a, b):
        return True
    return fuzz.token_set_ratio(norm(a), norm(b)) >= 85


def _contested(a, b) -> bool:
    """Either side states the claim less than firmly (certainty rank above 0 = fact), a
    headline's plan ("to" + verb, rank 1) aside: that is headline grammar."""
    return any(
        x["rank"] is not None and x["rank"] > (1 if x.get("headline") else 0) for x in (a, b)
    )


@register("attribution", order=30)
def attribution_rows(a, b, ctx) -> list[dict]:
    out = []
    sa, sb = a["speaker"], b["speaker"]
    if sa and sb and not _speakers_same(sa, sb):
        vague = a["speaker_kind"] == "vague" and b["speaker_kind"] == "vague"
        out.append(
            row(
                "attribution",
                2 if vague else 4,
                f"A attributes this to '{sa}', B to '{sb}'."
                + (" Both are unnamed sources." if vague else ""),
                sa,
                sb,
                detail=f"speaker_kind: {a['speaker_kind']!r} vs {b['speaker_kind']!r}",
            )
        )
    elif bool(sa) != bool(sb) or a["attributed"] != b["attributed"]:
        has, lacks, who = ("A", "B", sa) if sa or a["attributed"] else ("B", "A", sb)
        bare = b if has == "A" else a  # headlines drop their sources unless hedged themselves
        headline = bare.get("headline") and (bare["rank"] or 0) <= 1
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
