"""Tests for crosscheck.load: each loader, each bad input, and the seed articles."""

from __future__ import annotations

import json
import shutil
import socket
import warnings
from pathlib import Path

import pandas as pd
import pytest

from crosscheck.load import (
    ARTICLE_COLUMNS,
    SUPPORTED_SUFFIXES,
    LoadError,
    LoadWarning,
    clean_text,
    dedupe_ids,
    load_articles,
    load_file,
    slug,
)
from crosscheck.text.language import COLUMNS as LANGUAGE_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "data" / "articles"
SEED_CHROME = SEEDS / "000_dbabafe9c632d4b1.txt"
SEED_PLAIN = SEEDS / "001_d124cb02ee27fab0.txt"
FIXTURES = ROOT / "tests" / "data" / "load"

RUSSIAN = (
    "Войска подошли к шахте\n\n"
    "Российские войска продвинулись к угольной шахте, второй по величине на Украине, "
    "сообщил советник главы республики.\n\n"
    "По его словам, до административного здания предприятия осталось меньше километра.\n"
)


def one(path) -> dict:
    frame = load_file(path)
    assert list(frame.columns) == ARTICLE_COLUMNS
    assert len(frame) == 1
    return frame.iloc[0].to_dict()


# ------------------------------------------------------------------ seeds


def test_seed_chrome_is_removed_and_kept():
    row = one(SEED_CHROME)
    for chrome in [
        "24.9 C",
        "Qādiān",
        "Saturday, August 16, 2025",
        "Reshaping Perspectives and Catalyzing Diplomatic Evolution",
        "More",
        "Show your support if you like our work.",
        "Author",
        "Russia Desk",
        "Editor's Picks",
        "Trending Stories",
    ]:
        assert chrome in row["removed"], chrome
        assert chrome not in row["text"].split("\n"), chrome
    assert "validates the stories published under this byline" not in row["text"]
    assert row["removed"][:3] == ["24.9 C", "Qādiān", "Saturday, August 16, 2025"]
    assert row["text"].rstrip().endswith("heavy industr.")
    # the standfirst stays as the first paragraph; the dateline paragraph follows
    paragraphs = row["text"].split("\n\n")
    assert paragraphs[0].startswith("Near Rodinskoye, Russian forces edge closer")
    assert paragraphs[1].startswith("DONETSK — Russian forces have moved")
    # text is not rewritten: the no-break space of the original survives
    assert "facilities,\u00a0 including" in row["text"]


def test_seed_chrome_metadata():
    row = one(SEED_CHROME)
    assert row["headline"] == (
        "Russian troops advance on Ukraine’s second-largest coal mine, threaten industrial backbone"
    )
    assert row["headline_source"] == "first title line"
    assert row["published"] == "2025-08-16"
    assert row["published_source"] == "date line"
    assert row["outlet"] == "The Eastern Herald"
    assert row["outlet_source"] == "author box"
    assert row["author"] == "Russia Desk"
    assert row["dateline"] == "DONETSK"
    assert row["dateline_source"] == "first paragraph"
    assert row["article_id"] == "000_dbabafe9c632d4b1"
    assert row["format"] == "text" and row["encoding"] == "utf-8"
    assert row["headline"] not in row["text"]


def test_seed_without_chrome_or_date():
    row = one(SEED_PLAIN)
    assert row["published"] == "" and row["published_source"] == ""
    assert row["removed"] == []
    assert row["dateline"] == ""
    assert row["headline"].startswith("Russian Troops Advance Toward Ukraine’s Krasnolymansky Mine")
    assert row["text"].startswith("Russian troops have advanced to the ‘Krasnolymansky’ mine")
    assert row["text"].endswith("securing supply lines in the east.")
    assert row["text"].count("\n\n") == 18  # all 19 body paragraphs, none lost


def test_glued_trending_block_is_chrome(tmp_path):
    glued = SEED_CHROME.read_text(encoding="utf-8") + SEED_PLAIN.read_text(encoding="utf-8")
    path = tmp_path / "glued.txt"
    path.write_text(glued, encoding="utf-8")
    row = one(path)
    assert "Krasnolymansky" not in row["text"]
    assert any(line.startswith("Trending StoriesRussian Troops") for line in row["removed"])
    assert row["text"] == one(SEED_CHROME)["text"]


def test_location_widget_is_not_a_dateline(tmp_path):
    path = tmp_path / "widget.txt"
    path.write_text(
        "KHARKIV\n\n12 C\n\nShelling damages power station in the north\n\n"
        "The regional governor said a power station was damaged overnight by shelling.\n",
        encoding="utf-8",
    )
    row = one(path)
    assert row["dateline"] == ""
    assert "KHARKIV" in row["removed"] and "12 C" in row["removed"]
    assert row["headline"] == "Shelling damages power station in the north"


def test_byline_and_labelled_date(tmp_path):
    path = tmp_path / "byline.txt"
    path.write_text(
        "Ceasefire talks stall over prisoner exchange terms\n\nBy Maria Ivanova\n\n"
        "Published: 3 March 2024 14:05\n\n"
        "ODESA, Ukraine — Negotiators failed to agree on the terms of a prisoner exchange, "
        "two officials told reporters on Sunday.\n\n"
        "Read more: Earlier talks ended without a deal\n",
        encoding="utf-8",
    )
    row = one(path)
    assert (row["author"], row["author_source"]) == ("Maria Ivanova", "byline")
    assert (row["published"], row["published_source"]) == ("2024-03-03", "date line")
    assert row["dateline"] == "ODESA, Ukraine"
    assert "Read more: Earlier talks ended without a deal" in row["removed"]
    assert row["text"].startswith("ODESA, Ukraine — Negotiators")


PAGE_WITHOUT_BLANK_LINES = """Home | World | Politics | Business
Menu
Drone strike hits fuel depot in Belgorod region, governor says
By John Smith and Olena Kovalenko
March 3, 2024
5 min read
BELGOROD — A drone struck a fuel depot in the region overnight, causing a large fire, \
the regional governor said on Sunday.
Firefighters worked through the night to contain the blaze, he added in a post on Telegram.
"There were no casualties," the governor said.
Share this article
Related Articles
Another strike hits refinery
Refinery fire put out after two days
"""


def test_page_with_nav_byline_and_related_block():
    cleaned = clean_text(PAGE_WITHOUT_BLANK_LINES)
    assert cleaned.text.startswith("BELGOROD — A drone struck")
    assert cleaned.text.endswith('"There were no casualties," the governor said.')
    assert cleaned.meta["headline"][0].startswith("Drone strike hits fuel depot")
    assert cleaned.meta["author"] == ("John Smith and Olena Kovalenko", "byline")
    assert cleaned.meta["published"] == ("2024-03-03", "date line")
    assert cleaned.meta["dateline"] == ("BELGOROD", "first paragraph")
    for chrome in ("Menu", "5 min read", "Share this article", "Another strike hits refinery"):
        assert chrome in cleaned.removed


def test_russian_chrome_and_date_label():
    cleaned = clean_text(
        "Войска подошли к шахте\n\nОпубликовано: 16 августа 2025\n\n"
        "Российские войска продвинулись к угольной шахте, второй по величине, сообщил советник."
        "\n\nЧитайте также: другие новости\n\nПохожие новости\n\nЕщё одна новость о войне\n"
    )
    assert cleaned.text == (
        "Российские войска продвинулись к угольной шахте, второй по величине, сообщил советник."
    )
    assert cleaned.meta["published"] == ("2025-08-16", "date line")
    assert "Похожие новости" in cleaned.removed and "Ещё одна новость о войне" in cleaned.removed


@pytest.mark.parametrize(
    ("opening", "place"),
    [
        ("KYIV, Ukraine, Aug 16 (Reuters) - Ukraine said", "KYIV, Ukraine"),
        ("NEW YORK — The council said", "NEW YORK"),
        ("The Kremlin said - as expected - that", None),
    ],
)
def test_dateline_forms(opening, place):
    text = opening + " its forces had repelled several attacks near the town on Saturday."
    assert clean_text(text).meta.get("dateline", (None,))[0] == place


def test_undated_text_never_gets_today_or_mtime(tmp_path):
    path = tmp_path / "undated.txt"
    path.write_text("Today\n\nOfficials said the road was closed for repairs this week.\n")
    assert one(path)["published"] == ""


def test_line_endings_and_trailing_spaces_normalised(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(
        b"A headline about the river crossing   \r\n\r\n"
        b"The first  sentence keeps its double space, officials said on Monday.  \r\n"
        b"Second line.\rThird line.\x07\n"
    )
    row = one(path)
    assert "\r" not in row["text"] and "\x07" not in row["text"]
    assert "first  sentence" in row["text"]
    assert all(line == line.rstrip() for line in row["text"].split("\n"))


# ------------------------------------------------------------------ HTML


def test_html_page_with_scripts_and_chrome(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("network access during loading")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    path = FIXTURES / "article_with_chrome.html"
    articles, table = load_articles([path])
    row = articles.iloc[0].to_dict()
    for payload in ("TRACKER-PAYLOAD", "SCRIPT-IN-BODY", "HANDLER", "alert", "color: red"):
        assert payload not in row["text"]
    assert "Editor's Picks" not in row["text"] and "Home" not in row["text"]
    assert row["text"].startswith("KHARKIV — A road bridge")
    assert row["text"].endswith("in the coming weeks.")
    assert row["headline"] == "Bridge destroyed near the river crossing"
    assert row["headline"] not in row["text"]
    assert (row["outlet"], row["outlet_source"]) == ("Example Observer", "html meta")
    assert (row["author"], row["published"]) == ("Anna Petrova", "2024-03-05")
    assert row["url"] == "https://www.example-observer.org/news/bridge-destroyed"
    assert row["dateline"] == "KHARKIV" and row["format"] == "html"
    for chrome in (
        "Home",
        "24.9 C Kharkiv",
        "Editor's Picks",
        "Another story about something else",
    ):
        assert chrome in row["removed"]
    assert not any("TRACKER" in line or "alert" in line for line in row["removed"])
    assert table.to_dict("records") == [{"path": str(path), "reason": "scripts removed"}]


def test_html_load_file_warns_about_scripts():
    with pytest.warns(LoadWarning, match="scripts removed"):
        load_file(FIXTURES / "article_with_chrome.html")


def test_html_without_article_text(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><body><nav>Home</nav></body></html>")
    with pytest.raises(LoadError, match="no article text"):
        load_file(path)


def test_html_nested_too_deep(tmp_path):
    path = tmp_path / "deep.html"
    path.write_text("<html><body>" + "<div>" * 5000 + "text" + "</div>" * 5000 + "</body></html>")
    with pytest.raises(LoadError) as caught:
        load_file(path)
    assert caught.value.path == str(path)


def test_html_declared_charset_koi8r(tmp_path):
    path = tmp_path / "koi.html"
    page = (
        '<html><head><meta charset="koi8-r"><title>Войска подошли к шахте</title></head>'
        "<body><article><p>"
        + RUSSIAN.split("\n\n")[1]
        + "</p><p>"
        + RUSSIAN.split("\n\n")[2]
        + "</p></article></body></html>"
    )
    path.write_bytes(page.encode("koi8_r"))
    row = one(path)
    assert row["encoding"] == "koi8-r"
    assert row["text"].startswith("Российские войска продвинулись")


def test_xhtml_with_xml_declaration(tmp_path):
    path = tmp_path / "x.html"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?><html><body><article><p>'
        "The council said the water supply would be restored to all districts by Friday."
        "</p></article></body></html>"
    )
    assert one(path)["text"].startswith("The council said")


# ------------------------------------------------------------------ corpora


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_corpus_rows(fmt):
    path = FIXTURES / f"corpus.{fmt}"
    articles, table = load_articles([path])
    assert list(articles["path"]) == [f"{path}#1", f"{path}#3"]
    assert list(articles["format"]) == [fmt, fmt]
    first, third = articles.to_dict("records")
    assert first["article_id"] == "wire-001"
    assert third["article_id"] == "etc-passwd"
    assert (first["headline"], first["headline_source"]) == ("Power plant damaged", "corpus column")
    assert (first["published"], first["published_source"]) == ("2024-05-07", "corpus column")
    assert (first["outlet"], first["outlet_source"]) == ("example-wire.com", "url domain")
    assert first["dateline"] == "KYIV"
    assert (third["outlet"], third["author"]) == ("Example Wire", "J. Doe")
    # the row with empty text is a warning, not a silent drop
    assert table.to_dict("records") == [
        {"path": f"{path}#2", "reason": "text is empty or not a string, row skipped"}
    ]


def test_corpus_without_id_uses_content_hash_and_cleans_chrome(tmp_path):
    path = tmp_path / "c.jsonl"
    text = "Advertisement\n\nThe mayor said the bridge would reopen next month after repairs.\n"
    path.write_text(json.dumps({"text": text}) + "\n" + json.dumps({"text": text}) + "\n")
    articles = load_file(path)
    first, second = articles["article_id"]
    assert len(first) == 12 and second == f"{first}-2"
    assert articles.iloc[0]["removed"] == ["Advertisement"]
    assert articles.iloc[0]["text"].startswith("The mayor said")


def test_corpus_missing_text_column_names_columns():
    with pytest.raises(LoadError) as caught:
        load_file(FIXTURES / "no_text_column.csv")
    assert "no_text_column.csv" in str(caught.value)
    assert "'body'" in caught.value.reason and "'title'" in caught.value.reason
    assert "\n" not in str(caught.value)


def test_corpus_bad_json_line_and_bad_date(tmp_path):
    path = tmp_path / "c.jsonl"
    good = {"text": "Officials confirmed the report on Monday evening in a short statement."}
    path.write_text(
        "{not json\n"
        + json.dumps([1, 2])
        + "\n"
        + json.dumps({**good, "published": "someday"})
        + "\n"
    )
    articles, table = load_articles([path])
    assert len(articles) == 1 and articles.iloc[0]["published"] == ""
    reasons = dict(zip(table["path"], table["reason"], strict=True))
    assert reasons[f"{path}#1"].startswith("not valid JSON")
    assert reasons[f"{path}#2"].startswith("not a JSON object")
    assert "someday" in reasons[f"{path}#3"]


def test_corpus_without_rows(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("text,id\n")
    with pytest.raises(LoadError, match="no rows"):
        load_file(path)


def test_malformed_csv_error_is_one_line(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text('text,id\na,b,c,d\n"unclosed\n')
    with pytest.raises(LoadError, match="CSV") as caught:
        load_file(path)
    assert "\n" not in str(caught.value)


def test_unreadable_parquet(tmp_path):
    path = tmp_path / "bad.parquet"
    path.write_bytes(b"PAR1 not really a parquet file PAR1")
    with pytest.raises(LoadError, match="parquet"):
        load_file(path)


# ------------------------------------------------------------------ encodings and bad input


@pytest.mark.parametrize(("encoding", "expected"), [("cp1251", "cp1251"), ("koi8_r", "koi8_r")])
def test_cyrillic_legacy_encodings(tmp_path, encoding, expected):
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(RUSSIAN.encode(encoding))
    row = one(path)
    assert row["encoding"] == expected
    assert row["headline"] == "Войска подошли к шахте"
    assert row["text"].startswith("Российские войска продвинулись")


def test_cyrillic_fixtures():
    assert one(FIXTURES / "cp1251_article.txt")["encoding"] == "cp1251"
    assert one(FIXTURES / "koi8r_article.txt")["encoding"] == "koi8_r"


def test_utf8_bom(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + RUSSIAN.encode("utf-8"))
    row = one(path)
    assert row["encoding"] == "utf-8-sig" and not row["text"].startswith("\ufeff")


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b" \n\n \t\n", "empty file"),
        ("nul.txt", b"text\x00with\x00nul bytes", "binary file"),
        ("image.html", bytes(range(256)) * 4, "binary file"),
        ("controls.txt", b"\x01\x02\x03\x04\x05\x06" * 40, "binary file"),
    ],
)
def test_bad_files(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(LoadError) as caught:
        load_file(path)
    assert caught.value.path == str(path)
    assert reason in caught.value.reason
    assert str(caught.value) == f"{path}: {caught.value.reason}"


def test_file_over_5_mb(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"The officials said the road was closed. " * 140_000)
    with pytest.raises(LoadError, match="over 5 MB"):
        load_file(path)


def test_nonexistent_and_unsupported_explicit(tmp_path):
    with pytest.raises(LoadError, match="no such file"):
        load_file(tmp_path / "missing.txt")
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    with pytest.raises(LoadError, match="unsupported file type '.pdf'"):
        load_file(pdf)


def test_batch_continues_and_summarises(tmp_path):
    folder = tmp_path / "case"
    folder.mkdir()
    shutil.copy(SEED_CHROME, folder / "a.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "notes.pdf").write_bytes(b"%PDF")
    (folder / ".hidden.txt").write_text("ignored")
    (folder / "sub").mkdir()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        articles, table = load_articles([folder, tmp_path / "missing.txt"])
    assert list(articles["article_id"]) == ["a"]
    reasons = dict(zip(table["path"], table["reason"], strict=True))
    assert reasons[str(folder / "empty.txt")] == "empty file"
    assert "unsupported file type '.pdf'" in reasons[str(folder / "notes.pdf")]
    assert reasons[str(tmp_path / "missing.txt")] == "no such file or folder"
    assert reasons[str(folder / "sub")] == "subfolder not loaded"
    assert reasons[str(folder / ".hidden.txt")] == "hidden file skipped"
    assert list(table.columns) == ["path", "reason"]
    summary = [w for w in caught if issubclass(w.category, LoadWarning)]
    assert summary and "2 of 3 files failed" in str(summary[-1].message)


def test_empty_batch_has_columns():
    articles, table = load_articles([])
    assert list(articles.columns) == ARTICLE_COLUMNS + LANGUAGE_COLUMNS and articles.empty
    assert list(table.columns) == ["path", "reason"] and table.empty


# ------------------------------------------------------------------ ids


def test_ids_are_slugs_deduplicated_in_sorted_order(tmp_path):
    for folder in ("b", "a"):
        (tmp_path / folder).mkdir()
        shutil.copy(SEED_PLAIN, tmp_path / folder / "Same Name!.txt")
    (tmp_path / "..weird..name.txt").write_text(SEED_PLAIN.read_text(encoding="utf-8"))
    paths = [tmp_path / "b", tmp_path / "a", tmp_path / "..weird..name.txt"]
    articles, _ = load_articles(paths)
    again, _ = load_articles(list(reversed(paths)))
    ids = dict(zip(articles["path"], articles["article_id"], strict=True))
    assert ids[str(tmp_path / "a" / "Same Name!.txt")] == "same-name"
    assert ids[str(tmp_path / "b" / "Same Name!.txt")] == "same-name-2"
    assert ids[str(tmp_path / "..weird..name.txt")] == "weird.name"
    assert list(again["article_id"]) == list(articles["article_id"])


@pytest.mark.parametrize("raw", ["../../x", "a/b", "..", "/etc/passwd", "Статья №1", ""])
def test_slug_never_escapes(raw):
    value = slug(raw)
    assert "/" not in value and ".." not in value and not value.startswith((".", "-"))
    assert all(c.isalnum() and c.isascii() or c in "_.-" for c in value)


def test_dedupe_ids_avoids_existing_suffixes():
    assert dedupe_ids(["a", "a", "a-2", "b"]) == ["a", "a-3", "a-2", "b"]


def test_supported_suffixes():
    assert {".txt", ".html", ".htm", ".jsonl", ".csv", ".parquet"} <= set(SUPPORTED_SUFFIXES)


def test_clean_text_block_heading_mid_sentence_is_not_chrome():
    text = (
        "The general said the offensive had stalled near the river, officials said.\n\n"
        "Trending now, analysts say, is a shift of reserves toward the southern front.\n"
    )
    assert clean_text(text).removed == []


def test_text_is_a_plain_str_column():
    frame = load_file(SEED_PLAIN)
    assert isinstance(frame.iloc[0]["text"], str)
    assert isinstance(frame.iloc[0]["removed"], list)
    assert pd.api.types.is_string_dtype(frame["article_id"])


def test_ambiguous_slash_date_is_left_empty_with_a_warning(tmp_path):
    from crosscheck.load import load_articles

    body = "Officials said the bridge over the river was destroyed on Monday night by a strike."
    (tmp_path / "a.txt").write_text(f"03/04/2008\n\nBridge destroyed near the river\n\n{body}\n")
    articles, warns = load_articles([tmp_path])
    assert articles.loc[0, "published"] == ""
    assert warns["reason"].str.contains("ambiguous date").any()


def test_identical_texts_load_both_with_a_warning(tmp_path):
    from crosscheck.load import load_articles

    text = "Officials said the bridge over the river was destroyed on Monday night by a strike.\n"
    (tmp_path / "a.txt").write_text(text)
    (tmp_path / "b.txt").write_text(text)
    articles, warns = load_articles([tmp_path])
    assert len(articles) == 2
    assert warns["reason"].str.contains("same text as article a").any()
