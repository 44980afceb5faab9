"""Scale: --jobs N gives exactly what --jobs 1 gives (corpus-level rule included, text
folders and JSONL), the progress meter, and the summary line's time and rate."""

from __future__ import annotations

import json

import pytest

from cleanup import progress
from cleanup.corpus import expand_inputs
from cleanup.runner import Runner, Task

from .scale_corpus import scale_documents, write_jsonl

CORPUS_RULE = "boilerplate.corpus-repeated-line"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("scale")
    documents = scale_documents(100)
    folder = root / "folder"
    for index, text in enumerate(documents[:70]):
        sub = folder / f"{index // 40:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{index:04d}.txt").write_text(text, encoding="utf-8")
    return {"jsonl": write_jsonl(root / "corpus.jsonl", documents), "folder": folder, "root": root}


@pytest.mark.parametrize("kind", ["jsonl", "folder"])
def test_check_with_two_jobs_equals_one_job(cli, corpus, kind):
    one = cli("check", corpus[kind], "--format", "json", "--jobs", "1")
    two = cli("check", corpus[kind], "--format", "json", "--jobs", "2")
    assert one.exit_code == two.exit_code == 1
    assert one.stdout == two.stdout
    rules = {finding["rule"] for finding in json.loads(one.stdout)}
    assert CORPUS_RULE in rules  # the two-pass path is exercised
    assert len(json.loads(one.stdout)) > 100


def test_fix_with_two_jobs_equals_one_job(cli, corpus):
    outputs = {}
    for jobs in ("1", "2"):
        out = corpus["root"] / f"fixed-{jobs}"
        result = cli("fix", corpus["jsonl"], "--out", out, "--jobs", jobs, "--report", out / "edits.json")
        assert result.exit_code in (0, 1), result.output
        outputs[jobs] = ((out / "corpus.jsonl").read_bytes(), (out / "edits.json").read_bytes())
    assert outputs["1"] == outputs["2"]
    fixed, original = outputs["1"][0].splitlines(), corpus["jsonl"].read_bytes().splitlines()
    assert len(fixed) == len(original) and fixed != original
    for before, after in zip(original, fixed):
        a, b = json.loads(before), json.loads(after)
        assert (a["id"], a["position"], a["tags"]) == (b["id"], b["position"], b["tags"])


def test_runner_keeps_input_order_with_many_batches(corpus):
    sources, _ = expand_inputs([str(corpus["jsonl"])])
    task = Task("check", select=("typography", CORPUS_RULE))
    paths_one = [o.document.path for o in Runner(task, jobs=1).run(sources)]
    paths_two = [o.document.path for o in Runner(task, jobs=2).run(sources)]
    assert paths_one == paths_two == [f"{corpus['jsonl'].as_posix()}#doc-{i}" for i in range(len(paths_one))]


def test_summary_line_has_time_and_rate(cli, corpus):
    result = cli("check", corpus["folder"], "--jobs", "1", "--select", "typography")
    summary = result.stderr.strip().splitlines()[-1]
    assert summary.startswith("Found ") and " in 70 documents" in summary
    assert summary.endswith("MB/s") and " s, " in summary
    fixed = cli("fix", corpus["folder"], "--diff", "--jobs", "1", "--select", "typography")
    assert fixed.stderr.strip().splitlines()[-1].endswith("MB/s")


def test_quiet_and_non_terminal_runs_draw_no_bar(cli, corpus, monkeypatch):
    monkeypatch.setattr(progress, "SHOW_AFTER_SECONDS", 0.0)
    quiet = cli("check", corpus["folder"], "--jobs", "1", "--quiet", "--select", "typography")
    assert quiet.stderr == ""
    loud = cli("check", corpus["folder"], "--jobs", "1", "--select", "typography")  # stderr is not a terminal here
    assert "docs/s" not in loud.stderr


def test_meter_counts_documents_and_utf8_bytes(corpus, monkeypatch):
    sources, _ = expand_inputs([str(corpus["jsonl"])])
    meter = progress.RunMeter(show=False)
    outcomes = list(meter.track(Runner(Task("check", select=("typography",)), jobs=1).run(sources)))
    texts = [o.document.text for o in outcomes]
    assert meter.documents == len(texts) == 100
    assert meter.bytes == sum(len(t.encode("utf-8")) for t in texts)
    assert meter.megabytes_per_second > 0


def test_meter_draws_a_bar_when_shown(corpus, monkeypatch, capsys):
    monkeypatch.setattr(progress, "SHOW_AFTER_SECONDS", 0.0)
    sources, _ = expand_inputs([str(corpus["folder"])])
    meter = progress.RunMeter(show=True, total_bytes=progress.planned_bytes(sources))
    assert meter.total_bytes == sum(s.path.stat().st_size for s in sources)
    outcomes = list(meter.track(Runner(Task("check", select=("typography",)), jobs=1).run(sources)))
    assert len(outcomes) == meter.documents == 70


def test_the_bar_shows_the_first_pass_as_its_own_phase(corpus, monkeypatch):
    monkeypatch.setattr(progress, "SHOW_AFTER_SECONDS", 0.0)
    monkeypatch.setattr(progress, "REFRESH_SECONDS", 0.0)
    shown = []
    monkeypatch.setattr(progress._Bar, "update", lambda bar: shown.append(
        (bar.description(), bar.meter.phase_documents)))
    sources, _ = expand_inputs([str(corpus["folder"])])
    meter = progress.RunMeter(show=True, total_bytes=progress.planned_bytes(sources))
    runner = Runner(Task("check", select=("boilerplate.corpus-repeated-line", "typography")), jobs=2)
    meter.follow(runner)
    outcomes = list(meter.track(runner.run(sources)))
    phases = [phase for phase, _ in shown]
    assert phases[0] == "Gathering" and phases[-1] == "Checking" and "Gathering" not in phases[phases.index("Checking"):]
    assert max(count for phase, count in shown if phase == "Gathering") == len(outcomes) == 70
    assert meter.documents == 70  # the run's own count: each document once
