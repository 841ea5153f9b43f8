"""A branching experiment (`history: {month: M}`) through collect, analysis.compare and the
report: the branch month is named, need removed after it is compared by replicate, and it equals
the final cumulative need removed minus the value at month M read from the run files.

Skipped with the reason when the localism binary is missing ($LOCALISM_BIN, default build/localism).
"""
import subprocess
from pathlib import Path

import h5py
import numpy as np
import pytest

from analysis import branch, compare, io, report
from localism_bin import localism_binary

REPO_ROOT = Path(__file__).resolve().parents[2]
EXPERIMENT = """name: branch_test
description: "Carry on, or devolve after a shared first year"
base: {base}
master_seed: 17
replicates: 3
history: {{month: 12}}
set: {{population.communities: 300, population.councils: 5, run.months: 24}}
arms:
  carry_on: {{}}
  devolve: {{timeline.month.13.central.mode: devolved, timeline.month.13.prize.enabled: false}}
"""


@pytest.fixture(scope="module")
def sweep_dir(tmp_path_factory):
    binary = localism_binary()
    work = tmp_path_factory.mktemp("branch")
    (work / "b.yaml").write_text(EXPERIMENT.format(base=REPO_ROOT / "scenarios/centralised.yaml"))
    for args in (["sweep", str(work / "b.yaml"), "-o", str(work / "s"), "--jobs", "2",
                  "--quiet"], ["collect", str(work / "s")]):
        done = subprocess.run([str(binary)] + args, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    return work / "s"


def test_branch_month_and_need_removed_after_it(sweep_dir):
    sweep = io.load_sweep(sweep_dir)
    assert branch.branch_month(sweep) == 12
    runs = branch.after_branch_runs(sweep, 12).set_index("run_id")
    for run_id in ("carry_on-r000", "devolve-r002"):
        with h5py.File(sweep_dir / "runs" / f"{run_id}.h5", "r") as f:
            need = f["national/cumulative_need_reduced"][()]
        assert runs.loc[run_id, branch.AFTER_BRANCH] == pytest.approx(need[-1] - need[11])
    summary, paired = branch.compare_after_branch(sweep, 12)
    assert list(paired["arm_a"]) == ["carry_on"] and list(paired["arm_b"]) == ["devolve"]
    assert int(paired["n_pairs"].iloc[0]) == 3
    assert np.isfinite(paired["mean_diff"].iloc[0]) and paired["mean_diff"].iloc[0] != 0


def test_non_branching_sweep_has_no_branch_month(sweep_dir):
    sweep = io.load_sweep(sweep_dir)
    sweep.attrs.pop("branch_month")
    assert branch.branch_month(sweep) is None


def test_report_and_compare_say_the_arms_share_history(sweep_dir, capsys):
    text = report.build_report(sweep_dir, sensitivity_outcomes=(), n_boot=50)
    assert "share history up to month 12" in text
    assert "Need removed after month 12" in text
    assert "need removed after branch" in text and "devolve - carry_on" in text
    assert compare.main([str(sweep_dir), "-o", str(sweep_dir / "analysis")]) == 0
    out = capsys.readouterr().out
    assert "share history up to month 12" in out
    assert "Paired differences in need removed after month 12" in out
