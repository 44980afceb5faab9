"""Paragraphs, sentences, words and quotation spans of a document, for the heuristic
rules (``mt.*``, quote checks, readability).

A paragraph is one non-blank line: news text as scraped keeps a paragraph on a line,
and a headline is a line of its own. Sentences are split at ``.``, ``!`` or ``?``
followed by space and a capital letter, digit or opening mark, except after a known
abbreviation (``rules/abbreviations.txt``), an initial or a dotted token ("U.S.").
Every offset is a code-point offset into the document text.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import regex

from .language import looks_english  # noqa: F401 - the heuristics' language gate, re-exported
from .ruleset import default_rules_dir

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

WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’\-]*|\d[\d,.]*\d|\d")
BOUNDARY = regex.compile(
    r"""(?<=[.!?])([)\]"”’»]*)    # the sentence's end and any closing marks
        [ \t\u00a0]+              # the space between sentences
        (?=[(\["“‘«]*[\p{Lu}\d])   # the next sentence starts with a capital or a digit""",
    regex.VERBOSE,
)
TOKEN_BEFORE = regex.compile(r"(\S+?)[.!?]+[)\]\"”’»]*$")


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


def ends_with_abbreviation(text: str) -> bool:
    """Whether ``text`` (up to a full stop) ends with an abbreviation, an initial or a
    dotted token, so that the full stop does not end a sentence."""
    if not text.endswith("."):
        return False
    match = TOKEN_BEFORE.search(text)
    if match is None:
        return False
    token = match.group(1).lstrip("([\"“‘")
    if token in abbreviations():
        return True
    if len(token) == 1 and token.isupper():
        return True  # an initial: "John F. Kennedy"
    return "." in token and any(c.isalpha() for c in token)  # "U.S.", "a.m."


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


@dataclass(frozen=True, slots=True)
class Paragraph:
    index: int
    start: int
    end: int
    text: str
    quotes: tuple[tuple[int, int], ...]  # quoted spans, document offsets
    balanced: bool  # every quotation mark opened in the paragraph is closed in it
    block_quote: bool = False  # part of a quotation set off above an attribution line

    @property
    def terminated(self) -> bool:
        """Ends like running text (a full stop, ? or !, maybe inside a closing mark);
        headlines, bylines and captions do not."""
        return bool(regex.search(r"[.!?][)\]\"”’»]*\s*$", self.text))


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
    for position, char in enumerate(text):
        before = text[position - 1] if position else " "
        after = text[position + 1] if position + 1 < len(text) else " "
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


def _quoted_share(start: int, end: int, text: str, spans) -> float:
    letters = sum(1 for c in text if c.isalpha())
    if not letters:
        return 0.0
    inside = 0
    for quote_start, quote_end in spans:
        low, high = max(start, quote_start), min(end, quote_end)
        if low < high:
            inside += sum(1 for c in text[low - start : high - start] if c.isalpha())
    return inside / letters


def split_paragraph(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Sentence spans of one paragraph, in document offsets, trimmed of spaces."""
    spans = []
    start = 0
    for match in BOUNDARY.finditer(text):
        end = match.end(1)
        if ends_with_abbreviation(text[start:end].rstrip(")]\"”’»")):
            continue
        spans.append((start, end))
        start = match.end()
    spans.append((start, len(text)))
    result = []
    for low, high in spans:
        piece = text[low:high]
        stripped = piece.strip()
        if not any(c.isalpha() for c in stripped):
            continue
        low += len(piece) - len(piece.lstrip())
        result.append((offset + low, offset + low + len(stripped)))
    return result


@dataclass(frozen=True, slots=True)
class Structure:
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]

    def in_paragraph(self, index: int) -> list[Sentence]:
        return [s for s in self.sentences if s.paragraph == index]


@lru_cache(maxsize=8)
def structure(text: str) -> Structure:
    """The paragraphs and sentences of ``text`` (cached: several rules ask for them)."""
    paragraphs: list[Paragraph] = []
    sentences: list[Sentence] = []
    position = 0
    for line in text.split("\n"):
        line_start = position
        position += len(line) + 1
        stripped = line.strip()
        if not stripped:
            continue
        start = line_start + len(line) - len(line.lstrip())
        spans, balanced = quote_spans(stripped, start)
        paragraph = Paragraph(len(paragraphs), start, start + len(stripped), stripped, tuple(spans), balanced)
        paragraphs.append(paragraph)
        pieces = split_paragraph(stripped, start)
        for index, (low, high) in enumerate(pieces):
            sentence_text = text[low:high]
            sentences.append(
                Sentence(low, high, sentence_text, paragraph.index, index, len(pieces),
                         _quoted_share(low, high, sentence_text, spans))
            )
    return Structure(mark_block_quotes(text, paragraphs), tuple(sentences))


def mark_block_quotes(text: str, paragraphs: list[Paragraph]) -> tuple[Paragraph, ...]:
    """Mark the lines of a quotation set off without quotation marks above a line that
    credits it (an embedded post, an epigraph): the run of lines, with no blank line
    between them, that ends right above the attribution line or one blank line above it."""
    marked = list(paragraphs)
    for index, paragraph in enumerate(paragraphs):
        if index == 0 or not ATTRIBUTION.match(paragraph.text):
            continue
        above = index - 1
        while above >= 0:
            marked[above] = replace(marked[above], block_quote=True)
            gap = text[paragraphs[above - 1].end : paragraphs[above].start] if above else "\n\n"
            if gap.count("\n") > 1:
                break
            above -= 1
    return tuple(marked)


def outside_quotes(sentence: Sentence, paragraph: Paragraph) -> str:
    """The sentence's text with quoted parts blanked (same length, so offsets hold)."""
    chars = list(sentence.text)
    for quote_start, quote_end in paragraph.quotes:
        low, high = max(sentence.start, quote_start), min(sentence.end, quote_end)
        for position in range(low, high):
            chars[position - sentence.start] = " "
    return "".join(chars)


def word_count(text: str) -> int:
    return len(WORD.findall(text))
