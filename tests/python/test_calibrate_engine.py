"""End to end with the real engine (slow group): "observed" patterns are generated from runs of a
small challenge-prize scenario at a known prize.entry_probability, then analysis.calibrate must
recover it: the known value inside the 90% credible interval, and the interval far narrower than
the prior. About a minute on 2 cores (roughly 600 runs of 2,000 communities x 8 months).
Measured with master seeds 5-8: 90% intervals [0.0427, 0.0530], [0.0422, 0.0586], [0.0417, 0.0496]
and [0.0388, 0.0510] around the true 0.045 (prior 0.01-0.08)."""
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from analysis import calibrate, patterns as pat
from localism_bin import localism_binary

REPO_ROOT = Path(__file__).resolve().parents[2]
SCENARIO = REPO_ROOT / "tests/data/calibration/small_prize.yaml"
TRUE_ENTRY_PROBABILITY = 0.045
PRIOR = [0.01, 0.08]


def write_patterns(directory, observed_entrants, observed_share):
    body = {"patterns": [
        {"name": "entrants", "scenario": str(SCENARIO), "statistic": "max(prize_entrants)",
         "observed": float(observed_entrants), "tolerance": 4.0, "role": "fit",
         "source": f"synthetic: runs at entry_probability {TRUE_ENTRY_PROBABILITY}"},
        {"name": "planning_share", "scenario": str(SCENARIO),
         "statistic": "final(prize_planning) / max(prize_entrants)",
         "observed": float(observed_share), "tolerance": 0.05, "role": "validation",
         "source": "synthetic"}]}
    path = directory / "patterns.yaml"
    path.write_text(yaml.safe_dump(body, sort_keys=False))
    return path


@pytest.mark.slow
def test_calibration_recovers_a_known_entry_probability(tmp_path):
    runner = calibrate.Runner(str(localism_binary()), jobs=2)
    # "Observed": 8 replicates at the true value, seeds unrelated to the calibration's.
    probe = pat.load_patterns(write_patterns(tmp_path, 0, 0))
    cal_stub = calibrate.Calibration(
        file=tmp_path / "stub.yaml", name="truth", patterns_file=tmp_path / "patterns.yaml",
        fit=probe, validation=[], names=["prize.entry_probability"], lows=np.array(PRIOR[:1]),
        highs=np.array(PRIOR[1:]), only_for={}, work=str(tmp_path / "truth"), seed_groups=1)
    observed = calibrate.simulate_patterns(cal_stub, runner, np.array([[TRUE_ENTRY_PROBABILITY]]),
                                           "truth", probe, 8, 987654321)[0]
    patterns_file = write_patterns(tmp_path, *observed)
    config = {"name": "synthetic", "patterns": str(patterns_file), "fit": ["entrants"],
              "parameters": {"prize.entry_probability": PRIOR}, "replicates": 3,
              "seed_groups": 4, "master_seed": 5,
              "rejection": {"method": "sobol", "n": 32, "accept": 12},
              "smc": {"generations": 2, "particles": 16, "quantile": 0.5},
              "predictive": {"draws": 8, "replicates": 2}}
    config_file = tmp_path / "calibration.yaml"
    config_file.write_text(yaml.safe_dump(config))
    out = tmp_path / "out"
    code = calibrate.main([str(config_file), "-o", str(out), "--jobs", "2",
                           "--localism", runner.localism])
    assert code == 0
    post = pd.read_csv(out / "posterior.csv")
    assert len(post) >= 8 and np.isclose(post["weight"].sum(), 1)
    median = yaml.safe_load((out / "calibrated.yaml").read_text())["set"]
    text = (out / "calibrated.yaml").read_text()
    low, high = [float(x) for x in text.split("90% CI [")[1].split("]")[0].split(",")]
    print(f"observed {observed}; posterior median {median}, 90% CI [{low}, {high}]")
    assert low <= TRUE_ENTRY_PROBABILITY <= high
    assert (high - low) < 0.35 * (PRIOR[1] - PRIOR[0])
    pred = pd.read_csv(out / "predictive.csv").set_index("pattern")
    assert pred.loc["planning_share", "role"] == "validation"  # held out, but checked
    # The predictive interval (runs at posterior draws, fresh seeds) is consistent with the
    # observation up to its error; with 2 replicates per draw "within tolerance" of the mean
    # alone is too noisy to test (master seeds 6 and 7 give "no" while recovering the value).
    fit = pred.loc["entrants"]
    assert fit["predictive_low90"] - fit["tolerance"] <= fit["observed"]
    assert fit["observed"] <= fit["predictive_high90"] + fit["tolerance"]


@pytest.mark.parametrize("parameters, fit_statistic, message", [
    ({"prize.entry_probabilty": [0.01, 0.05]}, "max(prize_entrants)",
     "did you mean `prize.entry_probability`"),
    ({"prize.entry_probability": [0.5, 2]}, "max(prize_entrants)", "leaves the parameter's range"),
    ({"prize.entry_probability": [0.01, 0.05]}, "max(prize_entrantz)",
     "no national series `prize_entrantz` \\(did you mean `prize_entrants`"),
])
def test_parameters_and_series_are_checked_against_the_engine_before_any_run(
        tmp_path, capsys, parameters, fit_statistic, message):
    binary = str(localism_binary())
    patterns_file = write_patterns(tmp_path, 50, 0.2)
    patterns_file.write_text(patterns_file.read_text().replace("max(prize_entrants)",
                                                               fit_statistic, 1))
    config = {"name": "bad", "patterns": str(patterns_file), "fit": ["entrants"],
              "parameters": parameters, "master_seed": 1}
    (tmp_path / "c.yaml").write_text(yaml.safe_dump(config))
    code = calibrate.main([str(tmp_path / "c.yaml"), "-o", str(tmp_path / "out"),
                           "--localism", binary])
    assert code == 2
    assert __import__("re").search(message, capsys.readouterr().err)
    assert not (tmp_path / "out" / "work").exists()  # refused before any sweep


def test_whole_number_parameters_are_rounded_and_written_as_integers(tmp_path):
    runner = calibrate.Runner(str(localism_binary()), jobs=2)
    probe = pat.load_patterns(write_patterns(tmp_path, 0, 0))
    c = calibrate.Calibration(
        file=tmp_path / "c.yaml", name="int", patterns_file=tmp_path / "patterns.yaml",
        fit=probe, validation=[], names=["prize.plan_support_places"], lows=np.array([2.0]),
        highs=np.array([20.0]), only_for={}, work=str(tmp_path / "w"), seed_groups=1,
        integer=np.array([True]))
    values = calibrate.simulate_patterns(c, runner, np.array([[5.0], [15.0]]), "t", probe, 1, 3)
    # Planning places cap the planning share: 5 and 15 places over the same entrants.
    assert values[0, 1] < values[1, 1]
    assert (tmp_path / "w/t/s0_small_prize_g0/points.csv").read_text().splitlines()[1] == "5"
