"""Across-replicate statistics: means with confidence intervals and paired arm differences.

Arms share random numbers (same replicate index = same seed in every arm), so
differences are computed within replicate pairs: the shared noise cancels and
the intervals are much tighter than comparing two independent means.
"""
from __future__ import annotations

import itertools
import warnings

import numpy as np
import pandas as pd
from scipy import stats

# Which way is better, names and units come from the files' attributes (written by the
# engine's metric registry), never from lists kept here.


def label(name: str) -> str:
    """Readable name of a metric: 'cost_per_need_reduced_gbp' -> 'cost per need reduced (GBP)'."""
    if name.endswith("_gbp"):
        return name[:-4].replace("_", " ") + " (GBP)"
    return name.replace("_", " ")


# Pairing key: same replicate and same design point = same seed under CRN.
PAIR_KEYS = ("sample_index", "saltelli_role", "morris_step", "replicate")


def mean_ci(values, level: float = 0.95) -> tuple:
    """(mean, low, high, n) with a Student-t interval; NaNs (failed runs) dropped.

    The t interval is exact for normal data and close for the sample sizes and
    mildly skewed outcomes of a replicate sweep; fewer than two values give NaN bounds.
    """
    x = np.asarray(values, dtype=float)
    x = x[np.isfinite(x)]
    n = len(x)
    if n == 0:
        return np.nan, np.nan, np.nan, 0
    mean = float(x.mean())
    if n < 2:
        return mean, np.nan, np.nan, n
    half = stats.t.ppf(0.5 + level / 2, n - 1) * x.std(ddof=1) / np.sqrt(n)
    return mean, mean - half, mean + half, n


def summarise_arms(runs: pd.DataFrame, outcomes, level: float = 0.95) -> pd.DataFrame:
    """One row per (arm, outcome): mean, CI, sd, n ok, n failed."""
    rows = []
    arms = list(dict.fromkeys(runs["arm"]))
    for outcome in outcomes:
        if outcome not in runs.columns:
            warnings.warn(f"outcome {outcome!r} not in manifest; skipped")
            continue
        for arm in arms:
            sub = runs[runs["arm"] == arm]
            ok = sub[sub["status"] == "ok"][outcome] if "status" in sub else sub[outcome]
            mean, low, high, n = mean_ci(ok, level)
            rows.append({"outcome": outcome, "arm": arm, "mean": mean, "ci_low": low,
                         "ci_high": high, "sd": float(np.nanstd(ok, ddof=1)) if n > 1 else np.nan,
                         "n": n, "n_not_ok": int(len(sub) - n)})
    return pd.DataFrame(rows, columns=["outcome", "arm", "mean", "ci_low", "ci_high",
                                       "sd", "n", "n_not_ok"])


def paired_difference(a, b, level: float = 0.95) -> dict:
    """Statistics of b - a for matched samples: mean, CI, paired t and Wilcoxon p-values."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    keep = np.isfinite(a) & np.isfinite(b)
    diff = b[keep] - a[keep]
    mean, low, high, n = mean_ci(diff, level)
    t_p = w_p = np.nan
    if n >= 2 and np.ptp(diff) > 0:
        t_p = float(stats.ttest_rel(b[keep], a[keep]).pvalue)
    elif n >= 2 and mean != 0:
        t_p = 0.0  # every pair differs by the same nonzero amount: no doubt at all
    if n >= 1 and np.any(diff != 0):
        with warnings.catch_warnings():
            # scipy warns that small samples use the normal approximation; the
            # p-value is still the one a reader would compute, so keep it quiet.
            warnings.simplefilter("ignore")
            w_p = float(stats.wilcoxon(diff).pvalue)
    return {"mean_diff": mean, "ci_low": low, "ci_high": high, "n_pairs": n,
            "t_pvalue": t_p, "wilcoxon_pvalue": w_p}


def _verdict(direction, first, second, low, high):
    """Which arm the interval favours, or 'unclear' when it straddles zero."""
    if not (np.isfinite(low) and np.isfinite(high)) or low <= 0 <= high:
        return "unclear"
    if direction not in ("higher", "lower"):
        # No agreed better direction (e.g. total spend): say which is higher, not better.
        return f"{second if low > 0 else first} higher"
    second_higher = low > 0
    return second if second_higher == (direction == "higher") else first


def paired_differences(runs: pd.DataFrame, outcomes, pairs=None,
                       level: float = 0.95, better=None) -> pd.DataFrame:
    """Paired differences (second minus first) for each pair of arms and outcome.

    `pairs` defaults to every pair of arms in order of appearance. Runs are
    matched on sample_index and replicate; unmatched or failed runs drop out.
    `better` maps outcome -> "higher"/"lower"/"neither"; by default it is the
    manifest's `better` attributes, which io.load_sweep attaches to `runs`.
    """
    better = dict(runs.attrs.get("better", {}) if better is None else better)
    ok = runs[runs["status"] == "ok"] if "status" in runs else runs
    arms = list(dict.fromkeys(runs["arm"]))
    pairs = list(pairs) if pairs is not None else list(itertools.combinations(arms, 2))
    keys = [k for k in PAIR_KEYS if k in ok.columns]
    rows = []
    for outcome in outcomes:
        if outcome not in ok.columns:
            continue
        for first, second in pairs:
            left = ok[ok["arm"] == first][keys + [outcome]]
            right = ok[ok["arm"] == second][keys + [outcome]]
            merged = left.merge(right, on=keys, suffixes=("_a", "_b"))
            result = paired_difference(merged[outcome + "_a"], merged[outcome + "_b"], level)
            base = float(np.nanmean(merged[outcome + "_a"])) if len(merged) else np.nan
            rel = result["mean_diff"] / abs(base) if base else np.nan
            rows.append({"outcome": outcome, "arm_a": first, "arm_b": second,
                         **result, "relative_diff": rel,
                         "favours": _verdict(better.get(outcome), first, second,
                                             result["ci_low"], result["ci_high"])})
    return pd.DataFrame(rows, columns=["outcome", "arm_a", "arm_b", "mean_diff", "ci_low",
                                       "ci_high", "n_pairs", "t_pvalue", "wilcoxon_pvalue",
                                       "relative_diff", "favours"])


def band(values: pd.DataFrame, level: float = 0.95) -> pd.DataFrame:
    """Mean and central `level` band across replicates of a tidy (arm, month, value) table."""
    lo_q, hi_q = (1 - level) / 2, 1 - (1 - level) / 2
    grouped = values.groupby(["arm", "month"], sort=False)["value"]
    out = grouped.agg(mean="mean", low=lambda v: v.quantile(lo_q),
                      high=lambda v: v.quantile(hi_q), n="count")
    return out.reset_index()


# The headline's money columns (manifest names). `used` = spent + leaked: every pound that left
# public budgets, what "per pound" divides by.
NEED_REMOVED = "cumulative_need_reduced"
SPENT = "total_spend_gbp"
LEAKED = "total_leakage_gbp"


def public_money_used(runs: pd.DataFrame) -> pd.Series:
    """Public money spent plus leaked per run (leakage counts 0 when the manifest lacks it)."""
    leaked = runs[LEAKED].fillna(0.0) if LEAKED in runs else 0.0
    return runs[SPENT] + leaked


def ratio_ci(numerator, denominator, level: float = 0.95, n_boot: int = 4000,
             seed: int = 12) -> tuple:
    """(ratio of means, low, high, n) for matched pairs, with a percentile bootstrap interval.

    The ratio of means (not the mean of per-replicate ratios) stays stable when a
    replicate's denominator is small; resampling whole pairs keeps their correlation.
    NaN when the mean denominator is not positive (no additional money, no price).
    """
    x, y = np.asarray(numerator, float), np.asarray(denominator, float)
    keep = np.isfinite(x) & np.isfinite(y)
    x, y = x[keep], y[keep]
    n = len(x)
    if n == 0 or y.mean() <= 0:
        return np.nan, np.nan, np.nan, n
    point = float(x.mean() / y.mean())
    if n < 2:
        return point, np.nan, np.nan, n
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, n, size=(n_boot, n))
    num, den = x[picks].mean(axis=1), y[picks].mean(axis=1)
    ratios = np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)
    low, high = np.nanquantile(ratios, [(1 - level) / 2, (1 + level) / 2])
    return point, float(low), float(high), n


def additional_over_baseline(runs: pd.DataFrame, baseline: str,
                             level: float = 0.95) -> pd.DataFrame:
    """Per arm: need removed over `baseline` and per additional pound used, paired by replicate.

    Additional need = arm minus baseline need removed in the same replicate (same seed);
    per pound = mean additional need / mean additional public money used (spent + leaked),
    so the councils' own budgets, which the baseline spends too, are not counted twice.
    """
    ok = runs[runs["status"] == "ok"] if "status" in runs else runs
    ok = ok.assign(_used=public_money_used(ok))
    keys = [k for k in PAIR_KEYS if k in ok.columns]
    base = ok[ok["arm"] == baseline][keys + [NEED_REMOVED, "_used"]]
    rows = []
    for arm in dict.fromkeys(ok["arm"]):
        if arm == baseline:
            continue
        merged = ok[ok["arm"] == arm][keys + [NEED_REMOVED, "_used"]].merge(
            base, on=keys, suffixes=("", "_base"))
        extra_need = merged[NEED_REMOVED] - merged[NEED_REMOVED + "_base"]
        extra_used = merged["_used"] - merged["_used_base"]
        need = mean_ci(extra_need, level)
        per_gbp = ratio_ci(extra_need, extra_used, level)
        rows.append({"arm": arm, "additional_need": need[0], "additional_need_low": need[1],
                     "additional_need_high": need[2], "additional_gbp_used": extra_used.mean(),
                     "additional_need_per_gbp": per_gbp[0], "per_gbp_low": per_gbp[1],
                     "per_gbp_high": per_gbp[2], "n_pairs": need[3]})
    return pd.DataFrame(rows, columns=["arm", "additional_need", "additional_need_low",
                                       "additional_need_high", "additional_gbp_used",
                                       "additional_need_per_gbp", "per_gbp_low", "per_gbp_high",
                                       "n_pairs"])
