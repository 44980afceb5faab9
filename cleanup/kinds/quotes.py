"""Kind ``quotes``: quotation marks that do not pair up within a paragraph
(``check = "unbalanced"``), or straight and curly double quotes mixed in one document
(``check = "mixed-styles"``).

A quotation may run over several paragraphs: by convention its mark is left open at
the end of each paragraph and opened again at the start of the next, so an open mark
is only reported when the next paragraph does not start with one. A paragraph
hard-wrapped over two lines (no blank line between) may close on the next line what
it opened on this one. Double marks written as two single ones (‘‘ ’’) count as one.
Quotation conventions differ between languages (« », „ “, ” ”): with
``english_only`` the rule is quiet on documents that are not English.
"""

from __future__ import annotations

import re

from ..language import looks_english
from ..sentences import (CLOSING_DOUBLE, LOW_OPENING, OPENING_DOUBLE, STRAIGHT_DOUBLE,
                         has_quote_mark, normalise_marks, structure)
from .base import Param, Rule, register

CHECKS = ("unbalanced", "mixed-styles")
# one regex pass finds the marks; a loop over every character was the rule's cost
STRAIGHT = re.compile(re.escape(STRAIGHT_DOUBLE))
CURLY_DOUBLE = re.compile("[" + re.escape(OPENING_DOUBLE + CLOSING_DOUBLE) + "]")


def straight_marks(text: str, start: int = 0) -> list[int]:
    """Offsets of straight double quotes used as quotation marks (not inch or second
    marks after a digit: 5'10")."""
    return [mark.start() + start for mark in STRAIGHT.finditer(text)
            if not (mark.start() and text[mark.start() - 1].isdigit())]


CARRIED = -1  # ``open_at`` of a mark opened on the line before (a hard-wrapped paragraph)


def unpaired_marks(text: str, carried: bool = False) -> tuple[list[int], int | None, int | None]:
    """Closing curly marks with nothing open, the curly mark left open at the end (if
    any), and the last straight mark when their count is odd: offsets into ``text``.
    ``carried``: a mark opened on the line before is still open (its closing here pairs
    with it; a new opening means it was never closed, reported as ``CARRIED``)."""
    text = normalise_marks(text)
    stray_closing: list[int] = []
    open_at: int | None = CARRIED if carried else None
    for mark in CURLY_DOUBLE.finditer(text):  # only these marks change the state
        position = mark.start()
        char = text[position]
        if open_at not in (None, CARRIED) and text[open_at] == LOW_OPENING and char == "“":
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


def hard_wrapped(text: str, paragraph, following) -> bool:
    """The paragraph goes on on the next line: no blank line between, and the next line
    starts in the middle of a sentence (a lowercase letter)."""
    gap = text[paragraph.end : following.start]
    return gap.count("\n") == 1 and following.text[:1].islower()


def opens_with_quote(text: str) -> bool:
    return bool(text) and (text[0] in OPENING_DOUBLE or text[0] == STRAIGHT_DOUBLE)


@register
class QuotesRule(Rule):
    kind = "quotes"
    PARAMS = {
        "check": Param(str, doc="unbalanced | mixed-styles"),
        "english_only": Param(bool, False, doc="quiet on documents that are not English"),
    }

    def setup(self) -> None:
        if self.params["check"] not in CHECKS:
            problem = ValueError(f"'check' must be one of {', '.join(CHECKS)}")
            problem.key = "check"
            raise problem

    def check(self, doc, ctx):
        # the cheap tests of the text come first: most documents have nothing to pair
        # or no mix, and the language gate costs more than either
        if self.params["check"] == "unbalanced":
            yield from self.unbalanced(doc)
        else:
            yield from self.mixed_styles(doc)

    def english(self, doc) -> bool:
        return not self.params["english_only"] or looks_english(doc.text)

    def unbalanced(self, doc):
        text = doc.text
        # without a mark (`` is read as one) every paragraph is balanced
        if not has_quote_mark(text) or not self.english(doc):
            return
        paragraphs = structure(text).paragraphs
        carried_from: int | None = None  # document offset of a mark the line before left open
        for number, paragraph in enumerate(paragraphs):
            previous, carried_from = carried_from, None
            carried = previous is not None
            if paragraph.balanced and not carried:
                continue
            following = paragraphs[number + 1] if number + 1 < len(paragraphs) else None
            stray, left_open, odd_straight = unpaired_marks(paragraph.text, carried)
            offsets = [paragraph.start + o if o != CARRIED else previous for o in stray]
            if left_open is not None:
                where = paragraph.start + left_open if left_open != CARRIED else previous
                if following is None or not opens_with_quote(following.text):
                    if following is not None and hard_wrapped(text, paragraph, following):
                        carried_from = where
                    else:
                        offsets.append(where)
            if odd_straight is not None and not (following and opens_with_quote(following.text)):
                offsets.append(paragraph.start + odd_straight)
            for where in sorted(set(offsets)):
                yield self.finding(where, where + 1, match=text[where])

    def mixed_styles(self, doc):
        text = doc.text
        if STRAIGHT_DOUBLE not in text or text.isascii() or CURLY_DOUBLE.search(text) is None:
            return  # (curly marks are not ASCII)
        straight = straight_marks(text)
        curly = [mark.start() for mark in CURLY_DOUBLE.finditer(text)]
        if not straight or not curly or not self.english(doc):
            return
        minority = straight if len(straight) <= len(curly) else curly
        where = minority[0]
        yield self.finding(
            where, where + 1, match=text[where], straight=len(straight), curly=len(curly),
        )
