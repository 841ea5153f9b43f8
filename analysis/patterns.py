"""Observed patterns: load and check a patterns file, evaluate a pattern on run files.

The format is fixed in the patterns contract (issue 13) and documented in docs/user-guide.md
("Calibration"):

    patterns:
      - name: bgc_entrants                    # [a-z0-9_]+, unique
        scenario: ../big_green_challenge.yaml  # relative to the patterns file
        statistic: "max(prize_entrants)"       # expression over one run's national series
        observed: 355
        tolerance: 71                          # absolute half-width (> 0)
        role: fit                              # fit | validation
        source: "NESTA / Challenge Works BGC pages"
        note: "optional"

The file is untrusted: it is read only when it is a regular file of at most MAX_FILE_BYTES, and
a statistic is parsed with `ast` and checked against a whitelist (names of national series,
numbers, + - * /, unary minus and the functions in FUNCTIONS) before anything is evaluated; it
is never passed to eval. Every problem names the file, the pattern, the key and what was
expected. A pattern's model value over replicates is the mean of the per-run statistic.

CLI: `python3 -m analysis.patterns FILE` checks a file and lists its patterns;
`python3 -m analysis.patterns FILE --runs A.h5 B.h5 [--pattern NAME ...]` also evaluates the
patterns on those run files. Bad input exits 2 with `error: ...`.
"""
from __future__ import annotations

import argparse
import ast
import difflib
import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from . import io

MAX_FILE_BYTES = 256 * 1024
MAX_PATTERNS = 1000
MAX_STATISTIC_CHARS = 1000
MAX_STATISTIC_NODES = 200
NAME_RE = re.compile(r"[a-z0-9_]+\Z")
ROLES = ("fit", "validation")
REQUIRED_KEYS = ("name", "scenario", "statistic", "observed", "tolerance", "role", "source")
KEYS = REQUIRED_KEYS + ("note",)
# Function name -> number of arguments; the first argument is always a series.
FUNCTIONS = {"final": 1, "max": 1, "min": 1, "sum": 1, "mean": 1, "first_nonzero": 1, "at": 2}
_BINARY = {ast.Add: np.add, ast.Sub: np.subtract, ast.Mult: np.multiply, ast.Div: np.divide}


class PatternError(io.SweepError):
    """A patterns file or statistic that cannot be used (message names file, pattern, key)."""


@dataclass(frozen=True)
class Pattern:
    name: str
    scenario: Path        # absolute path of the scenario the statistic is computed on
    statistic: str
    observed: float
    tolerance: float
    role: str             # "fit" or "validation"
    source: str
    note: str
    file: str             # the patterns file, for messages
    tree: ast.Expression  # the checked statistic
    series: tuple         # national series names it reads

    def evaluate(self, run_path) -> float:
        """The statistic on one run file."""
        return evaluate(self, run_path)


def _hint(word, candidates) -> str:
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f" (did you mean `{close[0]}`?)" if close else ""


def _where(file, pattern, key) -> str:
    return f"{file}: pattern {pattern!r}: {key}"


# ----- checking a statistic -----------------------------------------------------------------

def check_statistic(text: str, file: str = "<statistic>", pattern: str = "?") -> tuple:
    """(parsed expression, series names) of a statistic; PatternError if it is not allowed."""
    where = _where(file, pattern, "statistic")
    if not isinstance(text, str) or not text.strip():
        raise PatternError(f"{where}: expected an expression text, got {text!r}")
    if len(text) > MAX_STATISTIC_CHARS:
        raise PatternError(f"{where}: longer than {MAX_STATISTIC_CHARS} characters")
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
        raise PatternError(f"{where}: not a valid expression ({exc.__class__.__name__}: "
                           f"{getattr(exc, 'msg', exc)})") from None
    if sum(1 for _ in ast.walk(tree)) > MAX_STATISTIC_NODES:
        raise PatternError(f"{where}: more than {MAX_STATISTIC_NODES} terms")
    names: list = []
    kind = _check_node(tree.body, where, names)
    if kind != "number":
        raise PatternError(f"{where}: `{text}` is a whole series; reduce it to one number with "
                           f"one of {', '.join(FUNCTIONS)}, e.g. final({text})")
    return tree, tuple(dict.fromkeys(names))


def _token(node) -> str:
    try:
        return ast.unparse(node)
    except Exception:  # noqa: BLE001 - only used to name the offending token
        return node.__class__.__name__


def _check_node(node, where, names) -> str:
    """'series' or 'number' for an allowed node; PatternError naming the token otherwise."""
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        if not abs(node.value) < 1e300:  # also refuses nan/inf spelled as huge literals
            raise PatternError(f"{where}: the number `{_token(node)}` is too large")
        return "number"
    if isinstance(node, ast.Name):
        if node.id in FUNCTIONS:
            raise PatternError(f"{where}: `{node.id}` is a function: call it, e.g. "
                               f"{node.id}(prize_entrants)")
        names.append(node.id)
        return "series"
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        return _check_node(node.operand, where, names)
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        kinds = {_check_node(node.left, where, names), _check_node(node.right, where, names)}
        return "series" if "series" in kinds else "number"
    if isinstance(node, ast.Call):
        return _check_call(node, where, names)
    raise PatternError(f"{where}: `{_token(node)}` is not allowed; a statistic uses national "
                       f"series names, numbers, + - * /, parentheses and "
                       f"{', '.join(f + '()' for f in FUNCTIONS)}")


def _check_call(node, where, names) -> str:
    func = node.func.id if isinstance(node.func, ast.Name) else None
    if func not in FUNCTIONS:
        raise PatternError(f"{where}: `{_token(node.func)}` is not an allowed function; use one of "
                           f"{', '.join(FUNCTIONS)}{_hint(str(func), FUNCTIONS)}")
    if node.keywords or len(node.args) != FUNCTIONS[func]:
        raise PatternError(f"{where}: {func}() takes {FUNCTIONS[func]} argument(s) without names, "
                           f"got `{_token(node)}`")
    if _check_node(node.args[0], where, names) != "series":
        raise PatternError(f"{where}: the argument of {func}() must be a series, got "
                           f"`{_token(node.args[0])}`")
    if func == "at":
        month = node.args[1]
        if not (isinstance(month, ast.Constant) and type(month.value) is int and month.value >= 1):
            raise PatternError(f"{where}: at(x, month) needs a whole month number >= 1 (the "
                               f"engine's months count from 1), got `{_token(month)}`")
    return "number"


# ----- loading a file -----------------------------------------------------------------------

def _read_text(path: Path) -> str:
    if not path.is_file():
        raise PatternError(f"{path}: not found or not a regular file")
    with open(path, "rb") as f:
        data = f.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise PatternError(f"{path}: larger than {MAX_FILE_BYTES} bytes")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PatternError(f"{path}: not UTF-8 text (byte {exc.start})") from None


def _number(value, where, positive=False) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise PatternError(f"{where}: expected a finite number, got {value!r}")
    if positive and value <= 0:
        raise PatternError(f"{where}: expected a number above 0, got {value!r}")
    return float(value)


def _text(value, where) -> str:
    if not isinstance(value, str) or not value.strip():
        raise PatternError(f"{where}: expected a non-empty text, got {value!r}")
    return value


def _pattern(entry, index, path: Path, seen: set) -> Pattern:
    file = str(path)
    label = entry.get("name", f"#{index + 1}") if isinstance(entry, dict) else f"#{index + 1}"
    if not isinstance(entry, dict):
        raise PatternError(f"{file}: pattern #{index + 1}: expected a block of `key: value` "
                           f"lines, got {type(entry).__name__}")
    label = str(label)
    for key in entry:
        if key not in KEYS:
            raise PatternError(f"{_where(file, label, key)}: unknown key{_hint(str(key), KEYS)}; "
                               f"known keys: {', '.join(KEYS)}")
    for key in REQUIRED_KEYS:
        if key not in entry:
            raise PatternError(f"{_where(file, label, key)}: required key is missing")
    name = entry["name"]
    if not isinstance(name, str) or not NAME_RE.match(name):
        raise PatternError(f"{_where(file, label, 'name')}: expected lower-case letters, digits "
                           f"and _ only, got {name!r}")
    if name in seen:
        raise PatternError(f"{_where(file, name, 'name')}: the name is used twice")
    seen.add(name)
    scenario = _text(entry["scenario"], _where(file, name, "scenario"))
    scenario_path = (path.parent / scenario).resolve()
    if scenario_path.suffix not in (".yaml", ".yml") or not scenario_path.is_file():
        raise PatternError(f"{_where(file, name, 'scenario')}: expected an existing .yaml "
                           f"scenario (relative to the patterns file), got {scenario!r}")
    role = entry["role"]
    if role not in ROLES:
        raise PatternError(f"{_where(file, name, 'role')}: expected fit or validation, got "
                           f"{role!r}{_hint(str(role), ROLES)}")
    tree, series = check_statistic(entry["statistic"], file, name)
    note = entry.get("note", "")
    return Pattern(name=name, scenario=scenario_path, statistic=entry["statistic"].strip(),
                   observed=_number(entry["observed"], _where(file, name, "observed")),
                   tolerance=_number(entry["tolerance"], _where(file, name, "tolerance"), True),
                   role=role, source=_text(entry["source"], _where(file, name, "source")),
                   note=_text(note, _where(file, name, "note")) if note else "",
                   file=file, tree=tree, series=series)


def load_patterns(path) -> list:
    """Every pattern of a patterns file, checked; PatternError on the first problem."""
    path = Path(path)
    text = _read_text(path)
    try:
        root = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise PatternError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(root, dict) or "patterns" not in root:
        raise PatternError(f"{path}: expected a block with a `patterns:` list")
    for key in root:
        if key != "patterns":
            raise PatternError(f"{path}: {key}: unknown key{_hint(str(key), ['patterns'])}; "
                               f"the file has one key, patterns")
    entries = root["patterns"]
    if not isinstance(entries, list) or not entries:
        raise PatternError(f"{path}: patterns: expected a non-empty list of patterns")
    if len(entries) > MAX_PATTERNS:
        raise PatternError(f"{path}: patterns: more than {MAX_PATTERNS} patterns")
    seen: set = set()
    return [_pattern(entry, i, path, seen) for i, entry in enumerate(entries)]


def select(patterns, names=None, role=None) -> list:
    """The patterns with the given names (in file order) and/or role; unknown names raise."""
    by_name = {p.name: p for p in patterns}
    for name in names or ():
        if name not in by_name:
            raise PatternError(f"no pattern named {name!r}{_hint(name, by_name)}; the file has "
                               f"{', '.join(by_name)}")
    chosen = [p for p in patterns if names is None or p.name in names]
    return [p for p in chosen if role is None or p.role == role]


# ----- evaluating ---------------------------------------------------------------------------

def national_names(run_path) -> list:
    """Names of the national series in a run file."""
    with io.open_run(run_path) as f:
        return sorted(f["national"].keys()) if "national" in f else []


def _reduce(func, values, months, node, where):
    finite = values[np.isfinite(values)]
    if func == "final":
        return float(values[-1]) if values.size else math.nan
    if func == "at":
        month = node.args[1].value
        hits = np.flatnonzero(months == month)
        if hits.size == 0:
            raise PatternError(f"{where}: at(): the run has months {int(months[0])}.."
                               f"{int(months[-1])}, not {month}")
        return float(values[hits[0]])
    if func == "first_nonzero":
        nonzero = np.flatnonzero(values != 0)
        return float(values[nonzero[0]]) if nonzero.size else math.nan
    if finite.size == 0:
        return math.nan
    return float({"max": np.max, "min": np.min, "sum": np.sum, "mean": np.mean}[func](finite))


def _eval(node, frame, where):
    if isinstance(node, ast.Constant):
        return float(node.value)
    if isinstance(node, ast.Name):
        return frame[node.id].to_numpy(dtype=float)
    if isinstance(node, ast.UnaryOp):
        value = _eval(node.operand, frame, where)
        return -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, ast.BinOp):
        return _BINARY[type(node.op)](_eval(node.left, frame, where),
                                      _eval(node.right, frame, where))
    func = node.func.id
    values = np.atleast_1d(_eval(node.args[0], frame, where))
    return _reduce(func, values, frame.index.to_numpy(), node, where)


def evaluate(pattern: Pattern, run_path) -> float:
    """The pattern's statistic on one run file (NaN when it is undefined, e.g. 0/0)."""
    frame, missing = io.read_national(run_path, pattern.series)
    if missing:
        known = national_names(run_path)
        raise PatternError(f"{_where(pattern.file, pattern.name, 'statistic')}: {run_path} has "
                           f"no national series `{missing[0]}`{_hint(missing[0], known)}")
    with np.errstate(divide="ignore", invalid="ignore"):
        value = _eval(pattern.tree.body, frame, _where(pattern.file, pattern.name, "statistic"))
    return float(value)


def evaluate_runs(pattern: Pattern, run_paths) -> tuple:
    """(mean over runs, per-run values): the pattern's model value over replicates."""
    values = np.array([evaluate(pattern, p) for p in run_paths], dtype=float)
    with np.errstate(invalid="ignore"):
        mean = float(np.mean(values)) if values.size else math.nan
    return mean, values


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python3 -m analysis.patterns",
        description="Check an observed-patterns file; optionally evaluate it on run files.")
    parser.add_argument("file", help="patterns file, e.g. scenarios/patterns/observed.yaml")
    parser.add_argument("--runs", nargs="+", metavar="RUN.h5",
                        help="run files to evaluate the patterns on (runs of their scenario)")
    parser.add_argument("--pattern", nargs="+", metavar="NAME", help="only these patterns")
    args = parser.parse_args(argv)
    try:
        patterns = select(load_patterns(args.file), args.pattern)
        rows = []
        for p in patterns:
            row = f"{p.name:32s} {p.role:10s} observed {p.observed:g} +- {p.tolerance:g}"
            if args.runs:
                mean, _ = evaluate_runs(p, args.runs)
                inside = "yes" if abs(mean - p.observed) <= p.tolerance else "no"
                row += f"  model {mean:.6g} (within tolerance: {inside})"
            rows.append(row + f"  [{p.statistic}]")
    except (io.SweepError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"{args.file}: {len(patterns)} pattern(s)")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
