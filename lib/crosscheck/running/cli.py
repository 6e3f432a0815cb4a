"""Command line: `crosscheck compare FILE... --out DIR` (also `python -m crosscheck compare ...`).

Exit codes: 0 ok, 2 bad input (a one-line reason on stderr naming the file).
`crosscheck verify-log DIR` checks the hash chain of a decision log folder: one line per file
(lines, ok, unchained, problems, head hash), then one line per problem (file:line: status:
reason); exit 0 clean (unchained old-format lines are not problems), 1 problems found (a line
edited, removed, reordered, inserted, torn or unreadable, or a refused file), 2 bad usage.
Above MAX_COMPARE_ARTICLES (100) articles, `compare` warns (stderr and warnings.csv) with the
number of article pairs it will compare and recommends `crosscheck corpus`.
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings as warnings_module
from pathlib import Path

from crosscheck.load import LoadError, load_articles

MAX_COMPARE_ARTICLES = 100  # above this, `compare` warns: every pair of articles is compared


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="crosscheck", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    compare = sub.add_parser("compare", help="compare the articles of one case")
    compare.add_argument("files", nargs="+", help="article files or folders")
    compare.add_argument("--out", required=True, help="output folder for the CSV files")
    compare.add_argument(
        "--decisions", help="decision log folder whose entity overrides are applied (read only)"
    )
    corpus = sub.add_parser("corpus", help="find the stories in a corpus and compare each")
    corpus.add_argument("input", help="corpus file (.jsonl/.csv/.parquet) or folder")
    corpus.add_argument("--out", required=True, help="output folder")
    corpus.add_argument("--engine", choices=["pandas", "dask"], default="pandas")
    corpus.add_argument("--scheduler", help="address of an existing Dask scheduler")
    verify = sub.add_parser("verify-log", help="check a decision log folder for tampering")
    verify.add_argument("folder", help="decision log folder (one <analyst>.jsonl per analyst)")
    return parser


def _fail(message: str) -> int:
    print(f"crosscheck: {message}", file=sys.stderr)
    return 2


def _missing(files: list[str]) -> str | None:
    """The first named input that does not exist, as a one-line message, or None."""
    for name in files:
        if not Path(name).exists():
            return f"{name}: no such file or folder"
    return None


def _failed_named_file(files: list[str], articles, warnings) -> str | None:
    """A file named on the command line (not found in a folder) that gave no article."""
    loaded = [str(p) for p in articles["path"]]
    for name in files:
        path = str(Path(name))
        if Path(name).is_file() and not any(p == path or p.startswith(path + "#") for p in loaded):
            reasons = warnings.loc[warnings["path"] == path, "reason"]
            return f"{path}: {reasons.iloc[0] if len(reasons) else 'could not be loaded'}"
    return None


def _check_out(out: str) -> str | None:
    """A problem with the output folder, found before any work is done, or None."""
    path = Path(out)
    if path.exists() and not path.is_dir():
        return f"{out}: --out exists and is not a folder"
    parent = next((p for p in (path, *path.parents) if p.exists()), Path("."))
    if not os.access(parent, os.W_OK):
        return f"{out}: --out cannot be written ({parent} is not writable)"
    return None


def compare(args) -> int:
    from crosscheck.running.pipeline import analyse, write_outputs

    problem = _check_out(args.out) or _missing(args.files)
    if not problem and args.decisions and not Path(args.decisions).is_dir():
        problem = f"{args.decisions}: --decisions is not a folder"
    if problem:
        return _fail(problem)
    with warnings_module.catch_warnings():  # every warning is printed below as one line
        warnings_module.simplefilter("ignore")
        return _compare(args, analyse, write_outputs)


def _compare(args, analyse, write_outputs) -> int:
    articles, warnings = load_articles(args.files)
    problem = _failed_named_file(args.files, articles, warnings)
    if problem:
        return _fail(problem)
    warnings = _size_warning(args.files, articles, warnings)
    for row in warnings.itertuples():
        print(f"crosscheck: warning: {row.path}: {row.reason}", file=sys.stderr)
    if articles.empty:
        return _fail(f"{' '.join(args.files)}: no article could be loaded")
    overrides = None
    if args.decisions:
        from crosscheck.decisions import DecisionLog, entity_overrides
        from crosscheck.text.invisible import show_invisible

        decisions, problems = DecisionLog(args.decisions, read_only=True).read()
        for row in problems.itertuples():  # kept aside, never silent (content never shown)
            where = f"{row.file}:{row.line}" if row.line else row.file
            text = show_invisible(f"decision log {where}: {row.reason}", keep="")
            print(f"crosscheck: warning: {text}", file=sys.stderr)
        overrides = entity_overrides(decisions)
    case = analyse(articles, warnings, overrides=overrides)
    for path in write_outputs(case, args.out):
        print(path)
    for note in case.notes:
        print(f"crosscheck: note: {note}", file=sys.stderr)
    return 0


def _size_warning(files: list[str], articles, warnings):
    """The warnings table plus a row when the case is too large for a pairwise `compare`."""
    n = len(articles)
    if n <= MAX_COMPARE_ARTICLES:
        return warnings
    reason = (
        f"{n} articles: compare checks every pair of articles ({n * (n - 1) // 2:,} article"
        f" pairs) and is meant for one story (up to {MAX_COMPARE_ARTICLES} articles); for a"
        " corpus use `crosscheck corpus`, which finds the stories first and compares each"
    )
    import pandas as pd

    return pd.concat([warnings, pd.DataFrame([{"path": " ".join(files), "reason": reason}])],
                     ignore_index=True)  # fmt: skip


def corpus(args) -> int:
    from crosscheck.running.corpus import UnsafeOutputError, check_output, run_corpus

    if not Path(args.input).exists():
        return _fail(f"{args.input}: no such file or folder")
    problem = _check_out(args.out)
    if problem:
        return _fail(problem)
    try:
        check_output(args.out)
        run_corpus(args.input, args.out, engine=args.engine, scheduler=args.scheduler)
    except (LoadError, UnsafeOutputError) as err:
        return _fail(str(err))
    return 0


def verify_log(args) -> int:
    from crosscheck.decisions import DecisionLog
    from crosscheck.text.invisible import show_invisible

    folder = Path(args.folder)
    if not folder.is_dir():
        return _fail(f"{args.folder}: not a folder")
    report = DecisionLog(folder, read_only=True).verify()
    if report.empty:
        print(f"crosscheck: {args.folder}: no decision log files")
        return 0
    bad = report[~report["status"].isin(["ok", "unchained"])]
    for file, rows in report.groupby("file", sort=True):
        counts = rows["status"].value_counts()
        head = rows.loc[rows["hash"] != "", "hash"]
        print(
            f"{show_invisible(file, keep='')}: {int((rows['line'] > 0).sum())} lines, "
            f"{counts.get('ok', 0)} ok, {counts.get('unchained', 0)} unchained, "
            f"{len(rows) - counts.get('ok', 0) - counts.get('unchained', 0)} problems, "
            f"head {head.iloc[-1] if len(head) else '-'}"
        )
    for row in bad.itertuples():
        where = f"{row.file}:{row.line}" if row.line else row.file
        print(show_invisible(f"{where}: {row.status}: {row.reason}", keep=""))
    return 1 if len(bad) else 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    commands = {"compare": compare, "corpus": corpus, "verify-log": verify_log}
    return commands[args.command](args)


if __name__ == "__main__":
    raise SystemExit(main())
