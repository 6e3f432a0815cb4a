"""Loading: files -> the articles table.

Public functions
----------------
load_articles(paths) -> (articles, warnings)
    Load files and folders. A folder loads every supported file in it; its subfolders, hidden
    files and other suffixes become warnings rows. A file that cannot be loaded becomes a
    warnings row and the rest of the batch still loads; a LoadWarning says how many failed.
load_file(path) -> articles
    Load one file (plain text, HTML, or a corpus file .jsonl/.csv/.parquet); raises
    `LoadError` naming the file and the reason. Non-fatal problems (scripts removed from
    HTML, empty or unreadable corpus rows) are emitted as LoadWarning.
LoadError(path, reason)  exception with `.path`, `.reason` (one line); str() is "path: reason".
SUPPORTED_SUFFIXES       the file suffixes a folder load picks up.

Articles table columns
----------------------
article_id       str   stable id (file stem slug; corpus rows: their id column or a content hash);
                 only [A-Za-z0-9_.-], never "/" or "..", duplicates in a batch get -2, -3
                 in sorted path order
path             str   the file it came from (corpus rows: "file.jsonl#row", rows counted from 1)
format           str   "text" | "html" | "jsonl" | "csv" | "parquet"
headline, outlet, author, published, dateline, url : str ("" when unknown; published is an
                 ISO date "YYYY-MM-DD" found in the text/metadata, never mtime or today;
                 dateline is the place of a "DONETSK —" opening of the first paragraph)
headline_source, outlet_source, author_source, published_source, dateline_source : str
                 where each value came from ("" when the value is empty): "first title line",
                 "date line", "byline", "author box", "domain in page chrome",
                 "first paragraph", "html meta", "url domain", "corpus column"
text             str   the cleaned article body (claim offsets index into this)
removed          list[str] page-chrome lines removed from the body (HTML: also the page's
                 text pieces the extractor left out: navigation, sidebars, footers)
encoding         str   the encoding the bytes were decoded from ("utf-8", "cp1251", "koi8_r"...)
content_hash     str   sha256 of `text`

Warnings table columns: path, reason.

Text rules: line endings become "\\n", trailing spaces of each line and control characters
are removed, runs of blank lines become one blank line; nothing else in the text changes
(double spaces, no-break spaces and quotes are kept). HTML paragraphs are separated by a
blank line. The headline is not part of `text`; a standfirst (subheadline) stays as the
first paragraph. Chrome rules work on lines (one paragraph per line, as pasted from a page).
Limits: text and HTML files and corpus rows up to 5 MB, corpus files up to 200 MB, HTML
nested up to 180 levels; beyond them a LoadError (or a warnings row for a corpus row).
CSV, JSONL and Parquet corpora are read in chunks (CSV_CHUNK_ROWS rows, or one line at a time),
their encoding detected on the first MB, so memory does not grow with the raw file.

Hostile input: a file reached through a symlink whose target is outside the folder given (for a
file named directly: its own folder) is refused, the reason naming both paths (check_inside).
File names whose bytes are not valid UTF-8 are shown escaped ("caf\\xe9.txt", display_path).
Lone surrogates in a JSONL row (from "\\udc80" escapes) become U+FFFD with a warning row. In a
batch, any exception while loading one file becomes a warnings row with its type and message,
and the other files still load. Every pattern run on article text is linear in its length.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

SUPPORTED_SUFFIXES = (".txt", ".text", ".html", ".htm", ".jsonl", ".csv", ".parquet")
TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm")
MAX_TEXT_BYTES = 5 * 1024 * 1024  # text and HTML files; each corpus row's text
MAX_CORPUS_BYTES = 200 * 1024 * 1024
MAX_HTML_DEPTH = 180
MAX_DATE_LINE_TRIES = 20  # per article

ARTICLE_COLUMNS = [
    "article_id", "path", "format", "headline", "outlet", "author", "published", "dateline",
    "url", "headline_source", "outlet_source", "author_source", "published_source",
    "dateline_source", "text", "removed", "encoding", "content_hash",
]  # fmt: skip
WARNING_COLUMNS = ["path", "reason"]
CORPUS_OPTIONAL = ("id", "url", "outlet", "published", "headline", "author")


_SURROGATE = re.compile("[\ud800-\udfff]")


class LoadError(Exception):
    """A file that cannot be loaded: `.path` and `.reason`; the message names both."""

    def __init__(self, path, reason: str):
        self.path = display_path(path)
        self.reason = display_path(
            " ".join(str(reason).split())[:300]
        )  # one line, even for parser errors
        super().__init__(f"{self.path}: {self.reason}")


def display_path(path) -> str:
    """`path` as text that can be shown and stored anywhere: bytes of a file name that are not
    valid UTF-8 (kept by Python as lone surrogates) are shown escaped, as \\xff."""
    text = str(path)
    if not _SURROGATE.search(text):
        return text
    try:
        raw = text.encode("utf-8", "surrogateescape")  # how Python keeps undecodable bytes
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


class LoadWarning(UserWarning):
    """A non-fatal loading problem (also a row of the warnings table)."""


# ---------------------------------------------------------------- decoding


def read_bytes(path: Path, limit: int) -> bytes:
    """The file's bytes; LoadError when missing, unreadable or over `limit` bytes."""
    if not path.exists():
        raise LoadError(path, "no such file or folder")
    if not path.is_file():
        raise LoadError(path, "not a regular file")
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as error:
        raise LoadError(path, f"cannot read file ({error.strerror or error})") from None
    if len(data) > limit:
        raise LoadError(path, f"file is over {limit // (1024 * 1024)} MB")
    return data


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff]")
_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def decode_bytes(data: bytes, path, declared: str = "") -> tuple[str, str]:
    """(text, encoding): UTF-8 (with or without BOM), UTF-16 with BOM, else the `declared`
    charset (an HTML page's own) if it decodes, else detected with charset-normalizer
    (Windows-1251, KOI8-R, ...). LoadError for empty or binary data."""
    if not data.strip():
        raise LoadError(path, "empty file")
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"),
                          (b"\xfe\xff", "utf-16")):  # fmt: skip
        if data.startswith(bom):
            try:
                return _check_text(data.decode(encoding), path), encoding
            except UnicodeDecodeError:
                raise LoadError(path, f"not valid {encoding} despite its byte-order mark") from None
    if b"\x00" in data:
        raise LoadError(path, "binary file (contains NUL bytes), not text")
    try:
        return _check_text(data.decode("utf-8"), path), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            name = codecs.lookup(declared).name
            return _check_text(data.decode(name), path), name
        except (LookupError, UnicodeDecodeError):
            pass
    import charset_normalizer

    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise LoadError(path, "binary file or unknown text encoding (not UTF-8)")
    return _check_text(str(best), path), best.encoding


def _check_text(text: str, path) -> str:
    controls = len(_CONTROL.findall(text))
    if controls > max(8, len(text) // 50):
        raise LoadError(path, "binary file (too many control characters), not text")
    return text


def normalise_text(text: str) -> str:
    """Line endings -> \\n, control characters dropped, trailing spaces of each line stripped."""
    text = _CONTROL.sub("", _LINE_BREAKS.sub("\n", text))
    return "\n".join(line.rstrip() for line in text.split("\n"))


# ---------------------------------------------------------------- plain-text cleaning

_WEATHER = re.compile(
    r"^[-+−]?\d{1,3}(?:[.,]\d+)?\s*°?\s*[CF]$|^[-+−]?\d{1,3}\s*°$"  # weather widget
    r"|^\d{1,3}\s*min(?:ute)?s?\.?\s*(?:read|reading time)$"  # reading-time widget
    r"|^\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?$",  # a clock
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_DATE_LABEL = re.compile(
    r"^(?:published|posted|updated|last updated|date|first published"
    r"|опубликовано|обновлено|опубліковано|оновлено)(?:\s+on)?\s*[:\-–—]?\s*",
    re.I,
)
# Every pattern below that runs on article text is linear in the line's length: no nested or
# adjacent ambiguous repetition, bounded words, and callers bound the line where it is searched
# (benchmarks/pathological.py measures each on hostile input).
MAX_DATE_LINE_CHARS = 120  # a date line is short; longer lines are never parsed as dates
_TIME_TAIL = re.compile(
    r"(?:\s{0,3}[,|•·-])?\s{0,3}\d{1,2}:\d{2}(?::\d{2})?(?:\s{0,3}[ap]\.?m\.?)?"
    r"(?:\s{0,3}(?:[A-Z]{2,4}|UTC[+-]?\d{0,4}|GMT[+-]?\d{0,4}))?$",
    re.I,
)
# A dateline: up to four capitalised words (a hyphen is part of a word, so "AA-AA" splits one
# way only), an optional ", Region", an optional ", Aug 16", an optional "(Reuters)", a dash.
_DATELINE = re.compile(
    r"^([A-Z][A-Z'’.-]{1,40}(?: [A-Z][A-Z'’.-]{1,40}){0,3}"
    r"(?:,\s{0,5}[A-Z][A-Za-z'’.-]{1,40}(?: [A-Z][A-Za-z'’.-]{1,40})?)?)"
    r"(?:,\s{0,5}[A-Z][a-z]{2,8}\.?\s{1,5}\d{1,2})?"  # "KYIV, Aug 16 (Reuters) -"
    r"\s{0,5}(?:\([A-Za-z .]{1,40}\)\s{0,5})?(?:—|–|--| - )\s*\S"
)
_BYLINE = re.compile(r"^(?:by|written by|author:)\s+(.{2,80})$", re.I)
# A run of dot-separated labels that starts where no such run continues (so the search never
# restarts inside a run: linear); the domain is its longest prefix ending in a known TLD.
_HOST_RUN = re.compile(r"(?<![\w.-])[a-z0-9-]+(?:\.[a-z0-9-]+)+", re.I)
DOMAIN_TLDS = {"com", "org", "net", "info", "news", "ru", "ua", "by", "uk", "eu", "de", "fr", "io",
               "tv"}  # fmt: skip
# A line that is exactly one of these (case, punctuation ignored) is chrome wherever it is.
CHROME_LINES = {
    "more", "read more", "advertisement", "ad", "sponsored", "share", "share this", "share on",
    "tweet", "print", "email", "comments", "leave a comment", "subscribe", "sign up", "log in",
    "login", "menu", "search", "home", "skip to content", "close", "follow us", "listen",
    "listen to this article", "loading", "show more", "load more", "next", "previous",
    "next article", "previous article", "back to top", "copy link", "whatsapp", "facebook",
    "twitter", "telegram", "linkedin",
    "реклама", "поделиться", "поділитися", "подробнее", "детальніше", "читать далее", "ещё",
    "комментарии", "коментарі",
}  # fmt: skip
# A line starting with one of these is chrome (a promo or a reading aid, not content).
CHROME_PREFIXES = (
    "show your support", "support our work", "support us", "subscribe to", "sign up for",
    "follow us on", "join our", "click here", "read also:", "read more:", "also read:",
    "see also:", "related:", "watch:", "listen:", "min read", "share this article",
    "we use cookies", "this website uses cookies", "all rights reserved", "copyright", "©",
    "tags:", "filed under", "photo:", "image:", "file photo",
    "читайте также", "читайте також", "смотрите также", "подписывайтесь", "підписуйтесь",
    "теги:", "фото:",
)  # fmt: skip
# A line starting with one of these (after the body began) starts a block of page chrome
# that runs to the end: author boxes, teaser lists, comment sections.
CHROME_BLOCKS = (
    "author", "about the author", "written by", "editor's picks", "editors' picks",
    "editor’s picks", "trending stories", "trending now", "trending", "related articles",
    "related stories", "related posts", "related news", "related", "you may also like",
    "you might also like", "more stories", "more from", "more news", "most read", "most popular",
    "popular posts", "recommended", "latest news", "latest stories", "top stories",
    "recent posts", "don't miss", "in case you missed it", "comments",
    "похожие новости", "по теме", "популярное", "новости партнеров", "схожі новини",
    "популярне", "по темі",
)  # fmt: skip
_STOPWORDS = set(
    "a an the and or but of to in on at for from by with as is are was were be been has have had "
    "its it this that these those over under near amid after before into than then says said "
    "will would could may might not no new".split()
)


@dataclass
class Cleaned:
    text: str = ""
    removed: list[str] = field(default_factory=list)
    meta: dict[str, tuple[str, str]] = field(default_factory=dict)  # column -> (value, source)


def _key(line: str) -> str:
    return re.sub(r"[^\w'’ ]+", "", line.lower()).strip().replace("’", "'")


def _words(line: str) -> list[str]:
    return _WORD.findall(line)


def _alternation(phrases) -> str:
    return "|".join(re.escape(p.replace("’", "'")) for p in sorted(phrases, key=len, reverse=True))


_CHROME_PREFIX = re.compile(f"(?:{_alternation(CHROME_PREFIXES)})")
_BLOCK_EXACT = {p.replace("’", "'") for p in CHROME_BLOCKS}
_BLOCK_GLUED = re.compile(f"(?i:{_alternation(p for p in CHROME_BLOCKS if len(p) > 8)})(?=\\S)")


def is_chrome_line(line: str) -> bool:
    """A line that is page chrome wherever it appears (lexicon of widget/promo phrases)."""
    stripped = line.strip()
    if len(stripped) > 300:
        return False
    low = stripped.lower().replace("’", "'")
    if len(stripped) <= 30 and (_key(stripped) in CHROME_LINES or _WEATHER.match(stripped)):
        return True
    return bool(_CHROME_PREFIX.match(low))


def _block_start(line: str) -> bool:
    """A heading that starts a block of chrome; also one glued to the next line's text
    ("Trending StoriesRussian troops ...")."""
    stripped = line.strip().replace("’", "'")
    if stripped.lower().rstrip(":") in _BLOCK_EXACT:
        return True
    glued = _BLOCK_GLUED.match(stripped)
    return bool(glued) and stripped[glued.end()].isupper()


_DATE_FORMATS = ("%A, %B %d, %Y", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y",
                 "%A, %d %B %Y", "%A %d %B %Y", "%Y-%m-%d", "%d.%m.%Y")  # fmt: skip


_SLASH_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def parse_date_line(line: str) -> str:
    """ISO date when the whole line is a date (with day, month, 4-digit year), else "".

    Common English formats are tried strictly first, then dateparser (en/ru/uk) with every
    part required, so a missing day or year is never filled in from today."""
    import datetime

    text = _DATE_LABEL.sub("", line.strip()).strip()
    if len(text) > MAX_DATE_LINE_CHARS:
        return ""
    text = _TIME_TAIL.sub("", text).strip(" ,|")
    year = _YEAR.search(text)
    if not year or len(text) > 60 or len(text.split()) > 8:
        return ""
    slashed = _SLASH_DATE.fullmatch(text)
    if slashed and int(slashed[1]) <= 12 and int(slashed[2]) <= 12 and slashed[1] != slashed[2]:
        warnings.warn(
            LoadWarning(f"ambiguous date {text!r} (day/month order unknown): published left empty"),
            stacklevel=2,
        )
        return ""
    for fmt in _DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    import dateparser

    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "STRICT_PARSING": True,
                "RETURN_AS_TIMEZONE_AWARE": False}  # fmt: skip
    try:
        parsed = dateparser.parse(text, settings=settings, languages=["en", "ru", "uk"])
    except Exception:  # dateparser raises assorted errors on odd input
        return ""
    if parsed is None or parsed.year != int(year.group(1)):
        return ""
    return parsed.date().isoformat()


def parse_date_value(value: str) -> str:
    """ISO date from a metadata value: an ISO timestamp or a written date; "" if unreadable."""
    import datetime

    value = str(value).strip()
    if re.match(r"^\d{4}-\d{2}-\d{2}(?:$|[T ])", value):
        try:
            return datetime.date.fromisoformat(value[:10]).isoformat()
        except ValueError:
            return ""
    return parse_date_line(value)


def _is_prose(line: str) -> bool:
    """A body paragraph: enough words and sentence-final punctuation, or a dateline opening."""
    if is_chrome_line(line):
        return False
    words = len(line.split())
    return (words >= 8 and bool(_SENTENCE_END.search(line))) or (
        words >= 6 and bool(_DATELINE.match(line))
    )


def _title_like(line: str) -> bool:
    words = _words(line)
    return 3 <= len(words) <= 40 and len(line) <= 300 and not line.rstrip().endswith(".")


def _content_words(line: str) -> set[str]:
    return {w.lower() for w in _words(line) if len(w) > 2 and w.lower() not in _STOPWORDS}


def clean_text(text: str, header: bool = True) -> Cleaned:
    """Split normalised text into body and chrome, collecting metadata.

    header=True: lines before the headline (widgets, dates, taglines) are page header.
    """
    lines = text.split("\n")
    out = Cleaned()
    keep = [bool(line.strip()) for line in lines]
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    is_prose = {i: _is_prose(lines[i]) for i in nonblank}
    prose = [i for i in nonblank if is_prose[i]]
    body_start = prose[0] if prose else (nonblank[0] if nonblank else 0)

    removed: dict[int, str] = {}

    def drop(i: int) -> None:
        if keep[i]:
            keep[i] = False
            removed[i] = lines[i].strip()

    budget = [MAX_DATE_LINE_TRIES]  # dateparser is slow: bound the lines it sees

    def date_of(line: str) -> str:
        if budget[0] <= 0 or not _YEAR.search(line):
            return ""
        budget[0] -= 1
        return parse_date_line(line)

    def note(column: str, value: str, source: str) -> None:
        if value and column not in out.meta:
            out.meta[column] = (value, source)

    # header zone: everything before the first body paragraph
    zone = [i for i in nonblank if i < body_start] if header else []
    if header and not prose and len(nonblank) > 1 and _title_like(lines[nonblank[0]]):
        zone, body_start = [nonblank[0]], nonblank[1]
    candidates = []
    for i in zone:
        line = lines[i].strip()
        date = date_of(line)
        byline = _BYLINE.match(line)
        if date:
            note("published", date, "date line")
            drop(i)
        elif byline and len(_words(byline.group(1))) <= 6:
            note("author", byline.group(1).strip(), "byline")
            drop(i)
        elif is_chrome_line(line) or _block_start(line):
            drop(i)
        elif _title_like(line):
            candidates.append(i)
    body_words: set[str] = set()
    for i in [i for i in nonblank if i >= body_start][:30] if candidates else []:
        body_words |= _content_words(lines[i])
    headline = next(
        (i for i in candidates if len(_content_words(lines[i]) & body_words) >= 2), None
    )
    if headline is None and candidates:
        headline = max(candidates, key=lambda i: (len(_words(lines[i])), -i))
    if headline is not None:
        note("headline", lines[headline].strip(), "first title line")
        keep[headline] = False
    for i in zone:
        if (headline is not None and i < headline) or (
            headline is None and not _SENTENCE_END.search(lines[i])
        ):
            drop(i)  # page header before the headline: widgets, location, tagline
        elif len(_words(lines[i])) < 3 and not _SENTENCE_END.search(lines[i]):
            drop(i)  # a stray widget between headline and body ("Updated", "Listen")

    # body zone: single chrome lines, then a chrome block running to the end
    seen_prose = False
    block = None
    for i in nonblank:
        if i < body_start or not keep[i]:
            continue
        line = lines[i].strip()
        if seen_prose and _block_start(line):
            block = i
            break
        if is_chrome_line(line):
            drop(i)
        elif is_prose[i]:
            seen_prose = True
        else:
            date = date_of(line)
            if date:
                note("published", date, "date line")
                drop(i)
    if block is not None:
        _read_author_box([lines[i].strip() for i in nonblank if i >= block], note)
        for i in nonblank:
            if i >= block:
                drop(i)
    # trailing short lines after the last paragraph (no sentence punctuation) are footer
    kept = [i for i in nonblank if keep[i]]
    last_prose = max((i for i in kept if is_prose[i]), default=None)
    if last_prose is not None:
        for i in kept:
            if i > last_prose and not _SENTENCE_END.search(lines[i]) and len(_words(lines[i])) < 8:
                drop(i)
    out.removed = [removed[i] for i in sorted(removed)]
    for line in out.removed:
        domain = find_domain(line)
        if domain:
            note("outlet", domain.lower(), "domain in page chrome")

    body = [line for i, line in enumerate(lines) if keep[i] or (not line.strip())]
    out.text = re.sub(r"\n{3,}", "\n\n", "\n".join(body)).strip("\n")
    first = next((i for i in nonblank if keep[i] and is_prose[i]), None)
    dateline = _DATELINE.match(lines[first].strip()) if first is not None else None
    if dateline:
        note("dateline", dateline.group(1).strip(), "first paragraph")
    return out


def find_domain(line: str) -> str:
    """The first web domain in `line` ("kyivpost.com", "news.example.co.uk"), or "" (linear)."""
    for run in _HOST_RUN.finditer(line):
        labels = run.group().split(".")
        ends_word = run.end() == len(line) or not (line[run.end()].isalnum() or
                                                   line[run.end()] == "_")  # fmt: skip
        for k in range(len(labels) - 1, 0, -1):
            if labels[k].lower() in DOMAIN_TLDS and (k < len(labels) - 1 or ends_word):
                return ".".join(labels[: k + 1])
    return ""


def _read_author_box(block: list[str], note) -> None:
    """Author name and outlet from an author box: "Author" / name / bio."""
    if not block or _key(block[0]) not in {"author", "about the author", "written by"}:
        return
    name = next((b for b in block[1:] if not _SENTENCE_END.search(b) and len(_words(b)) <= 6), "")
    if not name:
        return
    note("author", name, "author box")
    possessive = re.compile(
        r"((?:The\s+)?(?:[A-Z][\w&.-]*\s+){0,4}[A-Z][\w&.-]*)['’]s\s+" + re.escape(name)
    )
    for line in block[1:]:
        match = possessive.search(line)
        if match:
            note("outlet", match.group(1), "author box")
            return


# ---------------------------------------------------------------- ids


def slug(text: str, lower: bool = True) -> str:
    """Only [A-Za-z0-9_.-], no "..", no leading dot or dash; "" when nothing is left."""
    from unidecode import unidecode

    text = unidecode(str(text))
    text = text.lower() if lower else text
    text = re.sub(r"[^A-Za-z0-9_.-]+", "-", text)
    text = re.sub(r"\.{2,}", ".", text)
    text = re.sub(r"-{2,}", "-", text).strip(".-")
    return text[:80].strip(".-")


def dedupe_ids(ids: list[str]) -> list[str]:
    """Second and later uses of an id get -2, -3 ... in order."""
    seen: set[str] = set(ids)
    counts: dict[str, int] = {}
    out = []
    for article_id in ids:
        counts[article_id] = counts.get(article_id, 0) + 1
        if counts[article_id] == 1:
            out.append(article_id)
            continue
        n = counts[article_id]
        while f"{article_id}-{n}" in seen:
            n += 1
        counts[article_id] = n
        seen.add(f"{article_id}-{n}")
        out.append(f"{article_id}-{n}")
    return out


# ---------------------------------------------------------------- loaders


def _row(article_id, path, fmt, cleaned: Cleaned, encoding: str, meta=None) -> dict:
    values = {**cleaned.meta, **{k: v for k, v in (meta or {}).items() if v[0]}}
    row = {"article_id": article_id, "path": display_path(path), "format": fmt}
    for column in ("headline", "outlet", "author", "published", "dateline", "url"):
        value, source = values.get(column, ("", ""))
        row[column] = value
        if column != "url":
            row[f"{column}_source"] = source
    row.update(
        text=cleaned.text,
        removed=list(cleaned.removed),
        encoding=encoding,
        content_hash=hashlib.sha256(cleaned.text.encode("utf-8")).hexdigest(),
    )
    return row


def _frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=ARTICLE_COLUMNS)
    frame["removed"] = frame["removed"].astype(object)
    return frame


def _load_text(path: Path) -> tuple[list[dict], list[tuple[str, str]]]:
    text, encoding = decode_bytes(read_bytes(path, MAX_TEXT_BYTES), path)
    cleaned = clean_text(normalise_text(text))
    if not cleaned.text.strip():
        raise LoadError(path, "no article text left after removing page chrome")
    return [_row(slug(display_path(path.stem)) or "article", path, "text", cleaned, encoding)], []


def _html_depth(tree) -> int:
    depth, stack = 0, [(tree, 1)]
    while stack:
        element, level = stack.pop()
        depth = max(depth, level)
        if depth > MAX_HTML_DEPTH:
            return depth
        stack.extend((child, level + 1) for child in element)
    return depth


_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>", re.I)


def _load_html(path: Path) -> tuple[list[dict], list[tuple[str, str]]]:
    import lxml.html
    from lxml import etree
    from lxml_html_clean import Cleaner

    data = read_bytes(path, MAX_TEXT_BYTES)
    declared = re.search(rb"<meta[^>]{0,200}charset=[\"']?([A-Za-z0-9_-]{2,30})", data[:4096], re.I)
    text, encoding = decode_bytes(data, path, declared.group(1).decode() if declared else "")
    notes = []
    if re.search(r"<script\b", text, re.I):
        notes.append((display_path(path), "scripts removed"))
    text = _CONTROL.sub("", text).replace("\x0b", " ").replace("\x0c", " ")
    text = _XML_DECLARATION.sub("", text, count=1)
    try:
        tree = lxml.html.document_fromstring(text, parser=lxml.html.HTMLParser(no_network=True))
    except (etree.ParserError, ValueError) as error:
        raise LoadError(path, f"not readable as HTML ({error})") from None
    if _html_depth(tree) > MAX_HTML_DEPTH:
        raise LoadError(path, f"HTML nested deeper than {MAX_HTML_DEPTH} levels")
    cleaner = Cleaner(scripts=True, javascript=True, style=True, embedded=True, frames=True,
                      forms=False, page_structure=False, meta=False, comments=True,
                      safe_attrs_only=False)  # fmt: skip
    try:
        tree = cleaner.clean_html(tree)
    except ValueError as error:
        raise LoadError(path, f"not readable as HTML ({error})") from None
    page_lines = _page_lines(tree)  # before extraction, which prunes the tree
    doc = _extract(tree, path)
    headline = (doc.title or "").strip()
    paragraphs = [p for p in normalise_text(doc.text or "").split("\n") if p.strip()]
    if paragraphs and headline and paragraphs[0].strip() == headline:
        paragraphs = paragraphs[1:]
    cleaned = clean_text("\n\n".join(paragraphs), header=False)
    if not cleaned.text.strip():
        raise LoadError(path, "no article text found in the HTML")
    kept = cleaned.text + "\n" + headline
    cleaned.removed = [line for line in page_lines if line not in kept] + cleaned.removed
    published = parse_date_value(doc.date) if doc.date else ""
    url = (doc.url or "").strip()
    outlet = (doc.sitename or "").strip()
    meta = {
        "headline": (headline, "html meta"),
        "author": ((doc.author or "").strip(), "html meta"),
        "published": (published, "html meta"),
        "url": (url, "html meta"),
        "outlet": (outlet, "html meta") if outlet else (_host(url), "url domain"),
    }
    return [
        _row(slug(display_path(path.stem)) or "article", path, "html", cleaned, encoding, meta)
    ], notes


def _page_lines(tree, limit: int = 500) -> list[str]:
    """The visible text pieces of the page body, in order, without repeats (for `removed`)."""
    body = tree.find("body")
    lines: dict[str, None] = {}
    for element in (body if body is not None else tree).iter():
        if not isinstance(element.tag, str):
            continue
        for piece in (element.text, *(child.tail for child in element)):
            piece = " ".join((piece or "").split())
            if piece:
                lines.setdefault(piece)
        if len(lines) >= limit:
            break
    return list(lines)


def _extract(tree, path):
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            tree,
            with_metadata=True,
            include_comments=False,
            include_images=False,
            include_links=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except RecursionError:
        raise LoadError(path, "HTML too deeply nested to extract") from None
    except Exception as error:  # a bug in the extractor must not crash the batch
        raise LoadError(path, f"HTML extraction failed ({type(error).__name__})") from None
    if doc is None:
        raise LoadError(path, "no article text found in the HTML")
    return doc


def _host(url: str) -> str:
    match = re.match(r"^[a-z][a-z0-9+.-]*://(?:www\.)?([^/:?#\s]+)", url.strip(), re.I)
    return match.group(1).lower() if match else ""


SNIFF_BYTES = 1 << 20  # a corpus file's encoding is detected on its first MB (whole lines)
CSV_CHUNK_ROWS = 1000  # corpus rows parsed at a time: memory stays flat however long the file


def _corpus_encoding(path: Path) -> str:
    """The encoding of a corpus file, from its first SNIFF_BYTES (cut at a line end)."""
    read_bytes(path, 0) if not path.is_file() else None
    size = path.stat().st_size
    if size > MAX_CORPUS_BYTES:
        raise LoadError(path, f"file is over {MAX_CORPUS_BYTES // (1024 * 1024)} MB")
    with path.open("rb") as handle:
        sample = handle.read(SNIFF_BYTES)
    if size > len(sample) and b"\n" in sample:
        sample = sample[: sample.rindex(b"\n") + 1]
    elif size > len(sample):  # one line over a MB: detect on the whole file
        sample = read_bytes(path, MAX_CORPUS_BYTES)
    return decode_bytes(sample, path)[1]


def _stream_error(path: Path, encoding: str, after: int, error: Exception) -> LoadError:
    reason = f"not valid {encoding} after row {after} ({type(error).__name__})"
    return LoadError(path, reason)


def _jsonl_records(path: Path, encoding: str, notes: list):
    """(line number, record) of each JSON object line, read one line at a time."""
    number = 0
    try:
        with path.open(encoding=encoding, newline="") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except (ValueError, RecursionError):
                    notes.append((f"{display_path(path)}#{number}", "not valid JSON, row skipped"))
                    continue
                if not isinstance(record, dict):
                    notes.append(
                        (f"{display_path(path)}#{number}", "not a JSON object, row skipped")
                    )
                    continue
                yield number, record
    except UnicodeDecodeError as error:
        raise _stream_error(path, encoding, number, error) from None


def _csv_records(path: Path, encoding: str, notes: list):
    """(row number, record) of each CSV row, parsed CSV_CHUNK_ROWS rows at a time."""
    number = 0
    try:
        chunks = pd.read_csv(path, dtype=str, keep_default_na=False, encoding=encoding,
                             chunksize=CSV_CHUNK_ROWS)  # fmt: skip
        for chunk in chunks:
            columns = [str(c).strip() for c in chunk.columns]
            if "text" not in columns:
                found = ", ".join(repr(c) for c in columns) or "none"
                raise LoadError(path, f"corpus file has no 'text' column (columns found: {found})")
            for record in chunk.to_dict("records"):
                number += 1
                yield number, record
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as error:
        if isinstance(error, UnicodeDecodeError):
            raise _stream_error(path, encoding, number, error) from None
        raise LoadError(path, f"not a readable CSV file ({error})") from None


def _parquet_records(path: Path, notes: list):
    """(row number, record) of each Parquet row, read one record batch at a time."""
    import pyarrow
    import pyarrow.parquet as pq

    read_bytes(path, 0) if not path.is_file() else None
    if path.stat().st_size > MAX_CORPUS_BYTES:
        raise LoadError(path, f"file is over {MAX_CORPUS_BYTES // (1024 * 1024)} MB")
    number = 0
    try:
        for batch in pq.ParquetFile(path).iter_batches(batch_size=CSV_CHUNK_ROWS):
            for record in batch.to_pylist():
                number += 1
                yield number, record
    except (pyarrow.ArrowException, OSError, ValueError) as error:
        raise LoadError(path, f"not a readable parquet file ({error})") from None


def _corpus_records(path: Path, fmt: str, notes: list) -> tuple[object, str]:
    """(iterator of (row number, record), encoding) streaming the rows of a corpus file."""
    if fmt == "parquet":
        return _parquet_records(path, notes), "utf-8"
    encoding = _corpus_encoding(path)
    if encoding == "utf-8":
        encoding = "utf-8-sig"  # a BOM, if any, is not part of the first column's name
    reader = _csv_records if fmt == "csv" else _jsonl_records
    return reader(path, encoding, notes), encoding.removesuffix("-sig")


def _without_surrogates(value, found: list):
    """`value` with lone surrogates (from JSON escapes like "\\udc80") replaced by U+FFFD."""
    if isinstance(value, str):
        if _SURROGATE.search(value):
            found.append(1)
            return _SURROGATE.sub("\ufffd", value)
        return value
    if isinstance(value, dict):
        return {_without_surrogates(k, found): _without_surrogates(v, found)
                for k, v in value.items()}  # fmt: skip
    if isinstance(value, list):
        return [_without_surrogates(v, found) for v in value]
    return value


def _cell(value) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, pd.Timestamp) or hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value).strip()


def _load_corpus(path: Path, fmt: str) -> tuple[list[dict], list[tuple[str, str]]]:
    notes: list[tuple[str, str]] = []
    records, encoding = _corpus_records(path, fmt, notes)
    rows, seen, keys = [], 0, set()
    for number, record in records:
        seen += 1
        where = f"{display_path(path)}#{number}"
        found: list = []
        record = _without_surrogates({str(k).strip(): v for k, v in record.items()}, found)
        if found:
            notes.append((where, "lone surrogate characters replaced with U+FFFD"))
        if "text" not in record:
            if fmt != "jsonl":
                found = ", ".join(repr(c) for c in record) or "none"
                raise LoadError(path, f"corpus file has no 'text' column (columns found: {found})")
            keys.update(list(record)[:20])
            notes.append((where, "no 'text' field, row skipped"))
            continue
        row = _corpus_row(path, fmt, encoding, where, record, notes)
        if row:
            rows.append(row)
    if not seen:
        raise LoadError(path, "no JSON objects in the file" if fmt == "jsonl" else
                        "corpus file has no rows")  # fmt: skip
    if fmt == "jsonl" and keys and not rows and all("no 'text' field" in r for _, r in notes):
        found = ", ".join(repr(c) for c in sorted(keys)[:20])
        raise LoadError(path, f"corpus file has no 'text' column (columns found: {found})")
    return rows, notes


def _corpus_row(path, fmt, encoding, where, record, notes) -> dict | None:
    raw = record.get("text")
    if not isinstance(raw, str) or not raw.strip():
        notes.append((where, "text is empty or not a string, row skipped"))
        return None
    if len(raw.encode("utf-8", "surrogatepass")) > MAX_TEXT_BYTES:
        notes.append((where, "text is over 5 MB, row skipped"))
        return None
    cleaned = clean_text(normalise_text(raw))
    if not cleaned.text.strip():
        notes.append((where, "text is empty after removing page chrome, row skipped"))
        return None
    cells = {c: _cell(record.get(c)) for c in CORPUS_OPTIONAL}
    published = parse_date_value(cells["published"]) if cells["published"] else ""
    if cells["published"] and not published:
        notes.append((where, f"unreadable published date {cells['published']!r} left empty"))
    outlet = (cells["outlet"], "corpus column")
    if not cells["outlet"] and _host(cells["url"]):
        outlet = (_host(cells["url"]), "url domain")
    meta = {
        "headline": (cells["headline"], "corpus column"),
        "author": (cells["author"], "corpus column"),
        "published": (published, "corpus column"),
        "url": (cells["url"], "corpus column"),
        "outlet": outlet,
    }
    article_id = (
        slug(cells["id"], lower=False)
        or hashlib.sha256(cleaned.text.encode("utf-8")).hexdigest()[:12]
    )
    return _row(article_id, where, fmt, cleaned, encoding, meta)


def check_inside(path: Path, folder: Path) -> None:
    """LoadError when `path` (through symlinks) leads outside `folder`: a link in a case folder
    (`update.txt -> /etc/passwd`) must not bring a foreign file into the outputs."""
    try:
        target = path.resolve()
        inside = target.is_relative_to(folder.resolve())
    except (OSError, RuntimeError) as error:  # a symlink loop
        raise LoadError(path, f"cannot resolve the path ({type(error).__name__})") from None
    if not inside:
        raise LoadError(
            path, f"refused: it leads to {display_path(target)}, outside {display_path(folder)}"
        )


def _load_one(path: Path, folder: Path | None = None) -> tuple[pd.DataFrame, list[tuple[str, str]]]:
    check_inside(path, path.absolute().parent if folder is None else folder)
    suffix = path.suffix.lower()
    if path.is_dir():
        raise LoadError(path, "is a folder (use load_articles)")
    if suffix not in SUPPORTED_SUFFIXES:
        if not path.exists():
            raise LoadError(path, "no such file or folder")
        raise LoadError(path, f"unsupported file type {suffix or '(none)'!r}")
    if suffix in TEXT_SUFFIXES:
        rows, notes = _load_text(path)
    elif suffix in HTML_SUFFIXES:
        rows, notes = _load_html(path)
    else:
        rows, notes = _load_corpus(path, suffix[1:])
    frame = _frame(rows)
    frame["article_id"] = dedupe_ids(list(frame["article_id"]))
    return frame, notes


def load_file(path) -> pd.DataFrame:
    """The articles of one file; LoadError naming the file and the reason."""
    path = Path(path)
    frame, notes = _load_one(path)
    for where, reason in notes:
        warnings.warn(f"{where}: {reason}", LoadWarning, stacklevel=2)
    return frame


def _expand(paths) -> tuple[list[Path], list[dict]]:
    if isinstance(paths, (str, Path)):
        paths = [paths]
    files, problems = [], []
    for given in paths:
        given = Path(given)
        if not given.is_dir():
            files.append((given, given.absolute().parent))
            continue
        for child in sorted(given.iterdir()):
            shown = display_path(child)
            if child.is_symlink():
                try:
                    check_inside(child, given)
                except LoadError as error:
                    problems.append({"path": error.path, "reason": error.reason})
                    continue
            if child.name.startswith("."):
                problems.append({"path": shown, "reason": "hidden file skipped"})
            elif child.is_dir():
                problems.append({"path": shown, "reason": "subfolder not loaded"})
            elif child.suffix.lower() not in SUPPORTED_SUFFIXES:
                suffix = display_path(child.suffix.lower() or "(none)")
                problems.append({"path": shown, "reason": f"unsupported file type {suffix!r}"
                                 " skipped"})  # fmt: skip
            else:
                files.append((child, given))
    unique = {}
    for file, folder in files:
        unique.setdefault(str(file), (file, folder))
    return [unique[k] for k in sorted(unique)], problems


def _duplicate_contents(articles: pd.DataFrame) -> list[dict]:
    """Warning rows for articles whose cleaned text is identical to an earlier one's."""
    first: dict[str, str] = {}
    rows = []
    for art in articles[["article_id", "path", "content_hash"]].to_dict("records"):
        earlier = first.setdefault(art["content_hash"], art["article_id"])
        if earlier != art["article_id"]:
            rows.append({"path": art["path"], "reason": f"same text as article {earlier}"})
    return rows


def load_articles(paths) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(articles, warnings) for files and folders; failures become warnings rows."""
    files, problems = _expand(paths)
    frames, failed = [], 0
    for path, folder in files:
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", LoadWarning)
                frame, notes = _load_one(path, folder)
        except LoadError as error:
            problems.append({"path": error.path, "reason": error.reason})
            failed += 1
            continue
        except Exception as error:  # per file: recorded with its type and message, never hidden
            reason = LoadError(path, f"failed to load ({type(error).__name__}: {error})").reason
            problems.append({"path": display_path(path), "reason": reason})
            failed += 1
            continue
        frames.append(frame)
        problems.extend({"path": where, "reason": reason} for where, reason in notes)
        for note in caught:
            if issubclass(note.category, LoadWarning):
                problems.append({"path": display_path(path), "reason": str(note.message)})
            else:
                warnings.warn_explicit(note.message, note.category, note.filename, note.lineno)
    articles = pd.concat(frames, ignore_index=True) if frames else _frame([])
    articles["article_id"] = dedupe_ids(list(articles["article_id"]))
    problems += _duplicate_contents(articles)
    from crosscheck.text.language import add_language, language_warnings  # noqa: PLC0415

    articles = add_language(articles)  # language, language_confidence, language_flags
    problems += language_warnings(articles)
    articles["removed"] = articles["removed"].astype(object)
    table = pd.DataFrame(problems, columns=WARNING_COLUMNS)
    if len(table):
        warnings.warn(
            f"crosscheck.load: {failed} of {len(files)} files failed to load, "
            f"{len(table) - failed} other warnings; see the warnings table",
            LoadWarning,
            stacklevel=2,
        )
    return articles, table
