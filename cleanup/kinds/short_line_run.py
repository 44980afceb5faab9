"""Kind ``short-line-run``: a run of consecutive short lines that are not sentences
(a menu, a tag list, a link list), with no blank line between them."""

from __future__ import annotations

from ..pagelayout import layout_of, line_removal_findings, page_lines
from .base import Param, register
from .layout_params import LayoutRule, removable


@register
class ShortLineRunRule(LayoutRule):
    kind = "short-line-run"
    PARAMS = {
        **LayoutRule.PARAMS,
        "min_run": Param(int, 4, doc="this many short lines in a row make a menu"),
        "max_words": Param(int, 4, doc="a short line has at most this many words"),
    }

    def check(self, doc, ctx):
        page = layout_of(doc, self.params)
        features = page_lines(doc.text)
        max_words = self.params["max_words"]
        short = [bool(line) and words <= max_words and not ended
                 for line, words, ended in zip(features.stripped, features.words, features.ends)]
        run: list[tuple[int, int, int, str]] = []
        items = []
        for item in [*doc.lines(), None]:
            if item is not None and short[item[0]]:
                run.append(item)
                continue
            if len(run) >= self.params["min_run"]:
                items.extend((*line, {"count": len(run)}) for line in run if removable(page, line[0], line[3], self.params))
            run = []
        yield from line_removal_findings(self, doc, items)
