"""The workbook's case cache: analysed once per set of inputs, stored in a format that cannot run
code, verified on read (a bad entry is recomputed with a warning)."""

import json
import os
import warnings
from pathlib import Path

import pandas as pd
import pytest

from crosscheck import decisions as dec
from crosscheck import pipeline, workbook
from crosscheck.running import casecache
from crosscheck.running.case import Case


def small_case(n=1) -> Case:
    """A Case with every kind of cell the real tables hold (lists of dicts, NA ints, attrs)."""
    tables = {
        "warnings": pd.DataFrame({"path": ["b.bin"], "reason": ["not text"]}),
        "entity_pairs": pd.DataFrame({"x": [1, 2]}),
    }
    claims = pd.DataFrame(
        {
            "claim_id": ["a:0", "a:1"],
            "text": ["Officials said 40 houses burned.", "Nobody was hurt, police said."],
            "entities": [[{"text": "Nova", "start": 3, "scale": None}], []],
            "attributed": [True, False],
            "gap": pd.array([n, None], dtype="Int64"),
        }
    )
    alignment = pd.DataFrame({"claim_a": ["a:0"], "similarity": [0.5]})
    alignment.attrs = {"method": "combined", "threshold": 0.22}
    frames = dict.fromkeys(
        ["articles", "entities", "timeline", "events", "discrepancies", "agreements"],
        pd.DataFrame({"id": ["q"], "n": [n]}),
    )
    return Case(
        **frames,
        **tables,
        claims=claims,
        alignment=alignment,
        provenance=pd.DataFrame({"evidence_list": [["shared wording", "same order"]]}),
        corroboration=pd.DataFrame(columns=["claim_id", "text"]),
        notes=["a note"],
        overridden=pd.DataFrame(columns=["discrepancy_id", "override_by"]),
    )


def assert_same_case(a: Case, b: Case) -> None:
    for name, value in vars(a).items():
        if isinstance(value, pd.DataFrame):
            pd.testing.assert_frame_equal(value, getattr(b, name))
            assert value.attrs == getattr(b, name).attrs
        else:
            assert value == getattr(b, name)


def test_a_cached_case_reads_back_unchanged(tmp_path):
    case = small_case()
    entry = casecache.write_case(case, tmp_path, "ab12cd34")
    assert sorted(p.suffix for p in entry.iterdir()) == [".json"] + [".parquet"] * 13
    read, problem = casecache.read_case(tmp_path, "ab12cd34")
    assert problem == ""
    assert_same_case(case, read)
    assert casecache.read_case(tmp_path, "ffff0000") == (None, "missing")


def test_no_entry_file_can_run_code(tmp_path):
    entry = casecache.write_case(small_case(), tmp_path, "ab12cd34")
    for path in entry.iterdir():
        head = path.read_bytes()[:4]
        assert head in (b"PAR1", b'{\n "'), path.name  # Parquet or JSON, never a pickle
        assert b"\x80\x04\x95" not in path.read_bytes()  # no pickle protocol-4 frame inside


@pytest.mark.parametrize(
    "tamper, reason",
    [
        (lambda e: (e / "claims.parquet").write_bytes(b"PAR1 edited"), "sha256"),
        (lambda e: (e / "manifest.json").write_text("{not json"), "JSONDecodeError"),
        (lambda e: _edit_manifest(e, format="pickle/1"), "format"),
        (lambda e: _edit_manifest(e, key="00000000"), "another key"),
        (lambda e: _edit_table(e, "claims", file="../x.parquet"), "plain .parquet name"),
        (lambda e: _edit_manifest(e, values={}), "fields"),
    ],
)
def test_a_tampered_entry_is_refused_with_its_reason(tmp_path, tamper, reason):
    entry = casecache.write_case(small_case(), tmp_path, "ab12cd34")
    tamper(entry)
    case, problem = casecache.read_case(tmp_path, "ab12cd34")
    assert case is None and reason in problem


def test_a_symlinked_entry_is_refused(tmp_path):
    real = casecache.write_case(small_case(), tmp_path / "elsewhere", "ab12cd34")
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "ab12cd34").symlink_to(real)
    case, problem = casecache.read_case(tmp_path / "cache", "ab12cd34")
    assert case is None and "symlink" in problem


def test_a_value_that_is_not_json_is_never_cached(tmp_path):
    case = small_case()
    case.notes = [object()]
    with pytest.raises(casecache.CacheFormatError, match="notes"):
        casecache.write_case(case, tmp_path, "ab12cd34")
    assert not any(tmp_path.iterdir())  # nothing half-written is left


def _edit_manifest(entry, **changes):
    manifest = json.loads((entry / "manifest.json").read_text())
    manifest.update(changes)
    (entry / "manifest.json").write_text(json.dumps(manifest))


def _edit_table(entry, name, **changes):
    manifest = json.loads((entry / "manifest.json").read_text())
    manifest["tables"][name].update(changes)
    (entry / "manifest.json").write_text(json.dumps(manifest))


@pytest.fixture
def case_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "a.txt").write_text("Officials said 40 houses burned.", encoding="utf-8")
    calls = []

    def run_case(paths, overrides=None):
        calls.append(1)
        return small_case(len(calls))

    monkeypatch.setattr(pipeline, "run_case", run_case)
    monkeypatch.setattr(workbook, "project_path", lambda *p: tmp_path.joinpath(*p))
    monkeypatch.setattr(dec, "project_path", lambda *p: tmp_path.joinpath(*p))
    return folder, calls


def test_the_case_is_analysed_once_per_set_of_inputs(tmp_path, case_folder):
    folder, calls = case_folder
    case, log = workbook.load_case("case")
    assert_same_case(workbook.load_case("case")[0], case)
    assert len(calls) == 1
    assert log.folder.parent == tmp_path / "data" / "decisions" / "cases"
    assert log.folder.name.startswith("case-")
    (folder / "a.txt").write_text("Officials said 45 houses burned.", encoding="utf-8")
    workbook.load_case("case")
    assert len(calls) == 2  # new content, new analysis
    log.read_only = False
    log.append_override("ann", "merge", "Alpha", "Alfa", kind="place")
    workbook.load_case("case")
    assert len(calls) == 3  # an override is part of the key


def test_a_bad_cache_entry_is_recomputed_with_a_warning(tmp_path, case_folder):
    _, calls = case_folder
    workbook.load_case("case")
    (entry,) = workbook.cache_dir().iterdir()
    (entry / "entities.parquet").write_bytes(b"PAR1 not what was written")
    with pytest.warns(UserWarning, match="sha256.*recomputed"):
        case, _ = workbook.load_case("case")
    assert len(calls) == 2 and case.articles["n"].tolist() == [2]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the rewritten entry verifies: no warning, no analysis
        workbook.load_case("case")
    assert len(calls) == 2


def test_reading_a_cached_case_never_imports_the_analysis(tmp_path, case_folder):
    import subprocess
    import sys

    workbook.load_case("case")
    code = (
        "import sys; from crosscheck import workbook; "
        "workbook.project_path = lambda *p: __import__('pathlib').Path(sys.argv[1]).joinpath(*p); "
        "from crosscheck import decisions; decisions.project_path = workbook.project_path; "
        "workbook.load_case('case'); "
        "print(sorted(m for m in ('spacy', 'sklearn', 'crosscheck.running.pipeline') "
        "if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]", out.stderr


def _notebook_with_widget(root: str):
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    code = nbformat.v4.new_code_cell("panel = make_panel()\npanel")
    code.outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={
                "application/vnd.jupyter.widget-view+json": {"model_id": "abc", "version_major": 2},
                "text/plain": "ReviewPanel(...)",
            },
        ),
        nbformat.v4.new_output("stream", name="stderr", text=f"{root}/lib/x.py:3: warning\n"),
        nbformat.v4.new_output(
            "execute_result", data={"text/plain": f"PosixPath('{root}/reports/a.md')"}
        ),
    ]
    params = nbformat.v4.new_code_cell(f'articles_dir = "{root}/data/articles"')
    nb.cells = [nbformat.v4.new_markdown_cell("# Title with $5 and $6"), params, code]
    return nb


def test_rendered_html_needs_no_network_and_shows_no_machine_path(tmp_path, monkeypatch):
    import nbformat

    monkeypatch.setattr(workbook, "project_path", lambda *p: tmp_path.joinpath(*p))
    executed = tmp_path / "01_x.ipynb"
    nbformat.write(_notebook_with_widget(str(tmp_path)), executed)
    html = workbook.render_html(executed).read_text(encoding="utf-8")
    assert "<script src" not in html and "cdn" not in html.lower() and "unpkg" not in html
    assert "import(" not in html  # no module loaded at run time (mermaid, widget manager)
    assert "widget-view+json" not in html and "widget-state" not in html
    assert workbook.WIDGET_NOTE in html
    assert str(tmp_path) not in html and "./lib/x.py:3" in html and "./reports/a.md" in html
    assert "./data/articles" in html  # parameters injected with a full path
    assert "make_panel" in html  # code shown by default


def test_rendered_html_can_hide_the_code(tmp_path, monkeypatch):
    import nbformat

    monkeypatch.setattr(workbook, "project_path", lambda *p: tmp_path.joinpath(*p))
    executed = tmp_path / "01_x.ipynb"
    nbformat.write(_notebook_with_widget(str(tmp_path)), executed)
    html = workbook.render_html(executed, hide_code=True).read_text(encoding="utf-8")
    assert "make_panel" not in html and "Title with" in html and workbook.WIDGET_NOTE in html


def test_make_workbook_analyses_the_case_once(tmp_path, case_folder, monkeypatch):
    """run() writes the compare tables from the cached case and hands every notebook the same
    inputs, so each reads the case from the cache."""
    _, calls = case_folder
    executed = []
    monkeypatch.setattr(
        workbook, "notebooks", lambda: [tmp_path / "01_a.ipynb", tmp_path / "02_b.ipynb"]
    )
    monkeypatch.setattr(
        workbook, "execute_notebook", lambda nb, out, params, hide_code: executed.append(params)
    )
    monkeypatch.setattr("papermill.inspect_notebook", lambda path: {"articles_dir": {}})
    monkeypatch.setattr(pipeline, "write_outputs", lambda case, out: [out / "articles.csv"])
    assert workbook.run("case", "reports") == 0
    assert len(calls) == 1 and executed == [{"articles_dir": "case"}] * 2
    workbook.load_case("case")  # what each notebook does: read from the cache
    assert len(calls) == 1


def test_the_review_app_serves_notebook_04_on_localhost_without_code_or_cdn(tmp_path, monkeypatch):
    import re

    import nbformat

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("CROSSCHECK_HEADLESS", "1")
    command, env, notebook = workbook.review_app_command("stories/s1.jsonl", "", 8899, "tok")
    assert command[1:4] == ["-m", "voila", str(notebook)]
    assert "--Voila.ip=127.0.0.1" in command and "--Voila.token=tok" in command
    assert "--strip_sources=True" in command and "--port=8899" in command
    assert "CROSSCHECK_HEADLESS" not in env  # analysts' verdicts are written
    source = "".join(c.source for c in nbformat.read(notebook, as_version=4).cells)
    assert 'articles_dir = "stories/s1.jsonl"' in source  # the case's parameters injected
    assert str(tmp_path / "cache") in str(notebook)  # never the committed notebook
    templates = Path(env["JUPYTER_PATH"].split(os.pathsep)[0]) / "voila" / "templates"
    folder = templates / workbook.VOILA_TEMPLATE
    assert json.loads((folder / "conf.json").read_text())["base_template"] == "lab"
    for path in folder.iterdir():
        assert not re.search(r"(src|href|import)[=(][\"']?https?:", path.read_text()), path.name


def test_a_second_review_app_gets_another_token(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    tokens = {
        next(c for c in workbook.review_app_command()[0] if c.startswith("--Voila.token="))
        for _ in range(2)
    }
    assert len(tokens) == 2 and all(len(t) > 30 for t in tokens)
