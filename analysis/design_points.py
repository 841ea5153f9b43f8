"""Design points versus replicates. A sweep's runs differ in two ways: the replicate (the seed,
chance) and the design point (the parameter values of a grid, lhs, sobol, morris or points
design). An interval across replicates at one point is a confidence interval for that point;
a spread across design points is parameter uncertainty, and the two are never mixed up: an
interval is only ever taken across the replicates of one point."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .io import Sweep

# Columns that, together with the parameter values, say which design point a run belongs to.
POINT_COLUMNS = ("sample_index", "saltelli_role", "morris_step")
SAMPLE_DESIGNS = ("lhs", "sobol", "morris", "points", "grid")


def point_ids(sweep: Sweep) -> pd.Series:
    """Integer design point of each run (index like sweep.runs): runs of one arm with the same
    sample index, design role and parameter values share a point. Parameter columns that only
    differ between arms do not split an arm into points."""
    runs = sweep.runs
    keys = pd.DataFrame(index=runs.index)
    for column in POINT_COLUMNS:
        if column in runs:
            keys[column] = runs[column]
    params = sweep.params.reindex(runs.index)
    for column in params.columns:
        within = params[column].groupby(runs["arm"]).nunique(dropna=False)
        if (within > 1).any():  # varies inside an arm: a design parameter (grid, sample)
            keys["param:" + column] = params[column]
    if keys.shape[1] == 0:
        return pd.Series(0, index=runs.index, name="point")
    codes = keys.astype(str).agg("|".join, axis=1)
    return pd.Series(pd.factorize(codes)[0], index=runs.index, name="point")


def points_per_arm(sweep: Sweep) -> int:
    """Largest number of design points any arm has (1 for a replicates design)."""
    ids = point_ids(sweep)
    return int(ids.groupby(sweep.runs["arm"]).nunique().max()) if len(ids) else 0


def has_design_points(sweep: Sweep) -> bool:
    """True when an arm's runs span more than one design point, so an across-run spread is
    (partly) parameter uncertainty and must not be printed as a confidence interval."""
    return points_per_arm(sweep) > 1


def spread_over_design(sweep: Sweep, outcomes, level: float = 0.95) -> pd.DataFrame:
    """Per arm and outcome: the median and central `level` range across design points of the
    per-point mean (spread over the design: parameter uncertainty, not a confidence interval),
    the number of points, and the median half-width of the replicate interval at a fixed point
    (seed noise; NaN with one replicate per point)."""
    from . import stats

    runs = sweep.runs.assign(point=point_ids(sweep))
    ok = runs[runs["status"] == "ok"] if "status" in runs else runs
    lo_q, hi_q = (1 - level) / 2, (1 + level) / 2
    rows = []
    for outcome in outcomes:
        if outcome not in ok:
            continue
        for arm in dict.fromkeys(runs["arm"]):
            sub = ok[ok["arm"] == arm]
            per_point = sub.groupby("point")[outcome]
            means = per_point.mean().dropna()
            halves = [(ci[2] - ci[1]) / 2 for ci in
                      (stats.mean_ci(values, level) for _, values in per_point)]
            halves = [h for h in halves if np.isfinite(h)]
            rows.append({"outcome": outcome, "arm": arm,
                         "median": float(means.median()) if len(means) else np.nan,
                         "spread_low": float(means.quantile(lo_q)) if len(means) else np.nan,
                         "spread_high": float(means.quantile(hi_q)) if len(means) else np.nan,
                         "points": int(len(means)),
                         "replicate_half_width": float(np.median(halves)) if halves else np.nan,
                         "replicates_per_point": int(per_point.size().median())
                         if len(means) else 0})
    return pd.DataFrame(rows, columns=["outcome", "arm", "median", "spread_low", "spread_high",
                                       "points", "replicate_half_width",
                                       "replicates_per_point"])


def split_arms(frame: pd.DataFrame, sweep: Sweep) -> pd.DataFrame:
    """`frame` (with run_id and arm columns) with each arm renamed '<arm> @ point <k>' by the
    design point of its run, so statistics per arm never pool design points."""
    if frame.empty:
        return frame
    point_of = pd.Series(point_ids(sweep).to_numpy(), index=sweep.runs["run_id"].to_numpy())
    points = point_of.reindex(frame["run_id"]).fillna(0).astype(int).to_numpy()
    return frame.assign(arm=frame["arm"].astype(str) + " @ point " + points.astype(str))
