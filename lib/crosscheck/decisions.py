"""Decisions: the analysts' append-only log (JSON Lines, one file per analyst in data/decisions/).

Every decision is one JSON line; nothing is ever rewritten or deleted. Writes take a per-file
lock (filelock), open the file with O_APPEND, write the whole line in one ``os.write`` and fsync,
so a crash can only tear the line being written. A torn line stays in the file and is reported
by ``read()``; the next append first ends it with "\\n" so the new line starts clean.

Public API
----------
DecisionLog(folder=None, read_only=None)       folder defaults to <project>/data/decisions;
                                               read_only defaults to ``is_headless()``
    .path_for(analyst) -> Path                 the analyst's file (ValueError for unsafe names)
    .append(analyst, item_id, verdict, note="", texts=None, item_kind="discrepancy", extra=None)
                                               -> the record written (dict)
    .append_override(analyst, action, surface_a, surface_b="", kind="", canonical="", note="")
    .read() -> (decisions, problems)
    .current() / .orphans(discrepancies) / .entity_overrides()
current(decisions) -> the last decision per analyst, item_kind and item_id
    (ordered by timestamp, then file and line)
orphans(current, discrepancies) -> current discrepancy decisions whose item_id is not in
    discrepancies.discrepancy_id (kept, with the texts they were made on)
entity_overrides(log_or_decisions) -> action, surface_a, surface_b, kind, canonical, analyst,
    timestamp, note: the latest override per key, for crosscheck.entities.cluster_entities
agreement(current) -> dict: method ("cohen_kappa" | "krippendorff_alpha" | ""), value, analysts,
    n_items (items decided by 2+ analysts), observed_agreement, message
disagreements(current) -> item_id, kind, text_a, text_b, n_analysts, verdicts (dict analyst ->
    verdict), notes (dict analyst -> note): items whose analysts' verdicts differ
texts_of(discrepancy_row) -> dict of the texts a decision records (text_a, text_b, kind, ...)
is_headless() -> True when $CROSSCHECK_HEADLESS is "1"/"true"/"yes"
DecisionWriteError (an OSError): a decision could not be saved; .path and .reason say why

Decisions table columns
-----------------------
version int, decision_id str, analyst str, timestamp (datetime64, UTC), item_kind str
("discrepancy" | "entity_override"), item_id str, verdict str, note str, text_a, text_b, kind,
value_a, value_b, surface_a, surface_b, canonical (str, "" when absent), file str, line int
(1-based), then any other keys found in the lines.
Verdicts: discrepancies real_discrepancy | benign_variant | same_meaning | needs_follow_up;
entity overrides merge | split | rename.

Problems table columns: file, line, raw (the line, cut to 1,000 characters), reason.
Lines from an older format (no "version" = v0, with "discrepancy_id" for "item_id") are upgraded
on read; lines from a newer version are reported as problems, never dropped silently.
"""

from __future__ import annotations

import errno as errno_codes
import json
import os
import re
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd
from filelock import FileLock
from filelock import Timeout as LockTimeout

from crosscheck.paths import project_path

VERSION = 1
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
]
PROBLEM_COLUMNS = ["file", "line", "raw", "reason"]
REQUIRED = ("analyst", "timestamp", "item_id", "verdict")
LOCK_TIMEOUT_S = 30
MAX_NAME_CHARS = 100
RAW_CHARS = 1000


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


def safe_file_stem(analyst: str) -> str:
    """The file stem for an analyst's log; ValueError for names that could escape the folder."""
    if not isinstance(analyst, str) or not analyst.strip():
        raise ValueError("analyst name is empty: type your name before recording a decision")
    name = analyst.strip()
    if len(name) > MAX_NAME_CHARS:
        raise ValueError(f"analyst name is longer than {MAX_NAME_CHARS} characters")
    bad = [
        ("\x00" in name, "a NUL character"),
        ("/" in name or "\\" in name, "a slash"),
        (".." in name, "'..'"),
        (name.startswith("."), "a leading dot"),
        (os.path.isabs(name), "an absolute path"),
        (any(ord(c) < 32 or ord(c) == 127 for c in name), "a control character"),
    ]
    for is_bad, what in bad:
        if is_bad:
            raise ValueError(
                f"analyst name {name!r} contains {what}: use a plain name like 'alice'"
            )
    stem = re.sub(r"[^\w.-]+", "_", name).strip("_")
    if not stem or stem.startswith("."):
        raise ValueError(f"analyst name {name!r} has no usable characters for a file name")
    return stem


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
        if path.resolve().parent != self.folder.resolve():
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
        """Validate and append one decision; returns the record written."""
        path = self.path_for(analyst)
        record = _make_record(analyst, item_id, verdict, note, texts, item_kind, extra)
        if self.read_only:
            raise DecisionWriteError(
                path, "this log is read-only (headless run: decisions are not written)"
            )
        data = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
        _append_line(path, data)
        return record

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
        return sorted(self.folder.glob("*.jsonl")) if self.folder.is_dir() else []

    def read(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """(decisions, problems) from every file; bad lines go to problems, nothing is lost."""
        records, problems = [], []
        for path in self.files():
            # a read-only log still takes an existing lock (creating nothing), so a headless
            # reader never sees a line half-written by an analyst's kernel
            locked = not self.read_only or Path(f"{path}.lock").exists()
            _read_file(path, records, problems, locked=locked)
        decisions = pd.DataFrame(records)
        for col in COLUMNS:
            if col not in decisions.columns:
                decisions[col] = pd.Series(dtype="object")
        extra_cols = [c for c in decisions.columns if c not in COLUMNS]
        decisions = decisions[COLUMNS + extra_cols]
        decisions["timestamp"] = pd.to_datetime(decisions["timestamp"], utc=True, format="ISO8601")
        decisions["version"] = decisions["version"].astype("int64")
        decisions["line"] = decisions["line"].astype("int64")
        return decisions.reset_index(drop=True), pd.DataFrame(problems, columns=PROBLEM_COLUMNS)

    def current(self) -> pd.DataFrame:
        return current(self.read()[0])

    def orphans(self, discrepancies: pd.DataFrame) -> pd.DataFrame:
        return orphans(self.current(), discrepancies)

    def entity_overrides(self) -> pd.DataFrame:
        return entity_overrides(self.read()[0])


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
        "analyst": analyst.strip(),
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
        if key in record and key not in TEXT_FIELDS:
            raise ValueError(f"extra field {key!r} would overwrite a decision field")
        record[key] = value
    return record


def _append_line(path: Path, data: bytes) -> None:
    """Append one whole line under the file's lock: O_APPEND, a single write, fsync."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT_S):
            created = not path.exists()
            fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                size = os.fstat(fd).st_size
                if size and os.pread(fd, 1, size - 1) != b"\n":
                    data = b"\n" + data  # end a torn last line; it stays and is reported
                written = os.write(fd, data)
                while written < len(data):  # only on a short write (e.g. disk nearly full)
                    written += os.write(fd, data[written:])
                os.fsync(fd)
            finally:
                os.close(fd)
            if created:
                _fsync_dir(path.parent)
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
        raise DecisionWriteError(path, reason, exc.errno) from exc


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _read_bytes(path: Path, locked: bool) -> bytes:
    if locked:
        try:
            with FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT_S):
                return path.read_bytes()
        except (OSError, LockTimeout):
            pass  # cannot lock (read-only folder): read without the lock
    return path.read_bytes()


def _read_file(path: Path, records: list, problems: list, locked: bool) -> None:
    data = _read_bytes(path, locked)
    lines = data.split(b"\n")
    last = len(lines)
    for number, raw_bytes in enumerate(lines, start=1):
        if not raw_bytes.strip():
            continue
        torn = number == last  # the piece after the final "\n": an unfinished write
        raw = raw_bytes.decode("utf-8", errors="replace")
        record, reason = _parse_line(raw_bytes)
        if torn and reason:
            reason = f"torn line (no line end: interrupted write?): {reason}"
        if reason:
            cut = raw if len(raw) <= RAW_CHARS else raw[:RAW_CHARS] + f"... ({len(raw)} chars)"
            problems.append({"file": str(path), "line": number, "raw": cut, "reason": reason})
            continue
        record["file"] = str(path)
        record["line"] = number
        records.append(record)


def _parse_line(raw: bytes) -> tuple[dict | None, str]:
    """(record, "") for a good line, (None, reason) otherwise; upgrades v0 lines."""
    try:
        record = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return None, "not valid UTF-8"
    except json.JSONDecodeError as exc:
        return None, f"not valid JSON ({exc.msg} at character {exc.pos})"
    if not isinstance(record, dict):
        return None, "not a JSON object"
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
        return None, f"unknown verdict {record['verdict']!r}"
    try:
        stamp = pd.Timestamp(record["timestamp"])
    except (ValueError, TypeError):
        return None, f"unreadable timestamp {record['timestamp']!r}"
    if stamp.tzinfo is None:
        stamp = stamp.tz_localize("UTC")
    record["timestamp"] = stamp.tz_convert("UTC").isoformat()
    for key in ("decision_id", "note", "item_kind", *TEXT_FIELDS, "canonical"):
        record[key] = _str(record.get(key, "discrepancy" if key == "item_kind" else ""))
    record["version"] = version
    return record, ""


def _upgrade_v0(record: dict, raw: bytes) -> dict:
    """v0 (before the version field): discrepancy_id instead of item_id, no decision_id."""
    record = dict(record)
    if "item_id" not in record and "discrepancy_id" in record:
        record["item_id"] = record.pop("discrepancy_id")
    record.setdefault("item_kind", "discrepancy")
    if not record.get("decision_id"):
        record["decision_id"] = "v0-" + uuid.uuid5(uuid.NAMESPACE_OID, raw.hex()).hex
    return record


def current(decisions: pd.DataFrame) -> pd.DataFrame:
    """The last decision per analyst, item_kind and item_id (timestamp, then file order)."""
    if decisions.empty:
        return decisions.copy()
    ordered = decisions.sort_values(["timestamp", "file", "line"], kind="stable")
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
    """The latest entity override per key (any analyst): action, surface_a, surface_b, kind,
    canonical, analyst, timestamp, note."""
    decisions = (
        log_or_decisions.read()[0]
        if isinstance(log_or_decisions, DecisionLog)
        else log_or_decisions
    )
    columns = OVERRIDE_COLUMNS + ["analyst", "timestamp", "note"]
    if decisions.empty:
        return pd.DataFrame(columns=columns)
    rows = decisions[decisions["item_kind"] == "entity_override"]
    rows = rows.sort_values(["timestamp", "file", "line"], kind="stable")
    rows = rows.groupby("item_id", sort=False).tail(1)
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
