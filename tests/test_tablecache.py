"""The text layer's disk cache for derived tables (crosscheck.text.tablecache)."""

from __future__ import annotations

import pandas as pd
import pytest

from crosscheck.text import tablecache


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "crosscheck" / "tables"


def _table():
    return pd.DataFrame(
        {"place_id": [3, 1], "label": ["Alpha ford", "Beta"], "aliases": [["A", "Ä"], []]}
    )


def test_built_once_then_read_unchanged(cache_home):
    calls = []

    def build():
        calls.append(1)
        return _table()

    first = tablecache.cached("demo", "ab12", build)
    again = tablecache.cached("demo", "ab12", build)
    assert calls == [1]
    pd.testing.assert_frame_equal(first, again, check_dtype=False)
    assert again["aliases"].tolist() == [["A", "Ä"], []]  # list cells come back as lists
    assert (cache_home / "demo-ab12" / "table.parquet").is_file()


def test_another_key_builds_again(cache_home):
    calls = []
    tablecache.cached("demo", "ab12", lambda: calls.append(1) or _table())
    tablecache.cached("demo", "cd34", lambda: calls.append(2) or _table())
    assert calls == [1, 2]


def test_edited_entry_is_rebuilt_with_a_warning(cache_home):
    tablecache.cached("demo", "ab12", _table)
    path = cache_home / "demo-ab12" / "table.parquet"
    path.write_bytes(path.read_bytes()[:-10])  # truncated
    with pytest.warns(UserWarning, match="rebuilt"):
        frame = tablecache.cached("demo", "ab12", _table)
    assert frame["label"].tolist() == ["Alpha ford", "Beta"]
    assert tablecache.cached("demo", "ab12", lambda: pytest.fail("not rebuilt")).shape == (2, 3)


def test_symlinked_entry_is_not_read(cache_home, tmp_path):
    tablecache.cached("demo", "ab12", _table)
    entry = cache_home / "demo-ab12"
    elsewhere = tmp_path / "elsewhere"
    entry.rename(elsewhere)
    entry.symlink_to(elsewhere, target_is_directory=True)
    with pytest.warns(UserWarning, match="symlink"):
        tablecache.cached("demo", "ab12", _table)
    assert not entry.is_symlink()


def test_key_follows_the_parts():
    assert tablecache.key("a") == tablecache.key("a")
    assert tablecache.key("a") != tablecache.key("b")
