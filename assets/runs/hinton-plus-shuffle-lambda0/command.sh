#!/bin/bash
# hinton-plus with the training set reshuffled every epoch and no peer normalisation (λ = 0, the seed
# log's setting; the Rust port's peer term is about 100 times weaker than λ = 0.03, see the README). Run with
# scripts/hinton-plus-variant.sh, 1 BLAS thread beside two other processes; the jar was runs/long/goodness-s7.jar
# (commit 57092e4's code; run.json's code_version names 4394141, a README-only commit on top). Started 2026-12-02 01:11 UTC, stopped after epoch 141 and
# continued exactly from its checkpoint at 02:31 UTC ("resumed at epoch 142" in train.log) by the same
# command; finished 02:54 UTC. eval.txt: java -jar target/goodness.jar eval --model runs/long/hinton-plus-shuffle-lambda0/model.ffm --threads 1
JAR=runs/long/goodness-s7.jar THREADS=1 scripts/hinton-plus-variant.sh shuffle-lambda0 --shuffle --lambda 0
