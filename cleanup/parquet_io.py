"""Parquet in and out (the ``parquet`` extra: pyarrow).

A Parquet file is read a batch of rows at a time, never whole: each row with a string
in the text column becomes a ``Record`` whose document is that text (path
``FILE#ID``); every other column rides along untouched. Rows without a text string are
reported and passed through. Written back, the rows keep their order, their columns and
the file's schema; row groups are flushed as they fill, so memory stays bounded.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .corpus import CorpusError, InputProblem, Record, discard, put_in_place
from .document import Document, sha256

if TYPE_CHECKING:
    from .corpus import Source

READ_BATCH_ROWS = 1024
WRITE_GROUP_ROWS = 4096
INSTALL_HINT = "Parquet needs the parquet extra: pip install 'cleanup[parquet]'"


@dataclass(frozen=True)
class RowProblem(InputProblem):
    """A Parquet row that is not a document (no text string); written back as it was."""

    row: dict[str, Any] = field(default_factory=dict)


def _pyarrow():
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise CorpusError(INSTALL_HINT) from None
    return pyarrow


def read_records(source: Source) -> Iterator[Record | InputProblem]:
    """The rows of a Parquet file as records, in file order."""
    pa = _pyarrow()
    options = source.jsonl_options
    try:
        parquet = pa.parquet.ParquetFile(source.path)
    except (OSError, pa.ArrowException) as error:
        yield InputProblem(source.display, f"cannot read as Parquet: {error}")
        return
    if options.text_field not in parquet.schema_arrow.names:
        yield InputProblem(source.display, f"no column {options.text_field!r}; skipped")
        return
    number = 0
    try:
        for batch in parquet.iter_batches(batch_size=READ_BATCH_ROWS):
            for row in batch.to_pylist():
                number += 1
                text = row.get(options.text_field)
                if not isinstance(text, str):
                    yield RowProblem(
                        source.display, f"no string in column {options.text_field!r}; passed through", number, row=row
                    )
                    continue
                identifier = row.get(options.id_field)
                doc_id = str(number if identifier is None else identifier)
                document = Document(
                    f"{source.display}#{doc_id}",
                    text,
                    doc_id=doc_id,
                    digest=sha256(text.encode("utf-8", "surrogatepass")),
                )
                yield Record(row, document, number, options.text_field)
    except (OSError, pa.ArrowException) as error:
        yield InputProblem(source.display, f"read failed: {error}")


def schema_of(path: Path):
    return _pyarrow().parquet.ParquetFile(path).schema_arrow


def record_row(record: Record, text: str) -> dict[str, Any]:
    """The row of a record with its text replaced; other columns untouched."""
    if text == record.document.text:
        return record.data
    row = dict(record.data)
    row[record.text_field] = text
    return row


class ParquetStreamWriter:
    """Rows written in row groups to a temporary file, put in place atomically at
    ``commit`` (with the permission bits of ``like``); ``abort`` leaves the target be."""

    def __init__(self, target: Path, schema, *, like: Path | None = None) -> None:
        pa = _pyarrow()
        self.pa = pa
        self.target = target
        self.like = like
        self.schema = schema
        self.rows: list[dict[str, Any]] = []
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, self.temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(handle)
        self.writer = pa.parquet.ParquetWriter(self.temporary, schema)

    def write_row(self, row: dict[str, Any]) -> None:
        self.rows.append(row)
        if len(self.rows) >= WRITE_GROUP_ROWS:
            self._flush()

    def _flush(self) -> None:
        if self.rows:
            self.writer.write_table(self.pa.Table.from_pylist(self.rows, schema=self.schema))
            self.rows = []

    def commit(self) -> None:
        self._flush()
        self.writer.close()
        put_in_place(self.temporary, self.target, self.like)

    def abort(self) -> None:
        try:
            self.writer.close()
        finally:
            discard(self.temporary)
