"""Corpus scale, pandas engine: story grouping, outputs, incremental re-runs, bad input.

The test corpus is real MEANTIME articles (two per topic corpus, plus two more for the
incremental run) and synthetic rewrites of two of them (benchmarks/make_corpus.rewrite).
"""

import json
import random
import shutil
from pathlib import Path

import pandas as pd
import pytest
from benchmarks.make_corpus import CITIES, meantime_articles, rewrite

from crosscheck import claims as claims_mod
from crosscheck import corpus, grouping, pipeline
from crosscheck.cli import main as cli_main
from crosscheck.load import LoadError, load_articles

ROOT = Path(__file__).resolve().parent.parent


def _row(article, article_id, outlet, published):
    url = f"https://{outlet}/{article_id}"
    return {"id": article_id, "url": url, "outlet": outlet, "published": published,
            "headline": article["headline"], "text": article["text"]}  # fmt: skip


def _short(article, n_paragraphs=3):
    return {**article, "text": "\n\n".join(article["text"].split("\n\n")[:n_paragraphs])}


def corpus_rows(extra=0):
    """8 real articles (2 per topic) + 2 rewrites of the first gm article and 1 of the first
    airbus article; `extra` more real articles (apple) for the incremental test.
    Returns (rows, expected story members by base article id)."""
    by_topic = {}
    for article in meantime_articles():
        by_topic.setdefault(article["topic"], []).append(_short(article))
    bases = [a for topic in ("gm", "airbus", "stock", "apple") for a in by_topic[topic][:2]]
    rows = [_row(a, a["id"], "wikinews.example", a["published"]) for a in bases]
    rng = random.Random(3)
    expected = {}
    for base, n_rewrites in ((by_topic["gm"][0], 2), (by_topic["airbus"][0], 1)):
        renames = {p: rng.choice(CITIES) for p in base["places"]}
        members = [base["id"]]
        for k in range(n_rewrites):
            version = rewrite(base, rng, renames)
            members.append(f"{base['id']}-rw{k}")
            rows.append(_row(version, members[-1], f"outlet{k}.example", base["published"]))
        expected[base["id"]] = sorted(members)
    for article in by_topic["apple"][2 : 2 + extra]:
        rows.append(_row(article, article["id"], "wikinews.example", article["published"]))
    return rows, expected


def write_corpus(rows, path):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def pandas_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    rows, expected = corpus_rows()
    source = write_corpus(rows, folder / "corpus.jsonl")
    index = corpus.run_corpus(source, folder / "out", progress=False)
    return folder, rows, expected, index


def test_outputs_written(pandas_run):
    folder, rows, _, index = pandas_run
    out = folder / "out"
    for name in ("articles.parquet", "claims.parquet", "stories.parquet", "story_index.parquet",
                 "story_index.csv", "warnings.parquet"):  # fmt: skip
        assert (out / name).exists(), name
    stories = pd.read_parquet(out / "stories.parquet")
    assert sorted(stories["article_id"]) == sorted(r["id"] for r in rows)
    assert list(index.columns) == corpus.INDEX_COLUMNS
    singles = pd.read_parquet(out / "single_articles.parquet")
    assert (index["n_articles"] >= 2).all()
    assert index["n_articles"].sum() + len(singles) == len(rows)
    assert index.attrs["n_single_articles"] == len(singles)
    assert index.attrs["n_processed"] == len(rows)
    assert index.attrs["n_errors"] == 0, list(index["error"])
    claims = pd.read_parquet(out / "claims.parquet")
    articles = pd.read_parquet(out / "articles.parquet")
    assert set(claims["article_id"]) <= set(articles["article_id"])
    assert articles.set_index("article_id")["n_claims"].sum() == len(claims)


def test_rewrites_share_a_story_and_topics_stay_apart(pandas_run):
    folder, rows, expected, index = pandas_run
    stories = pd.read_parquet(folder / "out" / "stories.parquet")
    story_of = dict(zip(stories["article_id"], stories["story_id"], strict=True))
    for members in expected.values():
        assert len({story_of[m] for m in members}) == 1, members
        assert story_of[members[0]] == grouping.story_id(members)
        mates = {a for a, s in story_of.items() if s == story_of[members[0]]}
        assert mates == set(members)
    topic = {a["id"]: a["topic"] for a in meantime_articles()}
    for _, group in stories.groupby("story_id"):
        bases = {topic[a.split("-rw")[0]] for a in group["article_id"]}
        assert len(bases) == 1


def test_story_folders_and_index(pandas_run):
    folder, _, expected, index = pandas_run
    compared = index[index["n_articles"] >= 2]
    assert len(compared) == len(expected)
    for row in compared.itertuples():
        assert len(row.outlets.split("; ")) == row.n_articles and "[" not in row.outlets
        assert row.date_start <= row.date_end
        assert row.top_entities and "[" not in row.top_entities
        assert row.headline and len(row.headline) <= 90
        by_type = json.loads(row.n_discrepancies_by_type)
        assert sum(by_type.values()) == row.n_discrepancies
        story = folder / "out" / "stories" / row.story_id
        assert (story / "discrepancies.csv").exists() and (story / "claims.csv").exists()
        found = pd.read_csv(story / "discrepancies.csv")
        assert len(found) == row.n_discrepancies
        members = load_articles([story / "articles.jsonl"])[0]
        assert len(members) == row.n_articles
    singles = pd.read_parquet(folder / "out" / "single_articles.parquet")
    assert list(singles.columns) == corpus.SINGLE_COLUMNS and len(singles)
    assert not set(singles["story_id"]) & set(index["story_id"])
    assert not any((folder / "out" / "stories" / s).exists() for s in singles["story_id"])


def test_incremental_run_extracts_only_new_articles(pandas_run, monkeypatch):
    folder, _, _, first = pandas_run
    rows, _ = corpus_rows(extra=2)
    source = write_corpus(rows, folder / "corpus2.jsonl")
    seen = []
    original = claims_mod.extract_claims

    def counting(articles):
        seen.extend(articles["article_id"])
        return original(articles)

    monkeypatch.setattr(claims_mod, "extract_claims", counting)
    index = corpus.run_corpus(source, folder / "out", progress=False)
    new_ids = {r["id"] for r in rows[-2:]}
    assert set(seen) == new_ids
    assert index.attrs["n_processed"] == 2 and index.attrs["n_cached"] == len(rows) - 2
    compared = first[(first["n_articles"] >= 2) & (first["error"] == "")]
    assert index.attrs["n_stories_reused"] == len(compared)
    pd.testing.assert_frame_equal(
        index[index["story_id"].isin(first["story_id"])].reset_index(drop=True),
        first.reset_index(drop=True),
    )


def test_failing_story_is_reported_not_dropped(pandas_run, tmp_path, monkeypatch, capsys):
    folder, rows, expected, _ = pandas_run
    shutil.copytree(folder / "out", tmp_path / "out")

    def broken(articles, claims):
        raise RuntimeError("stage exploded")

    monkeypatch.setattr(pipeline, "analyse_claims", broken)
    shutil.rmtree(tmp_path / "out" / "cache" / "stories")  # the stories are compared again
    index = corpus.run_corpus(folder / "corpus.jsonl", tmp_path / "out", progress=False)
    failed = index[index["error"] != ""]
    assert len(failed) == len(expected) and index.attrs["n_processed"] == 0
    assert failed["error"].str.contains("RuntimeError: stage exploded").all()
    assert not any((tmp_path / "out" / "stories" / s).exists() for s in failed["story_id"])
    assert "2 stories failed" in capsys.readouterr().err
    singles = index.attrs["n_single_articles"]
    assert index["n_articles"].sum() + singles == len(rows)


def test_claims_stay_in_the_cache_and_are_read_back(pandas_run, tmp_path):
    folder = pandas_run[0]
    articles, _ = load_articles([folder / "corpus.jsonl"])
    part = corpus.article_claims(articles.head(3), tmp_path)
    assert "claims_json" not in part.columns and (part["n_claims"] > 0).all()
    claims = corpus.claims_table(part, tmp_path)
    assert claims["article_id"].value_counts().to_dict() == dict(
        zip(part["article_id"], part["n_claims"], strict=True)
    )
    failed = part.assign(error=["", "ValueError: bad", ""])  # a failed article has no claims
    assert set(corpus.claims_table(failed, tmp_path)["article_id"]) == {
        part["article_id"][0],
        part["article_id"][2],
    }
    (tmp_path / f"{part['cache_key'][1]}.json").unlink()
    with pytest.raises(FileNotFoundError):  # the cache changed during the run: not silent
        corpus.claims_table(part, tmp_path)


def test_group_stories_dates_and_variants():
    text = "Shelling hit the {} railway station on Monday, officials said. Two people were hurt."
    other = "The central bank raised its interest rate to curb inflation, the governor said."
    frame = pd.DataFrame(
        {
            "article_id": ["a", "b", "c", "d", "e"],
            "text": [
                text.format("Kharkiv"),
                text.format("Kharkov"),
                text.format("Kharkiv"),
                other,
                text.format("Kharkiv") + " A third was missing.",
            ],  # fmt: skip
            "published": ["2024-03-01", "2024-03-03", "2024-05-01", "2024-03-01", ""],
            "entity_keys": [["harkiv"], ["harkiv"], ["harkiv"], ["bank"], ["harkiv"]],
        }
    )
    dated = grouping.group_stories(frame.head(4)).set_index("article_id")["story_id"]
    assert dated["a"] == dated["b"]  # spelling variants, two days apart
    assert dated["c"] != dated["a"]  # same text two months later: another story
    assert dated["d"] not in {dated["a"], dated["c"]}
    stories = grouping.group_stories(frame).set_index("article_id")["story_id"]
    # dates are a soft constraint: the undated copy joins a story, the bank report stays out
    assert stories["e"] == stories["a"] and stories["d"] != stories["a"]
    assert stories["a"] == grouping.story_id(stories.index[stories == stories["a"]])


def test_group_stories_without_words():
    frame = pd.DataFrame({"article_id": ["a", "b"], "text": ["the of and", "the of and"],
                          "published": ["", ""], "entity_keys": [[], []]})  # fmt: skip
    assert grouping.group_stories(frame)["story_id"].nunique() == 2


def test_missing_input_is_a_load_error(tmp_path):
    with pytest.raises(LoadError, match="missing.jsonl"):
        corpus.run_corpus(tmp_path / "missing.jsonl", tmp_path / "out", progress=False)
    assert cli_main(["corpus", str(tmp_path / "missing.jsonl"), "--out", str(tmp_path)]) == 2


def test_corpus_without_text_column(tmp_path):
    source = tmp_path / "bad.jsonl"
    source.write_text('{"id": "x", "body": "Some words."}\n', encoding="utf-8")
    with pytest.raises(LoadError, match="no 'text' column"):
        corpus.run_corpus(source, tmp_path / "out", progress=False)


def test_unknown_engine(tmp_path):
    with pytest.raises(ValueError, match="engine"):
        corpus.run_corpus(tmp_path, tmp_path / "out", engine="spark", progress=False)


# ---------------------------------------------------------------- hostile cache (issue 18)


def _entries(out, rows):
    """One cache entry per article of `rows` (an earlier test of this module added articles)."""
    ids, by_article = {r["id"] for r in rows}, {}
    for path in sorted((out / "cache" / "claims").glob("*.json")):
        article = json.loads(path.read_text()).get("article_id")
        if article in ids:
            by_article.setdefault(article, path)
    return list(by_article.values())


def test_bad_cache_entries_are_recomputed_with_a_warning(pandas_run, tmp_path, capsys):
    folder, rows, _, first = pandas_run
    out = tmp_path / "out"
    shutil.copytree(folder / "out", out)
    entries = _entries(out, rows)
    forged = json.loads(entries[0].read_text())
    forged["claims"][0]["text"] = "FORGED CLAIM"  # well-formed, content hash no longer matches
    entries[0].write_text(json.dumps(forged))
    emptied = json.loads(entries[1].read_text())
    emptied["claims"] = []  # drops the article's claims
    entries[1].write_text(json.dumps(emptied))
    entries[2].write_text("[]")  # the old format, or a foreign file
    entries[3].write_bytes(entries[3].read_bytes()[:200])  # truncated
    entries[4].write_text(entries[5].read_text())  # another article's entry
    index = corpus.run_corpus(folder / "corpus.jsonl", out, progress=False)
    assert index.attrs["n_processed"] == 5
    err = capsys.readouterr().err
    assert err.count("recomputed") == 5
    for reason in ("does not match the hash", "foreign file", "not readable", "another article"):
        assert reason in err
    warnings = pd.read_parquet(out / "warnings.parquet")
    assert warnings["reason"].str.contains("recomputed").sum() == 5
    claims = pd.read_parquet(out / "claims.parquet")
    assert "FORGED CLAIM" not in set(claims["text"])
    pd.testing.assert_frame_equal(index, first)  # same results as the clean run
    again = corpus.run_corpus(folder / "corpus.jsonl", out, progress=False)
    assert again.attrs["n_processed"] == 0  # the recomputed entries verify


def test_story_folders_are_rewritten_from_the_cache(pandas_run, tmp_path):
    folder = pandas_run[0]
    out = tmp_path / "out"
    shutil.copytree(folder / "out", out)
    story = sorted((out / "stories").iterdir())[0]
    original = (story / "discrepancies.csv").read_bytes()
    (story / "discrepancies.csv").write_text("discrepancy_id\nhand-edited\n")
    (story / "notes.txt").write_text("stray file")
    index = corpus.run_corpus(folder / "corpus.jsonl", out, progress=False)
    assert index.attrs["n_stories_compared"] == 0  # reused from the cache, still rewritten
    assert (story / "discrepancies.csv").read_bytes() == original
    assert not (story / "notes.txt").exists()
    cached = out / "cache" / "stories" / json.loads((story / "story.json").read_text())["key"]
    (cached / "discrepancies.csv").write_text("discrepancy_id\nforged\n")
    index = corpus.run_corpus(folder / "corpus.jsonl", out, progress=False)
    assert index.attrs["n_stories_compared"] == 1
    assert (story / "discrepancies.csv").read_bytes() == original


def test_symlinked_story_folder_is_refused(pandas_run, tmp_path, capsys):
    folder = pandas_run[0]
    out = tmp_path / "out"
    shutil.copytree(folder / "out", out)
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "keep.txt").write_text("precious")
    story = sorted((out / "stories").iterdir())[0]
    shutil.rmtree(story)
    story.symlink_to(victim)
    with pytest.raises(corpus.UnsafeOutputError, match="symbolic link"):
        corpus.run_corpus(folder / "corpus.jsonl", out, progress=False)
    assert (victim / "keep.txt").read_text() == "precious"
    assert cli_main(["corpus", str(folder / "corpus.jsonl"), "--out", str(out)]) == 2
    assert "symbolic link" in capsys.readouterr().err
    assert sorted(p.name for p in victim.iterdir()) == ["keep.txt"]


def test_cache_keys_hash_the_stage_modules_themselves():
    """The stage names are real modules (not old-path aliases, whose source is one line), and
    the version read from their files is the one their imported source gives."""
    import hashlib
    import importlib
    import inspect

    for names in (corpus.CLAIM_STAGES, corpus.STORY_STAGES):
        modules = [importlib.import_module(n) for n in names]
        assert [m.__name__ for m in modules] == list(names)
        text = "".join(inspect.getsource(m) for m in modules)
        assert corpus._code_version(*names) == hashlib.sha256(text.encode()).hexdigest()[:16]


def test_importing_the_corpus_module_imports_no_nlp_stack():
    """Notebook 06 on a cached corpus needs neither spaCy nor the comparison stack to start."""
    import subprocess
    import sys

    code = ("import sys; import crosscheck.corpus, crosscheck.review.views; "
            "print(sorted(m for m in ('spacy', 'sklearn', 'rapidfuzz', 'networkx') "
            "if m in sys.modules))")  # fmt: skip
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout


def test_a_rerun_reads_the_grouping_back_with_the_warnings_an_uncached_rerun_gives(
    pandas_run, tmp_path, monkeypatch
):
    folder = pandas_run[0]
    source = folder / "corpus.jsonl"
    first = tmp_path / "first"  # a first run (other tests re-run the shared folder)
    shutil.copytree(folder / "out" / "cache" / "claims", first / "cache" / "claims")
    corpus.run_corpus(source, first, progress=False)
    for name in ("uncached", "cached"):
        shutil.copytree(first, tmp_path / name)
    shutil.rmtree(tmp_path / "uncached" / "cache" / "grouping")
    computed = corpus.run_corpus(source, tmp_path / "uncached", progress=False)
    expected = pd.read_parquet(tmp_path / "uncached" / "warnings.parquet")

    def refused(*args, **kwargs):
        raise AssertionError("grouped again")

    with monkeypatch.context() as patch:  # the first run left the entry this re-run needs
        patch.setattr(grouping, "group_stories", refused)
        cached = corpus.run_corpus(source, tmp_path / "cached", progress=False)
    pd.testing.assert_frame_equal(cached, computed)
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "cached" / "warnings.parquet"),
                                  expected)  # fmt: skip
    for path in (tmp_path / "cached" / "cache" / "grouping").glob("*.json"):
        path.write_text(path.read_text().replace('"story_id": ["', '"story_id": ["x'))
    again = corpus.run_corpus(source, tmp_path / "cached", progress=False)
    pd.testing.assert_frame_equal(again, computed)  # a tampered entry is recomputed ...
    reasons = pd.read_parquet(tmp_path / "cached" / "warnings.parquet")["reason"]
    assert reasons.str.contains("grouping cache entry .* recomputed: its content").any()
