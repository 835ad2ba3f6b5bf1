#!/bin/bash
# 125-epoch recipe A on the issue-14 path: 1 BLAS thread, evaluations every 25 epochs, sharing the machine.
cd /work/main
J=/work/main/runs/long/goodness.jar
echo "start $(date -u +%FT%TZ) $(uptime) commit $(git rev-parse HEAD)"
/usr/bin/time -v nice -n 5 java -Xmx1g -jar $J train --threads 1 --eval-every 25 --out runs/long/hinton-125 --no-progress > runs/long/hinton-125.log 2> runs/long/hinton-125.time
echo "end $(date -u +%FT%TZ) $(uptime)"
