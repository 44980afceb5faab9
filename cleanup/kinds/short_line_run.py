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
        features = page_lines(doc.text)
        max_words, min_run = self.params["max_words"], self.params["min_run"]
        short = [index for index, (line, words, ended)
                 in enumerate(zip(features.stripped, features.words, features.ends))
                 if line and words <= max_words and not ended]
        if len(short) < min_run:
            return
        page = layout_of(doc, self.params)
        items = []
        for run in consecutive_runs(short):
            if len(run) >= min_run:
                items.extend((*row, {"count": len(run)}) for row in features.rows(run)
                             if removable(page, row[0], row[3], self.params))
        yield from line_removal_findings(self, doc, items)


def consecutive_runs(indices: list[int]) -> list[list[int]]:
    """``indices`` (ascending) cut into runs of consecutive numbers."""
    runs: list[list[int]] = []
    for index in indices:
        if runs and runs[-1][-1] == index - 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    return runs
