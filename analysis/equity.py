"""Who gains: outcomes by council deprivation quintile, computed per run.

A synthetic population redraws every council's deprivation in each replicate (council 0 may
be among the least deprived in one replicate and the most deprived in the next), so councils
are put into quintiles *within each run* from that run's own /council_info/deprivation, the
quintile's outcome is computed in that run, and only then are runs combined: mean and t
interval across the replicates of an arm. Quintile 1 holds the least deprived fifth of
councils, quintile 5 the most deprived; a policy is progressive when the share of need it
removes rises from quintile 1 to 5.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from . import design_points, equity_io, io, stats

QUINTILES = (1, 2, 3, 4, 5)
# Council outcomes a quintile table can show: name -> column of equity_io's council table.
# The engine records need removed per month (/councils/need_reduced); its sum over the run is
# the council's share of cumulative_need_reduced.
COUNCIL_METRICS = {"cumulative_need_reduced": "need_removed", "need_reduced": "need_removed",
                   "spend_gbp": "spend_gbp", "cumulative_spend_gbp": "spend_gbp"}
FRAME_COLUMNS = ["arm", "quintile", "mean", "lo", "hi", "n_replicates"]


def assign_quintiles(deprivation) -> np.ndarray:
    """Quintile 1 (least deprived) to 5 (most deprived) of each council in one run: councils
    ranked by deprivation (ties by position), the council at rank r of n gets 1 + floor(5 r / n),
    so quintiles differ in size by at most one council."""
    deprivation = np.asarray(deprivation, dtype=float)
    n = len(deprivation)
    if n < len(QUINTILES):
        raise io.SweepError(f"{n} councils cannot be split into {len(QUINTILES)} quintiles")
    order = np.argsort(deprivation, kind="stable")
    quintile = np.empty(n, dtype=int)
    quintile[order] = 1 + (np.arange(n) * len(QUINTILES)) // n
    return quintile


def _column(metric: str) -> str:
    if metric not in COUNCIL_METRICS:
        raise io.SweepError(f"no council series for {metric!r}; choose one of "
                            f"{', '.join(COUNCIL_METRICS)}")
    return COUNCIL_METRICS[metric]


def quintiles_per_run(sweep, metric: str = "cumulative_need_reduced",
                      share: bool = True) -> pd.DataFrame:
    """One row per ok run and quintile: run_id, arm, replicate, sample_index, point, quintile,
    councils, value. With share=True the value is a share: for need removed, of the quintile's
    first-month need; for spend, of the run's total spend (who the money reached)."""
    sweep = sweep if isinstance(sweep, io.Sweep) else io.load_sweep(sweep)
    column = _column(metric)
    councils = equity_io.load_equity(sweep)["councils"]
    if councils.empty or "deprivation" not in councils:
        raise io.SweepError(f"{sweep.directory}: no run file has council panels with "
                            "deprivation (/councils and /council_info/deprivation)")
    return _per_run_values(councils, column, share, design_points.point_ids(sweep),
                           sweep.runs["run_id"])


def _per_run_values(councils, column, share, points, run_ids) -> pd.DataFrame:
    """quintiles_per_run() from the stacked council table, one pass over all runs (the rule of
    assign_quintiles applied within each run: rank by deprivation, ties by position)."""
    frame = councils.assign(_position=np.arange(len(councils)))
    frame = frame.sort_values(["run_id", "deprivation", "_position"], kind="mergesort")
    by_run = frame.groupby("run_id", sort=False)
    size = by_run["deprivation"].transform("size").to_numpy()
    if size.min() < len(QUINTILES):
        raise io.SweepError(f"{int(size.min())} councils cannot be split into "
                            f"{len(QUINTILES)} quintiles")
    frame["quintile"] = 1 + (by_run.cumcount().to_numpy() * len(QUINTILES)) // size
    keys = ["run_id", "arm", "replicate", "sample_index", "quintile"]
    sums = frame.groupby(keys, sort=False).agg(amount=(column, "sum"),
                                                start=("start_need", "sum"),
                                                councils=("deprivation", "size")).reset_index()
    if not share:
        value = sums["amount"]
    elif column == "need_removed":
        value = sums["amount"] / sums["start"].where(sums["start"] > 0)
    else:
        total = sums.groupby("run_id", sort=False)["amount"].transform("sum")
        value = sums["amount"] / total.where(total > 0)
    point_of = pd.Series(points.to_numpy(), index=run_ids.to_numpy())
    sums = sums.assign(point=point_of.reindex(sums["run_id"]).fillna(0).astype(int).to_numpy(),
                       value=value.astype(float))
    order = pd.Index(list(dict.fromkeys(councils["run_id"])))
    sums = sums.sort_values(["run_id", "quintile"], key=lambda c: order.get_indexer(c)
                            if c.name == "run_id" else c, kind="mergesort")
    return sums[["run_id", "arm", "replicate", "sample_index", "point", "quintile", "councils",
                 "value"]].reset_index(drop=True)


def _split_points(per_run: pd.DataFrame) -> pd.DataFrame:
    """Arms renamed '<arm> @ point <k>' when an arm spans several design points (as
    design_points.split_arms), so replicates are never pooled across points."""
    if per_run.groupby("arm")["point"].nunique().max() > 1:
        return per_run.assign(arm=per_run["arm"] + " @ point " + per_run["point"].astype(str))
    return per_run


def council_quintile_outcomes(sweep, metric: str = "cumulative_need_reduced", share: bool = True,
                              level: float = 0.95) -> pd.DataFrame:
    """Per arm and council deprivation quintile (1 = least ... 5 = most deprived, assigned
    within each run): mean of the per-run values across replicates with a Student-t interval
    at `level` (lo, hi) and the number of replicates. Columns: arm, quintile, mean, lo, hi,
    n_replicates.

    Replicates are never pooled across design points: in a sweep whose arms span several
    design points (grid, lhs, sobol, morris, points), each (arm, point) is its own row group,
    with the arm shown as "<arm> @ point <k>".
    """
    per_run = _split_points(quintiles_per_run(sweep, metric, share))
    rows = []
    for arm in dict.fromkeys(per_run["arm"]):
        sub = per_run[per_run["arm"] == arm]
        for q in QUINTILES:
            mean, lo, hi, n = stats.mean_ci(sub.loc[sub["quintile"] == q, "value"], level)
            rows.append({"arm": arm, "quintile": q, "mean": mean, "lo": lo, "hi": hi,
                         "n_replicates": n})
    return pd.DataFrame(rows, columns=FRAME_COLUMNS)


def quintile_gap(sweep, metric: str = "cumulative_need_reduced", level: float = 0.95
                 ) -> pd.DataFrame:
    """Per arm: share of need removed in the most deprived quintile minus the least deprived,
    within each run, with its t interval across replicates; 'progressive' when the interval
    lies above zero, 'regressive' below, else 'unclear'. Arms spanning several design points
    are split as in council_quintile_outcomes."""
    per_run = _split_points(quintiles_per_run(sweep, metric, share=True))
    wide = per_run.pivot_table(index=["arm", "run_id"], columns="quintile", values="value",
                               sort=False)
    rows = []
    for arm in dict.fromkeys(per_run["arm"]):
        runs = wide.loc[arm]
        gaps = runs[QUINTILES[-1]] - runs[QUINTILES[0]]
        mean, low, high, n = stats.mean_ci(gaps, level)
        verdict = ("progressive" if np.isfinite(low) and low > 0 else
                   "regressive" if np.isfinite(high) and high < 0 else "unclear")
        rows.append({"arm": arm, "gap": mean, "gap_low": low, "gap_high": high, "n": n,
                     "verdict": verdict})
    return pd.DataFrame(rows, columns=["arm", "gap", "gap_low", "gap_high", "n", "verdict"])


def format_quintiles(frame: pd.DataFrame, share: bool = True) -> pd.DataFrame:
    """Readable wide table: one row per arm, one column per quintile, 'mean [lo, hi]'."""
    def cell(row):
        if share:
            return f"{100 * row['mean']:.2f}% [{100 * row['lo']:.2f}, {100 * row['hi']:.2f}]"
        return f"{row['mean']:.4g} [{row['lo']:.4g}, {row['hi']:.4g}]"

    table = frame.assign(cell=frame.apply(cell, axis=1)).pivot(index="arm", columns="quintile",
                                                                values="cell")
    table = table.reindex(list(dict.fromkeys(frame["arm"])))
    table.columns = [f"Q{q}" + (" (least deprived)" if q == 1 else
                                " (most deprived)" if q == 5 else "") for q in table.columns]
    n = frame.groupby("arm", sort=False)["n_replicates"].min()
    table.insert(0, "replicates", n.reindex(table.index).to_numpy())
    return table.reset_index()
