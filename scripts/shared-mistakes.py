#!/usr/bin/env python3
"""Which cases do several models get wrong together?  Issue 15's question: is the ~0.8-0.9 % energy
error of the hinton-plus runs the luck of one network, or a core of cases every run misreads?

    scripts/shared-mistakes.py A.csv B.csv ...      (files written by `goodness eval --mistakes FILE`)

Each file lists the valid and test cases one model gets wrong by either score (set, index, label,
energy prediction, softmax prediction); a case a file does not list, that model got right by both.
Prints, per set and score: each model's errors, how many cases 1, 2, ..., k of the k models get
wrong, the cases every model gets wrong, and a plurality vote of the k models' predictions (a tie
counts as an error) -- the ensemble those models would make, not one network.
"""
import csv
import sys
from collections import Counter, defaultdict

SCORES = ("energy", "softmax")


def read(path):
    """{(set, index): (label, {score: prediction})} of one model's mistakes."""
    rows = {}
    with open(path, newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != ["set", "index", "label", "energy", "softmax"]:
            sys.exit(f"{path}: not a mistakes file (header {reader.fieldnames})")
        for r in reader:
            preds = {s: int(r[s]) for s in SCORES if r[s] != ""}
            rows[(r["set"], int(r["index"]))] = (int(r["label"]), preds)
    return rows


def main(paths):
    if len(paths) < 2:
        sys.exit(__doc__)
    models = [read(p) for p in paths]
    k = len(models)
    labels = {}
    for m in models:
        for case, (label, _) in m.items():
            labels[case] = label
    for s in ("valid", "test"):
        for score in SCORES:
            wrong_by = defaultdict(int)      # case -> how many models get it wrong
            errors = []
            for m in models:
                n = 0
                for (st, i), (label, preds) in m.items():
                    if st == s and score in preds and preds[score] != label:
                        wrong_by[(st, i)] += 1
                        n += 1
                errors.append(n)
            if not any(errors):
                continue
            hist = Counter(wrong_by.values())
            vote_errors = 0
            for case, n_wrong in wrong_by.items():
                votes = Counter()
                label = labels[case]
                votes[label] += k - n_wrong          # a model that does not list the case read it right
                for m in models:
                    if case in m and score in m[case][1] and m[case][1][score] != label:
                        votes[m[case][1][score]] += 1
                top = votes.most_common()
                if top[0][0] != label or (len(top) > 1 and top[1][1] == top[0][1]):
                    vote_errors += 1
            print(f"{s} {score}: errors per model {' '.join(map(str, errors))} "
                  f"(mean {sum(errors) / k:.1f}, min {min(errors)}, max {max(errors)})")
            print(f"  cases wrong in exactly n of the {k} models: "
                  + ", ".join(f"n={n}: {hist.get(n, 0)}" for n in range(1, k + 1)))
            print(f"  wrong in every model: {hist.get(k, 0)}; in at least half: "
                  f"{sum(c for n, c in hist.items() if 2 * n >= k)}; in any: {len(wrong_by)}; "
                  f"plurality vote of the {k}: {vote_errors} errors")


if __name__ == "__main__":
    main(sys.argv[1:])
