"""Global sensitivity: Sobol indices from a Saltelli design, and Morris elementary effects.

No Debian package ships these estimators (SALib is not packaged, and scipy 1.10
predates scipy.stats.sobol_indices), so they are written here in numpy:
first-order S1 by Saltelli et al. (2010, Comput. Phys. Commun. 181) eq. (b),
total-order ST by Jansen (1999), intervals by bootstrap over base samples;
Morris (1991) mu, mu* (Campolongo et al. 2007) and sigma over trajectories.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from .io import SweepError, load_sweep


def ishigami(x, a: float = 7.0, b: float = 0.1):
    """Ishigami test function on [-pi, pi]^3: known analytic Sobol indices."""
    x = np.asarray(x, float)
    return np.sin(x[..., 0]) + a * np.sin(x[..., 1]) ** 2 + b * x[..., 2] ** 4 * np.sin(x[..., 0])


def _first_and_total(y_a, y_b, y_ab):
    """S1, ST arrays (k,) from y_a, y_b (n,) and y_ab (n, k); rows may be bootstrap stacks."""
    both = np.concatenate([y_a, y_b], axis=-1)
    # The S1 estimator is shift-invariant only in expectation; centring removes
    # the huge sampling noise an offset (e.g. need ~ 1000) would otherwise add.
    centre = both.mean(axis=-1, keepdims=True)
    y_a, y_b, y_ab = y_a - centre, y_b - centre, y_ab - centre[..., None]
    variance = np.var(both, axis=-1)[..., None]
    first = np.mean(y_b[..., None] * (y_ab - y_a[..., None]), axis=-2) / variance
    total = 0.5 * np.mean((y_a[..., None] - y_ab) ** 2, axis=-2) / variance
    return first, total


def sobol_indices(y_a, y_b, y_ab, names=None, n_boot: int = 1000, level: float = 0.95,
                  seed: int = 0) -> pd.DataFrame:
    """Sobol S1 and ST with percentile bootstrap intervals (resampling base rows j).

    y_ab[:, i] is the output at A with column i taken from B (the AB^(i) matrix).
    """
    y_a, y_b, y_ab = np.asarray(y_a, float), np.asarray(y_b, float), np.asarray(y_ab, float)
    n, k = y_ab.shape
    names = list(names) if names is not None else [f"x{i + 1}" for i in range(k)]
    first, total = _first_and_total(y_a, y_b, y_ab)
    rng = np.random.default_rng(seed)
    boot_first, boot_total = [], []
    # Chunked so a large N times n_boot never materialises at once.
    for start in range(0, n_boot, 100):
        idx = rng.integers(0, n, size=(min(100, n_boot - start), n))
        f, t = _first_and_total(y_a[idx], y_b[idx], y_ab[idx])
        boot_first.append(f)
        boot_total.append(t)
    q = [100 * (1 - level) / 2, 100 * (1 + level) / 2]
    fl, fh = (np.percentile(np.concatenate(boot_first), q, axis=0) if n_boot
              else (np.full(k, np.nan),) * 2)
    tl, th = (np.percentile(np.concatenate(boot_total), q, axis=0) if n_boot
              else (np.full(k, np.nan),) * 2)
    return pd.DataFrame({"parameter": names, "S1": first, "S1_low": fl, "S1_high": fh,
                         "ST": total, "ST_low": tl, "ST_high": th, "n_base": n})


def saltelli_ab(base_a, base_b):
    """AB matrices (n, k, k): AB[:, i] is A with column i replaced from B."""
    base_a, base_b = np.asarray(base_a, float), np.asarray(base_b, float)
    k = base_a.shape[1]
    ab = np.repeat(base_a[:, None, :], k, axis=1)
    for i in range(k):
        ab[:, i, i] = base_b[:, i]
    return ab


def morris_trajectories(r: int, k: int, levels: int = 4, seed: int = 0):
    """r Morris trajectories (r, k+1, k) on a `levels` grid in [0, 1], delta = p/(2(p-1))."""
    rng = np.random.default_rng(seed)
    delta = levels / (2 * (levels - 1))
    starts = np.arange(levels) / (levels - 1)
    starts = starts[starts <= 1 - delta + 1e-12]
    out = np.empty((r, k + 1, k))
    for t in range(r):
        lower = rng.choice(starts, size=k)
        direction = rng.choice([-1.0, 1.0], size=k)
        x = np.where(direction > 0, lower, lower + delta)
        out[t, 0] = x
        for step, i in enumerate(rng.permutation(k), start=1):
            x = x.copy()
            x[i] += direction[i] * delta
            out[t, step] = x
    return out


def morris_indices(x_unit, y, names=None, n_boot: int = 1000, seed: int = 0) -> pd.DataFrame:
    """mu, mu*, sigma of elementary effects from trajectories x_unit (r, k+1, k), y (r, k+1).

    Each step must change exactly one parameter; the effect is divided by the
    signed unit-cube step so it is comparable across parameters.
    """
    x_unit, y = np.asarray(x_unit, float), np.asarray(y, float)
    r, steps, k = x_unit.shape
    dx = np.diff(x_unit, axis=1)                     # (r, k, k)
    changed = np.argmax(np.abs(dx), axis=2)          # which parameter each step moved
    if np.any(np.count_nonzero(np.abs(dx) > 1e-12, axis=2) != 1):
        raise ValueError("each Morris step must change exactly one parameter")
    step_size = np.take_along_axis(dx, changed[..., None], axis=2)[..., 0]
    effects = np.full((r, k), np.nan)
    rows = np.repeat(np.arange(r)[:, None], k, axis=1)
    effects[rows, changed] = np.diff(y, axis=1) / step_size
    names = list(names) if names is not None else [f"x{i + 1}" for i in range(k)]
    mu_star = np.nanmean(np.abs(effects), axis=0)
    rng = np.random.default_rng(seed)
    boot = np.array([np.nanmean(np.abs(effects[rng.integers(0, r, r)]), axis=0)
                     for _ in range(n_boot)]) if n_boot else np.full((1, k), np.nan)
    return pd.DataFrame({"parameter": names, "mu": np.nanmean(effects, axis=0),
                         "mu_star": mu_star, "mu_star_low": np.percentile(boot, 2.5, axis=0),
                         "mu_star_high": np.percentile(boot, 97.5, axis=0),
                         "sigma": np.nanstd(effects, axis=0, ddof=1), "n_trajectories": r})


def _unit_params(sweep):
    """Parameter names and the (runs, k) values mapped onto the unit cube."""
    names = sweep.attrs.get("param_names")
    if names is None:
        raise SweepError("manifest lacks root attribute param_names")
    names = [str(n).removeprefix("param/") for n in np.atleast_1d(names)]
    lows = np.atleast_1d(np.asarray(sweep.attrs.get("param_lows"), float))
    highs = np.atleast_1d(np.asarray(sweep.attrs.get("param_highs"), float))
    absent = [n for n in names if n not in sweep.params.columns]
    if absent:
        raise SweepError(f"manifest has no /runs/param/ dataset for {', '.join(absent)}")
    values = sweep.params[names].to_numpy(float)
    return names, (values - lows) / np.where(highs > lows, highs - lows, 1.0)


def _sobol_for_arm(runs, outcome, k, names, n_boot, seed):
    table = runs.groupby(["sample_index", "saltelli_role"])[outcome].mean().unstack()
    table = table.reindex(columns=range(k + 2))
    complete = table.dropna()
    if len(complete) < 2:
        raise SweepError(f"fewer than two complete Saltelli blocks for {outcome!r}")
    res = sobol_indices(complete[0], complete[1], complete[list(range(2, k + 2))].to_numpy(),
                        names, n_boot=n_boot, seed=seed)
    res["n_dropped"] = len(table) - len(complete)
    return res


def _morris_for_arm(runs, x_unit, outcome, k, names, n_boot, seed):
    runs = runs.assign(_row=np.arange(len(runs)))
    xs, ys = [], []
    for _, traj in runs.groupby("sample_index"):
        steps = traj.groupby("morris_step")
        y = steps[outcome].mean().reindex(range(k + 1))
        if y.isna().any():
            continue  # a failed run breaks the chain of effects in its trajectory
        first_rows = steps["_row"].first().reindex(range(k + 1)).to_numpy(int)
        xs.append(x_unit[first_rows])
        ys.append(y.to_numpy())
    if len(xs) < 2:
        raise SweepError(f"fewer than two complete Morris trajectories for {outcome!r}")
    return morris_indices(np.array(xs), np.array(ys), names, n_boot=n_boot, seed=seed)


def sensitivity_from_manifest(directory, outcome: str, n_boot: int = 1000,
                              seed: int = 0) -> pd.DataFrame:
    """Sobol (S1, ST) or Morris (mu*, sigma) indices of one outcome, per arm."""
    sweep = load_sweep(directory, metrics=[outcome])
    if outcome not in sweep.runs.columns:
        raise SweepError(f"outcome {outcome!r} not in manifest metrics")
    design = sweep.design
    if design not in ("sobol", "morris"):
        raise SweepError(f"design is {design!r}; sensitivity needs a 'sobol' or 'morris' sweep")
    names, x_unit = _unit_params(sweep)
    runs = sweep.runs.copy()
    runs.loc[runs["status"] != "ok", outcome] = np.nan
    results = []
    for arm in sweep.arms:
        mask = (runs["arm"] == arm).to_numpy()
        if design == "sobol":
            if "saltelli_role" not in runs:
                raise SweepError("sobol manifest lacks /runs/saltelli_role")
            res = _sobol_for_arm(runs[mask], outcome, len(names), names, n_boot, seed)
        else:
            if "morris_step" not in runs:
                raise SweepError("morris manifest lacks /runs/morris_step")
            res = _morris_for_arm(runs[mask].reset_index(drop=True), x_unit[mask], outcome,
                                  len(names), names, n_boot, seed)
        results.append(res.assign(arm=arm, outcome=outcome, method=design))
    return pd.concat(results, ignore_index=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m analysis.sensitivity",
                                     description="Sobol or Morris indices of a sweep outcome.")
    parser.add_argument("directory", help="sweep directory with manifest.h5")
    parser.add_argument("--outcome", default="final_total_need")
    parser.add_argument("--bootstrap", type=int, default=1000, help="bootstrap resamples")
    parser.add_argument("-o", "--output", help="CSV path (default DIR/analysis/sensitivity_<outcome>.csv)")
    parser.add_argument("--plot", action="store_true", help="also write a bar chart (PNG+SVG)")
    args = parser.parse_args(argv)
    try:
        table = sensitivity_from_manifest(args.directory, args.outcome, n_boot=args.bootstrap)
        out = Path(args.output or Path(args.directory) / "analysis" /
                   f"sensitivity_{args.outcome}.csv")
        out.parent.mkdir(parents=True, exist_ok=True)
        table.to_csv(out, index=False)
        if args.plot:
            from . import plots
            plots.save_figure(plots.sensitivity_bars(table), out.parent,
                              f"sensitivity_{args.outcome}")
    except (SweepError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    from .report_sections import SENSITIVITY_METHOD, sensitivity_words

    units = load_sweep(args.directory, metrics=[args.outcome]).metrics.get(
        args.outcome, {}).get("units", "")
    with pd.option_context("display.width", 160, "display.max_columns", 20):
        print(f"{args.outcome} ({units or 'units not recorded'}), {table['method'].iloc[0]}:")
        print(table.to_string(index=False, float_format=lambda v: f"{v:.4g}"))
    print()
    for sentence in sensitivity_words(table, units):
        print(f"- {sentence}")
    print(f"\nWhat the columns mean: {SENSITIVITY_METHOD}")
    print(f"\nwritten: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
