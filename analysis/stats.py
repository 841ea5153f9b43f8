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
    present = [o for o in outcomes if o in ok.columns]
    # One table with a column per (outcome, arm), rows matched on the pairing keys: the same
    # pairs as merging two arms on the keys, built once instead of once per pair and outcome.
    indexed = ok.set_index(keys + ["arm"])
    if indexed.index.has_duplicates:
        indexed = indexed[~indexed.index.duplicated(keep="first")]
    wide = indexed[present].unstack("arm")
    exists = indexed.assign(_run=1.0)["_run"].unstack("arm").notna()
    rows = []
    for outcome in present:
        for first, second in pairs:
            if first not in exists or second not in exists:
                both = np.zeros(len(exists), bool)
            else:
                both = (exists[first] & exists[second]).to_numpy()
            a = wide[(outcome, first)].to_numpy()[both] if both.any() else np.array([])
            b = wide[(outcome, second)].to_numpy()[both] if both.any() else np.array([])
            result = paired_difference(a, b, level)
            base = float(np.nanmean(a)) if len(a) and np.isfinite(a).any() else np.nan
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


# Outcomes by deprivation (per run, from each run's own file: deprivation is redrawn per
# replicate, so a decile or council is never matched to another run's attributes).

def _pooled_share(frame: pd.DataFrame) -> float:
    start = frame["start_need"].sum()
    return float(frame["need_removed"].sum() / start) if start > 0 else np.nan


def decile_outcomes(deciles: pd.DataFrame, level: float = 0.95) -> pd.DataFrame:
    """Per arm and deprivation decile (1 = most deprived): share of the decile's first-month need
    removed over the run and need removed (means across runs, t intervals), public money its
    communities received, and need removed per GBP 1,000 received (ratio of means, bootstrap).

    `deciles` is equity_io.load_equity()["deciles"]: one row per run and decile.
    """
    rows = []
    frame = deciles.assign(share=deciles["need_removed"] / deciles["start_need"].where(
        deciles["start_need"] > 0))
    for arm in dict.fromkeys(frame["arm"]):
        for decile, sub in frame[frame["arm"] == arm].groupby("decile", sort=True):
            share = mean_ci(sub["share"], level)
            need = mean_ci(sub["need_removed"], level)
            per_k = ratio_ci(sub["need_removed"], sub["spend_gbp"] / 1000.0, level)
            rows.append({"arm": arm, "decile": int(decile), "share_removed": share[0],
                         "share_low": share[1], "share_high": share[2],
                         "need_removed": need[0], "need_low": need[1], "need_high": need[2],
                         "spend_gbp": float(sub["spend_gbp"].mean()),
                         "need_per_1000_gbp": per_k[0], "per_1000_low": per_k[1],
                         "per_1000_high": per_k[2], "n": share[3]})
    return pd.DataFrame(rows, columns=["arm", "decile", "share_removed", "share_low",
                                       "share_high", "need_removed", "need_low", "need_high",
                                       "spend_gbp", "need_per_1000_gbp", "per_1000_low",
                                       "per_1000_high", "n"])


def equity_gradient(deciles: pd.DataFrame, level: float = 0.95) -> pd.DataFrame:
    """Per arm: share of need removed in the most deprived fifth (deciles 1-2) minus the least
    deprived fifth (9-10), within each run, with its t interval across runs. The policy is
    'progressive' when the interval lies above zero, 'regressive' below, else 'unclear'."""
    rows = []
    for arm in dict.fromkeys(deciles["arm"]):
        gaps = []
        for _, run in deciles[deciles["arm"] == arm].groupby("run_id", sort=False):
            gaps.append(_pooled_share(run[run["decile"] <= 2]) -
                        _pooled_share(run[run["decile"] >= 9]))
        mean, low, high, n = mean_ci(gaps, level)
        verdict = ("progressive" if np.isfinite(low) and low > 0 else
                   "regressive" if np.isfinite(high) and high < 0 else "unclear")
        rows.append({"arm": arm, "gap": mean, "gap_low": low, "gap_high": high, "n": n,
                     "verdict": verdict})
    return pd.DataFrame(rows, columns=["arm", "gap", "gap_low", "gap_high", "n", "verdict"])


def council_additional_per_gbp(councils: pd.DataFrame, baseline: str,
                               level: float = 0.95) -> pd.DataFrame:
    """Per arm (not the baseline) and council: need removed over the baseline arm in the same
    replicate and council (paired), the additional public money the council's communities
    received, and additional need per GBP 1,000 (ratio of means with a bootstrap interval; NaN
    where the arm gave the council no more money than the baseline).

    `councils` is equity_io.load_equity()["councils"]: one row per run and council.
    """
    keys = [k for k in PAIR_KEYS if k in councils.columns] + ["council"]
    base = councils[councils["arm"] == baseline][keys + ["need_removed", "spend_gbp"]]
    rows = []
    for arm in dict.fromkeys(councils["arm"]):
        if arm == baseline:
            continue
        merged = councils[councils["arm"] == arm].merge(base, on=keys, suffixes=("", "_base"))
        for council, sub in merged.groupby("council", sort=True):
            extra_need = sub["need_removed"] - sub["need_removed_base"]
            extra_gbp = sub["spend_gbp"] - sub["spend_gbp_base"]
            per_k = ratio_ci(extra_need, extra_gbp / 1000.0, level)
            rows.append({"arm": arm, "council": int(council), "name": sub["name"].iloc[0],
                         "deprivation": float(sub["deprivation"].mean())
                         if "deprivation" in sub else np.nan,
                         "additional_need": float(extra_need.mean()),
                         "additional_gbp": float(extra_gbp.mean()),
                         "additional_need_per_1000_gbp": per_k[0], "per_1000_low": per_k[1],
                         "per_1000_high": per_k[2], "n_pairs": per_k[3]})
    return pd.DataFrame(rows, columns=["arm", "council", "name", "deprivation",
                                       "additional_need", "additional_gbp",
                                       "additional_need_per_1000_gbp", "per_1000_low",
                                       "per_1000_high", "n_pairs"])


def most_and_least(table: pd.DataFrame, column="additional_need_per_1000_gbp",
                   n: int = 5) -> pd.DataFrame:
    """Per arm, the n councils with the highest and the n with the lowest finite `column`,
    labelled 'most' / 'least' in a `rank` column (a council appears once if n covers all)."""
    pieces = []
    for arm in dict.fromkeys(table["arm"]):
        sub = table[(table["arm"] == arm) & np.isfinite(table[column])]
        ordered = sub.sort_values(column, ascending=False, kind="stable")
        top = ordered.head(n).assign(rank="most")
        bottom = ordered.iloc[len(top):].tail(n).assign(rank="least")
        pieces += [top, bottom]
    return pd.concat(pieces, ignore_index=True) if pieces else table.assign(rank=[])
