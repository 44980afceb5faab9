"""Kind ``long-sentence``: a sentence longer than ``max_words`` words (hard to read,
and often two sentences that machine translation ran together)."""

from __future__ import annotations

from ..readability import LONG_SENTENCE_WORDS
from ..sentences import structure
from .base import Param, Rule, register


@register
class LongSentenceRule(Rule):
    kind = "long-sentence"
    PARAMS = {"max_words": Param(int, LONG_SENTENCE_WORDS, doc="longer sentences are reported")}

    def check(self, doc, ctx):
        shape = structure(doc.text)  # the word counts are the structure's, shared with readability
        limit = self.params["max_words"]
        text = doc.text
        for start, end, words in zip(shape.starts, shape.ends, shape.word_counts()):
            if words > limit:
                yield self.finding(start, end, match=text[start:min(end, start + 60)], words=words)
