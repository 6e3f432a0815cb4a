"""Synthetic news corpus for the corpus benchmark, built from real MEANTIME articles.

Run: .venv/bin/python -m benchmarks.make_corpus --n 1000 --out /tmp/corpus_1000.jsonl [--seed 7]

What is real: the article sentences, headlines, publication dates and URLs of the 120 English
Wikinews articles of MEANTIME (data/corpora/meantime_en/, CC BY 4.0 / Wikinews CC BY 2.5,
(c) 2015 FBK, VU University Amsterdam, UPV/EHU). Text is rebuilt from the XML tokens (light
detokenization, three sentences per paragraph; the date line under the title is left out).

What is synthetic: everything that makes it a corpus of many outlets. Each "event" is one real
article moved in time (a whole number of 45-day steps, so events of the same article never fall
within a week of each other) with its named places replaced by Ukrainian cities; each event is
reported by 1-5 "versions" from synthetic outlets (`outletNN.example`), each version a controlled
rewrite: the city spelled in one of its transliteration variants (Kharkiv/Kharkov/Charkiw), some
numbers changed, attributions dropped ("according to X," / ", X said"), a sentence dropped and the
publication date shifted by 0-2 days. Deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MEANTIME = ROOT / "data" / "corpora" / "meantime_en"

# Synthetic renames: one city, its spellings in several romanization systems.
CITIES = [
    ("Kharkiv", "Kharkov", "Charkiw"), ("Mykolaiv", "Nikolaev", "Mykolayiv"),
    ("Zaporizhzhia", "Zaporozhye", "Zaporizhia"), ("Chernihiv", "Chernigov", "Tschernihiw"),
    ("Lviv", "Lvov", "Lwow"), ("Odesa", "Odessa"), ("Kherson", "Cherson"), ("Sumy", "Sumi"),
    ("Poltava", "Poltawa"), ("Zhytomyr", "Zhitomir", "Schytomyr"), ("Vinnytsia", "Vinnitsa"),
    ("Ternopil", "Ternopol"), ("Ivano-Frankivsk", "Ivano-Frankovsk"), ("Rivne", "Rovno"),
    ("Khmelnytskyi", "Khmelnitsky"), ("Chernivtsi", "Chernovtsy"), ("Uzhhorod", "Uzhgorod"),
    ("Sloviansk", "Slavyansk", "Slowjansk"), ("Berdiansk", "Berdyansk"), ("Izium", "Izyum"),
    ("Kupiansk", "Kupyansk"), ("Lysychansk", "Lisichansk"),
    ("Sievierodonetsk", "Severodonetsk", "Siewierodonezk"),
]  # fmt: skip
# Place mentions kept as they are (countries, continents, regions).
KEEP_PLACES = {
    "US", "U.S.", "USA", "UK", "EU", "Europe", "Asia", "Earth", "America", "North America",
    "United States", "United Kingdom", "France", "Japan", "China", "Australia", "Indonesia",
    "Canada", "Germany", "Spain", "Italy", "India", "Russia", "Mexico", "Brazil", "Africa",
}  # fmt: skip
VERSION_WEIGHTS = {1: 2, 2: 4, 3: 3, 4: 2, 5: 1}  # versions per event -> weight
_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "%", "'s", "n't", "'", "''", "'re"}
_NO_SPACE_AFTER = {"(", "[", "$", "``", "“"}
_NUMBER = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\d,]*\d)")
_ATTRIBUTION = [
    re.compile(r"\bAccording to [^,.]{2,60}, (\w)"),
    re.compile(r", (?:he|she|they|[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3}) (?:said|says|added)\."),
]


def _detokenize(words: list[str]) -> str:
    out = ""
    for i, word in enumerate(words):
        if i and word not in _NO_SPACE_BEFORE and words[i - 1] not in _NO_SPACE_AFTER:
            out += " "
        out += word
    return out.replace("``", '"').replace("''", '"')


def _dct(root) -> str:
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            value = timex.get("value", "")
            if re.fullmatch(r"\d{2}-\d{2}-\d{4}", value):
                d, m, y = value.split("-")
                return f"{y}-{m}-{d}"
            return value[:10] if re.match(r"\d{4}-\d{2}-\d{2}", value) else ""
    return ""


def _places(doc_id: str) -> list[str]:
    names = set()
    with open(MEANTIME / "gold_entity_mentions.jsonl", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row["doc_id"] != doc_id or row["ent_type"] != "LOC":
                continue
            text = row["text"].replace(" ,", ",")
            if row["syntactic_type"] == "NAM" and not text.startswith("the "):
                names.add(text)
    return sorted(n for n in names if n not in KEEP_PLACES and "," not in n)


def meantime_articles(topics=None) -> list[dict]:
    """The real MEANTIME articles: id, topic, url, published, headline, text, places."""
    folder = MEANTIME / "intra_cross-doc_annotation"
    articles = []
    for path in sorted(folder.glob("corpus_*/*.xml")):
        topic = path.parent.name.removeprefix("corpus_")
        if topics and topic not in topics:
            continue
        root = ET.parse(path).getroot()
        sentences: dict[int, list[str]] = {}
        for token in root.findall("token"):
            sentences.setdefault(int(token.get("sentence")), []).append(token.text or "")
        lines = [_detokenize(sentences[k]) for k in sorted(sentences)]
        body = lines[2:]
        paragraphs = [" ".join(body[i : i + 3]) for i in range(0, len(body), 3)]
        articles.append(
            {
                "id": f"mt{root.get('doc_id')}",
                "topic": topic,
                "url": root.get("url", ""),
                "published": _dct(root),
                "headline": lines[0] if lines else "",
                "text": "\n\n".join(paragraphs),
                "places": _places(root.get("doc_id")),
            }
        )
    return articles


def _change_numbers(text: str, rng: random.Random, share: float) -> str:
    def change(match):
        raw = match.group(1)
        value = float(raw.replace(",", ""))
        if (1900 <= value <= 2100 and "." not in raw) or rng.random() > share:
            return raw  # years stay
        new = value * rng.choice([0.5, 0.8, 1.2, 1.5, 2.0]) + rng.choice([0, 1, 3])
        if "." in raw:
            return f"{new:.{len(raw.split('.')[1])}f}"
        return f"{round(new):,}" if "," in raw else str(round(new))

    return _NUMBER.sub(change, text)


def _drop_attributions(text: str) -> str:
    text = _ATTRIBUTION[0].sub(lambda m: m.group(1).upper(), text)
    return _ATTRIBUTION[1].sub(".", text)


def rewrite(article: dict, rng: random.Random, renames: dict, light: bool = False) -> dict:
    """One outlet's version: places respelled, numbers changed, attributions and a sentence
    dropped (`light`: places only). `renames` maps a place to the spellings of its replacement."""
    text = article["text"]
    for place, spellings in renames.items():
        text = re.sub(rf"\b{re.escape(place)}\b", rng.choice(spellings), text)
    if light:
        return {**article, "text": text}
    text = _change_numbers(text, rng, share=0.3)
    if rng.random() < 0.5:
        text = _drop_attributions(text)
    paragraphs = text.split("\n\n")
    if len(paragraphs) > 2 and rng.random() < 0.5:
        del paragraphs[rng.randrange(1, len(paragraphs))]
    return {**article, "text": "\n\n".join(paragraphs)}


def _shift(iso: str, days: int) -> str:
    return (date.fromisoformat(iso) + timedelta(days=days)).isoformat() if iso else ""


def make_corpus(n: int, seed: int = 7, topics=None) -> list[dict]:
    """`n` synthetic articles (dicts id, url, outlet, published, headline, text, event, base)."""
    rng = random.Random(seed)
    bases = meantime_articles(topics)
    sizes, weights = zip(*VERSION_WEIGHTS.items(), strict=True)
    rows: list[dict] = []
    event = 0
    while len(rows) < n:
        base = bases[event % len(bases)]
        step = event // len(bases)
        renames = {p: rng.choice(CITIES) for p in base["places"]}
        published = _shift(base["published"], 45 * step)
        outlets = rng.sample(range(1, 41), k=rng.choices(sizes, weights)[0])
        for i, outlet in enumerate(outlets[: n - len(rows)]):
            version = rewrite(base, rng, renames, light=i == 0)
            digest = hashlib.sha256(f"{seed}:{event}:{outlet}".encode()).hexdigest()[:10]
            rows.append(
                {
                    "id": f"a{digest}",
                    "url": f"https://outlet{outlet:02d}.example/{digest}",
                    "outlet": f"outlet{outlet:02d}.example",
                    "published": _shift(published, rng.randint(0, 2)),
                    "headline": version["headline"],
                    "text": version["text"],
                    "event": f"e{event}",
                    "base": base["id"],
                }
            )
        event += 1
    return rows


def write_jsonl(rows: list[dict], path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", required=True, help="output .jsonl file")
    args = parser.parse_args(argv)
    print(write_jsonl(make_corpus(args.n, args.seed), args.out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
