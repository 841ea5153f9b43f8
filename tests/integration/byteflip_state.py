#!/usr/bin/python3
"""Byte-flip test of saved states: damaged copies of a real saved state (a run file with
/state) continued with `localism run --from-state`. Every case must be refused as bad input:
exit 2, a message on stderr naming the damaged file, and no output file (nor OUT.partial) left
behind. A state file is sealed (the SHA-256 of its contents in its first 512 bytes), so damage
to bytes the reader never looks at is refused too. No case may crash (exit code >= 128 or a
sanitizer report). Meant for the ASan+UBSan build, and runs with any build; seeded, so
reproducible.

libhdf5 leaks a few hundred bytes on some error paths of a damaged file (see byteflip.py);
LeakSanitizer then replaces the exit code with 1, so such a case is run again without leak
detection to see the program's own exit code.

Usage: tests/integration/byteflip_state.py path/to/localism [--cases 200] [--seed 1]
"""
import argparse
import collections
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from byteflip import ENV, LEAK, ROOT, crashed, damage, run  # noqa: E402

SCENARIO = [str(ROOT / "scenarios/centralised.yaml"), "--set", "population.communities=600",
            "--set", "population.councils=6", "--set", "run.months=24", "--quiet", "--force",
            "--threads", "2"]


def refused_properly(localism, bad, out):
    """(exit code, stderr, what is wrong or None) of continuing the damaged state `bad`."""
    for path in (out, Path(str(out) + ".partial")):
        path.unlink(missing_ok=True)
    command = [localism, "run", *SCENARIO, "--from-state", str(bad), "-o", str(out)]
    code, stderr = run(command)
    if crashed(code, stderr):
        return code, stderr, "crashed"
    if code == 1 and LEAK.search(stderr):
        code, stderr = run(command, env=dict(ENV, ASAN_OPTIONS="detect_leaks=0"))
    problems = []
    if code != 2:
        problems.append(f"exit {code}, not 2")
    if f"error: {bad}: " not in stderr:
        problems.append("no message naming the state file")
    left = [p.name for p in (out, Path(str(out) + ".partial")) if p.exists()]
    if left:
        problems.append(f"left {', '.join(left)} behind")
    return code, stderr, "; ".join(problems) or None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("localism")
    parser.add_argument("--cases", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        state = work / "state.h5"
        code, stderr = run([args.localism, "run", *SCENARIO, "--save-state-at", "12",
                            "-o", str(state)])
        if code != 0:
            sys.exit(f"could not save a state: {stderr}")
        original = state.read_bytes()
        outcomes = collections.Counter()
        failures = []
        for case in range(args.cases):
            bad = work / "bad.h5"
            bad.write_bytes(damage(original, rng))
            code, stderr, problem = refused_properly(args.localism, bad, work / "out.h5")
            outcomes[code] += 1
            if problem:
                kept = work.parent / f"byteflip_state_failure_{args.seed}_{case}.h5"
                kept.write_bytes(bad.read_bytes())
                failures.append(f"case {case}: {problem}; input kept in {kept}\n{stderr[-2000:]}")
        print(f"{args.cases} damaged states: exit codes {dict(sorted(outcomes.items()))}")
        for failure in failures:
            print("FAILED", failure)
        sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
