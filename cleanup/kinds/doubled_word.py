"""Kind ``doubled-word``: the same word twice in a row ("the the"), where grammar or a
proper name does not allow it ("had had", "that that", "Bora Bora")."""

from __future__ import annotations

import regex

from .base import Param, Rule, register

DOUBLED = regex.compile(r"\b(\p{L}[\p{L}'’]*)([ \t]+)(\p{L}[\p{L}'’]*)\b")


@register
class DoubledWordRule(Rule):
    kind = "doubled-word"
    PARAMS = {
        "allowed": Param(list, [], doc="pairs that are grammatical or idiomatic, e.g. \"had had\""),
    }

    def setup(self) -> None:
        self.allowed = {" ".join(pair.casefold().split()) for pair in self.params["allowed"]}

    def check(self, doc, ctx):
        text = doc.text
        for match in DOUBLED.finditer(text, overlapped=True):
            first, second = match.group(1), match.group(3)
            if first.casefold() != second.casefold():
                continue
            if f"{first.casefold()} {second.casefold()}" in self.allowed:
                continue
            if second[:1].isupper():
                continue  # "Bora Bora", "Walla Walla", a name repeated on purpose
            yield self.finding(match.start(), match.end(), replacement=first, match=match.group(0))
