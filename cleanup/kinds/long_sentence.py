"""Kind ``long-sentence``: a sentence longer than ``max_words`` words (hard to read,
and often two sentences that machine translation ran together)."""

from __future__ import annotations

from ..readability import LONG_SENTENCE_WORDS, long_sentences
from ..sentences import word_count
from .base import Param, Rule, register


@register
class LongSentenceRule(Rule):
    kind = "long-sentence"
    PARAMS = {"max_words": Param(int, LONG_SENTENCE_WORDS, doc="longer sentences are reported")}

    def check(self, doc, ctx):
        for sentence in long_sentences(doc.text, self.params["max_words"]):
            yield self.finding(
                sentence.start, sentence.end, match=sentence.text[:60], words=word_count(sentence.text),
            )
