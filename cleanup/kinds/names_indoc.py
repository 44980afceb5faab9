"""Kind ``names-in-document``: a lone surname that is a garbled form of the surname of
a full name written elsewhere in the same document ("Saki" where "Jen Psaki" appears).
Needs no names table.

Two garbles are recognised, both common in machine translation and rare between real,
different names: the first letter dropped (a silent "P" in "Psaki") and a different
transliteration of the same name (same skeleton: "Zelenskiy" beside "Zelenskyy").
A word that also appears inside a full name or in lowercase in the document, or is an
everyday English word ("Head" is not a garbled "Ahead"), is left alone; spellings the names table lists are left
to ``names-variant``.
"""

from __future__ import annotations

from ..namematch import common_words, longer_name_runs, name_runs_beside, skeleton
from .base import Param, Rule, register


def in_document_misses(text: str, known: frozenset[str] | dict = frozenset(), *,
                       shortest: int = 3, particles: frozenset[str] = frozenset()) -> list[tuple[int, int, str]]:
    """(start, end, surname it garbles) for every lone word that garbles a full name's surname.
    ``particles`` are those another names rule reads the same text's runs with: both
    kinds of run come from one pass."""
    runs = name_runs_beside(text, particles)
    surnames: dict[str, str] = {}  # surname -> its skeleton
    in_full_names: set[str] = set()
    for run in longer_name_runs(text):
        surnames.setdefault(run[-1].text, run[-1].skeleton)
        in_full_names.update(t.text.casefold() for t in run)
    if not surnames:
        return []
    by_tail: dict[str, set[str]] = {}  # the surnames by what is left without their first letter
    by_skeleton: dict[str, set[str]] = {}
    for surname, surname_skeleton in surnames.items():
        by_tail.setdefault(surname[1:].casefold(), set()).add(surname)
        by_skeleton.setdefault(surname_skeleton, set()).add(surname)
    lone_words = _LoneWords(text, surnames, in_full_names, known, shortest, by_tail, by_skeleton)
    # a lone word recurs ("The", "It"): judged once, the verdict read for every occurrence
    verdicts: dict[str, str | None] = {}
    found = []
    for run in runs:
        if len(run) != 1:
            continue
        token = run[0]
        word = token.text
        if word in verdicts:
            garbled = verdicts[word]
        else:
            garbled = verdicts[word] = lone_words.garbles(word)
        if garbled is not None:
            found.append((token.start, token.end, garbled))
    return found


class _LoneWords:
    """The verdicts of ``in_document_misses`` on one document's lone words."""

    def __init__(self, text: str, surnames: dict[str, str], in_full_names: set[str],
                 known: frozenset[str] | dict, shortest: int,
                 by_tail: dict[str, set[str]], by_skeleton: dict[str, set[str]]) -> None:
        self.text, self.surnames, self.in_full_names, self.known = text, surnames, in_full_names, known
        self.shortest, self.by_tail, self.by_skeleton = shortest, by_tail, by_skeleton
        self._words: set[str] | None = None

    @property
    def words(self) -> set[str]:
        """The document's words as written: read only for a word that garbles a surname
        (few), a split of the whole text being the dearest step."""
        if self._words is None:
            self._words = set(self.text.split())
        return self._words

    def garbles(self, word: str) -> str | None:
        """The one surname that ``word``, written alone, garbles; None for none or several."""
        folded = word.casefold()
        if word in self.surnames or folded in self.in_full_names or folded in self.known or len(word) < self.shortest:
            return None
        if folded in common_words():
            return None
        word_skeleton = skeleton(word)
        matches = self.by_tail.get(folded, set())
        if len(word_skeleton) >= 5:
            matches = matches | self.by_skeleton.get(word_skeleton, set())
        if len(matches) != 1:
            return None
        lowered = word.lower()
        if lowered in self.words and lowered[:1].islower():
            return None  # written in lowercase too: a common word
        return next(iter(matches))


@register
class NamesInDocumentRule(Rule):
    kind = "names-in-document"
    PARAMS = {"shortest": Param(int, 3, doc="shortest lone word considered")}

    def check(self, doc, ctx):
        table = ctx.names
        for start, end, surname in in_document_misses(
            doc.text, table.forms, shortest=self.params["shortest"], particles=table.particles,
        ):
            yield self.finding(start, end, replacement=surname, match=doc.text[start:end])
