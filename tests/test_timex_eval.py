"""MEANTIME value F1 of the temporal tagger stays above a floor (20-document test copy)."""

import json
from pathlib import Path

import pytest
from benchmarks.timex_eval import load_document, score

from crosscheck.text.timex import tag_times

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "meantime_timex" / "documents.jsonl"

# measured on this copy: strict F1 0.826, relaxed F1 0.881, value F1 0.771, type acc 0.979
FLOORS = {"relaxed_f1": 0.85, "strict_f1": 0.78, "value_f1": 0.74, "type_acc": 0.9}


@pytest.fixture(scope="module")
def docs():
    return [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()]


def test_copy_is_complete(docs):
    assert len(docs) == 20
    assert {d["corpus"] for d in docs} == {
        "corpus_airbus",
        "corpus_apple",
        "corpus_gm",
        "corpus_stock",
    }
    for d in docs:
        for g in d["gold"]:
            assert d["text"][g["start"] : g["end"]] == g["text"]


def test_measures_stay_above_floor(docs):
    result = score(docs, [tag_times(d["text"], d["dct"]) for d in docs])
    for measure, floor in FLOORS.items():
        assert result[measure] >= floor, (measure, result[measure])


def test_scorer_counts_strict_relaxed_and_value():
    doc = {"doc_id": "d", "text": "x" * 60, "gold": [], "dct_spans": [], "region_end": 100}
    doc["gold"] = [
        {"start": 0, "end": 10, "text": "a", "type": "DATE", "value": "2008"},
        {"start": 20, "end": 30, "text": "b", "type": "DATE", "value": "2009"},
    ]
    pred = [
        {"start": 0, "end": 10, "text": "a", "type": "DATE", "value": "2008"},
        {"start": 22, "end": 30, "text": "c", "type": "DATE", "value": "2010"},
        {"start": 50, "end": 55, "text": "d", "type": "DATE", "value": "2011"},
    ]
    r = score([doc], [pred])
    assert r["strict_p"] == pytest.approx(1 / 3) and r["strict_r"] == pytest.approx(1 / 2)
    assert r["relaxed_p"] == pytest.approx(2 / 3) and r["relaxed_r"] == pytest.approx(1.0)
    assert r["value_p"] == pytest.approx(1 / 3) and r["value_r"] == pytest.approx(1 / 2)


def test_rebuilt_text_offsets_match_tokens():
    corpus = ROOT / "data" / "corpora" / "meantime_en" / "intra_cross-doc_annotation"
    path = sorted((corpus / "corpus_airbus").glob("*.xml"))[0]
    doc = load_document(path)
    assert doc["dct"] == "2008-03-01"
    assert doc["gold"] and all(doc["text"][g["start"] : g["end"]] for g in doc["gold"])
    assert doc["text"][slice(*doc["dct_spans"][0])] == "March 01, 2008"
