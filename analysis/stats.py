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
