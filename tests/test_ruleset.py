"""Rule files are decoded strictly: every mistake names file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleanup.ruleset import RuleFileError, Ruleset, load_rule_file

GOOD = '''
[[rule]]
id = "typography.demo"
kind = "pattern"
severity = "warning"
message = "demo"
pattern = 'x+'
examples.bad = ["x"]
examples.good = ["y"]
'''


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    return path


def error_of(tmp_path, text) -> RuleFileError:
    with pytest.raises(RuleFileError) as caught:
        load_rule_file(write(tmp_path, text))
    return caught.value


def test_good_file_loads(tmp_path):
    [rule] = load_rule_file(write(tmp_path, GOOD))
    assert rule.id == "typography.demo" and rule.meta.source.endswith("mine.toml:2")


def test_unknown_key_names_file_and_line(tmp_path):
    error = error_of(tmp_path, GOOD + "colour = 'red'\n")
    assert error.line == 10 and "unknown key 'colour'" in str(error) and "mine.toml:10" in str(error)


def test_bad_regex_names_line(tmp_path):
    error = error_of(tmp_path, GOOD.replace("'x+'", "'x(+'"))
    assert error.line == 7 and "bad regular expression" in str(error)


def test_wrong_type(tmp_path):
    error = error_of(tmp_path, GOOD.replace('severity = "warning"', "severity = 3"))
    assert error.line == 5 and "'severity' must be a string" in str(error)


def test_bad_values(tmp_path):
    assert "severity must be" in str(error_of(tmp_path, GOOD.replace('"warning"', '"fatal"')))
    assert "unknown kind" in str(error_of(tmp_path, GOOD.replace('"pattern"', '"magic"')))
    assert "category.rule-name" in str(error_of(tmp_path, GOOD.replace("typography.demo", "Demo")))
    assert "unknown category" in str(error_of(tmp_path, GOOD.replace("typography.demo", "style.demo")))
    assert "declared twice" in str(error_of(tmp_path, GOOD + GOOD))
    assert "invalid TOML" in str(error_of(tmp_path, GOOD + "[[rule]\n"))
    assert "examples.fixed" in str(error_of(tmp_path, GOOD + 'examples.fixed = ["a", "b"]\n'))


def test_user_rules_replace_defaults_and_selection(tmp_path):
    write(tmp_path, GOOD.replace("typography.demo", "typography.trailing-whitespace"))
    ruleset = Ruleset.load([tmp_path])
    assert ruleset.get("typography.trailing-whitespace").meta.kind == "pattern"
    assert ruleset.get("typography.trailing-whitespace").meta.message == "demo"
    chosen = ruleset.select(["typography"], ["typography.doubled-word"])
    assert chosen.get("typography.doubled-word") is None and chosen.get("typography.stray-period")
    assert ruleset.unknown_selectors(["typografy"]) == ["typografy"]


def test_cli_exits_2_naming_file_and_line(tmp_path, cli, seeds_copy):
    write(tmp_path, GOOD + "colour = 'red'\n")
    result = cli("check", seeds_copy, "--rules", tmp_path)
    assert result.exit_code == 2
    assert "mine.toml:10" in result.stderr


def test_replacement_naming_a_missing_group(tmp_path):
    error = error_of(tmp_path, GOOD + "replacement = '\\1'\n")
    assert "group 1 is not in the pattern" in str(error) and error.line == 10
