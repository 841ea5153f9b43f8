"""Sobol and Morris estimators against the Ishigami function's known behaviour."""
import itertools

import numpy as np
import pandas as pd
import pytest
from scipy.stats import qmc

from analysis import sensitivity, synthetic

# Analytic Ishigami indices for a=7, b=0.1 (Ishigami & Homma 1990; Saltelli et al. 2010).
S1_TRUE = np.array([0.3139, 0.4424, 0.0])
ST_TRUE = np.array([0.5576, 0.4424, 0.2437])


def _to_ishigami_space(unit):
    return -np.pi + 2 * np.pi * unit


def _ishigami_outputs(unit_a, unit_b):
    ab = sensitivity.saltelli_ab(unit_a, unit_b)
    f = lambda u: sensitivity.ishigami(_to_ishigami_space(u))  # noqa: E731
    return f(unit_a), f(unit_b), f(ab)


def test_stated_constants_match_closed_form():
    a, b = 7.0, 0.1
    v1 = 0.5 * (1 + b * np.pi ** 4 / 5) ** 2
    v2 = a ** 2 / 8
    v13 = b ** 2 * np.pi ** 8 * (1 / 18 - 1 / 50)
    total = v1 + v2 + v13
    np.testing.assert_allclose([v1 / total, v2 / total, 0.0], S1_TRUE, atol=5e-5)
    np.testing.assert_allclose([(v1 + v13) / total, v2 / total, v13 / total], ST_TRUE, atol=5e-5)


def test_sobol_ishigami_quasi_random_within_0_02():
    """Scrambled Sobol' base points, N = 8192: every index within 0.02 of the analytic value."""
    points = qmc.Sobol(6, seed=11).random(2 ** 13)
    y_a, y_b, y_ab = _ishigami_outputs(points[:, :3], points[:, 3:])
    table = sensitivity.sobol_indices(y_a, y_b, y_ab, n_boot=200)
    np.testing.assert_allclose(table["S1"], S1_TRUE, atol=0.02)
    np.testing.assert_allclose(table["ST"], ST_TRUE, atol=0.02)


def test_sobol_ishigami_bootstrap_intervals_cover_truth():
    """Plain Monte Carlo, N = 8192: each 95% bootstrap interval contains the analytic index
    (fixed seed; the intervals are about +-0.03 wide, errors about 0.01)."""
    rng = np.random.default_rng(5)
    y_a, y_b, y_ab = _ishigami_outputs(rng.random((8192, 3)), rng.random((8192, 3)))
    table = sensitivity.sobol_indices(y_a, y_b, y_ab, n_boot=500, seed=1)
    assert np.all((table["S1_low"] <= S1_TRUE) & (S1_TRUE <= table["S1_high"]))
    assert np.all((table["ST_low"] <= ST_TRUE) & (ST_TRUE <= table["ST_high"]))
    assert np.all(table["S1_high"] - table["S1_low"] < 0.1)


def test_morris_linear_function_is_exact():
    """For f = sum c_i x_i every elementary effect equals c_i: mu* = |c_i|, sigma = 0."""
    coefficients = np.array([3.0, -1.5, 0.0, 0.25])
    traj = sensitivity.morris_trajectories(50, 4, seed=2)
    table = sensitivity.morris_indices(traj, traj @ coefficients, n_boot=0)
    np.testing.assert_allclose(table["mu"], coefficients, atol=1e-12)
    np.testing.assert_allclose(table["mu_star"], np.abs(coefficients), atol=1e-12)
    np.testing.assert_allclose(table["sigma"], 0.0, atol=1e-12)


def _morris_expectation(levels=4):
    """Exact mu* and sigma of Ishigami elementary effects on the Morris grid, by enumeration:
    the other coordinates are uniform on the grid and x_i steps from {0, 1/3} by delta."""
    grid = np.arange(levels) / (levels - 1)
    delta = levels / (2 * (levels - 1))
    mu_star, sigma = [], []
    for i in range(3):
        effects = []
        for point in itertools.product(grid, repeat=3):
            x = np.array(point)
            if x[i] + delta > 1 + 1e-12:
                continue
            y = x.copy()
            y[i] += delta
            f = sensitivity.ishigami(_to_ishigami_space(np.vstack([x, y])))
            effects.append((f[1] - f[0]) / delta)
        effects = np.array(effects)
        mu_star.append(np.abs(effects).mean())
        sigma.append(effects.std())
    return np.array(mu_star), np.array(sigma)


def test_morris_ishigami_matches_grid_expectation():
    """4000 trajectories: mu* and sigma within 6% of their exact grid expectation
    (sampling error is about 1.5%); and x1, which acts alone and with x3, ranks first."""
    traj = sensitivity.morris_trajectories(4000, 3, seed=9)
    y = sensitivity.ishigami(_to_ishigami_space(traj))
    table = sensitivity.morris_indices(traj, y, n_boot=100)
    mu_star, sigma = _morris_expectation()
    np.testing.assert_allclose(table["mu_star"], mu_star, rtol=0.06)
    np.testing.assert_allclose(table["sigma"], sigma, rtol=0.06)
    assert table["mu_star"].iloc[2] > 1.0  # x3 matters only through its interaction
    assert abs(table["mu"].iloc[2]) < 0.2 * table["mu_star"].iloc[2]


def test_morris_rejects_steps_moving_two_parameters():
    traj = sensitivity.morris_trajectories(3, 2, seed=1)
    traj[0, 1] = traj[0, 0] + 0.5
    with pytest.raises(ValueError):
        sensitivity.morris_indices(traj, traj.sum(axis=2))


def test_sobol_from_manifest_recovers_ishigami(tmp_path):
    """A Saltelli-ordered manifest (outcome 1000 + 10 * Ishigami, parameters in
    [-pi, pi]) yields the Ishigami indices: the offset and scale must not matter."""
    directory = synthetic.sobol_sweep(tmp_path, n_base=4096, seed=4)
    table = sensitivity.sensitivity_from_manifest(directory, "final_total_need", n_boot=100)
    assert list(table["parameter"]) == list(synthetic.ISHIGAMI_PARAMS)
    np.testing.assert_allclose(table["S1"], S1_TRUE, atol=0.05)
    np.testing.assert_allclose(table["ST"], ST_TRUE, atol=0.05)


def test_morris_from_manifest_matches_direct_computation(tmp_path):
    directory = synthetic.morris_sweep(tmp_path, trajectories=100, seed=6)
    table = sensitivity.sensitivity_from_manifest(directory, "final_total_need", n_boot=0)
    traj = sensitivity.morris_trajectories(100, 3, seed=6)
    direct = sensitivity.morris_indices(traj, sensitivity.ishigami(_to_ishigami_space(traj)),
                                        n_boot=0)
    np.testing.assert_allclose(table["mu_star"], 10 * direct["mu_star"], rtol=1e-9)
    np.testing.assert_allclose(table["sigma"], 10 * direct["sigma"], rtol=1e-9)


def test_sensitivity_needs_a_sample_design(tmp_path):
    directory = synthetic.replicate_sweep(tmp_path, replicates=2, months=3, councils=2)
    with pytest.raises(sensitivity.SweepError, match="sobol"):
        sensitivity.sensitivity_from_manifest(directory, "final_total_need")


def test_sensitivity_cli(tmp_path, capsys):
    directory = synthetic.sobol_sweep(tmp_path / "sweep", n_base=64)
    out = tmp_path / "s.csv"
    code = sensitivity.main([str(directory), "--outcome", "final_total_need", "-o", str(out),
                             "--bootstrap", "50", "--plot"])
    assert code == 0
    assert set(pd.read_csv(out)["parameter"]) == set(synthetic.ISHIGAMI_PARAMS)
    assert (tmp_path / "sensitivity_final_total_need.svg").is_file()
    assert sensitivity.main([str(tmp_path / "nowhere")]) == 2
    assert "error:" in capsys.readouterr().err
