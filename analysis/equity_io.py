"""Per-run outcomes by deprivation decile and by council, each read from that run's own file
(deprivation and council attributes are redrawn per replicate, so they are never taken from
another run). Split from io.py, which reads manifests and the national and council series."""
from __future__ import annotations

import functools
from pathlib import Path

import h5py
import numpy as np
import pandas as pd

from .io import Sweep, _months, _ok_run_files, decode, open_run

DECILES = tuple(range(1, 11))


def read_deciles(path, metric):
    """xarray DataArray (month, decile) of /deciles/<metric>, or None if absent (files made
    before the decile series were recorded)."""
    with open_run(path) as f:
        if "deciles" not in f or metric not in f["deciles"]:
            return None
        data = np.asarray(f["deciles"][metric][()], dtype=float)
        months = _months(f, data.shape[0])[: data.shape[0]]
        deciles = (np.asarray(f["decile"][()], dtype=int) if "decile" in f
                   else np.arange(1, data.shape[1] + 1))
        import xarray as xr  # only here: importing it costs about a second

        return xr.DataArray(data, dims=("month", "decile"),
                            coords={"month": months, "decile": deciles}, name=metric)


def _dataset(f, group, name):
    """float array of /group/name, or None when absent or empty (older files, cut-off runs)."""
    if group not in f or name not in f[group]:
        return None
    data = np.asarray(f[group][name][()], dtype=float)
    return data if data.shape[0] > 0 else None


def _read_run_equity(path) -> dict:
    """run_equity() without the cache: one open of the file, only the datasets it needs."""
    out = {"deciles": None, "councils": None}
    with open_run(path) as f:
        removed, need = (_dataset(f, "deciles", "cumulative_need_reduced"),
                         _dataset(f, "deciles", "total_need"))
        spend, count = (_dataset(f, "deciles", "cumulative_spend_gbp"),
                        _dataset(f, "deciles", "communities"))
        if all(a is not None for a in (removed, need, spend, count)):
            ids = (np.asarray(f["decile"][()], dtype=int) if "decile" in f
                   else np.arange(1, removed.shape[1] + 1))
            out["deciles"] = pd.DataFrame({
                "communities": count[0], "start_need": need[0], "need_removed": removed[-1],
                "spend_gbp": spend[-1]}, index=pd.Index(ids, name="decile"))
        c_removed, c_need = (_dataset(f, "councils", "need_reduced"),
                             _dataset(f, "councils", "total_need"))
        c_spend = _dataset(f, "councils", "spend_gbp")
        if all(a is not None for a in (c_removed, c_need, c_spend)):
            ids = (np.asarray(f["council"][()], dtype=int) if "council" in f
                   else np.arange(c_removed.shape[1]))
            out["councils"] = _council_table(f, ids, c_removed, c_need, c_spend)
    return out


def _council_table(f, ids, removed, need, spend) -> pd.DataFrame:
    info = _council_info(f, len(ids))
    n = len(ids)
    names = [f"council {k}" for k in ids]
    if "name" in info:  # a geography's councils: 'name (code)' as io.council_names shows them
        shown = [f"{a} ({b})" for a, b in zip(info["name"], info["code"])] if "code" in info \
            else list(info["name"])
        names[: len(shown)] = shown
    columns = {"name": names}
    if "deprivation" in info:
        deprivation = np.full(n, np.nan)
        deprivation[: len(info["deprivation"])] = info["deprivation"]
        columns["deprivation"] = deprivation
    columns.update(start_need=need[0], need_removed=removed.sum(axis=0),
                   spend_gbp=spend.sum(axis=0))
    return pd.DataFrame(columns, index=pd.Index(ids, name="council"))


def _council_info(f, n) -> dict:
    """The name, code and deprivation arrays of /council_info (what the tables show)."""
    if "council_info" not in f:
        return {}
    group, info = f["council_info"], {}
    for key in ("name", "code", "deprivation"):
        if key in group and isinstance(group[key], h5py.Dataset):
            data = group[key][()]
            info[key] = (decode(np.asarray(data)).astype(str) if data.dtype.kind in "SOU"
                         else np.asarray(data, dtype=float))
    return {k: v[:n] for k, v in info.items()}


@functools.lru_cache(maxsize=4096)
def _cached_run_equity(path: str, mtime_ns: int, size: int) -> dict:
    return _read_run_equity(path)


def run_equity(path) -> dict:
    """One run's outcomes by decile and by council, each from that run's own file (deprivation
    and council attributes are redrawn per replicate, so they are never taken from another run).

    Returns {"deciles": DataFrame by decile (communities, start_need, need_removed, spend_gbp),
    "councils": DataFrame by council (name, deprivation, start_need, need_removed, spend_gbp)};
    a part is None when the file lacks its datasets. Each file is read once per process (the
    report, compare and the equity tables all ask for it; the cache key includes the file's
    modification time and size, so a rewritten file is read again); callers get copies.
    """
    stat = Path(path).stat()
    cached = _cached_run_equity(str(path), stat.st_mtime_ns, stat.st_size)
    return {key: None if table is None else table.copy() for key, table in cached.items()}


def load_equity(sweep: Sweep) -> dict:
    """Per-run decile and council tables of every ok run, stacked long with run_id, arm,
    replicate and sample_index: {"deciles": DataFrame, "councils": DataFrame} (empty frames
    when no file has them). Kept on the Sweep, so compare and the report read it once."""
    if "equity_tables" in sweep.cache:
        return {key: frame.copy() for key, frame in sweep.cache["equity_tables"].items()}
    parts = {"deciles": [], "councils": []}
    meta = {"deciles": [], "councils": []}
    for row, path in _ok_run_files(sweep):
        for key, table in run_equity(path).items():
            if table is not None:
                parts[key].append(table.reset_index())
                meta[key].append((row["run_id"], row["arm"], row["replicate"],
                                  row["sample_index"], len(table)))
    out = {}
    for key, frames in parts.items():
        if not frames:
            out[key] = pd.DataFrame()
            continue
        frame = pd.concat(frames, ignore_index=True)
        lengths = [m[-1] for m in meta[key]]
        # One column at a time over the stacked table: setting them per run is slow.
        for i, column in enumerate(("run_id", "arm", "replicate", "sample_index")):
            frame[column] = np.repeat(np.array([m[i] for m in meta[key]], dtype=object),
                                      lengths)
        frame["replicate"] = frame["replicate"].astype(int)
        frame["sample_index"] = frame["sample_index"].astype(int)
        out[key] = frame
    sweep.cache["equity_tables"] = out
    return {key: frame.copy() for key, frame in out.items()}
