"""The analysis tools on a real sweep made by the engine (scenarios/experiments/smoke.yaml).

Skipped with the reason when the localism binary is missing ($LOCALISM_BIN, default build/localism).
"""
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from analysis import io, stats

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def sweep_dir(tmp_path_factory):
    binary = Path(os.environ.get("LOCALISM_BIN", "build/localism"))
    binary = binary if binary.is_absolute() else REPO_ROOT / binary
    if not (binary.is_file() and os.access(binary, os.X_OK)):
        pytest.skip(f"localism binary not found at {binary}: build it or set LOCALISM_BIN")
    out = tmp_path_factory.mktemp("real_sweep") / "smoke"
    done = subprocess.run([str(binary), "sweep", str(REPO_ROOT / "scenarios/experiments/smoke.yaml"),
                           "-o", str(out), "--jobs", "2"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return out


def test_manifest_loads_with_every_run_ok_and_paired_seeds(sweep_dir):
    sweep = io.load_sweep(sweep_dir)
    runs = sweep.runs
    assert len(runs) == 6
    assert set(runs["arm"]) == {"centralised", "devolved"}
    assert (runs["status"] == "ok").all()
    # Common random numbers: replicate r has the same seed in every arm.
    seeds = runs.pivot(index="replicate", columns="arm", values="seed")
    assert (seeds["centralised"] == seeds["devolved"]).all()
    assert seeds["devolved"].nunique() == 3


def test_manifest_metrics_match_the_run_files(sweep_dir):
    sweep = io.load_sweep(sweep_dir)
    national = io.load_national(sweep, ["total_need"])
    last = national.sort_values("month").groupby("run_id")["value"].last()
    for _, row in sweep.runs.iterrows():
        assert np.isclose(row["final_total_need"], last[row["run_id"]], rtol=1e-12)


def test_paired_comparison_and_report_build(sweep_dir, tmp_path):
    sweep = io.load_sweep(sweep_dir)
    paired = stats.paired_differences(sweep.runs, ["final_total_need", "cumulative_need_reduced"])
    assert len(paired) == 2
    assert np.isfinite(paired["mean_diff"].astype(float)).all()
    assert (paired["n_pairs"] == 3).all()
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    compare = subprocess.run([sys.executable, "-m", "analysis.compare", str(sweep_dir), "-o", str(tmp_path)],
                             capture_output=True, text=True, env=env, cwd=REPO_ROOT)
    assert compare.returncode == 0, compare.stderr
    assert (tmp_path / "compare.csv").is_file() and (tmp_path / "paired.csv").is_file()
    report_path = tmp_path / "report.html"
    report = subprocess.run([sys.executable, "-m", "analysis.report", str(sweep_dir), "-o", str(report_path)],
                            capture_output=True, text=True, env=env, cwd=REPO_ROOT)
    assert report.returncode == 0, report.stderr
    html = report_path.read_text()
    for section in ["The question", "Scenario and design", "Headline comparison", "Plots", "Provenance"]:
        assert section in html
    assert "data:image/png;base64," in html
