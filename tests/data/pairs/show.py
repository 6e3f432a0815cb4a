import pandas as pd, sys
d = pd.read_csv('candidates.csv')
d = d[d.split == sys.argv[1]].iloc[int(sys.argv[2]):int(sys.argv[3])]
for r in d.itertuples():
    print(f"{r.pair_id} [{r.event_words_a} | {r.event_words_b}]\n A: {r.text_a}\n B: {r.text_b}")
