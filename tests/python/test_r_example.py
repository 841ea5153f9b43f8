"""The R route: analysis/examples/read_run.R reads a real run file with hdf5r and the tidy
export with base R; what it prints must equal what h5py and the manifest say.

Skipped with the reason when the localism binary, Rscript or the hdf5r package is missing
(scripts/setup.sh installs r-base-core and r-cran-hdf5r)."""
import shutil
import subprocess
from pathlib import Path

import h5py
import numpy as np
import pytest

from analysis import export, io
from localism_bin import localism_binary

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "analysis/examples/read_run.R"


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    if shutil.which("Rscript") is None:
        pytest.skip("Rscript not installed (scripts/setup.sh installs r-base-core)")
    probe = subprocess.run(["Rscript", "-e", "library(hdf5r)"], capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip(f"R package hdf5r missing (install r-cran-hdf5r): {probe.stderr[-200:]}")
    binary = localism_binary()
    work = tmp_path_factory.mktemp("r_route")
    done = subprocess.run([str(binary), "sweep", str(REPO / "scenarios/experiments/smoke.yaml"),
                           "-o", str(work / "sweep"), "--jobs", "2"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    export.export(work / "sweep", work / "export")
    return work / "sweep", work / "export/series_long.csv"


def _fields(line):
    kind, *pairs = line.split("\t")
    return kind, dict(pair.split("=", 1) for pair in pairs)


def test_r_example_reads_run_file_and_export_like_python(exported):
    sweep_dir, csv = exported
    sweep = io.load_sweep(sweep_dir)
    run = sweep.runs.iloc[-1]
    run_path = sweep_dir / run["output"]
    done = subprocess.run(["Rscript", str(SCRIPT), str(run_path), str(csv), "total_need"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    lines = [_fields(line) for line in done.stdout.splitlines() if line.strip()]
    kind, got = lines[0]
    assert kind == "run"
    with h5py.File(run_path, "r") as f:
        series = f["national/total_need"]
        values = series[()]
        assert got["units"] == io.decode(series.attrs["units"])
    assert got["format"] == "localism-output" and int(got["months"]) == len(values)
    # %.17g in R and float() here are both exact for doubles.
    assert float(got["first"]) == values[0] and float(got["last"]) == values[-1]
    assert np.isclose(float(got["sum"]), values.sum(), rtol=1e-14)
    per_arm = {fields["arm"]: fields for kind, fields in lines[1:] if kind == "csv"}
    assert set(per_arm) == set(sweep.arms)
    for arm, fields in per_arm.items():
        finals = sweep.ok_runs().loc[sweep.ok_runs()["arm"] == arm, "final_total_need"]
        assert int(fields["runs"]) == len(finals) == 3
        assert np.isclose(float(fields["mean"]), finals.mean(), rtol=1e-13)
