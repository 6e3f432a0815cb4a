"""Project paths: every notebook and command finds files relative to the project root."""

from __future__ import annotations

import os
from pathlib import Path


def project_root() -> Path:
    """The project root: $CROSSCHECK_ROOT, else the nearest parent holding pyproject.toml.

    Works from the source tree (editable install) and from a notebook's working directory.
    """
    env = os.environ.get("CROSSCHECK_ROOT")
    if env:
        return Path(env).resolve()
    for start in (Path.cwd(), Path(__file__).resolve().parent):
        for folder in (start, *start.parents):
            if (folder / "pyproject.toml").is_file() and (folder / "lib" / "crosscheck").is_dir():
                return folder
    return Path.cwd().resolve()


def project_path(*parts: str | os.PathLike) -> Path:
    """A path under the project root, e.g. ``project_path("data", "articles")``."""
    return project_root().joinpath(*parts)
