"""`cleanup apply`: apply exactly the edits of an edits file to the documents it names.

Every document is checked before any is written: an edits file that does not fit the
documents it names (offsets past the text, overlapping edits, a ``before`` that is not
there) is applied to none of them; one naming a document twice is refused, and with
``--out`` so is one whose outputs would collide or replace an input. A document that
changed since the edits were made is skipped and reported; the others are applied.

Each file is written as ``fix`` writes it: a text file in its envelope (as UTF-8 when fix
converted it from the entry's ``encoding``), a JSONL or Parquet file record by record
with everything else carried through. Records are read with the id and text fields they
were written with (``fields``: --id-field, --text-field or the configuration, as for fix)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .corpus import (CorpusError, InputProblem, JsonlOptions, Record, Source, StreamWriter, atomic_write,
                     file_identity, is_jsonl, is_parquet, record_line)
from .document import Envelope, NotUtf8Error, convert, decode, sha256
from .editsfile import DocumentEdits, EditsFileError, apply_document_edits, load
from .parquet_io import ParquetStreamWriter, RowProblem, record_row, schema_of


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
# for a JSONL or Parquet file, under WHOLE_FILE for any other
FileEdits = dict[str | int, DocumentEdits]
WHOLE_FILE = ""


def output_path(path: str, out: Path | None, out_path: str | None = None) -> Path:
    """Where a document's file is written: in place, or below ``out`` (never outside it):
    where fix --out wrote it (``out_path``, which the edits file checked is relative),
    or else at its path."""
    source = Path(path)
    if out is None:
        return source
    relative = PurePosixPath((out_path or path).replace("\\", "/"))
    if relative.is_absolute() or ".." in relative.parts:
        relative = PurePosixPath(source.name)
    return out / Path(*relative.parts)


def file_output_path(file: str, entries: FileEdits, out: Path | None) -> Path:
    """``output_path`` of a file from its entries (a JSONL file's records all name one)."""
    out_paths = {entry.out_path for entry in entries.values()}
    if len(out_paths) > 1:
        raise ApplyError(f"{file}: its documents name different places under --out: "
                         f"{', '.join(sorted(map(str, out_paths)))}")
    return output_path(file, out, out_paths.pop())


@dataclass
class LoadedEdits:
    """An edits file read and grouped by the files it edits, not yet applied."""

    path: Path
    files: dict[str, FileEdits]

    def config_start(self) -> Path:
        """Where configuration is discovered from: the first document's file, as fix
        discovers it from its first path (so the two find the same file when run from
        one folder), or the current folder when there is none to start from."""
        first = Path(next(iter(self.files))) if self.files else None
        return first if first is not None and first.exists() else Path.cwd()


def load_edits_file(edits_file: Path) -> LoadedEdits:
    files = group_by_file(load(edits_file), str(edits_file))
    refuse_one_file_named_twice(files, str(edits_file))
    return LoadedEdits(edits_file, files)


def apply_edits_file(edits_file: Path, *, out: Path | None = None,
                     fields: JsonlOptions = JsonlOptions()) -> ApplySummary:
    return apply_edits(load_edits_file(edits_file), out=out, fields=fields)


def apply_edits(edits: LoadedEdits, *, out: Path | None = None,
                fields: JsonlOptions = JsonlOptions()) -> ApplySummary:
    files = edits.files
    if out is not None:
        check_outputs(files, out, edits.path)
    summary = ApplySummary()
    # a first pass writes nothing: a wrong edit anywhere is found before any file changes
    fitting = _files_that_fit(files, fields, summary)
    for file in fitting:
        try:
            _write_file(file, files[file], fields, out, summary)
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
    """A JSONL or Parquet record's ``FILE#ID`` split after its file's name (which may
    hold a "#" itself: "c#d.jsonl#1"), or a whole file's path and ``WHOLE_FILE``."""
    at = path.find("#")
    while at >= 0:
        if _holds_records(Path(path[:at])):
            return path[:at], path[at + 1 :]
        at = path.find("#", at + 1)
    return path, WHOLE_FILE


def _holds_records(path: Path) -> bool:
    return is_jsonl(path) or is_parquet(path)


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
    for file, entries in files.items():
        destination = file_output_path(file, entries, out)
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


def _files_that_fit(files: dict[str, FileEdits], fields: JsonlOptions, summary: ApplySummary) -> list[str]:
    """The files whose edits can be applied, every one read and its edits tried; the
    others reported. Edits that do not fit a document stop the whole run: none."""
    fitting, misfits = [], []
    for file, entries in files.items():
        try:
            for _ in _edited_pieces(file, entries, fields):
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


def _write_file(file: str, entries: FileEdits, fields: JsonlOptions, out: Path | None,
                summary: ApplySummary) -> None:
    path = Path(file)
    target = file_output_path(file, entries, out)
    pieces = _edited_pieces(file, entries, fields)
    if WHOLE_FILE in entries:
        [(data, changed)] = pieces
        if changed or out is not None:
            atomic_write(target, data, like=path)
    else:
        _write_records(pieces, path, target, keep_unchanged=out is not None)
    summary.files += 1
    summary.documents += len(entries)
    summary.edits += sum(len(entry.edits) for entry in entries.values())


def _write_records(pieces: Iterator, path: Path, target: Path, *, keep_unchanged: bool) -> None:
    """A JSONL or Parquet file's lines or rows streamed to ``target``, put in place only
    when one changed or ``keep_unchanged`` (--out): as fix does, a file left as it was is
    not rewritten, which for Parquet would change its bytes."""
    if is_parquet(path):
        writer = ParquetStreamWriter(target, schema_of(path), like=path)
        write = writer.write_row
    else:
        writer = StreamWriter(target, like=path)
        write = writer.write
    any_changed = False
    try:
        for piece, changed in pieces:
            write(piece)
            any_changed = any_changed or changed
        if any_changed or keep_unchanged:
            writer.commit()
        else:
            writer.abort()
    except BaseException:
        writer.abort()
        raise


def _edited_pieces(file: str, entries: FileEdits, fields: JsonlOptions) -> Iterator[tuple[object, bool]]:
    """What is written for ``file``, each piece with whether it changed: the bytes of a
    text file once, the lines of a JSONL file (bytes) or the rows of a Parquet file
    (dicts) one by one, so that neither pass holds a large file in memory."""
    if WHOLE_FILE in entries:
        yield _edited_text_file(Path(file), entries[WHOLE_FILE])
        return
    path = Path(file)
    parquet = is_parquet(path)
    for item, text in _edited_records(path, entries, fields):
        if isinstance(item, InputProblem):
            yield (item.row if parquet else item.raw), False
        elif parquet:
            yield record_row(item, text), text != item.document.text
        else:
            yield record_line(item, text), text != item.document.text


def _edited_text_file(path: Path, entry: DocumentEdits) -> tuple[bytes, bool]:
    data = path.read_bytes()
    if sha256(data) != entry.sha256:
        raise ApplyError(f"{path}: changed since the edits were made (sha256 differs); not applied")
    text, envelope = _decoded(data, entry, path)
    fixed = _fitted(text, entry, str(path))
    # a converted file is rewritten as UTF-8 even without a change, as fix writes it
    return envelope.wrap(fixed).encode("utf-8"), fixed != text or envelope.converted_from is not None


def _decoded(data: bytes, entry: DocumentEdits, path: Path) -> tuple[str, Envelope]:
    """The text fix made its edits on: decoded from the legacy encoding it converted the
    file from, or as UTF-8."""
    if entry.encoding is None:
        try:
            return decode(data)
        except NotUtf8Error as error:
            raise ApplyError(f"{path}: {error}") from None
    try:
        return convert(data, entry.encoding)
    except (UnicodeDecodeError, LookupError) as error:
        # the bytes are those fix decoded (their sha256 matched): the entry's encoding is wrong
        raise EditsDoNotFit(f"{path}: cannot be decoded from {entry.encoding}: {error}") from None


def _edited_records(path: Path, entries: FileEdits,
                    fields: JsonlOptions) -> Iterator[tuple[Record | InputProblem, str | None]]:
    """Every record of a JSONL or Parquet file with its text after its entry's edits, and
    every line or row that is no record (None: fix passed it through as it was)."""
    parquet = is_parquet(path)
    source = Source(path, path.as_posix(), None, is_jsonl(path), fields, parquet=parquet)
    pending = dict(entries)
    try:
        for item in source.items():
            if not isinstance(item, Record):
                if item.raw is None and not isinstance(item, RowProblem):
                    if parquet and _lacks_column(path, fields.text_field):
                        raise ApplyError(f"{path}: no column {fields.text_field!r}; {_another('--text-field')}")
                    raise ApplyError(str(item))  # the file could not be read to its end
                entry = pending.get(item.line)
                if entry is not None:  # a record when fix made the edits: read with other fields?
                    where, field_ = ("row", "column") if parquet else ("line", "field")
                    raise ApplyError(f"{entry.path}: {where} {item.line} has no string {field_} "
                                     f"{fields.text_field!r}; {_another('--text-field')}")
                yield item, None
                continue
            entry = pending.pop(item.line, None)
            if entry is None:
                entry = pending.pop(item.document.doc_id, None)
            text = item.document.text
            if entry is not None:
                if item.document.digest != entry.sha256:
                    raise ApplyError(f"{entry.path}: changed since the edits were made (sha256 differs); not applied")
                text = _fitted(text, entry, entry.path)
            yield item, text
    except CorpusError as error:  # Parquet without the parquet extra
        raise ApplyError(str(error)) from None
    if pending:
        missing = [f"at line {key}" if isinstance(key, int) else f"whose {fields.id_field!r} is {key}"
                   for key in pending]
        by_id = any(isinstance(key, str) for key in pending)
        raise ApplyError(f"{path}: no record {', '.join(missing)}" + (f"; {_another('--id-field')}" if by_id else ""))


def _another(option: str) -> str:
    """A record the edits file names that is not where fix found it was most likely read
    with other fields than fix read it with."""
    return f"not applied (were the edits made with another {option}?)"


def _lacks_column(path: Path, name: str) -> bool:
    try:
        return name not in schema_of(path).names
    except (OSError, ValueError):  # not readable as Parquet: the reader's own problem says why
        return False


def _fitted(text: str, entry: DocumentEdits, name: str) -> str:
    """``text`` with ``entry``'s edits, or EditsDoNotFit naming the document: the text is
    the one the edits were made on (its sha256 matched), so the edits are at fault."""
    try:
        return apply_document_edits(text, entry.edits, name)
    except ValueError as error:  # EditsFileError too: past the text, a `before` not there, an overlap
        raise EditsDoNotFit(_named_problem(name, error)) from None
