"""Case cache: a case's tables as Parquet files plus a JSON manifest, verified on read.

write_case(case, folder, key) -> Path       the entry folder ``folder/<key>``, replaced atomically
read_case(folder, key) -> (Case | None, problem)   problem "" when the entry was read; "missing"
                                            when there is none; otherwise the reason it was
                                            refused (the caller recomputes and warns)

Eviction: write_case keeps at most MAX_CASES entries and MAX_BYTES, least recently used (read or
written) first out (crosscheck.text.tablecache.evict: an entry is renamed away, then deleted, so
another process sharing the folder reads it whole or finds it "missing", never a warning).

Nothing in an entry can run code when read: every table is a Parquet file read by pyarrow (no
pickled objects; every list or dict cell is stored as JSON text and decoded with json.loads), and
the manifest is JSON holding the format version, the key, each table's file name, sha256 and size,
the columns stored as JSON, the table's ``attrs`` and the case's other fields (JSON values only).
read_case refuses an entry whose manifest or files are symlinks, whose format or key differ,
whose file names are not plain names inside the entry, or whose files do not match their sha256.
The checksums catch torn, truncated or edited files; they are not a signature (whoever can write
the folder can rewrite the manifest), which is why the format itself is inert.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
import shutil
from pathlib import Path

import pandas as pd

from crosscheck.running.case import Case
from crosscheck.text import tablecache

MAX_CASES = 32  # entries kept, least recently used evicted first (tablecache.evict)
MAX_BYTES = 1024**3  # and at most this much on disk (a 50-article case is about 0.2 MB)
FORMAT = "crosscheck-case-cache/1"
MANIFEST = "manifest.json"
_NAME = re.compile(r"^[a-z_]+\.parquet$")
_KEY_NAME = r"[0-9a-f]{8,64}"
_KEY = re.compile(f"^{_KEY_NAME}$")


class CacheFormatError(ValueError):
    """A case holds a value this cache cannot store as JSON or Parquet (nothing is written)."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _nested(value) -> bool:
    return isinstance(value, (list, tuple, dict))


def _json_columns(frame: pd.DataFrame) -> list[str]:
    return [
        c
        for c in frame.columns
        if frame[c].dtype == object and frame[c].map(_nested).any()  # noqa: E721
    ]


def _json_value(name: str, value):
    try:
        text = json.dumps(value, ensure_ascii=False, allow_nan=True)
    except (TypeError, ValueError) as exc:
        raise CacheFormatError(f"case field {name!r} is not JSON: {exc}") from exc
    if json.loads(text) != value and not isinstance(value, tuple):
        raise CacheFormatError(f"case field {name!r} does not survive JSON unchanged")
    return value


def _write_table(frame: pd.DataFrame, name: str, folder: Path) -> dict:
    encoded = frame.copy()
    nested = _json_columns(frame)
    for col in nested:
        encoded[col] = frame[col].map(lambda v: json.dumps(v, ensure_ascii=False))
    if not all(isinstance(c, str) for c in encoded.columns):
        raise CacheFormatError(f"table {name!r} has a column name that is not text")
    path = folder / f"{name}.parquet"
    encoded.to_parquet(path, engine="pyarrow", index=not isinstance(frame.index, pd.RangeIndex))
    return {
        "file": path.name,
        "sha256": _sha256(path),
        "bytes": path.stat().st_size,
        "json_columns": nested,
        "attrs": _json_value(f"{name}.attrs", dict(frame.attrs)),
    }


def write_case(case: Case, folder: Path, key: str) -> Path:
    """Write ``case`` as the entry ``folder/<key>`` (a temporary folder renamed into place)."""
    if not _KEY.match(key):
        raise ValueError(f"case cache key must be hex, got {key!r}")
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{key}.{os.getpid()}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    manifest = {"format": FORMAT, "key": key, "tables": {}, "values": {}}
    try:
        for item in dataclasses.fields(case):
            value = getattr(case, item.name)
            if isinstance(value, pd.DataFrame):
                manifest["tables"][item.name] = _write_table(value, item.name, tmp)
            else:
                manifest["values"][item.name] = _json_value(item.name, value)
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        target = folder / key
        if target.is_symlink() or target.is_file():
            target.unlink()
        elif target.exists():
            shutil.rmtree(target)
        tmp.rename(target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    tablecache.evict(folder, _KEY_NAME, key, MAX_CASES, MAX_BYTES)
    return target


def _read_table(entry: Path, name: str, spec: dict) -> pd.DataFrame:
    file = str(spec.get("file", ""))
    if not _NAME.match(file):
        raise ValueError(f"table {name}: file name {file!r} is not a plain .parquet name")
    path = entry / file
    if path.is_symlink() or not path.is_file():
        raise ValueError(f"table {name}: {file} is missing or a symlink")
    if path.stat().st_size != spec.get("bytes") or _sha256(path) != spec.get("sha256"):
        raise ValueError(f"table {name}: {file} does not match its sha256")
    frame = pd.read_parquet(path, engine="pyarrow")
    for col in spec.get("json_columns", []):
        frame[col] = frame[col].map(json.loads).astype(object)
    frame.attrs.update(spec.get("attrs") or {})
    return frame


def read_case(folder: Path, key: str) -> tuple[Case | None, str]:
    """The cached case for ``key``, or (None, why it was not used); see the module docstring."""
    entry = Path(folder) / key
    manifest_path = entry / MANIFEST
    if not entry.exists() and not entry.is_symlink():
        return None, "missing"
    if entry.is_symlink() or not entry.is_dir() or manifest_path.is_symlink():
        return None, "the entry or its manifest is a symlink or not a folder"
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            return None, "unknown manifest format"
        if manifest.get("key") != key:
            return None, "the manifest names another key"
        fields = {f.name for f in dataclasses.fields(Case)}
        tables, values = manifest.get("tables") or {}, manifest.get("values") or {}
        if set(tables) | set(values) != fields:
            return None, "the manifest does not list the case's fields"
        kwargs = {name: _read_table(entry, name, spec) for name, spec in tables.items()}
        kwargs.update(values)
        tablecache.touch(entry)
        return Case(**kwargs), ""
    except (OSError, ValueError, TypeError, AttributeError, KeyError) as exc:
        if not entry.exists():
            return None, "missing"  # evicted by another process while it was read
        # OSError/ValueError cover unreadable files, bad JSON and bad Parquet (ArrowInvalid is
        # a ValueError); anything else is a bug and is raised
        return None, f"{type(exc).__name__}: {exc}"
