"""Kind ``quotes``: quotation marks that do not pair up within a paragraph
(``check = "unbalanced"``), or straight and curly double quotes mixed in one document
(``check = "mixed-styles"``).

A quotation may run over several paragraphs: by convention its mark is left open at
the end of each paragraph and opened again at the start of the next, so an open mark
is only reported when the next paragraph does not start with one.
"""

from __future__ import annotations

from ..sentences import CLOSING_DOUBLE, LOW_OPENING, OPENING_DOUBLE, STRAIGHT_DOUBLE, structure
from .base import Param, Rule, register

CHECKS = ("unbalanced", "mixed-styles")


def straight_marks(text: str, start: int = 0) -> list[int]:
    """Offsets of straight double quotes used as quotation marks (not inch or second
    marks after a digit: 5'10")."""
    return [i for i, c in enumerate(text, start) if c == STRAIGHT_DOUBLE and not text[i - start - 1 : i - start].isdigit()]


def unpaired_marks(text: str) -> tuple[list[int], int | None, int | None]:
    """Closing curly marks with nothing open, the curly mark left open at the end (if
    any), and the last straight mark when their count is odd: offsets into ``text``."""
    stray_closing: list[int] = []
    open_at: int | None = None
    for position, char in enumerate(text):
        if open_at is not None and text[open_at] == LOW_OPENING and char == "“":
            open_at = None  # German style „…“
        elif char in OPENING_DOUBLE:
            if open_at is not None:
                stray_closing.append(open_at)  # opened twice: the first one is never closed
            open_at = position
        elif char in CLOSING_DOUBLE:
            if open_at is None:
                stray_closing.append(position)
            open_at = None
    straight = straight_marks(text)
    odd_straight = straight[-1] if len(straight) % 2 else None
    return stray_closing, open_at, odd_straight


def opens_with_quote(text: str) -> bool:
    return bool(text) and (text[0] in OPENING_DOUBLE or text[0] == STRAIGHT_DOUBLE)


@register
class QuotesRule(Rule):
    kind = "quotes"
    PARAMS = {"check": Param(str, doc="unbalanced | mixed-styles")}

    def setup(self) -> None:
        if self.params["check"] not in CHECKS:
            problem = ValueError(f"'check' must be one of {', '.join(CHECKS)}")
            problem.key = "check"
            raise problem

    def check(self, doc, ctx):
        if self.params["check"] == "unbalanced":
            yield from self.unbalanced(doc)
        else:
            yield from self.mixed_styles(doc)

    def unbalanced(self, doc):
        paragraphs = structure(doc.text).paragraphs
        for number, paragraph in enumerate(paragraphs):
            if paragraph.balanced:
                continue
            following = paragraphs[number + 1].text if number + 1 < len(paragraphs) else ""
            stray, left_open, odd_straight = unpaired_marks(paragraph.text)
            offsets = list(stray)
            if left_open is not None and not opens_with_quote(following):
                offsets.append(left_open)
            if odd_straight is not None and not opens_with_quote(following):
                offsets.append(odd_straight)
            for offset in sorted(set(offsets)):
                where = paragraph.start + offset
                yield self.finding(where, where + 1, match=doc.text[where])

    def mixed_styles(self, doc):
        text = doc.text
        straight = straight_marks(text)
        curly = [i for i, c in enumerate(text) if c in OPENING_DOUBLE or c in CLOSING_DOUBLE]
        if not straight or not curly:
            return
        minority = straight if len(straight) <= len(curly) else curly
        where = minority[0]
        yield self.finding(
            where, where + 1, match=text[where], straight=len(straight), curly=len(curly),
        )
