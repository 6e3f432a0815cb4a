"""The command line contract: files, columns, stable IDs, exit codes."""

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from crosscheck.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "data" / "articles"

CONTRACT = {
    "articles.csv": "article_id,path,headline,outlet,author,published,dateline,n_claims,"
    "language,language_confidence",
    "claims.csv": "claim_id,article_id,text,start,end,speaker,attributed,certainty,entities,"
    "quantities,times",
    "entities.csv": "cluster_id,canonical,kind,article_id,surface,count,match",
    "timeline.csv": "article_id,claim_id,expression,value,start_date,end_date,inferred,note",
    "discrepancies.csv": "discrepancy_id,kind,article_a,article_b,claim_a,claim_b,text_a,text_b,"
    "value_a,value_b,severity,explanation,direction",
    "provenance.csv": "article_a,article_b,relation,direction,score,evidence",
}


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    outs = []
    for run in ("one", "two"):
        out = tmp_path_factory.mktemp(run)
        assert main(["compare", str(SEEDS), "--out", str(out)]) == 0
        outs.append(out)
    return outs


def test_compare_writes_every_contract_file_with_its_columns(two_runs):
    for name, header in CONTRACT.items():
        columns = pd.read_csv(two_runs[0] / name, nrows=0).columns
        assert ",".join(columns) == header, name


def test_ids_are_stable_across_runs(two_runs):
    for name, key in [
        ("articles.csv", "article_id"),
        ("claims.csv", "claim_id"),
        ("entities.csv", "cluster_id"),
        ("discrepancies.csv", "discrepancy_id"),
    ]:
        a = pd.read_csv(two_runs[0] / name, keep_default_na=False)
        b = pd.read_csv(two_runs[1] / name, keep_default_na=False)
        assert list(a[key]) == list(b[key]), name
        assert (two_runs[0] / name).read_bytes() == (two_runs[1] / name).read_bytes(), name


def test_seed_case_has_claims_and_discrepancies(two_runs):
    articles = pd.read_csv(two_runs[0] / "articles.csv", keep_default_na=False)
    assert len(articles) == 2 and (articles["n_claims"] > 5).all()
    # the undated rewrite must not get a guessed date
    assert sorted(articles["published"]) == ["", "2025-08-16"]
    disc = pd.read_csv(two_runs[0] / "discrepancies.csv", keep_default_na=False)
    assert len(disc) > 5
    assert list(disc["severity"]) == sorted(disc["severity"], reverse=True)


def test_missing_path_exits_2_naming_it(tmp_path, capsys):
    missing = tmp_path / "nope.txt"
    assert main(["compare", str(missing), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "nope.txt" in err


def test_empty_file_exits_2_naming_it(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    assert main(["compare", str(empty), "--out", str(tmp_path / "out")]) == 2
    assert "empty.txt" in capsys.readouterr().err


def test_python_dash_m_entry_point(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "crosscheck", "compare", str(tmp_path / "x.txt"), "--out", "o"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2 and "x.txt" in result.stderr


def test_outputs_do_not_depend_on_hash_randomisation(tmp_path):
    """Same input, two processes with different string hashing: byte-identical files."""
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [sys.executable, "-m", "crosscheck", "compare", str(SEEDS), "--out", str(out)],
            capture_output=True,
            text=True,
            env=env,
        )
        assert result.returncode == 0, result.stderr
        outs.append(out)
    for name in CONTRACT:
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name


def test_out_that_is_a_file_exits_2_before_any_work(tmp_path, capsys):
    out = tmp_path / "taken"
    out.write_text("x")
    assert main(["compare", str(SEEDS), "--out", str(out)]) == 2
    assert "--out exists and is not a folder" in capsys.readouterr().err


def test_missing_decisions_folder_exits_2(tmp_path, capsys):
    args = ["compare", str(SEEDS), "--out", str(tmp_path / "o"), "--decisions", "nope"]
    assert main(args) == 2
    assert "nope: --decisions is not a folder" in capsys.readouterr().err
