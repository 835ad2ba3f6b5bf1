#!/usr/bin/env python3
"""The four alternating runs together: each Training-tab epoch against the Config-tab epoch before it,
pooled per redraw gap (run order: gap-250ms, gap-1s, gap-1s-b, gap-250ms-b)."""
import json, statistics, os
os.chdir(os.path.dirname(os.path.abspath(__file__)))
for gap, runs in (("250 ms", ("gap-250ms", "gap-250ms-b")), ("1 s", ("gap-1s", "gap-1s-b"))):
    ratios, per_run = [], []
    for r in runs:
        rows = [json.loads(l) for l in open(f"{r}/alternate-metrics.jsonl")]
        rr = [rows[i + 1]['seconds'] / rows[i]['seconds'] for i in range(0, len(rows) - 1, 2)]
        per_run.append(f"{r} {statistics.median(rr):.3f}")
        ratios += rr
    q = statistics.quantiles(ratios, n=4)
    print(f"gap {gap}: {len(ratios)} pairs, median Training/Config {statistics.median(ratios):.3f} "
          f"(quartiles {q[0]:.3f}-{q[2]:.3f}); per run: {', '.join(per_run)}")
