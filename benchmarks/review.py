"""Review panel: time to open the panel and render its first page, 5,000 vs 50 discrepancies.

Run: .venv/bin/python -m benchmarks.review   (writes benchmarks/results/review.json)
The log holds 1,000 earlier decisions in both runs, as a review in progress would.
Also times the static HTML review (what rendered notebooks show) for the same tables.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from pathlib import Path

import pandas as pd

from crosscheck.decisions import DISCREPANCY_VERDICTS, DecisionLog
from crosscheck.export import static_review_html
from crosscheck.review import ReviewPanel

KINDS = ["quantity", "time", "attribution", "entity_variant", "characterization", "certainty"]
SIZES = (50, 5000)
REPEATS = 5


def synthetic_discrepancies(n: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "discrepancy_id": [f"d{i:06d}" for i in range(n)],
            "kind": [KINDS[i % len(KINDS)] for i in range(n)],
            "article_a": [f"art{i % 200:03d}" for i in range(n)],
            "article_b": [f"art{(i + 1) % 200:03d}" for i in range(n)],
            "claim_a": [f"a:{i}" for i in range(n)],
            "claim_b": [f"b:{i}" for i in range(n)],
            "text_a": [
                f"Forces advanced {i % 40} kilometres toward the village near the river, "
                "officials said on Tuesday." * 2
                for i in range(n)
            ],
            "text_b": [
                f"Troops have moved within striking range, {i % 40 + 1} km from the village, "
                "a spokesman told state media." * 2
                for i in range(n)
            ],
            "value_a": [str(i % 40) for i in range(n)],
            "value_b": [str(i % 40 + 1) for i in range(n)],
            "severity": [i % 5 + 1 for i in range(n)],
            "explanation": "the distance differs",
            "direction": "",
            "detail": "",
        }
    )


def time_open(discrepancies: pd.DataFrame, log: DecisionLog) -> float:
    """Seconds to build the panel, first page included (median of REPEATS)."""
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        panel = ReviewPanel(discrepancies, log, analyst="bench")
        assert panel.page.value and panel.detail.value
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def time_static(discrepancies: pd.DataFrame, log: DecisionLog) -> float:
    start = time.perf_counter()
    static_review_html(discrepancies, log.current())
    return time.perf_counter() - start


def main() -> dict:
    with tempfile.TemporaryDirectory() as folder:
        log = DecisionLog(folder, read_only=False)
        for i in range(1000):
            log.append("bench", f"d{i:06d}", DISCREPANCY_VERDICTS[i % 4], note="n")
        results = {"repeats": REPEATS, "decisions_in_log": 1000, "open_s": {}, "static_html_s": {}}
        for n in SIZES:
            table = synthetic_discrepancies(n)
            results["open_s"][n] = round(time_open(table, log), 4)
            results["static_html_s"][n] = round(time_static(table, log), 4)
    small, large = SIZES
    results["open_ratio"] = round(results["open_s"][large] / results["open_s"][small], 2)
    results["static_ratio"] = round(
        results["static_html_s"][large] / results["static_html_s"][small], 2
    )
    for n in SIZES:
        print(
            f"{n:>5} discrepancies: open panel + first page {results['open_s'][n]:.3f} s, "
            f"static HTML of all rows {results['static_html_s'][n]:.3f} s"
        )
    print(
        f"ratio {large} vs {small}: open panel {results['open_ratio']}x (target: < 1 s at {large})"
    )
    print(f"ratio {large} vs {small}: static HTML {results['static_ratio']}x (linear in rows)")
    out = Path(__file__).parent / "results"
    out.mkdir(exist_ok=True)
    (out / "review.json").write_text(json.dumps(results, indent=2))
    return results


if __name__ == "__main__":
    main()
