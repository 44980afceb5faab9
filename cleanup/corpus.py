"""Reading a corpus (files, folders, standard input, JSONL) and writing it back safely.

Inputs are expanded into ``Source``s in a stable order; each source yields ``Item``s:
a decoded ``Document`` or an ``InputProblem`` (a file that is not UTF-8, a malformed
JSONL line …) that the run reports while carrying on. Writes are atomic: a temporary
file in the target's folder, flushed and fsynced (or, for files that replace no input,
made durable with the others at the end: ``DeferredSync``), then renamed over the
target, with the original file's permission bits.
"""

from __future__ import annotations

import errno
import fnmatch
import gzip
import io
import json
from json.decoder import scanstring
import os
import stat
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from .document import Document, NotUtf8Error, convert, decode, guess_phrase, sha256, utf16_without_bom

STDIN = "-"
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".jsonl.zst", ".ndjson")
PARQUET_SUFFIXES = (".parquet",)
DEFAULT_GLOB = "*.txt"


class CorpusError(Exception):
    """A problem with the run's inputs or outputs as a whole (exit 2)."""


@dataclass(frozen=True)
class InputProblem:
    """Something in the input that could not be read as a document."""

    path: str
    reason: str
    line: int | None = None
    rule: str | None = None  # set when the problem is reported as a finding (encoding.not-utf8)
    guess: str | None = None  # the encoding charset-normalizer detects, for non-UTF-8 files
    raw: bytes | None = None  # a JSONL line passed through untouched

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.reason}"


@dataclass
class Record:
    """A JSONL record: the parsed object, and the document made of its text field."""

    data: dict[str, Any]
    document: Document
    line: int
    text_field: str = "text"
    raw: bytes = b""  # the line as read, written back unchanged when the text is


@dataclass(frozen=True)
class JsonlOptions:
    id_field: str = "id"
    text_field: str = "text"


@dataclass
class Source:
    """One input: a text file, a JSONL file or standard input."""

    path: Path | None  # None for standard input
    display: str
    root: Path | None = None  # the folder argument it was found under (for --out mirroring)
    jsonl: bool = False
    jsonl_options: JsonlOptions = field(default_factory=JsonlOptions)
    convert_encoding: str | None = None  # decode a non-UTF-8 file from this ("auto": detected)
    parquet: bool = False  # rows of a Parquet file (the parquet extra), read like JSONL records
    _stdin: bytes | None = field(default=None, repr=False)

    @property
    def is_stdin(self) -> bool:
        return self.path is None

    def relative(self) -> Path:
        """Its path below the input root, the path it gets under --out."""
        if self.path is None:
            return Path("stdin.txt")
        if self.root is not None:
            return self.path.relative_to(self.root)
        return Path(self.path.name)

    def read_bytes(self) -> bytes:
        if self.path is None:  # read once: a two-pass run reads its sources twice
            if self._stdin is None:
                self._stdin = sys.stdin.buffer.read()
            return self._stdin
        return read_file(self.path)

    def items(self, *, digests: bool = True) -> Iterator[Document | Record | InputProblem]:
        """Documents (text files), records (JSONL) or problems, in input order. Without
        ``digests`` the documents have none (``digest`` None): the first pass of a run
        reads every input only for statistics, and hashing them would be wasted."""
        if self.parquet:
            from .parquet_io import read_records

            yield from read_records(self)
            return
        if self.jsonl:
            yield from self._records(digests)
            return
        try:
            data = self.read_bytes()
        except OSError as error:
            yield InputProblem(self.display, _os_reason(error))
            return
        if (b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff"))
                and utf16_without_bom(data) is None):
            yield InputProblem(self.display, "binary file (contains NUL bytes); skipped")
            return
        try:
            text, envelope = decode(data)
        except NotUtf8Error as error:
            legacy = error.guess if self.convert_encoding == "auto" else self.convert_encoding
            unconverted = ""
            if legacy:
                try:
                    text, envelope = convert(data, legacy)
                except UnicodeDecodeError as failure:
                    # a cp1252 file with a byte cp1252 leaves undefined, or a UTF-8 one
                    # with a stray byte: no code page reads it whole
                    unconverted = (f"; {legacy} does not decode byte 0x{data[failure.start]:02x} "
                                   f"at {failure.start}")
                except LookupError:
                    unconverted = f"; no encoding {legacy!r}"
                else:
                    yield Document(self.display, text, envelope, None, sha256(data) if digests else None)
                    return
            guess = f" ({guess_phrase(error.guess)})" if error.guess else ""
            yield InputProblem(
                self.display,
                f"{error}{guess}{unconverted}; left untouched",
                rule="encoding.not-utf8",
                guess=error.guess,
            )
            return
        yield Document(self.display, text, envelope, None, sha256(data) if digests else None)

    def _records(self, digests: bool = True) -> Iterator[Record | InputProblem]:
        options = self.jsonl_options
        try:
            stream = open_binary(self.path) if self.path is not None else io.BytesIO(self.read_bytes())
        except OSError as error:
            yield InputProblem(self.display, _os_reason(error))
            return
        with stream:
            try:
                for number, raw in enumerate(stream, 1):
                    yield self._record(raw, number, options, digests)
            except (OSError, EOFError, ValueError) as error:
                yield InputProblem(self.display, f"read failed: {error}")

    def _record(self, raw: bytes, number: int, options: JsonlOptions, digests: bool = True) -> Record | InputProblem:
        try:
            line = raw.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError as error:
            return InputProblem(self.display, f"not valid UTF-8 at byte {error.start}; passed through", number, raw=raw)
        if not line.strip():
            return InputProblem(self.display, "empty line; passed through", number, raw=raw)
        try:
            # a BOM before the first record (an editor's "UTF-8 with BOM") is no JSON
            data = json.loads(line[1:] if number == 1 and line.startswith("\ufeff") else line)
        except ValueError as error:
            return InputProblem(self.display, f"malformed JSON ({error}); passed through", number, raw=raw)
        if not isinstance(data, dict):
            return InputProblem(self.display, "not a JSON object; passed through", number, raw=raw)
        text = data.get(options.text_field)
        if not isinstance(text, str):
            return InputProblem(
                self.display, f"no string field {options.text_field!r}; passed through", number, raw=raw
            )
        doc_id = str(data.get(options.id_field, number))
        document = Document(
            f"{self.display}#{doc_id}", text, doc_id=doc_id,
            digest=sha256(text.encode("utf-8", "surrogatepass")) if digests else None,
        )
        return Record(data, document, number, options.text_field, raw)


_READ_FLAGS = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def read_file(path: Path) -> bytes:
    """The bytes of a file, as ``Path.read_bytes`` gives them, in four system calls
    (open, fstat, read, close) instead of its seven or so (a buffered file object asks
    again for the size, whether it is a terminal, and reads once more to see the end).
    A run reads every input twice, between rules that leave the processor's caches cold,
    where each system call costs microseconds: a few per cent of a check on small files.
    A file longer than its size says (``/proc``, one still being written) is read to its end."""
    fd = os.open(path, _READ_FLAGS)
    try:
        size = os.fstat(fd).st_size
        data = os.read(fd, size + 1)
        if len(data) == size:  # the whole file, as its size says
            return data
        # more than it said, or less (one read gives at most 2 GB): on to the end
        parts = [data]
        while chunk := os.read(fd, max(size, 1 << 16)):
            parts.append(chunk)
        return b"".join(parts)
    finally:
        os.close(fd)


def _os_reason(error: OSError) -> str:
    reason = error.strerror or str(error)
    return f"cannot read: {reason}"


def open_binary(path: Path) -> IO[bytes]:
    """A byte stream over a (possibly compressed) file."""
    name = path.name
    if name.endswith(".gz"):
        return gzip.open(path, "rb")
    if name.endswith(".zst"):
        try:
            import zstandard
        except ImportError:
            raise CorpusError(f"{path}: reading .zst needs the zstd extra: pip install 'cleanup[zstd]'") from None
        return io.BufferedReader(zstandard.ZstdDecompressor().stream_reader(open(path, "rb"), closefd=True))
    return open(path, "rb")


def is_jsonl(path: Path) -> bool:
    return path.name.endswith(JSONL_SUFFIXES)


def is_parquet(path: Path) -> bool:
    return path.name.endswith(PARQUET_SUFFIXES)


def expand_inputs(
    paths: Sequence[str],
    *,
    glob: str = DEFAULT_GLOB,
    jsonl_options: JsonlOptions = JsonlOptions(),
    exclude: Sequence[str] = (),
) -> tuple[list[Source], list[InputProblem]]:
    """Sources for the given paths: folders recursively (files matching ``glob``, JSONL
    files too), without following links to folders; problems for paths that are missing."""
    sources: list[Source] = []
    problems: list[InputProblem] = []
    seen: set[str] = set()  # resolved paths: a file reached twice is read once
    globs = [g.strip() for g in glob.split(",") if g.strip()]
    for raw in paths:
        if raw == STDIN:
            sources.append(Source(None, "<stdin>", jsonl_options=jsonl_options))
            continue
        path = Path(raw)
        if path.is_dir():
            found = _walk(path, globs, exclude, problems)
            for file, key in found:
                if key not in seen:
                    seen.add(key)
                    sources.append(Source(file, _display(file), path, is_jsonl(file), jsonl_options, parquet=is_parquet(file)))
        elif path.exists() or path.is_symlink():
            if not path.exists():
                problems.append(InputProblem(str(path), _link_problem(path)))
                continue
            key = str(path.resolve())
            if key not in seen:
                seen.add(key)
                sources.append(Source(path, _display(path), None, is_jsonl(path), jsonl_options, parquet=is_parquet(path)))
        else:
            problems.append(InputProblem(str(path), "no such file or folder"))
    return sources, problems


def _display(path: Path) -> str:
    return path.as_posix()


def _walk(root: Path, globs: list[str], exclude: Sequence[str], problems: list[InputProblem]) -> list[tuple[Path, str]]:
    """The files to read under ``root``, each with its resolved path (``Path.resolve``).
    The walk does not enter links to folders, so every folder it passes is the resolved
    root plus the same relative path: only a file that is itself a link needs resolving
    (a system call per path component, thousands of times on a large corpus)."""
    found = []
    top = os.fspath(root)
    resolved_top = str(root.resolve())

    def on_error(error: OSError) -> None:
        problems.append(InputProblem(str(error.filename or root), _os_reason(error)))

    for folder, dirs, files in os.walk(root, onerror=on_error, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not _excluded(d, exclude))
        resolved_folder = os.path.join(resolved_top, folder[len(top):].lstrip(os.sep))
        for name in sorted(files):
            if name.startswith(".") or _excluded(name, exclude):
                continue
            if any(fnmatch.fnmatch(name, g) for g in globs) or name.endswith(JSONL_SUFFIXES + PARQUET_SUFFIXES):
                file = Path(folder) / name
                problem, link = _not_a_file(file)
                if problem:
                    problems.append(InputProblem(str(file), problem))
                    continue
                found.append((file, str(file.resolve()) if link else os.path.join(resolved_folder, name)))
    return found


def _link_problem(path: Path) -> str:
    try:
        os.stat(path)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "symbolic link loop; skipped"
    return "broken symbolic link; skipped"


def _not_a_file(path: Path) -> tuple[str | None, bool]:
    """Why a name found in a folder is not read (a dangling or looping link, or not a
    regular file: a FIFO would block the run forever, a device never ends), and whether
    the name is a symbolic link."""
    try:
        mode = os.lstat(path).st_mode
        link = stat.S_ISLNK(mode)
        if link:
            mode = os.stat(path).st_mode
    except OSError:
        link = path.is_symlink()
        return (_link_problem(path) if link else None), link  # vanished: reported on reading
    if not stat.S_ISREG(mode):
        return "not a regular file (a FIFO, socket or device); skipped", link
    return None, link


def _excluded(name: str, patterns: Sequence[str]) -> bool:
    return any(fnmatch.fnmatch(name, p) for p in patterns)


def check_out_dir(out: Path, sources: Sequence[Source]) -> None:
    """Refuse an output folder that is, or lies inside, an input folder (or an input);
    two inputs that would be written to the same file under it; and an input that an
    output would replace (a file named beside the folder: ``fix notes/a.txt --out notes``)."""
    target = out.resolve()
    written: dict[Path, Source] = {}
    for source in sources:
        if source.path is not None:
            base = (source.root or source.path).resolve()
            if target == base or base in target.parents:
                raise CorpusError(f"--out {out} is inside the input {source.root or source.path}; "
                                  "choose a folder outside it")
        destination = target / source.relative()
        other = written.setdefault(destination, source)
        if other is not source and other.path != source.path:  # the same input named twice is written once
            raise CorpusError(f"--out {out}: {_named(other)} and {_named(source)} would both be written to "
                              f"{out / source.relative()}; fix them in separate runs or give their common folder")
    # an output that exists already may be an input (by another path, a link): compared
    # by device and inode, asked only of the outputs there are (none in a new folder)
    existing = {identity: destination for destination in written
                if (identity := file_identity(destination)) is not None}
    if not existing:
        return
    for source in sources:
        if source.path is None:
            continue
        destination = existing.get(file_identity(source.path))  # None for one vanished: reported on reading
        if destination is not None:
            raise CorpusError(f"--out {out} would overwrite the input {source.path} (with the fixed "
                              f"{_named(written[destination])}); choose another folder, or fix in place without --out")


def check_report_path(report: Path, sources: Sequence[Source], out: Path | None) -> None:
    """Refuse an edits file (``fix --report``) that would replace an input, or a file
    the run writes under ``out``."""
    if out is not None:
        target, wanted = out.resolve(), report.resolve()
        for source in sources:
            if target / source.relative() == wanted:
                raise CorpusError(f"--report {report} is the output of {_named(source)} under --out {out}; "
                                  "choose another file")
    identity = file_identity(report)
    if identity is None:
        return  # a new file: no input
    for source in sources:
        if source.path is not None and file_identity(source.path) == identity:
            raise CorpusError(f"--report {report} is the input {source.path}; choose another file")


def file_identity(path: Path) -> tuple[int, int] | None:
    """The device and inode of the file at ``path`` (whatever path or link names it), or
    None when there is none."""
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_dev, found.st_ino


def _named(source: Source) -> str:
    return "standard input" if source.path is None else str(source.path)


def atomic_write(target: Path, data: bytes | Iterator[bytes], *, like: Path | None = None,
                 later: DeferredSync | None = None) -> None:
    """Write ``data`` to ``target`` so that a reader sees the old file or the new one,
    never a partial one; keep the permission bits of ``like`` (or of the target).
    The file is on disk when this returns, or, with ``later``, once ``later.commit()`` has."""
    target.parent.mkdir(parents=True, exist_ok=True)
    mode = mode_for(target, like)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            if isinstance(data, (bytes, bytearray)):
                stream.write(data)
            else:
                for chunk in data:
                    stream.write(chunk)
            stream.flush()
            if later is None:
                os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
    if later is not None:
        later.add(target)
        return
    try:  # make the rename itself durable
        directory = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
    except OSError:
        pass


class DeferredSync:
    """Files written by ``atomic_write(..., later=...)``, made durable together by
    ``commit``: one flush of each file system written to (Linux's ``syncfs``) instead
    of two fsyncs a file, which cost more than checking a small file does. Only for
    files that replace no input (``fix --out``): a crash before ``commit`` may leave
    some of them empty, and the run that wrote them has then not ended well; no
    input is ever written this way. Where ``syncfs`` is missing, ``commit`` fsyncs
    each file and folder, as ``atomic_write`` would have."""

    def __init__(self) -> None:
        self.syncfs = _syncfs()
        self.folders: dict[int, Path] = {}  # a folder of each file system written to, by device
        self.files: list[Path] = []  # kept only without syncfs
        self._last_folder: Path | None = None

    def add(self, path: Path) -> None:
        if self.syncfs is None:
            self.files.append(path)
            return
        folder = path.parent
        if folder != self._last_folder:  # a mirror tree is written folder by folder
            self._last_folder = folder
            self.folders.setdefault(os.stat(folder).st_dev, folder)

    def commit(self) -> None:
        """Everything added so far on disk; OSError when the system says a write failed."""
        for folder in self.folders.values():
            descriptor = os.open(folder, os.O_RDONLY)
            try:
                if self.syncfs(descriptor) != 0:
                    code = ctypes_errno()
                    raise OSError(code, os.strerror(code), str(folder))
            finally:
                os.close(descriptor)
        for path in self.files:
            _fsync_path(path)
            try:  # a folder cannot be fsynced on some systems; a file must be
                _fsync_path(path.parent)
            except OSError:
                pass
        self.folders.clear()
        self.files.clear()
        self._last_folder = None


def _fsync_path(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _syncfs():
    """Linux's ``syncfs(fd)`` (not in ``os``), or None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        return ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        return None


def ctypes_errno() -> int:
    import ctypes

    return ctypes.get_errno() or errno.EIO


class StreamWriter:
    """A file written in pieces and put in place atomically at ``commit``; compressed by
    the target's suffix (.gz, .zst) unless ``compress`` is False. ``abort`` leaves the
    target as it was."""

    def __init__(self, target: Path, *, like: Path | None = None, compress: bool = True) -> None:
        self.target = target
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, self.temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        self.raw = os.fdopen(handle, "wb")
        self.like = like
        if compress and target.name.endswith(".gz"):
            self.stream = gzip.GzipFile(fileobj=self.raw, mode="wb", mtime=0)
        elif compress and target.name.endswith(".zst"):
            import zstandard

            self.stream = zstandard.ZstdCompressor().stream_writer(self.raw, closefd=False)
        else:
            self.stream = self.raw

    def write(self, data: bytes) -> None:
        self.stream.write(data)

    def commit(self) -> None:
        if self.stream is not self.raw:
            self.stream.close()
        self.raw.flush()
        os.fsync(self.raw.fileno())
        self.raw.close()
        put_in_place(self.temporary, self.target, self.like)

    def abort(self) -> None:
        try:
            self.raw.close()
        finally:
            discard(self.temporary)


def mode_for(target: Path, like: Path | None) -> int:
    """Permission bits for a written file: those of ``like`` or of the file it replaces,
    else what a new file gets (0666 less the umask), not the 0600 of a temporary file."""
    for reference in (like, target):
        if reference is not None:
            try:
                return stat.S_IMODE(os.stat(reference).st_mode)
            except OSError:
                continue
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def put_in_place(temporary: str, target: Path, like: Path | None) -> None:
    """Rename a finished temporary file over ``target`` with the permission bits of
    ``like`` (or of the target it replaces)."""
    os.chmod(temporary, mode_for(target, like))
    os.replace(temporary, target)


def discard(temporary: str) -> None:
    try:
        os.unlink(temporary)
    except OSError:
        pass


LINE_BREAKING = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"}
# What json.dumps(data, ensure_ascii=False) builds afresh on every call (any option off
# its defaults makes it construct an encoder): built once, since a check writes one
# line per finding.
READABLE_JSON = json.JSONEncoder(ensure_ascii=False)


# stands for the list of items while the document around it is laid out
ITEMS = "\x00items\x00"


class StreamedList:
    """``json.dumps(document, ensure_ascii=False, indent=1)`` written in pieces, the one
    list that stands at ``ITEMS`` in ``document`` an item at a time: a check's JSON or
    SARIF output, or an edits file, without holding every item of a corpus. ``start`` is
    the text before the list, ``piece(item)`` each item's, ``end`` the rest."""

    def __init__(self, document) -> None:
        text = json.dumps(document, ensure_ascii=False, indent=1)
        self.start, self.after = text.split(json.dumps(ITEMS))
        last_line = self.start.rsplit("\n", 1)[-1]
        level = len(last_line) - len(last_line.lstrip(" "))  # the list's key is indented so
        self.pad = "\n" + " " * (level + 1)
        self.close = "\n" + " " * level + "]"
        self.empty = True

    def piece(self, item) -> str:
        body = json.dumps(item, ensure_ascii=False, indent=1).replace("\n", self.pad)
        first, self.empty = self.empty, False
        return ("[" if first else ",") + self.pad + body

    def end(self) -> str:
        return ("[]" if self.empty else self.close) + self.after


def json_line(data: Any) -> str:
    """Compact JSON for one line of a JSONL file: UTF-8 kept readable, but the
    characters that some readers (str.splitlines) take for line breaks escaped."""
    return escape_line_breaks(READABLE_JSON.encode(data))


def escape_line_breaks(line: str) -> str:
    """A JSON text with the characters of ``LINE_BREAKING`` escaped (JSON allows them raw)."""
    for char, escape in LINE_BREAKING.items():
        if char in line:
            line = line.replace(char, escape)
    return line


def record_line(record: Record, text: str) -> bytes:
    """The JSONL line of a record with its text replaced; every other byte of the line
    as it was read (other fields as written: "1e5", "\\u00e9", key order, spacing, a
    duplicate key, the line ending or its absence on the last line, a BOM)."""
    raw = record.raw
    if text == record.document.text and raw:
        return raw
    value = escape_line_breaks(READABLE_JSON.encode(text))
    if raw:
        line = raw.decode("utf-8")
        body = line.rstrip("\r\n")
        span = _field_value_span(body, record.text_field)
        if span is not None:
            start, end = span
            # a lone surrogate (from a "\ud800" escape) is written as that escape again
            return (body[:start] + value + body[end:] + line[len(body):]).encode("utf-8", "backslashreplace")
    data = dict(record.data)  # a record made in code, not read from a line
    data[record.text_field] = text
    return (json_line(data) + "\n").encode("utf-8", "backslashreplace")


_JSON_VALUE = json.JSONDecoder()
_JSON_SPACE = " \t\n\r"


def _field_value_span(line: str, field: str) -> tuple[int, int] | None:
    """Where the value of the top-level ``field`` of the JSON object ``line`` is written
    (its last occurrence, the one ``json.loads`` keeps), or None."""
    def skip_space(at: int) -> int:
        while at < len(line) and line[at] in _JSON_SPACE:
            at += 1
        return at

    at = skip_space(1 if line.startswith("\ufeff") else 0)
    if not line.startswith("{", at):
        return None
    at = skip_space(at + 1)
    found = None
    try:
        while at < len(line) and line[at] == '"':
            key, at = scanstring(line, at + 1)
            at = skip_space(at)
            if not line.startswith(":", at):
                return None
            start = skip_space(at + 1)
            _, end = _JSON_VALUE.raw_decode(line, start)
            if key == field:
                found = (start, end)
            at = skip_space(end)
            if not line.startswith(",", at):
                break
            at = skip_space(at + 1)
    except ValueError:
        return None
    return found


def per_file_ignored(file: str, per_file_ignores: dict[str, list[str]]) -> list[str]:
    """Rule selectors ignored for a file by ``per-file-ignores`` globs (for a JSONL
    record, its file's: ``runner.file_of``; a "#" may be part of a file's name)."""
    ignored: list[str] = []
    for pattern, selectors in per_file_ignores.items():
        if fnmatch.fnmatch(file, pattern) or fnmatch.fnmatch(Path(file).name, pattern):
            ignored.extend(selectors)
    return ignored
