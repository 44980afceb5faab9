"""Records kept on disk for the first pass, so that memory stays flat on any corpus.

The corpus-level rules count what they see across all documents: every template line,
every story, every spelling of a name. Those counts grow with the corpus, so past a
number of entries (``SPILL_AFTER``) a rule's running total goes to files instead: each
record is appended to one of ``PARTITIONS`` files, chosen by its key, and at the end of
the pass the files are read back one at a time, each small enough to count in memory.
A record's key always goes to the same file, and a file keeps its records in the order
they came, so the counts, and the order in which forms were first seen, are the ones
an in-memory count gives.

Records are plain binary (``struct``; strings as UTF-8 with their lengths before them):
reading them back builds numbers, bytes and strings, never objects, as the rest of the
tool's reading does. The files are in a private temporary folder (``tempfile``:
``$TMPDIR``, else the system's), removed when the total is finished or the process ends.
"""

from __future__ import annotations

import struct
import tempfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .corpus import CorpusError

PARTITIONS = 256
# Entries a running total holds in memory before it spills: about 25 MB of Python
# objects for a counter of 8-byte keys, so the three corpus rules stay well under the
# budget of a run however large its corpus.
SPILL_AFTER = 250_000
BUFFERED = 4 << 20  # bytes of records held before they are written out

Encode = Callable[..., bytes]
Decode = Callable[[bytes], Iterable[tuple]]


def fixed(layout: str) -> tuple[Encode, Decode]:
    """The codec of records of fixed width, as ``struct`` lays them out."""
    packer = struct.Struct(layout)
    return packer.pack, packer.iter_unpack


_TEXTS_AND_COUNT = struct.Struct("<IIq")


def _encode_texts_and_count(first: str, second: str, count: int) -> bytes:
    one, two = first.encode("utf-8", "surrogatepass"), second.encode("utf-8", "surrogatepass")
    return _TEXTS_AND_COUNT.pack(len(one), len(two), count) + one + two


def _decode_texts_and_count(data: bytes) -> Iterator[tuple[str, str, int]]:
    size, position, end = _TEXTS_AND_COUNT.size, 0, len(data)
    while position < end:
        one, two, count = _TEXTS_AND_COUNT.unpack_from(data, position)
        position += size
        first = data[position : position + one].decode("utf-8", "surrogatepass")
        position += one
        second = data[position : position + two].decode("utf-8", "surrogatepass")
        position += two
        yield first, second, count


TEXTS_AND_COUNT: tuple[Encode, Decode] = (_encode_texts_and_count, _decode_texts_and_count)


class SpillError(CorpusError):
    """The first pass's files could not be written or read (a full disk, say)."""

    def __init__(self, folder: str, error: OSError) -> None:
        super().__init__(f"{folder}: cannot keep the corpus rules' first-pass totals there: "
                         f"{error.strerror or error} (set TMPDIR to a folder with room)")


def text_partition(text: str) -> int:
    """A stable partition for a string key (``hash()`` differs between processes)."""
    return zlib.crc32(text.encode("utf-8", "surrogatepass")) % PARTITIONS


class Spill:
    """Records appended by partition to files of a temporary folder; read back one
    partition at a time, in the order they were added."""

    def __init__(self, codec: tuple[Encode, Decode], partitions: int = PARTITIONS) -> None:
        self._encode, self._decode = codec
        try:
            self._folder = tempfile.TemporaryDirectory(prefix="cleanup-spill-")
        except OSError as error:
            raise SpillError(tempfile.gettempdir(), error) from None
        self._buffers = [bytearray() for _ in range(partitions)]
        self._pending = 0

    def add(self, partition: int, *record) -> None:
        data = self._encode(*record)
        self._buffers[partition] += data
        self._pending += len(data)
        if self._pending >= BUFFERED:
            self._flush()

    def _path(self, partition: int) -> Path:
        return Path(self._folder.name) / f"{partition:03d}.records"

    def _flush(self) -> None:
        try:
            for partition, data in enumerate(self._buffers):
                if data:
                    with open(self._path(partition), "ab") as stream:
                        stream.write(data)
                    data.clear()
        except OSError as error:
            self.close()
            raise SpillError(self._folder.name, error) from None
        self._pending = 0

    def partitions(self) -> Iterator[list[tuple]]:
        """Each partition's records in turn (its file is removed once read); then the
        folder is removed."""
        self._flush()
        try:
            for partition in range(len(self._buffers)):
                path = self._path(partition)
                try:
                    data = path.read_bytes() if path.exists() else b""
                except OSError as error:
                    raise SpillError(self._folder.name, error) from None
                path.unlink(missing_ok=True)
                yield list(self._decode(data))
        finally:
            self.close()

    def close(self) -> None:
        self._folder.cleanup()
