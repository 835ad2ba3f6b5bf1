#!/usr/bin/env python3
"""Where each end-of-epoch test evaluation of the phase-position runs fell inside the N = 64
awake/sleep cycle (117 batches per epoch; batch b is awake when b mod 128 < 64), with its test
accuracy and whether it predicted one label for every image. Writes positions.md."""
import json, os
here = os.path.dirname(os.path.abspath(__file__))
rows = ["| epoch | last batch | phase at the evaluation | batches into it | wrong labels: test accuracy | masks: test accuracy |",
        "|---|---|---|---|---|---|"]
def load(mode):
    out = {}
    for line in open(os.path.join(here, f"n64-{mode}", "metrics.jsonl")):
        m = json.loads(line)
        per = m["energy_errors_test_per_class"]
        wrong = m["energy_errors_test"]
        acc = 100.0 * (m["test_cases"] - wrong) / m["test_cases"]
        right = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]  # MNIST test images per class
        constant = [c for c in range(10) if per[c] == 0 and all(per[d] == right[d] for d in range(10) if d != c)]
        out[m["epoch"]] = f"{acc:.2f} %" + (f" (every image → {constant[0]})" if constant else "")
    return out
r, k = load("random"), load("mask")
for e in sorted(r):
    last = 117 * (e + 1) - 1
    pos = last % 128
    phase, into = ("awake", pos + 1) if pos < 64 else ("sleep", pos - 64 + 1)
    rows.append(f"| {e} | {last} | {phase} | {into} | {r[e]} | {k.get(e, '–')} |")
open(os.path.join(here, "positions.md"), "w").write("\n".join(rows) + "\n")
print("\n".join(rows))
