"""benchmarks.timeline scores the dev half of MEANTIME unless --heldout is given."""

from __future__ import annotations

import pytest
from benchmarks import timeline
from benchmarks.timex_eval import DEV, HELDOUT


@pytest.mark.parametrize(
    ("argv", "corpora", "split"), [([], DEV, "dev"), (["--heldout"], DEV + HELDOUT, "all")]
)
def test_timeline_reads_the_dev_half_by_default(monkeypatch, tmp_path, argv, corpora, split):
    asked = []

    def load_corpus(names):
        asked.append(tuple(names))
        return [{"id": name} for name in names]

    def tagger(doc):
        return [{"value": doc["id"]}]

    def score(docs, preds):
        return {"strict_f1": 1.0, "relaxed_f1": 1.0, "value_f1": 1.0, "type_acc": 1.0}

    monkeypatch.setattr(timeline, "load_corpus", load_corpus)
    monkeypatch.setattr(timeline, "rules_tagger", tagger)
    monkeypatch.setattr(timeline, "dateparser_tagger", tagger)
    monkeypatch.setattr(timeline, "score", score)
    monkeypatch.setattr(timeline, "RESULTS", tmp_path)
    monkeypatch.setattr(timeline.time, "process_time", iter(range(1, 100)).__next__)
    out = timeline.main(["--docs", "4", *argv])
    assert asked == [tuple(corpora)]
    assert out["split"] == split
    assert out["speed"]["timex"]["docs"] == 4
