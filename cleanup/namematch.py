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
_LEADING_I_AFTER = {gap: re.compile(f"{gap}i(?=[eo][a-z]{{2}})") for gap in ("\n", " ")}


def _fold_ascii_lines(joined: str) -> str:
    """``skeleton`` of each line of a lowercase ASCII text, lines kept. The steps of
    ``skeleton`` with a literal to look for each: a pattern that must be tried at every
    position ("[^a-z]+", "([a-z])\\1+") costs more than all of them together."""
    joined = joined.encode("ascii").translate(_NOT_LETTER_OR_LINE).decode("ascii")  # gaps are spaces
    while "  " in joined:  # a run of gaps is one space
        joined = joined.replace("  ", " ")
    # the gaps are single spaces now: dropping those beside a line break, in two
    # replaces, is what " +\n *|\n +" does, without trying a pattern at every gap
    joined = joined.replace(" \n", "\n").replace("\n ", "\n").strip(" ")
    for source, target in _FOLDS:
        joined = joined.replace(source, target)
    for letter in _LETTERS:  # a run of one letter is one letter; runs of other letters stay apart
        doubled = letter + letter
        while doubled in joined:  # each replace halves a run: "aaaa" -> "aa" -> "a"
            joined = joined.replace(doubled, letter)
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
# Its runs of two or more words: what most rules look at first, and all that the
# first pass of names-inconsistent reads.
_LONGER: dict[tuple[frozenset[str], bool], tuple[str, list[list[Token]]]] = {}
_NO_PARTICLES: frozenset[str] = frozenset()


def name_runs(text: str, particles: Iterable[str] = (), *, loose: bool = False) -> list[list[Token]]:
    """Runs of capitalised words separated by single spaces ("Ukrainian President
    Wolodimir Zelensky"); lowercase ``particles`` ("von", "der") may sit inside a run.
    The lists returned are shared by the callers of the same text: never change them."""
    particles = particles if type(particles) is frozenset else frozenset(particles)
    key = (particles, loose)
    cached = _RUNS.get(key)
    if cached is not None and cached[0] is text:
        return cached[1]
    finder = _run_finder(particles, loose)
    if finder is None:
        _keep(_RUNS, key, text, runs := _runs_token_by_token(text, particles, loose=loose))
        return runs
    runs, longer_at = _runs_found(text, finder)
    _keep(_RUNS, key, text, runs)
    if not particles:
        _keep(_LONGER, key, text, [runs[index] for index in longer_at])
        return runs
    # the runs without particles are these split where a particle joined two words:
    # a rule reads those of the same document too
    plain, plain_longer = _without_particles(runs, longer_at)
    _keep(_LONGER, key, text, [runs[index] for index in longer_at])
    _keep(_RUNS, (_NO_PARTICLES, loose), text, plain)
    _keep(_LONGER, (_NO_PARTICLES, loose), text, plain_longer)
    return runs


def longer_name_runs(text: str, particles: Iterable[str] = (), *, loose: bool = False) -> list[list[Token]]:
    """The runs of ``name_runs`` that have two or more words (shared in the same way)."""
    particles = particles if type(particles) is frozenset else frozenset(particles)
    key = (particles, loose)
    cached = _LONGER.get(key)
    if cached is not None and cached[0] is text:
        return cached[1]
    cached = _RUNS.get(key)
    finder = _run_finder(particles, loose)
    if cached is not None and cached[0] is text or finder is None:
        longer = [run for run in name_runs(text, particles, loose=loose) if len(run) > 1]
    else:
        longer = _longer_runs_found(text, finder)  # the runs of one word are never made
    _keep(_LONGER, key, text, longer)
    return longer


def longer_run_bounds(text: str, particles: Iterable[str] = ()) -> list[tuple[int, int, int]]:
    """(start, end, words) of each run of ``longer_name_runs``: for a caller that reads
    no word of a run, the runs' words are made only when another caller made them."""
    particles = particles if type(particles) is frozenset else frozenset(particles)
    key = (particles, False)
    cached = _LONGER.get(key)
    if cached is None or cached[0] is not text:
        cached = _RUNS.get(key)
        finder = _run_finder(particles, False)
        if (cached is None or cached[0] is not text) and finder is not None:
            return _longer_bounds_found(text, finder)
    return [(run[0].start, run[-1].end, len(run)) for run in longer_name_runs(text, particles)]


def name_runs_beside(text: str, particles: frozenset[str], *, loose: bool = False) -> list[list[Token]]:
    """``name_runs(text)``, for a caller that knows the same text's runs with
    ``particles`` are wanted too: both kinds come from one pass, whichever is asked first."""
    cached = _RUNS.get((_NO_PARTICLES, loose))
    if cached is not None and cached[0] is text:
        return cached[1]
    if particles:
        name_runs(text, particles, loose=loose)  # keeps the runs without particles as well
    return name_runs(text, loose=loose)


def _keep(cache: dict, key: tuple[frozenset[str], bool], text: str, runs: list[list[Token]]) -> None:
    if len(cache) > 8:
        cache.clear()
    cache[key] = (text, runs)


def _runs_token_by_token(text: str, particles: frozenset[str], *, loose: bool) -> list[list[Token]]:
    """``name_runs`` one token at a time: for particles that ``_run_finder`` cannot
    put in a pattern (and the reference its pattern is tested against)."""
    if particles and "\u00a0" not in text and not any(f" {particle} " in text for particle in particles):
        particles = _NO_PARTICLES  # no particle between spaces: the same runs as without
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
    return runs


# ``NAME_TOKEN`` and ``LOOSE_NAME_TOKEN`` with the possessive left off by the pattern
# itself: a word part "'s" may not end the word, except in a word of three letters
# ("O's", which ``name_tokens`` keeps whole).
_LETTER = {False: r"[\p{L}\p{M}]", True: r"[\p{L}\p{M}\p{Sm}\p{So}]"}
_TOKEN_WITHOUT_POSSESSIVE = (
    r"\p{{Lu}}['’]s(?!{letter}|['’\-]\p{{L}})"
    r"|\p{{Lu}}{letter}*(?:(?:-|['’](?!s(?!{letter}|['’\-]\p{{L}})))\p{{L}}{letter}*)*"
)
# what nearly every capitalised word follows, none of it a letter, a digit or "_@/.":
# a set look-up settles those without ``str.isalnum``
_OK_BEFORE_NAME = frozenset(" \n\t\r\"'(“‘[«—–-,;:")


@lru_cache(maxsize=16)
def _run_finder(particles: frozenset[str], loose: bool) -> regex.Pattern | None:
    """One pattern for a whole run: its first word in group 1, the others in group 2
    (a repeated group). None when a particle could hold a capitalised word, or is
    empty: such a gap is for ``_runs_token_by_token`` to judge."""
    token_pattern = LOOSE_NAME_TOKEN if loose else NAME_TOKEN
    if any(not particle or token_pattern.search(particle) for particle in particles):
        return None
    token = "(?:" + _TOKEN_WITHOUT_POSSESSIVE.format(letter=_LETTER[loose]) + ")"
    gap = r"[ \u00a0]"
    # a particle is a word between single spaces: one with a space in it never is one
    words = sorted((p for p in particles if " " not in p), key=lambda p: (-len(p), p))
    if words:
        particle = "(?:" + "|".join(regex.escape(word) for word in words) + ")"
        # possessive: a particle starts no capitalised word, so giving one back never
        # helps, and trying to costs time in the square of a run of particles
        gap = rf"[ \u00a0]{particle}(?: {particle})*+[ \u00a0]|[ \u00a0]"
    return regex.compile(rf"({token})(?:(?:{gap})({token}))*")


def _glued(char: str) -> bool:
    """Whether a word beginning after ``char`` is inside a word, an address or a handle
    (asked only of a character outside ``_OK_BEFORE_NAME``)."""
    return char.isalnum() or char in "_@/."


def _tokens(text: str, spans) -> list[Token]:
    new_token = tuple.__new__
    return [new_token(Token, (s, e, text[s:e])) for s, e in spans]


def _runs_found(text: str, finder: regex.Pattern) -> tuple[list[list[Token]], list[int]]:
    """``_runs_token_by_token`` in one pass of ``finder`` over the text (a document has
    thousands of capitalised words, most of them a run alone: "The", "In"), and the
    indices of the runs of two or more words."""
    runs: list[list[Token]] = []
    longer_at: list[int] = []
    append = runs.append
    new_token = tuple.__new__
    ok_before = _OK_BEFORE_NAME
    for match in finder.finditer(text):
        start, end = match.span()
        if start and text[start - 1] not in ok_before and _glued(text[start - 1]):
            # the first word is no name, the words joined to it are a run (no particle
            # holds a capitalised word)
            if match.lastindex == 2:
                rest = match.spans(2)
                if len(rest) > 1:
                    longer_at.append(len(runs))
                append(_tokens(text, rest))
            continue
        if match.lastindex == 1:
            append([new_token(Token, (start, end, text[start:end]))])
        else:
            longer_at.append(len(runs))
            append(_tokens(text, (match.span(1), *match.spans(2))))
    return runs, longer_at


def _longer_matches(text: str, finder: regex.Pattern) -> Iterator[tuple[regex.Match, bool]]:
    """The matches of ``finder`` that hold a run of two or more words, each with whether
    its first word is glued to what precedes it (then the run is the words after it)."""
    ok_before = _OK_BEFORE_NAME
    for match in finder.finditer(text):
        if match.lastindex == 1:
            continue
        start = match.start()
        if start and text[start - 1] not in ok_before and _glued(text[start - 1]):
            if len(match.starts(2)) > 1:
                yield match, True
            continue
        yield match, False


def _longer_runs_found(text: str, finder: regex.Pattern) -> list[list[Token]]:
    """The runs of two or more words of ``_runs_found``, without making the others."""
    return [
        _tokens(text, match.spans(2) if glued else (match.span(1), *match.spans(2)))
        for match, glued in _longer_matches(text, finder)
    ]


def _longer_bounds_found(text: str, finder: regex.Pattern) -> list[tuple[int, int, int]]:
    """``_longer_runs_found`` as (start, end, words): no token made (a match ends where
    its last word does)."""
    bounds: list[tuple[int, int, int]] = []
    append = bounds.append
    for match, glued in _longer_matches(text, finder):
        rest = match.starts(2)
        if glued:
            append((rest[0], match.end(), len(rest)))
        else:
            append((match.start(), match.end(), len(rest) + 1))
    return bounds


def _without_particles(runs: list[list[Token]], longer_at: list[int]) -> tuple[list[list[Token]], list[list[Token]]]:
    """``runs`` split where a particle, not a single space, joined two words (the list
    itself when none did), and the runs of two or more words among them. Only the
    runs at ``longer_at`` have two or more words."""
    plain: list[list[Token]] | None = None
    plain_longer: list[list[Token]] = []
    done = 0  # runs[:done] are in ``plain``
    for index in longer_at:
        run = runs[index]
        if all(b.start == a.end + 1 for a, b in zip(run, run[1:])):
            plain_longer.append(run)
            continue
        if plain is None:
            plain = []
        plain.extend(runs[done:index])
        done = index + 1
        current = [run[0]]
        for previous, token in zip(run, run[1:]):
            if token.start != previous.end + 1:
                plain.append(current)
                if len(current) > 1:
                    plain_longer.append(current)
                current = []
            current.append(token)
        plain.append(current)
        if len(current) > 1:
            plain_longer.append(current)
    if plain is None:
        return runs, plain_longer
    plain.extend(runs[done:])
    return plain, plain_longer


_SPACES = " \u00a0"


def _joins(text: str, end: int, start: int, particles: frozenset[str]) -> bool:
    """Whether the gap between two capitalised words is a single space, or particles
    between spaces ("von der")."""
    if start - end == 1:
        return text[end] in _SPACES
    if not particles or start - end < 3 or text[end] not in _SPACES or text[start - 1] not in _SPACES:
        return False
    return all(word in particles for word in text[end + 1 : start - 1].split(" "))
