#!/bin/bash
# What the Training tab's live charts cost training, in one long app run (2026-12-02): the app
# (mvn -q javafx:run under Xvfb) trains recipe A from Start (everything at its defaults, 2 BLAS threads);
# at every epoch boundary (a new row in the run's metrics.jsonl) this script shows the Config tab (static:
# it draws nothing while training) for even epochs and the Training tab (seven live charts, redrawn as
# the batches come) for odd ones, so that warm-up and drift hit both alike. Nothing else ran on the
# machine. Compare the two sets of epochs' training seconds with summary.py.
# The same design as assets/bench/inside-cost-1201/alternate-config.sh, with the Training tab in place of Inside.
# Four runs, in this order: gap-250ms, gap-1s, gap-1s-b, gap-250ms-b (OUT=<folder>; started 09:23, 09:34, 09:45, 09:55 UTC), the charts' minimum redraw gap
# (ChartsViewModel.MIN_REDRAW_GAP_NANOS) set to 250 ms or 1 s and compiled (mvn -q -o compile) before each; combined.py
# pools them. The epoch-13/14 screenshots this script takes come straight after the click and can show the tab before
# it, so they were deleted; gap-1s/during-epoch1-training-tab.png, taken by hand (import on :97) during that run's
# epoch 1, shows the Training tab's live charts in an odd epoch.
set -u
cd /work/main
o=${OUT:-/work/main/assets/bench/charts-cost-1202}; EPOCHS=${EPOCHS:-30}   # OUT: where the metrics and screenshots go
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
    if [ $((n % 2)) = 1 ]; then xdotool mousemove 296 62 click 1; tab=training; else xdotool mousemove 494 62 click 1; tab=config; fi
    echo "epoch $n tab $tab $(date +%T.%N | cut -c1-12)"
    [ "$n" = 13 ] && import -window root $o/epoch13-training-tab.png
    [ "$n" = 14 ] && import -window root $o/epoch14-config-tab.png
  fi
  [ "$n" -ge "$EPOCHS" ] && break
  sleep 0.2
done
cp ${run}metrics.jsonl $o/alternate-metrics.jsonl
echo "done $(date +%T) $(uptime)"
