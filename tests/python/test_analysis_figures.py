"""The figures: one colour per arm everywhere, labels that do not collide, the spending figure
as yearly totals by line, time to impact, the equity figure from its table, one read per file."""
import h5py
import matplotlib
import numpy as np
import pandas as pd
import pytest

from analysis import figure_data, io, plots, style, synthetic

LONG_ARMS = ("devolution_without_support", "devolved_with_strong_peer_learning", "centralised")


@pytest.fixture(scope="module")
def sweep(tmp_path_factory):
    directory = synthetic.replicate_sweep(tmp_path_factory.mktemp("figs"), replicates=4,
                                          months=30, councils=4,
                                          arms=("baseline", "centralised", "devolved"))
    return io.load_sweep(directory)


def _equity_frame(arms=("centralised", "devolved")):
    rows = []
    for k, arm in enumerate(arms):
        for q in range(1, 6):
            mean = 0.10 + 0.01 * q * (1 if k else -1)
            rows.append({"arm": arm, "quintile": q, "mean": mean, "lo": mean - 0.01,
                         "hi": mean + 0.02, "n_replicates": 10})
    return pd.DataFrame(rows)


def test_arm_colours_are_fixed_distinct_and_independent_of_other_arms():
    three = style.arm_colours(["baseline", "centralised", "devolved"])
    assert three["baseline"] == style.NAMED_ARMS["baseline"]
    assert style.arm_colours(["devolved", "x"])["devolved"] == three["devolved"]
    many = style.arm_colours([f"arm{i}" for i in range(8)] + ["devolved"])
    assert len(set(many.values())) == 9  # distinct while the palette lasts
    assert list(many) == [f"arm{i}" for i in range(8)] + ["devolved"]


def _legend_colours(fig):
    found = {}
    for legend in fig.legends:
        for handle, text in zip(legend.legend_handles if hasattr(legend, "legend_handles")
                                else legend.legendHandles, legend.get_texts()):
            colour = handle.get_color() if hasattr(handle, "get_color") and \
                isinstance(handle, matplotlib.lines.Line2D) else handle.get_facecolor()
            found[text.get_text().split(" (")[0]] = matplotlib.colors.to_hex(colour)
    return found


def test_every_figure_uses_the_same_colour_for_an_arm(sweep):
    colours = style.arm_colours(sweep.arms)
    figures = plots.build_figures(sweep, equity_frame=_equity_frame())
    assert {"timeseries", "distributions", "yearly", "impact", "spending", "equity"} <= set(figures)
    checked = 0
    for name, fig in figures.items():
        for arm, colour in _legend_colours(fig).items():
            if arm in colours:
                assert colour == matplotlib.colors.to_hex(colours[arm]), (name, arm)
                checked += 1
        plots.plt.close(fig)
    assert checked >= 4 * 2


def test_distribution_arm_labels_do_not_overlap(tmp_path):
    directory = synthetic.replicate_sweep(tmp_path, replicates=3, months=6, councils=2,
                                          arms=LONG_ARMS)
    swept = io.load_sweep(directory)
    fig = plots.outcome_distributions(swept.runs, swept.outcomes,
                                      style.arm_colours(swept.arms), swept.metrics)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    boxes = [t.get_window_extent(renderer) for t in ax.get_yticklabels() if t.get_text()]
    assert len(boxes) == len(LONG_ARMS)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not a.overlaps(b)
    # Long names wrap instead of running across the panel.
    assert max(len(line) for t in ax.get_yticklabels() for line in t.get_text().split("\n")) <= 20
    plots.plt.close(fig)


def test_spending_figure_shows_yearly_spend_by_line(sweep):
    series = figure_data.read_series(sweep)
    fig = plots.spending_by_line(series, style.arm_colours(sweep.arms))
    assert "spending" in fig._suptitle.get_text() and "yearly" in fig._suptitle.get_text()
    ax = fig.axes[sweep.arms.index("devolved")]
    assert ax.get_title() == "devolved"
    rows = series.arm_rows("devolved")
    first_line = series.spend[0]
    monthly = series.values[first_line][rows]
    expected = np.array([monthly[:, 0:12].sum(1).mean(), monthly[:, 12:24].sum(1).mean(),
                         monthly[:, 24:30].sum(1).mean()]) / 1e6
    heights = [p.get_height() for p in ax.patches[:3]]  # first container = first line
    assert np.allclose(heights, expected)
    assert "partial" in ax.get_xlabel()  # 30 months: year 3 has six
    plots.plt.close(fig)


def test_yearly_totals_and_first_reaching():
    months = np.arange(1, 31)
    values = np.ones((2, 30))
    years, totals = figure_data.yearly(values, months)
    assert list(years) == [1, 2, 3] and totals.tolist() == [[12, 12, 6]] * 2
    assert figure_data.year_lengths(months) == {1: 12, 2: 12, 3: 6}
    curve = np.cumsum(np.ones(30))  # reaches 15 = 50% of 30 in month 15
    assert figure_data.first_reaching(curve, months, 0.5) == 15
    assert figure_data.first_reaching(np.zeros(30), months, 0.5) is None


def test_impact_figure_marks_the_month_half_the_need_is_removed(sweep):
    series = figure_data.read_series(sweep)
    colours = style.arm_colours(sweep.arms)
    fig = plots.time_to_impact(series, colours)
    mean = np.nanmean(series.values["cumulative_need_reduced"][series.arm_rows("devolved")], 0)
    month = figure_data.first_reaching(mean, series.months, 0.5)
    labels = [t.get_text() for t in fig.legends[0].get_texts()]
    assert f"devolved (50% of its final need removed by month {month})" in labels
    dots = [line for line in fig.axes[0].get_lines() if line.get_marker() == "o"]
    assert any(line.get_xdata()[0] == month and
               matplotlib.colors.to_hex(line.get_color()) == colours["devolved"].lower()
               for line in dots)
    plots.plt.close(fig)


def test_equity_figure_draws_each_quintile_mean_and_interval():
    frame = _equity_frame()
    fig = plots.equity_figure(frame)
    ax = fig.axes[0]
    bars = ax.containers  # one ErrorbarContainer per arm: (data line, caps, bar lines)
    assert len(bars) == 2
    for container, arm in zip(bars, ("centralised", "devolved")):
        sub = frame[frame["arm"] == arm]
        line, caps, _ = container.lines
        assert np.allclose(line.get_ydata(), 100 * sub["mean"])
        ends = np.sort(np.concatenate([c.get_ydata() for c in caps]))
        assert np.allclose(ends, np.sort(100 * np.concatenate([sub["lo"], sub["hi"]])))
        assert np.allclose(np.round(line.get_xdata()), sub["quintile"])
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert "least deprived" in ticks[0] and "most deprived" in ticks[-1]
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend == ["centralised (n = 10 replicates)", "devolved (n = 10 replicates)"]
    plots.plt.close(fig)
    assert plots.equity_figure(frame.iloc[0:0]) is None
    with pytest.raises(ValueError, match="n_replicates"):
        plots.equity_figure(frame.drop(columns="n_replicates"))


def test_figures_open_each_run_file_once_and_save_png_and_svg(sweep, tmp_path, monkeypatch):
    opened = []
    real = h5py.File

    def counting(path, *args, **kwargs):
        opened.append(str(path))
        return real(path, *args, **kwargs)
    monkeypatch.setattr(h5py, "File", counting)
    paths = plots.write_all(sweep, tmp_path, equity_frame=_equity_frame())
    run_files = [p for p in opened if "/runs/" in p]
    assert len(run_files) == len(set(run_files)) == len(sweep.ok_runs())
    names = {p.name for p in paths}
    for stem in ("timeseries", "distributions", "yearly", "impact", "spending", "equity"):
        assert {f"{stem}.png", f"{stem}.svg"} <= names
