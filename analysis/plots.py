"""Figures for comparing policy arms; each returns a matplotlib Figure or None when its data is
absent, so callers (report, CLI) skip missing plots instead of failing. Every figure of a sweep
takes its arm colours from style.arm_colours(sweep.arms), so an arm looks the same everywhere,
and puts its legend outside the panels, where it covers no data."""
from __future__ import annotations

import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # headless: sweeps are analysed on servers and in CI
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from . import branch, figure_data, io, stats, style  # noqa: E402
from .figure_data import RunSeries  # noqa: E402
from .plots_places import decile_panel, equity_figure, sensitivity_bars  # noqa: E402,F401

plt.rcParams.update(style.RC)
TIMESERIES_METRICS = figure_data.TIMESERIES_METRICS
# Headings of the figures, by file stem (build_figures' keys), for the report and READMEs.
TITLES = {"timeseries": "National series over time", "distributions": "Final outcomes by arm",
          "yearly": "Yearly totals", "impact": "Time to impact",
          "spending": "Public spending by budget line, per year",
          "equity": "Need removed by council deprivation quintile"}


def _grid(n, ncols=2, height=style.PANEL_HEIGHT_IN, sharey=False):
    ncols = max(1, min(ncols, n))
    nrows = int(np.ceil(n / ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(style.FIGURE_WIDTH_IN, height * nrows),
                             squeeze=False, layout="constrained", sharey=sharey)
    for ax in axes.ravel()[n:]:
        ax.set_visible(False)
    return fig, axes.ravel()


def legend_below(fig, handles, labels, ncol=None):
    """One legend for the whole figure, under the panels (never over the data)."""
    ncol = ncol or min(len(labels), 4)
    # Anchored just below the figure; savefig's tight bounding box (style.RC) takes it in.
    fig.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=ncol,
               frameon=False)


def _arm_handles(colours, arms, suffix=None):
    handles = [matplotlib.patches.Patch(color=colours[a]) for a in arms]
    return handles, [f"{a}{suffix(a) if suffix else ''}" for a in arms]


def freeze_layout(fig):
    """Lay `fig` out once and keep that layout; returns the padded tight bounding box (inches)
    to pass to savefig as bbox_inches.

    savefig with bbox_inches="tight" (style.RC) draws a figure twice, once to measure it and
    once to render it, and the constrained layout engine runs on every draw, so saving a PNG
    and an SVG laid each figure out four times. Here the layout engine runs once, the box is
    measured once (it takes in the legend below the panels, legend_below), and the engine is
    then switched off, so each file costs only its own rendering. (No draw is needed first:
    the layout and the box measure every artist themselves; the files are byte-identical to
    those of a draw_without_rendering() first.)"""
    engine = fig.get_layout_engine()
    if engine is not None:
        engine.execute(fig)
    bbox = fig.get_tightbbox().padded(plt.rcParams["savefig.pad_inches"])
    fig.set_layout_engine("none")
    return bbox


def save_figure(fig, outdir, name) -> list:
    """Write `name`.png and `name`.svg into outdir, close the figure, return the paths."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    paths = [outdir / f"{name}.png", outdir / f"{name}.svg"]
    bbox = freeze_layout(fig)
    fig.savefig(paths[0], dpi=style.PNG_DPI, bbox_inches=bbox)
    fig.savefig(paths[1], bbox_inches=bbox)
    plt.close(fig)
    return paths


def _units(series: RunSeries, metric) -> str:
    units = series.units(metric)
    return units if units and units != "1" else ""


def mark_branch(axes, month) -> None:
    """A vertical line at the branch month of a branching experiment (None: nothing)."""
    if month is None:
        return
    for ax in axes:
        if ax.get_visible():
            ax.axvline(month, color="black", lw=0.8, ls="--", zorder=0)
    axes[0].text(month, 0.02, f" branch: month {month}", transform=axes[0].get_xaxis_transform(),
                 va="bottom", fontsize=style.SMALL_SIZE_PT)


def timeseries_bands(series: RunSeries, colours, across="replicates", branch_month=None):
    """Per metric: each arm's mean with the band holding the middle 95% of its runs."""
    present = [m for m in TIMESERIES_METRICS if series.has(m)]
    if not present:
        return None
    arms = list(colours)
    fig, axes = _grid(len(present))
    for ax, metric in zip(axes, present):
        for arm in arms:
            rows = series.arm_rows(arm)
            if len(rows) == 0:
                continue
            mean, low, high = figure_data.band(series.values[metric][rows])
            ax.plot(series.months, mean, color=colours[arm], lw=1.6)
            ax.fill_between(series.months, low, high, color=colours[arm],
                            alpha=style.BAND_ALPHA, lw=0)
        ax.set_title(stats.label(metric))
        ax.set_ylabel(_units(series, metric))
        ax.set_xlabel("month")
    mark_branch(axes, branch_month)
    legend_below(fig, *_arm_handles(colours, arms))
    fig.suptitle(f"National series: mean and middle 95% of {across} per arm")
    return fig


def outcome_distributions(runs: pd.DataFrame, outcomes=None, colours=None, metrics=None):
    """Per outcome: each arm's final values (points) over a box of their spread, arms on the
    vertical axis so long arm names never overlap. `outcomes` defaults to the metrics whose
    `better` attribute gives a direction; `metrics` (Sweep.metrics) supplies the units."""
    if outcomes is None:
        outcomes = [m for m, b in runs.attrs.get("better", {}).items() if b != "neither"]
    ok = runs[runs["status"] == "ok"]
    present = [o for o in outcomes if o in ok.columns and ok[o].notna().any()]
    if not present:
        return None
    arms = list(colours) if colours else list(dict.fromkeys(runs["arm"]))
    colours = colours or style.arm_colours(arms)
    height = max(style.PANEL_HEIGHT_IN * 0.8, 0.45 * len(arms) + 1.0)
    fig, axes = _grid(len(present), height=height, sharey=True)
    rng = np.random.default_rng(0)  # jitter only; fixed so figures are reproducible
    positions = np.arange(len(arms), 0, -1)  # first arm at the top
    for ax, outcome in zip(axes, present):
        data = [ok.loc[ok["arm"] == arm, outcome].dropna().to_numpy() for arm in arms]
        ax.boxplot(data, positions=positions, vert=False, showfliers=False, widths=0.6,
                   medianprops={"color": "black"})
        for pos, arm, values in zip(positions, arms, data):
            ax.scatter(values, pos + rng.uniform(-0.15, 0.15, len(values)), s=12,
                       color=colours[arm], alpha=0.75, zorder=3)
        ax.set_title(stats.label(outcome))
        units = (metrics or {}).get(outcome, {}).get("units", "")
        ax.set_xlabel(units if units not in ("", "1") else "")
        ax.set_yticks(positions, [style.arm_label(a) for a in arms])
    fig.suptitle("Final outcomes by arm (one point per run; box: quartiles)")
    return fig


def _gbp_m(values):
    return np.asarray(values, dtype=float) / 1e6


def spending_by_line(series: RunSeries, colours):
    """Per arm: mean yearly public spending by budget line (GBP m), stacked, plus the money
    councils moved to other services (leakage, hatched): where the money went, year by year."""
    lines = [m for m in series.spend if series.has(m)]
    if not lines:
        return None
    leaked_any = series.has(figure_data.LEAKAGE) and \
        np.nanmax(series.values[figure_data.LEAKAGE]) > 0
    leak = [figure_data.LEAKAGE] if leaked_any else []
    arms = [a for a in colours if len(series.arm_rows(a))]
    lengths = figure_data.year_lengths(series.months)
    cmap = plt.get_cmap("tab20")
    fig, axes = _grid(len(arms), ncols=min(3, len(arms)), sharey=True)
    handles = {}
    for ax, arm in zip(axes, arms):
        rows = series.arm_rows(arm)
        bottom = None
        for k, metric in enumerate(lines + leak):
            years, totals = figure_data.yearly(series.values[metric][rows], series.months)
            mean = _gbp_m(np.nanmean(totals, axis=0))
            bottom = np.zeros_like(mean) if bottom is None else bottom
            leaked = metric in leak
            bars = ax.bar(years, mean, bottom=bottom, width=0.8,
                          color="white" if leaked else cmap(k % 20),
                          edgecolor="#444444" if leaked else "none",
                          hatch="///" if leaked else None, lw=0.6)
            handles.setdefault(metric, bars)
            bottom = bottom + mean
        ax.set_title(arm)
        ax.set_xlabel("year" + ("" if set(lengths.values()) == {12} else
                                " (last year partial)"))
        ax.set_xticks(years)
    axes[0].set_ylabel("GBP m per year")
    names = {figure_data.LEAKAGE: "leaked to councils' other services (not spent)"}
    labels = [names.get(m, m.removeprefix("spend_").removesuffix("_gbp").replace("_", " "))
              for m in handles]
    legend_below(fig, list(handles.values()), labels, ncol=3)
    fig.suptitle("Public spending by budget line: yearly totals (mean over runs of each arm)")
    return fig


def yearly_totals(series: RunSeries, colours):
    """Yearly need removed, public money spent and leaked per arm: bars of the mean over runs
    with the 95% t interval of that mean."""
    flows = [("need_reduced", "need removed", _units(series, "cumulative_need_reduced"), 1.0)]
    if series.spend:
        flows.append(("_spend", "public money spent", "GBP m", 1e-6))
    if series.has(figure_data.LEAKAGE) and np.nanmax(series.values[figure_data.LEAKAGE]) > 0:
        flows.append((figure_data.LEAKAGE, "public money leaked", "GBP m", 1e-6))
    flows = [f for f in flows if f[0] == "_spend" or series.has(f[0])]
    if not flows:
        return None
    arms = [a for a in colours if len(series.arm_rows(a))]
    fig, axes = _grid(len(flows), ncols=len(flows), height=style.PANEL_HEIGHT_IN + 0.4)
    width = 0.8 / len(arms)
    for ax, (metric, title, units, scale) in zip(axes, flows):
        monthly = (sum(np.nan_to_num(series.values[m]) for m in series.spend if m in
                       series.values) if metric == "_spend" else series.values[metric])
        years, totals = figure_data.yearly(monthly, series.months)
        for k, arm in enumerate(arms):
            cis = [stats.mean_ci(totals[series.arm_rows(arm), j] * scale)
                   for j in range(len(years))]
            mean = np.array([c[0] for c in cis])
            err = np.nan_to_num(np.array([[c[0] - c[1], c[2] - c[0]] for c in cis]).T)
            ax.bar(years + (k - (len(arms) - 1) / 2) * width, mean, width=width,
                   color=colours[arm], yerr=err, capsize=2, error_kw={"lw": 0.8})
        ax.set_title(f"{title} per year")
        ax.set_ylabel(units)
        ax.set_xlabel("year")
        ax.set_xticks(years)
    legend_below(fig, *_arm_handles(colours, arms))
    fig.suptitle("Yearly totals per arm (mean over runs and its 95% interval)")
    return fig


def time_to_impact(series: RunSeries, colours, share=style.IMPACT_SHARE, branch_month=None):
    """Cumulative need removed (and public money spent) over time, mean and middle-95% band of
    each arm's runs; a dot marks the month the arm's mean first reaches `share` of its final
    value, the legend gives that month."""
    if not series.has("cumulative_need_reduced"):
        return None
    panels = [("cumulative_need_reduced", "cumulative need removed", 1.0)]
    if series.has("public_spent_gbp"):
        panels.append(("public_spent_gbp", "cumulative public money spent (GBP m)", 1e-6))
    arms = [a for a in colours if len(series.arm_rows(a))]
    fig, axes = _grid(len(panels), ncols=2, height=style.PANEL_HEIGHT_IN + 0.6)
    reached = {}
    for ax, (metric, title, scale) in zip(axes, panels):
        for arm in arms:
            mean, low, high = (b * scale for b in
                               figure_data.band(series.values[metric][series.arm_rows(arm)]))
            ax.plot(series.months, mean, color=colours[arm], lw=1.6)
            ax.fill_between(series.months, low, high, color=colours[arm],
                            alpha=style.BAND_ALPHA, lw=0)
            if metric != panels[0][0]:
                continue
            month = reached[arm] = figure_data.first_reaching(mean, series.months, share)
            if month is not None:
                y = mean[np.flatnonzero(series.months == month)[0]]
                ax.plot([month], [y], "o", color=colours[arm], ms=6, mec="black", mew=0.6)
        ax.set_title(title)
        ax.set_xlabel("month")
    axes[0].set_ylabel(_units(series, "cumulative_need_reduced"))
    mark_branch(axes, branch_month)
    pct = f"{100 * share:.0f}%"

    def suffix(arm):
        return f" ({pct} of its final need removed by month {reached[arm]})" \
            if reached.get(arm) is not None else f" (never reaches {pct})"
    legend_below(fig, *_arm_handles(colours, arms, suffix), ncol=2)
    axes[0].text(0.02, 0.97, f"dot: month the mean reaches {pct}\nof its final value",
                 transform=axes[0].transAxes, va="top", fontsize=style.SMALL_SIZE_PT)
    fig.suptitle("Time to impact: cumulative totals (mean and middle 95% of runs)")
    return fig


def _council_quintiles(sweep: io.Sweep):
    """analysis.equity.council_quintile_outcomes(sweep) when that module is present, else None."""
    try:
        from . import equity
    except ImportError:
        return None
    table = getattr(equity, "council_quintile_outcomes", None)
    try:
        return table(sweep) if table else None
    except io.SweepError:
        return None


def build_figures(sweep: io.Sweep, equity_frame=None) -> dict:
    """All comparison figures that the sweep's data allows, keyed by file stem. Each run file
    is opened once (figure_data.read_series); `equity_frame` (arm, quintile, mean, lo, hi,
    n_replicates) defaults to analysis.equity's council quintile table when available."""
    colours = style.arm_colours(sweep.arms)
    across = "replicates" if sweep.design == "replicates" else "design points"
    with warnings.catch_warnings():
        # Absent datasets are expected in partial sweeps; the figure is just skipped.
        warnings.simplefilter("ignore")
        series = figure_data.read_series(sweep)
        if equity_frame is None:
            equity_frame = _council_quintiles(sweep)
    has = len(series.runs) > 0
    month = branch.branch_month(sweep)
    figures = {"timeseries": timeseries_bands(series, colours, across, month) if has else None,
               "distributions": outcome_distributions(sweep.runs, sweep.outcomes, colours,
                                                      sweep.metrics),
               "yearly": yearly_totals(series, colours) if has else None,
               "impact": time_to_impact(series, colours, branch_month=month) if has else None,
               "spending": spending_by_line(series, colours) if has else None,
               "equity": equity_figure(equity_frame, colours) if equity_frame is not None
               else None}
    return {name: fig for name, fig in figures.items() if fig is not None}


def write_all(sweep: io.Sweep, outdir, equity_frame=None) -> list:
    """Save every available figure as PNG and SVG into outdir."""
    paths = []
    for name, fig in build_figures(sweep, equity_frame).items():
        paths += save_figure(fig, outdir, name)
    return paths
