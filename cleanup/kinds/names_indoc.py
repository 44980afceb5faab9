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
    judge = _LoneWords(text, surnames, in_full_names, known, shortest, by_tail, by_skeleton)
    # a lone word recurs ("The", "It"): each is judged once, and the document is read
    # again only where one garbles a surname (few documents)
    lone_words = {run[0].text for run in runs if len(run) == 1}
    verdicts = {word: garbled for word in lone_words if (garbled := judge.garbles(word)) is not None}
    if not verdicts:
        return []
    return [(token.start, token.end, verdicts[token.text])
            for run in runs if len(run) == 1 and (token := run[0]).text in verdicts]


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
        """The one surname that ``word``, written alone, garbles; None for none or several.
        The surnames it could garble are looked up first: for nearly every word, none."""
        folded = word.casefold()
        by_tail = self.by_tail.get(folded)
        word_skeleton = skeleton(word)
        by_skeleton = self.by_skeleton.get(word_skeleton) if len(word_skeleton) >= 5 else None
        if by_tail is None and by_skeleton is None:
            return None
        matches = (by_tail or set()) | (by_skeleton or set())
        if len(matches) != 1:
            return None
        if word in self.surnames or folded in self.in_full_names or folded in self.known or len(word) < self.shortest:
            return None
        if folded in common_words():
            return None
        lowered = word.lower()
        if lowered in self.words and lowered[:1].islower():
            return None  # written in lowercase too: a common word
        return next(iter(matches))


@register
class NamesInDocumentRule(Rule):
    kind = "names-in-document"
    reads_names = True
    PARAMS = {"shortest": Param(int, 3, doc="shortest lone word considered")}

    def check(self, doc, ctx):
        table = ctx.names
        for start, end, surname in in_document_misses(
            doc.text, table.forms, shortest=self.params["shortest"], particles=table.particles,
        ):
            yield self.finding(start, end, replacement=surname, match=doc.text[start:end])
