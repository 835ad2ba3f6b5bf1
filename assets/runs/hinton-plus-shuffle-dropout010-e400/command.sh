#!/bin/bash
# The bundled model's settings (--shuffle --dropout 0.1) with 400 epochs (the gain stays 1 until epoch 200
# and decays over 200-400). Run with scripts/hinton-plus-variant.sh; the jar was runs/long/goodness-s7.jar (commit
# 57092e4's code; run.json's code_version names 4394141, a README-only commit on top). Epochs 0-278 with 1 BLAS thread
# beside another run (started 2026-12-02 02:54 UTC by runs/long/chain-s9.sh); stopped at 04:49 UTC between checkpoints
# and resumed exactly at epoch 279 with 2 threads on the otherwise idle machine (second command; only the products'
# rounding changes). eval.txt: java -jar target/goodness.jar eval --model runs/long/hinton-plus-shuffle-dropout010-e400/model.ffm --threads 1
JAR=runs/long/goodness-s7.jar THREADS=1 scripts/hinton-plus-variant.sh shuffle-dropout010-e400 --shuffle --dropout 0.1 --epochs 400
JAR=runs/long/goodness-s7.jar THREADS=2 scripts/hinton-plus-variant.sh shuffle-dropout010-e400
