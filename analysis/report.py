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

import pandas as pd

from . import (branch, compare, design_points, equity, headline, io, plots, report_sections,
               report_uncertainty, sensitivity, stats, style, uncertainty)

SECTIONS = ("question", "design", "headline", "outcomes", "uncertainty", "equity", "plots",
            "sensitivity", "caveats", "provenance")
CSS = """body{font-family:sans-serif;max-width:70em;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;font-size:0.85em;margin:0.5em 0}td,th{border:1px solid #ccc;
padding:2px 6px;text-align:right}th{background:#f0f0f0}pre{background:#f7f7f7;padding:0.5em;
overflow-x:auto;font-size:0.8em}img{max-width:100%}.note{color:#555;font-size:0.9em}"""


def _figure_html(fig, alt) -> str:
    buffer = bytes_io.BytesIO()
    fig.savefig(buffer, format="png", dpi=style.REPORT_DPI, bbox_inches=plots.freeze_layout(fig))
    plots.plt.close(fig)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f'<figure><img alt="{html.escape(alt)}" src="data:image/png;base64,{data}"></figure>'


def _table_html(frame: pd.DataFrame) -> str:
    return frame.to_html(index=False, escape=True, border=0, na_rep="-")


def _section(key, title, body) -> str:
    return f'<section id="{key}">\n<h2>{html.escape(title)}</h2>\n{body}\n</section>\n'


def _money_table(sweep: io.Sweep, baseline) -> str:
    """Per arm: money spent, leaked, absorbed and unspent, need removed and the effect over the
    baseline arm, each with its 95% interval across replicates."""
    table, note = compare.money_table(sweep.runs, baseline or compare.DEFAULT_BASELINE)
    parts = ["<h3>Money and effect per arm</h3>",
             "<p class='note'>Mean across replicates with its 95% interval: public money spent "
             "on communities and support (total spend), moved by councils to other services "
             "(leaked), spent / allocated (absorption), held unspent by central government and "
             "councils at the end, and need removed. Additional need removed is the arm minus "
             "the baseline arm in the same replicate (same seed); per GBP m used divides it by "
             "the additional public money spent or leaked (ratio of means, bootstrap "
             "interval).</p>", _table_html(table)]
    if note:
        parts.append(f"<p><b>Note:</b> {html.escape(note)}.</p>")
    return "\n".join(parts)


def _headline(sweep: io.Sweep, summary, paired, baseline) -> str:
    """A few sentences against the baseline arm, the money table, and the full tables folded."""
    numbers = headline.headline_numbers(sweep, baseline)
    items = [html.escape(s) for s in headline.sentences(numbers, baseline)]
    if baseline is None:
        items.append(html.escape(headline.no_baseline_note(sweep)))
    body = [f"<p>Against <b>{html.escape(baseline or 'no baseline')}</b>:</p>",
            "<ul>" + "".join(f"<li>{s}</li>" for s in items) + "</ul>"]
    if design_points.has_design_points(sweep):
        spread = design_points.spread_over_design(sweep, summary["outcome"].unique())
        body.append("<h3>Each arm over the design</h3><p class='note'>Median over design "
                    "points of each point's mean, and the range holding 95% of the points: a "
                    "spread over the design (parameter uncertainty), <b>not</b> a confidence "
                    "interval. Seed noise is the replicate interval at a fixed point (its "
                    "median half-width is shown when points have several replicates).</p>"
                    + _table_html(compare.format_spread(spread, sweep.metrics)))
        return "\n".join(body)
    body.append(_money_table(sweep, baseline))
    body.append("<details><summary>Every outcome per arm, and paired differences</summary>"
                "<p class='note'>Differences are second arm minus first, paired by replicate "
                "(same seed in every arm). Intervals are 95% Student-t; p-values from the "
                "paired t-test and the Wilcoxon signed-rank test.</p>"
                + _table_html(compare.format_summary(summary, sweep.metrics))
                + _table_html(compare.format_paired(paired)) + "</details>")
    return "\n".join(body)


def _quintiles(sweep: io.Sweep) -> str:
    """Share of need removed by council deprivation quintile, quintiles assigned per run."""
    try:
        frame = equity.council_quintile_outcomes(sweep)
        gaps = equity.quintile_gap(sweep)
    except io.SweepError as exc:
        return f"<p>No outcomes by council deprivation: {html.escape(str(exc))}.</p>"
    if design_points.has_design_points(sweep):
        return ("<h3>By council deprivation quintile</h3><p>This sweep spans several design "
                "points per arm, so outcomes by council deprivation quintile are given per arm "
                "and design point (intervals across the replicates of one point only) in "
                "<code>equity_quintiles.csv</code> of <code>python3 -m analysis.compare</code>."
                "</p>")
    sentences = [f"<b>{html.escape(str(g['arm']))}</b>: the most deprived fifth of councils had "
                 f"{100 * g['gap']:+.2f} percentage points more of its need removed than the "
                 f"least deprived fifth (95% interval {100 * g['gap_low']:+.2f} to "
                 f"{100 * g['gap_high']:+.2f}, {g['n']} replicates): <b>{g['verdict']}</b>."
                 for _, g in gaps.iterrows()]
    parts = ["<h3>By council deprivation quintile</h3><p class='note'>Within each run, councils "
             "are ranked by that run's own deprivation (it is redrawn in every replicate) and "
             "split into fifths, quintile 1 the least deprived; the share of each quintile's "
             "first-month need removed over the run is computed in the run, then averaged "
             "across replicates (95% t interval).</p>",
             "<ul>" + "".join(f"<li>{s}</li>" for s in sentences) + "</ul>"]
    fig = plots.equity_figure(frame)
    if fig is not None:
        parts.append(_figure_html(fig, "need removed by council deprivation quintile"))
    parts.append(_table_html(equity.format_quintiles(frame)))
    return "\n".join(parts)


def _equity(sweep: io.Sweep, baseline=compare.DEFAULT_BASELINE) -> str:
    """Outcomes by deprivation decile per arm (is the policy progressive or regressive?) and
    the councils with the most and least additional need removed per pound over the baseline."""
    tables = compare.equity(sweep, baseline)
    quintiles = _quintiles(sweep)
    if tables["deciles"].empty:
        return quintiles + ("<p>The run files have no series by deprivation decile (made before "
                            "they were recorded), so outcomes by decile are not shown.</p>")
    parts = [quintiles, "<h3>By community deprivation decile</h3>",
             "<p class='note'>Each run's communities are grouped by their deprivation decile in "
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
    counts.columns.name = None  # else to_html adds a header row with an empty first cell
    counts.insert(0, "arm", counts.index)
    parts = [f"<p>Experiment <b>{html.escape(str(sweep.attrs.get('experiment_name', '?')))}"
             f"</b>: design <b>{html.escape(sweep.design)}</b>, {len(runs)} runs, "
             f"{len(sweep.arms)} arm(s), {runs['replicate'].nunique()} replicate index(es), "
             f"master seed {html.escape(str(sweep.attrs.get('master_seed', '?')))}.</p>",
             "<h3>Runs by arm and status</h3>", _table_html(counts.reset_index(drop=True))]
    varied = report_sections.what_was_varied(sweep)
    parts += ["<h3>What was varied</h3>",
              f"<p>{report_sections.held_fixed(sweep)} Between runs:</p>",
              _table_html(varied) if len(varied) else
              "<p>Nothing but the seed: the arms differ in no parameter.</p>"]
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
                            "hatched: money councils moved to their other services."}
    # The equity figure is drawn in the equity section, next to its table.
    figures = {name: fig for name, fig in plots.build_figures(sweep).items() if name != "equity"}
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
    parts = [f"<p class='note'>{html.escape(report_sections.SENSITIVITY_METHOD)}</p>"]
    for outcome in outcomes:
        if outcome not in sweep.runs.columns:
            continue
        try:
            table = sensitivity.sensitivity_from_manifest(sweep.directory, outcome, n_boot)
        except io.SweepError as exc:
            parts.append(f"<p>{html.escape(outcome)}: {html.escape(str(exc))}</p>")
            continue
        units = sweep.metrics.get(outcome, {}).get("units", "")
        parts.append(f"<h3>{html.escape(stats.label(outcome))} ({html.escape(units)})</h3>")
        words = report_sections.sensitivity_words(table, units)
        parts.append("<ul>" + "".join(f"<li>{html.escape(w)}</li>" for w in words) + "</ul>")
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


def _question(sweep: io.Sweep) -> str:
    name, description = compare.title(sweep)
    if not description:
        return (f"<p>The experiment file <b>{html.escape(name)}</b> has no "
                "<code>description:</code>; add one to state the question this sweep answers."
                "</p>")
    return f"<p>{html.escape(description)}</p>"


def _branch(sweep: io.Sweep, baseline) -> str:
    """Branching experiments: the shared history and need removed after the branch month."""
    month = branch.branch_month(sweep)
    if month is None:
        return ""
    summary, paired = branch.compare_after_branch(sweep, month, baseline)
    return (f"<p>{html.escape(branch.sentence(month))} The figures mark month {month} with a "
            f"vertical line.</p><p>Need removed after month {month}, per arm (mean across "
            "replicates, 95% t interval):</p>" +
            _table_html(compare.format_summary(summary, sweep.metrics)) +
            f"<p>Paired differences in need removed after month {month} (same replicate = same "
            "history and seed):</p>" + _table_html(compare.format_paired(paired)))


def _outcomes(sweep: io.Sweep, outcomes) -> str:
    table = report_sections.outcome_meanings(sweep, outcomes)
    return (f"<p>{html.escape(report_sections.NEED_UNITS)}</p>" + _table_html(table) +
            "<p class='note'>better: which direction the metric registry calls an improvement; "
            "'neither' for money, where spending more is not better or worse in itself.</p>")


def build_report(directory, sensitivity_outcomes=("final_total_need",), n_boot=1000,
                 uncertainty_dir=None, baseline=None) -> str:
    """The whole HTML document as a string; the headline is against `baseline` (default: an
    arm named 'baseline', else none)."""
    sweep, summary, paired = compare.compare(directory, baseline=baseline)
    baseline = headline.resolve_baseline(sweep, baseline)
    name, _ = compare.title(sweep)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # absent datasets are reported by omission
        spread_head, spread_body = _uncertainty(sweep, uncertainty_dir, baseline or "baseline")
        body = [_section("question", "The question", _question(sweep)),
                _section("design", "Scenario and design", _design(sweep)),
                _section("headline", "Headline",
                         spread_head + _headline(sweep, summary, paired, baseline)),
                _section("branch", "From the branch month", _branch(sweep, baseline))
                if branch.branch_month(sweep) else "",
                _section("outcomes", "Outcomes: units and meaning",
                         _outcomes(sweep, list(summary["outcome"].unique()))),
                _section("uncertainty", "Seed noise and parameter uncertainty", spread_body),
                _section("equity", "Outcomes by deprivation and by place",
                         _equity(sweep, baseline or compare.DEFAULT_BASELINE)),
                _section("plots", "Plots", _plots(sweep)),
                _section("sensitivity", "Sensitivity",
                         _sensitivity(sweep, sensitivity_outcomes, n_boot)),
                _section("caveats", "Caveats: what the model is and is not",
                         report_sections.caveats_html(sweep)),
                _section("provenance", "Provenance", _provenance(sweep))]
    title = html.escape(name)
    return (f"<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
            f"<title>localism: {title}</title><style>{CSS}</style></head><body>\n"
            f"<h1>{title}</h1>\n" + "".join(body) + "</body></html>\n")


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
    parser.add_argument("--baseline", metavar="ARM",
                        help="the arm the headline is measured against (default: the arm named "
                             "'baseline' if there is one, else none)")
    args = parser.parse_args(argv)
    try:
        document = build_report(args.directory, args.sensitivity_outcomes, args.bootstrap,
                                args.uncertainty, args.baseline)
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
