#!/usr/bin/env bash
# The recipe-B phase-separation tables at the 8-epoch budget (K = 5, Adam lr 0.01, 8 epochs: 936
# batches per cell), and the step-size sweep at N = 16, one cell after another: ONE training
# process at a time, niced, one BLAS thread, so that the machine stays usable. Each table writes
# straight into its folder under assets/experiments/ (cells.csv, results.md, results.png,
# commands.log); a cell in progress keeps its checkpoint in partial/, which git ignores.
# docs/separated-phases.md shows the tables.
#
# Resumable: run it again and every table skips its finished cells; a cell that was cut off
# continues from its last finished epoch.
#
#   nohup scripts/separation-tables-e8.sh > runs/separation-tables-e8/tables.log 2>&1 &
#
# It runs a private copy of the jar (runs/separation-tables-e8/goodness.jar), made when the script first runs,
# so that rebuilding target/ does not disturb it; delete that copy to continue with a new build.
set -euo pipefail
# The repository root (also when this script runs as a copy elsewhere: set ROOT).
cd "${ROOT:-$(dirname "$0")/..}"
RUN=runs/separation-tables-e8
OUT=assets/experiments
mkdir -p "$RUN"
JAR="$RUN/goodness.jar"
[ -f "$JAR" ] || cp target/goodness.jar "$JAR"

separation() {
    echo "=== $(date -u +%FT%TZ) experiment separation $*"
    nice -n 19 java -Xmx1g -jar "$JAR" experiment separation --epochs 8 --threads 1 --no-progress "$@"
}

separation --all --out "$OUT/separation-mnist-t1"                                                   # Table 1, MNIST, both modes
separation --all --seed 5678 --phases 4,8,16,32 --no-unseparated --out "$OUT/separation-mnist-t1"   # its second seed
separation --all --table 2 --out "$OUT/separation-mnist-t2"                                         # Table 2, MNIST
separation --all --lr 0.005 --phases 16 --no-unseparated --out "$OUT/separation-mnist-n16-lr0.005"  # step-size sweep at N = 16
separation --all --lr 0.02 --phases 16 --no-unseparated --out "$OUT/separation-mnist-n16-lr0.02"    #   (lr 0.01 is Table 1's cell)
separation --all --dataset fashion --out "$OUT/separation-fashion-t1"                               # Table 1, Fashion-MNIST
separation --all --dataset fashion --table 2 --out "$OUT/separation-fashion-t2"                     # Table 2, Fashion-MNIST (only its
                                                                                                    # unseparated cell was run at 8 epochs)
echo "=== $(date -u +%FT%TZ) all tables finished"
