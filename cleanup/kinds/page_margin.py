"""Kind ``page-margin``: every line above or below the article body that does not read
as a sentence (menus, link lists, names, dates, labels), the headline excepted."""

from __future__ import annotations

from ..pagelayout import layout_of, line_removal_findings, page_lines
from .base import Param, register
from .layout_params import LayoutRule, placed_lines, removable


@register
class PageMarginRule(LayoutRule):
    kind = "page-margin"
    PARAMS = {
        **LayoutRule.PARAMS,
        "sentence_words": Param(int, 4, doc="a line of this many words ending like a sentence is kept"),
        "keep_wordless": Param(bool, False, doc="keep lines without a word (a lone figure may be a table cell)"),
    }

    def check(self, doc, ctx):
        page = layout_of(doc, self.params)
        features = page_lines(doc.text)
        sentence_words = self.params["sentence_words"]
        items = []
        for index, start, end, line in placed_lines(doc, page, self.params["where"]):
            if not features.stripped[index] or page.in_body(index) or not removable(page, index, line, self.params):
                continue
            words = features.words[index]
            if (features.ends[index] and words >= sentence_words) or (
                    words == 0 and self.params["keep_wordless"]):
                continue
            items.append((index, start, end, line, {}))
        yield from line_removal_findings(self, doc, items)
