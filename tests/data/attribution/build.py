"""Convert my hand-written compact label files (labels/*.txt) into attribution JSONL.
Line format: <sent_index> - [note]          -> not attributed
             <sent_index> S|B ; cue ; source ; source_resolved ; head ; content ; chain ; c? ; note
content: exact text, or 'PREFIX...SUFFIX' (copy aid: span from PREFIX to SUFFIX in the sentence), or '*' = whole sentence.
chain: 'A > B' ; empty -> [source_resolved] (or [] if that is empty)."""
import json, glob, sys
rows = {json.loads(l)["sid"]: json.loads(l) for l in open("sample.jsonl")}
out = {}
errs = 0
for fn in sorted(glob.glob("labels/*.txt")):
    doc = None
    for ln in open(fn):
        ln = ln.rstrip("\n")
        if not ln.strip() or ln.startswith("#"):
            continue
        if ln.startswith("DOC "):
            doc = ln.split()[1]; continue
        head, _, rest = ln.partition(" ")
        sid = f"{doc}#{int(head)}"
        r = dict(rows[sid]); t = r["text"]
        rest = rest.strip()
        if rest.startswith("-"):
            r.update(attributed=False, kind="none", cue="", source="", source_resolved="", source_head="",
                     content="", chain=[], continuation=False, note=rest[1:].strip())
        else:
            f = [x.strip() for x in rest.split(";")] + [""] * 9
            k, cue, src, res, hd, con, ch, c, note = f[:9]
            if con == "*":
                con = t
            elif "..." in con and con not in t:
                a, b = con.split("...", 1)
                i = t.find(a); j = t.find(b, i + len(a))
                if i < 0 or j < 0:
                    print("BAD SPAN", sid, con); errs += 1
                else:
                    con = t[i:j + len(b)]
            if con and con not in t:
                print("NOT IN TEXT", sid, repr(con)); errs += 1
            if src and src not in t:
                print("SRC NOT IN TEXT", sid, repr(src)); errs += 1
            if cue and cue not in t and not (cue == "\"" and c == "c"):
                print("CUE NOT IN TEXT", sid, repr(cue)); errs += 1
            chain = [x.strip() for x in ch.split(">")] if ch else ([res] if res else [])
            r.update(attributed=True, kind={"S": "speech", "B": "belief"}[k], cue=cue, source=src,
                     source_resolved=res, source_head=hd, content=con, chain=chain,
                     continuation=(c == "c"), note=note)
        out[sid] = r
order = list(rows)
with open("attribution.jsonl", "w") as f:
    for sid in order:
        if sid in out:
            f.write(json.dumps(out[sid], ensure_ascii=False) + "\n")
miss = [s for s in order if s not in out]
print("labelled", len(out), "missing", len(miss), "errors", errs)
