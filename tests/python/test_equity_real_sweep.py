"""Equity by council deprivation quintile on a real sweep (issue 15, item 1): the table of
analysis.equity matches a by-hand per-run computation read straight from the run files with
h5py, and shows the devolved arm's gradient (more deprived councils get a larger share of their
need removed), as the shipped demo does (demo_comparison.yaml: devolved 5.8% -> 7.2% from the
least to the most deprived quintile).

The sweep is tests/data/equity/equity_gradient.yaml: baseline, centralised and devolved x 10
paired replicates of 1,000 communities in 20 councils over 4 years (a few seconds on 2 cores).
Skipped with the reason when the localism binary is missing ($LOCALISM_BIN).
"""
import subprocess
from pathlib import Path

import h5py
import numpy as np
import pytest
from scipy import stats as sps

from analysis import equity, io
from localism_bin import localism_binary

REPO_ROOT = Path(__file__).resolve().parents[2]
EXPERIMENT = REPO_ROOT / "tests/data/equity/equity_gradient.yaml"


@pytest.fixture(scope="module")
def sweep_dir(tmp_path_factory):
    binary = localism_binary()
    out = tmp_path_factory.mktemp("equity_sweep") / "sweep"
    done = subprocess.run([str(binary), "sweep", str(EXPERIMENT), "-o", str(out), "--jobs", "2",
                           "--quiet"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return out


def _by_hand(directory):
    """{arm: (replicates x 5) share of each quintile's first-month need removed}, computed
    from each run file alone: rank that run's councils by its own deprivation, 4 per quintile."""
    shares = {}
    with h5py.File(directory / "manifest.h5", "r") as manifest:
        arms = [a.decode() if isinstance(a, bytes) else a for a in manifest["runs/arm"][()]]
        outputs = [o.decode() if isinstance(o, bytes) else o for o in manifest["runs/output"][()]]
    for arm, output in zip(arms, outputs):
        with h5py.File(directory / output, "r") as f:
            deprivation = f["council_info/deprivation"][()]
            removed = f["councils/need_reduced"][()].sum(axis=0)
            start = f["councils/total_need"][0]
        order = np.argsort(deprivation)  # least deprived first
        assert len(order) == 20
        row = [removed[order[4 * q: 4 * q + 4]].sum() / start[order[4 * q: 4 * q + 4]].sum()
               for q in range(5)]
        shares.setdefault(arm, []).append(row)
    return {arm: np.array(rows) for arm, rows in shares.items()}


def test_quintile_table_matches_a_by_hand_per_run_computation(sweep_dir):
    frame = equity.council_quintile_outcomes(io.load_sweep(sweep_dir))
    assert list(frame.columns) == ["arm", "quintile", "mean", "lo", "hi", "n_replicates"]
    by_hand = _by_hand(sweep_dir)
    assert set(by_hand) == {"baseline", "centralised", "devolved"}
    for arm, shares in by_hand.items():
        assert shares.shape == (10, 5)
        rows = frame[frame["arm"] == arm].set_index("quintile")
        assert list(rows.index) == [1, 2, 3, 4, 5]
        half = sps.t.ppf(0.975, 9) * shares.std(axis=0, ddof=1) / np.sqrt(10)
        np.testing.assert_allclose(rows["mean"], shares.mean(axis=0), rtol=1e-12)
        np.testing.assert_allclose(rows["lo"], shares.mean(axis=0) - half, rtol=1e-12)
        np.testing.assert_allclose(rows["hi"], shares.mean(axis=0) + half, rtol=1e-12)
        assert (rows["n_replicates"] == 10).all()
    devolved = frame[frame["arm"] == "devolved"].set_index("quintile")["mean"]
    print("devolved share of need removed, quintile 1..5:",
          ", ".join(f"{100 * v:.2f}%" for v in devolved))


def test_deprivation_is_redrawn_per_replicate_so_the_first_run_would_mislead(sweep_dir):
    """The bug of issue 15: ordering councils by one run's deprivation. Council ids change
    deprivation between replicates, and the first run's order gives a different table."""
    sweep = io.load_sweep(sweep_dir)
    runs = sweep.runs[sweep.runs["arm"] == "devolved"].sort_values("replicate")
    deprivation = [io.read_council_info(sweep.directory / o)["deprivation"].to_numpy()
                   for o in runs["output"]]
    assert not np.allclose(deprivation[0], deprivation[1])
    first_order = np.argsort(deprivation[0])
    wrong = []
    for output in runs["output"]:
        with h5py.File(sweep.directory / output, "r") as f:
            removed = f["councils/need_reduced"][()].sum(axis=0)[first_order]
            start = f["councils/total_need"][0][first_order]
        wrong.append(removed[16:].sum() / start[16:].sum() - removed[:4].sum() / start[:4].sum())
    right = equity.quintile_gap(sweep).set_index("arm").loc["devolved", "gap"]
    assert abs(right - np.mean(wrong)) > 0.5 * abs(right)


def test_devolved_is_progressive_and_the_baseline_is_not(sweep_dir):
    sweep = io.load_sweep(sweep_dir)
    frame = equity.council_quintile_outcomes(sweep).set_index(["arm", "quintile"])
    devolved = frame.loc["devolved", "mean"]
    assert devolved[5] > devolved[1]
    assert np.all(np.diff(devolved.to_numpy()) > -0.002)  # rises across quintiles, allowing noise
    gaps = equity.quintile_gap(sweep).set_index("arm")
    assert gaps.loc["devolved", "verdict"] == "progressive"
    assert gaps.loc["devolved", "gap_low"] > 0
    # Councils' own budgets alone (no central money) do not favour deprived councils.
    assert gaps.loc["baseline", "verdict"] != "progressive"
    assert gaps.loc["devolved", "gap"] > gaps.loc["centralised", "gap"]


def test_amounts_and_spend_shares(sweep_dir):
    sweep = io.load_sweep(sweep_dir)
    amounts = equity.council_quintile_outcomes(sweep, share=False)
    total = sweep.runs.groupby("arm")["cumulative_need_reduced"].mean()
    by_arm = amounts.groupby("arm")["mean"].sum()
    # The quintiles' need removed adds up to the national total of the manifest.
    np.testing.assert_allclose(by_arm[total.index], total, rtol=1e-9)
    spend = equity.council_quintile_outcomes(sweep, "spend_gbp")
    np.testing.assert_allclose(spend.groupby("arm")["mean"].sum(), 1.0, rtol=1e-12)
    with pytest.raises(io.SweepError, match="no council series"):
        equity.council_quintile_outcomes(sweep, "final_total_need")


def test_quintiles_are_assigned_by_rank_within_a_run():
    q = equity.assign_quintiles([0.9, 0.1, 0.5, 0.3, 0.7, 0.2, 0.8, 0.4, 0.6, 0.0, 0.95])
    assert list(q) == [5, 1, 3, 2, 4, 1, 4, 2, 3, 1, 5]
    assert np.bincount(q)[1:].tolist() == [3, 2, 2, 2, 2]
    with pytest.raises(io.SweepError, match="quintiles"):
        equity.assign_quintiles([0.1, 0.2, 0.3])
