#!/usr/bin/env bash
# The full 125-epoch default run on the training path of the commit printed below (layer 1
# shared, momenta resident in native memory, weight update by OpenBLAS sscal + saxpy), on a quiet
# machine with 2 BLAS threads. The background seed-003 cells are paused with SIGSTOP for its
# duration. The jar is the build of the commit printed below.
cd /work/main
BG=$(pgrep -f "experiment separation" | tr '\n' ' ')
echo "commit $(git rev-parse HEAD) jar $(sha256sum runs/quiet6/goodness.jar | cut -c1-12)"
echo "paused: $BG"; [ -n "$BG" ] && kill -STOP $BG
sleep 5; uptime
/usr/bin/time -v java -Xmx1g -jar runs/quiet6/goodness.jar train --out runs/quiet6/hinton-125 --no-progress > runs/quiet6/train.log 2> runs/quiet6/time.txt
echo "exit $?"
uptime
[ -n "$BG" ] && kill -CONT $BG; echo "resumed: $BG"
