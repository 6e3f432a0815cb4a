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
    "timeline.csv": "article_id,claim_id,expression,value,start_date,end_date,inferred,note,mod",
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


def test_verify_log_exit_codes_and_report(tmp_path, capsys):
    from crosscheck.decisions import DecisionLog

    log = DecisionLog(tmp_path / "log", read_only=False)
    for i in range(3):
        log.append("alice", f"d{i}", "same_meaning")
    old = '{"version": 1, "analyst": "bob", "timestamp": "2024-01-01T00:00:00Z", '
    old += '"item_id": "d", "verdict": "same_meaning"}\n'
    (tmp_path / "log" / "bob.jsonl").write_text(old)
    assert main(["verify-log", str(tmp_path / "log")]) == 0  # unchained old lines: not tampering
    out = capsys.readouterr().out
    assert "alice.jsonl: 3 lines, 3 ok, 0 unchained, 0 problems, head " in out
    assert "bob.jsonl: 1 lines, 0 ok, 1 unchained, 0 problems" in out

    path = log.path_for("alice")
    lines = path.read_bytes().split(b"\n")
    path.write_bytes(b"\n".join([lines[0], lines[2], b""]))  # line 2 removed
    assert main(["verify-log", str(tmp_path / "log")]) == 1
    out = capsys.readouterr().out
    assert f"{path}:2: broken:" in out

    assert main(["verify-log", str(tmp_path / "missing")]) == 2
    assert "not a folder" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        main(["verify-log"])
    assert info.value.code == 2


def test_verify_log_reports_a_symlinked_log_without_its_content(tmp_path, capsys):
    (tmp_path / "secret.txt").write_text("TOKEN=hunter2\n")
    folder = tmp_path / "log"
    folder.mkdir()
    (folder / "eve.jsonl").symlink_to(tmp_path / "secret.txt")
    assert main(["verify-log", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "refused" in out and "symbolic link" in out and "hunter2" not in out


def test_compare_with_a_hostile_decision_log_warns_and_runs(tmp_path, capsys):
    folder = tmp_path / "decisions"
    folder.mkdir()
    (folder / "deep.jsonl").write_text("[" * 100_000 + "\n" + '{"n": ' + "7" * 5000 + "}\n")
    (tmp_path / "secret.txt").write_text("TOKEN=hunter2\n")
    (folder / "eve.jsonl").symlink_to(tmp_path / "secret.txt")
    out = tmp_path / "out"
    assert main(["compare", str(SEEDS), "--out", str(out), "--decisions", str(folder)]) == 0
    err = capsys.readouterr().err
    assert "deep.jsonl:1: " in err and "deep.jsonl:2: " in err and "symbolic link" in err
    assert "hunter2" not in err and (out / "discrepancies.csv").exists()
