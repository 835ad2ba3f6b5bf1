#!/bin/bash
# After the fix of the hidden-chart redraws: interleaved pairs, CLI train then the app with the Inside tab open.
# the app with the Inside tab open (Start, then the Inside tab). 10 epochs each; compare medians of
# epochs 2-8 (the app's first epochs include JIT compilation of its UI code).
set -u
cd /work/main
o=/work/main/assets/bench/inside-cost-1201; t=/tmp/cost3; mkdir -p $t
for i in 3 4; do
  echo "=== round $i CLI $(date +%T) $(uptime)"
  java -jar target/goodness.jar train --stop-after 12 --out $t/cli$i --no-progress > $t/cli$i.log 2>&1
  cp $t/cli$i/metrics.jsonl $o/cli$i-metrics.jsonl
  for mode in inside; do
    echo "=== round $i app-$mode $(date +%T) $(uptime)"
    if [ $mode = train ]; then clicks="99,558"; else clicks="99,558 544,62"; fi
    CLICK="$clicks" /work/shared/tools/app-screenshot $t/app-$mode$i.png 175 > $t/app-$mode$i.log 2>&1
    r=$(ls -td runs/*/ | head -1); echo "app run: $r"
    cp ${r}metrics.jsonl $o/app-$mode$i-metrics.jsonl
  done
  cp $t/app-inside$i.png $o/app-inside$i.png
done
echo "done $(date +%T) $(uptime)"
