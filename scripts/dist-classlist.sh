#!/usr/bin/env bash
# Remakes src/dist/app.classlist, the classes the app loads from its start to shortly after its
# first window, from which `mvn -Pdist package` makes the app's class-data sharing archive.
# Run it after changes that alter what the start loads (new or renamed classes on that path); a
# stale list still works, it only shares fewer classes. Needs a built image and Xvfb.
# Usage (project root): mvn -Pdist package -DskipTests && scripts/dist-classlist.sh && mvn -Pdist package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."
image=target/dist/Goodness
[ -x "$image/bin/Goodness" ] || { echo "no image: run mvn -Pdist package -DskipTests first" >&2; exit 1; }
tmp=$(mktemp -d)
if [ -z "${DISPLAY:-}" ]; then
  export DISPLAY=:$((70 + RANDOM % 20))
  Xvfb "$DISPLAY" -screen 0 1600x1000x24 >/dev/null 2>&1 & xvfb=$!
  sleep 1
fi
trap '[ -n "${xvfb:-}" ] && kill $xvfb 2>/dev/null; rm -rf "$tmp"' EXIT
# -Xshare:off: the archive the image holds would hide the classes it already shares from the list.
# Two seconds after the first frame: the bundled model has loaded by then and the Draw tab is ready.
JAVA_TOOL_OPTIONS="-Xshare:off -XX:DumpLoadedClassList=$tmp/app.classlist -Dgoodness.exitAfterShown=2 -Dgoodness.configDir=$tmp/config" \
  timeout 300 "$image/bin/Goodness" >"$tmp/log" 2>&1 || { tail -5 "$tmp/log" >&2; exit 1; }
mv "$tmp/app.classlist" src/dist/app.classlist
echo "src/dist/app.classlist: $(grep -vc '^[#@]' src/dist/app.classlist) classes"
