#!/usr/bin/env python3
"""An alternating run (alternate.sh: Training tab on even epochs; alternate-config.sh: Config tab on even epochs;
the Inside tab on odd epochs): training seconds of the even-epoch tab vs the Inside tab.
Usage: alternate-summary.py [METRICS.jsonl] [NAME OF THE EVEN-EPOCH TAB]"""
import json, statistics, os, sys
os.chdir(os.path.dirname(os.path.abspath(__file__)))
rows = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else 'alternate-metrics.jsonl')]
def pick(parity, skip):
    return [r['seconds'] for r in rows if r['epoch'] % 2 == parity and r['epoch'] >= skip]
other = sys.argv[2] if len(sys.argv) > 2 else 'Training'
for skip in (0, 6):
    tr, ins = pick(0, skip), pick(1, skip)
    mt, mi = statistics.median(tr), statistics.median(ins)
    print(f"epochs >= {skip}: {other} tab n={len(tr)} median {mt:.2f} s; Inside tab n={len(ins)} median {mi:.2f} s; Inside/{other} {mi/mt:.3f}")
# neighbouring pairs (2k, 2k+1): the Inside epoch against the Training epoch just before it
ratios = [rows[i + 1]['seconds'] / rows[i]['seconds'] for i in range(0, len(rows) - 1, 2)]
print(f"pairwise Inside/{other} ratios (each Inside epoch against the epoch before it):", ' '.join(f'{x:.3f}' for x in ratios), f"median {statistics.median(ratios):.3f}")
print("all:", ' '.join(f"{r['epoch']}:{r['seconds']:.2f}" for r in rows))
