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
from functools import lru_cache
from typing import NamedTuple

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
_GAPS_AT_EDGES = re.compile(r" +\n *|\n +")  # only where spaces are: most line breaks have none
_ASCII_LEADING_I = re.compile(r"(?<![a-z])i(?=[eo][a-z]{2})")


def skeletons(names: Sequence[str]) -> list[str]:
    """``[skeleton(name) for name in names]``, a table's worth at a time: the ASCII names
    (nearly all) are folded in one pass over their joined text."""
    joined = "\n".join(names)
    if joined.isascii() and joined.count("\n") == len(names) - 1:  # every name plain: no per-name test
        return _fold_ascii_lines(joined.lower()).split("\n") if names else []
    plain = [name.isascii() and "\n" not in name for name in names]
    folded = iter(_fold_ascii_lines("\n".join([name for name, ascii in zip(names, plain) if ascii]).lower()).split("\n"))
    return [next(folded) if ascii else skeleton(name) for name, ascii in zip(names, plain)]


_NOT_LETTER_OR_LINE = bytes(c if (97 <= c <= 122 or c == 10) else 32 for c in range(256))
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_DOUBLED_LETTER = {letter: re.compile(f"{letter}{letter}+") for letter in _LETTERS}
_LEADING_I_AFTER = {gap: re.compile(f"{gap}i(?=[eo][a-z]{{2}})") for gap in ("\n", " ")}


def _fold_ascii_lines(joined: str) -> str:
    """``skeleton`` of each line of a lowercase ASCII text, lines kept. The steps of
    ``skeleton`` with a literal to look for each: a pattern that must be tried at every
    position ("[^a-z]+", "([a-z])\\1+") costs more than all of them together."""
    joined = joined.encode("ascii").translate(_NOT_LETTER_OR_LINE).decode("ascii")  # gaps are spaces
    while "  " in joined:  # a run of gaps is one space
        joined = joined.replace("  ", " ")
    if " \n" in joined or "\n " in joined:
        joined = _GAPS_AT_EDGES.sub("\n", joined)
    joined = joined.strip(" ")
    for source, target in _FOLDS:
        joined = joined.replace(source, target)
    for letter in _LETTERS:  # a run of one letter is one letter; runs of other letters stay apart
        if letter + letter in joined:
            joined = _DOUBLED_LETTER[letter].sub(letter, joined)
    # "ie"/"io" beginning a word; after the steps above a word begins a line or follows a space
    if joined[:1] == "i" and _ASCII_LEADING_I.match(joined):
        joined = joined[1:]
    for gap, pattern in _LEADING_I_AFTER.items():
        if gap + "i" in joined:
            joined = pattern.sub(gap, joined)
    return joined


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


class Token(NamedTuple):
    """A capitalised word: a tuple, since a document has thousands of them."""

    start: int
    end: int
    text: str

    @property
    def skeleton(self) -> str:
        return skeleton(self.text)


_TOKENS: dict[bool, tuple[str, list[Token]]] = {}


def name_tokens(text: str, *, loose: bool = False) -> list[Token]:
    """Capitalised words, a possessive "'s" left off (the last document's are kept: the
    list is shared, never change it)."""
    cached = _TOKENS.get(loose)
    if cached is not None and cached[0] is text:
        return cached[1]
    tokens = []
    for match in (LOOSE_NAME_TOKEN if loose else NAME_TOKEN).finditer(text):
        start, end = match.span()
        if start and (text[start - 1].isalnum() or text[start - 1] in "_@/."):
            continue  # inside a word, an address or a handle: not a name
        word = match.group()
        if word.endswith(POSSESSIVE) and len(word) > 3:
            tokens.append(Token(start, end - 2, word[:-2]))
        else:
            tokens.append(Token(start, end, word))
    _TOKENS[loose] = (text, tokens)
    return tokens


# The runs of the last document, per (particles, loose): every names rule reads the
# same document's runs, and finding them is most of what the rules cost.
_RUNS: dict[tuple[frozenset[str], bool], tuple[str, list[list[Token]]]] = {}


def name_runs(text: str, particles: Iterable[str] = (), *, loose: bool = False) -> list[list[Token]]:
    """Runs of capitalised words separated by single spaces ("Ukrainian President
    Wolodimir Zelensky"); lowercase ``particles`` ("von", "der") may sit inside a run.
    The lists returned are shared by the callers of the same text: never change them."""
    particles = particles if type(particles) is frozenset else frozenset(particles)
    key = (particles, loose)
    cached = _RUNS.get(key)
    if cached is not None and cached[0] is text:
        return cached[1]
    if particles and "\u00a0" not in text and not any(f" {particle} " in text for particle in particles):
        return name_runs(text, loose=loose)  # no particle between spaces: the same runs as without
    runs: list[list[Token]] = []
    current: list[Token] = []
    last_end = -2
    for token in name_tokens(text, loose=loose):
        start = token.start
        if current and (
            (start == last_end + 1 and text[last_end] in _SPACES)
            or (particles and start - last_end >= 3 and _joins(text, last_end, start, particles))
        ):
            current.append(token)
        else:
            if current:
                runs.append(current)
            current = [token]
        last_end = token.end
    if current:
        runs.append(current)
    if len(_RUNS) > 8:
        _RUNS.clear()
    _RUNS[key] = (text, runs)
    return runs


_SPACES = " \u00a0"


def _joins(text: str, end: int, start: int, particles: frozenset[str]) -> bool:
    """Whether the gap between two capitalised words is a single space, or particles
    between spaces ("von der")."""
    if start - end == 1:
        return text[end] in _SPACES
    if not particles or start - end < 3 or text[end] not in _SPACES or text[start - 1] not in _SPACES:
        return False
    return all(word in particles for word in text[end + 1 : start - 1].split(" "))
