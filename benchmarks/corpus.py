"""Corpus benchmark: articles per second end to end, pandas vs Dask LocalCluster, peak memory.

Run: .venv/bin/python -m benchmarks.corpus [--sizes 1000 10000] [--seed 7] [--engines pandas dask]

The corpus is synthetic (benchmarks/make_corpus.py: real MEANTIME sentences, synthetic outlets,
dates and rewrites). Each (size, engine) runs `crosscheck.corpus.run_corpus` in a fresh Python
process on a fresh output folder (cold cache: every article is parsed), end to end: loading,
claims, grouping, per-story comparison, writing. Dask: a LocalCluster of 2 worker processes
x 1 thread, started inside the timed run. Peak RSS: the process tree (driver + Dask workers)
sampled from /proc every 0.2 s, summed per sample, maximum over samples; CPU seconds of the tree
(user + system, from getrusage of the waited-for children). A second pandas run on
the same folder measures the incremental re-run (everything cached). Printed ratio: Dask
throughput / pandas throughput in the same run (target >= 1.6); on a machine shared with other
jobs compare the CPU seconds too: the load average before each run and the CPU cores two busy
processes actually get (a 3 s calibration burn) are recorded. Results JSON:
benchmarks/results/corpus.json.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.make_corpus import make_corpus, write_jsonl

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
PAGE = os.sysconf("SC_PAGE_SIZE")


def _tree(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def _rss(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            continue
    return total


def _burn(seconds: float) -> float:
    start, cpu = time.perf_counter(), time.process_time()
    while time.perf_counter() - start < seconds:
        sum(range(10_000))
    return time.process_time() - cpu


def free_cores(n: int = 2, seconds: float = 3.0) -> float:
    """CPU cores this machine gives `n` busy processes right now (2.0 on an idle 2-core box)."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(n) as pool:
        return round(sum(pool.map(_burn, [seconds] * n)) / seconds, 2)


def measure(args: list[str]) -> dict:
    """Run `python -m benchmarks.corpus --one ...` and sample its process tree's RSS."""
    start = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load = os.getloadavg()[0]
    proc = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.corpus", "--one", *args],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _rss(_tree(proc.pid)))
        time.sleep(0.2)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    output = proc.stdout.read().strip().splitlines()
    if proc.returncode != 0 or not output:
        raise RuntimeError(f"benchmark run {args} failed (exit {proc.returncode})")
    result = json.loads(output[-1])
    return {**result, "wall_seconds": round(wall, 1), "cpu_seconds": round(cpu, 1),
            "peak_rss_mb": round(peak / 2**20), "load_average_before": load}  # fmt: skip


def one(engine: str, source: str, out: str) -> None:
    """The measured process: one run_corpus call; prints its attrs as JSON."""
    from crosscheck.corpus import run_corpus

    index = run_corpus(source, out, engine=engine, progress=False)
    print(json.dumps(index.attrs))


def main(argv=None) -> int:
    sys.stdout.reconfigure(line_buffering=True)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--engines", nargs="+", default=["pandas", "dask"])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--one", nargs=3, metavar=("ENGINE", "SOURCE", "OUT"), help="internal")
    args = parser.parse_args(argv)
    if args.one:
        one(*args.one)
        return 0
    results = []
    with tempfile.TemporaryDirectory(prefix="crosscheck-bench-") as tmp:
        for size in args.sizes:
            source = write_jsonl(make_corpus(size, args.seed), Path(tmp) / f"corpus_{size}.jsonl")
            row = {"n_articles": size, "free_cores_before": free_cores()}
            print(f"{size:>6} cores free for 2 busy processes: {row['free_cores_before']}")
            for engine in args.engines:
                out = Path(tmp) / f"out_{size}_{engine}"
                run = measure([engine, str(source), str(out)])
                row[engine] = {**run, "articles_per_second": round(size / run["wall_seconds"], 2)}
                speed = size / run["wall_seconds"]
                print(
                    f"{size:>6} {engine:<6} {run['wall_seconds']:>8.1f} s {speed:>7.2f} "
                    f"articles/s, CPU {run['cpu_seconds']} s, peak RSS {run['peak_rss_mb']} MB, "
                    f"load before {run['load_average_before']:.1f}, {run['seconds']}"
                )
                if engine == "pandas":
                    rerun = measure([engine, str(source), str(out)])
                    row["pandas_rerun"] = rerun
                    print(f"{size:>6} rerun  {rerun['wall_seconds']:>8.1f} s "
                          f"(n_processed={rerun['n_processed']}, "
                          f"n_stories_reused={rerun['n_stories_reused']})")  # fmt: skip
            if "pandas" in row and "dask" in row:
                ratio = row["dask"]["articles_per_second"] / row["pandas"]["articles_per_second"]
                row["dask_over_pandas"] = round(ratio, 2)
                print(f"{size:>6} Dask (2 workers) / pandas throughput: {ratio:.2f}x (target 1.6)")
            results.append(row)
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / "corpus.json"
    path.write_text(json.dumps({"cpus": os.cpu_count(), "results": results}, indent=2) + "\n")
    print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
