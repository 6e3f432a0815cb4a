"""Workbook runner behind `make workbook`: CLI outputs, then every notebook headlessly, then HTML.

Executed copies go to the output folder (the committed notebooks are never rewritten); each is
rendered to HTML with its widget state embedded. Headless runs set CROSSCHECK_HEADLESS=1, so the
review panel never writes decisions.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from crosscheck.paths import project_path


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
