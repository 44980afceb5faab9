"""Loading rule files strictly, and choosing which rules run.

A rule file is TOML with an array of ``[[rule]]`` tables. Every key is checked against
the common keys and the kind's ``PARAMS``; an unknown key, a wrong type, a bad regex or
a bad value is a ``RuleFileError`` that names the file and line.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import kinds as kinds_package
from .kinds.base import KINDS, REQUIRED, Examples, Param, Rule, RuleMeta
from .model import FixSafety, Severity

RULE_ID = re.compile(r"^[a-z]+\.[a-z0-9]+(?:-[a-z0-9]+)*$")
CATEGORIES = ("encoding", "typography", "names", "boilerplate", "mt", "grammar", "readability")
COMMON_KEYS = {
    "id": Param(str),
    "kind": Param(str),
    "severity": Param(str),
    "message": Param(str),
    "fix": Param(str, "none"),
    "summary": Param(str, ""),
    "examples": Param(dict, {}),
    "default": Param(bool, True),
}
EXAMPLE_KEYS = {"bad", "good", "fixed"}


class RuleFileError(ValueError):
    def __init__(self, path: Path | str, line: int | None, problem: str) -> None:
        self.path, self.line, self.problem = str(path), line, problem
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {problem}")

    def __reduce__(self):
        # raised in a worker process (a names table loads there): it must unpickle whole
        return type(self), (self.path, self.line, self.problem)


def default_rules_dir() -> Path:
    """``rules/`` inside the installed wheel, or the repository's top-level ``rules/``."""
    packaged = Path(__file__).parent / "rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "rules"


def load_kinds() -> dict[str, type[Rule]]:
    """Import every module of ``cleanup.kinds`` so that each registers its kind."""
    for module in pkgutil.iter_modules(kinds_package.__path__):
        if module.name != "base":
            importlib.import_module(f"{kinds_package.__name__}.{module.name}")
    return KINDS


def _type_name(expected: Any) -> str:
    if isinstance(expected, tuple):
        return " or ".join(_type_name(t) for t in expected)
    return {str: "a string", bool: "true or false", int: "an integer", float: "a number",
            list: "a list of strings", dict: "a table"}.get(expected, str(expected))


def _has_type(value: Any, expected: Any) -> bool:
    if isinstance(expected, tuple):
        return any(_has_type(value, t) for t in expected)
    if expected is list:
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if expected is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if expected is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, expected)


class _Lines:
    """Where each ``[[rule]]`` table and its keys are in the file's text."""

    def __init__(self, text: str, array: str) -> None:
        self.lines = text.splitlines()
        header = re.compile(r"^\s*\[\[\s*" + re.escape(array) + r"\s*\]\]")
        self.headers = [i + 1 for i, line in enumerate(self.lines) if header.match(line)]

    def table(self, index: int) -> int | None:
        return self.headers[index] if index < len(self.headers) else None

    def key(self, index: int, key: str) -> int | None:
        start = self.table(index)
        if start is None:
            return None
        end = self.headers[index + 1] if index + 1 < len(self.headers) else len(self.lines) + 1
        leaf = key.split(".")[0]
        pattern = re.compile(r"^\s*[\"']?" + re.escape(leaf) + r"[\"']?\s*[.=]")
        for number in range(start, end):
            if pattern.match(self.lines[number - 1]):
                return number
        return start


def read_toml(path: Path) -> tuple[dict, str]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RuleFileError(path, None, f"cannot read: {error}") from None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+)", str(error))
        line = int(match.group(1)) if match else None
        if line is None and "end of document" in str(error):
            line = text.count("\n") + (not text.endswith("\n"))
        raise RuleFileError(path, line, f"invalid TOML: {error}") from None


def _examples(value: dict, fail) -> Examples:
    unknown = set(value) - EXAMPLE_KEYS
    if unknown:
        fail("examples", f"unknown key examples.{sorted(unknown)[0]} (expected bad, good, fixed)")
    for key, items in value.items():
        if not _has_type(items, list):
            fail("examples", f"examples.{key} must be a list of strings")
    bad, fixed = tuple(value.get("bad", ())), tuple(value.get("fixed", ()))
    if fixed and len(fixed) != len(bad):
        fail("examples", "examples.fixed must have one entry for each of examples.bad")
    return Examples(bad=bad, good=tuple(value.get("good", ())), fixed=fixed)


def decode_rule(table: dict, path: Path, lines: _Lines, index: int) -> Rule:
    def fail(key: str | None, problem: str):
        line = lines.key(index, key) if key else lines.table(index)
        raise RuleFileError(path, line, problem)

    rule_id = table.get("id")
    label = f"rule {rule_id!r}" if isinstance(rule_id, str) else f"rule #{index + 1}"
    kind_name = table.get("kind")
    if not isinstance(kind_name, str):
        fail("kind" if "kind" in table else None, f"{label}: missing or bad 'kind'")
    kind = KINDS.get(kind_name)
    if kind is None:
        fail("kind", f"{label}: unknown kind {kind_name!r} (known: {', '.join(sorted(KINDS))})")
    specs = {**COMMON_KEYS, **kind.PARAMS}
    for key in table:
        if key not in specs:
            fail(key, f"{label}: unknown key {key!r} for kind {kind_name!r}")
    values: dict[str, Any] = {}
    for key, spec in specs.items():
        if key in table:
            if not _has_type(table[key], spec.type):
                fail(key, f"{label}: {key!r} must be {_type_name(spec.type)}")
            values[key] = table[key]
        elif spec.default is REQUIRED:
            fail(None, f"{label}: missing required key {key!r}")
        else:
            values[key] = spec.default
    if not RULE_ID.match(values["id"]):
        fail("id", f"{label}: id must be 'category.rule-name' in lowercase")
    category = values["id"].split(".", 1)[0]
    if category not in CATEGORIES:
        fail("id", f"{label}: unknown category {category!r} (known: {', '.join(CATEGORIES)})")
    try:
        severity = Severity(values["severity"])
    except ValueError:
        fail("severity", f"{label}: severity must be error, warning or info")
    try:
        fix = FixSafety(values["fix"])
    except ValueError:
        fail("fix", f"{label}: fix must be safe, unsafe or none")
    meta = RuleMeta(
        id=values["id"],
        kind=kind_name,
        severity=severity,
        message=values["message"],
        fix=fix,
        summary=values["summary"] or values["message"].split("\n")[0],
        examples=_examples(values["examples"], fail),
        default=values["default"],
        source=f"{path}:{lines.table(index)}",
    )
    params = {key: values[key] for key in kind.PARAMS}
    try:
        return kind(meta, params)
    except (ValueError, TypeError) as error:  # regex.error is a ValueError
        bad_key = getattr(error, "key", None)
        fail(bad_key, f"{label}: {error}")


def load_rule_file(path: Path) -> list[Rule]:
    load_kinds()
    data, text = read_toml(path)
    lines = _Lines(text, "rule")
    for key in data:
        if key not in ("rule", "name"):
            raise RuleFileError(path, None, f"unknown top-level key {key!r} (expected [[rule]] tables)")
    tables = data.get("rule", [])
    if not isinstance(tables, list):
        raise RuleFileError(path, None, "'rule' must be an array of tables ([[rule]])")
    rules = []
    seen: set[str] = set()
    for index, table in enumerate(tables):
        rule = decode_rule(table, path, lines, index)
        if rule.id in seen:
            raise RuleFileError(path, lines.table(index), f"rule {rule.id!r} declared twice")
        seen.add(rule.id)
        rules.append(rule)
    return rules


def rule_files(directory: Path) -> list[Path]:
    """Rule files of a folder, names tables (``[[name]]`` files) left to the names loader."""
    files = []
    for path in sorted(directory.glob("*.toml")):
        if path.name == "names.toml":
            continue
        files.append(path)
    return files


def name_files(directory: Path) -> list[Path]:
    return [p for p in sorted(directory.glob("*.toml")) if p.name == "names.toml"] + sorted(
        directory.glob("*.csv")
    )


def matches_any(rule_id: str, patterns: Iterable[str]) -> bool:
    return any(rule_id == p or rule_id.startswith(p.rstrip(".") + ".") for p in patterns)


@dataclass
class Ruleset:
    rules: list[Rule]

    @classmethod
    def load(cls, extra_dirs: Sequence[Path] = (), *, include_default: bool = True) -> Ruleset:
        """The default rules, with rules of ``extra_dirs`` replacing those of the same id."""
        by_id: dict[str, Rule] = {}
        directories = ([default_rules_dir()] if include_default else []) + list(extra_dirs)
        for directory in directories:
            directory = Path(directory)
            if not directory.is_dir():
                raise RuleFileError(directory, None, "rules folder does not exist")
            for path in rule_files(directory):
                data, _ = read_toml(path)
                if "rule" not in data and "name" in data:
                    continue  # a names table in a rules folder
                for rule in load_rule_file(path):
                    by_id[rule.id] = rule
        return cls(sorted(by_id.values(), key=lambda r: r.id))

    def select(
        self, select: Sequence[str] = (), ignore: Sequence[str] = (), *, extend: Sequence[str] = ()
    ) -> Ruleset:
        """Rules chosen by id or prefix (without ``select``, the rules on by default), plus
        those ``extend`` names, less those ``ignore`` names."""
        chosen = []
        for rule in self.rules:
            if select:
                wanted = matches_any(rule.id, select)
            else:
                wanted = rule.meta.default
            wanted = wanted or matches_any(rule.id, extend)
            if wanted and not matches_any(rule.id, ignore):
                chosen.append(rule)
        return Ruleset(chosen)

    def __iter__(self):
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def get(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    @property
    def corpus_rules(self) -> list[Rule]:
        return [r for r in self.rules if r.corpus_level]

    def unknown_selectors(self, selectors: Sequence[str]) -> list[str]:
        """Selectors that match no rule at all (a typo the user should hear about)."""
        return [s for s in selectors if not any(matches_any(r.id, [s]) for r in self.rules)]
