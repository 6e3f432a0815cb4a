"""Merge hand labels (labels.txt: id|label|kinds|words_a|words_b|note) into pairs.csv."""
import pandas as pd, sys, csv
c = pd.read_csv('candidates.csv', dtype=str)
lab = {}
for line in open('labels.txt', encoding='utf-8'):
    line = line.rstrip('\n')
    if not line.strip(): continue
    p = line.split('|')
    assert len(p) >= 6, line
    pid, label, kinds, wa, wb = p[:5]; note = '|'.join(p[5:]).strip('|')
    assert label in ('same', 'differs'), line
    K = {'polarity','referent','detail','quote_altered','quantity','time','attribution','certainty','characterization'}
    ks = [k for k in kinds.split(';') if k]
    assert all(k in K for k in ks), line
    assert (label == 'same') == (not ks), line
    assert pid not in lab, pid
    lab[pid] = dict(label=label, kinds=';'.join(ks), words_a=wa, words_b=wb, note=note)
for col in ['label', 'kinds', 'words_a', 'words_b', 'note']:
    c[col] = c.pair_id.map(lambda i: lab.get(i, {}).get(col, ''))
cols = ['pair_id','topic','subtopic','doc_a','sent_a','doc_b','sent_b','text_a','text_b','instance',
        'event_words_a','event_words_b','split','label','kinds','words_a','words_b','note']
lab_df = c[c.label != '']
lab_df[cols].to_csv('pairs.csv', index=False)
t = c[c.split == 'test']
print('test labelled', (t.label != '').sum(), '/', len(t), ' total labelled', len(lab_df), '/', len(c))
if len(sys.argv) > 1 and sys.argv[1] == 'freeze':
    assert (t.label != '').all()
    t[cols].to_csv('pairs_test.csv', index=False)
