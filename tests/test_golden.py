"""End to end on the seed corpus: findings and cleaned text equal the hand-reviewed
fixtures in fixtures/golden/ (regenerate for review: python fixtures/regenerate_golden.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import ROOT, SEEDS

GOLDEN = ROOT / "fixtures" / "golden"
KEPT_FIELDS = ("rule", "line", "column", "end_line", "end_column", "text", "replacement", "safe", "message")


def test_findings_equal_golden(cli):
    result = cli("check", SEEDS, "--format", "json", "--jobs", "1")
    assert result.exit_code == 1
    grouped: dict[str, list[dict]] = {}
    for finding in json.loads(result.stdout):
        grouped.setdefault(Path(finding["path"]).name, []).append({k: finding[k] for k in KEPT_FIELDS})
    expected = json.loads((GOLDEN / "findings.json").read_text(encoding="utf-8"))
    assert grouped.keys() == expected.keys()
    for name in expected:
        assert grouped[name] == expected[name], name


@pytest.mark.parametrize("mode", ["safe", "unsafe"])
def test_cleaned_text_equals_golden(cli, tmp_path, mode):
    out = tmp_path / "out"
    args = ["fix", SEEDS, "--out", out, "--jobs", "1"] + (["--unsafe-fixes"] if mode == "unsafe" else [])
    cli(*args)
    for expected in sorted((GOLDEN / mode).glob("*.txt")):
        assert (out / expected.name).read_text(encoding="utf-8") == expected.read_text(encoding="utf-8"), expected.name
    again = cli("fix", out, "--diff", *(["--unsafe-fixes"] if mode == "unsafe" else []))
    assert again.stdout == "", "fixing the fixed corpus again changes it"
