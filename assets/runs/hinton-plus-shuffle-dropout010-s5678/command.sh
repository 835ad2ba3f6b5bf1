#!/bin/bash
# The bundled model's settings (--shuffle --dropout 0.1) with another seed (5678 instead of 1234), to measure the
# training noise that the paired p-values of eval --versus leave out. Run with scripts/hinton-plus-variant.sh; the jar was
# runs/long/goodness-s7.jar (commit 57092e4's code; run.json's code_version names 4394141, a README-only commit on top).
# One BLAS thread beside one or two other runs, 2026-12-02 05:28-07:14 UTC; begun at 04:48 UTC, stopped after epoch 1 at 04:49 UTC
# to give the 400-epoch run both cores, and resumed exactly from its checkpoint (the same command). eval.txt: java -jar target/goodness.jar eval --model runs/long/hinton-plus-shuffle-dropout010-s5678/model.ffm --threads 1
JAR=runs/long/goodness-s7.jar THREADS=1 scripts/hinton-plus-variant.sh shuffle-dropout010-s5678 --shuffle --dropout 0.1 --seed 5678
