"""Run every benchmark and evaluation in turn (`make bench`); each prints its own ratio/figures
and writes JSON to benchmarks/results/. The corpus benchmark runs 1,000 articles here; pass
`--sizes 1000 10000` to `python -m benchmarks.corpus` for the full run (about 25 minutes on 2
cores)."""

import subprocess
import sys

RUNS = [
    ["claims"],
    ["timeline"],
    ["entities"],
    ["discrepancies"],
    ["review"],
    ["corpus", "--sizes", "1000"],
    ["timex_eval"],
    ["entity_eval"],
    ["alignment_eval"],
    ["provenance_eval"],
    ["pathological"],
]


def main() -> int:
    failed = []
    for name, *args in RUNS:
        print(f"\n=== benchmarks.{name} {' '.join(args)}", flush=True)
        if subprocess.run([sys.executable, "-m", f"benchmarks.{name}", *args]).returncode:
            failed.append(name)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
