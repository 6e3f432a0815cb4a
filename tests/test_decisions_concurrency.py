"""The decision log under concurrent writers, a killed writer, and an unwritable folder."""

import errno
import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest
from filelock import FileLock

from crosscheck import decisions as dec
from crosscheck.decisions import DecisionLog, DecisionWriteError

WRITER = textwrap.dedent(
    """
    import sys
    from crosscheck.decisions import DecisionLog
    folder, analyst, prefix, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    log = DecisionLog(folder, read_only=False)
    print("ready", flush=True)
    sys.stdin.readline()  # start together
    for i in range(n):
        log.append(analyst, f"{prefix}-{i}", "real_discrepancy", note=f"note {i} " * (i % 7))
    """
)


def start_writer(folder, analyst, prefix, n):
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(folder), analyst, prefix, str(n)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout.readline().strip() == "ready"
    return proc


@pytest.mark.timeout(120)
def test_concurrent_writers_lose_and_duplicate_nothing(tmp_path):
    n = 1000
    folder = tmp_path / "decisions"
    writers = [
        start_writer(folder, "alice", "k1", n),  # two kernels, same analyst file
        start_writer(folder, "alice", "k2", n),
        start_writer(folder, "bob", "k3", n),  # another analyst's file
    ]
    for proc in writers:
        proc.stdin.write("go\n")
        proc.stdin.flush()
    readers = [  # an analyst's kernel and a headless re-run reading at the same time
        DecisionLog(folder, read_only=False),
        DecisionLog(folder, read_only=True),
    ]
    reads = 0
    while any(p.poll() is None for p in writers):
        decisions, problems = readers[reads % 2].read()
        assert problems.empty, problems.to_dict("records")
        assert decisions["decision_id"].is_unique
        reads += 1
    assert [p.wait() for p in writers] == [0, 0, 0]
    assert reads >= 2

    decisions, problems = DecisionLog(folder, read_only=True).read()
    assert problems.empty
    expected = {f"k{k}-{i}" for k in (1, 2, 3) for i in range(n)}
    assert len(decisions) == 3 * n
    assert set(decisions["item_id"]) == expected and decisions["item_id"].is_unique
    assert decisions["decision_id"].is_unique
    assert decisions.groupby("analyst").size().to_dict() == {"alice": 2 * n, "bob": n}
    for path in folder.glob("*.jsonl"):
        raw = path.read_bytes()
        assert raw.endswith(b"\n")
        for line in raw.split(b"\n")[:-1]:
            assert json.loads(line)["version"] == dec.VERSION


CRASHER = textwrap.dedent(
    """
    import os, sys, time
    import crosscheck.decisions as dec
    folder, mode = sys.argv[1], sys.argv[2]
    log = dec.DecisionLog(folder, read_only=False)
    for i in range(200):
        log.append("alice", f"ok-{i}", "same_meaning")
    if mode == "half":
        real_write = os.write
        def half_write(fd, data):
            real_write(fd, data[: len(data) // 2])  # the kernel took half the line...
            print("halfway", flush=True)
            time.sleep(60)  # ...and the process dies here
        dec.os.write = half_write
        log.append("alice", "torn", "real_discrepancy", note="x" * 10000)
    print("halfway", flush=True)
    i = 0
    while True:  # huge notes: the kill lands while one of them is being prepared or written
        log.append("alice", f"big-{i}", "needs_follow_up", note="y" * 3_000_000)
        i += 1
    """
)


def run_and_kill(folder, mode, delay):
    proc = subprocess.Popen(
        [sys.executable, "-c", CRASHER, str(folder), mode], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout.readline().strip() == "halfway"
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    assert proc.wait(timeout=10) == -signal.SIGKILL


@pytest.mark.timeout(60)
def test_writer_killed_mid_line_leaves_earlier_decisions_and_reports_the_torn_line(tmp_path):
    run_and_kill(tmp_path, "half", 0.05)
    log = DecisionLog(tmp_path, read_only=False)
    decisions, problems = log.read()
    assert list(decisions["item_id"]) == [f"ok-{i}" for i in range(200)]
    assert len(problems) == 1 and problems.loc[0, "line"] == 201
    assert "torn line" in problems.loc[0, "reason"] and "torn" in problems.loc[0, "raw"]

    log.append("alice", "after", "benign_variant")  # the next writer starts on a new line
    decisions, problems = log.read()
    assert list(decisions["item_id"])[-1] == "after" and len(decisions) == 201
    assert list(problems["line"]) == [201]


@pytest.mark.timeout(60)
@pytest.mark.parametrize("delay", [0.02, 0.3])
def test_writer_killed_during_huge_writes_loses_no_earlier_decision(tmp_path, delay):
    run_and_kill(tmp_path, "big", delay)
    log = DecisionLog(tmp_path, read_only=False)
    decisions, problems = log.read()
    ids = list(decisions["item_id"])
    assert ids[:200] == [f"ok-{i}" for i in range(200)]
    assert all(i.startswith("big-") for i in ids[200:])
    # at most the line being written when the process died is torn, and it is reported
    assert len(problems) <= 1
    if len(problems):
        assert "torn line" in problems.loc[0, "reason"]
    log.append("alice", "after", "benign_variant")
    assert log.read()[0]["item_id"].iloc[-1] == "after"


def test_unwritable_folder_raises_a_clear_error(tmp_path, monkeypatch):
    def refuse(path, flags, mode=0o777, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system", str(path))

    monkeypatch.setattr(dec.os, "open", refuse)
    log = DecisionLog(tmp_path, read_only=False)
    with pytest.raises(DecisionWriteError) as info:
        log.append("alice", "d1", "same_meaning")
    assert isinstance(info.value, OSError) and info.value.errno == errno.EROFS
    assert "not writable" in str(info.value) and "alice.jsonl" in str(info.value)


def test_full_disk_raises_a_clear_error_and_keeps_earlier_lines(tmp_path, monkeypatch):
    log = DecisionLog(tmp_path, read_only=False)
    log.append("alice", "d0", "same_meaning")

    def full(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(dec.os, "write", full)
    with pytest.raises(DecisionWriteError, match="the disk is full"):
        log.append("alice", "d1", "same_meaning")
    monkeypatch.undo()
    decisions, problems = log.read()
    assert list(decisions["item_id"]) == ["d0"] and problems.empty


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_read_only_permissions_raise_a_clear_error(tmp_path):
    folder = tmp_path / "decisions"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(DecisionWriteError, match="not writable"):
            DecisionLog(folder, read_only=False).append("alice", "d1", "same_meaning")
        assert DecisionLog(folder, read_only=False).read()[0].empty
    finally:
        folder.chmod(0o700)


def test_lock_held_too_long_raises_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(dec, "LOCK_TIMEOUT_S", 0.2)
    log = DecisionLog(tmp_path, read_only=False)
    with FileLock(str(log.path_for("alice")) + ".lock"):
        t0 = time.monotonic()
        with pytest.raises(DecisionWriteError, match="locked by another process"):
            log.append("alice", "d1", "same_meaning")
        assert time.monotonic() - t0 < 5
