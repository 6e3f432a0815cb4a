"""Lexicons are data files with a note per entry (crosscheck.text.lexicon)."""

from importlib import resources

import pytest

from crosscheck.text import lexicon

LEXICON_DIR = resources.files("crosscheck") / "data" / "lexicons"


def _write(tmp_path, monkeypatch, text):
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "demo.csv").write_text(text, encoding="utf-8")
    monkeypatch.setattr(lexicon, "_path", lambda name, lang: tmp_path / lang / f"{name}.csv")
    lexicon.load.cache_clear()


def test_reads_entries_attributes_and_notes(tmp_path, monkeypatch):
    _write(tmp_path, monkeypatch, "# demo list\nentry,kind,note\nrise,up,a figure goes up\n")
    (entry,) = lexicon.load("demo")
    assert (entry.entry, entry.attrs, entry.note) == ("rise", {"kind": "up"}, "a figure goes up")
    assert lexicon.words("demo") == {"rise"}
    assert lexicon.by_attr("demo", "kind") == {"rise": "up"}
    lexicon.load.cache_clear()


def test_a_file_without_notes_or_entries_is_refused(tmp_path, monkeypatch):
    _write(tmp_path, monkeypatch, "entry,kind\nrise,up\n")
    with pytest.raises(ValueError, match="note"):
        lexicon.load("demo")
    lexicon.load.cache_clear()


def test_a_missing_lexicon_names_itself():
    with pytest.raises(FileNotFoundError, match="no_such_list"):
        lexicon.load("no_such_list")


def test_every_shipped_lexicon_parses_with_notes():
    for lang_dir in LEXICON_DIR.iterdir():
        if lang_dir.is_dir():
            for path in lang_dir.iterdir():
                if path.name.endswith(".csv"):
                    entries = lexicon.load(path.name[:-4], lang_dir.name)
                    assert all(e.note for e in entries), path


def test_an_unquoted_comma_in_a_note_is_a_clear_error(tmp_path, monkeypatch):
    _write(tmp_path, monkeypatch, "entry,kind,note\nrise,up,a figure goes up, or a river\n")
    with pytest.raises(ValueError, match="more fields than the header"):
        lexicon.load("demo")
