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

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

import regex

WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’.-]*")
CLOSERS = "\"'”’»)]*"
SENTENCE_END = ".!?…。！？:"
SENTENCE_WORDS = 4  # a line of fewer words ending in a full stop is a label, not a sentence
PARAGRAPH_WORDS = 7  # a sentence next to the body this long continues the article
TABLE_ROWS = 3
INTERVIEW_TURN = regex.compile(r"[QA]\s?[:.]\s")
INNER_SENTENCE_END = regex.compile(r"\p{Ll}[.!?][\s\"”’)]")


UNSPACED = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}]+")
UNSPACED_CHARS_PER_WORD = 2


def word_count(line: str) -> int:
    """Words of a line; a run of an unspaced script (Chinese, Japanese, Thai) counts
    one word for every two characters."""
    words = sum(1 for match in WORD.finditer(line)
                if any(c.isalpha() for c in match.group()) and not UNSPACED.fullmatch(match.group()))
    if not line.isascii():
        words += sum(len(run) for run in UNSPACED.findall(line)) // UNSPACED_CHARS_PER_WORD
    return words


def ends_sentence(line: str) -> bool:
    """Whether a line ends like a sentence (allowing closing quotes and brackets)."""
    stripped = line.rstrip().rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in SENTENCE_END


def is_prose(line: str, min_words: int = 12) -> bool:
    """A line that reads as a paragraph of running text."""
    words = word_count(line)
    return (words >= min_words and ends_sentence(line)) or words >= 2 * min_words


@dataclass(frozen=True)
class Layout:
    """Line indices (0-based) of the article body ``[body_start, body_end]`` and of the
    headline; ``body_start`` is None when the text has no prose at all."""

    body_start: int | None
    body_end: int | None
    headline: int | None
    line_count: int
    body_text: str = ""
    nonblank_rank: Mapping[int, int] = field(default_factory=dict)  # line index -> rank among non-blank lines

    def distance(self, index: int) -> int:
        """How many non-blank lines line ``index`` lies outside the body (0 inside it)."""
        if self.body_start is None or self.in_body(index):
            return 0
        rank = self.nonblank_rank.get(index)
        if rank is None:
            return 0
        if index < self.body_start:
            return self.nonblank_rank[self.body_start] - rank
        return rank - self.nonblank_rank[self.body_end]

    def echoes(self, line: str) -> bool:
        """Whether a line outside the body repeats words of the article: a name, a term,
        a figure that occurs in the body as a whole word or phrase."""
        stripped = line.strip()
        if not stripped or not self.body_text:
            return False
        position = self.body_text.find(stripped)
        while position != -1:
            before = self.body_text[position - 1 : position]
            after = self.body_text[position + len(stripped) : position + len(stripped) + 1]
            if not (before.isalnum() or after.isalnum()):
                return True
            position = self.body_text.find(stripped, position + 1)
        return False

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


@lru_cache(maxsize=32)
def _layout(text: str, min_words: int, max_gap: int, headline_window: int, body_share: float) -> Layout:
    lines = text.split("\n")
    clusters: list[list[int]] = []  # [first prose, last prose, prose characters]
    gap = 0
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if is_prose(stripped, min_words):
            if clusters and gap <= max_gap:
                clusters[-1][1] = index
                clusters[-1][2] += len(stripped)
            else:
                clusters.append([index, index, len(stripped)])
            gap = 0
        else:
            gap += 1
    if not clusters:
        return Layout(None, None, None, len(lines))
    # the body runs from the first to the last cluster of a size comparable to the
    # largest: an article split by a long list or a gallery stays one body
    # largest; a cluster counts with the lists and tables that continue it
    extended = []
    for first, last, size in clusters:
        first, last = extend_body(lines, first, last)
        extra = sum(len(line.strip()) for line in lines[first : last + 1]
                    if is_table_row(line.strip()))
        extended.append((first, last, size + extra))
    largest = max(c[2] for c in extended)
    substantial = [c for c in extended if c[2] >= body_share * largest]
    start, end = substantial[0][0], substantial[-1][1]
    headline = None
    best_words = 2  # a headline has at least three words
    seen = 0
    for index in range(start - 1, -1, -1):
        stripped = lines[index].strip()
        if not stripped:
            continue
        seen += 1
        if seen > headline_window:
            break
        if INNER_SENTENCE_END.search(stripped) or stripped.endswith("."):
            continue  # a caption or a sentence, not a headline
        words = word_count(stripped)
        if words > best_words:
            headline, best_words = index, words
    ranks = {index: rank for rank, index in enumerate(i for i, line in enumerate(lines) if line.strip())}
    body_text = "\n".join(line.strip() for line in lines[start : end + 1])
    return Layout(start, end, headline, len(lines), body_text, ranks)


def is_sentence(line: str, min_words: int = SENTENCE_WORDS) -> bool:
    """A line that ends like a sentence and is long enough to be one."""
    return ends_sentence(line) and word_count(line) >= min_words


def is_lead_in(line: str) -> bool:
    """A line that announces what follows ("The tour dates:", "Here are the highlights:")."""
    return line.rstrip().endswith(":") and word_count(line) >= 2


def is_table_row(line: str) -> bool:
    """A row of a list or table of facts: figures among a few words (dates, scores,
    results), or a turn of an interview ("Q: …", "A: …")."""
    if INTERVIEW_TURN.match(line):
        return True
    return any(c.isdigit() for c in line) and word_count(line) >= 2 and not ends_sentence(line)


def block_after(lines: list[str], index: int) -> int:
    """The last line of the block of consecutive non-blank lines that starts at ``index``."""
    while index + 1 < len(lines) and lines[index + 1].strip():
        index += 1
    return index


def table_rows(lines: list[str], nonblank: list[int], rank: int) -> int:
    """How many non-blank lines from ``nonblank[rank]`` on are table rows in a row."""
    count = 0
    while rank + count < len(nonblank) and is_table_row(lines[nonblank[rank + count]].strip()):
        count += 1
    return count


def extend_body(lines: list[str], start: int, end: int) -> tuple[int, int]:
    """Grow the body over what continues the article next to it: a short paragraph that
    reads as a sentence, the block a lead-in line announces ("… tour dates:"), and a
    run of table rows (figures among words), with the title line above it."""
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    position = {index: rank for rank, index in enumerate(nonblank)}
    rank = position[end]
    while rank + 1 < len(nonblank):
        following = nonblank[rank + 1]
        line = lines[following].strip()
        rows = table_rows(lines, nonblank, rank + 1)
        titled_rows = table_rows(lines, nonblank, rank + 2) if not ends_sentence(line) else 0
        if is_lead_in(lines[nonblank[rank]]):
            rank = position[block_after(lines, following)]
        elif rows >= TABLE_ROWS:
            rank += rows
        elif titled_rows >= TABLE_ROWS:
            rank += 1 + titled_rows
        elif is_sentence(line, PARAGRAPH_WORDS):
            rank += 1
        else:
            break
    end = nonblank[rank]
    rank = position[start]
    while rank > 0 and is_sentence(lines[nonblank[rank - 1]].strip(), PARAGRAPH_WORDS):
        rank -= 1
    return nonblank[rank], end


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


def line_removal_findings(rule, doc, items, **fields):
    """Findings of ``rule`` on whole lines, ``items`` being (index, start, end, line,
    extra message fields) tuples; each fix deletes its line (see ``removal_spans``)."""
    from .model import Edit

    items = list(items)
    spans = removal_spans(doc, [item[0] for item in items])
    for index, start, end, line, extra in items:
        remove_start, remove_end = spans[index]
        yield rule.finding(start, end, edits=[Edit(remove_start, remove_end, "")],
                           match=line.strip(), **fields, **extra)
