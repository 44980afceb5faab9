"""Caches of what is derived from a document's text (its lines, sentences, layout):
several rules, and every fix pass, ask for the same document's, so each is computed once.

An ``lru_cache`` bounds the number of texts only. What is derived from a text weighs
tens to hundreds of times the text (a Python object for each line or sentence), so
a cache of 64 texts held 64 books' lines at once: a corpus of large documents took
gigabytes. A ``per_text`` cache keeps at most ``maxsize`` texts, and no more of them
than fit in ``TEXT_BUDGET`` characters; the last text asked for is always kept, however
long, so the rules of one document still share its analyses.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from functools import update_wrapper
from typing import Any, NamedTuple

# characters of the texts whose results a cache keeps, beyond the last text asked for
TEXT_BUDGET = 1_000_000


class CacheInfo(NamedTuple):
    hits: int
    misses: int
    maxsize: int
    currsize: int
    characters: int


class TextCache:
    """``function`` (its first argument a text, every argument hashable) with its
    results cached, least recently used first out."""

    def __init__(self, function: Callable, maxsize: int) -> None:
        update_wrapper(self, function)
        self.maxsize = maxsize
        self._entries: OrderedDict[Any, tuple[Any, int]] = OrderedDict()
        self._characters = 0
        self._hits = self._misses = 0

    def __call__(self, text: str, *args: Any) -> Any:
        key = (text, *args) if args else text
        entries = self._entries
        entry = entries.get(key)
        if entry is not None:
            self._hits += 1
            entries.move_to_end(key)
            return entry[0]
        self._misses += 1
        value = self.__wrapped__(text, *args)
        entries[key] = (value, len(text))
        self._characters += len(text)
        while len(entries) > 1 and (len(entries) > self.maxsize or self._characters > TEXT_BUDGET):
            _, (_, length) = entries.popitem(last=False)
            self._characters -= length
        return value

    def cache_clear(self) -> None:
        self._entries.clear()
        self._characters = self._hits = self._misses = 0

    def cache_info(self) -> CacheInfo:
        return CacheInfo(self._hits, self._misses, self.maxsize, len(self._entries), self._characters)


def per_text(maxsize: int) -> Callable[[Callable], TextCache]:
    """Decorate a function of a text (and other hashable arguments, passed by position)
    with a ``TextCache``."""
    return lambda function: TextCache(function, maxsize)
