"""Where the article is in a page's text: the structural view boilerplate rules share.

Text extracted from a web page keeps the page around the article: menus, link lists,
bylines and footers above and below it. Article paragraphs are long lines that end like
sentences ("prose"); page furniture is mostly short lines that do not. The *body* is
the densest cluster of prose lines (neighbouring prose lines a few non-blank lines apart
belong together); what lies above it is the top margin, what lies below the bottom
margin. Short lines inside the body (subheads, lists, quotes) are article text; the
margins are where furniture lives.

The *headline* is the longest of the last few lines above the body that do not read as a
sentence or a caption (no full stop): rules leave it alone.
"""

from __future__ import annotations

import re
from array import array
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate

import regex

from .model import Edit
from .textcache import per_text

WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’.-]*")
CLOSERS = "\"'”’»)]*"
SENTENCE_END = ".!?…。！？:"
SENTENCE_END_CHARS = frozenset(SENTENCE_END)
# An item of a list that runs on as one sentence ("• unemployment was near 8%;") is
# the text's own: a menu or a list of links never ends its items so
ENUMERATION_ENDS = (";", "; and", "; or")
SENTENCE_WORDS = 4  # a line of fewer words ending in a full stop is a label, not a sentence
PARAGRAPH_WORDS = 7  # a sentence next to the body this long continues the article
PROSE_WORDS = 12  # a line this long ending like a sentence is prose (``layout``'s min_words)
TABLE_ROWS = 3
INTERVIEW_TURN = regex.compile(r"[QA]\s?[:.]\s")
INNER_SENTENCE_END = regex.compile(r"\p{Ll}[.!?][\s\"”’)]")
# The line under a social-media post embedded in an article, as its embed code leaves it
# in the page's text: "— Rep. Jane Doe (@janedoe) November 19, 2019". The post is the
# block of lines above it (one blank line between them at most).
POST_ATTRIBUTION = regex.compile(r"[—–―-]{1,2}[ \t]*\S[^\n]{0,100}\(@\w{1,30}\)[ \t]+\p{Lu}\p{Ll}+\.? \d{1,2}, \d{4}")
POST_LINES = 6  # a post longer than this many lines is not taken for one


UNSPACED = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}]+")
UNSPACED_CHARS_PER_WORD = 2


# A WORD counts when it holds a letter. WORD takes a whole run of word characters from its
# first letter or figure on, so the words that count are the runs that hold a letter: one
# match each, starting only where a run starts (which keeps the scan linear).
LETTER_WORD = regex.compile(r"(?<![\p{L}\p{N}'’.-])[\p{N}'’.-]*+\p{L}[\p{L}\p{N}'’.-]*+")
NOT_LETTER = regex.compile(r"\P{L}+")


# ASCII text counts words without a regex: delete the figures and joiners a word may hold,
# turn every letter into "a" and every other character into a space (a text's line feeds
# stay, to count its lines apart), and count the places where an "a" follows a space. A
# run of word characters with a letter leaves one run of "a"s, a run without one (a
# figure, "--") nothing.
ASCII_WORD_JOINERS = b"0123456789'.-"
ASCII_LETTERS_AS_A = bytes(97 if chr(c).isascii() and chr(c).isalpha() else 32 for c in range(256))
ASCII_LINES_AS_A = bytes(10 if c == 10 else code for c, code in enumerate(ASCII_LETTERS_AS_A))
# A capped count looks at this many characters a word first (English averages about six
# with its separator): a paragraph's beginning then holds more words than the cap.
CAPPED_BYTES_PER_WORD = 8
# The non-ASCII characters of much English text are typographic punctuation; as ASCII
# stand-ins (the apostrophe a joiner, the rest separators) they leave the count unchanged
# and let such a text take the ASCII path.
TYPOGRAPHIC = (("’", "'"), *((c, " ") for c in "‘“”„«»‹›–—―‐‑−…•·\u00a0\u2009\u200a\u202f\u2002\u2003"))


def plain_typography(text: str) -> str:
    for character, stand_in in TYPOGRAPHIC:
        if character in text:  # str.replace per character: far faster than str.translate
            text = text.replace(character, stand_in)
    return text


def ascii_word_count(line: str) -> int:
    return (b" " + line.encode("ascii").translate(ASCII_LETTERS_AS_A, ASCII_WORD_JOINERS)).count(b" a")


def word_count(line: str) -> int:
    """Words of a line; a run of an unspaced script (Chinese, Japanese, Thai) counts
    one word for every two characters."""
    if line.isascii():
        return ascii_word_count(line)
    plain = plain_typography(line)
    if plain.isascii():
        return ascii_word_count(plain)
    if UNSPACED.search(line) is None:
        letters = NOT_LETTER.sub("", line)
        # str.isalpha knows an older Unicode than the regex module: where they disagree
        # on a letter, count as word_count_exact does
        if not letters or letters.isalpha():
            return len(LETTER_WORD.findall(line))
    return word_count_exact(line)


def line_word_counts(text: str, cap: int | None = None) -> list[int]:
    """``word_count`` of each line of ``text`` (split at line feeds), in one pass where
    the text is ASCII but for typographic punctuation. With ``cap``, a line of more than
    ``cap`` words may have any count above ``cap``: where it is ASCII, it is counted only
    until its beginning has more."""
    plain = text if text.isascii() else plain_typography(text)
    if plain.isascii():
        lines = plain.encode("ascii").translate(ASCII_LINES_AS_A, ASCII_WORD_JOINERS).split(b"\n")
        if cap is None:
            return [(b" " + line).count(b" a") for line in lines]
        # the words that begin in a line's first characters are a lower bound of its count
        head = CAPPED_BYTES_PER_WORD * (cap + 1)
        return [(b" " + line).count(b" a") if len(line) <= head or (b" " + line[:head]).count(b" a") <= cap
                else cap + 1 for line in lines]
    return [word_count(line) if line else 0 for line in text.split("\n")]


def word_count_exact(line: str) -> int:
    """``word_count`` word by word (lines with an unspaced script)."""
    words = sum(1 for match in WORD.findall(line)
                if any(c.isalpha() for c in match) and not UNSPACED.fullmatch(match))
    if not line.isascii():
        words += sum(len(run) for run in UNSPACED.findall(line)) // UNSPACED_CHARS_PER_WORD
    return words


def indentation(line: str) -> int:
    """The width of a line's leading whitespace, in characters."""
    return len(line) - len(line.lstrip())


def ends_sentence(line: str) -> bool:
    """Whether a line ends like a sentence (allowing closing quotes and brackets)."""
    stripped = line.rstrip().rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in SENTENCE_END


@dataclass(frozen=True)
class Layout:
    """Line indices (0-based) of the article body ``[body_start, body_end]`` and of the
    headline; ``body_start`` is None when the text has no prose at all."""

    body_start: int | None
    body_end: int | None
    headline: int | None
    line_count: int
    body_text: str = ""
    nonblank_rank: Sequence[int] = ()  # ``PageLines.position``
    words: Sequence[int] = ()  # word_count of each line
    # each line's words and sentence end as prose: a line of a paragraph hard-wrapped
    # over lines (``wrapped_paragraphs``) has its paragraph's
    prose_words: Sequence[int] = ()
    prose_ends: Sequence[bool] = ()
    # paragraphs at several indentations: a manual, a README, an RFC, a mail with its
    # quotations, whose every line is its own (see ``_layout``); the body is the whole text
    structured: bool = False
    _answers: dict = field(default_factory=dict, compare=False, repr=False)  # of ``echoes`` and ``mentions``

    def distance(self, index: int) -> int:
        """How many non-blank lines line ``index`` lies outside the body (0 inside it)."""
        if self.body_start is None or self.in_body(index):
            return 0
        rank = self.nonblank_rank[index]
        if rank < 0:
            return 0  # a blank line
        if index < self.body_start:
            return self.nonblank_rank[self.body_start] - rank
        return rank - self.nonblank_rank[self.body_end]

    def echoes(self, line: str) -> bool:
        """Whether a line outside the body repeats words of the article: a name, a term,
        a figure that occurs in the body as a whole word or phrase."""
        stripped = line.strip()
        if not stripped or not self.body_text:
            return False
        # every layout rule asks of the same lines, and a search of a book's body is long
        answer = self._answers.get(("echoes", stripped))
        if answer is None:
            answer = self._answers[("echoes", stripped)] = self._echoes(stripped)
        return answer

    def _echoes(self, stripped: str) -> bool:
        body = self.body_text
        position = body.find(stripped)
        while position != -1:
            before = body[position - 1 : position]
            after = body[position + len(stripped) : position + len(stripped) + 1]
            if not (before.isalnum() or after.isalnum()):
                return True
            position = body.find(stripped, position + 1)
        return False

    def mentions(self, index: int, line: str) -> bool:
        """Whether the text of line ``index`` occurs anywhere in the body but at the line
        itself, even inside a longer word ("All" in "Allen"). For a lone word or two
        this is the safer test: a short line the article also uses may be its own (a
        product, a section, a label of a list), and the reader cannot tell which."""
        stripped = line.strip()
        if not stripped or not self.body_text:
            return False
        # the line itself, in the body, is one occurrence: another is wanted
        wanted = 2 if self.in_body(index) else 1
        answer = self._answers.get(("mentions", stripped, wanted))
        if answer is None:
            # ``str.count`` of ``wanted`` occurrences, stopping there: non-overlapping ones
            position, found, body = 0, 0, self.body_text
            while found < wanted and (position := body.find(stripped, position)) != -1:
                found += 1
                position += len(stripped)
            answer = self._answers[("mentions", stripped, wanted)] = found >= wanted
        return answer

    def in_body(self, index: int) -> bool:
        return self.body_start is not None and self.body_start <= index <= self.body_end

    def in_top(self, index: int) -> bool:
        return self.body_start is not None and index < self.body_start

    def in_bottom(self, index: int) -> bool:
        return self.body_end is not None and index > self.body_end

    def in_margin(self, index: int) -> bool:
        return self.body_start is not None and not self.in_body(index)


def layout(text: str, min_words: int = 12, max_gap: int = 8, headline_window: int = 3,
           body_share: float = 0.3) -> Layout:
    """The layout of ``text`` (cached: several rules ask for the same document's)."""
    return _layout(text, min_words, max_gap, headline_window, body_share)


# Documents kept: the rules of one document and every fix pass over it ask for the same
# text's lines and layout; a few documents more cover a batch's interleaving.
CACHED_TEXTS = 64


@dataclass(frozen=True)
class PageLines:
    """What the layout and the layout rules read of each line of a text, computed once:
    the stripped line, its words, whether it ends like a sentence and whether it is a
    table row, and the non-blank lines with their rank among them."""

    lines: list[str]
    stripped: list[str]
    words: list[int]
    ends: list[bool]
    table_row: list[bool]
    # machine integers, not a Python object a line: a text may have a line every few
    # characters (a word list, a data dump)
    nonblank: Sequence[int]
    position: Sequence[int]  # each line's rank among the non-blank lines (-1 for a blank one)
    starts: Sequence[int]  # offset of each line, and one past the end of the text

    def row(self, index: int) -> tuple[int, int, int, str]:
        """``Document.line_table[index]`` (the line without a carriage return before its
        line feed), built for the few lines a rule reports rather than for every line."""
        line = self.lines[index]
        if line.endswith("\r"):
            line = line[:-1]
        start = self.starts[index]
        return index, start, start + len(line), line

    def rows(self, indices) -> list[tuple[int, int, int, str]]:
        return [self.row(index) for index in indices]

    def neighbours(self, index: int) -> tuple[int | None, int | None]:
        """The nearest non-blank lines before and after the non-blank line ``index``
        (None at an edge)."""
        rank, nonblank = self.position[index], self.nonblank
        return (nonblank[rank - 1] if rank > 0 else None,
                nonblank[rank + 1] if rank + 1 < len(nonblank) else None)


@per_text(maxsize=CACHED_TEXTS)
def page_lines(text: str) -> PageLines:
    """The per-line features of ``text`` (lines split at line feeds, as ``Document.lines``)."""
    lines = text.split("\n")
    stripped = list(map(str.strip, lines))
    words = line_word_counts(text)
    # ends_sentence of a stripped line: the last character before its closers ("" for none)
    ends = [line.rstrip(CLOSERS)[-1:] in SENTENCE_END_CHARS for line in stripped]
    table_row = [bool(line) and ((line[0] in "QA" and INTERVIEW_TURN.match(line) is not None) or (
        count >= 2 and not ended and any(map(str.isdigit, line))))
        for line, count, ended in zip(stripped, words, ends)]
    nonblank = array("q", [index for index, line in enumerate(stripped) if line])
    position = array("q", [-1]) * len(lines)
    for rank, index in enumerate(nonblank):
        position[index] = rank
    starts = array("q", accumulate(map((1).__add__, map(len, lines)), initial=0))  # each line and its line feed
    return PageLines(lines, stripped, words, ends, table_row, nonblank, position, starts)


class LineRows(Sequence):
    """``Document.line_table`` rows (index, start, end, line) of some lines, kept as
    columns: a text may have a short line every few characters (a word list, a data
    dump), and a tuple a row weighs more than the line. A row is made as it is read."""

    __slots__ = ("indices", "starts", "ends", "lines")

    def __init__(self) -> None:
        self.indices, self.starts, self.ends = array("q"), array("q"), array("q")
        self.lines: list[str] = []

    def append(self, index: int, start: int, end: int, line: str) -> None:
        self.indices.append(index)
        self.starts.append(start)
        self.ends.append(end)
        self.lines.append(line)

    def __len__(self) -> int:
        return len(self.lines)

    def __iter__(self):
        return zip(self.indices, self.starts, self.ends, self.lines)

    def __getitem__(self, position):
        if isinstance(position, slice):
            return list(zip(self.indices[position], self.starts[position], self.ends[position],
                            self.lines[position]))
        return self.indices[position], self.starts[position], self.ends[position], self.lines[position]


@per_text(maxsize=CACHED_TEXTS)
def short_rows(text: str, limit: int) -> LineRows:
    """The ``Document.line_table`` rows of the non-empty lines of at most ``limit``
    characters: the only lines the line rules may remove (an article's paragraphs, most
    of its text, are longer)."""
    page = page_lines(text)
    lines, starts = page.lines, page.starts
    rows = LineRows()
    if "\r" not in text:
        # every row's line is the whole line: the columns are built in comprehensions,
        # not a row at a time
        indices = [index for index, length in enumerate(map(len, lines)) if 0 < length <= limit]
        rows.indices = array("q", indices)
        rows.lines = [lines[index] for index in indices]
        rows.starts = array("q", [starts[index] for index in indices])
        rows.ends = array("q", map(int.__add__, rows.starts, map(len, rows.lines)))
        return rows
    for index, length in enumerate(map(len, lines)):
        if 0 < length <= limit + 1:
            line = lines[index]
            if line[-1] == "\r":
                line = line[:-1]
                if not line or len(line) > limit:
                    continue
            elif length > limit:
                continue
            start = starts[index]
            rows.append(index, start, start + len(line), line)
    return rows


# A hard-wrapped text (a book, a mail archive, the text of a PDF) breaks its paragraphs
# at a fixed width: its lines are not paragraphs, and none of them is page furniture
# for being short or far from a sentence's end.
WRAP_WIDTH_MAX = 100  # wrapped lines are at most this long
WRAP_WIDTH_MIN = 40  # and the width they were wrapped at at least this
WRAPPED_LINES = 5  # and a text has at least this many lines broken where a word would not fit
WRAPPED_SHARE = 0.05  # making this share of its non-blank lines
TABLE_RULING = frozenset("|+=-─│┃┌├└╔║╠╚")  # a line of a drawn table begins with one
STRUCTURED_LINES = 2  # prose lines at a second indentation that make a structured document
WRAPPED_LOWERCASE = 0.4  # and this share of them followed by a line that begins in lowercase


WORD_OPENERS = frozenset("\"'“‘(*_`")


def goes_on(line: str) -> bool:
    """Whether a stripped line reads as the rest of a sentence: it begins with a word in
    lowercase, or with a quotation mark or markup opening a word (not a bullet)."""
    first = line[0]
    return first.islower() or (first in WORD_OPENERS and len(line) > 1 and not line[1].isspace())


# a line of a document's own markup: a Markdown heading, code fence or image (a badge,
# linked), a reStructuredText directive, a heading's underline (in a CRLF text too). A
# heading that opens with a number is a ranking's "# 1 hit" ("#1" as machine
# translation spaces it), not a README's.
MARKUP_LINE = re.compile(r"^(?:#{1,6} [^\s\d]|```|~~~|\[?!\[[^\]\n]*\]\(|\.\. (?:\|[^|\n]+\| )?[\w-]+::|"
                         r"(?:(?<=\S\n)|(?<=\S\r\n))([=*~^-])\1\1+[ \t]*\r?$)", re.M)


# What every line ``MARKUP_LINE`` matches begins with (an underline has a line above it,
# so a line feed before it): a search for a line feed, in C, where ``MARKUP_LINE`` tries
# every position of the text, so that a text without markup (nearly every web page)
# pays little
MARKUP_OPENERS = ("#", "```", "~~~", "![", "[![", ".. ")
MARKUP_LINE_START = re.compile(r"\n(?:#|```|~~~|!\[|\[!\[|\.\. |===|\*\*\*|\^\^\^|---)")


def may_keep_markup(text: str) -> bool:
    """Whether some line of ``text`` begins as a ``MARKUP_LINE`` can."""
    return text.startswith(MARKUP_OPENERS) or MARKUP_LINE_START.search(text) is not None


# the layout and the code regions (``codeblocks``) of a document both ask
@per_text(maxsize=CACHED_TEXTS)
def keeps_markup(text: str) -> bool:
    """Whether a text keeps its markup (``MARKUP_LINE``) on ``STRUCTURED_LINES`` lines:
    a README, a manual, a post as its author typed it. HTML extraction leaves none: no
    heading, fence or directive in the 91 dev pages, and their one line of "=" parts
    two comments (``underlines``)."""
    if not may_keep_markup(text):
        return False
    found = 0
    for match in MARKUP_LINE.finditer(text):
        if match.group(1) and not underlines(text, match):
            continue
        found += 1
        if found >= STRUCTURED_LINES:
            return True
    return False


def underlines(text: str, match: re.Match) -> bool:
    """Whether a line of ``=``, ``-``, ``*`` … underlines the line above it, as a heading's
    does, at least half its length: under a paragraph (a comment ending "... Hall of
    Fame." over "=====", "***" after a section) it is a page's separator."""
    return 2 * len(match.group(0).strip()) >= len(line_above(text, match.start()))


def line_above(text: str, start: int) -> str:
    """The line before the one that begins at offset ``start``, stripped ("" at the top)."""
    if start == 0:
        return ""
    return text[text.rfind("\n", 0, start - 1) + 1 : start - 1].strip()


def wrap_width(followed: list[tuple[int, int]]) -> int | None:
    """The width lines of these (index, length) pairs were wrapped at, if they were: few
    are longer (None for too few lines to tell)."""
    lengths = sorted(length for _, length in followed if length <= WRAP_WIDTH_MAX)
    return lengths[(len(lengths) - 1) * 95 // 100] if len(lengths) >= WRAPPED_LINES else None


@per_text(maxsize=CACHED_TEXTS)
def wrapped_lines(text: str) -> frozenset[int]:
    """The lines of a hard-wrapped text that belong to a paragraph broken over several
    lines: each line broken where the next line's first word would not have fitted the
    width, and the line after it. Empty for any other text (a paragraph a line, as web
    text is), and where too few lines are so broken to tell."""
    page = page_lines(text)
    lines, stripped, nonblank = page.lines, page.stripped, page.nonblank
    followed = [(index, len(lines[index].rstrip())) for index, after in zip(nonblank, nonblank[1:])
                if after == index + 1]
    # a text's prose is wrapped flush left, and its code, grammar and quotations,
    # indented, and its tables' rows, of one length, may run past the width: the prose
    # tells the width, unless it is all indented under flush terms or headings
    flush = [(index, length) for index, length in followed
             if not lines[index][:1].isspace() and lines[index][:1] not in TABLE_RULING]
    width = wrap_width(flush)
    if width is None or width < WRAP_WIDTH_MIN:
        width = wrap_width(followed)
    if width is None or width < WRAP_WIDTH_MIN:
        return frozenset()  # a menu, a list, verse: short lines, but no paragraph broken
    shortest = width * 7 // 10  # a greedy wrap fills a line but for its last word
    broken = [index for index, length in followed
              if shortest <= length <= WRAP_WIDTH_MAX and lines[index][:1] not in TABLE_RULING
              and length + 1 + len(stripped[index + 1].split(maxsplit=1)[0]) > width]
    if len(broken) < WRAPPED_LINES or len(broken) < WRAPPED_SHARE * len(nonblank):
        return frozenset()
    # a paragraph is broken mid-sentence: many lines go on in lowercase, or with a quoted
    # or marked-up word ('"None"', '*self*'), where the rows of a table or a list each
    # begin anew
    if sum(map(goes_on, (stripped[index + 1] for index in broken))) < WRAPPED_LOWERCASE * len(broken):
        return frozenset()
    return frozenset(broken).union(index + 1 for index in broken)


def wrapped_paragraphs(text: str) -> list[range]:
    """The paragraphs of ``wrapped_lines``: runs of consecutive lines."""
    runs: list[range] = []
    first = last = None
    for index in sorted(wrapped_lines(text)):
        if last is not None and index == last + 1:
            last = index
            continue
        if first is not None:
            runs.append(range(first, last + 1))
        first = last = index
    if first is not None:
        runs.append(range(first, last + 1))
    return runs


LAYOUT_INDENT = re.compile(r"[ \t]*")


def layout_indentation(line: str) -> int:
    """A line's indentation as a layout's (``_layout``'s structured test): its leading
    spaces and tabs, a tab to the next multiple of 8, and none for a single space. A
    space or two of non-ASCII whitespace ("\u3000\u3000", "&nbsp;") is a paragraph's
    typographic indent, and a single space what an extractor leaves of the markup's
    whitespace (5 paragraphs of a State of the Union address open with one): neither
    indents a paragraph under another."""
    width = len(LAYOUT_INDENT.match(line).group().expandtabs())
    return 0 if width <= 1 else width


@per_text(maxsize=CACHED_TEXTS)
def _layout(text: str, min_words: int, max_gap: int, headline_window: int, body_share: float) -> Layout:
    page = page_lines(text)
    lines, stripped, words = page.lines, page.stripped, page.words
    ends: Sequence[bool] = page.ends
    prose_words: Sequence[int] = words
    wrapped = wrapped_paragraphs(text)
    if wrapped:
        # a paragraph broken over lines reads as prose on each of its lines
        prose_words, ends = list(words), list(ends)
        for paragraph in wrapped:
            total, ended = sum(words[index] for index in paragraph), page.ends[paragraph[-1]]
            for index in paragraph:
                prose_words[index], ends[index] = total, ended
    # whether each line reads as a paragraph of running text (blank lines are never asked)
    twice = 2 * min_words
    is_prose = [(count >= min_words and ended) or count >= twice for count, ended in zip(prose_words, ends)]
    prose_lines = [index for index in page.nonblank if is_prose[index]]
    # a line that does not open with a space or a tab has no layout indentation (and
    # keeps none below): only the indented ones are measured
    prose_indents = {index: layout_indentation(lines[index]) for index in prose_lines
                     if lines[index][0] in " \t"}
    for paragraph in wrapped:
        # a hard-wrapped paragraph indented on its first line only (a typescript's, a
        # wire story's) stands where its other lines do; a run may hold several
        for index in paragraph[:-1]:
            if index in prose_indents:
                prose_indents[index] = min(prose_indents[index], layout_indentation(lines[index + 1]))
    indent_counts = Counter(prose_indents.values())
    if len(prose_indents) < len(prose_lines):
        indent_counts[0] += len(prose_lines) - len(prose_indents)
    if (len(indent_counts) > 1 and indent_counts.most_common(2)[1][1] >= STRUCTURED_LINES) or keeps_markup(text):
        # HTML extraction leaves a page's text flush, menus and article alike (no line
        # of the 91 dev pages is indented): a text that indents some of its paragraphs
        # kept its own layout, and has no page around it
        nonblank = page.nonblank
        return Layout(nonblank[0], nonblank[-1], None, len(lines), "\n".join(stripped), page.position, words,
                      prose_words, ends, structured=True)
    indented = [index for index in prose_lines if lines[index][0].isspace()]
    prose_indent = min(map(indentation, (lines[index] for index in indented)), default=0) if len(
        indented) == len(prose_lines) else 0
    clusters: list[list[int]] = []  # [first prose, last prose, prose characters]
    gap = 0
    for index in page.nonblank:
        if is_prose[index]:
            if clusters and gap <= max_gap:
                clusters[-1][1] = index
                clusters[-1][2] += len(stripped[index])
            else:
                clusters.append([index, index, len(stripped[index])])
            gap = 0
        elif clusters and (stripped[index].endswith(ENUMERATION_ENDS)
                           or (lines[index][:1].isspace() and indentation(lines[index]) > prose_indent)):
            # a list's items go on; and a text whose lines keep their indentation (a
            # manual, a README, a mail) sets its code, quotations and nested items off
            # by indenting them, where a web page's menus and footers stand flush
            continue
        else:
            gap += 1
    if not clusters:
        return Layout(None, None, None, len(lines), prose_words=prose_words, prose_ends=ends)
    # the body runs from the first to the last cluster of a size comparable to the
    # largest: an article split by a long list or a gallery stays one body
    # largest; a cluster counts with the lists and tables that continue it
    extended = []
    for first, last, size in clusters:
        first, last = extend_body(page, first, last)
        extra = sum(len(stripped[index]) for index in range(first, last + 1) if page.table_row[index])
        extended.append((first, last, size + extra))
    largest = max(c[2] for c in extended)
    substantial = [c for c in extended if c[2] >= body_share * largest]
    start, end = substantial[0][0], substantial[-1][1]
    headline = None
    best_words = 2  # a headline has at least three words
    seen = 0
    # a headline wrapped over lines is one, read from its first line
    first_lines = {paragraph[0]: paragraph for paragraph in wrapped}
    inner_lines = {index for paragraph in wrapped for index in paragraph[1:]}
    for index in range(start - 1, -1, -1):
        line = stripped[index]
        if not line or index in inner_lines:
            continue
        seen += 1
        if seen > headline_window:
            break
        paragraph = first_lines.get(index)
        if paragraph is not None:
            line = " ".join(stripped[paragraph[0] : paragraph[-1] + 1])
        if INNER_SENTENCE_END.search(line) or line.endswith("."):
            continue  # a caption or a sentence, not a headline
        if prose_words[index] > best_words:
            headline, best_words = index, prose_words[index]
    body_text = "\n".join(stripped[start : end + 1])
    return Layout(start, end, headline, len(lines), body_text, page.position, words, prose_words, ends)


def table_rows(page: PageLines, rank: int) -> int:
    """How many non-blank lines from the ``rank``-th on are table rows in a row."""
    nonblank, table_row = page.nonblank, page.table_row
    count = 0
    while rank + count < len(nonblank) and table_row[nonblank[rank + count]]:
        count += 1
    return count


def extend_body(page: PageLines, start: int, end: int) -> tuple[int, int]:
    """Grow the body over what continues the article next to it: a short paragraph that
    reads as a sentence, the block a lead-in line announces ("… tour dates:"), and a
    run of table rows (figures among words), with the title line above it."""
    nonblank, position, stripped, words, ends = (page.nonblank, page.position, page.stripped,
                                                  page.words, page.ends)

    def continues_as_sentence(index: int) -> bool:
        return ends[index] and words[index] >= PARAGRAPH_WORDS

    rank = position[end]
    while rank + 1 < len(nonblank):
        following = nonblank[rank + 1]
        rows = table_rows(page, rank + 1)
        titled_rows = table_rows(page, rank + 2) if not ends[following] else 0
        current = nonblank[rank]
        if stripped[current].endswith(":") and words[current] >= 2:  # a lead-in line
            # the block of consecutive non-blank lines that starts at ``following``
            block_end = following
            while block_end + 1 < len(stripped) and stripped[block_end + 1]:
                block_end += 1
            rank = position[block_end]
        elif rows >= TABLE_ROWS:
            rank += rows
        elif titled_rows >= TABLE_ROWS:
            rank += 1 + titled_rows
        elif continues_as_sentence(following):
            rank += 1
        elif (attribution := embedded_post_end(page, following)) is not None:
            rank = position[attribution]
        else:
            break
    end = nonblank[rank]
    rank = position[start]
    while rank > 0 and continues_as_sentence(nonblank[rank - 1]):
        rank -= 1
    return nonblank[rank], end


def is_post_attribution(line: str) -> bool:
    """Whether a stripped line credits an embedded post (``POST_ATTRIBUTION``)."""
    return line[:1] in "—–―-" and "(@" in line and POST_ATTRIBUTION.fullmatch(line) is not None


def embedded_post_end(page: PageLines, first: int) -> int | None:
    """The index of the attribution line of a post embedded in the article whose text
    starts at line ``first`` (or which ``first`` itself credits, the post being above),
    or None: a block of at most ``POST_LINES`` consecutive lines, then at most one blank
    line, then the attribution. A tweet quoted at the end of an article is its text, not
    the page's furniture."""
    stripped = page.stripped
    if is_post_attribution(stripped[first]):
        return first
    last = first
    while last + 1 < len(stripped) and stripped[last + 1]:
        last += 1
        if is_post_attribution(stripped[last]):
            return last
        if last - first >= POST_LINES:
            return None
    below = last + 1
    if below < len(stripped) and not stripped[below]:
        below += 1
    if below < len(stripped) and is_post_attribution(stripped[below]):
        return below
    return None


def layout_of(doc, params) -> Layout:
    """The layout of a document with a rule's layout parameters (see ``LAYOUT_PARAMS``)."""
    return layout(doc.text, params["prose_words"], params["max_gap"], params["headline_window"],
                  params["body_share"])



def removal_spans(doc, indices) -> dict[int, tuple[int, int]]:
    """The span to delete for each line of ``indices`` so that a run of adjacent removed
    lines goes as one block: like ``Document.line_removal`` for a single line, but the
    blank line that separated the block from what follows goes with its last line."""
    starts = doc.line_starts
    text = doc.text
    count = len(starts)
    spans: dict[int, tuple[int, int]] = {}
    ordered = sorted(set(indices))
    position = 0
    while position < len(ordered):
        first = last = ordered[position]
        while position + 1 < len(ordered) and ordered[position + 1] == last + 1:
            position += 1
            last = ordered[position]
        position += 1
        for index in range(first, last):
            spans[index] = (starts[index], starts[index + 1])
        if last + 1 >= count:  # the block ends the text: take the line break before it
            block_start = 0
            if first > 0:  # as Document.line_removal does for a last line
                block_start = starts[first] - 1
                if text[block_start - 1 : block_start] == "\r":
                    block_start -= 1
                if first > 1 and not text[starts[first - 1] : block_start].strip():
                    block_start = starts[first - 1] - 1
            if first == last:
                spans[last] = (block_start, len(text))
            else:
                spans[first] = (block_start, starts[first + 1])
                spans[last] = (starts[last], len(text))
            continue
        end = starts[last + 1]
        blank_before = first == 0 or not text[slice(*doc.line_span(first - 1))].strip()
        if blank_before and not text[slice(*doc.line_span(last + 1))].strip() and last + 2 < count:
            end = starts[last + 2]
        spans[last] = (starts[last], end)
    return spans


def structured_safety(text: str) -> bool | None:
    """The safety of removing a line of ``text`` as boilerplate: never safe in a
    structured document (``Layout.structured``), whose lines are its own however much
    they look like a page's ("Copyright (c) 2025 …", ".. image:: …", "New in version
    3.5." in every page of a manual); else the rule's (None)."""
    return False if layout(text).structured else None


def line_removal_findings(rule, doc, items, **fields):
    """Findings of ``rule`` on whole lines, ``items`` being (index, start, end, line,
    extra message fields) tuples; each fix deletes its line (see ``removal_spans``),
    and is never safe in a structured document (``structured_safety``)."""
    items = list(items)
    if items:
        wrapped = wrapped_lines(doc.text)
        if wrapped:
            items = [item for item in items if item[0] not in wrapped]  # a piece of a paragraph
    if not items:
        return
    spans = removal_spans(doc, [item[0] for item in items])
    safe = structured_safety(doc.text)
    for index, start, end, line, extra in items:
        remove_start, remove_end = spans[index]
        yield rule.finding(start, end, edits=[Edit(remove_start, remove_end, "")],
                           match=line.strip(), safe=safe, **fields, **extra)
