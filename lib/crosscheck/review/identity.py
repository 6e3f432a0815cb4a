"""The analyst's name, remembered across kernel restarts.

remembered_analyst() -> str   $CROSSCHECK_ANALYST, else the name stored in the user config
                              ($XDG_CONFIG_HOME or ~/.config)/crosscheck/analyst.txt, else ""
remember_analyst(name) -> str stores the normalised name (decisions.analyst_name: NFKC, look-alike
                              and invisible characters refused with a ValueError) and returns it
stored_as(name) -> str        what the log stores: "Alice Smith (identity alice_smith)"

The config file holds only the name; a refused or unreadable stored name is ignored.
"""

from __future__ import annotations

import os
from pathlib import Path

from crosscheck.decisions import analyst_key, analyst_name

ENV = "CROSSCHECK_ANALYST"


def config_file() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "crosscheck" / "analyst.txt"


def remembered_analyst() -> str:
    for raw in (os.environ.get(ENV, ""), _stored()):
        try:
            return analyst_name(raw)
        except ValueError:
            continue
    return ""


def _stored() -> str:
    path = config_file()
    try:
        if path.is_file() and not path.is_symlink() and path.stat().st_size < 1000:
            return path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return ""


def remember_analyst(name: str) -> str:
    clean = analyst_name(name)
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_symlink():
        raise ValueError(f"{path.name} is a symbolic link: not written")
    path.write_text(clean + "\n", encoding="utf-8")
    return clean


def stored_as(name: str) -> str:
    """How the log stores the name, or why it is refused."""
    try:
        return f"{analyst_name(name)} (identity {analyst_key(name)})"
    except ValueError as exc:
        return f"refused: {exc}"
