#!/bin/bash
# The Inside tab's own cost, in one long app run: the app (mvn -q javafx:run under Xvfb) trains
# recipe A from Start; at every epoch boundary (a new row in the run's metrics.jsonl) this script
# shows the Training tab for even epochs and the Inside tab for odd ones, so that warm-up and
# drift hit both alike. Compare the two sets of epochs' training seconds (alternate-summary.py).
set -u
cd /work/main
o=/work/main/assets/bench/inside-cost-1201; EPOCHS=${EPOCHS:-26}
disp=:97; export DISPLAY=$disp
Xvfb $disp -screen 0 1600x1000x24 >/dev/null 2>&1 & xvfb=$!
before=$(ls -d runs/*/ 2>/dev/null | sort)
setsid bash -c "mvn -q javafx:run" > /tmp/alternate-app.log 2>&1 & app=$!
cleanup() { kill -- -$app 2>/dev/null; sleep 1; kill -9 -- -$app 2>/dev/null; kill $xvfb 2>/dev/null; }
trap cleanup EXIT
for i in $(seq 1 120); do sleep 1; xdotool search --onlyvisible --name . >/dev/null 2>&1 && break; done
sleep 3
echo "start $(date +%T) $(uptime)"
xdotool mousemove 99 558 click 1; sleep 3
run=""
for i in $(seq 1 60); do
  run=$(comm -13 <(echo "$before") <(ls -d runs/*/ | sort) | head -1); [ -n "$run" ] && break; sleep 1
done
echo "run: $run"
seen=-1
while :; do
  n=$(cat ${run}metrics.jsonl 2>/dev/null | wc -l)
  if [ "$n" != "$seen" ]; then
    seen=$n
    if [ $((n % 2)) = 1 ]; then xdotool mousemove 544 62 click 1; tab=inside; else xdotool mousemove 296 62 click 1; tab=training; fi
    echo "epoch $n tab $tab $(date +%T.%N | cut -c1-12)"
    [ "$n" = 13 ] && import -window root $o/alternate-epoch13.png
  fi
  [ "$n" -ge "$EPOCHS" ] && break
  sleep 0.2
done
cp ${run}metrics.jsonl $o/alternate-metrics.jsonl
echo "done $(date +%T) $(uptime)"
