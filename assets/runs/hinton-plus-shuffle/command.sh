#!/bin/bash
# hinton-plus with reshuffling the training set every epoch (its one change from the preset; the Rust port that reports 0.71 % reshuffles every epoch, recipe A does not), 200 epochs,
# evaluations every 20 epochs, 1 BLAS thread unless THREADS says otherwise. Starts the run, or
# continues it exactly from its last checkpoint if one exists (a resume may change the thread
# count, which changes only the products' rounding). Built from commit 492b731.
cd /work/main
J=/work/main/runs/long/goodness-s6.jar
OUT=runs/long/hinton-plus-shuffle
echo "start threads ${THREADS:-1} $(date -u +%FT%TZ) $(uptime) jar $(sha256sum $J | cut -c1-12) commit $(git rev-parse HEAD)"
if [ -f $OUT/checkpoint.bin ]; then
  nice -n 5 java -Xmx1g -jar $J train --resume $OUT/checkpoint.bin --threads ${THREADS:-1} --no-progress >> $OUT.log 2>> $OUT.err
else
  nice -n 5 java -Xmx1g -jar $J train --preset hinton-plus --shuffle --threads ${THREADS:-1} --eval-every 20 --out $OUT --no-progress > $OUT.log 2> $OUT.err
fi
echo "end $(date -u +%FT%TZ) $(uptime) exit $?"
