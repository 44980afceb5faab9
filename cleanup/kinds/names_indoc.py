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

from ..namematch import common_words, name_runs, skeleton
from .base import Param, Rule, register


def in_document_misses(text: str, known: frozenset[str] | dict = frozenset(), *,
                       shortest: int = 3) -> list[tuple[int, int, str]]:
    """(start, end, surname it garbles) for every lone word that garbles a full name's surname."""
    runs = name_runs(text)
    surnames: dict[str, str] = {}  # surname -> its skeleton
    in_full_names: set[str] = set()
    for run in runs:
        if len(run) >= 2:
            surnames.setdefault(run[-1].text, run[-1].skeleton)
            in_full_names.update(t.text.casefold() for t in run)
    if not surnames:
        return []
    words = set(text.split())  # a candidate written in lowercase too is a common word
    by_tail: dict[str, set[str]] = {}  # the surnames by what is left without their first letter
    by_skeleton: dict[str, set[str]] = {}
    for surname, surname_skeleton in surnames.items():
        by_tail.setdefault(surname[1:].casefold(), set()).add(surname)
        by_skeleton.setdefault(surname_skeleton, set()).add(surname)
    common = common_words()
    found = []
    for run in runs:
        if len(run) != 1:
            continue
        token = run[0]
        word = token.text
        folded = word.casefold()
        if word in surnames or folded in in_full_names or folded in known or len(word) < shortest:
            continue
        lowered = word.lower()
        if (lowered in words and lowered[:1].islower()) or folded in common:
            continue
        word_skeleton = skeleton(word)
        matches = by_tail.get(folded, set())
        if len(word_skeleton) >= 5:
            matches = matches | by_skeleton.get(word_skeleton, set())
        if len(matches) == 1:
            found.append((token.start, token.end, next(iter(matches))))
    return found


@register
class NamesInDocumentRule(Rule):
    kind = "names-in-document"
    PARAMS = {"shortest": Param(int, 3, doc="shortest lone word considered")}

    def check(self, doc, ctx):
        forms = ctx.names.forms
        for start, end, surname in in_document_misses(doc.text, forms, shortest=self.params["shortest"]):
            yield self.finding(start, end, replacement=surname, match=doc.text[start:end])
