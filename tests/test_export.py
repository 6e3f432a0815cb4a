"""Exports: hostile article text is shown as text in HTML, Markdown and CSV; never run."""

import csv
import html
from html.parser import HTMLParser

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from crosscheck import export

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    "javascript:alert(1)",
    "[x](javascript:alert(1))",
    "![x](http://evil)",
    "<javascript:alert(1)>",
    "`code` *bold* _it_ | pipe | ~~gone~~",
    '" onmouseover="alert(1)',
    '=HYPERLINK("http://evil","x")',
]
FORMULAS = ['=HYPERLINK("http://evil","x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1"]


class Tags(HTMLParser):
    """Collects the tags, attributes and text of an HTML string."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.tags, self.attrs, self.text = [], [], []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_data(self, data):
        self.text.append(data)


def test_escape_html_escapes_markup_and_quotes():
    assert export.escape_html("<script>alert('x')</script>") == (
        "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;"
    )
    assert export.escape_html('a"b&c') == "a&quot;b&amp;c"
    assert export.escape_html(None) == "" and export.escape_html(float("nan")) == ""


@pytest.mark.parametrize("payload", PAYLOADS)
def test_diff_highlight_shows_payloads_as_text(payload):
    html_a, html_b = export.highlight_diff(f"They said {payload} today", "They said it today")
    parsed = Tags(html_a + html_b)
    assert set(parsed.tags) <= {"mark", "del", "ins"} and parsed.attrs == []
    assert payload in "".join(Tags(html_a).text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60), st.text(max_size=60))
def test_diff_highlight_round_trips_and_only_adds_its_own_tags(a, b):
    html_a, html_b = export.highlight_diff(a, b)
    for original, marked, only in ((a, html_a, "del"), (b, html_b, "ins")):
        parsed = Tags(marked)
        assert set(parsed.tags) <= {"mark", only} and parsed.attrs == []
        plain = marked
        for tag in ("mark", "del", "ins"):
            plain = plain.replace(f"<{tag}>", "").replace(f"</{tag}>", "")
        # invisible characters are escaped; escape_html keeps line breaks and tabs
        assert html.unescape(plain) == export.show_invisible(original, keep="\n\t\r")


def test_diff_highlight_marks_the_words_that_differ():
    html_a, html_b = export.highlight_diff(
        "less than a kilometer from the front line", "less than a kilometer from the complex"
    )
    assert html_a == "less than a kilometer from the <mark>front line</mark>"
    assert html_b == "less than a kilometer from the <mark>complex</mark>"
    html_a, html_b = export.highlight_diff("troops advanced", "troops have advanced")
    assert html_b == "troops <ins>have </ins>advanced" and "<" not in html_a


@pytest.mark.parametrize("value", FORMULAS)
def test_formula_cells_are_neutralised(value):
    assert export.safe_csv_value(value) == "'" + value


@pytest.mark.parametrize("value", ["-3", "+2.5", "-0.5", "1e-3", "-1E+6", "hello", "a=b", ""])
def test_plain_numbers_and_text_are_kept(value):
    assert export.safe_csv_value(value) == value


@pytest.mark.parametrize("value", [-3, 2.5, None, True])
def test_non_strings_are_untouched(value):
    assert export.safe_csv_value(value) is value


def test_write_csv_neutralises_every_string_cell(tmp_path):
    df = pd.DataFrame(
        {
            "text": FORMULAS,
            "count": [-3, 1, 2, 3, 4, 5],
            "lists": [["=1+1"], {"k": "v"}, [], "-7", "x", "@y"],
            "=evil header": ["ok"] * 6,
        }
    )
    path = export.write_csv(df, tmp_path / "out" / "table.csv")
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["text", "count", "lists", "'=evil header"]
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(export.FORMULA_START) or export.PLAIN_NUMBER.fullmatch(cell)
    assert [r[0] for r in rows[1:]] == ["'" + v for v in FORMULAS]
    assert [r[1] for r in rows[1:]] == ["-3", "1", "2", "3", "4", "5"]
    assert [r[2] for r in rows[1:]] == ['["=1+1"]', '{"k": "v"}', "[]", "-7", "x", "'@y"]


def render_markdown(text):
    return MarkdownIt("commonmark", {"html": True}).enable("table").render(text)


def test_markdown_table_shows_payloads_as_text():
    df = pd.DataFrame({"payload": PAYLOADS, "n": range(len(PAYLOADS))})
    rendered = render_markdown(export.to_markdown_table(df))
    parsed = Tags(rendered)
    assert set(parsed.tags) <= {"table", "thead", "tbody", "tr", "th", "td"}
    assert parsed.attrs == []
    assert rendered.count("<tr>") == len(PAYLOADS) + 1
    assert all(row.count("<td>") == 2 for row in rendered.split("<tr>")[2:])
    text = "".join(parsed.text)
    for payload in PAYLOADS:
        if "javascript:" not in payload:
            assert payload in text
    assert "javascript:" in text  # shown as text, never as a link


def test_markdown_table_keeps_one_line_per_row():
    table = export.to_markdown_table(pd.DataFrame({"a": ["line one\nline two\r\n| x"]}))
    assert table.count("\n") == 3


def discrepancies():
    return pd.DataFrame(
        {
            "discrepancy_id": ["d1", "d2", "d3"],
            "kind": ["quantity", "characterization", "attribution"],
            "article_a": "a",
            "article_b": "b",
            "text_a": ["hit 12 times", "<script>alert(1)</script> fire pocket", "=1+1 said"],
            "text_b": ["hit 20 times", "<img src=x onerror=alert(1)> firing line", "said"],
            "value_a": ["12", "", ""],
            "value_b": ["20", "", ""],
            "severity": [2, 5, 4],
            "explanation": ["numbers differ", "[x](javascript:alert(1))", "speaker missing"],
        }
    )


def decisions():
    return pd.DataFrame(
        {
            "analyst": ["alice", "bob", "alice", "alice"],
            "item_kind": ["discrepancy", "discrepancy", "discrepancy", "entity_override"],
            "item_id": ["d2", "d2", "d1", "pair|place|a|b"],
            "verdict": ["real_discrepancy", "same_meaning", "benign_variant", "merge"],
            "note": ["<b>sure</b>", "", "-2+3", ""],
        }
    )


def test_review_table_lists_reviewed_items_most_severe_first():
    table = export.review_table(discrepancies(), decisions())
    assert list(table["discrepancy_id"]) == ["d2", "d1"]
    assert table.loc[0, "consensus"] == "disagreement"
    assert table.loc[1, "consensus"] == "Benign variant"
    assert table.loc[0, "verdicts"] == "alice: Real discrepancy; bob: Same meaning"


def test_write_summary_writes_safe_markdown_and_csv(tmp_path):
    paths = export.write_summary(discrepancies(), decisions(), tmp_path / "reports")
    assert paths["markdown"].name == "review_summary.md"
    md = paths["markdown"].read_text(encoding="utf-8")
    assert "2 of 3 discrepancies reviewed" in md
    parsed = Tags(render_markdown(md))
    assert "script" not in parsed.tags and "img" not in parsed.tags and "a" not in parsed.tags
    assert "<script>alert(1)</script> fire pocket" in "".join(parsed.text)
    with open(paths["csv"], newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [r["discrepancy_id"] for r in rows] == ["d2", "d1"]
    assert rows[1]["notes"] == "alice: -2+3"  # starts with a letter: harmless


def test_empty_summary_still_writes_both_files(tmp_path):
    paths = export.write_summary(discrepancies().iloc[:0], decisions().iloc[:0], tmp_path)
    assert "0 of 0" in paths["markdown"].read_text()
    assert paths["csv"].read_text().startswith('"discrepancy_id",')


def test_static_review_html_shows_payloads_as_text():
    page = export.static_review_html(discrepancies(), decisions())
    parsed = Tags(page)
    allowed = {"div", "style", "p", "table", "thead", "tbody", "tr", "th", "td"}
    assert set(parsed.tags) <= allowed | {"mark", "del", "ins", "br", "small", "em", "span"}
    assert {name for name, _ in parsed.attrs} <= {"class", "title"}  # no event handlers
    classes = {v for n, v in parsed.attrs if n == "class"}
    assert classes <= {"crosscheck-review", "cc-diff"} | {
        f"cc-{k}" for k in ("num", "name", "neg", "date", "word")
    }
    text = "".join(parsed.text)
    assert "<script>alert(1)</script>" in text and "<img src=x onerror=alert(1)>" in text
    assert "<b>sure</b>" in text and "[x](javascript:alert(1))" in text
    assert text.index("fire pocket") < text.index("=1+1") < text.index("hit 12")
    assert "2 of 3 discrepancies reviewed" in text and "not reviewed" in text


def test_static_review_html_truncates_and_handles_empty_input():
    page = export.static_review_html(discrepancies(), decisions(), max_rows=1)
    assert page.count("<tr>") == 2 and "showing the 1 most severe" in page
    assert "No discrepancies" in export.static_review_html(discrepancies().iloc[:0], decisions())


def test_missing_columns_are_named():
    with pytest.raises(ValueError, match="severity"):
        export.static_review_html(discrepancies().drop(columns=["severity"]), decisions())


def test_summary_says_when_agreement_rests_on_rewrites_of_one_source(tmp_path):
    corroboration = pd.DataFrame(
        {
            "claim_id": ["a:1", "a:2", "a:3"],
            "n_sources": [2, 3, 1],
            "n_independent": [1, 2, 1],
            "text": ["Copied <b>claim</b>", "Independent claim", "Lonely claim"],
        }
    )
    paths = export.write_summary(
        discrepancies(), decisions(), tmp_path, corroboration=corroboration
    )
    text = paths["markdown"].read_text()
    assert "2 of 3 claims appear in more than one article" in text
    assert "1 only by rewrites of one source" in text
    assert "Copied &lt;b&gt;claim&lt;/b&gt;" in text and "<b>" not in text
