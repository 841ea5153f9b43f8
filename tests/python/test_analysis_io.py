"""Loading a sweep directory written exactly to the format contract (analysis.synthetic)."""
import h5py
import numpy as np
import pytest

from analysis import io, synthetic


@pytest.fixture(scope="module", params=["vlen", "fixed"])
def sweep_dir(request, tmp_path_factory):
    # Both string encodings the contract allows: h5py vlen str and fixed-length bytes.
    directory = tmp_path_factory.mktemp(f"sweep-{request.param}")
    return synthetic.replicate_sweep(directory, replicates=5, months=12, councils=4,
                                     style=request.param, failed=("mixed-r001",))


def test_manifest_columns_and_decoding(sweep_dir):
    sweep = io.load_sweep(sweep_dir)
    assert sweep.attrs["format"] == "localism-manifest"
    assert sweep.design == "replicates"
    assert isinstance(sweep.attrs["experiment_text"], str)
    assert sweep.arms == ["centralised", "devolved", "mixed"]
    assert len(sweep.runs) == 15
    assert sweep.runs["run_id"].iloc[0] == "centralised-r000"
    assert all(isinstance(v, str) for v in sweep.runs["status"])
    assert set(synthetic.METRICS) <= set(sweep.metric_names)
    assert sweep.runs["seed"].dtype == np.uint64


def test_failed_run_has_nan_metrics_and_is_excluded(sweep_dir):
    sweep = io.load_sweep(sweep_dir)
    failed = sweep.runs[sweep.runs["run_id"] == "mixed-r001"].iloc[0]
    assert failed["status"] == "failed" and np.isnan(failed["final_total_need"])
    assert "mixed-r001" not in set(sweep.ok_runs()["run_id"])


def test_manifest_metric_subset_is_lazy(sweep_dir):
    with pytest.warns(UserWarning, match="not_a_metric"):
        sweep = io.load_sweep(sweep_dir, metrics=["final_total_need", "not_a_metric"])
    assert sweep.metric_names == ["final_total_need"]


def test_national_tidy_table_matches_files(sweep_dir):
    sweep = io.load_sweep(sweep_dir)
    national = io.load_national(sweep, ["total_need", "cumulative_need_reduced"])
    assert list(national.columns) == ["run_id", "arm", "replicate", "sample_index", "month",
                                      "metric", "value"]
    assert len(national) == 14 * 12 * 2  # 14 ok runs, 12 months, 2 metrics
    # The manifest summary and the run file must agree (concordance).
    last = national[(national["metric"] == "total_need") & (national["month"] == 12)]
    merged = last.merge(sweep.runs, on="run_id")
    np.testing.assert_allclose(merged["value"], merged["final_total_need"])


def test_missing_dataset_warns_and_continues(tmp_path):
    directory = synthetic.replicate_sweep(tmp_path, replicates=2, months=6, councils=3,
                                          drop=("survival_12m", "councils/need_reduced"))
    sweep = io.load_sweep(directory)
    with pytest.warns(UserWarning, match="survival_12m"):
        national = io.load_national(sweep, ["total_need", "survival_12m"])
    assert set(national["metric"]) == {"total_need"}
    with pytest.warns(UserWarning, match="need_reduced"):
        assert io.load_councils(sweep, "need_reduced") is None


def test_missing_run_file_is_skipped_with_warning(tmp_path):
    directory = synthetic.replicate_sweep(tmp_path, replicates=2, months=6, councils=3)
    (directory / "runs" / "devolved-r000.h5").unlink()
    sweep = io.load_sweep(directory)
    with pytest.warns(UserWarning, match="devolved-r000"):
        national = io.load_national(sweep, ["total_need"])
    assert national["run_id"].nunique() == 5


def test_councils_as_xarray(sweep_dir):
    sweep = io.load_sweep(sweep_dir)
    array = io.load_councils(sweep, "total_need")
    assert array.dims == ("run", "month", "council")
    assert array.shape == (14, 12, 4)
    assert set(array["arm"].values) == {"centralised", "devolved", "mixed"}
    info = io.read_council_info(io.first_run_path(sweep))
    assert list(info.columns) == ["communities", "deprivation", "social_capital"]


def test_run_attrs_decoded(sweep_dir):
    sweep = io.load_sweep(sweep_dir)
    attrs = io.read_run_attrs(io.first_run_path(sweep))
    assert attrs["format"] == "localism-output"
    assert isinstance(attrs["scenario_text"], str) and "synthetic" in attrs["scenario_text"]


@pytest.mark.parametrize("make", ["missing_dir", "no_manifest", "wrong_format"])
def test_bad_input_raises_sweep_error(tmp_path, make):
    target = tmp_path / "sweep"
    if make != "missing_dir":
        target.mkdir()
    if make == "wrong_format":
        with h5py.File(target / "manifest.h5", "w") as f:
            f.attrs["format"] = "something-else"
    with pytest.raises(io.SweepError):
        io.load_sweep(target)


def test_council_reduction_agrees_with_national(sweep_dir):
    # Councils partition the nation, so per-council need summed over councils
    # must equal the national series; checked on the reduced (run, council) form.
    sweep = io.load_sweep(sweep_dir)
    first = io.load_councils(sweep, "total_need", reduce="first")
    reduced = io.load_councils(sweep, "need_reduced", reduce="sum")
    assert first.dims == ("run", "council") and reduced.dims == ("run", "council")
    national = io.load_national(sweep, ["total_need", "cumulative_need_reduced"])
    month1 = national[(national["metric"] == "total_need") & (national["month"] == 1)]
    np.testing.assert_allclose(first.sum("council").sel(run=month1["run_id"].to_numpy()),
                               month1["value"])
    final = national[(national["metric"] == "cumulative_need_reduced") & (national["month"] == 12)]
    np.testing.assert_allclose(reduced.sum("council").sel(run=final["run_id"].to_numpy()),
                               final["value"])
