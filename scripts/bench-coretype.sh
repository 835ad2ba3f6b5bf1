#!/usr/bin/env bash
# Does OpenBLAS's kernel choice change training speed here? Interleaved `goodness bench` pairs:
# one with OpenBLAS's own CPU detection (OPENBLAS_CORETYPE unset), one with
# OPENBLAS_CORETYPE=${CORETYPE:-Haswell}, PAIRS times (default 3), 2 BLAS threads, recipe A and the
# energy evaluation only. Each run's JSON goes to OUT (default runs/bench-coretype/) with the
# load average before it in pairs.log. Run it on a quiet machine: under load the pairs scatter
# more than the difference. docs/performance.md says why the setting matters.
#
#   scripts/bench-coretype.sh [OUT]
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-runs/bench-coretype}
PAIRS=${PAIRS:-3}
CORETYPE=${CORETYPE:-Haswell}
mkdir -p "$OUT"
JAR="$OUT/goodness.jar"
[ -f "$JAR" ] || cp target/goodness.jar "$JAR"
# BENCH_ARGS adds bench options, e.g. BENCH_ARGS=--quick for a smoke test.
BENCH=(java -Xmx1g -jar "$JAR" bench --backends openblas --no-recipe-b --threads 2 --json ${BENCH_ARGS:-})
for i in $(seq 1 "$PAIRS"); do
  echo "pair $i detected $(date -u +%FT%TZ) $(uptime)" >> "$OUT/pairs.log"
  env -u OPENBLAS_CORETYPE "${BENCH[@]}" > "$OUT/bench-detected-$i.json"
  echo "pair $i $CORETYPE $(date -u +%FT%TZ) $(uptime)" >> "$OUT/pairs.log"
  env OPENBLAS_CORETYPE="$CORETYPE" "${BENCH[@]}" > "$OUT/bench-$CORETYPE-$i.json"
done
echo "done $(date -u +%FT%TZ) $(uptime)" >> "$OUT/pairs.log"
python3 - "$OUT" "$CORETYPE" "$PAIRS" <<'PY'
import json, sys
out, ct, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
def epoch(path):
    for line in open(path):
        o = json.loads(line)
        if "seconds_per_epoch" in o:
            return o["seconds_per_epoch"]
for i in range(1, n + 1):
    print(f"pair {i}: detected {epoch(f'{out}/bench-detected-{i}.json'):.2f} s, {ct} {epoch(f'{out}/bench-{ct}-{i}.json'):.2f} s per recipe-A epoch")
PY
