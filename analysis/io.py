"""Read a sweep directory (manifest.h5 + runs/<id>.h5, or shard containers) into pandas/xarray
tables. Run files at the summary output level hold yearly rows (see output_level()).

Manifest columns are read eagerly (they are small); run files are opened only
for the datasets a caller asks for, so a large sweep never sits in memory whole.
A dataset missing from a file is skipped with one warning, never an exception,
because older engine versions and failed runs may lack some outputs.
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from pathlib import Path

import h5py
import numpy as np
import pandas as pd

# The run-file layer (opening run files and shard container entries) lives in run_io; its
# names stay importable from here for callers.
from .run_io import (RUN_FORMAT, SweepError, _open_h5, _run_exists, decode,  # noqa: F401
                     open_run, output_level, read_attrs, read_final, read_run_attrs)

MANIFEST_FORMAT = "localism-manifest"
IDENTITY_COLUMNS = ("run_id", "arm", "replicate", "sample_index", "seed",
                    "status", "wall_seconds", "error", "output")
# Optional per-design columns (Saltelli role, Morris step).
DESIGN_COLUMNS = ("saltelli_role", "morris_step")
# Money outcomes shown by default though they have no better direction (units GBP or fraction).
MONEY_OUTCOMES = ("total_spend_gbp", "absorption", "final_unspent_central_gbp",
                  "final_unspent_councils_gbp", "total_leakage_gbp")
# String attributes the engine writes on every metric dataset (docs/metrics.md).
METRIC_ATTRIBUTES = ("units", "description", "better", "scope")


def metric_info(group) -> dict:
    """{dataset name: {units, description, better, scope}} for the datasets of an h5py group.

    The engine's metric registry is the one list of metrics; readers take names,
    units and better directions from these attributes instead of copying them.
    Attributes an older file lacks are simply absent from the inner dict.
    """
    info = {}
    if group is None:
        return info
    for name, obj in group.items():
        if isinstance(obj, h5py.Dataset):
            attrs = read_attrs(obj)
            info[name] = {k: str(attrs[k]) for k in METRIC_ATTRIBUTES if k in attrs}
    return info


def better_of(info: dict) -> dict:
    """{metric: "higher" | "lower" | "neither"} from metric_info()."""
    return {name: entry.get("better", "neither") for name, entry in info.items()}


def _read_column(dataset) -> np.ndarray:
    data = dataset[()]
    if data.dtype.kind in ("S", "O", "U"):
        return decode(np.asarray(data)).astype(object)
    return data


@dataclass
class Sweep:
    """One sweep: root attributes, one row per run, and the parameter values.

    `runs` holds the identity columns plus one column per metric (metric name as
    column name); `params` is indexed like `runs` with one column per dotted
    parameter path that differs between runs (the design's parameters, then those
    the arms set differently; float, or str for e.g. central.mode), kept apart so
    metric and parameter names never collide.
    """

    directory: Path
    attrs: dict
    runs: pd.DataFrame
    params: pd.DataFrame = field(default_factory=pd.DataFrame)
    # Attributes of each manifest metric (units, description, better, scope).
    metrics: dict = field(default_factory=dict)
    # Tables derived from the run files (e.g. equity_io.load_equity), so the report and compare
    # read each file once; never part of equality or the repr.
    cache: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def better(self) -> dict:
        return better_of(self.metrics)

    @property
    def outcomes(self) -> list:
        """The default outcomes, in manifest order: every metric with a better direction, and
        the money metrics (spend, absorption, unspent balances, leakage), which have none
        (better="neither": spending more is not better or worse in itself) but without which
        an arm that spent a quarter of its money looks like one that spent it all."""
        return [m for m in self.metric_names if self.better.get(m) in ("higher", "lower")
                or m in MONEY_OUTCOMES]

    @property
    def design(self) -> str:
        return str(self.attrs.get("design", "replicates"))

    @property
    def metric_names(self) -> list:
        return [c for c in self.runs.columns
                if c not in IDENTITY_COLUMNS and c not in DESIGN_COLUMNS]

    @property
    def arms(self) -> list:
        # Order of first appearance, which is the order the experiment listed them.
        return list(dict.fromkeys(self.runs["arm"]))

    def ok_runs(self) -> pd.DataFrame:
        return self.runs[self.runs["status"] == "ok"]

    def run_path(self, run_id: str) -> Path:
        row = self.runs.loc[self.runs["run_id"] == run_id]
        if row.empty:
            raise SweepError(f"no run with id {run_id!r} in {self.directory}")
        return self.directory / str(row["output"].iloc[0])


def load_sweep(directory, metrics=None) -> Sweep:
    """Read manifest.h5 of a sweep directory; `metrics=None` reads every metric."""
    directory = Path(directory)
    if not directory.is_dir():
        raise SweepError(f"sweep directory not found: {directory}")
    path = directory / "manifest.h5"
    if not path.is_file():
        raise SweepError(f"no manifest.h5 in {directory} (is this a sweep directory?)")
    try:
        with h5py.File(path, "r") as f:
            attrs = read_attrs(f)
            if attrs.get("format") != MANIFEST_FORMAT:
                raise SweepError(f"{path}: format attribute is {attrs.get('format')!r}, "
                                 f"expected {MANIFEST_FORMAT!r}")
            if "runs" not in f:
                raise SweepError(f"{path}: no /runs group")
            runs, params = _read_runs_group(f["runs"], metrics, path)
            info = metric_info(f["runs"].get("metric"))
    except OSError as exc:
        raise SweepError(f"cannot read {path}: {exc}") from exc
    info = {name: entry for name, entry in info.items() if name in runs.columns}
    # Carried on the table too, so statistics on `runs` know which way is better.
    runs.attrs["better"] = better_of(info)
    return Sweep(directory=directory, attrs=attrs, runs=runs, params=params, metrics=info)


def _read_runs_group(group, metrics, path):
    columns = {}
    for name in IDENTITY_COLUMNS + DESIGN_COLUMNS:
        if name in group:
            columns[name] = _read_column(group[name])
        elif name in IDENTITY_COLUMNS:
            warnings.warn(f"{path}: /runs/{name} missing; filled with defaults")
    lengths = {len(v) for v in columns.values()}
    if len(lengths) > 1:
        raise SweepError(f"{path}: /runs datasets differ in length {sorted(lengths)}")
    n = lengths.pop() if lengths else 0
    _fill_defaults(columns, n)
    runs = pd.DataFrame(columns)
    available = list(group["metric"].keys()) if "metric" in group else []
    wanted = available if metrics is None else list(metrics)
    for name in wanted:
        if name in available:
            runs[name] = group["metric"][name][()].astype(float)
        else:
            warnings.warn(f"{path}: metric {name!r} not in manifest; skipped")
    params = pd.DataFrame(index=runs.index)
    if "param" in group:
        # Dotted parameter paths are stored as dataset names; h5py may also
        # see them as nested groups if a writer split on '/', so walk the tree.
        group["param"].visititems(lambda name, obj: _add_param(params, name, obj))
    return runs, params


def _add_param(params, name, obj):
    # Numbers as floats; a text parameter (e.g. central.mode when arms differ in it) as str.
    if isinstance(obj, h5py.Dataset):
        data = obj[()]
        params[name.replace("/", ".")] = (_read_column(obj) if data.dtype.kind in "SOU"
                                          else data.astype(float))


def _fill_defaults(columns, n):
    defaults = {"run_id": [f"run-{i:04d}" for i in range(n)], "arm": ["default"] * n,
                "replicate": np.zeros(n, int), "sample_index": np.full(n, -1),
                "seed": np.zeros(n, np.uint64), "status": ["ok"] * n,
                "wall_seconds": np.full(n, np.nan), "error": [""] * n}
    for name, value in defaults.items():
        columns.setdefault(name, np.asarray(value, dtype=object if name in
                                            ("run_id", "arm", "status", "error") else None))
    columns.setdefault("output", np.array([f"runs/{r}.h5" for r in columns["run_id"]],
                                          dtype=object))


def _months(f, length):
    if "time" in f:
        return np.asarray(f["time"][()], dtype=int)
    return np.arange(1, length + 1)


def read_metric_info(path, group="national") -> dict:
    """metric_info() of one group (national, councils, council_info) of a run file."""
    with open_run(path) as f:
        return metric_info(f.get(group))


def read_national(path, metrics) -> tuple:
    """(DataFrame indexed by month with one column per found metric, missing names)."""
    with open_run(path) as f:
        group = f.get("national")
        found, missing = {}, []
        for name in metrics:
            if group is not None and name in group:
                found[name] = np.asarray(group[name][()], dtype=float)
            else:
                missing.append(name)
        length = len(next(iter(found.values()))) if found else 0
        frame = pd.DataFrame(found, index=pd.Index(_months(f, length)[:length], name="month"))
    return frame, missing


def read_councils(path, metric):
    """xarray DataArray (month, council) of /councils/<metric>, or None if absent."""
    with open_run(path) as f:
        if "councils" not in f or metric not in f["councils"]:
            return None
        data = np.asarray(f["councils"][metric][()], dtype=float)
        months = _months(f, data.shape[0])[: data.shape[0]]
        councils = (np.asarray(f["council"][()], dtype=int) if "council" in f
                    else np.arange(data.shape[1]))
        import xarray as xr  # imported when first needed: it costs about a second

        return xr.DataArray(data, dims=("month", "council"),
                            coords={"month": months, "council": councils}, name=metric)


def read_council_info(path) -> pd.DataFrame:
    """Council attributes by council id: the numeric ones (deprivation, social_capital,
    communities, ...) as floats and string ones (a geography's `name`, `code`) as str."""
    with open_run(path) as f:
        if "council_info" not in f:
            return pd.DataFrame()
        info = {}
        for key, dataset in f["council_info"].items():
            if not isinstance(dataset, h5py.Dataset):
                continue
            data = dataset[()]
            info[key] = (decode(np.asarray(data)).astype(str) if data.dtype.kind in "SOU"
                         else np.asarray(data, dtype=float))
        n = min((len(v) for v in info.values()), default=0)
        info = {k: v[:n] for k, v in info.items()}
        ids = np.asarray(f["council"][()], dtype=int) if "council" in f else np.arange(n)
    return pd.DataFrame(info, index=pd.Index(ids[:n], name="council"))


def council_names(info: pd.DataFrame) -> pd.Series:
    """Display name of each council: 'name (code)' when the file has them, else 'council <id>'."""
    ids = pd.Series(info.index, index=info.index)
    if "name" not in info:
        return ids.map(lambda k: f"council {k}")
    names = info["name"].astype(str)
    if "code" in info:
        names = names + " (" + info["code"].astype(str) + ")"
    return names


def _ok_run_files(sweep: Sweep):
    """Yield (manifest row, path) for ok runs whose file exists; warn about the rest."""
    absent = []
    for _, row in sweep.ok_runs().iterrows():
        path = sweep.directory / str(row["output"])
        if _run_exists(path):
            yield row, path
        else:
            absent.append(str(row["run_id"]))
    if absent:
        warnings.warn(f"{len(absent)} ok run file(s) missing, skipped: {', '.join(absent[:5])}")


def load_national(sweep: Sweep, metrics) -> pd.DataFrame:
    """Tidy table: run_id, arm, replicate, sample_index, month, metric, value."""
    metrics = list(metrics)
    pieces, missing_count, n_files = [], {}, 0
    for row, path in _ok_run_files(sweep):
        frame, missing = read_national(path, metrics)
        n_files += 1
        for name in missing:
            missing_count[name] = missing_count.get(name, 0) + 1
        if frame.empty:
            continue
        long = frame.reset_index().melt(id_vars="month", var_name="metric", value_name="value")
        for key in ("run_id", "arm", "replicate", "sample_index"):
            long[key] = row[key]
        pieces.append(long)
    for name, count in missing_count.items():
        warnings.warn(f"national metric {name!r} missing in {count} of {n_files} run file(s)")
    columns = ["run_id", "arm", "replicate", "sample_index", "month", "metric", "value"]
    if not pieces:
        return pd.DataFrame(columns=columns)
    return pd.concat(pieces, ignore_index=True)[columns]


COUNCIL_REDUCTIONS = {None: lambda a: a, "sum": lambda a: a.sum("month"),
                      "first": lambda a: a.isel(month=0, drop=True),
                      "last": lambda a: a.isel(month=-1, drop=True)}


def load_councils(sweep: Sweep, metric, reduce=None):
    """xarray DataArray (run, month, council) over ok runs, or None if no file has it.

    `reduce` ("sum", "first", "last" over months) is applied per file before
    stacking, so a large sweep needs only (run, council) in memory.
    """
    reducer = COUNCIL_REDUCTIONS[reduce]
    arrays, meta = [], []
    for row, path in _ok_run_files(sweep):
        array = read_councils(path, metric)
        if array is not None:
            arrays.append(reducer(array))
            meta.append(row)
    if not arrays:
        warnings.warn(f"council metric {metric!r} found in no run file")
        return None
    import xarray as xr

    # Runs of one sweep share a scenario, so aligning on month/council is exact;
    # an outer join keeps shorter (e.g. cut-off) runs as NaN rather than failing.
    stacked = xr.concat(arrays, dim="run", join="outer")
    return stacked.assign_coords(run=[m["run_id"] for m in meta],
                                 arm=("run", [m["arm"] for m in meta]),
                                 replicate=("run", [int(m["replicate"]) for m in meta]))


def first_run_path(sweep: Sweep):
    """Path of the first ok run file that exists (for scenario-wide facts), or None."""
    for _, path in _ok_run_files(sweep):
        return path
    return None
