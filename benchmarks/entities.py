"""Clustering time for 25 / 50 / 100 / 200 synthetic articles about one story (110 mentions each).

Names are real GeoNames places (Donetsk / Dnipropetrovsk / Zaporizhzhia oblasts) and person surnames
rewritten with transliteration variants. Prints each time as a ratio to the 25-article baseline.
.venv/bin/python -m benchmarks.entities
"""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

import pandas as pd

RESULTS = Path(__file__).resolve().parent / "results"
REWRITES = [
    ("ivka", "ovka"), ("yi", "iy"), ("ske", "skoye"), ("y", "i"), ("kh", "h"), ("ts", "tz"),
    ("zh", "j"), ("ia", "ya"), ("e", "ye"), ("'", ""), ("i", "y"), ("h", "g"),
]  # fmt: skip
PEOPLE = ["Kimakovsky", "Pushilin", "Syrskyi", "Zelensky", "Shoigu", "Gerasimov", "Budanov"]


def _variant(name: str, rng: random.Random) -> str:
    for old, new in rng.sample(REWRITES, 2):
        if old in name:
            name = name.replace(old, new, 1)
    return name


def synthetic_claims(n_articles: int, per_article: int = 110, seed: int = 7) -> pd.DataFrame:
    from crosscheck.text.gazetteer import places

    table = places()
    pool = table[(table["country"] == "UA") & table["admin1"].isin(["04", "05", "26"])]
    names = sorted(pool["name"])[:300]
    rng = random.Random(seed)
    rows = []
    for a in range(n_articles):
        article = f"art{a:03d}"
        ents = []
        for _ in range(per_article):
            if rng.random() < 0.8:
                ents.append({"text": _variant(rng.choice(names), rng), "kind": "place"})
            else:
                ents.append({"text": _variant(rng.choice(PEOPLE), rng), "kind": "person"})
        for c in range(0, per_article, 5):
            chunk = [dict(e, start=0, end=len(e["text"])) for e in ents[c : c + 5]]
            text = "near " + ", ".join(e["text"] for e in chunk) + " in Donetsk region"
            rows.append({"claim_id": f"{article}:{c}", "article_id": article, "text": text})
            rows[-1]["entities"] = chunk
    return pd.DataFrame(rows)


def main() -> None:
    from crosscheck.entities import cluster_entities
    from crosscheck.text.gazetteer import place_names

    place_names()  # load the gazetteer once, outside the timings
    cluster_entities(synthetic_claims(5, seed=1))  # warm the caches (regexes, lookups)
    out = {}
    for n in (25, 50, 100, 200):
        claims = synthetic_claims(n)
        mentions = int(claims["entities"].map(len).sum())
        t0 = time.perf_counter()
        ent = cluster_entities(claims)
        seconds = time.perf_counter() - t0
        out[n] = {"mentions": mentions, "surfaces": int(ent["surface"].nunique())}
        out[n] |= {"clusters": int(ent["cluster_id"].nunique()), "seconds": round(seconds, 2)}
    base = out[25]["seconds"]
    for n, res in out.items():
        res["ratio_vs_25"] = round(res["seconds"] / base, 2)
        print(f"{n:4d} articles {res}")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "entities.json").write_text(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
