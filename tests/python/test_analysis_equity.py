"""Outcomes by deprivation decile and by council (issue 14): per run, aggregated across
replicates, progressive or regressive, and councils by additional need per pound."""
import numpy as np
import pandas as pd
import pytest

from analysis import compare, equity_io, io, report, stats, synthetic


@pytest.fixture(scope="module")
def sweep_dir(tmp_path_factory):
    return synthetic.replicate_sweep(tmp_path_factory.mktemp("equity"), replicates=6, months=12,
                                     councils=5, arms=("baseline", "centralised", "devolved",
                                                       "mixed"))


@pytest.fixture(scope="module")
def named_dir(tmp_path_factory):
    return synthetic.replicate_sweep(tmp_path_factory.mktemp("named"), replicates=3, months=6,
                                     councils=4, arms=("baseline", "devolved"), names=True)


def test_decile_series_of_a_run_add_up_to_its_national_series(sweep_dir):
    sweep = io.load_sweep(sweep_dir)
    path = sweep.run_path("devolved-r000")
    removed = equity_io.read_deciles(path, "cumulative_need_reduced")
    national, _ = io.read_national(path, ["cumulative_need_reduced", "total_need"])
    assert removed.sizes["decile"] == 10
    assert list(removed["decile"].values) == list(range(1, 11))
    np.testing.assert_allclose(removed.sum("decile").values,
                               national["cumulative_need_reduced"].values, rtol=1e-12)
    need = equity_io.read_deciles(path, "total_need")
    np.testing.assert_allclose(need.sum("decile").values, national["total_need"].values,
                               rtol=1e-12)


def test_gradient_finds_progressive_and_regressive_arms(sweep_dir):
    tables = compare.equity(io.load_sweep(sweep_dir))
    verdicts = tables["gradient"].set_index("arm")["verdict"]
    assert verdicts["devolved"] == "progressive"  # tilt +0.8 towards decile 1
    assert verdicts["centralised"] == "regressive"  # tilt -0.5
    assert verdicts["mixed"] == "unclear"  # the same share in every decile
    deciles = tables["deciles"]
    devolved = deciles[deciles["arm"] == "devolved"].set_index("decile")
    assert devolved.loc[1, "share_removed"] > devolved.loc[10, "share_removed"]
    assert (deciles["share_low"] <= deciles["share_removed"]).all()
    assert (deciles["share_removed"] <= deciles["share_high"]).all()


def test_decile_share_is_computed_per_run_then_averaged(sweep_dir):
    sweep = io.load_sweep(sweep_dir)
    by_hand = []
    for _, row in sweep.runs[sweep.runs["arm"] == "devolved"].iterrows():
        path = sweep.directory / row["output"]
        removed = equity_io.read_deciles(path, "cumulative_need_reduced").isel(month=-1).values
        start = equity_io.read_deciles(path, "total_need").isel(month=0).values
        by_hand.append(removed[0] / start[0])
    table = compare.equity(sweep)["deciles"]
    first = table[(table["arm"] == "devolved") & (table["decile"] == 1)].iloc[0]
    assert first["share_removed"] == pytest.approx(np.mean(by_hand), rel=1e-12)
    assert first["n"] == len(by_hand)


def test_council_per_pound_is_paired_by_replicate_with_each_runs_own_deprivation(sweep_dir):
    sweep = io.load_sweep(sweep_dir)
    tables = compare.equity(sweep)
    councils = tables["councils"]
    row = councils[(councils["arm"] == "devolved") & (councils["council"] == 2)].iloc[0]
    extra_need, extra_gbp, deprivation = [], [], []
    for r in range(6):
        arm = equity_io.run_equity(sweep.run_path(f"devolved-r{r:03d}"))["councils"].loc[2]
        base = equity_io.run_equity(sweep.run_path(f"baseline-r{r:03d}"))["councils"].loc[2]
        extra_need.append(arm["need_removed"] - base["need_removed"])
        extra_gbp.append(arm["spend_gbp"] - base["spend_gbp"])
        deprivation.append(arm["deprivation"])
    assert row["additional_need"] == pytest.approx(np.mean(extra_need), rel=1e-12)
    assert row["additional_need_per_1000_gbp"] == pytest.approx(
        np.mean(extra_need) / (np.mean(extra_gbp) / 1000), rel=1e-12)
    # Deprivation differs between replicates; the table averages each run's own value.
    assert len(set(np.round(deprivation, 6))) > 1
    assert row["deprivation"] == pytest.approx(np.mean(deprivation), rel=1e-12)
    ranked = tables["councils_ranked"]
    devolved = ranked[ranked["arm"] == "devolved"]
    best = devolved[devolved["rank"] == "most"]["additional_need_per_1000_gbp"].max()
    finite = councils[(councils["arm"] == "devolved")]["additional_need_per_1000_gbp"]
    assert best == pytest.approx(finite.max())
    assert "baseline" not in set(councils["arm"])


def test_council_names_are_used_when_the_file_has_them(named_dir, sweep_dir):
    named = compare.equity(io.load_sweep(named_dir))["councils"]
    assert set(named["name"]) == {f"Town {k} (E0{k:07d})" for k in range(4)}
    unnamed = compare.equity(io.load_sweep(sweep_dir))["councils"]
    assert set(unnamed["name"]) == {f"council {k}" for k in range(5)}
    info = io.read_council_info(io.load_sweep(named_dir).run_path("devolved-r000"))
    assert info["deprivation"].dtype == float and info["name"].iloc[0] == "Town 0"


def test_without_decile_datasets_or_baseline_the_tables_are_empty(tmp_path):
    drop = tuple(f"deciles/{n}" for n in ("cumulative_need_reduced", "total_need"))
    directory = synthetic.replicate_sweep(tmp_path / "old", replicates=2, months=4, councils=3,
                                          arms=("centralised", "devolved"), drop=drop)
    tables = compare.equity(io.load_sweep(directory))
    assert tables["deciles"].empty and tables["councils"].empty
    assert "not shown" in report._equity(io.load_sweep(directory))


def test_compare_and_report_show_outcomes_by_deprivation(sweep_dir, tmp_path, capsys):
    assert compare.main([str(sweep_dir), "-o", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    assert "By deprivation decile" in printed and "progressive" in printed
    assert "Councils with the most and least additional need" in printed
    for name in ("deciles.csv", "gradient.csv", "councils.csv"):
        assert len(pd.read_csv(tmp_path / name)) > 0
    document = report.build_report(sweep_dir, n_boot=50)
    section = document[document.index('<section id="equity">'):]
    section = section[: section.index("</section>")]
    assert "regressive" in section and "progressive" in section
    assert "data:image/png;base64" in section  # the decile figure
    assert "council 0" in section or "council 4" in section
