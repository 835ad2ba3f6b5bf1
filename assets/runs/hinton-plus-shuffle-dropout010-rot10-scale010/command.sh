#!/bin/bash
# The bundled model's settings (--shuffle --dropout 0.1) plus random rotations (±10°) and
# scaling (±10 %) of every training image (--rotate, --scale, added by commit 83380ff). Run with
# scripts/hinton-plus-variant.sh; the jar was runs/long/goodness-s10.jar, built from the working tree just before it was
# committed as 83380ff (run.json's code_version says "f1bee2e, uncommitted changes": those changes are 83380ff's sources;
# only README text changed between the build and the commit). Epochs 0-133 with 1 BLAS thread
# beside the two seed runs; stopped between checkpoints at 07:15 UTC (2026-12-02) when they ended and resumed exactly
# with 2 threads on the otherwise idle machine (second command; only the products' rounding changes).
# eval.txt: java -jar target/goodness.jar eval --model runs/long/hinton-plus-shuffle-dropout010-rot10-scale010/model.ffm --threads 1
# drawing-expectations.txt: mvn -q -o test -Dtest=DrawingExpectationsTest -Dgoodness.model=runs/long/hinton-plus-shuffle-dropout010-rot10-scale010/model.ffm
# Chosen by its valid error (73 against the bundled model's 79): copied to assets/default-model.ffm.
JAR=runs/long/goodness-s10.jar THREADS=1 scripts/hinton-plus-variant.sh shuffle-dropout010-rot10-scale010 --shuffle --dropout 0.1 --rotate 10 --scale 0.1
JAR=runs/long/goodness-s10.jar THREADS=2 scripts/hinton-plus-variant.sh shuffle-dropout010-rot10-scale010
