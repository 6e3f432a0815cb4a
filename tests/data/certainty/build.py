import csv, sys, hashlib
split = sys.argv[1]
rows=[r for r in csv.DictReader(open('sample.csv')) if r['split']==split]
lab={}
for line in open(f'lab_{split}.txt'):
    line=line.rstrip('\n')
    if not line: continue
    p=line.split('|')
    assert len(p)==5, line
    i=int(p[0]); assert i not in lab, i
    rt=int(p[1]); assert 1<=rt<=6
    assert p[2] in ('fact','expected','possible','speculative'), line
    lab[i]=(rt,p[2],p[3],p[4])
missing=[i for i in range(len(rows)) if i not in lab]
print(split, len(rows), 'rows', len(lab), 'labelled; missing', missing[:10], len(missing))
out=[]
for i,r in enumerate(rows):
    if i not in lab: continue
    rt,lv,cue,note=lab[i]
    out.append(dict(sid=r['sid'],doc_id=r['doc_id'],corpus=r['corpus'],text=r['text'],split=r['split'],rating=rt,level=lv,cue=cue,note=note))
fn=sys.argv[2]
with open(fn,'w',newline='') as fh:
    w=csv.DictWriter(fh,fieldnames=['sid','doc_id','corpus','text','split','rating','level','cue','note']); w.writeheader(); w.writerows(out)
print(fn, hashlib.sha256(open(fn,'rb').read()).hexdigest())
