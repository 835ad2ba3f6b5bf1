#!/usr/bin/env bash
# MNIST Table 1 at the default budget whose unseparated baseline reaches 96 % (43 epochs, K = 5,
# Adam lr 0.01), one negative mode per process, so that two cores run both modes side by side:
#   scripts/separation-mnist-t1-e43.sh random &   scripts/separation-mnist-t1-e43.sh mask &
# Order: the cells that test the seed's main finding first (N = 16, 32; a second seed for
# N = 16), then the unseparated baseline, N = 64 and 128, the rest of the row, and the
# second seed for N = 4 and 8. Resumable like every experiment: finished cells are skipped, a
# cut-off cell continues from its last epoch. docs/separated-phases.md shows the table.
set -euo pipefail
cd "$(dirname "$0")/.."
MODE=${1:?usage: separation-mnist-t1-e43.sh random|mask}
# A fixed copy of the jar for the folder's lifetime (rebuilding target/ must not change a running
# experiment); without one, target/goodness.jar.
JAR=runs/seed003-e43/goodness.jar; [ -f "$JAR" ] || JAR=target/goodness.jar
OUT=assets/experiments/separation-mnist-t1-e43
# The two processes share one folder: if both rewrite results.md/.png at the same moment one
# of them can fail on the other's temporary file; the cell is then in cells.csv already, and
# running the same command again only rewrites the outputs.
run() { nice -n 5 java -Xmx1g -jar "$JAR" experiment separation --negatives "$MODE" --threads 1 --no-progress --out "$OUT" "$@"; }
cell() { echo "=== $(date -u +%FT%TZ) $MODE $*"; run "$@" || { sleep 7; run "$@"; }; }
cell --phases 16,32 --no-unseparated                     # seed 1234
cell --phases 16 --no-unseparated --seed 5678
cell --phases 16,32                                      # adds the unseparated baseline
cell --phases 32 --no-unseparated --seed 5678
cell --phases 64,128 --no-unseparated                    # the largest separations next
cell                                                     # the whole row: N = 1 ... 128
cell --phases 4,8 --no-unseparated --seed 5678           # the second seed for N = 4 and 8
echo "=== $(date -u +%FT%TZ) $MODE done"
