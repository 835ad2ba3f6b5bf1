#!/usr/bin/env python3
"""Whether two run folders hold the same run, apart from when and how fast it ran.

    scripts/compare-run-folders.py OLD_FOLDER NEW_FOLDER [OLD NEW ...]

For each pair: model.ffm and config.json must be byte-identical; metrics.jsonl must have the
same rows once the time fields are taken out (seconds, eval_seconds, samples_per_second);
result.json the same content without wall_seconds. Prints one line per file and exits 1 if any
pair differs. Used to check that a change to the training loop changes no result.
"""
import json
import sys
from pathlib import Path

TIME_FIELDS = {"seconds", "eval_seconds", "samples_per_second", "wall_seconds"}


def without_time(value):
    if isinstance(value, dict):
        return {k: without_time(v) for k, v in value.items() if k not in TIME_FIELDS}
    if isinstance(value, list):
        return [without_time(v) for v in value]
    return value


def json_rows(path):
    # NaN is written bare by the run files; Python's json reads it as float('nan'), which never
    # equals itself, so compare the rows' text after a canonical dump instead of the values.
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [json.dumps(without_time(r), sort_keys=True) for r in rows]


def compare(old, new):
    same = True
    for name in ("model.ffm", "config.json"):
        a, b = old / name, new / name
        if not a.exists() and not b.exists():
            continue
        ok = a.exists() and b.exists() and a.read_bytes() == b.read_bytes()
        print(f"{'same' if ok else 'DIFFERENT'}  {name} ({a.stat().st_size if a.exists() else '-'} bytes)")
        same &= ok
    for name in ("metrics.jsonl", "result.json"):
        a, b = old / name, new / name
        if not a.exists() and not b.exists():
            continue
        ra, rb = (json_rows(a) if a.exists() else None), (json_rows(b) if b.exists() else None)
        ok = ra is not None and ra == rb
        print(f"{'same' if ok else 'DIFFERENT'}  {name} without its time fields ({len(ra or [])} rows)")
        same &= ok
    return same


def main(args):
    if len(args) < 2 or len(args) % 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    all_same = True
    for old, new in zip(args[0::2], args[1::2]):
        print(f"{old}  vs  {new}")
        all_same &= compare(Path(old), Path(new))
    print("all the same" if all_same else "some files differ")
    return 0 if all_same else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
