"""Extract cross-document same-event sentence pairs and hard negatives from ECB+ topics 1-35.
Source: /work/shared/corpora/ecbplus_dev (ECB+, Cybulska & Vossen 2014, CC BY 3.0).
Deterministic: random seed 14."""
import csv, glob, os, random, re, collections
from lxml import etree

SRC = '/work/shared/corpora/ecbplus_dev'
OUT = os.path.dirname(os.path.abspath(__file__))
SEED = 14
TARGET = 440
MAX_TOPIC = 16
N_NEG = 150

sel = set()
with open(f'{SRC}/ECBplus_coreference_sentences.csv') as f:
    for r in csv.DictReader(f):
        sel.add((r['Topic'], f"{r['Topic']}_{r['File']}", int(r['Sentence Number'])))

def detok(toks):
    s = ' '.join(toks)
    s = re.sub(r' ([.,;:!?%)\]}])', r'\1', s)
    s = re.sub(r'([(\[{$]) ', r'\1', s)
    s = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r'\1', s)
    s = re.sub(r"\s*(``|'')\s*", ' " ', s)
    s = re.sub(r' " ', ' "', s)  # crude; then fix quote spacing below
    # pair up double quotes
    out, open_q = [], True
    for ch_part in re.split(r'(")', s):
        out.append(ch_part)
    s = ''.join(out)
    parts = s.split('"')
    if len(parts) > 1:
        res = parts[0]
        for i, p in enumerate(parts[1:]):
            if i % 2 == 0:  # opening quote
                res = res.rstrip() + (' ' if res.strip() else '') + '"' + p.lstrip()
            else:
                res = res.rstrip() + '"' + (p if p.startswith((' ', '.', ',', ';', ':', '?', '!')) or not p else ' ' + p)
        s = res
    s = re.sub(r'\s+', ' ', s).strip()
    s = re.sub(r'\b([A-Za-z])\. (?=[A-Za-z]\.)', r'\1.', s)   # U. S. -> U.S., a. m. -> a.m.
    s = re.sub(r'(\d): (\d)', r'\1:\2', s)                     # 2: 56 -> 2:56
    s = re.sub(r"(\d)\. (\d)", r"\1.\2", s)                     # 2. 6 -> 2.6
    s = re.sub(r'(?<=\w) - (?=\w)', '-', s)                       # shake - up -> shake-up
    s = re.sub(r'\. (com|org|net)\b', r'.\1', s)                  # MyFoxHouston. com
    return s

docs = {}  # doc -> dict
for path in sorted(glob.glob(f'{SRC}/xml/*/*.xml')):
    doc = os.path.basename(path)[:-4]
    topic = doc.split('_')[0]
    sub = 'ecbplus' if doc.endswith('ecbplus') else 'ecb'
    root = etree.parse(path).getroot()
    tok = {}
    sents = collections.defaultdict(list)
    for t in root.iter('token'):
        tid = t.get('t_id'); s = int(t.get('sentence'))
        tok[tid] = (s, t.text or '')
        sents[s].append(t.text or '')
    ment = {}
    mk = root.find('Markables')
    for m in (mk if mk is not None else []):
        if not m.tag.startswith('ACTION'):
            continue
        anchors = [a.get('t_id') for a in m.findall('token_anchor')]
        if not anchors:
            continue
        ment[m.get('m_id')] = anchors
    inst_of = {}
    rel = root.find('Relations')
    for r in (rel if rel is not None else []):
        if r.tag != 'CROSS_DOC_COREF':
            continue
        note = r.get('note') or ''
        for s in r.findall('source'):
            if s.get('m_id') in ment:
                inst_of[s.get('m_id')] = note
    # sentence -> list of (instance, anchor words, first token position)
    sinst = collections.defaultdict(list)
    for mid, anchors in ment.items():
        s = tok[anchors[0]][0]
        words = ' '.join(tok[a][1] for a in anchors)
        sinst[s].append((inst_of.get(mid), words, int(anchors[0])))
    docs[doc] = dict(topic=topic, sub=sub, sents=sents, sinst=sinst)

def ok_sent(doc, s):
    d = docs[doc]
    n = len(d['sents'][s])
    return (d['topic'], doc, s) in sel and 5 <= n <= 60 and s != 0

# instance frequency (number of documents mentioning it) -> "seminal" events
inst_docs = collections.defaultdict(set)
for doc, d in docs.items():
    for s, lst in d['sinst'].items():
        for inst, w, p in lst:
            if inst:
                inst_docs[inst].add(doc)

def main_inst(doc, s):
    """naive main event of a sentence: the cross-doc instance mentioned there that is reported by
    the most documents (ties: earliest in sentence)."""
    lst = [x for x in docs[doc]['sinst'][s] if x[0]]
    if not lst:
        return None
    return sorted(lst, key=lambda x: (-len(inst_docs[x[0]]), x[2]))[0][0]

# candidate pairs
by_inst = collections.defaultdict(list)  # inst -> [(doc, s, words)]
for doc, d in docs.items():
    for s, lst in d['sinst'].items():
        if not ok_sent(doc, s):
            continue
        seen = {}
        for inst, w, p in lst:
            if inst and inst.startswith('ACT'):
                seen.setdefault(inst, []).append(w)
        for inst, ws in seen.items():
            by_inst[inst].append((doc, s, ws))

cands = {}  # key (docA,sA,docB,sB) -> candidate
for inst, occ in by_inst.items():
    for i in range(len(occ)):
        for j in range(i + 1, len(occ)):
            a, b = occ[i], occ[j]
            if a[0] == b[0]:
                continue
            if a[0] > b[0]:
                a, b = b, a
            key = (a[0], a[1], b[0], b[1])
            main = int(main_inst(a[0], a[1]) == inst and main_inst(b[0], b[1]) == inst)
            c = dict(key=key, inst=inst, wa=a[2], wb=b[2], main=main)
            old = cands.get(key)
            if old is None or (c['main'], len(inst_docs[inst])) > (old['main'], len(inst_docs[old['inst']])):
                cands[key] = c

rng = random.Random(SEED)
by_topic = collections.defaultdict(list)
for key in sorted(cands):
    by_topic[docs[key[0]]['topic']].append(cands[key])
topics = sorted(by_topic, key=int)
ordered = {}
for t in topics:
    lst = by_topic[t][:]
    rng.shuffle(lst)
    lst.sort(key=lambda c: -c['main'])  # stable: main-event pairs first, random within
    ordered[t] = lst

chosen = collections.defaultdict(list)
dp_count = collections.Counter(); sent_use = collections.Counter()
ptr = {t: 0 for t in topics}
def take_one(t):
    lst = ordered[t]
    while ptr[t] < len(lst):
        c = lst[ptr[t]]; ptr[t] += 1
        a0, a1, b0, b1 = c['key']
        if dp_count[(a0, b0)] >= 2 or sent_use[(a0, a1)] >= 3 or sent_use[(b0, b1)] >= 3:
            continue
        dp_count[(a0, b0)] += 1; sent_use[(a0, a1)] += 1; sent_use[(b0, b1)] += 1
        chosen[t].append(c)
        return True
    return False
# round robin over topics until TARGET or exhausted
total = 0; progress = True
while total < TARGET and progress:
    progress = False
    for t in topics:
        if total >= TARGET:
            break
        if len(chosen[t]) < MAX_TOPIC and take_one(t):
            total += 1; progress = True

def text(doc, s):
    return detok(docs[doc]['sents'][s])

rows = []
for t in topics:
    for c in chosen[t]:
        a0, a1, b0, b1 = c['key']
        if rng.random() < 0.5:  # randomise side order
            a0, a1, b0, b1 = b0, b1, a0, a1
            wa, wb = c['wb'], c['wa']
        else:
            wa, wb = c['wa'], c['wb']
        rows.append(dict(topic=t, subtopic=docs[a0]['sub'], doc_a=a0, sent_a=a1, doc_b=b0, sent_b=b1,
                         text_a=text(a0, a1), text_b=text(b0, b1), instance=c['inst'],
                         event_words_a=';'.join(wa), event_words_b=';'.join(wb), main_event=c['main']))

# frozen test topics: ~30% of topics, seed 14
rng_t = random.Random(SEED)
n_test = round(0.3 * len(topics))
test_topics = sorted(rng_t.sample(topics, n_test), key=int)
for i, r in enumerate(rows):
    r['pair_id'] = f'P{i+1:04d}'
    r['split'] = 'test' if r['topic'] in test_topics else 'dev'
cols = ['pair_id', 'split', 'topic', 'subtopic', 'doc_a', 'sent_a', 'doc_b', 'sent_b', 'text_a', 'text_b',
        'instance', 'event_words_a', 'event_words_b', 'main_event']
with open(f'{OUT}/candidates.csv', 'w', newline='') as f:
    w = csv.DictWriter(f, fieldnames=cols); w.writeheader()
    for r in rows:
        w.writerow({k: r[k] for k in cols})
with open(f'{OUT}/test_topics.txt', 'w') as f:
    f.write(' '.join(test_topics) + '\n')

# hard negatives: same topic, different subtopic, main-event anchors share lowercased word
main_word = {}
for doc, d in docs.items():
    for s in d['sinst']:
        if not ok_sent(doc, s):
            continue
        mi = main_inst(doc, s)
        if not mi or not mi.startswith('ACT'):
            continue
        ws = [w.lower() for inst, w, p in d['sinst'][s] if inst == mi]
        main_word[(doc, s)] = (mi, set(ws))
neg_by_topic = collections.defaultdict(list)
keys = sorted(main_word)
for i in range(len(keys)):
    for j in range(i + 1, len(keys)):
        (da, sa), (db, sb) = keys[i], keys[j]
        if docs[da]['topic'] != docs[db]['topic'] or docs[da]['sub'] == docs[db]['sub']:
            continue
        ia, wa = main_word[keys[i]]; ib, wb = main_word[keys[j]]
        common = wa & wb
        if common and ia != ib:
            neg_by_topic[docs[da]['topic']].append((da, sa, db, sb, ia, ib, sorted(common)[0]))
rng_n = random.Random(SEED)
for t in neg_by_topic:
    rng_n.shuffle(neg_by_topic[t])
negs = []; nptr = {t: 0 for t in neg_by_topic}; dpn = collections.Counter()
ntopics = sorted(neg_by_topic, key=int)
progress = True
while len(negs) < N_NEG and progress:
    progress = False
    for t in ntopics:
        if len(negs) >= N_NEG:
            break
        lst = neg_by_topic[t]
        while nptr[t] < len(lst):
            x = lst[nptr[t]]; nptr[t] += 1
            if dpn[(x[0], x[2])] >= 1:
                continue
            dpn[(x[0], x[2])] += 1; negs.append((t, x)); progress = True
            break
with open(f'{OUT}/hard_negatives.csv', 'w', newline='') as f:
    w = csv.writer(f)
    w.writerow(['neg_id', 'topic', 'doc_a', 'subtopic_a', 'sent_a', 'doc_b', 'subtopic_b', 'sent_b', 'text_a', 'text_b',
                'instance_a', 'instance_b', 'shared_word', 'split'])
    for i, (t, (da, sa, db, sb, ia, ib, cw)) in enumerate(negs):
        w.writerow([f'N{i+1:04d}', t, da, docs[da]['sub'], sa, db, docs[db]['sub'], sb, text(da, sa), text(db, sb),
                    ia, ib, cw, 'test' if t in test_topics else 'dev'])
print('pairs', len(rows), 'topics', len(topics), 'test topics', test_topics,
      'test pairs', sum(r['split'] == 'test' for r in rows), 'negs', len(negs))
print(collections.Counter(r['topic'] for r in rows))
print('main', sum(r['main_event'] for r in rows))
