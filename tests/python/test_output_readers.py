"""A real `localism run` output opened with h5py, ncdump and xarray, checked against the format.

The binary comes from $LOCALISM_BIN (default build/localism under the repository root); the
tests are skipped with the reason when it is missing.
"""
import os
import shutil
import subprocess
from pathlib import Path

import h5py
import numpy as np
import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
MONTHS = 24
COUNCILS = 10
COMMUNITIES = 2000
SNAPSHOT_INTERVAL = 12
SEED = 7


def localism_binary():
    path = Path(os.environ.get("LOCALISM_BIN", "build/localism"))
    return path if path.is_absolute() else REPO_ROOT / path


@pytest.fixture(scope="module")
def run_file(tmp_path_factory):
    binary = localism_binary()
    if not (binary.is_file() and os.access(binary, os.X_OK)):
        pytest.skip(f"localism binary not found at {binary}: build it or set LOCALISM_BIN")
    output = tmp_path_factory.mktemp("readers") / "devolved.h5"
    overrides = {
        "run.months": MONTHS,
        "population.communities": COMMUNITIES,
        "population.councils": COUNCILS,
        "output.snapshot_interval_months": SNAPSHOT_INTERVAL,
    }
    command = [str(binary), "run", str(REPO_ROOT / "scenarios/devolved.yaml"), "-o", str(output),
               "--quiet", "--seed", str(SEED)]
    for key, value in overrides.items():
        command += ["--set", f"{key}={value}"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert output.is_file()
    return output


def text(value):
    return value.decode() if isinstance(value, bytes) else str(value)


def test_root_attributes_carry_provenance(run_file):
    with h5py.File(run_file, "r") as f:
        attrs = f.attrs
        for name in ("format", "format_version", "program_version", "git_sha", "seed", "threads",
                     "created", "scenario_text", "scenario_resolved"):
            assert name in attrs, f"root attribute {name} missing"
        assert text(attrs["format"]) == "localism-output"
        assert text(attrs["format_version"])
        assert int(attrs["seed"]) == SEED
        assert int(attrs["threads"]) >= 1
        assert "extends: base.yaml" in text(attrs["scenario_text"])
        resolved = text(attrs["scenario_resolved"])
        assert f"months: {MONTHS}" in resolved
        assert f"communities: {COMMUNITIES}" in resolved


def test_every_dataset_has_units_and_description(run_file):
    missing = []
    with h5py.File(run_file, "r") as f:
        for group in ("national", "councils", "council_info", "communities"):
            assert group in f, f"group /{group} missing"
            for name, dataset in f[group].items():
                for attribute in ("units", "description"):
                    if attribute not in dataset.attrs:
                        missing.append(f"/{group}/{name}@{attribute}")
    assert not missing, f"datasets without units/description: {missing}"


def test_metrics_carry_better_and_scope_like_the_synthetic_files(run_file):
    from analysis import io, synthetic
    scales = {"community", "snapshot_month"}
    scope_of = {"national": "national", "councils": "council", "council_info": "council_info",
                "communities": "snapshot"}
    with h5py.File(run_file, "r") as f:
        for group, scope in scope_of.items():
            info = io.metric_info(f[group])
            for name, entry in info.items():
                if name in scales:
                    continue
                assert entry["better"] in ("higher", "lower", "neither"), f"/{group}/{name}"
                assert entry["scope"] == scope, f"/{group}/{name}"
                # docs/metrics.md (what synthetic files are labelled from) matches the engine.
                assert synthetic.registry()[scope][name] == entry, f"/{group}/{name}"


def test_series_shapes(run_file):
    with h5py.File(run_file, "r") as f:
        assert f["national"], "no national series"
        for name, dataset in f["national"].items():
            assert dataset.shape == (MONTHS,), f"/national/{name} has shape {dataset.shape}"
        for name, dataset in f["councils"].items():
            assert dataset.shape == (MONTHS, COUNCILS), f"/councils/{name} has shape {dataset.shape}"
        snapshots = MONTHS // SNAPSHOT_INTERVAL
        assert f["communities/need"].shape == (snapshots, COMMUNITIES)


def test_ncdump_reads_header(run_file):
    if shutil.which("ncdump") is None:
        pytest.skip("ncdump not installed")
    result = subprocess.run(["ncdump", "-h", str(run_file)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "time = UNLIMITED" in result.stdout


def test_xarray_opens_groups_with_named_dimensions(run_file):
    xr = pytest.importorskip("xarray")
    with xr.open_dataset(run_file, group="national", engine="netcdf4") as national:
        assert "time" in national.dims
        assert national.sizes["time"] == MONTHS
        assert "total_need" in national
    with xr.open_dataset(run_file, group="councils", engine="netcdf4") as councils:
        assert {"time", "council"} <= set(councils.dims)
        assert councils.sizes["council"] == COUNCILS


def test_money_is_conserved_every_month(run_file):
    with h5py.File(run_file, "r") as f:
        allocated = f["national/money_allocated_gbp"][...]
        spent = f["national/money_spent_gbp"][...]
        held = f["national/money_held_gbp"][...]
    assert allocated.shape == (MONTHS,)
    assert np.all(allocated > 0), "no money was allocated: the check would be vacuous"
    scale = np.maximum(np.abs(allocated), 1.0)
    error = np.abs(allocated - spent - held) / scale
    assert np.all(error <= 1e-6), f"worst relative imbalance {error.max():.3g} in month {error.argmax() + 1}"


def test_summary_prints_run_totals_of_every_monthly_flow(run_file):
    """`localism summary` sums each flow (units "<x>/month") over the run; stocks are not summed."""
    result = subprocess.run([str(localism_binary()), "summary", str(run_file)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.split("\nrun totals")[1].split("\n\n")[0].splitlines()[1:]
    all_spend = float(lines.pop().split()[-2])  # last: "(all spend_* lines)  TOTAL  GBP"
    totals = {line.split()[0]: float(line.split()[1]) for line in lines}
    with h5py.File(run_file, "r") as f:
        national = f["national"]
        flows = {name for name in national if text(national[name].attrs["units"]).endswith("/month")}
        assert {"need_reduced", "spend_open_grants_gbp", "income_earned_gbp"} <= flows
        assert set(totals) == flows
        for name in flows:
            expected = float(np.sum(national[name][()]))
            # summary prints 6 significant digits
            assert totals[name] == pytest.approx(expected, rel=1e-5, abs=1e-9), name
        # The total of need removed is the cumulative series' last value.
        assert totals["need_reduced"] == pytest.approx(
            float(national["cumulative_need_reduced"][-1]), rel=1e-5)
    spend = [totals[name] for name in flows if name.startswith("spend_")]
    assert any(value > 0 for value in spend)
    assert all_spend == pytest.approx(sum(spend), rel=1e-5)
