#!/usr/bin/env bash
# After MNIST Table 1 (scripts/separation-mnist-t1-e43.sh): the other tables at the default
# budget (43 epochs, K = 5, Adam lr 0.01), one negative mode per process so that two cores run
# both modes side by side:
#   scripts/separation-other-tables-e43.sh random &   scripts/separation-other-tables-e43.sh mask &
# Order: MNIST Table 2 (N = 1 ... 16), Fashion-MNIST Table 1 (N = 16 and 32 first, then the
# whole row), Fashion-MNIST Table 2. Table 2's unseparated cell is the same model as Table 1's
# (same config, seed and data), so Table 2 skips it and docs/separated-phases.md cites Table 1's.
# Resumable: finished cells are skipped, a cut-off cell continues from its last epoch. The jar
# is fixed for these folders (copy of the build that made their first cells).
# To share the work between several processes, see scripts/separation-worker-e43.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
MODE=${1:?usage: separation-other-tables-e43.sh random|mask}
JAR=runs/seed003-e43/goodness.jar
[ -f "$JAR" ] || { echo "missing $JAR: build with mvn -q package -DskipTests and copy target/goodness.jar there"; exit 1; }
E=assets/experiments
run() { nice -n 5 java -Xmx1g -jar "$JAR" experiment separation --negatives "$MODE" --threads 1 --no-progress "$@"; }
cell() { echo "=== $(date -u +%FT%TZ) $MODE $*"; run "$@"; }
cell --table 2 --no-unseparated --out "$E/separation-mnist-t2-e43"
cell --dataset fashion --phases 16,32 --out "$E/separation-fashion-t1-e43"
cell --dataset fashion --out "$E/separation-fashion-t1-e43"
cell --dataset fashion --table 2 --no-unseparated --out "$E/separation-fashion-t2-e43"
echo "=== $(date -u +%FT%TZ) $MODE done"
