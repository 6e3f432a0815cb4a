"""Document-level sample (seed 20), round-robin over topics 1-35, until >=340 mentions; 30% of docs -> test."""
import random, pandas as pd
d = pd.read_csv('extents_all.csv')
rng = random.Random(20)
by_topic = {}
for t in sorted(d.topic.unique()):
    docs = sorted(d[d.topic == t].doc_id.unique()); rng.shuffle(docs); by_topic[t] = docs
chosen, n = [], 0
topics = sorted(by_topic)
while n < 340:
    for t in topics:
        if by_topic[t] and n < 340:
            doc = by_topic[t].pop(0); chosen.append(doc); n += (d.doc_id == doc).sum()
test = set(random.Random(20).sample(sorted(chosen), round(0.3 * len(chosen))))
out = pd.DataFrame({'doc_id': chosen, 'split': ['test' if c in test else 'dev' for c in chosen]})
out['n_mentions'] = [int((d.doc_id == c).sum()) for c in chosen]
out.to_csv('sample_docs.csv', index=False)
print(len(chosen), n, out.groupby('split').n_mentions.agg(['count', 'sum']))
