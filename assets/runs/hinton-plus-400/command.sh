#!/bin/bash
# hinton-plus with 400 epochs (its one change from the preset: the gain schedule's
# length doubles with it), 1 BLAS thread, evaluations every 20 epochs, sharing the machine.
# Starts the run, or continues it exactly from its last checkpoint if one exists.
cd /work/main
J=/work/main/runs/long/goodness-s5.jar
OUT=runs/long/hinton-plus-400
echo "start threads ${THREADS:-1} $(date -u +%FT%TZ) $(uptime) jar $(sha256sum $J | cut -c1-12) commit $(git rev-parse HEAD)"
if [ -f $OUT/checkpoint.bin ]; then
  nice -n 5 java -Xmx1g -jar $J train --resume $OUT/checkpoint.bin --threads ${THREADS:-1} --no-progress >> $OUT.log 2>> $OUT.err
else
  nice -n 5 java -Xmx1g -jar $J train --preset hinton-plus --epochs 400 --threads 1 --eval-every 20 --out $OUT --no-progress > $OUT.log 2> $OUT.err
fi
echo "end $(date -u +%FT%TZ) $(uptime)"
