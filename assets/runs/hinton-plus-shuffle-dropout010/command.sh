#!/bin/bash
# hinton-plus with the training set reshuffled every epoch and dropout 0.1 (the preset's is 0.15; 0.1 is
# the rate the Rust port's README names). Run with scripts/hinton-plus-variant.sh, 1 BLAS thread beside two
# seed-003 processes (and, from 01:12 UTC, one more run), never interrupted (2026-12-01 23:56 to 2026-12-02 01:52 UTC); the jar was runs/long/goodness-s7.jar
# (commit 57092e4's code). eval.txt: java -jar target/goodness.jar eval --model
# runs/long/hinton-plus-shuffle-dropout010/model.ffm --threads 1
JAR=runs/long/goodness-s7.jar THREADS=1 scripts/hinton-plus-variant.sh shuffle-dropout010 --shuffle --dropout 0.1
