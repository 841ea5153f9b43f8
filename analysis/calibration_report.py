"""Outputs of analysis.calibrate: posterior.csv, history.csv, calibrated.yaml, predictive.csv,
calibration.png/svg and summary.md (formats in docs/user-guide.md, "Calibration")."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from . import abc

LEVEL = 0.9  # credible and predictive intervals


def _generation_table(c, g: abc.Generation) -> pd.DataFrame:
    table = pd.DataFrame(g.thetas, columns=c.names)
    table.insert(0, "particle", np.arange(len(g.weights)))
    table.insert(0, "generation", g.index)
    table["weight"] = g.weights
    table["distance"] = g.distances
    for j, p in enumerate(c.fit):
        table[f"pattern/{p.name}"] = g.values[:, j]
    return table


def posterior_table(c, g: abc.Generation) -> pd.DataFrame:
    stats = abc.summarise(g, LEVEL)
    return pd.DataFrame({
        "parameter": c.names, "prior_low": c.lows, "prior_high": c.highs,
        "median": stats[:, 0], "low90": stats[:, 1], "high90": stats[:, 2],
        "width_over_prior": (stats[:, 2] - stats[:, 1]) / (c.highs - c.lows)})


def predictive_table(checked, predictive: np.ndarray) -> pd.DataFrame:
    rows = []
    tail = (1 - LEVEL) / 2
    for j, p in enumerate(checked):
        v = predictive[:, j]
        v = v[np.isfinite(v)]
        mean = float(np.mean(v)) if v.size else np.nan
        low, high = (np.quantile(v, [tail, 1 - tail]) if v.size else (np.nan, np.nan))
        rows.append({"pattern": p.name, "role": p.role, "observed": p.observed,
                     "tolerance": p.tolerance, "predictive_mean": mean,
                     "predictive_low90": low, "predictive_high90": high,
                     "within_tolerance": "yes" if abs(mean - p.observed) <= p.tolerance
                     else "no", "draws": int(v.size), "statistic": p.statistic})
    return pd.DataFrame(rows)


def calibrated_yaml(c, post: pd.DataFrame, g: abc.Generation) -> str:
    lines = [f"# Calibrated by analysis.calibrate from {c.file.name} (patterns: "
             f"{c.patterns_file.name}; fit: {', '.join(p.name for p in c.fit)}).",
             f"# Posterior medians of generation {g.index} ({len(g.weights)} particles, "
             f"tolerance {g.epsilon:.4g}); comments give the 90% credible interval and prior.",
             "set:"]
    for r in post.itertuples():
        lines.append(f"  {r.parameter}: {r.median:.6g}  # 90% CI [{r.low90:.6g}, "
                     f"{r.high90:.6g}], prior [{r.prior_low:g}, {r.prior_high:g}]")
    return "\n".join(lines) + "\n"


def _figure(c, g, post, pred, outdir: Path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    k = len(c.names)
    fig, axes = plt.subplots(2, max(k, 1), figsize=(3.2 * max(k, 2), 6.4), squeeze=False)
    for i, name in enumerate(c.names):
        ax = axes[0, i]
        lo, hi = c.lows[i], c.highs[i]
        ax.hist(g.thetas[:, i], bins=20, range=(lo, hi), weights=g.weights, density=True,
                color="tab:blue", alpha=0.7, label="posterior")
        ax.hlines(1 / (hi - lo), lo, hi, colors="grey", linestyles="--", label="prior")
        ax.axvline(post["median"].iloc[i], color="k", lw=1)
        ax.set_title(name, fontsize=8)
        if i == 0:
            ax.legend(fontsize=7)
    for ax in axes[1, 1:]:
        ax.axis("off")
    ax = axes[1, 0]
    z = (pred["predictive_mean"] - pred["observed"]) / pred["tolerance"]
    zl = (pred["predictive_low90"] - pred["observed"]) / pred["tolerance"]
    zh = (pred["predictive_high90"] - pred["observed"]) / pred["tolerance"]
    ypos = np.arange(len(pred))
    colours = ["tab:blue" if r == "fit" else "tab:orange" for r in pred["role"]]
    ax.errorbar(z, ypos, xerr=[z - zl, zh - z], fmt="none", ecolor=colours)
    ax.scatter(z, ypos, c=colours, zorder=3)
    ax.axvspan(-1, 1, color="grey", alpha=0.2)
    ax.axvline(0, color="k", lw=1)
    ax.set_yticks(ypos)
    ax.set_yticklabels([f"{n} ({r})" for n, r in zip(pred["pattern"], pred["role"])], fontsize=7)
    ax.set_xlabel("(predictive - observed) / tolerance; band = within tolerance", fontsize=7)
    fig.tight_layout()
    for ext in ("png", "svg"):
        fig.savefig(outdir / f"calibration.{ext}", dpi=120)
    plt.close(fig)


def _markdown(table: pd.DataFrame, digits=4) -> str:
    def cell(v):
        return f"{v:.{digits}g}" if isinstance(v, (float, np.floating)) else str(v)
    head = "| " + " | ".join(table.columns) + " |\n|" + "---|" * len(table.columns) + "\n"
    return head + "".join("| " + " | ".join(cell(v) for v in row) + " |\n"
                          for row in table.itertuples(index=False))


def _summary(c, generations, post, pred, seconds, runs) -> str:
    gens = pd.DataFrame({"generation": [g.index for g in generations],
                         "tolerance": [g.epsilon for g in generations],
                         "particles": [len(g.weights) for g in generations],
                         "points simulated": [g.simulated for g in generations],
                         "median distance": [float(np.median(g.distances))
                                             for g in generations]})
    held_out = pred[pred["role"] == "validation"]
    planned = int(c.smc["generations"])
    stopped = (f"\nStopped after generation {generations[-1].index} of {planned}: the next "
               f"generation had fewer than 2 proposals within its tolerance.\n"
               if generations[-1].index < planned else "")
    return (f"# Calibration {c.name}\n\n"
            f"Calibration file `{c.file}`, patterns `{c.patterns_file}`, master seed "
            f"{c.master_seed}, {c.replicates} replicate(s) per particle. {runs} runs in "
            f"{seconds:.0f} s.\n\nFit patterns: {', '.join(p.name for p in c.fit)}. Held out "
            f"(validation, never used in fitting): "
            f"{', '.join(p.name for p in c.validation) or 'none'}.\n\n"
            f"## Generations\n\n{_markdown(gens)}{stopped}\n"
            f"## Posterior (weighted median and 90% credible interval)\n\n{_markdown(post)}\n"
            f"## Posterior predictive check (90% interval over posterior draws)\n\n"
            f"{_markdown(pred.drop(columns=['statistic']))}\n"
            f"Validation patterns within tolerance: "
            f"{(held_out['within_tolerance'] == 'yes').sum()} of {len(held_out)}.\n")


def write_all(c, outdir: Path, generations, draws, predictive, checked, seconds, runs) -> dict:
    g = generations[-1]
    _generation_table(c, g).to_csv(outdir / "posterior.csv", index=False)
    pd.concat([_generation_table(c, x) for x in generations]).to_csv(outdir / "history.csv",
                                                                      index=False)
    post = posterior_table(c, g)
    (outdir / "calibrated.yaml").write_text(calibrated_yaml(c, post, g))
    pred = predictive_table(checked, np.asarray(predictive, dtype=float))
    pred.to_csv(outdir / "predictive.csv", index=False)
    draws_table = pd.DataFrame(np.atleast_2d(draws), columns=c.names)
    draws_table.to_csv(outdir / "predictive_draws.csv", index=False)
    _figure(c, g, post, pred, outdir)
    (outdir / "summary.md").write_text(_summary(c, generations, post, pred, seconds, runs))
    return {"posterior": post, "predictive": pred, "generations": generations,
            "seconds": seconds, "simulations": runs}
