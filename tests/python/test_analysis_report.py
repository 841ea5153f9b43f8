"""The CLIs (compare, report) and the plots on synthetic sweeps."""
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis import compare, io, plots, report, stats, synthetic

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def replicate_dir(tmp_path_factory):
    return synthetic.replicate_sweep(tmp_path_factory.mktemp("reps"), replicates=6, months=12,
                                     councils=5, failed=("mixed-r004",))


@pytest.fixture(scope="module")
def sobol_dir(tmp_path_factory):
    return synthetic.sobol_sweep(tmp_path_factory.mktemp("sobol"), n_base=12,
                                 arms=("centralised", "devolved"), write_runs=True)


def _section(document, key):
    match = re.search(rf'<section id="{key}">(.*?)</section>', document, re.S)
    assert match, f"section {key} missing"
    return match.group(1)


def test_compare_cli_writes_csvs(replicate_dir, tmp_path, capsys):
    assert compare.main([str(replicate_dir), "-o", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    assert "final total need" in printed and "Wilcoxon p" in printed
    summary = pd.read_csv(tmp_path / "compare.csv")
    paired = pd.read_csv(tmp_path / "paired.csv")
    directed = {m for m, e in synthetic.registry()["manifest"].items() if e["better"] != "neither"}
    assert set(summary["outcome"]) == directed
    assert len(summary) == 7 * 3 and len(paired) == 7 * 3
    assert {"mean", "ci_low", "ci_high", "n"} <= set(summary.columns)
    assert {"mean_diff", "ci_low", "ci_high", "t_pvalue", "wilcoxon_pvalue"} <= set(paired.columns)


def test_compare_default_outdir_baseline_and_outcomes(replicate_dir):
    code = compare.main([str(replicate_dir), "--baseline", "centralised",
                         "--outcomes", "final_total_need", "survival_12m"])
    assert code == 0
    paired = pd.read_csv(replicate_dir / "analysis" / "paired.csv")
    assert set(paired["arm_a"]) == {"centralised"} and len(paired) == 4


@pytest.mark.parametrize("module", ["analysis.compare", "analysis.report",
                                    "analysis.sensitivity"])
def test_cli_bad_input_exits_2_without_traceback(tmp_path, module):
    for target in (tmp_path / "missing", tmp_path):  # no directory; no manifest
        result = subprocess.run([sys.executable, "-m", module, str(target)], cwd=REPO,
                                capture_output=True, text=True)
        assert result.returncode == 2
        assert "error:" in result.stderr and "Traceback" not in result.stderr


def test_plots_written_as_png_and_svg(replicate_dir, tmp_path):
    paths = plots.write_all(io.load_sweep(replicate_dir), tmp_path)
    names = {p.name for p in paths}
    for stem in ("timeseries", "distributions", "spending", "yearly", "impact"):
        assert {f"{stem}.png", f"{stem}.svg"} <= names
    assert all(p.stat().st_size > 1000 for p in paths)


def test_plots_skip_absent_data(tmp_path):
    drop = tuple(f"spend_{s}_gbp" for s in synthetic.SPEND_LINES) + ("public_spent_gbp",)
    directory = synthetic.replicate_sweep(tmp_path, replicates=2, months=4, councils=2, drop=drop)
    figures = plots.build_figures(io.load_sweep(directory))
    assert "spending" not in figures and "equity" not in figures
    assert "timeseries" in figures
    for fig in figures.values():
        plots.plt.close(fig)


def test_report_has_every_section_and_is_self_contained(sobol_dir, tmp_path):
    out = tmp_path / "report.html"
    assert report.main([str(sobol_dir), "-o", str(out), "--bootstrap", "50"]) == 0
    document = out.read_text()
    for key in report.SECTIONS:
        assert _section(document, key).strip()
    assert "S1" in _section(document, "sensitivity")
    assert "data:image/png;base64," in _section(document, "plots")
    assert "data:image/png;base64," in _section(document, "sensitivity")
    provenance = _section(document, "provenance")
    assert "0.0.0-synthetic" in provenance and "0" * 40 in provenance
    assert "name: synthetic" in provenance and "Master seed 42" in provenance
    # Nothing fetched from elsewhere: no external links, scripts or image files.
    assert not re.search(r'(src|href)="(?!data:)', document)
    assert "<script" not in document


def test_report_without_sample_design_says_so(replicate_dir, tmp_path):
    document = report.build_report(replicate_dir, n_boot=10)
    assert "no sensitivity analysis" in _section(document, "sensitivity")
    assert "devolved</b> has lower final total need" in _section(document, "headline")


@pytest.fixture(scope="module")
def baseline_dir(tmp_path_factory):
    return synthetic.replicate_sweep(tmp_path_factory.mktemp("with_baseline"), replicates=8,
                                     months=12, councils=4,
                                     arms=("baseline", "centralised", "devolved"))


def test_headline_measures_each_arm_over_the_baseline(baseline_dir, tmp_path, capsys):
    assert compare.main([str(baseline_dir), "-o", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    assert "additional need removed over baseline" in printed
    assert "no 'baseline' arm" not in printed
    table = pd.read_csv(tmp_path / "headline.csv").set_index("arm")
    for column in ("total spend (GBP)", "absorption", "unspent at end (GBP)", "need removed"):
        assert table[column].str.match(r"^[-0-9.e+]+ \[").all(), column
    assert table.loc["baseline", "additional need per GBP used"] == "(baseline)"
    # Devolved leaves 100 need units less than the baseline (synthetic effects), so it removes
    # about 100 more; the paired interval must say so.
    extra = stats.additional_over_baseline(io.load_sweep(baseline_dir).runs, "baseline")
    devolved = extra.set_index("arm").loc["devolved"]
    assert devolved["additional_need_low"] > 0 and devolved["per_gbp_low"] > 0
    assert devolved["additional_need_low"] < 100 + 15 and devolved["additional_need_high"] > 100 - 15
    assert devolved["n_pairs"] == 8


def test_headline_without_baseline_says_so_and_skips_columns(replicate_dir, capsys):
    table, note = compare.headline(io.load_sweep(replicate_dir).runs)
    assert "no 'baseline' arm" in note
    assert not any("additional" in c for c in table.columns)
    assert {"total spend (GBP)", "absorption", "unspent at end (GBP)"} <= set(table.columns)
    assert compare.main([str(replicate_dir)]) == 0
    assert "no 'baseline' arm in this sweep" in capsys.readouterr().out


def test_report_headline_shows_money_and_baseline(baseline_dir, replicate_dir):
    headline = _section(report.build_report(baseline_dir, n_boot=10), "headline")
    for text in ("Money and effect over the no-money baseline", "absorption",
                 "unspent at end (GBP)", "additional need per GBP used", "(baseline)"):
        assert text in headline
    without = _section(report.build_report(replicate_dir, n_boot=10), "headline")
    assert "no &#x27;baseline&#x27; arm" in without or "no 'baseline' arm" in without
