#!/usr/bin/env bash
# Interleaved `bench` pairs, the jar before (old) and after (new) the
# weight momenta stay in the backend (multTransAAddResident + momentumStepInPlace), with the
# background experiment processes paused (SIGSTOP) for the whole measurement.
set -u
OUT=$(dirname "$0")
PIDS=$(pgrep -f 'goodness.*experiment separation' | tr '\n' ' ')
echo "paused $PIDS" | tee -a "$OUT/pairs.log"
[ -n "$PIDS" ] && kill -STOP $PIDS
trap '[ -n "$PIDS" ] && kill -CONT $PIDS' EXIT
sleep 3
for i in ${ROUNDS:-1 2 3}; do
  for v in old new; do
    echo "== $v $i $(date -u +%T) $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/pairs.log"
    java -Xmx1g -jar /tmp/$v.jar bench --backends openblas --json --repeats 3 --no-recipe-b > "$OUT/bench-$v-$i.json" 2>>"$OUT/pairs.log"
  done
done
echo "== end $(date -u +%T) $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/pairs.log"
