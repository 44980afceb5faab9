"""Kind ``phrases``: many literal phrases in one automaton, each flagged or swapped
for a better one (textlint-prh style)."""

from __future__ import annotations

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
            yield self.finding(start, end, replacement=replacement, match=matched)
