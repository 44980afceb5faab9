"""Kind ``short-line-run``: a run of consecutive short lines that are not sentences
(a menu, a tag list, a link list), with no blank line between them."""

from __future__ import annotations

from ..pagelayout import ends_sentence, layout_of, line_removal_findings, word_count
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

    def is_short(self, line: str) -> bool:
        stripped = line.strip()
        return bool(stripped) and word_count(stripped) <= self.params["max_words"] and not ends_sentence(stripped)

    def check(self, doc, ctx):
        page = layout_of(doc, self.params)
        run: list[tuple[int, int, int, str]] = []
        items = []
        for item in [*doc.lines(), None]:
            if item is not None and self.is_short(item[3]):
                run.append(item)
                continue
            if len(run) >= self.params["min_run"]:
                items.extend((*line, {"count": len(run)}) for line in run if removable(page, line[0], line[3], self.params))
            run = []
        yield from line_removal_findings(self, doc, items)
