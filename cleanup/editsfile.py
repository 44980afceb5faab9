"""The edits file: what `fix --report` writes, the review page exports and `apply` reads.

    {"version": 1, "documents": [{"path": ..., "sha256": ..., "edits": [
        {"rule": ..., "start": ..., "end": ..., "before": ..., "after": ..., "safe": ...}]}]}

Offsets are code points into the original document text; ``sha256`` is of the original
bytes (a file) or of the UTF-8 text (a JSONL or Parquet record). Three optional fields
say how ``fix`` read and wrote a document: ``"line"``, a record's line (or row) in its
file; ``"encoding"``, the legacy encoding a file was decoded from (``--convert-encoding``);
``"out_path"``, where ``fix --out`` put its file below the folder.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .corpus import ITEMS, StreamedList, StreamWriter
from .engine import apply_edits
from .model import AppliedEdit, Edit

VERSION = 1


class EditsFileError(ValueError):
    pass


@dataclass(frozen=True)
class DocumentEdits:
    path: str
    sha256: str
    edits: tuple[AppliedEdit, ...]
    # a JSONL record's line in its file: ids repeat in real corpora (or a record without
    # one takes its line number, which another's id may equal), the line does not
    line: int | None = None
    # the legacy encoding fix decoded a file from (--convert-encoding, "auto" resolved):
    # the offsets are into that text, and the file was written back as UTF-8
    encoding: str | None = None
    # where fix --out wrote the file, below the folder (the path below the folder argument
    # it was found under, or its name): apply --out writes it there too
    out_path: str | None = None

    def to_json(self) -> dict:
        data = {"path": self.path, "sha256": self.sha256, "edits": [e.to_json() for e in self.edits]}
        if self.line is not None:
            data["line"] = self.line
        if self.encoding is not None:
            data["encoding"] = self.encoding
        if self.out_path is not None:
            data["out_path"] = self.out_path
        return data


def dump(documents: Iterable[DocumentEdits]) -> str:
    """The edits file of ``documents``: ``json.dumps`` of it with ``indent=1``."""
    streamed = StreamedList(_SKELETON)
    return streamed.start + "".join(streamed.piece(d.to_json()) for d in documents) + streamed.end()


_SKELETON = {"version": VERSION, "documents": ITEMS}


class EditsFileWriter:
    """An edits file written a document at a time as a fix goes (memory flat however
    many edits a corpus gets), the same text as ``dump``; put in place atomically by
    ``commit``, while ``abort`` leaves the target as it was."""

    def __init__(self, target: Path) -> None:
        self.file = StreamWriter(target, compress=False)  # written as before, whatever its name
        self.streamed = StreamedList(_SKELETON)
        self._write(self.streamed.start)

    def _write(self, text: str) -> None:
        # a lone surrogate (a file name that is not UTF-8, a JSONL text's "\ud800") sits
        # inside a JSON string, where "\udcff" is its escape: the file stays UTF-8 and
        # reads back as the same text
        self.file.write(text.encode("utf-8", "backslashreplace"))

    def append(self, document: DocumentEdits) -> None:
        self._write(self.streamed.piece(document.to_json()))

    def commit(self) -> None:
        self._write(self.streamed.end())
        self.file.commit()

    def abort(self) -> None:
        self.file.abort()


def load(path: Path) -> list[DocumentEdits]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise EditsFileError(f"{path}: cannot read: {error}") from None
    except ValueError as error:
        raise EditsFileError(f"{path}: not JSON: {error}") from None
    return parse(data, str(path))


def parse(data: object, name: str = "<edits>") -> list[DocumentEdits]:
    def fail(problem: str):
        raise EditsFileError(f"{name}: {problem}")

    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("documents"), list):
        fail(f'expected {{"version": {VERSION}, "documents": [...]}}')
    documents = []
    for index, entry in enumerate(data["documents"]):
        if not isinstance(entry, dict) or not isinstance(entry.get("path"), str):
            fail(f"documents[{index}]: needs a string 'path'")
        if not isinstance(entry.get("sha256"), str) or not isinstance(entry.get("edits"), list):
            fail(f"documents[{index}] ({entry['path']}): needs 'sha256' and a list 'edits'")
        edits = []
        for number, edit in enumerate(entry["edits"]):
            try:
                edits.append(
                    AppliedEdit(
                        rule=str(edit["rule"]),
                        start=_offset(edit["start"]),
                        end=_offset(edit["end"]),
                        before=_text(edit["before"]),
                        after=_text(edit["after"]),
                        safe=bool(edit.get("safe", False)),
                        also=tuple(edit.get("also", ())),
                    )
                )
            except (KeyError, TypeError, ValueError) as error:
                fail(f"documents[{index}] ({entry['path']}) edits[{number}]: {error!r}")
            if edits[-1].end < edits[-1].start:
                fail(f"documents[{index}] ({entry['path']}) edits[{number}]: end before start")
        line = entry.get("line")
        if line is not None and (not isinstance(line, int) or isinstance(line, bool) or line < 1):
            fail(f"documents[{index}] ({entry['path']}): 'line' must be a line number")
        encoding = entry.get("encoding")
        if encoding is not None and not _is_codec(encoding):
            fail(f"documents[{index}] ({entry['path']}): 'encoding' must name a text encoding, not {encoding!r}")
        out_path = entry.get("out_path")
        if out_path is not None and not is_relative_path(out_path):
            fail(f"documents[{index}] ({entry['path']}): 'out_path' must be a relative path inside the folder, "
                 f"not {out_path!r}")
        documents.append(DocumentEdits(entry["path"], entry["sha256"], tuple(edits), line, encoding, out_path))
    return documents


def is_relative_path(path: object) -> bool:
    """A path that stays below the folder it is joined to: relative, without "..", with
    no drive ("C:"), not empty."""
    if not isinstance(path, str):
        return False
    normal = PurePosixPath(path.replace("\\", "/"))
    return (bool(normal.parts) and not normal.is_absolute() and ".." not in normal.parts
            and not normal.parts[0].endswith(":"))


def _is_codec(name: object) -> bool:
    if not isinstance(name, str):
        return False
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


def _offset(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"bad offset {value!r}")
    return value


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected a string, got {value!r}")
    return value


def apply_document_edits(text: str, edits: Iterable[AppliedEdit], path: str = "") -> str:
    """Apply exactly ``edits`` to ``text``; each edit's ``before`` must be what is there."""
    plain = []
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.end > len(text):
            raise EditsFileError(f"{path}: edit {edit.rule} at {edit.start}..{edit.end} runs past the end "
                                 f"of the text ({len(text)} characters)")
        if text[edit.start : edit.end] != edit.before:
            raise EditsFileError(
                f"{path}: edit {edit.rule} at {edit.start}..{edit.end} expects {edit.before!r}, "
                f"finds {text[edit.start:edit.end]!r}"
            )
        plain.append(Edit(edit.start, edit.end, edit.after))
    for first, second in zip(plain, plain[1:]):
        if first.overlaps(second):
            raise EditsFileError(f"{path}: edits at {first.start} and {second.start} overlap; keep one of them")
    return apply_edits(text, plain)
