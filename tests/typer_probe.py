"""Shared probe helper of the typer tests: type two invented one-claim texts as an aligned pair."""

from crosscheck.comparison.names import EntityJudge
from crosscheck.comparison.typers import type_pair
from crosscheck.comparison.views import claim_view


def typed(a: str, b: str, only=None) -> list[dict]:
    """The rows of the typers (all, or those of `only`) on two claim views."""
    judge = EntityJudge(None)
    va, vb = (
        claim_view({"claim_id": f"{s}:0", "article_id": s, "text": t}, {}, judge)
        for s, t in (("a", a), ("b", b))
    )
    return type_pair(va, vb, judge, only=only)
