"""Kind ``input``: problems found while reading a file rather than in its text (a file
that is not UTF-8). The reader reports them; the rule declares id, severity and message
so that they can be listed, selected and ignored like any other."""

from __future__ import annotations

import codecs

from ..document import NotUtf8Error, decode
from ..model import Finding
from .base import Rule, register


@register
class InputRule(Rule):
    kind = "input"
    reads_code = True

    def check(self, doc, ctx):
        return ()

    def example_findings(self, example: str, ctx) -> list[Finding]:
        """An example is the file's bytes written with Python escapes (\\xff …)."""
        data = codecs.escape_decode(example.encode("ascii", "backslashreplace"))[0]
        try:
            decode(data)
        except NotUtf8Error as error:
            return [Finding(self.id, str(error), 0, 0, self.meta.severity)]
        return []
