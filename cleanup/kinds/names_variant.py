"""Kind ``names-variant``: a spelling the names table lists as a variant, replaced by
the canonical form.

Matching is case-aware: the automaton finds spellings case-insensitively, then a match
counts only when it is written exactly as listed, or in capitals ("KIEV" -> "KYIV");
"kiev" in an address is left alone. A variant inside a listed exception ("chicken
Kiev") is never flagged, nor is a variant inside a longer canonical ("Zelensky" in
"Zelenskyy": matches are whole words, leftmost-longest).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..nametable import NameEntry, NameTable
from .base import Rule, register


def variant_matches(text: str, table: NameTable) -> Iterator[tuple[int, int, int, str]]:
    """(start, end, entry index, replacement) of every listed variant in ``text``."""
    excepted = exception_spans(text, table)
    spellings = table.spellings
    for start, end, _phrase, (entry_index, listed_variant) in table.exact.finditer(text):
        surface = text[start:end]
        hit = spellings.get(surface)
        if hit is not None:
            entry_index, is_variant = hit
            replacement = _replacement(table.entries[entry_index], surface) if is_variant else None
        elif surface.isupper() and len(surface) > 1 and listed_variant:
            replacement = _replacement(table.entries[entry_index], surface).upper()
        else:
            replacement = None
        if replacement is None or replacement == surface:
            continue
        if is_excepted(excepted, start, end, entry_index):
            continue
        yield start, end, entry_index, replacement


def _replacement(entry: NameEntry, variant: str) -> str:
    """A person's one-word variant stands for the surname ("Zelensky" -> "Zelenskyy")."""
    if entry.kind == "person" and " " not in variant.strip() and " " in entry.canonical:
        return entry.family_name
    return entry.canonical


def exception_spans(text: str, table: NameTable) -> list[tuple[int, int, list[int]]]:
    """The table's exceptions in ``text`` ("chicken Kiev"), with the entries they except."""
    if not len(table.exceptions):
        return []
    return [(start, end, owners) for start, end, _p, owners in table.exceptions.finditer(text)]


def is_excepted(spans, start: int, end: int, entry_index: int) -> bool:
    """Whether a match of entry ``entry_index`` lies inside one of its ``exception_spans``."""
    return any(s <= start and end <= e and entry_index in owners for s, e, owners in spans)


@register
class NamesVariantRule(Rule):
    kind = "names-variant"
    reads_names = True

    def check(self, doc, ctx):
        table = ctx.names
        for start, end, entry_index, replacement in variant_matches(doc.text, table):
            yield self.finding(
                start, end, replacement=replacement, match=doc.text[start:end],
                canonical=table.entries[entry_index].canonical,
            )
