#!/usr/bin/env python3
"""Points Java sources at the classes that moved out of goodness.ff (issue 14's restructuring).

For a branch made before the move, once merged: every `goodness.ff.X` / `goodness.ff.backend.X`
naming a class that now lives in goodness.ff.training, .negatives, .scoring, .io or goodness.bench
is rewritten to the new package (imports, fully qualified names in code and comments), an import
is added where a file uses a moved class by its simple name from another package (it used to be
the same package), and imports of the file's own package are dropped. Files are not moved: a new
class in src/main/java/goodness/ff/ stays in the core package, and PackageLayoutTest says whether
it may. Javadoc-only references ({@link X}) get a fully qualified name instead of an import.

    scripts/ff-subpackage-imports.py [ROOT]     (default: the current folder, the repository root)

Prints the files it changed. Running it twice changes nothing the second time.
"""
import os
import re
import sys

MOVED = {
    'goodness.ff.training': 'Trainer Trainers AbstractTrainer HintonTrainer SleepTrainer EpochTally EpochMetrics '
                            'TrainingState GainSchedule AdamState Dropout InputShift BatchSnapshot TrainingMemory '
                            'TrainingDivergedException ReceptiveFields',
    'goodness.ff.negatives': 'NegativeStrategy NegativeBatch HardNegatives RandomWrongLabels MaskHybrids NegativesSample',
    'goodness.ff.scoring': 'GoodnessScorer DigitPredictor Prediction EnergyErrors GoodnessHistogram TestResult',
    'goodness.ff.io': 'Checkpoints CheckpointException ConfigJson DefaultModel',
    'goodness.bench': 'SgemmBench BackendMicroBench',
}
# Test helpers the moved tests share across packages.
TEST_MOVED = {
    'goodness.ff': 'TestData',
    'goodness.ff.training': 'HintonTrainerTest SleepTrainerTest',
}


def classes_in(folder):
    """The classes of one source folder (those that stayed: files that moved away use them by import)."""
    return ' '.join(sorted(f[:-5] for f in os.listdir(folder) if f.endswith('.java'))) if os.path.isdir(folder) else ''


def table(root, test):
    moved = {n for ns in MOVED.values() for n in ns.split()}
    stayed = {}
    for pkg in ('goodness.ff', 'goodness.ff.backend'):
        for n in classes_in(os.path.join(root, 'src', 'main', 'java', *pkg.split('.'))).split():
            if n not in moved:
                stayed[n] = pkg
    t = dict(stayed)
    t.update({n: p for p, ns in MOVED.items() for n in ns.split()})
    if test:
        t.update({n: p for p, ns in TEST_MOVED.items() for n in ns.split()})
    return t, {n for n, p in stayed.items() if p == 'goodness.ff.backend'} | {'SgemmBench', 'BackendMicroBench'}


OLD_BACKEND = set()


def old_package(name):
    return 'goodness.ff.backend' if name in OLD_BACKEND else 'goodness.ff'


def strip(text):
    """The code without comments and literals (a class named in a comment is not used)."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith('//', i):
            j = text.find('\n', i)
            i = n if j < 0 else j
        elif text.startswith('/*', i):
            j = text.find('*/', i + 2)
            i = n if j < 0 else j + 2
            out.append(' ')
        elif text.startswith('"""', i):
            j = text.find('"""', i + 3)
            i = n if j < 0 else j + 3
            out.append('""')
        elif c in '"\'':
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == '\\' else 1
            i = j + 1
            out.append('""')
        else:
            out.append(c)
            i += 1
    return ''.join(out)


IMPORT = re.compile(r'^import (?!static)([\w.]+);$')
OTHER_IMPORT = re.compile(r'^import (?!static)(?!java\.|javax\.)([\w.]+);$')


def fix(path, pkg, names):
    text = open(path, encoding='utf-8').read()
    orig = text

    def fqn(m):
        name = m.group(2)
        return names[name] + '.' + name if name in names and m.group(1) == old_package(name) else m.group(0)

    text = re.sub(r'\b(goodness\.ff(?:\.backend)?)\.([A-Z]\w*)\b', fqn, text)
    self_name = os.path.basename(path)[:-5]
    code = strip(text)
    declared = set(re.findall(r'\b(?:class|record|enum|interface)\s+([A-Z]\w*)', code))
    body = re.sub(r'^(package|import) .*$', '', code, flags=re.M)
    need = {p + '.' + n for n, p in names.items()
            if n != self_name and n not in declared and p != pkg and re.search(r'(?<![\w.])' + n + r'\b', body)}
    lines = [ln for ln in text.split('\n')
             if not (re.match(r'^import ([\w.]+)\.\w+;$', ln) and re.match(r'^import ([\w.]+)\.\w+;$', ln).group(1) == pkg)]
    have = {m.group(1) for ln in lines for m in [IMPORT.match(ln)] if m}
    add = sorted(need - have)
    idx = [k for k, ln in enumerate(lines) if OTHER_IMPORT.match(ln)]
    if add and idx and idx == list(range(idx[0], idx[-1] + 1)):
        group = sorted(set(lines[idx[0]:idx[-1] + 1] + ['import %s;' % a for a in add]), key=lambda ln: OTHER_IMPORT.match(ln).group(1))
        lines[idx[0]:idx[-1] + 1] = group
    elif add and idx:  # imports interleaved with static ones: add after the last non-java import
        lines[idx[-1] + 1:idx[-1] + 1] = ['import %s;' % a for a in add]
    elif add:
        k = next(k for k, ln in enumerate(lines) if ln.startswith('package '))
        lines[k + 1:k + 1] = [''] + ['import %s;' % a for a in add]
    text = '\n'.join(lines)
    text = re.sub(r';\n\n\n+import', ';\n\nimport', text)
    have = {m.group(1).rsplit('.', 1)[1] for ln in text.split('\n') for m in [IMPORT.match(ln)] if m}

    def link(m):
        n = m.group(2)
        if n in names and names[n] != pkg and n not in have and n != self_name and n not in declared:
            return m.group(1) + names[n] + '.' + n
        return m.group(0)

    text = re.sub(r'(\{@(?:link|linkplain|value)\s+|@see\s+)([A-Z]\w*)\b', link, text)
    if text != orig:
        open(path, 'w', encoding='utf-8').write(text)
        return True
    return False


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else '.'
    for src in ('main', 'test'):
        base = os.path.join(root, 'src', src, 'java')
        names, backend = table(root, src == 'test')
        OLD_BACKEND.clear()
        OLD_BACKEND.update(backend)
        for dirpath, _, files in os.walk(base):
            pkg = os.path.relpath(dirpath, base).replace(os.sep, '.')
            for f in sorted(files):
                if f.endswith('.java') and fix(os.path.join(dirpath, f), pkg, names):
                    print(os.path.join(dirpath, f))


if __name__ == '__main__':
    main()
