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

Eviction: after each write the least recently used entries (a read marks an entry used) are
removed beyond MAX_ENTRIES entries or MAX_BYTES on disk (``evict``, shared with the case cache
crosscheck.running.casecache); an entry is renamed away before it is deleted, so a process
reading the same folder finds it whole or missing, never half gone.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import time
import warnings
from functools import cache
from pathlib import Path

import pandas as pd

FORMAT = "crosscheck-table-cache/1"
MANIFEST = "manifest.json"
TABLE = "table.parquet"


MAX_ENTRIES = 24  # table entries kept (about 1.5 MB each: a dozen library versions of the
MAX_BYTES = 256 * 1024**2  # two gazetteer tables) and at most this much; older ones are evicted
ENTRY_NAME = r"[a-z_]+-[0-9a-f]{4,64}"  # "<table>-<key>"
STALE_SECONDS = 3600  # a temporary folder left this long by a killed writer is removed


def _size(entry: Path) -> int:
    if entry.is_symlink() or not entry.is_dir():
        return 0
    return sum(f.lstat().st_size for f in entry.iterdir() if f.is_file() and not f.is_symlink())


def _remove(entry: Path) -> None:
    """Take ``entry`` out of the cache: renamed away first (atomic; a reader then finds it
    missing, never half-deleted), then deleted. Another process may have removed it first."""
    gone = entry.parent / f".{entry.name}.{os.getpid()}.evicted.tmp"
    if entry.is_symlink() or not entry.is_dir():
        return  # entries are real folders: a link or a file of the same name is not ours
    try:
        entry.rename(gone)
    except OSError:
        return  # already gone (another process evicted it) or not ours to remove
    shutil.rmtree(gone, ignore_errors=True)


def touch(entry: Path) -> None:
    """Mark ``entry`` as just used (its folder's modification time): eviction is least recently
    used first. A cache folder that cannot be written is left as it is."""
    try:
        if not entry.is_symlink():
            os.utime(entry)
    except OSError:
        pass


def evict(
    root: Path,
    entry_name: str = ENTRY_NAME,
    keep: str = "",
    max_entries: int = MAX_ENTRIES,
    max_bytes: int = MAX_BYTES,
) -> list[str]:
    """Remove the least recently used entries of the cache folder ``root`` (the real folders
    whose name fully matches the regular expression ``entry_name``; nothing else is touched), oldest
    modification time first, until at most ``max_entries`` are left and they hold at most
    ``max_bytes``; the entry named ``keep`` (just written) always stays. Temporary folders of
    entries (".<entry>.<pid>[.evicted].tmp") older than STALE_SECONDS are removed too. Safe
    when several processes share the folder: an entry is renamed away before it is deleted,
    and whatever another process removed first is skipped. Returns the evicted names."""
    try:
        children = list(Path(root).iterdir())
    except OSError:
        return []
    now, name_re = time.time(), re.compile(entry_name)
    tmp_re = re.compile(rf"\.(?:{entry_name})\.\d+(?:\.evicted)?\.tmp")
    entries = []
    for child in children:
        try:
            mtime = child.lstat().st_mtime
        except OSError:
            continue  # removed meanwhile
        if child.is_symlink() or not child.is_dir():
            continue  # entries are real folders; a file or link of the same name is left alone
        if tmp_re.fullmatch(child.name) and now - mtime > STALE_SECONDS:
            _remove(child)
        elif name_re.fullmatch(child.name):
            entries.append((mtime, child.name, child))
    entries.sort(key=lambda e: (e[1] != keep, -e[0]))  # the kept one, then newest first
    evicted, kept, total, full = [], 0, 0, False
    for _, name, entry in entries:
        size = _size(entry)
        full = full or (name != keep and (kept >= max_entries or total + size > max_bytes))
        if full:  # this one and every older one
            _remove(entry)
            evicted.append(name)
        else:
            kept, total = kept + 1, total + size
    return evicted


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
            frame = _read(entry)
            touch(entry)
            return frame
        except (OSError, ValueError, TypeError, KeyError) as exc:  # ArrowInvalid is a ValueError
            if entry.exists():  # not evicted by another process meanwhile: a bad entry
                warnings.warn(f"table cache {entry.name} not used ({exc}): rebuilt", stacklevel=2)
    frame = build().reset_index(drop=True)
    try:
        _write(frame, entry)
    except OSError as exc:
        warnings.warn(f"table {name} not cached ({exc}): built again next time", stacklevel=2)
    evict(cache_root(), keep=entry.name)
    return frame
