#!/usr/bin/env bash
cd /work/main
nice -n 5 java -Xmx1g -jar runs/long/goodness.jar train --resume runs/long/hinton-plus-200/checkpoint.bin --threads 1 --no-progress >> runs/long/hinton-plus-200.log 2>> runs/long/hinton-plus-200.err
echo "exit $?" >> runs/long/hinton-plus-200.log
