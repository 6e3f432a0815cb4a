"""Word lists as data: each list a rule uses is `crosscheck/data/lexicons/<lang>/<name>.csv`.

A lexicon file is CSV with a header. The first column is the entry (a word, a lemma or a phrase,
lower case); further columns are named attributes (for example ``kind`` or ``severity``); the last
column, ``note``, says in a few words what the entry covers. Lines starting with ``#`` are comments
(the file's own note on what the list is for and where it comes from).

``load(name)`` returns a tuple of :class:`Entry`; ``words(name)`` the set of entries alone.
Results are cached per (name, lang); ``load.cache_clear()`` resets them for tests.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

LEXICON_PACKAGE = "crosscheck"


@dataclass(frozen=True)
class Entry:
    """One lexicon line: the entry, its named attributes and its note."""

    entry: str
    attrs: dict = field(default_factory=dict, hash=False, compare=False)
    note: str = ""


def _path(name: str, lang: str):
    return resources.files(LEXICON_PACKAGE) / "data" / "lexicons" / lang / f"{name}.csv"


@cache
def load(name: str, lang: str = "en") -> tuple[Entry, ...]:
    """Read lexicon ``name`` for ``lang``; a missing file or a file without ``note`` raises."""
    path = _path(name, lang)
    if not path.is_file():
        raise FileNotFoundError(f"no lexicon {name!r} for language {lang!r} (looked for {path})")
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    reader = csv.DictReader(lines)
    rows = list(reader)
    if not rows:
        raise ValueError(f"lexicon {path} has no entries")
    header = list(reader.fieldnames)
    if header[-1] != "note":
        raise ValueError(f"lexicon {path}: the last column must be 'note', got {header}")
    key = header[0]
    entries = []
    for number, row in enumerate(rows, start=2):
        if None in row:
            raise ValueError(
                f"lexicon {path}, entry line {number}: more fields than the header has "
                f"({row[None]!r} left over; quote a note that contains a comma)"
            )
        value = (row.get(key) or "").strip()
        if not value:
            raise ValueError(f"lexicon {path}, line {number}: empty entry")
        attrs = {k: (v or "").strip() for k, v in row.items() if k not in (key, "note")}
        entries.append(Entry(value, attrs, (row.get("note") or "").strip()))
    return tuple(entries)


def words(name: str, lang: str = "en") -> frozenset[str]:
    """The entries of lexicon ``name`` as a set of strings."""
    return frozenset(e.entry for e in load(name, lang))


def by_attr(name: str, attr: str, lang: str = "en") -> dict[str, str]:
    """Map each entry of lexicon ``name`` to the value of its attribute ``attr``."""
    return {e.entry: e.attrs[attr] for e in load(name, lang)}
