"""The canonical-names table: loading, merging, validating and indexing it.

A table is TOML (``[[name]]`` entries, see ``docs/names.md``) or CSV (columns
``canonical,kind,variants,roles`` and optionally ``pronoun,not,bare,surname``; lists
separated by ``|``). ``load_tables`` merges the default table (``rules/names.toml``)
with user tables: a later entry with the same canonical replaces its scalar fields and
extends its lists. Decoding is strict: an unknown key or a wrong type is a
``RuleFileError`` naming file and line.

The indexes the name rules need are built once per table, on first use, and cached on
the ``NameTable``: one Aho-Corasick automaton for every exact form, one for role
phrases, and a deletion index over name skeletons that gives near-miss candidates with
a few dictionary look-ups per word, whatever the size of the table.
"""

from __future__ import annotations

import csv
import json
import os
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from .namematch import deletes, similarity, skeleton
from .phrasematch import PhraseMatcher, fold_case
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


@dataclass(frozen=True)
class NameEntry:
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


@dataclass(frozen=True)
class Form:
    """One spelling of an entry that the near-miss index knows."""

    entry: int
    text: str
    skeletons: tuple[str, ...]


@dataclass
class NameTable:
    entries: list[NameEntry] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.entries)

    @cached_property
    def by_canonical(self) -> dict[str, NameEntry]:
        return {e.canonical: e for e in self.entries}

    @cached_property
    def exact(self) -> PhraseMatcher:
        """Canonicals and variants, case-insensitively: value (entry index, True when a
        variant). Where a canonical and a variant fold to the same text, the canonical wins."""
        return PhraseMatcher(self.spellings, ignorecase=True, whole_word=True)

    @cached_property
    def spellings(self) -> dict[str, tuple[int, bool]]:
        """Canonicals and variants exactly as written -> (entry index, True when a variant)."""
        written: dict[str, tuple[int, bool]] = {}
        for index, entry in enumerate(self.entries):
            for variant in entry.variants:
                written[variant] = (index, True)
        for index, entry in enumerate(self.entries):
            written[entry.canonical] = (index, False)
        return written

    @cached_property
    def exceptions(self) -> PhraseMatcher:
        phrases: dict[str, list[int]] = {}
        for index, entry in enumerate(self.entries):
            for text in entry.exceptions:
                phrases.setdefault(fold_case(text), []).append(index)
        return PhraseMatcher(phrases, ignorecase=True, whole_word=True)

    @cached_property
    def roles(self) -> PhraseMatcher:
        holders: dict[str, list[int]] = {}  # by the folded role: "Defence Secretary" = "defence secretary"
        for index, entry in enumerate(self.entries):
            for role in entry.roles:
                holders.setdefault(fold_case(role), []).append(index)
        return PhraseMatcher(holders, ignorecase=True, whole_word=True)

    @cached_property
    def forms(self) -> dict[str, int]:
        """Every canonical, variant and person's surname, casefolded -> entry index."""
        known: dict[str, int] = {}
        for index, entry in enumerate(self.entries):
            if entry.kind == "person":
                known.setdefault(entry.family_name.casefold(), index)
            for variant in entry.variants:
                known[variant.casefold()] = index
        for index, entry in enumerate(self.entries):
            known[entry.canonical.casefold()] = index
        return known

    @cached_property
    def known_words(self) -> frozenset[str]:
        """Every word of every listed spelling, casefolded: a word a table knows is a
        real name, not a garble of another."""
        words: set[str] = set()
        for entry in self.entries:
            for text in (entry.canonical, *entry.variants):
                words.update(text.casefold().split())
        return frozenset(words)

    @cached_property
    def role_words(self) -> frozenset[str]:
        return frozenset(w.casefold() for e in self.entries for r in e.roles for w in r.split())

    @cached_property
    def particles(self) -> frozenset[str]:
        """Lowercase words inside names ("von", "der"), which do not end a name run."""
        return frozenset(
            w for e in self.entries for t in (e.canonical, *e.variants) for w in t.split()[1:-1] if w.islower()
        )

    @cached_property
    def bare_names(self) -> PhraseMatcher:
        """Names written without "the": persons (full, variant, surname) and the
        organisations marked ``bare``. Case-sensitive: "the Biden", not "the biden"."""
        phrases: dict[str, int] = {}
        for index, entry in enumerate(self.entries):
            if not entry.takes_no_article:
                continue
            for text in (entry.canonical, *entry.variants):
                phrases[text] = index
            if entry.kind == "person":
                phrases.setdefault(entry.family_name, index)
        return PhraseMatcher(phrases, ignorecase=False, whole_word=True)

    @cached_property
    def near_index(self) -> tuple[list[Form], dict[str, list[int]], dict[str, list[str]]]:
        """Forms; the forms by their last word's skeleton; and a map from every
        one-deletion key of such a skeleton to the skeletons that have it: near-miss
        candidates in O(word length) look-ups, whatever the size of the table."""
        forms: list[Form] = []
        by_last: dict[str, list[int]] = {}
        keys: dict[str, list[str]] = {}
        for entry_index, entry in enumerate(self.entries):
            for text in dict.fromkeys((entry.canonical, *entry.variants)):
                skeletons = tuple(skeleton(w) for w in text.split() if not w[:1].islower())
                if not skeletons or not skeletons[-1]:
                    continue
                last = skeletons[-1]
                if last not in by_last:
                    by_last[last] = []
                    for key in deletes(last):
                        keys.setdefault(key, []).append(last)
                by_last[last].append(len(forms))
                forms.append(Form(entry_index, text, skeletons))
        return forms, by_last, keys

    def same_skeleton(self, word_skeleton: str) -> list[Form]:
        """Forms whose last word's skeleton is ``word_skeleton``."""
        forms, by_last, _keys = self.near_index
        return [forms[i] for i in by_last.get(word_skeleton, ())]

    def candidates(self, word_skeleton: str, least: float = 0.0) -> list[Form]:
        """Forms whose last word's skeleton is within about two edits of
        ``word_skeleton`` and at least ``least`` similar to it."""
        forms, by_last, keys = self.near_index
        lasts: dict[str, None] = {}
        for key in deletes(word_skeleton):
            for last in keys.get(key, ()):
                lasts[last] = None
        found = []
        for last in lasts:
            if least and similarity(word_skeleton, last) < least:
                continue
            found.extend(forms[i] for i in by_last[last])
        return found


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
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped[0] == "#":
            continue
        if stripped[0] == "[" and _FAST_HEADER.match(line):
            current = {}
            tables.append((current, number, {}))
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
        tables[-1][2][key] = number
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


def _csv_tables(path: Path, text: str) -> list[tuple[dict, int | None, dict[str, int]]]:
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
            raise RuleFileError(path, number, f"{len(row)} cells, but the header names {len(header)} columns")
        table: dict[str, Any] = {}
        for column, cell in zip(header, row):
            cell = cell.strip()
            if ENTRY_KEYS[column] is list:
                table[column] = [item.strip() for item in cell.split("|") if item.strip()]
            elif ENTRY_KEYS[column] is bool:
                if cell:
                    if cell.lower() not in ("true", "false"):
                        raise RuleFileError(path, number, f"{column!r} must be true or false")
                    table[column] = cell.lower() == "true"
            elif cell or column in CSV_REQUIRED:
                table[column] = cell
        result.append((table, number, {key: number for key in table}))
    return result


def read_tables(path: Path) -> list[tuple[dict, int | None, dict[str, int]]]:
    """The raw entries of one table file with the line of each entry and key."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise RuleFileError(path, None, f"cannot read: {error}") from None
    if path.suffix.lower() == ".csv":
        return _csv_tables(path, text)
    return _toml_tables(path, text)


_TYPE_NAMES = {str: "a string", list: "a list of strings", bool: "true or false"}


def decode_entry(table: dict, path: Path, line: int | None, key_lines: dict[str, int]) -> NameEntry:
    """One strictly checked entry; RuleFileError on the first problem."""

    def fail(key: str | None, problem: str):
        raise RuleFileError(path, key_lines.get(key, line) if key else line, problem)

    canonical = table.get("canonical")
    label = f"name {canonical!r}" if isinstance(canonical, str) else "name entry"
    for key, value in table.items():
        expected = ENTRY_KEYS.get(key)
        if expected is None:
            fail(key, f"{label}: unknown key {key!r} (known: {', '.join(ENTRY_KEYS)})")
        if expected is list:
            ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        else:
            ok = isinstance(value, expected)
        if not ok:
            fail(key, f"{label}: {key!r} must be {_TYPE_NAMES[expected]}")
        if expected is str and not value.strip():
            fail(key, f"{label}: {key!r} is empty")
        if expected is list and any(not v.strip() for v in value):
            fail(key, f"{label}: {key!r} has an empty item")
    for key in CSV_REQUIRED:
        if key not in table:
            fail(None, f"{label}: missing required key {key!r}")
    if table["kind"] not in NAME_KINDS:
        fail("kind", f"{label}: kind must be one of {', '.join(NAME_KINDS)}, not {table['kind']!r}")
    return NameEntry(
        canonical=" ".join(canonical.split()),
        kind=table["kind"],
        variants=tuple(table.get("variants", ())),
        roles=tuple(table.get("roles", ())),
        pronoun=table.get("pronoun"),
        exceptions=tuple(table.get("not", ())),
        bare=table.get("bare"),
        surname=table.get("surname"),
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
    """The default table merged with ``paths`` (TOML or CSV), later entries winning."""
    files = ([default_table_path()] if include_default else []) + [Path(p) for p in paths]
    key = tuple((str(p), _stamp(p)) for p in files)
    limit = _max_entries(max_entries)
    cached = _CACHE.get((key, limit))
    if cached is not None:
        return cached
    merged: dict[str, NameEntry] = {}
    total = 0
    for path in files:
        if not path.is_file():
            raise RuleFileError(path, None, "names table does not exist")
        raw = read_tables(path)
        total += len(raw)
        if total > limit:
            raise RuleFileError(
                path, None,
                f"names tables hold more than {limit:,} entries; raise the limit with "
                f"{MAX_ENTRIES_ENV}=N (or max_entries=) if this is intended",
            )
        for table, line, key_lines in raw:
            entry = decode_entry(table, path, line, key_lines)
            earlier = merged.get(entry.canonical)
            merged[entry.canonical] = earlier.merged(entry) if earlier else entry
    table = NameTable(list(merged.values()))
    if len(_CACHE) > 8:
        _CACHE.clear()
    _CACHE[(key, limit)] = table
    return table


_CACHE: dict[tuple, NameTable] = {}


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


def validate_table(path: Path) -> list[str]:
    """Every problem of one table file as "file:line: problem" (empty when it is sound).
    Raises RuleFileError when the file cannot be read or parsed at all."""
    path = Path(path)
    problems: list[str] = []
    entries: list[tuple[NameEntry, int | None]] = []
    for table, line, key_lines in read_tables(path):
        try:
            entries.append((decode_entry(table, path, line, key_lines), line))
        except RuleFileError as error:
            problems.append(str(error))

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
            if role.casefold() in canonicals and canonicals[role.casefold()][0].kind != "term":
                report(line, f"{entry.canonical!r}: role {role!r} is a name in the table")
        if entry.pronoun is not None and entry.pronoun not in PRONOUNS:
            report(line, f"{entry.canonical!r}: pronoun should be one of {', '.join(PRONOUNS)}")
        if entry.surname is not None and not _contains_words(entry.canonical, entry.surname):
            report(line, f"{entry.canonical!r}: surname {entry.surname!r} is not part of the canonical")
        if entry.roles and entry.kind != "person":
            report(line, f"{entry.canonical!r}: only persons hold roles")
        for text in (entry.canonical, *entry.variants, *entry.roles):
            if text != text.strip() or "  " in text:
                report(line, f"{entry.canonical!r}: {text!r} has stray spaces")
    return problems


def _contains_words(text: str, part: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(part.casefold()) + r"(?!\w)", text.casefold()) is not None
