"""Constructed provenance pairs from MEANTIME (English Wikinews, CC BY 4.0; see README.md here).

Deterministic (seeded) helpers shared by tests/test_provenance.py and
benchmarks/provenance_eval.py:

meantime_article(path) -> dict    article row rebuilt from the XML tokens
rewrite(article, rng, ...) -> dict  a rule-based rewrite: reorder, paraphrase, rename places,
                                    drop attributions and dates, add unattributed commentary
simple_claims(articles) -> claims   one claim per sentence, regex attribution/hedge/date cues
                                    (a stand-in for crosscheck.claims so tests need no spaCy)
simple_align(claims) -> alignment   TF-IDF (character n-gram) mutual-best-match alignment
build_cases(seed=0) -> list[dict]   constructed cases: {"name", "expected": [(a, b, relation,
                                    direction)], "articles": [article rows]}

Run ``python tests/data/provenance/make_pairs.py`` to rewrite pairs.jsonl (the committed copy).
"""

from __future__ import annotations

import itertools
import json
import random
import re
from pathlib import Path

import pandas as pd
from lxml import etree
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

ROOT = Path(__file__).resolve().parents[3]
MEANTIME = ROOT / "data" / "corpora" / "meantime_en" / "intra_cross-doc_annotation"
HERE = Path(__file__).resolve().parent

# ---------------------------------------------------------------- MEANTIME text


def _join_tokens(tokens: list[str]) -> str:
    text = " ".join(tokens)
    text = re.sub(r" ([,.;:!?%)\]])", r"\1", text)
    text = re.sub(r"([(\[$]) ", r"\1", text)
    text = re.sub(r" (['’](?:s|re|ve|ll|d|m)\b|n't)", r"\1", text)
    text = re.sub(r'" ([^"]*?) "', r'"\1"', text)
    text = re.sub(r"`` ?| ?''", '"', text)
    return text.strip()


def meantime_article(path: Path) -> dict:
    """Rebuild one MEANTIME article: sentence 0 is the headline, the creation-time sentence is
    the dateline (dropped from the body), the rest is the body, one sentence per paragraph."""
    root = etree.parse(str(path)).getroot()
    sentences: dict[int, list[str]] = {}
    for tok in root.iter("token"):
        sentences.setdefault(int(tok.get("sentence")), []).append(tok.text or "")
    published = ""
    dct_sentence = None
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            published = (timex.get("value") or "")[:10]
            anchor = timex.find("token_anchor")
            if anchor is not None:
                t_id = anchor.get("t_id")
                for tok in root.iter("token"):
                    if tok.get("t_id") == t_id:
                        dct_sentence = int(tok.get("sentence"))
                        break
    order = sorted(sentences)
    headline = _join_tokens(sentences[order[0]])
    body = [_join_tokens(sentences[s]) for s in order[1:] if s != dct_sentence]
    return {
        "article_id": root.get("doc_id"),
        "headline": headline,
        "outlet": "Wikinews",
        "published": published if re.fullmatch(r"\d{4}-\d{2}-\d{2}", published) else "",
        "text": "\n\n".join(b for b in body if b),
        "removed": [],
        "corpus": path.parent.name,
    }


def corpus_articles(corpus: str) -> list[dict]:
    return [meantime_article(p) for p in sorted((MEANTIME / corpus).glob("*.xml"))]


# ---------------------------------------------------------------- rule-based rewrite

SYNONYMS = {
    "announced": "revealed",
    "company": "firm",
    "aircraft": "planes",
    "purchase": "acquisition",
    "buy": "acquire",
    "large": "big",
    "largest": "biggest",
    "first": "initial",
    "began": "started",
    "begin": "start",
    "expected": "anticipated",
    "however": "nevertheless",
    "plans": "intends",
    "shares": "stock",
    "increase": "rise",
    "decrease": "fall",
    "reported": "disclosed",
    "officials": "authorities",
    "new": "fresh",
    "about": "around",
    "help": "assist",
    "major": "key",
    "also": "additionally",
    "cut": "reduce",
    "cuts": "reductions",
    "customers": "clients",
    "order": "contract",
    "orders": "contracts",
    "deliver": "hand over",
    "delivered": "handed over",
    "announce": "reveal",
    "show": "demonstrate",
    "workers": "employees",
    "profit": "earnings",
    "rival": "competitor",
    "launch": "debut",
    "released": "unveiled",
}

COMMENTARY = [
    "This development marks a significant shift for the whole industry.",
    "The move is likely to reshape the competitive landscape for years to come.",
    "Such decisions rarely come without a political dimension.",
    "Observers see this as a clear sign of deeper changes in the sector.",
    "The consequences of this step may be felt far beyond the immediate market.",
    "It remains to be seen whether the gamble will pay off.",
    "This is a familiar pattern in an industry driven by prestige as much as profit.",
    "The episode underlines how fragile such ambitious plans can be.",
    "Critics have long argued that the strategy was doomed from the start.",
    "The stakes could hardly be higher for everyone involved.",
    "For many, the announcement confirms what had been suspected for months.",
    "This kind of setback is common in projects of this scale.",
    "The timing of the decision is unlikely to be a coincidence.",
    "What happens next will depend on forces well outside anyone's control.",
    "The news will be welcomed by some and feared by others.",
    "Few expected the situation to unfold quite so quickly.",
]

_SPEECH = r"(?:said|says|stated|states|told reporters|added|explained|announced|noted|commented)"
_NAME = r"(?:[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|of|the|and|de))*|[Hh]e|[Ss]he|[Tt]hey|it)"
_ATTRIBUTION_RULES = [
    # ', Smith said.'  /  ', said Smith, the chief executive.'
    (
        re.compile(
            rf",?\s+(?:{_NAME}(?:,[^,.]{{0,60}},)?\s+{_SPEECH}|{_SPEECH}\s+{_NAME}"
            rf"(?:,[^.]{{0,80}})?)(?=\s*\.\s*$)"
        ),
        "",
    ),
    # 'According to X, ...' / '..., according to X.'
    (re.compile(r"^According to [^,]{1,80},\s*"), ""),
    (re.compile(r",?\s+according to [^,.]{1,80}(?=[,.])"), ""),
    # 'Smith said that ...' / 'Smith said ...'
    (re.compile(rf"^{_NAME}(?:,[^,]{{0,60}},)?\s+{_SPEECH}(?: that)?\s+(?=[a-zA-Z\"“])"), ""),
]
_DATES = re.compile(
    r",?\s*(?:on|last|this|earlier this|late)?\s*"
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today)\b"
    r"|,?\s*\b(?:on|in)?\s*(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\s+\d{1,2}(?:,\s*\d{4})?"
)


def drop_attribution(sentence: str) -> str:
    """Remove the 'X said' / 'according to X' frame of a sentence (the content stays)."""
    out = sentence
    for pattern, repl in _ATTRIBUTION_RULES:
        out = pattern.sub(repl, out)
    out = re.sub(r',(["”])\.?$', r".\1", out.strip())
    if out and out != sentence:
        out = out[0].upper() + out[1:]
        if not out.endswith((".", "!", "?", '"', "”")):
            out += "."
    return out or sentence


def garble(name: str, rng: random.Random) -> str:
    """A transliteration-like variant of a place name (Kharkov/Kharkiv, Rodinskoye/Rodinovye)."""
    edits = [
        (r"ia\b", "iya"),
        (r"y\b", "ie"),
        (r"c(?=[aou])", "k"),
        (r"v", "w"),
        (r"w", "v"),
        (r"ou", "u"),
        (r"o(?=\w\w)", "a"),
        (r"i(?=[aeiou])", "iy"),
        (r"([^aeiou\s])\b", r"\1e"),
        (r"ng\b", "nk"),
    ]
    rng.shuffle(edits)
    for pattern, repl in edits:
        new = re.sub(pattern, repl, name, count=1)
        if new != name:
            return new
    return name + "a"


def _places(article: dict) -> list[str]:
    doc = article["article_id"]
    out = []
    with open(MEANTIME.parent / "gold_entity_mentions.jsonl", encoding="utf-8") as fh:
        for line in fh:
            m = json.loads(line)
            if m["doc_id"] == doc and m["ent_type"] == "LOC" and m["syntactic_type"] == "NAM":
                surface = re.sub(r"^the ", "", m["text"]).replace(" ,", ",")
                if len(surface) > 3 and surface[0].isupper():
                    out.append(surface)
    return sorted(set(out), key=len, reverse=True)


def rewrite(
    article: dict,
    rng: random.Random,
    new_id: str,
    keep_date: str = "",
    commentary: list[str] | None = None,
    places: list[str] | None = None,
) -> dict:
    """A derived article: reorder, paraphrase, rename places, drop attributions and dates,
    drop a few sentences, insert unattributed commentary. `keep_date` is its published date."""
    sentences = [s for s in article["text"].split("\n\n") if s.strip()]
    places = _places(article) if places is None else places
    renames = {p: garble(p, rng) for p in places}
    out = []
    for i, s in enumerate(sentences):
        if i > 0 and len(sentences) > 4 and rng.random() < 0.15:
            continue  # dropped
        s = drop_attribution(s) if rng.random() < 0.9 else s
        if rng.random() < 0.8:
            s = _DATES.sub("", s)
        for place, new in renames.items():
            s = s.replace(place, new)
        words = s.split(" ")
        for j, w in enumerate(words):
            key = w.lower()
            if key in SYNONYMS and rng.random() < 0.6:
                words[j] = SYNONYMS[key] if w.islower() else SYNONYMS[key].capitalize()
        out.append(" ".join(words))
    for _ in range(min(2, len(out) // 4)):  # reorder: swap adjacent sentences
        if len(out) > 3:
            k = rng.randrange(1, len(out) - 1)
            out[k], out[k + 1] = out[k + 1], out[k]
    comments = list(commentary if commentary is not None else COMMENTARY)
    rng.shuffle(comments)
    for c in comments[: max(2, len(out) // 4)]:
        out.insert(rng.randrange(1, len(out) + 1), c)
    headline = article["headline"]
    for place, new in renames.items():
        headline = headline.replace(place, new)
    return {
        "article_id": new_id,
        "headline": headline + ", say sources",
        "outlet": "Rewrite Daily",
        "published": keep_date,
        "text": "\n\n".join(out),
        "removed": [],
        "corpus": article.get("corpus", ""),
    }


# ---------------------------------------------------------------- stand-in claims + alignment

_SENT = re.compile(r"(?<=[.!?\"”])\s+(?=[A-Z\"“])|\n+")
_ATTRIB = re.compile(
    rf"\b{_SPEECH}\b|\baccording to\b|\bsaid\b|\btold\b|\bclaimed\b|\breported\b", re.I
)
_SPEAKER = re.compile(
    rf"according to ([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)*)|"
    rf"([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)*),? (?:{_SPEECH}|claimed|told)"
)
_HEDGE = {
    "may": 2,
    "might": 2,
    "could": 2,
    "possibly": 2,
    "reportedly": 2,
    "allegedly": 2,
    "likely": 1,
    "expected": 1,
    "will": 1,
    "plans": 1,
    "would": 1,
    "reported": 2,
}
_TIME = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday)\b"
    r"(?:\s+\d{1,2})?(?:,?\s+\d{4})?|\b(?:19|20)\d\d\b"
)


def simple_claims(articles: pd.DataFrame) -> pd.DataFrame:
    """One claim per sentence with regex cues; columns as in crosscheck.claims (a subset)."""
    rows = []
    for art in articles.itertuples():
        for seq, sent in enumerate(s.strip() for s in _SENT.split(art.text) if s.strip()):
            m = _SPEAKER.search(sent)
            attributed = bool(_ATTRIB.search(sent))
            words = re.findall(r"[a-z]+", sent.lower())
            rank = max([_HEDGE.get(w, 0) for w in words] or [0])
            rows.append(
                {
                    "claim_id": f"{art.article_id}:{seq:03d}",
                    "article_id": art.article_id,
                    "seq": seq,
                    "text": sent,
                    "speaker": (m.group(1) or m.group(2)) if (m and attributed) else "",
                    "attributed": attributed,
                    "certainty_rank": rank,
                    "times": [{"value": t.group(0)} for t in _TIME.finditer(sent)],
                }
            )
    cols = [
        "claim_id",
        "article_id",
        "seq",
        "text",
        "speaker",
        "attributed",
        "certainty_rank",
        "times",
    ]
    return pd.DataFrame(rows, columns=cols)


def simple_align(claims: pd.DataFrame, threshold: float = 0.3) -> pd.DataFrame:
    """Mutual-best TF-IDF (char 3-5 grams) alignment per article pair; the alignment contract
    of crosscheck.discrepancies.align_claims (article_a, article_b, claim_a, claim_b,
    similarity, status)."""
    rows = []
    ids = sorted(claims["article_id"].unique())
    for a, b in itertools.combinations(ids, 2):
        ca = claims[claims["article_id"] == a].reset_index(drop=True)
        cb = claims[claims["article_id"] == b].reset_index(drop=True)
        vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
        vec.fit(pd.concat([ca["text"], cb["text"]]))
        sim = cosine_similarity(vec.transform(ca["text"]), vec.transform(cb["text"]))
        matched_a, matched_b = set(), set()
        for i in range(len(ca)):
            j = int(sim[i].argmax())
            if sim[i, j] >= threshold and int(sim[:, j].argmax()) == i:
                matched_a.add(i)
                matched_b.add(j)
                rows.append((a, b, ca.claim_id[i], cb.claim_id[j], float(sim[i, j]), "aligned"))
        rows += [
            (a, b, ca.claim_id[i], "", 0.0, "only_a") for i in range(len(ca)) if i not in matched_a
        ]
        rows += [
            (a, b, "", cb.claim_id[j], 0.0, "only_b") for j in range(len(cb)) if j not in matched_b
        ]
    cols = ["article_a", "article_b", "claim_a", "claim_b", "similarity", "status"]
    return pd.DataFrame(rows, columns=cols)


# ---------------------------------------------------------------- constructed cases

CORPORA = ["corpus_airbus", "corpus_apple", "corpus_gm", "corpus_stock"]
DATE_MODES = ["source_only", "both_same", "none"]


def build_cases(
    seed: int = 0, n_derived: int = 24, n_independent: int = 20, n_shared: int = 8
) -> list[dict]:
    """Two-article cases with the expected relation; ids are random so the source is
    sometimes article_a and sometimes article_b."""
    rng = random.Random(seed)
    pool = {c: [a for a in corpus_articles(c) if a["text"].count("\n\n") >= 5] for c in CORPORA}
    cases = []

    def ids() -> tuple[str, str]:
        x, y = f"{rng.randrange(16**6):06x}", f"{rng.randrange(16**6):06x}"
        return (x, y) if rng.random() < 0.5 else (y, x)

    for k in range(n_derived):
        src = dict(rng.choice(pool[CORPORA[k % 4]]))
        sid, rid = ids()
        mode = DATE_MODES[k % 3]
        src_date = src["published"] if mode != "none" else ""
        rw = rewrite(src, rng, rid, keep_date=src_date if mode == "both_same" else "")
        src.update(article_id=sid, published=src_date)
        a, b = sorted([sid, rid])
        direction = "a->b" if a == sid else "b->a"
        cases.append(
            {
                "name": f"derived-{k:02d}-{mode}",
                "articles": [src, rw],
                "expected": [(a, b, "derived", direction)],
            }
        )
    for k in range(n_independent):
        x, y = (dict(d) for d in rng.sample(pool[CORPORA[k % 4]], 2))
        xid, yid = ids()
        x["article_id"], y["article_id"] = xid, yid
        a, b = sorted([xid, yid])
        cases.append(
            {
                "name": f"independent-{k:02d}",
                "articles": [x, y],
                "expected": [(a, b, "independent", "")],
            }
        )
    half = len(COMMENTARY) // 2
    for k in range(n_shared):
        src = rng.choice(pool[CORPORA[k % 4]])
        xid, yid = ids()
        x = rewrite(src, rng, xid, commentary=COMMENTARY[:half])
        y = rewrite(src, rng, yid, commentary=COMMENTARY[half:])
        a, b = sorted([xid, yid])
        cases.append(
            {
                "name": f"shared-{k:02d}",
                "articles": [x, y],
                "expected": [(a, b, "shared_source", "")],
            }
        )
    return cases


def write_pairs(path: Path = HERE / "pairs.jsonl", seed: int = 0) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for case in build_cases(seed):
            fh.write(json.dumps(case, ensure_ascii=False, sort_keys=True) + "\n")


def read_pairs(path: Path = HERE / "pairs.jsonl") -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        cases = [json.loads(line) for line in fh]
    for case in cases:
        case["expected"] = [tuple(e) for e in case["expected"]]
    return cases


if __name__ == "__main__":
    write_pairs()
