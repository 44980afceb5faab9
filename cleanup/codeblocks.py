"""The code a document quotes: what no rule reads, as Vale and textlint leave a
Markdown file's code alone.

A command, a doctest or a configuration file is right as it stands, however it looks as
prose: ``pip install --no-binary atheris atheris`` is no doubled word, ``ruff check .``
no stray space before a full stop, ``fix_text('âœ” No problems')`` no mojibake to fix,
``<root>&ee;</root>`` no entity to decode. A web page's extracted text has none of these
markers, so a news corpus loses nothing.

The regions (character offsets, sorted, never overlapping):
- a fenced block, from a line opening with three backticks or tildes to the line that
  closes it (an unclosed fence is taken for a stray one: nothing);
- a reStructuredText literal block: the lines indented under a line that ends in
  ``::`` or is a code directive (``.. code:: python``);
- a doctest: from a ``>>>`` prompt that reads as code to the next blank line (its
  output included);
- in a text that keeps its markup (``pagelayout.keeps_markup``), an inline code span in
  backticks, and a Markdown hard line break (two spaces or more ending a line that the
  paragraph goes on after): markup, not trailing whitespace.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .pagelayout import indentation, keeps_markup, line_above
from .textcache import per_text

FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})[^\n]*$", re.M)
# a line may end in "\r" (a CRLF text given as it is): every "$" allows for it; the
# leading whitespace is possessive, or a line of many spaces is tried at every width
LITERAL_INTRODUCTION = re.compile(
    r"^([ \t]*+)(?:(?!\.\.\s)[^\n]*::|\.\. (?:code|code-block|sourcecode|doctest|highlight)::[^\n]*?)"
    r"[ \t]*\r?$", re.M)
# a prompt that reads as code, where an e-mail's third level of quoting (">>> I agree")
# and a news page's arrow (">>> Read more: talks resume (video)") do not: a call or an
# index (a bracket right after a name), an assignment, a braced literal, a line that
# is one bracketed literal, a comment, or a statement's keyword
DOCTEST_PROMPT = re.compile(r"^[ \t]*>>>(?: (?:[^\n]*(?:[\w)\]'\"][(\[]|=|\{)|[(\[][^\n]*[)\]][ \t]*\r?$|#|"
                            r"(?:import|from|for|def|class|print|with|if|"
                            r"while|try|raise|assert|del|lambda|return)\b)[^\n]*)?\r?$", re.M)
# a code span opens with a whole run of backticks and closes with a run of the same
# length (CommonMark): matching part of a run would try every length of every run,
# quadratic in a line of backticks
INLINE_CODE = re.compile(r"(?<!`)(`++)[^`\n]+?\1(?!`)")
HARD_BREAK = re.compile(r"(?<=\S)[ ]{2,}(?=\r?\n[ \t]*\S)")
BLANK_LINE = re.compile(r"\n[ \t]*\r?(?:\n|$)")


def may_quote_code(text: str) -> bool:
    """Whether ``text`` holds a marker of quoted code at all: a scan in C, so that a
    document without any pays nothing more."""
    # one ``in`` a marker, not a generator: this runs on every document. A search for a
    # character runs at memory speed, one for a longer string several times slower: a
    # marker's rarer character is looked for first
    return ("`" in text or ("~" in text and "~~~" in text) or "::" in text or (">" in text and ">>>" in text)
            or "  \n" in text or ("\r" in text and "  \r\n" in text))


@per_text(maxsize=64)
def code_regions(text: str) -> tuple[tuple[int, int], ...]:
    """The regions of ``text`` that quote code (see the module)."""
    if not may_quote_code(text):
        return ()
    regions = fenced_blocks(text) + literal_blocks(text) + doctests(text)
    if keeps_markup(text):
        if "`" in text:
            regions += [match.span() for match in INLINE_CODE.finditer(text)]
        if "  \n" in text or "  \r\n" in text:
            regions += [match.span() for match in HARD_BREAK.finditer(text)]
    return merged(regions)


def fenced_blocks(text: str) -> list[tuple[int, int]]:
    if "```" not in text and "~~~" not in text:
        return []
    blocks = []
    opening = None
    for match in FENCE.finditer(text):
        marker = match.group(1)
        if opening is None:
            if not heading_underline(text, match):
                opening = match
        elif marker[0] == opening.group(1)[0] and len(marker) >= len(opening.group(1)) \
                and match.group(0).strip() == marker:
            blocks.append((opening.start(), match.end()))
            opening = None
    return blocks


def heading_underline(text: str, match: re.Match) -> bool:
    """Whether a fence that would open a block is a reStructuredText heading's underline
    ("Usage" over "~~~~~"): a line of the marker alone, longer than a fence's three, under
    a line it is as long as. Taken for a fence, it paired with the next heading's and
    made the section between them code."""
    marker = match.group(1)
    if len(marker) <= 3 or match.group(0).strip() != marker:
        return False
    above = line_above(text, match.start())
    return bool(above) and len(marker) >= len(above)


def literal_blocks(text: str) -> list[tuple[int, int]]:
    if "::" not in text:
        return []
    blocks = []
    for match in LITERAL_INTRODUCTION.finditer(text):
        if blocks and match.start() < blocks[-1][1]:
            # an introduction inside a block is indented deeper than the block's own, so
            # its block ends within it: scanning it again is quadratic in nested lines
            continue
        base = len(match.group(1).expandtabs())
        position = match.end() + 1
        end = None
        while position < len(text):
            line_end = text.find("\n", position)
            line_end = len(text) if line_end == -1 else line_end
            line = text[position:line_end]
            if line.strip():
                if indentation(line.expandtabs()) <= base:
                    break
                end = line_end
            position = line_end + 1
        if end is not None:
            blocks.append((match.end(), end))
    return blocks


def doctests(text: str) -> list[tuple[int, int]]:
    if ">>>" not in text:
        return []
    blocks = []
    position = 0
    # the prompts before a session's blank line are its own: searching for the blank
    # line again from each of them is quadratic in a session without one
    while (match := DOCTEST_PROMPT.search(text, position)) is not None:
        blank = BLANK_LINE.search(text, match.end())
        end = blank.start() if blank else len(text)
        blocks.append((match.start(), end))
        position = max(end, match.end() + 1)
    return blocks


def merged(regions: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """``regions`` sorted, overlapping ones made one."""
    result: list[list[int]] = []
    for start, end in sorted(regions):
        if result and start <= result[-1][1]:
            result[-1][1] = max(result[-1][1], end)
        else:
            result.append([start, end])
    return tuple((start, end) for start, end in result)


def outside_code(regions: tuple[tuple[int, int], ...], start: int, end: int) -> bool:
    """Whether the span ``[start, end)`` touches no region of ``regions``."""
    index = bisect_right(regions, (start, float("inf"))) - 1
    if index >= 0 and regions[index][1] > start:
        return False  # the region opening at or before ``start`` reaches into the span
    following = index + 1
    return following >= len(regions) or regions[following][0] >= end
