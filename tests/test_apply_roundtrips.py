"""`fix --report` then `cleanup apply` of the same originals writes what the fix wrote,
byte for byte: for a Parquet file (rows found by their index, else their id, every other
column and the schema carried through) and for a text file that `--convert-encoding`
decoded from a legacy encoding (the edits file names it; apply writes the UTF-8 that fix
wrote), and for records whose id and text are in other fields (--id-field, --text-field or
the configuration, given to apply as to fix). A document changed since the report is
refused, and nothing is written; so are records read with fields other than fix's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .test_cli import TYPO, write

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

SCHEMA = pa.schema([("id", pa.string()), ("text", pa.string()), ("position", pa.int64()),
                    ("tags", pa.list_(pa.string()))], metadata={b"origin": b"scraped"})
ROWS = [
    {"id": "a", "text": "Too  many spaces.", "position": 0, "tags": ["x"]},
    {"id": "a", "text": "Same  id, another row.", "position": 1, "tags": []},  # ids repeat: found by row
    {"id": None, "text": "No  id here.", "position": 2, "tags": None},
    {"id": "b", "text": "Nothing to fix.", "position": 3, "tags": ["y", "z"]},
    {"id": "c", "text": None, "position": 4, "tags": ["no text"]},  # passed through
    {"id": "d", "text": "Two  spaces  twice.", "position": 5, "tags": ["w"]},
    {"id": "e", "text": "Last  one.", "position": 6, "tags": []},
]


@pytest.fixture
def small_batches(monkeypatch):
    """Several read batches and row groups, so that apply must group rows as fix does."""
    from cleanup import parquet_io

    monkeypatch.setattr(parquet_io, "READ_BATCH_ROWS", 2)
    monkeypatch.setattr(parquet_io, "WRITE_GROUP_ROWS", 3)


def write_parquet(path: Path, rows=ROWS) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(rows, schema=SCHEMA), path, row_group_size=4)
    return path


def fix_with_report(cli, report: Path, *args):
    result = cli("fix", *args, "--report", report, "--jobs", "1")
    assert result.exit_code in (0, 2) and report.exists(), result.stderr
    return json.loads(report.read_text(encoding="utf-8"))


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def replayed_under_out(cli, tmp_path, name: str, *fix_options) -> tuple[dict, dict]:
    """The files `fix --out A` wrote and those `apply --out B` wrote from its report."""
    report = tmp_path / "r.json"
    fix_with_report(cli, report, name, "--out", "A", *fix_options)
    result = cli("apply", report, "--out", "B")
    assert result.exit_code == 0, result.stderr
    return tree(tmp_path / "A"), tree(tmp_path / "B")


def replayed_in_place(cli, tmp_path, name: str, *fix_options) -> tuple[bytes, bytes]:
    """What `fix` wrote in place, and what `apply` writes in place on the restored original."""
    path = tmp_path / name
    original = path.read_bytes()
    report = tmp_path / "r.json"
    fix_with_report(cli, report, name, *fix_options)
    fixed = path.read_bytes()
    assert fixed != original
    path.write_bytes(original)
    result = cli("apply", report)
    assert result.exit_code == 0, result.stderr
    return fixed, path.read_bytes()


# Parquet


def test_parquet_replayed_under_out_is_what_fix_wrote(cli, tmp_path, monkeypatch, small_batches):
    monkeypatch.chdir(tmp_path)
    write_parquet(tmp_path / "corpus.parquet")
    fixed, applied = replayed_under_out(cli, tmp_path, "corpus.parquet", *TYPO)
    assert list(applied) == ["corpus.parquet"] and applied == fixed
    table = pq.read_table(tmp_path / "B" / "corpus.parquet")
    assert table.schema == SCHEMA and table.schema.metadata == SCHEMA.metadata
    rows = table.to_pylist()
    assert [r["text"] for r in rows] == [None if r["text"] is None else " ".join(r["text"].split())
                                        for r in ROWS]
    assert [{k: v for k, v in r.items() if k != "text"} for r in rows] == [
        {k: v for k, v in r.items() if k != "text"} for r in ROWS]
    assert pq.ParquetFile(tmp_path / "B" / "corpus.parquet").metadata.num_row_groups > 1


def test_parquet_replayed_in_place_is_what_fix_wrote(cli, tmp_path, monkeypatch, small_batches):
    monkeypatch.chdir(tmp_path)
    write_parquet(tmp_path / "corpus.parquet")
    fixed, applied = replayed_in_place(cli, tmp_path, "corpus.parquet", *TYPO)
    assert applied == fixed
    assert not list(tmp_path.glob(".*.tmp"))


def test_parquet_rows_are_found_by_id_without_their_row_numbers(cli, tmp_path, monkeypatch):
    """A review page's export names a record by its id only."""
    monkeypatch.chdir(tmp_path)
    rows = [{**row, "id": f"doc-{i}"} for i, row in enumerate(ROWS)]
    write_parquet(tmp_path / "corpus.parquet", rows)
    report = tmp_path / "r.json"
    data = fix_with_report(cli, report, "corpus.parquet", "--out", "A", *TYPO)
    for document in data["documents"]:
        del document["line"]
    report.write_text(json.dumps(data), encoding="utf-8")
    result = cli("apply", report, "--out", "B")
    assert result.exit_code == 0, result.stderr
    assert tree(tmp_path / "B") == tree(tmp_path / "A")


def test_parquet_changed_since_the_report_is_refused_and_nothing_written(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write_parquet(tmp_path / "corpus.parquet")
    original = path.read_bytes()
    report = tmp_path / "r.json"
    fix_with_report(cli, report, "corpus.parquet", "--out", "A", *TYPO)
    changed = [dict(row) for row in ROWS]
    changed[-1]["text"] = "Last  one, edited."  # a later row: every row is checked before any is written
    write_parquet(path, changed)
    refused_untouched(cli, report, path, "corpus.parquet#e")
    path.write_bytes(original)  # the original back: the same edits file is replayed
    assert cli("apply", report, "--out", "B").exit_code == 0 and tree(tmp_path / "B") == tree(tmp_path / "A")


def refused_untouched(cli, report: Path, path: Path, name: str) -> None:
    """apply, in place and under --out B, refuses ``path`` naming ``name``; writes nothing."""
    before = path.read_bytes()
    for out in (("--out", "B"), ()):
        result = cli("apply", report, *out)
        assert result.exit_code == 2, result.stderr
        assert f"{name}: changed since the edits were made (sha256 differs); not applied" in result.stderr
        assert path.read_bytes() == before and not Path("B").exists()
        assert not list(path.parent.glob(".*.tmp"))


# text files converted from a legacy encoding

TEXT = "Café  “quoted”  naïve résumé.\nSecond  line — déjà vu.\n"
ENCODED = {
    "cp1252": ("cp1252", TEXT.encode("cp1252")),
    "utf-16-auto": ("auto", TEXT.replace("\n", "\r\n").encode("utf-16")),  # a BOM, CRLF
    "cp1252-auto": ("auto", (TEXT * 20).encode("cp1252")),  # whatever is detected is what apply uses
}


@pytest.mark.parametrize("case", sorted(ENCODED))
def test_converted_file_replayed_under_out_is_what_fix_wrote(cli, tmp_path, monkeypatch, case):
    monkeypatch.chdir(tmp_path)
    encoding, data = ENCODED[case]
    write(tmp_path / "legacy.txt", data)
    fixed, applied = replayed_under_out(cli, tmp_path, "legacy.txt", "--convert-encoding", encoding, *TYPO)
    assert list(applied) == ["legacy.txt"] and applied == fixed
    assert "Café" in applied["legacy.txt"].decode("utf-8")
    assert (tmp_path / "legacy.txt").read_bytes() == data


@pytest.mark.parametrize("case", sorted(ENCODED))
def test_converted_file_replayed_in_place_is_what_fix_wrote(cli, tmp_path, monkeypatch, case):
    monkeypatch.chdir(tmp_path)
    encoding, data = ENCODED[case]
    write(tmp_path / "legacy.txt", data)
    fixed, applied = replayed_in_place(cli, tmp_path, "legacy.txt", "--convert-encoding", encoding, *TYPO)
    assert applied == fixed


def test_the_report_names_the_encoding_and_without_it_apply_reads_utf8_as_before(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path / "legacy.txt", TEXT.encode("cp1252"))
    report = tmp_path / "r.json"
    data = fix_with_report(cli, report, "legacy.txt", "--out", "A", "--convert-encoding", "cp1252", *TYPO)
    [document] = data["documents"]
    assert document["encoding"] == "cp1252"
    assert set(document) == {"path", "sha256", "edits", "encoding", "out_path"}
    del document["encoding"]  # an edits file from before: the file is read as UTF-8, which it is not
    report.write_text(json.dumps(data), encoding="utf-8")
    result = cli("apply", report, "--out", "B")
    assert result.exit_code == 2 and "legacy.txt: not valid UTF-8" in result.stderr
    assert not (tmp_path / "B").exists() and path.read_bytes() == TEXT.encode("cp1252")


def test_converted_file_changed_since_the_report_is_refused_and_nothing_written(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    original = TEXT.encode("cp1252")
    path = write(tmp_path / "legacy.txt", original)
    report = tmp_path / "r.json"
    fix_with_report(cli, report, "legacy.txt", "--out", "A", "--convert-encoding", "cp1252", *TYPO)
    path.write_bytes((TEXT + "More.\n").encode("cp1252"))
    refused_untouched(cli, report, path, "legacy.txt")
    path.write_bytes(original)  # the original back: the same edits file is replayed
    assert cli("apply", report, "--out", "B").exit_code == 0 and tree(tmp_path / "B") == tree(tmp_path / "A")


# records whose id and text are in fields of other names (--id-field, --text-field)

FIELDS = ("--id-field", "doc", "--text-field", "content")
CUSTOM_LINES = [  # spacing, number spelling and key order that only a splice of the text keeps
    b'{"doc": "a",  "content": "Too  many spaces.", "n": 1e5, "id": "not-the-id"}\n',
    b'{"content":"Nothing to fix.","doc":"b"}\n',
    b'{"doc": "c", "body": "No content field: passed through.  "}\n',
    b'{"doc": "d", "content": "Two  spaces  twice, caf\\u00e9."}\r\n',
    b'{"doc": "e", "content": "Last  one, no final newline."}',
]
CUSTOM_SCHEMA = pa.schema([("doc", pa.string()), ("content", pa.string()), ("position", pa.int64())])
CUSTOM_ROWS = [
    {"doc": "a", "content": "Too  many spaces.", "position": 0},
    {"doc": "b", "content": None, "position": 1},  # passed through
    {"doc": "c", "content": "Two  spaces  twice.", "position": 2},
]


def write_custom(folder: Path, kind: str) -> Path:
    if kind == "parquet":
        path = folder / "corpus.parquet"
        path.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.Table.from_pylist(CUSTOM_ROWS, schema=CUSTOM_SCHEMA), path)
        return path
    return write(folder / "corpus.jsonl", b"".join(CUSTOM_LINES))


def fixed_and_applied(cli, tmp_path, path: Path, fix_options=(), apply_options=()) -> tuple[bytes, bytes]:
    """What `fix PATH --out A` wrote, and what `apply --out B` wrote from its report."""
    report = tmp_path / "r.json"
    data = fix_with_report(cli, report, path.relative_to(tmp_path), "--out", "A", *TYPO, *fix_options)
    assert data["documents"], "fix found nothing to replay"
    result = cli("apply", report, "--out", "B", *apply_options)
    assert result.exit_code == 0, result.stderr
    return (tmp_path / "A" / path.name).read_bytes(), (tmp_path / "B" / path.name).read_bytes()


@pytest.mark.parametrize("kind", ["jsonl", "parquet"])
@pytest.mark.parametrize("found_by", ["line", "id"])
def test_custom_fields_replayed_with_the_same_options_are_what_fix_wrote(cli, tmp_path, monkeypatch, kind, found_by):
    monkeypatch.chdir(tmp_path)
    path = write_custom(tmp_path, kind)
    report = tmp_path / "r.json"
    data = fix_with_report(cli, report, path.name, "--out", "A", *TYPO, *FIELDS)
    assert {d["path"] for d in data["documents"]} >= {f"{path.name}#a"}
    if found_by == "id":  # as a review page exports it: the record is found by its --id-field
        for document in data["documents"]:
            del document["line"]
        report.write_text(json.dumps(data), encoding="utf-8")
    result = cli("apply", report, "--out", "B", *FIELDS)
    assert result.exit_code == 0, result.stderr
    assert tree(tmp_path / "B") == tree(tmp_path / "A") != {path.name: path.read_bytes()}
    if kind == "jsonl":  # only the text field's value changed
        applied = (tmp_path / "B" / path.name).read_bytes().splitlines(keepends=True)
        assert applied[0] == b'{"doc": "a",  "content": "Too many spaces.", "n": 1e5, "id": "not-the-id"}\n'
        assert applied[1:3] == CUSTOM_LINES[1:3] and applied[3].endswith(b"\r\n")


@pytest.mark.parametrize("kind", ["jsonl", "parquet"])
@pytest.mark.parametrize("where", ["discovered", "--config"])
def test_custom_fields_from_the_configuration_replayed_are_what_fix_wrote(cli, tmp_path, monkeypatch, kind, where):
    """The configuration is found from the first document's file upward, as `fix` finds
    it from its path: here in the corpus's folder, not the current one."""
    monkeypatch.chdir(tmp_path)
    path = write_custom(tmp_path / "data", kind)
    fields = 'id-field = "doc"\ntext-field = "content"\n'
    if where == "discovered":
        write(tmp_path / "data" / "cleanup.toml", fields)
        options = ()
    else:
        options = ("--config", write(tmp_path / "settings" / "fields.toml", fields))
    fixed, applied = fixed_and_applied(cli, tmp_path, path, options, options)
    assert applied == fixed != path.read_bytes()


@pytest.mark.parametrize("kind", ["jsonl", "parquet"])
def test_custom_fields_applied_without_the_options_are_refused_naming_the_field(cli, tmp_path, monkeypatch, kind):
    monkeypatch.chdir(tmp_path)
    path = write_custom(tmp_path, kind)
    original = path.read_bytes()
    report = tmp_path / "r.json"
    fix_with_report(cli, report, path.name, "--out", "A", *TYPO, *FIELDS)
    for out in (("--out", "B"), ()):
        result = cli("apply", report, *out)
        assert result.exit_code == 2, result.stderr
        assert f"{path.name}" in result.stderr and "'text'" in result.stderr and "--text-field" in result.stderr
        assert "Traceback" not in result.stderr
        assert path.read_bytes() == original and not (tmp_path / "B").exists()
        assert not list(tmp_path.glob(".*.tmp"))


def test_apply_out_writes_each_file_where_fix_out_wrote_it(cli, tmp_path, monkeypatch):
    # fix mirrors a folder argument's tree and puts a file argument at its name; apply
    # --out follows the report's "out_path", so the two trees are the same
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "corpus" / "sub" / "a.txt", b"He said  hello.\n")
    write(tmp_path / "loose" / "b.txt", b"She said  goodbye.\n")
    report = tmp_path / "r.json"
    data = fix_with_report(cli, report, "corpus", "loose/b.txt", "--out", "A", *TYPO)
    assert {d["out_path"] for d in data["documents"]} == {"sub/a.txt", "b.txt"}
    result = cli("apply", report, "--out", "B")
    assert result.exit_code == 0, result.stderr
    assert tree(tmp_path / "A") == tree(tmp_path / "B") and set(tree(tmp_path / "B")) == {"sub/a.txt", "b.txt"}
    # an edits file without it (made before, or by hand) is written at its path, as before
    for document in data["documents"]:
        del document["out_path"]
    report.write_text(json.dumps(data), encoding="utf-8")
    result = cli("apply", report, "--out", "C")
    assert result.exit_code == 0, result.stderr
    assert set(tree(tmp_path / "C")) == {"corpus/sub/a.txt", "loose/b.txt"}


@pytest.mark.parametrize("out_path", ["../x.txt", "/etc/x.txt", "C:/x.txt", ""])
def test_an_out_path_leaving_the_folder_is_refused(cli, tmp_path, monkeypatch, out_path):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.txt", b"He said  hello.\n")
    report = tmp_path / "r.json"
    data = fix_with_report(cli, report, "a.txt", *TYPO)
    data["documents"][0]["out_path"] = out_path
    report.write_text(json.dumps(data), encoding="utf-8")
    result = cli("apply", report, "--out", "B")
    assert result.exit_code == 2 and "'out_path' must be a relative path" in result.stderr
    assert not (tmp_path / "B").exists()
