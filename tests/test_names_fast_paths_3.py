"""Fast paths of the names table's cold load (issue 8) against the ways they replace:
the skeletons' gaps and doubled letters by string replaces instead of patterns; a table
of the plainest shape read as JSON instead of line by line (its problems named as before);
the test for a lowercase word inside a name by a translation instead of a pattern, and
the near-miss index's test for words beginning in lowercase by the same translation; the
automaton keys' edges (word character or not) by a translation too; the bare names with
the entries' fields unpacked instead of read by name; the automaton's keys added from C.

Texts are random compositions of what each step must get right."""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import pytest

from cleanup import namematch, nametable
from cleanup.nametable import RuleFileError, _fast_toml, _plain_toml, load_tables

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


_VALUES = ['"Ann Lee"', '"person"', '""', '"a = b"', '"x, y"', '"[[name]]"', '"Erdoğan"', '"tab\there"', '"q\\"x"',
           "'lit'", '["A", "B"]', '[]', '[""]', '["a = b", "c"]', '["x",]', '[ "x" ]', "true", "false", "3",
           '"line\u2028sep"', '"nul\x00"', '"ctl\x01"', '"mid" # c', '{a = 1}']
_KEYS = ["canonical", "kind", "variants", "roles", "pronoun", "not", "bare", "surname", "nickname"]


def _random_table(rng: random.Random) -> str:
    lines = []
    for _ in range(rng.randint(0, 12)):
        roll = rng.random()
        if roll < 0.25:
            lines.append(rng.choice(["[[name]]"] * 8 + ["[[ name ]]", "  [[name]]", "[[name]] # x"]))
        elif roll < 0.35:
            lines.append(rng.choice(["", "", " ", "# comment"]))
        else:
            lines.append(f"{rng.choice(_KEYS)} = {rng.choice(_VALUES)}" if rng.random() < 0.95
                         else f"{rng.choice(_KEYS)}={rng.choice(_VALUES)}")
    return "\n".join(lines) + rng.choice(["\n", "", "\n\n"])


def test_plain_tables_read_as_line_by_line():
    rng = random.Random(8)
    read = 0
    for _ in range(20000):
        text = _random_table(rng)
        plain = _plain_toml(text)
        if plain is None:
            continue
        read += 1
        fast = _fast_toml(text)
        assert fast is not None, text
        assert plain == ([table for table, _line, _keys in fast], [line for _table, line, _keys in fast]), text
    assert read > 1000  # the plain shape is read, not only turned away


def test_generated_table_is_read_as_json(tmp_path):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from names import write_table

    path = tmp_path / "large.toml"
    write_table(path, 3000)
    text = path.read_text(encoding="utf-8")
    plain = _plain_toml(text)
    assert plain is not None
    fast = _fast_toml(text)
    assert plain == ([table for table, _line, _keys in fast], [line for _table, line, _keys in fast])


@pytest.mark.parametrize("text, where", [
    ('[[name]]\ncanonical = "A"\nkind = "person"\n\n[[name]]\ncanonical = "B"\nkind = "planet"\n', ":7:"),
    ('[[name]]\ncanonical = "A"\nkind = "person"\nbare = "yes"\n', ":4:"),
    ('[[name]]\ncanonical = "A"\nkind = "person"\nvariants = [""]\n', ":4:"),
    ('[[name]]\nkind = "person"\n', ":1:"),
])
def test_problems_of_a_plain_table_are_named_as_before(tmp_path, monkeypatch, text, where):
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    assert _plain_toml(text) is not None
    messages = []
    for plain in (_plain_toml, lambda _text: None):  # read as JSON, and line by line as before
        monkeypatch.setattr(nametable, "_plain_toml", plain)
        nametable._CACHE.clear()
        with pytest.raises(RuleFileError) as error:
            load_tables([path], include_default=False)
        messages.append(str(error.value))
    assert messages[0] == messages[1] and where in messages[0]


def test_inner_lower_found_as_the_pattern_finds_it():
    rng = random.Random(4)
    pieces = [" ", "\n", "\t", "\x0b", "\x1c", "\x1f", "\x7f", "A", "Z", "a", "z", "1", ".", "'", "-", "x", "É", "é",
              "\u00a0", "\u2028", "von", "Der"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        assert nametable._holds_inner_lower(text) == (nametable._HAS_INNER_LOWER.search(text) is not None), repr(text)
    assert all(nametable._holds_inner_lower(f"A{chr(c)}b") for c in range(128) if chr(c).isspace())


_NEAR_TABLE = """canonical,kind,variants
Ursula von der Leyen,person,Ursula Von der Leyen|U. von der Leyen
de la Cruz,person,De La Cruz|dela Cruz
Ñandú Pérez,person,Nandu Perez|ñandu Pérez
İstanbul,place,Istanbul|istanbul
e-mail,term,email|E-Mail
3M,org,3 M|'t Hooft
Jane Doe,person,J. Doe|Jane Doh
"""


@pytest.mark.parametrize("rows", [_NEAR_TABLE, "canonical,kind,variants\nJane Doe,person,J. Doe|Jane Doh\n",
                                  "canonical,kind,variants\nJane Doe,person,J. Doe|jane doh\n"])
def test_near_index_as_with_every_first_letter_looked_at(tmp_path, monkeypatch, rows):
    path = tmp_path / "near.csv"
    path.write_text(rows, encoding="utf-8")
    indexes = []
    for holds in (nametable._holds_inner_lower, lambda _text: True):  # True: every first letter looked at
        monkeypatch.setattr(nametable, "_holds_inner_lower", holds)
        nametable._CACHE.clear()
        near = load_tables([path], include_default=False).near_index
        indexes.append(([tuple(form) for form in near.forms], near.by_last, near.by_given))
    assert indexes[0] == indexes[1]


def _edges_by_pattern(keys):
    edges = bytearray(b"\x03") * len(keys)
    for bit, chars in ((1, "".join([k[0] for k in keys])), (2, "".join([k[-1] for k in keys]))):
        for match in re.finditer(r"\W", chars):
            edges[match.start()] &= ~bit
    return bytes(edges)


def test_edges_as_by_pattern():
    rng = random.Random(6)
    pieces = ["a", "Z", "0", "_", " ", ".", "'", "-", "\x7f", "\x00", "é", "ß", "\u00a0", "٣", "x y", "u.s."]
    for _ in range(300):
        keys = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(0, 30))]
        ascii_keys = [key for key in keys if key.isascii()]
        assert nametable._edges(keys) == _edges_by_pattern(keys)
        assert nametable._edges(ascii_keys) == _edges_by_pattern(ascii_keys)
    every = [chr(c) for c in range(128)]
    assert nametable._edges(every) == _edges_by_pattern(every)


def test_bare_phrases_as_read_by_name(tmp_path):
    path = tmp_path / "bare.csv"
    path.write_text("canonical,kind,variants,bare,surname\nJane Doe,person,J. Doe,,\nJohn Roe,person,J. Roe,false,\n"
                    "NATO,org,Nato,true,\nEU,org,E.U.,,\nMark Twain,person,,true,Twain\nKyiv,place,Kiev,true,\n"
                    "Ann Lee Park,person,A. Park,,Lee Park\nDoe,term,,,\n", encoding="utf-8")
    table = load_tables([path], include_default=False)
    expected: dict[str, int] = {}
    for index, entry in enumerate(table.entries):
        if entry.takes_no_article:
            expected.update(dict.fromkeys((entry.canonical, *entry.variants), index))
            family = table.family_names[index]
            if family is not None and family not in expected:
                expected[family] = index
    assert table._bare_phrases() == expected and list(table._bare_phrases()) == list(expected)


def test_automaton_as_added_key_by_key():
    import pickle

    import ahocorasick

    table = load_tables([])
    phrases = table.exact.phrases
    items = list(phrases.automaton.items())
    by_loop = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    for key, value in sorted(items):
        by_loop.add_word(key, value)
    by_loop.make_automaton()
    assert sorted(nametable._automaton(sorted(items)).items()) == sorted(by_loop.items()) and len(items) > 100
    assert len(nametable._automaton([])) == 0
    again = pickle.loads(pickle.dumps(phrases))
    text = " ".join(entry.canonical for entry in table.entries)
    assert sorted(again.automaton.items()) == sorted(items) and again.hits(text) == phrases.hits(text) != []
