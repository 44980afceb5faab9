"""Kind ``phrases``: many literal phrases in one automaton, each flagged or swapped
for a better one (textlint-prh style)."""

from __future__ import annotations

import regex

from ..phrasematch import PhraseMatcher
from ..language import looks_english
from .base import Param, Rule, register


def match_case(replacement: str, original: str) -> str:
    """Give ``replacement`` the capitalisation of ``original`` (a case-insensitive match)."""
    if original.isupper() and len(original) > 1:
        return replacement.upper()
    if original[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    if original[:1].islower() and replacement[:1].isupper() and not replacement[1:2].isupper():
        return replacement[:1].lower() + replacement[1:]
    return replacement


# the word just before a phrase (with the spaces between), and the one just after it
WORD_BEFORE = regex.compile(r"([\w'’,.]+)[ \t]+$")
WORD_AFTER = regex.compile(r"[ \t]+([\w'’]+)")


@register
class PhrasesRule(Rule):
    kind = "phrases"
    PARAMS = {
        "phrases": Param(list, [], doc="phrases to flag"),
        "swap": Param(dict, {}, doc="phrase -> suggested replacement"),
        "replacement": Param(str, None, doc="replacement for every listed phrase ('' deletes)"),
        "ignorecase": Param(bool, True),
        "whole_word": Param(bool, True),
        "english_only": Param(bool, False, doc="quiet on documents that are not English (cleanup.language)"),
        "unsafe_before": Param(list, [], doc="words (or '#' for a number) that, right before a phrase, make its "
                                             "fix unsafe: the swap leaves them disagreeing (\"these equipments\")"),
        "unsafe_after": Param(list, [], doc="words that, right after a phrase, make its fix unsafe "
                                            "(\"informations are\")"),
    }

    def setup(self) -> None:
        phrases, swap = self.params["phrases"], self.params["swap"]
        if not phrases and not swap:
            problem = ValueError("give 'phrases' or 'swap'")
            problem.key = None
            raise problem
        for key, value in swap.items():
            if not isinstance(value, str):
                problem = ValueError(f"swap value for {key!r} must be a string")
                problem.key = "swap"
                raise problem
        table = {p: self.params["replacement"] for p in phrases}
        table.update(swap)
        self.matcher = PhraseMatcher(
            table, ignorecase=self.params["ignorecase"], whole_word=self.params["whole_word"], prefilter=True
        )
        self.unsafe_before = frozenset(word.casefold() for word in self.params["unsafe_before"])
        self.unsafe_after = frozenset(word.casefold() for word in self.params["unsafe_after"])

    def leaves_disagreement(self, text: str, start: int, end: int) -> bool:
        """Whether the words around a swapped phrase agree with the phrase as it was and
        not as it will be: "these equipments" made "these equipment", "informations are"
        made "information are". Such a fix needs the reader to mend the rest."""
        if self.unsafe_before:
            before = WORD_BEFORE.search(text, max(0, start - 40), start)
            if before is not None:
                word = before.group(1).casefold()
                if word in self.unsafe_before or ("#" in self.unsafe_before and word[:1].isdigit()):
                    return True
        if self.unsafe_after:
            after = WORD_AFTER.match(text, end, end + 40)
            if after is not None and after.group(1).casefold() in self.unsafe_after:
                return True
        return False

    def check(self, doc, ctx):
        # the phrases first: most documents have none, and then the language is not asked
        hits = list(self.matcher.finditer(doc.text))
        if not hits or self.params["english_only"] and not looks_english(doc.text):
            return
        for start, end, _phrase, replacement in hits:
            matched = doc.text[start:end]
            if replacement is not None and self.params["ignorecase"]:
                replacement = match_case(replacement, matched)
            if replacement == matched:
                continue
            safe = False if replacement is not None and self.leaves_disagreement(doc.text, start, end) else None
            yield self.finding(start, end, replacement=replacement, match=matched, safe=safe)
