#!/usr/bin/env bash
# Builds the installable application image (mvn -Pdist package; the tests are skipped, the main
# CI step runs them) and checks that it works on its own, from outside the project folder:
#   1. its CLI launcher predicts a 7 for assets/digit-7.png with the bundled model;
#   2. the app launcher's class-data sharing archive is valid (no window is opened);
#   3. the OpenBLAS natives load from the image: one tiny training epoch with a fresh JavaCPP cache,
#      on the bundled data.
# Usage: scripts/check-dist.sh          (MVN="nice -n 15 mvn -o" to change how Maven is called)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
mvn_cmd=${MVN:-mvn}
image=$root/target/dist/Goodness
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "check-dist: FAILED: $*" >&2; exit 1; }

start=$(date +%s)
$mvn_cmd -B -q -Pdist package -DskipTests
echo "check-dist: image built in $(( $(date +%s) - start )) s: $image ($(du -sh "$image" | cut -f1))"
[ -x "$image/bin/goodness" ] && [ -x "$image/bin/Goodness" ] || fail "the image lacks its launchers bin/Goodness and bin/goodness"

cd "$tmp"   # nothing below may depend on the project folder

json=$("$image/bin/goodness" predict --json "$root/assets/digit-7.png") || fail "goodness predict exited with $?"
echo "$json" | grep -q '"energy_label":7,"softmax_label":7,' || fail "goodness predict did not say 7 for assets/digit-7.png: $json"
echo "check-dist: the CLI launcher predicts 7 for assets/digit-7.png"

JAVA_TOOL_OPTIONS="-Xshare:on -XX:+PrintSharedArchiveAndExit" "$image/bin/Goodness" >"$tmp/cds.log" 2>&1 \
    || { tail -5 "$tmp/cds.log" >&2; fail "the app's class-data archive cannot be used by its launcher"; }
grep -q 'archive is valid' "$tmp/cds.log" || fail "the app's class-data archive was not checked: $(tail -3 "$tmp/cds.log")"
echo "check-dist: the app launcher's class-data archive is valid"

JAVA_TOOL_OPTIONS="-Dorg.bytedeco.javacpp.cachedir=$tmp/javacpp" "$image/bin/goodness" train --epochs 1 --train-limit 200 \
    --hidden 50,50 --eval-every 0 --no-progress --out "$tmp/run" >"$tmp/train.log" 2>&1 \
    || { tail -5 "$tmp/train.log" >&2; fail "goodness train exited with an error"; }
[ -s "$tmp/run/model.ffm" ] || fail "goodness train wrote no model.ffm"
ls -d "$tmp"/javacpp/openblas-*.jar >/dev/null 2>&1 || fail "OpenBLAS was not extracted from the image's jars into the JavaCPP cache"
echo "check-dist: one training epoch with OpenBLAS from the image (natives extracted to a fresh cache)"
echo "check-dist: OK ($(( $(date +%s) - start )) s in all)"
