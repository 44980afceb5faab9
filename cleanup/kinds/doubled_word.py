"""Kind ``doubled-word``: the same word twice in a row ("the the"), where grammar or a
proper name does not allow it ("had had", "that that", "Bora Bora")."""

from __future__ import annotations

import regex

from ..language import looks_english
from ..wordclass import can_be_verb
from .base import Param, Rule, register

DOUBLED = regex.compile(r"\b(\p{L}[\p{L}'’]*)([ \t]+)(\p{L}[\p{L}'’]*)\b")


PREVIOUS_WORD = regex.compile(r"(\p{L}+)[ \t]+$")


def after_participle(text: str, position: int) -> bool:
    """The word before ``position`` is a past participle ("resorted", "referred", "taken")."""
    previous = PREVIOUS_WORD.search(text[max(0, position - 40) : position])
    if previous is None:
        return False
    word = previous.group(1).lower()
    return word.endswith(("ed", "en")) and can_be_verb(word)


@register
class DoubledWordRule(Rule):
    kind = "doubled-word"
    PARAMS = {
        "allowed": Param(list, [], doc="pairs that are grammatical or idiomatic, e.g. \"had had\""),
        "allowed_after_participle": Param(list, [], doc="pairs that are grammatical after a past participle (\"resorted to to\")"),
        "english_only": Param(bool, False, doc="quiet on documents that are not English"),
    }

    def setup(self) -> None:
        self.allowed = {" ".join(pair.casefold().split()) for pair in self.params["allowed"]}
        self.after_participle = {" ".join(p.casefold().split()) for p in self.params["allowed_after_participle"]}

    def check(self, doc, ctx):
        if self.params["english_only"] and not looks_english(doc.text):
            return
        text = doc.text
        for match in DOUBLED.finditer(text, overlapped=True):
            first, second = match.group(1), match.group(3)
            if first.casefold() != second.casefold():
                continue
            pair = f"{first.casefold()} {second.casefold()}"
            if pair in self.allowed:
                continue
            if pair in self.after_participle and after_participle(text, match.start()):
                continue
            if second[:1].isupper():
                continue  # "Bora Bora", "Walla Walla", a name repeated on purpose
            yield self.finding(match.start(), match.end(), replacement=first, match=match.group(0))
