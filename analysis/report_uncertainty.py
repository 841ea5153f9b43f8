"""The report's parameter-uncertainty part: the headline difference between two policy arms
quoted twice, once with its seed-noise interval (replicates at the shipped parameter values)
and once with its spread over the plausible ranges of the uncalibrated parameters (a sample
design, `analysis.uncertainty`), each labelled as what it is."""
from __future__ import annotations

import html

import numpy as np
import pandas as pd

from . import io, plots, uncertainty


def difference_figure(table: pd.DataFrame, seed: dict | None):
    """Histogram of the per-point difference, zero marked; the seed-noise interval at the
    shipped values drawn as a band so the two kinds of uncertainty can be compared by eye."""
    d = table["difference"].to_numpy(float)
    d = d[np.isfinite(d)]
    if len(d) == 0:
        return None
    first, second = table.attrs["first"], table.attrs["second"]
    fig, ax = plots.plt.subplots(figsize=(7.5, 3.4), layout="constrained")
    ax.hist(d, bins=max(8, min(30, len(d) // 3)), color="#7a9cc6", edgecolor="white",
            label="one point of parameter space")
    ax.axvline(0, color="black", lw=1)
    if seed and np.isfinite(seed.get("low", np.nan)):
        ax.axvspan(seed["low"], seed["high"], color="#d95f02", alpha=0.3,
                   label="seed-noise 95% interval at shipped values")
        ax.axvline(seed["difference"], color="#d95f02", lw=1.5)
    ax.set_xlabel(f"{second} minus {first}: additional need removed per GBP m (need units)")
    ax.set_ylabel("design points")
    ax.text(0.01, 0.97, f"left of 0: {first} wins", transform=ax.transAxes, va="top",
            fontsize=8)
    ax.text(0.99, 0.97, f"right of 0: {second} wins", transform=ax.transAxes, va="top",
            ha="right", fontsize=8)
    ax.legend(loc="upper center", fontsize=8, frameon=False, bbox_to_anchor=(0.5, -0.25),
              ncol=2)
    return fig


def headline_html(summary: dict, seed: dict | None, decisive: pd.DataFrame) -> str:
    """Two labelled sentences: seed noise (one parameter point) and parameter spread."""
    first, second = summary["first"], summary["second"]
    parts = []
    if seed and np.isfinite(seed.get("difference", np.nan)):
        parts.append(
            f"<p><b>Seed noise only</b> (at the shipped parameter values, "
            f"{seed['replicates']} paired replicates): {html.escape(second)} minus "
            f"{html.escape(first)} additional need removed per GBP m is "
            f"{seed['difference']:,.0f} (95% interval {seed['low']:,.0f} to "
            f"{seed['high']:,.0f}). This interval says how sure the runs are <i>if</i> the "
            "uncalibrated parameters are right; it says nothing about whether they are.</p>")
    parts.append(f"<p><b>Parameter uncertainty</b>: {html.escape(uncertainty.sentence(summary, decisive))}"
                 "</p>")
    return "\n".join(parts)


def section_html(udir, baseline="baseline", pair=None, seed: dict | None = None,
                 figure_html=None) -> str:
    """The whole section for the sample-design sweep `udir`; a readable message on failure."""
    try:
        sweep, table, summary, decisive = uncertainty.analyse(udir, baseline, pair)
    except io.SweepError as exc:
        return f"<p>No parameter-uncertainty analysis: {html.escape(str(exc))}</p>"
    n_params = len(table.attrs["parameters"])
    reps = int(sweep.runs["replicate"].nunique())
    body = [headline_html(summary, seed, decisive),
            f"<p class='note'>Design: {html.escape(sweep.design)} sample of {summary['points']} "
            f"points over {n_params} parameter(s), each from its plausible range (`localism "
            f"params`: every parameter marked \"assumption, plausible range a-b\"), {reps} "
            f"replicate(s) per point, arms {html.escape(baseline)}, "
            f"{html.escape(summary['first'])} and {html.escape(summary['second'])} with common "
            f"random numbers. Sweep: <code>{html.escape(str(sweep.directory))}</code>.</p>"]
    share_seed = summary.get("seed_noise_share_of_variance", np.nan)
    if np.isfinite(share_seed):
        body.append(f"<p>Seed noise accounts for about {100 * share_seed:.0f}% of the variance "
                    "of the difference across points; the rest is the parameters.</p>")
    rows = [("median", summary["median"]), ("5% of parameter space below", summary["q05"]),
            ("25% below", summary["q25"]), ("75% below", summary["q75"]),
            ("95% below", summary["q95"])]
    body.append(_frame_html(pd.DataFrame(rows, columns=["difference per GBP m", "value"])
                            .round(1)))
    if figure_html is not None:
        fig = difference_figure(table, seed)
        if fig is not None:
            body.append(figure_html(fig, "difference over parameter space"))
    if len(decisive):
        body.append("<h3>Which parameters decide the difference</h3><p class='note'>Spearman: "
                    "rank correlation of the parameter with the difference across points "
                    "(positive: raising it favours " + html.escape(summary["second"]) + "). "
                    "PRCC: the same controlling for the other parameters (shown when there "
                    "are enough points). Shares: how often " + html.escape(summary["second"]) +
                    " wins when the parameter is in the lowest or highest third of its "
                    "range.</p>")
        body.append(_frame_html(decisive.head(12).round(3)))
    return "\n".join(body)


def _frame_html(frame: pd.DataFrame) -> str:
    return frame.to_html(index=False, escape=True, border=0, na_rep="-")
