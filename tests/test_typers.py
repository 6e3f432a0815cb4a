"""The typer registry: order, errors that name the typer, kinds a typer may emit."""

from __future__ import annotations

import pandas as pd
import pytest

from crosscheck import discrepancies as disc
from crosscheck.comparison import typers
from crosscheck.comparison.typers import TyperError, register, row, type_pair


def test_alias_module_is_the_comparison_module():
    from crosscheck.comparison import discrepancies as moved

    assert disc is moved
    assert disc.align_claims is moved.align_claims
    for name in ("find_discrepancies", "agreements", "summary", "similarity", "THRESHOLDS"):
        assert hasattr(disc, name), name


def test_registry_runs_every_kind_in_order():
    kinds = [t.kind for t in typers.typers()]
    assert kinds[0] == "polarity" and kinds[-1] == "detail"
    assert {"quantity", "attribution", "certainty_shift", "time"} <= set(kinds)
    assert set(kinds) <= set(disc.KINDS)


def test_a_kind_has_one_typer():
    with pytest.raises(ValueError, match="already registered"):
        register("quantity")(lambda a, b, ctx: [])


@pytest.fixture
def scratch_kind():
    yield "scratch_kind"
    typers._REGISTRY.pop("scratch_kind", None)


def _views(text_a="Ships left the port.", text_b="Ships left the harbour."):
    claims = pd.DataFrame(
        [
            {"claim_id": "a:0", "article_id": "a", "text": text_a},
            {"claim_id": "b:0", "article_id": "b", "text": text_b},
        ]
    )
    from crosscheck.comparison.names import EntityJudge
    from crosscheck.comparison.views import claim_view

    judge = EntityJudge(None)
    rows = claims.to_dict("records")
    return claim_view(rows[0], {}, judge), claim_view(rows[1], {}, judge), judge


def test_a_typer_that_raises_is_named(scratch_kind):
    @register(scratch_kind, order=99)
    def broken(a, b, ctx):
        raise KeyError("boom")

    a, b, judge = _views()
    with pytest.raises(TyperError, match="scratch_kind.*broken.*boom"):
        type_pair(a, b, judge, only=(scratch_kind,))


def test_a_typer_may_emit_only_its_kinds(scratch_kind):
    @register(scratch_kind, order=99)
    def wrong(a, b, ctx):
        return [row("quantity", 2, "not mine")]

    a, b, judge = _views()
    with pytest.raises(TyperError, match="may emit only"):
        type_pair(a, b, judge, only=(scratch_kind,))


def test_later_typers_see_earlier_rows(scratch_kind):
    seen = []

    @register(scratch_kind, order=99)
    def spy(a, b, ctx):
        seen.append([r["kind"] for r in ctx.rows])
        return []

    a, b, judge = _views("Ships left the port at 5.", "Ships left the port at 7.")
    out = type_pair(a, b, judge)
    assert seen and seen[0] == [r["kind"] for r in out]
