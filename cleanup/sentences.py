"""Paragraphs, sentences, words and quotation spans of a document, for the heuristic
rules (``mt.*``, quote checks, readability).

A paragraph is one non-blank line: news text as scraped keeps a paragraph on a line,
and a headline is a line of its own. Sentences are split at ``.``, ``!`` or ``?``
followed by space and a capital letter, digit or opening mark, except after a known
abbreviation (``rules/abbreviations.txt``), an initial or a dotted token ("U.S.").
Every offset is a code-point offset into the document text.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import accumulate, chain, repeat
from pathlib import Path

import regex

from .language import ascii_token_runs, ascii_view
from .language import looks_english  # noqa: F401 - the heuristics' language gate, re-exported
from .pagelayout import page_lines, wrapped_paragraphs
from .ruleset import default_rules_dir
from .textcache import per_text

OPENING_DOUBLE = "“„"  # guillemets are left out: English pages use » as an arrow
LOW_OPENING = "„"
CLOSING_DOUBLE = "”"
STRAIGHT_DOUBLE = '"'
OPENING_SINGLE = "‘"
CLOSING_SINGLE = "’"
# Some newsroom systems (AP and Reuters wires among them) write a double mark as two
# single ones: ‘‘like this’’. They are read as one double mark; the partner character
# becomes a word joiner so that offsets hold.
DOUBLED_SINGLES = {"‘‘": "“\u2060", "’’": "\u2060”", "``": "“\u2060"}
DOUBLED_SINGLE = regex.compile("|".join(DOUBLED_SINGLES))
# A line that credits a quotation set off above it: "— Rep. Jane Doe (@janedoe) May 1,
# 2019" under an embedded post, "– Mark Twain" under an epigraph.
ATTRIBUTION = regex.compile(r"^(?:[—–―]|--?)[ \t]*\p{Lu}[^\n]{0,150}$")
ATTRIBUTION_STARTS = ("—", "–", "―", "-")  # the characters ATTRIBUTION can start with
# Where a paragraph after the first may start with one of them: a line feed, space (a
# paragraph is a stripped line; \s is str.isspace, as strip is) and the dash. Most
# texts have none, and then no paragraph is looked at.
DASH_OPENS_LINE = re.compile(r"\n\s*[—–―-]")

WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’\-]*|\d[\d,.]*\d|\d")
# ``WORD`` in a text with an ASCII view (no letter, mark or digit outside ASCII)
ASCII_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*|[0-9][0-9,.]*[0-9]|[0-9]")
BOUNDARY = regex.compile(
    # the end mark is matched, not looked behind for: a pattern that begins with a
    # character class lets the engine skip ahead to the next candidate
    r"""[.!?]([)\]"”’»]*)         # the sentence's end and any closing marks
        [ \t\u00a0]+              # the space between sentences
        (?=[(\["“‘«]*[\p{Lu}\d])   # the next sentence starts with a capital or a digit""",
    regex.VERBOSE,
)
# ``BOUNDARY`` in a text whose letters and digits are all ASCII (it has an ASCII view):
# \p{Lu} is then [A-Z] and \d [0-9], and the stdlib scan of such classes is faster
ASCII_BOUNDARY = re.compile(r"""[.!?]([)\]"”’»]*)[ \t\u00a0]+(?=[(\["“‘«]*[A-Z0-9])""")
# ``ASCII_BOUNDARY`` split by its end mark: a pattern that begins with one literal
# character is scanned for with a tight loop, several times faster than a class, and
# most texts have no ! or ? for the second pattern to look for. A match takes in one
# end mark, at its start, so the two find together what ``ASCII_BOUNDARY`` finds.
ASCII_FULL_STOP_BOUNDARY = re.compile(r"""\.([)\]"”’»]*)[ \t\u00a0]+(?=[(\["“‘«]*[A-Z0-9])""")
ASCII_OTHER_BOUNDARY = re.compile(r"""[!?]([)\]"”’»]*)[ \t\u00a0]+(?=[(\["“‘«]*[A-Z0-9])""")
TOKEN_BEFORE = regex.compile(r"(\S+?)[.!?]+[)\]\"”’»]*$")
# the last space before a position, searched backwards from it: a sentence end's token
LAST_SPACE = regex.compile(r"\s", regex.REVERSE)
CLOSING_MARKS = ")]\"”’»"
# the characters quote_spans acts on; every other character leaves its state as it is
QUOTE_MARK_CHARS = OPENING_DOUBLE + CLOSING_DOUBLE + STRAIGHT_DOUBLE + OPENING_SINGLE + CLOSING_SINGLE
QUOTE_MARK = re.compile("[" + re.escape(QUOTE_MARK_CHARS) + "]")
TERMINATED = regex.compile(r"[.!?][)\]\"”’»]*\s*$")
CLOSERS_AND_SPACE = regex.compile(r"[)\]\"”’»\s]*")
TAIL = 64  # characters of a paragraph's end read first to tell whether it is terminated
# A letter as "L", anything else as a space, one byte per character of the ASCII view:
# bytes.find and bytes.count then answer "a letter here?" and "how many letters?"
# without visiting characters in Python.
LETTER_BYTES = bytes(76 if (65 <= c <= 90 or 97 <= c <= 122) else 32 for c in range(256))
# ``WORD`` over ASCII: a letter "L", the other characters a word may go on with (' and -)
# "h", a digit "0", anything else a space. A word then starts at every " L", as long as
# no run starts with "h" and the sentence has no digit (those are counted exactly).
WORD_BYTES = bytes(76 if (65 <= c <= 90 or 97 <= c <= 122) else 104 if c in b"'-"
                   else 48 if 48 <= c <= 57 else 32 for c in range(256))
# Counting every word of ``WORD`` over ASCII, from ``WORD_BYTES``: a run of letters, '
# and - is one word when it has a letter (the word starts there and takes the rest in),
# so with ' and - left out (``bytes.translate`` deletes them) and digits made space it
# is one run of "L". A run of digits, commas and full stops is one number when it has a
# digit (from its first digit to its last), so with , and . left out it is one run of
# "0" (``NUMBER_BYTES``: a digit "0", a comma or a full stop "c", anything else space).
LETTER_RUN_BYTES = bytes(c if c in b"Lh" else 32 for c in range(256))
NUMBER_BYTES = bytes(48 if 48 <= c <= 57 else 99 if c in b",." else 32 for c in range(256))


@lru_cache(maxsize=None)
def word_list(name: str) -> frozenset[str]:
    """The words of ``rules/<name>.txt``: one a line, ``#`` starts a comment line."""
    path = Path(default_rules_dir()) / f"{name}.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def abbreviations() -> frozenset[str]:
    return word_list("abbreviations")


def function_words() -> frozenset[str]:
    return word_list("function-words")


def alternation_by_initial(words) -> bytes:
    """A pattern of bytes that matches any of ``words`` (bytes, none empty), grouped
    by their first byte: where it is tried, one byte rules out most of the words
    (a plain alternation tries them one after the other). Empty for no words."""
    by_initial: dict[bytes, list[bytes]] = {}
    for word in sorted(words):
        by_initial.setdefault(word[:1], []).append(re.escape(word[1:]))
    return b"|".join(re.escape(initial) + b"(?:%s)" % b"|".join(sorted(rests, key=len, reverse=True))
                     for initial, rests in by_initial.items())


def token_is_abbreviation(token: str) -> bool:
    """Whether a token that ends with full stops (not counted) does not end a sentence."""
    token = token.lstrip("([\"“‘")
    if token in abbreviations():
        return True
    if len(token) == 1 and token.isupper():
        return True  # an initial: "John F. Kennedy"
    return "." in token and any(c.isalpha() for c in token)  # "U.S.", "a.m."


def ends_with_abbreviation(text: str) -> bool:
    """Whether ``text`` (up to a full stop) ends with an abbreviation, an initial or a
    dotted token, so that the full stop does not end a sentence."""
    if not text.endswith("."):
        return False
    match = TOKEN_BEFORE.search(text)
    if match is None:
        return False
    return token_is_abbreviation(match.group(1))


def token_ends_with_abbreviation(token: str) -> bool:
    """``ends_with_abbreviation`` of a token without space that ends with [.!?] (no
    closing mark after it): then ``TOKEN_BEFORE`` takes all but the final run of
    [.!?] (the first character when there is nothing else), which plain string
    operations find without the regex."""
    if not token.endswith("."):
        return False
    stem = token.rstrip(".!?")
    if not stem:
        if len(token) < 2:
            return False
        stem = token[0]
    return token_is_abbreviation(stem)


# the same tokens end many sentences ("year.", "Mr."): each is judged once
cached_token_ends_with_abbreviation = lru_cache(maxsize=8192)(token_ends_with_abbreviation)


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int  # 0-based index of the paragraph in the document
    index: int  # position of the sentence in its paragraph
    count: int  # sentences in the paragraph
    quoted: float  # share of the sentence's letters inside quotation marks

    @property
    def words(self) -> list[str]:
        return WORD.findall(self.text)

    @property
    def is_last(self) -> bool:
        return self.index == self.count - 1


# not frozen (a frozen dataclass sets each field through object.__setattr__, 3x the
# cost of building one), hashable as if it were; nothing changes a paragraph once built
@dataclass(slots=True, unsafe_hash=True)
class Paragraph:
    index: int
    start: int
    end: int
    text: str
    quotes: tuple[tuple[int, int], ...]  # quoted spans, document offsets
    balanced: bool  # every quotation mark opened in the paragraph is closed in it
    block_quote: bool = False  # part of a quotation set off above an attribution line
    # ``terminated(text)``, worked out once by ``structure`` for every rule that asks
    ends_as_text: bool | None = field(default=None, compare=False, repr=False)

    @property
    def terminated(self) -> bool:
        """Ends like running text (a full stop, ? or !, maybe inside a closing mark);
        headlines, bylines and captions do not."""
        if self.ends_as_text is not None:
            return self.ends_as_text
        return terminated(self.text)


def terminated(text: str) -> bool:
    # most paragraphs (stripped lines) end with the mark or with a letter: the pattern
    # can end only at [.!?], a closing mark or space (\s is a subset of str.isspace)
    last = text[-1:]
    if last in (".", "!", "?"):
        return True
    if last and last not in CLOSING_MARKS and not last.isspace():
        return False
    # the pattern is anchored at the end, but a search tries every position: read the
    # tail, and the whole text only when the tail is all closing marks and space
    low = max(0, len(text) - TAIL)
    if TERMINATED.search(text, low):
        return True
    if low and CLOSERS_AND_SPACE.fullmatch(text, low + 1):
        return bool(TERMINATED.search(text))
    return False


def has_quote_mark(text: str) -> bool:
    """Whether ``quote_spans`` has a mark to read in ``text`` (`` is read as one):
    ``QUOTE_MARK.search``, with ``in`` tests that skip through the text much faster."""
    if STRAIGHT_DOUBLE in text or "``" in text:
        return True
    return not text.isascii() and any(mark in text for mark in QUOTE_MARK_CHARS)


def normalise_marks(text: str) -> str:
    """``text`` with double marks written as two single ones (‘‘ ’’ ``) turned into one
    double mark and a word joiner: the same length, so offsets hold."""
    if "‘‘" not in text and "’’" not in text and "``" not in text:
        return text
    return DOUBLED_SINGLE.sub(lambda match: DOUBLED_SINGLES[match.group()], text)


def quote_spans(text: str, offset: int = 0) -> tuple[list[tuple[int, int]], bool]:
    """Spans of ``text`` inside double quotation marks (curly or straight) and single
    curly marks that open after a space; and whether every mark found was paired."""
    text = normalise_marks(text)
    spans: list[tuple[int, int]] = []
    balanced = True
    open_at: int | None = None
    single_at: int | None = None
    length = len(text)
    for mark in QUOTE_MARK.finditer(text):
        position = mark.start()
        char = text[position]
        before = text[position - 1] if position else " "
        after = text[position + 1] if position + 1 < length else " "
        if open_at is not None and text[open_at] == LOW_OPENING and char == "“":
            spans.append((offset + open_at, offset + position + 1))  # German style „…“
            open_at = None
        elif char in OPENING_DOUBLE or (char == STRAIGHT_DOUBLE and open_at is None and not before.isdigit()
                                      and not before.isalnum()):
            if open_at is not None:
                balanced = False
            open_at = position
        elif char in CLOSING_DOUBLE or (char == STRAIGHT_DOUBLE and open_at is not None):
            if open_at is None:
                balanced = False
                continue
            spans.append((offset + open_at, offset + position + 1))
            open_at = None
        elif char == OPENING_SINGLE and not before.isalnum() and open_at is None:
            single_at = position
        elif char == CLOSING_SINGLE and single_at is not None and not after.isalnum():
            spans.append((offset + single_at, offset + position + 1))
            single_at = None
        elif char == STRAIGHT_DOUBLE:
            balanced = False  # a straight mark glued to a word on its left, none open
    if open_at is not None:
        balanced = False
        spans.append((offset + open_at, offset + len(text)))
    return spans, balanced


def letters_before(text: str) -> list[int]:
    """``result[i]``: the letters (``str.isalpha``) in ``text[:i]``."""
    return [0, *accumulate(map(str.isalpha, text))]


def letter_map(text: str) -> bytes | None:
    """``text`` as ``LETTER_BYTES`` (offsets hold), or None when it has a letter
    outside ASCII (otherwise every letter is ASCII, where ``str.isalpha`` is [A-Za-z])."""
    view = ascii_view(text)
    return None if view is None else view.encode("ascii").translate(LETTER_BYTES)


class LetterCounts:
    """``letters_before`` of one paragraph, at the points asked for, from a letter map:
    counted between successive points once instead of for every character."""

    __slots__ = ("counts",)

    def __init__(self, letters: bytes, offset: int, points) -> None:
        counts = {}
        total = 0
        last = offset
        for point in sorted(set(points)):
            total += letters.count(b"L", last, offset + point)
            last = offset + point
            counts[point] = total
        self.counts = counts

    def __getitem__(self, point: int) -> int:
        return self.counts[point]


def quoted_letters(pieces, spans, letters: list[int], offset: int) -> list[int]:
    """For each span (document offsets, in order) of ``pieces``, the letters inside the
    quotation ``spans``, a letter counted once for every span it is in: one sweep over
    the span ends instead of every span for every piece. ``letters`` is
    ``letters_before`` of the paragraph that starts at ``offset``."""
    if not spans:
        return [0] * len(pieces)
    starts = sorted(start for start, _ in spans)
    ends = sorted(end for _, end in spans)
    # a span's letters before ``point`` are letters[min(end, point)] - letters[start]:
    # summed over the spans started before it (a span ends after it starts)
    opened = closed = 0  # spans started before the point swept to; spans ended by it
    start_letters = end_letters = 0  # letters before those starts; before those ends

    def inside_before(point: int) -> int:
        """Letters of the spans' parts before ``point`` (points come in order)."""
        nonlocal opened, closed, start_letters, end_letters
        while opened < len(starts) and starts[opened] < point:
            start_letters += letters[starts[opened] - offset]
            opened += 1
        while closed < len(ends) and ends[closed] <= point:
            end_letters += letters[ends[closed] - offset]
            closed += 1
        return end_letters + (opened - closed) * letters[point - offset] - start_letters

    result = []
    for low, high in pieces:
        before = inside_before(low)
        result.append(inside_before(high) - before)
    return result


def last_token(text: str, start: int, end: int) -> str:
    """``text[start:end]`` after its last space (``LAST_SPACE``, any white space), or all
    of it. The last plain space is found with ``str.rfind``; the reverse regex search is
    needed only when what follows it is not printable: every white space character but
    the plain space is not (control characters and separators)."""
    blank = text.rfind(" ", start, end)
    token = text[blank + 1 if blank >= 0 else start : end]
    if token.isprintable():
        return token
    space = LAST_SPACE.search(text, start, end)
    return text[space.end() if space else start : end]


def split_paragraph(text: str, offset: int = 0, letters: list[int] | None = None,
                    letter_bytes: bytes | None = None) -> list[tuple[int, int]]:
    """Sentence spans of one paragraph, in document offsets, trimmed of spaces.
    ``letters``: ``letters_before(text)``, when the caller has it; ``letter_bytes``:
    the document's ``letter_map`` instead (the paragraph starts at ``offset`` in it)."""
    if letters is None and letter_bytes is None:
        letters = letters_before(text)
    spans = []
    start = 0
    # a letter map exists only for a text with an ASCII view
    for match in (BOUNDARY if letter_bytes is None else ASCII_BOUNDARY).finditer(text):
        end = match.end(1)
        # the token before the boundary ends with the mark BOUNDARY matched (closing
        # marks stripped): only a full stop can follow an abbreviation
        if text[match.start()] == ".":
            # only the last token decides; reading just it keeps a paragraph of many
            # abbreviations ("Gen. A. B. Smith ...") linear
            token = last_token(text, start, end)
            # the token has no space in it; most end a sentence after a word that is
            # not an abbreviation
            if token_ends_with_abbreviation(token.rstrip(CLOSING_MARKS)):
                continue
        spans.append((start, end))
        start = match.end()
    spans.append((start, len(text)))
    result = []
    for low, high in spans:
        if letters is None:
            if letter_bytes.find(b"L", offset + low, offset + high) < 0:
                continue  # no letter: nothing to read
        elif letters[high] == letters[low]:
            continue  # no letter: nothing to read
        if not (text[low].isspace() or text[high - 1].isspace()):
            # the usual piece: it starts where a sentence may and ends at its mark
            result.append((offset + low, offset + high))
            continue
        piece = text[low:high]
        stripped = piece.strip()
        low += len(piece) - len(piece.lstrip())
        result.append((offset + low, offset + low + len(stripped)))
    return result


@dataclass(frozen=True, slots=True)
class Structure:
    """The paragraphs, and the sentences as parallel arrays (one entry a sentence, in
    order): most rules read a few fields of every sentence, and one object a sentence
    cost more than the rules' reading of them. ``sentences`` builds the objects for
    the callers that want them."""

    paragraphs: tuple[Paragraph, ...]
    # machine integers, not a Python object each: a text of short lines (a list, a data
    # dump) has a sentence every few characters
    starts: Sequence[int]  # document offsets
    ends: Sequence[int]
    owners: Sequence[int]  # the paragraph's index
    positions: Sequence[int]  # the sentence's index in its paragraph
    quoted: Sequence[float]  # share of the sentence's letters inside quotation marks
    # paragraph p's sentences are first_sentence[p] to first_sentence[p + 1] - 1
    first_sentence: Sequence[int]
    text: str = field(default="", compare=False, repr=False)
    # what rules derive from the text, computed once for all of them (see the methods)
    _cache: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        if "sentences" not in self._cache:
            self._cache["sentences"] = tuple(self.sentence(number) for number in range(len(self.starts)))
        return self._cache["sentences"]

    def sentence(self, number: int) -> Sentence:
        """The ``number``-th sentence of the document as an object."""
        low, high, owner = self.starts[number], self.ends[number], self.owners[number]
        count = self.first_sentence[owner + 1] - self.first_sentence[owner]
        return Sentence(low, high, self.text[low:high], owner, self.positions[number], count,
                        self.quoted[number])

    def word_counts(self) -> list[int]:
        """``word_count`` of each sentence, computed once for every rule that asks."""
        if "words" not in self._cache:
            self._cache["words"] = sentence_word_counts(self.text, self.starts, self.ends)
        return self._cache["words"]

    def token_runs(self, hyphens: bool = False) -> bytes | None:
        """``token_runs(text, hyphens)`` of the document, computed once."""
        key = ("runs", hyphens)
        if key not in self._cache:
            self._cache[key] = token_runs(self.text, hyphens)
        return self._cache[key]

    def sentence_numbers(self, index: int) -> range:
        """The numbers of paragraph ``index``'s sentences (none for a paragraph without)."""
        return range(self.first_sentence[index], self.first_sentence[index + 1])

    def in_paragraph(self, index: int) -> list[Sentence]:
        return [self.sentence(number) for number in self.sentence_numbers(index)]


def ascii_boundaries(text: str) -> list[tuple[int, int, int]]:
    """The matches of ``ASCII_BOUNDARY`` in ``text`` as (start, end of the closing
    marks, end), in order."""
    found = [(match.start(), match.end(1), match.end()) for match in ASCII_FULL_STOP_BOUNDARY.finditer(text)]
    if "!" in text or "?" in text:
        found += [(match.start(), match.end(1), match.end()) for match in ASCII_OTHER_BOUNDARY.finditer(text)]
        found.sort()
    return found


def ascii_sentence_pieces(text: str, start: int, stop: int, boundaries: list[tuple[int, int, int]],
                          first: int, letter_bytes: bytes) -> tuple[list[tuple[int, int]], int]:
    """``split_paragraph`` of the paragraph ``text[start:stop]`` of a text with an ASCII
    view, from the document's ``ASCII_BOUNDARY`` matches as (start, end of the closing
    marks, end), the paragraph's from number ``first`` on; and the number of the first
    match after the paragraph. A match lies inside a line (the pattern takes in no line
    break and starts and ends beside a character that is not space), so the document's
    matches are its paragraphs' matches, in document offsets."""
    count = len(boundaries)
    number = first
    spans = []
    low = start
    while number < count and boundaries[number][0] < stop:
        mark, end, after = boundaries[number]
        number += 1
        if text[mark] == ".":
            # ``last_token`` inline for its usual case (a printable token after a plain
            # space): nearly every boundary is a full stop, and each one asks
            blank = text.rfind(" ", low, end)
            token = text[blank + 1 if blank >= 0 else low : end]
            if not token.isprintable():
                token = last_token(text, low, end)
            if cached_token_ends_with_abbreviation(token.rstrip(CLOSING_MARKS)):
                continue
        spans.append((low, end))
        low = after
    if not spans:
        # one sentence (a headline, a caption, a short paragraph): the paragraph is stripped
        return ([(start, stop)] if letter_bytes.find(b"L", start, stop) >= 0 else []), number
    spans.append((low, stop))
    pieces = []
    for low, high in spans:
        if letter_bytes.find(b"L", low, high) < 0:
            continue  # no letter: nothing to read
        if text[low].isspace() or text[high - 1].isspace():
            piece = text[low:high]
            low += len(piece) - len(piece.lstrip())
            high = low + len(piece.strip())
        pieces.append((low, high))
    return pieces, number


@per_text(maxsize=8)
def structure(text: str) -> Structure:
    """The paragraphs and sentences of ``text`` (cached: several rules ask for them).
    A paragraph is a line, but in a hard-wrapped text (``pagelayout.wrapped_lines``),
    where it is the run of lines it was broken into: the structure is that of the
    text with those line breaks read as spaces (offsets unchanged; the sentences'
    text has the spaces)."""
    source = unwrapped(text)
    # the lines ``page_lines`` split (every text's layout has them) are shared, not split again
    return _structure(source, page_lines(text).lines if source is text else source.split("\n"))


def unwrapped(text: str) -> str:
    """``text`` with the line breaks inside its wrapped paragraphs as spaces (the text
    itself when it has none)."""
    paragraphs = wrapped_paragraphs(text)
    if not paragraphs:
        return text
    starts = page_lines(text).starts
    # the line feed before each inner line of a paragraph (in order) joined as a space
    pieces, previous = [], 0
    for paragraph in paragraphs:
        for index in paragraph[1:]:
            pieces.append(text[previous : starts[index] - 1])
            previous = starts[index]
    pieces.append(text[previous:])
    return " ".join(pieces)


def _structure(text: str, lines: Sequence[str]) -> Structure:
    """The structure of ``text``, split at line feeds into ``lines``."""
    paragraphs: list[Paragraph] = []
    # the sentences' spans and quoted shares, and each paragraph's number of sentences,
    # gathered in lists and turned into the structure's arrays at once at the end
    spans_of_sentences: list[tuple[int, int]] = []
    quoted_shares: list[float] = []
    sentence_counts: list[int] = []
    position = 0
    letter_bytes = letter_map(text)
    # a letter map exists only for a text with an ASCII view: its sentence boundaries
    # are found in one search of the document instead of one search a paragraph
    boundaries = ascii_boundaries(text) if letter_bytes is not None else None
    next_boundary = 0
    # without a quotation mark (`` is read as one) no paragraph has a quotation
    marks = has_quote_mark(text)
    for line in lines:
        line_start = position
        position += len(line) + 1
        stripped = line.strip()
        if not stripped:
            continue
        start = line_start + len(line) - len(line.lstrip())
        # a line without a mark has no quotation: the 'in' tests skip through it faster
        # than the pattern that finds the marks
        spans, balanced = quote_spans(stripped, start) if marks and has_quote_mark(stripped) else ([], True)
        number = len(paragraphs)
        paragraphs.append(Paragraph(number, start, start + len(stripped), stripped, tuple(spans), balanced,
                                    ends_as_text=terminated(stripped)))
        if letter_bytes is None:
            letters = letters_before(stripped)
            pieces = split_paragraph(stripped, start, letters)
        else:
            pieces, next_boundary = ascii_sentence_pieces(text, start, start + len(stripped), boundaries,
                                                          next_boundary, letter_bytes)
            # letters are counted only where a quotation needs them: without one, every
            # sentence's quoted share is 0
            letters = (LetterCounts(letter_bytes, start, [
                point - start for piece in pieces for point in piece] + [
                point - start for span in spans for point in span]) if spans else None)
        sentence_counts.append(len(pieces))
        if not pieces:
            continue
        spans_of_sentences += pieces
        if letters is None:
            quoted_shares += [0.0] * len(pieces)
        else:
            inside = quoted_letters(pieces, spans, letters, start)
            for index, (low, high) in enumerate(pieces):
                sentence_letters = letters[high - start] - letters[low - start]
                quoted_shares.append(inside[index] / sentence_letters if sentence_letters else 0.0)
    starts = array("q", [low for low, _ in spans_of_sentences])
    ends = array("q", [high for _, high in spans_of_sentences])
    owners = array("q", chain.from_iterable(map(repeat, range(len(sentence_counts)), sentence_counts)))
    positions = array("q", chain.from_iterable(map(range, sentence_counts)))
    first_sentence = array("q", accumulate(sentence_counts, initial=0))
    return Structure(mark_block_quotes(text, paragraphs), starts, ends, owners, positions, array("d", quoted_shares),
                     first_sentence, text)


def token_runs(text: str, hyphens: bool = False) -> bytes | None:
    r"""The lowercased ASCII view of ``text`` with every character that a word pattern
    of the kind ``\p{L}[\p{L}'’]*`` does not take in (with ``hyphens``, the hyphen is
    taken in too) as a space, and apostrophes at the start of a run blanked (such a word
    starts at a letter), behind one space: position p is at p + 1. A run of letters
    between spaces of this view (with ``hyphens``, a run without a hyphen) is exactly
    such a word, lowercased (or the word with ’ where the view has ', which lists
    without apostrophes cannot tell apart). So a sentence's words are
    ``runs[start + 1 : end + 1].split()`` at C speed, and it has the word w where
    ``runs.find(b" w ", start, end + 2)`` finds it (a space ends the view too). None
    when the text has letters outside ASCII."""
    view = ascii_view(text)
    if view is None:
        return None
    # called as the language gate calls it, so that the cached runs are shared
    return ascii_token_runs(view, True) if hyphens else ascii_token_runs(view)


def sentence_word_counts(text: str, starts: list[int], ends: list[int]) -> list[int]:
    """``word_count`` of each sentence ``text[start:end]``. A sentence is bounded by
    space, which no word takes in, so its words are the document's words inside it:
    over the ASCII view they are counted with ``bytes.count``."""
    view = ascii_view(text)
    if view is None:
        return [word_count(text[low:high]) for low, high in zip(starts, ends)]
    # one space in front: the character before position p is at p, p itself at p + 1
    encoded = view.encode("ascii")
    classes = b" " + encoded.translate(WORD_BYTES)
    numbers = None  # ``NUMBER_BYTES`` of the view, made for the first sentence with a digit
    counts = []
    for low, high in zip(starts, ends):
        digit = classes.find(b"0", low + 1, high + 1) >= 0
        if digit or classes.find(b" h", low, high + 1) >= 0:
            # a digit, or a ' or - after space (a word goes on over them only after a
            # letter): " L" no longer finds every word's start
            count = (b" " + classes[low + 1 : high + 1]).translate(LETTER_RUN_BYTES, b"h").count(b" L")
            if digit:
                if numbers is None:
                    numbers = encoded.translate(NUMBER_BYTES)
                count += (b" " + numbers[low:high]).translate(None, b"c").count(b" 0")
        else:
            count = classes.count(b" L", low, high + 1)
        counts.append(count)
    return counts


def mark_block_quotes(text: str, paragraphs: list[Paragraph]) -> tuple[Paragraph, ...]:
    """Mark the lines of a quotation set off without quotation marks above a line that
    credits it (an embedded post, an epigraph): the run of lines, with no blank line
    between them, that ends right above the attribution line or one blank line above it."""
    if DASH_OPENS_LINE.search(text) is None:
        return tuple(paragraphs)
    marked = list(paragraphs)
    for index, paragraph in enumerate(paragraphs):
        # an attribution line starts with a dash or a hyphen: the first character
        # rules out nearly every line before the pattern is tried
        if index == 0 or paragraph.text[:1] not in ATTRIBUTION_STARTS or not ATTRIBUTION.match(paragraph.text):
            continue
        above = index - 1
        while above >= 0:
            marked[above] = replace(marked[above], block_quote=True)
            gap = text[paragraphs[above - 1].end : paragraphs[above].start] if above else "\n\n"
            if gap.count("\n") > 1:
                break
            above -= 1
    return tuple(marked)


_last_merged: list = [None, None]  # the quotes merged last and their union


def merged_quotes(quotes: tuple[tuple[int, int], ...]) -> tuple[list[int], list[int]]:
    """The starts and ends of the union of ``quotes``: disjoint, in order. The last one
    is kept: a rule asks for every sentence of a paragraph in turn (hashing the tuple
    for a larger cache would cost as much as merging it again)."""
    last_quotes, last_union = _last_merged
    if quotes is last_quotes:
        return last_union
    starts: list[int] = []
    ends: list[int] = []
    for low, high in sorted(quotes):
        if low >= high:
            continue
        if ends and low <= ends[-1]:
            ends[-1] = max(ends[-1], high)
        else:
            starts.append(low)
            ends.append(high)
    _last_merged[:] = [quotes, (starts, ends)]
    return starts, ends


def outside_quotes(sentence: Sentence, paragraph: Paragraph) -> str:
    """The sentence's text with quoted parts blanked (same length, so offsets hold)."""
    if not paragraph.quotes:
        return sentence.text
    starts, ends = merged_quotes(paragraph.quotes)
    pieces = []
    kept = sentence.start  # document offset up to which the text is copied
    for number in range(bisect_right(ends, sentence.start), len(starts)):
        low, high = max(sentence.start, starts[number]), min(sentence.end, ends[number])
        if starts[number] >= sentence.end:
            break
        if low < high:
            pieces.append(sentence.text[kept - sentence.start : low - sentence.start])
            pieces.append(" " * (high - low))
            kept = high
    pieces.append(sentence.text[kept - sentence.start :])
    return "".join(pieces)


def word_count(text: str) -> int:
    return len(WORD.findall(text))
