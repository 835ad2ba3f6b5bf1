#!/usr/bin/env bash
# The 43-epoch tables after MNIST Table 1, as one of several workers sharing the folders: each
# cell is claimed before it is trained (experiment separation's partial/<cell>.lock), so start one
# worker per core and no cell is trained twice:
#   nohup scripts/separation-worker-e43.sh > runs/w1.log 2>&1 &
#   nohup scripts/separation-worker-e43.sh > runs/w2.log 2>&1 &
# (docs/cluster.md runs the same kind of workers on many machines.)
# --no-wait: a worker leaves the cells the other is running to it and goes on to the next job
# instead of waiting at the end of each. Order: Fashion-MNIST Table 1's N = 16 and 32 for both
# modes first (seed 003's main finding), then MNIST Table 2's masks, the rest of Fashion Table 1,
# Fashion Table 2 (its unseparated baselines taken from Table 1's folder: the same models). Resumable like every experiment: finished cells are skipped, a cut-off cell
# continues from its checkpoint. The jar is a fixed copy (recipe B is unchanged since
# runs/seed003-e43/goodness.jar made the first cells of these folders).
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${JAR:-runs/seed003-e43/goodness-shared.jar}
[ -f "$JAR" ] || { echo "missing $JAR: build with mvn -q package -DskipTests and copy target/goodness.jar there"; exit 1; }
E=assets/experiments
JOBS=(
  "--all --dataset fashion --phases 16,32 --no-unseparated --out $E/separation-fashion-t1-e43"
  "--negatives mask --table 2 --no-unseparated --out $E/separation-mnist-t2-e43"
  "--all --dataset fashion --out $E/separation-fashion-t1-e43"
  "--all --dataset fashion --table 2 --unseparated-from $E/separation-fashion-t1-e43 --out $E/separation-fashion-t2-e43"
)
for job in "${JOBS[@]}"; do
  echo "=== $(date -u +%FT%TZ) worker $$ $job"
  # shellcheck disable=SC2086 # the job is a list of options
  nice -n 5 java -Xmx1g -jar "$JAR" experiment separation --threads 1 --no-progress --no-wait $job
done
echo "=== $(date -u +%FT%TZ) worker $$ done"
