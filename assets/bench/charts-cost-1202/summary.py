#!/usr/bin/env python3
"""alternate-training-config.sh's run: training seconds of the Config-tab epochs (even) against the
Training-tab epochs (odd). Usage: summary.py [METRICS.jsonl]"""
import json, statistics, os, sys
os.chdir(os.path.dirname(os.path.abspath(__file__)))
rows = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else 'alternate-metrics.jsonl')]
def pick(parity, skip):
    return [r['seconds'] for r in rows if r['epoch'] % 2 == parity and r['epoch'] >= skip]
for skip in (0, 6):
    cfg, tr = pick(0, skip), pick(1, skip)
    mc, mt = statistics.median(cfg), statistics.median(tr)
    print(f"epochs >= {skip}: Config tab n={len(cfg)} median {mc:.2f} s; Training tab n={len(tr)} median {mt:.2f} s; Training/Config {mt/mc:.3f}")
# neighbouring pairs (2k, 2k+1): each Training-tab epoch against the Config-tab epoch just before it
ratios = [rows[i + 1]['seconds'] / rows[i]['seconds'] for i in range(0, len(rows) - 1, 2)]
print("pairwise Training/Config ratios (each Training-tab epoch against the epoch before it):",
      ' '.join(f'{x:.3f}' for x in ratios), f"median {statistics.median(ratios):.3f}")
print("all:", ' '.join(f"{r['epoch']}:{r['seconds']:.2f}" for r in rows))
