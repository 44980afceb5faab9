"""Kind ``line-run``: a run of non-blank lines that all share one shape (a category list
of "Label (12)" lines, a list of headlines each led by a time), in the body or outside
it. One such line may be article text; a run of them is a widget."""

from __future__ import annotations

import regex

from ..model import Edit
from ..pagelayout import layout_of, page_lines, removal_spans, structured_safety
from .base import REQUIRED, Param, compile_pattern, data_error, register
from .layout_params import LayoutRule, removable, where_param
from .line import CASE_ODD


@register
class LineRunRule(LayoutRule):
    kind = "line-run"
    PARAMS = {
        **LayoutRule.PARAMS,
        "where": where_param("anywhere"),
        "pattern": Param(str, REQUIRED, doc="regex that must match each whole stripped line of the run"),
        "ignorecase": Param(bool, False),
        "min_run": Param(int, 3, doc="this many matching non-blank lines in a row (blank lines between allowed)"),
        "max_length": Param(int, 200, doc="longer lines never belong to a run"),
        "timeout": Param(float, 1.0),
        "requires": Param(list, [], doc="literals of which every line the pattern matches holds one (ignoring "
                                        "case as the rule does): only lines holding one are tried"),
    }

    def setup(self) -> None:
        super().setup()

        flags = regex.IGNORECASE if self.params["ignorecase"] else 0
        self.pattern = compile_pattern(self.params["pattern"], flags)
        if not all(isinstance(item, str) and item and "\n" not in item for item in self.params["requires"]):
            raise data_error("'requires' lists an empty string or a line break", "requires")
        fold = str.lower if self.params["ignorecase"] else str
        self.requires = tuple(sorted({fold(item) for item in self.params["requires"]})) or None

    def may_match(self, line: str) -> bool:
        """Whether a stripped line holds a ``requires`` literal (or the rule has none)."""
        if self.requires is None:
            return True
        if self.params["ignorecase"]:
            # str.lower folds as the pattern does but for these (see the line kind)
            if any(c in line for c in CASE_ODD):
                return True
            line = line.lower()
        return any(literal in line for literal in self.requires)

    def check(self, doc, ctx):
        if self.requires is not None and not self.params["ignorecase"] and not any(
                literal in doc.text for literal in self.requires):
            return  # no line holds a literal every matching line holds
        features = page_lines(doc.text)
        limit, timeout = self.params["max_length"], self.params["timeout"]
        matching = [index for index in features.nonblank
                    if len(features.stripped[index]) <= limit and self.may_match(features.stripped[index])
                    and self.pattern.fullmatch(features.stripped[index], timeout=timeout)]
        if len(matching) < self.params["min_run"]:
            return
        page = layout_of(doc, self.params)
        items = []
        run: list[int] = []
        for index in [*matching, None]:
            if run and index is not None and features.position[index] == features.position[run[-1]] + 1:
                run.append(index)
                continue
            if len(run) >= self.params["min_run"]:
                items.extend((member, len(run)) for member in run
                             if removable(page, member, features.row(member)[3], self.params))
            run = [index] if index is not None else []
        # the blank lines inside a run go with it: the run is one block to delete
        spans = removal_spans(doc, [line for first, last in blocks(items) for line in range(first, last + 1)])
        safe = structured_safety(doc.text) if items else None
        for index, count in items:
            _index, start, end, line = features.row(index)
            edits = [Edit(*spans[index], "")]
            following = index + 1
            while following in spans and not features.stripped[following]:
                edits.append(Edit(*spans[following], ""))
                following += 1
            yield self.finding(start, end, edits=edits, match=line.strip(), count=count, safe=safe)


def blocks(items):
    """(first, last) line of each stretch of ``items`` whose lines are consecutive
    non-blank lines of one run (``items`` holds (index, run length) in order)."""
    stretches: list[list[int]] = []
    for index, _count in items:
        if stretches and index - stretches[-1][1] <= 2:
            stretches[-1][1] = index
        else:
            stretches.append([index, index])
    return stretches
