"""Kind ``mojibake``: UTF-8 text that was decoded with the wrong code page, once or
more ("Sergeń≠" for "Sergeĭ"). ftfy repairs what it knows (Latin-1, Windows-125x,
Mac Roman, code page 437); ``cleanup.recode`` searches further code pages. Lines that
are pure ASCII are skipped before any work is done."""

from __future__ import annotations

from .. import recode
from .base import Param, Rule, register


@register
class MojibakeRule(Rule):
    kind = "mojibake"
    PARAMS = {
        "use_ftfy": Param(bool, True, doc="let ftfy (encoding repair only) try each line first"),
    }

    def check(self, doc, ctx):
        # A suspect line's telltale pair is in the whole text too: one search of the
        # document rules out most documents before any line is looked at.
        if doc.is_ascii or not recode.is_suspect(doc.text):
            return
        use_ftfy = self.params["use_ftfy"]
        for _index, start, _end, line in doc.lines():
            if not recode.is_suspect(line):
                continue
            repairs = recode.line_repairs(line) if use_ftfy else recode.search_repairs(line)
            for repair in repairs:
                yield self.finding(
                    start + repair.start,
                    start + repair.end,
                    replacement=repair.replacement,
                    match=line[repair.start : repair.end],
                    codecs=repair.describe(),
                    safe=None if repair.clear else False,
                )
