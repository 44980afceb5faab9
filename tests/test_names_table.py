"""The canonical-names table: loading, merging, strict decoding, validation, indexes."""

from __future__ import annotations

import tomllib

import pytest

from cleanup.kinds.base import Context
from cleanup.nametable import (
    NAME_KINDS,
    _fast_toml,
    default_table_path,
    load_tables,
    read_tables,
    validate_table,
)
from cleanup.ruleset import RuleFileError


def test_default_table_is_large_valid_and_fast_parsed():
    table = load_tables([])
    assert len(table) >= 80
    assert validate_table(default_table_path()) == []
    assert {e.kind for e in table.entries} <= set(NAME_KINDS)
    text = default_table_path().read_text(encoding="utf-8")
    fast = _fast_toml(text)
    assert fast is not None, "the default table should stay in the fast-parsed shape"
    assert [t for t, _, _ in fast] == tomllib.loads(text)["name"]


def test_seed_people_and_places_are_in_the_table():
    table = load_tables([])
    for name in ("Jen Psaki", "Sergey Lavrov", "Volodymyr Zelenskyy", "Antony Blinken", "Kyiv",
                 "Joint Base Andrews", "Jens Stoltenberg", "Olaf Scholz", "NATO"):
        assert name in table.by_canonical, name
    lavrov = table.by_canonical["Sergey Lavrov"]
    assert "Sergei Lavrov" in lavrov.variants and "Russian Foreign Minister" in lavrov.roles
    assert "chicken Kiev" in table.by_canonical["Kyiv"].exceptions


def test_fast_parser_agrees_with_tomllib_on_tricky_strings(tmp_path):
    text = (
        '[[name]]  # a comment\ncanonical = "A \\"quoted\\" \\u00e9 name"\nkind = \'person\'\n'
        'variants = ["x", \'y\',]\nbare = false\n\n[[name]]\ncanonical = "B"\nkind = "org"\nroles = []\n'
    )
    assert [t for t, _, _ in _fast_toml(text)] == tomllib.loads(text)["name"]
    multi = '[[name]]\ncanonical = "C"\nkind = "place"\nvariants = [\n  "D",\n]\n'
    assert _fast_toml(multi) is None  # falls back to tomllib
    path = tmp_path / "multi.toml"
    path.write_text(multi, encoding="utf-8")
    assert load_tables([path], include_default=False).entries[0].variants == ("D",)


def test_user_tables_merge_over_the_default(tmp_path):
    toml = tmp_path / "extra.toml"
    toml.write_text('[[name]]\ncanonical = "Sergey Lavrov"\nkind = "person"\nvariants = ["Sergej Lawrow"]\n'
                    '[[name]]\ncanonical = "Oksana Markarova"\nkind = "person"\nroles = ["Ukrainian Ambassador to the US"]\n',
                    encoding="utf-8")
    csv = tmp_path / "extra.csv"
    csv.write_text('canonical,kind,variants,roles,not\n'
                   'Kyiv,place,Kiew|Kijow,,\n'
                   'Oleksandr Kubrakov,person,Alexander Kubrakov,Ukrainian Infrastructure Minister,\n',
                   encoding="utf-8")
    table = load_tables([toml, csv])
    lavrov = table.by_canonical["Sergey Lavrov"]
    assert lavrov.variants[:1] == ("Sergei Lavrov",) and "Sergej Lawrow" in lavrov.variants
    assert "Russian Foreign Minister" in lavrov.roles  # extended, not replaced
    assert set(table.by_canonical["Kyiv"].variants) >= {"Kiev", "Kiew", "Kijow"}
    assert table.by_canonical["Oleksandr Kubrakov"].roles == ("Ukrainian Infrastructure Minister",)
    assert "Oksana Markarova" in table.by_canonical
    assert len(load_tables([toml], include_default=False)) == 2


@pytest.mark.parametrize(
    "body,line,words",
    [
        ('[[name]]\ncanonical = "A"\nkind = "person"\nvariant = ["B"]\n', 4, "unknown key 'variant'"),
        ('[[name]]\ncanonical = "A"\nkind = "person"\nroles = "B"\n', 4, "'roles' must be a list"),
        ('[[name]]\ncanonical = "A"\nkind = "city"\n', 3, "kind must be one of"),
        ('[[name]]\nkind = "person"\n', 1, "missing required key 'canonical'"),
        ('[[name]]\ncanonical = "  "\nkind = "person"\n', 2, "'canonical' is empty"),
        ('[[name]]\ncanonical = "A"\nkind = "person"\nvariants = [\n "B", 3,\n]\n', 4, "must be a list"),
        ('title = "x"\n', None, "unknown top-level key"),
        ('[[name]\ncanonical = "A"\n', 1, "invalid TOML"),
    ],
)
def test_strict_decoding_names_file_and_line(tmp_path, body, line, words):
    path = tmp_path / "bad.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        load_tables([path], include_default=False)
    assert words in str(caught.value)
    assert caught.value.path == str(path) and caught.value.line == line


def test_csv_errors(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("canonical,kind,colour\nA,person,red\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match="unknown column 'colour'"):
        load_tables([path], include_default=False)
    path.write_text("canonical,kind\nA,person\nB,planet\n", encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        load_tables([path], include_default=False)
    assert caught.value.line == 3


def test_size_limit_is_refused_clearly(tmp_path):
    path = tmp_path / "big.csv"
    path.write_text("canonical,kind\n" + "".join(f"Person {i},person\n" for i in range(30)), encoding="utf-8")
    with pytest.raises(RuleFileError, match="more than 20 entries"):
        load_tables([path], include_default=False, max_entries=20)
    assert len(load_tables([path], include_default=False, max_entries=30)) == 30


def test_validate_reports_every_problem_with_its_line(tmp_path):
    path = tmp_path / "table.toml"
    path.write_text(
        '[[name]]\ncanonical = "Kyiv"\nkind = "place"\nvariants = ["Kiev", "Kyiv"]\nnot = ["chicken cake"]\n'
        '[[name]]\ncanonical = "Kiev"\nkind = "place"\n'
        '[[name]]\ncanonical = "Kyiv"\nkind = "place"\n'
        '[[name]]\ncanonical = "Odesa"\nkind = "place"\nvariants = ["Kiev"]\nroles = ["Mayor"]\n'
        '[[name]]\ncanonical = "X"\nkind = "person"\npronoun = "it"\nsurname = "Y"\ncolour = "red"\n'
        '[[name]]\ncanonical = "Z Y"\nkind = "person"\npronoun = "xe"\nsurname = "Q"\n',
        encoding="utf-8",
    )
    problems = validate_table(path)
    text = "\n".join(problems)
    assert all(p.startswith(f"{path}:") for p in problems)
    assert f"{path}:1: 'Kyiv': variant 'Kyiv' is the canonical itself" in problems
    assert "variant 'Kiev' is the canonical of another entry (line 6)" in text
    assert f"{path}:9: duplicate canonical 'Kyiv' (first at line 1)" in problems
    assert "variant 'Kiev' is also a variant of 'Kyiv' (line 1)" in text
    assert "exception 'chicken cake' contains none of its variants" in text
    assert "only persons hold roles" in text
    assert "unknown key 'colour'" in text
    assert "pronoun should be one of" in text and "surname 'Q' is not part of the canonical" in text
    assert validate_table(default_table_path()) == []


def test_unreadable_table_raises(tmp_path):
    with pytest.raises(RuleFileError, match="cannot read"):
        validate_table(tmp_path / "missing.toml")
    with pytest.raises(RuleFileError, match="does not exist"):
        load_tables([tmp_path / "missing.toml"])


def test_context_reads_the_table_once_and_indexes_are_cached(tmp_path):
    path = tmp_path / "extra.csv"
    path.write_text("canonical,kind,variants\nOksana Markarova,person,Oksana Markarowa\n", encoding="utf-8")
    ctx = Context(names_paths=(path,))
    assert ctx.names is ctx.names
    assert "Oksana Markarova" in ctx.names.by_canonical
    assert ctx.names.exact is ctx.names.exact and ctx.names.near_index is ctx.names.near_index


def test_near_miss_candidates_come_from_the_index_not_a_scan(tmp_path):
    rows = "".join(f"Name{i:05d}a Family{i:05d}b,person\n" for i in range(3000))
    path = tmp_path / "many.csv"
    path.write_text("canonical,kind\n" + rows + "Volodymyr Zelenskyy,person\n", encoding="utf-8")
    table = load_tables([path], include_default=False)
    found = table.candidates("zelenski")
    assert [f.text for f in found] == ["Volodymyr Zelenskyy"]
    assert len(table.candidates("xqzzzz")) == 0


def test_read_tables_reports_lines():
    raw = read_tables(default_table_path())
    table, line, key_lines = raw[0]
    assert line is not None and key_lines["canonical"] == line + 1
