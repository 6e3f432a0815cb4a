"""Russian/Ukrainian originals beside English rewrites: typed differences and declined names.

Run: .venv/bin/python -m benchmarks.ru_uk_eval [--split dev|frozen|all] [--show]

Data: tests/data/ru_uk/ (constructed, see its README.md): one folder per case with original.txt,
en_a.txt (and en_b.txt) and expected.csv (rewrite, kind, original words, rewrite words, note);
the cases listed in FROZEN.md are the frozen split, the rest the dev split.
Each case runs through crosscheck.pipeline.run_case. Only rows between the original and a
rewrite count (rewrite-rewrite rows are English against English and out of scope here).
A found row matches an expected difference when the kind is the same and the words overlap on
a side where the label gives words (original side against the row's value on the original's
side, or its claim text when the value is empty; likewise for the rewrite). Words compare by
lemma or a shared 5-letter prefix (declension), numbers by value.
  shown_right_kind   share of expected differences matched by a row of the same kind (>= 0.9)
  shown_any_kind     share whose words a row of any kind overlaps (diagnostic)
  false_per_pair     rows matching no expected difference, per original-rewrite pair (<= 1);
                     an entity_variant row of low severity on a label `same` (a romanization)
                     is neutral, one of high severity is false
Lemmatiser: crosscheck.text.morph.name_lemma on tests/data/ru_uk/declined_places.csv (>= 0.9),
dev and frozen places apart (FROZEN.md).
"""

from __future__ import annotations

import argparse
import json
import re
import warnings
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "ru_uk"
RESULTS = ROOT / "benchmarks" / "results"
STOP = {"the", "said", "and", "of", "in", "on", "to", "was", "were", "a", "an", "by", "for", "at",
        "according", "по", "на", "за", "в", "у", "с", "з", "и", "і", "та"}  # fmt: skip


# expected.csv headers read "rewrite,kind,original,rewrite,note" (the 4th column: the words on the
# rewrite's side); they are frozen as written, so the columns are named here.
EXPECTED_COLUMNS = ["rewrite", "kind", "original", "words_rewrite", "note"]
VALUE_ONLY = ("quantity", "entity_variant")  # kinds whose row value alone must hold the words


def frozen_cases() -> set[str]:
    text = (DATA / "FROZEN.md").read_text(encoding="utf-8")
    line = next(ln for ln in text.splitlines() if ln.startswith("- Frozen cases:"))
    return {c.strip() for c in line.split(":", 1)[1].split(",")}


def frozen_places() -> set[str]:
    text = (DATA / "FROZEN.md").read_text(encoding="utf-8")
    line = next(ln for ln in text.splitlines() if ln.startswith("- Frozen geonameids:"))
    return {c.strip() for c in line.split(":", 1)[1].split(",")}


def cases(split: str) -> list[Path]:
    frozen = frozen_cases()
    out = sorted(p for p in DATA.iterdir() if (p / "expected.csv").exists())
    if split == "all":
        return out
    return [p for p in out if (p.name in frozen) == (split == "frozen")]


def _tokens(text: str) -> set[str]:
    out = set()
    for raw in re.findall(r"\d[\d,.\s]*\d|\d|[^\W\d_][\w'’-]*", str(text or "")):
        if raw[0].isdigit():
            num = raw.replace(" ", "")
            num = num.replace(",", "") if re.fullmatch(r"\d{1,3}(,\d{3})+", num) else num
            try:
                out.add(f"#{float(num.replace(',', '.')):g}")
            except ValueError:
                continue
        elif raw.lower() not in STOP and len(raw) > 2:
            out.add(raw.lower().replace("ё", "е"))
    return out


def _same_word(a: str, b: str) -> bool:
    if a.startswith("#") or b.startswith("#"):
        return a == b
    n = min(len(a), len(b), 5)
    return a == b or (n >= 4 and a[:n] == b[:n])


def overlap(words: str, found: str) -> bool:
    ta, tb = _tokens(words), _tokens(found)
    return any(_same_word(x, y) for x in ta for y in tb)


def _side(row, orig_is_a: bool, which: str) -> str:
    """The row's value on one side; with its claim text too, except for VALUE_ONLY kinds (and
    always when the value is empty, as for a claim only one side has)."""
    side = "a" if (which == "orig") == orig_is_a else "b"
    value = str(row[f"value_{side}"] or "")
    if value.strip() and row["kind"] in VALUE_ONLY:
        return value
    return f"{value} {row[f'text_{side}'] or ''}"


def matches(exp, row, orig_is_a: bool) -> bool:
    sides = [("orig", exp["original"]), ("rw", exp["words_rewrite"])]
    return any(w and overlap(w, _side(row, orig_is_a, s)) for s, w in sides)


def run_case(folder: Path) -> dict:
    from crosscheck import pipeline

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        case = pipeline.run_case(sorted(folder.glob("*.txt")))
    ids = {
        Path(p).stem: a
        for a, p in zip(case.articles["article_id"], case.articles["path"], strict=True)
    }
    expected = pd.read_csv(folder / "expected.csv", dtype=str, keep_default_na=False, header=0,
                           names=EXPECTED_COLUMNS)  # fmt: skip
    found = case.discrepancies
    out = {"case": folder.name, "pairs": 0, "expected": 0, "right": 0, "any": 0, "false": 0,
           "missed": [], "false_rows": [], "lang": case.articles.set_index("article_id")
           .loc[ids["original"], "language"]}  # fmt: skip
    for rw in sorted(set(expected["rewrite"])):
        o, r = ids["original"], ids[rw]
        rows = found[found["article_a"].isin([o, r]) & found["article_b"].isin([o, r])]
        exp = expected[expected["rewrite"] == rw]
        used: set[int] = set()
        out["pairs"] += 1
        for e in exp.to_dict("records"):
            if e["kind"] == "same":
                continue
            out["expected"] += 1
            hits = [i for i, row in rows.iterrows() if matches(e, row, row["article_a"] == o)]
            right = [i for i in hits if rows.at[i, "kind"] == e["kind"]]
            out["any"] += bool(hits)
            out["right"] += bool(right)
            used.update(right)
            if not right:
                got = sorted({rows.at[i, "kind"] for i in hits})
                out["missed"].append(f"{rw} {e['kind']}: {e['original']!r} / {e['words_rewrite']!r}"
                                     f" (overlapping kinds: {got})")  # fmt: skip
        for i, row in rows.iterrows():
            if i in used:
                continue
            neutral = row["kind"] == "entity_variant" and int(row["severity"]) < 5
            same = exp[exp["kind"] == "same"].to_dict("records")
            if neutral and any(matches(e, row, row["article_a"] == o) for e in same):
                continue
            out["false"] += 1
            oa = row["article_a"] == o
            out["false_rows"].append(f"{rw} {row['kind']} sev {row['severity']}: "
                                     f"{_side(row, oa, 'orig')[:70]!r} / "
                                     f"{_side(row, oa, 'rw')[:70]!r}")  # fmt: skip
    return out


def lemmatiser() -> dict:
    from crosscheck.text import morph

    table = pd.read_csv(DATA / "declined_places.csv", dtype=str)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        got = [
            morph.name_lemma(d, lang)
            for d, lang in zip(table["declined"], table["lang"], strict=True)
        ]
    table["ok"] = [g == lemma for g, lemma in zip(got, table["lemma"], strict=True)]
    table["got"] = got
    table["split"] = ["frozen" if g in frozen_places() else "dev" for g in table["geonameid"]]
    out = {"n": len(table), "accuracy": round(float(table["ok"].mean()), 3)}
    for (split, lang), part in table.groupby(["split", "lang"]):
        out[f"{split}_{lang}"] = {"n": len(part), "accuracy": round(float(part["ok"].mean()), 3)}
    for split, part in table.groupby("split"):
        out[f"{split}_accuracy"] = round(float(part["ok"].mean()), 3)
    out["wrong_examples"] = [
        f"{r.declined} -> {r.got} (want {r.lemma})"
        for r in table[~table["ok"]].head(15).itertuples()
    ]
    return out


def summary(results: list[dict]) -> dict:
    tot = {k: sum(r[k] for r in results) for k in ("pairs", "expected", "right", "any", "false")}
    return {
        "cases": len(results),
        **tot,
        "shown_right_kind": round(tot["right"] / max(tot["expected"], 1), 3),
        "shown_any_kind": round(tot["any"] / max(tot["expected"], 1), 3),
        "false_per_pair": round(tot["false"] / max(tot["pairs"], 1), 2),
    }


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("dev", "frozen", "all"), default="dev")
    ap.add_argument("--show", action="store_true", help="print missed and false rows")
    ap.add_argument("--no-lemmas", action="store_true")
    args = ap.parse_args(argv)
    splits = ("dev", "frozen") if args.split == "all" else (args.split,)
    report = {}
    for split in splits:
        results = [run_case(c) for c in cases(split)]
        report[split] = summary(results)
        for lang in ("ru", "uk"):
            part = [r for r in results if r["lang"] == lang]
            report[split][f"by_language_{lang}"] = summary(part) if part else {}
        if args.show:
            for r in results:
                for line in r["missed"]:
                    print(f"MISSED {r['case']} {line}")
                for line in r["false_rows"]:
                    print(f"FALSE  {r['case']} {line}")
    if not args.no_lemmas:
        report["declined_places"] = lemmatiser()
    print(json.dumps(report, ensure_ascii=False, indent=1))
    RESULTS.mkdir(parents=True, exist_ok=True)
    name = "ru_uk_eval.json" if args.split == "all" else f"ru_uk_eval_{args.split}.json"
    (RESULTS / name).write_text(json.dumps(report, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
