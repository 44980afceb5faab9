"""Kind ``line``: a whole line that is page furniture, removed with its line break."""

from __future__ import annotations

import regex

from ..phrasematch import PhraseMatcher
from ..model import Edit
from .base import Param, Rule, compile_pattern, register

MATCH_MODES = ("exact", "prefix", "contains")


@register
class LineRule(Rule):
    kind = "line"
    PARAMS = {
        "pattern": Param(str, None, doc="regex that must match the whole stripped line"),
        "phrases": Param(list, [], doc="lines that are one of these phrases"),
        "match": Param(str, "exact", doc="how a phrase meets the line: exact, prefix, contains"),
        "ignorecase": Param(bool, True),
        "strip": Param(str, " \t\u00a0.:!|-–—•*·", doc="characters ignored at both ends of a line"),
        "max_length": Param(int, 300, doc="longer lines are never removed"),
        "timeout": Param(float, 1.0),
    }

    def setup(self) -> None:
        if self.params["match"] not in MATCH_MODES:
            problem = ValueError(f"'match' must be one of {', '.join(MATCH_MODES)}")
            problem.key = "match"
            raise problem
        if self.params["pattern"] is None and not self.params["phrases"]:
            problem = ValueError("give 'pattern' or 'phrases'")
            problem.key = None
            raise problem
        self.pattern = None
        if self.params["pattern"] is not None:
            flags = regex.IGNORECASE if self.params["ignorecase"] else 0
            self.pattern = compile_pattern(self.params["pattern"], flags)
        self.matcher = PhraseMatcher(
            self.params["phrases"], ignorecase=self.params["ignorecase"], whole_word=True
        )

    def line_matches(self, stripped: str) -> str | None:
        """The phrase or pattern text that makes this stripped line furniture, if any."""
        if self.pattern is not None and self.pattern.fullmatch(stripped, timeout=self.params["timeout"]):
            return stripped
        if len(self.matcher):
            mode = self.params["match"]
            if mode == "exact":
                hit = self.matcher.fullmatch(stripped)
                return hit[0] if hit else None
            for start, _end, phrase, _value in self.matcher.finditer(stripped):
                if mode == "contains" or start == 0:
                    return phrase
        return None

    def check(self, doc, ctx):
        strip = self.params["strip"]
        limit = self.params["max_length"]
        for index, start, end, line in doc.lines():
            if not line or len(line) > limit:
                continue
            stripped = line.strip(strip)
            if not stripped or self.line_matches(stripped) is None:
                continue
            remove_start, remove_end = doc.line_removal(index)
            yield self.finding(
                start,
                end,
                edits=[Edit(remove_start, remove_end, "")],
                match=line.strip(),
            )
