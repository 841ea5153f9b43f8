"""Figures by place and by parameter: need removed by council deprivation quintile and by
community deprivation decile (each point an arm's mean with its interval across replicates),
and sensitivity indices. Imported into plots.py, which holds the time-series figures."""
from __future__ import annotations

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from . import style

EQUITY_COLUMNS = ("arm", "quintile", "mean", "lo", "hi", "n_replicates")


def _legend_below(fig, colours, arms, labels=None):
    handles = [matplotlib.lines.Line2D([], [], color=colours[a], marker="o") for a in arms]
    fig.legend(handles, labels or arms, loc="upper center", bbox_to_anchor=(0.5, 0.0),
               frameon=False, ncol=min(len(arms), 3))


def _dodged_intervals(ax, frame, x_column, colours, arms, scale=100.0):
    """One line per arm through its means with interval bars, shifted sideways so the bars
    of different arms never sit on top of each other."""
    step = min(0.12, 0.6 / max(len(arms), 1))
    for k, arm in enumerate(arms):
        sub = frame[frame["arm"] == arm].sort_values(x_column)
        x = sub[x_column].to_numpy(float) + (k - (len(arms) - 1) / 2) * step
        mean = sub["mean"].to_numpy(float)
        err = np.vstack([mean - sub["lo"].to_numpy(float), sub["hi"].to_numpy(float) - mean])
        ax.errorbar(x, scale * mean, yerr=scale * np.nan_to_num(err).clip(0), marker="o",
                    ms=5, capsize=3, lw=1.4, color=colours[arm])


def equity_figure(frame: pd.DataFrame, colours=None):
    """Need removed as a share of starting need by council deprivation quintile (1 = least
    deprived, 5 = most), one line per arm with its interval across replicates.

    `frame` has exactly the columns arm, quintile, mean, lo, hi, n_replicates, shares as
    fractions (0-1), as analysis.equity.council_quintile_outcomes returns. A line rising from
    left to right is a progressive policy (more of the need removed where deprivation is
    higher). Returns None for an empty frame."""
    if frame is None or frame.empty:
        return None
    missing = [c for c in EQUITY_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"equity frame lacks column(s) {missing}; expected {EQUITY_COLUMNS}")
    arms = list(dict.fromkeys(frame["arm"]))
    colours = {a: c for a, c in (colours or style.arm_colours(arms)).items() if a in arms}
    arms = list(colours)
    fig, ax = plt.subplots(figsize=(style.FIGURE_WIDTH_IN * 0.75, style.PANEL_HEIGHT_IN + 1.2),
                           layout="constrained")
    _dodged_intervals(ax, frame, "quintile", colours, arms)
    quintiles = sorted(frame["quintile"].unique())
    names = {1: "1\nleast deprived", 5: "5\nmost deprived"}
    ax.set_xticks(quintiles, [names.get(int(q), str(int(q))) for q in quintiles])
    ax.set_xlabel("council deprivation quintile (from each run's own council deprivation)")
    ax.set_ylabel("need removed, % of starting need")
    replicates = frame.groupby("arm")["n_replicates"].min()
    _legend_below(fig, colours, arms, [f"{a} (n = {int(replicates[a])} replicates)"
                                       for a in arms])
    fig.suptitle("Need removed by council deprivation quintile (mean and 95% interval "
                 "across replicates)")
    return fig


def decile_panel(deciles: pd.DataFrame, colours=None):
    """Share of need removed by deprivation decile (1 = most deprived), one line per arm with
    95% intervals across replicates: falling from left to right is a progressive policy."""
    if deciles is None or deciles.empty:
        return None
    frame = deciles.rename(columns={"share_removed": "mean", "share_low": "lo",
                                    "share_high": "hi"})
    arms = list(dict.fromkeys(frame["arm"]))
    colours = {a: c for a, c in (colours or style.arm_colours(arms)).items() if a in arms}
    arms = list(colours)
    fig, ax = plt.subplots(figsize=(style.FIGURE_WIDTH_IN * 0.75, style.PANEL_HEIGHT_IN + 1.0),
                           layout="constrained")
    _dodged_intervals(ax, frame, "decile", colours, arms)
    ax.set_xticks(range(1, 11))
    ax.set_xlabel("deprivation decile of the community (1 = most deprived tenth)")
    ax.set_ylabel("need removed, % of first-month need")
    _legend_below(fig, colours, arms)
    fig.suptitle("Outcomes by deprivation decile (mean and 95% interval across replicates)")
    return fig


def sensitivity_bars(table: pd.DataFrame):
    """Bar chart of Sobol S1/ST (with bootstrap intervals) or Morris mu*/sigma, per arm."""
    if table is None or table.empty:
        return None
    sobol = "S1" in table.columns
    keys = [("S1", "S1_low", "S1_high"), ("ST", "ST_low", "ST_high")] if sobol else \
        [("mu_star", "mu_star_low", "mu_star_high"), ("sigma", None, None)]
    arms = list(dict.fromkeys(table["arm"]))
    fig, axes = plt.subplots(len(arms), 1, squeeze=False, layout="constrained",
                             figsize=(style.FIGURE_WIDTH_IN * 0.8,
                                      (style.PANEL_HEIGHT_IN + 0.5) * len(arms)))
    for ax, arm in zip(axes.ravel(), arms):
        sub = table[table["arm"] == arm]
        x = np.arange(len(sub))
        for offset, (value, low, high) in zip((-0.2, 0.2), keys):
            err = None
            if low is not None:
                err = np.vstack([sub[value] - sub[low], sub[high] - sub[value]]).clip(0)
            ax.bar(x + offset, sub[value], width=0.4, yerr=err, capsize=3, label=value)
        ax.set_xticks(x, sub["parameter"], rotation=25, ha="right")
        ax.axhline(0, color="grey", lw=0.8)
        ax.set_title(f"{sub['outcome'].iloc[0]} - {arm} ({sub['method'].iloc[0]})")
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    return fig
