"""`cleanup names check` lists every problem of every entry at once, as a linter does
(each "file:line: problem", naming the key), while loading a table for a run stays
strict: its first problem is the error."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleanup.nametable import load_tables
from cleanup.ruleset import RuleFileError

KNOWN = "(known: canonical, kind, variants, roles, pronoun, not, bare, surname)"

# line 1 opens an entry with three problems of its own: an unknown key, an empty
# variant and a field of the wrong type; two more entries have one each, and the last
# repeats the first one's canonical
TOML = (
    '[[name]]\n'                                  # 1
    'canonical = "Sergey Lavrov"\n'               # 2
    'kind = "person"\n'                           # 3
    'colour = "red"\n'                            # 4
    'variants = ["Sergei Lavrov", ""]\n'          # 5
    'bare = "yes"\n'                              # 6
    '\n'
    '[[name]]\n'                                  # 8
    'canonical = "Kyiv"\n'                        # 9
    'kind = "planet"\n'                           # 10
    '\n'
    '[[name]]\n'                                  # 12
    'canonical = "Jen Psaki"\n'                   # 13
    'kind = "person"\n'                           # 14
    'roles = "White House Press Secretary"\n'     # 15
    '\n'
    '[[name]]\n'                                  # 17
    'canonical = "Sergey Lavrov"\n'               # 18
    'kind = "person"\n'                           # 19
)


def lines_of(output: str) -> list[str]:
    return [line for line in output.splitlines() if line]


def test_one_entry_with_three_problems_prints_three_lines(cli, tmp_path):
    path = tmp_path / "names.toml"
    path.write_text(TOML.split("\n\n")[0] + "\n", encoding="utf-8")
    result = cli("names", "check", path)
    assert result.exit_code == 1, result.output
    assert lines_of(result.stdout) == [
        f"{path}:4: name 'Sergey Lavrov': unknown key 'colour' {KNOWN}",
        f"{path}:5: name 'Sergey Lavrov': 'variants' has an empty item",
        f"{path}:6: name 'Sergey Lavrov': 'bare' must be true or false",
    ]


def test_every_entry_is_checked_and_its_duplicates_too(cli, tmp_path):
    path = tmp_path / "names.toml"
    path.write_text(TOML, encoding="utf-8")
    result = cli("names", "check", path)
    assert result.exit_code == 1, result.output
    assert lines_of(result.stdout) == [
        f"{path}:4: name 'Sergey Lavrov': unknown key 'colour' {KNOWN}",
        f"{path}:5: name 'Sergey Lavrov': 'variants' has an empty item",
        f"{path}:6: name 'Sergey Lavrov': 'bare' must be true or false",
        f"{path}:10: name 'Kyiv': kind must be one of person, place, org, term, not 'planet'",
        f"{path}:15: name 'Jen Psaki': 'roles' must be a list of strings",
        # the first entry has problems of its own, and is still the one this repeats
        f"{path}:17: duplicate canonical 'Sergey Lavrov' (first at line 1)",
    ]


def test_a_variant_shared_with_an_entry_that_has_a_problem_is_reported(cli, tmp_path):
    path = tmp_path / "names.toml"
    path.write_text(
        '[[name]]\ncanonical = "Kyiv"\nkind = "place"\nvariants = ["Kiev"]\nnickname = "K"\n'
        '[[name]]\ncanonical = "Odesa"\nkind = "place"\nvariants = ["Kiev"]\n',
        encoding="utf-8",
    )
    result = cli("names", "check", path)
    assert result.exit_code == 1
    assert lines_of(result.stdout) == [
        f"{path}:5: name 'Kyiv': unknown key 'nickname' {KNOWN}",
        f"{path}:6: 'Odesa': variant 'Kiev' is also a variant of 'Kyiv' (line 1)",
    ]


def test_csv_rows_with_problems_do_not_stop_the_check(cli, tmp_path):
    path = tmp_path / "names.csv"
    path.write_text(
        "canonical,kind,variants,bare\n"
        "Sergey Lavrov,person,Sergei Lavrov,maybe\n"      # 2: a bad cell
        "Jen Psaki,person,Jen Saki,true,extra\n"          # 3: a cell too many
        "Kyiv,planet,Kiev,\n",                            # 4: a bad kind
        encoding="utf-8",
    )
    result = cli("names", "check", path)
    assert result.exit_code == 1, result.output
    assert lines_of(result.stdout) == [
        f"{path}:2: 'bare' must be true or false",
        f"{path}:3: 5 cells, but the header names 4 columns",
        f"{path}:4: name 'Kyiv': kind must be one of person, place, org, term, not 'planet'",
    ]


@pytest.mark.parametrize("name, first", [
    ("names.toml", f"names.toml:4: name 'Sergey Lavrov': unknown key 'colour' {KNOWN}"),
    ("names.csv", "names.csv:2: 'bare' must be true or false"),
])
def test_a_run_still_stops_at_the_first_problem(cli, tmp_path, name, first):
    path = tmp_path / name
    if name.endswith(".csv"):
        path.write_text("canonical,kind,bare\nSergey Lavrov,person,maybe\nKyiv,planet,\n", encoding="utf-8")
    else:
        path.write_text(TOML, encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        load_tables([path], include_default=False)
    assert str(caught.value) == f"{tmp_path}/{first}"
    document = tmp_path / "doc.txt"
    document.write_text("Sergey Lavrov spoke.\n", encoding="utf-8")
    result = cli("check", document, "--names", path, "--jobs", "1")
    assert result.exit_code == 2
    assert lines_of(result.stderr) == [f"cleanup: {tmp_path}/{first}"]


def test_a_sound_table_is_ok(cli, tmp_path):
    path = tmp_path / "names.toml"
    path.write_text('[[name]]\ncanonical = "Jen Psaki"\nkind = "person"\nvariants = ["Jen Saki"]\n',
                    encoding="utf-8")
    result = cli("names", "check", path)
    assert result.exit_code == 0 and result.stdout == ""
    assert f"{path}: ok" in result.stderr
    assert [e.canonical for e in load_tables([Path(path)], include_default=False).entries] == ["Jen Psaki"]
