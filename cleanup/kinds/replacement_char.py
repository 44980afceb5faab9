"""Kind ``replacement-char``: U+FFFD, the mark a decoder leaves where bytes were lost.
What was lost is not known, so there is no fix — unless the word is a name in the
canonical-names table and exactly one spelling there fits ("Zelensk\ufffd" fits
"Zelensky" and nothing else)."""

from __future__ import annotations

import regex

from .base import Param, Rule, register

DAMAGED_WORD = regex.compile(r"[\p{L}\p{M}\ufffd'’-]*\ufffd[\p{L}\p{M}\ufffd'’-]*")
WORD = regex.compile(r"[\p{L}\p{M}'’-]+")


def name_words(names) -> dict[str, set[int]]:
    """Every word of every canonical name and variant, with the entries it belongs to
    (by position, so that two spellings of one entry count as one name)."""
    words: dict[str, set[int]] = {}
    for index, entry in enumerate(getattr(names, "entries", names) or ()):
        spellings = [getattr(entry, "canonical", "")] + list(getattr(entry, "variants", ()) or ())
        for spelling in spellings:
            for word in WORD.findall(spelling or ""):
                words.setdefault(word, set()).add(index)
    return words


def canonical_words(names) -> set[str]:
    return {w for e in getattr(names, "entries", names) or () for w in WORD.findall(getattr(e, "canonical", "") or "")}


@register
class ReplacementCharRule(Rule):
    kind = "replacement-char"
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
                lookup = self._names(ctx)
            repair = self._repair(word, *lookup) if lookup[0] else None
            yield self.finding(*match.span(), replacement=repair, match=word)

    def _names(self, ctx):
        try:
            names = ctx.names
            return name_words(names), canonical_words(names)
        except Exception:  # noqa: BLE001 - no names table is no repair, never a failure
            return {}, set()

    def _repair(self, word: str, words: dict[str, set[int]], canonical: set[str]) -> str | None:
        parts = regex.split(r"(\ufffd+)", word)
        pattern = "".join(
            f"[\\p{{L}}\\p{{M}}]{{1,{self.params['max_lost'] * len(part)}}}" if part.startswith("\ufffd")
            else regex.escape(part) for part in parts
        )
        fits = [w for w in words if regex.fullmatch(pattern, w)]
        entries = set().union(*(words[w] for w in fits)) if fits else set()
        if len(entries) != 1:
            return None
        if len(fits) > 1:
            fits = [w for w in fits if w in canonical]
        return fits[0] if len(fits) == 1 else None
