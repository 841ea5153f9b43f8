"""Write small synthetic sweeps in the engine's documented file format.

Used by the tests (so the analysis is checked against the format contract, not
against whatever the engine happens to write today) and for trying the report
before a real sweep exists: `python3 -m analysis.synthetic OUTDIR`.
The numbers are invented; only the layout and the known effects matter.
"""
from __future__ import annotations

import re
import sys
from functools import lru_cache
from pathlib import Path

import h5py
import numpy as np
import pandas as pd

from .sensitivity import ishigami, morris_trajectories, saltelli_ab

ARMS = ("centralised", "devolved", "mixed")
# Known true differences in final total need (arm minus centralised), for tests. The optional
# no-money `baseline` arm leaves 40 more need than centralised and spends a tenth as much.
ARM_NEED_EFFECT = {"centralised": 0.0, "devolved": -60.0, "mixed": -25.0, "baseline": 40.0}
ARM_SPEND_SCALE = {"baseline": 0.1}
# Known equity of each arm: how much more of its need the most deprived decile has removed than
# the least deprived (0: the same share everywhere), for the decile tests.
ARM_DECILE_TILT = {"devolved": 0.8, "centralised": -0.5}
START_NEED = 1500.0  # every arm starts from the same population
INCOME_SOURCES = ("council_grant", "council_contract", "central_programme", "challenge_prize",
                  "earned", "donations", "social_investment")
SPEND_LINES = {"open_grants": "council_grant", "contracts": "council_contract",
               "central_programme": "central_programme", "challenge_prize": "challenge_prize"}
SCENARIO_TEXT = "name: synthetic\nmonths: {months}\ncouncils: {councils}\n"
# Generated from the engine's metric registry (`localism metrics --markdown`, kept fresh by a
# test), so synthetic files carry the engine's names, units and better directions.
METRICS_DOC = Path(__file__).resolve().parent.parent / "docs" / "metrics.md"


@lru_cache(maxsize=None)
def registry() -> dict:
    """{scope: {name: {units, description, better, scope}}} parsed from docs/metrics.md."""
    scopes, scope = {}, None
    for line in METRICS_DOC.read_text().splitlines():
        heading = re.match(r"## .*\(scope `(\w+)`\)", line)
        if heading:
            scope = heading.group(1)
            scopes[scope] = {}
            continue
        row = re.match(r"\| `([^`]+)` \| (.*?) \| (\w+) \| (.*) \|$", line)
        if row and scope is not None:
            name, units, better, description = row.groups()
            scopes[scope][name] = {"units": units, "description": description,
                                   "better": better, "scope": scope}
    return scopes


def _label(dataset, scope, name):
    """The engine's attributes for a dataset of `scope` (a synthetic note if unknown)."""
    entry = registry().get(scope, {}).get(name)
    entry = entry or {"units": "1", "description": f"synthetic {name}", "better": "neither",
                      "scope": scope}
    for key, value in entry.items():
        dataset.attrs[key] = value


def _string_data(values, style):
    if style == "fixed":
        encoded = [str(v).encode() for v in values]
        width = max([len(v) for v in encoded] + [1])
        return np.array(encoded, dtype=f"S{width}")
    return np.array([str(v) for v in values], dtype=h5py.string_dtype())


def _put_attr(obj, key, value, style):
    if isinstance(value, str) and style == "fixed":
        obj.attrs[key] = np.bytes_(value.encode())
    else:
        obj.attrs[key] = value


def _national_series(final_need, months, rng, wiggle):
    """Need falling smoothly from 1.25x to `final_need`, the other metrics consistent."""
    t = np.arange(1, months + 1)
    start = START_NEED
    shape = (1 - np.exp(-3 * t / months)) / (1 - np.exp(-3))
    total = start - (start - final_need) * shape + wiggle * rng.normal(0, 1, months)
    total[-1] = final_need
    reduced = np.maximum(np.diff(np.concatenate([[start], total])) * -1, 0)
    series = {"total_need": total, "mean_need": total / 100, "need_reduced": reduced,
              "cumulative_need_reduced": np.cumsum(reduced),
              "count_active": np.round(20 + 10 * shape + rng.normal(0, 1, months)),
              "need_gini_communities": 0.3 + 0.02 * rng.random(months),
              "usual_suspects_share": 0.5 + 0.05 * rng.random(months),
              "survival_12m": np.clip(0.6 + 0.1 * rng.random(months), 0, 1)}
    for i, source in enumerate(INCOME_SOURCES):
        series[f"income_{source}_gbp"] = 1000.0 * (i + 1) * (1 + 0.1 * rng.random(months))
    return t, series


def write_run(path, final_need, seed, months=24, councils=6, style="vlen",
              drop=(), wiggle=5.0, spend_scale=1.0, tilt=0.0, names=False):
    """One run file; returns the summary metrics the manifest should hold for it."""
    rng = np.random.default_rng(seed)
    t, series = _national_series(final_need, months, rng, wiggle)
    for source in INCOME_SOURCES:
        series[f"income_{source}_gbp"] *= spend_scale
    # Spending lines mirror the public income sources (no random draws, so every other series
    # is unchanged); public_spent_gbp is their running total, as in the engine.
    for line, source in SPEND_LINES.items():
        series[f"spend_{line}_gbp"] = series[f"income_{source}_gbp"].copy()
    series["public_spent_gbp"] = np.cumsum(sum(series[f"spend_{k}_gbp"] for k in SPEND_LINES))
    with h5py.File(path, "w") as f:
        attrs = {"format": "localism-output", "format_version": "1.0",
                 "program_version": "0.0.0-synthetic", "git_sha": "0" * 40,
                 "created": "2026-01-01T00:00:00Z", "scenario_name": "synthetic",
                 "scenario_text": SCENARIO_TEXT.format(months=months, councils=councils),
                 "scenario_resolved": SCENARIO_TEXT.format(months=months, councils=councils)}
        for key, value in attrs.items():
            _put_attr(f, key, value, style)
        f.attrs["seed"] = np.uint64(seed)
        f.attrs["threads"] = 1
        f["time"] = t.astype(np.int32)
        f["time"].attrs["units"] = "months"
        f["time"].make_scale("time")
        f["council"] = np.arange(councils, dtype=np.int32)
        f["council"].make_scale("council")
        for name, values in series.items():
            if name not in drop:
                ds = f.create_dataset(f"national/{name}", data=values.astype(float))
                _label(ds, "national", name)
        _write_councils(f, series, councils, rng, drop, names, seed)
        _write_deciles(f, series, tilt, drop)
    spend = sum(series[f"income_{s}_gbp"].sum() for s in INCOME_SOURCES)
    reduced = series["cumulative_need_reduced"][-1]
    return {"final_total_need": final_need, "cumulative_need_reduced": reduced,
            "cost_per_need_reduced_gbp": spend / reduced if reduced > 0 else np.nan,
            "final_need_gini": series["need_gini_communities"][-1],
            "final_active": series["count_active"][-1],
            "survival_12m": series["survival_12m"][-1],
            "usual_suspects_share": series["usual_suspects_share"][-1],
            "total_spend_gbp": spend, "absorption": 0.9 + 0.05 * rng.random(),
            "final_unspent_central_gbp": 0.05 * spend, "final_unspent_councils_gbp": 0.02 * spend,
            "total_leakage_gbp": 0.0}


def _write_deciles(f, series, tilt, drop):
    """/deciles: equal first-month need in every decile; need removed tilted towards decile 1
    by `tilt` (share removed in decile d proportional to 1 + tilt (5.5 - d) / 4.5), so each
    decile series sums to its national series."""
    f["decile"] = np.arange(1, 11, dtype=np.int32)
    f["decile"].make_scale("decile")
    helped = 1 + tilt * (5.5 - np.arange(1, 11)) / 4.5
    helped /= helped.sum()
    public = sum(series[f"income_{s}_gbp"] for s in INCOME_SOURCES[:4])
    arrays = {"total_need": np.outer(series["total_need"], np.full(10, 0.1)),
              "need_reduced": np.outer(series["need_reduced"], helped),
              "cumulative_need_reduced": np.outer(series["cumulative_need_reduced"], helped),
              "spend_gbp": np.outer(public, np.full(10, 0.1)),
              "cumulative_spend_gbp": np.outer(np.cumsum(public), np.full(10, 0.1)),
              "communities": np.full((len(public), 10), 30.0)}
    for name, data in arrays.items():
        if f"deciles/{name}" not in drop:
            ds = f.create_dataset(f"deciles/{name}", data=data, chunks=True)
            _label(ds, "decile", name)


def _write_councils(f, series, councils, rng, drop, names=False, seed=0):
    # Drawn per run (as the engine redraws council deprivation per replicate), so an analysis
    # that takes one run's deprivation for every run gets a different answer; a stream of its
    # own, so the run's other numbers are those of earlier versions of this module.
    deprivation = np.random.default_rng([seed, 99]).uniform(0.05, 0.95, councils)
    weights = rng.dirichlet(np.full(councils, 5.0))
    # More deprived councils get a larger share of need reduced, so the
    # council panel has a visible gradient to show.
    helped = weights * (0.5 + deprivation)
    helped /= helped.sum()
    arrays = {"total_need": np.outer(series["total_need"], weights),
              "need_reduced": np.outer(series["need_reduced"], helped),
              "count_active": np.outer(series["count_active"], weights),
              "spend_gbp": np.outer(series["income_earned_gbp"], weights)}
    for name, data in arrays.items():
        if f"councils/{name}" not in drop:
            ds = f.create_dataset(f"councils/{name}", data=data, chunks=True, compression="gzip")
            _label(ds, "council", name)
    info = {"deprivation": deprivation, "social_capital": 1 - deprivation,
            "communities": np.full(councils, 50.0)}
    for name, data in info.items():
        f[f"council_info/{name}"] = data
        _label(f[f"council_info/{name}"], "council_info", name)
    if names:  # a geography's council names and codes (string datasets)
        f["council_info/name"] = _string_data([f"Town {k}" for k in range(councils)], "vlen")
        f["council_info/code"] = _string_data([f"E0{k:07d}" for k in range(councils)], "vlen")


def write_manifest(directory, rows: pd.DataFrame, params: pd.DataFrame, attrs: dict,
                   style="vlen"):
    """manifest.h5 + manifest.csv from a row table (identity + metric.* columns)."""
    directory = Path(directory)
    with h5py.File(directory / "manifest.h5", "w") as f:
        for key, value in attrs.items():
            _put_attr(f, key, value, style)
        group = f.create_group("runs")
        for name in rows.columns:
            values = rows[name].to_numpy()
            dataset = name.replace("metric.", "metric/")
            if values.dtype == object:
                group[dataset] = _string_data(values, style)
            else:
                group[dataset] = values
            if name.startswith("metric."):
                _label(group[dataset], "manifest", name[len("metric."):])
        for name in params.columns:
            group[f"param/{name}"] = params[name].to_numpy(float)
    table = pd.concat([rows, params.add_prefix("param/")], axis=1)
    table.columns = [c.replace("metric.", "metric/") for c in table.columns]
    table.to_csv(directory / "manifest.csv", index=False)
    (directory / "design.yaml").write_text(attrs.get("experiment_text", ""))


def _base_attrs(name, design, text):
    return {"format": "localism-manifest", "format_version": "1.0", "experiment_name": name,
            "master_seed": 42, "design": design, "experiment_text": text}


def _identity(run_id, arm, replicate, sample, seed, status="ok"):
    return {"run_id": run_id, "arm": arm, "replicate": np.int64(replicate),
            "sample_index": np.int64(sample), "seed": np.uint64(seed), "status": status,
            "wall_seconds": 0.5, "error": "" if status == "ok" else "synthetic failure",
            "output": f"runs/{run_id}.h5"}


def replicate_sweep(directory, replicates=10, arms=ARMS, months=24, councils=6,
                    style="vlen", failed=(), drop=(), seed=7, names=False):
    """Arms x replicates with common random numbers: replicate r shares a shock in every arm.

    `failed` lists run ids to mark failed (NaN metrics, no file); `drop` lists
    datasets (national names or 'councils/<name>') to leave out of every run file.
    """
    directory = Path(directory)
    (directory / "runs").mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    shocks = rng.normal(0, 1, replicates)
    rows = []
    for arm in arms:
        for r in range(replicates):
            run_id, run_seed = f"{arm}-r{r:03d}", 1000 + r
            status = "failed" if run_id in failed else "ok"
            row = _identity(run_id, arm, r, -1, run_seed, status)
            # Shared shock (CRN) dominates; a small arm-specific noise remains.
            need = 1000 + ARM_NEED_EFFECT.get(arm, 0.0) + 40 * shocks[r] + 5 * rng.normal()
            if status == "ok":
                metrics = write_run(directory / row["output"], need, run_seed + 17 * len(rows),
                                    months, councils, style, drop,
                                    spend_scale=ARM_SPEND_SCALE.get(arm, 1.0),
                                    tilt=ARM_DECILE_TILT.get(arm, 0.0), names=names)
            else:
                metrics = {k: np.nan for k in METRICS}
            row.update({f"metric.{k}": v for k, v in metrics.items()})
            rows.append(row)
    text = (f"name: synthetic-replicates\ndesign: replicates\nreplicates: {replicates}\n"
            f"arms: [{', '.join(arms)}]\n")
    write_manifest(directory, pd.DataFrame(rows), pd.DataFrame(index=range(len(rows))),
                   _base_attrs("synthetic-replicates", "replicates", text), style)
    return directory


METRICS = tuple(registry()["manifest"])
# Real scenario keys (`localism params`), so a synthetic design reads like a real one.
ISHIGAMI_PARAMS = ("councils.usual_suspects_weight", "devolved.prize_share",
                   "network.cross_council_share")


def _design_sweep(directory, design, units, extra, arms, write_runs, style, months, councils):
    """Sweep whose final_total_need is 1000 + 10 * Ishigami(x) over the unit-cube design."""
    directory = Path(directory)
    (directory / "runs").mkdir(parents=True, exist_ok=True)
    lows, highs = np.full(3, -np.pi), np.full(3, np.pi)
    rows, params = [], []
    for a, arm in enumerate(arms):
        for i, (u, (sample, column, step)) in enumerate(zip(units, extra)):
            run_id = f"{arm}-{design}-s{sample:04d}-{i:05d}"
            x = lows + (highs - lows) * u
            row = _identity(run_id, arm, 0, sample, 5000 + i)
            row[column] = np.int64(step)
            need = 1000 + 10 * float(ishigami(x)) + 5 * a
            if write_runs:
                metrics = write_run(directory / row["output"], need, 5000 + i, months,
                                    councils, style, wiggle=0.0)
            else:
                metrics = {k: np.nan for k in METRICS}
            metrics["final_total_need"] = need
            row.update({f"metric.{k}": v for k, v in metrics.items()})
            rows.append(row)
            params.append(dict(zip(ISHIGAMI_PARAMS, x)))
    attrs = _base_attrs(f"synthetic-{design}", design, f"name: synthetic-{design}\n")
    attrs.update(param_names=np.array(ISHIGAMI_PARAMS, dtype=h5py.string_dtype()),
                 param_lows=lows, param_highs=highs)
    write_manifest(directory, pd.DataFrame(rows), pd.DataFrame(params), attrs, style)
    return directory


def sobol_sweep(directory, n_base=256, arms=("devolved",), write_runs=False, style="vlen",
                months=12, councils=4, seed=3):
    """Saltelli-ordered rows: per base sample j the block A_j, B_j, AB_j^(1..k)."""
    rng = np.random.default_rng(seed)
    a, b = rng.random((n_base, 3)), rng.random((n_base, 3))
    ab = saltelli_ab(a, b)
    units, extra = [], []
    for j in range(n_base):
        block = [a[j], b[j]] + list(ab[j])
        units += block
        extra += [(j, "saltelli_role", role) for role in range(len(block))]
    return _design_sweep(directory, "sobol", units, extra, arms, write_runs, style,
                         months, councils)


def morris_sweep(directory, trajectories=200, arms=("devolved",), style="vlen", seed=3):
    """k+1 rows per trajectory, `morris_step` giving the position within it."""
    traj = morris_trajectories(trajectories, 3, seed=seed)
    units = [traj[t, s] for t in range(trajectories) for s in range(4)]
    extra = [(t, "morris_step", s) for t in range(trajectories) for s in range(4)]
    return _design_sweep(directory, "morris", units, extra, arms, False, style, 12, 4)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: python3 -m analysis.synthetic OUTDIR", file=sys.stderr)
        sys.exit(2)
    print(replicate_sweep(sys.argv[1]))
