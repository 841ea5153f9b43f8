#!/usr/bin/python3
"""Byte-flip test of saved states: damaged copies of a real saved state (a run file with
/state) continued with `localism run --from-state`. No case may crash (exit code >= 128 or a
sanitizer report); each either continues (the damage hit bytes the state does not use, or a
value the model accepts) or is refused with exit 2 or a runtime error (exit 1). Meant for the
ASan+UBSan build; seeded, so reproducible.

Usage: tests/integration/byteflip_state.py path/to/localism [--cases 200] [--seed 1]
"""
import argparse
import collections
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from byteflip import ROOT, crashed, damage, run  # noqa: E402

SCENARIO = [str(ROOT / "scenarios/centralised.yaml"), "--set", "population.communities=600",
            "--set", "population.councils=6", "--set", "run.months=24", "--quiet", "--force",
            "--threads", "2"]


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
        crashes = []
        for case in range(args.cases):
            bad = work / "bad.h5"
            bad.write_bytes(damage(original, rng))
            code, stderr = run([args.localism, "run", *SCENARIO, "--from-state", str(bad),
                                "-o", str(work / "out.h5")])
            outcomes[code] += 1
            if crashed(code, stderr):
                kept = work.parent / f"byteflip_state_crash_{args.seed}_{case}.h5"
                kept.write_bytes(bad.read_bytes())
                crashes.append(f"case {case}: exit {code}, input kept in {kept}\n{stderr[-2000:]}")
        print(f"{args.cases} damaged states: exit codes {dict(sorted(outcomes.items()))}")
        for crash in crashes:
            print("CRASH", crash)
        sys.exit(1 if crashes else 0)


if __name__ == "__main__":
    main()
