"""Seconds an analyst waits for a notebook's code, kernel start excluded (for benchmarks.review).

Run as a script in a fresh process: ``python -m benchmarks.notebook_timing NOTEBOOK [name=value]``
(parameters set after the parameters cell, as papermill does). Every code
cell of the committed notebook runs in order in an IPython shell (the same display machinery as
a kernel: each cell's value is formatted as HTML, figures are rendered inline), headless (no
decision is written), with the notebook folder as working directory. The notebook file is never
changed. Prints one JSON object: seconds per cell, the analysis cell's seconds (the cell that
loads the case or runs the corpus) and the total (Run All).
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

ANALYSIS_MARKERS = ("load_case(", "run_case(", "run_corpus(")


def time_notebook(path: Path, parameters: dict | None = None) -> dict:
    from IPython.core.interactiveshell import InteractiveShell

    os.environ["CROSSCHECK_HEADLESS"] = "1"
    os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    os.chdir(path.parent)
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    from matplotlib_inline.backend_inline import flush_figures

    shell = InteractiveShell.instance()
    seconds, analysis = [], None
    for cell in cells:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        start = time.perf_counter()
        if "parameters" in cell.get("metadata", {}).get("tags", []) and parameters:
            source += "\n" + "\n".join(f"{k} = {v!r}" for k, v in parameters.items())
        result = shell.run_cell(source, store_history=False, silent=False)
        flush_figures()  # figures rendered to PNG at the end of the cell, as in a kernel
        seconds.append(round(time.perf_counter() - start, 3))
        if not result.success:
            raise RuntimeError(f"{path.name}: a cell failed: {result.error_in_exec!r}")
        if analysis is None and any(m in source for m in ANALYSIS_MARKERS):
            analysis = seconds[-1]
    return {"notebook": path.name, "cells_s": seconds, "analysis_s": analysis,
            "run_all_s": round(sum(seconds), 3)}  # fmt: skip


if __name__ == "__main__":
    import contextlib
    import io

    with contextlib.redirect_stdout(io.StringIO()):  # cell output is not what is measured
        params = dict(arg.split("=", 1) for arg in sys.argv[2:])  # name=value (as papermill -p)
        report = time_notebook(Path(sys.argv[1]).resolve(), params)
    print(json.dumps(report))
