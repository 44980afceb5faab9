"""Kind ``repeated-line``: a short line that occurs more than once in a document (a
site name over and under the headline, share buttons at the top and the bottom)."""

from __future__ import annotations

from collections import Counter

from ..pagelayout import layout_of, line_removal_findings, page_lines
from .base import Param, register
from .layout_params import LayoutRule, removable


def line_key(line: str) -> str:
    """Lines compare equal ignoring case and runs of white space."""
    key = " ".join(line.split())
    # str.lower has an ASCII fast path that str.casefold lacks; on ASCII they agree
    return key.lower() if key.isascii() else key.casefold()


@register
class RepeatedLineRule(LayoutRule):
    kind = "repeated-line"
    PARAMS = {
        **LayoutRule.PARAMS,
        "max_words": Param(int, 8, doc="longer lines are never taken as repeated furniture"),
        "min_count": Param(int, 2, doc="occurrences in the document that make a line furniture"),
    }

    def check(self, doc, ctx):
        features = page_lines(doc.text)
        max_words = self.params["max_words"]
        candidates = []
        counts: Counter[str] = Counter()
        for item in doc.lines():
            if 0 < features.words[item[0]] <= max_words:
                key = line_key(features.stripped[item[0]])
                counts[key] += 1
                candidates.append((key, item))
        if not any(n >= self.params["min_count"] for n in counts.values()):
            return
        page = layout_of(doc, self.params)
        items = [(*item, {"count": counts[key]}) for key, item in candidates
                 if counts[key] >= self.params["min_count"] and removable(page, item[0], item[3], self.params)]
        yield from line_removal_findings(self, doc, items)
