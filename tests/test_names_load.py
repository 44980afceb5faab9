"""The fast paths of reading and indexing a names table give exactly what the general
paths give: plain lines vs tomllib, sound entries vs the full check, the automaton of
last words vs one of whole phrases, near-miss buckets vs a scan, shared runs vs fresh."""

from __future__ import annotations

import random
import tomllib
from pathlib import Path

import pytest

from cleanup import namematch
from cleanup.namematch import name_runs, similarity
from cleanup.nametable import (
    _MARKED_WORDS,
    Form,
    NameEntry,
    NameTable,
    Phrases,
    RuleFileError,
    _decode_sound,
    _fast_toml,
    decode_entry,
    default_table_path,
    load_tables,
)
from cleanup.phrasematch import fold_case

ODD_TABLE = """# a comment
[[name]]
canonical = "Jean-Yves Le Drian"   # trailing comment
kind = "person"
variants = ["Jean Yves Le Drian", 'Le Drian']
roles = [ "French Foreign Minister" ]
surname = "Le Drian"

  [[name]]
canonical = "Say \\"Hi\\" Inc"
kind = "org"
not = []
bare = true
variants = ["Hash # Inside"]
"""


def test_plain_lines_read_as_tomllib_reads_them():
    for text in (default_table_path().read_text(encoding="utf-8"), ODD_TABLE):
        fast = _fast_toml(text)
        assert fast is not None
        assert [table for table, _line, _keys in fast] == tomllib.loads(text)["name"]
    assert _fast_toml('[[name]]\ncanonical = "a"\ncanonical = "b"\n') is None  # tomllib reports it


def test_quoted_values_of_any_shape_read_as_tomllib_reads_them_or_go_to_it():
    rng = random.Random(11)
    for _ in range(5000):
        value = "".join(rng.choice(['a', '"', "\\", "#", " ", "'", "n", "u", "0", ",", "[", "]"]) for _ in range(rng.randint(0, 8)))
        for line in (f'canonical = "{value}"', f'variants = ["{value}"]', f'variants = ["x", "{value}"]'):
            text = f'[[name]]\n{line}\nkind = "person"\n'
            try:
                expected = tomllib.loads(text)["name"]
            except tomllib.TOMLDecodeError:
                expected = None
            try:
                fast = _fast_toml(text)
            except ValueError:
                fast = None
            if fast is not None:
                assert [table for table, _line, _keys in fast] == expected, line


@pytest.mark.parametrize("table", [
    {"canonical": "A B", "kind": "person", "variants": ["A  B", 3]},
    {"canonical": "A B", "kind": "person", "variants": [" "]},
    {"canonical": "A B", "kind": "person", "roles": "Minister"},
    {"canonical": "A B", "kind": "planet"},
    {"canonical": " ", "kind": "person"},
    {"canonical": "A B", "kind": "person", "bare": "yes"},
    {"canonical": "A B", "kind": "person", "pronoun": ""},
    {"canonical": "A B", "kind": "person", "nickname": "Ab"},
    {"kind": "person"},
])
def test_an_unsound_entry_goes_to_the_full_check(table):
    try:
        assert _decode_sound(table, Path("t.toml"), 2) is None
    except TypeError:
        pass  # decode_entry treats it the same way
    with pytest.raises(RuleFileError):
        decode_entry(table, Path("t.toml"), 2, {})


def test_sound_entries_decode_as_the_full_check_does():
    from cleanup import nametable

    for table, line, key_lines in nametable.read_tables(default_table_path()):
        quick = _decode_sound(table, Path("names.toml"), line)
        assert quick is not None
        original = nametable._decode_sound
        try:  # the full check alone
            nametable._decode_sound = lambda *_args: None
            assert decode_entry(table, Path("names.toml"), line, key_lines) == quick
        finally:
            nametable._decode_sound = original


def test_phrases_sharing_a_last_word_are_found_as_whole_phrases_are():
    rng = random.Random(3)
    words = ["council", "minister", "bank", "of", "state", "kyiv", "a", "foreign", "north", "x."]
    keys = sorted({" ".join(rng.choice(words) for _ in range(rng.randint(1, 4))) for _ in range(400)})
    keys += ["'s-hertogenbosch", "-minus", "bank "]
    phrases = Phrases(keys)
    assert any(type(group) is dict for group in phrases.groups)  # the looked-up kind is exercised
    for _ in range(200):
        text = " ".join(rng.choice(words + ["Council", "BANK", "councils", "xbank", "-"]) for _ in range(30))
        ours = sorted((s, e, keys[n]) for s, e, n in phrases.hits(text))
        reference = sorted({(s, e, fold_case(text[s:e])) for s, e in _all_whole_word(text, keys)})
        assert ours == reference


def test_last_words_beyond_plain_ascii_are_found_as_spelled():
    """Last words are keyed with every character but ASCII [a-z0-9_] a space; keys that
    then collide ("u.s." and "u-s-"), and texts whose letters beyond ASCII became spaces
    ("Lavrovä", "ßlavrov"), must still give exactly the whole-word hits."""
    rng = random.Random(5)
    words = ["lavrov", "u.s.", "u-s-", "erdoğan", "o'brien", "σεργκέι", "straße", "x_y", "déjà", "naïve", "a"]
    keys = sorted({" ".join(rng.choice(words) for _ in range(rng.randint(1, 3))) for _ in range(300)})
    keys += ["'s", "bank ", "-", "lavrov-", "--x"]
    extra = ["Lavrovä", "ßlavrov", "«Lavrov»", "Erdoğanı", "U.S.A.", "O’Brien", "“u-s-”", "ΣΕΡΓΚΈΙ", "Straße", "x_yz", "\n"]
    for more in ([], ["x\x01y"]):  # a last word holding the builder's own marker takes the slow path
        phrases = Phrases(keys + more)
        assert phrases.shared and phrases.irregular  # both kinds of key are exercised
        for _ in range(150):
            text = rng.choice([" ", "", "-"]).join(rng.choice(words + extra + more + ["-", "bank", ","]) for _ in range(25))
            ours = sorted((s, e, (keys + more)[n]) for s, e, n in phrases.hits(text))
            reference = sorted({(s, e, fold_case(text[s:e])) for s, e in _all_whole_word(text, keys + more)})
            assert ours == reference, text


def test_the_marked_text_of_last_words_keeps_its_line_breaks():
    """The keys of all last words are made from one text of them, a word a line: the
    line breaks must stay (else every table takes the slow path, word by word)."""
    assert "o'brien\nu.s.\nlavrov".encode().translate(_MARKED_WORDS) == b"o\x01brien\nu\x01s\x01\nlavrov"


def test_near_miss_forms_made_on_demand_are_those_made_at_once():
    """Each entry's canonical and distinct variants, particles and letterless words
    left out, as the index once built them all up front."""
    entries = [
        NameEntry("Ursula von der Leyen", "person", ("Ursula Von der Leyen", "von der Leyen")),
        NameEntry("Jen Psaki", "person", ("Jen Psaki", "Psaki", "Psaki")),  # written twice, and as the canonical
        NameEntry("Kyiv", "place", ("Kiev", "kiev", "123")),
        NameEntry("Jean-Yves Le Drian", "person", ("Le Drian",)),
        NameEntry("Kiev", "term"),
    ]
    table = NameTable(entries)
    expected = []
    for index, entry in enumerate(entries):
        for text in dict.fromkeys((entry.canonical, *entry.variants)):
            parts = tuple(namematch.skeleton(w) for w in text.split() if not w[:1].islower())
            if parts and parts[-1]:
                expected.append(Form(index, text, parts))
    forms = table.near_index.forms
    assert list(forms) == expected and len(forms) == len(expected)
    assert forms[-1] == expected[-1] and forms[0] is forms[0]
    with pytest.raises(IndexError):
        forms[len(expected)]
    across = NameTable([NameEntry("Kyiv", "place", ("Kiev",)), NameEntry("Kiev", "term", ("Kyiv",))])
    assert [(f.entry, f.text) for f in across.near_index.forms] == [(0, "Kyiv"), (0, "Kiev"), (1, "Kiev"), (1, "Kyiv")]


def _all_whole_word(text: str, keys: list[str]) -> list[tuple[int, int]]:
    from cleanup.phrasematch import is_word_char

    folded = fold_case(text)
    found = []
    for key in keys:
        start = folded.find(key)
        while start != -1:
            end = start + len(key)
            if not (is_word_char(key[0]) and start > 0 and is_word_char(text[start - 1])) and not (
                is_word_char(key[-1]) and end < len(text) and is_word_char(text[end])
            ):
                found.append((start, end))
            start = folded.find(key, start + 1)
    return found


def _neighbours(a: str, b: str) -> bool:
    """The old index's test: some string one deletion (or none) from each is the same."""
    def deletes(word: str) -> set[str]:
        return {word} | {word[:i] + word[i + 1:] for i in range(len(word))}
    return bool(deletes(a) & deletes(b))


def test_near_miss_candidates_are_those_of_a_scan(tmp_path):
    rng = random.Random(8)
    letters = "abdeiklmnorstuv"
    rows = set()
    while len(rows) < 800:
        given = "".join(rng.choice(letters) for _ in range(rng.randint(3, 6))).capitalize()
        family = "".join(rng.choice(letters) for _ in range(rng.randint(4, 14))).capitalize()
        rows.add(f"{rng.choice(['Ana', 'Boris', given])} {family}")
    path = tmp_path / "many.csv"
    path.write_text("canonical,kind\n" + "".join(f"{r},person\n" for r in sorted(rows)), encoding="utf-8")
    table = load_tables([path], include_default=False)
    forms = table.near_index.forms
    for form in rng.sample(forms, 150):
        for word in (form.skeletons[-1], form.skeletons[-1][:-1], form.skeletons[-1] + "a",
                     "b" + form.skeletons[-1][1:], "b" + form.skeletons[-1][1:-1]):
            given = form.skeletons[-2]
            expected = {
                f.text for f in forms
                if f.skeletons[-1] == word
                or (len(f.skeletons) >= 2 and f.skeletons[-2] == given and _neighbours(word, f.skeletons[-1])
                    and similarity(word, f.skeletons[-1]) >= 0.85)
            }
            assert {f.text for f in table.candidates(word, given, 0.85)} == expected


def test_runs_are_shared_only_for_the_same_text_and_particles():
    text = "Ursula von der Leyen met Olaf Scholz. Ursula von der Leyen left."
    with_particles = name_runs(text, frozenset({"von", "der"}))
    without = name_runs(text)
    assert [[t.text for t in run] for run in with_particles][0] == ["Ursula", "Leyen"]
    assert [[t.text for t in run] for run in without][0] == ["Ursula"]
    assert name_runs(text, frozenset({"von", "der"})) is with_particles
    other = text.replace("Olaf", "Karl")
    assert ["Karl", "Scholz"] in [[t.text for t in run] for run in name_runs(other)]
    namematch._RUNS.clear()
    namematch._TOKENS.clear()
    assert [[t for t in r] for r in name_runs(text)] == [[t for t in r] for r in without]


def test_an_empty_table_still_indexes():
    table = NameTable([])
    assert list(table.exact.finditer("Kyiv")) == []
    assert table.candidates("kiiv", "x") == []
