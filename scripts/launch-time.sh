#!/usr/bin/env bash
# Launch to first window, several ways of starting the app, in interleaved rounds under Xvfb.
# Each start runs with -Dgoodness.startupReport=true -Dgoodness.exitAfterShown=0 (through
# JAVA_TOOL_OPTIONS, which every JVM reads): the app prints one line when its first frame is laid
# out and closes. "wall" is measured here, from just before the command to that line; the app's
# own figures (ms since its process started, CPU time of that process) follow on the same line.
# Preferences go to a temporary folder, never the user's.
# Usage (project root, after mvn -Pdist package): scripts/launch-time.sh [ROUNDS] [VARIANT...]
#   variants: image (target/dist/Goodness/bin/Goodness), image-noshare (the same, -Xshare:off),
#             jar (java -cp target/goodness.jar goodness.ui.GoodnessLauncher), mvn (mvn -o -q javafx:run)
set -uo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}; shift || true
variants=("$@"); [ ${#variants[@]} -gt 0 ] || variants=(image image-noshare jar mvn)
tmp=$(mktemp -d)
if [ -z "${DISPLAY:-}" ]; then
  export DISPLAY=:$((70 + RANDOM % 20))
  Xvfb "$DISPLAY" -screen 0 1600x1000x24 >/dev/null 2>&1 & xvfb=$!
  sleep 1
fi
trap '[ -n "${xvfb:-}" ] && kill $xvfb 2>/dev/null; rm -rf "$tmp"' EXIT
probe="-Dgoodness.startupReport=true -Dgoodness.exitAfterShown=0 -Dgoodness.configDir=$tmp/config"

command_of() {
  case $1 in
    image|image-noshare) echo "target/dist/Goodness/bin/Goodness" ;;
    jar) echo "java -cp target/goodness.jar goodness.ui.GoodnessLauncher" ;;
    mvn) echo "mvn -o -q javafx:run" ;;
  esac
}

declare -A walls cpus
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
for r in $(seq 1 "$rounds"); do
  for v in "${variants[@]}"; do
    opts=$probe; [ "$v" = image-noshare ] && opts="$opts -Xshare:off"
    log=$tmp/$v-$r.log
    t0=$(date +%s%N)
    JAVA_TOOL_OPTIONS="$opts" setsid nice -n 15 $(command_of "$v") >"$log" 2>&1 & pid=$!
    line=""
    for _ in $(seq 1 2400); do
      line=$(grep -m1 '^goodness: first window shown' "$log") && break
      kill -0 $pid 2>/dev/null || break
      sleep 0.05
    done
    t1=$(date +%s%N)
    if [ -n "$line" ]; then
      ms=$(( (t1 - t0) / 1000000 )); walls[$v]+="$ms "
      cpu=$(echo "$line" | sed -n 's/.*CPU \([0-9]*\) ms.*/\1/p'); [ -n "$cpu" ] && cpus[$v]+="$cpu "
      echo "round $r $v: wall $ms ms; ${line#goodness: first window shown }; load $(cut -d' ' -f1-3 /proc/loadavg)"
    else
      echo "round $r $v: no window line (see below)"; tail -5 "$log"
    fi
    for _ in $(seq 1 200); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
    kill -- -$pid 2>/dev/null
  done
done
for v in "${variants[@]}"; do
  set -- ${walls[$v]:-}
  [ $# -gt 0 ] || continue
  echo "median $v: wall $(median "$@") ms over $# starts ($*); CPU $(median ${cpus[$v]:-0}) ms (${cpus[$v]:-})"
done
