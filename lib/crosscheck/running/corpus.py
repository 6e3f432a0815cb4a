"""Corpus scale: find the stories in a corpus of articles and compare the articles of each story.

Public functions
----------------
run_corpus(input, out_dir, engine="pandas", scheduler=None, progress=True) -> story index
    Load a corpus (.jsonl/.csv/.parquet file or folder; LoadError when nothing loads), extract
    claims per article (pandas partitions, or `map_partitions` on Dask: one function for both),
    group articles into stories (crosscheck.comparison.stories; articles of an earlier run in
    out_dir keep their stories and ids, new ones join them or form new stories) and compare
    each story of >= 2 articles
    (pandas or Dask groupby-apply: one function for both; on Dask the partitions hold whole
    stories, indexed by story_id, so the groupby-apply needs no shuffle). The driver holds the
    articles table (text and entity keys, not the claims: those stay in the cache folder and
    each step reads the ones it needs). engine="dask": `scheduler` is the
    address of a running cluster, else a LocalCluster of 2 worker processes is started.
    Index attrs: n_articles, n_processed (claims extracted in this run), n_cached, n_stories
    (stories of >= 2 articles), n_single_articles,
    n_stories_compared, n_stories_reused, n_errors, n_warnings, seconds (per step).
article_claims(articles, cache_dir) -> the articles + cache_key, entity_keys, entity_names
    (JSON), n_claims, extracted (bool), error   (the per-article step; the claims themselves
    go to the cache folder, not into the table, so memory does not grow with the corpus)
compare_story(group, out_dir) -> one row: story_id, reused, n_discrepancies,
    n_discrepancies_by_type, error   (the per-story step: pipeline.analyse_claims on the
    story's articles and their cached claims; writes stories/<story_id>/)
claims_table(articles, cache_dir) -> the claims table of these articles, read from the cache
check_output(out_dir)   UnsafeOutputError (a ValueError) when stories/, a story folder or the
    cache folders are symbolic links

Outputs in out_dir: articles.parquet (+ story_id, n_claims, error), claims.parquet (list
columns as JSON), stories.parquet (article_id, story_id), story_index.parquet + .csv (stories
of two or more articles), single_articles.parquet + .csv (article_id, story_id, outlet,
published, headline: articles no other article reports), warnings.parquet (load warnings,
articles whose claims failed, and "stories: ..." rows saying what the grouping saw: most
articles undated, near-duplicates, texts far longer than the rest), and per story of >= 2
articles `stories/<story_id>/` with the CSV files of `crosscheck compare`, articles.jsonl (the
story's articles as a corpus file, to open it with `compare` or notebook 04) and story.json.
Story index columns: story_id, n_articles, headline (a member's headline closest to the
others'), outlets ("; "-separated), date_start, date_end, top_entities (the five most frequent
names, "; "-separated), n_discrepancies, n_discrepancies_by_type (JSON {kind: n}), error
(a story whose comparison failed is listed with the error, never dropped).
Cache: cache/claims/<cache_key>.json per article (sha256 of the source of claims, timeline,
timex, gazetteer and of article_id, content_hash, published), each entry {"schema", "version",
"key", "article_id", "n_claims", "sha256" (of the claims JSON), "claims"}; and
cache/grouping/<key>.json (the stories of the last grouping and its warnings, keyed by the
grouping code, the word lists and each article's id, text, date and entity keys, and the
earlier stories: a re-run on the same articles does not group again); and
cache/stories/<story key>/ per story (the story's output files and manifest.json with the sha256
of each; the story key hashes the source of the later stages and of this module, and the
members' cache keys). Every entry is verified when read: a truncated, foreign, link or wrong
entry (another article's, or content not matching its recorded hash: forged claims, `[]`) is
recomputed with a warning (stderr and warnings.parquet). Story folders are rewritten from the
story cache on each run, so hand edits do not survive. A symbolic link where crosscheck writes
(stories/, a story folder, cache/) stops the run with UnsafeOutputError before any work. The
hashes detect corruption and naive edits, not a forger who also recomputes them (anyone who can
write the cache can do that). out_dir must be reachable by every Dask worker (a shared folder
on a cluster).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import math
import os
import re
import shutil
import sys
import time
from collections import Counter
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from crosscheck import load as load_mod
from crosscheck import translit
from crosscheck.export import write_csv
from crosscheck.text.schema import empty_claims

# The stages are imported where they run, not here: a re-run on a cached corpus (notebook 06)
# imports neither spaCy nor the comparison stack. The cache keys hash the source of these
# modules (their real paths, not the old-path aliases), read without importing them.
CLAIM_STAGES = ("crosscheck.text.claims", "crosscheck.timeline", "crosscheck.text.timex",
                "crosscheck.text.gazetteer")  # fmt: skip
STORY_STAGES = ("crosscheck.entities", "crosscheck.timeline", "crosscheck.text.timex",
                "crosscheck.text.gazetteer", "crosscheck.text.translit",
                "crosscheck.comparison.discrepancies", "crosscheck.comparison.provenance",
                "crosscheck.running.pipeline", __name__)  # fmt: skip

PARTITION = 100  # articles per partition of the per-article step (bounds worker memory)
STORY_PARTITION = 50  # stories per partition of the per-story step on Dask (about: whole stories)
GROUP_KINDS = {"place", "person", "organisation", "facility", "armed_force"}
EXTRA_COLUMNS = ["cache_key", "entity_keys", "entity_names", "n_claims", "extracted", "error",
                 "cache_warning"]  # fmt: skip
SUMMARY_COLUMNS = ["story_id", "reused", "n_discrepancies", "n_discrepancies_by_type", "error",
                   "warning"]  # fmt: skip
CLAIMS_SCHEMA = "crosscheck/claims-cache"
STORY_SCHEMA = "crosscheck/story-cache"
GROUP_SCHEMA = "crosscheck/grouping-cache"
CACHE_VERSION = 1


class UnsafeOutputError(ValueError):
    """The output folder holds a symbolic link where crosscheck writes or deletes."""


INDEX_COLUMNS = ["story_id", "n_articles", "headline", "outlets", "date_start", "date_end",
                 "top_entities", "n_discrepancies", "n_discrepancies_by_type", "error"]  # fmt: skip
SINGLE_COLUMNS = ["article_id", "story_id", "outlet", "published", "headline"]


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@cache
def _code_version(*modules: str) -> str:
    """A hash of the source of these modules (by name), read from their files: the same text
    inspect.getsource gives for an imported module, without importing it."""
    sources = []
    for name in modules:
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.origin:
            raise ImportError(f"no source for {name}: the cache key cannot be computed")
        sources.append(Path(spec.origin).read_text(encoding="utf-8"))
    return _sha("".join(sources))[:16]


def _json_default(value):
    return value.item() if isinstance(value, np.generic) else str(value)


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=_json_default)


# ------------------------------------------------------------------ per-article step


def _cache_key(row) -> str:
    version = _code_version(*CLAIM_STAGES)
    return _sha(_dumps([version, row.article_id, row.content_hash, row.published]))


def _extract(articles: pd.DataFrame) -> tuple[dict[str, list], dict[str, str]]:
    """Claims records by article_id and errors by article_id (a failing batch is retried
    article by article so one bad article does not lose its partition)."""
    from crosscheck.text.claims import extract_claims

    try:
        claims = extract_claims(articles)
        records = claims.to_dict("records")
        by_article = {a: [] for a in articles["article_id"]}
        for record in records:
            by_article[record["article_id"]].append(record)
        return by_article, {}
    except Exception as error:
        if len(articles) == 1:
            return {}, {articles["article_id"].iloc[0]: f"{type(error).__name__}: {error}"}
    out, errors = {}, {}
    for i in range(len(articles)):
        part, part_errors = _extract(articles.iloc[i : i + 1])
        out.update(part)
        errors.update(part_errors)
    return out, errors


def _entity_keys(records: list[dict]) -> tuple[list[str], dict[str, str]]:
    names: dict[str, Counter] = {}
    for record in records:
        for entity in record.get("entities") or []:
            if entity.get("kind") not in GROUP_KINDS or not str(entity.get("text", "")).strip():
                continue
            key = translit.name_key(entity["text"]) or entity["text"].lower()
            names.setdefault(key, Counter())[entity["text"]] += 1
    return sorted(names), {k: c.most_common(1)[0][0] for k, c in names.items()}


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f".{path.name}.{os.getpid()}.tmp"
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)  # replaces a link itself, never its target


def _write_entry(path: Path, key: str, article_id: str, records: list) -> None:
    """A claims cache entry: schema, key, article and the sha256 of the claims it holds."""
    claims = _dumps(records)
    entry = {"schema": CLAIMS_SCHEMA, "version": CACHE_VERSION, "key": key,
             "article_id": article_id, "n_claims": len(records),
             "sha256": _sha(claims)}  # fmt: skip
    _write_atomic(path, _dumps(entry)[:-1] + ', "claims": ' + claims + "}")


def _read_json_entry(path: Path) -> tuple[object | None, str]:
    """(the parsed JSON, "") of a cache entry; (None, "") when there is none; (None, why) when it
    is a symbolic link or unreadable. The caller checks the entry's schema, key and hash."""
    if path.is_symlink():
        return None, "it is a symbolic link"
    if not path.exists():
        return None, ""
    try:
        entry = json.loads(path.read_bytes().decode("utf-8"))
    except (ValueError, RecursionError, OSError) as error:  # JSON, UTF-8, number limits
        return None, f"not readable ({type(error).__name__}: truncated or corrupt?)"
    return (entry, "") if entry is not None else (None, "it holds JSON null, not an entry")


def _read_entry(path: Path, key: str, article_id: str) -> tuple[list | None, str]:
    """(claims, "") for a verified entry; (None, "") when there is none; (None, why) when the
    entry is unusable (truncated, foreign, another article's, or its content hash differs)."""
    entry, why = _read_json_entry(path)
    if entry is None:
        return None, why
    if not isinstance(entry, dict) or entry.get("schema") != CLAIMS_SCHEMA:
        return None, "not a crosscheck claims cache entry (a foreign file or an older format)"
    if entry.get("version") != CACHE_VERSION:
        return None, f"cache format version {entry.get('version')!r}, not {CACHE_VERSION}"
    if entry.get("key") != key or entry.get("article_id") != article_id:
        return None, "it belongs to another article or cache key"
    claims = entry.get("claims")
    if not isinstance(claims, list) or _sha(_dumps(claims)) != entry.get("sha256"):
        return None, "its content does not match the hash recorded when it was written"
    if len(claims) != entry.get("n_claims") or any(
        not isinstance(c, dict) or c.get("article_id") != article_id for c in claims
    ):
        return None, "its claims do not belong to this article"
    return claims, ""


def article_claims(articles: pd.DataFrame, cache_dir) -> pd.DataFrame:
    """The per-article step on one partition (both engines): claims from the cache or extracted
    and written to the cache; the table keeps what grouping and the story index need."""
    cache_dir = Path(cache_dir)
    keys = [_cache_key(row) for row in articles.itertuples()]
    cached, missing, warnings = {}, [], {}
    for article_id, key in zip(articles["article_id"], keys, strict=True):
        path = cache_dir / f"{key}.json"
        records, problem = _read_entry(path, key, article_id)
        if records is not None:
            cached[article_id] = records
        else:
            missing.append(article_id)
            if problem:
                warnings[article_id] = f"cache entry {path} recomputed: {problem}"
    extracted, errors = {}, {}
    if missing:
        extracted, errors = _extract(articles[articles["article_id"].isin(missing)])
    out = articles.copy()
    columns = {c: [] for c in EXTRA_COLUMNS}
    for article_id, key in zip(articles["article_id"], keys, strict=True):
        records = cached.get(article_id, extracted.get(article_id, []))
        if article_id in extracted:
            _write_entry(cache_dir / f"{key}.json", key, article_id, records)
        entity_keys, entity_names = _entity_keys(records)
        values = [key, _dumps(entity_keys), _dumps(entity_names), len(records),
                  article_id in extracted, errors.get(article_id, ""),
                  warnings.get(article_id, "")]  # fmt: skip
        for column, value in zip(EXTRA_COLUMNS, values, strict=True):
            columns[column].append(value)
    for column, values in columns.items():
        out[column] = values
    return out


def claims_table(articles: pd.DataFrame, cache_dir) -> pd.DataFrame:
    """The claims table of `articles` (rows of the per-article step: article_id, cache_key,
    error), read from the cache and verified. An article whose extraction failed has no claims;
    a cache entry missing (FileNotFoundError) or unusable (ValueError) for any other article
    raises: the cache was changed during the run."""
    records = []
    for article_id, key, error in zip(
        articles["article_id"], articles["cache_key"], articles["error"], strict=True
    ):
        if not error:
            path = Path(cache_dir) / f"{key}.json"
            claims, problem = _read_entry(path, key, article_id)
            if claims is None and not problem:
                raise FileNotFoundError(f"{path}: cache entry removed during the run")
            if claims is None:
                raise ValueError(f"{path}: cache entry changed during the run: {problem}")
            records.extend(claims)
    empty = empty_claims()
    return pd.DataFrame(records).reindex(columns=empty.columns) if records else empty


# ------------------------------------------------------------------ per-story step


def _summary(story_id, reused, by_type, error="", warning="") -> pd.DataFrame:
    row = [story_id, reused, sum(by_type.values()), _dumps(by_type), error, warning]
    return pd.DataFrame([row], columns=SUMMARY_COLUMNS)


def _write_story_corpus(articles: pd.DataFrame, path: Path) -> None:
    """The story's articles as a corpus file (for `crosscheck compare` or notebook 04)."""
    columns = ["article_id", "url", "outlet", "author", "published", "headline", "text"]
    rows = articles.reindex(columns=columns).rename(columns={"article_id": "id"})
    with open(path, "w", encoding="utf-8") as handle:
        for row in rows.to_dict("records"):
            handle.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")


def _file_hashes(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.name != "manifest.json"
    }


def _read_story_entry(entry: Path, key: str) -> tuple[dict | None, str]:
    """(by_type, "") for a verified story cache entry, (None, "") when there is none,
    (None, why) when it is unusable (a link, truncated, foreign, or a file changed)."""
    if entry.is_symlink() or (entry / "manifest.json").is_symlink():
        return None, "it is a symbolic link"
    if not (entry / "manifest.json").exists():
        return None, "" if not entry.exists() else "it has no manifest (interrupted write?)"
    try:
        manifest = json.loads((entry / "manifest.json").read_bytes().decode("utf-8"))
        files = _file_hashes(entry)
    except (ValueError, RecursionError, OSError) as error:
        return None, f"not readable ({type(error).__name__}: truncated or corrupt?)"
    if not isinstance(manifest, dict) or manifest.get("schema") != STORY_SCHEMA:
        return None, "not a crosscheck story cache entry (a foreign file or an older format)"
    if manifest.get("key") != key or manifest.get("version") != CACHE_VERSION:
        return None, "it belongs to another story key or cache version"
    if manifest.get("files") != files or any((entry / n).is_symlink() for n in files):
        return None, "its files do not match the hashes recorded when they were written"
    by_type = manifest.get("n_discrepancies_by_type")
    if not isinstance(by_type, dict) or not all(isinstance(v, int) for v in by_type.values()):
        return None, "its manifest has no discrepancy counts"
    return by_type, ""


def _write_story_entry(entry: Path, key, case, articles, by_type) -> None:
    """Write the story's output files and a manifest of their hashes, then move into place."""
    tmp = entry.parent / f".{entry.name}.{os.getpid()}.tmp"
    for path in (tmp, entry):
        if path.exists() or path.is_symlink():
            _remove(path)
    from crosscheck.running import pipeline

    pipeline.write_outputs(case, tmp)
    _write_story_corpus(articles, tmp / "articles.jsonl")
    manifest = {"schema": STORY_SCHEMA, "version": CACHE_VERSION, "key": key,
                "n_discrepancies_by_type": by_type, "files": _file_hashes(tmp)}  # fmt: skip
    (tmp / "manifest.json").write_text(_dumps(manifest), encoding="utf-8")
    os.replace(tmp, entry)


def _remove(path: Path) -> None:
    """Delete a file or folder; a symbolic link is unlinked, never followed."""
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path)


def _publish_story(entry: Path, folder: Path, saved: dict) -> None:
    """Rewrite the story folder from its cache entry (hand edits do not survive a run)."""
    if folder.is_symlink():
        raise UnsafeOutputError(f"{folder}: refused: the story folder is a symbolic link")
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(entry, folder, ignore=shutil.ignore_patterns("manifest.json"))
    (folder / "story.json").write_text(_dumps(saved), encoding="utf-8")


def _story_of(group: pd.DataFrame) -> str:
    """The story id of a group: its story_id column, else the groupby key (pandas and Dask
    set group.name), else the story_id index."""
    if "story_id" in group:
        return str(group["story_id"].iloc[0])
    name = getattr(group, "name", None)
    return str(name) if isinstance(name, str) else str(group.index[0])


def compare_story(group: pd.DataFrame, out_dir) -> pd.DataFrame:
    """The per-story step (both engines): compare one story's articles (or take the verified
    result from cache/stories/<key>/), then rewrite its folder stories/<story_id>/."""
    story_id = _story_of(group)
    version = _code_version(*STORY_STAGES)
    key = _sha(_dumps([version, sorted(group["cache_key"])]))
    folder = Path(out_dir) / "stories" / story_id
    entry = Path(out_dir) / "cache" / "stories" / key
    if folder.is_symlink():
        return _summary(story_id, False, {}, f"refused: {folder} is a symbolic link")
    by_type, problem = _read_story_entry(entry, key)
    warning = f"story cache entry {entry} recomputed: {problem}" if problem else ""
    reused = by_type is not None
    group = group.sort_values("article_id").reset_index(drop=True)
    if not reused:
        articles = group.drop(columns=[c for c in [*EXTRA_COLUMNS, "story_id"] if c in group])
        from crosscheck.running import pipeline

        try:
            claims = claims_table(group, Path(out_dir) / "cache" / "claims")
            case = pipeline.analyse_claims(articles, claims)
            counts = case.discrepancies["kind"].value_counts().items()
            by_type = {str(k): int(v) for k, v in counts}
        except Exception as error:  # one failing story must not stop the corpus; it is reported
            _remove(folder)  # no stale results next to an error
            return _summary(story_id, False, {}, f"{type(error).__name__}: {error}", warning)
        entry.parent.mkdir(parents=True, exist_ok=True)
        _write_story_entry(entry, key, case, articles, by_type)
    saved = {"key": key, "article_ids": list(group["article_id"]),
             "n_discrepancies_by_type": by_type}  # fmt: skip
    _publish_story(entry, folder, saved)
    return _summary(story_id, reused, by_type, "", warning)


# ------------------------------------------------------------------ engines


def _pandas_claims(articles, cache_dir, progress) -> pd.DataFrame:
    from tqdm.auto import tqdm

    parts = []
    with tqdm(total=len(articles), desc="claims", unit="article", disable=not progress) as bar:
        for start in range(0, len(articles), PARTITION):
            parts.append(article_claims(articles.iloc[start : start + PARTITION], cache_dir))
            bar.update(len(parts[-1]))
    return pd.concat(parts, ignore_index=True)


def _pandas_stories(work, out_dir, progress) -> pd.DataFrame:
    from tqdm.auto import tqdm

    grouped = work.groupby("story_id", sort=True, group_keys=False)
    if not progress:
        return grouped.apply(compare_story, out_dir=out_dir)
    tqdm.pandas(desc="stories", unit="story")
    return grouped.progress_apply(compare_story, out_dir=out_dir)


@contextmanager
def _dask_client(scheduler):
    """A client of the cluster at `scheduler`, else of a LocalCluster of 2 worker processes."""
    import dask
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    # The workers' statistical profiler samples the running task every 10 ms: off here, it
    # costs the per-article step a few per cent (the dashboard's task stream still works).
    with (
        dask.config.set({"distributed.worker.profile.enabled": False}),
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def _dask_run(articles, cache_dir, out_dir, scheduler, progress, clock):
    """Both steps on Dask: map_partitions for articles, groupby-apply for stories."""
    import dask
    import dask.dataframe as dd
    from distributed import progress as dask_progress

    with dask.config.set({"dataframe.convert-string": False}), _dask_client(scheduler) as client:
        if progress:
            print(f"crosscheck: Dask dashboard {client.dashboard_link}")
        clock("start")
        n_threads = sum(client.nthreads().values()) or 1
        size = max(1, min(PARTITION, math.ceil(len(articles) / (4 * n_threads))))
        source = dd.from_pandas(articles, npartitions=math.ceil(len(articles) / size))
        meta = article_claims(articles.head(0), cache_dir)
        enriched = source.map_partitions(article_claims, str(cache_dir), meta=meta).persist()
        if progress:
            dask_progress(enriched)
        local = enriched.compute().reset_index(drop=True)
        clock("claims")
        stories = _group(local, progress, Path(out_dir) / "stories.parquet")
        clock("group")
        del enriched  # the driver holds the table now; the claims are in the cache folder
        # Whole stories per partition (sorted story_id index, known divisions): the
        # groupby-apply then runs partition by partition, with no shuffle between workers.
        work = local.merge(_multi(stories), on="article_id").set_index("story_id").sort_index()
        n_stories = work.index.nunique()
        parts = max(1, min(n_stories, max(4 * n_threads, math.ceil(n_stories / STORY_PARTITION))))
        source = dd.from_pandas(work, npartitions=parts, sort=True)
        summary_meta = _summary("", False, {}).head(0)
        summaries = (
            source.groupby("story_id").apply(compare_story, str(out_dir), meta=summary_meta)
        ).persist()
        if progress:
            dask_progress(summaries)
        summaries = summaries.compute()
        clock("stories")
        return local, stories, summaries


# ------------------------------------------------------------------ driver


class _Clock:
    """Seconds spent per step: clock("name") closes the step that ends now."""

    def __init__(self):
        self.seconds: dict[str, float] = {}
        self._last = time.perf_counter()

    def __call__(self, name: str) -> None:
        now = time.perf_counter()
        self.seconds[name] = round(self.seconds.get(name, 0.0) + now - self._last, 2)
        self._last = now


def _group_key(keyed: pd.DataFrame, earlier: pd.DataFrame | None) -> str:
    """What the grouping depends on: its code and word lists, each article's id, text, date and
    entity keys (in order), and the stories of the earlier run."""
    from crosscheck.text import lexicon

    words = sorted(Path(str(lexicon._path("x", "en"))).parent.glob("*.csv"))
    version = _code_version("crosscheck.comparison.stories", "crosscheck.text.lexicon")
    rows = [[str(r.article_id), _sha(str(r.text)), str(r.published), list(r.entity_keys)]
            for r in keyed.reindex(columns=["article_id", "text", "published", "entity_keys"])
            .fillna("").itertuples()]  # fmt: skip
    before = [] if earlier is None else earlier[["article_id", "story_id"]].astype(str).values
    return _sha(_dumps([version, [_sha(p.read_text(encoding="utf-8")) for p in words], rows,
                        [list(r) for r in before]]))  # fmt: skip


def _read_group_entry(path: Path, key: str, ids: list[str]) -> tuple[pd.DataFrame | None, str]:
    """(stories with attrs["warnings"], "") for a verified grouping entry, (None, "") when there
    is none, (None, why) when it is unusable."""
    entry, why = _read_json_entry(path)
    if entry is None:
        return None, why
    body = entry.get("stories") if isinstance(entry, dict) else None
    if not isinstance(body, dict) or entry.get("schema") != GROUP_SCHEMA:
        return None, "not a crosscheck grouping cache entry"
    if entry.get("key") != key or entry.get("version") != CACHE_VERSION:
        return None, "it belongs to another grouping key or cache version"
    if _sha(_dumps(body)) != entry.get("sha256") or body.get("article_id") != ids:
        return None, "its content does not match the hash recorded or the articles"
    if not isinstance(body.get("story_id"), list) or len(body["story_id"]) != len(ids):
        return None, "it has no story for every article"
    stories = pd.DataFrame({"article_id": ids, "story_id": body["story_id"]})
    stories.attrs["warnings"] = list(body.get("warnings") or [])
    return stories, ""


def _write_group_entry(path: Path, key: str, stories: pd.DataFrame, warnings: list) -> None:
    body = {"article_id": list(stories["article_id"].astype(str)),
            "story_id": list(stories["story_id"].astype(str)),
            "warnings": list(warnings)}  # fmt: skip
    entry = {"schema": GROUP_SCHEMA, "version": CACHE_VERSION, "key": key,
             "sha256": _sha(_dumps(body)), "stories": body}  # fmt: skip
    _write_atomic(path, _dumps(entry))


def _group(enriched: pd.DataFrame, progress: bool, previous: Path) -> pd.DataFrame:
    """Stories of the articles; articles of an earlier run (`previous`, its stories.parquet)
    keep their stories and ids. Warnings of the grouping are in attrs["warnings"]. The result
    is cached (cache/grouping/<key>.json): a re-run on the same articles reads it back."""
    keyed = enriched.assign(entity_keys=enriched["entity_keys"].map(json.loads))
    earlier = pd.read_parquet(previous) if previous.exists() else None
    key = _group_key(keyed, earlier)
    path = previous.parent / "cache" / "grouping" / f"{key}.json"
    ids = [str(a) for a in keyed["article_id"]]
    stories, problem = _read_group_entry(path, key, ids)
    if stories is not None:
        return stories
    if progress:
        print(f"crosscheck: grouping {len(enriched)} articles into stories")
    from crosscheck import grouping

    stories = grouping.group_stories(keyed, previous=earlier)
    for stale in path.parent.glob("*.json"):  # the latest grouping only
        stale.unlink()
    _write_group_entry(path, key, stories, stories.attrs["warnings"])
    # the next run passes these stories as `earlier`: every article keeps its story and the
    # grouping says only what it saw in the articles (input_warnings); cached now
    again = _group_key(keyed, stories)
    _write_group_entry(path.parent / f"{again}.json", again, stories,
                       stories.attrs.get("input_warnings", []))  # fmt: skip
    if problem:  # a "stories: ..." row of warnings.parquet, and on stderr
        note = f"grouping cache entry {path} recomputed: {problem}"
        print(f"crosscheck: warning: {note}", file=sys.stderr)
        stories.attrs["warnings"] = [*stories.attrs["warnings"], note]
    return stories


def _multi(stories: pd.DataFrame) -> pd.DataFrame:
    """The rows of stories with >= 2 articles (the ones compared)."""
    sizes = stories["story_id"].map(stories["story_id"].value_counts())
    return stories[sizes >= 2]


def _story_headline(group: pd.DataFrame) -> str:
    """A short headline for a story: the member headline sharing most words with the other
    members' headlines (else the opening of the first text), at most 90 characters."""
    heads = [h for h in group["headline"] if h] or [
        t.strip().split("\n")[0] for t in group["text"] if t.strip()
    ]
    if not heads:
        return ""
    words = [set(re.findall(r"\w+", h.lower())) for h in heads]
    best = max(range(len(heads)), key=lambda i: (sum(len(words[i] & w) for w in words), -i))
    head = " ".join(heads[best].split())
    return head if len(head) <= 90 else head[:89].rstrip() + "…"


def _story_index(enriched, stories, summaries) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the index of stories of two or more articles, the single articles)."""
    columns = ["article_id", "outlet", "published", "headline", "text", "entity_names"]
    table = enriched.reindex(columns=columns).fillna("").merge(stories)
    sizes = table["story_id"].map(table["story_id"].value_counts())
    singles = table[sizes == 1].sort_values("article_id")[SINGLE_COLUMNS].reset_index(drop=True)
    rows = []
    for story_id, group in table[sizes >= 2].groupby("story_id", sort=True):
        counts, names = Counter(), {}
        for value in group["entity_names"]:
            found = json.loads(value or "{}")
            counts.update(found.keys())
            for key, name in found.items():
                names.setdefault(key, name)
        dates = sorted(d for d in group["published"] if d)
        top = [names[k] for k, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:5]]
        outlets = "; ".join(sorted({o for o in group["outlet"] if o}))
        span = [dates[0], dates[-1]] if dates else ["", ""]
        headline = _story_headline(group)
        rows.append([story_id, len(group), headline, outlets, *span, "; ".join(top)])
    index = pd.DataFrame(rows, columns=INDEX_COLUMNS[:7])
    index = index.merge(summaries.drop(columns="reused"), on="story_id", how="left")
    index["n_discrepancies"] = index["n_discrepancies"].fillna(0).astype(int)
    index["n_discrepancies_by_type"] = index["n_discrepancies_by_type"].fillna("{}")
    index["error"] = index["error"].fillna("")
    return index[INDEX_COLUMNS], singles


def _jsonify(frame: pd.DataFrame) -> pd.DataFrame:
    from crosscheck.tables import json_lists

    return json_lists(frame, default=_json_default)


def _write_claims(enriched: pd.DataFrame, path: Path, cache_dir: Path, progress: bool) -> None:
    """claims.parquet, written in chunks of articles read from the cache (list columns as
    JSON)."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    from tqdm.auto import tqdm

    writer = None
    with tqdm(
        total=len(enriched), desc="write claims", unit="article", disable=not progress
    ) as bar:
        for start in range(0, len(enriched), PARTITION):
            part = enriched.iloc[start : start + PARTITION]
            table = pa.Table.from_pandas(
                _jsonify(claims_table(part, cache_dir)), preserve_index=False
            )
            if writer is None:
                writer = pq.ParquetWriter(path, table.schema)
            writer.write_table(table.cast(writer.schema))
            bar.update(len(part))
    if writer is None:
        _jsonify(empty_claims()).to_parquet(path, index=False)
    else:
        writer.close()


def _remove_stale(out_dir: Path, current: set[str], keys: set[str]) -> None:
    """Delete story folders of earlier runs whose membership no longer exists, and story cache
    entries no story uses."""
    for folder in sorted((out_dir / "stories").glob("s*")):
        if folder.name not in current and (folder / "story.json").exists():
            _remove(folder)
    for entry in sorted((out_dir / "cache" / "stories").glob("*")):
        if entry.name not in keys:
            _remove(entry)


def check_output(out_dir) -> None:
    """UnsafeOutputError when a folder crosscheck writes or deletes in is a symbolic link
    (out_dir/stories, a story folder, the cache folders)."""
    out = Path(out_dir)
    places = [out / "stories", out / "cache"]
    places += [out / "cache" / name for name in ("claims", "stories", "grouping")]
    if (out / "stories").is_dir() and not (out / "stories").is_symlink():
        places += sorted((out / "stories").iterdir())
    for path in places:
        if path.is_symlink():
            raise UnsafeOutputError(
                f"{path}: refused: it is a symbolic link (to {os.readlink(path)}); crosscheck "
                "rewrites this folder on each run and never writes through links: remove the link"
            )


def run_corpus(input, out_dir, engine="pandas", scheduler=None, progress=True) -> pd.DataFrame:
    """Find and compare the stories of a corpus; returns the story index (see module doc)."""
    if engine not in ("pandas", "dask"):
        raise ValueError(f"engine must be 'pandas' or 'dask', not {engine!r}")
    articles, warnings = load_mod.load_articles([input])
    if articles.empty:
        reasons = "; ".join(f"{w.path}: {w.reason}" for w in warnings.itertuples()) or "no files"
        raise load_mod.LoadError(str(input), f"no article could be loaded ({reasons})")
    out = Path(out_dir)
    check_output(out)
    cache_dir = out / "cache" / "claims"
    cache_dir.mkdir(parents=True, exist_ok=True)
    clock = _Clock()
    clock("load")
    if engine == "dask":
        enriched, stories, summaries = _dask_run(
            articles, cache_dir, out, scheduler, progress, clock
        )
        clock("stop")
    else:
        enriched = _pandas_claims(articles, cache_dir, progress)
        clock("claims")
        stories = _group(enriched, progress, out / "stories.parquet")
        clock("group")
        work = enriched.merge(_multi(stories), on="article_id", how="inner")
        summaries = _pandas_stories(work, str(out), progress)
        clock("stories")
    summaries = summaries.reset_index(drop=True).reindex(columns=SUMMARY_COLUMNS)
    if summaries.empty:
        summaries = _summary("", False, {}).head(0)
    enriched = enriched.set_index("article_id").loc[articles["article_id"]].reset_index()
    failed = enriched[enriched["error"] != ""]
    problems = pd.DataFrame({"path": failed["path"], "reason": "claims: " + failed["error"]})
    recomputed = enriched[enriched["cache_warning"] != ""]
    cache_rows = pd.DataFrame({"path": recomputed["path"], "reason": recomputed["cache_warning"]})
    stale = summaries[summaries["warning"].fillna("") != ""]
    story_rows = pd.DataFrame({"path": stale["story_id"], "reason": stale["warning"]})
    for reason in [*cache_rows["reason"], *story_rows["reason"]]:
        print(f"crosscheck: warning: {reason}", file=sys.stderr)
    warnings = pd.concat([warnings, problems, cache_rows, story_rows], ignore_index=True)
    index, singles = _story_index(enriched, stories, summaries)
    grouped = pd.DataFrame(
        {"path": "", "reason": [f"stories: {w}" for w in stories.attrs.get("warnings", [])]}
    )
    warnings = pd.concat([warnings, grouped], ignore_index=True)
    table = enriched.drop(columns=["entity_keys", "cache_key", "extracted", "cache_warning"])
    _jsonify(table.merge(stories, on="article_id")).to_parquet(out / "articles.parquet")
    _write_claims(enriched, out / "claims.parquet", cache_dir, progress)
    stories.to_parquet(out / "stories.parquet", index=False)
    index.to_parquet(out / "story_index.parquet", index=False)
    write_csv(index, out / "story_index.csv")
    singles.to_parquet(out / "single_articles.parquet", index=False)
    write_csv(singles, out / "single_articles.csv")
    warnings.astype(str).to_parquet(out / "warnings.parquet", index=False)
    keys = {json.loads((out / "stories" / s / "story.json").read_text())["key"]
            for s in summaries.loc[summaries["error"] == "", "story_id"]}  # fmt: skip
    _remove_stale(out, set(summaries["story_id"]), keys)
    clock("write")
    index.attrs.update(
        n_articles=len(enriched),
        n_processed=int(enriched["extracted"].sum()),
        n_cached=int((~enriched["extracted"] & (enriched["error"] == "")).sum()),
        n_stories=len(index),
        n_single_articles=len(singles),
        n_stories_compared=int((~summaries["reused"].astype(bool)).sum()),
        n_stories_reused=int(summaries["reused"].astype(bool).sum()),
        n_errors=len(failed) + int((summaries["error"] != "").sum()),
        n_warnings=len(warnings),
        seconds=clock.seconds,
    )
    if progress:
        print(f"crosscheck: {_dumps(index.attrs)}")
    n_failed = int((summaries["error"] != "").sum())
    if len(failed) or n_failed:
        message = f"claims failed for {len(failed)} articles (see warnings.parquet), "
        message += f"{n_failed} stories failed (see the error column of story_index)"
        print(f"crosscheck: warning: {message}", file=sys.stderr)
    return index
