#!/bin/bash
# hinton-plus with the training set reshuffled every epoch and ±2-pixel shifts (--shift 2; the
# preset's is 1). Started and resumed with scripts/hinton-plus-variant.sh (it continues a run exactly from its
# checkpoint), 1 BLAS thread beside two seed-003 processes; the jar was runs/long/goodness-s7.jar (commit
# 57092e4's code). run.out has each start. eval.txt: java -jar target/goodness.jar eval --model
# runs/long/hinton-plus-shuffle-shift2/model.ffm --threads 1
JAR=runs/long/goodness-s7.jar THREADS=1 scripts/hinton-plus-variant.sh shuffle-shift2 --shuffle --shift 2
