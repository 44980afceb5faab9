"""The command line, in-process (typer's runner) and as a real subprocess."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from .conftest import SEEDS, run_cleanup

TYPO = ("--select", "typography")


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        text = text.encode("utf-8")
    path.write_bytes(text)
    return path


def test_check_seeds_lists_typography_findings_and_exits_1(cli):
    result = cli("check", SEEDS, *TYPO)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert any("002_0f3790107ac6dcad.txt:5:188: warning typography.stray-period" in line for line in lines)
    assert any("typography.multiple-spaces" in line and "000_" in line for line in lines)
    assert any("typography.trailing-whitespace" in line for line in lines)


def test_clean_text_exits_0(cli, tmp_path):
    clean = write(tmp_path / "a.txt", "A clean sentence.\n")
    result = cli("check", clean, *TYPO)
    assert result.exit_code == 0 and result.stdout == ""


def test_json_finding_fields(cli):
    result = cli("check", SEEDS, "--format", "json", "--select", "typography.stray-period")
    findings = json.loads(result.stdout)
    first = findings[0]
    assert set(first) >= {"path", "rule", "category", "severity", "message", "line", "column", "end_line",
                          "end_column", "start", "end", "text", "replacement", "safe"}
    text = (SEEDS / "002_0f3790107ac6dcad.txt").read_text(encoding="utf-8")
    assert text[first["start"] : first["end"]] == first["text"] == " .."
    assert (first["line"], first["column"], first["end_column"]) == (5, 188, 191)
    assert first["replacement"] == "" and first["safe"] is True


def test_jsonl_and_github_formats(cli):
    result = cli("check", SEEDS, "--format", "jsonl", "--select", "typography.stray-period")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 2 and all(r["rule"] == "typography.stray-period" for r in rows)
    result = cli("check", SEEDS, "--format", "github", "--select", "typography.stray-period")
    assert result.stdout.startswith("::warning file=")
    assert "002_0f3790107ac6dcad.txt,line=5,col=188,endLine=5,endColumn=191,title=typography.stray-period::" in result.stdout


def test_sarif_shape(cli):
    result = cli("check", SEEDS, "--format", "sarif", *TYPO)
    log = json.loads(result.stdout)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    assert run["tool"]["driver"]["name"] == "cleanup" and run["results"]
    assert all(r["ruleId"] == run["tool"]["driver"]["rules"][r["ruleIndex"]]["id"] for r in run["results"])


def test_select_ignore_fail_on(cli):
    chosen = "typography.multiple-spaces,typography.trailing-whitespace,typography.stray-period"
    only_info = cli("check", SEEDS, "--select", chosen, "--ignore", "typography.stray-period")
    assert "stray-period" not in only_info.stdout and only_info.exit_code == 1
    relaxed = cli("check", SEEDS, "--select", chosen, "--ignore", "typography.stray-period",
                  "--fail-on", "warning")
    assert relaxed.exit_code == 0 and relaxed.stdout  # findings listed, but none fails the run
    assert cli("check", SEEDS, "--select", "nonsense").exit_code == 2


def test_fix_out_then_diff_is_empty(cli, tmp_path):
    out = tmp_path / "X"
    result = cli("fix", SEEDS, "--out", out)
    assert result.exit_code in (0, 1)
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in SEEDS.iterdir())
    again = cli("fix", out, "--diff")
    assert again.stdout == "" and again.exit_code == 0


def test_fix_in_place_diff_and_report_apply(cli, seeds_copy, tmp_path):
    before = {p.name: p.read_bytes() for p in seeds_copy.iterdir()}
    diff = cli("fix", seeds_copy, "--diff", *TYPO)
    assert diff.exit_code == 1 and "+++ b/" in diff.stdout and "-News" in diff.stdout
    assert {p.name: p.read_bytes() for p in seeds_copy.iterdir()} == before  # --diff writes nothing
    # but the edits file asked for: what a later apply makes of the same documents
    planned = tmp_path / "planned.json"
    cli("fix", seeds_copy, "--diff", *TYPO, "--report", planned)
    assert {p.name: p.read_bytes() for p in seeds_copy.iterdir()} == before
    report = tmp_path / "edits.json"
    cli("fix", seeds_copy, *TYPO, "--report", report)
    after = {p.name: p.read_bytes() for p in seeds_copy.iterdir()}
    assert after != before
    edits = json.loads(report.read_text(encoding="utf-8"))
    assert edits["version"] == 1 and edits["documents"]
    assert json.loads(planned.read_text(encoding="utf-8")) == edits
    # replay the report on the originals elsewhere: same output
    replay_dir = tmp_path / "replay"
    for name, data in before.items():
        write(replay_dir / "seeds" / name, data)
    for document in edits["documents"]:
        document["path"] = str(replay_dir / "seeds" / Path(document["path"]).name)
    report.write_text(json.dumps(edits), encoding="utf-8")
    assert cli("apply", report).exit_code == 0
    assert {p.name: p.read_bytes() for p in (replay_dir / "seeds").iterdir()} == after
    # applying again: the documents changed, so it refuses, naming the file
    refused = cli("apply", report)
    assert refused.exit_code == 2 and "changed since" in refused.stderr


def test_stdin_to_stdout(cli):
    result = cli("fix", "-", *TYPO, input="Hello  world ..\n")
    assert result.stdout == "Hello world\n" or result.stdout == "Hello world.\n" or "Hello world" in result.stdout
    checked = cli("check", "-", *TYPO, "--format", "json", input="Hello  world\n")
    assert json.loads(checked.stdout)[0]["path"] == "<stdin>"


def test_jsonl_in_and_out(cli, tmp_path):
    corpus = write(tmp_path / "in" / "c.jsonl", "\n".join([
        json.dumps({"id": "a", "text": "Too  many spaces", "url": "u1"}),
        json.dumps({"id": "b", "text": "Clean text.", "meta": {"k": 1}}),
        "",
    ]))
    found = json.loads(cli("check", corpus, "--format", "json", *TYPO).stdout)
    assert [f["path"] for f in found] == [f"{corpus.as_posix()}#a"]
    out = tmp_path / "out"
    cli("fix", corpus, "--out", out, *TYPO)
    rows = [json.loads(line) for line in (out / "c.jsonl").read_text(encoding="utf-8").splitlines()]
    assert rows == [{"id": "a", "text": "Too many spaces", "url": "u1"},
                    {"id": "b", "text": "Clean text.", "meta": {"k": 1}}]


def test_out_inside_input_is_refused(cli, seeds_copy):
    result = cli("fix", seeds_copy, "--out", seeds_copy / "cleaned")
    assert result.exit_code == 2 and "inside the input" in result.stderr
    assert cli("fix", seeds_copy, "--out", seeds_copy).exit_code == 2


def test_out_beside_a_named_input_file_is_refused(cli, tmp_path):
    """A file named on its own goes to OUT/its name: with OUT its own folder, that is the
    input itself, which --out must never replace."""
    path = write(tmp_path / "notes" / "a.txt", "Too  many spaces\n")
    result = cli("fix", path, "--out", tmp_path / "notes", *TYPO)
    assert result.exit_code == 2 and "would overwrite the input" in result.stderr
    assert path.read_text(encoding="utf-8") == "Too  many spaces\n"
    # another input's output on it: other/notes/a.txt goes to OUT/notes/a.txt, an input
    write(tmp_path / "other" / "notes" / "a.txt", "Other  text\n")
    result = cli("fix", tmp_path / "notes", tmp_path / "other", "--out", tmp_path, *TYPO)
    assert result.exit_code == 2 and "would overwrite the input" in result.stderr
    assert path.read_text(encoding="utf-8") == "Too  many spaces\n"
    assert not (tmp_path / "a.txt").exists()


def test_out_refuses_two_inputs_written_to_one_file(cli, tmp_path):
    first = write(tmp_path / "col" / "a" / "x.txt", "First  text\n")
    second = write(tmp_path / "col" / "b" / "x.txt", "Second  text\n")
    out = tmp_path / "out"
    for inputs in ((first, second), (first.parent, second.parent)):
        result = cli("fix", *inputs, "--out", out, *TYPO)
        assert result.exit_code == 2 and "would both be written to" in result.stderr
        assert not out.exists()
    # their common folder keeps them apart; one file named twice is written once
    assert cli("fix", tmp_path / "col", "--out", out, *TYPO).exit_code in (0, 1)
    assert (out / "a" / "x.txt").read_text(encoding="utf-8") == "First text\n"
    assert (out / "b" / "x.txt").read_text(encoding="utf-8") == "Second text\n"
    assert cli("fix", first, first, "--out", tmp_path / "once", *TYPO).exit_code in (0, 1)
    assert (tmp_path / "once" / "x.txt").read_text(encoding="utf-8") == "First text\n"


def test_round_trip_keeps_bom_crlf_missing_newline_and_mode(cli, tmp_path):
    path = write(tmp_path / "d" / "w.txt", "\ufeffFirst  line\r\nSecond line. ..\r\nno final newline")
    os.chmod(path, 0o640)
    cli("fix", path, *TYPO)
    assert path.read_bytes() == "\ufeffFirst line\r\nSecond line.\r\nno final newline".encode("utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_not_utf8_is_reported_and_left_untouched(cli, tmp_path):
    data = "Café in Kyiv — naïve résumé, déjà vu. ".encode("cp1252") * 20
    path = write(tmp_path / "d" / "latin.txt", data)
    result = cli("check", path, "--format", "json")
    [finding] = [f for f in json.loads(result.stdout) if f["rule"] == "encoding.not-utf8"]
    assert "looks like cp12" in finding["message"] or "latin" in finding["message"].lower()
    fixed = cli("fix", path)
    assert fixed.exit_code == 2 and path.read_bytes() == data
    converted = cli("fix", path, "--convert-encoding", "cp1252", "--select", "typography")
    assert "converted from" in converted.stderr
    assert path.read_bytes().decode("utf-8").startswith("Café in Kyiv — naïve résumé")


def test_rules_command(cli):
    table = cli("rules")
    assert table.exit_code == 0 and "typography.stray-period" in table.stdout
    rows = json.loads(cli("rules", "--format", "json").stdout)
    row = next(r for r in rows if r["id"] == "typography.stray-period")
    assert row["category"] == "typography" and row["fix"] == "safe" and row["severity"] == "warning"


def test_jobs_output_identical(cli):
    one = cli("check", SEEDS, "--format", "json", "--jobs", "1")
    two = cli("check", SEEDS, "--format", "json", "--jobs", "2")
    assert one.stdout == two.stdout and one.exit_code == two.exit_code


def test_real_subprocess_check_and_version():
    result = run_cleanup("check", "seeds", "--select", "typography", cwd=SEEDS.parent)
    assert result.returncode == 1 and b"typography.stray-period" in result.stdout
    assert run_cleanup("--version").stdout.startswith(b"cleanup ")
    piped = run_cleanup("fix", "-", "--select", "typography", input="One  two\n".encode())
    assert piped.stdout == b"One two\n"


def test_ray_address_nobody_answers_fails_fast(cli):
    pytest.importorskip("ray")
    result = cli("check", SEEDS, "--engine", "ray", "--address", "127.0.0.1:1")
    assert result.exit_code == 2 and "nothing answers" in result.stderr


def test_jsonl_escapes_characters_that_split_lines(cli, tmp_path):
    corpus = write(tmp_path / "in" / "c.jsonl", json.dumps({"id": "a", "text": "One\u2028two  three"}) + "\n")
    out = tmp_path / "out"
    cli("fix", corpus, "--out", out, *TYPO)
    written = (out / "c.jsonl").read_text(encoding="utf-8")
    assert len(written.splitlines()) == 1 and json.loads(written)["text"] == "One\u2028two three"
    found = cli("check", corpus, "--format", "jsonl", *TYPO).stdout
    assert len(found.splitlines()) == 1


def test_new_files_get_ordinary_permissions(cli, tmp_path):
    import os as _os

    umask = _os.umask(0o022)
    try:
        out = tmp_path / "out"
        cli("fix", SEEDS, "--out", out, *TYPO, "--report", tmp_path / "edits.json")
        for written in [*out.iterdir(), tmp_path / "edits.json"]:
            assert stat.S_IMODE(written.stat().st_mode) == 0o644, written
    finally:
        _os.umask(umask)


def test_replacement_is_what_the_findings_own_text_becomes(cli, tmp_path):
    """names.inconsistent fixes every occurrence in a document; the finding is the first
    occurrence, and ``replacement`` its text after the fix (not null: it has a fix)."""
    folder = tmp_path / "c"
    write(folder / "a.txt", "Dmitry Kovalenko spoke.\n")
    write(folder / "b.txt", "Dmitry Kovalenko agreed; then Dmitry Kovalenko left.\n")
    write(folder / "c.txt", "Dmitri Kovalenko left; then Dmitri Kovalenko came back.\n")
    found = json.loads(cli("check", folder, "--format", "json", "--select", "names.inconsistent").stdout)
    [finding] = found
    assert finding["text"] == "Dmitri Kovalenko" and finding["replacement"] == "Dmitry Kovalenko"
    assert [e["replacement"] for e in finding["fix"]["edits"]] == ["Dmitry Kovalenko"] * 2


def test_report_command_over_a_glob_with_an_empty_file(cli, tmp_path):
    folder = tmp_path / "docs"
    write(folder / "a.md", "The minister met his counterpart on Tuesday. Stated.\n" * 5)
    write(folder / "empty.md", "")
    write(folder / "skipped.txt", "Not read: the glob is *.md.\n")
    result = cli("report", folder, "--glob", "*.md")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split()[0] == "score" and "2 documents" in lines[-1] and "skipped.txt" not in result.stdout
    data = json.loads(cli("report", folder, "--glob", "*.md", "--format", "json").stdout)
    assert sorted(Path(d["path"]).name for d in data["documents"]) == ["a.md", "empty.md"]
    assert cli("report", folder / "empty.md").exit_code == 0
