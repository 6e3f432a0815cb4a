"""Extract all TIME_* mention extents from ECB+ topics 1-35 (CAT XML).
Output: extents_all.csv (all mentions) ; sentence text from docs.jsonl (line == sentence index)."""
import json, glob, os, re
from lxml import etree
import pandas as pd
SRC = '/work/shared/corpora/ecbplus_dev'
docs = {json.loads(l)['id']: json.loads(l) for l in open(f'{SRC}/docs.jsonl')}
rows = []
for f in sorted(glob.glob(f'{SRC}/xml/*/*.xml')):
    doc_id = os.path.basename(f)[:-4]
    topic = int(doc_id.split('_')[0])
    if topic > 35: continue
    sub = 'ecbplus' if doc_id.endswith('ecbplus') else 'ecb'
    root = etree.parse(f).getroot()
    toks = {t.get('t_id'): (int(t.get('sentence')), int(t.get('number')), t.text or '') for t in root.iter('token')}
    lines = docs[doc_id]['text'].split('\n')
    first = [t.text for t in root.iter('token') if t.get('sentence') == '0']
    off = 1 if first and first[0].lower().startswith('http') else 0  # url sentence not in docs.jsonl text
    for m in root.find('Markables'):
        if not m.tag.startswith('TIME_'): continue
        anc = [a.get('t_id') for a in m.findall('token_anchor')]
        if not anc: continue  # instance descriptor, no extent
        tk = sorted((toks[a] for a in anc), key=lambda x: (x[0], x[1]))
        sent = tk[0][0]
        words = [w for _, _, w in tk]
        text = ' '.join(words)
        text = re.sub(r' ([,.;:%\'])', r'\1', text).replace(" 's", "'s")
        stext = lines[sent-off] if 0 <= sent-off < len(lines) else ''
        # char offsets: find tokens in sequence in the sentence, allowing flexible whitespace
        pat = r'\s*'.join(re.escape(w) for w in words)
        mm = re.search(pat, stext)
        s, e = (mm.start(), mm.end()) if mm else (None, None)
        if mm: text = stext[s:e] if (tk[-1][1]-tk[0][1]+1)==len(tk) else text
        rows.append(dict(doc_id=doc_id, topic=topic, subtopic=sub, mention_id=m.get('m_id'), type=m.tag,
                         sentence_idx=sent, text=text, token_ids=' '.join(anc),
                         contiguous=(tk[-1][1]-tk[0][1]+1)==len(tk) and len({t[0] for t in tk})==1,
                         char_start=s, char_end=e, sentence=stext))
df = pd.DataFrame(rows)
df['char_start'] = df['char_start'].astype('Int64'); df['char_end'] = df['char_end'].astype('Int64')
df.to_csv('extents_all.csv', index=False)
print(len(df), df.doc_id.nunique(), df.type.value_counts().to_dict(), 'no offsets:', df.char_start.isna().sum())
