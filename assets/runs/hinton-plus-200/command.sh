#!/bin/bash
# 200-epoch hinton-plus: 1 BLAS thread, evaluations every 20 epochs, sharing the machine.
cd /work/main
J=/work/main/runs/long/goodness.jar
echo "resume $(date -u +%FT%TZ)"; echo "start $(date -u +%FT%TZ) $(uptime) commit $(git rev-parse HEAD)"
/usr/bin/time -v nice -n 5 java -Xmx1g -jar $J train --preset hinton-plus --threads 1 --eval-every 20 --out runs/long/hinton-plus-200 --no-progress > runs/long/hinton-plus-200.log 2> runs/long/hinton-plus-200.time
echo "end $(date -u +%FT%TZ) $(uptime)"
