#!/bin/bash
# hinton-plus with the training set reshuffled every epoch and --dropout-scored (the dropout mask also
# drops the states whose goodness is scored): the Rust port's combination. Started and resumed with
# scripts/hinton-plus-variant.sh (it continues a run exactly from its checkpoint), 1 BLAS thread beside two
# seed-003 processes; the jar was runs/long/goodness-s6b.jar (commit 78d7fb3's code). run.out has each start.
JAR=runs/long/goodness-s6b.jar THREADS=1 scripts/hinton-plus-variant.sh shuffle-scored --shuffle --dropout-scored
