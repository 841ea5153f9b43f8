"""Open localism run files, as files or as entries of a shard container (sweep --layout
container), and read what every reader needs first: the root attributes, the output level and a
summary-level file's /final values. analysis.io builds the sweep tables on top of this and
re-exports these names.
"""
from __future__ import annotations

import io
import re
from pathlib import Path

import h5py
import numpy as np

RUN_FORMAT = "localism-output"


class SweepError(Exception):
    """A sweep directory or file that cannot be analysed (shown to users as is)."""


def decode(value):
    """Turn h5py bytes / fixed-length bytes / vlen str (scalar or array) into str."""
    if isinstance(value, (bytes, np.bytes_)):
        return value.decode("utf-8", errors="replace").rstrip("\x00")
    if isinstance(value, np.ndarray):
        if value.dtype.kind in ("S", "O", "U"):
            return np.array([decode(v) for v in value.ravel()], dtype=object).reshape(value.shape)
        return value
    if isinstance(value, np.generic):
        return value.item()
    return value


def read_attrs(obj) -> dict:
    """All attributes of an h5py object, strings decoded, arrays kept as arrays."""
    return {key: decode(obj.attrs[key]) for key in obj.attrs}


# A run inside a shard container (sweep --layout container): PACK@offset+bytes, the run file's
# bytes at that place (docs/output-format.md, "Shard containers").
_CONTAINER_ENTRY = re.compile(r"^(?P<pack>.*\.pack)@(?P<offset>[0-9]+)\+(?P<bytes>[0-9]+)$")


def _run_exists(path) -> bool:
    entry = _CONTAINER_ENTRY.match(str(path))
    return Path(entry["pack"]).is_file() if entry else Path(path).is_file()


def _open_h5(path):
    entry = _CONTAINER_ENTRY.match(str(path))
    if entry is None:
        if not Path(path).is_file():
            raise SweepError(f"run file not found: {path}")
        return h5py.File(path, "r")
    try:
        with open(entry["pack"], "rb") as pack:
            pack.seek(int(entry["offset"]))
            image = pack.read(int(entry["bytes"]))
    except OSError as e:
        raise SweepError(f"run file not found: {path} ({e})") from e
    if len(image) != int(entry["bytes"]):
        raise SweepError(f"{path}: the container ends inside the entry")
    return h5py.File(io.BytesIO(image), "r")


def open_run(path):
    """Open a run file (or a shard container entry) read-only after checking its format."""
    f = _open_h5(path)
    fmt = decode(f.attrs.get("format", ""))
    if fmt != RUN_FORMAT:
        f.close()
        raise SweepError(f"{path}: format attribute is {fmt!r}, expected {RUN_FORMAT!r}")
    return f


def output_level(path) -> str:
    """"full" or "summary" (yearly national rows, /final values, no panels or deciles)."""
    with open_run(path) as f:
        return str(decode(f.attrs.get("output_level", "full")))


def read_final(path) -> dict:
    """{manifest metric: value} of a summary-level file's /final group ({} for a full file)."""
    with open_run(path) as f:
        group = f.get("final")
        return {} if group is None else {k: float(group[k][0]) for k in group}


def read_run_attrs(path) -> dict:
    with open_run(path) as f:
        return read_attrs(f)
