#!/bin/bash
# Issue 15, tenth session: the rotated and scaled run's mistakes, compared with the eleven runs before it (whose CSVs are
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
