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
        for sentence, words in zip(shape.sentences, shape.word_counts()):
            if words > limit:
                yield self.finding(sentence.start, sentence.end, match=sentence.text[:60], words=words)
