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


# Layers, lowest first: a module may import crosscheck modules of its own layer or lower ones.
# Modules in a layer's subpackage belong to it; the flat modules are placed here; an alias module
# (an old import path) takes the layer of the module it stands for.
RANK = {"base": 0, "text": 1, "comparison": 2, "review": 3, "running": 4}
FLAT = {"tables": "base", "paths": "base", "load": "text", "entities": "text",
        "timeline": "text", "decisions": "review", "__main__": "running"}  # fmt: skip


def _modules() -> dict[str, Path]:
    out = {}
    for path in LIB.rglob("*.py"):
        parts = list(path.relative_to(LIB.parent).with_suffix("").parts)
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def _alias_target(path: Path) -> str | None:
    """The module an old-import-path alias stands for (sys.modules[__name__] = _m)."""
    tree = ast.parse(path.read_text())
    if "sys.modules[__name__] = _m" not in path.read_text():
        return None
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("crosscheck"):
            return f"{node.module}.{node.names[0].name}"
    raise AssertionError(f"{path}: an alias module must import its target from crosscheck")


def _layer(name: str, modules: dict[str, Path]) -> str:
    if name == "crosscheck":
        return "base"
    path = modules.get(name)
    target = _alias_target(path) if path is not None else None
    if target is not None:
        return _layer(target, modules)
    parts = name.split(".")
    if len(parts) >= 2 and parts[1] in RANK:
        return parts[1]
    assert len(parts) == 2 and parts[1] in FLAT, f"{name}: no layer (add it to FLAT or move it)"
    return FLAT[parts[1]]


def _crosscheck_imports(path: Path, modules: dict[str, Path]) -> set[str]:
    out = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.startswith("crosscheck")}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("crosscheck"):
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                out.add(full if full in modules else node.module)
    return out


def test_layers_import_only_downwards():
    modules = _modules()
    checked, edges = {layer: 0 for layer in RANK}, 0
    for name, path in sorted(modules.items()):
        if _alias_target(path) is not None:
            continue
        layer = _layer(name, modules)
        checked[layer] += 1
        for imported in _crosscheck_imports(path, modules):
            target = _layer(imported, modules)
            assert RANK[target] <= RANK[layer], f"{name} ({layer}) imports {imported} ({target})"
            edges += target != layer
    # not vacuous: every layer holds modules and the layers really import each other
    assert all(checked[layer] >= 2 for layer in RANK), checked
    assert checked["text"] >= 10 and checked["comparison"] >= 10, checked
    assert edges >= 20, edges


def test_old_import_paths_are_aliases_of_the_layered_modules():
    import importlib

    for old, new in [("claims", "text.claims"), ("timex", "text.timex"),
                     ("gazetteer", "text.gazetteer"), ("translit", "text.translit"),
                     ("discrepancies", "comparison.discrepancies"),
                     ("grouping", "comparison.stories"), ("provenance", "comparison.provenance"),
                     ("export", "review.export"), ("views", "review.views"),
                     ("text.crosslang", "comparison.crosslang"),
                     ("pipeline", "running.pipeline"), ("corpus", "running.corpus"),
                     ("cli", "running.cli"), ("workbook", "running.workbook")]:  # fmt: skip
        assert importlib.import_module(f"crosscheck.{old}") is importlib.import_module(
            f"crosscheck.{new}"
        ), old


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
