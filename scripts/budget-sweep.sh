#!/usr/bin/env bash
# Recipe B budget sweep: learning curves of the unseparated baseline on MNIST with
# wrong-label negatives (--negatives random), all 60,000 training images, batch 512, test
# accuracy after every epoch, for several (K, Adam lr) budgets.
#
# The budgets train in turns (round robin), so that every curve grows while the sweep runs and
# an early stop still leaves comparable curves; each turn is CHUNK epochs times the budget's
# weight (the cheapest candidate gets the most, K = 10 the least: an epoch of it costs two).
# One training process at a time, niced, one BLAS thread: the machine stays usable for others.
#
# Resumable: every run keeps its checkpoint in runs/budget-sweep/<name>/; run the script again
# (same arguments) and it continues each run from its last finished epoch.
#
#   scripts/budget-sweep.sh [MAX_EPOCHS] [CHUNK]        (defaults 30 and 1)
#   nohup scripts/budget-sweep.sh > runs/budget-sweep/sweep.log 2>&1 &
#
# Then (any time, also while it runs): java -jar target/goodness.jar experiment curves runs/budget-sweep/k* --out assets/experiments/budget-sweep
# The k5-lr0.01 run was later extended to 50 epochs with
#   java -jar target/goodness.jar train --resume runs/budget-sweep/k5-lr0.01/checkpoint.bin --epochs 50 --threads 1
# (recipe B's constant Adam step makes the extension a plain continuation; see docs/separated-phases.md).
set -euo pipefail
cd "$(dirname "$0")/.."
MAX_EPOCHS=${1:-30}
CHUNK=${2:-1}
OUT=runs/budget-sweep
mkdir -p "$OUT"
# A private copy of the jar: rebuilding target/ while a run reads its jar would break the run.
JAR="$OUT/goodness.jar"
[ -f "$JAR" ] || cp target/goodness.jar "$JAR"

# name K lr weight   (K*lr = 0.05, 0.15 (the old default), 0.05)
BUDGETS=("k5-lr0.01 5 0.01 3" "k5-lr0.03 5 0.03 2" "k10-lr0.005 10 0.005 1")

# A sweep restarted while its previous training process still runs waits for it (one at a time).
if [ -n "${WAIT_PID:-}" ]; then while kill -0 "$WAIT_PID" 2>/dev/null; do sleep 5; done; fi

run_chunk() {  # name K lr weight -> 0 if it trained, 1 if the run is already finished
    local name=$1 k=$2 lr=$3 n=$(($4 * CHUNK)) dir="$OUT/$1"
    [ -f "$dir/result.json" ] && return 1
    echo "=== $(date -u +%H:%M:%S) $name: $n more epochs"
    if [ -f "$dir/checkpoint.bin" ]; then
        nice -n 19 java -Xmx1g -jar "$JAR" train --resume "$dir/checkpoint.bin" --threads 1 --stop-after "$n" --no-progress
    else
        nice -n 19 java -Xmx1g -jar "$JAR" train --preset sleep --dataset mnist --negatives random --epochs "$MAX_EPOCHS" \
            --steps "$k" --lr "$lr" --eval-every 1 --threads 1 --out "$dir" --stop-after "$n" --no-progress
    fi
    return 0
}

while :; do
    trained=0
    for b in "${BUDGETS[@]}"; do
        # shellcheck disable=SC2086
        if run_chunk $b; then trained=1; fi
    done
    [ $trained = 1 ] || break
done
echo "=== $(date -u +%H:%M:%S) sweep finished"
