"""`cleanup apply`: apply exactly the edits of an edits file to the documents it names."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .corpus import JsonlOptions, Record, Source, StreamWriter, atomic_write, is_jsonl, record_line
from .document import NotUtf8Error, decode, sha256
from .editsfile import DocumentEdits, EditsFileError, apply_document_edits, load


class ApplyError(Exception):
    pass


@dataclass
class ApplySummary:
    files: int = 0
    documents: int = 0
    edits: int = 0
    problems: list[str] = field(default_factory=list)


def output_path(path: str, out: Path | None) -> Path:
    """Where a document's file is written: in place, or below ``out`` (never outside it)."""
    source = Path(path)
    if out is None:
        return source
    relative = PurePosixPath(path.replace("\\", "/"))
    if relative.is_absolute() or ".." in relative.parts:
        relative = PurePosixPath(source.name)
    return out / Path(*relative.parts)


def apply_edits_file(edits_file: Path, *, out: Path | None = None) -> ApplySummary:
    documents = load(edits_file)
    summary = ApplySummary()
    files: dict[str, dict[str, DocumentEdits]] = defaultdict(dict)
    for entry in documents:
        file, hash_sign, record_id = entry.path.partition("#")
        if hash_sign and is_jsonl(Path(file)):
            files[file][record_id] = entry
        else:
            files[entry.path][""] = entry
    for file, entries in files.items():
        try:
            if "" in entries:
                _apply_text_file(Path(file), entries[""], out, summary)
            else:
                _apply_jsonl_file(Path(file), entries, out, summary)
        except (OSError, EditsFileError, ApplyError) as error:
            summary.problems.append(str(error) if str(error).startswith(file) else f"{file}: {error}")
    return summary


def _apply_text_file(path: Path, entry: DocumentEdits, out: Path | None, summary: ApplySummary) -> None:
    data = path.read_bytes()
    if sha256(data) != entry.sha256:
        raise ApplyError(f"{path}: changed since the edits were made (sha256 differs); not applied")
    try:
        text, envelope = decode(data)
    except NotUtf8Error as error:
        raise ApplyError(f"{path}: {error}") from None
    fixed = apply_document_edits(text, entry.edits, str(path))
    target = output_path(entry.path, out)
    if fixed != text or out is not None:
        atomic_write(target, envelope.wrap(fixed).encode("utf-8"), like=path)
    summary.files += 1
    summary.documents += 1
    summary.edits += len(entry.edits)


def _apply_jsonl_file(path: Path, entries: dict[str, DocumentEdits], out: Path | None, summary: ApplySummary) -> None:
    source = Source(path, path.as_posix(), None, True, JsonlOptions())
    writer = StreamWriter(output_path(path.as_posix(), out), like=path)
    pending = dict(entries)
    try:
        for item in source.items():
            if not isinstance(item, Record):
                if getattr(item, "raw", None) is not None:
                    writer.write(item.raw)
                    continue
                raise ApplyError(str(item))
            entry = pending.pop(item.document.doc_id, None)
            text = item.document.text
            if entry is not None:
                if item.document.digest != entry.sha256:
                    raise ApplyError(f"{entry.path}: changed since the edits were made (sha256 differs); not applied")
                text = apply_document_edits(text, entry.edits, entry.path)
                summary.documents += 1
                summary.edits += len(entry.edits)
            writer.write(record_line(item, text))
        if pending:
            raise ApplyError(f"{path}: no record with id {', '.join(sorted(pending))}")
        writer.commit()
    except BaseException:
        writer.abort()
        raise
    summary.files += 1
