#!/usr/bin/env bash
# How long listing a large run store takes, in fresh JVMs: ListingBench (src/test) on two stores of
# 2,000 runs of 125 epochs, 100 of them damaged, one whose run.json files keep the metrics index and
# one written as before it existed (every listing reads every metrics.jsonl), interleaved; then
# `goodness runs` end to end (JVM start, listing, 2,000 rows printed) on both. Run it on a quiet
# machine; the stores (450 MB each) are written once under target/ and kept.
#   scripts/listing-time.sh [JVMS]        (default 3 fresh JVMs per store; needs target/goodness.jar)
set -euo pipefail
cd "$(dirname "$0")/.."
jvms=${1:-3}
[ -f target/goodness.jar ] || { echo "build the jar first: mvn -B package -DskipTests" >&2; exit 2; }
mvn -B -o -q -Dstyle.color=never test-compile
cp_file=target/test-classpath.txt
[ -s "$cp_file" ] || mvn -B -o -q -Dstyle.color=never dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file"
cp="target/classes:target/test-classes:$(cat "$cp_file")"
# A new store is written by a JVM of its own, whose figures are not kept.
[ -d target/listing-bench-indexed ] || java -cp "$cp" goodness.runs.ListingBench target/listing-bench-indexed 1 > /dev/null
[ -d target/listing-bench-unindexed ] || java -cp "$cp" goodness.runs.ListingBench target/listing-bench-unindexed 1 unindexed > /dev/null
echo "# $(date -u +%FT%TZ) commit $(git rev-parse --short HEAD), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$jvms"); do
  echo "## indexed, JVM $i"; java -cp "$cp" goodness.runs.ListingBench target/listing-bench-indexed 3
  echo "## unindexed, JVM $i"; java -cp "$cp" goodness.runs.ListingBench target/listing-bench-unindexed 3 unindexed
done
for i in $(seq "$jvms"); do
  for s in indexed unindexed; do
    /usr/bin/time -f "goodness runs, $s, $i: %e s wall, %U s user, %S s system" \
      java -jar target/goodness.jar runs --runs-dir "target/listing-bench-$s" > /dev/null 2> target/listing-time.err
    tail -n 1 target/listing-time.err
  done
done
