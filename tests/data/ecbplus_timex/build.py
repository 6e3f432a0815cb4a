"""Merge hand-written values (values_<split>.txt) with extents; lines with empty mention_id field carry doc_date."""
import sys, pandas as pd
split = sys.argv[1]
ext = pd.read_csv('extents_all.csv', dtype={'mention_id': str})
s = pd.read_csv('sample_docs.csv'); docs = list(s[s.split == split].doc_id)
dd, rows = {}, []
for l in open(f'values_{split}.txt'):
    if l.startswith('#') or not l.strip(): continue
    f = l.rstrip('\n').split('|'); f += [''] * (6 - len(f))
    doc, mid, ty, val, anc, note = f
    if mid == '' or mid[:2] in ('19', '20') and '-' in mid:  # doc line
        dd[doc] = mid if '-' in mid else ''; continue
    rows.append(dict(doc_id=doc, mention_id=mid, timex_type=ty, value=val, anchor_note=anc, note=note))
v = pd.DataFrame(rows)
m = ext[ext.doc_id.isin(docs)][['doc_id', 'mention_id', 'type', 'text', 'sentence_idx', 'sentence']]
out = m.merge(v, on=['doc_id', 'mention_id'], how='outer', indicator=True)
bad = out[out._merge != 'both']
if len(bad): print('MISMATCH', bad[['doc_id', 'mention_id', '_merge']].to_string()); sys.exit(1)
miss = set(docs) - set(dd); assert not miss, miss
out['split'] = split; out['doc_date'] = out.doc_id.map(dd)
out = out.rename(columns={'type': 'ecb_type'})
out['order'] = out.doc_id.map({d: i for i, d in enumerate(docs)})
out = out.sort_values(['order', 'sentence_idx', 'mention_id'])
cols = ['doc_id', 'mention_id', 'split', 'text', 'sentence', 'sentence_idx', 'ecb_type', 'doc_date', 'timex_type', 'value', 'anchor_note', 'note']
out[cols].to_csv(f'timex_{split}.csv', index=False)
print(split, len(out), out.timex_type.value_counts().to_dict())
