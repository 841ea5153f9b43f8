"""`python3 -m analysis.report DIR -o report.html`: one self-contained HTML file a
policy researcher can read and share (plots embedded as base64 PNG, no external
files or scripts), from question and design to answer, sensitivity and provenance."""
from __future__ import annotations

import argparse
import base64
import html
import io as bytes_io
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from . import (compare, io, plots, report_uncertainty, sensitivity, stats, style,
               uncertainty)

QUESTION = ("Which policy does better for communities - centralised (a national programme "
            "rolled out from a selected best practice), devolved (community budgets, challenge "
            "prizes, peer learning) or mixed - by how much, how sure can we be, and which "
            "parameters drive the answer?")
SECTIONS = ("question", "design", "headline", "uncertainty", "equity", "plots", "sensitivity",
            "provenance")
CSS = """body{font-family:sans-serif;max-width:70em;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;font-size:0.85em;margin:0.5em 0}td,th{border:1px solid #ccc;
padding:2px 6px;text-align:right}th{background:#f0f0f0}pre{background:#f7f7f7;padding:0.5em;
overflow-x:auto;font-size:0.8em}img{max-width:100%}.note{color:#555;font-size:0.9em}"""


def _figure_html(fig, alt) -> str:
    buffer = bytes_io.BytesIO()
    fig.savefig(buffer, format="png", dpi=style.REPORT_DPI)
    plots.plt.close(fig)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f'<figure><img alt="{html.escape(alt)}" src="data:image/png;base64,{data}"></figure>'


def _table_html(frame: pd.DataFrame) -> str:
    return frame.to_html(index=False, escape=True, border=0, na_rep="-")


def _section(key, title, body) -> str:
    return f'<section id="{key}">\n<h2>{html.escape(title)}</h2>\n{body}\n</section>\n'


def _headline_sentences(paired: pd.DataFrame) -> list:
    """Plain-language statements for the differences whose interval excludes zero."""
    sentences = []
    for _, row in paired.iterrows():
        label = stats.label(row["outcome"])
        if row["favours"] == "unclear":
            continue
        higher = "higher" if row["mean_diff"] > 0 else "lower"
        rel = f", {100 * abs(row['relative_diff']):.1f}%" if np.isfinite(row["relative_diff"]) \
            else ""
        sentences.append(
            f"<b>{html.escape(row['arm_b'])}</b> has {higher} {html.escape(label)} than "
            f"<b>{html.escape(row['arm_a'])}</b> by {abs(row['mean_diff']):.4g}{rel} "
            f"(95% CI {row['ci_low']:.4g} to {row['ci_high']:.4g}, {row['n_pairs']} paired "
            f"replicates; favours {html.escape(row['favours'])}).")
    return sentences


def _money_and_baseline(runs: pd.DataFrame) -> str:
    """The headline table: money, absorption, unspent money and the effect over the baseline."""
    table, note = compare.headline(runs)
    parts = ["<h3>Money and effect over the no-money baseline</h3>",
             "<p class='note'>Per arm, mean across replicates with its 95% interval: public "
             "money spent on communities and support (total spend), moved by councils to other "
             "services (leaked), spent / allocated (absorption), held unspent by central "
             "government and councils at the end, and need removed. Additional need removed is "
             "the arm minus the baseline arm in the same replicate (same seed); per GBP used "
             "divides it by the additional public money spent or leaked (ratio of means, "
             "bootstrap interval).</p>", _table_html(table)]
    if note:
        parts.append(f"<p><b>Note:</b> {html.escape(note)}.</p>")
    return "\n".join(parts)


def _headline(summary, paired, runs=None) -> str:
    sentences = _headline_sentences(paired)
    unclear = int((paired["favours"] == "unclear").sum())
    body = [_money_and_baseline(runs)] if runs is not None else []
    body += ["<p class='note'>Differences are second arm minus first, paired by replicate "
            "(same replicate = same seed in every arm, so shared chance cancels). Intervals "
            "are 95% Student-t; p-values from the paired t-test and the Wilcoxon signed-rank "
            "test.</p>"]
    if sentences:
        body.append("<ul>" + "".join(f"<li>{s}</li>" for s in sentences) + "</ul>")
    body.append(f"<p>{unclear} comparison(s) have an interval that includes zero: the sweep "
                "cannot tell those arms apart on that outcome.</p>")
    body.append("<h3>Each arm</h3>" + _table_html(compare.format_summary(summary)))
    body.append("<h3>Paired differences</h3>" + _table_html(compare.format_paired(paired)))
    return "\n".join(body)


def _equity(sweep: io.Sweep, baseline=compare.DEFAULT_BASELINE) -> str:
    """Outcomes by deprivation decile per arm (is the policy progressive or regressive?) and
    the councils with the most and least additional need removed per pound over the baseline."""
    tables = compare.equity(sweep, baseline)
    if tables["deciles"].empty:
        return ("<p>The run files have no series by deprivation decile (made before they were "
                "recorded), so outcomes by deprivation are not shown.</p>")
    parts = ["<p class='note'>Each run's communities are grouped by their deprivation decile in "
             "that run (1 = most deprived tenth); the share of a decile's first-month need "
             "removed over the run is computed per run, then averaged across replicates with a "
             "95% t interval. Need per GBP 1,000 divides need removed by the public money the "
             "decile's communities received (ratio of means, bootstrap interval).</p>"]
    sentences = []
    for _, g in tables["gradient"].iterrows():
        sentences.append(
            f"<b>{html.escape(str(g['arm']))}</b>: the most deprived fifth of communities had "
            f"{100 * g['gap']:+.2f} percentage points of its need removed compared with the "
            f"least deprived fifth (95% CI {100 * g['gap_low']:+.2f} to "
            f"{100 * g['gap_high']:+.2f}, {g['n']} replicates): <b>{g['verdict']}</b>.")
    parts.append("<ul>" + "".join(f"<li>{s}</li>" for s in sentences) + "</ul>")
    fig = plots.decile_panel(tables["deciles"])
    if fig is not None:
        parts.append(_figure_html(fig, "outcomes by deprivation decile"))
    parts.append("<h3>By decile</h3>" + _table_html(compare.format_deciles(tables["deciles"])))
    if tables["councils_ranked"].empty:
        parts.append(f"<p>No council ranking: it needs council panels in the run files and an "
                     f"arm named {html.escape(baseline)!r} to measure additional need over.</p>")
    else:
        parts.append("<h3>Councils with the most and least additional need removed per pound"
                     "</h3><p class='note'>Need removed in the council over the baseline arm in "
                     "the same replicate, per GBP 1,000 of additional public money its "
                     "communities received (ratio of means across replicates, bootstrap "
                     "interval); deprivation is the mean of each run's own value. In a "
                     "synthetic population a council id is a new draw in each replicate, so "
                     "the ranking means most for a geography, whose councils are real "
                     "places.</p>" + _table_html(compare.format_councils(
                         tables["councils_ranked"])))
    return "\n".join(parts)


def _design(sweep: io.Sweep) -> str:
    runs = sweep.runs
    counts = runs.groupby("arm", sort=False)["status"].value_counts().unstack(fill_value=0)
    counts.insert(0, "arm", counts.index)
    parts = [f"<p>Experiment <b>{html.escape(str(sweep.attrs.get('experiment_name', '?')))}"
             f"</b>: design <b>{html.escape(sweep.design)}</b>, {len(runs)} runs, "
             f"{len(sweep.arms)} arm(s), {runs['replicate'].nunique()} replicate index(es), "
             f"master seed {html.escape(str(sweep.attrs.get('master_seed', '?')))}.</p>",
             "<h3>Runs by arm and status</h3>", _table_html(counts.reset_index(drop=True))]
    if len(sweep.params.columns):
        ranges = sweep.params.agg(["min", "max"]).T.reset_index()
        ranges.columns = ["parameter", "min", "max"]
        parts += ["<h3>Swept parameters</h3>", _table_html(ranges)]
    text = sweep.attrs.get("experiment_text") or _read_text(sweep.directory / "design.yaml")
    parts += ["<h3>Experiment (resolved)</h3>", f"<pre>{html.escape(text or '(none)')}</pre>"]
    return "\n".join(parts)


def _read_text(path: Path) -> str:
    return path.read_text(errors="replace") if path.is_file() else ""


def _plots(sweep: io.Sweep) -> str:
    captions = {"timeseries": "Each arm's mean over its runs, with the band holding the "
                              "middle 95% of runs.",
                "distributions": "Final outcomes, one point per run; the box spans the middle "
                                 "half.",
                "yearly": "Need removed and public money spent in each year of the run: mean "
                          "over runs with its 95% interval.",
                "impact": "Time to impact: cumulative need removed and public money spent; the "
                          "dot marks the month an arm's mean first reaches half of its final "
                          "need removed.",
                "spending": "Public money spent by budget line, yearly totals (mean over runs); "
                            "hatched: money councils moved to their other services.",
                "equity": "Need removed as a share of starting need by council deprivation "
                          "quintile (each run's own council deprivation), mean and 95% interval "
                          "across replicates."}
    figures = plots.build_figures(sweep)
    if not figures:
        return "<p>No run files with time series were found, so there are no plots.</p>"
    return "\n".join(f"<h3>{plots.TITLES.get(name, name)}</h3><p class='note'>"
                     f"{captions.get(name, '')}</p>"
                     + _figure_html(fig, plots.TITLES.get(name, name))
                     for name, fig in figures.items())


def _sensitivity(sweep: io.Sweep, outcomes, n_boot) -> str:
    if sweep.design not in ("sobol", "morris"):
        return (f"<p>This sweep's design is <b>{html.escape(sweep.design)}</b>, not a sample "
                "design (sobol or morris), so there is no sensitivity analysis.</p>")
    parts = ["<p class='note'>Sobol: S1 is the share of outcome variance due to a parameter "
             "alone, ST including its interactions (Saltelli 2010 / Jansen estimators, 95% "
             "bootstrap intervals). Morris: mu* is the mean absolute effect of moving a "
             "parameter across its range, sigma the spread of that effect (non-linearity or "
             "interaction).</p>"]
    for outcome in outcomes:
        if outcome not in sweep.runs.columns:
            continue
        try:
            table = sensitivity.sensitivity_from_manifest(sweep.directory, outcome, n_boot)
        except io.SweepError as exc:
            parts.append(f"<p>{html.escape(outcome)}: {html.escape(str(exc))}</p>")
            continue
        parts.append(f"<h3>{html.escape(stats.label(outcome))}</h3>")
        parts.append(_table_html(table.round(4)))
        fig = plots.sensitivity_bars(table)
        if fig is not None:
            parts.append(_figure_html(fig, f"sensitivity {outcome}"))
    return "\n".join(parts)


def _provenance(sweep: io.Sweep) -> str:
    versions, scenario = [], None
    for _, row in sweep.ok_runs().iterrows():
        path = sweep.directory / str(row["output"])
        if not path.is_file():
            continue
        attrs = io.read_run_attrs(path)
        versions.append((str(attrs.get("program_version", "?")), str(attrs.get("git_sha", "?"))))
        scenario = scenario or attrs
    distinct = pd.DataFrame(versions, columns=["program_version", "git_sha"]).value_counts()
    parts = [f"<p>Sweep directory: <code>{html.escape(str(sweep.directory.resolve()))}</code>; "
             f"manifest format {html.escape(str(sweep.attrs.get('format_version', '?')))}.</p>"]
    if len(distinct) > 1:
        parts.append("<p><b>Warning:</b> runs were made by different program versions.</p>")
    table = distinct.rename("runs").reset_index() if len(distinct) else pd.DataFrame()
    parts.append(_table_html(table) if len(table) else "<p>No run files found.</p>")
    seeds = sweep.runs[["run_id", "arm", "replicate", "sample_index", "seed", "status"]]
    parts.append(f"<h3>Seeds</h3><p>Master seed {sweep.attrs.get('master_seed', '?')}.</p>"
                 f"<details><summary>Seed of every run ({len(seeds)})</summary>"
                 f"{_table_html(seeds.astype(str))}</details>")
    if scenario:
        parts.append(f"<h3>Scenario {html.escape(str(scenario.get('scenario_name', '')))}"
                     f"</h3><pre>{html.escape(str(scenario.get('scenario_text', '')))}</pre>")
        parts.append("<details><summary>Resolved scenario (all defaults)</summary><pre>"
                     f"{html.escape(str(scenario.get('scenario_resolved', '')))}</pre></details>")
    return "\n".join(parts)


def _uncertainty(sweep: io.Sweep, uncertainty_dir, baseline="baseline"):
    """(headline paragraphs, section body): the difference with seed noise (this sweep's
    replicates) and with parameter uncertainty (`uncertainty_dir`, or this sweep itself when
    it is a sample design with a baseline arm)."""
    is_sample = sweep.design in ("lhs", "sobol", "points")
    if uncertainty_dir is None and not (is_sample and baseline in sweep.arms):
        return "", ("<p>Not analysed: pass <code>--uncertainty DIR</code>, a sweep of "
                    "<code>scenarios/experiments/parameter_uncertainty.yaml</code> (or any sample "
                    "design with a baseline arm), to see how the difference moves over the "
                    "plausible ranges of the uncalibrated parameters.</p>")
    seed = None
    if not is_sample and baseline in sweep.arms:
        try:
            seed = uncertainty.seed_noise_difference(sweep, baseline)
        except io.SweepError:
            seed = None
    body = report_uncertainty.section_html(uncertainty_dir or sweep.directory, baseline,
                                           seed=seed, figure_html=_figure_html)
    head = body.split("<p class='note'>Design:")[0]
    return head, body


def build_report(directory, sensitivity_outcomes=("final_total_need",), n_boot=1000,
                 uncertainty_dir=None) -> str:
    """The whole HTML document as a string."""
    sweep, summary, paired = compare.compare(directory)
    name = html.escape(str(sweep.attrs.get("experiment_name", "sweep")))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # absent datasets are reported by omission
        spread_head, spread_body = _uncertainty(sweep, uncertainty_dir)
        body = [_section("question", "The question", f"<p>{html.escape(QUESTION)}</p>"),
                _section("design", "Scenario and design", _design(sweep)),
                _section("headline", "Headline comparison",
                         spread_head + _headline(summary, paired, sweep.runs)),
                _section("uncertainty", "Seed noise and parameter uncertainty", spread_body),
                _section("equity", "Outcomes by deprivation and by place", _equity(sweep)),
                _section("plots", "Plots", _plots(sweep)),
                _section("sensitivity", "Sensitivity",
                         _sensitivity(sweep, sensitivity_outcomes, n_boot)),
                _section("provenance", "Provenance", _provenance(sweep))]
    return (f"<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
            f"<title>localism: {name}</title><style>{CSS}</style></head><body>\n"
            f"<h1>Policy comparison: {name}</h1>\n" + "".join(body) + "</body></html>\n")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m analysis.report",
                                     description="Self-contained HTML report of a sweep.")
    parser.add_argument("directory", help="sweep directory containing manifest.h5")
    parser.add_argument("-o", "--output", help="HTML file (default DIR/analysis/report.html)")
    parser.add_argument("--sensitivity-outcomes", nargs="+", default=["final_total_need"],
                        metavar="METRIC", help="outcomes for Sobol/Morris (sample designs)")
    parser.add_argument("--bootstrap", type=int, default=1000, help="bootstrap resamples")
    parser.add_argument("--uncertainty", metavar="DIR",
                        help="a parameter-uncertainty sweep (sample design with a baseline arm, "
                             "e.g. scenarios/experiments/parameter_uncertainty.yaml) whose spread "
                             "the headline quotes next to this sweep's seed-noise interval")
    args = parser.parse_args(argv)
    try:
        document = build_report(args.directory, args.sensitivity_outcomes, args.bootstrap,
                                args.uncertainty)
        out = Path(args.output or Path(args.directory) / "analysis" / "report.html")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(document, encoding="utf-8")
    except (io.SweepError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"written: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
