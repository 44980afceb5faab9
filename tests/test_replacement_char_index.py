"""Rules that derive something from the names table derive it once per table.

encoding.replacement-char repairs a damaged word from an index of the names table's
words (by beginning, ending or length). These tests hold its repairs equal to the
first implementation's, which tried every word of the table with the word's pattern,
on the default table and on a large generated one."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import regex

from cleanup.api import load_rules
from cleanup.kinds import grammar, replacement_char
from cleanup.kinds.base import Context, per_table
from cleanup.nametable import load_tables

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from names import write_table  # noqa: E402

RULE = next(r for r in load_rules().rules if r.id == "encoding.replacement-char")


def every_word_repair(word: str, words: dict[str, set[int]], canonical: set[str], max_lost: int) -> str | None:
    """The first implementation: the word's pattern against every word of the table."""
    parts = regex.split(r"(\ufffd+)", word)
    pattern = regex.compile("".join(
        f"[\\p{{L}}\\p{{M}}]{{1,{max_lost * len(part)}}}" if part.startswith("\ufffd") else regex.escape(part)
        for part in parts
    ))  # compiled once: the same matches as regex.fullmatch(pattern, w) for each w
    fits = [w for w in words if pattern.fullmatch(w)]
    entries = set().union(*(words[w] for w in fits)) if fits else set()
    if len(entries) != 1:
        return None
    if len(fits) > 1:
        fits = [w for w in fits if w in canonical]
    return fits[0] if len(fits) == 1 else None


def damaged_words(words: list[str], rng: random.Random, count: int) -> list[str]:
    damaged = ["\ufffd", "\ufffd\ufffd", "\ufffd-\ufffd", "Xq\ufffdzz", "\ufffdzzq"]
    for word in rng.sample(words, min(count, len(words))):
        start = rng.randrange(len(word))
        length = rng.choice((1, 1, 2, 3))
        damaged.append(word[:start] + "\ufffd" * rng.choice((1, 2)) + word[start + length :])
        if len(word) > 3:  # two damaged places, and the whole word but one letter
            damaged.append(word[0] + "\ufffd" + word[2:-2] + "\ufffd" + word[-1])
            damaged.append("\ufffd" + word[-1])
    return damaged


def assert_same_repairs(names, damaged: list[str]) -> None:
    index = replacement_char.NameWords(names)
    words, canonical = replacement_char.name_words(names), replacement_char.canonical_words(names)
    repaired = 0
    for word in damaged:
        expected = every_word_repair(word, words, canonical, RULE.params["max_lost"])
        assert RULE._repair(word, index) == expected, word
        repaired += expected is not None
    assert repaired > len(damaged) // 10  # the cases include repairs, not only refusals


def test_index_repairs_as_every_word_did_on_the_default_table():
    names = load_tables([])
    words = sorted(replacement_char.name_words(names))
    assert_same_repairs(names, damaged_words(words, random.Random(5), 150))


def test_index_repairs_as_every_word_did_on_a_large_table(tmp_path):
    path = tmp_path / "large.toml"
    write_table(path, 1500)
    names = load_tables([path], include_default=False)
    words = sorted(replacement_char.name_words(names))
    assert_same_repairs(names, damaged_words(words, random.Random(6), 150))


def test_the_index_is_built_once_per_table():
    names = load_tables([])
    ctx = Context(names_loader=lambda: names)
    assert RULE._names(ctx) is RULE._names(ctx)


def test_per_table_builds_once_for_each_table_in_turn():
    built = []
    words = per_table(lambda table: built.append(table) or len(built))
    first, second = object(), object()
    assert [words(first), words(first), words(second), words(second), words(first)] == [1, 1, 2, 2, 3]
    assert built == [first, second, first]


def test_grammar_name_words_are_derived_once_per_table():
    names = load_tables([])
    ctx = Context(names_loader=lambda: names)
    words = grammar.name_words(ctx)
    assert "lavrov" in words and grammar.name_words(ctx) is words
