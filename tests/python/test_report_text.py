"""The report's words (issue 15, item 4): title and question from the experiment file, a short
headline against `--baseline`, what was varied, units and meaning of every outcome, caveats,
design points never shown as confidence intervals, and Sobol/Morris explained in words."""
import re

import h5py
import numpy as np
import pandas as pd
import pytest

from analysis import (compare, design_points, equity_io, headline, io, report, sensitivity,
                      synthetic)

EXPERIMENT = """name: who_gains
description: "Does devolving the money help deprived places more than a national programme?"
base: scenarios/base.yaml
replicates: 6
set:
  population.communities: 600
arms:
  baseline: {central.annual_budget_gbp: 0, prize.enabled: false}
  centralised: {central.mode: centralised}
  devolved: {central.mode: devolved}
  mixed: {central.mode: mixed, central.devolved_weight: 0.5}
"""


@pytest.fixture(scope="module")
def sweep_dir(tmp_path_factory):
    directory = synthetic.replicate_sweep(tmp_path_factory.mktemp("text"), replicates=6,
                                          months=12, councils=5,
                                          arms=("baseline", "centralised", "devolved", "mixed"))
    with h5py.File(directory / "manifest.h5", "r+") as f:
        f.attrs["experiment_text"] = EXPERIMENT
    return directory


def _section(document, key):
    match = re.search(rf'<section id="{key}">(.*?)</section>', document, re.S)
    assert match, f"section {key} missing"
    return match.group(1)


def test_title_and_question_come_from_the_experiment_file(sweep_dir):
    document = report.build_report(sweep_dir, n_boot=10)
    assert "<h1>who_gains</h1>" in document
    assert "Does devolving the money help deprived places more" in _section(document, "question")
    assert "centralised, devolved or mixed" not in document  # the old hard-coded question


def test_headline_is_a_few_sentences_against_the_chosen_baseline(sweep_dir):
    head = _section(report.build_report(sweep_dir, n_boot=10, baseline="centralised"),
                    "headline")
    top = head.split("<h3>")[0]
    sentences = re.findall(r"<li>(.*?)</li>", top)
    assert len(sentences) == 4  # need, additional need, spend, need per GBP m: not pairs x outcomes
    assert "Against <b>centralised</b>" in top
    assert "Additional need removed over centralised" in sentences[1]
    assert all(re.search(r"\[[^\]]+\]", s) for s in sentences)  # each with its interval
    with pytest.raises(io.SweepError, match="not among arms"):
        report.build_report(sweep_dir, n_boot=10, baseline="nonesuch")


def test_headline_numbers_pair_by_replicate(sweep_dir):
    sweep = io.load_sweep(sweep_dir)
    numbers = headline.headline_numbers(sweep, "baseline").set_index(["quantity", "arm"])
    runs = sweep.runs.set_index(["arm", "replicate"])["cumulative_need_reduced"]
    extra = (runs["devolved"] - runs["baseline"]).mean()
    assert numbers.loc[("additional_need", "devolved"), "value"] == pytest.approx(extra)
    spend = sweep.runs.groupby("arm")["total_spend_gbp"].mean()
    assert numbers.loc[("spend_gbp", "mixed"), "value"] == pytest.approx(spend["mixed"])
    assert (numbers["interval"] == headline.CI).all()


def test_what_was_varied_lists_arm_overrides(sweep_dir):
    varied = report.report_sections.what_was_varied(io.load_sweep(sweep_dir)).set_index(
        "parameter")
    assert varied.loc["central.mode", "centralised"] == "centralised"
    assert varied.loc["central.devolved_weight", "mixed"] == "0.5"
    assert varied.loc["central.devolved_weight", "devolved"] == "(base)"
    assert varied.loc["prize.enabled", "baseline"] == "false"
    assert "population.communities = 600" in report.report_sections.held_fixed(
        io.load_sweep(sweep_dir))


def test_runs_by_arm_table_has_one_header_row_without_empty_cells(sweep_dir):
    document = report.build_report(sweep_dir, n_boot=10)
    table = document.split("<h3>Runs by arm and status</h3>")[1].split("</table>")[0]
    head = table.split("</thead>")[0]
    assert head.count("<tr") == 1
    assert re.findall(r"<th>(.*?)</th>", head) == ["arm", "ok"]


def test_every_outcome_has_units_and_a_meaning_and_caveats_are_there(sweep_dir):
    document = report.build_report(sweep_dir, n_boot=10)
    outcomes = _section(document, "outcomes")
    table = pd.read_html(outcomes)[0].set_index("name")
    assert {"total_spend_gbp", "absorption", "final_unspent_central_gbp",
            "cumulative_need_reduced"} <= set(table.index)
    assert table.loc["total_spend_gbp", "units"] == "GBP"
    assert table.loc["cumulative_need_reduced", "units"] == "need units"
    assert (table["meaning"].str.len() > 5).all()
    assert "need units" in outcomes and "normalisation" in outcomes
    caveats = _section(document, "caveats")
    assert "not a forecast" in caveats and "assumptions" in caveats


def test_compare_prints_money_outcomes_with_units_and_the_baseline(sweep_dir, tmp_path, capsys):
    assert compare.main([str(sweep_dir), "-o", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("who_gains: Does devolving the money")
    assert "baseline: baseline" in printed
    assert re.search(r"total spend \(GBP\)\s+GBP\s+devolved", printed)
    paired = pd.read_csv(tmp_path / "paired.csv")
    assert set(paired["arm_a"]) == {"baseline"}  # against the baseline by default
    assert (tmp_path / "equity_quintiles.csv").is_file()


@pytest.fixture(scope="module")
def lhs_dir(tmp_path_factory):
    """A Sobol design: each arm spans 4 x (3 + 2) = 20 design points, one run each."""
    return synthetic.sobol_sweep(tmp_path_factory.mktemp("design"), n_base=4,
                                 arms=("baseline", "devolved"), write_runs=True)


def test_design_points_are_never_printed_as_confidence_intervals(lhs_dir, capsys):
    sweep = io.load_sweep(lhs_dir)
    assert design_points.has_design_points(sweep)
    assert design_points.points_per_arm(sweep) == 4 * (3 + 2)  # base samples x (k + 2) roles
    numbers = headline.headline_numbers(sweep, "baseline")
    assert (numbers["interval"] == headline.SPREAD).all()
    head = _section(report.build_report(lhs_dir, n_boot=10), "headline")
    assert headline.SPREAD in head and "parameter uncertainty" in head
    assert "95% interval across replicates" not in head and "95% CI" not in head
    assert "not</b> a confidence interval" in head
    assert compare.main([str(lhs_dir), "-o", str(lhs_dir / "a")]) == 0
    printed = capsys.readouterr().out
    assert "Paired differences" not in printed and "95% t interval" not in printed
    spread = design_points.spread_over_design(sweep, ["final_total_need"]).set_index("arm")
    per_point = sweep.runs.assign(point=design_points.point_ids(sweep)).query(
        "arm == 'devolved'").groupby("point")["final_total_need"].mean()
    assert spread.loc["devolved", "median"] == pytest.approx(per_point.median())
    assert spread.loc["devolved", "points"] == 20
    # Outcomes by deprivation keep each design point apart too (no interval across points).
    gradient = compare.equity(sweep)["gradient"]
    assert len(gradient) == 2 * 20 and gradient["arm"].str.contains(" @ point ").all()
    assert (gradient["n"] == 1).all()


def test_grid_points_differ_by_parameter_values_not_by_arm_settings():
    runs = pd.DataFrame({"arm": ["a"] * 4 + ["b"] * 4, "replicate": [0, 1] * 4,
                         "sample_index": -1, "status": "ok"})
    params = pd.DataFrame({"councils.outreach": [0.1, 0.1, 0.9, 0.9] * 2,
                           "central.mode_code": [0.0] * 4 + [1.0] * 4})
    sweep = io.Sweep(directory=None, attrs={"design": "grid"}, runs=runs, params=params)
    ids = design_points.point_ids(sweep)
    assert ids.nunique() == 2 and design_points.points_per_arm(sweep) == 2
    assert ids[0] == ids[1] and ids[0] != ids[2] and ids[0] == ids[4]


def test_morris_and_sobol_are_explained_in_words_and_units(tmp_path, capsys):
    directory = synthetic.morris_sweep(tmp_path / "m", trajectories=20, seed=3)
    assert sensitivity.main([str(directory), "--outcome", "final_total_need",
                             "--bootstrap", "20"]) == 0
    printed = capsys.readouterr().out
    table = pd.read_csv(directory / "analysis" / "sensitivity_final_total_need.csv")
    top = table.sort_values("mu_star").iloc[-1]
    assert f"by {top['mu_star']:.4g} need units on average in absolute value (mu*)" in printed
    assert "per full range of the parameter" in printed and "interaction" in printed
    directory = synthetic.sobol_sweep(tmp_path / "s", n_base=64)
    assert sensitivity.main([str(directory), "--outcome", "final_total_need",
                             "--bootstrap", "20"]) == 0
    printed = capsys.readouterr().out
    assert "of the variance of final_total_need (S1)" in printed
    assert "S1 is the share of the outcome's variance" in printed
    assert np.isfinite(table["sigma"]).all()


def test_compare_reads_each_run_file_once_and_draws_nothing_without_plots(sweep_dir, tmp_path,
                                                                          monkeypatch):
    """The speed of compare (issue 15: under 5 s for 60 runs) rests on reading every run file
    once and not importing matplotlib unless --plots asks for figures."""
    import subprocess
    import sys
    from collections import Counter
    from pathlib import Path

    opened = Counter()
    real_file = h5py.File

    def counting_file(name, *args, **kwargs):
        opened[Path(name).name] += 1
        return real_file(name, *args, **kwargs)

    monkeypatch.setattr(h5py, "File", counting_file)
    equity_io._cached_run_equity.cache_clear()  # earlier tests may have read these files
    assert compare.main([str(sweep_dir), "-o", str(tmp_path)]) == 0
    runs = {Path(o).name for o in io.load_sweep(sweep_dir).runs["output"]}
    assert runs <= set(opened) and max(opened[r] for r in runs) == 1
    code = ("import sys; from analysis import compare; "
            f"compare.main([{str(sweep_dir)!r}, '-o', {str(tmp_path / 'b')!r}]); "
            "print('matplotlib' in sys.modules, 'xarray' in sys.modules)")
    repo = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=repo)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "False False"


def test_what_was_varied_reads_manifest_param_columns_of_numbers_and_text(tmp_path):
    """Arms that differ in a parameter get a /runs/param/<key> column (numbers or text): the
    table shows each arm's value, and columns constant within arms are not design points."""
    directory = synthetic.replicate_sweep(tmp_path, replicates=3, months=4, councils=5,
                                          arms=("baseline", "devolved"))
    with h5py.File(directory / "manifest.h5", "r+") as f:
        arms = [a.decode() if isinstance(a, bytes) else a for a in f["runs/arm"][()]]
        group = f.require_group("runs/param")
        group.create_dataset("central.mode", data=np.array(
            ["devolved" if a == "baseline" else a for a in arms], dtype=h5py.string_dtype()))
        group.create_dataset("central.annual_budget_gbp", data=np.array(
            [0.0 if a == "baseline" else 2e6 for a in arms]))
    sweep = io.load_sweep(directory)
    assert list(sweep.params["central.mode"][:1]) == ["devolved"]
    assert not design_points.has_design_points(sweep)
    varied = report.report_sections.what_was_varied(sweep).set_index("parameter")
    assert varied.loc["central.annual_budget_gbp", "devolved"] == "2,000,000"
    assert varied.loc["central.annual_budget_gbp", "baseline"] == "0"
    assert varied.loc["central.annual_budget_gbp", "how it varies"] == "between arms"
    assert "central.mode" not in varied.index  # the same in both arms
