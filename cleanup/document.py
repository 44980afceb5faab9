"""A document: its decoded text, where it came from, and how to write it back.

Rules see ``Document.text``. The byte-level envelope (a UTF-8 BOM, CRLF line endings
used throughout) is taken off on decoding and put back by ``encode`` so that a round
trip is lossless; a file with mixed line endings keeps them in the text as they are.
"""

from __future__ import annotations

import bisect
import hashlib
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

BOM = "\ufeff"


class NotUtf8Error(ValueError):
    """The bytes are not valid UTF-8; ``guess`` is what charset-normalizer thinks they are."""

    def __init__(self, message: str, *, guess: str | None, position: int) -> None:
        super().__init__(message)
        self.guess = guess
        self.position = position


@dataclass(frozen=True, slots=True)
class Envelope:
    """What must be restored around the text when it is written back as bytes."""

    bom: bool = False
    crlf: bool = False  # every line break in the original was CRLF; the text uses LF
    converted_from: str | None = None  # the legacy encoding the bytes were decoded from

    def wrap(self, text: str) -> str:
        if self.crlf:
            text = text.replace("\n", "\r\n")
        return (BOM + text) if self.bom else text


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def detect_encoding(data: bytes) -> str | None:
    """The legacy encoding of bytes that are not UTF-8 (``recode.legacy_encoding``),
    judged on their first 200,000 bytes."""
    from .recode import legacy_encoding

    return legacy_encoding(data[:200_000])


def guess_phrase(guess: str | None) -> str:
    """What a report says of the encoding ``detect_encoding`` guessed ("" for none)."""
    if guess is None:
        return ""
    if guess == "utf_8":
        return "it is mostly UTF-8, with bytes that are not"
    return f"it looks like {guess}"


def convert(data: bytes, encoding: str) -> tuple[str, Envelope]:
    """Decode bytes in a legacy encoding (asked for explicitly); written back as UTF-8."""
    text = data.decode(encoding)
    text, envelope = decode(text.encode("utf-8"))
    return text, Envelope(envelope.bom, envelope.crlf, encoding)


UTF16_SAMPLE = 8192
TEXT_BYTES = bytes([9, 10, 13, *range(32, 127)])


def utf16_without_bom(data: bytes) -> str | None:
    """``utf_16_le`` or ``utf_16_be`` for text saved as UTF-16 with no byte-order mark
    (a Windows export): a NUL in nearly every other byte of its start, as English text
    has in UTF-16, and no binary file does. None otherwise."""
    sample = data[:UTF16_SAMPLE]
    if len(sample) < 8 or b"\x00" not in sample:
        return None
    pairs = len(sample) // 2
    for name, zero_at in (("utf_16_le", 1), ("utf_16_be", 0)):
        zeros = sample[zero_at : 2 * pairs : 2].count(0)
        low = sample[1 - zero_at : 2 * pairs : 2]
        # and the other bytes mostly letters, figures and spaces: an array of small
        # integers has the NULs too
        if zeros >= 0.9 * pairs and low.count(0) == 0 and len(low.translate(None, TEXT_BYTES)) <= 0.1 * pairs:
            return name
    return None


def decode(data: bytes) -> tuple[str, Envelope]:
    """Decode UTF-8 bytes, taking off the envelope. Raises NotUtf8Error otherwise."""
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        raise NotUtf8Error("UTF-16 text (byte-order mark)", guess="utf_16", position=0)
    utf16 = utf16_without_bom(data)
    if utf16 is not None:
        raise NotUtf8Error("UTF-16 text (no byte-order mark)", guess=utf16, position=0)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise NotUtf8Error(
            f"not valid UTF-8 at byte {error.start}",
            guess=detect_encoding(data),
            position=error.start,
        ) from None
    bom = text.startswith(BOM)
    if bom:
        text = text[1:]
    crlf = False
    if "\r" in text:
        crlf_count = text.count("\r\n")
        if crlf_count and crlf_count == text.count("\n") == text.count("\r"):
            text = text.replace("\r\n", "\n")
            crlf = True
    return text, Envelope(bom=bom, crlf=crlf)


@dataclass
class Document:
    """One document of a corpus. ``path`` is what reports show (``FILE#ID`` for JSONL)."""

    path: str
    text: str
    envelope: Envelope = field(default_factory=Envelope)
    doc_id: str | None = None
    digest: str | None = None  # sha256 of the original bytes (files) or of the UTF-8 text (records)

    @classmethod
    def from_text(cls, text: str, path: str = "<text>") -> Document:
        return cls(path=path, text=text, digest=sha256(text.encode("utf-8")))

    def encode(self, text: str | None = None) -> bytes:
        return self.envelope.wrap(self.text if text is None else text).encode("utf-8")

    @cached_property
    def line_starts(self) -> array:
        # machine integers: a text may have a line every few characters
        starts = array("q", [0])
        find = self.text.find
        position = find("\n")
        while position != -1:
            starts.append(position + 1)
            position = find("\n", position + 1)
        return starts

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in code points) of a code-point offset."""
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def line_cols(self, start: int, end: int) -> tuple[int, int, int, int]:
        """``line_col`` of ``start`` and of ``end``, with one search when both are on one
        line (as most findings are)."""
        starts = self.line_starts
        index = bisect.bisect_right(starts, start) - 1
        line, column = index + 1, start - starts[index] + 1
        if index + 1 == len(starts) or end < starts[index + 1]:
            return line, column, line, end - starts[index] + 1
        return (line, column, *self.line_col(end))

    def line_span(self, line_index: int) -> tuple[int, int]:
        """Start and end (exclusive, before the newline) of the 0-based line."""
        starts = self.line_starts
        start = starts[line_index]
        end = starts[line_index + 1] - 1 if line_index + 1 < len(starts) else len(self.text)
        if end > start and self.text[end - 1] == "\r":
            end -= 1
        return start, end

    @cached_property
    def line_table(self) -> list[tuple[int, int, int, str]]:
        """(0-based index, start, end, line text without its newline) of every line."""
        return list(self.lines())

    def lines(self) -> Iterator[tuple[int, int, int, str]]:
        """Yield (0-based index, start, end, line text without its newline), made as they
        are read: a row a line, kept, weighs several times a text of short lines."""
        text = self.text
        starts = self.line_starts
        last = len(starts) - 1
        for index, start in enumerate(starts):
            end = starts[index + 1] - 1 if index < last else len(text)
            if end > start and text[end - 1] == "\r":
                end -= 1
            yield index, start, end, text[start:end]

    def line_removal(self, line_index: int) -> tuple[int, int]:
        """The span to delete to remove a whole line: the line and its newline, and a
        following blank line when the removed line stood between blank lines (or at the
        top), so that paragraphs stay separated by exactly what separated them."""
        starts = self.line_starts
        text = self.text
        start = starts[line_index]
        if line_index + 1 >= len(starts):  # last line: take the newline before it instead
            end = len(text)
            if line_index > 0:
                start -= 1
                if text[start - 1 : start] == "\r":
                    start -= 1
                previous_start = starts[line_index - 1]
                if not text[previous_start:start].strip() and line_index > 1:
                    start = previous_start - 1
            return start, end
        end = starts[line_index + 1]
        after_start, after_end = self.line_span(line_index + 1)
        blank_before = line_index == 0 or not text[slice(*self.line_span(line_index - 1))].strip()
        if blank_before and not text[after_start:after_end].strip() and line_index + 2 < len(starts):
            end = starts[line_index + 2]
        return start, end

    @cached_property
    def is_ascii(self) -> bool:
        return self.text.isascii()

    @cached_property
    def _has_char(self) -> dict[str, bool]:
        return {}

    def contains(self, literal: str) -> bool:
        """``literal in self.text``. A search for one character runs at memory speed, one
        for a longer string several times slower: rules test many short literals per
        document, and most are ruled out by a character the text lacks, looked up once
        per document for every rule."""
        text = self.text
        known = self._has_char
        for char in literal:
            present = known.get(char)
            if present is None:
                present = known[char] = char in text
            if not present:
                return False
        return len(literal) == 1 or literal in text

    def with_text(self, text: str) -> Document:
        """The same document with another text (an intermediate state while fixing)."""
        return Document(self.path, text, self.envelope, self.doc_id, self.digest)
