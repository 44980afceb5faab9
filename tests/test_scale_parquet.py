"""Parquet in and out: the same findings as the same records in JSONL, other columns and
the schema carried through, order kept, configurable fields, rows without text passed
through, streaming in batches and row groups."""

from __future__ import annotations

import json

import pytest

from cleanup import parquet_io

from .scale_corpus import scale_documents, write_jsonl

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")


@pytest.fixture
def small_batches(monkeypatch):
    monkeypatch.setattr(parquet_io, "READ_BATCH_ROWS", 7)
    monkeypatch.setattr(parquet_io, "WRITE_GROUP_ROWS", 9)


def write_parquet(path, documents, *, text_field="text", id_field="id"):
    rows = [
        {id_field: f"doc-{i}", text_field: text, "position": i, "tags": ["a", str(i % 3)]}
        for i, text in enumerate(documents)
    ]
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=10)
    return path


def test_check_parquet_finds_what_jsonl_finds(cli, tmp_path, small_batches):
    documents = scale_documents(24)
    parquet = write_parquet(tmp_path / "corpus.parquet", documents)
    jsonl = write_jsonl(tmp_path / "corpus.jsonl", documents)
    from_parquet = json.loads(cli("check", parquet, "--format", "json", "--jobs", "1").stdout)
    from_jsonl = json.loads(cli("check", jsonl, "--format", "json", "--jobs", "1").stdout)
    assert from_parquet and len(from_parquet) == len(from_jsonl)
    for a, b in zip(from_parquet, from_jsonl):
        assert a["path"].replace(".parquet#", "#") == b["path"].replace(".jsonl#", "#")
        assert {**a, "path": ""} == {**b, "path": ""}


def test_fix_parquet_keeps_rows_columns_schema_and_order(cli, tmp_path, small_batches):
    documents = scale_documents(24)
    (tmp_path / "in").mkdir()
    parquet = write_parquet(tmp_path / "in" / "corpus.parquet", documents, text_field="body", id_field="key")
    jsonl = write_jsonl(tmp_path / "corpus.jsonl", documents)
    out = tmp_path / "out"
    result = cli("fix", tmp_path / "in", "--out", out, "--jobs", "2", "--text-field", "body", "--id-field", "key")
    assert result.exit_code in (0, 1), result.output
    cli("fix", jsonl, "--out", tmp_path / "jsonl-out", "--jobs", "1")
    expected = [json.loads(line)["text"] for line in (tmp_path / "jsonl-out" / "corpus.jsonl").read_text().splitlines()]

    before, after = pq.read_table(parquet), pq.read_table(out / "corpus.parquet")
    assert after.schema == before.schema
    assert after.column("key").to_pylist() == [f"doc-{i}" for i in range(24)]
    assert after.column("position") == before.column("position")
    assert after.column("tags") == before.column("tags")
    assert after.column("body").to_pylist() == expected != documents
    assert pq.ParquetFile(out / "corpus.parquet").metadata.num_row_groups > 1  # written as it streamed


def test_rows_without_text_are_reported_and_passed_through(cli, tmp_path):
    rows = [{"id": "a", "text": "The the cat sat."}, {"id": "b", "text": None}, {"id": "c", "text": "Fine."}]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "rows.parquet")
    result = cli("fix", tmp_path / "rows.parquet", "--out", tmp_path / "out", "--jobs", "1")
    assert result.exit_code == 2
    assert "rows.parquet:2: no string in column 'text'; passed through" in result.stderr
    fixed = pq.read_table(tmp_path / "out" / "rows.parquet").to_pylist()
    assert [r["id"] for r in fixed] == ["a", "b", "c"]
    assert fixed[1]["text"] is None and fixed[0]["text"] != rows[0]["text"]


def test_unchanged_parquet_is_left_alone_in_place(cli, tmp_path):
    path = tmp_path / "clean.parquet"
    pq.write_table(pa.Table.from_pylist([{"id": "a", "text": "Nothing to fix here.\n"}]), path)
    stamp = path.stat().st_mtime_ns
    result = cli("fix", path, "--jobs", "1")
    assert result.exit_code == 0
    assert path.stat().st_mtime_ns == stamp
    assert not list(tmp_path.glob(".*.tmp"))


def test_missing_text_column_is_an_input_problem(cli, tmp_path):
    pq.write_table(pa.Table.from_pylist([{"id": "a", "body": "x"}]), tmp_path / "other.parquet")
    result = cli("check", tmp_path / "other.parquet", "--jobs", "1")
    assert result.exit_code == 2
    assert "no column 'text'" in result.stderr
