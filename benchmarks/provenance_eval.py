"""Provenance on constructed MEANTIME pairs: precision/recall of the relation, direction accuracy.

Run: .venv/bin/python -m benchmarks.provenance_eval [--claims simple|spacy] [--align simple|library]

Pairs come from tests/data/provenance/make_pairs.py (seeded): rule-based rewrites of one article
(expected derived, with direction), two different articles of one topic corpus (independent), two
rewrites of one article without the original (shared_source). Baseline measured in the same run:
a claim-coverage-only rule (derived when >= 50% of either article's claims align, source = the
dated or longer article), to show what the other evidence adds.

Real pairs (--ecbplus, default the shared ECB+ topics 1-35): every pair of documents of one
gold story, each run as a two-article case. Pairs sharing < 30% of their word 8-grams (shared /
8-grams of the shorter text) are separate reports of one event: at most 3% may be called
derived. Pairs above that overlap are reprints: the report counts how many are called derived.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import re
import time
from pathlib import Path

import pandas as pd

from crosscheck.provenance import RELATIONS, provenance

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"


def load_make_pairs():
    path = ROOT / "tests" / "data" / "provenance" / "make_pairs.py"
    spec = importlib.util.spec_from_file_location("provenance_make_pairs", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def claims_and_alignment(articles: pd.DataFrame, mp, claims_mode: str, align_mode: str):
    if claims_mode == "spacy":
        from crosscheck.claims import extract_claims

        claims = extract_claims(articles)
    else:
        claims = mp.simple_claims(articles)
    if align_mode == "library":
        from crosscheck.discrepancies import align_claims

        alignment = align_claims(claims)
    else:
        alignment = mp.simple_align(claims)
    return claims, alignment


def baseline(claims: pd.DataFrame, alignment: pd.DataFrame, articles: pd.DataFrame):
    a, b = sorted(articles["article_id"])
    n = claims.groupby("article_id").size()
    al = alignment[alignment["status"] == "aligned"]
    cov = max(al["claim_a"].nunique() / n.get(a, 1), al["claim_b"].nunique() / n.get(b, 1))
    if cov < 0.5:
        return "independent", ""
    pub = articles.set_index("article_id")["published"]
    if bool(pub[a]) != bool(pub[b]):
        return "derived", "a->b" if pub[a] else "b->a"
    return "derived", "a->b" if n.get(a, 0) >= n.get(b, 0) else "b->a"


def scores(results: list[dict], key: str) -> dict:
    out = {}
    for rel in RELATIONS:
        tp = sum(r["expected"] == rel and r[key] == rel for r in results)
        predicted = sum(r[key] == rel for r in results)
        actual = sum(r["expected"] == rel for r in results)
        if actual or predicted:
            out[rel] = {
                "precision": tp / predicted if predicted else 0.0,
                "recall": tp / actual if actual else 0.0,
                "n_expected": actual,
                "n_predicted": predicted,
            }
    derived = [r for r in results if r["expected"] == "derived" and r[key] == "derived"]
    out["direction_accuracy"] = (
        sum(r[key + "_direction"] == r["expected_direction"] for r in derived) / len(derived)
        if derived
        else 0.0
    )
    out["accuracy"] = sum(r["expected"] == r[key] for r in results) / len(results)
    return out


ECBPLUS = ROOT.parent / "shared" / "corpora" / "ecbplus_dev" / "docs.jsonl"
REPRINT_OVERLAP = 0.3


def eight_gram_overlap(a: str, b: str) -> float:
    """Shared word 8-grams over the 8-grams of the shorter text (lower case words)."""
    grams = []
    for text in (a, b):
        words = re.findall(r"\w+", text.lower())
        grams.append({tuple(words[i : i + 8]) for i in range(len(words) - 7)})
    smaller = min(len(grams[0]), len(grams[1]))
    return len(grams[0] & grams[1]) / smaller if smaller else 0.0


def ecbplus_pairs(mp, path=ECBPLUS, claims_mode="simple", align_mode="simple") -> dict:
    """Provenance of every same-story pair of ECB+ documents (two-article cases)."""
    docs = pd.read_json(path, lines=True)
    docs = docs[docs["topic"] <= 35]  # never the test topics 36-45
    rows = []
    for _, group in docs.groupby("story", sort=True):
        for x, y in itertools.combinations(group.to_dict("records"), 2):
            articles = pd.DataFrame(
                [{"article_id": d["id"], "text": d["text"], "published": ""} for d in (x, y)]
            )
            claims, alignment = claims_and_alignment(articles, mp, claims_mode, align_mode)
            row = provenance(articles, claims, alignment).iloc[0]
            rows.append(
                {
                    "story": x["story"],
                    "a": row["article_a"],
                    "b": row["article_b"],
                    "overlap8": round(eight_gram_overlap(x["text"], y["text"]), 3),
                    "relation": row["relation"],
                    "direction": row["direction"],
                    "reuse": row["reuse"],
                    "evidence": row["evidence"],
                }
            )
    table = pd.DataFrame(rows)
    low = table[table["overlap8"] < REPRINT_OVERLAP]
    high = table[table["overlap8"] >= REPRINT_OVERLAP]
    return {
        "n_pairs": len(table),
        "separate_reports": {
            "n": len(low),
            "n_derived": int((low["relation"] == "derived").sum()),
            "derived_rate": round(float((low["relation"] == "derived").mean()), 4),
            "relations": low["relation"].value_counts().to_dict(),
        },
        "reprints": {
            "n": len(high),
            "n_derived": int((high["relation"] == "derived").sum()),
            "relations": high["relation"].value_counts().to_dict(),
        },
        "derived_separate_reports": low[low["relation"] == "derived"].to_dict("records"),
        "reprint_pairs": high.to_dict("records"),
    }


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--claims", choices=["simple", "spacy"], default="simple")
    parser.add_argument("--align", choices=["simple", "library"], default="simple")
    parser.add_argument("--seeds", default="0,1,2,3,4", help="generator seeds, comma-separated")
    parser.add_argument("--ecbplus", default=str(ECBPLUS), help="ECB+ docs.jsonl ('' to skip)")
    args = parser.parse_args(argv)
    mp = load_make_pairs()
    seeds = [int(x) for x in args.seeds.split(",")]
    cases = [dict(c, name=f"s{seed}-{c['name']}") for seed in seeds for c in mp.build_cases(seed)]
    results = []
    t0 = time.perf_counter()
    for case in cases:
        articles = pd.DataFrame(case["articles"])
        claims, alignment = claims_and_alignment(articles, mp, args.claims, args.align)
        prov = provenance(articles, claims, alignment)
        base_rel, base_dir = baseline(claims, alignment, articles)
        for a, b, rel, direction in case["expected"]:
            row = prov[(prov["article_a"] == a) & (prov["article_b"] == b)].iloc[0]
            results.append(
                {
                    "case": case["name"],
                    "expected": rel,
                    "expected_direction": direction,
                    "got": row["relation"],
                    "got_direction": row["direction"],
                    "score": row["score"],
                    "reuse": row["reuse"],
                    "coverage_a": row["coverage_a"],
                    "coverage_b": row["coverage_b"],
                    "order": row["order"],
                    "direction_score": row["direction_score"],
                    "baseline": base_rel,
                    "baseline_direction": base_dir,
                }
            )
    elapsed = time.perf_counter() - t0
    ours, base = scores(results, "got"), scores(results, "baseline")
    report = {
        "n_pairs": len(results),
        "claims": args.claims,
        "align": args.align,
        "seeds": seeds,
        "seconds": round(elapsed, 2),
        "provenance": ours,
        "baseline_coverage_only": base,
        "accuracy_ratio_vs_baseline": round(ours["accuracy"] / max(base["accuracy"], 1e-9), 3),
        "pairs": results,
    }
    print(
        f"{len(results)} constructed pairs ({args.claims} claims, {args.align} alignment), "
        f"{elapsed:.1f} s"
    )
    for rel in RELATIONS:
        if rel in ours:
            m, bm = ours[rel], base.get(rel, {"precision": 0.0, "recall": 0.0})
            print(
                f"  {rel:14s} precision {m['precision']:.2f} recall {m['recall']:.2f} "
                f"(n={m['n_expected']})   baseline P {bm['precision']:.2f} R {bm['recall']:.2f}"
            )
    print(
        f"  direction accuracy on derived pairs: {ours['direction_accuracy']:.2f} "
        f"(baseline {base['direction_accuracy']:.2f})"
    )
    print(
        f"  relation accuracy {ours['accuracy']:.2f} vs baseline {base['accuracy']:.2f}: "
        f"ratio {report['accuracy_ratio_vs_baseline']:.2f}"
    )
    for r in results:
        if r["got"] != r["expected"] or r["got_direction"] != r["expected_direction"]:
            print(
                f"  miss {r['case']}: got {r['got']} {r['got_direction']!r} "
                f"reuse {r['reuse']} cov {r['coverage_a']}/{r['coverage_b']} "
                f"order {r['order']} dir {r['direction_score']}"
            )
    if args.ecbplus and Path(args.ecbplus).exists():
        real = ecbplus_pairs(mp, args.ecbplus, args.claims, args.align)
        report["ecbplus_same_story_pairs"] = real
        sep, rep = real["separate_reports"], real["reprints"]
        print(
            f"  ECB+ same-story pairs: {real['n_pairs']}; sharing < 30% of word 8-grams: "
            f"{sep['n']}, called derived {sep['n_derived']} ({sep['derived_rate']:.1%}); "
            f"reprints (>= 30%): {rep['n']}, called derived {rep['n_derived']}"
        )
        print(f"    relations of separate reports: {sep['relations']}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"provenance_eval_{args.claims}_{args.align}.json"
    out.write_text(json.dumps(report, indent=2, default=str), encoding="utf-8")
    print(f"  results: {out.relative_to(ROOT)}")
    return report


if __name__ == "__main__":
    main()
