"""The national series every figure needs, read in one pass that opens each run file once, as
(run x month) arrays: a 60-run sweep's figures are then drawn from memory in a few seconds."""
from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import h5py
import numpy as np
import pandas as pd

from . import io

# Series the figures draw (names, units and the spend lines come from the files' attributes).
TIMESERIES_METRICS = ("total_need", "cumulative_need_reduced", "count_active",
                      "need_gini_communities", "usual_suspects_share", "survival_12m")
IMPACT_METRICS = ("need_reduced", "cumulative_need_reduced", "public_spent_gbp")
LEAKAGE = "leakage_gbp"


def spend_lines(national_info: dict) -> tuple:
    """National spending lines (spend_<line>_gbp, GBP/month) in the file's order: every pound
    of public money spent on communities and support, by budget line."""
    return tuple(name for name, entry in national_info.items()
                 if name.startswith("spend_") and entry.get("units") == "GBP/month")


@dataclass
class RunSeries:
    """National series of the ok runs: `runs` (run_id, arm, replicate, sample_index) row i
    belongs to row i of every array in `values` (metric -> float run x month, NaN where a run
    is shorter or lacks the metric); `info` holds the metric attributes of the first file."""

    runs: pd.DataFrame
    months: np.ndarray
    values: dict
    info: dict = field(default_factory=dict)
    spend: tuple = ()

    def has(self, metric) -> bool:
        return metric in self.values and np.isfinite(self.values[metric]).any()

    def arm_rows(self, arm) -> np.ndarray:
        return np.flatnonzero(self.runs["arm"].to_numpy() == arm)

    def units(self, metric) -> str:
        return self.info.get(metric, {}).get("units", "")


def _wanted(info: dict, extra) -> list:
    names = list(dict.fromkeys(TIMESERIES_METRICS + IMPACT_METRICS + spend_lines(info)
                               + (LEAKAGE,) + tuple(extra)))
    return [n for n in names if n in info]


def read_series(sweep: io.Sweep, extra=()) -> RunSeries:
    """One pass over the ok run files (each opened once) reading the figures' national series."""
    rows, columns, info, wanted, months = [], {}, {}, None, np.zeros(0, int)
    for row, path in io._ok_run_files(sweep):
        with h5py.File(path, "r") as f:
            group = f.get("national")
            if group is None:
                continue
            if wanted is None:  # the first file names the series (one scenario per sweep)
                info = io.metric_info(group)
                wanted = _wanted(info, extra)
            for name in wanted:
                data = np.asarray(group[name][()], dtype=float) if name in group else None
                columns.setdefault(name, []).append(data)
            length = max((len(c[-1]) for c in columns.values() if c[-1] is not None), default=0)
            if length > len(months):
                months = (np.asarray(f["time"][()], dtype=int)[:length] if "time" in f
                          else np.arange(1, length + 1))
        rows.append({key: row[key] for key in ("run_id", "arm", "replicate", "sample_index")})
    values = {}
    for name, arrays in columns.items():
        table = np.full((len(arrays), len(months)), np.nan)
        for i, data in enumerate(arrays):
            if data is not None:
                table[i, : len(data)] = data[: len(months)]
        values[name] = table
    missing = [n for n, a in values.items() if np.isnan(a).all(axis=1).any()]
    if missing:
        warnings.warn(f"national series missing in some run files: {', '.join(missing)}")
    runs = pd.DataFrame(rows, columns=["run_id", "arm", "replicate", "sample_index"])
    return RunSeries(runs=runs, months=months, values=values, info=info,
                     spend=spend_lines(info) if wanted is not None else ())


def band(values: np.ndarray, level: float = 0.95) -> tuple:
    """(mean, low, high) over rows (runs) per column (month): the central `level` band."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN months: NaN, not a warning
        low, high = np.nanquantile(values, [(1 - level) / 2, (1 + level) / 2], axis=0)
        return np.nanmean(values, axis=0), low, high


def yearly(values: np.ndarray, months: np.ndarray) -> tuple:
    """(years, run x year totals) of a monthly flow; year k holds months 12(k-1)+1 .. 12k.
    The last year may be partial: callers label it with `year_lengths`."""
    years = (np.asarray(months) - 1) // 12 + 1
    labels = np.unique(years)
    totals = np.stack([np.nansum(values[:, years == y], axis=1) for y in labels], axis=1)
    return labels, totals


def year_lengths(months: np.ndarray) -> dict:
    """{year: months in the run that fall in it} (12 except for a partial last year)."""
    years, counts = np.unique((np.asarray(months) - 1) // 12 + 1, return_counts=True)
    return dict(zip(years.tolist(), counts.tolist()))


def first_reaching(curve: np.ndarray, months: np.ndarray, share: float):
    """First month the curve reaches `share` of its final finite value, or None (no finite
    values, or a final value of zero or less: nothing to reach)."""
    finite = np.isfinite(curve)
    if not finite.any():
        return None
    final = curve[finite][-1]
    if final <= 0:
        return None
    hit = np.flatnonzero(finite & (curve >= share * final))
    return int(months[hit[0]]) if len(hit) else None
