"""Caches of what is derived from a document's text (its lines, sentences, layout):
several rules, and every fix pass, ask for the same document's, so each is computed once.

An ``lru_cache`` bounds the number of texts only. What is derived from a text weighs
tens of times the text (a Python object for each line or sentence), so a cache of 64
texts held 64 books' lines at once: a corpus of large documents took gigabytes. A
``per_text`` cache keeps at most ``maxsize`` texts, and is emptied when the texts it
took in since it was last emptied pass ``TEXT_BUDGET`` characters; the text being
computed is then the first it keeps, however long, so the rules of one document still
share its analyses. Documents are read one after the other, so emptying loses nothing
that is asked for again, and a hit stays an ``lru_cache`` hit, in C (rules ask tens of
times a document).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, update_wrapper
from typing import Any

# characters of the texts a cache takes in before it is emptied
TEXT_BUDGET = 1_000_000


def per_text(maxsize: int) -> Callable[[Callable], Any]:
    """Decorate a function of a text (and other hashable arguments) with an
    ``lru_cache`` of ``maxsize`` that is also bounded in characters (see the module)."""

    def decorate(function: Callable) -> Any:
        taken = 0  # characters of the texts computed since the cache was last emptied

        def computed(text: str, *args: Any, **kwargs: Any) -> Any:
            nonlocal taken
            if taken and taken + len(text) > TEXT_BUDGET:
                cache_clear()  # lru_cache stores this call's result in the emptied cache
            taken += len(text)
            return function(text, *args, **kwargs)

        def cache_clear() -> None:
            nonlocal taken
            clear()
            taken = 0

        cached = lru_cache(maxsize=maxsize)(computed)
        update_wrapper(cached, function)  # the name and the documentation; __wrapped__ computes, uncached
        clear = cached.cache_clear
        cached.cache_clear = cache_clear
        return cached

    return decorate
