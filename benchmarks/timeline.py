"""Benchmark: temporal expressions tagged per second, crosscheck.timex vs dateparser.

Run: .venv/bin/python -m benchmarks.timeline [--docs 500] [--heldout]

Texts: the MEANTIME English Wikinews articles of the dev half (corpus_airbus, corpus_apple;
the split of benchmarks/timex_eval.py), rebuilt from tokens and cycled to --docs documents;
--heldout (the integrator's final measurement) uses all 120, the held-out half included.
Both taggers get the same texts and the document creation time as reference in the same run;
the baseline is dateparser.search.search_dates (languages=["en"]). Times are CPU seconds of
this process (time.process_time), so other jobs on the machine do not skew the ratio. Prints
both throughputs (expressions/s and documents/s), the speed ratio, and each tagger's
TempEval-3 measures on the MEANTIME gold of the same documents (see benchmarks/timex_eval.py).
"""

from __future__ import annotations

import argparse
import itertools
import json
import time

from benchmarks.timex_eval import (
    DEV,
    HELDOUT,
    RESULTS,
    dateparser_tagger,
    load_corpus,
    rules_tagger,
    score,
)


def _run(tagger, docs):
    t0 = time.process_time()
    preds = [tagger(d) for d in docs]
    seconds = time.process_time() - t0
    n = sum(len(p) for p in preds)
    return {"expressions": n, "seconds": seconds, "expr_per_s": n / seconds, "docs": len(docs)}


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=500)
    ap.add_argument("--heldout", action="store_true", help="all 120 documents, held-out too")
    args = ap.parse_args(argv)
    split = "all" if args.heldout else "dev"
    corpus = load_corpus(DEV + HELDOUT if args.heldout else DEV)
    docs = list(itertools.islice(itertools.cycle(corpus), max(args.docs, len(corpus))))
    rules_tagger(docs[0]), dateparser_tagger(docs[0])  # warm up (regex compile, dateparser init)
    speed = {"timex": _run(rules_tagger, docs), "dateparser": _run(dateparser_tagger, docs)}
    accuracy = {}
    for name, tagger in (("timex", rules_tagger), ("dateparser", dateparser_tagger)):
        r = score(corpus, [tagger(d) for d in corpus])
        accuracy[name] = {k: round(v, 3) for k, v in r.items() if k != "errors"}
    ratio = speed["timex"]["expr_per_s"] / speed["dateparser"]["expr_per_s"]
    doc_ratio = speed["dateparser"]["seconds"] / speed["timex"]["seconds"]
    print(f"documents: {len(docs)} ({len(corpus)} MEANTIME {split} texts cycled), same for both")
    print(f"{'tagger':<12}{'expr':>8}{'seconds':>10}{'expr/s':>10}{'docs/s':>9}", end="")
    print(f"{'strict F1':>11}{'relaxed F1':>12}{'value F1':>10}{'type acc':>10}")
    for name in ("timex", "dateparser"):
        s, a = speed[name], accuracy[name]
        print(
            f"{name:<12}{s['expressions']:>8}{s['seconds']:>10.2f}{s['expr_per_s']:>10.0f}"
            f"{s['docs'] / s['seconds']:>9.1f}{a['strict_f1']:>11.3f}{a['relaxed_f1']:>12.3f}"
            f"{a['value_f1']:>10.3f}{a['type_acc']:>10.3f}"
        )
    print(f"ratio (expressions/s, timex / dateparser): {ratio:.1f}x")
    print(f"ratio (documents/s, timex / dateparser): {doc_ratio:.1f}x")
    out = {
        "split": split,
        "speed": speed,
        "accuracy": accuracy,
        "ratio_expr_per_s": ratio,
        "ratio_docs": doc_ratio,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "timeline.json").write_text(json.dumps(out, indent=2))
    return out


if __name__ == "__main__":
    main()
