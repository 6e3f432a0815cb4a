"""benchmarks.attribution_eval.build_documents: the title and every date line are paragraphs of
their own, wherever the date line stands (invented sentences)."""

from __future__ import annotations

import pandas as pd
import pytest
from benchmarks.attribution_eval import build_documents, is_date_line


def paragraphs(texts: list[str]) -> list[str]:
    rows = [{"sid": f"d#{k}", "doc_id": "d", "order": k, "text": t} for k, t in enumerate(texts)]
    articles, spans = build_documents(pd.DataFrame(rows))
    text = articles.iloc[0]["text"]
    for k, t in enumerate(texts):  # every sentence is found at its span
        _, start, end = spans[f"d#{k}"]
        assert text[start:end] == t
    return text.split("\n\n")


TITLE = "Ferry operator cuts winter sailings"
BODY = ["The operator said fuel costs had doubled.", "Islanders fear for their jobs."]


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        ([TITLE, "March 4, 2025", *BODY], [TITLE, "March 4, 2025", " ".join(BODY)]),
        (
            ["Posted: Tuesday, March 4, 2025", TITLE, *BODY],
            ["Posted: Tuesday, March 4, 2025", TITLE, " ".join(BODY)],
        ),
        ([TITLE, *BODY], [TITLE, " ".join(BODY)]),  # no date line: the body starts at once
        (
            [TITLE, BODY[0], "4 March 2025", BODY[1]],
            [TITLE, BODY[0], "4 March 2025", BODY[1]],
        ),
    ],
)
def test_date_lines_are_detected_not_assumed(texts, expected):
    assert paragraphs(texts) == expected


@pytest.mark.parametrize(
    ("line", "dated"),
    [
        ("First Published: June 3, 2021 4: 59 PM EDT", True),
        ("updated 8: 41 p. m. EST, Tue March 3, 2009", True),
        ("7: 00pm UK, Wednesday 05 May 2010", True),
        ("The operator said fuel costs had doubled since May 2021.", False),
        ("", False),
    ],
)
def test_is_date_line(line, dated):
    assert is_date_line(line) is dated
