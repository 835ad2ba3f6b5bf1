#!/usr/bin/env bash
# One full hinton-plus run that changes one thing, chosen afterwards by its valid error.
#   scripts/hinton-plus-variant.sh NAME [train options...]     e.g.  shift2 --shift 2
# Starts runs/long/hinton-plus-NAME with `train --preset hinton-plus OPTIONS --eval-every 20` (the OPTIONS change
# the preset of the jar's code: the current preset includes reshuffling, rotations and scaling;
# assets/runs/hinton-plus-commands.txt spells out every recorded run for the current code), or,
# if its checkpoint exists, continues it exactly from there (the options are then the
# checkpoint's). THREADS (default 1) sets the BLAS threads; a resume may change it, which changes
# only the products' rounding. The jar is fixed for a run's lifetime: JAR (default
# runs/long/goodness.jar, ignored by git; build with `mvn -q package -DskipTests` and copy
# target/goodness.jar there if absent; the recorded runs' command.sh files name the jar each used).
set -uo pipefail
cd "$(dirname "$0")/.."
NAME=${1:?usage: hinton-plus-variant.sh NAME [train options...]}; shift
J=${JAR:-runs/long/goodness.jar}
OUT=runs/long/hinton-plus-$NAME
[ -f "$J" ] || { echo "missing $J"; exit 1; }
echo "start $NAME threads ${THREADS:-1} $(date -u +%FT%TZ) $(uptime) jar $(sha256sum "$J" | cut -c1-12) commit $(git rev-parse HEAD)"
if [ -f "$OUT/checkpoint.bin" ]; then
  nice -n 5 java -Xmx1g -jar "$J" train --resume "$OUT/checkpoint.bin" --threads "${THREADS:-1}" --no-progress >> "$OUT.log" 2>> "$OUT.err"
else
  nice -n 5 java -Xmx1g -jar "$J" train --preset hinton-plus "$@" --threads "${THREADS:-1}" --eval-every 20 --out "$OUT" --no-progress > "$OUT.log" 2> "$OUT.err"
fi
rc=$?
echo "end $NAME $(date -u +%FT%TZ) $(uptime) exit $rc"
exit $rc
