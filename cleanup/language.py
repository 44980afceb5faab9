"""Whether a document is English, cheaply and offline: the share of its words that are
English function words (``rules/function-words.txt``) against the share that are
function words of other languages often found in scraped news
(``rules/other-function-words.txt``), and whether its letters are Latin at all.

Function words make up 40-50% of English prose and next to none of German or
Indonesian prose; a list, a table of results or a recipe has few of either, so the
decision compares the two shares instead of trusting a fixed threshold. The rules
whose premise is English prose (the ``mt`` heuristics, English typographic
conventions) stay quiet on a document that is not English.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import re

import ahocorasick
import regex

from .textcache import per_text

SAMPLE = 20_000  # characters read: the opening of a document says what language it is in
MIN_WORDS = 20  # fewer words say nothing reliable; such a snippet is taken as English
WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’]*")
# runs rather than single characters: fewer matches to build, the same count
LETTER = regex.compile(r"\p{L}+")
LATIN = regex.compile(r"\p{Script=Latin}+")
APOSTROPHE = "’"
# The ASCII path: ``WORD`` over ASCII text is a run of [a-z'] that starts with a letter.
# Every other byte becomes a space; runs then come from bytes.split (C speed) instead of
# one regex match and one ``lower`` call per word, which made this gate the largest
# cost of the heuristics.
# token characters of the lowercased ASCII view: letters and the apostrophe (and the hyphen)
TOKEN_BYTES = bytes(c if (97 <= c <= 122 or c == 39) else 32 for c in range(256))
HYPHEN_TOKEN_BYTES = bytes(c if (97 <= c <= 122 or c in (39, 45)) else 32 for c in range(256))
LEADING_APOSTROPHES = re.compile(rb" '+")  # blanked in one pass, however many there are
# WORD in a text whose only letters are ASCII (most documents: at most quotation marks
# and dashes beyond ASCII): the stdlib scan of an ASCII class is several times faster
# than the Unicode property classes, with the same words.
ASCII_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
NON_ASCII = re.compile(r"[^\x00-\x7f]")
LETTER_OR_MARK = regex.compile(r"[\p{L}\p{M}]")


@dataclass(frozen=True, slots=True)
class LanguageEvidence:
    words: int
    english: float  # share of words that are English function words
    other: float  # share of words that are function words of another language
    latin: float  # share of letters in the Latin script

    @property
    def is_english(self) -> bool:
        if self.words < MIN_WORDS:
            return True
        if self.latin < 0.5:
            return False
        return self.english >= 2 * self.other


def _word_list(name: str) -> frozenset[str]:
    from .sentences import word_list  # sentences imports the ruleset; import late

    return word_list(name)


@lru_cache(maxsize=None)
def _char_kind(char: str) -> str:
    """How the word patterns see a character outside ASCII: "'" (the curly apostrophe,
    a word character like the straight one), " " (neither a letter, a mark nor a digit:
    a dash, a curly quotation mark) or "" (any of those: the exact path)."""
    if char == APOSTROPHE:
        return "'"
    # str.isalpha and \p{L} follow different Unicode versions: either says "letter";
    # a digit of another script is a word character to the sentence statistics
    return "" if char.isalpha() or regex.match(r"[\p{L}\p{M}\d]", char) else " "


@per_text(maxsize=8)
def ascii_view(text: str) -> str | None:
    """``text`` with the same letters at the same offsets, in ASCII: the curly
    apostrophe becomes ' and every other character outside ASCII (a dash, a curly
    quotation mark) a space. None when a letter or a mark is outside ASCII: only the
    exact paths read such text (so is a digit outside ASCII). Fast paths that search
    this view for candidates must accept that ’ and ' look alike in it. Cached: the
    language gate, the sentence structure and doubled-word read the same text."""
    if text.isascii():
        return text
    kinds = {}
    for char in set(NON_ASCII.findall(text)):
        kinds[char] = _char_kind(char)
        if not kinds[char]:
            return None
    if len(kinds) > 16:  # one pass over the text, not one for each character
        return text.translate({ord(char): kind for char, kind in kinds.items()})
    for char, kind in kinds.items():
        text = text.replace(char, kind)
    return text


@lru_cache(maxsize=1)
def _byte_lists() -> tuple[frozenset[bytes], frozenset[bytes]]:
    return tuple(frozenset(w.encode() for w in _word_list(name) if w.isascii())
                 for name in ("function-words", "other-function-words"))


@per_text(maxsize=8)  # the language gate and the sentence rules ask for the same runs
def ascii_token_runs(view: str, hyphens: bool = False) -> bytes:
    """An ASCII ``view`` lowercased, every character but a letter and the apostrophe
    (with ``hyphens``, the hyphen too) a space, behind one space and before another:
    position p is at p + 1. Apostrophes at the start of a run are blanked (a word starts
    at a letter), so a run between spaces is a word of ``WORD``'s kind, lowercased."""
    runs = b" " + view.lower().encode("ascii").translate(HYPHEN_TOKEN_BYTES if hyphens else TOKEN_BYTES) + b" "
    if b" '" in runs:
        runs = LEADING_APOSTROPHES.sub(lambda match: b" " * len(match.group()), runs)
    return runs


def _ascii_words(sample: str) -> list[bytes]:
    """``WORD.findall(sample)`` lowercased, for an ASCII ``sample``."""
    return ascii_token_runs(sample).split()


@lru_cache(maxsize=1)
def _other_words_automaton():
    """The other languages' function words as " word ": one Aho-Corasick pass over the
    runs tells whether any is a word of the sample, without splitting it into words."""
    automaton = ahocorasick.Automaton()
    for word in _byte_lists()[1]:
        automaton.add_word(" %s " % word.decode(), word)
    automaton.make_automaton()
    return automaton


def _ascii_evidence(sample: str, words: list[bytes] | None = None) -> LanguageEvidence:
    if words is None:
        words = _ascii_words(sample)
    if not words:
        return LanguageEvidence(0, 0.0, 0.0, 1.0)  # no letter: ``latin`` is 1.0 by definition
    english, other = _byte_lists()
    # every letter is ASCII, hence Latin: the share is exactly 1.0
    return LanguageEvidence(
        len(words),
        sum(map(english.__contains__, words)) / len(words),
        sum(map(other.__contains__, words)) / len(words),
        1.0,
    )


@per_text(maxsize=16)
def language_evidence(text: str) -> LanguageEvidence:
    sample = text[:SAMPLE]
    # Neither word list has an entry with an apostrophe, so a word with ’ and the same
    # word with ' are both in neither list: the ASCII view gives the same evidence.
    plain = ascii_view(sample)
    if plain is not None:
        return _ascii_evidence(plain)
    if sample.isascii() or not LETTER_OR_MARK.search("".join(set(NON_ASCII.findall(sample)))):
        words = list(map(str.lower, ASCII_WORD.findall(sample)))
        latin = 1.0  # every ASCII letter is Latin
    else:
        words = [w.lower() for w in WORD.findall(sample)]
        letters = sum(map(len, LETTER.findall(sample)))
        latin = sum(map(len, LATIN.findall(sample))) / letters if letters else 1.0
    if not words:
        return LanguageEvidence(0, 0.0, 0.0, latin)
    english, other = _word_list("function-words"), _word_list("other-function-words")
    return LanguageEvidence(
        len(words),
        sum(map(english.__contains__, words)) / len(words),
        sum(map(other.__contains__, words)) / len(words),
        latin,
    )


@per_text(maxsize=16)
def looks_english(text: str) -> bool:
    """Whether ``text`` reads as English (see the module's docstring)."""
    plain = ascii_view(text[:SAMPLE])
    if plain is None:
        return language_evidence(text).is_english
    runs = ascii_token_runs(plain)
    # the usual case decided without the shares: not one function word of another
    # language (English >= 2 x 0; the letters are Latin, being ASCII)
    if next(_other_words_automaton().iter(runs.decode("ascii")), None) is None:
        return True
    return _ascii_evidence(plain, runs.split()).is_english
