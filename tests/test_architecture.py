"""The shape of the library and the notebooks (the design card's rules, checked)."""

import ast
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIB = ROOT / "lib" / "crosscheck"
STAGES = ["load", "claims", "entities", "timeline", "discrepancies", "decisions", "provenance"]


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names |= {f"{node.module}.{a.name}" for a in node.names}
    return names


def test_only_review_imports_ipywidgets():
    for path in LIB.rglob("*.py"):
        if path.relative_to(LIB).as_posix() != "review/panel.py":
            assert not any(i.startswith("ipywidgets") for i in _imports(path)), path


def test_stages_never_import_the_ui():
    for stage in STAGES:
        path = LIB / f"{stage}.py"
        if path.exists():
            imports = _imports(path)
            assert not any("review" in i for i in imports), stage


def test_every_module_has_a_docstring():
    for path in LIB.rglob("*.py"):
        if path.name != "__main__.py":
            assert ast.get_docstring(ast.parse(path.read_text())), path


def _notebooks():
    return sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def test_notebooks_are_numbered_and_documented():
    names = [p.name for p in _notebooks()]
    assert names[:4] == [
        "01_claims.ipynb",
        "02_entities.ipynb",
        "03_timeline.ipynb",
        "04_discrepancies.ipynb",
    ]
    for path in _notebooks():
        cells = json.loads(path.read_text())["cells"]
        first = "".join(cells[0]["source"])
        assert cells[0]["cell_type"] == "markdown", path
        assert "**Reads:**" in first and "**Writes:**" in first and "**Answers:**" in first, path
        tagged = [c for c in cells if "parameters" in c.get("metadata", {}).get("tags", [])]
        assert len(tagged) == 1, path


def test_notebooks_import_the_package_and_keep_cells_short():
    for path in _notebooks():
        for cell in json.loads(path.read_text())["cells"]:
            if cell["cell_type"] == "code":
                source = "".join(cell["source"])
                assert "sys.path" not in source, path
                assert len(source.splitlines()) <= 15, (path, source[:80])


def test_notebooks_are_committed_with_outputs():
    for path in _notebooks():
        cells = json.loads(path.read_text())["cells"]
        code = [c for c in cells if c["cell_type"] == "code" and "".join(c["source"]).strip()]
        assert any(c.get("outputs") for c in code), f"{path.name} has no stored outputs"
