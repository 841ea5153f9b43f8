"""One look for every figure: a fixed colour per arm, and sizes and fonts chosen so labels stay
readable when a figure fills the report's text column (70em, about 1000 px)."""
from __future__ import annotations

# Figure width that fills the report's column at REPORT_DPI; heights are per row of panels.
FIGURE_WIDTH_IN = 10.0
PANEL_HEIGHT_IN = 3.0
# Dots per inch: the report embeds PNGs at REPORT_DPI (1:1 at its width); files on disk get
# PNG_DPI so they stay sharp when pasted into a paper.
REPORT_DPI = 100
PNG_DPI = 150
FONT_SIZE_PT = 10
TITLE_SIZE_PT = 11
SMALL_SIZE_PT = 9
BAND_ALPHA = 0.18
# The share of its final value an arm's mean cumulative need removed must reach for "time to
# impact" (the month is marked on the figure).
IMPACT_SHARE = 0.5

# Okabe-Ito colour-blind-safe palette, then the rest of matplotlib's tab10 for larger sweeps.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442",
           "#8c564b", "#7f7f7f", "#bcbd22", "#17becf", "#9467bd")
# The shipped experiments' arm names keep the same colour in every sweep, so figures of
# different sweeps can be read side by side; the no-money baseline is always grey.
NAMED_ARMS = {"baseline": "#555555", "centralised": PALETTE[0], "devolved": PALETTE[1],
              "mixed": PALETTE[2]}

RC = {"font.size": FONT_SIZE_PT, "axes.titlesize": TITLE_SIZE_PT,
      "axes.labelsize": FONT_SIZE_PT, "xtick.labelsize": SMALL_SIZE_PT,
      "ytick.labelsize": SMALL_SIZE_PT, "legend.fontsize": SMALL_SIZE_PT,
      "figure.titlesize": TITLE_SIZE_PT + 1, "axes.spines.top": False,
      "axes.spines.right": False, "axes.grid": True, "grid.alpha": 0.3,
      "svg.fonttype": "none", "savefig.bbox": "tight"}


def arm_colours(arms) -> dict:
    """{arm: colour}: a named arm (baseline, centralised, devolved, mixed) always gets its own
    colour; other arms take the unused palette colours in the order given. Every figure of a
    sweep passes the sweep's full arm list, so an arm has one colour across all of them."""
    arms = list(dict.fromkeys(arms))
    colours = {arm: NAMED_ARMS[arm] for arm in arms if arm in NAMED_ARMS}
    free = [c for c in PALETTE if c not in colours.values()]
    others = [arm for arm in arms if arm not in colours]
    for i, arm in enumerate(others):
        colours[arm] = free[i % len(free)]
    return {arm: colours[arm] for arm in arms}


def arm_label(arm: str, width: int = 18) -> str:
    """An arm name wrapped at underscores or spaces so long names fit beside an axis."""
    words, lines, line = str(arm).replace("_", " ").split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join(lines + [line]) if line else str(arm)
