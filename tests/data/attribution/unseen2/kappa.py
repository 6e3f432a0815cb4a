"""Cohen's kappa (attributed / not) between labels.txt (first pass, via unseen2.jsonl) and
second_pass.txt (60 sentences). Run from this folder after build_unseen2.py."""

import json

from sklearn.metrics import cohen_kappa_score

first = {json.loads(line)["sid"]: json.loads(line) for line in open("unseen2.jsonl")}
second = {}
for line in open("second_pass.txt"):
    if line.strip() and not line.startswith("#"):
        sid, _, rest = line.strip().partition(" ")
        second[sid] = rest.split(";")
assert len(second) == 60, len(second)
a = [first[s]["attributed"] for s in second]
b = [not v[0].strip().startswith("-") for v in second.values()]
agree = sum(x == y for x, y in zip(a, b, strict=True))
print(f"n=60 agree={agree} first_attr={sum(a)} second_attr={sum(b)}")
print("kappa", round(cohen_kappa_score(a, b), 3))
for s, v in second.items():
    if first[s]["attributed"] and len(v) > 2:
        g = first[s]["source_head"].lower()
        if v[2].strip().lower() != g:
            print("head differs", s, g, v[2].strip())
    if first[s]["attributed"] != (not v[0].strip().startswith("-")):
        print("differs", s)
