#!/usr/bin/python3
"""Golden regression cases: run each tests/regression/<case>/scenario.yaml and compare every
dataset of the run file exactly with <case>/expected.txt.

    tests/regression/regress.py --localism build/localism            # compare, exit 1 on change
    tests/regression/regress.py --localism build/localism --update   # rewrite, print what changed
    tests/regression/regress.py --localism build/localism CASE ...   # only these cases

Values are written with repr(), which round-trips a float64 exactly, so a match is bit-for-bit.
Per-community snapshots (/communities) are recorded as a SHA-256 of their bytes plus their sum,
to keep the expected files small. Attributes are not compared: provenance differs between runs
by design, and units and descriptions are tested against the metric registry elsewhere.
"""
import argparse
import hashlib
import pathlib
import subprocess
import sys
import tempfile

import h5py
import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
VALUES_PER_LINE = 4


def dump(path):
    """The text form of every dataset in a run file, in sorted path order."""
    lines = []
    with h5py.File(path, "r") as f:
        names = []
        f.visititems(lambda name, obj: names.append(name) if isinstance(obj, h5py.Dataset) else None)
        for name in sorted(names):
            data = f[name][()]
            array = np.asarray(data)
            header = f"[/{name}] {array.dtype} {tuple(array.shape)}"
            if name.startswith("communities/") and array.size > 64:
                digest = hashlib.sha256(np.ascontiguousarray(array).tobytes()).hexdigest()
                total = repr(float(np.sum(array, dtype=np.float64)))
                lines.append(f"{header} sha256={digest} sum={total}")
                continue
            lines.append(header)
            flat = [repr(x.item()) for x in array.reshape(-1)]
            for k in range(0, len(flat), VALUES_PER_LINE):
                lines.append("  " + " ".join(flat[k : k + VALUES_PER_LINE]))
    return "\n".join(lines) + "\n"


def sections(text):
    """Maps dataset header -> (header line, value lines)."""
    out, current = {}, None
    for line in text.splitlines():
        if line.startswith("["):
            current = line.split("]")[0] + "]"
            out[current] = [line, []]
        elif current is not None:
            out[current][1].extend(line.split())
    return out


def describe_changes(old_text, new_text):
    """One line per dataset that changed, with the first differing element and the largest
    absolute difference where both versions have values."""
    old, new = sections(old_text), sections(new_text)
    changes = []
    for name in sorted(set(old) | set(new)):
        if name not in old:
            changes.append(f"  added   {name}")
        elif name not in new:
            changes.append(f"  removed {name}")
        elif old[name] != new[name]:
            a, b = old[name][1], new[name][1]
            detail = old[name][0] != new[name][0] and not a and " (digest/shape differs)" or ""
            if a and b and len(a) == len(b):
                x, y = np.array(a, dtype=float), np.array(b, dtype=float)
                differ = ~((x == y) | (np.isnan(x) & np.isnan(y)))
                first = int(np.argmax(differ))
                gap = np.nanmax(np.abs(x - y)) if differ.any() else 0.0
                detail = f" (first at element {first}: {a[first]} -> {b[first]}; max |diff| {gap:.6g})"
            changes.append(f"  changed {name}{detail}")
    return changes


def run_case(localism, case_dir, workdir):
    out = pathlib.Path(workdir) / f"{case_dir.name}.h5"
    cmd = [localism, "run", str(case_dir / "scenario.yaml"), "-o", str(out), "--quiet", "--force",
           "--threads", "2"]
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{case_dir.name}: localism exited {result.returncode}: {result.stderr}")
    return dump(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--localism", required=True, help="path of the localism program")
    parser.add_argument("--update", action="store_true", help="rewrite expected.txt files")
    parser.add_argument("cases", nargs="*", help="case names (default: every case)")
    args = parser.parse_args()
    cases = sorted(p.parent for p in HERE.glob("*/scenario.yaml"))
    if args.cases:
        cases = [c for c in cases if c.name in args.cases]
    failed = 0
    with tempfile.TemporaryDirectory() as workdir:
        for case in cases:
            expected_path = case / "expected.txt"
            actual = run_case(args.localism, case, workdir)
            expected = expected_path.read_text() if expected_path.exists() else ""
            if actual == expected:
                print(f"PASS    {case.name}")
                continue
            changes = describe_changes(expected, actual)
            if args.update:
                expected_path.write_text(actual)
                print(f"UPDATED {case.name}: {len(changes)} dataset(s) changed")
            else:
                failed += 1
                print(f"FAIL    {case.name}: {len(changes)} dataset(s) differ")
            print("\n".join(changes[:40]))
            if len(changes) > 40:
                print(f"  ... and {len(changes) - 40} more")
    print(f"regression: {len(cases) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
