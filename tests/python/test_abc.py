"""analysis/abc.py and analysis/calibrate.py with injected simulators (no engine): ABC recovers
a known posterior, is deterministic given the seed, and the calibration writes its outputs and
keeps validation patterns out of fitting."""
import numpy as np
import pytest
import yaml

from analysis import abc, calibrate

SIGMA = 0.1  # sd of the simulated statistic around the parameter


def normal_mean_settings(seed=11):
    return abc.AbcSettings(lows=np.array([-5.0, 0.0]), highs=np.array([5.0, 10.0]),
                           observed=np.array([1.3, 7.0]), tolerance=np.array([0.1, 0.2]),
                           prior_samples=512, accept=100, generations=4, particles=100,
                           seed=seed)


def normal_mean_simulator(thetas, tag):
    """Statistic = parameter + N(0, SIGMA^2) noise, seeded by the batch tag (deterministic)."""
    rng = np.random.default_rng(list(tag.encode()))
    return thetas + rng.normal(0, SIGMA, size=thetas.shape) * np.array([1.0, 2.0])


def test_normal_mean_posterior_contains_the_truth_and_is_narrower_than_the_prior():
    generations = abc.run_abc(normal_mean_settings(), normal_mean_simulator)
    assert len(generations) == 5
    eps = [g.epsilon for g in generations[1:]]
    assert all(b <= a for a, b in zip(eps, eps[1:]))  # the tolerance shrinks
    post = generations[-1]
    assert np.isclose(post.weights.sum(), 1.0)
    stats = abc.summarise(post, 0.9)  # median, low, high per parameter
    truth = np.array([1.3, 7.0])
    assert np.all((stats[:, 1] <= truth) & (truth <= stats[:, 2])), stats
    widths = (stats[:, 2] - stats[:, 1]) / np.array([10.0, 10.0])
    assert np.all(widths < 0.2), widths
    # The exact posterior sd is SIGMA (x2 for the second); ABC with eps > 0 is a bit wider,
    # but must be the right order.
    assert 0.5 * 2 * 1.645 * SIGMA < stats[0, 2] - stats[0, 1] < 6 * 2 * 1.645 * SIGMA


def test_abc_is_deterministic_given_the_seed():
    a = abc.run_abc(normal_mean_settings(3), normal_mean_simulator)[-1]
    b = abc.run_abc(normal_mean_settings(3), normal_mean_simulator)[-1]
    c = abc.run_abc(normal_mean_settings(4), normal_mean_simulator)[-1]
    assert np.array_equal(a.thetas, b.thetas) and np.array_equal(a.weights, b.weights)
    assert not np.array_equal(a.thetas, c.thetas)


def test_proposals_stay_in_the_prior_box_and_weights_follow_the_kernel():
    s = normal_mean_settings()
    g0 = abc.rejection(s, normal_mean_simulator, np.random.default_rng(1))
    cov = 2 * abc.weighted_covariance(g0.thetas, g0.weights)
    draws = abc.propose(s, g0, cov * 100, 200, np.random.default_rng(2))  # a very wide kernel
    assert np.all((draws >= s.lows) & (draws <= s.highs))
    w = abc.smc_weights(draws, g0, cov)
    assert np.isclose(w.sum(), 1) and np.all(w >= 0)
    assert abc.weighted_quantile([1, 2, 3, 4], [0.25] * 4, 0.5) == pytest.approx(2.5)


def fake_engine(thetas, tag, chosen, replicates, seed):
    """Entrants ~ 1200 x entry_probability (+ noise); planning share = 10 / entrants."""
    rng = np.random.default_rng([seed, replicates])
    entrants = 1200 * thetas[:, 0] + rng.normal(0, 1.0, len(thetas))
    columns = {"small_entrants": entrants, "small_planning_share": 10 / entrants}
    return np.column_stack([columns[p.name] for p in chosen])


def test_calibration_outputs_with_an_injected_simulator(tmp_path):
    c = calibrate.load_calibration("tests/data/calibration/tiny.yaml")
    assert [p.name for p in c.fit] == ["small_entrants"]
    assert [p.name for p in c.validation] == ["small_planning_share"]
    result = calibrate.calibrate(c, tmp_path, simulator=fake_engine, log=lambda _: None)
    for name in ("posterior.csv", "history.csv", "calibrated.yaml", "predictive.csv",
                 "calibration.png", "calibration.svg", "summary.md"):
        assert (tmp_path / name).is_file(), name
    calibrated = yaml.safe_load((tmp_path / "calibrated.yaml").read_text())
    assert calibrated["set"]["prize.entry_probability"] == pytest.approx(0.03, abs=0.004)
    pred = result["predictive"].set_index("pattern")
    assert pred.loc["small_planning_share", "role"] == "validation"
    assert pred.loc["small_entrants", "within_tolerance"] == "yes"
    assert "90% CI" in (tmp_path / "calibrated.yaml").read_text()


def write_calibration(tmp_path, **changes):
    body = yaml.safe_load(open("tests/data/calibration/tiny.yaml"))
    body["patterns"] = str((calibrate.REPO_ROOT / "tests/data/patterns/tiny.yaml"))
    body.update(changes)
    path = tmp_path / "c.yaml"
    path.write_text(yaml.safe_dump(body))
    return path


@pytest.mark.parametrize("changes, message", [
    ({"fit": ["small_planning_share"]}, "validation patterns are held out"),
    ({"fit": ["small_entrantz"]}, "did you mean `small_entrants`"),
    ({"parameters": {"prize.entry_probability": [0.08, 0.01]}}, "low < high"),
    ({"smc": {"particls": 3}}, "did you mean `smc.particles`"),
    ({"replicats": 2}, "did you mean `replicates`"),
    ({"set": {"prize.entry_probability": 0.03}}, "none of them calibrated"),
])
def test_bad_calibration_files_are_refused(tmp_path, changes, message):
    with pytest.raises(calibrate.io.SweepError, match=message):
        calibrate.settings_of(calibrate.load_calibration(write_calibration(tmp_path, **changes)))


def test_cli_exits_2_on_bad_input(tmp_path, capsys):
    path = write_calibration(tmp_path, fit=["small_planning_share"])
    assert calibrate.main([str(path), "-o", str(tmp_path / "out")]) == 2
    assert "held out" in capsys.readouterr().err
