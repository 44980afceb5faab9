"""``check --statistics``: the findings' count per rule instead of the findings, as
ruff prints it, in text, JSON and JSON Lines; the exit status is the check's."""

from __future__ import annotations

import json
from collections import Counter

from .conftest import SEEDS


def findings(cli, *args):
    return json.loads(cli("check", SEEDS, "--format", "json", "--quiet", *args).stdout)


def test_counts_per_rule_most_first_with_fix_markers(cli):
    expected = Counter(f["rule"] for f in findings(cli))
    result = cli("check", SEEDS, "--statistics", "--quiet")
    assert result.exit_code == 1
    rows = [line.split(None, 2) for line in result.stdout.splitlines()]
    assert {rule: int(count) for count, rule, _ in rows} == dict(expected)
    counts = [int(count) for count, _, _ in rows]
    assert counts == sorted(counts, reverse=True)
    line = {rule: rest for _, rule, rest in rows}
    assert line["names.variant"].startswith("[*]")  # safe fixes
    assert line["names.near-miss"].startswith("[unsafe fix]")
    assert line["readability.long-sentence"].startswith("A sentence of more than")  # no fix: the summary alone


def test_json_and_jsonl_carry_the_fix_counts(cli):
    found = findings(cli)
    entries = json.loads(cli("check", SEEDS, "--statistics", "--format", "json", "--quiet").stdout)
    lines = [json.loads(line) for line in
             cli("check", SEEDS, "--statistics", "--format", "jsonl", "--quiet").stdout.splitlines()]
    assert entries == lines
    for entry in entries:
        mine = [f for f in found if f["rule"] == entry["rule"]]
        assert entry["count"] == len(mine)
        assert entry["safe_fixes"] == sum(1 for f in mine if f["replacement"] is not None and f["safe"])
        assert entry["safe_fixes"] + entry["unsafe_fixes"] <= entry["count"]
        assert entry["summary"]


def test_select_and_a_clean_run(cli, tmp_path):
    result = cli("check", SEEDS, "--statistics", "--select", "names.variant", "--quiet")
    assert result.stdout.split()[:2] == ["9", "names.variant"] and result.exit_code == 1
    clean = tmp_path / "clean.txt"
    clean.write_text("The minister said on Monday that the talks would go on.\n", encoding="utf-8")
    result = cli("check", clean, "--statistics", "--quiet")
    assert result.exit_code == 0 and result.stdout == ""


def test_formats_without_a_table_are_refused(cli):
    result = cli("check", SEEDS, "--statistics", "--format", "sarif")
    assert result.exit_code == 2 and "--statistics prints text, json or jsonl" in result.stderr
