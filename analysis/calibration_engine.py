"""How analysis.calibrate runs particles: per batch, scenario and seed group an experiment with
`sample: {method: points, file: points.csv}` through `localism sweep` (local jobs, an MPI
launcher or scripts/slurm/submit.sh --wait) and `localism collect`, then the patterns on the run
files; and the checks against the engine's schema and metrics before any run."""
from __future__ import annotations

import difflib
import os
import re
import shlex
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import yaml

from . import io, patterns as pat

if TYPE_CHECKING:
    from .calibrate import Calibration

REPO_ROOT = Path(__file__).resolve().parents[1]


class CalibrationError(io.SweepError):
    """A calibration file or run that cannot be used; the CLI exits 2."""


@dataclass
class Runner:
    localism: str
    jobs: int = 1
    launcher: str = ""
    slurm: bool = False
    slurm_args: str = ""
    simulations: int = 0          # runs done through this runner (for the summary)

    def _run(self, command, what):
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode == 2:
            raise CalibrationError(f"{what} refused its input:\n{done.stderr.strip()}")
        if done.returncode not in (0, 1):
            raise CalibrationError(f"{what} failed (exit {done.returncode}):\n"
                                   f"{done.stderr.strip()[-2000:]}")
        return done

    def sweep(self, experiment: Path, outdir: Path):
        """Runs every run of the experiment into outdir and collects the manifest."""
        if self.slurm:
            submit = [str(REPO_ROOT / "scripts/slurm/submit.sh"), str(experiment), str(outdir),
                      "--wait", "--localism", self.localism, *shlex.split(self.slurm_args)]
            self._run(submit, "scripts/slurm/submit.sh")
        else:
            command = [*shlex.split(self.launcher), self.localism, "sweep", str(experiment),
                       "-o", str(outdir), "--quiet"]
            if not self.launcher:
                command += ["--jobs", str(self.jobs)]
            self._run(command, "localism sweep")
        self._run([self.localism, "collect", str(outdir)], "localism collect")


def _scenario_parameters(c: Calibration, scenario: Path) -> list:
    return [i for i, name in enumerate(c.names)
            if name not in c.only_for or scenario in c.only_for[name]]


def _write_experiment(c: Calibration, workdir: Path, scenario: Path, thetas, columns, seed,
                      replicates):
    workdir.mkdir(parents=True, exist_ok=True)
    lines = [",".join(c.names[i] for i in columns)]
    whole = c.integer if c.integer is not None else np.zeros(len(c.names), dtype=bool)
    lines += [",".join(str(int(round(t[i]))) if whole[i] else repr(float(t[i])) for i in columns)
              for t in thetas]
    (workdir / "points.csv").write_text("\n".join(lines) + "\n")
    experiment = {"name": f"calibration_{workdir.parent.name}_{workdir.name}",
                  "base": str(scenario), "master_seed": int(seed), "replicates": replicates}
    if columns:  # a scenario no calibrated parameter applies to runs its replicates once
        experiment["sample"] = {"method": "points", "file": "points.csv"}
    if c.overrides:
        experiment["set"] = c.overrides
    path = workdir / "experiment.yaml"
    path.write_text(yaml.safe_dump(experiment, sort_keys=False))
    return path


def simulate_patterns(c: Calibration, runner: Runner, thetas, tag, chosen, replicates, seed):
    """(n, len(chosen)) model values: per point, the mean over replicates of each statistic.
    Point i runs in seed group i mod seed_groups: one experiment (so one set of replicate
    seeds, common random numbers) per group and scenario."""
    thetas = np.atleast_2d(thetas)
    values = np.full((len(thetas), len(chosen)), np.nan)
    scenarios = list(dict.fromkeys(p.scenario for p in chosen))
    groups = min(c.seed_groups, len(thetas))
    for s_index, scenario in enumerate(scenarios):
        columns = [j for j, p in enumerate(chosen) if p.scenario == scenario]
        for group in range(groups):
            rows = np.arange(group, len(thetas), groups)
            sweep_seed = int(np.random.SeedSequence([seed, group]).generate_state(1)[0] >> 2)
            workdir = Path(c.work) / tag / f"s{s_index}_{scenario.stem}_g{group}"
            result = _sweep_values(c, runner, workdir, scenario, thetas[rows], chosen,
                                   replicates, sweep_seed)
            values[np.ix_(rows, columns)] = result[:, columns]
    return values


def _sweep_values(c, runner, workdir, scenario, thetas, chosen, replicates, seed):
    """Model values of the chosen patterns computed on `scenario` (NaN for the others)."""
    values = np.full((len(thetas), len(chosen)), np.nan)
    experiment = _write_experiment(c, workdir, scenario, thetas,
                                   _scenario_parameters(c, scenario), seed, replicates)
    runner.sweep(experiment, workdir / "sweep")
    runs = io.load_sweep(workdir / "sweep", metrics=[]).runs
    ok = runs[runs["status"] == "ok"]
    runner.simulations += len(ok)
    for j, p in enumerate(chosen):
        if p.scenario != scenario:
            continue
        per_point = {}
        for r in ok.itertuples():
            per_point.setdefault(int(r.sample_index), []).append(
                p.evaluate(workdir / "sweep" / r.output))
        for point, vals in per_point.items():
            with np.errstate(invalid="ignore"):
                if point < 0:  # no design points: the same runs stand for every particle
                    values[:, j] = np.mean(vals)
                else:
                    values[point, j] = np.mean(vals)
    return values


_PARAM_LINE = re.compile(r"^([a-z0-9_.]+) = \S* \[[^\]]*\] (-?[0-9.e+-]+) \.\. (-?[0-9.e+-]+)\s*$")


def check_against_engine(c: Calibration, localism: str):
    """Before any run: parameters known and numeric, priors inside their schema ranges (whole
    numbers marked for rounding), statistics naming national series the engine records."""
    params = subprocess.run([localism, "params"], capture_output=True, text=True).stdout
    numeric = {}
    for line in params.splitlines():
        m = _PARAM_LINE.match(line)
        if m:
            numeric[m.group(1)] = (float(m.group(2)), float(m.group(3)),
                                   "." not in m.group(2) + m.group(3))
    known = [line.split(" = ")[0] for line in params.splitlines() if " = " in line]
    integer = np.zeros(len(c.names), dtype=bool)
    for i, name in enumerate(c.names):
        if name not in numeric:
            close = difflib.get_close_matches(name, known, n=1)
            raise CalibrationError(f"{c.file}: parameters.{name}: not a numeric scenario parameter" +
                  (f" (did you mean `{close[0]}`?)" if close and close[0] != name else ""))
        low, high, integer[i] = numeric[name]
        if c.lows[i] < low or c.highs[i] > high:
            raise CalibrationError(f"{c.file}: parameters.{name}: the prior [{c.lows[i]:g}, "
                                   f"{c.highs[i]:g}] leaves the parameter's range {low:g} .. "
                                   f"{high:g}")
    c.integer = integer
    metrics = subprocess.run([localism, "metrics"], capture_output=True, text=True).stdout
    series = [line.split()[0][len("national/"):] for line in metrics.splitlines()
              if line.startswith("national/")]
    for p in (c.fit + c.validation) if series else ():
        for name in p.series:
            if name not in series:
                raise CalibrationError(
                    f"{p.file}: pattern {p.name!r}: statistic: the engine records no national "
                    f"series `{name}`{pat._hint(name, series)}")


def find_localism(given=None) -> str:
    for candidate in (given, os.environ.get("LOCALISM_BIN"), str(REPO_ROOT / "build/localism"),
                      shutil.which("localism")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return str(Path(candidate).resolve())
    raise CalibrationError("localism binary not found: build it, pass --localism or set "
                           "LOCALISM_BIN")


