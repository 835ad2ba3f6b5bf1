#!/usr/bin/env bash
# Copy a finished scripts/hinton-plus-variant.sh run into assets/runs/ (which .gitignore's `runs/`
# would otherwise hide; add the files with `git add -f`) and print the figures docs/results-recipe-a.md quotes.
#   scripts/hinton-plus-copy-to-assets.sh NAME     (runs/long/hinton-plus-NAME → assets/runs/hinton-plus-NAME)
# Writes eval.txt (the confusion matrices) with the current target/goodness.jar; command.sh, which says how the
# run was made, is written by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
NAME=${1:?usage: hinton-plus-copy-to-assets.sh NAME}
SRC=runs/long/hinton-plus-$NAME
DST=assets/runs/hinton-plus-$NAME
[ -f "$SRC/model.ffm" ] || { echo "$SRC/model.ffm: missing (has the run finished?)"; exit 1; }
[ -f target/goodness.jar ] || { echo "target/goodness.jar: missing (mvn -q package -DskipTests)"; exit 1; }
mkdir -p "$DST"
for f in config.json metrics.csv metrics.jsonl result.json run.json events.jsonl; do
  [ -f "$SRC/$f" ] && cp "$SRC/$f" "$DST/$f"
done
cp "$SRC.log" "$DST/train.log"
[ -f "$SRC.out" ] && cp "$SRC.out" "$DST/run.out"
[ -f "$DST/eval.txt" ] && [ -z "${FORCE_EVAL:-}" ] && echo "$DST/eval.txt: kept (FORCE_EVAL=1 writes it again)" || java -jar target/goodness.jar eval --model "$SRC/model.ffm" --threads 1 > "$DST/eval.txt"
python3 - "$DST/metrics.csv" "$DST/result.json" <<'PY'
import csv, json, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1])))
train = [float(r["seconds"]) for r in rows]
evals = sum(float(r["eval_seconds"] or 0) for r in rows)
print(f"epochs {len(rows)}: {sum(train):,.0f} s of training + {evals:,.0f} s of evaluations, median {statistics.median(train):.1f} s per epoch")
print("valid (energy / softmax) at the evaluated epochs:",
      " | ".join(f'{int(r["epoch"]) + 1}: {r["energy_errors_valid"]} / {r["softmax_errors_valid"]}' for r in rows if r["energy_errors_valid"]))
result = json.load(open(sys.argv[2]))
print(f'test errors (energy / softmax) {result["energy_errors_test"]} / {result["softmax_errors_test"]} of {result["test_cases"]};'
      f' train {result["energy_errors_train"]} / {result["softmax_errors_train"]} of {result["train_cases"]}')
PY
grep -E "^(valid|test) " "$DST/eval.txt"
