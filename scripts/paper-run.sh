#!/usr/bin/env bash
# Starts, or resumes where it stopped, one of the long runs of docs/unsupervised.md and
# docs/recurrent.md in the background: niced, one BLAS thread, a checkpoint after every epoch.
#   scripts/paper-run.sh unsupervised|recurrent [RUNS_DIR] [JAR]
# RUNS_DIR (default /work/paper-runs) holds the run folder and its log; JAR defaults to
# target/goodness.jar, copied next to the runs so that rebuilding the project cannot change the
# classes under a running JVM. Run it again after a restart: it resumes from checkpoint.bin.
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:?usage: $0 unsupervised|recurrent [RUNS_DIR] [JAR]}
runs=${2:-/work/paper-runs}
jar_src=${3:-target/goodness.jar}
case "$what" in
  unsupervised) preset=hinton-unsupervised ;;
  recurrent) preset=hinton-recurrent ;;
  *) echo "unknown run '$what' (expected unsupervised or recurrent)" >&2; exit 2 ;;
esac
mkdir -p "$runs"
folder="$runs/$preset-s1234"
jar="$runs/goodness-$(git rev-parse --short HEAD).jar"
[ -f "$jar" ] || cp "$jar_src" "$jar"
if [ -f "$folder/run.json" ] && grep -q '"status": *"finished"' "$folder/run.json"; then
  echo "$folder is finished"; exit 0
fi
if [ -f "$folder/checkpoint.bin" ]; then
  args=(--resume "$folder/checkpoint.bin")
else
  args=(--preset "$preset" --out "$folder")
fi
echo "$(date -u +%FT%TZ) $jar train ${args[*]} --threads 1" >> "$runs/$preset.log"
nohup nice -n 10 java -jar "$jar" train "${args[@]}" --threads 1 --no-progress --data "$PWD/data" >> "$runs/$preset.log" 2>&1 &
echo "started (pid $!): tail -f $runs/$preset.log"
