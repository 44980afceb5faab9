"""Kind ``page-margin``: every line above or below the article body that does not read
as a sentence (menus, link lists, names, dates, labels), the headline excepted."""

from __future__ import annotations

from ..pagelayout import ends_sentence, layout_of, line_removal_findings, word_count
from .base import Param, register
from .layout_params import LayoutRule, placed


@register
class PageMarginRule(LayoutRule):
    kind = "page-margin"
    PARAMS = {
        **LayoutRule.PARAMS,
        "sentence_words": Param(int, 4, doc="a line of this many words ending like a sentence is kept"),
    }

    def check(self, doc, ctx):
        page = layout_of(doc, self.params)
        where = self.params["where"]
        sentence_words = self.params["sentence_words"]
        items = []
        for index, start, end, line in doc.lines():
            stripped = line.strip()
            if not stripped or not placed(page, index, where) or page.in_body(index):
                continue
            if ends_sentence(stripped) and word_count(stripped) >= sentence_words:
                continue
            items.append((index, start, end, line, {}))
        yield from line_removal_findings(self, doc, items)
