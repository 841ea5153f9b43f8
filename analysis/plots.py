"""Figures for comparing policy arms; each returns a matplotlib Figure or None when
its data is absent, so callers (report, CLI) skip missing plots instead of failing."""
from __future__ import annotations

import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # headless: sweeps are analysed on servers and in CI
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from . import equity, io, stats  # noqa: E402

# Which national series to draw (a choice of figure, not a list of metrics: names, units and
# the income sources come from the run files' attributes).
TIMESERIES_METRICS = ("total_need", "cumulative_need_reduced", "count_active",
                      "need_gini_communities", "usual_suspects_share", "survival_12m")


def income_metrics(national_info: dict) -> tuple:
    """National income series (income_<source>_gbp, GBP/month) in the file's order."""
    return tuple(name for name, entry in national_info.items()
                 if name.startswith("income_") and entry.get("units") == "GBP/month")


def _arm_colours(arms):
    cycle = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    return {arm: cycle[i % len(cycle)] for i, arm in enumerate(arms)}


def _grid(n, width=4.2, height=3.0, ncols=3):
    ncols = min(ncols, n)
    nrows = int(np.ceil(n / ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(width * ncols, height * nrows),
                             squeeze=False, layout="constrained")
    for ax in axes.ravel()[n:]:
        ax.set_visible(False)
    return fig, axes.ravel()


def save_figure(fig, outdir, name) -> list:
    """Write `name`.png and `name`.svg into outdir, close the figure, return the paths."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    paths = [outdir / f"{name}.png", outdir / f"{name}.svg"]
    fig.savefig(paths[0], dpi=120)
    fig.savefig(paths[1])
    plt.close(fig)
    return paths


def timeseries_bands(national: pd.DataFrame, metrics=TIMESERIES_METRICS):
    """Per metric: each arm's mean over replicates with its 2.5-97.5% replicate band."""
    present = [m for m in metrics if m in set(national["metric"])]
    if not present:
        return None
    arms = list(dict.fromkeys(national["arm"]))
    colours = _arm_colours(arms)
    fig, axes = _grid(len(present))
    for ax, metric in zip(axes, present):
        summary = stats.band(national[national["metric"] == metric])
        for arm in arms:
            s = summary[summary["arm"] == arm]
            ax.plot(s["month"], s["mean"], color=colours[arm], label=arm)
            ax.fill_between(s["month"], s["low"], s["high"], color=colours[arm], alpha=0.2)
        ax.set_title(metric.replace("_", " "))
        ax.set_xlabel("month")
    axes[0].legend(fontsize="small")
    fig.suptitle("Time series: mean and 2.5-97.5% band across replicates")
    return fig


def outcome_distributions(runs: pd.DataFrame, outcomes=None):
    """Per outcome: each arm's replicate values (points) with a box of their spread.

    `outcomes` defaults to the metrics whose `better` attribute gives a direction."""
    if outcomes is None:
        outcomes = [m for m, b in runs.attrs.get("better", {}).items() if b != "neither"]
    ok = runs[runs["status"] == "ok"]
    present = [o for o in outcomes if o in ok.columns and ok[o].notna().any()]
    if not present:
        return None
    arms = list(dict.fromkeys(runs["arm"]))
    colours = _arm_colours(arms)
    fig, axes = _grid(len(present))
    rng = np.random.default_rng(0)  # jitter only; fixed so figures are reproducible
    for ax, outcome in zip(axes, present):
        data = [ok.loc[ok["arm"] == arm, outcome].dropna().to_numpy() for arm in arms]
        ax.boxplot(data, labels=arms, showfliers=False)
        for i, (arm, values) in enumerate(zip(arms, data), start=1):
            ax.scatter(i + rng.uniform(-0.12, 0.12, len(values)), values, s=10,
                       color=colours[arm], alpha=0.7)
        ax.set_title(stats.label(outcome), fontsize="medium")
        ax.tick_params(axis="x", labelsize="small")
    fig.suptitle("Final outcomes by arm (one point per replicate)")
    return fig


def spending_by_source(national: pd.DataFrame, metrics):
    """Per arm: mean monthly income by source (GBP), stacked."""
    present = [m for m in metrics if m in set(national["metric"])]
    if not present:
        return None
    arms = list(dict.fromkeys(national["arm"]))
    sub = national[national["metric"].isin(present)]
    means = sub.groupby(["arm", "month", "metric"])["value"].mean().unstack("metric")
    fig, axes = _grid(len(arms), ncols=len(arms))
    top = 0.0
    for ax, arm in zip(axes, arms):
        table = means.loc[arm].reindex(columns=present).fillna(0.0)
        labels = [m.removeprefix("income_").removesuffix("_gbp").replace("_", " ")
                  for m in present]
        ax.stackplot(table.index, table.T.to_numpy(), labels=labels, alpha=0.85)
        top = max(top, float(table.sum(axis=1).max()))
        ax.set_title(arm)
        ax.set_xlabel("month")
    for ax in axes[: len(arms)]:
        ax.set_ylim(0, top * 1.05 if top > 0 else 1)  # shared scale: arms comparable
    axes[0].set_ylabel("GBP per month (mean over replicates)")
    axes[len(arms) - 1].legend(fontsize="x-small", loc="upper left", bbox_to_anchor=(1, 1))
    fig.suptitle("Spending by source of income")
    return fig


def equity_figure(frame: pd.DataFrame):
    """Share of need removed by council deprivation quintile (1 = least, 5 = most deprived,
    assigned within each run), one line per arm with its 95% interval across replicates:
    rising from left to right is a progressive policy. `frame` is
    equity.council_quintile_outcomes(); None when it is empty."""
    if frame is None or frame.empty:
        return None
    arms = list(dict.fromkeys(frame["arm"]))
    colours = _arm_colours(arms)
    fig, ax = plt.subplots(figsize=(7, 4), layout="constrained")
    for k, arm in enumerate(arms):
        sub = frame[frame["arm"] == arm]
        x = sub["quintile"].to_numpy() + (k - (len(arms) - 1) / 2) * 0.06  # dodge the bars
        err = np.vstack([sub["mean"] - sub["lo"], sub["hi"] - sub["mean"]]).clip(0)
        ax.errorbar(x, 100 * sub["mean"], yerr=100 * np.nan_to_num(err), marker="o", ms=4,
                    capsize=3, color=colours[arm], label=arm)
    ax.set_xticks(range(1, 6), ["1\nleast deprived", "2", "3", "4", "5\nmost deprived"])
    ax.set_xlabel("council deprivation quintile (within each run)")
    ax.set_ylabel("need removed, % of first-month need")
    ax.set_title("Who gains: need removed by council deprivation (mean, 95% interval)")
    ax.legend(fontsize="small")
    return fig


def decile_panel(deciles: pd.DataFrame):
    """Share of need removed by deprivation decile (1 = most deprived), one line per arm with
    95% intervals across replicates: falling from left to right is a progressive policy."""
    if deciles is None or deciles.empty:
        return None
    arms = list(dict.fromkeys(deciles["arm"]))
    colours = _arm_colours(arms)
    fig, ax = plt.subplots(figsize=(7, 4), layout="constrained")
    for k, arm in enumerate(arms):
        sub = deciles[deciles["arm"] == arm]
        x = sub["decile"].to_numpy() + (k - (len(arms) - 1) / 2) * 0.08  # dodge the bars
        err = np.vstack([sub["share_removed"] - sub["share_low"],
                         sub["share_high"] - sub["share_removed"]]).clip(0)
        ax.errorbar(x, 100 * sub["share_removed"], yerr=100 * np.nan_to_num(err), marker="o",
                    ms=4, capsize=3, color=colours[arm], label=arm)
    ax.set_xticks(range(1, 11))
    ax.set_xlabel("deprivation decile of the community (1 = most deprived tenth)")
    ax.set_ylabel("need removed, % of first-month need")
    ax.set_title("Outcomes by deprivation decile (mean and 95% interval across replicates)")
    ax.legend(fontsize="small")
    return fig


def sensitivity_bars(table: pd.DataFrame):
    """Bar chart of Sobol S1/ST (with bootstrap intervals) or Morris mu*/sigma, per arm."""
    if table is None or table.empty:
        return None
    sobol = "S1" in table.columns
    keys = [("S1", "S1_low", "S1_high"), ("ST", "ST_low", "ST_high")] if sobol else \
        [("mu_star", "mu_star_low", "mu_star_high"), ("sigma", None, None)]
    arms = list(dict.fromkeys(table["arm"]))
    fig, axes = _grid(len(arms), width=max(5.0, 1.2 * table["parameter"].nunique() + 2),
                      height=3.5, ncols=1)
    for ax, arm in zip(axes, arms):
        sub = table[table["arm"] == arm]
        x = np.arange(len(sub))
        for offset, (value, low, high) in zip((-0.2, 0.2), keys):
            err = None
            if low is not None:
                err = np.vstack([sub[value] - sub[low], sub[high] - sub[value]]).clip(0)
            ax.bar(x + offset, sub[value], width=0.4, yerr=err, capsize=3, label=value)
        ax.set_xticks(x, sub["parameter"], rotation=20, ha="right", fontsize="small")
        ax.axhline(0, color="grey", lw=0.8)
        ax.set_title(f"{sub['outcome'].iloc[0]} - {arm} ({sub['method'].iloc[0]})")
        ax.legend(fontsize="small")
    return fig


def build_figures(sweep: io.Sweep) -> dict:
    """All comparison figures that the sweep's data allows, keyed by file stem."""
    with warnings.catch_warnings():
        # Absent datasets are expected in partial sweeps; the figure is just skipped.
        warnings.simplefilter("ignore")
        first = io.first_run_path(sweep)
        income = income_metrics(io.read_metric_info(first)) if first is not None else ()
        national = io.load_national(sweep, TIMESERIES_METRICS + income)
        try:  # councils are put into quintiles within each run (deprivation is redrawn)
            quintiles = equity.council_quintile_outcomes(sweep)
        except io.SweepError:
            quintiles = None
    figures = {"timeseries": timeseries_bands(national) if len(national) else None,
               "distributions": outcome_distributions(sweep.runs, sweep.outcomes),
               "spending": spending_by_source(national, income) if len(national) else None,
               "equity": equity_figure(quintiles)}
    return {name: fig for name, fig in figures.items() if fig is not None}


def write_all(sweep: io.Sweep, outdir) -> list:
    """Save every available figure as PNG and SVG into outdir."""
    paths = []
    for name, fig in build_figures(sweep).items():
        paths += save_figure(fig, outdir, name)
    return paths
