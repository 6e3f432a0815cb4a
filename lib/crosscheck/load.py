"""Loading: files -> the articles table.

Public functions
----------------
load_articles(paths) -> (articles, warnings)
    Load files and folders (a folder loads every supported file in it). A file that
    cannot be loaded becomes a row of `warnings`; the rest of the batch still loads.
load_file(path) -> articles
    Load one file (plain text, HTML, or a corpus file .jsonl/.csv/.parquet); raises
    `LoadError` naming the file and the reason.

Articles table columns
----------------------
article_id       str   stable id (file stem slug; corpus rows: their id column or a content hash)
path             str   the file it came from (corpus rows: "file.jsonl#row")
format           str   "text" | "html" | "jsonl" | "csv" | "parquet"
headline, outlet, author, published, dateline, url : str ("" when unknown; published is an
                 ISO date "YYYY-MM-DD" found in the text/metadata, never mtime or today)
headline_source, outlet_source, author_source, published_source, dateline_source : str
                 where each value came from ("" when the value is empty)
text             str   the cleaned article body (claim offsets index into this)
removed          list[str] page-chrome lines removed from the body
encoding         str   the encoding the bytes were decoded from
content_hash     str   sha256 of `text`

Warnings table columns: path, reason.
"""
