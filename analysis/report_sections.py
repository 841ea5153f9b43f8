"""Report sections that explain rather than compute: what was varied between runs, the units
and meaning of every outcome, the caveats (what the model is and is not), and Sobol and Morris
indices in words. Split from report.py, which assembles the document."""
from __future__ import annotations

import html
import re

import numpy as np
import pandas as pd

from . import design_points, io, stats

NEED_UNITS = ("Need is the size of a community's local social challenge (for example its carbon "
              "emissions) in need units: a community starts with about 100 (need.initial_mean, "
              "a normalisation), so need units say how much of the challenge is removed, not a "
              "physical quantity; compare arms and shares, not absolute levels.")


def _experiment(sweep: io.Sweep) -> dict:
    import yaml

    try:
        text = yaml.safe_load(str(sweep.attrs.get("experiment_text", "") or "")) or {}
    except yaml.YAMLError:
        text = {}
    return text if isinstance(text, dict) else {}


def _value(v) -> str:
    if isinstance(v, bool):
        return str(v).lower()  # as written in YAML
    if isinstance(v, float) and np.isfinite(v):
        return f"{int(v):,}" if v.is_integer() and abs(v) < 1e15 else f"{v:.6g}"
    return str(v)


def what_was_varied(sweep: io.Sweep) -> pd.DataFrame:
    """One row per parameter that differs between runs: how it varies (between arms, over the
    design, or both) and its value (or range over the design) in each arm. Read from the
    manifest's /runs/param/<dotted.key> columns and the experiment's arm overrides, so
    parameters set differently in arms show up even when the manifest has no column for them."""
    runs, params = sweep.runs, sweep.params.reindex(sweep.runs.index)
    arms = sweep.arms
    table = {}
    for column in params.columns:
        by_arm = params[column].groupby(runs["arm"], sort=False)
        within = bool((by_arm.nunique() > 1).any())
        between = by_arm.first().nunique() > 1 or (within and len(arms) > 1 and
                                                  by_arm.min().nunique() > 1)
        if not (within or between):
            continue
        cells = {}
        for arm, values in by_arm:
            lo, hi, k = values.min(), values.max(), values.nunique()
            cells[arm] = _value(lo) if k == 1 else f"{_value(lo)} to {_value(hi)} ({k} values)"
        how = "over the design" if within and not between else (
            "between arms" if not within else "between arms and over the design")
        table[column] = {"how it varies": how, **cells}
    overrides = (_experiment(sweep).get("arms") or {})
    for arm, keys in overrides.items() if isinstance(overrides, dict) else ():
        for key, value in (keys or {}).items() if isinstance(keys, dict) else ():
            row = table.setdefault(key, {"how it varies": "between arms"})
            row.setdefault(str(arm), _value(value))
    frame = pd.DataFrame.from_dict(table, orient="index").reindex(columns=["how it varies"] + arms)
    frame = frame.fillna("(base)").reset_index().rename(columns={"index": "parameter"})
    return frame


def held_fixed(sweep: io.Sweep) -> str:
    """'key = value' of the experiment's `set:` block (the same in every run), and its base."""
    text = _experiment(sweep)
    fixed = text.get("set") or {}
    items = [f"{k} = {_value(v)}" for k, v in fixed.items()] if isinstance(fixed, dict) else []
    base = text.get("base", "?")
    return (f"Every run starts from <code>{html.escape(str(base))}</code>"
            + (f" with {html.escape('; '.join(items))}" if items else "") + ".")


def _meaning(name: str, entry: dict, national: dict) -> str:
    """The manifest's description, with the national series' own description when the manifest
    only says which series it summarises ('Last value of total_need')."""
    text = entry.get("description", "")
    match = re.match(r"(Last value|Mean of the finite monthly values|Sum over months) of (\w+)",
                     text)
    if match and match.group(2) in national:
        text = f"{text}: {national[match.group(2)].get('description', '')}"
    return text


def outcome_meanings(sweep: io.Sweep, outcomes) -> pd.DataFrame:
    """outcome, units, better, meaning of each outcome, from the manifest's metric attributes
    (and the run files' national series for what a summary summarises)."""
    path = io.first_run_path(sweep)  # metric attributes are the same in every run file
    national = io.read_metric_info(path) if path is not None else {}
    rows = []
    for name in outcomes:
        entry = sweep.metrics.get(name, {})
        rows.append({"outcome": stats.label(name), "name": name,
                     "units": entry.get("units", "?"),
                     "better": entry.get("better", "neither"),
                     "meaning": _meaning(name, entry, national)})
    return pd.DataFrame(rows, columns=["outcome", "name", "units", "better", "meaning"])


CAVEATS = (
    "<b>A comparison tool, not a forecast.</b> The arms share one population, one budget and the "
    "same random numbers, so differences between arms are effects of the policy <i>within the "
    "model</i>; the levels (need removed, money spent) are not predictions for any real place "
    "(docs/ODD.md 1.1).",
    "<b>The model encodes mechanisms, not a verdict.</b> It writes down the chains through which "
    "a centralised programme or devolved money can do better (imposed templates and falling "
    "confidence; local design, learning and support) and lets the balance depend on parameters "
    "(ODD 8). Which arm wins depends on them: ODD 8.1 and 8.3 show regions where each wins.",
    "<b>Most parameters are assumptions.</b> Only the prize funnel and the existing sector are "
    "calibrated, to the Big Green Challenge and the Neighbourhood Challenge (ODD 1.2, 7.13); "
    "the rest are assumptions with plausible ranges (<code>localism params</code>). Over those "
    "ranges the devolved-minus-centralised difference moves far more than its seed-noise "
    "interval and changes sign in about a quarter of parameter space (ODD 8.4).",
    "<b>Intervals are seed noise.</b> A 95% interval across replicates says how sure the runs "
    "are at these parameter values; it says nothing about whether the values are right. Quote "
    "a parameter-uncertainty spread with it (<code>--uncertainty DIR</code>).",
    "<b>A synthetic population unless a geography is set.</b> Councils, deprivation and "
    "communities are drawn anew in each replicate, so a council id is not the same place in "
    "two replicates; outcomes by deprivation are computed within each run before averaging.",
    "<b>Need units are abstract.</b> " + NEED_UNITS,
)


def caveats_html(sweep: io.Sweep) -> str:
    items = list(CAVEATS)
    if design_points.has_design_points(sweep):
        items.insert(3, "<b>This sweep varies parameters over a design.</b> Ranges across its "
                        "design points are spreads over the design (parameter uncertainty), "
                        "not confidence intervals; replicate intervals are only taken across "
                        "the replicates of one point.")
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def sensitivity_words(table: pd.DataFrame, units: str) -> list:
    """Sentences explaining Sobol or Morris indices of one outcome per arm, in its units."""
    out = []
    for arm, sub in table.groupby("arm", sort=False):
        if "S1" in sub:
            top = sub.sort_values("ST", ascending=False).iloc[0]
            out.append(
                f"{arm}: {top['parameter']} matters most: alone it explains "
                f"{100 * top['S1']:.0f}% of the variance of {sub['outcome'].iloc[0]} (S1), and "
                f"{100 * top['ST']:.0f}% with its interactions (ST); a parameter with ST near 0 "
                "can be fixed anywhere in its range.")
        else:
            top = sub.sort_values("mu_star", ascending=False).iloc[0]
            out.append(
                f"{arm}: moving {top['parameter']} across its full range changes "
                f"{sub['outcome'].iloc[0]} by {top['mu_star']:.4g} {units} on average in "
                f"absolute value (mu*); sigma {top['sigma']:.4g} {units} is how much that "
                "effect differs from point to point in the design (non-linearity or "
                "interactions; sigma well above mu* means the effect depends on the other "
                "parameters).")
    return out


SENSITIVITY_METHOD = (
    "Sobol: S1 is the share of the outcome's variance caused by the parameter alone; ST the "
    "share including all its interactions with other parameters (Saltelli 2010 and Jansen "
    "estimators, 95% bootstrap intervals over base samples); ST - S1 is the part due to "
    "interactions. Morris: mu* is the mean absolute elementary effect, in the outcome's units "
    "per full range of the parameter (the change in the outcome over one Morris step of one "
    "parameter, scaled to the parameter's whole range); mu is the same with signs (mu* much "
    "larger than |mu| means the effect changes sign); sigma is the standard deviation of the "
    "effects, i.e. non-linearity or interaction. Morris ranks parameters; it does not split "
    "variance.")
