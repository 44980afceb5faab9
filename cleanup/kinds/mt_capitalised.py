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

import re
from bisect import bisect_right

import regex

from ..language import ascii_view
from ..sentences import function_words, looks_english, structure
from .base import Param, Rule, register

CAPITALISED = regex.compile(
    r"(?<=(?:^|[\s(])\p{Ll}[\p{Ll}'’\-]*[ \t]+)(\p{Lu}\p{Ll}+)\b(?![’'.]\p{L})(?:[ \t]+(\S))?"
)

TOKENS = regex.compile(r"[\p{L}\d][\p{L}\d'’\-]*")


def listed_word_candidates(words) -> re.Pattern:
    """Where ``CAPITALISED`` can match a word of ``words`` in a text whose letters are
    all ASCII (it has an ASCII view): there a lowercase letter is [a-z], so the word is
    one of ``words`` in title case, not followed by a lowercase letter, after space
    that follows [a-z'’-] (after two spaces, the word before is left to ``CAPITALISED``).
    A superset: each candidate is then matched with ``CAPITALISED`` itself. Every
    branch starts with its capital, so the stdlib engine skips to the next capital
    of the set, and the look-behind waits until one is found."""
    by_initial: dict[str, list[str]] = {}
    for word in words:
        if len(word) >= 2 and word.isascii() and word.isalpha() and word.islower():
            by_initial.setdefault(word[0].upper(), []).append(re.escape(word[1:]))
    branches = "|".join(
        f"{initial}(?<=[a-z'’\\- \\t][ \\t]{initial})(?:{'|'.join(sorted(rests, key=len, reverse=True))})"
        for initial, rests in sorted(by_initial.items()))
    return re.compile(f"(?:{branches or '(?!)'})(?![a-z])")


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
        self.candidates = listed_word_candidates(self.words)

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
        if ascii_view(doc.text) is None:
            matches = (match for paragraph in shape.paragraphs if paragraph.terminated
                       for match in self.matches_in(paragraph))
        else:
            matches = self.listed_matches(doc.text, shape.paragraphs)
        for paragraph, match in matches:
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
                paragraph.start + low, paragraph.start + high, replacement=word.lower(), match=word,
            )

    @staticmethod
    def matches_in(paragraph):
        """(paragraph, match) for every match of ``CAPITALISED`` in the paragraph."""
        for match in CAPITALISED.finditer(paragraph.text):
            yield paragraph, match

    def listed_matches(self, text: str, paragraphs):
        """``matches_in`` every terminated paragraph, for a text with an ASCII view,
        left out the matches of words that are not listed (nearly all: "the United
        States"): one stdlib search of the document finds where a listed word can
        match, and ``CAPITALISED`` is tried there alone. A match of ``CAPITALISED``
        ends before the next can start (that needs a lowercase word and space before
        it), so matching at each candidate gives what ``finditer`` gives."""
        starts = None
        for candidate in self.candidates.finditer(text):
            if starts is None:
                starts = [paragraph.start for paragraph in paragraphs]
            position = candidate.start()
            paragraph = paragraphs[bisect_right(starts, position) - 1]
            if not paragraph.terminated:
                continue
            match = CAPITALISED.match(paragraph.text, position - paragraph.start)
            if match is not None:
                yield paragraph, match
