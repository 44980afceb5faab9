"""Many literal phrases found in one pass: one Aho-Corasick automaton, not an alternation."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import ahocorasick


def fold_case(text: str) -> str:
    """Lowercase ``text`` without changing its length, so offsets stay valid."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


FEW = 32  # phrases up to which a text is first searched for each


def is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


class PhraseMatcher:
    """Find the leftmost-longest, non-overlapping occurrences of any of many phrases.

    ``phrases`` maps each phrase to a value returned with its matches. With
    ``whole_word``, a match must not start or end inside a word. ``prefilter``: first
    test whether the text holds any phrase at all (faster on long texts, when few).
    """

    def __init__(
        self,
        phrases: Mapping[str, Any] | Iterable[str],
        *,
        ignorecase: bool = True,
        whole_word: bool = True,
        prefilter: bool = False,
    ) -> None:
        if not isinstance(phrases, Mapping):
            phrases = {p: p for p in phrases}
        self.ignorecase = ignorecase
        self.whole_word = whole_word
        self.automaton = ahocorasick.Automaton()
        self.size = 0
        for phrase, value in phrases.items():
            if not phrase:
                raise ValueError("empty phrase")
            key = fold_case(phrase) if ignorecase else phrase
            self.automaton.add_word(key, (len(key), phrase, value))
            self.size += 1
        if self.size:
            self.automaton.make_automaton()
        # With ``prefilter`` (for whole documents, not short lines), a few phrases are
        # ruled out faster by a substring search each (at memory speed for phrases of
        # several characters) than by walking the automaton over the whole text; most
        # documents have none of them.
        self.keys = tuple(self.automaton.keys()) if prefilter and 0 < self.size <= FEW else None

    def __len__(self) -> int:
        return self.size

    def finditer(self, text: str) -> Iterator[tuple[int, int, str, Any]]:
        """Yield (start, end, phrase as listed, value)."""
        if not self.size:
            return
        haystack = fold_case(text) if self.ignorecase else text
        if self.keys is not None and not any(key in haystack for key in self.keys):
            return
        if self.whole_word:
            yield from self._whole_words(text, haystack)
            return
        for end_index, (length, phrase, value) in self.automaton.iter_long(haystack):
            yield end_index + 1 - length, end_index + 1, phrase, value

    def _whole_words(self, text: str, haystack: str) -> Iterator[tuple[int, int, str, Any]]:
        # iter_long would hide a shorter whole-word match behind a longer partial one,
        # so take every match, keep those on word boundaries, then pick leftmost-longest.
        candidates = []
        n = len(text)
        for end_index, (length, phrase, value) in self.automaton.iter(haystack):
            start, end = end_index + 1 - length, end_index + 1
            if is_word_char(phrase[0]) and start > 0 and is_word_char(text[start - 1]):
                continue
            if is_word_char(phrase[-1]) and end < n and is_word_char(text[end]):
                continue
            candidates.append((start, -end, phrase, value))
        candidates.sort()
        last_end = -1
        for start, negative_end, phrase, value in candidates:
            if start >= last_end:
                last_end = -negative_end
                yield start, last_end, phrase, value

    def fullmatch(self, text: str) -> tuple[str, Any] | None:
        """The phrase that is exactly ``text`` (case folded as configured), if any."""
        key = fold_case(text) if self.ignorecase else text
        if not self.size or key not in self.automaton:
            return None
        _, phrase, value = self.automaton.get(key)
        return phrase, value
