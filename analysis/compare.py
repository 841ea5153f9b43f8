"""`python3 -m analysis.compare DIR`: which policy arm does better, by how much, how sure.

Prints a short headline against the baseline arm (`--baseline ARM`, default the arm named
`baseline`): need removed, additional need removed over the baseline (paired by replicate),
public money spent and need removed per GBP m, one sentence each with its interval; then per
arm the money (spend, absorption, unspent balances, leakage) and every default outcome with its
units, paired differences against the baseline (or all pairs without one), the share of need
removed by council deprivation quintile (assigned within each run) and by community decile.
For designs with several points per arm (grid, lhs, sobol, morris, points) it prints spreads
over the design, never as confidence intervals. Writes headline.csv, compare.csv, paired.csv,
money.csv or spread_over_design.csv, equity_quintiles.csv, deciles.csv, gradient.csv and
councils.csv; figures only with --plots.
"""
from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from . import branch, design_points, equity_io, headline, io, stats
from .equity import council_quintile_outcomes, format_quintiles


def compare(directory, outcomes=None, level: float = 0.95, baseline=None):
    """(sweep, per-arm summary, paired differences) for a sweep directory. Pairs are every arm
    against `baseline` (default: an arm named 'baseline' if there is one), else all pairs."""
    sweep = io.load_sweep(directory, metrics=outcomes)
    if sweep.runs.empty:
        raise io.SweepError(f"{directory}: manifest lists no runs")
    outcomes = list(outcomes or sweep.outcomes)
    present = [o for o in outcomes if o in sweep.runs.columns]
    if not present:
        raise io.SweepError(f"none of the outcomes {outcomes} is in the manifest")
    baseline = headline.resolve_baseline(sweep, baseline)
    pairs = None
    if baseline is not None:
        pairs = [(baseline, arm) for arm in sweep.arms if arm != baseline]
    summary = stats.summarise_arms(sweep.runs, present, level)
    paired = stats.paired_differences(sweep.runs, present, pairs, level)
    return sweep, summary, paired


# The headline's per-arm columns: (manifest column, heading). `final_unspent_gbp` is derived.
HEADLINE_MONEY = (("total_spend_gbp", "total spend (GBP)"),
                  ("total_leakage_gbp", "leaked (GBP)"),
                  ("absorption", "absorption"),
                  ("final_unspent_gbp", "unspent at end (GBP)"),
                  ("cumulative_need_reduced", "need removed"))
DEFAULT_BASELINE = "baseline"


def _with_unspent(runs: pd.DataFrame) -> pd.DataFrame:
    """Runs plus final_unspent_gbp = unspent central + unspent councils at the end."""
    parts = [c for c in ("final_unspent_central_gbp", "final_unspent_councils_gbp") if c in runs]
    if len(parts) < 2:
        return runs
    return runs.assign(final_unspent_gbp=runs[parts[0]] + runs[parts[1]])


def money_table(runs: pd.DataFrame, baseline=DEFAULT_BASELINE, level: float = 0.95):
    """(table, note): per arm the money, the need removed and, with a baseline arm, the need
    removed over it and per additional pound (95% intervals); `note` says what is missing."""
    runs = _with_unspent(runs)
    present = [(c, h) for c, h in HEADLINE_MONEY if c in runs.columns]
    summary = stats.summarise_arms(runs, [c for c, _ in present], level)
    table = pd.DataFrame({"arm": list(dict.fromkeys(runs["arm"]))})
    for column, heading in present:
        rows = summary[summary["outcome"] == column].set_index("arm")
        fmt = headline.money if column.endswith("_gbp") else _fmt
        table[heading] = [" ".join((fmt(m), f"[{fmt(lo)}, {fmt(hi)}]")) for m, lo, hi in
                          (rows.loc[a, ["mean", "ci_low", "ci_high"]] for a in table["arm"])]
    ok = runs[runs["status"] == "ok"] if "status" in runs else runs
    table["n"] = [int((ok["arm"] == a).sum()) for a in table["arm"]]  # runs that finished
    notes = [f"{h} not in the manifest (made before it was recorded)" for c, h in HEADLINE_MONEY
             if c not in runs.columns]
    if baseline not in set(runs["arm"]) or "cumulative_need_reduced" not in runs:
        notes.insert(0, f"no {baseline!r} arm in this sweep, so the need removed over a no-money "
                        "baseline and per additional pound are not shown (add an arm like "
                        "scenarios/baseline.yaml)")
        return table, "; ".join(notes)
    extra = stats.additional_over_baseline(runs, baseline, level).set_index("arm")
    need, per_gbp = [], []
    for arm in table["arm"]:
        if arm not in extra.index:
            need.append("(baseline)")
            per_gbp.append("(baseline)")
            continue
        e = extra.loc[arm]
        need.append(_interval(e["additional_need"], e["additional_need_low"],
                              e["additional_need_high"]))
        per_gbp.append(_interval(1e6 * e["additional_need_per_gbp"], 1e6 * e["per_gbp_low"],
                                 1e6 * e["per_gbp_high"]))
    table[f"additional need removed over {baseline}"] = need
    table["additional need per GBP m used"] = per_gbp
    return table, "; ".join(notes)


def equity(sweep: io.Sweep, baseline=DEFAULT_BASELINE, level: float = 0.95) -> dict:
    """Outcomes by deprivation and by place, per run then across replicates:
    {"deciles": stats.decile_outcomes, "gradient": stats.equity_gradient, "councils":
    stats.council_additional_per_gbp (all councils), "councils_ranked": stats.most_and_least};
    a table is empty when the run files lack its datasets (older files, no council panels) or,
    for councils, when the sweep has no `baseline` arm."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # absent datasets leave their table empty
        tables = equity_io.load_equity(sweep)
    if design_points.has_design_points(sweep):
        # Intervals only across the replicates of one design point: each (arm, point) is its
        # own group, and a council ranking over the baseline is not made.
        tables = {key: design_points.split_arms(frame, sweep) for key, frame in tables.items()}
    out = {key: pd.DataFrame() for key in ("deciles", "gradient", "councils", "councils_ranked")}
    if len(tables["deciles"]):
        out["deciles"] = stats.decile_outcomes(tables["deciles"], level)
        out["gradient"] = stats.equity_gradient(tables["deciles"], level)
    councils = tables["councils"]
    if len(councils) and baseline in set(councils["arm"]):
        out["councils"] = stats.council_additional_per_gbp(councils, baseline, level)
        out["councils_ranked"] = stats.most_and_least(out["councils"])
    return out


def format_deciles(deciles: pd.DataFrame) -> pd.DataFrame:
    """Readable decile table: share of first-month need removed and need per GBP 1,000."""
    return pd.DataFrame({
        "arm": deciles["arm"], "decile": deciles["decile"],
        "share of need removed [95% CI]": [
            f"{100 * m:.2f}% [{100 * lo:.2f}%, {100 * hi:.2f}%]" if np.isfinite(m) else "-"
            for m, lo, hi in zip(deciles["share_removed"], deciles["share_low"],
                                 deciles["share_high"])],
        "need removed": [_interval(m, lo, hi) for m, lo, hi in
                         zip(deciles["need_removed"], deciles["need_low"], deciles["need_high"])],
        "public GBP received": deciles["spend_gbp"].map(_fmt),
        "need per GBP 1,000": [_interval(m, lo, hi) for m, lo, hi in
                               zip(deciles["need_per_1000_gbp"], deciles["per_1000_low"],
                                   deciles["per_1000_high"])]})


def format_councils(ranked: pd.DataFrame) -> pd.DataFrame:
    """Readable table of the councils with the most and least additional need per pound."""
    return pd.DataFrame({
        "arm": ranked["arm"], "": ranked["rank"], "council": ranked["name"],
        "deprivation": ranked["deprivation"].map(lambda v: _fmt(v, 3)),
        "additional need": ranked["additional_need"].map(_fmt),
        "additional GBP": ranked["additional_gbp"].map(_fmt),
        "additional need per GBP 1,000 [95% CI]": [
            _interval(m, lo, hi) for m, lo, hi in zip(ranked["additional_need_per_1000_gbp"],
                                                      ranked["per_1000_low"],
                                                      ranked["per_1000_high"])]})


def _print_equity(tables: dict, baseline) -> None:
    if len(tables["deciles"]):
        print("\nBy deprivation decile (1 = most deprived tenth; share of the decile's first-month "
              "need removed over the run, per run then mean across replicates):")
        print(format_deciles(tables["deciles"]).to_string(index=False))
        for _, g in tables["gradient"].iterrows():
            print(f"  {g['arm']}: most minus least deprived fifth {100 * g['gap']:+.2f} points "
                  f"[{100 * g['gap_low']:+.2f}, {100 * g['gap_high']:+.2f}] -> {g['verdict']}")
    if len(tables["councils_ranked"]):
        print(f"\nCouncils with the most and least additional need removed per GBP 1,000 of "
              f"additional public money received, over {baseline} (paired by replicate; "
              "deprivation: mean of each run's own value; in a synthetic population a council "
              "id is a new draw in each replicate):")
        print(format_councils(tables["councils_ranked"]).to_string(index=False))


def _interval(mean, low, high):
    return f"{_fmt(mean)} [{_fmt(low)}, {_fmt(high)}]"


def _fmt(value, digits=4):
    if value is None or (isinstance(value, float) and not np.isfinite(value)):
        return "-"
    return f"{value:.{digits}g}"


def format_summary(summary: pd.DataFrame, metrics=None) -> pd.DataFrame:
    """Readable table: 'mean [low, high]' per arm and outcome, with the outcome's units."""
    units = {name: entry.get("units", "") for name, entry in (metrics or {}).items()}
    table = pd.DataFrame({
        "outcome": summary["outcome"].map(lambda o: stats.label(o)),
        "units": summary["outcome"].map(lambda o: units.get(o, "")),
        "arm": summary["arm"],
        "mean [95% CI]": [f"{_fmt(m)} [{_fmt(lo)}, {_fmt(hi)}]" for m, lo, hi in
                          zip(summary["mean"], summary["ci_low"], summary["ci_high"])],
        "n": summary["n"], "not ok": summary["n_not_ok"]})
    return table if units else table.drop(columns="units")


def format_spread(spread: pd.DataFrame, metrics=None) -> pd.DataFrame:
    """Readable table of design_points.spread_over_design: never called an interval."""
    units = {name: entry.get("units", "") for name, entry in (metrics or {}).items()}
    return pd.DataFrame({
        "outcome": spread["outcome"].map(lambda o: stats.label(o)),
        "units": spread["outcome"].map(lambda o: units.get(o, "")),
        "arm": spread["arm"],
        "median over design points [2.5%, 97.5% of points]": [
            f"{_fmt(m)} [{_fmt(lo)}, {_fmt(hi)}]" for m, lo, hi in
            zip(spread["median"], spread["spread_low"], spread["spread_high"])],
        "points": spread["points"],
        "replicate 95% half-width at a point (median)": spread["replicate_half_width"].map(_fmt)})


def format_paired(paired: pd.DataFrame) -> pd.DataFrame:
    """Readable table: difference (second arm minus first) with interval and tests."""
    return pd.DataFrame({
        "outcome": paired["outcome"].map(lambda o: stats.label(o)),
        "difference": paired["arm_b"] + " - " + paired["arm_a"],
        "mean diff [95% CI]": [f"{_fmt(m)} [{_fmt(lo)}, {_fmt(hi)}]" for m, lo, hi in
                               zip(paired["mean_diff"], paired["ci_low"], paired["ci_high"])],
        "relative": [f"{100 * r:+.1f}%" if np.isfinite(r) else "-"
                     for r in paired["relative_diff"]],
        "pairs": paired["n_pairs"],
        "t p": paired["t_pvalue"].map(lambda p: _fmt(p, 2)),
        "Wilcoxon p": paired["wilcoxon_pvalue"].map(lambda p: _fmt(p, 2)),
        "favours": paired["favours"]})


def title(sweep: io.Sweep) -> tuple:
    """(name, description) of the experiment, from the manifest's experiment_text (YAML)."""
    import yaml

    name = str(sweep.attrs.get("experiment_name", "") or "sweep")
    try:
        text = yaml.safe_load(str(sweep.attrs.get("experiment_text", "") or "")) or {}
    except yaml.YAMLError:
        text = {}
    text = text if isinstance(text, dict) else {}
    return str(text.get("name") or name), str(text.get("description") or "").strip()


def _write_tables(sweep, summary, paired, baseline, outdir) -> dict:
    """Every CSV of compare; returns what main prints."""
    summary.to_csv(outdir / "compare.csv", index=False)
    paired.to_csv(outdir / "paired.csv", index=False)
    numbers = headline.headline_numbers(sweep, baseline)
    numbers.to_csv(outdir / "headline.csv", index=False)
    shown = {"numbers": numbers, "design": design_points.has_design_points(sweep)}
    if shown["design"]:
        shown["spread"] = design_points.spread_over_design(sweep, summary["outcome"].unique())
        shown["spread"].to_csv(outdir / "spread_over_design.csv", index=False)
    else:
        shown["money"], shown["note"] = money_table(sweep.runs, baseline or DEFAULT_BASELINE)
        shown["money"].to_csv(outdir / "money.csv", index=False)
    shown["places"] = equity(sweep, baseline or DEFAULT_BASELINE)
    for key in ("deciles", "gradient", "councils"):
        if len(shown["places"][key]):
            shown["places"][key].to_csv(outdir / f"{key}.csv", index=False)
    try:
        shown["quintiles"] = council_quintile_outcomes(sweep)
        shown["quintiles"].to_csv(outdir / "equity_quintiles.csv", index=False)
    except io.SweepError:
        shown["quintiles"] = pd.DataFrame()
    return shown


def _print(sweep, summary, paired, baseline, shown) -> None:
    name, description = title(sweep)
    print(f"{name}: {description}" if description else name)
    print(f"design {sweep.design}, {len(sweep.runs)} runs, arms {', '.join(sweep.arms)}; "
          f"baseline: {baseline or 'none'}\n")
    print("Headline:")
    for sentence in headline.sentences(shown["numbers"], baseline):
        print(f"- {sentence}")
    if baseline is None:
        print(f"- {headline.no_baseline_note(sweep)}")
    if shown["design"]:
        print("\nPer arm, spread over the design (parameter uncertainty, not a confidence "
              "interval; seed noise is the replicate half-width at a fixed point):")
        print(format_spread(shown["spread"], sweep.metrics).to_string(index=False))
    else:
        print("\nMoney and effect per arm (mean [95% interval] across replicates):")
        print(shown["money"].to_string(index=False))
        if shown["note"]:
            print(f"note: {shown['note']}")
        print("\nPer arm (mean across replicates, 95% t interval):")
        print(format_summary(summary, sweep.metrics).to_string(index=False))
        print("\nPaired differences (same replicate = same seed in every arm):")
        print(format_paired(paired).to_string(index=False))
    if len(shown["quintiles"]):
        print("\nShare of need removed by council deprivation quintile (quintiles assigned "
              "within each run from its own deprivation; mean [95% interval] across "
              "replicates):")
        print(format_quintiles(shown["quintiles"]).to_string(index=False))
    _print_equity(shown["places"], baseline or DEFAULT_BASELINE)
    _print_branch(sweep, baseline)


def _print_branch(sweep, baseline) -> None:
    """Branching experiments: the shared history, and need removed after the branch month."""
    month = branch.branch_month(sweep)
    if month is None:
        return
    summary, paired = branch.compare_after_branch(sweep, month, baseline)
    print(f"\n{branch.sentence(month)}")
    print(f"\nNeed removed after month {month}, per arm (mean across replicates, 95% t "
          "interval):")
    print(format_summary(summary, sweep.metrics).to_string(index=False))
    print(f"\nPaired differences in need removed after month {month} (same replicate = same "
          "history and seed):")
    print(format_paired(paired).to_string(index=False))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python3 -m analysis.compare",
        description="Compare policy arms of a sweep: means with 95%% CIs and paired differences.")
    parser.add_argument("directory", help="sweep directory containing manifest.h5")
    parser.add_argument("-o", "--outdir", help="where to write CSVs (default DIR/analysis)")
    parser.add_argument("--outcomes", nargs="+", metavar="METRIC",
                        help="manifest metrics to compare (default: those whose `better` attribute "
                             "is higher or lower, and the money ones: spend, absorption, unspent "
                             "balances, leakage)")
    parser.add_argument("--baseline", metavar="ARM",
                        help="the arm the headline and paired differences are measured against "
                             "(default: the arm named 'baseline' if there is one, else all pairs "
                             "and no additional need)")
    parser.add_argument("--plots", action="store_true",
                        help="also write the comparison figures (PNG and SVG) to OUTDIR/plots "
                             "(off by default: figures take longer than the tables)")
    args = parser.parse_args(argv)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            sweep, summary, paired = compare(args.directory, args.outcomes,
                                             baseline=args.baseline)
            baseline = headline.resolve_baseline(sweep, args.baseline)
            outdir = Path(args.outdir) if args.outdir else Path(args.directory) / "analysis"
            outdir.mkdir(parents=True, exist_ok=True)
            shown = _write_tables(sweep, summary, paired, baseline, outdir)
            if args.plots:
                from . import plots
                plots.write_all(sweep, outdir / "plots")
    except (io.SweepError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for warning in caught:
        print(f"warning: {warning.message}", file=sys.stderr)
    with pd.option_context("display.width", 200, "display.max_colwidth", 60):
        _print(sweep, summary, paired, baseline, shown)
    print(f"\nwritten: CSV tables in {outdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
