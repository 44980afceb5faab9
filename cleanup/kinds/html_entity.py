"""Kind ``html-entity``: HTML character references left in plain text (``&amp;``,
``&#8217;``, ``&nbsp;``), replaced by the characters they stand for. Only complete
references (with the closing ``;``) that HTML5 defines are touched."""

from __future__ import annotations

import html

import regex

from .base import Param, Rule, register

REFERENCE = regex.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def unescape(reference: str) -> str | None:
    """The character(s) of a reference, or None when HTML does not define it or it
    stands for a control character (which is not text)."""
    value = html.unescape(reference)
    if value == reference or value == "\ufffd":
        return None
    if any((c < " " and c not in "\t\n") or "\x7f" <= c <= "\x9f" for c in value):
        return None
    return value


@register
class HtmlEntityRule(Rule):
    kind = "html-entity"
    PARAMS = {
        "exceptions": Param(list, [], doc="references left alone (e.g. in text about HTML)"),
    }

    def setup(self) -> None:
        self.exceptions = set(self.params["exceptions"])

    def check(self, doc, ctx):
        text = doc.text
        if "&" not in text:
            return
        for match in REFERENCE.finditer(text):
            reference = match.group()
            if reference in self.exceptions:
                continue
            value = unescape(reference)
            if value is None:
                continue
            yield self.finding(*match.span(), replacement=value, match=reference)
