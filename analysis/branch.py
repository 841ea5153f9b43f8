"""Branching experiments (`history: {month: M}`): the arms share months 1..M exactly (every arm
of a replicate continues the same saved state), so they are compared from the branch month on.

The post-branch outcome is need removed after month M: a run's final cumulative need removed
minus its value at month M, paired by replicate (the same seed, and the same history, in every
arm).
"""

import numpy as np
import pandas as pd

from . import io, stats

AFTER_BRANCH = "need_removed_after_branch"


def branch_month(sweep: io.Sweep):
    """The manifest's `branch_month` attribute as an int, or None for a non-branching sweep."""
    value = sweep.attrs.get("branch_month")
    return int(value) if value is not None and int(value) > 0 else None


def sentence(month: int) -> str:
    return (f"The arms share history up to month {month} (each replicate's first {month} months "
            f"are one run, continued by every arm), so they are compared from the branch month: "
            f"need removed after month {month} is the final cumulative need removed minus its "
            f"value at month {month}, paired by replicate.")


def after_branch_runs(sweep: io.Sweep, month: int) -> pd.DataFrame:
    """The manifest's ok runs with a column `need_removed_after_branch`."""
    national = io.load_national(sweep, ["cumulative_need_reduced"])
    runs = sweep.ok_runs().copy()
    if national.empty:
        runs[AFTER_BRANCH] = np.nan
        return runs
    series = national[national["metric"] == "cumulative_need_reduced"]
    wide = series.pivot_table(index="run_id", columns="month", values="value", aggfunc="first")
    at_branch = wide[month] if month in wide.columns else pd.Series(np.nan, index=wide.index)
    final = wide.ffill(axis=1).iloc[:, -1]
    runs[AFTER_BRANCH] = runs["run_id"].map(final - at_branch)
    runs.attrs["better"] = {AFTER_BRANCH: "higher"}
    return runs


def compare_after_branch(sweep: io.Sweep, month: int, baseline=None, level: float = 0.95):
    """(per-arm summary, paired differences) of need removed after the branch month; each arm
    against `baseline`, by default the first arm (in a branching experiment usually "carry on")."""
    runs = after_branch_runs(sweep, month)
    summary = stats.summarise_arms(runs, [AFTER_BRANCH], level)
    arms = list(dict.fromkeys(runs["arm"]))
    reference = baseline if baseline in arms else (arms[0] if arms else None)
    pairs = [(reference, arm) for arm in arms if arm != reference]
    paired = stats.paired_differences(runs, [AFTER_BRANCH], pairs, level)
    return summary, paired
