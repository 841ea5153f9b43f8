"""Pattern-oriented calibration by ABC (rejection, then ABC-SMC) through localism sweeps.

    /usr/bin/python3 -m analysis.calibrate CALIBRATION.yaml -o OUTDIR [--jobs N]
        [--launcher 'mpirun -n 4'] [--slurm [--slurm-args '--shards 16 --time 01:00:00']]

The calibration file (format: docs/user-guide.md, "Calibration"; example
scenarios/calibration/bgc_nc.yaml) names a patterns file (analysis/patterns.py), the fit
patterns (role fit only), the parameters with uniform priors, replicates per particle and the
ABC settings. Each batch of particles becomes, per scenario involved, an experiment with
`sample: {method: points, file: points.csv}` that runs through `localism sweep` (local jobs, an
MPI launcher or scripts/slurm/submit.sh --wait), then `localism collect`; the patterns are
evaluated on the run files. Work directories are kept under OUTDIR/work, and the sequence of
batches is deterministic given master_seed, so rerunning the same command after an interruption
reuses every finished run (sweeps skip them). Outputs: posterior.csv, history.csv,
calibrated.yaml, predictive.csv, calibration.png/svg, summary.md (calibration_report.py).
"""
from __future__ import annotations

import argparse
import difflib
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import yaml

from . import abc, io, patterns as pat
from .calibration_engine import REPO_ROOT  # noqa: F401
from .calibration_engine import (CalibrationError, Runner, check_against_engine,  # noqa: F401
                                 find_localism, simulate_patterns)

MAX_CALIBRATION_BYTES = 64 * 1024
TOP_KEYS = ("name", "description", "patterns", "fit", "validation", "parameters", "replicates",
            "seed_groups", "master_seed", "set", "rejection", "smc", "predictive")
SECTION_KEYS = {"rejection": ("method", "n", "accept"),
                "smc": ("generations", "particles", "quantile", "batch_factor", "max_batches"),
                "predictive": ("draws", "replicates")}


@dataclass
class Calibration:
    file: Path
    name: str
    patterns_file: Path
    fit: list                      # Pattern objects, role fit
    validation: list               # Pattern objects, role validation (never used in fitting)
    names: list                    # parameter paths
    lows: np.ndarray
    highs: np.ndarray
    only_for: dict                 # parameter -> set of scenario paths, absent = every scenario
    replicates: int = 2
    seed_groups: int = 4           # particles of a batch spread over this many seed sets
    master_seed: int = 1
    overrides: dict = field(default_factory=dict)
    rejection: dict = field(default_factory=dict)
    smc: dict = field(default_factory=dict)
    predictive: dict = field(default_factory=dict)
    work: str = ""                 # OUTDIR/work: one directory per batch and scenario
    integer: np.ndarray = None     # whole-number parameters (rounded), from the engine schema


def _fail(file, key, message):
    raise CalibrationError(f"{file}: {key}: {message}")


def _check_keys(file, block, known, prefix=""):
    for key in block:
        if key not in known:
            close = difflib.get_close_matches(str(key), known, n=1)
            _fail(file, prefix + str(key), "unknown key" +
                  (f" (did you mean `{prefix}{close[0]}`?)" if close else
                   f"; known keys: {', '.join(known)}"))


def _int(file, key, value, low, high):
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        _fail(file, key, f"expected a whole number between {low} and {high}, got {value!r}")
    return value


def _parameter(file, path, spec, by_name):
    """(low, high, scenarios or None) of one `parameters:` entry."""
    only = None
    if isinstance(spec, dict):
        _check_keys(file, spec, ("range", "only_for"), f"parameters.{path}.")
        if "only_for" in spec:
            names = spec["only_for"]
            if not isinstance(names, list) or not names:
                _fail(file, f"parameters.{path}.only_for", "expected a list of pattern names")
            only = {p.scenario for p in pat.select(list(by_name.values()), names)}
        spec = spec.get("range")
    if (not isinstance(spec, list) or len(spec) != 2 or
            not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in spec)
            or not spec[0] < spec[1]):
        _fail(file, f"parameters.{path}", f"expected a prior range [low, high] with low < high, "
              f"got {spec!r}")
    return float(spec[0]), float(spec[1]), only


def _section(file, root, name, defaults):
    block = root.get(name) or {}
    if not isinstance(block, dict):
        _fail(file, name, "expected a block of `key: value` lines")
    _check_keys(file, block, SECTION_KEYS[name], name + ".")
    return {**defaults, **block}


def load_calibration(path) -> Calibration:
    """Reads and checks a calibration file; CalibrationError names the key and the problem."""
    file = Path(path)
    if not file.is_file():
        raise CalibrationError(f"{file}: not found or not a regular file")
    if file.stat().st_size > MAX_CALIBRATION_BYTES:
        raise CalibrationError(f"{file}: larger than {MAX_CALIBRATION_BYTES} bytes")
    try:
        root = yaml.safe_load(file.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise CalibrationError(f"{file}: not valid YAML: {exc}") from None
    if not isinstance(root, dict):
        raise CalibrationError(f"{file}: expected a block of `key: value` lines")
    _check_keys(file, root, TOP_KEYS)
    for key in ("name", "patterns", "fit", "parameters", "master_seed"):
        if key not in root:
            _fail(file, key, "required key is missing")
    patterns_file = (file.parent / str(root["patterns"])).resolve()
    everything = pat.load_patterns(patterns_file)
    by_name = {p.name: p for p in everything}
    if not isinstance(root["fit"], list) or not root["fit"]:
        _fail(file, "fit", "expected a list of fit pattern names")
    fit = pat.select(everything, root["fit"])
    for p in fit:
        if p.role != "fit":
            _fail(file, "fit", f"pattern {p.name!r} has role {p.role}: validation patterns are "
                  f"held out and never used in fitting (they are checked in predictive.csv)")
    validation = pat.select(everything, root.get("validation"), role="validation")
    if root.get("validation") and len(validation) != len(root["validation"]):
        _fail(file, "validation", "lists a pattern whose role is not validation")
    params = root["parameters"]
    if not isinstance(params, dict) or not params:
        _fail(file, "parameters", "expected a block of `parameter.path: [low, high]` lines")
    ranges = {str(k): _parameter(file, str(k), v, by_name) for k, v in params.items()}
    overrides = root.get("set") or {}
    if not isinstance(overrides, dict) or set(overrides) & set(ranges):
        _fail(file, "set", "expected `parameter.path: value` lines, none of them calibrated")
    return Calibration(
        file=file, name=str(root["name"]), patterns_file=patterns_file, fit=fit,
        validation=validation, names=list(ranges),
        lows=np.array([r[0] for r in ranges.values()]),
        highs=np.array([r[1] for r in ranges.values()]),
        only_for={k: r[2] for k, r in ranges.items() if r[2] is not None},
        replicates=_int(file, "replicates", root.get("replicates", 2), 1, 1000),
        seed_groups=_int(file, "seed_groups", root.get("seed_groups", 4), 1, 1000),
        master_seed=_int(file, "master_seed", root["master_seed"], 0, 2**62),
        overrides={str(k): v for k, v in overrides.items()},
        rejection=_section(file, root, "rejection", {"method": "sobol", "n": 256, "accept": 64}),
        smc=_section(file, root, "smc", {"generations": 3, "particles": 64, "quantile": 0.5,
                                         "batch_factor": 2.0, "max_batches": 4}),
        predictive=_section(file, root, "predictive", {"draws": 20, "replicates": 2}))


def settings_of(c: Calibration) -> abc.AbcSettings:
    r, s = c.rejection, c.smc
    if r["method"] not in ("sobol", "lhs"):
        _fail(c.file, "rejection.method", f"expected sobol or lhs, got {r['method']!r}")
    n = _int(c.file, "rejection.n", r["n"], 2, 100_000)
    _int(c.file, "rejection.accept", r["accept"], 2, n)
    _int(c.file, "smc.generations", s["generations"], 0, 100)
    _int(c.file, "smc.particles", s["particles"], 2, 100_000)
    _int(c.file, "smc.max_batches", s["max_batches"], 1, 100)
    _int(c.file, "predictive.draws", c.predictive["draws"], 2, 100_000)
    _int(c.file, "predictive.replicates", c.predictive["replicates"], 1, 1000)
    if not 0 < float(s["quantile"]) < 1 or not 1 <= float(s["batch_factor"]) <= 100:
        _fail(c.file, "smc", "quantile must be in (0, 1) and batch_factor in [1, 100]")
    return abc.AbcSettings(
        lows=c.lows, highs=c.highs, observed=np.array([p.observed for p in c.fit]),
        tolerance=np.array([p.tolerance for p in c.fit]), prior_samples=n,
        accept=r["accept"], sampler=r["method"], generations=s["generations"],
        particles=s["particles"], quantile=float(s["quantile"]),
        batch_factor=float(s["batch_factor"]), max_batches=s["max_batches"], seed=c.master_seed)


def calibrate(c: Calibration, outdir: Path, runner: Runner = None, simulator=None,
              log=print) -> dict:
    """Runs the calibration and writes every output; returns the numbers the summary quotes.
    `simulator(thetas, tag, patterns, replicates, seed) -> (n, len(patterns))` replaces the
    engine (tests); by default each call runs sweeps through `runner`."""
    from . import calibration_report as report
    outdir.mkdir(parents=True, exist_ok=True)
    c.work = str(outdir / "work")
    settings = settings_of(c)
    settings.integer = c.integer
    count = {"runs": 0}
    if simulator is None:
        def simulator(thetas, tag, chosen, replicates, seed):
            return simulate_patterns(c, runner, thetas, tag, chosen, replicates, seed)

    def counted(thetas, tag, chosen, replicates, seed):
        count["runs"] += len(thetas) * replicates * len({p.scenario for p in chosen})
        return simulator(thetas, tag, chosen, replicates, seed)

    def seed_of(tag):  # a sweep's master seed: from the calibration's seed and the batch
        return int(np.random.SeedSequence([c.master_seed, *tag.encode()]).generate_state(1)[0]
                   >> 2)

    def progress(g):
        log(f"generation {g.index}: eps {g.epsilon:.4g}, {len(g.weights)} particles from "
            f"{g.simulated} simulated points, median distance {np.median(g.distances):.4g}")

    started = time.monotonic()
    generations = abc.run_abc(
        settings, lambda thetas, tag: counted(thetas, tag, c.fit, c.replicates, seed_of(tag)),
        progress)
    draws = abc.resample(generations[-1], int(c.predictive["draws"]), c.master_seed)
    checked = c.fit + c.validation
    predictive = counted(draws, "predictive", checked, int(c.predictive["replicates"]),
                         seed_of("predictive"))
    seconds = time.monotonic() - started
    return report.write_all(c, outdir, generations, draws, predictive, checked, seconds,
                            count["runs"])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python3 -m analysis.calibrate",
        description="Pattern-oriented ABC (rejection, then ABC-SMC) through localism sweeps.")
    parser.add_argument("calibration", help="calibration file, e.g. "
                        "scenarios/calibration/bgc_nc.yaml")
    parser.add_argument("-o", "--outdir", required=True, help="output directory")
    parser.add_argument("--jobs", type=int, default=1, help="runs at once on this machine")
    parser.add_argument("--launcher", default="", help="MPI launcher prefix for each sweep, "
                        "e.g. 'mpirun -n 16'")
    parser.add_argument("--slurm", action="store_true",
                        help="run each sweep with scripts/slurm/submit.sh --wait")
    parser.add_argument("--slurm-args", default="--shards 8",
                        help="extra submit.sh options (default: '--shards 8')")
    parser.add_argument("--localism", help="engine binary (default: $LOCALISM_BIN, "
                        "build/localism, then localism on PATH)")
    args = parser.parse_args(argv)
    try:
        if args.jobs < 1:
            raise CalibrationError("--jobs must be at least 1")
        if args.slurm and args.launcher:
            raise CalibrationError("use either --launcher or --slurm")
        c = load_calibration(args.calibration)
        runner = Runner(find_localism(args.localism), args.jobs, args.launcher, args.slurm,
                        args.slurm_args)
        check_against_engine(c, runner.localism)
        result = calibrate(c, Path(args.outdir), runner)
    except (io.SweepError, OSError, RuntimeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {args.outdir}: posterior.csv, calibrated.yaml, predictive.csv, "
          f"calibration.png/svg, summary.md ({result['simulations']} runs, "
          f"{result['seconds']:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
