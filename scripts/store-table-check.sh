#!/usr/bin/env bash
# The run store's reported failures, one scenario each, through the CLI of a built jar:
#   scripts/store-table-check.sh JAR [WORKDIR]
# Prints one line per scenario, "PASS|FAIL  <row>  <what was observed>", where PASS is the
# behaviour docs/reliability.md describes and FAIL the failure once reported. The rows are those
# of the table in docs/reliability.md ("Each reported failure, before and after"). Works on any
# build with the same CLI options (train, runs, eval, experiment separation), old or new.
# Every command runs under a timeout, so a hang is a FAIL, not a stuck script. Run it as root to
# check the unreadable-folder row as user nobody (setpriv); otherwise that row chmods the folder 000.
set -u
[ $# -ge 1 ] || { echo "usage: $0 JAR [WORKDIR]" >&2; exit 2; }
JAR_IN=$(readlink -f "$1")
[ -f "$JAR_IN" ] || { echo "$0: no such jar: $1" >&2; exit 2; }
HERE=$(cd "$(dirname "$0")/.." && pwd)
WORK=${2:-$(mktemp -d /tmp/store-table.XXXXXX)}
mkdir -p "$WORK" && WORK=$(cd "$WORK" && pwd)
TRIALS=${TRIALS:-5}       # trials of each concurrency row
T=${T:-20}                # seconds any one command may take
NICE=${NICE:-nice -n 15}

# A world-readable copy of the jar and the data, so that user nobody can run it too.
chmod 755 "$WORK"
cp "$JAR_IN" "$WORK/goodness.jar" && chmod 644 "$WORK/goodness.jar"
if [ ! -d "$WORK/data/mnist" ]; then cp -r "$HERE/data" "$WORK/data"; fi
chmod -R a+rX "$WORK/data"
JAR=$WORK/goodness.jar
DATA=$WORK/data
cd "$WORK" || exit 2

# g ARGS...: the CLI under the timeout (exit 124 or 137 when it did not end).
g() { timeout -k 5 "$T" $NICE java -Dgoodness.dataDir="$DATA" -jar "$JAR" "$@"; }
SMALL=(--hidden 20,20 --train-limit 500 --no-progress --threads 1)
TINY=("${SMALL[@]}" --epochs 2)
MID=(--hidden 100,100 --epochs 4 --train-limit 3000 --no-progress --threads 1)
LONG=(--hidden 100,100 --epochs 10 --train-limit 4000 --no-progress --threads 1)
EXP=(experiment separation --epochs 1 --steps 1 --train-limit 512 --no-progress --threads 1)
REFUSED='is in use|already holds a run'
INTERNAL='JsonNull|JsonPrimitive|JsonObject|com\.google|ClassCast|cannot be cast|Exception|java\.|MalformedInput|Is a directory|at goodness\.'

say() { printf '%s  %-4s %s\n' "$1" "$2" "$3"; eval "V$2=$1"; }
oneline() { tr '\n\033' '|?' < "$1" | cut -c1-"${2:-160}"; }
# naming FILE WORD: the first line of FILE that holds WORD (else its first line), shortened.
# worst FILE: its first line with an internal name, else its last line, shortened.
worst() { { grep -m1 -E "$INTERNAL" "$1" || tail -1 "$1"; } | tr '\033' '?' | cut -c1-140; }
naming() { { grep -m1 -F "$2" "$1" || head -1 "$1"; } | tr '\033' '?' | cut -c1-"${3:-120}"; }
# epochs FOLDER: the epoch numbers of metrics.jsonl's rows, space-separated ("-" if no file).
epochs() { [ -f "$1/metrics.jsonl" ] && grep -o '"epoch":[0-9]*' "$1/metrics.jsonl" | cut -d: -f2 | tr '\n' ' ' | sed 's/ $//' || echo -; }
# snap FOLDER: every entry with its type and checksum, one per line.
snap() { (cd "$1" && for f in $(ls -A | sort); do if [ -f "$f" ] && [ ! -L "$f" ]; then echo "$f $(sha256sum < "$f" | cut -c1-16)"; else echo "$f $(stat -c %F "$f")"; fi; done); }
seqto() { seq 0 $(($1 - 1)) | tr '\n' ' ' | sed 's/ $//'; }
timedout() { [ "$1" = 124 ] || [ "$1" = 137 ]; }

echo "# store-table-check.sh on $JAR_IN"
echo "# jar $JAR_IN, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $TRIALS trials per concurrency row, ${T} s per command"

# A finished run to copy into stores.
g train "${TINY[@]}" --out base >base.out 2>&1 || { echo "cannot train a base run: $(oneline base.out)"; exit 1; }

# ---- 1a: two equal `train --out X` started together ------------------------------------------
ok=0; bad=""; inuse=0
for t in $(seq "$TRIALS"); do
    d=r1a-$t; g train "${MID[@]}" --out "$d" >"$d.a" 2>&1 & pa=$!; g train "${MID[@]}" --out "$d" >"$d.b" 2>&1 & pb=$!
    wait $pa; ra=$?; wait $pb; rb=$?
    ep=$(epochs "$d")
    grep -q 'in use' "$d.a" "$d.b" && inuse=$((inuse + 1))
    if { [ $ra = 0 ] && [ $rb != 0 ] && grep -qE "$REFUSED" "$d.b"; } || { [ $rb = 0 ] && [ $ra != 0 ] && grep -qE "$REFUSED" "$d.a"; }; then
        if [ "$ep" = "$(seqto 4)" ] && [ -f "$d/config.json" ] && [ -f "$d/model.ffm" ]; then ok=$((ok + 1)); continue; fi
    fi
    bad="trial $t: exits $ra/$rb, epochs [$ep]"
done
if [ $ok = "$TRIALS" ]; then say PASS 1a "$ok/$TRIALS trials: one trains (epochs 0-3 once, config, model), the other is refused ($inuse as in use while the first trained, the rest as already holding a run)"
else say FAIL 1a "$((TRIALS - ok))/$TRIALS trials wrong, e.g. $bad"; fi

# ---- 1b: a long run A and a short run B into the same --out, started together ------------------
ok=0; bad=""; inuse=0
for t in $(seq "$TRIALS"); do
    d=r1b-$t; T=120 g train "${LONG[@]}" --out "$d" >"$d.a" 2>&1 & pa=$!; g train "${SMALL[@]}" --epochs 1 --out "$d" >"$d.b" 2>&1 & pb=$!
    wait $pa; ra=$?; wait $pb; rb=$?
    grep -q 'in use' "$d.a" "$d.b" && inuse=$((inuse + 1))
    ep=$(epochs "$d"); files=$(ls "$d" 2>/dev/null | tr '\n' ' ')
    want=""; [ $ra = 0 ] && [ $rb != 0 ] && grep -qE "$REFUSED" "$d.b" && want=$(seqto 10); [ $rb = 0 ] && [ $ra != 0 ] && grep -qE "$REFUSED" "$d.a" && want=0
    if [ -n "$want" ] && [ "$ep" = "$want" ] && [ -f "$d/config.json" ] && [ -f "$d/model.ffm" ]; then ok=$((ok + 1))
    else bad="trial $t: A (10 epochs) exit $ra, B (1 epoch) exit $rb ($(grep -hE "$REFUSED" "$d.a" "$d.b" | head -1 | cut -c1-70)); folder now [$files], epochs [$ep]"; fi
done
if [ $ok = "$TRIALS" ]; then say PASS 1b "$ok/$TRIALS trials: the winner's files whole (its epochs once, config, model), the other refused ($inuse as in use)"
else say FAIL 1b "$((TRIALS - ok))/$TRIALS trials wrong, e.g. $bad"; fi

# ---- 2: the same with different settings (lr 0.01 vs 0.05) --------------------------------------
ok=0; bad=""; inuse=0
for t in $(seq "$TRIALS"); do
    d=r2-$t; g train "${MID[@]}" --lr 0.01 --out "$d" >"$d.a" 2>&1 & pa=$!; g train "${MID[@]}" --lr 0.05 --out "$d" >"$d.b" 2>&1 & pb=$!
    wait $pa; ra=$?; wait $pb; rb=$?
    lr=$(grep -o '"learningRate":[0-9.]*' "$d/config.json" 2>/dev/null | cut -d: -f2)
    ep=$(epochs "$d")
    grep -q 'in use' "$d.a" "$d.b" && inuse=$((inuse + 1))
    want=""; [ $ra = 0 ] && [ $rb != 0 ] && grep -qE "$REFUSED" "$d.b" && want=0.01; [ $rb = 0 ] && [ $ra != 0 ] && grep -qE "$REFUSED" "$d.a" && want=0.05
    if [ -n "$want" ] && [ "$lr" = "$want" ] && [ "$ep" = "$(seqto 4)" ]; then ok=$((ok + 1))
    else bad="trial $t: exits $ra/$rb, config lr ${lr:-none}, epochs [$ep]"; fi
done
if [ $ok = "$TRIALS" ]; then say PASS 2 "$ok/$TRIALS trials: the rows and config of one run, the other refused ($inuse as in use while the first trained)"
else say FAIL 2 "$((TRIALS - ok))/$TRIALS trials wrong, e.g. $bad"; fi

# ---- 3: two `train --runs-dir S` started in the same second -----------------------------------
ok=0; bad=""; same=0
for t in $(seq "$TRIALS"); do
    s=r3-$t; mkdir -p "$s"
    # start both just after a second begins, so that both name their run in the same second
    sleep "0.$(printf '%03d' $(( (1000 - 10#$(date +%N | cut -c1-3)) % 1000 )))"
    g train "${MID[@]}" --runs-dir "$s" >"$s.a" 2>&1 & pa=$!; g train "${MID[@]}" --runs-dir "$s" >"$s.b" 2>&1 & pb=$!
    wait $pa; ra=$?; wait $pb; rb=$?
    names=$(ls "$s" | tr '\n' ' ')
    nf=$(ls "$s" | wc -l)
    base=$(ls "$s" | sed 's/-2$//' | sort -u | wc -l)
    { [ "$nf" = 1 ] || [ "$base" = 1 ]; } && same=$((same + 1))
    good=0; for r in "$s"/*; do [ -f "$r/model.ffm" ] && [ "$(epochs "$r")" = "$(seqto 4)" ] && good=$((good + 1)); done
    if [ $ra = 0 ] && [ $rb = 0 ] && [ "$nf" = 2 ] && [ $good = 2 ]; then ok=$((ok + 1))
    else bad="trial $t: exits $ra/$rb, folders [$names], $good whole; $(grep -h 'in use' "$s.a" "$s.b" | head -1 | cut -c1-80)"; fi
done
if [ $ok = "$TRIALS" ] && [ $same -gt 0 ]; then say PASS 3 "$ok/$TRIALS trials: both finish in two folders ($same/$TRIALS named in the same second)"
elif [ $same = 0 ]; then say FAIL 3 "inconclusive: no trial named both runs in the same second ($ok/$TRIALS fine)"
else say FAIL 3 "$((TRIALS - ok))/$TRIALS trials wrong ($same/$TRIALS named in the same second), e.g. $bad"; fi

# ---- 4: a run file linked to /dev/zero or /dev/urandom -----------------------------------------
s=r4; mkdir -p $s; cp -r base $s/good
cp -r base $s/zero && ln -sf /dev/zero $s/zero/metrics.jsonl
cp -r base $s/urandom && ln -sf /dev/urandom $s/urandom/run.json
start=$(date +%s.%N); T=45 g runs --runs-dir $s >r4.out 2>&1; rc=$?; secs=$(echo "$(date +%s.%N) - $start" | bc)
listed=$(grep -c '^good ' r4.out); named=$(grep -cE '^(zero|urandom) ' r4.out)
if ! timedout $rc && [ "$listed" = 1 ] && [ "$named" = 2 ] && ! grep -qi 'out of memory\|OutOfMemory' r4.out; then
    say PASS 4 "runs ended in $(printf %.1f "$secs") s (exit $rc): the good run listed, both linked runs listed as damaged"
else say FAIL 4 "runs exit $rc after $(printf %.1f "$secs") s$(timedout $rc && echo ' (killed at 45 s)'), good run listed: $listed, linked runs named: $named; $(oneline r4.out 120)"; fi

# ---- 5: FIFOs in a run folder (runs, resume) and as cells.csv (experiment) ---------------------
s=r5; mkdir -p $s; cp -r base $s/good
for f in config.json run.json run.lock events.jsonl; do cp -r base "$s/fifo-$f"; rm -f "$s/fifo-$f/$f"; mkfifo "$s/fifo-$f/$f"; done
g runs --runs-dir $s >r5a.out 2>&1; rc=$?
named=$(grep -cE '^fifo-' r5a.out)
if ! timedout $rc && grep -q '^good ' r5a.out && [ "$named" = 4 ]; then say PASS 5a "runs: exit $rc, the good run listed, the 4 runs with a FIFO (config.json, run.json, run.lock, events.jsonl) listed as damaged"
else say FAIL 5a "runs: exit $rc$(timedout $rc && echo " (hung, killed at $T s)"), runs with a FIFO named: $named/4; $(oneline r5a.out 120)"; fi
g train "${TINY[@]}" --stop-after 1 --out stopped >stopped.out 2>&1
hung=""; fine=""; other=""
for f in config.json run.json run.lock events.jsonl; do
    d=r5b-$f; cp -r stopped "$d"; rm -f "$d/$f"; mkfifo "$d/$f"
    g train --resume "$d/checkpoint.bin" --no-progress >"$d.out" 2>&1; rc=$?
    if timedout $rc; then hung="$hung $f"
    elif [ $rc != 0 ] && [ "$(wc -l < "$d.out")" -le 2 ] && grep -q "$f" "$d.out" && ! grep -qE "$INTERNAL" "$d.out"; then fine="$fine $f"
    else other="$other $f(exit $rc: $(oneline "$d.out" 70))"; fi
done
if [ -z "$hung$other" ]; then say PASS 5b "train --resume with a FIFO as$fine: refused at once in one line naming the file"
else say FAIL 5b "train --resume with a FIFO: hung (killed at $T s) on:${hung:- none}; other:${other:- none}"; fi
d=r5c; mkdir -p $d; mkfifo $d/cells.csv
g "${EXP[@]}" --phases 1 --no-unseparated --out $d >r5c.out 2>&1; rc=$?
if ! timedout $rc && [ $rc != 0 ] && grep -q 'cells.csv' r5c.out && ! grep -qE "$INTERNAL" r5c.out; then say PASS 5c "experiment with cells.csv a FIFO: exit $rc at once: $(naming r5c.out cells.csv)"
else say FAIL 5c "experiment with cells.csv a FIFO: exit $rc$(timedout $rc && echo " (hung, killed at $T s)"); $(worst r5c.out)"; fi

# ---- 6: a run folder the user cannot read -------------------------------------------------------
s=r6; mkdir -p $s; cp -r base $s/good; cp -r base $s/secret; chmod -R a+rX $s
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
    chmod 700 $s/secret; who="user nobody (setpriv), the folder chmod 700 root"
    timeout -k 5 "$T" setpriv --reuid=65534 --regid=65534 --clear-groups env HOME="$WORK" $NICE java -Dgoodness.dataDir="$DATA" -jar "$JAR" runs --runs-dir $s >r6.out 2>&1; rc=$?
else
    chmod 000 $s/secret; who="$(id -un), the folder chmod 000"
    g runs --runs-dir $s >r6.out 2>&1; rc=$?
fi
chmod 755 $s/secret
if ! timedout $rc && grep -q '^good ' r6.out && grep -q '^secret .*unreadable' r6.out; then say PASS 6 "as $who: exit $rc, listed as unreadable beside the good run"
else say FAIL 6 "as $who: exit $rc; secret lines: $(grep -c secret r6.out), good lines: $(grep -c '^good ' r6.out); $(oneline r6.out 100)"; fi

# ---- 7: train --resume of a checkpoint copied into another, finished run's folder -------------
g train "${TINY[@]}" --seed 1 --stop-after 1 --out r7a >r7a.out 2>&1
g train "${TINY[@]}" --seed 2 --out r7b >r7b.out 2>&1
cp r7a/checkpoint.bin r7b/from-a.bin
snap r7b >r7b.before
g train --resume r7b/from-a.bin --no-progress >r7.out 2>&1; rc=$?
snap r7b >r7b.after
changed=$(diff r7b.before r7b.after | grep '^>' | cut -d' ' -f2 | tr '\n' ' ')
if [ -z "$changed" ] && [ $rc != 0 ]; then say PASS 7 "refused (exit $rc: $(oneline r7.out 90)); the finished run's files unchanged"
else say FAIL 7 "exit $rc; the finished run's files changed: ${changed:-none}"; fi

# ---- 8: train --out D on a folder of the user's ------------------------------------------------
d=r8; mkdir -p $d; echo "my notes" >$d/notes.tmp; echo '{"epoch":7}' >$d/metrics.jsonl; echo "1 2 3" >$d/data.txt
snap $d >r8.before
g train "${TINY[@]}" --out $d >r8.out 2>&1; rc=$?
snap $d >r8.after
gone=$(diff r8.before r8.after | grep '^<' | cut -d' ' -f2 | sort -u | tr '\n' ' ')
if diff -q r8.before r8.after >/dev/null && [ $rc != 0 ]; then say PASS 8 "refused (exit $rc: $(oneline r8.out 90)); the folder unchanged"
else say FAIL 8 "exit $rc; of the user's files changed or deleted: ${gone:-none}; now holds $(ls $d | tr '\n' ' ')"; fi

# ---- 9: wrong JSON types and bad cells.csv: no internal names ----------------------------------
s=r9; mkdir -p $s; cp -r base $s/good
cp -r base $s/status-null && sed -i 's/"status":"finished"/"status":null/' $s/status-null/run.json
cp -r base $s/list-number && sed -i '1s/"pairwise_errors":\[[0-9,]*\]/"pairwise_errors":5/' $s/list-number/metrics.jsonl
cp -r base $s/test-null && sed -i 's/"energy_errors_test":[0-9]*/"energy_errors_test":null/' $s/test-null/result.json
g runs --runs-dir $s >r9a.out 2>&1; rc=$?
g runs --runs-dir $s --json >r9a.json 2>&1; rcj=$?
internal=$(cat r9a.out r9a.json | grep -oE "$INTERNAL" | sort -u | tr '\n' ' ')
if ! timedout $rc && [ -z "$internal" ] && grep -q '^good ' r9a.out; then say PASS 9a "runs and runs --json (exits $rc, $rcj): no internal names; status null and test null listed as damaged: $(grep -cE '^(status-null|test-null) .*damaged' r9a.out)/2"
else say FAIL 9a "runs (exit $rc, --json $rcj) prints internal names: ${internal:-none}; $(grep -hE "$INTERNAL" r9a.out r9a.json | head -1 | cut -c1-100)"; fi
d=r9b; mkdir -p $d; { echo "dataset,negatives,table,phase,epochs,steps,batch_size,train_images,lr,seed,test_errors,test_cases,accuracy,seconds,cpu_seconds"; printf 'mnist,random,1,1,1,1,512,512,0.01,1234,9289,10000,0.0711,4.6,2.5\xff\xfe\n'; } >$d/cells.csv
g "${EXP[@]}" --phases 1 --no-unseparated --out $d >r9b.out 2>&1; rc=$?
if ! timedout $rc && grep -q 'cells.csv' r9b.out && ! grep -qE "$INTERNAL" r9b.out; then say PASS 9b "experiment, cells.csv not UTF-8: exit $rc: $(naming r9b.out cells.csv)"
else say FAIL 9b "experiment, cells.csv not UTF-8: exit $rc: $(worst r9b.out)"; fi
d=r9c; mkdir -p $d/cells.csv
g "${EXP[@]}" --phases 1 --no-unseparated --out $d >r9c.out 2>&1; rc=$?
if ! timedout $rc && grep -q 'cells.csv' r9c.out && ! grep -qE "$INTERNAL" r9c.out; then say PASS 9c "experiment, cells.csv a folder: exit $rc: $(naming r9c.out cells.csv)"
else say FAIL 9c "experiment, cells.csv a folder: exit $rc: $(worst r9c.out)"; fi

# ---- 10: numbers out of range: wrapped, huge, fractional, negative -----------------------------
s=r10; mkdir -p $s; cp -r base $s/good
cp -r base $s/wrapped && sed -i 's/"energy_errors_test":[0-9]*/"energy_errors_test":4294967303/' $s/wrapped/result.json
cp -r base $s/huge && sed -i 's/"epochs_done":[0-9]*/"epochs_done":1e20/' $s/huge/run.json
cp -r base $s/fraction && sed -i 's/"epochs_done":[0-9]*/"epochs_done":12.9/' $s/fraction/run.json
cp -r base $s/negative && sed -i 's/"energy_errors_test":[0-9]*/"energy_errors_test":-1/' $s/negative/result.json
g runs --runs-dir $s >r10.out 2>&1; rc=$?
dmg=0; shown=""
for r in wrapped huge fraction negative; do
    line=$(grep -m1 "^$r " r10.out)
    if echo "$line" | grep -q damaged; then dmg=$((dmg + 1))
    elif [ -n "$line" ]; then shown="$shown $r listed as fine: [$(echo "$line" | tr -s ' ' | cut -d' ' -f2-7)];"
    elif grep -q "/$r/" r10.out; then shown="$shown $r left out of the table, on stderr: $(grep -m1 "/$r/" r10.out | sed 's/.*must be/must be/' | cut -c1-70);"
    else shown="$shown $r missing;"; fi
done
if ! timedout $rc && [ $dmg = 4 ] && grep -q '^good ' r10.out; then say PASS 10 "4294967303, 1e20, 12.9, -1: all 4 runs listed as damaged, the good run as before"
else say FAIL 10 "$((4 - dmg))/4 not listed as damaged:$shown"; fi

say SKIP 11 "2,000 runs of 125 epochs: a timing, not a pass/fail check; measured by ListingBench (docs/reliability.md)"

# ---- 12: eval --mistakes onto the model, a pipe, a device --------------------------------------
# each case with its own copy of the model, so that one case's damage does not decide the next
mkfifo r12-pipe.csv; ln -s /dev/null r12-device.csv
res=""; okn=0; i=0
for p in model r12-pipe.csv r12-device.csv; do
    i=$((i + 1)); m=r12-model-$i.ffm; cp base/model.ffm $m; msum=$(sha256sum < $m)
    [ $p = model ] && p=$m
    g eval --model "$m" --mistakes "$p" --threads 1 >r12-$i.out 2>&1; rc=$?
    kind=$(stat -c %F "$p"); [ -L "$p" ] && kind="link"
    intact=$([ "$(sha256sum < $m)" = "$msum" ] && echo yes || echo no)
    said=""; [ $rc != 0 ] && said=" ($(worst r12-$i.out | cut -c1-80))"
    case $i in
        1) res="$res the model: exit $rc$said, model intact: $intact;"
           [ $rc != 0 ] && [ $intact = yes ] && okn=$((okn + 1)) ;;
        2) res="$res a pipe: exit $rc$(timedout $rc && echo ' (hung)')$said, now a $kind;"
           [ $rc != 0 ] && ! timedout $rc && [ "$kind" = fifo ] && okn=$((okn + 1)) ;;
        *) res="$res a link to /dev/null: exit $rc$said, now a $kind;"
           [ $rc != 0 ] && [ "$kind" = link ] && okn=$((okn + 1)) ;;
    esac
done
if [ $okn = 3 ]; then say PASS 12 "refused all 3, nothing replaced:$res"; else say FAIL 12 "$((3 - okn))/3 written over:$res"; fi

# ---- 13: newlines and escape codes in folder names and run messages ----------------------------
s=r13; mkdir -p $s; cp -r base $s/good
cp -r base "$s/red"$'\e[31m'"name"; cp -r base "$s/two"$'\n'"INJECTED-line"
cp -r base $s/message && sed -i 's/"message":"[^"]*"/"message":"\\u001b[2Jcleared\\nINJECTED-message"/' $s/message/run.json
g runs --runs-dir $s >r13.out 2>&1; rc=$?
esc=$(grep -c $'\e' r13.out); inj=$(grep -c '^INJECTED' r13.out)
if ! timedout $rc && [ "$esc" = 0 ] && [ "$inj" = 0 ] && grep -q '^good ' r13.out && grep -q 'red\\x1b\[31mname\|red\\u001b' r13.out; then say PASS 13 "no raw escape byte, no injected line; names printed escaped, e.g. $(grep -o 'red[^ ]*name' r13.out | head -1)"
else say FAIL 13 "exit $rc; output lines with a raw ESC byte: $esc, lines starting with the injected text: $inj"; fi

# ---- 14: cells.csv empty, or its last line cut without a newline -------------------------------
H="dataset,negatives,table,phase,epochs,steps,batch_size,train_images,lr,seed,test_errors,test_cases,accuracy,seconds,cpu_seconds"
# rows FILE: how many times the cell's row is in FILE, on a line of its own or glued to another
rows() { grep -o 'mnist,random,1,1,1,1,512,512,0.01,1234,[0-9]*,10000,' "$1" 2>/dev/null | wc -l; }
d=r14a; mkdir -p $d; : >$d/cells.csv
g "${EXP[@]}" --phases 1 --no-unseparated --out $d >r14a-1.out 2>&1; rc1=$?
g "${EXP[@]}" --phases 1 --no-unseparated --out $d >r14a-2.out 2>&1; rc2=$?
first=$(head -1 $d/cells.csv | cut -c1-40)
if [ $rc1 = 0 ] && [ $rc2 = 0 ] && [ "$(rows $d/cells.csv)" = 1 ] && [ "$(head -1 $d/cells.csv)" = "$H" ]; then say PASS 14a "empty cells.csv: header then the cell's row; the second run trains nothing (1 row)"
else say FAIL 14a "empty cells.csv: exits $rc1/$rc2, first line '$first...', rows for the cell after two runs: $(rows $d/cells.csv) (trained again)"; fi
d=r14b; mkdir -p $d; printf '%s\nmnist,random,1,4,1,1,512' "$H" >$d/cells.csv
g "${EXP[@]}" --phases 1 --no-unseparated --out $d >r14b-1.out 2>&1; rc1=$?
g "${EXP[@]}" --phases 1 --no-unseparated --out $d >r14b-2.out 2>&1; rc2=$?
if [ $rc1 = 0 ] && [ $rc2 = 0 ] && [ "$(rows $d/cells.csv)" = 1 ] && [ "$(grep -c '512mnist' $d/cells.csv)" = 0 ]; then say PASS 14b "cut last line: the cell's row on a line of its own; the second run trains nothing (1 row)"
else say FAIL 14b "cut last line: exits $rc1/$rc2, the cell's row glued to the cut line: $(grep -c '512mnist' $d/cells.csv), rows for the cell after two runs: $(rows $d/cells.csv) (trained again)"; fi

# ---- 15: hostile cells.csv: FIFO, folder, non-UTF-8 (as 5c, 9b, 9c), forged rows, 100 MB --------
if [ "$V5c$V9b$V9c" = PASSPASSPASS ]; then say PASS 15a "cells.csv a FIFO, a folder, not UTF-8: one line naming the file each (the scenarios of 5c, 9b, 9c)"
else say FAIL 15a "cells.csv a FIFO, a folder, not UTF-8: $V5c, $V9b, $V9c (the scenarios of 5c, 9b, 9c)"; fi
d=r15b; mkdir -p $d
{ echo "$H"; echo "mnist,random,1,1,1,1,512,512,0.01,1234,-10,10000,1.001,4.6,2.5"; echo "mnist,random,1,2,1,1,512,512,0.01,1234,0,0,NaN,4.6,2.5"; } >$d/cells.csv
T=60 g "${EXP[@]}" --phases 1,2 --no-unseparated --out $d >r15b.out 2>&1; rc=$?
forged=$(grep -cE '100\.1%|NaN' $d/results.md 2>/dev/null)
warned=$(grep -c 'cells.csv line' r15b.out)
if [ $rc = 0 ] && [ "$forged" = 0 ] && [ "$warned" = 2 ]; then say PASS 15b "forged rows (-10 errors: accuracy 100.1 %; 0 test cases: NaN): both ignored with a warning naming cells.csv and the line, their cells trained again; results.md holds neither"
else say FAIL 15b "forged rows (-10 errors: accuracy 100.1 %; 0 test cases: NaN): exit $rc, warnings naming the line: $warned, results.md lines with 100.1 or NaN: $forged"; fi
d=r15c; mkdir -p $d
{ echo "$H"; echo "mnist,random,1,1,1,1,512,512,0.01,1234,9289,10000,0.0711,4.6,2.5"; echo "mnist,random,1,2,1,1,512,512,0.01,1234,9000,10000,0.1,4.6,2.5"
  echo "mnist,random,1,4,1,1,512,512,0.01,1234,9000,10000,0.1,4.6,2.5"
  awk 'BEGIN { for (i = 0; i < 1400000; i++) printf "mnist,random,1,1,1,1,512,512,0.01,%d,9000,10000,0.1,4.6,2.5\n", 100000 + i }'; } >$d/cells.csv
mb=$(( $(stat -c %s $d/cells.csv) / 1000000 ))
if command -v strace >/dev/null; then
    start=$(date +%s.%N)
    timeout -k 5 240 strace -f --seccomp-bpf -qq -e trace=open,openat -o r15c.trace $NICE java -Dgoodness.dataDir="$DATA" -jar "$JAR" "${EXP[@]}" --phases 1,2,4 --no-unseparated --out $d >r15c.out 2>&1; rc=$?
    secs=$(printf %.0f "$(echo "$(date +%s.%N) - $start" | bc)")
    opens=$(grep 'cells.csv' r15c.trace | grep -v 'O_WRONLY\|O_RDWR\|= -1' | grep -c 'O_RDONLY')
    what="a $mb MB cells.csv (1.4 million rows of other seeds of this budget), 3 cells all done"
    if [ $rc = 0 ] && [ "$opens" -le 1 ]; then say PASS 15c "$what: ended in $secs s under strace, cells.csv opened for reading $opens time"
    else say FAIL 15c "$what: exit $rc$(timedout $rc && echo ' (killed at 240 s)') after $secs s under strace, cells.csv opened for reading $opens times"; fi
else say SKIP 15c "strace not installed: cannot count the reads of a $mb MB cells.csv"; fi
rm -f $d/cells.csv r15c.trace
echo "# done $(date -u +%Y-%m-%dT%H:%M:%SZ)"
