"""ECB+ (topics 1-35) scores of the temporal tagger: strict extent F1 on the TIME_* extents and
value F1 on the TIMEX3 values given by a blind labeller (tests/data/ecbplus_timex).

Run: .venv/bin/python -m benchmarks.timex_ecbplus [--dateparser] [--heldout] [--errors dev]

Documents are the docs.jsonl texts of ../shared/corpora/ecbplus_dev (one line per sentence, ECB+
tokens joined by spaces). Splits are by document: `test` = the 37 documents of timex_test.csv
(listed in sample_docs.csv; scored only with --heldout), `dev` = every other document.

Extents: every document with at least one TIME_* extent is tagged whole. ECB+ marks mentions
only in the sentences its annotators chose, so only system expressions in annotated sentences
(those holding at least one anchored ECB+ markable of any kind) count against precision. A
system span ending in a full stop also matches without it (ECB+ splits "a.m." as "a. m" + ".").
ECB+ extents include a leading
preposition ("on Tuesday", "in 2009", "after a few minutes", "over the weekend") and sometimes
a trailing one ("three days after"), TimeML extents do not: `strict` compares spans as given,
`strict_timeml` first strips those words from the gold span (the words stripped: TIMEML_STRIP,
TIMEML_STRIP_TAIL), and an article before an adjectival date ("a 1999 fire", "the March 2 vote",
"a 90-day stay": TIMEML_STRIP_DET), which TimeML leaves to the noun it determines. Also
stripped: a focus adverb ("just last week", "only a few minutes": TIMEML_STRIP_FOCUS), what
follows a game-clock amount ("7:41 left", "two minutes to go"), and tokenisation residue
(brackets, a trailing full stop after a word, a possessive apostrophe). A bare "the day
before" / "the week after" keeps its signal: with no complement it is the whole TimeML
expression (an anaphoric date), unlike "three days after [the vote]".

Where ECB+ and TimeML differ and the tagger keeps TimeML (so neither column can reach 1.0):
ECB+ marks the times of its seminal events only ("now", "currently", years in product names
and most vague references are TimeML expressions it leaves out: about a tenth of the system
expressions in annotated sentences); it marks non-TIMEX3 things as TIME_* (iterations and
ordinals: "the second time", "twice", "third night"; sports units: "season", "Week 16", "first
half"; eras; signals: "previously", "after"); it joins into one extent what TimeML marks as
several (datelines with "Last updated", a clock time with a bracketed second zone, "from
September 2010 to January 2011", "in 2001 and 2005"); it leaves out modifiers that TimeML
includes ("about a week", "more than three years") and offset signals ("four days earlier").

Values: the gold value of each valued mention (type NONE rows are not TIMEX3s: a system
expression there is a false positive) against the value of the system expression overlapping
its extent, with the labeller's doc_date as reference (None when the text states no date).
value P = correct / system expressions found on valued extents, R = correct / gold TIMEX3s.
"""

from __future__ import annotations

import argparse
import json
import re
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd

from benchmarks.timex_eval import RESULTS, dateparser_tagger
from crosscheck.text.timex import tag_times

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "ecbplus_timex"
ECBPLUS = ROOT.parent / "shared" / "corpora" / "ecbplus_dev"
CORPUS = ECBPLUS / "docs.jsonl"
TIMEML_STRIP = (
    r"^(?:(?:on|in|at|for|within|during|since|until|till|by|from|of|throughout|into|with"
    r"|as\s+of|(?:just|shortly)\s+(?:after|before)|after|before|over(?=\s+the\b))\s+)+"
)
TIMEML_STRIP_TAIL = (
    r"(?:(?<!^the\s\w{3})(?<!^the\s\w{4})(?<!^the\s\w{5})\s+(?:after|before)"
    r"|\s+(?:into\s.*|left|remaining|to\s+(?:go|play))|(?<!\d)\s*['’]\s*s?|(?<=\w\w)\s*\.)$"
)
# a focus adverb before an expression ("just last week", "only a few minutes") is no TimeML
# modifier ("just over", "just under" are: lexicon timex_modifiers); brackets and a trailing
# full stop are tokenisation, not extent
TIMEML_STRIP_FOCUS = r"^(?:[(\[]\s*)?(?:(?:just|only)\s+(?!over\b|under\b))?"
_MONTHS_DAYS = (
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|monday|tuesday|wednesday|thursday|friday"
    r"|saturday|sunday"
)
# an article before an adjectival date ("a 1999 fire", "the March 2 vote", "a Tuesday night
# meeting", "a 90-day stay") determines the noun after it, not the time: TimeML leaves it out
TIMEML_STRIP_DET = (
    rf"^(?:a|an|the)\s+(?=\d{{4}}\b(?!['’]?s)|(?:{_MONTHS_DAYS})"
    r"|[\w]+-(?:day|week|month|year|hour|minute)\b|(?:day|week|month|year)-?long\b)"
)


def _read(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / name, keep_default_na=False, dtype=str)


def test_documents() -> set[str]:
    docs = _read("sample_docs.csv")
    return set(docs.loc[docs["split"] == "test", "doc_id"])


def _corpus_path() -> Path:
    if not CORPUS.is_file():
        raise FileNotFoundError(f"ECB+ texts not found at {CORPUS}")
    return CORPUS


def annotated_lines(doc_id: str) -> set[int]:
    """docs.jsonl line numbers of the sentences holding an anchored ECB+ markable."""
    topic = doc_id.split("_")[0]
    root = ET.parse(ECBPLUS / "xml" / topic / f"{doc_id}.xml").getroot()
    tokens = {t.get("t_id"): t for t in root.iter("token")}
    first = [t.text or "" for t in tokens.values() if t.get("sentence") == "0"]
    off = 1 if first and first[0].lower().startswith("http") else 0  # URL line not in text
    lines = set()
    for m in root.find("Markables"):
        for a in m.findall("token_anchor"):
            lines.add(int(tokens[a.get("t_id")].get("sentence")) - off)
    return lines


def load_documents(split: str) -> list[dict]:
    """Documents with their TIME_* extents as document offsets; split 'dev' or 'test'."""
    extents = _read("extents_all.csv")
    held = test_documents()
    keep = extents["doc_id"].isin(held) == (split == "test")
    extents = extents[keep & (extents["char_start"] != "")]
    texts = {}
    with open(_corpus_path(), encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            texts[d["id"]] = d["text"]
    values = _read("timex_dev.csv") if split == "dev" else _read("timex_test.csv")
    docs = []
    for doc_id, group in extents.groupby("doc_id", sort=True):
        text = texts[doc_id]
        lines = text.split("\n")
        starts = [0]
        for ln in lines[:-1]:
            starts.append(starts[-1] + len(ln) + 1)
        gold = []
        for r in group.itertuples():
            line = next(i for i, ln in enumerate(lines) if ln == r.sentence)
            s = starts[line] + int(r.char_start)
            gold.append({"start": s, "end": starts[line] + int(r.char_end), "id": r.mention_id})
            gold[-1]["text"] = text[gold[-1]["start"] : gold[-1]["end"]]
        vals = values[values["doc_id"] == doc_id]
        dct = vals["doc_date"].iloc[0] if len(vals) else ""
        by_id = {g["id"]: g for g in gold}
        valued = []
        for r in vals.itertuples():
            if r.mention_id in by_id:
                valued.append({**by_id[r.mention_id], "type": r.timex_type, "value": r.value})
        region = [
            (starts[i], starts[i] + len(lines[i]))
            for i in annotated_lines(doc_id)
            if 0 <= i < len(lines)
        ]
        docs.append({"doc_id": doc_id, "text": text, "dct": dct or None, "gold": gold})
        docs[-1]["region"] = region
        docs[-1]["valued"] = valued
    return docs


def _timeml(g: dict) -> dict:
    text = g["text"]
    m = re.match(TIMEML_STRIP, text, re.I)
    cut = m.end() if m else 0
    cut += re.match(TIMEML_STRIP_FOCUS, text[cut:], re.I).end()
    det = re.match(TIMEML_STRIP_DET, text[cut:], re.I)
    cut += det.end() if det else 0
    start = g["start"] + cut
    tail = re.search(TIMEML_STRIP_TAIL, text, re.I)
    end = g["end"] - (len(text) - tail.start() if tail else 0)
    body = text[cut : end - g["start"]]
    for opening, closing in ("()", "[]"):  # an unmatched closing bracket is tokenisation
        if body.rstrip().endswith(closing) and opening not in body:
            body = body.rstrip()[:-1].rstrip()
            end = start + len(body)
    return {**g, "start": start, "end": max(end, start + 1)}


def _prf(correct_sys, n_sys, correct_gold, n_gold):
    p = correct_sys / n_sys if n_sys else 0.0
    r = correct_gold / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(docs: list[dict], predictions: list[list[dict]]) -> dict:
    n_sys = n_gold = strict = timeml = relaxed = 0
    v_gold = v_sys = v_ok = 0
    errors = []
    for doc, pred in zip(docs, predictions, strict=True):
        pred = [p for p in pred if any(a <= p["start"] < b for a, b in doc["region"])]
        n_sys += len(pred)
        n_gold += len(doc["gold"])
        spans = {(p["start"], p["end"] - p["text"].endswith(".")) for p in pred}
        spans |= {(p["start"], p["end"]) for p in pred}
        for g in doc["gold"]:
            over = [p for p in pred if p["start"] < g["end"] and g["start"] < p["end"]]
            relaxed += bool(over)
            strict += (g["start"], g["end"]) in spans
            t = _timeml(g)
            hit = (t["start"], t["end"]) in spans
            timeml += hit
            if not hit:
                found = " / ".join(p["text"] for p in over) or "-"
                errors.append((doc["doc_id"], "extent", g["text"], found, ""))
        for g in doc["valued"]:
            over = [p for p in pred if p["start"] < g["end"] and g["start"] < p["end"]]
            v_gold += g["type"] != "NONE"
            if not over:
                if g["type"] != "NONE":
                    errors.append((doc["doc_id"], "value-missed", g["text"], g["value"], ""))
                continue
            v_sys += 1
            best = max(over, key=lambda p: (p["value"] == g["value"], p["end"] - p["start"]))
            ok = g["type"] != "NONE" and best["value"] == g["value"]
            v_ok += ok
            if not ok:
                errors.append((doc["doc_id"], "value", g["text"], g["value"], best["value"]))
    out = {"docs": len(docs), "gold": n_gold, "system": n_sys, "valued": v_gold}
    for name, c in (("strict", strict), ("strict_timeml", timeml), ("relaxed", relaxed)):
        out[f"{name}_p"], out[f"{name}_r"], out[f"{name}_f1"] = _prf(c, n_sys, c, n_gold)
    out["value_p"], out["value_r"], out["value_f1"] = _prf(v_ok, v_sys, v_ok, v_gold)
    out["errors"] = errors
    return out


def rules_tagger(doc: dict) -> list[dict]:
    """The rules with TimeML conventions (the default scheme): the labeller's values are TimeML."""
    return tag_times(doc["text"], doc["dct"])


def evaluate(tagger, docs):
    t0 = time.perf_counter()
    preds = [tagger(d) for d in docs]
    out = score(docs, preds)
    out["seconds"] = time.perf_counter() - t0
    return out


FIELDS = ["strict_f1", "strict_timeml_f1", "relaxed_f1", "value_p", "value_r", "value_f1"]


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dateparser", action="store_true", help="also score dateparser (slow)")
    ap.add_argument("--heldout", action="store_true", help="also score the frozen test part")
    ap.add_argument("--errors", choices=["dev"], help="print the dev errors")
    args = ap.parse_args(argv)
    splits = {"dev": load_documents("dev")}
    if args.heldout:
        splits["test"] = load_documents("test")
    results = {}
    for k, docs in splits.items():
        results[f"rules/{k}"] = evaluate(rules_tagger, docs)
        if args.dateparser:
            results[f"dateparser/{k}"] = evaluate(dateparser_tagger, docs)
    head = f"{'run':<18}{'docs':>5}{'gold':>6}{'sys':>6}{'valued':>7}"
    print(head + "".join(f"{f:>17}" for f in FIELDS))
    for name, r in results.items():
        line = f"{name:<18}{r['docs']:>5}{r['gold']:>6}{r['system']:>6}{r['valued']:>7}"
        print(line + "".join(f"{r[f]:>17.3f}" for f in FIELDS))
    if args.errors:
        for e in results["rules/dev"]["errors"]:
            print(" | ".join(e))
    RESULTS.mkdir(parents=True, exist_ok=True)
    slim = {k: {f: v for f, v in r.items() if f != "errors"} for k, r in results.items()}
    (RESULTS / "timex_ecbplus.json").write_text(json.dumps(slim, indent=2))
    return slim


if __name__ == "__main__":
    main()
