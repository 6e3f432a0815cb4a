"""Decisions: the analysts' append-only log (JSON Lines, one file per analyst in data/decisions/).

Every decision is one JSON line; nothing is ever rewritten or deleted. Writes take a per-file
lock (filelock), open the file with O_APPEND (never through a symbolic link), write the whole
line in one ``os.write`` and fsync, so a crash can only tear the line being written. A torn line
stays in the file and is reported by ``read()``; the next append first ends it with "\\n" so the
new line starts clean.

Tamper evidence (log format v2): each line carries ``prev``, the sha256 of the bytes of the
previous complete line of its file (without its "\\n"; GENESIS for the first line), and ends
with ``"hash"``, the sha256 of the line's own bytes before ``, "hash": ``. A complete line is
one that parses as a JSON object within the limits below; a torn or corrupt line is reported
and the chain continues from the last complete line. ``verify()`` (and ``crosscheck verify-log
DIR``) report a line edited (its hash or its successor's ``prev`` no longer match), removed or
reordered; lines of the older formats carry no hash and are reported as unchained, not as
tampering. A chain cannot show that the newest lines were cut off or that the whole file was
re-chained: compare the head hash ``verify-log`` prints with one recorded earlier for that.

Limits: a line longer than MAX_LINE_BYTES, nested deeper than MAX_DEPTH, or holding an integer
of more than MAX_INT_DIGITS digits (or NaN/Infinity) is a problem row; the rest of the log loads.

Analysts: a name is normalised (NFKC, spaces collapsed) and compared case-folded
(``analyst_key``: "Alice Smith", "alice smith" and "alice_smith" are one analyst, with one
file ``alice_smith.jsonl``; spaces and "_" are the same separator). Names with control,
zero-width, bidi or other invisible characters, or letters of mixed scripts (Latin with
Cyrillic look-alikes), are refused with a message saying why. In the file name, characters
other than letters, digits, "_", "-", "." and "'" are written as %XX (UTF-8), so two analysts
never share a file. Log files that are symbolic links, and anything not a regular file, are
refused for reading and writing; a refused file is a problem row that names it, never its
content.

Public API
----------
DecisionLog(folder=None, read_only=None)       folder defaults to <project>/data/decisions;
                                               read_only defaults to ``is_headless()``
    .path_for(analyst) -> Path                 the analyst's file (ValueError for refused names)
    .append(analyst, item_id, verdict, note="", texts=None, item_kind="discrepancy", extra=None)
                                               -> the record written (dict, with prev and hash)
    .append_override(analyst, action, surface_a, surface_b="", kind="", canonical="", note="")
    .read() -> (decisions, problems)
    .verify() -> the integrity table (see below)
    .current() / .orphans(discrepancies) / .entity_overrides()
current(decisions) -> the last decision per analyst, item_kind and item_id, in file order
    (the line appended last wins, whatever the timestamps)
orphans(current, discrepancies) -> current discrepancy decisions whose item_id is not in
    discrepancies.discrepancy_id (kept, with the texts they were made on)
entity_overrides(log_or_decisions) -> action, surface_a, surface_b, kind, canonical, analyst,
    timestamp, note: per key, each analyst's last override (file order), then the latest of
    those by timestamp (the only order there is between two analysts' files)
agreement(current) -> dict: method ("cohen_kappa" | "krippendorff_alpha" | ""), value, analysts,
    n_items (items decided by 2+ analysts), observed_agreement, message
disagreements(current) -> item_id, kind, text_a, text_b, n_analysts, verdicts (dict analyst ->
    verdict), notes (dict analyst -> note): items whose analysts' verdicts differ
texts_of(discrepancy_row) -> dict of the texts a decision records (text_a, text_b, kind, ...)
analyst_name(name) -> the normalised name (ValueError saying why a name is refused)
analyst_key(name) -> the identity of an analyst (normalised, case-folded, "_" for spaces)
is_headless() -> True when $CROSSCHECK_HEADLESS is "1"/"true"/"yes"
DecisionWriteError (an OSError): a decision could not be saved; .path and .reason say why

Decisions table columns
-----------------------
version int, decision_id str, analyst str (the analyst_key), timestamp (datetime64, UTC),
item_kind str ("discrepancy" | "entity_override"), item_id str, verdict str, note str, text_a,
text_b, kind, value_a, value_b, surface_a, surface_b, canonical (str, "" when absent), file str,
line int (1-based), analyst_name str (the name as written, normalised), chain str ("ok",
"unchained", "edited", "broken": see verify), then any other keys found in the lines.
Verdicts: discrepancies real_discrepancy | benign_variant | same_meaning | needs_follow_up;
entity overrides merge | split | rename. Timestamps must be ISO 8601 with "Z" or an offset
(v0 lines, which had none, are read as UTC).

Problems table columns: file, line (0 for a whole refused file), raw (the line, cut to 1,000
characters, invisible characters as visible escapes), reason.
Lines from an older format (no "version" = v0, with "discrepancy_id" for "item_id"; v1 without
prev/hash) are read as they are; lines from a newer version are reported as problems.

Integrity table (verify) columns: file, line, status, reason. status: "ok" (chained and
intact), "unchained" (an old-format line before the chain began: not tampering), "edited"
(the line's own hash does not match its bytes), "broken" (its prev is not the hash of the
previous complete line: that line was edited or removed, or lines were reordered or inserted),
"torn" (a line that is not a complete JSON object: an interrupted write or a corrupt line),
"refused" (a file that is a link or not a regular file), "unreadable" (a line over the
limits). Every line and every refused file has a row; problems are the rows not "ok" or
"unchained".
"""

from __future__ import annotations

import errno as errno_codes
import hashlib
import json
import os
import re
import stat
import unicodedata
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
from filelock import FileLock
from filelock import Timeout as LockTimeout

from crosscheck.paths import project_path
from crosscheck.text.invisible import invisible_kind, letter_scripts, show_invisible

VERSION = 2
DISCREPANCY_VERDICTS = ("real_discrepancy", "benign_variant", "same_meaning", "needs_follow_up")
OVERRIDE_ACTIONS = ("merge", "split", "rename")
ITEM_KINDS = ("discrepancy", "entity_override")
TEXT_FIELDS = ("text_a", "text_b", "kind", "value_a", "value_b", "surface_a", "surface_b")
COLUMNS = [
    "version",
    "decision_id",
    "analyst",
    "timestamp",
    "item_kind",
    "item_id",
    "verdict",
    "note",
    "text_a",
    "text_b",
    "kind",
    "value_a",
    "value_b",
    "surface_a",
    "surface_b",
    "canonical",
    "file",
    "line",
    "analyst_name",
    "chain",
]
PROBLEM_COLUMNS = ["file", "line", "raw", "reason"]
INTEGRITY_COLUMNS = ["file", "line", "status", "reason", "hash"]
REQUIRED = ("analyst", "timestamp", "item_id", "verdict")
LOCK_TIMEOUT_S = 30
MAX_NAME_CHARS = 100
RAW_CHARS = 1000
MAX_LINE_BYTES = 16 * 2**20  # a decision with long texts and notes stays far below
MAX_DEPTH = 8  # JSON nesting (objects and arrays) in one line; decisions are flat
MAX_INT_DIGITS = 30
MAX_FLOAT_CHARS = 40
GENESIS = "0" * 64  # the prev of the first line of a file
HASH_MARK = b', "hash": "'
HASH_TAIL = len(HASH_MARK) + 64 + 2  # , "hash": "<64 hex>"}
READ_BLOCK = 1 << 16
FIRST_YEAR, LAST_YEAR = 1900, 2262  # timestamps outside are unreadable (datetime64[ns] range)
FILE_NAME_PUNCTUATION = "_-.'"


class DecisionWriteError(OSError):
    """A decision could not be saved (read-only or full disk, lock timeout, headless log)."""

    def __init__(self, path, reason: str, errno: int | None = None):
        self.path = str(path)
        self.reason = reason
        self.message = f"could not save the decision to {self.path}: {reason}"
        super().__init__(errno, self.message)

    def __str__(self) -> str:
        return self.message


def is_headless() -> bool:
    """True for headless re-runs (make workbook, nbval, papermill): $CROSSCHECK_HEADLESS=1.

    The environment variable is the switch; papermill and nbval set nothing we can rely on.
    """
    return os.environ.get("CROSSCHECK_HEADLESS", "").strip().lower() in ("1", "true", "yes")


# ------------------------------------------------------------------ analyst names


def _refuse_name(name: str, why: str, fix: str = "use a plain name like 'alice'"):
    raise ValueError(f"analyst name '{show_invisible(name, keep='')}' {why}: {fix}")


def analyst_name(name) -> str:
    """The normalised analyst name (NFKC, spaces collapsed); ValueError saying why a name is
    refused (empty, too long, path-like, invisible characters, mixed scripts)."""
    if not isinstance(name, str) or not name.strip():
        raise ValueError("analyst name is empty: type your name before recording a decision")
    for ch in name:
        kind = invisible_kind(ch)
        if kind:
            what = unicodedata.name(ch, "")
            _refuse_name(
                name,
                f"contains {kind} (U+{ord(ch):04X}{' ' + what if what else ''}), which would "
                "make it look like another name",
                "type it again without that character",
            )
    text = " ".join(unicodedata.normalize("NFKC", name).split())
    if len(text) > MAX_NAME_CHARS:
        _refuse_name(text[:20] + "...", f"is longer than {MAX_NAME_CHARS} characters")
    bad = [
        ("/" in text or "\\" in text, "contains a slash"),
        (".." in text, "contains '..'"),
        (text.startswith("."), "starts with a dot"),
        (os.path.isabs(text), "is an absolute path"),
    ]
    for is_bad, what in bad:
        if is_bad:
            _refuse_name(text, what)
    scripts = letter_scripts(text)
    if len(scripts) > 1:
        _refuse_name(
            text,
            f"mixes letters of several scripts ({', '.join(sorted(s.title() for s in scripts))}),"
            " as look-alike names do (a Cyrillic 'а' for a Latin 'a')",
            "type it in one script",
        )
    return text


def analyst_key(name) -> str:
    """The identity of an analyst: the normalised name case-folded, with spaces and "_" as one
    separator ("Alice Smith", "alice smith" and "alice_smith" are one analyst)."""
    text = analyst_name(name)
    key = unicodedata.normalize("NFKC", text.casefold())
    key = re.sub(r"[\s_]+", "_", key).strip("_")
    if not key or key.startswith(".") or ".." in key:
        _refuse_name(text, "has no usable characters for a file name")
    return key


@lru_cache(maxsize=4096)
def _name_and_key(name: str) -> tuple[str, str]:
    """(analyst_name, analyst_key), or (why the name is refused, "") (cached: logs repeat
    a few names on every line)."""
    try:
        return analyst_name(name), analyst_key(name)
    except ValueError as exc:
        return str(exc), ""


def _stem_of_key(key: str) -> str:
    """Letters, digits and _-.' as they are; anything else as %XX (UTF-8): injective."""
    return "".join(
        ch
        if (ch.isalnum() or ch in FILE_NAME_PUNCTUATION)
        else "".join(f"%{b:02X}" for b in ch.encode("utf-8"))
        for ch in key
    )


def safe_file_stem(analyst: str) -> str:
    """The file stem of an analyst's log (ValueError for refused names): one file per
    analyst_key, and two analysts never share a file."""
    return _stem_of_key(analyst_key(analyst))


def texts_of(row: Mapping) -> dict:
    """The texts a discrepancy decision records, taken from a discrepancies-table row."""
    return {k: _str(row.get(k, "")) for k in ("text_a", "text_b", "kind", "value_a", "value_b")}


class DecisionLog:
    """The decisions folder: one ``<analyst>.jsonl`` per analyst."""

    def __init__(self, folder=None, read_only: bool | None = None):
        self.folder = Path(folder) if folder is not None else project_path("data", "decisions")
        self.read_only = is_headless() if read_only is None else bool(read_only)

    def __repr__(self) -> str:
        mode = "read-only" if self.read_only else "read-write"
        return f"DecisionLog({str(self.folder)!r}, {mode})"

    def path_for(self, analyst: str) -> Path:
        path = self.folder / f"{safe_file_stem(analyst)}.jsonl"
        if path.parent.resolve() != self.folder.resolve():
            raise ValueError(f"analyst name {analyst!r} would write outside {self.folder}")
        return path

    def append(
        self,
        analyst: str,
        item_id: str,
        verdict: str,
        note: str = "",
        texts: Mapping | None = None,
        item_kind: str = "discrepancy",
        extra: Mapping | None = None,
    ) -> dict:
        """Validate and append one decision; returns the record written (with prev, hash)."""
        path = self.path_for(analyst)
        record = _make_record(analyst, item_id, verdict, note, texts, item_kind, extra)
        if self.read_only:
            raise DecisionWriteError(
                path, "this log is read-only (headless run: decisions are not written)"
            )
        if path.is_symlink():
            raise DecisionWriteError(path, _link_reason(path))
        return _append_line(path, record)

    def append_override(
        self,
        analyst: str,
        action: str,
        surface_a: str,
        surface_b: str = "",
        kind: str = "",
        canonical: str = "",
        note: str = "",
    ) -> dict:
        """Record an analyst's override of an entity verdict (merge, split or rename)."""
        if action not in OVERRIDE_ACTIONS:
            raise ValueError(f"unknown override action {action!r}; use one of {OVERRIDE_ACTIONS}")
        if not str(surface_a).strip():
            raise ValueError("an entity override needs surface_a (the name it applies to)")
        if action in ("merge", "split") and not str(surface_b).strip():
            raise ValueError(f"a {action} override needs surface_b (the other name)")
        if action == "rename" and not str(canonical).strip():
            raise ValueError("a rename override needs canonical (the new canonical name)")
        item_id = override_key(action, surface_a, surface_b, kind)
        texts = {"surface_a": surface_a, "surface_b": surface_b, "kind": kind}
        return self.append(
            analyst,
            item_id,
            action,
            note=note,
            texts=texts,
            item_kind="entity_override",
            extra={"canonical": canonical},
        )

    def files(self) -> list[Path]:
        """The log files that are read: regular files inside the folder (see refused())."""
        return [path for path, reason in self._entries() if not reason]

    def refused(self) -> list[tuple[Path, str]]:
        """(path, reason) of the *.jsonl entries that are not read (links, not regular files)."""
        return [(path, reason) for path, reason in self._entries() if reason]

    def _entries(self) -> list[tuple[Path, str]]:
        if not self.folder.is_dir():
            return []
        real = self.folder.resolve()
        out = []
        for path in sorted(self.folder.glob("*.jsonl")):
            if path.is_symlink():
                out.append((path, _link_reason(path)))
            elif not path.is_file():
                out.append((path, "refused: not a regular file"))
            elif path.resolve().parent != real:
                out.append((path, f"refused: it lies outside {self.folder}"))
            else:
                out.append((path, ""))
        return out

    def _scan(self) -> Iterator[tuple[Path, list[_Line] | str]]:
        """(path, lines) per file read, (path, reason) per file refused."""
        for path, reason in self._entries():
            if reason:
                yield path, reason
                continue
            # a read-only log still takes an existing lock (creating nothing), so a headless
            # reader never sees a line half-written by an analyst's kernel
            locked = not self.read_only or Path(f"{path}.lock").exists()
            try:
                yield path, _read_file(path, locked)
            except _Refused as exc:
                yield path, str(exc)

    def read(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """(decisions, problems) from every file; bad lines go to problems, nothing is lost."""
        records, problems = [], []
        for path, lines in self._scan():
            if isinstance(lines, str):
                problems.append({"file": str(path), "line": 0, "raw": "", "reason": lines})
                continue
            for line in lines:
                if line.reason:
                    problems.append(
                        {
                            "file": str(path),
                            "line": line.number,
                            "raw": line.shown,
                            "reason": line.reason,
                        }  # fmt: skip
                    )
                else:
                    records.append({**line.record, "file": str(path), "line": line.number,
                                    "chain": line.status})  # fmt: skip
        return _decisions_table(records), pd.DataFrame(problems, columns=PROBLEM_COLUMNS)

    def verify(self) -> pd.DataFrame:
        """The integrity table: one row per line and per refused file (see the module doc)."""
        rows = []
        for path, lines in self._scan():
            if isinstance(lines, str):
                rows.append([str(path), 0, "refused", lines, ""])
                continue
            for line in lines:
                rows.append([str(path), line.number, line.status, line.detail, line.digest])
        return pd.DataFrame(rows, columns=INTEGRITY_COLUMNS)

    def current(self) -> pd.DataFrame:
        return current(self.read()[0])

    def orphans(self, discrepancies: pd.DataFrame) -> pd.DataFrame:
        return orphans(self.current(), discrepancies)

    def entity_overrides(self) -> pd.DataFrame:
        return entity_overrides(self.read()[0])


def _link_reason(path: Path) -> str:
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    return (
        f"refused: {path} is a symbolic link (to {target}); decision logs are never read or "
        "written through links: replace it with the log file itself"
    )


def _decisions_table(records: list[dict]) -> pd.DataFrame:
    decisions = pd.DataFrame(records)
    for col in COLUMNS:
        if col not in decisions.columns:
            decisions[col] = pd.Series(dtype="object")
    extra_cols = [c for c in decisions.columns if c not in COLUMNS]
    decisions = decisions[COLUMNS + extra_cols]
    decisions["timestamp"] = pd.to_datetime(decisions["timestamp"], utc=True, format="ISO8601")
    decisions["version"] = decisions["version"].astype("int64")
    decisions["line"] = decisions["line"].astype("int64")
    return decisions.reset_index(drop=True)


def override_key(action: str, surface_a: str, surface_b: str = "", kind: str = "") -> str:
    """The item_id of an entity override: merge/split share a key per pair, rename per name."""
    if action == "rename":
        return f"rename|{kind}|{surface_a}"
    a, b = sorted([str(surface_a), str(surface_b)])
    return f"pair|{kind}|{a}|{b}"


def _str(value) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return value if isinstance(value, str) else str(value)


def _make_record(analyst, item_id, verdict, note, texts, item_kind, extra) -> dict:
    if item_kind not in ITEM_KINDS:
        raise ValueError(f"unknown item_kind {item_kind!r}; use one of {ITEM_KINDS}")
    allowed = DISCREPANCY_VERDICTS if item_kind == "discrepancy" else OVERRIDE_ACTIONS
    if verdict not in allowed:
        raise ValueError(f"unknown verdict {verdict!r} for {item_kind}; use one of {allowed}")
    if not isinstance(item_id, str) or not item_id.strip():
        raise ValueError("item_id must be a non-empty string (the discrepancy_id)")
    if not isinstance(note, str):
        raise ValueError("note must be a string")
    record = {
        "version": VERSION,
        "decision_id": uuid.uuid4().hex,
        "analyst": analyst_name(analyst),
        "timestamp": datetime.now(UTC).isoformat(timespec="microseconds"),
        "item_kind": item_kind,
        "item_id": item_id,
        "verdict": verdict,
        "note": note,
        "text_a": "",
        "text_b": "",
        "kind": "",
    }
    for key, value in dict(texts or {}).items():
        if key not in TEXT_FIELDS:
            raise ValueError(f"unknown text field {key!r}; use any of {TEXT_FIELDS}")
        record[key] = _str(value)
    for key, value in dict(extra or {}).items():
        if key in record and key not in TEXT_FIELDS or key in ("prev", "hash"):
            raise ValueError(f"extra field {key!r} would overwrite a decision field")
        record[key] = value
    try:  # the line must read back: within the limits, encodable
        line = json.dumps(record, ensure_ascii=False).encode("utf-8")
    except (UnicodeEncodeError, TypeError, ValueError) as exc:
        raise ValueError(f"the decision cannot be stored as JSON: {exc}") from None
    if len(line) > MAX_LINE_BYTES - HASH_TAIL - 100:
        raise ValueError(f"the decision is longer than {MAX_LINE_BYTES} bytes: shorten the note")
    problem = _load_json(line)[1]
    if problem:
        raise ValueError(f"the decision would not read back: {problem}")
    return record


# ------------------------------------------------------------------ writing


def _sha(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def _chained_line(record: dict, prev: str) -> tuple[dict, bytes]:
    """The record with prev and hash, and its line (without "\\n")."""
    body = json.dumps({**record, "prev": prev}, ensure_ascii=False).encode("utf-8")[:-1]
    digest = _sha(body)
    return {**record, "prev": prev, "hash": digest}, body + HASH_MARK + digest.encode() + b'"}'


def _append_line(path: Path, record: dict) -> dict:
    """Append one whole chained line under the file's lock: O_APPEND (no links), one write,
    fsync. Returns the record as written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT_S):
            created = not path.exists()
            flags = os.O_RDWR | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
            fd = os.open(path, flags, 0o644)
            try:
                info = os.fstat(fd)
                if not stat.S_ISREG(info.st_mode):
                    raise DecisionWriteError(path, "refused: the log is not a regular file")
                size = info.st_size
                prefix = b""
                if size and os.pread(fd, 1, size - 1) != b"\n":
                    prefix = b"\n"  # end a torn last line; it stays and is reported
                record, line = _chained_line(record, _last_complete_hash(fd, size))
                data = prefix + line + b"\n"
                written = os.write(fd, data)
                while written < len(data):  # only on a short write (e.g. disk nearly full)
                    written += os.write(fd, data[written:])
                os.fsync(fd)
            finally:
                os.close(fd)
            if created:
                _fsync_dir(path.parent)
        return record
    except LockTimeout:
        raise DecisionWriteError(
            path, f"the log is locked by another process for more than {LOCK_TIMEOUT_S} s"
        ) from None
    except DecisionWriteError:
        raise
    except OSError as exc:
        reason = exc.strerror or str(exc)
        if exc.errno == errno_codes.ENOSPC:
            reason = "the disk is full"
        elif exc.errno in (errno_codes.EROFS, errno_codes.EACCES, errno_codes.EPERM):
            reason = f"the folder is not writable ({exc.strerror})"
        elif exc.errno == errno_codes.ELOOP:
            reason = _link_reason(path)
        raise DecisionWriteError(path, reason, exc.errno) from exc


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _lines_backward(fd: int, size: int) -> Iterator[bytes | None]:
    """The lines of the file (without "\\n"), last first, as the reader splits them; None for
    a line longer than MAX_LINE_BYTES (its bytes are not kept)."""
    pos, pieces, length = size, [], 0
    while pos > 0:
        start = max(0, pos - READ_BLOCK)
        parts = os.pread(fd, pos - start, start).split(b"\n")
        pos = start
        for i in range(len(parts) - 1, -1, -1):
            length += len(parts[i])
            if length <= MAX_LINE_BYTES:
                pieces.insert(0, parts[i])
            if i == 0:
                break  # parts[0] continues a line that starts in an earlier block
            yield b"".join(pieces) if length <= MAX_LINE_BYTES else None
            pieces, length = [], 0
    yield b"".join(pieces) if length <= MAX_LINE_BYTES else None


def _last_complete_hash(fd: int, size: int) -> str:
    """The hash of the last complete line (a JSON object within the limits), else GENESIS."""
    for raw in _lines_backward(fd, size):
        if raw is not None and raw.strip() and _load_json(raw)[0] is not None:
            return _sha(raw)
    return GENESIS


# ------------------------------------------------------------------ reading


class _Refused(Exception):
    """A log file that is not read (a link or not a regular file, found when opening it)."""


class _LimitError(ValueError):
    pass


@dataclass
class _Line:
    number: int
    record: dict | None
    reason: str  # why the line is a problem row ("" when it loads)
    shown: str  # the raw line cut to RAW_CHARS, invisible characters escaped ("" when fine)
    status: str  # chain status (see the module doc)
    detail: str  # what the chain status means for this line
    digest: str  # sha256 of the line ("" when it is not a complete line)


def _show(raw: bytes) -> str:
    text = raw[: RAW_CHARS * 4].decode("utf-8", errors="replace")
    cut = text[:RAW_CHARS] + (f"... ({len(raw)} bytes)" if len(text) > RAW_CHARS else "")
    return show_invisible(cut, keep="")


def _read_file(path: Path, locked: bool) -> list[_Line]:
    if locked:
        try:
            with FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT_S):
                return _scan_file(path)
        except (OSError, LockTimeout):
            pass  # cannot lock (read-only folder): read without the lock
    return _scan_file(path)


def _open_regular(path: Path):
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError as exc:
        if exc.errno == errno_codes.ELOOP:
            raise _Refused(_link_reason(path)) from None
        raise _Refused(f"refused: cannot open ({exc.strerror})") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise _Refused("refused: not a regular file")
    return os.fdopen(fd, "rb")


def _next_line(handle) -> tuple[bytes | None, bool, bool]:
    """(line without "\\n" or None at the end, ended by "\\n", too long: only its start kept)."""
    line = handle.readline(MAX_LINE_BYTES + 1)
    if not line:
        return None, False, False
    if line.endswith(b"\n"):
        return line[:-1], True, False
    if len(line) <= MAX_LINE_BYTES:
        return line, False, False  # the end of the file without "\n": a torn line
    head = line[: RAW_CHARS * 4]
    while True:  # skip the rest of an over-long line without holding it
        more = handle.readline(READ_BLOCK)
        if not more or more.endswith(b"\n"):
            return head, bool(more), True


def _scan_file(path: Path) -> list[_Line]:
    out, chain = [], _Chain()
    with _open_regular(path) as handle:
        number = 0
        while True:
            raw, ended, too_long = _next_line(handle)
            if raw is None:
                return out
            number += 1
            if too_long:
                reason = f"line longer than {MAX_LINE_BYTES} bytes (not read)"
                out.append(_Line(number, None, reason, _show(raw), "unreadable", reason, ""))
            elif raw.strip():
                out.append(chain.step(number, raw, ended))


class _Chain:
    """Follows the hash chain of one file, line by line."""

    def __init__(self):
        self.last, self.last_line, self.started = GENESIS, 0, False
        self.seen: dict[str, int] = {}

    def step(self, number: int, raw: bytes, ended: bool) -> _Line:
        obj, reason = _load_json(raw)
        if reason:
            status = "torn" if "JSON" in reason or "UTF-8" in reason else "unreadable"
            if not ended:
                reason = f"torn line (no line end: interrupted write?): {reason}"
            elif status == "torn":
                reason = f"torn or corrupt line: {reason}"
            detail = f"{reason}; the chain continues from line {self.last_line or '-'}"
            return _Line(number, None, reason, _show(raw), status, detail, "")
        digest = _sha(raw)
        status, detail = self._check(raw, obj)
        self.seen.setdefault(digest, number)
        self.last, self.last_line = digest, number
        record, reason = _validate(obj, raw)
        return _Line(number, record, reason, _show(raw) if reason else "", status, detail, digest)

    def _check(self, raw: bytes, obj: dict) -> tuple[str, str]:
        if "prev" not in obj:
            if not self.started:
                return "unchained", "an old-format line (no hash), before the chain began"
            return "broken", "a line without a hash after the chain began (inserted by hand?)"
        self.started = True
        if not _own_hash_ok(raw, obj):
            return "edited", "the line was changed after it was written (its hash does not match)"
        prev = obj["prev"]
        if prev == self.last:
            return "ok", ""
        if prev == GENESIS:
            return "broken", (
                "it claims to be the first line of its file: the lines before it were "
                "removed, or it was moved or copied here"
            )
        where = self.seen.get(prev) if isinstance(prev, str) else None
        if where is not None:
            return "broken", (
                f"it follows line {where}, not line {self.last_line}: lines were removed, "
                "inserted or reordered"
            )
        return "broken", (
            f"line {self.last_line or '-'} before it was edited or a line was removed, or this "
            "line was moved here"
        )


def _own_hash_ok(raw: bytes, obj: dict) -> bool:
    if len(raw) <= HASH_TAIL or raw[-HASH_TAIL:-66] != HASH_MARK or not raw.endswith(b'"}'):
        return False
    digest = raw[-66:-2].decode("ascii", errors="replace")
    return obj.get("hash") == digest == _sha(raw[:-HASH_TAIL])


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise _LimitError(f"a number of {len(text)} digits (more than {MAX_INT_DIGITS})")
    return int(text)


def _parse_float(text: str) -> float:
    if len(text) > MAX_FLOAT_CHARS:
        raise _LimitError(f"a number of {len(text)} characters (more than {MAX_FLOAT_CHARS})")
    return float(text)


def _parse_constant(text: str):
    raise _LimitError(f"the non-standard number {text}")


def _depth(value, limit: int) -> int:
    """Nesting depth of a parsed JSON value, counted up to limit + 1 (no recursion)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            if deepest > limit:
                return deepest
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, level + 1) for child in children)
    return deepest


def _load_json(raw: bytes) -> tuple[dict | None, str]:
    """(object, "") for a line that is a JSON object within the limits, else (None, reason)."""
    if len(raw) > MAX_LINE_BYTES:
        return None, f"line longer than {MAX_LINE_BYTES} bytes"
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None, "not valid UTF-8"
    try:
        obj = json.loads(
            text,
            parse_int=_parse_int,
            parse_float=_parse_float,
            parse_constant=_parse_constant,
        )
    except json.JSONDecodeError as exc:
        return None, f"not valid JSON ({exc.msg} at character {exc.pos})"
    except RecursionError:
        return None, f"nested deeper than {MAX_DEPTH} levels"
    except _LimitError as exc:
        return None, f"over the limits: {exc}"
    except ValueError as exc:  # any other limit of the parser
        return None, f"over the limits: {exc}"
    if not isinstance(obj, dict):
        return None, "not a JSON object"
    if _depth(obj, MAX_DEPTH) > MAX_DEPTH:
        return None, f"nested deeper than {MAX_DEPTH} levels"
    return obj, ""


def _utc(value, version: int) -> tuple[str | None, str]:
    """The timestamp as a UTC ISO string, or (None, reason)."""
    if not isinstance(value, str) or len(value) > 64:
        return None, f"unreadable timestamp {show_invisible(str(value)[:64], keep='')!r}"
    try:
        stamp = datetime.fromisoformat(value)
    except ValueError:
        return None, (
            f"unreadable timestamp {show_invisible(value, keep='')!r}: not an ISO 8601 instant "
            "with Z or an offset"
        )
    if stamp.tzinfo is None:
        if version > 0:
            return None, f"timestamp {value!r} has no time zone (Z or an offset): not an instant"
        stamp = stamp.replace(tzinfo=UTC)  # v0 lines had no offset: they were UTC
    if not FIRST_YEAR <= stamp.year <= LAST_YEAR - 1:
        return None, f"timestamp {value!r} is out of range ({FIRST_YEAR}-{LAST_YEAR - 1})"
    return stamp.astimezone(UTC).isoformat(), ""


def _validate(record: dict, raw: bytes) -> tuple[dict | None, str]:
    """(record, "") for a good decision, (None, reason) otherwise; upgrades v0 lines."""
    for key, value in record.items():
        if isinstance(value, str) and not _encodable(value) or not _encodable(key):
            return None, f"field {show_invisible(key, keep='')!r} holds a lone surrogate"
    version = record.get("version", 0)
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        return None, f"unreadable version field {version!r}"
    if version > VERSION:
        return None, f"written by a newer version (v{version}); this one reads up to v{VERSION}"
    if version == 0:
        record = _upgrade_v0(record, raw)
    missing = [k for k in REQUIRED if not isinstance(record.get(k), str) or not record[k]]
    if missing:
        return None, f"missing field(s): {', '.join(missing)}"
    kind = record.get("item_kind", "discrepancy")
    if kind not in ITEM_KINDS:
        return None, f"unknown item_kind {kind!r}"
    allowed = DISCREPANCY_VERDICTS if kind == "discrepancy" else OVERRIDE_ACTIONS
    if record["verdict"] not in allowed:
        return None, f"unknown verdict {show_invisible(record['verdict'], keep='')!r}"
    stamp, reason = _utc(record["timestamp"], version)
    if reason:
        return None, reason
    name, key = _name_and_key(record["analyst"])
    if not key:
        return None, f"refused: {name}"
    record = dict(record, timestamp=stamp, analyst=key, analyst_name=name, version=version)
    for key in ("decision_id", "note", "item_kind", *TEXT_FIELDS, "canonical"):
        record[key] = _str(record.get(key, "discrepancy" if key == "item_kind" else ""))
    return record, ""


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _upgrade_v0(record: dict, raw: bytes) -> dict:
    """v0 (before the version field): discrepancy_id instead of item_id, no decision_id."""
    record = dict(record)
    if "item_id" not in record and "discrepancy_id" in record:
        record["item_id"] = record.pop("discrepancy_id")
    record.setdefault("item_kind", "discrepancy")
    if not record.get("decision_id"):
        record["decision_id"] = "v0-" + uuid.uuid5(uuid.NAMESPACE_OID, raw.hex()).hex
    return record


# ------------------------------------------------------------------ current state


def _in_file_order(decisions: pd.DataFrame) -> pd.DataFrame:
    """Decisions in the order they were appended: per analyst, files other than the analyst's
    own file (older names, e.g. "Alice.jsonl" before case folding) first, then line order."""
    stems = {key: _stem_of_key(key) + ".jsonl" for key in decisions["analyst"].unique()}
    own = [Path(f).name == stems[a] for f, a in zip(decisions["file"], decisions["analyst"],
                                                    strict=True)]  # fmt: skip
    ordered = decisions.assign(_own=own).sort_values(["_own", "file", "line"], kind="stable")
    return ordered.drop(columns="_own")


def current(decisions: pd.DataFrame) -> pd.DataFrame:
    """The last decision per analyst, item_kind and item_id in file order (the line appended
    last wins, whatever the timestamps: clocks can be wrong or corrected)."""
    if decisions.empty:
        return decisions.copy()
    ordered = _in_file_order(decisions)
    last = ordered.groupby(["analyst", "item_kind", "item_id"], sort=False).tail(1)
    return last.sort_values(["item_kind", "item_id", "analyst"]).reset_index(drop=True)


def orphans(current_decisions: pd.DataFrame, discrepancies: pd.DataFrame) -> pd.DataFrame:
    """Current discrepancy decisions whose discrepancy no longer appears (kept with texts)."""
    if current_decisions.empty:
        return current_decisions.copy()
    ids = set(discrepancies["discrepancy_id"].astype(str)) if len(discrepancies) else set()
    mine = current_decisions["item_kind"] == "discrepancy"
    gone = ~current_decisions["item_id"].isin(ids)
    return current_decisions[mine & gone].reset_index(drop=True)


OVERRIDE_COLUMNS = ["action", "surface_a", "surface_b", "kind", "canonical"]


def entity_overrides(log_or_decisions) -> pd.DataFrame:
    """The latest entity override per key: each analyst's last (file order), then the latest
    of those by timestamp. Columns: action, surface_a, surface_b, kind, canonical, analyst,
    timestamp, note."""
    decisions = (
        log_or_decisions.read()[0]
        if isinstance(log_or_decisions, DecisionLog)
        else log_or_decisions
    )
    columns = OVERRIDE_COLUMNS + ["analyst", "timestamp", "note"]
    if decisions.empty:
        return pd.DataFrame(columns=columns)
    rows = current(decisions)
    rows = rows[rows["item_kind"] == "entity_override"]
    rows = rows.sort_values("timestamp", kind="stable").groupby("item_id", sort=False).tail(1)
    out = rows.rename(columns={"verdict": "action"})[columns]
    return out.sort_values("timestamp").reset_index(drop=True)


def _verdict_table(current_decisions: pd.DataFrame) -> pd.DataFrame:
    rows = current_decisions[current_decisions["item_kind"] == "discrepancy"]
    if rows.empty:
        return pd.DataFrame()
    return rows.pivot(index="item_id", columns="analyst", values="verdict")


def agreement(current_decisions: pd.DataFrame) -> dict:
    """Inter-analyst agreement on discrepancy verdicts: Cohen's kappa for two analysts,
    Krippendorff's alpha (nominal) for three or more. ``value`` is NaN when undefined."""
    table = _verdict_table(current_decisions) if not current_decisions.empty else pd.DataFrame()
    analysts = sorted(table.columns) if not table.empty else []
    result = {
        "method": "",
        "value": float("nan"),
        "analysts": analysts,
        "n_items": 0,
        "observed_agreement": float("nan"),
        "message": "",
    }
    if len(analysts) < 2:
        result["message"] = "agreement needs decisions from at least two analysts"
        return result
    shared = table[table.notna().sum(axis=1) >= 2]
    result["n_items"] = len(shared)
    if shared.empty:
        result["message"] = "no item has been decided by two analysts yet"
        return result
    same = shared.apply(lambda r: r.dropna().nunique() == 1, axis=1)
    result["observed_agreement"] = float(same.mean())
    if len(analysts) == 2:
        result["method"] = "cohen_kappa"
        result["value"] = _cohen_kappa(list(shared[analysts[0]]), list(shared[analysts[1]]))
    else:
        import krippendorff

        codes = {v: i for i, v in enumerate(DISCREPANCY_VERDICTS)}
        matrix = shared[analysts].T.map(lambda v: codes.get(v, np.nan)).to_numpy(dtype=float)
        result["method"] = "krippendorff_alpha"
        if len(set(matrix[~np.isnan(matrix)])) < 2:
            result["value"] = float("nan")
        else:
            result["value"] = float(
                krippendorff.alpha(
                    reliability_data=matrix,
                    level_of_measurement="nominal",
                    value_domain=list(codes.values()),
                )
            )
    if np.isnan(result["value"]):
        result["message"] = "undefined: every shared decision uses the same single verdict"
    return result


def _cohen_kappa(a: list, b: list) -> float:
    """Cohen's kappa on the items both analysts decided; NaN when chance agreement is 1."""
    n = len(a)
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    labels = set(a) | set(b)
    expected = sum((a.count(v) / n) * (b.count(v) / n) for v in labels)
    if expected >= 1.0:
        return float("nan")
    return (observed - expected) / (1.0 - expected)


def disagreements(current_decisions: pd.DataFrame) -> pd.DataFrame:
    """Items whose analysts' current verdicts differ: the queue to resolve."""
    columns = ["item_id", "kind", "text_a", "text_b", "n_analysts", "verdicts", "notes"]
    if current_decisions.empty:
        return pd.DataFrame(columns=columns)
    rows = current_decisions[current_decisions["item_kind"] == "discrepancy"]
    out = []
    for item_id, group in rows.groupby("item_id", sort=True):
        if group["verdict"].nunique() < 2:
            continue
        latest = group.sort_values("timestamp").iloc[-1]
        out.append(
            {
                "item_id": item_id,
                "kind": latest["kind"],
                "text_a": latest["text_a"],
                "text_b": latest["text_b"],
                "n_analysts": int(group["analyst"].nunique()),
                "verdicts": dict(zip(group["analyst"], group["verdict"], strict=True)),
                "notes": dict(zip(group["analyst"], group["note"], strict=True)),
            }
        )
    return pd.DataFrame(out, columns=columns)
