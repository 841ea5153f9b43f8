"""The analysis tools on a real sweep made by the engine (scenarios/experiments/smoke.yaml).

Skipped with the reason when the localism binary is missing ($LOCALISM_BIN, default build/localism).
"""
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from analysis import equity_io, io, stats
from localism_bin import localism_binary

REPO_ROOT = Path(__file__).resolve().parents[2]
BASELINE_ARM = ("  baseline: {central.mode: devolved, central.annual_budget_gbp: 0,\n"
                "             devolved.learning_ties_per_community: 0, prize.enabled: false}\n")


@pytest.fixture(scope="module")
def sweep_dir(tmp_path_factory):
    binary = localism_binary()
    work = tmp_path_factory.mktemp("real_sweep")
    out = work / "smoke"
    # smoke.yaml plus the no-money baseline arm of policy_comparison.yaml (smoke.yaml itself
    # stays two arms: the sweep integration tests count its runs).
    smoke = (REPO_ROOT / "scenarios/experiments/smoke.yaml").read_text()
    smoke = smoke.replace("base: ../base.yaml", f"base: {REPO_ROOT / 'scenarios/base.yaml'}")
    smoke = smoke.replace("arms:\n", "arms:\n" + BASELINE_ARM, 1)
    (work / "smoke.yaml").write_text(smoke)
    done = subprocess.run([str(binary), "sweep", str(work / "smoke.yaml"),
                           "-o", str(out), "--jobs", "2"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return out


def test_manifest_loads_with_every_run_ok_and_paired_seeds(sweep_dir):
    sweep = io.load_sweep(sweep_dir)
    runs = sweep.runs
    assert len(runs) == 9
    assert set(runs["arm"]) == {"baseline", "centralised", "devolved"}
    assert (runs["status"] == "ok").all()
    # Common random numbers: replicate r has the same seed in every arm.
    seeds = runs.pivot(index="replicate", columns="arm", values="seed")
    assert (seeds["centralised"] == seeds["devolved"]).all()
    assert (seeds["baseline"] == seeds["devolved"]).all()
    assert seeds["devolved"].nunique() == 3


def test_params_hold_each_parameter_the_arms_set_differently(sweep_dir):
    """One column per parameter that differs between runs: strings for central.mode and
    prize.enabled, floats for the budget; none for what every arm shares."""
    sweep = io.load_sweep(sweep_dir)
    params = sweep.params.join(sweep.runs["arm"])
    assert {"central.mode", "central.annual_budget_gbp", "prize.enabled"} <= set(params.columns)
    assert "run.months" not in params.columns and "run.seed" not in params.columns
    by_arm = params.groupby("arm").first()
    assert by_arm.loc["centralised", "central.mode"] == "centralised"
    assert by_arm.loc["baseline", "central.mode"] == "devolved"
    assert by_arm.loc["baseline", "prize.enabled"] == "false"
    assert by_arm.loc["baseline", "central.annual_budget_gbp"] == 0.0
    assert by_arm.loc["devolved", "central.annual_budget_gbp"] > 0.0
    assert params["central.annual_budget_gbp"].dtype == float


def test_manifest_metrics_match_the_run_files(sweep_dir):
    sweep = io.load_sweep(sweep_dir)
    national = io.load_national(sweep, ["total_need"])
    last = national.sort_values("month").groupby("run_id")["value"].last()
    for _, row in sweep.runs.iterrows():
        assert np.isclose(row["final_total_need"], last[row["run_id"]], rtol=1e-12)


def test_paired_comparison_and_report_build(sweep_dir, tmp_path):
    sweep = io.load_sweep(sweep_dir)
    paired = stats.paired_differences(sweep.runs, ["final_total_need", "cumulative_need_reduced"])
    assert len(paired) == 6  # 3 pairs of arms x 2 outcomes
    assert np.isfinite(paired["mean_diff"].astype(float)).all()
    assert (paired["n_pairs"] == 3).all()
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    compare = subprocess.run([sys.executable, "-m", "analysis.compare", str(sweep_dir), "-o", str(tmp_path)],
                             capture_output=True, text=True, env=env, cwd=REPO_ROOT)
    assert compare.returncode == 0, compare.stderr
    assert (tmp_path / "compare.csv").is_file() and (tmp_path / "paired.csv").is_file()
    assert "additional need removed over baseline" in compare.stdout
    report_path = tmp_path / "report.html"
    report = subprocess.run([sys.executable, "-m", "analysis.report", str(sweep_dir), "-o", str(report_path)],
                            capture_output=True, text=True, env=env, cwd=REPO_ROOT)
    assert report.returncode == 0, report.stderr
    html = report_path.read_text()
    for section in ["The question", "Scenario and design", "Headline", "Plots", "Provenance"]:
        assert section in html
    assert "Money and effect per arm" in html and "(baseline)" in html
    assert "data:image/png;base64," in html


def test_public_money_adds_up_in_every_run_file(sweep_dir):
    """allocated = spent + leaked + unspent (central, councils) every month, in the files."""
    sweep = io.load_sweep(sweep_dir)
    names = ["public_allocated_gbp", "public_spent_gbp", "public_leaked_gbp",
             "unspent_central_gbp", "unspent_councils_gbp", "absorption"]
    national = io.load_national(sweep, names)
    wide = national.pivot_table(index=["run_id", "month"], columns="metric", values="value")
    held = wide["public_spent_gbp"] + wide["public_leaked_gbp"] + wide["unspent_central_gbp"] + \
        wide["unspent_councils_gbp"]
    np.testing.assert_allclose(wide["public_allocated_gbp"], held, rtol=0, atol=0.01)
    np.testing.assert_allclose(wide["absorption"],
                               wide["public_spent_gbp"] / wide["public_allocated_gbp"], rtol=1e-12)
    # The baseline has no central money: nothing central, and it spends less than the others.
    runs = sweep.runs.set_index("run_id")
    base = runs[runs["arm"] == "baseline"]
    assert (base["final_unspent_central_gbp"] == 0).all()
    assert base["total_spend_gbp"].max() < runs[runs["arm"] != "baseline"]["total_spend_gbp"].min()


def test_headline_is_paired_over_the_baseline(sweep_dir):
    sweep = io.load_sweep(sweep_dir)
    extra = stats.additional_over_baseline(sweep.runs, "baseline").set_index("arm")
    runs = sweep.runs.set_index(["arm", "replicate"])
    for arm in ("centralised", "devolved"):
        diffs = [runs.loc[(arm, r), "cumulative_need_reduced"] -
                 runs.loc[("baseline", r), "cumulative_need_reduced"] for r in range(3)]
        assert extra.loc[arm, "additional_need"] == pytest.approx(np.mean(diffs))
        assert extra.loc[arm, "n_pairs"] == 3


def test_engine_decile_series_add_up_and_councils_rank_over_the_baseline(sweep_dir):
    from analysis import compare
    sweep = io.load_sweep(sweep_dir)
    for _, row in sweep.runs.iterrows():
        path = sweep.directory / row["output"]
        removed = equity_io.read_deciles(path, "cumulative_need_reduced")
        national, _ = io.read_national(path, ["cumulative_need_reduced"])
        np.testing.assert_allclose(removed.sum("decile").values,
                                   national["cumulative_need_reduced"].values, rtol=1e-9)
        counts = equity_io.read_deciles(path, "communities").isel(month=0).values
        assert counts.sum() == io.read_council_info(path)["communities"].sum()
    tables = compare.equity(sweep, "baseline")
    assert set(tables["gradient"]["arm"]) == {"baseline", "centralised", "devolved"}
    # Council panels are on by default: every council of every non-baseline arm is ranked.
    assert set(tables["councils"]["arm"]) == {"centralised", "devolved"}
    assert set(tables["councils"]["name"]) == {f"council {k}" for k in tables["councils"]["council"]}
