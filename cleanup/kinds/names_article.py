"""Kind ``names-article``: "the" before a name that takes no article, where the name is
the subject or a possessive: "the Biden was", "the NATO's". A name used as a modifier
("the Biden administration", "the NATO summit") is right and never flagged; names that
do take "the" ("the Kremlin", "the Hague") are not in the matcher, and neither are
plurals ("the Bidens").

Dropping "the" before an organisation's possessive ("the NATO's" -> "NATO's") is safe.
Before a person's name it is a guess (the writer may have meant "the Biden
administration"), so that fix is unsafe.
"""

from __future__ import annotations

import regex

from .base import Param, Rule, register

_ARTICLE_BEFORE = regex.compile(r"(?<![\p{L}\p{N}_-])[Tt]he[ \u00a0]+$")
_NEXT_WORD = regex.compile(r"[ \u00a0]+(\p{Ll}+)\b")
POSSESSIVES = ("'s", "’s")


@register
class NamesArticleRule(Rule):
    kind = "names-article"
    reads_names = True
    PARAMS = {
        "verbs": Param(list, [], doc="words after a name that make it the subject (\"was\", \"said\")"),
    }

    def setup(self) -> None:
        self.verbs = frozenset(self.params["verbs"])

    def check(self, doc, ctx):
        table = ctx.names
        text = doc.text
        for start, end, _phrase, entry_index in table.bare_names.finditer(text):
            article = _ARTICLE_BEFORE.search(text, max(0, start - 8), start)
            if article is None:
                continue
            possessive = text.startswith(POSSESSIVES, end) and not text[end + 2 : end + 3].isalnum()
            if not possessive:
                verb = _NEXT_WORD.match(text, end)
                if verb is None or verb.group(1) not in self.verbs:
                    continue
            entry = table.entries[entry_index]
            yield self.finding(
                article.start(), end,
                safe=True if possessive and entry.kind != "person" else None,
                match=text[article.start() : end], replacement=text[start:end],
            )
