"""Disk cache for tables the text layer derives from fixed data (the gazetteer's places and names).

cached(name, key, build) -> DataFrame   the table ``name`` for ``key``: read from the cache when
    an entry verifies, else ``build()`` is called and its result written (a failed write warns
    and the table is still returned)
key(*parts) -> str   a hex key from ``parts`` and the source of the library (every .py, .csv and
    .json file under crosscheck/), so a code or word-list change builds the table again

Why: building the gazetteer tables (reading GeoNames' 80 MB JSON, transliterating 84,000 names)
takes about 7 s, in every process that checks a place name: each notebook kernel, the case
analysis, the corpus run. Read from Parquet it takes a fraction of a second.

Entries live in $XDG_CACHE_HOME/crosscheck/tables/<name>-<key>/ (~/.cache by default), never in
the project: one Parquet file and manifest.json with its sha256, size and the columns stored as
JSON text (list cells). Nothing in an entry can run code (Parquet read by pyarrow, JSON decoded
with json.loads); an entry that does not verify (missing file, symlink, other size or sha256,
unreadable) is rebuilt with a warning.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import warnings
from functools import cache
from pathlib import Path

import pandas as pd

FORMAT = "crosscheck-table-cache/1"
MANIFEST = "manifest.json"
TABLE = "table.parquet"


def cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "crosscheck" / "tables"


@cache
def _source_hash() -> str:
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".csv", ".json") and path.is_file():
            digest.update(path.relative_to(root).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


def key(*parts: str) -> str:
    digest = hashlib.sha256(_source_hash().encode())
    for part in parts:
        digest.update(part.encode() + b"\0")
    return digest.hexdigest()[:32]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _read(entry: Path) -> pd.DataFrame:
    manifest_path, path = entry / MANIFEST, entry / TABLE
    if any(p.is_symlink() for p in (entry, manifest_path, path)):
        raise ValueError("the entry holds a symlink")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ValueError("unknown manifest format")
    if path.stat().st_size != manifest.get("bytes") or _sha256(path) != manifest.get("sha256"):
        raise ValueError(f"{TABLE} does not match its sha256")
    frame = pd.read_parquet(path, engine="pyarrow")
    for col in manifest.get("json_columns", []):
        frame[col] = frame[col].map(json.loads).astype(object)
    return frame


def _write(frame: pd.DataFrame, entry: Path) -> None:
    nested = [
        c
        for c in frame.columns
        if frame[c].dtype == object and frame[c].map(lambda v: isinstance(v, list)).any()
    ]
    encoded = frame.copy()
    for col in nested:
        encoded[col] = frame[col].map(lambda v: json.dumps(v, ensure_ascii=False))
    entry.parent.mkdir(parents=True, exist_ok=True)
    tmp = entry.parent / f".{entry.name}.{os.getpid()}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        encoded.to_parquet(tmp / TABLE, engine="pyarrow", index=False)
        manifest = {
            "format": FORMAT,
            "sha256": _sha256(tmp / TABLE),
            "bytes": (tmp / TABLE).stat().st_size,
            "json_columns": nested,
        }
        (tmp / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
        if entry.is_symlink() or entry.is_file():
            entry.unlink()
        elif entry.exists():
            shutil.rmtree(entry)
        tmp.rename(entry)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def cached(name: str, table_key: str, build) -> pd.DataFrame:
    """The table ``name`` for ``table_key`` (see the module docstring)."""
    entry = cache_root() / f"{name}-{table_key}"
    if entry.exists() or entry.is_symlink():
        try:
            return _read(entry)
        except (OSError, ValueError, TypeError, KeyError) as exc:  # ArrowInvalid is a ValueError
            warnings.warn(f"table cache {entry.name} not used ({exc}): rebuilt", stacklevel=2)
    frame = build().reset_index(drop=True)
    try:
        _write(frame, entry)
    except OSError as exc:
        warnings.warn(f"table {name} not cached ({exc}): built again next time", stacklevel=2)
    return frame
