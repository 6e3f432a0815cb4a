"""Sampling for the attribution evaluation set. seed 15. Whole documents, first 15 sentences max."""
import json, random, re, glob, os
from lxml import etree
SEED = 15
rng = random.Random(SEED)
CUE = re.compile(r'"|\b(said|says|say|told|according to|reported|stated|announced|added)\b', re.I)
CAP, MAXLEN = 15, 40

def detok(toks):
    toks = ['"' if t in ("``", "''") else t for t in toks]
    out = []
    for i, t in enumerate(toks):
        if t == '"':
            prev = toks[i - 1] if i else None
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            closing = prev is not None and (prev in {",", ".", "!", "?", ";", ":"} or nxt is None or nxt in {",", ".", ";", ":"})
            out.append('"@C' if closing else '"@O')
        else:
            out.append(t)
    s = " ".join(out)
    s = re.sub(r" ([,.;:!?%)\]])", r"\1", s)
    s = re.sub(r"([(\[$]) ", r"\1", s)
    s = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", s)
    s = s.replace(' "@C', '"').replace('"@O ', '"').replace('"@C', '"').replace('"@O', '"')
    return re.sub(r"\s+", " ", s).strip()

ecb = []
for line in open("/work/shared/corpora/ecbplus_dev/docs.jsonl"):
    d = json.loads(line)
    if not (1 <= d["topic"] <= 35):
        continue
    sents = [s for s in d["text"].split("\n") if s.strip()]
    ecb.append(dict(doc_id=d["id"], corpus="ecbplus", topic=d["topic"], sents=sents))
mt = []
for f in sorted(glob.glob("/work/shared/corpora/meantime_en/intra_cross-doc_annotation/*/*.xml")):
    root = etree.parse(f).getroot()
    by = {}
    for t in root.iter("token"):
        by.setdefault(int(t.get("sentence")), []).append(t.text)
    sents = [detok(by[k]) for k in sorted(by)]
    mt.append(dict(doc_id="meantime_" + root.get("doc_id"), corpus="meantime",
                   topic=os.path.basename(os.path.dirname(f)), sents=sents))

def has_cue(d):
    return any(CUE.search(s) for s in d["sents"])

def pick(docs, target, topics_key):
    docs = [d for d in docs if len(d["sents"]) <= MAXLEN]
    rng.shuffle(docs)
    bytopic = {}
    for d in docs:
        bytopic.setdefault(d[topics_key], []).append(d)
    # within topic: reporting documents first (prob 0.75 to draw a reporting doc), round-robin over topics
    topics = sorted(bytopic, key=str); rng.shuffle(topics)
    chosen, n = [], 0
    while n < target:
        progressed = False
        for t in topics:
            pool = bytopic[t]
            if not pool or n >= target:
                continue
            rep = [d for d in pool if has_cue(d)]; oth = [d for d in pool if not has_cue(d)]
            src = rep if (rep and (rng.random() < 0.75 or not oth)) else oth
            d = src[0]; pool.remove(d)
            chosen.append(d); n += min(CAP, len(d["sents"])); progressed = True
        if not progressed:
            break
    return chosen

E = pick(ecb, 555, "topic")
M = pick(mt, 270, "topic")
docs = E + M
ids = [d["doc_id"] for d in docs]
test = set(rng.sample(ids, round(0.3 * len(ids))))
rows = []
for d in docs:
    for i, s in enumerate(d["sents"][:CAP]):
        rows.append(dict(sid=f"{d['doc_id']}#{i}", doc_id=d["doc_id"], corpus=d["corpus"], sent_index=i,
                         text=s, split="test" if d["doc_id"] in test else "dev"))
with open("sample.jsonl", "w") as f:
    for r in rows:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
print(len(docs), len(E), len(M), len(rows), sum(r["split"] == "test" for r in rows), len(test))
print("reporting docs:", sum(has_cue(d) for d in docs))
