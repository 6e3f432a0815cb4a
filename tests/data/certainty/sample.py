"""Sample sentences for the certainty evaluation set. Seed 15. Provenance script."""
import json, random, re, glob, os, csv
import xml.etree.ElementTree as ET
SEED = 15
rng = random.Random(SEED)
ECB = '/work/shared/corpora/ecbplus_dev/docs.jsonl'
MT = '/work/shared/corpora/meantime_en/intra_cross-doc_annotation'
HEDGE = ("may might could would should can will likely unlikely possibly possible probably probable perhaps "
         "maybe reportedly allegedly alleged suspected suspect suspects believed believe believes expected expect "
         "expects appears appear appeared seems seem seemed suggests suggest suggested unclear unconfirmed "
         "according estimated estimate estimates about approximately around nearly roughly if whether plan plans "
         "planned intend intends intended rumor rumors rumour rumours rumoured rumored claim claims claimed "
         "apparently potential potentially predicted predict forecast risk hope hopes thought unknown uncertain "
         "purportedly speculation speculated investigating doubt doubts denied denies deny possibility chance "
         "probe might've supposedly presumably apparent indicate indicates").split()
PHRASES = ["according to", "plan to", "plans to", "said to be", "is set to", "are set to", "no evidence"]
HEDGE = set(HEDGE)
def is_hedge(s):
    low = s.lower()
    toks = re.findall(r"[a-z']+", low)
    return any(t in HEDGE for t in toks) or any(p in low for p in PHRASES)
def detok(toks):
    s = ' '.join(toks)
    s = re.sub(r" ([,.;:!?%)\]])", r"\1", s); s = re.sub(r"([(\[$]) ", r"\1", s)
    s = re.sub(r" (n't|'s|'re|'ve|'ll|'d|')(?=\W|$)", r"\1", s)
    s = re.sub(r'" (.*?) "', r'"\1"', s)
    return s
def ok(s):
    if len(s.split()) < 5: return False
    if re.fullmatch(r"[A-Za-z]+ \d{1,2}, \d{4}", s.strip()): return False
    return True
docs = []
for line in open(ECB):
    d = json.loads(line)
    if not (1 <= d['topic'] <= 35): continue
    sents = [s.strip() for s in d['text'].split('\n') if s.strip()]
    docs.append(('ecbplus', d['id'], sents))
ecb = docs
mt = []
for f in sorted(glob.glob(MT + '/*/*.xml')):
    root = ET.parse(f).getroot()
    by = {}
    for t in root.iter('token'):
        by.setdefault(int(t.get('sentence')), []).append(t.text or '')
    sents = [detok(by[k]) for k in sorted(by)]
    mt.append(('meantime', 'mt_' + root.get('doc_id'), sents))
rng.shuffle(ecb); rng.shuffle(mt)
order = []
ei = mi = 0
while ei < len(ecb) or mi < len(mt):
    for _ in range(2):
        if ei < len(ecb): order.append(ecb[ei]); ei += 1
    if mi < len(mt): order.append(mt[mi]); mi += 1
TARGET = 320; K = 4
rows = []; nh = nr = 0; chosen_docs = []
for corpus, did, sents in order:
    if nh >= TARGET and nr >= TARGET: break
    idx = [i for i, s in enumerate(sents) if ok(s)]
    if len(idx) < 3: continue
    hedge_idx = [i for i in idx if is_hedge(sents[i])]
    rng.shuffle(hedge_idx)
    h = hedge_idx[:K] if nh < TARGET else []
    rest = [i for i in idx if i not in h]; rng.shuffle(rest)
    r = rest[:K] if nr < TARGET else []
    if not h and not r: continue
    chosen_docs.append(did)
    for i in sorted(h + r):
        rows.append(dict(sid=f"{did}_s{i}", doc_id=did, corpus=corpus, text=sents[i],
                         sel='hedge' if i in h else 'random', has_cue_word=int(is_hedge(sents[i]))))
    nh += len(h); nr += len(r)
# freeze ~30% of documents as test
docs_sorted = sorted(chosen_docs)
r2 = random.Random(SEED)
test_docs = set(r2.sample(docs_sorted, round(0.3 * len(docs_sorted))))
for row in rows: row['split'] = 'test' if row['doc_id'] in test_docs else 'dev'
with open('sample.csv', 'w', newline='') as fh:
    w = csv.DictWriter(fh, fieldnames=['sid', 'doc_id', 'corpus', 'text', 'split', 'sel', 'has_cue_word'])
    w.writeheader(); w.writerows(rows)
json.dump(sorted(test_docs), open('test_docs.json', 'w'), indent=0)
print(len(rows), 'rows', nh, 'hedge', nr, 'random', len(chosen_docs), 'docs', len(test_docs), 'test docs',
      sum(r['split'] == 'test' for r in rows), 'test rows')
