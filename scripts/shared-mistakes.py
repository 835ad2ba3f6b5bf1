#!/usr/bin/env python3
"""Which cases do several models get wrong together?  Is the ~0.8-0.9 % energy error of the
hinton-plus runs the luck of one network, or a core of cases every run misreads?

    scripts/shared-mistakes.py A.csv B.csv ...      (files written by `goodness eval --mistakes FILE`)
    scripts/shared-mistakes.py --picture OUT.png A.csv B.csv ...

With --picture, also draws the test cases every model's energy score gets wrong (MNIST test images
from data/mnist, each captioned "label > the models' most common answer"), with ImageMagick's montage.

Each file lists the valid and test cases one model gets wrong by either score (set, index, label,
energy prediction, softmax prediction); a case a file does not list, that model got right by both.
Prints, per set and score: each model's errors, how many cases 1, 2, ..., k of the k models get
wrong, the cases every model gets wrong, and a plurality vote of the k models' predictions (a tie
counts as an error) -- the ensemble those models would make, not one network.
"""
import csv
import gzip
import os
import shutil
import subprocess
import sys
import tempfile
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


def picture(out, cases, models, data="data/mnist/t10k-images-idx3-ubyte.gz"):
    """The given test cases as 28x28 tiles (magnified 3x), captioned with label and commonest wrong answer."""
    if shutil.which("montage") is None:
        sys.exit("--picture needs ImageMagick's montage on the PATH")
    with gzip.open(data, "rb") as f:
        raw = f.read()
    if int.from_bytes(raw[0:4], "big") != 2051 or int.from_bytes(raw[8:12], "big") != 28:
        sys.exit(f"{data}: not an MNIST image file")
    with tempfile.TemporaryDirectory() as tmp:
        tiles = []
        for n, (s, i) in enumerate(sorted(cases, key=lambda c: c[1])):
            pixels = raw[16 + 784 * i: 16 + 784 * (i + 1)]
            answers = [m[(s, i)][1]["energy"] for m in models]
            label = models[0][(s, i)][0]
            tile = os.path.join(tmp, f"{n:04d}.pgm")
            with open(tile, "wb") as f:
                f.write(b"P5 28 28 255\n" + bytes(255 - p for p in pixels))   # dark ink on white
            tiles += ["-label", f"{label} > {Counter(answers).most_common(1)[0][0]}", tile]
        subprocess.run(["montage", *tiles, "-filter", "point", "-resize", "84x84", "-tile", "12x",
                        "-geometry", "+4+4", "-pointsize", "14", out], check=True)


def main(args):
    out = None
    if len(args) >= 2 and args[0] == "--picture":
        out, args = args[1], args[2:]
    paths = args
    if len(paths) < 2:
        sys.exit(__doc__)
    models = [read(p) for p in paths]
    k = len(models)
    print(f"{k} models, in this order: " + ", ".join(p.rsplit("/", 1)[-1].removesuffix(".csv") for p in paths))
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
            if out and s == "test" and score == "energy":
                picture(out, [c for c, n in wrong_by.items() if n == k], models)
            print(f"  wrong in every model: {hist.get(k, 0)}; in at least half: "
                  f"{sum(c for n, c in hist.items() if 2 * n >= k)}; in any: {len(wrong_by)}; "
                  f"plurality vote of the {k}: {vote_errors} errors")


if __name__ == "__main__":
    main(sys.argv[1:])
