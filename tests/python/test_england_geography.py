"""England's geography tables: the converter rebuilds the checked-in tables byte for byte from
the official files, and the tables hold England as published (317 councils, 32,844
neighbourhoods, 54,728,204 people, Birmingham 639)."""
import csv
import hashlib
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT / "data" / "england"


def test_official_files_match_their_checksums():
    for line in (DATA / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split()
        assert hashlib.sha256((DATA / name).read_bytes()).hexdigest() == digest, name


def test_converter_reproduces_the_checked_in_tables(tmp_path):
    subprocess.run([sys.executable, str(ROOT / "scripts" / "england_geography.py"),
                    "--out", str(tmp_path)], check=True, capture_output=True)
    for region in ("geography", "greater_manchester"):
        for table in ("communities.csv", "councils.csv"):
            built = (tmp_path / region / table).read_bytes()
            assert built == (DATA / region / table).read_bytes(), f"{region}/{table} drifted"


def test_england_as_published():
    with open(DATA / "geography" / "communities.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    with open(DATA / "geography" / "councils.csv", newline="") as f:
        councils = list(csv.DictReader(f))
    assert len(rows) == 32844 and len(councils) == 317
    assert sum(int(r["population"]) for r in rows) == 54728204
    birmingham = [c["id"] for c in councils if c["name"] == "Birmingham"]
    assert birmingham == ["E08000025"]
    assert sum(r["council"] == "E08000025" for r in rows) == 639
    # Thousands separators are gone; Welsh (W) rural-urban rows did not leak in.
    assert all(r["population"].isdigit() for r in rows)
    assert all(r["id"].startswith("E01") for r in rows)
    assert {r["rural_urban_class"] for r in rows} <= {"A1", "B1", "C1", "C2", "D1", "D2", "E1", "E2"}


def localism_binary():
    import os
    import pytest
    path = pathlib.Path(os.environ.get("LOCALISM_BIN", ROOT / "build" / "localism"))
    if not path.exists():
        pytest.skip(f"localism binary not found at {path}: build it or set LOCALISM_BIN")
    return path


def test_england_run_names_its_councils(tmp_path):
    """`localism run scenarios/england.yaml` reports England's size, and the run file's
    council panel names Birmingham with its 639 neighbourhoods (one year, to keep it quick)."""
    import h5py
    out = tmp_path / "england.h5"
    done = subprocess.run([str(localism_binary()), "run", str(ROOT / "scenarios" / "england.yaml"),
                           "--set", "run.months=12", "-o", str(out), "--quiet"],
                          check=True, capture_output=True, text=True)
    assert "317 councils, 32,844 communities, 54,728,204 people (54.7 million)" in done.stdout
    with h5py.File(out, "r") as f:
        names = list(f["council_info/name"].asstr()[()])
        k = names.index("Birmingham")
        assert f["council_info/code"].asstr()[k] == "E08000025"
        assert f["council_info/communities"][k] == 639
        assert f["councils/need_reduced"].shape == (12, 317)
        assert f["council_info/deprivation"].attrs["scope"] in (b"council_info", "council_info")
