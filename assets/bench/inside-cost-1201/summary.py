#!/usr/bin/env python3
"""Per-epoch training seconds (eval excluded) of every run in this folder, and medians of epochs 2-8."""
import json, glob, statistics, os
os.chdir(os.path.dirname(os.path.abspath(__file__)))
for f in sorted(glob.glob('*-metrics.jsonl')):
    rows = [json.loads(l) for l in open(f)]
    secs = [r['seconds'] for r in rows]
    mid = [r['seconds'] for r in rows if 2 <= r['epoch'] <= 8]
    med = statistics.median(mid) if len(mid) == 7 else float('nan')
    print(f"{f[:-14]:14s} epochs {len(rows):2d}  median(2-8) {med:6.2f} s   " + ' '.join(f'{s:5.2f}' for s in secs))
