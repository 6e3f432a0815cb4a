"""Fuzzing every loader: each input loads or raises LoadError, nothing else escapes.

Hypothesis deadlines bound each example to a few seconds; the file runs in well under 60 s.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crosscheck.load import LoadError, load_articles, load_file

SUFFIXES = [".txt", ".html", ".jsonl", ".csv", ".parquet"]
FUZZ = settings(
    max_examples=40,
    deadline=5000,  # ms per example
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

SEED = (Path(__file__).resolve().parents[1] / "data" / "articles").glob("*.txt")
SEED_BYTES = sorted(p.read_bytes() for p in SEED)

ARTICLE = (
    "Россия заявила о наступлении. Officials said on Monday that the bridge was destroyed, "
    "according to a statement. «Цитата» — сказал он.\n"
)


def check(data: bytes, suffix: str) -> None:
    """Write `data` with `suffix`, load it: an article table or LoadError, nothing else."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        try:
            frame = load_file(path)
        except LoadError as error:
            assert error.path == str(path) and error.reason
            assert "\n" not in str(error)
            return
        for text in frame["text"]:
            assert isinstance(text, str) and "\x00" not in text and "\r" not in text
        for article_id in frame["article_id"]:
            assert article_id and "/" not in article_id and ".." not in article_id


@st.composite
def mixed_encodings(draw) -> bytes:
    parts = draw(st.lists(st.sampled_from(["utf-8", "cp1251", "koi8_r", "latin-1"]), max_size=4))
    text = draw(st.text(alphabet="абвгдежзийклмнопрстуфхцчшщыэюяАБВ abc.,—\n", max_size=200))
    out = b""
    for encoding in parts:
        out += (ARTICLE + text).encode(encoding, "replace")
    return out


def truncated_utf8(cut: int) -> bytes:
    data = (ARTICLE * 3).encode("utf-8")
    return data[: cut % len(data)]


def nested_html(depth: int, tag: str, close: bool) -> bytes:
    inner = "<p>The officials said the bridge was destroyed on Monday morning.</p>"
    closing = f"</{tag}>" * depth if close else ""
    return f"<html><body>{f'<{tag}>' * depth}{inner}{closing}".encode()


@FUZZ
@given(data=st.binary(max_size=4000), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes(data, suffix):
    check(data, suffix)


@FUZZ
@given(cut=st.integers(min_value=0, max_value=10_000), suffix=st.sampled_from(SUFFIXES))
def test_truncated_utf8(cut, suffix):
    check(truncated_utf8(cut), suffix)


@FUZZ
@given(data=mixed_encodings(), suffix=st.sampled_from([".txt", ".html", ".csv", ".jsonl"]))
def test_mixed_encodings(data, suffix):
    check(data, suffix)


@FUZZ
@given(
    seed=st.sampled_from(SEED_BYTES),
    position=st.integers(min_value=0, max_value=4000),
    junk=st.binary(min_size=1, max_size=20).filter(lambda b: b"\x00" not in b)
    | st.sampled_from([b"\x00", b"\x07\x1b\x0c", b"\r", b"\xff\xfe", b"\xed\xa0\x80", b"\x85"]),
    suffix=st.sampled_from([".txt", ".html"]),
)
def test_seed_with_control_and_nul_bytes(seed, position, junk, suffix):
    check(seed[:position] + junk + seed[position:], suffix)


@FUZZ
@given(
    words=st.integers(min_value=1, max_value=200_000),
    newline=st.booleans(),
    suffix=st.sampled_from([".txt", ".html", ".csv", ".jsonl"]),
)
def test_huge_lines(words, newline, suffix):
    line = "word " * words
    if suffix == ".jsonl":
        data = json.dumps({"text": line}).encode()
    elif suffix == ".csv":
        data = f'text\n"{line}"\n'.encode()
    else:
        data = (line + ("\n" if newline else "")).encode()
    check(data, suffix)


@FUZZ
@given(
    depth=st.integers(min_value=1, max_value=20_000),
    tag=st.sampled_from(["div", "b", "table", "p", "span", "li", "a"]),
    close=st.booleans(),
)
def test_deeply_nested_html(depth, tag, close):
    check(nested_html(depth, tag, close), ".html")


HTML_PIECES = st.sampled_from(
    [
        "<html>", "<body>", "</div>", "<div>", "<p>", "</p>", "<script>", "</script>",
        "<!--", "-->", "<![CDATA[", "]]>", "<?xml version='1.0'?>", "<meta charset='koi8-r'>",
        "<style>", "<title>", "<a href='javascript:alert(1)'>", "<img onerror=alert(1)>",
        "&#0;", "&#x110000;", "&amp", "\x00", "\x0b", "<svg><foreignObject>", "<table><tr>",
        "The officials said the bridge was destroyed on Monday, according to a statement.",
    ]
)  # fmt: skip


@FUZZ
@given(pieces=st.lists(HTML_PIECES | st.text(max_size=30), max_size=60))
def test_malformed_html(pieces):
    check("".join(pieces).encode("utf-8", "surrogatepass"), ".html")


@FUZZ
@given(
    rows=st.lists(
        st.dictionaries(
            st.sampled_from(["text", "id", "url", "published", "outlet", "headline", "x"]),
            st.none() | st.integers() | st.text(max_size=80) | st.lists(st.integers(), max_size=3),
            max_size=5,
        ),
        max_size=6,
    )
)
def test_jsonl_rows(rows):
    check("\n".join(json.dumps(row) for row in rows).encode(), ".jsonl")


@settings(max_examples=10, deadline=5000)
@given(data=st.lists(st.binary(max_size=300), min_size=1, max_size=4))
def test_batches_never_raise(data):
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for i, blob in enumerate(data):
            path = Path(folder) / f"f{i}{SUFFIXES[i % len(SUFFIXES)]}"
            path.write_bytes(blob)
            paths.append(path)
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            articles, table = load_articles(paths)
        assert len(articles) + len(table) >= 1


# Pathological families (issue 18): pieces that used to make a pattern or spaCy's tokenizer
# backtrack, repeated thousands of times, mixed with prose, in every text suffix.
PATHOLOGICAL_UNITS = st.sampled_from(
    ["AA-", "A-", "a.", "a-", ")", "(", "'", '"', "’", "”", "«»", "1 ", "1,", "1.", " ", "—",
     "12:30 ", "5 ", "\u202e", "\u200b", "\\udc80", "ab", "A "]
)  # fmt: skip


@st.composite
def pathological_text(draw) -> str:
    parts = []
    for unit in draw(st.lists(PATHOLOGICAL_UNITS, min_size=1, max_size=4)):
        parts.append(unit * draw(st.integers(min_value=1, max_value=20_000)))
        parts.append(draw(st.sampled_from(["", " ", "\n", "\n\n", " a b c d e f ", ARTICLE])))
    return "".join(parts)


def _wrap(text: str, suffix: str) -> bytes:
    if suffix == ".jsonl":  # "\\udc80" in the text becomes a lone surrogate once parsed
        return json.dumps({"text": text}).replace("\\\\udc80", "\\udc80").encode()
    if suffix == ".csv":
        return ('text\n"' + text.replace('"', '""') + '"\n').encode()
    if suffix == ".html":
        return f"<html><body><p>{text}</p><p>{ARTICLE}</p></body></html>".encode()
    return text.encode()


@FUZZ
@given(text=pathological_text(), suffix=st.sampled_from([".txt", ".html", ".csv", ".jsonl"]))
def test_pathological_families(text, suffix):
    check(_wrap(text, suffix), suffix)


@pytest.mark.timeout(600)  # hang guard; the first example loads the spaCy pipeline
@settings(max_examples=15, deadline=None)
@given(text=pathological_text())
def test_pathological_families_tokenize_with_offsets(text):
    from crosscheck.claims import nlp

    doc = nlp().tokenizer(text)
    assert doc.text == text
    assert all(text[t.idx : t.idx + len(t.text)] == t.text for t in doc)
