"""Fast paths of the names table's cold load (issue 4) against the ways they replace:
each key's last word by one ``str.rsplit`` in C instead of a slice in a Python loop;
the keys grouped by last word in a dict first, the last words sorted and numbered after
(instead of numbered first and each key looked up again), the groups long enough to be
looked up found without a Python step per group; the bare names' view built without a
set of its numbers first; the listed spellings joined in C.

Keys and tables are random compositions of what each step must get right: keys ending
in a space, keys of one word, spaces in a row, punctuation ("u.s."), letters beyond
ASCII, last words shared by more keys than a hit scans one by one."""

from __future__ import annotations

import random
from typing import Any

import pytest

from cleanup import nametable
from cleanup.nametable import NameEntry, NameTable, Phrases, load_tables

_PIECES = ["a", "b", "u.s.", "lavrov", "minister", "erdoğan", "o'brien", " ", " ", "  ", "-", "x", "σ", "_", "1"]


def _random_keys(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    keys = {"".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 6))) for _ in range(count)}
    return sorted(keys - {""})  # the keys of ``Phrases`` are distinct and never empty


def _groups_as_numbered_first(keys: list[str]) -> list[Any]:
    """``Phrases.groups`` as it was built: last words sorted and numbered first, then
    each key appended to its word's group, then every group looked at."""
    of_key = [key[key.rfind(" ") + 1 :] or key for key in keys]
    suffix_list = sorted(set(of_key))
    grouped: list[list[int]] = [[] for _ in suffix_list]
    for number, group in enumerate(map(dict(zip(suffix_list, range(len(suffix_list)))).__getitem__, of_key)):
        grouped[group].append(number)
    groups: list[Any] = list(map(tuple, grouped))
    for number, group in enumerate(groups):
        if len(group) > nametable._LINEAR_GROUP:
            by_length: dict[int, dict[str, int]] = {}
            for key_number in group:
                by_length.setdefault(len(keys[key_number]), {})[keys[key_number]] = key_number
            groups[number] = by_length
    return groups


@pytest.mark.parametrize("seed", range(6))
def test_last_words_as_sliced(seed):
    keys = _random_keys(400, seed)
    assert any(key.endswith(" ") for key in keys) and any(" " not in key for key in keys)
    assert nametable._last_words(keys) == [key[key.rfind(" ") + 1 :] or key for key in keys]
    plain = [key for key in keys if not key.endswith(" ")]  # the path without the fallback
    assert nametable._last_words(plain) == [key[key.rfind(" ") + 1 :] for key in plain]


def test_last_words_of_edge_keys():
    keys = ["a", "a b", "a b ", " a", "a  b", "a  ", "u.s.", "o'brien x", "erdoğan", "x\ty z"]
    assert nametable._last_words(keys) == ["a", "b", "a b ", "a", "b", "a  ", "u.s.", "x", "erdoğan", "z"]
    assert nametable._last_words([]) == []


@pytest.mark.parametrize("seed", range(6))
def test_groups_as_numbered_first(seed):
    keys = _random_keys(600, seed) + [f"role {n} minister" for n in range(12)]  # one word longer than a scan
    phrases = Phrases(keys)
    assert phrases.groups == _groups_as_numbered_first(keys)
    assert any(type(group) is dict for group in phrases.groups)
    assert any(type(group) is tuple and len(group) > 1 for group in phrases.groups)


def test_a_group_of_exactly_the_scan_length_is_scanned():
    keys = [f"k{n} minister" for n in range(nametable._LINEAR_GROUP)] + ["x"]
    groups = Phrases(keys).groups
    assert groups == _groups_as_numbered_first(keys) and all(type(group) is tuple for group in groups)
    more = keys + ["k9 minister"]
    assert any(type(group) is dict for group in Phrases(more).groups) and \
        Phrases(more).groups == _groups_as_numbered_first(more)


def _bare_as_with_a_set(table: NameTable) -> dict[int, Any]:
    """The bare names' view values as built before: a set of the numbers looked at first."""
    bare_phrases = table._bare_phrases()
    folded = {key: number for number, key in enumerate(table.exact.phrases.keys)}
    numbers = [folded[nametable.fold_case(phrase)] for phrase in bare_phrases]
    if len(set(numbers)) == len(numbers):
        return dict(zip(numbers, bare_phrases.items()))
    bare: dict[int, Any] = {}
    for number, (phrase, index) in zip(numbers, bare_phrases.items()):
        bare.setdefault(number, {})[phrase] = index
    return bare


def _entries(rows: list[tuple]) -> list[NameEntry]:
    return [NameEntry(canonical, kind, tuple(variants), source=f"t:{n}") for n, (canonical, kind, variants) in
            enumerate(rows)]


@pytest.mark.parametrize("rows", [
    [("Jane Doe", "person", ["J. Doe"]), ("John Roe", "person", [])],  # no two bare phrases fold alike
    [("Jane Doe", "person", ["JANE DOE", "jane doe"]), ("Doe", "person", ["DOE"])],  # several fold alike
    [("Recep Erdoğan", "person", ["ERDOĞAN"]), ("Conan O'Brien", "person", ["O'BRIEN", "o'brien"])],
])
def test_bare_view_as_with_a_set(rows):
    table = NameTable(_entries(rows))
    values = table.bare_names.values
    assert values == _bare_as_with_a_set(table)
    expected_kind = dict if any(len({nametable.fold_case(t) for t in (c, *v)}) < 1 + len(v) for c, _k, v in rows) \
        else tuple
    assert any(type(value) is expected_kind for value in values.values())


def test_listed_as_entry_after_entry():
    table = NameTable(_entries([("A B", "person", ["A", "A B"]), ("C", "place", []), ("D", "org", ["d", "D"])]))
    assert table._listed == [text for e in table.entries for text in (e.canonical, *e.variants)]
    assert NameTable([])._listed == []


def test_default_table_indexes_as_numbered_first():
    phrases = load_tables([]).exact.phrases
    assert phrases.groups == _groups_as_numbered_first(phrases.keys)
