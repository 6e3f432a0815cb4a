"""Benchmark: hostile inputs finish in linear time and memory (issue 18).

Run: .venv/bin/python -m benchmarks.pathological [--scale 1.0] [--big-mb 5] [--families ...]

Each pathological family is generated at 1x, 2x and 4x its base size and run in a fresh process
(so its peak memory is its own); the report gives seconds, peak resident memory (ru_maxrss) and
the doubling ratios t(2x)/t(1x) and t(4x)/t(2x): about 2 is linear, about 4 quadratic. The
stage each family attacks is the one it used to hang or exhaust:

- dateline      `AA-AA-...-A a b c` opening line -> load.clean_text (was ~n^4: 1.4 KB > 150 s)
- domain        `a.a.a....` page-chrome line     -> load.clean_text (was quadratic: 2 MB ~ a day)
- parens, quotes, mixed_quotes  a run without spaces in a sentence -> claims.extract_claims
                (spaCy's tokenizer was quadratic: 16 KB 22 s)
- initials      `A. B. C. ...` (a run of capitalised words) -> claims.extract_claims (the outlet
                and unit patterns' unbounded "*" made the entity ruler quadratic: 18 KB 5 s)
- numbers       thousands of numbers in one text -> pipeline.analyse (was 3.1 GB for 50,000)
- huge_sentence one sentence naming thousands of people -> pipeline.analyse (each mention row
                copied the claim: 0.6 MB needed 4.4 GB)
- tiny_files    a folder of many one-sentence files -> load.load_articles
- big_article   (1x only, --big-mb) a varied news text of that size -> pipeline.analyse; its
                peak memory must stay under 1.5 GB

Peak memory includes what the family's stage loads first (spaCy, the gazetteer: `baseline_mb`,
the same process after running that stage on a one-line text).
Writes benchmarks/results/pathological.json.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
BASE = {  # characters (files for tiny_files) at 1x
    "dateline": 64_000,
    "domain": 256_000,
    "parens": 8_000,
    "quotes": 8_000,
    "mixed_quotes": 8_000,
    "initials": 18_000,
    "numbers": 12_500,  # numbers; 4x = 50,000
    "huge_sentence": 50_000,
    "tiny_files": 250,
}
FIRST = "Anna Boris Carla Dmitri Elena Felix Greta Hugo Irina Jonas Katja Lars Maria".split()
LAST = "Abbott Brenner Castell Dorfman Ellery Fairbank Gorski Halvorsen Ingram Jablonski".split()
PLACES = "Harbor City, Northfield, Lake Vesna, Port Alder, Greywater, Eastmoor, Silvan Bay".split(
    ", "
)


def _names(count: int) -> list[str]:
    return [f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]}" for i in range(count)]


def make_text(family: str, size: int) -> str:
    """The hostile text of `family` at about `size` characters (numbers: `size` numbers)."""
    sentence = "Officials said on Monday that the convoy reached the bridge before noon."
    if family == "dateline":
        return "AA-" * (size // 3) + "A a b c d e f\n\n" + sentence
    if family == "domain":
        return "a." * (size // 2) + "\n\n" + sentence
    runs = {"parens": ")", "quotes": "'", "mixed_quotes": "'\"’”«»‘“"}
    if family in runs:
        unit = runs[family]
        return f"The spokesman said {(unit * size)[:size]} about the attack on Tuesday."
    if family == "initials":
        return f"The spokesman said {('A. B. C. ' * (size // 9 + 1))[:size]}about the attack."
    if family == "numbers":
        return "Officials said the counts were " + " ".join(str(i) for i in range(size)) + "."
    if family == "huge_sentence":
        names, text = _names(size // 14 + 1), "The ministry said that "
        return text + ", ".join(names)[:size] + " met in Harbor City"
    if family == "big_article":
        return _big_article(size)
    raise ValueError(f"unknown family {family!r}")


def _big_article(size: int) -> str:
    paragraphs, i = [], 0
    while sum(len(p) + 2 for p in paragraphs) < size:
        who, where = _names(i + 1)[-1], PLACES[i % len(PLACES)]
        paragraphs.append(
            f"{who}, a spokesperson for the regional council, said on Monday that {i % 90 + 3} "
            f"trucks had reached {where} before noon. The police said about {i % 40 + 2} people "
            f"were hurt, according to a statement from the mayor of {where}. Officials may "
            f"reopen the road by Friday, {who.split()[0]} told reporters."
        )
        i += 1
    return "\n\n".join(paragraphs)[:size]


def run_one(family: str, size: int) -> dict:
    """Run one family at one size in this process; seconds and peak memory (MB)."""
    from crosscheck import claims, load, pipeline

    folder = Path(tempfile.mkdtemp())
    (folder / "warm.txt").write_text("The mayor said on Monday that the road was closed.")
    if family in ("parens", "quotes", "mixed_quotes", "initials"):
        claims.extract_claims(load.load_file(folder / "warm.txt"))  # load spaCy: not timed
    elif family not in ("dateline", "domain", "tiny_files"):
        pipeline.analyse(load.load_file(folder / "warm.txt"))  # spaCy and gazetteer: not timed
    base_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    if family == "tiny_files":
        with tempfile.TemporaryDirectory() as folder:
            for i in range(size):
                who, where = _names(i + 1)[-1], PLACES[i % 7]
                body = f"{who} said the road to {where} was closed on day {i}."
                (Path(folder) / f"a{i:05d}.txt").write_text(body)
            start = time.perf_counter()
            articles, _ = load.load_articles([folder])
        rows = len(articles)
    else:
        text = make_text(family, size)
        if family in ("dateline", "domain"):
            rows = len(load.clean_text(load.normalise_text(text)).text)
        else:
            (folder / "hostile.txt").write_text(text, encoding="utf-8")
            articles = load.load_file(folder / "hostile.txt")
            if family in ("parens", "quotes", "mixed_quotes", "initials"):
                rows = len(claims.extract_claims(articles))
            else:
                case = pipeline.analyse(articles)
                rows = len(case.claims) + len(case.entities)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"family": family, "size": size, "seconds": round(seconds, 3),
            "peak_mb": round(peak_mb), "baseline_mb": round(base_mb), "rows": rows}  # fmt: skip


def _child(family: str, size: int) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.pathological", "--one", family, str(size)],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every base size")
    parser.add_argument("--big-mb", type=float, default=5.0, help="big_article size (0: skip)")
    parser.add_argument("--families", nargs="*", default=list(BASE))
    parser.add_argument("--one", nargs=2, metavar=("FAMILY", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one[0], int(args.one[1]))))
        return 0
    report = {"families": {}, "big_article": None}
    for family in args.families:
        base = max(1, int(BASE[family] * args.scale))
        runs = [_child(family, base * k) for k in (1, 2, 4)]
        t = [max(r["seconds"], 1e-3) for r in runs]
        ratios = [round(t[1] / t[0], 2), round(t[2] / t[1], 2)]
        report["families"][family] = {"runs": runs, "doubling_ratios": ratios}
        sizes = " / ".join(f"{r['size']:,}: {r['seconds']:.2f} s {r['peak_mb']} MB" for r in runs)
        print(f"{family:14s} {sizes}   doubling ratios {ratios[0]} {ratios[1]}", flush=True)
    if args.big_mb:
        big = _child("big_article", int(args.big_mb * 1024 * 1024))
        big["under_1_5_gb"] = big["peak_mb"] < 1536
        report["big_article"] = big
        print(f"big_article    {args.big_mb} MB: {big['seconds']:.0f} s, peak {big['peak_mb']}"
              f" MB (baseline {big['baseline_mb']} MB), under 1.5 GB: {big['under_1_5_gb']}",
              flush=True)  # fmt: skip
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "pathological.json").write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
