"""Configuration discovery, strictness, precedence; suppressions that stick."""

from __future__ import annotations

import json
from pathlib import Path

DIRTY = "Lithuania,  Latvia and Estonia.\nThe end. ..\n"


def project(tmp_path: Path, config: str, name: str = "cleanup.toml") -> Path:
    (tmp_path / name).write_text(config, encoding="utf-8")
    docs = tmp_path / "docs" / "deep"
    docs.mkdir(parents=True)
    (docs / "a.txt").write_text(DIRTY, encoding="utf-8")
    (docs / "b.txt").write_text(DIRTY, encoding="utf-8")
    return docs


def rules_found(result) -> set[str]:
    return {f["rule"] for f in json.loads(result.stdout)}


def test_config_found_upward_and_cli_wins(cli, tmp_path):
    docs = project(tmp_path, 'select = ["typography.multiple-spaces"]\n')
    assert rules_found(cli("check", docs, "--format", "json")) == {"typography.multiple-spaces"}
    assert rules_found(cli("check", docs, "--format", "json", "--select", "typography.stray-period")) == {
        "typography.stray-period"
    }


def test_pyproject_tool_table(cli, tmp_path):
    docs = project(tmp_path, '[project]\nname = "x"\n\n[tool.cleanup]\nignore = ["typography"]\n', "pyproject.toml")
    assert not any(r.startswith("typography") for r in rules_found(cli("check", docs, "--format", "json")))


def test_unknown_config_key_is_an_error_with_line(cli, tmp_path):
    docs = project(tmp_path, 'select = ["typography"]\nselekt = ["x"]\n')
    result = cli("check", docs)
    assert result.exit_code == 2 and "cleanup.toml:2" in result.stderr and "selekt" in result.stderr


def test_per_file_ignores_and_accept(cli, tmp_path):
    docs = project(tmp_path, '[per-file-ignores]\n"a.txt" = ["typography.multiple-spaces"]\n')
    found = json.loads(cli("check", docs, "--format", "json", "--select", "typography").stdout)
    spaces = {Path(f["path"]).name for f in found if f["rule"] == "typography.multiple-spaces"}
    assert spaces == {"b.txt"}
    (tmp_path / "cleanup.toml").write_text('accept = [" .."]\n', encoding="utf-8")
    found = rules_found(cli("check", docs, "--format", "json", "--select", "typography"))
    assert "typography.stray-period" not in found


def test_baseline_reports_only_new_findings(cli, tmp_path):
    docs = project(tmp_path, "")
    baseline = tmp_path / "baseline.json"
    baseline.write_text(cli("check", docs, "--format", "json", "--select", "typography").stdout, encoding="utf-8")
    assert cli("check", docs, "--select", "typography", "--baseline", baseline).exit_code == 0
    # shift every offset: the old findings stay suppressed, a new one appears
    (docs / "a.txt").write_text("New first line!!\n" + DIRTY, encoding="utf-8")
    result = cli("check", docs, "--select", "typography", "--baseline", baseline, "--format", "json")
    assert result.exit_code == 1 and rules_found(result) == {"typography.doubled-punctuation"}


def test_an_unknown_engine_is_an_error_with_line(cli, tmp_path):
    docs = project(tmp_path, 'select = ["typography"]\nengine = "spark"\n')
    result = cli("check", docs)
    assert result.exit_code == 2 and "cleanup.toml:2" in result.stderr and "local, ray" in result.stderr


MY_RULE = '''[[rule]]
id = "typography.my-rule"
kind = "pattern"
severity = "warning"
message = "Tilde"
summary = "A tilde"
pattern = '~'
fix = "none"
examples.bad = ["a ~ b"]
examples.good = ["a b"]
'''


def test_rules_lists_the_configured_rule_folders(cli, tmp_path, monkeypatch):
    (tmp_path / "myrules").mkdir()
    (tmp_path / "myrules" / "mine.toml").write_text(MY_RULE, encoding="utf-8")
    project(tmp_path, 'rules = ["myrules"]\n')
    assert "typography.my-rule" not in cli("rules").stdout  # the tests' folder has no such config
    monkeypatch.chdir(tmp_path / "docs")  # found upward, as check finds it from its path
    assert "typography.my-rule" in cli("rules").stdout
    monkeypatch.chdir(tmp_path.parent)
    listed = json.loads(cli("rules", "--format", "json", "--config", tmp_path / "cleanup.toml").stdout)
    assert any(r["id"] == "typography.my-rule" for r in listed)
    (tmp_path / "docs" / "deep" / "a.txt").write_text("a ~ b\n", encoding="utf-8")
    assert "typography.my-rule" in rules_found(cli("check", tmp_path / "docs", "--format", "json"))


def test_per_file_ignores_match_a_name_with_a_hash_and_a_records_file(cli, tmp_path):
    docs = project(tmp_path, '[per-file-ignores]\n"a#1.txt" = ["typography"]\n"r.jsonl" = ["typography"]\n')
    (docs / "a#1.txt").write_text(DIRTY, encoding="utf-8")
    (docs / "r.jsonl").write_text(json.dumps({"id": "x", "text": DIRTY}) + "\n", encoding="utf-8")
    found = json.loads(cli("check", docs, "--format", "json", "--select", "typography").stdout)
    assert {Path(f["path"]).name for f in found} == {"a.txt", "b.txt"}
