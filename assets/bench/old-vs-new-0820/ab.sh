#!/bin/bash
cd /work/main
for i in 1 2; do
  echo "old $i $(uptime)"; java -jar /tmp/speed-base/target/goodness.jar train --stop-after 3 --out /tmp/cost/old$i --no-progress > /tmp/cost/old$i.log 2>&1
  echo "new $i $(uptime)"; java -jar target/goodness.jar train --stop-after 3 --out /tmp/cost/new$i --no-progress > /tmp/cost/new$i.log 2>&1
done; echo done
