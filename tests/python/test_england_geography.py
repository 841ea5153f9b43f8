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
