"""Configuration: ``cleanup.toml``, or ``[tool.cleanup]`` in ``pyproject.toml``, found
from the first input path upward. Keys are checked strictly; paths in a configuration
file are relative to that file. Command-line options win over the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .ruleset import RuleFileError, read_toml

FORMATS = ("text", "json", "jsonl", "sarif", "github")
SEVERITIES = ("error", "warning", "info")
ENGINES = ("local", "ray")

# key: (type, description)
KEYS: dict[str, tuple[Any, str]] = {
    "select": (list, "rule ids or prefixes to run"),
    "ignore": (list, "rule ids or prefixes not to run"),
    "fail-on": (str, "lowest severity that makes check fail: error, warning or info"),
    "jobs": (int, "worker processes (0: all cores)"),
    "glob": (str, "file patterns for folders, comma-separated"),
    "exclude": (list, "file or folder name patterns to skip"),
    "format": (str, "output format of check"),
    "unsafe-fixes": (bool, "apply unsafe fixes too"),
    "names": (list, "extra canonical-names tables"),
    "rules": (list, "extra rule folders"),
    "per-file-ignores": (dict, "glob -> rule ids or prefixes ignored for matching files"),
    "accept": (list, "words and names never flagged"),
    "accept-file": (str, "a file of accepted words, one a line"),
    "max-passes": (int, "fix passes at most"),
    "id-field": (str, "JSONL field with the document id"),
    "text-field": (str, "JSONL field with the document text"),
    "engine": (str, "local or ray"),
    "address": (str, "Ray cluster address"),
    "grammar": (dict, "LanguageTool settings: url"),
    "report": (dict, "quality report settings: weights"),
    "settings": (dict, "per-rule settings: [settings.\"rule.id\"] key = value"),
}


class ConfigError(RuleFileError):
    pass


@dataclass
class Config:
    path: Path | None = None
    values: dict[str, Any] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def paths(self, key: str) -> list[Path]:
        base = self.path.parent if self.path else Path.cwd()
        return [(base / p) for p in self.values.get(key, [])]

    def accept_words(self) -> frozenset[str]:
        words = {w.strip().casefold() for w in self.values.get("accept", []) if w.strip()}
        accept_file = self.values.get("accept-file")
        if accept_file:
            base = self.path.parent if self.path else Path.cwd()
            try:
                lines = (base / accept_file).read_text(encoding="utf-8").splitlines()
            except OSError as error:
                raise ConfigError(self.path or accept_file, None, f"accept-file: {error}") from None
            words |= {line.strip().casefold() for line in lines if line.strip() and not line.startswith("#")}
        return frozenset(words)

    def rule_settings(self) -> dict[str, dict[str, Any]]:
        settings = {k: dict(v) for k, v in self.values.get("settings", {}).items()}
        if "grammar" in self.values:
            settings.setdefault("grammar", {}).update(self.values["grammar"])
        if "report" in self.values:
            settings.setdefault("report", {}).update(self.values["report"])
        return settings


def find_config(start: Path) -> Path | None:
    """The nearest cleanup.toml, or pyproject.toml with [tool.cleanup], at or above start."""
    start = start.resolve()
    folder = start if start.is_dir() else start.parent
    for candidate in [folder, *folder.parents]:
        own = candidate / "cleanup.toml"
        if own.is_file():
            return own
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file():
            try:
                data, _ = read_toml(pyproject)
            except RuleFileError:
                continue
            if "cleanup" in data.get("tool", {}):
                return pyproject
    return None


def load_config(path: Path) -> Config:
    data, text = read_toml(path)
    table_header = None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("cleanup", {})
        table_header = "[tool.cleanup"
    lines = text.splitlines()

    def line_of(key: str) -> int | None:
        pattern = re.compile(r"^\s*[\"']?" + re.escape(key) + r"[\"']?\s*=")
        in_table = table_header is None
        for number, line in enumerate(lines, 1):
            stripped = line.strip()
            if table_header is not None and stripped.startswith("["):
                in_table = stripped.startswith(table_header)
            if in_table and pattern.match(line):
                return number
            if stripped.startswith(f"[{key}") or stripped.startswith(f"[tool.cleanup.{key}"):
                return number
        return None

    for key, value in data.items():
        if key not in KEYS:
            raise ConfigError(path, line_of(key), f"unknown key {key!r} (known: {', '.join(sorted(KEYS))})")
        expected, _ = KEYS[key]
        ok = isinstance(value, expected) and not (expected is int and isinstance(value, bool))
        if expected is list:
            ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        if not ok:
            raise ConfigError(path, line_of(key), f"{key!r} must be {expected.__name__}")
    if "format" in data and data["format"] not in FORMATS:
        raise ConfigError(path, line_of("format"), f"format must be one of {', '.join(FORMATS)}")
    if "engine" in data and data["engine"] not in ENGINES:
        raise ConfigError(path, line_of("engine"), f"engine must be one of {', '.join(ENGINES)}")
    if "fail-on" in data and data["fail-on"] not in SEVERITIES:
        raise ConfigError(path, line_of("fail-on"), "fail-on must be error, warning or info")
    for pattern, selectors in data.get("per-file-ignores", {}).items():
        if not isinstance(selectors, list) or not all(isinstance(s, str) for s in selectors):
            raise ConfigError(path, line_of(pattern), f"per-file-ignores {pattern!r} must be a list of rule ids")
    for rule_id, table in data.get("settings", {}).items():
        if not isinstance(table, dict):
            raise ConfigError(path, line_of(rule_id), f"settings {rule_id!r} must be a table")
    return Config(path, data)


def discover(start: Path, explicit: Path | None = None) -> Config:
    if explicit is not None:
        return load_config(explicit)
    found = find_config(start)
    return load_config(found) if found else Config()
