#!/bin/bash
# The rotated and scaled run's mistakes, compared with the eleven runs before it (whose CSVs are
# one folder up). Printed: 11 old models; core 32 ; rotated wrong 65 ; of the core rotated still wrong 27 ;
# rotated wrong cases no earlier run got wrong 4
java -Xmx1g -jar target/goodness.jar eval --model runs/long/hinton-plus-shuffle-dropout010-rot10-scale010/model.ffm \
    --mistakes assets/runs/hinton-plus-mistakes/rotated/hinton-plus-shuffle-dropout010-rot10-scale010.csv --threads 1 --json \
    > assets/runs/hinton-plus-mistakes/rotated/hinton-plus-shuffle-dropout010-rot10-scale010.eval.json
python3 - <<'PY'
import csv, glob
def wrong(p, s="test", score="energy"):
    return {int(r["index"]) for r in csv.DictReader(open(p)) if r["set"] == s and r[score] != "" and int(r[score]) != int(r["label"])}
old = [wrong(p) for p in sorted(glob.glob("assets/runs/hinton-plus-mistakes/*.csv"))]
core = set.intersection(*old)
rot = wrong("assets/runs/hinton-plus-mistakes/rotated/hinton-plus-shuffle-dropout010-rot10-scale010.csv")
print(len(old), "old models; core", len(core), "; rotated wrong", len(rot), "; of the core rotated still wrong", len(core & rot),
      "; rotated wrong cases no earlier run got wrong", len(rot - set.union(*old)))
PY

# The same settings with seed 5678 (hinton-plus-shuffle-dropout010-rot10-scale010-s5678), its mistakes
# beside the seed-1234 rotated run's and the eleven earlier runs'. Printed: 11 old models; core 32 ; seed 1234 wrong 65 ;
# seed 5678 wrong 64 ; both 46 ; of the core: 1234 still wrong 27 , 5678 still wrong 28 , both still wrong 26 ;
# 5678's wrong cases no earlier run got wrong 3 ; no run at all but 5678 2
java -Xmx1g -jar target/goodness.jar eval --model runs/long/hinton-plus-shuffle-dropout010-rot10-scale010-s5678/model.ffm \
    --mistakes assets/runs/hinton-plus-mistakes/rotated/hinton-plus-shuffle-dropout010-rot10-scale010-s5678.csv --threads 1 --json \
    > assets/runs/hinton-plus-mistakes/rotated/hinton-plus-shuffle-dropout010-rot10-scale010-s5678.eval.json
python3 - <<'PY'
import csv, glob
def wrong(p, s="test", score="energy"):
    return {int(r["index"]) for r in csv.DictReader(open(p)) if r["set"] == s and r[score] != "" and int(r[score]) != int(r["label"])}
old = [wrong(p) for p in sorted(glob.glob("assets/runs/hinton-plus-mistakes/*.csv"))]
core = set.intersection(*old)
D="assets/runs/hinton-plus-mistakes/rotated/"
a = wrong(D+"hinton-plus-shuffle-dropout010-rot10-scale010.csv")
b = wrong(D+"hinton-plus-shuffle-dropout010-rot10-scale010-s5678.csv")
print(len(old), "old models; core", len(core), "; seed 1234 wrong", len(a), "; seed 5678 wrong", len(b), "; both", len(a & b),
      "; of the core: 1234 still wrong", len(core & a), ", 5678 still wrong", len(core & b), ", both still wrong", len(core & a & b),
      "; 5678's wrong cases no earlier run got wrong", len(b - set.union(*old)), "; no run at all but 5678", len(b - set.union(*old) - a))
PY
