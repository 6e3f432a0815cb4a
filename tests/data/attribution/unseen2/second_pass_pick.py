"""Pick the 60 sentences of the second, independent labelling pass (seed 2021), in random order,
and print them with their preceding sentence as context (no labels shown).
Run from this folder: python second_pass_pick.py > /tmp/pick.txt"""

import json
import random

rows = [json.loads(line) for line in open("unseen2_sample.jsonl")]
by_sid = {r["sid"]: r for r in rows}
pick = random.Random(2021).sample([r["sid"] for r in rows], 60)
for sid in pick:
    r = by_sid[sid]
    prev = by_sid.get(f"{r['doc_id']}#{r['sent_index'] - 1}")
    print(f"== {sid}")
    if prev:
        print("   (prev)", prev["text"])
    print("  ", r["text"])
