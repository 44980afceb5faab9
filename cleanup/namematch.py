"""Comparing names the way transliteration and machine translation garble them.

A *skeleton* folds the spellings that transliteration systems disagree on (w/v, y/i,
doubled letters, diacritics, hyphens) so that "Wolodimir Zelensky" and "Volodymyr
Zelenskyy" have the same skeleton while "Schulz" and "Scholz", or "Austen" and
"Austin", keep different ones. ``similarity`` scores two skeletons; the rule kinds
decide what score is close enough for their purpose.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex
from rapidfuzz import fuzz

# Spellings of the same sound across romanisation systems (Ukrainian, Russian,
# German, Polish sources): applied left to right on a casefolded, accent-free string.
_FOLDS = (("ph", "f"), ("kh", "h"), ("ck", "k"), ("x", "ks"), ("w", "v"), ("y", "i"))

# A capitalised word: letters (with combining marks), inner apostrophes and hyphens.
NAME_TOKEN = regex.compile(r"\p{Lu}[\p{L}\p{M}]*(?:['’\-]\p{L}[\p{L}\p{M}]*)*")
# The same, tolerating the symbols that mojibake leaves inside a word ("Sergeń≠").
LOOSE_NAME_TOKEN = regex.compile(r"\p{Lu}[\p{L}\p{M}\p{Sm}\p{So}]*(?:['’\-]\p{L}[\p{L}\p{M}\p{Sm}\p{So}]*)*")
POSSESSIVE = ("'s", "’s")
_GAP = regex.compile(r"[ \u00a0]")


_NOT_ASCII_LETTER = regex.compile(r"[^a-z]+")
_DOUBLED = regex.compile(r"(\p{L})\1+")
# a leading "ie"/"io" is how some systems write an initial e/yo ("Yevgeny", "Evgeny")
_LEADING_I = regex.compile(r"(?<![\p{L}])i(?=[eo]\p{L}{2})")


@lru_cache(maxsize=131072)
def skeleton(name: str) -> str:
    """The transliteration-neutral form of a name: "Zelenskyy" -> "zelenski"."""
    if name.isascii():
        folded = _NOT_ASCII_LETTER.sub(" ", name.lower()).strip()
    else:
        decomposed = unicodedata.normalize("NFKD", name.casefold())
        letters = "".join(c if c.isalpha() else " " for c in decomposed if not unicodedata.combining(c))
        folded = " ".join(letters.split())
    for source, target in _FOLDS:
        if source in folded:
            folded = folded.replace(source, target)
    folded = _DOUBLED.sub(r"\1", folded)
    if "i" in folded:
        folded = _LEADING_I.sub("", folded)
    return folded


# The ASCII-only counterparts of the patterns above, for ``skeletons``' joined text.
_ASCII_GAPS = re.compile(r"[^a-z\n]+")
_GAPS_AT_EDGES = re.compile(r" *\n *")
_ASCII_DOUBLED = re.compile(r"([a-z])\1+")
_ASCII_LEADING_I = re.compile(r"(?<![a-z])i(?=[eo][a-z]{2})")


def skeletons(names: Sequence[str]) -> list[str]:
    """``[skeleton(name) for name in names]``, a table's worth at a time: the ASCII names
    (nearly all) are folded in one pass over their joined text."""
    plain = [name.isascii() and "\n" not in name for name in names]
    joined = "\n".join([name for name, ascii in zip(names, plain) if ascii]).lower()
    joined = _GAPS_AT_EDGES.sub("\n", _ASCII_GAPS.sub(" ", joined)).strip(" ")
    for source, target in _FOLDS:
        joined = joined.replace(source, target)
    joined = _ASCII_LEADING_I.sub("", _ASCII_DOUBLED.sub(r"\1", joined))
    folded = iter(joined.split("\n"))
    return [next(folded) if ascii else skeleton(name) for name, ascii in zip(names, plain)]


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """About 3,000 everyday English words (the Dale-Chall list that textstat ships): a
    capitalised "Head" or "Enter" is a word, not a garbled surname."""
    from importlib.util import find_spec
    from pathlib import Path

    # the file is found without importing textstat, which imports NLTK (a quarter of a
    # second of start-up that `check` does not otherwise need)
    spec = find_spec("textstat")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    try:
        path = Path(next(iter(spec.submodule_search_locations)), "resources", "en", "easy_words.txt")
        text = path.read_text("utf-8")
    except OSError:
        return frozenset()
    return frozenset(line.strip().casefold() for line in text.splitlines() if line.strip())


def similarity(a: str, b: str) -> float:
    """0..1 closeness of two skeletons (1.0 when equal)."""
    if a == b:
        return 1.0
    return fuzz.ratio(a, b) / 100.0


def deletes(word: str) -> set[str]:
    """The word and every string one deletion away from it (SymSpell blocking keys)."""
    keys = {word}
    for index in range(len(word)):
        keys.add(word[:index] + word[index + 1 :])
    return keys


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str

    @property
    def skeleton(self) -> str:
        return skeleton(self.text)


def name_tokens(text: str, *, loose: bool = False) -> Iterator[Token]:
    """Capitalised words, a possessive "'s" left off."""
    pattern = LOOSE_NAME_TOKEN if loose else NAME_TOKEN
    for match in pattern.finditer(text):
        start, end = match.span()
        word = match.group()
        if word.endswith(POSSESSIVE) and len(word) > 3:
            end -= 2
            word = word[:-2]
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_@/."):
            continue  # inside a word, an address or a handle: not a name
        yield Token(start, end, word)


def name_runs(text: str, particles: Iterable[str] = (), *, loose: bool = False) -> list[list[Token]]:
    """Runs of capitalised words separated by single spaces ("Ukrainian President
    Wolodimir Zelensky"); lowercase ``particles`` ("von", "der") may sit inside a run."""
    particles = frozenset(particles)
    runs: list[list[Token]] = []
    current: list[Token] = []
    for token in name_tokens(text, loose=loose):
        if current and _joins(text, current[-1].end, token.start, particles):
            current.append(token)
        else:
            if current:
                runs.append(current)
            current = [token]
    if current:
        runs.append(current)
    return runs


def _joins(text: str, end: int, start: int, particles: frozenset[str]) -> bool:
    gap = text[end:start]
    if len(gap) == 1 and _GAP.match(gap):
        return True
    if not particles or len(gap) < 3 or not _GAP.match(gap[0]) or not _GAP.match(gap[-1]):
        return False
    words = gap[1:-1].split(" ")
    return all(word in particles for word in words)
