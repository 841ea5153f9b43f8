"""analysis.export: the tidy long table holds exactly the run files' values, with the varied
parameters; streaming in chunks changes nothing; the per-arm summary matches stats.mean_ci."""
import subprocess
import sys
from pathlib import Path

import h5py
import numpy as np
import pandas as pd
import pytest

from analysis import export, io, stats, synthetic

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def sobol_dir(tmp_path_factory):
    # 2 base samples x 5 Saltelli rows x 2 arms = 20 runs with three varied parameters.
    return synthetic.sobol_sweep(tmp_path_factory.mktemp("export"), n_base=2,
                                 arms=("centralised", "devolved"), write_runs=True, months=14)


def test_long_table_matches_run_files_and_manifest_parameters(sobol_dir, tmp_path):
    written = export.export(sobol_dir, tmp_path)
    table = pd.read_csv(written["series_long"][0], float_precision="round_trip")
    sweep = io.load_sweep(sobol_dir)
    assert list(table.columns) == (["run_id", "arm", "replicate", "sample_index"]
                                   + list(synthetic.ISHIGAMI_PARAMS)
                                   + ["month", "metric", "value"])
    with h5py.File(sobol_dir / sweep.runs["output"].iloc[0], "r") as f:
        n_metrics = len(f["national"])
    assert len(table) == written["series_long"][1] == len(sweep.runs) * 14 * n_metrics
    run = sweep.runs.iloc[7]
    with h5py.File(sobol_dir / run["output"], "r") as f:
        expected = f["national/total_need"][()]
    rows = table[(table["run_id"] == run["run_id"]) & (table["metric"] == "total_need")]
    assert rows["month"].tolist() == list(range(1, 15))
    assert np.array_equal(rows["value"].to_numpy(), expected)  # exact: shortest round-trip
    for name in synthetic.ISHIGAMI_PARAMS:
        assert (rows[name] == sweep.params.loc[7, name]).all()


def test_chunked_streaming_gives_the_same_file(sobol_dir, tmp_path, monkeypatch):
    export.export(sobol_dir, tmp_path / "whole")
    monkeypatch.setattr(export, "CHUNK_ROWS", 100)  # many small chunks
    export.export(sobol_dir, tmp_path / "chunks")
    assert (tmp_path / "whole/series_long.csv").read_bytes() == \
        (tmp_path / "chunks/series_long.csv").read_bytes()


def test_metrics_option_restricts_both_tables(sobol_dir, tmp_path):
    code = export.main([str(sobol_dir), "-o", str(tmp_path),
                        "--metrics", "total_need,final_total_need"])
    assert code == 0
    table = pd.read_csv(tmp_path / "series_long.csv")
    assert set(table["metric"]) == {"total_need"}
    summary = pd.read_csv(tmp_path / "arm_summary.csv")
    assert set(summary["metric"]) == {"final_total_need"}


def test_summary_is_mean_and_t_interval_per_arm(sobol_dir, tmp_path):
    export.export(sobol_dir, tmp_path)
    summary = pd.read_csv(tmp_path / "arm_summary.csv")
    sweep = io.load_sweep(sobol_dir)
    row = summary[(summary["arm"] == "devolved") & (summary["metric"] == "final_total_need")]
    mean, low, high, n = stats.mean_ci(sweep.runs.loc[sweep.runs["arm"] == "devolved",
                                                      "final_total_need"])
    assert np.allclose(row[["mean", "ci_low", "ci_high"]].to_numpy()[0], [mean, low, high])
    assert row["n"].iloc[0] == n == 10
    assert row["units"].iloc[0] == "need units" and row["over"].iloc[0] == "design points"


def test_cli_unknown_metric_and_bad_directory_exit_2(sobol_dir, tmp_path):
    for args in ([str(sobol_dir), "-o", str(tmp_path), "--metrics", "no_such_metric"],
                 [str(tmp_path / "missing")]):
        done = subprocess.run([sys.executable, "-m", "analysis.export", *args], cwd=REPO,
                              capture_output=True, text=True)
        assert done.returncode == 2 and "error:" in done.stderr
        assert "Traceback" not in done.stderr
