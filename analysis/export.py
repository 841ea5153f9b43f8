"""`python3 -m analysis.export DIR [-o OUTDIR] [--metrics a,b]`: a sweep as tidy tables for
pandas, R or a spreadsheet.

Writes OUTDIR/series_long.csv, one row per (run, month, national metric) of every ok run, with
columns run_id, arm, replicate, sample_index, one column per varied parameter (the manifest's
/runs/param/*), month, metric, value; and OUTDIR/arm_summary.csv, per arm and manifest metric
the mean with its 95% t interval. The long table is streamed: run files are read one at a time
and written in chunks, so a sweep of any size needs the memory of one chunk only.
"""
from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

import h5py
import numpy as np
import pandas as pd

from . import io, stats

ID_COLUMNS = ("run_id", "arm", "replicate", "sample_index")
LONG_TAIL = ("month", "metric", "value")
CHUNK_ROWS = 250_000  # rows buffered before a write: about 30 MB of strings at most


def long_columns(sweep: io.Sweep) -> list:
    """Column order of series_long.csv for this sweep."""
    return list(ID_COLUMNS) + list(sweep.params.columns) + list(LONG_TAIL)


def _run_long(path, metrics, ids: dict) -> pd.DataFrame:
    """One run's national series as a long frame (month-major within each metric)."""
    with h5py.File(path, "r") as f:
        group = f.get("national")
        if group is None:
            return pd.DataFrame()
        names = [n for n in (metrics or group.keys())
                 if n in group and isinstance(group[n], h5py.Dataset) and group[n].ndim == 1]
        series = [np.asarray(group[n][()], dtype=float) for n in names]
        length = max((len(s) for s in series), default=0)
        months = (np.asarray(f["time"][()], dtype=np.int64)[:length] if "time" in f
                  else np.arange(1, length + 1))
    if not names:
        return pd.DataFrame()
    counts = [len(s) for s in series]
    frame = pd.DataFrame({"month": np.concatenate([months[:c] for c in counts]),
                          "metric": np.repeat(np.array(names, dtype=object), counts),
                          "value": np.concatenate(series)})
    for i, (key, value) in enumerate(ids.items()):
        frame.insert(i, key, value)
    return frame


def write_long(sweep: io.Sweep, out: Path, metrics=None) -> int:
    """Stream every ok run's national series into `out` (CSV); returns the rows written."""
    columns = long_columns(sweep)
    params = sweep.params
    buffer, buffered, written = [], 0, 0
    with open(out, "w", newline="", encoding="utf-8") as handle:
        pd.DataFrame(columns=columns).to_csv(handle, index=False)
        for row, path in io._ok_run_files(sweep):
            ids = {key: row[key] for key in ID_COLUMNS}
            ids.update({name: params.at[row.name, name] for name in params.columns})
            frame = _run_long(path, metrics, ids)
            buffer.append(frame)
            buffered += len(frame)
            if buffered >= CHUNK_ROWS:
                written += _flush(buffer, handle, columns)
                buffer, buffered = [], 0
        written += _flush(buffer, handle, columns)
    return written


def _flush(buffer, handle, columns) -> int:
    frames = [f for f in buffer if len(f)]
    if not frames:
        return 0
    chunk = pd.concat(frames, ignore_index=True)[columns]
    chunk.to_csv(handle, index=False, header=False)
    return len(chunk)


def arm_summary(sweep: io.Sweep, metrics=None) -> pd.DataFrame:
    """Per arm and manifest metric: mean, 95% t interval, sd, n ok, n not ok, units, and over
    what the interval runs (replicates, or design points in a sample design)."""
    names = [m for m in sweep.metric_names if metrics is None or m in metrics]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # sd of one value
        table = stats.summarise_arms(sweep.runs, names)
    table = table.rename(columns={"outcome": "metric"})
    table.insert(2, "units", [sweep.metrics.get(m, {}).get("units", "") for m in table["metric"]])
    table["over"] = "replicates" if sweep.design == "replicates" else "design points"
    return table[["arm", "metric", "units", "mean", "ci_low", "ci_high", "sd", "n", "n_not_ok",
                  "over"]]


def export(directory, outdir=None, metrics=None) -> dict:
    """Write series_long.csv and arm_summary.csv; returns {name: (path, rows)}."""
    sweep = io.load_sweep(directory)
    if metrics is not None:
        _check_metrics(sweep, metrics)
    outdir = Path(outdir) if outdir else Path(directory) / "analysis"
    outdir.mkdir(parents=True, exist_ok=True)
    long_path, summary_path = outdir / "series_long.csv", outdir / "arm_summary.csv"
    rows = write_long(sweep, long_path, metrics)
    summary = arm_summary(sweep, metrics)
    summary.to_csv(summary_path, index=False)
    return {"series_long": (long_path, rows), "arm_summary": (summary_path, len(summary))}


def _check_metrics(sweep: io.Sweep, metrics):
    """Refuse names that are neither a national series of the first run nor a manifest metric."""
    first = io.first_run_path(sweep)
    national = set(io.read_metric_info(first)) if first is not None else set()
    unknown = [m for m in metrics if m not in national and m not in sweep.metric_names]
    if unknown:
        raise io.SweepError(f"unknown metric(s) {', '.join(unknown)}: not a national series of "
                            f"the run files nor a manifest metric (docs/metrics.md lists them)")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python3 -m analysis.export",
        description="Export a sweep as tidy CSV: series_long.csv (run, arm, replicate, varied "
                    "parameters, month, metric, value) and arm_summary.csv (per arm and "
                    "manifest metric: mean and 95%% interval).")
    parser.add_argument("directory", help="sweep directory containing manifest.h5")
    parser.add_argument("-o", "--outdir", help="where to write the CSVs (default DIR/analysis)")
    parser.add_argument("--metrics", help="comma-separated metric names to export (default: "
                        "every national series and every manifest metric)")
    args = parser.parse_args(argv)
    metrics = [m.strip() for m in args.metrics.split(",") if m.strip()] if args.metrics else None
    started = time.perf_counter()
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            written = export(args.directory, args.outdir, metrics)
    except (io.SweepError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for warning in caught:
        print(f"warning: {warning.message}", file=sys.stderr)
    for name, (path, rows) in written.items():
        print(f"written: {path} ({rows} rows)")
    print(f"export took {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
