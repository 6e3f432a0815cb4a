"""An off-topic article in a case: reported, left out of alignment, never a reference date."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from crosscheck import pipeline

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
if not SEEDS.is_dir():
    SEEDS = Path("/work/shared/seeds")

UNRELATED = """Harvest fair draws record crowds

Monday, March 3, 2003

GLENVALE — The annual pumpkin fair in Glenvale drew thousands of visitors over the weekend,
organisers of the Glenvale Growers Guild said.

Marta Quill won the prize for the heaviest pumpkin, weighing 412 kilograms.

Stalls sold cider, pies and hand-knitted scarves until late on Sunday evening.
"""


@pytest.fixture(scope="module")
def cases(tmp_path_factory):
    if not SEEDS.is_dir():
        pytest.skip("founding articles not available")
    base = tmp_path_factory.mktemp("base")
    for f in SEEDS.iterdir():
        shutil.copy(f, base / f.name)
    plus = tmp_path_factory.mktemp("plus")
    for f in SEEDS.iterdir():
        shutil.copy(f, plus / f.name)
    (plus / "zz_fair.txt").write_text(UNRELATED, encoding="utf-8")
    return pipeline.run_case([base]), pipeline.run_case([plus])


def test_unrelated_article_is_reported_and_left_out(cases):
    _, plus = cases
    fair = [a for a in plus.articles["article_id"] if "fair" in a]
    assert fair
    assert plus.warnings["path"].astype(str).str.contains(fair[0]).any()
    assert "off-topic" in " ".join(plus.warnings["reason"].astype(str))
    involved = set(plus.alignment["article_a"]) | set(plus.alignment["article_b"])
    assert fair[0] not in involved
    assert fair[0] not in set(plus.discrepancies["article_a"]) | set(
        plus.discrepancies["article_b"]
    )


def test_unrelated_article_changes_no_row_between_the_others(cases):
    base, plus = cases
    cols = ["discrepancy_id", "kind", "severity", "value_a", "value_b", "explanation"]
    assert base.discrepancies[cols].equals(plus.discrepancies[cols])
    tl_cols = ["claim_id", "value", "start_date", "end_date", "note"]
    seeds = set(base.articles["article_id"])
    kept = plus.timeline[plus.timeline["article_id"].isin(seeds)]
    assert (
        base.timeline[tl_cols].reset_index(drop=True).equals(kept[tl_cols].reset_index(drop=True))
    )


def test_off_topic_needs_a_core_story():
    import pandas as pd

    from crosscheck.comparison.offtopic import off_topic

    arts = pd.DataFrame({"article_id": ["a", "b"], "text": ["x", "y"], "published": ["", ""]})
    claims = pd.DataFrame({"article_id": ["a", "b"], "text": ["x", "y"]})
    assert off_topic(arts, claims, pd.DataFrame(columns=["status"])) == {}
