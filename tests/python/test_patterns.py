"""analysis/patterns.py: the observed-patterns file is checked strictly (it is untrusted), and
statistics are evaluated on run files with the documented meaning of each function."""
import h5py
import numpy as np
import pytest

from analysis import patterns as pat

TINY = "tests/data/patterns/tiny.yaml"


def write_run(path, series, months=None):
    """A minimal run file in the documented layout: format attribute, /time, /national."""
    n = len(next(iter(series.values())))
    with h5py.File(path, "w") as f:
        f.attrs["format"] = "localism-output"
        f["time"] = np.asarray(months if months is not None else np.arange(1, n + 1),
                               dtype=np.int32)
        for name, values in series.items():
            f[f"national/{name}"] = np.asarray(values, dtype=float)
    return path


def write_patterns(tmp_path, body):
    scenario = tmp_path / "s.yaml"
    scenario.write_text("run: {months: 1}\n")
    path = tmp_path / "p.yaml"
    path.write_text(body)
    return path


GOOD = ("patterns:\n  - name: a\n    scenario: s.yaml\n    statistic: \"{stat}\"\n"
        "    observed: 1\n    tolerance: 0.5\n    role: fit\n    source: x\n")


def test_tiny_file_loads_with_roles_and_absolute_scenarios():
    loaded = pat.load_patterns(TINY)
    assert [p.name for p in loaded] == ["small_entrants", "small_planning_share"]
    assert [p.role for p in loaded] == ["fit", "validation"]
    assert loaded[0].scenario.is_absolute() and loaded[0].scenario.name == "small_prize.yaml"
    assert loaded[1].series == ("prize_planning", "prize_entrants")
    assert [p.name for p in pat.select(loaded, role="validation")] == ["small_planning_share"]


def test_functions_mean_what_the_contract_says(tmp_path):
    run = write_run(tmp_path / "r.h5", {"x": [0, 0, 3, 5, np.nan, 2], "y": [1, 1, 1, 1, 1, 0]})

    def value(stat):
        p = pat.load_patterns(write_patterns(tmp_path, GOOD.format(stat=stat)))[0]
        return p.evaluate(run)
    assert value("final(x)") == 2
    assert value("max(x)") == 5 and value("min(x)") == 0
    assert value("sum(x)") == 10 and value("mean(x)") == 2  # finite values only
    assert value("at(x, 3)") == 3  # months count from 1
    assert value("first_nonzero(x)") == 3
    assert value("-(max(x) - 1) / 2 + 1") == -1
    assert value("final(x / y)") == np.inf or np.isnan(value("final(x / y)"))
    assert value("max(x * 2 + y)") == 11
    with pytest.raises(pat.PatternError, match="months 1..6, not 9"):
        value("at(x, 9)")
    with pytest.raises(pat.PatternError, match="did you mean `x`"):
        pat.load_patterns(write_patterns(tmp_path, GOOD.format(stat="max(xx)")))[0].evaluate(run)


@pytest.mark.parametrize("stat, message", [
    ("__import__('os').system('true')", "not an allowed function"),
    ("x.real", "`x.real` is not allowed"),
    ("max(x) if 1 else 2", "is not allowed"),
    ("[v for v in x]", "is not allowed"),
    ("'text'", "is not allowed"),
    ("maxx(x)", "did you mean `max`"),
    ("max(x, 2)", "takes 1 argument"),
    ("at(x, 0)", "month number >= 1"),
    ("at(x, 1.5)", "month number >= 1"),
    ("max(3)", "must be a series"),
    ("x * 2", "whole series"),
    ("x ** 2", "is not allowed"),
    ("max(x) +", "not a valid expression"),
    ("max", "is a function"),
    ("1" + "0" * 400, "too large"),
    ("max(" * 300 + "x" + ")" * 300, "longer than|not a valid|more than"),
])
def test_statistics_outside_the_whitelist_are_refused_naming_file_pattern_and_token(
        tmp_path, stat, message):
    with pytest.raises(pat.PatternError, match=message) as error:
        pat.load_patterns(write_patterns(tmp_path, GOOD.format(stat=stat.replace('"', "'"))))
    assert "p.yaml: pattern 'a': statistic" in str(error.value)


@pytest.mark.parametrize("change, message", [
    (("role: fit", "role: fitt"), "role: expected fit or validation.*did you mean `fit`"),
    (("source: x", "sorce: x"), "sorce: unknown key.*did you mean `source`"),
    (("tolerance: 0.5", "tolerance: 0"), "tolerance: expected a number above 0"),
    (("observed: 1", "observed: yes"), "observed: expected a finite number"),
    (("scenario: s.yaml", "scenario: missing.yaml"), "scenario: expected an existing"),
    (("name: a", "name: A b"), "name: expected lower-case"),
    (("    source: x\n", ""), "source: required key is missing"),
])
def test_file_problems_name_file_pattern_key_and_expectation(tmp_path, change, message):
    body = GOOD.format(stat="max(x)").replace(*change)
    with pytest.raises(pat.PatternError, match=message):
        pat.load_patterns(write_patterns(tmp_path, body))


def test_duplicate_names_oversize_files_and_other_top_keys_are_refused(tmp_path):
    one = GOOD.format(stat="max(x)")
    with pytest.raises(pat.PatternError, match="used twice"):
        pat.load_patterns(write_patterns(tmp_path, one + one.replace("patterns:\n", "")))
    with pytest.raises(pat.PatternError, match="larger than"):
        pat.load_patterns(write_patterns(tmp_path, one + "#" * pat.MAX_FILE_BYTES))
    with pytest.raises(pat.PatternError, match="pattern: unknown key"):
        pat.load_patterns(write_patterns(tmp_path, "pattern: []\n" + one))


def test_cli_evaluates_and_exits_2_on_bad_input(tmp_path, capsys):
    run = write_run(tmp_path / "r.h5", {"prize_entrants": [0, 36, 36],
                                        "prize_planning": [0, 10, 10]})
    assert pat.main([TINY, "--runs", str(run)]) == 0
    out = capsys.readouterr().out
    assert "small_entrants" in out and "model 36 (within tolerance: yes)" in out
    assert pat.main([TINY, "--pattern", "small_entrantz"]) == 2
    assert "did you mean `small_entrants`" in capsys.readouterr().err
    assert pat.main([str(tmp_path / "none.yaml")]) == 2
