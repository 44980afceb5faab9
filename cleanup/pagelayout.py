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

from dataclasses import dataclass
from functools import lru_cache

import regex

WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’.-]*")
CLOSERS = "\"'”’»)]*"
SENTENCE_END = ".!?…。！？:"
INNER_SENTENCE_END = regex.compile(r"\p{Ll}[.!?][\s\"”’)]")


def word_count(line: str) -> int:
    return sum(1 for match in WORD.finditer(line) if any(c.isalpha() for c in match.group()))


def ends_sentence(line: str) -> bool:
    """Whether a line ends like a sentence (allowing closing quotes and brackets)."""
    stripped = line.rstrip().rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in SENTENCE_END


def is_prose(line: str, min_words: int = 12) -> bool:
    """A line that reads as a paragraph of running text."""
    words = word_count(line)
    if not line.isascii() and words < min_words and not any(c == " " for c in line.strip()):
        words = len(line) // 4  # unspaced scripts (Chinese, Japanese): count characters
    return (words >= min_words and ends_sentence(line)) or words >= 2 * min_words


@dataclass(frozen=True)
class Layout:
    """Line indices (0-based) of the article body ``[body_start, body_end]`` and of the
    headline; ``body_start`` is None when the text has no prose at all."""

    body_start: int | None
    body_end: int | None
    headline: int | None
    line_count: int

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
    largest = max(c[2] for c in clusters)
    substantial = [c for c in clusters if c[2] >= body_share * largest]
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
    return Layout(start, end, headline, len(lines))


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
