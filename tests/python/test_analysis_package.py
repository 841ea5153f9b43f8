"""The analysis package installs offline with Debian's setuptools into a virtual environment
(`python3 -m venv --system-site-packages`, `pip install --no-build-isolation --no-index .`) and
its console command works from any directory with no sys.path edits."""
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis import synthetic

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def venv(tmp_path_factory):
    work = tmp_path_factory.mktemp("package")
    source = work / "source"  # a copy, so the build leaves nothing in the checkout
    source.mkdir()
    for name in ("pyproject.toml", "setup.cfg"):
        shutil.copy(REPO / name, source / name)
    shutil.copytree(REPO / "analysis", source / "analysis",
                    ignore=shutil.ignore_patterns("__pycache__"))
    env = work / "venv"
    made = subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(env)],
                          capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"python3 -m venv unavailable (install python3-venv): {made.stderr[-300:]}")
    done = subprocess.run([str(env / "bin/python"), "-m", "pip", "install", "--no-build-isolation",
                           "--no-index", "."], cwd=source, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return env


def test_installed_package_is_imported_from_the_environment(venv, tmp_path):
    done = subprocess.run([str(venv / "bin/python"), "-c",
                           "import analysis.export, analysis.plots; print(analysis.__file__)"],
                          cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert str(venv) in done.stdout and str(REPO) not in done.stdout


def test_console_command_lists_tools_and_runs_export(venv, tmp_path):
    command = venv / "bin/localism-analysis"
    listed = subprocess.run([str(command), "--help"], cwd=tmp_path, capture_output=True,
                            text=True)
    assert listed.returncode == 0
    for tool in ("compare", "report", "export", "sensitivity"):
        assert f"  {tool}" in listed.stdout
    sweep = synthetic.replicate_sweep(tmp_path / "sweep", replicates=2, months=6, councils=2)
    done = subprocess.run([str(command), "export", str(sweep), "-o", str(tmp_path / "out"),
                           "--metrics", "total_need,final_total_need"],
                          cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    table = pd.read_csv(tmp_path / "out/series_long.csv")
    assert len(table) == 3 * 2 * 6 and set(table["metric"]) == {"total_need"}
    bad = subprocess.run([str(command), "no-such-tool"], capture_output=True, text=True)
    assert bad.returncode == 2 and "unknown tool" in bad.stderr
