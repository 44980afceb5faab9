"""Kind ``capitalised-word``: a common word capitalised in the middle of a sentence
("In their written responses Given Russia's ..."), a trace of a sentence boundary that
machine translation dropped.

Only words that are never part of a proper name count: English function words
(``rules/function-words.txt``) and the rule's own ``words``. The word must follow a
lowercase word with nothing but space between (so never after a colon, a quotation
mark or a sentence end), and a word that may begin a title or a name ("The", "Of")
counts only when the next word is lowercase ("the newspaper The Guardian" is fine).
Headlines (lines that do not end like a sentence) are skipped.
"""

from __future__ import annotations

import regex

from ..sentences import function_words, looks_english, structure
from .base import Param, Rule, register

CAPITALISED = regex.compile(
    r"(?<=(?:^|[\s(])\p{Ll}[\p{Ll}'’\-]*[ \t]+)(\p{Lu}\p{Ll}+)\b(?![’'.]\p{L})(?:[ \t]+(\S))?"
)

TOKENS = regex.compile(r"[\p{L}\d][\p{L}\d'’\-]*")


@register
class CapitalisedWordRule(Rule):
    kind = "capitalised-word"
    PARAMS = {
        "words": Param(list, [], doc="common words beyond the function words that are never names"),
        "title_words": Param(list, [], doc="words that may begin a title or a name"),
        "exceptions": Param(list, [], doc="words never flagged"),
    }

    def setup(self) -> None:
        exceptions = {w.casefold() for w in self.params["exceptions"]}
        self.words = (function_words() | {w.casefold() for w in self.params["words"]}) - exceptions
        self.title_words = frozenset(w.casefold() for w in self.params["title_words"])

    def in_title(self, text: str, position: int) -> bool:
        """A title in title case keeps minor words lowercase ("How Much for Just the
        Planet", "The Captain and Me"): the word two before is capitalised and the one
        before is a function word."""
        before = TOKENS.findall(text[max(0, position - 80) : position])
        return len(before) >= 2 and before[-2][:1].isupper() and before[-1].lower() in function_words()

    def check(self, doc, ctx):
        if not looks_english(doc.text):
            return
        shape = structure(doc.text)
        for paragraph in shape.paragraphs:
            if not paragraph.terminated:
                continue
            start = paragraph.start
            for match in CAPITALISED.finditer(paragraph.text):
                word = match.group(1)
                folded = word.casefold()
                if folded not in self.words:
                    continue
                following = match.group(2)
                if folded in self.title_words and following is not None and following[:1].isupper():
                    continue
                if self.in_title(paragraph.text, match.start(1)):
                    continue
                low, high = match.span(1)
                yield self.finding(
                    start + low, start + high, replacement=word.lower(), match=word,
                )
