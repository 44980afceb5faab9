"""Properties that hold for any input, checked with hypothesis over messy generated text
and the default ruleset (whatever rules exist when the test runs):

- fix is idempotent: a second fix changes nothing;
- the report's edits, replayed on the input, give the output (engine.replay, and
  `cleanup apply` on the `fix --report` file);
- bytes outside the edit spans are unchanged on disk (BOM, CRLF and a missing final
  newline survive);
- a second check of fixed text finds nothing safe left to fix;
- --jobs N gives exactly what --jobs 1 gives.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cleanup.cli import app
from cleanup.document import Document, decode
from cleanup.engine import check_document, fix_document, replay

from .reliability_support import corpus_context, default_ruleset, file_bytes, splice, texts, write_corpus

SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large]


def fixed(text: str, *, unsafe: bool):
    rules = default_ruleset().rules
    doc = Document.from_text(text)
    return fix_document(doc, rules, corpus_context([doc], rules), unsafe=unsafe)


def describe(edits) -> str:
    return "\n".join(f"  {e.rule}{list(e.also)} {e.start}..{e.end} {e.before!r} -> {e.after!r}" for e in edits)


@settings(max_examples=120, deadline=None, suppress_health_check=SLOW)
@given(text=texts(), unsafe=st.booleans())
def test_fix_is_idempotent_replayable_and_leaves_nothing_safe(text, unsafe):
    outcome = fixed(text, unsafe=unsafe)
    assert outcome.converged, f"no fixpoint after {outcome.passes} passes; still fixable: {outcome.unfixed}"
    edits = outcome.edits
    for edit in edits:
        assert text[edit.start : edit.end] == edit.before, f"edit 'before' is not the input:\n{describe([edit])}"
    for first, second in zip(edits, edits[1:]):
        assert first.end <= second.start and (first.start, first.end) != (second.start, second.end), (
            f"report edits out of order or overlapping:\n{describe(edits)}"
        )
    assert replay(text, edits) == outcome.text, f"replaying the report does not give the output:\n{describe(edits)}"

    again = fixed(outcome.text, unsafe=unsafe)
    assert again.edits == [], f"a second fix changes the text again:\n{describe(again.edits)}"

    rules = default_ruleset().rules
    doc = Document.from_text(outcome.text)
    leftover = [
        f for f in check_document(doc, rules, corpus_context([doc], rules))
        if f.fix is not None and (f.fix.safe or unsafe)
    ]
    assert not leftover, f"fixed text still has fixable findings: {leftover}"


def invoke(*args) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def report_edits(report: Path) -> dict[str, list[dict]]:
    data = json.loads(report.read_text(encoding="utf-8"))
    return {Path(d["path"]).name: d["edits"] for d in data["documents"]}


@settings(max_examples=12, deadline=None, suppress_health_check=SLOW)
@given(files=st.lists(file_bytes(), min_size=1, max_size=4))
def test_fix_on_disk_touches_only_edit_spans_and_apply_reproduces_it(files):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        inputs = write_corpus(root / "in", files)
        code, _, err = invoke("fix", root / "in", "--out", root / "out", "--report", root / "edits.json",
                              "--jobs", "1", "-q")
        assert code in (0, 1), err
        for path, original in zip(inputs, files):
            assert path.read_bytes() == original, f"{path.name}: the input was changed"
        edits = report_edits(root / "edits.json")
        for path, original in zip(inputs, files):
            output = (root / "out" / path.name).read_bytes()
            assert output == splice(original, edits.get(path.name, [])), (
                f"{path.name}: bytes outside the reported edits differ\n"
                f"input  {original!r}\noutput {output!r}\nedits  {edits.get(path.name)}"
            )

        code, _, err = invoke("apply", root / "edits.json", "--out", root / "applied", "-q")
        assert code == 0, err
        for name in edits:
            assert (root / "applied" / name).read_bytes() == (root / "out" / name).read_bytes(), name

        code, diff, err = invoke("fix", root / "out", "--diff", "--jobs", "1", "-q")
        assert (code, diff) == (0, ""), f"a second fix would change:\n{diff}{err}"

        code, found, err = invoke("check", root / "out", "--format", "json", "--jobs", "1", "-q")
        fixable = [f for f in json.loads(found) if f["safe"]]
        assert not fixable, f"a second check finds safe fixes: {fixable}"


@settings(max_examples=2, deadline=None, suppress_health_check=SLOW)
@given(files=st.lists(file_bytes(max_lines=6), min_size=1, max_size=5))
def test_jobs_give_identical_results(files):
    # more documents than one worker window, so that chunking and reordering are exercised
    corpus = [files[i % len(files)] for i in range(70)]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_corpus(root / "in", corpus)
        results = {}
        for jobs in (1, 2):
            out, report = root / f"out{jobs}", root / f"edits{jobs}.json"
            fix = invoke("fix", root / "in", "--out", out, "--report", report, "--jobs", jobs, "-q")
            check = invoke("check", root / "in", "--format", "json", "--jobs", jobs, "-q")
            written = {p.name: p.read_bytes() for p in sorted(out.iterdir())}
            results[jobs] = (fix, check, written, report.read_text(encoding="utf-8"))
        assert results[1] == results[2]


def test_splice_reference_is_sound():
    """The byte-level reference the on-disk property relies on."""
    data = "\ufeffa  b\r\nc\r\n".encode()
    text, _ = decode(data)
    assert text == "a  b\nc\n"
    edits = [{"start": 1, "end": 3, "after": " "}, {"start": 4, "end": 6, "after": "\nd"}]
    assert splice(data, edits) == "\ufeffa b\r\nd\r\n".encode()
