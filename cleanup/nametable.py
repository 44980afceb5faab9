"""The canonical-names table: loading, merging, validating and indexing it.

A table is TOML (``[[name]]`` entries, see ``docs/names.md``) or CSV (columns
``canonical,kind,variants,roles`` and optionally ``pronoun,not,bare,surname``; lists
separated by ``|``). ``load_tables`` merges the default table (``rules/names.toml``)
with user tables: a later entry with the same canonical replaces its scalar fields and
extends its lists. Decoding is strict: an unknown key or a wrong type is a
``RuleFileError`` naming file and line.

The indexes the name rules need are built once per table, on first use, and cached on
the ``NameTable``: one Aho-Corasick automaton (of last words) for every exact phrase
(canonicals, variants, surnames, roles, exceptions) with a view per use, and a near-miss
index of name skeletons, by last word and by the word before it, that gives candidates
with two dictionary look-ups per word, whatever the size of the table. A large table is kept, indexes and all, in a cache on
disk (see ``cache_dir``) and read back from there while its files are unchanged.
"""

from __future__ import annotations

import csv
import gc
import json
import os
import re
import sys
import threading
import tomllib
from array import array
from collections.abc import Iterable, Iterator, Sequence
from collections import Counter, deque
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate, chain, compress, repeat, starmap
from operator import add, itemgetter, lt
from pathlib import Path
from typing import Any, NamedTuple

import ahocorasick
from rapidfuzz import process as rapidfuzz_process
from rapidfuzz.distance import Indel

from . import __version__
from .cachefiles import CACHE_ENV, cache_dir, file_key, read_stored, store  # noqa: F401  (CACHE_ENV: the tests' and users' name)
from .namematch import similarity, skeletons
from .phrasematch import fold_case, is_word_char
from .ruleset import RuleFileError, _Lines, default_rules_dir

NAME_KINDS = ("person", "place", "org", "term")
PRONOUNS = ("he", "she", "they", "it")
LIST_KEYS = ("variants", "roles", "not")
ENTRY_KEYS: dict[str, type] = {
    "canonical": str,
    "kind": str,
    "variants": list,
    "roles": list,
    "pronoun": str,
    "not": list,
    "bare": bool,
    "surname": str,
}
CSV_REQUIRED = ("canonical", "kind")
DEFAULT_MAX_ENTRIES = 200_000
MAX_ENTRIES_ENV = "CLEANUP_MAX_NAMES"


class NameEntry(NamedTuple):
    """One entry of a table. A tuple rather than a frozen dataclass: a large table makes
    tens of thousands of them, and a tuple is several times cheaper to create."""

    canonical: str
    kind: str
    variants: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    pronoun: str | None = None
    exceptions: tuple[str, ...] = ()  # the ``not`` key: texts in which a variant is right
    bare: bool | None = None  # written without "the"; persons are, unless told otherwise
    surname: str | None = None  # when not the canonical's last word(s)
    source: str = ""  # "file:line"

    @property
    def tokens(self) -> list[str]:
        return self.canonical.split()

    @property
    def family_name(self) -> str:
        """The part of a person's name used alone ("Psaki", "von der Leyen")."""
        if self.surname:
            return self.surname
        words = self.tokens
        index = len(words) - 1
        while index > 1 and words[index - 1][:1].islower():
            index -= 1  # keep lowercase particles with the surname
        return " ".join(words[index:])

    @property
    def takes_no_article(self) -> bool:
        return self.bare if self.bare is not None else self.kind == "person"

    def merged(self, later: NameEntry) -> NameEntry:
        def union(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(dict.fromkeys(a + b))

        return NameEntry(
            canonical=self.canonical,
            kind=later.kind,
            variants=union(self.variants, later.variants),
            roles=union(self.roles, later.roles),
            pronoun=later.pronoun or self.pronoun,
            exceptions=union(self.exceptions, later.exceptions),
            bare=later.bare if later.bare is not None else self.bare,
            surname=later.surname or self.surname,
            source=later.source,
        )


class Form(NamedTuple):
    """One spelling of an entry that the near-miss index knows."""

    entry: int
    text: str
    skeletons: tuple[str, ...]


_NOT_WORD = re.compile(r"\W")
_ASCII_NOT_WORD = bytes(0 if _NOT_WORD.match(chr(c)) else 1 for c in range(256))  # read for ASCII only


def _edges(keys: Sequence[str]) -> bytes:
    """Per key, bit 1: it starts with a word character, bit 2: it ends with one. Nearly
    every key does both, so only the others are looked at (``\\w`` is ``is_word_char``)."""
    edges = bytearray(b"\x03") * len(keys)
    for bit, chars in ((1, "".join(map(itemgetter(0), keys))), (2, "".join(map(itemgetter(-1), keys)))):
        if chars.isascii():  # the characters that are not word characters, by a translation, not a pattern
            marked = chars.encode("ascii").translate(_ASCII_NOT_WORD)
            at = marked.find(0)
            while at != -1:
                edges[at] &= ~bit
                at = marked.find(0, at + 1)
            continue
        for match in _NOT_WORD.finditer(chars):
            edges[match.start()] &= ~bit
    return bytes(edges)


# Last words are looked for in a copy of the folded text in which every character but
# an ASCII letter, digit or "_" is a space, between two spaces: " lavrov " then matches
# only a whole word, and the automaton reports no hits inside words ("forma" in
# "information"), which a large table's short last words would otherwise give by the
# thousand. Other last words ("o'brien", "erdoğan") are keyed the same way and checked
# as spelled; in a text beyond ASCII, whose letters are spaces too, each hit's word
# boundaries are checked as well.
_ASCII_WORDS = bytes(
    c + 32 if 65 <= c <= 90 else c if (48 <= c <= 57 or 97 <= c <= 122 or c == 95) else 32 for c in range(256)
)
_MARKED_WORDS = bytes(10 if byte == 10 else 1 if c == 32 else c for byte, c in enumerate(_ASCII_WORDS))  # keys: \n kept, others 1


def _padded_words(text: str, folded: str) -> str:
    """" " + ``folded`` with every character but ASCII [a-z0-9_] a space + " "."""
    plain = text if text.isascii() else folded  # the table lowercases ASCII; folding is for the rest
    return (b" " + plain.encode("ascii", "replace").translate(_ASCII_WORDS) + b" ").decode("ascii")


def _padded_keys(suffixes: list[str], edges: bytes) -> tuple[dict[str, int], list[tuple[int, ...]], dict[int, str]]:
    """Each last word as ``_padded_words`` writes it, with a space before (after) it when
    a word character starts (ends) it -> its number; the groups of last words that
    share a key (numbered past the last word); and the last words holding anything but
    ASCII [a-z0-9_], which a hit must match as spelled."""
    joined = "\n".join(suffixes)
    marked_text = joined.encode("ascii", "replace").translate(_MARKED_WORDS).decode("ascii")
    # number -> the last word with each character but [a-z0-9_] a marker, for the few such
    marked: dict[int, str] = {}
    if "\x01" in joined or marked_text.count("\n") != len(suffixes) - 1:  # a last word holding a marker
        for number, suffix in enumerate(suffixes):
            if _NOT_PLAIN_WORD.search(suffix):
                marked[number] = suffix.encode("ascii", "replace").translate(_ASCII_WORDS).decode("ascii")
        padded = [f" {suffix} " for suffix in suffixes]
    else:
        line, line_start, marker = 0, 0, marked_text.find("\x01")
        while marker != -1:  # the few lines holding a marker, found without a pattern
            start = marked_text.rfind("\n", 0, marker) + 1
            line += marked_text.count("\n", line_start, start)
            end = marked_text.find("\n", marker)
            end = len(marked_text) if end == -1 else end
            marked[line] = marked_text[start:end].replace("\x01", " ")
            line_start, marker = start, marked_text.find("\x01", end)
        # " word " for every last word at once: a line break between two spaces, two around
        padded = f" {marked_text.replace(chr(10), ' ' + chr(10) + ' ')} ".split("\n")
    for number, word in marked.items():
        edge = edges[number]
        padded[number] = f"{' ' if edge & 1 else ''}{word}{' ' if edge & 2 else ''}"
    irregular = {number: suffixes[number] for number in marked}
    shared: list[tuple[int, ...]] = []
    numbers: dict[str, Any] = dict(zip(padded, range(len(padded))))
    if len(numbers) != len(padded):  # rare: "u.s." and "u-s-" are both " u s "
        numbers = {}
        for number, key in enumerate(padded):
            numbers.setdefault(key, []).append(number)
        for key, value in numbers.items():
            if len(value) == 1:
                numbers[key] = value[0]
            else:
                numbers[key] = len(suffixes) + len(shared)
                shared.append(tuple(value))
    return numbers, shared, irregular


def _automaton(items: Iterable[tuple[str, int]]) -> ahocorasick.Automaton:
    """Keys added in the order given: in a (nearly) sorted order, where neighbours share
    their trie path, they are added several times faster."""
    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    deque(starmap(automaton.add_word, items), maxlen=0)  # each key added from C, none kept
    if len(automaton):
        automaton.make_automaton()
    return automaton


_NOT_PLAIN_WORD = re.compile(r"[^a-z0-9_]")


def fold_all(texts: Sequence[str]) -> list[str]:
    """``[fold_case(t) for t in texts]``, folded as one text when that is the same."""
    joined = "\n".join(texts)
    lowered = joined.lower()
    folded = lowered.split("\n")
    # one more line than texts when a text holds a line break (and for no texts at all)
    if len(lowered) != len(joined) or len(folded) != len(texts):
        return [fold_case(t) for t in texts]
    return folded


def _last_words(keys: Sequence[str]) -> list[str]:
    """Each key's text after its last space (the key itself when it ends with one)."""
    last = list(map(itemgetter(-1), map(str.rsplit, keys, repeat(" "), repeat(1))))  # in C: no Python step a key
    if "" in last:
        return [key[key.rfind(" ") + 1 :] or key for key in keys]
    return last


_SCAN_IN_C = 32  # near-miss forms sharing a given name beyond which rapidfuzz compares them
_LINEAR_GROUP = 8  # phrases sharing a last word beyond which a hit looks them up instead


class Phrases:
    """Every phrase of a table (canonicals, variants, surnames, roles, exceptions) in one
    Aho-Corasick automaton over case-folded text. A text is searched once: the whole-word
    hits of its last search are kept, and each ``PhraseView`` picks its own phrases
    from them.

    The automaton holds each phrase's last word only ("lavrov" for "sergey lavrov" and
    "russian foreign minister lavrov" alike), and a hit of that word is checked against
    the phrases that end with it. Phrases of a table share few prefixes but many last
    words, so the automaton is a fraction of the size and quick to build; the hits are
    exactly those of an automaton of the whole phrases."""

    def __init__(self, keys: Sequence[str]) -> None:
        self.keys = list(keys)
        self.size = len(keys)
        self.lengths = array("I", map(len, keys))
        self.edges = _edges(keys)
        by_suffix: dict[str, list[int]] = {}  # the key numbers of each last word
        for number, suffix in enumerate(_last_words(keys)):  # grouped first, numbered after: one look-up each
            by_suffix.setdefault(suffix, []).append(number)
        # the last words, numbered in sorted order: their keys are then added to the
        # automaton in (nearly) that order, where neighbours share their trie path
        suffix_list = sorted(by_suffix)
        groups: list[Any] = list(map(tuple, map(by_suffix.__getitem__, suffix_list)))
        for number in compress(range(len(groups)), map(lt, repeat(_LINEAR_GROUP), map(len, groups))):
            # "minister", "council": a hit looks the text up, by length
            by_length: dict[int, dict[str, int]] = {}
            for key_number in groups[number]:
                by_length.setdefault(len(keys[key_number]), {})[keys[key_number]] = key_number
            groups[number] = by_length
        self.groups = groups
        self.suffix_lengths = array("I", map(len, suffix_list))
        # bit 1: a word character starts the last word, bit 2: one ends it (a hit needs a
        # word boundary there)
        self.suffix_edges = _edges(suffix_list)
        numbers, self.shared, self.irregular = _padded_keys(suffix_list, self.suffix_edges)
        self.automaton = _automaton(numbers.items())
        self._last: tuple[str | None, list[tuple[int, int, int]]] = (None, [])

    def __getstate__(self) -> dict:
        # the automaton's own pickle is ~10x the size of its keys and slower to read
        # than adding them again
        state = {**self.__dict__, "_last": (None, [])}
        state["automaton"] = list(self.automaton.items()) if len(self.automaton) else []
        return state

    def __setstate__(self, state: dict) -> None:
        items = state.pop("automaton")
        self.__dict__.update(state)
        self.automaton = _automaton(items)

    def hits(self, text: str) -> list[tuple[int, int, int]]:
        """(start, end, key number) of every whole-word occurrence of every phrase."""
        last_text, last_hits = self._last
        if last_text is text or not self.size:
            return last_hits if self.size else []
        keys, lengths, edges, n = self.keys, self.lengths, self.edges, len(text)
        groups, suffix_lengths, suffix_edges = self.groups, self.suffix_lengths, self.suffix_edges
        folded = fold_case(text)
        found = []
        shared, irregular, plain = self.shared, self.irregular, len(groups)
        beyond_ascii = not text.isascii()
        for padded_end, value in self.automaton.iter(_padded_words(text, folded)):
            for group in (value,) if value < plain else shared[value - plain]:
                suffix_length = suffix_lengths[group]
                suffix_edge = suffix_edges[group]
                end = padded_end - (suffix_edge >> 1 & 1)  # less the space after it
                suffix_start = end - suffix_length
                spelled = irregular.get(group) if irregular else None
                if spelled is not None and (end > n or suffix_start < 0 or folded[suffix_start:end] != spelled):
                    continue
                if beyond_ascii:  # a letter beyond ASCII was a space: a word may go on there
                    if suffix_edge & 1 and suffix_start > 0 and is_word_char(text[suffix_start - 1]):
                        continue
                    if suffix_edge & 2 and end < n and is_word_char(text[end]):
                        continue
                members = groups[group]
                if type(members) is not tuple:
                    members = [number for length, by_key in members.items() if length <= end
                               and (number := by_key.get(folded[end - length : end])) is not None]
                for number in members:
                    length = lengths[number]
                    start = end - length
                    if length != suffix_length and (start < 0 or not folded.startswith(keys[number], start)):
                        continue
                    if edges[number] & 1 and start > 0 and is_word_char(text[start - 1]):
                        continue
                    found.append((start, end, number))
        self._last = (text, found)
        return found


class PhraseView:
    """Some of a table's phrases, found as ``PhraseMatcher`` finds them: leftmost-longest,
    non-overlapping whole words, yielding (start, end, matched text, value). ``values``
    maps a key number to its value; with ``exact_case``, to {phrase as written: value}
    (or, for a key of one phrase, to the pair (phrase as written, value)),
    and a match must be written exactly so."""

    def __init__(self, phrases: Phrases, values: dict[int, Any], *, exact_case: bool = False) -> None:
        self.phrases = phrases
        self.values = values
        self.exact_case = exact_case

    def __len__(self) -> int:
        return len(self.values)

    def finditer(self, text: str) -> Iterator[tuple[int, int, str, Any]]:
        if not self.values:
            return
        values, exact_case = self.values, self.exact_case
        candidates = []
        for start, end, number in self.phrases.hits(text):
            value = values.get(number)
            if value is None:
                continue
            if exact_case:
                if type(value) is tuple:  # the one phrase of this key: (as written, value)
                    if text[start:end] != value[0]:
                        continue
                    value = value[1]
                else:
                    value = value.get(text[start:end])
                    if value is None:
                        continue
            candidates.append((start, -end, value))
        candidates.sort(key=lambda c: (c[0], c[1]))
        last_end = -1
        for start, negative_end, value in candidates:
            if start >= last_end:
                last_end = -negative_end
                yield start, last_end, text[start:last_end], value


def _repeats_within(owners: list[int], texts: list[str]) -> bool:
    """Whether one owner has some text twice (texts repeated across owners are few)."""
    repeated = {text for text, count in Counter(texts).items() if count > 1}
    pairs = [(owner, text) for owner, text in zip(owners, texts) if text in repeated]
    return len(set(pairs)) != len(pairs)


class _Forms(Sequence):
    """The near-miss index's forms, each made when first asked for: a large table has
    hundreds of thousands, and a check looks at a few."""

    def __init__(self, entries: list[int], texts: list[str], skeletons: list[str], bounds: list[int]) -> None:
        self.entries, self.texts, self.skeletons, self.bounds = entries, texts, skeletons, bounds
        self._made: dict[int, Form] = {}

    def __len__(self) -> int:
        return len(self.texts)

    def __getitem__(self, number: int) -> Form:  # type: ignore[override]
        form = self._made.get(number)
        if form is None:
            text = self.texts[number]  # IndexError past the end, as a list
            number %= len(self.texts)
            start, end = self.bounds[number], self.bounds[number + 1]
            form = self._made[number] = Form(self.entries[number], text, tuple(self.skeletons[start:end]))
        return form


class NearIndex(NamedTuple):
    """Forms; their numbers by the skeleton of their last word; and the numbers of the
    forms of two or more words by the skeleton of the word before the last (the given
    name, usually)."""

    forms: Sequence[Form]
    by_last: dict[str, list[int]]
    by_given: dict[str, list[int]]


@dataclass
class NameTable:
    entries: list[NameEntry] = field(default_factory=list)
    raw_counts: tuple[int, ...] = ()  # entries in each file read, before merging

    INDEXES = ("by_canonical", "spellings", "_views", "forms", "known_words", "role_words", "particles",
               "near_index")

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def is_large(self) -> bool:
        """Large enough to cache on disk, and for its indexes to be kept out of the
        garbage collector's scans (which would otherwise walk them again and again)."""
        return len(self.entries) >= CACHE_MIN_ENTRIES

    def index_all(self) -> dict[str, Any]:
        """Builds every index now (they are otherwise built on first use); returns them
        with the fields other than ``entries``, less what is as quick to rebuild as to read."""
        with _collector_paused(freeze=self.is_large):
            for name in self.INDEXES:
                getattr(self, name)
        return {k: v for k, v in self.__dict__.items() if k not in ("entries", "by_canonical", "_listed")}

    @cached_property
    def by_canonical(self) -> dict[str, NameEntry]:
        return {e.canonical: e for e in self.entries}

    @cached_property
    def family_names(self) -> list[str | None]:
        """Each person's ``family_name`` (None for the other kinds), worked out once."""
        return [
            None if e.kind != "person"
            else e.surname or (e.canonical.rpartition(" ")[2] if e.canonical.count(" ") < 2 else e.family_name)
            for e in self.entries
        ]

    @cached_property
    def spellings(self) -> dict[str, tuple[int, bool]]:
        """Canonicals and variants exactly as written -> (entry index, True when a variant)."""
        written: dict[str, tuple[int, bool]] = {}
        for index, entry in enumerate(self.entries):
            if entry.variants:
                value = (index, True)
                for variant in entry.variants:
                    written[variant] = value
        written.update((entry.canonical, (index, False)) for index, entry in enumerate(self.entries))
        return written

    def _bare_phrases(self) -> dict[str, int]:
        phrases: dict[str, int] = {}
        family_names = self.family_names
        # the fields unpacked: each read by name is a descriptor call, and
        # ``takes_no_article`` a Python one (the same test, written out)
        entries = self.entries
        for index, (canonical, kind, variants, _roles, _pronoun, _not, bare, _surname, _source) in enumerate(entries):
            if not (bare if bare is not None else kind == "person"):
                continue
            phrases[canonical] = index
            for text in variants:
                phrases[text] = index
            family = family_names[index]
            if family is not None and family not in phrases:
                phrases[family] = index
        return phrases

    @cached_property
    def _views(self) -> tuple[PhraseView, PhraseView, PhraseView, PhraseView]:
        """exact, exceptions, roles, bare names: views on one automaton."""
        with _collector_paused(freeze=self.is_large):
            return self._build_views()

    def _build_views(self) -> tuple[PhraseView, PhraseView, PhraseView, PhraseView]:
        spellings = self.spellings
        exception_owners = [(t, i) for i, e in enumerate(self.entries) if e.exceptions for t in e.exceptions]
        role_owners = [(r, i) for i, e in enumerate(self.entries) if e.roles for r in e.roles]
        bare_phrases = self._bare_phrases()
        texts = [*spellings, *(t for t, _ in exception_owners), *(r for r, _ in role_owners)]
        # folded phrase -> its number, first come first numbered; folding every text costs
        # less than finding the distinct ones first
        keys: dict[str, int] = {}
        numbers = [keys.setdefault(k, len(keys)) for k in fold_all(texts)]
        # a person's bare names are mostly its spellings again, whose numbers are known:
        # only the others (surnames, mostly) are folded and numbered, in the same order
        bare_numbers = list(map(dict(zip(spellings, numbers)).get, bare_phrases))
        if None in bare_numbers:
            unnumbered = [phrase for phrase, number in zip(bare_phrases, bare_numbers) if number is None]
            more = iter([keys.setdefault(k, len(keys)) for k in fold_all(unnumbered)])
            bare_numbers = [next(more) if number is None else number for number in bare_numbers]
        exact = dict(zip(numbers, spellings.values()))  # zip stops at the spellings
        position = iter(numbers[len(spellings):])
        exceptions: dict[int, list[int]] = {}
        for _text, index in exception_owners:
            exceptions.setdefault(next(position), []).append(index)
        roles: dict[int, list[int]] = {}  # by the folded role: "Defence Secretary" = "defence secretary"
        for _role, index in role_owners:
            roles.setdefault(next(position), []).append(index)
        bare: dict[int, Any] = dict(zip(bare_numbers, bare_phrases.items()))
        if len(bare) != len(bare_numbers):  # two bare phrases differ only in case
            bare = {}
            for number, (phrase, index) in zip(bare_numbers, bare_phrases.items()):
                bare.setdefault(number, {})[phrase] = index
        phrases = Phrases(list(keys))
        return (PhraseView(phrases, exact), PhraseView(phrases, exceptions), PhraseView(phrases, roles),
                PhraseView(phrases, bare, exact_case=True))

    @property
    def exact(self) -> PhraseView:
        """Canonicals and variants, case-insensitively: value (entry index, True when a
        variant). Where a canonical and a variant fold to the same text, the canonical wins."""
        return self._views[0]

    @property
    def exceptions(self) -> PhraseView:
        """The ``not`` texts, case-insensitively: value, the entries they belong to."""
        return self._views[1]

    @property
    def roles(self) -> PhraseView:
        """Role phrases, case-insensitively: value, the entries that hold them."""
        return self._views[2]

    @property
    def bare_names(self) -> PhraseView:
        """Names written without "the": persons (full, variant, surname) and the
        organisations marked ``bare``. Case-sensitive: "the Biden", not "the biden"."""
        return self._views[3]

    @cached_property
    def forms(self) -> dict[str, int]:
        """Every canonical, variant and person's surname, casefolded -> entry index."""
        known: dict[str, int] = {}
        for index, family in enumerate(self.family_names):
            if family is not None:
                known.setdefault(family.casefold(), index)
        for index, entry in enumerate(self.entries):
            for variant in entry.variants:
                known[variant.casefold()] = index
        canonicals = "\n".join(e.canonical for e in self.entries).casefold().split("\n")
        if len(canonicals) == len(self.entries):  # else a canonical holds a line break
            known.update(zip(canonicals, range(len(canonicals))))
        else:
            known.update((e.canonical.casefold(), i) for i, e in enumerate(self.entries))
        return known

    @cached_property
    def _listed(self) -> list[str]:
        """Every entry's canonical, then its variants, entry after entry (not cached on
        disk: the indexes built from it are)."""
        entries = self.entries  # (canonical,) + variants, entry after entry, joined in C
        return list(chain.from_iterable(map(add, zip(map(itemgetter(0), entries)), map(itemgetter(2), entries))))

    @cached_property
    def known_words(self) -> frozenset[str]:
        """Every word of every listed spelling, casefolded: a word a table knows is a
        real name, not a garble of another."""
        return frozenset(" ".join(self._listed).casefold().split())  # split from one text at once

    @cached_property
    def role_words(self) -> frozenset[str]:
        return frozenset(" ".join(r for e in self.entries for r in e.roles).casefold().split())

    @cached_property
    def particles(self) -> frozenset[str]:
        """Lowercase words inside names ("von", "der"), which do not end a name run."""
        if not _holds_inner_lower("\n".join(self._listed)):
            return frozenset()  # no text can hold one: one search of every text at once
        return frozenset(
            w for e in self.entries for t in (e.canonical, *e.variants) if _HAS_INNER_LOWER.search(t)
            for w in t.split()[1:-1] if w.islower()
        )

    @cached_property
    def near_index(self) -> NearIndex:
        """Near-miss candidates in a few look-ups per word, whatever the size of the table."""
        with _collector_paused(freeze=self.is_large):
            return self._near_index()

    def _near_index(self) -> NearIndex:
        owners, texts = self._form_texts()
        split = list(map(str.split, texts))
        words = list(chain.from_iterable(split))
        # no first letter is lowercase when every word begins with an ASCII capital (one
        # translation of every text at once), or when every cased one is a capital
        if words and _holds_inner_lower("\n" + "\n".join(texts)) and not "".join([w[0] for w in words]).isupper():
            split = [[w for w in ws if not w[:1].islower()] for ws in split]  # particles are not compared
            words = list(chain.from_iterable(split))
        distinct = list(dict.fromkeys(words))  # given names and surnames recur: fold each once
        skeleton_of = dict(zip(distinct, skeletons(distinct)))
        sizes = list(map(len, split))
        if 0 in sizes or "" in skeleton_of.values():  # a text of lowercase words only, or of no letters
            kept = [n for n, ws in enumerate(split) if ws and skeleton_of[ws[-1]]]
            owners, texts, split = [owners[n] for n in kept], [texts[n] for n in kept], [split[n] for n in kept]
            words, sizes = list(chain.from_iterable(split)), list(map(len, split))
        folded = list(map(skeleton_of.__getitem__, words))
        bounds = list(accumulate(sizes, initial=0))
        by_last: dict[str, list[int]] = {}
        by_given: dict[str, list[int]] = {}
        for number, (end, size) in enumerate(zip(bounds[1:], sizes)):
            by_last.setdefault(folded[end - 1], []).append(number)
            if size >= 2:
                by_given.setdefault(folded[end - 2], []).append(number)
        return NearIndex(_Forms(owners, texts, folded, bounds), by_last, by_given)

    def _form_texts(self) -> tuple[list[int], list[str]]:
        """Each entry's canonical and distinct variants, with the entry's index."""
        entries = self.entries
        owners = list(chain.from_iterable(map(repeat, range(len(entries)), [1 + len(e.variants) for e in entries])))
        texts = self._listed
        # texts all distinct (as nearly always) are distinct within each entry; else a
        # variant may be written twice, or as its canonical: the repeated texts tell
        if len(self.spellings) != len(texts) and _repeats_within(owners, texts):
            pairs = [(index, text) for index, e in enumerate(entries) for text in dict.fromkeys((e.canonical, *e.variants))]
            owners, texts = [index for index, _ in pairs], [text for _, text in pairs]
        return owners, texts

    def same_skeleton(self, word_skeleton: str) -> list[Form]:
        """Forms whose last word's skeleton is ``word_skeleton``."""
        forms, by_last, _by_given = self.near_index
        return [forms[i] for i in by_last.get(word_skeleton, ())]

    def candidates(self, word_skeleton: str, given_skeleton: str | None = None, least: float = 0.0) -> list[Form]:
        """Forms whose last word's skeleton is ``word_skeleton``; and, with
        ``given_skeleton``, the forms of two or more words whose word before the last
        has that skeleton and whose last word's is within two edits (one inserted or
        deleted letter, or one replaced or moved) of ``word_skeleton`` and at least
        ``least`` similar to it. Transliteration garbles a name word by word, and most
        words of a garbled name keep their skeleton: requiring one exact skeleton
        keeps every look-up to two dictionary buckets, whatever the table's size."""
        forms, by_last, by_given = self.near_index
        result = [forms[i] for i in by_last.get(word_skeleton, ())]
        if given_skeleton is None:
            return result
        length = len(word_skeleton)
        bucket = by_given.get(given_skeleton, ())
        if len(bucket) > _SCAN_IN_C:  # a common given name: rapidfuzz scans its surnames
            lasts = self._bucket_lasts.get(given_skeleton)
            if lasts is None:
                lasts = self._bucket_lasts[given_skeleton] = [forms[i].skeletons[-1] for i in bucket]
            close = [bucket[i] for _last, _d, i in
                     rapidfuzz_process.extract(word_skeleton, lasts, scorer=Indel.distance, score_cutoff=2, limit=None)]
        else:
            close = bucket
        for i in close:
            form = forms[i]
            last = form.skeletons[-1]
            if last == word_skeleton or abs(len(last) - length) > 1 or Indel.distance(last, word_skeleton) > 2:
                continue
            if least and similarity(word_skeleton, last) < least:
                continue
            result.append(form)
        return result

    @cached_property
    def _bucket_lasts(self) -> dict[str, list[str]]:
        return {}


# a word after a space that does not start with an ASCII capital: the only texts that
# can hold a lowercase particle (the test itself follows)
_HAS_INNER_LOWER = re.compile(r"\s[^\sA-Z]")
# an ASCII text with each character that pattern's ``\s`` takes a space, each capital
# an "A" and any other an "x": the pattern finds a match where " x" is
_SPACE_CAPITAL_OTHER = bytes(32 if _HAS_INNER_LOWER.match(f"{chr(c)}a") else 65 if 65 <= c <= 90 else 120
                             for c in range(256))


def _holds_inner_lower(text: str) -> bool:
    """Whether ``_HAS_INNER_LOWER`` matches ``text``; for an ASCII text, by one
    translation and a search for a literal instead of trying the pattern at every space."""
    if text.isascii():
        return b" x" in text.encode("ascii").translate(_SPACE_CAPITAL_OTHER)
    return _HAS_INNER_LOWER.search(text) is not None


# ---------------------------------------------------------------------------- reading

_BASIC = r'"(?:[^"\\\n]|\\["\\btnfr]|\\u[0-9A-Fa-f]{4})*"'
_LITERAL = r"'[^'\n]*'"
_STRING = rf"(?:{_BASIC}|{_LITERAL})"
_FAST_HEADER = re.compile(r"^\s*\[\[\s*name\s*\]\]\s*(?:#.*)?$")
_FAST_VALUE = re.compile(
    rf"^\s*([A-Za-z0-9_-]+)\s*=\s*({_STRING}|\[\s*(?:{_STRING}\s*(?:,\s*{_STRING}\s*)*,?\s*)?\]|true|false)\s*(?:#.*)?$"
)
_FAST_ITEM = re.compile(_STRING)
_SPECIAL = re.compile(r'["\\#\n]')


# A line written the way nearly every table writes it (`key = "text"` or
# `key = ["a", "b"]`, with no quote, backslash or line break inside a string) is read
# with str.partition and a few string tests, without the general pattern; its value is
# then exactly what the general path would give.


def _string(token: str) -> str:
    if token[0] == "'" or "\\" not in token:
        return token[1:-1]
    return json.loads(token)


def _fast_toml(text: str) -> list[tuple[dict, int, dict[str, int]]] | None:
    """The common shape of a names table, parsed ~5x faster than tomllib: one
    ``key = value`` a line, single-line arrays of strings. None when the file uses
    anything else (then tomllib reads it)."""
    tables: list[tuple[dict, int, dict[str, int]]] = []
    current: dict | None = None
    key_lines: dict[str, int] = {}  # the current entry's (held in locals: this runs per line)
    for number, line in enumerate(text.splitlines(), 1):
        if not line:
            continue
        key, equals, raw = line.partition(" = ")
        if equals and key in ENTRY_KEYS and current is not None and key not in current and raw:
            # '"text"', in C-level tests instead of a pattern
            if raw[0] == '"' and raw[-1] == '"' and raw.count('"') == 2 and "\\" not in raw and "\n" not in raw:
                current[key] = raw[1:-1]
                key_lines[key] = number
                continue
            if raw == "[]":
                current[key] = []
                key_lines[key] = number
                continue
            # '["a", "b"]': every quote inside is one of the separators it is split at
            if raw[:2] == '["' and raw[-2:] == '"]' and len(raw) > 3:
                inner = raw[2:-2]
                items = inner.split('", "')
                if inner.count('"') == 2 * len(items) - 2 and "\\" not in inner and "\n" not in inner:
                    current[key] = items
                    key_lines[key] = number
                    continue
        if line == "[[name]]":
            current, key_lines = {}, {}
            tables.append((current, number, key_lines))
            continue
        stripped = line.strip()
        if not stripped or stripped[0] == "#":
            continue
        if stripped[0] == "[" and _FAST_HEADER.match(line):
            current, key_lines = {}, {}
            tables.append((current, number, key_lines))
            continue
        if current is None:
            return None
        key, _, raw = stripped.partition("=")
        key, raw = key.rstrip(), raw.lstrip()
        if len(raw) > 1 and raw[0] == '"' == raw[-1] and key in ENTRY_KEYS and not _SPECIAL.search(raw, 1, len(raw) - 1):
            value: Any = raw[1:-1]  # the common case, without the full pattern
        else:
            match = _FAST_VALUE.match(line)
            if match is None:
                return None
            key, raw = match.groups()
            if raw[0] == "[":
                value = [_string(item) for item in _FAST_ITEM.findall(raw)]
            elif raw in ("true", "false"):
                value = raw == "true"
            else:
                value = _string(raw)
        if key in current:
            return None  # a duplicate key: let tomllib report it
        current[key] = value
        key_lines[key] = number
    return tables


def _toml_tables(path: Path, text: str) -> list[tuple[dict, int | None, dict[str, int]]]:
    try:
        fast = _fast_toml(text)
    except ValueError:
        fast = None
    if fast is not None:
        return fast
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+)", str(error))
        raise RuleFileError(path, int(match.group(1)) if match else None, f"invalid TOML: {error}") from None
    for key in data:
        if key != "name":
            raise RuleFileError(path, None, f"unknown top-level key {key!r} (expected [[name]] tables)")
    tables = data.get("name", [])
    if not isinstance(tables, list):
        raise RuleFileError(path, None, "'name' must be an array of tables ([[name]])")
    lines = _Lines(text, "name")
    result = []
    for index, table in enumerate(tables):
        key_lines = {key: lines.key(index, key) or 0 for key in table}
        result.append((table, lines.table(index), key_lines))
    return result


def _csv_tables(path: Path, text: str, problems: list[RuleFileError] | None = None,
                ) -> list[tuple[dict, int | None, dict[str, int]]]:
    """The rows as entries; a row's problem is a RuleFileError, or with ``problems`` is
    put there and the row read on without it (a row with too many cells is left out)."""

    def found(error: RuleFileError) -> None:
        if problems is None:
            raise error
        problems.append(error)

    reader = csv.reader(text.splitlines())
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        return []
    for column in header:
        if column not in ENTRY_KEYS:
            raise RuleFileError(path, 1, f"unknown column {column!r} (known: {', '.join(ENTRY_KEYS)})")
    for column in CSV_REQUIRED:
        if column not in header:
            raise RuleFileError(path, 1, f"missing column {column!r}")
    result = []
    for row in reader:
        number = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            found(RuleFileError(path, number, f"{len(row)} cells, but the header names {len(header)} columns"))
            continue
        table: dict[str, Any] = {}
        for column, cell in zip(header, row):
            cell = cell.strip()
            if ENTRY_KEYS[column] is list:
                table[column] = [item.strip() for item in cell.split("|") if item.strip()]
            elif ENTRY_KEYS[column] is bool:
                if cell:
                    if cell.lower() not in ("true", "false"):
                        found(RuleFileError(path, number, f"{column!r} must be true or false"))
                        continue
                    table[column] = cell.lower() == "true"
            elif cell or column in CSV_REQUIRED:
                table[column] = cell
        result.append((table, number, {key: number for key in table}))
    return result


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise RuleFileError(path, None, f"cannot read: {error}") from None


def read_tables(path: Path, data: bytes | None = None, *, problems: list[RuleFileError] | None = None,
                ) -> list[tuple[dict, int | None, dict[str, int]]]:
    """The raw entries of one table file (or of ``data``, its bytes) with the line of
    each entry and key. With ``problems``, a CSV row's problem (a bad cell, too many
    cells) is put there instead of raised; a file that cannot be parsed still raises."""
    path = Path(path)
    return _tables_of(path, _table_text(path, data), problems)


def _tables_of(path: Path, text: str, problems: list[RuleFileError] | None = None,
               ) -> list[tuple[dict, int | None, dict[str, int]]]:
    if path.suffix.lower() == ".csv":
        return _csv_tables(path, text, problems)
    return _toml_tables(path, text)


def _table_text(path: Path, data: bytes | None) -> str:
    if data is None:
        data = _read_bytes(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise RuleFileError(path, None, f"cannot read: {error}") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")  # as universal newlines read it


# The plainest shape of a table, which a generated one has: nothing but `[[name]]`
# headers, blank lines and `key = "text"`, `key = ["a", "b"]`, `key = []`,
# `key = true` lines, no quote or backslash inside a string, nor a character that
# ends a line for str.splitlines or a NUL. Such a text is, after a few replaces, JSON
# that the json module reads in C: the dicts that ``_fast_toml`` makes line by line.
_PLAIN_TEXT = r'"[^"\\\n\x00\x0b\x0c\x1c-\x1e\x85\u2028\u2029]*+"'
_PLAIN_TABLE = re.compile(  # possessive throughout: each line has one reading, and trying no other is quick
    rf'(?:(?:\[\[name\]\]|(?:{"|".join(ENTRY_KEYS)}) = (?:{_PLAIN_TEXT}|\[(?:{_PLAIN_TEXT}(?:, {_PLAIN_TEXT})*+)?+\]'
    rf'|true|false))?+\n)*+'
)
_HEADER = "\n[[name]]\n"


def _plain_toml(text: str) -> tuple[list[dict], list[int]] | None:
    """``_fast_toml``'s tables and their lines, without the lines of their keys, for a
    text of the plainest shape; None for any other (and for a duplicate key)."""
    text = f"\n{text}" if text.endswith("\n") else f"\n{text}\n"
    if not _PLAIN_TABLE.fullmatch(text, 1):
        return None
    # each header's line: the lines before it, counted in the text between headers
    between = text.split(_HEADER)
    lines = list(accumulate(map(int.__add__, map(str.count, between[1:-1], repeat("\n")), repeat(2)),
                            initial=between[0].count("\n") + 1))
    while "\n\n" in text:
        text = text.replace("\n\n", "\n")
    if not text.startswith(_HEADER):
        return None if text != "\n" else ([], [])
    # no string holds " = " when there are as many as lines with a key
    keyed = text.count("\n") - 1 - len(lines)
    if text.count(" = ") != keyed:
        return None
    body = text[len(_HEADER):].replace(_HEADER, "\x00")  # a header ends the line before it
    body = body[:-1] if body.endswith("\n") else body
    body = body.replace(" = ", '": ').replace("\n", ',"').replace("\x00", '},{"')
    try:
        tables = json.loads(f'[{{"{body}}}]', strict=False)
    except ValueError:  # an entry with no key
        return None
    if len(tables) != len(lines) or sum(map(len, tables)) != keyed:
        return None  # a key given twice: tomllib names it
    return tables, lines


_TYPE_NAMES = {str: "a string", list: "a list of strings", bool: "true or false"}


_ENTRY_KEY_SET = frozenset(ENTRY_KEYS)


_new_entry = tuple.__new__


def _decode_sound(table: dict, path: Path | str, line: int | None) -> NameEntry | None:
    """``decode_entry`` for an entry that passes every check (nearly all), in a few
    C-level steps; None when any check fails, and ``decode_entry`` then names the problem."""
    if not _ENTRY_KEY_SET.issuperset(table):
        return None
    get = table.get
    canonical, kind = get("canonical"), get("kind")
    if type(canonical) is not str or not canonical.strip() or kind not in NAME_KINDS:
        return None
    # str.strip raises TypeError on an item that is not a string
    variants, roles, exceptions = get("variants", ()), get("roles", ()), get("not", ())
    if variants != () and not (type(variants) is list and all(map(str.strip, variants))):
        return None
    if roles != () and not (type(roles) is list and all(map(str.strip, roles))):
        return None
    if exceptions != () and not (type(exceptions) is list and all(map(str.strip, exceptions))):
        return None
    pronoun, surname, bare = get("pronoun"), get("surname"), get("bare")
    for value in (pronoun, surname):
        if value is not None and (type(value) is not str or not value.strip()):
            return None
    if bare is not None and type(bare) is not bool:
        return None
    # tuple.__new__ itself: NameEntry(...) would run the named tuple's __new__ in Python
    return _new_entry(NameEntry, (" ".join(canonical.split()), kind, tuple(variants), tuple(roles), pronoun,
                                  tuple(exceptions), bare, surname, f"{path}:{line}" if line else str(path)))



def decode_entry(table: dict, path: Path | str, line: int | None, key_lines: dict[str, int]) -> NameEntry:
    """One strictly checked entry; RuleFileError on the first problem."""
    try:
        entry = _decode_sound(table, path, line)
    except TypeError:
        entry = None
    if entry is not None:
        return entry
    # only an entry with a problem (or an unusual one) gets here: a sound table's load
    # never pays for the full check
    problems = entry_problems(table, path, line, key_lines)
    if problems:
        raise problems[0]
    return _entry_of(table, path, line)


def entry_problems(table: dict, path: Path | str, line: int | None,
                   key_lines: dict[str, int]) -> list[RuleFileError]:
    """Every problem of one entry, in the order ``decode_entry`` meets them (its first is
    the one a load reports); empty when the entry is sound."""
    problems: list[RuleFileError] = []

    def found(key: str | None, problem: str) -> None:
        problems.append(RuleFileError(path, key_lines.get(key, line) if key else line, problem))

    canonical = table.get("canonical")
    label = f"name {canonical!r}" if isinstance(canonical, str) else "name entry"
    for key, value in table.items():
        expected = ENTRY_KEYS.get(key)
        if expected is None:
            found(key, f"{label}: unknown key {key!r} (known: {', '.join(ENTRY_KEYS)})")
            continue
        if expected is list:
            ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        else:
            ok = isinstance(value, expected)
        if not ok:
            found(key, f"{label}: {key!r} must be {_TYPE_NAMES[expected]}")
            continue  # an emptiness test of a value of the wrong type would say nothing more
        if expected is str and not value.strip():
            found(key, f"{label}: {key!r} is empty")
        if expected is list and any(not v.strip() for v in value):
            found(key, f"{label}: {key!r} has an empty item")
    for key in CSV_REQUIRED:
        if key not in table:
            found(None, f"{label}: missing required key {key!r}")
    kind = table.get("kind")
    if isinstance(kind, str) and kind.strip() and kind not in NAME_KINDS:  # else reported above
        found("kind", f"{label}: kind must be one of {', '.join(NAME_KINDS)}, not {kind!r}")
    return problems


def _entry_of(table: dict, path: Path | str, line: int | None) -> NameEntry | None:
    """The entry of a table's sound fields: all of them for a sound entry; for one with
    a problem, what the checks across entries can still use (``kind`` None when it has
    none), so that its duplicates and conflicts are reported in the same run as its own
    problems. None without a usable canonical."""
    canonical = table.get("canonical")
    if not isinstance(canonical, str) or not canonical.strip():
        return None

    def texts(key: str) -> tuple[str, ...]:
        value = table.get(key, ())
        if not isinstance(value, list):
            return ()
        return tuple(v for v in value if isinstance(v, str) and v.strip())

    def text(key: str) -> str | None:
        value = table.get(key)
        return value if isinstance(value, str) and value.strip() else None

    bare = table.get("bare")
    return NameEntry(
        canonical=" ".join(canonical.split()),
        kind=table["kind"] if table.get("kind") in NAME_KINDS else None,
        variants=texts("variants"),
        roles=texts("roles"),
        pronoun=text("pronoun"),
        exceptions=texts("not"),
        bare=bare if isinstance(bare, bool) else None,
        surname=text("surname"),
        source=f"{path}:{line}" if line else str(path),
    )


def default_table_path() -> Path:
    return default_rules_dir() / "names.toml"


def _max_entries(max_entries: int | None) -> int:
    if max_entries is not None:
        return max_entries
    configured = os.environ.get(MAX_ENTRIES_ENV, "")
    return int(configured) if configured.isdigit() else DEFAULT_MAX_ENTRIES


def load_tables(
    paths: Sequence[Path], include_default: bool = True, *, max_entries: int | None = None
) -> NameTable:
    """The default table merged with ``paths`` (TOML or CSV), later entries winning.

    A large table comes with its indexes from the cache (``cache_dir()``) when its files
    are unchanged since they were last read; otherwise it is read, indexed, and stored
    there for next time."""
    files = ([default_table_path()] if include_default else []) + [Path(p) for p in paths]
    key = tuple((str(p), _stamp(p)) for p in files)
    limit = _max_entries(max_entries)
    cached = _CACHE.get((key, limit))
    if cached is not None:
        return cached
    contents = []
    for path in files:
        if not path.is_file():
            raise RuleFileError(path, None, "names table does not exist")
        contents.append(_read_bytes(path))
    stored = _stored_path(files, contents)
    with _collector_paused():  # a million new objects, none of them garbage
        table = _read_stored(stored, files, limit) if stored else None
        if table is None:
            stored_meanwhile = stored is not None and _store_meanwhile(stored, files, contents, limit)
            table = _build(files, contents, limit)
            if stored and table.is_large and not stored_meanwhile:
                _store(stored, table)
        if table.is_large:
            gc.freeze()
    if len(_CACHE) > 8:
        _CACHE.clear()
    _CACHE[(key, limit)] = table
    return table


@contextmanager
def _collector_paused(*, freeze: bool = False) -> Iterator[None]:
    """The cyclic garbage collector off meanwhile; with ``freeze``, the objects made
    meanwhile (a large table lives as long as the process) are never scanned again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if enabled:
            gc.enable()


def _sound_entries(tables: list[dict], lines: list[int], written: str) -> list[NameEntry] | None:
    """Every table decoded by ``_decode_sound``; None when any one has a problem."""
    try:
        entries = list(map(_decode_sound, tables, repeat(written), lines))
    except TypeError:
        return None
    return None if None in entries else entries


def _build(files: list[Path], contents: list[bytes], limit: int) -> NameTable:
    merged: dict[str, NameEntry] = {}
    counts = []
    for path, data in zip(files, contents):
        written = str(path)  # formatted once, not once an entry
        text = _table_text(path, data)
        plain = None if path.suffix.lower() == ".csv" else _plain_toml(text)
        entries = None
        if plain is not None:
            counts.append(len(plain[0]))
            _check_size(files, counts, limit)
            entries = _sound_entries(*plain, written)
            if entries is None:  # a problem: read again with the lines of the keys, to name it
                counts.pop()
        if entries is None:
            raw = _tables_of(path, text)
            counts.append(len(raw))
            _check_size(files, counts, limit)
            entries = [decode_entry(table, written, line, key_lines) for table, line, key_lines in raw]
        for entry in entries:
            earlier = merged.get(entry.canonical)
            merged[entry.canonical] = earlier.merged(entry) if earlier else entry
    table = NameTable(list(merged.values()))
    table.raw_counts = tuple(counts)
    return table


def _check_size(files: list[Path], counts: list[int], limit: int) -> None:
    if sum(counts) > limit:
        raise RuleFileError(
            files[len(counts) - 1], None,
            f"names tables hold more than {limit:,} entries; raise the limit with "
            f"{MAX_ENTRIES_ENV}=N (or max_entries=) if this is intended",
        )


_CACHE: dict[tuple, NameTable] = {}


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


# ---------------------------------------------------------------------------- the cache on disk
# In the cache folder (``cachefiles``): a file named for the sha256 of the tables'
# bytes, their paths, this package's version and the cache format, checked again
# inside the file. Any problem reading it means building the table afresh.

CACHE_FORMAT = 5  # 5: entries as plain tuples, near-miss forms as flat lists; 4: the automaton stored as its keys; 3: last words keyed between spaces; 2: entries as tuples, automaton of last words, near-miss buckets by given name
CACHE_MIN_ENTRIES = 2_000  # smaller tables are indexed faster than a cache file is read
CACHE_KEEP = 4  # table caches kept; older ones are removed


def _cache_key(files: list[Path], contents: list[bytes]) -> str:
    return file_key(f"{CACHE_FORMAT}|{__version__}|{_automaton_version()}|{sys.version}", files, contents)


def _automaton_version() -> str:
    """The automaton is pickled by pyahocorasick's own code: a new version, a new cache."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pyahocorasick")
    except PackageNotFoundError:
        return ahocorasick.__file__ or "?"


# a TOML entry's header; what else reads like one (in a string, say) only makes the
# count an overestimate, and the cache is then merely looked for
_ENTRY_HEADER = re.compile(rb"^[ \t]*\[\[[ \t]*name[ \t]*\]\]", re.MULTILINE)


def _may_be_large(files: list[Path], contents: list[bytes]) -> bool:
    """Whether the tables may hold ``CACHE_MIN_ENTRIES`` entries together (headers of
    TOML, lines of CSV, counted without reading them): a smaller table is never cached,
    and neither looked for in the cache nor handed to a child to store."""
    found = 0
    for path, data in zip(files, contents):
        found += data.count(b"\n") if path.suffix.lower() == ".csv" else len(_ENTRY_HEADER.findall(data))
    return found >= CACHE_MIN_ENTRIES


def _stored_path(files: list[Path], contents: list[bytes]) -> Path | None:
    if not _may_be_large(files, contents):
        return None
    folder = cache_dir()
    if folder is None:
        return None
    try:
        return folder / f"names-{_cache_key(files, contents)}.pickle"
    except (OSError, RuntimeError):
        return None


def _read_stored(path: Path, files: list[Path], limit: int) -> NameTable | None:
    stored = read_stored(path)
    try:
        if not (isinstance(stored, dict) and stored.get("format") == CACHE_FORMAT
                and stored.get("version") == __version__ and stored.get("key") == path.stem):
            return None
        table = NameTable(list(map(NameEntry._make, stored["entries"])))
        table.__dict__.update(stored["state"])
        counts = list(table.raw_counts)
    except Exception:  # noqa: BLE001 - a damaged or foreign cache file: build afresh
        return None
    for number in range(1, len(counts) + 1):
        _check_size(files, counts[:number], limit)
    return table


_STORING: list[int] = []  # the processes writing a cache file for this one


def _store_meanwhile(path: Path, files: list[Path], contents: list[bytes], limit: int) -> bool:
    """Whether a forked child now builds the table too and stores it (when large), so
    that the first run with a new table does not wait a second or more for its indexes
    to be pickled. The child forks before this process builds anything: neither then
    copies pages the other still uses. False when forking is not safe (a platform
    without it, or other threads, which a child would lose mid-work)."""
    if not (hasattr(os, "fork") and sys.platform.startswith("linux") and threading.active_count() == 1):
        return False
    finished_storing(wait=False)
    try:
        child = os.fork()
    except OSError:
        return False
    if child:
        _STORING.append(child)
        return True
    try:  # the child: it holds no pipe of the parent's open (a reader of the parent's output would wait for it)
        null = os.open(os.devnull, os.O_RDWR)
        for standard in (0, 1, 2):
            os.dup2(null, standard)
        os.closerange(3, null)
        os.closerange(null + 1, 65536)
        table = _build(files, contents, limit)  # a table with a problem: the parent reports it
        if table.is_large:
            _store(path, table)
    finally:
        os._exit(0)


def finished_storing(*, wait: bool = True) -> None:
    """Waits for (or, without ``wait``, reaps those done of) the children writing cache
    files for this process."""
    for child in list(_STORING):
        try:
            done, _status = os.waitpid(child, 0 if wait else os.WNOHANG)
        except ChildProcessError:  # not this process's child (a forked worker inherited the list)
            done = child
        if done:
            _STORING.remove(child)


def _store(path: Path, table: NameTable) -> None:
    """Indexes every part of ``table`` and writes it to ``path``; best effort."""
    state = table.index_all()
    stored = {"format": CACHE_FORMAT, "version": __version__, "key": path.stem,
              "entries": list(map(tuple, table.entries)), "state": state}  # plain tuples pickle faster
    store(path, stored, keep=CACHE_KEEP)


def validate_table(path: Path, *, max_entries: int | None = None) -> list[str]:
    """Every problem of one table file as "file:line: problem" (empty when it is sound).
    Raises RuleFileError when the file cannot be read or parsed at all, or holds more
    entries than the limit."""
    path = Path(path)
    read_problems: list[RuleFileError] = []
    raw = read_tables(path, problems=read_problems)
    _check_size([path], [len(raw)], _max_entries(max_entries))
    # each entry's problems together, in the order of the file (a CSV row's problems
    # found while reading it, with the others of its row)
    per_entry = [(error.line or 0, str(error)) for error in read_problems]
    entries: list[tuple[NameEntry, int | None]] = []
    for table, line, key_lines in raw:
        try:
            entry = _decode_sound(table, path, line)
        except TypeError:
            entry = None
        if entry is None:
            found = entry_problems(table, path, line, key_lines)
            per_entry.extend((line or 0, str(error)) for error in found)
            entry = _entry_of(table, path, line)
        if entry is not None:
            entries.append((entry, line))
    problems = [problem for _, problem in sorted(per_entry, key=itemgetter(0))]

    def report(line: int | None, problem: str) -> None:
        problems.append(f"{path}:{line}: {problem}" if line else f"{path}: {problem}")

    canonicals: dict[str, tuple[NameEntry, int | None]] = {}
    for entry, line in entries:
        folded = entry.canonical.casefold()
        if folded in canonicals:
            report(line, f"duplicate canonical {entry.canonical!r} (first at line {canonicals[folded][1]})")
        else:
            canonicals[folded] = (entry, line)
    variant_owner: dict[str, tuple[NameEntry, int | None]] = {}
    for entry, line in entries:
        for variant in entry.variants:
            folded = variant.casefold()
            if variant == entry.canonical:
                report(line, f"{entry.canonical!r}: variant {variant!r} is the canonical itself")
                continue
            if folded in canonicals and canonicals[folded][0] is not entry:
                report(line, f"{entry.canonical!r}: variant {variant!r} is the canonical of another entry "
                             f"(line {canonicals[folded][1]})")
            owner = variant_owner.get(folded)
            if owner is not None and owner[0] is entry:
                report(line, f"{entry.canonical!r}: variant {variant!r} listed twice")
            elif owner is not None:
                report(line, f"{entry.canonical!r}: variant {variant!r} is also a variant of "
                             f"{owner[0].canonical!r} (line {owner[1]})")
            else:
                variant_owner[folded] = (entry, line)
        for text in entry.exceptions:
            if not any(_contains_words(text, v) for v in entry.variants):
                report(line, f"{entry.canonical!r}: exception {text!r} contains none of its variants")
        for role in entry.roles:
            if role.casefold() in canonicals and canonicals[role.casefold()][0].kind not in ("term", None):
                report(line, f"{entry.canonical!r}: role {role!r} is a name in the table")
        if entry.pronoun is not None and entry.pronoun not in PRONOUNS:
            report(line, f"{entry.canonical!r}: pronoun should be one of {', '.join(PRONOUNS)}")
        if entry.surname is not None and not _contains_words(entry.canonical, entry.surname):
            report(line, f"{entry.canonical!r}: surname {entry.surname!r} is not part of the canonical")
        if entry.roles and entry.kind not in ("person", None):  # None: its kind is reported
            report(line, f"{entry.canonical!r}: only persons hold roles")
        for text in (entry.canonical, *entry.variants, *entry.roles):
            if text != text.strip() or "  " in text:
                report(line, f"{entry.canonical!r}: {text!r} has stray spaces")
    return problems


def _contains_words(text: str, part: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(part.casefold()) + r"(?!\w)", text.casefold()) is not None
