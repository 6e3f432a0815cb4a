"""Export: safe HTML, Markdown and CSV renderings of discrepancies and review decisions.

Article text is untrusted: every function here escapes it for the format it writes.

Public functions
----------------
escape_html(text) -> str                  html.escape (quotes too); None/NaN -> ""; bidi controls
                                          and other invisible characters as visible escapes
                                          (\u202e), also in escape_markdown
highlight_diff(text_a, text_b) -> (html_a, html_b)
    word diff, escaped: words only in A in <del>, only in B in <ins>, replaced words in <mark>
sort_by_severity(discrepancies) -> DataFrame   most severe first, then by discrepancy_id
require_columns(discrepancies)            ValueError naming missing columns (REQUIRED_COLUMNS)
safe_csv_value(value) -> value            neutralises spreadsheet formulas (see below)
write_csv(df, path) -> Path               every string cell through safe_csv_value; lists and
                                          dicts written as JSON first
to_markdown_table(df) -> str              a GitHub Markdown table with every cell escaped
review_table(discrepancies, current_decisions) -> DataFrame
    the reviewed discrepancies: discrepancy_id, severity, kind, text_a, text_b, value_a,
    value_b, explanation, verdicts (str "analyst: verdict; ..."), consensus, notes
write_summary(discrepancies, current_decisions, out_dir) -> {"markdown": Path, "csv": Path}
    review_summary.md and review_summary.csv in out_dir
static_review_html(discrepancies, current_decisions, max_rows=None) -> str
    an HTML table (most severe first): severity, kind, the two texts with the differences
    highlighted, explanation, verdicts per analyst; readable without widgets or JavaScript

Inputs: discrepancies as documented in crosscheck.discrepancies (discrepancy_id, kind, text_a,
text_b, value_a, value_b, severity, explanation, ...); current_decisions as returned by
crosscheck.decisions.current (analyst, item_kind, item_id, verdict, note, ...).

CSV formula injection: a string cell starting with = + - @ tab or carriage return gets a leading
apostrophe, so spreadsheets show it as text. Strings that are plain numbers ("-3", "+2.5", "1e-3")
are left alone, so negative figures stay numbers; "-2+3" is not a plain number and is neutralised.
"""

from __future__ import annotations

import csv
import difflib
import html
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd

from crosscheck import tables
from crosscheck.text.invisible import show_invisible

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\](){}!|~#])")
SCRIPT_SCHEME = re.compile(r"(?i)\b(javascript|vbscript|data)(\s*):")
TOKEN = re.compile(r"\s+|\w+|[^\w\s]")
VERDICT_LABELS = {
    "real_discrepancy": "Real discrepancy",
    "benign_variant": "Benign variant",
    "same_meaning": "Same meaning",
    "needs_follow_up": "Needs follow-up",
}
VERDICT_GUIDE = {
    "real_discrepancy": "the reports state different facts (a figure, a place, a date, who said "
    "it, whether it happened); at least one must be wrong or out of date",
    "benign_variant": "the same fact written differently: spelling or transliteration of a name, "
    "rounding, a unit, a paraphrase that changes nothing checkable",
    "same_meaning": "the tool flagged a difference that is not there (the claims say the same)",
    "needs_follow_up": "cannot be decided from the two texts: check a map, the original "
    "statement or another source, and say what to check in the note",
}
REVIEW_COLUMNS = [
    "discrepancy_id",
    "severity",
    "kind",
    "text_a",
    "text_b",
    "value_a",
    "value_b",
    "explanation",
    "verdicts",
    "consensus",
    "notes",
]
STYLE = (
    "<style>.crosscheck-review table{border-collapse:collapse}"
    ".crosscheck-review td,.crosscheck-review th{border:1px solid #ccc;padding:4px;"
    "vertical-align:top;text-align:left;white-space:normal;overflow-wrap:anywhere}"
    ".crosscheck-review mark{background:#fde68a}"
    ".crosscheck-review del{background:#fecaca}"
    ".crosscheck-review ins{background:#bbf7d0;text-decoration:none}</style>"
)


def _text(value) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, list | dict | tuple):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def escape_html(text) -> str:
    """HTML-escaped, with bidi controls and other invisible characters as visible escapes."""
    return html.escape(show_invisible(_text(text), keep="\n\t\r"), quote=True)


def highlight_diff(text_a, text_b) -> tuple[str, str]:
    """Word-level diff of two texts as escaped HTML (<del> only in A, <ins> only in B,
    <mark> replaced on both sides)."""
    a, b = TOKEN.findall(_text(text_a)), TOKEN.findall(_text(text_b))
    out_a, out_b = [], []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        part_a, part_b = escape_html("".join(a[i1:i2])), escape_html("".join(b[j1:j2]))
        if op == "equal":
            out_a.append(part_a)
            out_b.append(part_b)
        elif op == "replace":
            out_a.append(f"<mark>{part_a}</mark>")
            out_b.append(f"<mark>{part_b}</mark>")
        elif op == "delete":
            out_a.append(f"<del>{part_a}</del>")
        else:
            out_b.append(f"<ins>{part_b}</ins>")
    return "".join(out_a), "".join(out_b)


def safe_csv_value(value):
    """A cell a spreadsheet will not run: formula-like strings get a leading apostrophe."""
    if not isinstance(value, str) or not value.startswith(FORMULA_START):
        return value
    if PLAIN_NUMBER.fullmatch(value):
        return value
    return "'" + value


def _safe_cell(value):
    if isinstance(value, list | dict | tuple):
        value = json.dumps(value, ensure_ascii=False, default=str)
    return safe_csv_value(value)


def write_csv(df: pd.DataFrame, path) -> Path:
    """Write df as UTF-8 CSV with every string cell neutralised against formula injection."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    safe = df.copy()
    for col in safe.columns:
        if not (pd.api.types.is_numeric_dtype(safe[col]) or pd.api.types.is_bool_dtype(safe[col])):
            # a list comprehension, not Series.map: map on an Arrow-backed string column
            # converts its result back to Arrow, then astype(object) converts it again
            cells = [_safe_cell(v) for v in safe[col].tolist()]
            safe[col] = pd.Series(cells, index=safe.index, dtype=object)
    safe.columns = [safe_csv_value(str(c)) for c in safe.columns]
    # quote every string: pandas' "\n" line end would leave a bare "\r" unquoted, which a
    # spreadsheet reads as a new row (and a new formula cell)
    safe.to_csv(path, index=False, encoding="utf-8", quoting=csv.QUOTE_NONNUMERIC)
    return path


def escape_markdown(value) -> str:
    """One table cell: HTML-escaped, Markdown punctuation backslash-escaped, no line breaks,
    script URL schemes broken up."""
    text = show_invisible(" ".join(_text(value).split()), keep="")
    text = MARKDOWN_SPECIAL.sub(r"\\\1", text)
    text = html.escape(text, quote=True)
    return SCRIPT_SCHEME.sub(r"\1\2&#58;", text)


def to_markdown_table(df: pd.DataFrame) -> str:
    """A GitHub-flavoured Markdown table; every header and cell escaped."""
    if df.columns.empty:
        return ""
    header = "| " + " | ".join(escape_markdown(c) for c in df.columns) + " |"
    rule = "|" + "|".join(" --- " for _ in df.columns) + "|"
    rows = [
        "| " + " | ".join(escape_markdown(v) for v in row) + " |"
        for row in df.itertuples(index=False, name=None)
    ]
    return "\n".join([header, rule, *rows]) + "\n"


def _discrepancy_decisions(current_decisions: pd.DataFrame) -> pd.DataFrame:
    if current_decisions is None or current_decisions.empty:
        return pd.DataFrame(columns=["analyst", "item_id", "verdict", "note"])
    rows = current_decisions[current_decisions["item_kind"] == "discrepancy"]
    return rows.sort_values(["item_id", "analyst"])


def _verdicts_by_item(current_decisions: pd.DataFrame) -> dict:
    """item_id -> list of (analyst, verdict, note)."""
    out: dict = {}
    rows = _discrepancy_decisions(current_decisions)
    for analyst, item, verdict, note in zip(
        rows["analyst"], rows["item_id"], rows["verdict"], rows["note"], strict=True
    ):
        out.setdefault(item, []).append((analyst, verdict, _text(note)))
    return out


REQUIRED_COLUMNS = ("discrepancy_id", "kind", "text_a", "text_b", "severity")


def require_columns(discrepancies: pd.DataFrame, what: str = "the review") -> None:
    """ValueError naming the discrepancies columns that are missing."""
    tables.require_columns(discrepancies, "discrepancies", REQUIRED_COLUMNS, f"{what} needs them")


def sort_by_severity(discrepancies: pd.DataFrame) -> pd.DataFrame:
    require_columns(discrepancies)
    if discrepancies.empty:
        return discrepancies
    return discrepancies.sort_values(
        ["severity", "discrepancy_id"], ascending=[False, True], kind="stable"
    )


def review_table(discrepancies: pd.DataFrame, current_decisions: pd.DataFrame) -> pd.DataFrame:
    """The reviewed discrepancies (at least one decision), most severe first."""
    by_item = _verdicts_by_item(current_decisions)
    rows = []
    for rec in sort_by_severity(discrepancies).to_dict("records"):
        decided = by_item.get(rec["discrepancy_id"])
        if not decided:
            continue
        verdicts = sorted({v for _, v, _ in decided})
        consensus = VERDICT_LABELS.get(verdicts[0], verdicts[0])
        rows.append(
            {
                **{c: rec.get(c, "") for c in REVIEW_COLUMNS[:8]},
                "verdicts": "; ".join(f"{a}: {VERDICT_LABELS.get(v, v)}" for a, v, _ in decided),
                "consensus": consensus if len(verdicts) == 1 else "disagreement",
                "notes": "; ".join(f"{a}: {n}" for a, _, n in decided if n),
            }
        )
    return pd.DataFrame(rows, columns=REVIEW_COLUMNS)


def corroboration_lines(corroboration: pd.DataFrame | None) -> list[str]:
    """Markdown lines: how many claims are carried by several articles, and how many of those
    are confirmed only by rewrites of one source (which count as one source)."""
    if corroboration is None or corroboration.empty:
        return []
    shared = corroboration[corroboration["n_sources"] > 1]
    single = shared[shared["n_independent"] == 1]
    lines = [
        "## Corroboration",
        "",
        f"{len(shared)} of {len(corroboration)} claims appear in more than one article; "
        f"{len(shared) - len(single)} of them are confirmed by independent sources, and "
        f"{len(single)} only by rewrites of one source (counted as one source).",
        "",
    ]
    lines += [f"- {escape_markdown(text)}" for text in single.get("text", [])]
    return lines


def write_summary(discrepancies, current_decisions, out_dir, corroboration=None) -> dict:
    """review_summary.md and review_summary.csv in out_dir (the reviewed discrepancies).

    `corroboration` (crosscheck.provenance.independent_sources, optionally with a `text`
    column) adds a section saying which agreements rest on one source only.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    table = review_table(discrepancies, current_decisions)
    csv_path = write_csv(table, out_dir / "review_summary.csv")
    counts = table["consensus"].value_counts()
    lines = [
        "# Review summary",
        "",
        f"{len(table)} of {len(discrepancies)} discrepancies reviewed.",
        "",
        *(f"- {escape_markdown(k)}: {v}" for k, v in counts.items()),
        "",
        to_markdown_table(table.drop(columns=["discrepancy_id"])) if len(table) else "",
        "",
        *corroboration_lines(corroboration),
    ]
    md_path = out_dir / "review_summary.md"
    md_path.write_text("\n".join(lines), encoding="utf-8")
    return {"markdown": md_path, "csv": csv_path}


def frame_html(frame: pd.DataFrame) -> str:
    """A small table as escaped HTML, text left-aligned and wrapped, nothing truncated."""
    head = "".join(f"<th>{escape_html(c)}</th>" for c in frame.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape_html(v)}</td>" for v in row) + "</tr>"
        for row in frame.itertuples(index=False, name=None)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def static_review_html(discrepancies, current_decisions, max_rows=None, labels=None) -> str:
    """The review as a plain HTML table (no widgets, no scripts); all text escaped.
    ``labels`` ({article_id: short label}) names the articles in the Source columns."""
    from crosscheck.review.diff import DIFF_STYLE, meaning_diff

    if discrepancies is None or len(discrepancies) == 0:
        return '<div class="crosscheck-review"><p>No discrepancies.</p></div>'
    by_item = _verdicts_by_item(current_decisions)
    ordered = sort_by_severity(discrepancies)
    shown = ordered if max_rows is None else ordered.head(max_rows)
    head = "".join(
        f"<th>{h}</th>" for h in ("Severity", "Kind", "A", "B", "Explanation", "Verdicts")
    )
    body = []
    for rec in shown.to_dict("records"):
        html_a, html_b = meaning_diff(rec.get("text_a", ""), rec.get("text_b", ""))
        for side in ("a", "b"):
            aid = _text(rec.get(f"article_{side}"))
            if labels and aid:
                name = f"<small><b>{escape_html(labels.get(aid, aid))}</b></small><br>"
                html_a, html_b = (name + html_a, html_b) if side == "a" else (html_a, name + html_b)
        verdicts = "<br>".join(
            f"{escape_html(a)}: {escape_html(VERDICT_LABELS.get(v, v))}"
            + (f" <small>({escape_html(n)})</small>" if n else "")
            for a, v, n in by_item.get(rec["discrepancy_id"], [])
        )
        body.append(
            "<tr>"
            f"<td>{escape_html(rec.get('severity', ''))}</td>"
            f"<td>{escape_html(rec.get('kind', ''))}</td>"
            f"<td>{html_a}</td><td>{html_b}</td>"
            f"<td>{escape_html(rec.get('explanation', ''))}</td>"
            f"<td>{verdicts or '<em>not reviewed</em>'}</td>"
            "</tr>"
        )
    reviewed = sum(1 for i in ordered["discrepancy_id"] if i in by_item)
    note = f"<p>{reviewed} of {len(ordered)} discrepancies reviewed"
    if len(shown) < len(ordered):
        note += f"; showing the {len(shown)} most severe"
    note += ".</p>"
    table = f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    return f'<div class="crosscheck-review">{STYLE}{DIFF_STYLE}{note}{table}</div>'
