"""The parameter-uncertainty report on real sweeps made by the engine: a small replicate sweep
(seed noise at the shipped values) and a small LHS sweep over three uncalibrated parameters
(parameter spread), both with the no-money baseline arm; the report quotes both, labelled.

Skipped with the reason when the localism binary is missing ($LOCALISM_BIN, default build/localism).
"""
import re
import subprocess
from pathlib import Path

import numpy as np
import pytest

from analysis import io, report, uncertainty
from localism_bin import localism_binary

REPO_ROOT = Path(__file__).resolve().parents[2]
EXPERIMENT = """name: {name}
description: "parameter-uncertainty test"
base: {base}
master_seed: 5
replicates: {replicates}
set:
  population.communities: 600
  population.councils: 6
  run.months: 36
  central.annual_budget_gbp: 600000
arms:
  baseline: {{central.mode: devolved, central.annual_budget_gbp: 0,
             devolved.learning_ties_per_community: 0, prize.enabled: false}}
  centralised: {{central.mode: centralised}}
  devolved: {{central.mode: devolved}}
"""
SAMPLE = """sample:
  method: lhs
  n: 12
  parameters:
    centralised.imposed_ownership: [0.05, 0.8]
    impact.fit_width: [0.5, 2.0]
    population.context_spread_between_councils: [0.05, 1.0]
"""


def _binary():
    binary = localism_binary()
    return binary


@pytest.fixture(scope="module")
def sweeps(tmp_path_factory):
    binary, work = _binary(), tmp_path_factory.mktemp("uncertainty")
    base = REPO_ROOT / "scenarios/base.yaml"
    out = {}
    for name, replicates, extra in (("seeds", 4, ""), ("spread", 2, SAMPLE)):
        path = work / f"{name}.yaml"
        path.write_text(EXPERIMENT.format(name=name, base=base, replicates=replicates) + extra)
        done = subprocess.run([str(binary), "sweep", str(path), "-o", str(work / name),
                               "--jobs", "2", "--quiet"], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        out[name] = work / name
    return out


def test_every_point_has_both_arms_and_a_seed_variance(sweeps):
    _, table, summary, decisive = uncertainty.analyse(sweeps["spread"])
    assert len(table) == 12 and summary["points"] == 12
    assert np.isfinite(table["per_gbp_m_centralised"]).all()
    assert np.isfinite(table["per_gbp_m_devolved"]).all()
    assert np.isfinite(table["difference_seed_var"]).all()  # two replicates per point
    assert set(decisive["parameter"]) == {"centralised.imposed_ownership", "impact.fit_width",
                                          "population.context_spread_between_councils"}
    assert summary["share_centralised_wins"] + summary["share_devolved_wins"] <= 1.0


def test_report_headline_quotes_seed_noise_and_parameter_spread(sweeps):
    # One report (building it draws every figure, the slow part).
    document = report.build_report(sweeps["seeds"], n_boot=10,
                                   uncertainty_dir=sweeps["spread"])
    headline = document.split('id="headline"')[1].split("</section>")[0]
    text = re.sub("<[^>]+>", "", headline)
    assert "Seed noise only (at the shipped parameter values, 4 paired replicates)" in text
    assert "Parameter uncertainty: Over 12 points" in text
    assert re.search(r"centralised wins in \d+% of parameter space", text)
    section = document.split('id="uncertainty"')[1].split("</section>")[0]
    assert "data:image/png;base64," in section  # the distribution figure
    assert "Which parameters decide the difference" in section


def test_report_without_uncertainty_says_how_to_get_it(sweeps):
    head, body = report._uncertainty(io.load_sweep(sweeps["seeds"]), None)
    assert head == "" and "parameter_uncertainty.yaml" in body
