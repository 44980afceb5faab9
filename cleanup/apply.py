"""`cleanup apply`: apply exactly the edits of an edits file to the documents it names.

Every document is checked before any is written: an edits file that does not fit the
documents it names (offsets past the text, overlapping edits, a ``before`` that is not
there) is applied to none of them; one naming a document twice is refused, and with
``--out`` so is one whose outputs would collide or replace an input. A document that
changed since the edits were made is skipped and reported; the others are applied."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .corpus import (JsonlOptions, Record, Source, StreamWriter, atomic_write, file_identity, is_jsonl,
                     record_line)
from .document import NotUtf8Error, decode, sha256
from .editsfile import DocumentEdits, EditsFileError, apply_document_edits, load


class ApplyError(Exception):
    pass


class EditsDoNotFit(ApplyError):
    """The edits of a document that has not changed do not fit its text: the edits file
    itself is wrong, so none of it is applied."""


@dataclass
class ApplySummary:
    files: int = 0
    documents: int = 0
    edits: int = 0
    problems: list[str] = field(default_factory=list)


# the edits of one file: by record line (written by fix) or id (a review page's export)
# for a JSONL file, under WHOLE_FILE for any other
FileEdits = dict[str | int, DocumentEdits]
WHOLE_FILE = ""


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
    files = group_by_file(load(edits_file), str(edits_file))
    refuse_one_file_named_twice(files, str(edits_file))
    if out is not None:
        check_outputs(files, out, edits_file)
    summary = ApplySummary()
    # a first pass writes nothing: a wrong edit anywhere is found before any file changes
    fitting = _files_that_fit(files, summary)
    for file in fitting:
        try:
            _write_file(file, files[file], out, summary)
        except (OSError, EditsFileError, ApplyError) as error:  # changed between the passes
            summary.problems.append(_named_problem(file, error))
    return summary


def group_by_file(documents: list[DocumentEdits], edits_name: str) -> dict[str, FileEdits]:
    """The entries by the file they edit; two entries for one document are refused, as
    applying one would silently drop the other's edits."""
    files: dict[str, FileEdits] = defaultdict(dict)
    for entry in documents:
        file, key = _file_and_record(entry.path)
        if key != WHOLE_FILE and entry.line is not None:
            key = entry.line  # a record by its line: ids may repeat in a file
        if key in files[file]:
            raise ApplyError(f"{edits_name}: {entry.path} is listed twice; "
                             "merge its edits into one entry or apply them in separate runs")
        files[file][key] = entry
        if WHOLE_FILE in files[file] and len(files[file]) > 1:
            raise ApplyError(f"{edits_name}: {file} is listed both as a whole file and by record; "
                             "apply them in separate runs")
    return files


def _file_and_record(path: str) -> tuple[str, str]:
    """A JSONL record's ``FILE#ID`` split after its file's name (which may hold a "#"
    itself: "c#d.jsonl#1"), or a whole file's path and ``WHOLE_FILE``."""
    at = path.find("#")
    while at >= 0:
        if is_jsonl(Path(path[:at])):
            return path[:at], path[at + 1 :]
        at = path.find("#", at + 1)
    return path, WHOLE_FILE


def refuse_one_file_named_twice(files: dict[str, FileEdits], edits_name: str) -> None:
    """Two spellings of one file (``a/x.txt``, ``./a/x.txt``, its absolute path, a link)
    are two entries for one document too: compared by device and inode."""
    seen: dict[tuple[int, int], str] = {}
    for file in files:
        identity = file_identity(Path(file))
        if identity is None:
            continue  # missing: reported on reading
        other = seen.setdefault(identity, file)
        if other != file:
            raise ApplyError(f"{edits_name}: {other} and {file} are the same file; "
                             "merge their edits into one entry or apply them in separate runs")


def check_outputs(files: dict[str, FileEdits], out: Path, edits_file: Path) -> None:
    """Refuse, before anything is written, two files written to one output (the later
    would silently replace the earlier) and an output that is an input (the edits file
    or a document, by another path or a link: compared by device and inode)."""
    written: dict[Path, str] = {}
    for file in files:
        destination = output_path(file, out)
        other = written.setdefault(destination.resolve(), file)
        if other != file:
            raise ApplyError(f"--out {out}: {other} and {file} would both be written to {destination}; "
                             "apply them in separate runs or with --out folders of their own")
    inputs = {file_identity(Path(file)): file for file in files}
    inputs[file_identity(edits_file)] = str(edits_file)
    inputs.pop(None, None)
    for destination, file in written.items():
        replaced = inputs.get(file_identity(destination))
        if replaced is not None:
            raise ApplyError(f"--out {out} would overwrite the input {replaced} (with the edited {file}); "
                             "choose another folder, or apply in place without --out")


def _files_that_fit(files: dict[str, FileEdits], summary: ApplySummary) -> list[str]:
    """The files whose edits can be applied, every one read and its edits tried; the
    others reported. Edits that do not fit a document stop the whole run: none."""
    fitting, misfits = [], []
    for file, entries in files.items():
        try:
            for _ in _edited_pieces(file, entries):
                pass
        except EditsDoNotFit as error:
            misfits.append(str(error))
        except (OSError, EditsFileError, ApplyError) as error:
            summary.problems.append(_named_problem(file, error))
        else:
            fitting.append(file)
    if misfits:
        summary.problems.extend(misfits)
        summary.problems.append("the edits file does not fit the documents it names; nothing applied")
        return []
    return fitting


def _named_problem(file: str, error: Exception) -> str:
    return str(error) if str(error).startswith(file) else f"{file}: {error}"


def _write_file(file: str, entries: FileEdits, out: Path | None, summary: ApplySummary) -> None:
    path = Path(file)
    target = output_path(file, out)
    if WHOLE_FILE in entries:
        data, changed = _edited_text_file(path, entries[WHOLE_FILE])
        if changed or out is not None:
            atomic_write(target, data, like=path)
    else:
        writer = StreamWriter(target, like=path)
        try:
            for line in _edited_pieces(file, entries):
                writer.write(line)
            writer.commit()
        except BaseException:
            writer.abort()
            raise
    summary.files += 1
    summary.documents += len(entries)
    summary.edits += sum(len(entry.edits) for entry in entries.values())


def _edited_pieces(file: str, entries: FileEdits) -> Iterator:
    """What is written for ``file``: (bytes, changed) once for a text file, the lines of
    a JSONL file one by one (so neither pass holds a large file in memory)."""
    if WHOLE_FILE in entries:
        yield _edited_text_file(Path(file), entries[WHOLE_FILE])
    else:
        yield from _edited_jsonl_lines(Path(file), entries)


def _edited_text_file(path: Path, entry: DocumentEdits) -> tuple[bytes, bool]:
    data = path.read_bytes()
    if sha256(data) != entry.sha256:
        raise ApplyError(f"{path}: changed since the edits were made (sha256 differs); not applied")
    try:
        text, envelope = decode(data)
    except NotUtf8Error as error:
        raise ApplyError(f"{path}: {error}") from None
    fixed = _fitted(text, entry, str(path))
    return envelope.wrap(fixed).encode("utf-8"), fixed != text


def _edited_jsonl_lines(path: Path, entries: FileEdits) -> Iterator[bytes]:
    source = Source(path, path.as_posix(), None, True, JsonlOptions())
    pending = dict(entries)
    for item in source.items():
        if not isinstance(item, Record):
            if getattr(item, "raw", None) is not None:
                yield item.raw
                continue
            raise ApplyError(str(item))
        entry = pending.pop(item.line, None)
        if entry is None:
            entry = pending.pop(item.document.doc_id, None)
        text = item.document.text
        if entry is not None:
            if item.document.digest != entry.sha256:
                raise ApplyError(f"{entry.path}: changed since the edits were made (sha256 differs); not applied")
            text = _fitted(text, entry, entry.path)
        yield record_line(item, text)
    if pending:
        missing = [f"at line {key}" if isinstance(key, int) else f"with id {key}" for key in pending]
        raise ApplyError(f"{path}: no record {', '.join(missing)}")


def _fitted(text: str, entry: DocumentEdits, name: str) -> str:
    """``text`` with ``entry``'s edits, or EditsDoNotFit naming the document: the text is
    the one the edits were made on (its sha256 matched), so the edits are at fault."""
    try:
        return apply_document_edits(text, entry.edits, name)
    except ValueError as error:  # EditsFileError too: past the text, a `before` not there, an overlap
        raise EditsDoNotFit(_named_problem(name, error)) from None
