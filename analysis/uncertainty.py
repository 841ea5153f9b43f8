"""`python3 -m analysis.uncertainty DIR`: how the policy difference moves over the plausible
range of the parameters nobody has calibrated.

Input: a sweep with a no-money `baseline` arm and two policy arms, over a sample design
(LHS or Sobol) of uncalibrated parameters (e.g. `scenarios/experiments/parameter_uncertainty.yaml`,
which draws every "assumption" parameter from its plausible range). Per design point, each
arm's additional need removed per GBP m of additional public money (paired with the baseline
by design point and replicate, as the headline does), and the difference between the arms.

Reported:
- the distribution of the difference over parameter space (median, 5-95% and 25-75%),
- the share of parameter space where each arm wins, with a Wilson interval for the finite
  number of points,
- how much of the spread is seed noise (within-point variance across replicates, when the
  design has replicates) and how much is parameters,
- which parameters decide the difference: Spearman rank correlation and partial rank
  correlation (PRCC, Marino et al. 2008, J Theor Biol 254) of each parameter with the
  difference, and the share of points where the second arm wins in the lowest and highest
  third of each parameter's range.
Seed noise at one parameter point is the policy comparison's interval (`analysis.compare`);
this module is the other half of the headline and says so in its output.
"""
from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats as sps

from . import io, stats

PER_GBP_M = 1e6  # report per GBP million: readable numbers
DEFAULT_ARMS = ("centralised", "devolved")
FAMILY_ALPHA = 0.05  # error rate over all parameters tested together (Bonferroni)


def choose_arms(arms, baseline, pair=None) -> tuple:
    """(first, second) policy arms: `pair` when given, else centralised and devolved, else the
    first two arms that are not the baseline."""
    if pair:
        missing = [a for a in pair if a not in arms]
        if missing:
            raise io.SweepError(f"arm(s) {missing} not among arms {arms}")
        return tuple(pair)
    if all(a in arms for a in DEFAULT_ARMS):
        return DEFAULT_ARMS
    others = [a for a in arms if a != baseline]
    if len(others) < 2:
        raise io.SweepError(f"need two policy arms besides {baseline!r}; arms are {arms}")
    return others[0], others[1]


def point_effects(sweep: io.Sweep, baseline: str, pair=None) -> pd.DataFrame:
    """One row per design point: parameter values, each arm's additional need per GBP m over
    the baseline (ratio of replicate means, as the headline) and `difference` = second - first.

    Also `difference_seed_var`: the variance of the per-replicate difference within the point
    divided by the replicates (the seed noise of that point's mean), NaN with one replicate.
    """
    if baseline not in sweep.arms:
        raise io.SweepError(f"no {baseline!r} arm in {sweep.directory}: the per-pound effect "
                            "needs a no-money baseline arm (see scenarios/baseline.yaml)")
    first, second = choose_arms(sweep.arms, baseline, pair)
    runs = sweep.runs.join(sweep.params)
    runs = runs[runs["status"] == "ok"].assign(_used=stats.public_money_used(runs))
    keys = ["sample_index", "replicate"]
    base = runs[runs["arm"] == baseline][keys + [stats.NEED_REMOVED, "_used"]]
    per_arm = {}
    for arm in (first, second):
        merged = runs[runs["arm"] == arm].merge(base, on=keys, suffixes=("", "_base"))
        merged["extra_need"] = merged[stats.NEED_REMOVED] - merged[stats.NEED_REMOVED + "_base"]
        merged["extra_used"] = merged["_used"] - merged["_used_base"]
        per_arm[arm] = merged
    a, b = per_arm[first], per_arm[second]
    # The sampled parameters only: the manifest also has a column for each parameter the arms
    # set differently (e.g. central.mode), which is constant within one arm.
    names = sweep.attrs.get("param_names")
    swept = ([str(n).removeprefix("param/") for n in np.atleast_1d(names)] if names is not None
             else list(sweep.params.columns))
    table = a.groupby("sample_index")[swept].first()
    for arm, frame in ((first, a), (second, b)):
        means = frame.groupby("sample_index")[["extra_need", "extra_used"]].mean()
        used = means["extra_used"].where(means["extra_used"] > 0)
        table[f"per_gbp_m_{arm}"] = means["extra_need"] / used * PER_GBP_M
    table["difference"] = table[f"per_gbp_m_{second}"] - table[f"per_gbp_m_{first}"]
    table["difference_seed_var"] = _seed_variance(a, b).reindex(table.index)
    table = table.reset_index()
    table.attrs.update(first=first, second=second, baseline=baseline,
                       parameters=swept)
    return table


def _seed_variance(a: pd.DataFrame, b: pd.DataFrame) -> pd.Series:
    """Per point, the variance of its mean difference due to seeds: per-replicate differences
    of the per-GBP-m ratios, variance / n. NaN with fewer than two paired replicates."""
    keys = ["sample_index", "replicate"]
    cols = keys + ["extra_need", "extra_used"]
    merged = a[cols].merge(b[cols], on=keys, suffixes=("_a", "_b"))
    ratio = {s: merged[f"extra_need{s}"] / merged[f"extra_used{s}"].where(
        merged[f"extra_used{s}"] > 0) for s in ("_a", "_b")}
    merged["diff"] = (ratio["_b"] - ratio["_a"]) * PER_GBP_M
    grouped = merged.dropna(subset=["diff"]).groupby("sample_index")["diff"]
    return (grouped.var(ddof=1) / grouped.count()).where(grouped.count() >= 2)


def seed_noise_difference(sweep: io.Sweep, baseline: str, pair=None, level: float = 0.95,
                          n_boot: int = 4000, seed: int = 13) -> dict:
    """The difference (second - first) in additional need per GBP m at ONE parameter point,
    with its seed-noise interval: replicates paired across the three arms (same seed),
    ratio of means per arm, percentile bootstrap over whole replicates."""
    first, second = choose_arms(sweep.arms, baseline, pair)
    runs = sweep.runs[sweep.runs["status"] == "ok"]
    runs = runs.assign(_used=stats.public_money_used(runs))
    keys = [k for k in stats.PAIR_KEYS if k in runs.columns]
    cols = keys + [stats.NEED_REMOVED, "_used"]
    merged = runs[runs["arm"] == baseline][cols]
    for arm in (first, second):
        merged = merged.merge(runs[runs["arm"] == arm][cols], on=keys, suffixes=("", "_" + arm))
    need = {a: (merged[f"{stats.NEED_REMOVED}_{a}"] - merged[stats.NEED_REMOVED]).to_numpy(float)
            for a in (first, second)}
    used = {a: (merged[f"_used_{a}"] - merged["_used"]).to_numpy(float) for a in (first, second)}
    n = len(merged)

    def diff(idx):
        ratios = [need[a][idx].mean() / used[a][idx].mean() if used[a][idx].mean() > 0
                  else np.nan for a in (first, second)]
        return (ratios[1] - ratios[0]) * PER_GBP_M

    if n == 0:
        return {"first": first, "second": second, "difference": np.nan, "low": np.nan,
                "high": np.nan, "replicates": 0}
    point = float(diff(np.arange(n)))
    low = high = np.nan
    if n >= 2:
        picks = np.random.default_rng(seed).integers(0, n, size=(n_boot, n))
        draws = np.array([diff(p) for p in picks])
        low, high = np.nanquantile(draws, [(1 - level) / 2, (1 + level) / 2])
    return {"first": first, "second": second, "difference": point, "low": float(low),
            "high": float(high), "replicates": n}


def wilson(successes: int, n: int, level: float = 0.95) -> tuple:
    """Wilson score interval of a proportion (good at shares near 0 or 1 and small n)."""
    if n == 0:
        return np.nan, np.nan
    z = sps.norm.ppf(0.5 + level / 2)
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return float(centre - half), float(centre + half)


def summarise(table: pd.DataFrame) -> dict:
    """The distribution of the difference over parameter space and who wins where."""
    d = table["difference"].to_numpy(float)
    d = d[np.isfinite(d)]
    n = len(d)
    if n == 0:
        raise io.SweepError("no design point has a finite per-pound difference")
    first, second = table.attrs["first"], table.attrs["second"]
    second_wins, first_wins = int((d > 0).sum()), int((d < 0).sum())
    q = np.quantile(d, [0.05, 0.25, 0.5, 0.75, 0.95])
    out = {"first": first, "second": second, "points": n, "mean": float(d.mean()),
           "q05": q[0], "q25": q[1], "median": q[2], "q75": q[3], "q95": q[4],
           f"share_{second}_wins": second_wins / n, f"share_{first}_wins": first_wins / n}
    out[f"share_{first}_wins_low"], out[f"share_{first}_wins_high"] = wilson(first_wins, n)
    out[f"share_{second}_wins_low"], out[f"share_{second}_wins_high"] = wilson(second_wins, n)
    seed_var = table["difference_seed_var"].to_numpy(float)
    total_var = float(np.var(d, ddof=1)) if n > 1 else np.nan
    out["seed_noise_share_of_variance"] = (float(np.nanmean(seed_var)) / total_var
                                           if np.isfinite(seed_var).any() and total_var > 0
                                           else np.nan)
    return out


def prcc(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Partial rank correlation of each column of x with y, controlling for the other columns:
    rank-transform, regress each of x_j and y on the other x's, correlate the residuals."""
    rx = np.apply_along_axis(sps.rankdata, 0, x)
    ry = sps.rankdata(y)
    n, k = rx.shape
    out = np.full(k, np.nan)
    for j in range(k):
        others = np.column_stack([np.ones(n), np.delete(rx, j, axis=1)])
        res_x = rx[:, j] - others @ np.linalg.lstsq(others, rx[:, j], rcond=None)[0]
        res_y = ry - others @ np.linalg.lstsq(others, ry, rcond=None)[0]
        if res_x.std() > 0 and res_y.std() > 0:
            out[j] = float(np.corrcoef(res_x, res_y)[0, 1])
    return out


def drivers(table: pd.DataFrame) -> pd.DataFrame:
    """Per parameter: Spearman and (when points allow) PRCC with the difference, their
    p-values, and the share of points the second arm wins in the low and high thirds of the
    parameter's sampled range; sorted by |Spearman|."""
    params = [p for p in table.attrs["parameters"] if table[p].nunique() > 1]
    keep = np.isfinite(table["difference"].to_numpy(float))
    data = table[keep]
    y = data["difference"].to_numpy(float)
    n, k = len(data), len(params)
    if n < 4 or k == 0:
        return pd.DataFrame()
    x = data[params].to_numpy(float)
    partial = prcc(x, y) if n > k + 3 else np.full(k, np.nan)
    second = table.attrs["second"]
    rows = []
    for j, name in enumerate(params):
        rho, p_rho = sps.spearmanr(x[:, j], y)
        low_cut, high_cut = np.quantile(x[:, j], [1 / 3, 2 / 3])
        low, high = y[x[:, j] <= low_cut], y[x[:, j] >= high_cut]
        rows.append({"parameter": name, "spearman": float(rho), "spearman_p": float(p_rho),
                     "prcc": partial[j], "prcc_p": _prcc_p(partial[j], n, k),
                     f"share_{second}_wins_low_third": float((low > 0).mean()),
                     f"share_{second}_wins_high_third": float((high > 0).mean())})
    frame = pd.DataFrame(rows)
    # Many parameters are tested at once, so a parameter is called decisive only when its
    # Spearman p-value survives Bonferroni's correction over all of them.
    frame["decisive"] = frame["spearman_p"] < FAMILY_ALPHA / max(k, 1)
    return frame.reindex(frame["spearman"].abs().sort_values(ascending=False).index) \
        .reset_index(drop=True)


def _prcc_p(r: float, n: int, k: int) -> float:
    """Two-sided p-value of a PRCC: t = r sqrt((n - 2 - p) / (1 - r^2)), p = k - 1 controls."""
    dof = n - 2 - (k - 1)
    if not np.isfinite(r) or dof < 1 or abs(r) >= 1:
        return np.nan
    t = r * np.sqrt(dof / (1 - r * r))
    return float(2 * sps.t.sf(abs(t), dof))


def analyse(directory, baseline="baseline", pair=None):
    """(sweep, per-point table, summary dict, drivers table) for a sweep directory."""
    sweep = io.load_sweep(directory)
    if sweep.design not in ("lhs", "sobol", "points"):
        raise io.SweepError(f"{directory}: design {sweep.design!r} is not a sample of "
                            "parameter space (lhs, sobol or points)")
    table = point_effects(sweep, baseline, pair)
    return sweep, table, summarise(table), drivers(table)


def sentence(summary: dict, decisive: pd.DataFrame | None = None) -> str:
    """The plain-language statement of the parameter spread (no HTML)."""
    first, second = summary["first"], summary["second"]
    text = (f"Over {summary['points']} points spread across the plausible ranges of the "
            f"uncalibrated parameters, {second} minus {first} additional need removed per GBP m "
            f"has median {summary['median']:,.0f}, 90% of parameter space between "
            f"{summary['q05']:,.0f} and {summary['q95']:,.0f}; {first} wins in "
            f"{100 * summary[f'share_{first}_wins']:.0f}% of parameter space (95% interval "
            f"{100 * summary[f'share_{first}_wins_low']:.0f}-"
            f"{100 * summary[f'share_{first}_wins_high']:.0f}%).")
    if decisive is not None and len(decisive):
        strong = decisive[decisive["decisive"]].head(3)
        if len(strong):
            names = ", ".join(f"{r.parameter} ({r.spearman:+.2f})" for r in strong.itertuples())
            text += (f" The parameters that most decide it are {names} (Spearman rank "
                     f"correlation, significant after Bonferroni over {len(decisive)} "
                     "parameters).")
        else:
            text += (f" No single parameter of the {len(decisive)} sampled is significantly "
                     "associated with it at this number of points (Bonferroni).")
    return text


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m analysis.uncertainty",
                                     description="Policy difference over parameter uncertainty.")
    parser.add_argument("directory", help="sweep directory (sample design with a baseline arm)")
    parser.add_argument("-o", "--outdir", help="where to write CSVs (default DIR/analysis)")
    parser.add_argument("--baseline", default="baseline", help="the no-money arm")
    parser.add_argument("--arms", nargs=2, metavar=("FIRST", "SECOND"),
                        help="the two policy arms (default centralised devolved)")
    args = parser.parse_args(argv)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            _, table, summary, decisive = analyse(args.directory, args.baseline, args.arms)
        outdir = Path(args.outdir) if args.outdir else Path(args.directory) / "analysis"
        outdir.mkdir(parents=True, exist_ok=True)
        table.to_csv(outdir / "uncertainty_points.csv", index=False)
        pd.DataFrame([summary]).to_csv(outdir / "uncertainty_summary.csv", index=False)
        decisive.to_csv(outdir / "uncertainty_drivers.csv", index=False)
    except (io.SweepError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(sentence(summary, decisive))
    with pd.option_context("display.width", 200):
        print(decisive.round(3).to_string(index=False))
    print(f"written: {outdir}/uncertainty_points.csv, uncertainty_summary.csv, "
          "uncertainty_drivers.csv")
    return 0


if __name__ == "__main__":
    sys.exit(main())
