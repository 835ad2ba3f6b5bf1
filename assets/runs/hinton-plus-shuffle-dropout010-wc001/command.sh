#!/bin/bash
# The bundled model's settings (--shuffle --dropout 0.1) with the weight cost of Hinton's code, 0.001
# (recipe A's and the Rust port's is 0.002). Run with scripts/hinton-plus-variant.sh, 1 BLAS thread beside one other
# run, never interrupted (2026-12-02 03:22-04:44 UTC); started by runs/long/chain-s9.sh when the seed-003 worker ended; the jar
# was runs/long/goodness-s7.jar (commit 57092e4's code; run.json's code_version names 4394141, a README-only commit on
# top). eval.txt: java -jar target/goodness.jar eval --model runs/long/hinton-plus-shuffle-dropout010-wc001/model.ffm --threads 1
JAR=runs/long/goodness-s7.jar THREADS=1 scripts/hinton-plus-variant.sh shuffle-dropout010-wc001 --shuffle --dropout 0.1 --weight-cost 0.001
