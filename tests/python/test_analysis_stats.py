"""Across-replicate statistics: intervals, paired differences and their coverage."""
import numpy as np
import pandas as pd
import pytest
from scipy import stats as sps

from analysis import io, stats, synthetic


@pytest.fixture(scope="module")
def sweep(tmp_path_factory):
    directory = synthetic.replicate_sweep(tmp_path_factory.mktemp("sweep"), replicates=12,
                                          months=6, councils=3)
    return io.load_sweep(directory)


def test_mean_ci_matches_t_formula():
    x = np.array([1.0, 2.0, 4.0, 7.0, np.nan])  # NaN = a failed run, dropped
    mean, low, high, n = stats.mean_ci(x)
    half = sps.t.ppf(0.975, 3) * np.std(x[:4], ddof=1) / 2
    assert n == 4 and mean == pytest.approx(3.5)
    assert (low, high) == pytest.approx((3.5 - half, 3.5 + half))
    assert np.isnan(stats.mean_ci([5.0])[1]) and stats.mean_ci([])[3] == 0


def test_summary_counts_and_means(sweep):
    table = stats.summarise_arms(sweep.runs, ["final_total_need"])
    assert list(table["arm"]) == ["centralised", "devolved", "mixed"]
    devolved = sweep.runs.loc[sweep.runs["arm"] == "devolved", "final_total_need"]
    row = table[table["arm"] == "devolved"].iloc[0]
    assert row["mean"] == pytest.approx(devolved.mean()) and row["n"] == 12
    assert row["ci_low"] < row["mean"] < row["ci_high"]


def test_paired_difference_recovers_known_effect(sweep):
    paired = stats.paired_differences(sweep.runs, ["final_total_need"])
    row = paired[(paired["arm_a"] == "centralised") & (paired["arm_b"] == "devolved")].iloc[0]
    true_effect = synthetic.ARM_NEED_EFFECT["devolved"]
    assert row["ci_low"] < true_effect < row["ci_high"]
    assert row["n_pairs"] == 12 and row["favours"] == "devolved"  # lower need is better
    runs = sweep.runs
    a = runs[runs["arm"] == "centralised"].sort_values("replicate")["final_total_need"]
    b = runs[runs["arm"] == "devolved"].sort_values("replicate")["final_total_need"]
    assert row["t_pvalue"] == pytest.approx(sps.ttest_rel(b, a).pvalue)
    assert row["wilcoxon_pvalue"] == pytest.approx(sps.wilcoxon(b.to_numpy() - a.to_numpy()).pvalue)


def test_pairing_uses_replicate_not_row_order(sweep):
    shuffled = sweep.runs.sample(frac=1.0, random_state=1)
    # Explicit pairs: the default pair order follows row order, which shuffling changes.
    pairs = [("centralised", "devolved"), ("centralised", "mixed")]
    before = stats.paired_differences(sweep.runs, ["final_total_need"], pairs)
    after = stats.paired_differences(shuffled, ["final_total_need"], pairs)
    pd.testing.assert_frame_equal(before, after)


def test_pairing_beats_independent_comparison(sweep):
    # Common random numbers make the paired interval much narrower than the
    # difference of two independent intervals: the reason the design pairs seeds.
    paired = stats.paired_differences(sweep.runs, ["final_total_need"],
                                      pairs=[("centralised", "devolved")]).iloc[0]
    summary = stats.summarise_arms(sweep.runs, ["final_total_need"]).set_index("arm")
    independent = sum(summary.loc[arm, "ci_high"] - summary.loc[arm, "ci_low"]
                      for arm in ("centralised", "devolved"))
    assert paired["ci_high"] - paired["ci_low"] < 0.5 * independent


def test_failed_runs_drop_out_of_pairs(tmp_path):
    directory = synthetic.replicate_sweep(tmp_path, replicates=4, months=4, councils=2,
                                          failed=("devolved-r002",))
    runs = io.load_sweep(directory).runs
    paired = stats.paired_differences(runs, ["final_total_need"],
                                      pairs=[("centralised", "devolved")])
    assert paired["n_pairs"].iloc[0] == 3


@pytest.mark.slow
def test_mean_ci_coverage():
    """2000 experiments of 10 normal replicates: the 95% interval must cover the true
    mean 95% of the time; 0.015 is about three binomial standard errors (0.0049)."""
    rng = np.random.default_rng(20260101)
    true_mean = 3.0
    hits = 0
    for _ in range(2000):
        _, low, high, _ = stats.mean_ci(rng.normal(true_mean, 2.0, size=10))
        hits += low <= true_mean <= high
    assert abs(hits / 2000 - 0.95) < 0.015


@pytest.mark.slow
def test_paired_ci_coverage():
    """Same check for paired differences with a large shared (CRN) component."""
    rng = np.random.default_rng(7)
    effect = -2.5
    hits = 0
    for _ in range(2000):
        shared = rng.normal(0, 10, size=8)
        a = shared + rng.normal(0, 1, size=8)
        b = shared + effect + rng.normal(0, 1, size=8)
        result = stats.paired_difference(a, b)
        hits += result["ci_low"] <= effect <= result["ci_high"]
    assert abs(hits / 2000 - 0.95) < 0.015


def test_outcome_without_better_direction_says_higher_not_better(sweep):
    paired = stats.paired_differences(sweep.runs, ["total_spend_gbp"])
    assert all(v == "unclear" or v.endswith(" higher") for v in paired["favours"])


def _baseline_runs(extra_need, extra_gbp, replicates=30, seed=4):
    """A baseline and one arm over paired replicates, with shared shocks and known effects."""
    rng = np.random.default_rng(seed)
    shock = rng.normal(0, 200, replicates)
    rows = []
    for r in range(replicates):
        rows.append({"arm": "baseline", "replicate": r, "status": "ok",
                     "cumulative_need_reduced": 1000 + shock[r], "total_spend_gbp": 1e5})
        rows.append({"arm": "devolved", "replicate": r, "status": "ok",
                     "cumulative_need_reduced": 1000 + extra_need + shock[r] + rng.normal(0, 5),
                     "total_spend_gbp": 1e5 + extra_gbp * (1 + 0.02 * rng.normal()),
                     "total_leakage_gbp": 0.0})
    return pd.DataFrame(rows)


def test_additional_over_baseline_recovers_known_effect_and_price():
    extra = stats.additional_over_baseline(_baseline_runs(50.0, 9e5), "baseline")
    row = extra.set_index("arm").loc["devolved"]
    assert row["n_pairs"] == 30
    # Shared shocks cancel in pairs: the interval is tight around the true 50.
    assert row["additional_need_low"] < 50 < row["additional_need_high"]
    assert row["additional_need_high"] - row["additional_need_low"] < 10
    assert row["additional_gbp_used"] == pytest.approx(9e5, rel=0.02)
    assert row["per_gbp_low"] < 50 / 9e5 < row["per_gbp_high"]
    assert row["additional_need_per_gbp"] == pytest.approx(
        row["additional_need"] / row["additional_gbp_used"])


def test_leaked_money_counts_as_used_and_no_extra_money_has_no_price():
    runs = _baseline_runs(50.0, 9e5)
    leaky = runs.assign(total_leakage_gbp=np.where(runs["arm"] == "devolved", 9e5, 0.0))
    plain = stats.additional_over_baseline(runs, "baseline").iloc[0]
    halved = stats.additional_over_baseline(leaky, "baseline").iloc[0]
    assert halved["additional_need_per_gbp"] == pytest.approx(
        plain["additional_need_per_gbp"] / 2, rel=0.02)
    free = stats.additional_over_baseline(_baseline_runs(50.0, 0.0), "baseline").iloc[0]
    assert np.isnan(free["additional_need_per_gbp"]) and np.isnan(free["per_gbp_low"])
