#!/usr/bin/env python3
# Splits the training thread's JFR samples inside trainBatch() by what the top frame is doing:
# products (cblas_sgemm), copies (Java <-> native buffers, arraycopy/fill), element-wise kernels (goodness.* code), other.
# usage: jfr_split.py RECORDING.jfr [java-sample-period-ms=10] [native-sample-period-ms=20]  (JDK 17 "profile" settings)
import json, subprocess, sys, collections
f = sys.argv[1]
def events(kind):
    out = subprocess.run(['jfr', 'print', '--json', '--stack-depth', '8', '--events', kind, f], capture_output=True, text=True).stdout
    return json.loads(out)['recording']['events']
def frames(e):
    st = e['values'].get('stackTrace')
    if not st: return []
    return [fr['method']['type']['name'] + '.' + fr['method']['name'] for fr in st['frames']]
def in_training(fs):
    return any('trainBatch' in x for x in fs)
def category(fs):
    top = fs[0].replace('/', '.')
    if 'cblas_sgemm' in top: return 'products (sgemm)'
    if top.startswith('org.bytedeco') and ('.put' in top or '.get' in top): return 'copies (Java <-> native)'
    if 'arraycopy' in top or 'Arrays.fill' in top: return 'copies (Java <-> native)' if False else 'copies (arraycopy/fill)'
    if top.startswith('goodness.'): return 'element-wise kernels (' + '.'.join(top.split('.')[-2:]) + ')'
    return 'other (' + top + ')'
periods = {'jdk.ExecutionSample': float(sys.argv[2]) if len(sys.argv) > 2 else 10.0, 'jdk.NativeMethodSample': float(sys.argv[3]) if len(sys.argv) > 3 else 20.0}
ms = collections.Counter(); total = 0
for kind, per in periods.items():
    for e in events(kind):
        th = e['values']['sampledThread']
        if not th or th.get('javaName') != 'main': continue
        fs = frames(e)
        if not fs or not in_training(fs): continue
        c = category(fs)
        ms[c] += per; total += per
for c, v in ms.most_common():
    print(f"{v/total*100:6.1f} %  {v/1000:7.2f} s  {c}")
print(f"total {total/1000:.2f} s of main-thread samples inside trainBatch")
