#!/usr/bin/env bash
# The fourth session's seed-003 work (one BLAS thread, niced like the other background runs):
# finish Table 1 on Fashion-MNIST (the mask row), then Table 2 on Fashion-MNIST, both with the
# jar that made the earlier cells of these tables. Resumable: finished cells are skipped and a
# cut-off cell continues from its last finished epoch.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=runs/seed003-session3/goodness.jar
[ -f "$JAR" ] || { echo "missing $JAR (the jar of the earlier cells; build one with mvn -q package and copy target/goodness.jar there)"; exit 1; }
OUT=assets/experiments
log() { echo "=== $(date -u +%FT%TZ) $*"; }
separation() { log "experiment separation $*"; nice -n 5 java -Xmx1g -jar "$JAR" experiment separation --threads 1 --no-progress "$@"; }
separation --all --dataset fashion --out "$OUT/separation-fashion-t1"
separation --all --dataset fashion --table 2 --out "$OUT/separation-fashion-t2"
log "all finished"
