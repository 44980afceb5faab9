"""Parameters shared by the rule kinds that look at a page's layout (``pagelayout``)."""

from __future__ import annotations

from bisect import bisect_left

from ..pagelayout import LineRows, word_count
from .base import Param, Rule

LAYOUT_PARAMS = {
    "prose_words": Param(int, 12, doc="a line of at least this many words ending like a sentence is prose"),
    "max_gap": Param(int, 8, doc="prose lines at most this many non-blank lines apart are one body"),
    "body_share": Param(float, 0.3, doc="prose clusters this share of the largest one's size belong to the body"),
    "headline_window": Param(int, 3, doc="the headline is the longest of this many lines above the body"),
    "keep_echoes": Param(bool, True, doc="keep a line outside the body whose text occurs in the body"),
    "min_distance": Param(int, 1, doc="act only on lines at least this many non-blank lines outside the body"),
    "mention_words": Param(int, 2, doc="keep a line of at most this many words whose text occurs elsewhere "
                                       "in the body, even inside a word (0: never)"),
}
WHERE = ("margin", "top", "bottom", "anywhere")


def where_param(default: str) -> Param:
    """The ``where`` key of a layout rule: which part of the page it acts on."""
    return Param(str, default, doc="margin (top or bottom), top, bottom, or anywhere")


def check_where(value: str) -> None:
    if value not in WHERE:
        problem = ValueError(f"'where' must be one of {', '.join(WHERE)}")
        problem.key = "where"
        raise problem


def placed(layout, index: int, where: str) -> bool:
    """Whether line ``index`` is where a rule applies; the headline never is."""
    if index == layout.headline:
        return False
    if where == "anywhere":
        return True
    if where == "top":
        return layout.in_top(index)
    if where == "bottom":
        return layout.in_bottom(index)
    return layout.in_margin(index)


def placed_ranges(layout, count: int, where: str) -> list[range]:
    """The ranges of line indices (of a text of ``count`` lines) that can be ``placed``
    for ``where`` (a superset: the headline is among them), so that a rule need not
    visit the whole body."""
    if where == "anywhere":
        return [range(count)]
    if layout.body_start is None:
        return []
    top = [range(layout.body_start)] if where in ("top", "margin") else []
    bottom = [range(layout.body_end + 1, count)] if where in ("bottom", "margin") else []
    return top + bottom


def placed_indices(layout, count: int, where: str) -> range | list[int]:
    """The indices of ``placed_ranges``, in order."""
    ranges = placed_ranges(layout, count, where)
    return ranges[0] if len(ranges) == 1 else [index for lines in ranges for index in lines]


def placed_rows(layout, rows, where: str):
    """The entries of ``rows`` (line table rows in order) whose line ``placed_ranges`` holds."""
    if where == "anywhere":
        return rows
    if not rows:
        return []
    # rows are in line order: each range's rows are one slice, found by bisection
    indices = rows.indices if isinstance(rows, LineRows) else [row[0] for row in rows]
    placed: list = []
    for lines in placed_ranges(layout, indices[-1] + 1, where):
        first = bisect_left(indices, lines.start)
        placed += rows[first : bisect_left(indices, lines.stop, lo=first)]
    return placed


def mentioned(layout, index: int, line: str, max_words: int) -> bool:
    """Whether a short line (at most ``max_words`` words) is one the article body also
    uses (see ``Layout.mentions``): kept, in the body or outside it."""
    if max_words <= 0:
        return False
    words = layout.words[index] if layout.words else word_count(line)
    return words <= max_words and layout.mentions(index, line)


def removable(layout, index: int, line: str, params) -> bool:
    """Whether a rule with layout ``params`` may remove line ``index``: it stands where
    the rule applies, and, outside the body, far enough from it and not echoing the
    article's own words (a name, a term or a figure of the article, kept in doubt)."""
    if not placed(layout, index, params["where"]):
        return False
    if params["keep_echoes"] and mentioned(layout, index, line, params["mention_words"]):
        return False
    if not layout.in_margin(index):
        return True
    if layout.distance(index) < params["min_distance"]:
        return False
    return not (params["keep_echoes"] and layout.echoes(line))


class LayoutRule(Rule):
    """Base of the kinds that act on lines according to where they stand in the page."""

    PARAMS = {
        **LAYOUT_PARAMS,
        "where": where_param("margin"),
    }

    def setup(self) -> None:
        check_where(self.params["where"])
