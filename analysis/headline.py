"""The short headline of a sweep: the few outcomes that matter (need removed, additional need
removed over the baseline arm, public money spent, need removed per GBP), one sentence each
with its interval, for compare (text) and the report (HTML).

Replicate sweeps give 95% intervals across paired replicates. When an arm spans several design
points (grid, lhs, sobol, morris, points), the figure is the median over design points of the
per-point value and the range is the spread over the design (parameter uncertainty), labelled
as such: it is never printed as a confidence interval.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from . import design_points, io, stats

NEED = stats.NEED_REMOVED
COLUMNS = ["quantity", "arm", "value", "low", "high", "n", "interval"]
CI = "95% interval across replicates"
SPREAD = "spread over design points, i.e. parameter uncertainty"


def resolve_baseline(sweep: io.Sweep, requested=None):
    """The arm the headline is measured against: `requested` (an error if absent), else an
    arm named 'baseline' if there is one, else None."""
    if requested is not None:
        if requested not in sweep.arms:
            raise io.SweepError(f"baseline arm {requested!r} not among arms {sweep.arms}")
        return requested
    return "baseline" if "baseline" in sweep.arms else None


def _ok(sweep: io.Sweep) -> pd.DataFrame:
    runs = sweep.runs.assign(point=design_points.point_ids(sweep))
    runs = runs[runs["status"] == "ok"] if "status" in runs else runs
    return runs.assign(_used=stats.public_money_used(runs) if stats.SPENT in runs else np.nan)


def _spread(values, level=0.95):
    v = np.asarray(values, float)
    v = v[np.isfinite(v)]
    if len(v) == 0:
        return np.nan, np.nan, np.nan, 0
    return (float(np.median(v)), float(np.quantile(v, (1 - level) / 2)),
            float(np.quantile(v, (1 + level) / 2)), len(v))


def _paired(ok, arm, baseline):
    keys = [k for k in stats.PAIR_KEYS if k in ok.columns] + ["point"]
    cols = keys + [NEED, "_used"]
    merged = ok[ok["arm"] == arm][cols].merge(ok[ok["arm"] == baseline][cols], on=keys,
                                              suffixes=("", "_base"))
    return merged.assign(extra_need=merged[NEED] - merged[NEED + "_base"],
                         extra_used=merged["_used"] - merged["_used_base"])


def headline_numbers(sweep: io.Sweep, baseline=None, level: float = 0.95) -> pd.DataFrame:
    """Tidy frame (quantity, arm, value, low, high, n, interval) of the headline quantities:
    need_removed, additional_need (over `baseline`), spend_gbp, need_per_gbp_m (additional need
    per additional GBP m used when there is a baseline, else need removed per GBP m spent)."""
    ok = _ok(sweep)
    design = design_points.has_design_points(sweep)
    rows = []

    def add(quantity, arm, result):
        rows.append(dict(zip(COLUMNS, (quantity, arm, *result, SPREAD if design else CI))))

    for arm in sweep.arms:
        sub = ok[ok["arm"] == arm]
        for quantity, column in (("need_removed", NEED), ("spend_gbp", stats.SPENT)):
            if column in sub:
                add(quantity, arm, _spread(sub.groupby("point")[column].mean(), level) if design
                    else stats.mean_ci(sub[column], level))
        if baseline is not None and arm != baseline and NEED in sub:
            pairs = _paired(ok, arm, baseline)
            if design:
                by_point = pairs.groupby("point")
                add("additional_need", arm, _spread(by_point["extra_need"].mean(), level))
                per = by_point["extra_need"].mean() / by_point["extra_used"].mean() * 1e6
                add("need_per_gbp_m", arm, _spread(per.where(by_point["extra_used"].mean() > 0),
                                                   level))
            else:
                add("additional_need", arm, stats.mean_ci(pairs["extra_need"], level))
                add("need_per_gbp_m", arm, _scaled(stats.ratio_ci(
                    pairs["extra_need"], pairs["extra_used"], level)))
        elif baseline is None and NEED in sub and stats.SPENT in sub:
            if design:
                by_point = sub.groupby("point")
                add("need_per_gbp_m", arm, _spread(
                    by_point[NEED].mean() / by_point[stats.SPENT].mean() * 1e6, level))
            else:
                add("need_per_gbp_m", arm, _scaled(stats.ratio_ci(sub[NEED], sub[stats.SPENT],
                                                                  level)))
    return pd.DataFrame(rows, columns=COLUMNS)


def _scaled(result):
    value, low, high, n = result
    return value * 1e6, low * 1e6, high * 1e6, n


def money(value) -> str:
    """GBP 23.5m / GBP 120k / GBP 950 (readable, 3 significant figures)."""
    if not np.isfinite(value):
        return "-"
    for size, suffix in ((1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if abs(value) >= size:
            return f"GBP {value / size:,.3g}{suffix}"
    return f"GBP {value:,.0f}"


def number(value, signed=False) -> str:
    if not np.isfinite(value):
        return "-"
    text = f"{value:,.3g}" if abs(value) < 1000 else f"{value:,.0f}"
    return ("+" + text) if signed and value > 0 else text


def _fmt(quantity, value):
    if quantity == "spend_gbp":
        return money(value)
    return number(value, signed=quantity == "additional_need")


TEMPLATES = {
    "need_removed": "Need removed over the run (need units)",
    "additional_need": "Additional need removed over {baseline} (need units; arm minus {baseline} "
                       "in the same replicate)",
    "spend_gbp": "Public money spent on communities and support (total spend)",
    "need_per_gbp_m": "Need removed per GBP m",
}


def sentences(numbers: pd.DataFrame, baseline=None) -> list:
    """One plain sentence per headline quantity: '<what>: arm value [low, high]; ... (<interval
    kind>, n ...).' in the order of TEMPLATES."""
    out = []
    for quantity, template in TEMPLATES.items():
        rows = numbers[numbers["quantity"] == quantity]
        if rows.empty:
            continue
        what = template.format(baseline=baseline)
        if quantity == "need_per_gbp_m":
            what = (f"Additional need removed per GBP m of additional public money used "
                    f"(spent or leaked) over {baseline}" if baseline else
                    "Need removed per GBP m of public money spent (no baseline arm, so this "
                    "includes what would have happened without the policy)")
        parts = [f"{r['arm']} {_fmt(quantity, r['value'])} [{_fmt(quantity, r['low'])}, "
                 f"{_fmt(quantity, r['high'])}]" for _, r in rows.iterrows()]
        n = int(rows["n"].min())
        kind = rows["interval"].iloc[0]
        count = f"{n} design points" if kind == SPREAD else f"{n} replicates"
        out.append(f"{what}: {'; '.join(parts)} ({kind}, {count}).")
    return out


def no_baseline_note(sweep: io.Sweep) -> str:
    return ("There is no baseline arm (no arm named 'baseline' and no --baseline ARM), so need "
            "removed over a baseline and per additional pound are not shown. Add a no-money arm "
            "like scenarios/baseline.yaml, or name one with --baseline. Arms: "
            + ", ".join(sweep.arms) + ".")
