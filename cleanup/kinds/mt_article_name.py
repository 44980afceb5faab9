"""Kind ``article-before-name``: "the" before a person's surname used as the subject
("the Biden was considering"), a calque from languages that mark names with an
article or from "the Biden administration" losing its noun.

Surnames come from the person entries of the names table (``ctx.names``); without a
table the rule finds nothing. "The" followed by the name and a noun ("the Biden
administration") is fine, so the word after the name must be a verb or a possessive
ending.
"""

from __future__ import annotations

import regex

from ..wordclass import only_verb, word_classes
from .base import Param, Rule, register

AFTER_NAME = regex.compile(r"(?:['’]s\b)?[ \t]+(\p{Ll}+)")


def person_surnames(ctx) -> frozenset[str]:
    try:
        entries = ctx.names.entries
    except Exception:  # noqa: BLE001 - the names table is optional here
        return frozenset()
    surnames = set()
    for entry in entries or ():
        if getattr(entry, "kind", "person") != "person":
            continue
        for spelling in (getattr(entry, "canonical", None), *(getattr(entry, "variants", ()) or ())):
            if isinstance(spelling, str) and spelling.split():
                surnames.add(spelling.split()[-1])
    return frozenset(surnames)


@register
class ArticleBeforeNameRule(Rule):
    kind = "article-before-name"
    PARAMS = {"articles": Param(list, ["the"], doc="articles that never precede a bare surname")}

    def setup(self) -> None:
        self.articles = "|".join(regex.escape(a) for a in self.params["articles"])

    def check(self, doc, ctx):
        surnames = person_surnames(ctx)
        if not surnames:
            return
        names = "|".join(regex.escape(s) for s in sorted(surnames, key=len, reverse=True))
        pattern = regex.compile(rf"\b(?i:{self.articles})[ \t]+(?:{names})\b")
        for match in pattern.finditer(doc.text):
            following = AFTER_NAME.match(doc.text, match.end())
            possessive = doc.text[match.end() : match.end() + 2] in ("'s", "’s")
            if not possessive:
                if following is None:
                    continue
                word = following.group(1)
                if not (only_verb(word) or "AUX" in word_classes(word)):
                    continue
            article_end = match.start() + len(match.group(0).split()[0])
            while doc.text[article_end] in " \t":
                article_end += 1
            yield self.finding(
                match.start(), match.end(), replacement=doc.text[article_end : match.end()],
                match=match.group(0),
            )
