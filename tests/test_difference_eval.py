"""The rules benchmarks.difference_eval scores "same meaning" with."""

import pandas as pd
from benchmarks import difference_eval as de


def rows(*pairs):
    return pd.DataFrame(pairs, columns=["kind", "severity"])


def test_substantive_rows_are_severity_3_or_more_or_a_one_source_claim():
    found = rows(
        ("entity_variant", 1),
        ("detail", 2),
        ("time", 2),
        ("quantity", 4),
        ("one_source_attributed", 2),
    )
    assert de.substantive(found)["kind"].tolist() == ["quantity", "one_source_attributed"]
    assert de.substantive(rows(("detail", 2), ("characterization", 2))).empty
    assert not de.substantive(rows(("detail", 3))).empty


def test_any_row_keeps_all_but_spelling_variants():
    found = rows(("entity_variant", 1), ("entity_variant", 5), ("detail", 2))
    assert de.any_row(found)["kind"].tolist() == ["entity_variant", "detail"]


def test_baseline_threshold_comes_from_the_dev_rows_only():
    dev = pd.DataFrame(
        {
            "text_a": ["the ferry sank off the coast", "rain fell on the city"],
            "text_b": ["the ferry sank off the coast today", "a festival opened downtown"],
            "label": ["same", "differs"],
        }
    )
    test = pd.DataFrame(
        {
            "text_a": ["rain fell on the city"],
            "text_b": ["rain fell on the city"],
            "label": ["differs"],
        }
    )
    first = de.baseline(dev, test)
    second = de.baseline(dev, test.assign(label="same"))
    assert first["threshold"] == second["threshold"]  # the test labels do not move it
    assert first["fp"] == 1 and second["tp"] == 1


def test_hard_negative_alignment_counts_pairs_with_any_aligned_claim(tmp_path):
    path = tmp_path / "neg.csv"
    pd.DataFrame(
        {
            "neg_id": ["N1", "N2", "N3"],
            "text_a": [
                "The Corran Island ferry was cancelled on Monday because of high winds.",
                "A new library opened in Ashby with three reading rooms.",
                "Skip me.",
            ],
            "text_b": [
                "High winds cancelled the Corran Island ferry on Monday.",
                "Marta Keeling won the Vellmark rowing race by two lengths.",
                "Skip me too.",
            ],
            "split": ["dev", "dev", "test"],
        }
    ).to_csv(path, index=False)
    out = de.hard_negative_alignment(path, "dev")
    assert out == {"pairs": 2, "aligned": 1, "share": 0.5}
