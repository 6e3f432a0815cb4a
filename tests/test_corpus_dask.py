"""Corpus scale on Dask: a real LocalCluster with two worker processes gives the same outputs as
the pandas engine, and each worker loads the spaCy model once."""

import filecmp

import pandas as pd
import pytest

from crosscheck import corpus
from test_corpus import corpus_rows, write_corpus

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as local:
        yield local


def _story_files(out):
    return sorted(p.relative_to(out) for p in (out / "stories").rglob("*.csv"))


def test_dask_matches_pandas(tmp_path, cluster):
    rows, _ = corpus_rows()
    source = write_corpus(rows, tmp_path / "corpus.jsonl")
    by_pandas = corpus.run_corpus(source, tmp_path / "pandas", progress=False)
    by_dask = corpus.run_corpus(
        source, tmp_path / "dask", engine="dask", scheduler=cluster.scheduler_address,
        progress=False,
    )  # fmt: skip
    assert by_dask.attrs["n_processed"] == len(rows)
    pd.testing.assert_frame_equal(by_pandas, by_dask)
    assert (by_dask["n_articles"] >= 2).any()
    for name in ("stories.parquet", "claims.parquet", "articles.parquet"):
        pd.testing.assert_frame_equal(
            pd.read_parquet(tmp_path / "pandas" / name), pd.read_parquet(tmp_path / "dask" / name)
        )
    files = _story_files(tmp_path / "pandas")
    assert files == _story_files(tmp_path / "dask")
    for file in files:
        assert filecmp.cmp(tmp_path / "pandas" / file, tmp_path / "dask" / file, shallow=False)

    with distributed.Client(cluster) as client:
        loads = client.run(lambda: __import__("crosscheck.claims").claims.nlp.cache_info().misses)
    assert max(loads.values()) == 1  # loaded once per worker, not per article or partition


def test_dask_rerun_reuses_cache(tmp_path, cluster):
    rows, _ = corpus_rows()
    source = write_corpus(rows[:6], tmp_path / "corpus.jsonl")
    corpus.run_corpus(source, tmp_path / "out", progress=False)
    index = corpus.run_corpus(
        source, tmp_path / "out", engine="dask", scheduler=cluster.scheduler_address,
        progress=False,
    )  # fmt: skip
    assert index.attrs["n_processed"] == 0 and index.attrs["n_cached"] == 6
