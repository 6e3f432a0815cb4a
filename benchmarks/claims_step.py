"""Where the per-article (claims) step of the corpus run spends its CPU: spaCy vs crosscheck.

Run: .venv/bin/python -m benchmarks.claims_step [--size 300] [--seed 7]

Builds the synthetic corpus of benchmarks/make_corpus.py, runs extract_claims on it in
partitions of running.corpus.PARTITION articles (as the corpus runner does) and prints the CPU
seconds (time.process_time: a machine shared with other jobs disturbs it less than wall time)
spent inside spaCy's Language.pipe (the model, plus crosscheck's pipeline components: guarded
tokenizer, paragraph breaks, title abbreviations, place ruler, person guard) and outside it
(crosscheck's own per-sentence work: attribution, cues, certainty, quantities, timex, headline
truecasing, schema validation), then a sha256 of the claims table. To compare two checkouts, run
it once with each (PYTHONPATH=<checkout>/lib, one after the other): the digests must be equal
(same results) and the ratio of the totals is the speed-up.
"""

from __future__ import annotations

import argparse
import hashlib
import tempfile
import time
import warnings
from pathlib import Path

from benchmarks.make_corpus import make_corpus, write_jsonl


def _timed_pipe(spent: list[float]):
    """Language.pipe, with the CPU seconds spent producing each doc added to spent[0]."""
    from spacy.language import Language

    original = Language.pipe

    def pipe(self, *args, **kwargs):
        docs = original(self, *args, **kwargs)
        while True:
            start = time.process_time()
            doc = next(docs, None)
            spent[0] += time.process_time() - start
            if doc is None:
                return
            yield doc

    Language.pipe = pipe


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    import pandas as pd

    from crosscheck.load import load_articles
    from crosscheck.running.corpus import PARTITION
    from crosscheck.text.claims import extract_claims

    with tempfile.TemporaryDirectory() as tmp:
        path = write_jsonl(make_corpus(args.size, seed=args.seed), Path(tmp) / "corpus.jsonl")
        articles = load_articles(path)[0]
    spent = [0.0]
    _timed_pipe(spent)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        extract_claims(articles.head(2))  # loads the model and the lexicons: not timed
        spent[0] = 0.0
        start = time.process_time()
        parts = [
            extract_claims(articles.iloc[i : i + PARTITION])
            for i in range(0, len(articles), PARTITION)
        ]
        total = time.process_time() - start
    claims = pd.concat(parts, ignore_index=True)
    digest = hashlib.sha256(claims.to_json().encode()).hexdigest()[:16]
    print(f"articles {len(articles)}  claims {len(claims)}  sha256 {digest}")
    print(f"CPU s: total {total:.2f}  spaCy pipe {spent[0]:.2f} ({spent[0] / total:.0%})"
          f"  crosscheck own {total - spent[0]:.2f} ({1 - spent[0] / total:.0%})")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
