"""`cleanup apply` refuses what would lose or damage text: outputs that collide or
replace an input, edits that do not fit their documents, a document listed twice.
Each refusal comes before anything is written."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .test_cli import TYPO, write

SPACED = "Too  many spaces\n"
FIXED = "Too many spaces\n"


def edits_for(cli, report: Path, *inputs) -> dict:
    """The edits file a `fix --diff` of ``inputs`` writes (nothing else is written)."""
    cli("fix", *inputs, "--diff", *TYPO, "--report", report)
    return json.loads(report.read_text(encoding="utf-8"))


def rewrite(report: Path, data: dict) -> Path:
    report.write_text(json.dumps(data), encoding="utf-8")
    return report


def edit(start: int, end: int, before: str, after: str) -> dict:
    return {"rule": "typography.multiple-spaces", "start": start, "end": end, "before": before, "after": after,
            "safe": True}


def test_two_documents_written_to_one_output_are_refused(cli, tmp_path):
    first = write(tmp_path / "col" / "a" / "x.txt", "First  text\n")
    second = write(tmp_path / "col" / "b" / "x.txt", "Second  text\n")
    report = tmp_path / "edits.json"
    edits_for(cli, report, first.resolve(), second.resolve())  # absolute paths: each goes to OUT/x.txt
    out = tmp_path / "out"
    result = cli("apply", report, "--out", out)
    assert result.exit_code == 2 and "would both be written to" in result.stderr
    assert str(first.resolve()) in result.stderr and str(second.resolve()) in result.stderr
    assert str(out / "x.txt") in result.stderr
    assert not out.exists()


def test_paths_climbing_out_reduced_to_one_name_are_refused(cli, tmp_path, monkeypatch):
    write(tmp_path / "a" / "x.txt", "First  text\n")
    write(tmp_path / "b" / "x.txt", "Second  text\n")
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    report = tmp_path / "edits.json"
    assert [d["path"] for d in edits_for(cli, report, "../a/x.txt", "../b/x.txt")["documents"]] == [
        "../a/x.txt", "../b/x.txt"]
    result = cli("apply", report, "--out", tmp_path / "out")
    assert result.exit_code == 2 and "would both be written to" in result.stderr
    assert "../a/x.txt" in result.stderr and "../b/x.txt" in result.stderr
    assert not (tmp_path / "out").exists()


def test_out_that_is_the_input_is_refused(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path / "a" / "x.txt", SPACED)
    other = write(tmp_path / "b" / "y.txt", SPACED)
    report = tmp_path / "r.json"
    edits_for(cli, report, "a/x.txt", "b/y.txt")
    # fix --out put each file argument at its name: apply --out a writes a/x.txt
    result = cli("apply", "r.json", "--out", "a")
    assert result.exit_code == 2 and "would overwrite the input a/x.txt" in result.stderr
    assert path.read_text(encoding="utf-8") == SPACED and other.read_text(encoding="utf-8") == SPACED
    # the same by another spelling of the folder: without "out_path", an absolute path
    # reduced to its name
    data = json.loads(report.read_text(encoding="utf-8"))
    for document in data["documents"]:
        del document["out_path"]
    data["documents"][0]["path"] = str(path)
    result = cli("apply", rewrite(report, data), "--out", tmp_path / "a")
    assert result.exit_code == 2 and "would overwrite the input" in result.stderr
    assert path.read_text(encoding="utf-8") == SPACED
    assert not (tmp_path / "a" / "b").exists()


def test_edit_past_the_end_is_a_clean_error_and_nothing_is_written(cli, tmp_path):
    good = write(tmp_path / "good.txt", SPACED)
    short = write(tmp_path / "short.txt", "Hello")
    report = tmp_path / "edits.json"
    data = edits_for(cli, report, good, short)
    data["documents"] = [d for d in data["documents"] if d["path"] == str(good)]
    data["documents"].append({"path": str(short), "sha256": hashlib.sha256(b"Hello").hexdigest(),
                              "edits": [edit(100, 100, "", "!")]})
    rewrite(report, data)
    for out in (("--out", tmp_path / "out"), ()):
        result = cli("apply", report, *out)  # the old code raised ValueError here
        assert result.exit_code == 2, result.stderr
        assert f"{short}: edit typography.multiple-spaces at 100..100 runs past the end" in result.stderr
        assert "nothing applied" in result.stderr and "Traceback" not in result.stderr
        assert good.read_text(encoding="utf-8") == SPACED and short.read_text(encoding="utf-8") == "Hello"
        assert not (tmp_path / "out").exists()


def test_overlapping_edits_stop_every_document(cli, tmp_path):
    good = write(tmp_path / "a.txt", SPACED)
    wrong = write(tmp_path / "b.txt", SPACED)
    report = tmp_path / "edits.json"
    data = edits_for(cli, report, good, wrong)
    data["documents"][1]["edits"].append(edit(4, 5, " ", ""))  # inside the first edit's "  " at 3..5
    result = cli("apply", rewrite(report, data))
    assert result.exit_code == 2 and f"{wrong}: edits at 3 and 4 overlap" in result.stderr
    assert good.read_text(encoding="utf-8") == SPACED and wrong.read_text(encoding="utf-8") == SPACED


def test_jsonl_record_edit_past_the_end_names_the_record(cli, tmp_path):
    corpus = write(tmp_path / "c.jsonl", json.dumps({"id": "a", "text": "Too  many"}) + "\n")
    report = tmp_path / "edits.json"
    data = edits_for(cli, report, corpus)
    data["documents"][0]["edits"] = [edit(50, 50, "", "!")]
    result = cli("apply", rewrite(report, data), "--out", tmp_path / "out")
    assert result.exit_code == 2 and f"{corpus.as_posix()}#a: edit" in result.stderr
    assert "runs past the end" in result.stderr and not (tmp_path / "out").exists()


def test_a_document_listed_twice_is_refused(cli, tmp_path):
    path = write(tmp_path / "a.txt", SPACED)
    report = tmp_path / "edits.json"
    data = edits_for(cli, report, path)
    first = data["documents"][0]
    data["documents"].append({**first, "edits": []})  # applied as it was, the first's edits were lost
    result = cli("apply", rewrite(report, data))
    assert result.exit_code == 2 and f"{path} is listed twice" in result.stderr
    assert path.read_text(encoding="utf-8") == SPACED


def test_a_jsonl_record_listed_twice_is_refused(cli, tmp_path):
    corpus = write(tmp_path / "c.jsonl", json.dumps({"id": "a", "text": "Too  many"}) + "\n")
    report = tmp_path / "edits.json"
    data = edits_for(cli, report, corpus)
    data["documents"].insert(0, {**data["documents"][0], "edits": []})
    result = cli("apply", rewrite(report, data), "--out", tmp_path / "out")
    assert result.exit_code == 2 and f"{corpus.as_posix()}#a is listed twice" in result.stderr
    assert not (tmp_path / "out").exists()


def test_one_file_by_two_spellings_is_refused(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    # a sentence: two runs of spaces on a line that does not end like one lay out columns
    path = write(tmp_path / "a" / "x.txt", "One  two  three.\n")
    report = tmp_path / "edits.json"
    data = edits_for(cli, report, "a/x.txt")
    first, second = data["documents"][0]["edits"]
    data["documents"] = [{**data["documents"][0], "edits": [first]},
                         {**data["documents"][0], "path": "./a/x.txt", "edits": [second]}]
    result = cli("apply", rewrite(report, data))
    assert result.exit_code == 2 and "a/x.txt and ./a/x.txt are the same file" in result.stderr
    assert path.read_text(encoding="utf-8") == "One  two  three.\n"


def test_a_jsonl_file_with_a_hash_in_its_name_is_replayed(cli, tmp_path):
    path = tmp_path / "c#d.jsonl"
    path.write_text('{"id": "1", "text": "Kiev here."}\n{"id": "a#b", "text": "Kiev too."}\n', encoding="utf-8")
    report = tmp_path / "r.json"
    cli("fix", path, "--diff", "--report", report, "--select", "names.variant")
    result = cli("apply", report)
    assert result.exit_code == 0, result.stderr
    assert path.read_text(encoding="utf-8") == '{"id": "1", "text": "Kyiv here."}\n{"id": "a#b", "text": "Kyiv too."}\n'


def test_records_with_one_id_are_replayed_by_their_lines(cli, tmp_path):
    """Ids repeat in real corpora, and a record without one takes its line number, which
    another's id may equal: fix records each record's line, and apply goes by it."""
    path = tmp_path / "dup.jsonl"
    path.write_text('{"id": "1", "text": "Kiev one."}\n{"id": "1", "text": "Kiev two."}\n'
                    '{"text": "Kiev three."}\n{"id": 3, "text": "Kiev four."}\n', encoding="utf-8")
    original = path.read_bytes()
    report = tmp_path / "r.json"
    cli("fix", path, "--diff", "--report", report, "--select", "names.variant")
    documents = json.loads(report.read_text(encoding="utf-8"))["documents"]
    assert [(d["path"].rpartition("#")[2], d["line"]) for d in documents] == [("1", 1), ("1", 2), ("3", 3), ("3", 4)]
    result = cli("apply", report)
    assert result.exit_code == 0, result.stderr
    assert path.read_text(encoding="utf-8") == original.decode("utf-8").replace("Kiev", "Kyiv")
