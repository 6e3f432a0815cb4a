"""Disk caches are bounded: least recently used entries are evicted beyond a count or a size
(crosscheck.text.tablecache.evict, used by the table cache and the case cache), safely when
several processes share the folder."""

from __future__ import annotations

import multiprocessing
import os
import time
import warnings

import pandas as pd
import pytest
from tests.test_workbook import small_case

from crosscheck.running import casecache
from crosscheck.text import tablecache


def make_entry(root, name, age, size=10):
    entry = root / name
    entry.mkdir(parents=True)
    (entry / "data.bin").write_bytes(b"x" * size)
    stamp = time.time() - age
    os.utime(entry, (stamp, stamp))
    return entry


def test_the_least_recently_used_entries_go_beyond_the_count(tmp_path):
    for age, name in enumerate("abcde"):  # "a" is the newest
        make_entry(tmp_path, name, age * 100)
    evicted = tablecache.evict(tmp_path, "[a-z]", keep="e", max_entries=3)
    assert sorted(evicted) == ["c", "d"]  # "e" is the oldest but was just written
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "b", "e"]


def test_entries_go_beyond_the_size(tmp_path):
    for age, name in enumerate("abc"):
        make_entry(tmp_path, name, age * 100, size=400)
    assert tablecache.evict(tmp_path, "[a-z]", max_entries=10, max_bytes=1000) == ["c"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "b"]


def test_only_cache_entries_are_ever_removed(tmp_path):
    make_entry(tmp_path, "places-00aa11bb", 500)
    make_entry(tmp_path, "notes", 900)  # not an entry name: never touched
    make_entry(tmp_path, ".notes.77.tmp", tablecache.STALE_SECONDS + 60)
    make_entry(tmp_path, "places-00aa11cc", 0)
    assert tablecache.evict(tmp_path, max_entries=1) == ["places-00aa11bb"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".notes.77.tmp",
        "notes",
        "places-00aa11cc",
    ]


def test_a_symlink_or_file_named_like_an_entry_is_left_alone(tmp_path):
    """Entries are real folders: a link (never followed) or a user's file of an entry-like name
    is neither evicted nor renamed."""
    target = make_entry(tmp_path / "elsewhere", "real", 0)
    (tmp_path / "cache").mkdir()
    make_entry(tmp_path / "cache", "new", 0)
    (tmp_path / "cache" / "link").symlink_to(target, target_is_directory=True)
    os.utime(tmp_path / "cache" / "link", (1, 1), follow_symlinks=False)
    (tmp_path / "cache" / "notes").write_text("mine")
    assert tablecache.evict(tmp_path / "cache", "[a-z]+", max_entries=0, keep="new") == []
    assert (target / "data.bin").is_file() and (tmp_path / "cache" / "link").is_symlink()
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == ["link", "new", "notes"]


def test_stale_temporary_folders_go_fresh_ones_stay(tmp_path):
    make_entry(tmp_path, ".dead.123.tmp", tablecache.STALE_SECONDS + 60)
    make_entry(tmp_path, ".live.456.tmp", 5)
    tablecache.evict(tmp_path, "[a-z]+")
    assert [p.name for p in tmp_path.iterdir()] == [".live.456.tmp"]


def test_an_entry_gone_meanwhile_is_skipped(tmp_path, monkeypatch):
    for age, name in enumerate("abc"):
        make_entry(tmp_path, name, age * 100)
    real_size = tablecache._size

    def size_then_vanish(entry):  # another process evicts "c" between listing and removal
        if entry.name == "c" and entry.exists():
            tablecache._remove(entry)
        return real_size(entry)

    monkeypatch.setattr(tablecache, "_size", size_then_vanish)
    tablecache.evict(tmp_path, "[a-z]", max_entries=1)  # no error
    assert [p.name for p in tmp_path.iterdir()] == ["a"]


def test_the_case_cache_keeps_the_most_recently_used_cases(tmp_path, monkeypatch):
    monkeypatch.setattr(casecache, "MAX_CASES", 2)
    for n, key in enumerate(["aaaa0001", "aaaa0002"]):
        casecache.write_case(small_case(n), tmp_path, key)
        stamp = time.time() - 1000 + n
        os.utime(tmp_path / key, (stamp, stamp))
    assert casecache.read_case(tmp_path, "aaaa0001")[1] == ""  # read: now the most recent
    casecache.write_case(small_case(3), tmp_path, "aaaa0003")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["aaaa0001", "aaaa0003"]
    assert casecache.read_case(tmp_path, "aaaa0002") == (None, "missing")


def test_a_case_evicted_while_it_is_read_is_missing_not_an_error(tmp_path, monkeypatch):
    casecache.write_case(small_case(), tmp_path, "bbbb0001")
    real_read = casecache._read_table

    def read_then_evicted(entry, name, spec):
        tablecache._remove(entry)  # another process evicts the entry under the reader
        return real_read(entry, name, spec)

    monkeypatch.setattr(casecache, "_read_table", read_then_evicted)
    assert casecache.read_case(tmp_path, "bbbb0001") == (None, "missing")


def test_a_table_evicted_while_it_is_read_is_rebuilt_without_a_warning(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    table = pd.DataFrame({"a": [1, 2]})
    tablecache.cached("demo", "ab12", lambda: table)
    real_read = tablecache._read

    def read_then_evicted(entry):
        tablecache._remove(entry)
        return real_read(entry)

    monkeypatch.setattr(tablecache, "_read", read_then_evicted)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert tablecache.cached("demo", "ab12", lambda: table)["a"].tolist() == [1, 2]


def _writer(folder, first, count, limit):
    casecache.MAX_CASES = limit
    for k in range(first, first + count):
        key = f"cccc{k:04d}"
        casecache.write_case(small_case(k), folder, key)
        case, problem = casecache.read_case(folder, key)
        assert problem in ("", "missing"), problem  # the other writer may evict it at once


@pytest.mark.timeout(300)
def test_two_processes_writing_one_cache_stay_bounded_and_never_fail(tmp_path):
    context = multiprocessing.get_context("fork")
    procs = [context.Process(target=_writer, args=(tmp_path, n * 100, 12, 3)) for n in (0, 1)]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join()
    assert [proc.exitcode for proc in procs] == [0, 0]
    entries = [p for p in tmp_path.iterdir() if not p.name.startswith(".")]
    assert 1 <= len(entries) <= 4  # the bound, plus one entry the other process just kept
    for entry in entries:
        case, problem = casecache.read_case(tmp_path, entry.name)
        assert problem == "" and case is not None
