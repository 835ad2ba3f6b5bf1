#!/bin/bash
cd /work/main
for i in 1 2; do
  echo "=== pair $i CLI $(date +%T) $(uptime)"
  java -jar target/goodness.jar train --stop-after 5 --out /tmp/cost/cli$i --no-progress > /tmp/cost/cli$i.log 2>&1
  echo "=== pair $i GUI $(date +%T) $(uptime)"
  before=$(ls runs 2>/dev/null | sort)
  CLICK="99,558 544,62" /work/shared/tools/app-screenshot /tmp/cost/gui$i.png 62 > /tmp/cost/gui$i.log 2>&1
  after=$(ls -t runs | head -1); echo "gui run: $after"; cp runs/$after/metrics.jsonl /tmp/cost/gui$i.jsonl
done
echo done $(date +%T)
