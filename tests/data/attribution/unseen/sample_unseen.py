"""Unseen attribution check (round of issue 15, helper attr15): documents in neither the dev nor
the frozen attribution sample. seed 1515. Whole documents, first 10 sentences of each.

ECB+ topics 1-35 only (topics 36-45 never read); MEANTIME documents not in sample.jsonl.
Run from this folder: python sample_unseen.py  -> unseen_sample.jsonl (unlabelled).
The functions are imported by ../unseen2/sample_unseen2.py (same draw, other seed and exclusions)."""

import glob
import json
import os
import random
import re

SEED = 1515
CAP, MAXLEN = 10, 40
N_ECB, N_MT = 14, 6
HERE = os.path.dirname(os.path.abspath(__file__))


def detok(toks):  # the same rebuild as ../sample.py
    toks = ['"' if t in ("``", "''") else t for t in toks]
    out = []
    for i, t in enumerate(toks):
        if t == '"':
            prev = toks[i - 1] if i else None
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            closing = prev is not None and (
                prev in {",", ".", "!", "?", ";", ":"} or nxt is None or nxt in {",", ".", ";", ":"}
            )
            out.append('"@C' if closing else '"@O')
        else:
            out.append(t)
    s = " ".join(out)
    s = re.sub(r" ([,.;:!?%)\]])", r"\1", s)
    s = re.sub(r"([(\[$]) ", r"\1", s)
    s = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", s)
    s = s.replace(' "@C', '"').replace('"@O ', '"').replace('"@C', '"').replace('"@O', '"')
    return re.sub(r"\s+", " ", s).strip()


def doc_ids(path):
    """The doc_id of every row of a JSON-lines file (labels are not read)."""
    return {json.loads(line)["doc_id"] for line in open(path)}


def candidates(used):
    """ECB+ (topics 1-35) and MEANTIME documents of at most MAXLEN sentences not in `used`."""
    ecb = []
    for line in open("/work/shared/corpora/ecbplus_dev/docs.jsonl"):
        d = json.loads(line)
        if not (1 <= d["topic"] <= 35) or d["id"] in used:
            continue
        sents = [s for s in d["text"].split("\n") if s.strip()]
        if len(sents) <= MAXLEN:
            ecb.append(dict(doc_id=d["id"], corpus="ecbplus", sents=sents, topic=d["topic"]))
    mt = []
    for f in sorted(glob.glob("/work/shared/corpora/meantime_en/intra_cross-doc_annotation/*/*.xml")):
        from lxml import etree

        root = etree.parse(f).getroot()
        doc_id = "meantime_" + root.get("doc_id")
        if doc_id in used:
            continue
        by = {}
        for t in root.iter("token"):
            by.setdefault(int(t.get("sentence")), []).append(t.text)
        sents = [detok(by[k]) for k in sorted(by)]
        if len(sents) <= MAXLEN:
            mt.append(dict(doc_id=doc_id, corpus="meantime", sents=sents, topic=os.path.dirname(f)))
    return ecb, mt


def draw(rng, ecb, mt, n_ecb=N_ECB, n_mt=N_MT):
    """One ECB+ document per distinct topic, topics drawn at random; MEANTIME at random."""
    topics = sorted({d["topic"] for d in ecb})
    rng.shuffle(topics)
    docs = []
    for t in topics[:n_ecb]:
        pool = sorted((d for d in ecb if d["topic"] == t), key=lambda d: d["doc_id"])
        docs.append(rng.choice(pool))
    docs += rng.sample(sorted(mt, key=lambda d: d["doc_id"]), n_mt)
    return docs


def write(docs, path, split, cap=CAP):
    """The first `cap` sentences of each document as unlabelled rows."""
    with open(path, "w") as out:
        for d in docs:
            for i, s in enumerate(d["sents"][:cap]):
                row = dict(sid=f"{d['doc_id']}#{i}", doc_id=d["doc_id"], corpus=d["corpus"])
                row.update(sent_index=i, text=s, split=split)
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(len(docs), sum(min(cap, len(d["sents"])) for d in docs))


if __name__ == "__main__":
    used = doc_ids(os.path.join(HERE, "..", "sample.jsonl"))
    rng = random.Random(SEED)
    ecb, mt = candidates(used)
    write(draw(rng, ecb, mt), "unseen_sample.jsonl", "unseen")
