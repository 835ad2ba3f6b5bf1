#!/bin/bash
# The cases each full hinton-plus run's final model gets wrong, and how many of them the
# runs share. One `eval --mistakes` per run (the jar built from commit 9132cdc, which added the option; niced, one
# BLAS thread, beside two training runs); each run's errors in <run>.eval.json equal its eval.txt / README figures.
# The two seed runs (s5678, s9012) were added when they finished, with the same command (jar of commit 9f36627, whose
# eval is the same), and shared-mistakes.txt and the picture were made again over all eleven.
for d in runs/long/hinton-plus-*/; do
  n=$(basename "$d")
  [ -f "$d/model.ffm" ] || continue
  [ -f "assets/runs/hinton-plus-mistakes/$n.csv" ] && continue
  nice -n 10 java -Xmx1g -jar target/goodness.jar eval --model "$d/model.ffm" --mistakes "assets/runs/hinton-plus-mistakes/$n.csv" \
      --threads 1 --json > "assets/runs/hinton-plus-mistakes/$n.eval.json"
done
scripts/shared-mistakes.py --picture assets/runs/hinton-plus-mistakes/every-run-wrong.png assets/runs/hinton-plus-mistakes/*.csv \
    > assets/runs/hinton-plus-mistakes/shared-mistakes.txt
