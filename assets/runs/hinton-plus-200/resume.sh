#!/bin/bash
cd /work/main
J=/work/main/runs/long/goodness.jar
echo "resume $(date -u +%FT%TZ) $(uptime)"
nice -n 5 java -Xmx1g -jar $J train --resume runs/long/hinton-plus-200/checkpoint.bin --threads 1 --no-progress >> runs/long/hinton-plus-200.log 2>> runs/long/hinton-plus-200.err
echo "end $(date -u +%FT%TZ) $(uptime)"
