"""Kind ``replacement-char``: U+FFFD, the mark a decoder leaves where bytes were lost.
What was lost is not known, so there is no fix — unless the word is a name in the
canonical-names table and exactly one spelling there fits ("Zelensk\ufffd" fits
"Zelensky" and nothing else)."""

from __future__ import annotations

from bisect import bisect_left

import regex

from .base import Param, Rule, per_table, register

DAMAGED_WORD = regex.compile(r"[\p{L}\p{M}\ufffd'’-]*\ufffd[\p{L}\p{M}\ufffd'’-]*")
WORD = regex.compile(r"[\p{L}\p{M}'’-]+")
DAMAGE = regex.compile(r"(\ufffd+)")


def _entries(names):
    return getattr(names, "entries", names) or ()


def name_words(names) -> dict[str, set[int]]:
    """Every word of every canonical name and variant, with the entries it belongs to
    (by position, so that two spellings of one entry count as one name)."""
    words: dict[str, set[int]] = {}
    for index, entry in enumerate(_entries(names)):
        spellings = [getattr(entry, "canonical", "")] + list(getattr(entry, "variants", ()) or ())
        # one search of the spellings joined: a space is no part of a word
        for word in WORD.findall(" ".join(spelling or "" for spelling in spellings)):
            words.setdefault(word, set()).add(index)
    return words


def canonical_words(names) -> set[str]:
    return {w for e in _entries(names) for w in WORD.findall(getattr(e, "canonical", "") or "")}


class NameWords:
    """A table's name words, indexed so that the words a damaged word may stand for are
    found among a few: those of the right length that begin with the letters before its
    first U+FFFD (or end with those after its last), not every word of the table."""

    def __init__(self, names) -> None:
        self.entries_of = name_words(names)
        self.canonical = canonical_words(names)
        self.ordered = sorted(self.entries_of)
        self._reversed: list[str] | None = None
        self._by_length: dict[int, list[str]] | None = None

    def candidates(self, prefix: str, suffix: str, shortest: int, longest: int) -> list[str]:
        if prefix:
            ordered, key = self.ordered, prefix
        elif suffix:
            if self._reversed is None:
                self._reversed = sorted(word[::-1] for word in self.entries_of)
            ordered, key = self._reversed, suffix[::-1]
        else:  # a word of marks only ("\ufffd" for a lost dash): by length alone
            if self._by_length is None:
                self._by_length = {}
                for word in self.ordered:
                    self._by_length.setdefault(len(word), []).append(word)
            return [w for length in range(shortest, longest + 1) for w in self._by_length.get(length, ())]
        found = []
        position, end = bisect_left(ordered, key), len(ordered)
        while position < end and ordered[position].startswith(key):
            if shortest <= len(ordered[position]) <= longest:
                found.append(ordered[position])
            position += 1
        return found if prefix else [w[::-1] for w in found]


indexed = per_table(NameWords)


@register
class ReplacementCharRule(Rule):
    kind = "replacement-char"
    reads_code = True
    PARAMS = {
        "max_lost": Param(int, 2, doc="letters one U+FFFD may stand for in a name"),
    }

    def check(self, doc, ctx):
        text = doc.text
        if "\ufffd" not in text:
            return
        lookup = None
        for match in DAMAGED_WORD.finditer(text):
            word = match.group()
            if lookup is None:
                lookup = self._names(ctx) or False
            repair = self._repair(word, lookup) if lookup and lookup.entries_of else None
            yield self.finding(*match.span(), replacement=repair, match=word)

    def _names(self, ctx):
        try:
            return indexed(ctx.names)
        except Exception:  # noqa: BLE001 - no names table is no repair, never a failure
            return None

    def _repair(self, word: str, names: NameWords) -> str | None:
        parts = DAMAGE.split(word)  # literal, marks, literal, … (odd places: marks)
        max_lost = self.params["max_lost"]
        pattern = regex.compile("".join(
            f"[\\p{{L}}\\p{{M}}]{{1,{max_lost * len(part)}}}" if place % 2 else regex.escape(part)
            for place, part in enumerate(parts)
        ))
        literal = sum(len(part) for part in parts[::2])
        marks = parts[1::2]
        shortest, longest = literal + len(marks), literal + max_lost * sum(map(len, marks))
        fits = [w for w in names.candidates(parts[0], parts[-1], shortest, longest) if pattern.fullmatch(w)]
        owner = None  # the one entry every fitting word belongs to, if there is one
        for fit in fits:
            entries = names.entries_of[fit]  # "A" of every "A. Name" in a large table: stop at two
            if len(entries) > 1 or (owner is not None and entries != owner):
                return None
            owner = entries
        if owner is None:
            return None
        if len(fits) > 1:
            fits = [w for w in fits if w in names.canonical]
        return fits[0] if len(fits) == 1 else None
