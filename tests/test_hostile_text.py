"""Hostile input cannot hang, exhaust, crash or leak (issue 18, the article-text half).

Each pathological family runs at a size that took minutes (or days) before the fix; the per-test
timeout (pytest-timeout) is a hang guard, not a timing assertion: speed is measured as doubling
ratios in benchmarks/pathological.py. All texts are invented for these tests.
"""

from __future__ import annotations

import json
import os

import pandas as pd
import pytest

from crosscheck import cli, load
from crosscheck.claims import QUANTITY_RE, extract_claims, nlp
from crosscheck.entities import CONTEXT_CHARS, MENTION_COLUMNS, mention_contexts, mentions
from crosscheck.export import escape_html, escape_markdown, highlight_diff, show_invisible
from crosscheck.load import LoadError, load_articles, load_file
from crosscheck.text.guard import MAX_RUN, long_run_cuts, split_long_runs
from crosscheck.views import article_html

SENTENCE = "The harbour master said on Monday that two ferries were delayed by the storm."


def _check_tokens(doc, text: str) -> None:
    assert doc.text == text
    for token in doc:
        assert text[token.idx : token.idx + len(token.text)] == token.text
        assert len(token.text) <= max(MAX_RUN, 1) or " " in token.text


# ------------------------------------------------------------------ linear patterns


@pytest.mark.timeout(60)
def test_dateline_pattern_on_a_long_hyphenated_run():
    line = "AB-" * 20_000 + "A a b c d e f"  # 60 KB; 1.4 KB took over 150 s before
    cleaned = load.clean_text(line + "\n\n" + SENTENCE)
    assert "dateline" not in cleaned.meta
    assert load.clean_text("PORT ALDER — " + SENTENCE).meta["dateline"][0] == "PORT ALDER"


@pytest.mark.timeout(60)
def test_domain_pattern_on_a_long_dotted_run():
    text = "a." * 1_000_000 + "\n\n" + SENTENCE  # 2 MB; about a day before
    assert load.find_domain(text) == ""
    assert load.find_domain("© 2031 Example-News.co.uk, all rights") == "Example-News.co.uk"
    assert load.find_domain("mirror at a.b.example and x.org_y") == ""
    cleaned = load.clean_text("a." * 100_000 + "\n\n" + SENTENCE + "\n\nvisit harbourtimes.news")
    assert cleaned.meta["outlet"][0] == "harbourtimes.news"


@pytest.mark.timeout(60)
def test_time_tail_and_quantity_patterns_on_long_space_runs():
    assert load.parse_date_line("1" + " " * 200_000 + "12:30") == ""
    assert load.parse_date_line("Published: March 3, 2031 10:45 am GMT") == "2031-03-03"
    assert list(QUANTITY_RE.finditer("5" + " " * 200_000 + "x")) == []
    assert QUANTITY_RE.search("nearly 40 per cent")["unit"] == "per cent"
    assert QUANTITY_RE.search("a 12-km queue")["num"] == "12"


@pytest.mark.timeout(120)
def test_fifty_thousand_numbers_through_the_text_patterns():
    from crosscheck.timex import tag_times

    text = "The counts were " + " ".join(str(i) for i in range(50_000)) + "."
    assert len(list(QUANTITY_RE.finditer(text))) == 0
    assert isinstance(tag_times(text, reference="2031-03-03"), list)
    assert load.clean_text(text).text == text


# ------------------------------------------------------------------ spaCy guard


def test_split_long_runs_keeps_every_character():
    text = "short words " + ")" * (3 * MAX_RUN + 7) + " and " + "'" * MAX_RUN + " end"
    pieces = split_long_runs(text)
    assert "".join(pieces) == text and len(pieces) == 4
    assert long_run_cuts("x" * MAX_RUN) == []  # a run of exactly MAX_RUN is not cut
    assert all(len(max(p.split(), key=len)) <= MAX_RUN for p in pieces)


@pytest.mark.timeout(120)
@pytest.mark.parametrize("unit", [")", "'", "'\"’”«»‘“"])
def test_tokenizer_is_linear_on_long_runs_and_keeps_offsets(unit):
    run = (unit * 64_000)[:64_000]  # 16 KB took 22 s before: 64 KB about 6 minutes
    text = f"The spokesman said {run} about the ferries."
    doc = nlp().tokenizer(text)
    _check_tokens(doc, text)
    assert doc[0].text == "The" and doc[-1].text == "." and doc[-2].text == "ferries"


@pytest.mark.timeout(180)
def test_claims_offsets_hold_with_a_long_run():
    text = SENTENCE + " Officials said " + ")" * 5000 + " the pier reopened. " + SENTENCE
    articles = pd.DataFrame({"article_id": ["a"], "text": [text], "published": ["2031-03-03"]})
    claims = extract_claims(articles)  # raises when a claim's text does not match its offsets
    assert len(claims) >= 2
    for row in claims.itertuples():
        assert text[row.start : row.end] == row.text


# ------------------------------------------------------------------ memory


def test_mention_rows_do_not_copy_claim_text():
    long_text = "The ministry said that " + ", ".join(f"Name{i} Person{i}" for i in range(2000))
    ents = [
        {"text": f"Name{i} Person{i}", "kind": "person", "start": 0, "end": 1} for i in range(3)
    ]
    claims = pd.DataFrame(
        {"claim_id": ["c1"], "article_id": ["a"], "text": [long_text], "start": [0],
         "entities": [ents]}
    )  # fmt: skip
    table = mentions(claims)
    assert "context" not in table.columns and "text" not in table.columns
    assert list(table.columns) == MENTION_COLUMNS
    assert all(not isinstance(v, str) or len(v) < 100 for v in table.to_numpy().ravel())
    contexts = mention_contexts(table, claims)
    assert all(len(c) <= 2 * CONTEXT_CHARS + 1 for c in contexts)
    assert contexts[0].startswith("The ministry said")


# ------------------------------------------------------------------ nothing outside the case


def test_symlink_out_of_the_folder_is_refused_with_both_paths(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.txt"
    secret.write_text("Secret staff list: the keeper said the vault code was changed today.")
    case = tmp_path / "case"
    case.mkdir()
    (case / "a.txt").write_text(SENTENCE)
    (case / "update.txt").symlink_to(secret)
    (case / "inner.txt").symlink_to(case / "a.txt")  # a link inside the case is fine
    (case / "sub").symlink_to(outside, target_is_directory=True)
    with pytest.warns(load.LoadWarning):
        articles, warns = load_articles([case])
    assert not any("vault" in text for text in articles["text"])
    assert sorted(articles["article_id"]) == ["a", "inner"]
    reasons = dict(zip(warns["path"], warns["reason"], strict=True))
    assert str(secret) in reasons[str(case / "update.txt")]
    assert str(case) in reasons[str(case / "update.txt")]
    assert str(outside) in reasons[str(case / "sub")]


def test_single_file_symlink_out_of_its_folder_is_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("The keeper said the vault code was changed on Monday morning.")
    case = tmp_path / "case"
    case.mkdir()
    (case / "link.txt").symlink_to(secret)
    with pytest.raises(LoadError, match="outside"):
        load_file(case / "link.txt")
    code = cli.main(["compare", str(case / "link.txt"), "--out", str(tmp_path / "out")])
    assert code == 2 and not (tmp_path / "out" / "claims.csv").exists()


# ------------------------------------------------------------------ per-file failures


def test_lone_surrogate_in_a_jsonl_row_is_a_warning_and_the_rest_loads(tmp_path, capsys):
    path = tmp_path / "c.jsonl"
    rows = [
        '{"id": "s1", "text": "The harbour master said two ferries were delayed \\udc80 today."}',
        json.dumps({"id": "s2", "text": "Port officials said on Monday the ferries left late."}),
    ]
    path.write_text("\n".join(rows) + "\n")
    articles, warns = load_articles([path])
    assert sorted(articles["article_id"]) == ["s1", "s2"]
    assert "\ufffd" in articles.loc[articles["article_id"] == "s1", "text"].iloc[0]
    assert any("surrogate" in r for r in warns["reason"])
    assert cli.main(["compare", str(path), "--out", str(tmp_path / "out")]) == 0
    assert "surrogate" in capsys.readouterr().err


def test_file_name_not_valid_utf8_is_loaded_and_shown_escaped(tmp_path):
    folder = os.fsencode(tmp_path / "case")
    os.mkdir(folder)
    for name in (b"caf\xe9.txt", b"ok.txt"):
        with open(os.path.join(folder, name), "wb") as handle:
            handle.write(SENTENCE.encode())
    (tmp_path / "case" / "junk.bin").write_bytes(b"x")
    with pytest.warns(load.LoadWarning):
        articles, warns = load_articles([os.fsdecode(folder)])
    assert len(articles) == 2  # the second has the same text: a warning row, not a drop
    assert any(p.endswith("caf\\xe9.txt") for p in articles["path"])
    pd.DataFrame({"path": articles["path"]}).astype("string[pyarrow]")  # no UnicodeEncodeError
    out = tmp_path / "out"
    assert cli.main(["compare", os.fsdecode(folder), "--out", str(out)]) == 0
    assert "caf\\xe9.txt" in (out / "articles.csv").read_text()


def test_any_exception_in_one_file_is_a_warning_row(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(SENTENCE)
    (tmp_path / "b.html").write_text("<html><body><p>" + SENTENCE + "</p></body></html>")
    original = load._load_text

    def broken(path):
        raise RuntimeError("parser exploded")

    monkeypatch.setattr(load, "_load_text", broken)
    with pytest.warns(load.LoadWarning):
        articles, warns = load_articles([tmp_path])
    assert list(articles["format"]) == ["html"]
    reason = warns.loc[warns["path"] == str(tmp_path / "a.txt"), "reason"].iloc[0]
    assert "RuntimeError" in reason and "parser exploded" in reason
    assert original is not broken


# ------------------------------------------------------------------ limits


def test_compare_warns_above_the_article_limit_with_the_number_of_pairs():
    n = cli.MAX_COMPARE_ARTICLES + 1
    articles = pd.DataFrame({"article_id": [f"a{i}" for i in range(n)]})
    table = cli._size_warning(["case"], articles, pd.DataFrame(columns=["path", "reason"]))
    reason = table["reason"].iloc[-1]
    assert f"{n * (n - 1) // 2:,} article pairs" in reason and "crosscheck corpus" in reason
    small = articles.head(cli.MAX_COMPARE_ARTICLES)
    assert cli._size_warning(["case"], small, pd.DataFrame(columns=["path", "reason"])).empty


def test_csv_and_jsonl_corpora_stream_in_chunks(tmp_path, monkeypatch):
    monkeypatch.setattr(load, "CSV_CHUNK_ROWS", 7)
    csv_path, jsonl_path = tmp_path / "c.csv", tmp_path / "c.jsonl"
    rows = [{"id": f"r{i}", "text": f"Officials said ferry {i} left the harbour late today."}
            for i in range(40)]  # fmt: skip
    pd.DataFrame(rows).to_csv(csv_path, index=False)
    jsonl_path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    for path in (csv_path, jsonl_path):
        frame = load_file(path)
        assert list(frame["article_id"]) == [f"r{i}" for i in range(40)]
        assert frame["path"].iloc[-1] == f"{path}#40"


def test_jsonl_rows_without_text_name_the_fields_found(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text('{"body": "x", "title": "y"}\n')
    with pytest.raises(LoadError, match="'body'"):
        load_file(path)


# ------------------------------------------------------------------ invisible characters


@pytest.mark.parametrize("char", ["\u202e", "\u202a", "\u2066", "\u2069", "\u200b", "\ufeff"])
def test_bidi_and_invisible_characters_are_shown_escaped(char):
    text = f"Ferry{char}schedule"
    shown = f"\\u{ord(char):04x}"
    assert show_invisible(text) == f"Ferry{shown}schedule"
    assert shown in escape_html(text) and char not in escape_html(text)
    assert char not in escape_markdown(text) and f"u{ord(char):04x}" in escape_markdown(text)
    html_a, html_b = highlight_diff(text, "Ferry schedule")
    assert char not in html_a + html_b
    claims = pd.DataFrame({"start": [0], "end": [len(text)], "attributed": [False]})
    assert char not in article_html(text + " more", claims)
