"""Module-level caches hand out read-only views: a caller mutating a result cannot corrupt the
next call (gazetteer._place_rows, entities._place_forms, check_place)."""

from __future__ import annotations

from types import MappingProxyType

import pytest

from crosscheck import entities
from crosscheck.text import gazetteer


def test_place_rows_cannot_be_mutated():
    rows = gazetteer._place_rows()
    gid = next(iter(rows))
    with pytest.raises(TypeError):
        rows[gid] = ("Nowhere", "XX", "", 0)
    with pytest.raises(TypeError):
        del rows[gid]
    with pytest.raises((TypeError, AttributeError)):
        rows[gid][0] = "Nowhere"  # a row is a tuple, not a list
    assert gazetteer._place_rows()[gid][0] != "Nowhere"


def test_place_forms_cannot_be_mutated():
    forms = entities._place_forms()
    with pytest.raises(TypeError):
        forms["Calif."] = "Nevada"
    with pytest.raises((TypeError, AttributeError)):
        forms.clear()
    assert entities.expand_place("Fresno, Calif.")[0] == "Fresno, California"


def test_check_place_results_are_copies():
    first = gazetteer.check_place("Kharkiv")
    first["matches"][0]["why"].append("tampered")
    first["matches"][0]["name"] = "tampered"
    again = gazetteer.check_place("Kharkiv")
    assert again["matches"][0]["name"] != "tampered"
    assert "tampered" not in again["matches"][0]["why"]


def test_timeline_tag_cache_hands_out_read_only_rows():
    """The cached tags of a claim cannot be changed by a caller (callers copy them)."""
    from crosscheck import timeline

    rows = timeline._tagged("The talks resumed on 3 May 2010.", None)
    assert rows and all(isinstance(r, MappingProxyType) for r in rows)
    with pytest.raises(TypeError):
        rows[0]["value"] = "changed"
