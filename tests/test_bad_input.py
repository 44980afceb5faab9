"""The bad-input matrix: each bad input gets one clear line on standard error naming the
path and the reason, the rest of the run carries on, and the exit code tells the truth
(2 when something could not be read or was malformed)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from cleanup import corpus as corpus_module
from cleanup.corpus import InputProblem, expand_inputs
from cleanup.runner import Runner, Task

GOOD = "A sentence with  two spaces.\n"
GOOD_FIXED = "A sentence with two spaces.\n"
TYPO = ("--select", "typography", "--jobs", "1")


def problem_lines(stderr: str, path: Path | str) -> list[str]:
    return [line for line in stderr.splitlines() if str(path) in line and line.startswith("cleanup: ")]


def assert_one_clear_line(stderr: str, path: Path | str, *reason: str) -> None:
    lines = problem_lines(stderr, path)
    assert len(lines) == 1, f"expected one line about {path}:\n{stderr}"
    for word in reason:
        assert word.lower() in lines[0].lower(), f"{lines[0]!r} does not say {word!r}"


@pytest.fixture
def corpus(tmp_path):
    """A folder with one good file (with a safe fix) beside whatever a test adds."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    return folder


def assert_good_file_processed(result, out: Path | None = None) -> None:
    if out is None:
        assert "good.txt:1:" in result.stdout, "the rest of the run did not go on"
    else:
        assert (out / "good.txt").read_text(encoding="utf-8") == GOOD_FIXED


def test_binary_file_is_skipped_with_a_message(cli, corpus, tmp_path):
    binary = corpus / "image.txt"
    binary.write_bytes(bytes(range(256)) * 20)
    result = cli("check", corpus, *TYPO)
    assert result.exit_code == 2
    assert_one_clear_line(result.stderr, binary, "binary")
    assert_good_file_processed(result)
    result = cli("fix", corpus, "--out", tmp_path / "out", *TYPO)
    assert result.exit_code == 2
    assert_good_file_processed(result, tmp_path / "out")
    assert binary.read_bytes() == bytes(range(256)) * 20


def test_invalid_utf8_is_a_finding_with_a_guess_and_left_untouched(cli, corpus, tmp_path):
    latin = corpus / "latin1.txt"
    data = "Le café  était fermé à Genève; naïve résumé, déjà vu, très bien.\n".encode("latin-1") * 5
    latin.write_bytes(data)
    result = cli("check", corpus, "--format", "json", "--jobs", "1")
    findings = json.loads(result.stdout)
    not_utf8 = [f for f in findings if f["rule"] == "encoding.not-utf8"]
    assert len(not_utf8) == 1 and not_utf8[0]["path"].endswith("latin1.txt")
    assert "looks like" in not_utf8[0]["message"]  # charset-normalizer's guess
    assert result.exit_code != 0
    result = cli("fix", corpus, *TYPO)  # in place
    assert latin.read_bytes() == data
    assert_one_clear_line(result.stderr, latin, "not valid UTF-8", "untouched")
    assert (corpus / "good.txt").read_text(encoding="utf-8") == GOOD_FIXED
    assert result.exit_code == 2
    result = cli("fix", corpus, "--out", tmp_path / "out", *TYPO)
    assert (tmp_path / "out" / "latin1.txt").read_bytes() == data  # carried over unchanged


def test_utf16_with_bom_is_reported_and_untouched(cli, corpus):
    wide = corpus / "wide.txt"
    data = "\ufeffSergei  Lavrov said.\r\n".encode("utf-16-le")
    wide.write_bytes(data)
    result = cli("check", corpus, "--format", "json", "--jobs", "1")
    findings = [f for f in json.loads(result.stdout) if f["path"].endswith("wide.txt")]
    assert [f["rule"] for f in findings] == ["encoding.not-utf8"]
    assert "utf_16" in findings[0]["message"] or "UTF-16" in findings[0]["message"]
    result = cli("fix", corpus, *TYPO)
    assert wide.read_bytes() == data
    assert_one_clear_line(result.stderr, wide, "UTF-16")


def test_empty_file_is_a_clean_document(cli, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = cli("check", empty, "--jobs", "1")
    assert (result.exit_code, result.stdout) == (0, "")
    result = cli("fix", empty, "--out", tmp_path / "out", "--jobs", "1")
    assert result.exit_code == 0
    assert (tmp_path / "out" / "empty.txt").read_bytes() == b""
    assert empty.read_bytes() == b""


def test_unreadable_file_is_reported_and_the_run_goes_on(cli, corpus, tmp_path, monkeypatch):
    # Tests run as root, which reads through chmod 000: make reading fail as it would.
    locked = corpus / "locked.txt"
    locked.write_text(GOOD, encoding="utf-8")
    real_read = corpus_module.read_file

    def read_file(path):
        if path.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real_read(path)

    monkeypatch.setattr(corpus_module, "read_file", read_file)
    result = cli("check", corpus, *TYPO)
    assert result.exit_code == 2
    assert_one_clear_line(result.stderr, locked, "cannot read", "permission denied")
    assert_good_file_processed(result)
    out = tmp_path / "out"
    result = cli("fix", corpus, "--out", out, *TYPO)
    assert result.exit_code == 2
    assert_good_file_processed(result, out)
    assert not (out / "locked.txt").exists()


def test_fifo_in_a_folder_does_not_hang_the_run(corpus):
    # A FIFO has no end until a writer comes: reading it would block forever.
    fifo = corpus / "pipe.txt"
    os.mkfifo(fifo)
    sources, problems = expand_inputs([str(corpus)])
    assert [s.path.name for s in sources] == ["good.txt"]
    assert [(p.path, "not a regular file" in p.reason) for p in problems] == [(str(fifo), True)]


def test_directory_named_like_a_text_file_is_walked_not_read(cli, corpus):
    inner = corpus / "folder.txt"
    inner.mkdir()
    (inner / "nested.txt").write_text(GOOD, encoding="utf-8")
    result = cli("check", corpus, *TYPO)
    assert result.exit_code == 1
    assert "nested.txt:1:" in result.stdout


@pytest.mark.parametrize("where", ["argument", "folder"])
def test_symlink_loop_is_named_as_such(cli, corpus, where):
    (corpus / "loop1.txt").symlink_to("loop2.txt")
    (corpus / "loop2.txt").symlink_to("loop1.txt")
    args = [corpus / "loop1.txt", corpus / "good.txt"] if where == "argument" else [corpus]
    result = cli("check", *args, *TYPO)
    assert result.exit_code == 2
    assert_one_clear_line(result.stderr, corpus / "loop1.txt", "symbolic link loop")
    assert_good_file_processed(result)


def test_broken_symlink_is_reported(cli, corpus):
    (corpus / "dangling.txt").symlink_to("nowhere.txt")
    result = cli("check", corpus, *TYPO)
    assert result.exit_code == 2
    assert_one_clear_line(result.stderr, corpus / "dangling.txt", "broken symbolic link")


def test_missing_path_argument(cli, corpus):
    result = cli("check", corpus / "absent.txt", corpus / "good.txt", *TYPO)
    assert result.exit_code == 2
    assert_one_clear_line(result.stderr, corpus / "absent.txt", "no such file")
    assert_good_file_processed(result)


def test_path_vanishing_mid_run_in_the_runner(corpus):
    (corpus / "gone.txt").write_text(GOOD, encoding="utf-8")
    sources, _ = expand_inputs([str(corpus)])
    (corpus / "gone.txt").unlink()
    outcomes = list(Runner(Task("check", select=("typography",))).run(sources))
    problems = [o.item for o in outcomes if isinstance(o.item, InputProblem)]
    assert [p.path for p in problems] == [(corpus / "gone.txt").as_posix()]
    assert "no such file" in problems[0].reason.lower()
    assert sum(o.result is not None for o in outcomes) == 1


def test_path_vanishing_mid_run_in_the_command(cli, corpus, tmp_path, monkeypatch):
    import cleanup.cli

    gone = corpus / "gone.txt"
    gone.write_text(GOOD, encoding="utf-8")
    real_expand = cleanup.cli.expand_inputs

    def expand_then_delete(*args, **kwargs):
        found = real_expand(*args, **kwargs)
        if gone.exists():
            gone.unlink()
        return found

    monkeypatch.setattr(cleanup.cli, "expand_inputs", expand_then_delete)
    result = cli("fix", corpus, "--out", tmp_path / "out", *TYPO)
    assert result.exit_code == 2
    assert_one_clear_line(result.stderr, gone, "no such file")
    assert_good_file_processed(result, tmp_path / "out")
    assert not (tmp_path / "out" / "gone.txt").exists()


JSONL_LINES = [
    b'{"id": "a", "text": "Hello  world.", "meta": {"k": [1, 2]}}\n',
    b'{"id": "broken", "text": \n',
    b"\n",
    b"[1, 2, 3]\n",
    b'{"id": "no-text", "body": "x  y"}\n',
    b'{"id": "latin", "text": "caf\xe9  au lait"}\n',
    b'{"id": "../../escape", "text": "Up  and out."}\n',
    b'{"id": "/etc/passwd", "text": "Root  path."}\n',
    b'{"id": "last", "text": "No final  newline."}',
]
BAD_LINES = {2: "malformed JSON", 3: "empty line", 4: "not a JSON object", 5: "no string field",
             6: "not valid UTF-8"}


def tree(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*")}


@pytest.fixture
def jsonl(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "corpus.jsonl"
    path.write_bytes(b"".join(JSONL_LINES))
    return path


def test_malformed_jsonl_lines_are_reported_by_line_and_passed_through(cli, jsonl, tmp_path):
    result = cli("check", jsonl, *TYPO)
    assert result.exit_code == 2
    for number, reason in BAD_LINES.items():
        assert_one_clear_line(result.stderr, f"{jsonl}:{number}:", reason)
    assert f"{jsonl}#a:1:" in result.stdout and f"{jsonl}#last:1:" in result.stdout

    before = tree(tmp_path)
    out = tmp_path / "out"
    result = cli("fix", jsonl, "--out", out, "--report", tmp_path / "edits.json", *TYPO)
    assert result.exit_code == 2
    written = (out / "corpus.jsonl").read_bytes().splitlines(keepends=True)
    assert len(written) == len(JSONL_LINES), "a line was dropped or added"
    for number in BAD_LINES:
        assert written[number - 1] == JSONL_LINES[number - 1], f"line {number} was not passed through"
    parsed = [json.loads(line) for number, line in enumerate(written, 1) if number not in BAD_LINES]
    records = {record["id"]: record for record in parsed}
    assert records["a"] == {"id": "a", "text": "Hello world.", "meta": {"k": [1, 2]}}
    assert records["../../escape"]["text"] == "Up and out."
    assert records["/etc/passwd"]["text"] == "Root path."
    # nothing was written anywhere but the output file and the report
    assert tree(tmp_path) - before == {"out", "out/corpus.jsonl", "edits.json"}
    assert jsonl.read_bytes() == b"".join(JSONL_LINES)


def test_apply_never_writes_outside_out(cli, jsonl, tmp_path, monkeypatch):
    report = tmp_path / "edits.json"
    assert cli("fix", jsonl, "--out", tmp_path / "fixed", "--report", report, *TYPO).exit_code == 2
    # an edits file naming documents by paths that climb out of any folder
    victim = tmp_path / "victim.txt"
    victim.write_text(GOOD, encoding="utf-8")
    work = tmp_path / "work" / "deep"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    import hashlib

    data = json.loads(report.read_text(encoding="utf-8"))
    data["documents"].append({
        "path": "../../victim.txt",
        "sha256": hashlib.sha256(victim.read_bytes()).hexdigest(),
        "edits": [{"rule": "typography.multiple-spaces", "start": 15, "end": 17, "before": "  ", "after": " ",
                   "safe": True}],
    })
    report.write_text(json.dumps(data), encoding="utf-8")
    before = tree(tmp_path)
    out = tmp_path / "applied"
    result = cli("apply", report, "--out", out)
    assert result.exit_code == 0, result.stderr
    assert tree(tmp_path) - before == {"applied", "applied/corpus.jsonl", "applied/victim.txt"}
    assert (out / "victim.txt").read_text(encoding="utf-8") == GOOD_FIXED
    assert victim.read_text(encoding="utf-8") == GOOD
    assert (out / "corpus.jsonl").read_bytes() == (tmp_path / "fixed" / "corpus.jsonl").read_bytes()


RULE_FILE_CASES = {
    "bad-toml": ('[[rule]]\nid = "typography.x"\nkind = "pattern\n', 3, "invalid TOML"),
    "unknown-key": ('[[rule]]\nid = "typography.x"\nkind = "pattern"\nseverity = "info"\nmessage = "m"\n'
                    'pattern = "a"\ncolour = "red"\n', 7, "unknown key"),
    "bad-regex": ('[[rule]]\nid = "typography.x"\nkind = "pattern"\nseverity = "info"\nmessage = "m"\n'
                  'pattern = "(unclosed"\n', 6, "regular expression"),
    "wrong-type": ('[[rule]]\nid = "typography.x"\nkind = "pattern"\nseverity = 3\nmessage = "m"\n'
                   'pattern = "a"\n', 4, "severity"),
    "unknown-kind": ('# a comment\n[[rule]]\nid = "typography.x"\nkind = "telepathy"\nseverity = "info"\n'
                     'message = "m"\n', 4, "unknown kind"),
}


@pytest.mark.parametrize("case", sorted(RULE_FILE_CASES))
def test_malformed_rule_file_names_file_and_line_and_exits_2(cli, tmp_path, case):
    text, line, words = RULE_FILE_CASES[case]
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "mine.toml").write_text(text, encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    result = cli("check", good, "--rules", folder, "--jobs", "1")
    assert result.exit_code == 2
    assert_one_clear_line(result.stderr, f"mine.toml:{line}:", words)


CONFIG_CASES = {
    "unknown-key": ('select = ["typography"]\n\nfrobnicate = true\n', 3, "unknown key"),
    "wrong-type": ('select = ["typography"]\njobs = "many"\n', 2, "jobs"),
    "bad-toml": ('select = ["typography"\n', 1, "invalid TOML"),
    "bad-value": ('fail-on = "sometimes"\n', 1, "fail-on"),
}


@pytest.mark.parametrize("case", sorted(CONFIG_CASES))
def test_malformed_config_names_file_and_line_and_exits_2(cli, tmp_path, case):
    text, line, words = CONFIG_CASES[case]
    config = tmp_path / "cleanup.toml"
    config.write_text(text, encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    for args in (("--config", config), ()):  # given, and discovered beside the input
        result = cli("check", good, "--jobs", "1", *args)
        assert result.exit_code == 2, (case, args, result.stdout)
        assert_one_clear_line(result.stderr, f"cleanup.toml:{line}:", words)


NAMES_CASES = {
    "unknown-key": ('[[name]]\ncanonical = "Sergey Lavrov"\nkind = "person"\nnickname = "S"\n', 4, "nickname"),
    "wrong-type": ('[[name]]\ncanonical = "Sergey Lavrov"\nkind = "person"\nvariants = "Sergei Lavrov"\n', 4,
                   "variants"),
    "bad-toml": ('[[name]]\ncanonical = "Sergey Lavrov\n', 2, "invalid TOML"),
}


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("case", sorted(NAMES_CASES))
def test_malformed_names_table_names_file_and_line_and_exits_2(cli, tmp_path, case, jobs):
    text, line, words = NAMES_CASES[case]
    names = tmp_path / "names.toml"
    names.write_text(text, encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text("Sergei Lavrov met Antony Blinken.\n", encoding="utf-8")
    result = cli("check", good, "--names", names, "--jobs", jobs)
    assert result.exit_code == 2
    assert_one_clear_line(result.stderr, f"names.toml:{line}:", words)
