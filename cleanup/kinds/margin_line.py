"""Kind ``margin-line``: a ``line`` rule that applies only outside the article body
(bylines, datelines and author bios above or below it; see ``cleanup.pagelayout``)."""

from __future__ import annotations

from ..pagelayout import layout_of, line_removal_findings, short_rows
from .base import register
from .layout_params import LAYOUT_PARAMS, check_where, placed_rows, removable, where_param
from .line import LineRule


@register
class MarginLineRule(LineRule):
    kind = "margin-line"
    PARAMS = {
        **LineRule.PARAMS,
        **LAYOUT_PARAMS,
        "where": where_param("margin"),
    }

    def setup(self) -> None:
        check_where(self.params["where"])
        super().setup()

    def check(self, doc, ctx):
        rows = short_rows(doc.text, self.params["max_length"])
        if not rows:
            return  # most documents of running text: no line short enough to remove
        page = layout_of(doc, self.params)
        rows = placed_rows(page, rows, self.params["where"])
        if not rows:
            return
        strip = self.params["strip"]
        items = []
        for index, start, end, line in self.candidate_lines(doc, rows):
            stripped = line.strip(strip)
            if not stripped:
                continue
            if self.pattern is None:
                # a phrase lookup is cheaper than the placement tests (and cannot time out)
                if self.line_matches(stripped) is None or not removable(page, index, line, self.params):
                    continue
            elif not removable(page, index, line, self.params) or self.line_matches(stripped) is None:
                continue
            if self.kept_after(doc, index):
                continue
            items.append((index, start, end, line, {}))
        yield from line_removal_findings(self, doc, items)
