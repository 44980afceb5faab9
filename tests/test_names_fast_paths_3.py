"""Fast paths of the names table's cold load (issue 8) against the ways they replace:
the skeletons' gaps and doubled letters by string replaces instead of patterns.

Texts are random compositions of what each step must get right."""

from __future__ import annotations

import random
import re

from cleanup import namematch

_PIECES = ["a", "aa", "aaa", "b", "bb", "ie", "io", "i", "e", "o", "ph", "kh", "x", "w", "y", "ck",
           " ", "  ", "\n", "\n\n", " \n", "\n ", "-", ".", "'", "1", "zz", "zzzz", "s", "ss"]


def _random_lines(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 14))) for _ in range(count)]


def _fold_ascii_lines_by_patterns(joined: str) -> str:
    """``_fold_ascii_lines`` as it was, a pattern for the gaps and each doubled letter."""
    joined = joined.encode("ascii").translate(namematch._NOT_LETTER_OR_LINE).decode("ascii")
    while "  " in joined:
        joined = joined.replace("  ", " ")
    if " \n" in joined or "\n " in joined:
        joined = re.sub(r" +\n *|\n +", "\n", joined)
    joined = joined.strip(" ")
    for source, target in namematch._FOLDS:
        joined = joined.replace(source, target)
    for letter in namematch._LETTERS:
        if letter + letter in joined:
            joined = re.sub(f"{letter}{letter}+", letter, joined)
    if joined[:1] == "i" and namematch._ASCII_LEADING_I.match(joined):
        joined = joined[1:]
    for gap, pattern in namematch._LEADING_I_AFTER.items():
        if gap + "i" in joined:
            joined = pattern.sub(gap, joined)
    return joined


def test_fold_ascii_lines_as_by_patterns():
    for seed in range(40):
        lines = _random_lines(60, seed)
        joined = "\n".join(lines).lower()
        assert namematch._fold_ascii_lines(joined) == _fold_ascii_lines_by_patterns(joined)
    for text in ["", " ", "\n", " \n ", "\n \n", "a \n b", "aaaa\nbbb", "  x  \n\n  y  "]:
        assert namematch._fold_ascii_lines(text) == _fold_ascii_lines_by_patterns(text)


def test_skeletons_as_one_at_a_time():
    names = [line.replace("\n", " ") for line in _random_lines(400, 99)] + ["Wolodimir Zelensky", "Ioann", "G. Bonn"]
    assert namematch.skeletons(names) == [namematch.skeleton.__wrapped__(name) for name in names]
