#!/usr/bin/env bash
# Runs the main method of a class under src/test/java on the test classpath:
#   scripts/run-test-class.sh goodness.cli.RecordedRunsCheck [ARGS...]
# JVM options go in JAVA_OPTS. Compiles the main and test classes first (offline Maven), and
# runs from the project folder with the same system properties the test runs get.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: $0 CLASS [ARGS...]" >&2; exit 2; }
main=$1
shift
mkdir -p target
log=target/run-test-class-mvn.log
# Maven's output is shown only when it fails.
quiet_mvn() { mvn -B -o -q -Dstyle.color=never "$@" > "$log" 2>&1 || { cat "$log" >&2; exit 1; }; }
quiet_mvn test-compile
cp_file=target/test-classpath.txt
if [ ! -s "$cp_file" ] || [ pom.xml -nt "$cp_file" ]; then
  quiet_mvn dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file"
fi
# shellcheck disable=SC2086
exec java -Xmx2g ${JAVA_OPTS:-} \
  -Djava.awt.headless=true \
  -Dorg.bytedeco.javacpp.cachedir=target/javacpp-cache \
  -Dgoodness.dataDir="${GOODNESS_DATA_DIR:-data}" \
  -Dgoodness.runsDir=target/test-runs \
  -cp "target/test-classes:target/classes:$(cat "$cp_file")" "$main" "$@"
