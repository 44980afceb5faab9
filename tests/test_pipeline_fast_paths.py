"""The pipeline's fast paths outside the rules give exactly what the plain forms give:
a finding's JSON line written directly, the severity ranks, a check that reads its
inputs without digests, and the collector settings of the program's own process."""

from __future__ import annotations

import gc
import json

import pytest

from cleanup import cli, formats
from cleanup.corpus import expand_inputs, json_line
from cleanup.document import Document
from cleanup.model import Edit, Finding, Fix, Severity
from cleanup.runner import LocatedFinding, Runner, Task

from .conftest import SEEDS

TRICKY_TEXTS = [
    "",
    "plain",
    "naïve café – “quoted” ‘single’ …",
    'a "quote" and a \\ backslash',
    "line\nbreak\r\nand\rreturns",
    "tab\tand control \x00\x01\x1b[31m\x7f\x9f",
    "separators \u2028 line \u2029 paragraph \x85 next line",
    "astral 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀 and combining é",
    "lone surrogate \ud800 escaped",
    "bom \ufeff inside",
]


def plain_line(located: LocatedFinding) -> str:
    return json_line(located.to_json())


def located_findings(text: str, path: str = "doc.txt", record: str | None = None) -> list[LocatedFinding]:
    doc = Document(path, text + "\nsecond line " + text, doc_id=record)
    end = len(doc.text)
    middle = min(3, end)
    fixes = [
        None,
        Fix((Edit(0, middle, text),), True),
        Fix((Edit(0, middle, ""),), False),
        Fix((Edit(0, 0, text), Edit(middle, end, "x\u2028y")), True),
        Fix((Edit(middle, end, text[:2]),), False),  # an edit outside the finding's span
    ]
    found = []
    for severity in Severity:
        for fix in fixes:
            for start, stop in ((0, 0), (0, middle), (middle, end), (0, end)):
                finding = Finding("typography.test-rule", f"message {text}", start, stop, severity, fix)
                found.append(LocatedFinding.of(doc, finding))
    return found


@pytest.mark.parametrize("text", TRICKY_TEXTS)
def test_jsonl_line_is_the_json_of_the_finding(text):
    for path, record in (("doc.txt", None), (f"dir/na\u2028me {text}.jsonl#{text}", text)):
        for located in located_findings(text, path, record):
            line = formats.jsonl_line(located)
            assert line == plain_line(located)
            assert json.loads(line) == json.loads(plain_line(located))


def test_jsonl_line_of_values_off_the_usual_types():
    class Message(str):
        pass

    class Offset(int):
        pass

    doc = Document("odd.txt", "some text here")
    odd = [
        Finding("a.b", Message("a str subclass"), Offset(1), Offset(4), Severity.INFO, None),
        Finding("a.b", "a fix whose safety is not a bool", 0, 4, Severity.ERROR, Fix((Edit(0, 4, "x"),), 1)),
        Finding("a.b", "safety a string", 0, 4, Severity.WARNING, Fix((Edit(0, 4, "x"),), "yes")),
        Finding("a.b", "safety None", 0, 4, Severity.WARNING, Fix((Edit(0, 4, "x"),), None)),
        Finding("a.b", "offset a float", 0, 4, Severity.WARNING, Fix((Edit(0, 4, "x"),), 0.5)),
    ]
    for finding in odd:
        located = LocatedFinding.of(doc, finding)
        assert formats.jsonl_line(located) == plain_line(located)
    not_json = LocatedFinding.of(doc, Finding("a.b", "m", 0, 1, Severity.INFO, Fix((Edit(0, 1, "x"),), object())))
    with pytest.raises(TypeError):
        plain_line(not_json)
    with pytest.raises(TypeError):
        formats.jsonl_line(not_json)


def test_jsonl_line_past_the_head_cache_limit():
    lines = []
    for number in range(formats._JSONL_HEADS_LIMIT + 50):
        located = LocatedFinding.of(Document(f"doc-{number}.txt", "text"), Finding(f"r.{number % 7}", "m", 0, 4, Severity.INFO))
        assert formats.jsonl_line(located) == plain_line(located)
        lines.append(formats.jsonl_line(located))
    assert len(formats._JSONL_HEADS) <= formats._JSONL_HEADS_LIMIT
    assert len(set(lines)) == len(lines)


def seed_outcomes(task: Task):
    sources, problems = expand_inputs([str(SEEDS)])
    assert sources and not problems
    return list(Runner(task).run(sources))


def test_jsonl_line_on_the_seed_findings():
    outcomes = seed_outcomes(Task("check"))
    located = [f for outcome in outcomes if outcome.result for f in outcome.result.findings]
    assert len(located) > 20
    assert any(f.finding.fix is not None for f in located) and any(f.finding.fix is None for f in located)
    for finding in located:
        assert formats.jsonl_line(finding) == plain_line(finding)


def test_severity_rank():
    assert {severity: severity.rank for severity in Severity} == {
        Severity.ERROR: 3, Severity.WARNING: 2, Severity.INFO: 1,
    }
    assert Severity("warning").rank == 2


def test_a_check_without_digests_finds_the_same():
    with_digests = seed_outcomes(Task("check"))
    without = seed_outcomes(Task("check", digests=False))
    assert all(o.document.digest for o in with_digests if o.document is not None)
    assert not any(o.document.digest for o in without if o.document is not None)
    assert [(o.document.path, o.document.text) for o in with_digests] == [
        (o.document.path, o.document.text) for o in without
    ]
    assert [o.result.findings for o in with_digests] == [o.result.findings for o in without]


def test_check_command_reads_without_digests_and_fix_with(monkeypatch):
    tasks = []
    real = Runner.__init__

    def recording(self, task, **kwargs):
        tasks.append(task)
        real(self, task, **kwargs)

    monkeypatch.setattr(Runner, "__init__", recording)
    from typer.testing import CliRunner

    CliRunner().invoke(cli.app, ["check", "--quiet", "--format", "jsonl", str(SEEDS)], catch_exceptions=False)
    CliRunner().invoke(cli.app, ["fix", "--quiet", "--diff", str(SEEDS)], catch_exceptions=False)
    assert [task.digests for task in tasks] == [False, True]


def test_main_tunes_the_collector_for_its_own_process(monkeypatch):
    seen = {}
    frozen = []

    def fake_app():
        seen["threshold"] = gc.get_threshold()
        raise SystemExit(1)

    before = gc.get_threshold()
    monkeypatch.setattr(cli, "app", fake_app)
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))
    try:
        with pytest.raises(SystemExit):
            cli.main()
    finally:
        gc.set_threshold(*before)
    assert seen["threshold"] == (cli.GC_YOUNG_THRESHOLD, before[1], before[2])
    assert frozen == [True]  # the objects of the run are frozen before the interpreter tears down


@pytest.mark.parametrize("fmt", cli.JSON_FORMATS)
def test_json_output_has_no_colour_codes_to_strip(tmp_path, fmt):
    """JSON output is echoed without click's stripping of colour codes: JSON escapes the
    ESC that starts one, so the stripping could never change it."""
    import click
    from typer.testing import CliRunner

    (tmp_path / "colours.txt").write_text("Red \x1b[31mtext\x1b[0m here.\nA bell \x07 and \x1b]0;title\x07.\n", encoding="utf-8")
    result = CliRunner().invoke(cli.app, ["check", "--quiet", "--format", fmt, str(tmp_path)], color=True)
    assert result.exit_code in (0, 1)
    assert result.stdout and "\x1b" not in result.stdout
    assert click.unstyle(result.stdout) == result.stdout
    if fmt == "jsonl":
        found = [json.loads(line) for line in result.stdout.splitlines()]
        assert any("\x1b" in item["text"] for item in found)
