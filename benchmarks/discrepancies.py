"""Time to align and type a case of N articles on one story, N = 2, 10, 50, 200.

Run: .venv/bin/python -m benchmarks.discrepancies [--sizes 2 10 50 200]

The case is synthesised from one MEANTIME article (CC BY, see data/corpora/meantime_en) by
controlled rewrites, seeded per article: garbled names, changed numbers, dropped attributions,
dropped sentences, added unattributed commentary. Claims rows are built directly (one per
sentence; entities = capitalised word runs, quantities = numbers, speaker = "X said"), so the
figure measures crosscheck.discrepancies alone. Reports seconds for align_claims and
find_discrepancies, the ratio to N=2 measured in the same run, and rows produced.
Target: N=200 in under 60 s on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd

from crosscheck import discrepancies as disc

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "corpora" / "meantime_en" / "intra_cross-doc_annotation"
BASE = "corpus_airbus/100911_Northrop_Grumman_and_Airbus_parent_EADS_defeat_Boeing.xml"
RESULTS = ROOT / "benchmarks" / "results"
COMMENTARY = [
    "This marks a significant shift in the industry and could reshape the market for years.",
    "Observers see the move as part of a wider trend across the sector.",
    "The decision highlights the growing rivalry between the two manufacturers.",
]


def sentences(path: Path) -> list[str]:
    by_sentence: dict[int, list[str]] = {}
    for tok in ET.parse(path).getroot().iter("token"):
        by_sentence.setdefault(int(tok.get("sentence")), []).append(tok.text or "")
    out = []
    for k in sorted(by_sentence):
        text = " ".join(by_sentence[k])
        text = re.sub(r" ([,.;:%)'])", r"\1", text).replace("( ", "(").replace("$ ", "$")
        out.append(text)
    return out[2:]  # skip title and date line


def garble(name: str, rng: random.Random) -> str:
    if len(name) < 5:
        return name
    i = rng.randrange(1, len(name) - 2)
    return name[:i] + name[i + 1] + name[i] + name[i + 2 :]


def rewrite(text: str, rng: random.Random) -> str:
    names = re.findall(r"\b[A-Z][a-z]{4,}\b", text)
    if names and rng.random() < 0.25:
        name = rng.choice(names)
        text = text.replace(name, garble(name, rng))
    numbers = re.findall(r"\b\d+\b", text)
    if numbers and rng.random() < 0.2:
        num = rng.choice(numbers)
        text = text.replace(num, str(int(num) + rng.randint(1, 9)), 1)
    if rng.random() < 0.2:
        text = re.sub(r"^[A-Z][\w .'-]{2,40}? said (that )?", "", text)
        text = text[:1].upper() + text[1:]
    return text


def claim_row(article: str, seq: int, text: str) -> dict:
    ents = [
        {"text": m.group(0), "kind": "ORG", "start": m.start(), "end": m.end()}
        for m in re.finditer(r"\b[A-Z][\w-]+(?: [A-Z][\w-]+)*", text)
        if m.start() > 0
    ]
    quants = [
        {"text": m.group(0), "value": float(m.group(0)), "unit": "", "approx": "",
         "start": m.start(), "end": m.end()}
        for m in re.finditer(r"\b\d+(?:\.\d+)?\b", text)
    ]  # fmt: skip
    said = re.search(r"([A-Z][\w .'-]{2,40}?) said", text)
    return {
        "claim_id": f"{article}:{seq}",
        "article_id": article,
        "seq": seq,
        "text": text,
        "speaker": said.group(1) if said else "",
        "attributed": bool(said),
        "certainty_rank": 0,
        "entities": ents,
        "quantities": quants,
        "times": [],
    }


def case(n: int) -> pd.DataFrame:
    base = sentences(CORPUS / BASE)
    rows = []
    for k in range(n):
        rng = random.Random(k)
        article = f"art{k:03d}"
        seq = 0
        for text in base:
            if k and rng.random() < 0.1:
                continue
            rows.append(claim_row(article, seq, rewrite(text, rng) if k else text))
            seq += 1
            if k and rng.random() < 0.05:
                rows.append(claim_row(article, seq, rng.choice(COMMENTARY)))
                seq += 1
    return pd.DataFrame(rows)


def measure(n: int) -> dict:
    claims = case(n)
    started = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        alignment = disc.align_claims(claims)
    aligned_at = time.perf_counter()
    found = disc.find_discrepancies(claims, alignment)
    done = time.perf_counter()
    return {
        "n_articles": n,
        "claims": len(claims),
        "article_pairs": n * (n - 1) // 2,
        "alignment_rows": len(alignment),
        "aligned_pairs": int((alignment["status"] == "aligned").sum()),
        "discrepancies": len(found),
        "align_s": round(aligned_at - started, 3),
        "type_s": round(done - aligned_at, 3),
        "total_s": round(done - started, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[2, 10, 50, 200])
    args = parser.parse_args()
    results = [measure(n) for n in args.sizes]
    base = results[0]["total_s"] or 1e-9
    print(f"{'N':>5}{'claims':>8}{'pairs':>8}{'aligned':>9}{'discrep':>9}"
          f"{'align s':>9}{'type s':>9}{'total s':>9}{'x N=' + str(args.sizes[0]):>9}")  # fmt: skip
    for r in results:
        r["ratio"] = round(r["total_s"] / base, 1)
        print(
            f"{r['n_articles']:>5}{r['claims']:>8}{r['article_pairs']:>8}{r['aligned_pairs']:>9}"
            f"{r['discrepancies']:>9}{r['align_s']:>9.2f}{r['type_s']:>9.2f}{r['total_s']:>9.2f}"
            f"{r['ratio']:>9.1f}"
        )
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / "discrepancies.json"
    out.write_text(json.dumps({"target": "N=200 < 60 s", "results": results}, indent=2))
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
