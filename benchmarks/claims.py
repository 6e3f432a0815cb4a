"""Benchmark: claims extracted per second by crosscheck.claims vs spaCy's own nlp.pipe.

Run: .venv/bin/python -m benchmarks.claims [--docs 500] [--repeats 2]

Texts: the 120 MEANTIME English Wikinews articles in data/corpora/meantime_en/ (CC BY 4.0,
(c) 2015 FBK, VU University Amsterdam, UPV/EHU; Minard et al., LREC 2016; see PROVENANCE.md
there), rebuilt from their XML tokens (title and date line as their own paragraphs), cycled to
--docs documents. Baseline: plain `spacy.load(MODEL).pipe` over the same texts, same model, same
run. Ratio = baseline seconds / extract_claims seconds (1.0: extracting claims costs no more
than the parse; target >= 0.8). The two sides alternate in batches of --batch documents (so a
busy, shared machine slows both alike); the whole pass runs --repeats times and the best total
of each side counts. The share of crosscheck.timeline.extract_times (called by extract_claims)
is reported. A second baseline runs crosscheck.claims.nlp() with the components extract_claims
enables (its entity ruler and paragraph breaks, no lemmatizer or attribute_ruler): the fair floor.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import time
from pathlib import Path

import pandas as pd
import spacy
from lxml import etree

from crosscheck.claims import BATCH_SIZE, MODEL, extract_claims, nlp
from crosscheck.timeline import extract_times

DISABLED = ["lemmatizer", "attribute_ruler"]  # what extract_claims leaves out

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "corpora" / "meantime_en" / "intra_cross-doc_annotation"
RESULTS = ROOT / "benchmarks" / "results"
NO_SPACE_BEFORE = {".", ",", ";", ":", "!", "?", ")", "]", "%", "'s", "n't", "'", "''", "'re"}
NO_SPACE_AFTER = {"(", "[", "$", "``"}


def detokenize(tokens: list[str]) -> str:
    out = ""
    for tok in tokens:
        if out and tok not in NO_SPACE_BEFORE and out[-1] not in NO_SPACE_AFTER:
            out += " "
        out += tok
    return out


def load_meantime() -> list[dict]:
    """One dict per article: article_id, text (title, date, body as paragraphs), published."""
    docs = []
    for path in sorted(CORPUS.glob("*/*.xml")):
        root = etree.parse(str(path)).getroot()
        sentences: dict[int, list[str]] = {}
        for tok in root.iter("token"):
            sentences.setdefault(int(tok.get("sentence")), []).append(tok.text or "")
        parts = [detokenize(sentences[k]) for k in sorted(sentences)]
        text = "\n\n".join(parts[:2] + [" ".join(parts[2:])])
        dct = root.find(".//TIMEX3[@functionInDocument='CREATION_TIME']")
        published = dct.get("value", "") if dct is not None else ""
        published = published if re.fullmatch(r"\d{4}-\d{2}-\d{2}", published) else ""
        docs.append({"article_id": root.get("doc_id"), "text": text, "published": published})
    return docs


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=500)
    ap.add_argument("--repeats", type=int, default=2)
    ap.add_argument("--batch", type=int, default=25, help="documents per alternating batch")
    args = ap.parse_args(argv)
    corpus = load_meantime()
    rows = [
        {**doc, "article_id": f"{doc['article_id']}#{i}"}
        for i, doc in enumerate(itertools.islice(itertools.cycle(corpus), args.docs))
    ]
    articles = pd.DataFrame(rows)
    texts = list(articles["text"])
    plain = spacy.load(MODEL)
    nlp()  # load both pipelines before timing
    extract_claims(articles.head(3)), list(plain.pipe(texts[:3]))

    # The machine may be shared: alternate small batches so both sides see the same load.
    same = nlp()  # the pipeline extract_claims runs, with the same components enabled
    best = {k: float("inf") for k in ("spacy", "same", "claims", "times")}
    n_claims = 0
    batches = [slice(i, i + args.batch) for i in range(0, len(rows), args.batch)]
    for _ in range(args.repeats):
        total = dict.fromkeys(best, 0.0)
        n_claims = 0
        for part in batches:
            t0 = time.perf_counter()
            for _doc in plain.pipe(texts[part]):
                pass
            total["spacy"] += time.perf_counter() - t0
            t0 = time.perf_counter()
            for _doc in same.pipe(texts[part], batch_size=BATCH_SIZE, disable=DISABLED):
                pass
            total["same"] += time.perf_counter() - t0
            t0 = time.perf_counter()
            n_claims += len(extract_claims(articles.iloc[part]))
            total["claims"] += time.perf_counter() - t0
            t0 = time.perf_counter()
            for row in rows[part]:
                extract_times(row["text"], reference=row["published"] or None)
            total["times"] += time.perf_counter() - t0
        best = {k: min(best[k], total[k]) for k in best}

    ratio = best["spacy"] / best["claims"]
    out = {
        "documents": len(texts),
        "characters": sum(map(len, texts)),
        "claims": n_claims,
        "seconds": best,
        "claims_per_s": n_claims / best["claims"],
        "spacy_docs_per_s": len(texts) / best["spacy"],
        "claims_docs_per_s": len(texts) / best["claims"],
        "ratio": ratio,
        "ratio_same_components": best["same"] / best["claims"],
        "timeline_share": best["times"] / best["claims"],
    }
    print(f"documents: {len(texts)} (MEANTIME texts cycled), {out['characters']} characters")
    print(f"spaCy nlp.pipe (baseline): {best['spacy']:.2f} s, {out['spacy_docs_per_s']:.1f} docs/s")
    print(
        f"extract_claims:            {best['claims']:.2f} s, {out['claims_docs_per_s']:.1f} docs/s,"
        f" {n_claims} claims, {out['claims_per_s']:.0f} claims/s"
    )
    print(f"  of which timeline.extract_times: {best['times']:.2f} s")
    print(f"ratio (spaCy seconds / extract_claims seconds): {ratio:.2f} (target >= 0.8)")
    print(
        f"ratio vs a pipe with extract_claims' components: {out['ratio_same_components']:.2f}"
        " (the fair floor)"
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "claims.json").write_text(json.dumps(out, indent=2))
    return out


if __name__ == "__main__":
    main()
