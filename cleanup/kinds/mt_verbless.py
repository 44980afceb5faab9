"""Kind ``verbless-sentence``: a sentence in running text with no word that could be
a verb, a fragment left where machine translation broke a sentence apart.

To stay quiet on headlines, captions and lists, only paragraphs of two or more
sentences that end like running text are read, a paragraph whose sentences are mostly
verbless (results, notes) is skipped, and short fragments ("Not anymore.", "Help to
the rescue.") are left alone: writers use them on purpose, while a clause split off
by machine translation keeps its whole noun phrase. A word counts as a verb when lemminflect's lexicon allows it, unless
it could also be a noun or adjective and follows a word that marks a noun phrase
or an adjective ("the attack", "new sanctions").
"""

from __future__ import annotations

import re

import regex

from ..sentences import looks_english, structure
from ..wordclass import can_be_verb, common_verb_mark, contracted_verb, only_verb, verb_only_runs, word_classes
from .base import Param, Rule, register

# a hyphen joins words ("anti-aircraft"); a double hyphen is a dash ("Angola--were")
TOKEN = regex.compile(r"\p{L}[\p{L}'’]*(?:-\p{L}[\p{L}'’]*)*")
# ``TOKEN`` where every letter is ASCII (the document has token runs): the stdlib scan
# of ASCII classes is several times faster than the property classes
ASCII_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z][A-Za-z'’]*)*")


@register
class VerblessSentenceRule(Rule):
    kind = "verbless-sentence"
    PARAMS = {
        "min_words": Param(int, 9, doc="shorter sentences are left alone: short verbless sentences are a device of speeches and features (\"Not so fast.\", \"Help to the rescue.\")"),
        "noun_markers": Param(list, [], doc="words after which a noun-or-verb word is a noun"),
    }

    def setup(self) -> None:
        self.markers = frozenset(w.casefold() for w in self.params["noun_markers"])

    def verbal(self, tokens: list[str], position: int) -> bool:
        token = tokens[position]
        if not can_be_verb(token) or "-" in token:
            return False
        if only_verb(token) or contracted_verb(token) or position == 0:
            return True
        before = tokens[position - 1].casefold()
        if before in self.markers:
            return False
        classes = word_classes(before)
        # after an adjective ("allied troops", "new sanctions") but not an adverb ("no longer needs")
        return not ("ADJ" in classes and not classes & {"NOUN", "ADV"})

    def check(self, doc, ctx):
        if not looks_english(doc.text):
            return
        shape = structure(doc.text)
        minimum = self.params["min_words"]
        runs = shape.token_runs(hyphens=True)
        for paragraph in shape.paragraphs:
            if not paragraph.terminated or paragraph.block_quote:
                continue  # a quotation set off above its attribution is someone else's words
            numbers = shape.sentence_numbers(paragraph.index)
            if len(numbers) < 2:
                continue
            verbless = [number for number in numbers
                        if self.is_verbless(doc.text, shape.starts[number], shape.ends[number],
                                            shape.quoted[number], minimum, runs)]
            if len(verbless) * 2 > len(numbers):
                continue  # mostly verbless: notes, results or a list, not running text
            for number in verbless:
                start, end = shape.starts[number], shape.ends[number]
                yield self.finding(start, end, match=doc.text[start:end])

    def is_verbless(self, text: str, start: int, end: int, quoted: float, minimum: int,
                    runs: bytes | None = None) -> bool:
        """Whether the sentence ``text[start:end]`` (``quoted``: its share inside
        quotation marks) is a verbless one to report."""
        if quoted > 0 or text[end - 1] != ".":
            return False
        # most sentences have a word that is only a verb ("is", "said"): a whole token
        # (a run of ``runs`` without a hyphen) is verbal wherever it stands. One search
        # for the commonest of them settles most sentences; only the rest are split
        # into words (" w " in runs[start : end + 2] is a run of runs[start + 1 : end + 1])
        if runs is not None and (common_verb_mark().search(runs, start, end + 2) is not None
                                 or not verb_only_runs().isdisjoint(runs[start + 1 : end + 1].split())):
            return False
        tokens = (TOKEN if runs is None else ASCII_TOKEN).findall(text[start:end])
        if len(tokens) < minimum:
            return False
        return not any(self.verbal(tokens, i) for i in range(len(tokens)))
