"""Kind ``page-margin``: every line above or below the article body that does not read
as a sentence (menus, link lists, names, dates, labels), the headline excepted."""

from __future__ import annotations

from itertools import islice

import regex

from ..pagelayout import INTERVIEW_TURN, PROSE_WORDS, layout_of, line_removal_findings, page_lines
from .base import Param, register
from .layout_params import LayoutRule, placed_indices, removable


NUMBER = regex.compile(r"(?<!\S)\S*\d\S*(?!\S)")


def number_count(line: str, enough: int) -> int:
    """The tokens of ``line`` holding a digit, counted as far as ``enough``."""
    return sum(1 for _ in islice(NUMBER.finditer(line), enough))


def is_own_line(features, page, index: int) -> bool:
    """Whether line ``index`` is the text's own however far from its body: a turn of an
    interview ("Q: Favorite athlete?", "A: Lebron James"), or a heading in capitals over a
    paragraph ("TAX REDUCTION" in a long message whose body the layout put elsewhere). A
    page's menus and footers do not take turns, and their headings in capitals ("MOST
    READ") stand over lists of links, not over a paragraph; a heading underlined
    (``is_underlined``), which no page's text has; or an item of an enumeration whose
    items end in commas ("The Purnell Act for agricultural research,"), where a menu's
    items end in nothing."""
    line = features.stripped[index]
    if line[:1] in "QA" and INTERVIEW_TURN.match(line):
        return True
    if is_underlined(features, index):
        return True
    if line.endswith(",") and any(other is not None and features.stripped[other].endswith(",")
                                  for other in features.neighbours(index)):
        return True  # an enumeration's items, each going on after a comma
    if not line.isupper():
        return False
    following = features.neighbours(index)[1]
    return following is not None and page.prose_ends[following] and page.prose_words[following] >= PROSE_WORDS


UNDERLINES = frozenset("=-*~^#")


def is_underlined(features, index: int) -> bool:
    """Whether line ``index`` is a heading underlined as plain text and reStructuredText
    underline one ("Shifting operations" over "*******************"): the next line is
    one character repeated about the heading's length."""
    below = index + 1
    if below >= len(features.stripped):
        return False
    underline, line = features.stripped[below], features.stripped[index]
    return (len(underline) >= 3 and underline[0] in UNDERLINES and underline == underline[0] * len(underline)
            and abs(len(underline) - len(line)) <= 2)


@register
class PageMarginRule(LayoutRule):
    kind = "page-margin"
    PARAMS = {
        **LayoutRule.PARAMS,
        "sentence_words": Param(int, 4, doc="a line of this many words ending like a sentence is kept"),
        "keep_wordless": Param(bool, False, doc="keep lines without a word (a lone figure may be a table cell)"),
        "keep_runs": Param(int, 0, doc="keep a prose line with this many other prose lines among the two "
                                      "non-blank lines either side of it (0: never)"),
        # "March 67 66.4 61 72 41 37 26 88.0": a statistical table after a message's last
        # paragraph; a page's own lines (a phone number, a date and its update) have fewer
        "table_numbers": Param(int, 7, doc="keep a line with this many numbers, a data table's row (0: never)"),
        "keep_own_lines": Param(bool, True, doc="keep an interview turn ('Q: …', 'A: …'), a heading in "
                                                "capitals over a paragraph, an underlined heading and the items "
                                                "of an enumeration ending in commas"),
    }

    def check(self, doc, ctx):
        page = layout_of(doc, self.params)
        features = page_lines(doc.text)
        sentence_words, table_numbers = self.params["sentence_words"], self.params["table_numbers"]
        placed = placed_indices(page, len(features.lines), self.params["where"])
        if not placed:
            return
        items = []
        # the cheap tests first; a line's row is built only for the lines that pass them
        for index in placed:
            if not features.stripped[index] or page.in_body(index):
                continue
            words = page.prose_words[index]
            if (page.prose_ends[index] and words >= sentence_words) or (
                    words == 0 and self.params["keep_wordless"]):
                continue
            if self.params["keep_runs"] and self.in_prose_run(features, page, index):
                continue
            if table_numbers and number_count(features.stripped[index], table_numbers) >= table_numbers:
                continue
            if self.params["keep_own_lines"] and is_own_line(features, page, index):
                continue
            row = features.row(index)
            if removable(page, index, row[3], self.params):
                items.append((*row, {}))
        yield from line_removal_findings(self, doc, items)

    def in_prose_run(self, features, page, index: int) -> bool:
        """Whether line ``index`` is a paragraph among paragraphs: the article's lead
        stranded above a related-story list reads so, a lone teaser or notice does not."""
        def prose(line: int) -> bool:
            return page.prose_ends[line] and page.prose_words[line] >= self.params["prose_words"]

        if not prose(index):
            return False
        rank = features.position[index]
        near = features.nonblank[max(0, rank - 2) : rank] + features.nonblank[rank + 1 : rank + 3]
        return sum(map(prose, near)) >= self.params["keep_runs"]
