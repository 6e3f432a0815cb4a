"""labels.txt + unseen_sample.jsonl -> unseen.jsonl (same fields as ../attribution.jsonl,
split "unseen"). Run from this folder. `build` is imported by ../unseen2/build_unseen2.py."""

import json


def build(labels_path, sample_path, out_path):
    rows = {json.loads(line)["sid"]: json.loads(line) for line in open(sample_path)}
    out, doc = {}, None
    for line in open(labels_path):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("DOC "):
            doc = line.split()[1]
            continue
        head, _, rest = line.partition(" ")
        sid = f"{doc}#{int(head)}"
        assert sid not in out, ("labelled twice", sid)
        r = dict(rows[sid])
        rest = rest.strip()
        if rest.startswith("-"):
            r.update(attributed=False, kind="none", cue="", source="", source_resolved="")
            r.update(source_head="", content="", chain=[], continuation=False, note=rest[1:].strip())
        else:
            f = [x.strip() for x in rest.split(";")] + [""] * 9
            k, cue, src, res, hd, con, ch, c, note = f[:9]
            assert not src or src in r["text"], (sid, src)
            assert not cue or cue in r["text"] or cue == '"', (sid, cue)
            chain = [x.strip() for x in ch.split(">")] if ch else ([res] if res else [])
            r.update(attributed=True, kind={"S": "speech", "B": "belief"}[k], cue=cue, source=src)
            r.update(source_resolved=res, source_head=hd, content=con, chain=chain)
            r.update(continuation=c == "c", note=note)
        out[sid] = r
    missing = [s for s in rows if s not in out]
    assert not missing, missing
    with open(out_path, "w") as f:
        for sid in rows:
            f.write(json.dumps(out[sid], ensure_ascii=False) + "\n")
    print(len(out), "labelled;", sum(r["attributed"] for r in out.values()), "attributed")
    return out


if __name__ == "__main__":
    build("labels.txt", "unseen_sample.jsonl", "unseen.jsonl")
