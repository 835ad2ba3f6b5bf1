#!/usr/bin/env bash
# This session's seed-003 work, one cell after another (one BLAS thread, niced like the other
# background runs): the 8-epoch budget's baseline continued to 30 epochs (does it reach 96 %?),
# Table 2 on MNIST, a K·lr sweep at N = 16 (both modes), then Table 1 on Fashion-MNIST.
# Resumable: every step skips what is finished.
set -euo pipefail
cd "$(dirname "$0")/.."
RUN=runs/seed003-session3; mkdir -p "$RUN"
JAR="$RUN/goodness.jar"; [ -f "$JAR" ] || cp target/goodness.jar "$JAR"
OUT=assets/experiments
log() { echo "=== $(date -u +%FT%TZ) $*"; }
# 1. The budget sweep's K = 5, lr = 0.01 baseline, continued from its epoch-8 checkpoint to the
#    30 epochs it was configured for, with the jar that made its first 8 epochs.
SWEEP=/work/wt/sleep/runs/budget-sweep
if [ ! -f "$SWEEP/k5-lr0.01/result.json" ]; then
  log "budget sweep k5-lr0.01: continue to 30 epochs"
  nice -n 5 java -Xmx1g -jar "$SWEEP/goodness.jar" train --resume "$SWEEP/k5-lr0.01/checkpoint.bin" --threads 1 --no-progress
fi
separation() { log "experiment separation $*"; nice -n 5 java -Xmx1g -jar "$JAR" experiment separation --threads 1 --no-progress "$@"; }
separation --all --table 2 --out "$OUT/separation-mnist-t2"
separation --all --lr 0.005 --phases 16 --no-unseparated --out "$OUT/separation-mnist-n16-lr0.005"
separation --all --lr 0.02 --phases 16 --no-unseparated --out "$OUT/separation-mnist-n16-lr0.02"
separation --all --dataset fashion --out "$OUT/separation-fashion-t1"
log "all finished"
