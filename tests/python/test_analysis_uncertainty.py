"""Parameter uncertainty of the policy difference (analysis/uncertainty.py) on made-up sweeps
with a known answer: the difference per GBP m is 1000 x (x1 - 0.3) plus seed noise, x2 does
nothing, so centralised wins on 30% of parameter space and x1 alone decides the sign."""
import numpy as np
import pandas as pd
import pytest

from analysis import io, report_uncertainty, uncertainty

POINTS, REPLICATES, NOISE = 200, 3, 40.0
BASE_NEED, USED_GBP = 1000.0, 1e6  # every policy arm uses GBP 1m more than the baseline


def _sweep(points=POINTS, replicates=REPLICATES, noise=NOISE, seed=3, design="lhs"):
    rng = np.random.default_rng(seed)
    x1, x2 = rng.uniform(0, 1, points), rng.uniform(0, 1, points)
    rows, params = [], []
    for p in range(points):
        for r in range(replicates):
            shared = rng.normal(0, 50)  # common random numbers: cancels in the difference
            centralised = 300 + shared
            devolved = 300 + 1000 * (x1[p] - 0.3) + shared + rng.normal(0, noise)
            for arm, extra, used in (("baseline", 0.0, 0.0), ("centralised", centralised,
                                     USED_GBP), ("devolved", devolved, USED_GBP)):
                rows.append({"run_id": f"{arm}-p{p}-r{r}", "arm": arm, "replicate": r,
                             "sample_index": p, "status": "ok",
                             "cumulative_need_reduced": BASE_NEED + shared + extra,
                             "total_spend_gbp": 5e6 + used, "total_leakage_gbp": 0.0})
                params.append({"x1": x1[p], "x2": x2[p]})
    runs = pd.DataFrame(rows)
    return io.Sweep(directory=".", attrs={"design": design}, runs=runs,
                    params=pd.DataFrame(params, index=runs.index)), x1


def test_point_effects_recover_the_known_difference_per_point():
    sweep, x1 = _sweep(noise=0.0)
    table = uncertainty.point_effects(sweep, "baseline")
    assert table.attrs["first"] == "centralised" and table.attrs["second"] == "devolved"
    expected = 1000 * (x1 - 0.3)
    np.testing.assert_allclose(table["difference"], expected, atol=1e-6)
    np.testing.assert_allclose(table["x1"], x1)


def test_summary_shares_and_quantiles_match_the_construction():
    sweep, x1 = _sweep()
    table = uncertainty.point_effects(sweep, "baseline")
    summary = uncertainty.summarise(table)
    assert summary["points"] == POINTS
    # Seed noise of a point's mean is NOISE / sqrt(3) ~ 23 per GBP m, so only points with x1
    # within ~0.05 of 0.3 can flip: the share stays within a few points of P(x1 < 0.3).
    assert abs(summary["share_centralised_wins"] - (x1 < 0.3).mean()) < 0.04
    assert summary["share_centralised_wins_low"] < summary["share_centralised_wins"] \
        < summary["share_centralised_wins_high"]
    assert abs(summary["median"] - np.median(1000 * (x1 - 0.3))) < 30
    # Seed variance of a point mean: NOISE^2 / 3 over a total of ~ 1000^2 / 12.
    expected_share = (NOISE ** 2 / REPLICATES) / np.var(1000 * (x1 - 0.3), ddof=1)
    assert summary["seed_noise_share_of_variance"] == pytest.approx(expected_share, rel=0.35)


def test_drivers_name_the_parameter_that_decides_and_not_the_one_that_does_not():
    sweep, _ = _sweep()
    table = uncertainty.point_effects(sweep, "baseline")
    decisive = uncertainty.drivers(table).set_index("parameter")
    assert decisive.index[0] == "x1"
    assert decisive.loc["x1", "spearman"] > 0.95 and decisive.loc["x1", "spearman_p"] < 1e-6
    assert decisive.loc["x1", "prcc"] > 0.95
    assert abs(decisive.loc["x2", "spearman"]) < 0.2 and decisive.loc["x2", "spearman_p"] > 0.01
    # Devolved wins rarely in the lowest third (x1 < 0.33, mostly below 0.3), always in the top.
    assert decisive.loc["x1", "share_devolved_wins_low_third"] < 0.3
    assert decisive.loc["x1", "share_devolved_wins_high_third"] == 1.0


def test_prcc_removes_a_confounded_parameter():
    # y depends on a only; b is correlated with a, so Spearman sees b but PRCC does not.
    rng = np.random.default_rng(5)
    a = rng.uniform(size=400)
    b = a + rng.normal(0, 0.1, 400)
    y = a + rng.normal(0, 0.05, 400)
    r = uncertainty.prcc(np.column_stack([a, b]), y)
    assert r[0] > 0.8 and abs(r[1]) < 0.15


def test_wilson_interval_known_values():
    # Wilson 95% for 0 of 10: [0, 0.2775]; for 5 of 10: [0.2366, 0.7634].
    low, high = uncertainty.wilson(0, 10)
    assert low == pytest.approx(0.0, abs=1e-12) and high == pytest.approx(0.2775, abs=1e-4)
    low, high = uncertainty.wilson(5, 10)
    assert low == pytest.approx(0.2366, abs=1e-4) and high == pytest.approx(0.7634, abs=1e-4)


def test_seed_noise_difference_covers_the_truth_at_one_point():
    sweep, x1 = _sweep(points=1, replicates=30, noise=60.0, seed=9, design="replicates")
    seed = uncertainty.seed_noise_difference(sweep, "baseline")
    truth = 1000 * (x1[0] - 0.3)
    assert seed["replicates"] == 30
    assert seed["low"] < truth < seed["high"]
    assert seed["high"] - seed["low"] < 4 * 60.0 / np.sqrt(30) * 1.3


def test_missing_baseline_or_arms_is_a_clear_error():
    sweep, _ = _sweep(points=5)
    with pytest.raises(io.SweepError, match="no 'none' arm"):
        uncertainty.point_effects(sweep, "none")
    with pytest.raises(io.SweepError, match="not among arms"):
        uncertainty.point_effects(sweep, "baseline", ("centralised", "mixed"))


def test_headline_labels_seed_noise_and_parameter_spread_apart():
    sweep, _ = _sweep()
    table = uncertainty.point_effects(sweep, "baseline")
    summary = uncertainty.summarise(table)
    text = report_uncertainty.headline_html(
        summary, {"difference": 420.0, "low": 400.0, "high": 440.0, "replicates": 20},
        uncertainty.drivers(table))
    assert "Seed noise only" in text and "Parameter uncertainty" in text
    assert "centralised wins in 3" in text or "centralised wins in 2" in text
    assert "x1" in text and "x2" not in text
