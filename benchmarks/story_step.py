"""Where the per-story step of the corpus run spends its time: CPU seconds per stage.

Run: .venv/bin/python -m benchmarks.story_step [--size 1000] [--seed 7] [--out DIR]
     [--stories N]

Builds the synthetic corpus of benchmarks/make_corpus.py, extracts its claims into DIR/cache
(reused when DIR is given again: a cached run times the story step alone), groups the articles
into stories, then runs pipeline.analyse_claims and write_outputs on each story of two or more
articles (the work of running.corpus.compare_story, without its story cache) and prints the CPU
seconds (time.process_time, so a machine shared with other jobs disturbs it less than wall time)
spent in each stage and a sha256 of every story's output files. To compare two checkouts, run
this once with each (PYTHONPATH=<checkout>/lib, same --out, at the same time): the digests must
be equal (same results) and the per-stage ratios are the speed-up. Stages nest: align_claims
includes the normalise.prime spaCy parse of the claims.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import tempfile
import time
import warnings
from collections import defaultdict
from pathlib import Path

from benchmarks.make_corpus import make_corpus, write_jsonl

STAGES = {
    "crosscheck.entities": ["cluster_speakers", "cluster_entities", "entity_pairs"],
    "crosscheck.running.pipeline": ["with_nearest_places", "with_nearest_in_explanations",
                                    "with_corroboration", "write_outputs"],
    "crosscheck.discrepancies": ["align_claims", "find_discrepancies", "agreements"],
    "crosscheck.comparison.offtopic": ["off_topic", "story_groups"],
    "crosscheck.timeline": ["build_timeline", "claim_events"],
    "crosscheck.provenance": ["provenance", "independent_sources"],
}  # fmt: skip
PRIME_USERS = ("crosscheck.comparison.align", "crosscheck.comparison.discrepancies")


def _timed(seconds: dict, label: str, func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        start = time.process_time()
        try:
            return func(*args, **kwargs)
        finally:
            seconds[label] += time.process_time() - start

    return wrapper


def _instrument(seconds: dict) -> None:
    """Wrap each stage function where the pipeline looks it up (module attributes)."""
    import importlib

    for module, names in STAGES.items():
        mod = importlib.import_module(module)
        for name in names:
            setattr(mod, name, _timed(seconds, name, getattr(mod, name)))
    from crosscheck.comparison import normalise

    prime = _timed(seconds, "prime (spaCy parse of claims)", normalise.prime)
    for module in PRIME_USERS:
        importlib.import_module(module).prime = prime


def run(size: int, seed: int, out: Path, max_stories: int) -> dict:
    from crosscheck import load as load_mod
    from crosscheck.running import corpus, pipeline

    source = out / f"corpus_{size}_{seed}.jsonl"
    if not source.exists():
        write_jsonl(make_corpus(size, seed), source)
    articles, _ = load_mod.load_articles([source])
    cache_dir = out / "cache" / "claims"
    cache_dir.mkdir(parents=True, exist_ok=True)
    start = time.process_time()
    enriched = corpus._pandas_claims(articles, cache_dir, False)
    claims_seconds = time.process_time() - start
    stories = corpus._group(enriched, False, out / "stories.parquet")
    work = enriched.merge(corpus._multi(stories), on="article_id", how="inner")
    seconds: dict[str, float] = defaultdict(float)
    _instrument(seconds)
    digest = hashlib.sha256()
    start = time.process_time()
    n_stories = 0
    with tempfile.TemporaryDirectory(prefix="crosscheck-story-step-") as tmp:
        for story_id, group in work.groupby("story_id", sort=True):
            if n_stories >= max_stories:
                break
            n_stories += 1
            group = group.sort_values("article_id").reset_index(drop=True)
            drop = [c for c in [*corpus.EXTRA_COLUMNS, "story_id"] if c in group]
            case = pipeline.analyse_claims(
                group.drop(columns=drop), corpus.claims_table(group, cache_dir)
            )
            folder = Path(tmp) / story_id
            pipeline.write_outputs(case, folder)
            for path in sorted(folder.iterdir()):
                digest.update(f"{story_id}/{path.name}".encode())
                digest.update(path.read_bytes())
    total = time.process_time() - start
    stages = {k: round(v, 2) for k, v in sorted(seconds.items(), key=lambda kv: -kv[1])}
    return {"n_articles": size, "seed": seed, "n_stories": n_stories,
            "claims_cpu_seconds": round(claims_seconds, 2),
            "story_step_cpu_seconds": round(total, 2), "stages": stages,
            "outputs_sha256": digest.hexdigest()}  # fmt: skip


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--stories", type=int, default=10**9, help="at most this many stories")
    parser.add_argument("--out", type=Path, help="working folder (claims cache); default: temp")
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")  # the per-story notes (few aligned claims) are expected
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        result = run(args.size, args.seed, args.out, args.stories)
    else:
        with tempfile.TemporaryDirectory(prefix="crosscheck-story-step-") as tmp:
            result = run(args.size, args.seed, Path(tmp), args.stories)
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
