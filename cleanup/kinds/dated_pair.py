"""Kind ``dated-pair``: a short line followed by a date line ("joetoronto says:" /
"November 19, 2019 at 6:44 am"), a shape that recurs in comment threads and story lists.
One such pair may be the article's byline; several in one document are a list of
comments or of stories, and their headers go (the comment texts are left alone)."""

from __future__ import annotations

import regex

from ..pagelayout import layout_of, line_removal_findings, page_lines
from .base import REQUIRED, Param, compile_pattern, register
from .layout_params import LayoutRule, removable, where_param

FULL_STOPS = ".!?…。！？"


@register
class DatedPairRule(LayoutRule):
    kind = "dated-pair"
    PARAMS = {
        **LayoutRule.PARAMS,
        "where": where_param("anywhere"),
        "date": Param(str, REQUIRED, doc="regex that must match the whole stripped date line"),
        "max_words": Param(int, 6, doc="the line above the date has at most this many words"),
        "max_length": Param(int, 60, doc="neither line of a pair is longer"),
        "min_pairs": Param(int, 3, doc="this many pairs in a document make a list"),
        "between": Param(int, 0, doc="also remove the lines between one pair and the next when at most "
                                     "this many non-blank lines (a comment's text; 0: never)"),
        "timeout": Param(float, 1.0),
    }

    def setup(self) -> None:
        super().setup()
        self.date = compile_pattern(self.params["date"], regex.IGNORECASE, key="date")

    def check(self, doc, ctx):
        features = page_lines(doc.text)
        stripped, words, nonblank = features.stripped, features.words, features.nonblank
        limit, timeout = self.params["max_length"], self.params["timeout"]
        dated = [len(stripped[index]) <= limit and self.date.fullmatch(stripped[index], timeout=timeout)
                 is not None for index in nonblank]
        if sum(dated) < self.params["min_pairs"]:
            return  # each pair has a date line of its own
        pairs = []
        for rank in range(1, len(nonblank)):
            header = nonblank[rank - 1]
            line = stripped[header]
            # a header is a name or a label: not a sentence (a colon may end it), not a date
            if (dated[rank] and not dated[rank - 1] and len(line) <= limit
                    and 0 < words[header] <= self.params["max_words"]
                    and line.rstrip(":").rstrip()[-1:] not in FULL_STOPS):
                pairs.append((header, nonblank[rank]))
        if len(pairs) < self.params["min_pairs"]:
            return
        page = layout_of(doc, self.params)
        position = features.position
        chosen = {index for pair in pairs for index in pair}
        between = self.params["between"]
        for (_header, date), (following, _date) in zip(pairs, pairs[1:]):
            inside = nonblank[position[date] + 1 : position[following]]
            # the article's own byline and date above the body are a pair too: what
            # follows them is the article
            if len(inside) <= between and not page.in_top(date):
                chosen.update(inside)
        items = [(*row, {"count": len(pairs)}) for row in features.rows(sorted(chosen))
                 if removable(page, row[0], row[3], self.params)]
        yield from line_removal_findings(self, doc, items)
