import json, sys
rows = [json.loads(l) for l in open("sample.jsonl")]
docs = sys.argv[1:]
for d in docs:
    print("DOC", d)
    for r in rows:
        if r["doc_id"] == d:
            print(r["sent_index"], r["text"])
