"""What fix writes beside the documents must lose nothing: an edits file never takes an
input's place, a truncated archive is never replaced by what could be read of it, a
JSONL line keeps every byte but its text's value, a diff is one that `patch` applies,
and a link is fixed where it points."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .test_cli import TYPO, write

NAMES = ("--select", "names.variant")


def test_report_never_replaces_an_input_or_an_output(cli, tmp_path):
    folder = tmp_path / "rp"
    write(folder / "a.txt", "Kiev a.\n")
    write(folder / "b.txt", "Kiev b.\n")
    result = cli("fix", folder, "--out", tmp_path / "o", "--report", folder / "b.txt", *NAMES)
    assert result.exit_code == 2 and "is the input" in result.stderr
    assert (folder / "b.txt").read_text(encoding="utf-8") == "Kiev b.\n"
    result = cli("fix", folder, "--out", tmp_path / "o2", "--report", tmp_path / "o2" / "a.txt", *NAMES)
    assert result.exit_code == 2 and "is the output of" in result.stderr
    assert not (tmp_path / "o2").exists()
    result = cli("fix", folder / "a.txt", "--report", folder / "a.txt", *NAMES)  # in place
    assert result.exit_code == 2 and (folder / "a.txt").read_text(encoding="utf-8") == "Kiev a.\n"


def test_a_truncated_archive_is_left_as_it_was(cli, tmp_path):
    lines = "".join(json.dumps({"id": str(n), "text": f"Kiev  record {n}."}) + "\n" for n in range(2000))
    whole = gzip.compress(lines.encode("utf-8"))
    path = tmp_path / "tr.jsonl.gz"
    path.write_bytes(whole[: len(whole) // 2])
    before = path.read_bytes()
    result = cli("fix", path, *NAMES)
    assert result.exit_code == 2 and "read failed" in result.stderr
    assert path.read_bytes() == before  # in place: not replaced by the records read
    result = cli("fix", path, "--out", tmp_path / "out", *NAMES)
    assert result.exit_code == 2 and not (tmp_path / "out" / "tr.jsonl.gz").exists()


def test_jsonl_line_keeps_every_byte_but_the_text_value(cli, tmp_path):
    rows = [
        '{"id": 1, "text": "He went to Kiev  today.", "score": 1.0, "big": 1e5, "u": "caf\\u00e9"}\r\n',
        '{"text": "Kiev again", "id": "3", "text": "Kiev dup"}\r\n',
        '{"id":"5","text":"Kiev x","f":1.10,"h":1E400,"s":"\\ud800"}',  # no final newline
    ]
    path = write(tmp_path / "j.jsonl", "\ufeff" + "".join(rows))
    result = cli("fix", path, "--out", tmp_path / "o", *NAMES, "--select", "names.variant,typography.multiple-spaces")
    assert result.exit_code in (0, 1), result.stderr
    assert (tmp_path / "o" / "j.jsonl").read_bytes().decode("utf-8") == "\ufeff" + "".join(
        row.replace("Kiev  today", "Kyiv today").replace("Kiev dup", "Kyiv dup").replace("Kiev x", "Kyiv x")
        for row in rows
    )
    # a lone surrogate in a text is read, checked and written back as its escape
    lone = write(tmp_path / "s.jsonl", '{"id":"1","text":"Kiev \\ud800 x. Share this article"}\n')
    assert cli("check", lone).exit_code == 1
    assert cli("fix", lone, *NAMES).exit_code in (0, 1)
    assert lone.read_text(encoding="utf-8") == '{"id":"1","text":"Kyiv \\ud800 x. Share this article"}\n'


@pytest.mark.skipif(os.name != "posix" or shutil.which("patch") is None, reason="needs POSIX file names and patch")
def test_diff_applies_with_patch_whatever_the_line_breaks(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = Path("d")
    texts = {
        "crlf.txt": "Too  many\r\nspaces here\r\n",
        "u2028.txt": "One\u2028two  spaces\nnext line\n",
        "feed.txt": "Page\x0cbreak  here\nend",
    }
    for name, text in texts.items():
        write(folder / name, text.encode("utf-8"))
    diff = cli("fix", folder, "--diff", *TYPO).stdout_bytes  # .stdout has "\r\n" made "\n"
    copy = tmp_path / "copy"
    shutil.copytree(folder, copy / "d")
    done = subprocess.run(["patch", "-p1", "-d", str(copy), "--binary"], input=diff,
                          capture_output=True)
    assert done.returncode == 0, done.stdout + done.stderr
    cli("fix", folder, *TYPO)
    for name in texts:
        assert (copy / "d" / name).read_bytes() == (folder / name).read_bytes(), name


def test_a_report_names_a_file_whose_name_is_not_utf8(cli, tmp_path):
    folder = tmp_path / "bn"
    folder.mkdir()
    odd = Path(os.fsdecode(bytes(folder) + b"/\xffname.txt"))
    odd.write_text("Kiev here.\n", encoding="utf-8")
    report = tmp_path / "r.json"
    assert cli("fix", folder, "--diff", "--report", report, *NAMES).exit_code == 1
    [document] = json.loads(report.read_text(encoding="utf-8"))["documents"]
    assert Path(document["path"]) == odd
    assert cli("apply", report).exit_code == 0 and odd.read_text(encoding="utf-8") == "Kyiv here.\n"


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_a_link_is_fixed_where_it_points(cli, tmp_path):
    target = write(tmp_path / "real" / "target.txt", "Kiev here.\n")
    link = tmp_path / "corp" / "link.txt"
    link.parent.mkdir()
    link.symlink_to(target)
    cli("fix", tmp_path / "corp", *NAMES)
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "Kyiv here.\n"


def test_out_mirrors_jsonl_files_without_records(cli, tmp_path):
    folder = tmp_path / "in"
    write(folder / "empty.jsonl", b"")
    nothing = gzip.compress(b"", mtime=0)
    write(folder / "sub" / "empty.jsonl.gz", nothing)
    write(folder / "a.txt", "Kiev here.\n")
    assert cli("fix", folder, "--out", tmp_path / "out", *NAMES).exit_code == 0
    assert (tmp_path / "out" / "empty.jsonl").read_bytes() == b""
    assert (tmp_path / "out" / "sub" / "empty.jsonl.gz").read_bytes() == nothing
    assert (tmp_path / "out" / "a.txt").read_text(encoding="utf-8") == "Kyiv here.\n"


def _json_lines():
    from hypothesis import strategies as st

    scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False),
                        st.text(max_size=8))
    values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                           st.dictionaries(st.text(max_size=4), inner, max_size=3)),
                          max_leaves=6)
    space = st.sampled_from(["", " ", "  ", "\t"])
    return st.tuples(st.dictionaries(st.text(max_size=6).filter(lambda k: k != "text"), values, max_size=4),
                     st.text(max_size=20), st.integers(0, 4), space, space, st.booleans(), st.booleans())


def test_a_changed_line_differs_from_the_read_one_only_in_the_texts_value():
    """Any JSON object line, however written: with its text changed, it parses as the
    object with the new text, and the bytes before and after the value are the line's."""
    from hypothesis import given, settings

    from cleanup.corpus import Document, Record, record_line

    @settings(max_examples=300, deadline=None)
    @given(_json_lines())
    def check(case):
        data, text, position, before, after, ascii_only, crlf = case
        items = list(data.items())
        at = min(position, len(items))
        items.insert(at, ("text", text))
        members = [f"{before}{json.dumps(k, ensure_ascii=ascii_only)}{after}:{before}" for k, _ in items]
        values = [json.dumps(v, ensure_ascii=ascii_only) for _, v in items]
        body = "{" + ",".join(m + v + after for m, v in zip(members, values)) + "}"
        # where the text's value is written: after the members before it and its own key
        start = 1 + sum(len(m) + len(v) + len(after) + 1 for m, v in zip(members[:at], values[:at])) + len(members[at])
        end = start + len(values[at])
        raw = (body + ("\r\n" if crlf else "\n")).encode("utf-8", "surrogatepass")
        if b"\xed" in raw:  # a lone surrogate written raw: no UTF-8 line holds one
            return
        parsed = json.loads(body)
        record = Record(parsed, Document("f#1", parsed["text"], doc_id="1"), 1, "text", raw)
        assert record_line(record, parsed["text"]) == raw
        new = record_line(record, parsed["text"] + " changed\u2028")
        assert json.loads(new) == {**parsed, "text": parsed["text"] + " changed\u2028"}
        written = new.decode("utf-8")
        assert written.startswith(body[:start]) and written.endswith(body[end:] + raw.decode()[len(body):])

    check()
