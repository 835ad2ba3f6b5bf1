#!/usr/bin/env bash
# The full 125-epoch default run on a quiet machine, 2 BLAS threads. The background
# jobs (hinton-plus, seed-003 cells, budget extension) are paused with SIGSTOP for its duration.
cd /work/main
BG=$(pgrep -f "runs/(long|seed003-session3|budget-extend)/.*goodness.jar|goodness.jar train --resume k5" | tr '\n' ' ')
echo "paused: $BG"; kill -STOP $BG
uptime
/usr/bin/time -v java -Xmx1g -jar runs/quiet/goodness.jar train --out runs/quiet/hinton-125-quiet-2thread --no-progress > runs/quiet/train.log 2> runs/quiet/time.txt
echo "exit $?"
uptime
kill -CONT $BG; echo "resumed: $BG"
