"""Per-run outcomes by deprivation decile and by council, each read from that run's own file
(deprivation and council attributes are redrawn per replicate, so they are never taken from
another run). Split from io.py, which reads manifests and the national and council series."""
from __future__ import annotations

import numpy as np
import pandas as pd
import xarray as xr

from .io import (Sweep, _months, _ok_run_files, council_names, open_run, read_council_info,
                 read_councils)

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
        return xr.DataArray(data, dims=("month", "decile"),
                            coords={"month": months, "decile": deciles}, name=metric)


def run_equity(path) -> dict:
    """One run's outcomes by decile and by council, each from that run's own file (deprivation
    and council attributes are redrawn per replicate, so they are never taken from another run).

    Returns {"deciles": DataFrame by decile (communities, start_need, need_removed, spend_gbp),
    "councils": DataFrame by council (name, deprivation, start_need, need_removed, spend_gbp)};
    a part is None when the file lacks its datasets.
    """
    out = {"deciles": None, "councils": None}
    removed, need = read_deciles(path, "cumulative_need_reduced"), read_deciles(path, "total_need")
    spend, count = read_deciles(path, "cumulative_spend_gbp"), read_deciles(path, "communities")
    if all(a is not None and a.sizes["month"] > 0 for a in (removed, need, spend, count)):
        out["deciles"] = pd.DataFrame({
            "communities": count.isel(month=0).values, "start_need": need.isel(month=0).values,
            "need_removed": removed.isel(month=-1).values,
            "spend_gbp": spend.isel(month=-1).values},
            index=pd.Index(removed["decile"].values, name="decile"))
    c_removed, c_need = read_councils(path, "need_reduced"), read_councils(path, "total_need")
    c_spend = read_councils(path, "spend_gbp")
    if all(a is not None and a.sizes["month"] > 0 for a in (c_removed, c_need, c_spend)):
        info = read_council_info(path)
        councils = pd.DataFrame({
            "start_need": c_need.isel(month=0).values,
            "need_removed": c_removed.sum("month").values,
            "spend_gbp": c_spend.sum("month").values},
            index=pd.Index(c_removed["council"].values, name="council"))
        councils.insert(0, "name", council_names(info).reindex(councils.index).fillna(
            pd.Series(councils.index, index=councils.index).map(lambda k: f"council {k}")))
        if "deprivation" in info:
            councils.insert(1, "deprivation", info["deprivation"].reindex(councils.index))
        out["councils"] = councils
    return out


def load_equity(sweep: Sweep) -> dict:
    """Per-run decile and council tables of every ok run, stacked long with run_id, arm,
    replicate and sample_index: {"deciles": DataFrame, "councils": DataFrame} (empty frames
    when no file has them)."""
    parts = {"deciles": [], "councils": []}
    for row, path in _ok_run_files(sweep):
        tables = run_equity(path)
        for key, table in tables.items():
            if table is None:
                continue
            table = table.reset_index()
            for column in ("run_id", "arm", "replicate", "sample_index"):
                table[column] = row[column]
            parts[key].append(table)
    return {key: pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
            for key, frames in parts.items()}
