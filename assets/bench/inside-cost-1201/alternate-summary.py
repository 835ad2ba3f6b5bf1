#!/usr/bin/env python3
"""alternate.sh's run: training seconds of the epochs shown with the Training tab (even) vs the Inside tab (odd)."""
import json, statistics, os, sys
os.chdir(os.path.dirname(os.path.abspath(__file__)))
rows = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else 'alternate-metrics.jsonl')]
def pick(parity, skip):
    return [r['seconds'] for r in rows if r['epoch'] % 2 == parity and r['epoch'] >= skip]
for skip in (0, 6):
    tr, ins = pick(0, skip), pick(1, skip)
    mt, mi = statistics.median(tr), statistics.median(ins)
    print(f"epochs >= {skip}: Training tab n={len(tr)} median {mt:.2f} s; Inside tab n={len(ins)} median {mi:.2f} s; Inside/Training {mi/mt:.3f}")
# neighbouring pairs (2k, 2k+1): the Inside epoch against the Training epoch just before it
ratios = [rows[i + 1]['seconds'] / rows[i]['seconds'] for i in range(0, len(rows) - 1, 2)]
print("pairwise Inside/Training ratios:", ' '.join(f'{x:.3f}' for x in ratios), f"median {statistics.median(ratios):.3f}")
print("all:", ' '.join(f"{r['epoch']}:{r['seconds']:.2f}" for r in rows))
