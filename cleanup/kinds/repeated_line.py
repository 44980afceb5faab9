"""Kind ``repeated-line``: a short line that occurs more than once in a document (a
site name over and under the headline, share buttons at the top and the bottom)."""

from __future__ import annotations

from collections import Counter

from ..pagelayout import layout_of, line_removal_findings, page_lines
from .base import Param, register
from .layout_params import LayoutRule, removable


def line_key(line: str) -> str:
    """Lines compare equal ignoring case and runs of white space."""
    if line.isascii():
        # str.lower has an ASCII fast path that str.casefold lacks, and on ASCII they
        # agree; a printable ASCII line without a double space has no white space to
        # fold but the spaces at its ends
        if line.isprintable() and "  " not in line:
            return line.strip(" ").lower()
        return " ".join(line.split()).lower()
    return " ".join(line.split()).casefold()


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
        max_words, min_count = self.params["max_words"], self.params["min_count"]
        indices = [index for index, words in enumerate(features.words) if 0 < words <= max_words]
        keys = [line_key(features.stripped[index]) for index in indices]
        counts = Counter(keys)
        if not any(n >= min_count for n in counts.values()):
            return
        page = layout_of(doc, self.params)
        items = [(*row, {"count": counts[key]}) for key, row in zip(keys, features.rows(indices))
                 if counts[key] >= min_count and removable(page, row[0], row[3], self.params)]
        yield from line_removal_findings(self, doc, items)
