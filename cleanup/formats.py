"""Rendering findings: text, JSON, JSON Lines, GitHub annotations, SARIF 2.1.0; and
unified diffs of fixes."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from json.encoder import encode_basestring

from . import __version__
from .corpus import ITEMS, READABLE_JSON, StreamedList, escape_line_breaks
from .ruleset import Ruleset
from .runner import LocatedFinding

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def fix_marker(located: LocatedFinding) -> str:
    fix = located.finding.fix
    if fix is None:
        return ""
    return " [*]" if fix.safe else " [unsafe fix]"


@dataclass
class RuleCount:
    """What ``check --statistics`` reports of one rule: its findings, and how many of
    them carry a safe fix and an unsafe one."""

    rule: str
    count: int = 0
    safe: int = 0
    unsafe: int = 0

    def add(self, finding) -> None:
        self.count += 1
        if finding.fix is not None:
            if finding.fix.safe:
                self.safe += 1
            else:
                self.unsafe += 1

    def to_json(self, summary: str) -> dict:
        return {"rule": self.rule, "count": self.count, "safe_fixes": self.safe, "unsafe_fixes": self.unsafe,
                "summary": summary}


def by_count(counts: dict[str, RuleCount]) -> list[RuleCount]:
    """Most findings first; rules with as many, by id."""
    return sorted(counts.values(), key=lambda entry: (-entry.count, entry.rule))


def statistics_lines(counts: dict[str, RuleCount], summaries: dict[str, str]) -> list[str]:
    """One line a rule, most findings first (ruff's ``--statistics``): the count, the
    rule, [*] when some of its findings have a safe fix ([unsafe fix] when only unsafe
    ones), and the rule's summary."""
    entries = by_count(counts)
    width = max((len(entry.rule) for entry in entries), default=0)
    lines = []
    for entry in entries:
        marker = "[*]" if entry.safe else "[unsafe fix]" if entry.unsafe else ""
        lines.append(f"{entry.count:>7}  {entry.rule:<{width}}  {marker:<12}  {summaries.get(entry.rule, '')}".rstrip())
    return lines


def text_line(located: LocatedFinding) -> str:
    finding = located.finding
    return (
        f"{located.path}:{located.line}:{located.column}: {finding.severity.value} "
        f"{finding.rule} {finding.message}{fix_marker(located)}"
    )



def json_value(value) -> str:
    """``value`` as ``json_line`` writes it inside a line: strings, integers, booleans and
    None directly, anything else through the same encoder."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if kind is int:
        return int.__repr__(value)
    return READABLE_JSON.encode(value)


_JSONL_HEADS: dict[tuple, str] = {}
_JSONL_HEADS_LIMIT = 4096


def _jsonl_head(path: str, rule: str, category: str, severity: str) -> str:
    """The start of a finding's line up to its message, the same for every finding of a
    rule in a document: encoded once per document and rule."""
    key = (path, rule, category, severity)
    head = _JSONL_HEADS.get(key)
    if head is None:
        if len(_JSONL_HEADS) >= _JSONL_HEADS_LIMIT:
            _JSONL_HEADS.clear()
        head = _JSONL_HEADS[key] = (
            f'{{"path": {json_value(path)}, "rule": {json_value(rule)}, "category": {json_value(category)}, '
            f'"severity": {json_value(severity)}, "message": '
        )
    return head


def jsonl_line(located: LocatedFinding) -> str:
    """``json_line(located.to_json())``, written directly: a check writes one line per
    finding, and the general encoder spends more on walking the dictionary (built for
    it alone) than on the strings."""
    finding = located.finding
    fix = finding.fix
    value = json_value
    parts = [
        _jsonl_head(located.path, finding.rule, finding.category, finding.severity.value),
        value(finding.message),
        ', "line": ', value(located.line),
        ', "column": ', value(located.column),
        ', "end_line": ', value(located.end_line),
        ', "end_column": ', value(located.end_column),
        ', "start": ', value(finding.start),
        ', "end": ', value(finding.end),
        ', "text": ', value(located.text),
        ', "replacement": ', value(located.replacement),
    ]
    if fix is None:
        parts.append(', "safe": null}')
    else:
        safe = value(fix.safe)
        edits = ", ".join(
            f'{{"start": {value(e.start)}, "end": {value(e.end)}, "replacement": {value(e.replacement)}}}'
            for e in fix.edits
        )
        parts += [', "safe": ', safe, ', "fix": {"safe": ', safe, ', "edits": [', edits, "]}}"]
    return escape_line_breaks("".join(parts))


def github_line(located: LocatedFinding, record_line: int | None = None) -> str:
    """A workflow command that annotates the finding's place. For a JSONL record
    (``record_line``: its line in the file) that is the record's line: a line and column
    of its text are no place in the file, so they go into the message."""
    level = {"error": "error", "warning": "warning", "info": "notice"}[located.finding.severity.value]

    def escape(value: str, property_: bool = False) -> str:
        value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        if property_:
            value = value.replace(":", "%3A").replace(",", "%2C")
        return value

    path = located.file
    if record_line is not None:
        return (
            f"::{level} file={escape(path, True)},line={record_line},"
            f"title={escape(located.finding.rule, True)}::{escape(located.finding.message)}"
            f" (record {escape(located.record or '')}, line {located.line}, column {located.column} of its text)"
        )
    return (
        f"::{level} file={escape(path, True)},line={located.line},col={located.column},"
        f"endLine={located.end_line},endColumn={located.end_column},"
        f"title={escape(located.finding.rule, True)}::{escape(located.finding.message)}"
    )


def sarif_rule_index(ruleset: Ruleset) -> dict[str, int]:
    return {rule.id: number for number, rule in enumerate(ruleset.rules)}


def sarif_log(ruleset: Ruleset, results: list | str) -> dict:
    """A SARIF 2.1.0 log: one run, the rules that ran, and ``results`` (the list of
    results, or ``ITEMS`` where they are to be streamed)."""
    rules = [
        {
            "id": rule.id,
            "name": rule.id,
            "shortDescription": {"text": rule.meta.summary},
            "defaultConfiguration": {"level": SARIF_LEVEL[rule.meta.severity.value]},
            "properties": {"category": rule.meta.category, "fix": rule.meta.fix.value},
        }
        for rule in ruleset.rules
    ]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "cleanup",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/cleanup/",
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def sarif_result(located: LocatedFinding, index: dict[str, int], record_line: int | None = None) -> dict:
    """One finding as a SARIF result (``index``: rule id -> its place in the log's rules).
    In a JSONL record (``record_line``: its line in the file) the region is that line,
    and the place in the record's text is a property, ``textRegion``: offsets into the
    text are none into the file, so no ``fixes`` either (the replacement is a property)."""
    finding = located.finding
    path, record = artifact_uri(located.file), located.record
    region = {
        "startLine": located.line,
        "startColumn": located.column,
        "endLine": located.end_line,
        "endColumn": located.end_column,
        "charOffset": finding.start,
        "charLength": finding.end - finding.start,
        "snippet": {"text": located.text},
    }
    result = {
        "ruleId": finding.rule,
        "level": SARIF_LEVEL[finding.severity.value],
        "message": {"text": finding.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": path},
                    "region": region if record_line is None else {"startLine": record_line},
                }
            }
        ],
    }
    replacement = located.replacement
    if record_line is not None:
        result["properties"] = {"record": record, "textRegion": region, "replacement": replacement}
    elif record:
        result["properties"] = {"record": record}
    if finding.rule in index:
        result["ruleIndex"] = index[finding.rule]
    if finding.fix is not None and replacement is not None and record_line is None:
        result["fixes"] = [
            {
                "description": {"text": f"{'safe' if finding.fix.safe else 'unsafe'} fix"},
                "artifactChanges": [
                    {
                        "artifactLocation": {"uri": path},
                        "replacements": [
                            {
                                "deletedRegion": {
                                    "charOffset": finding.start,
                                    "charLength": finding.end - finding.start,
                                },
                                "insertedContent": {"text": replacement},
                            }
                        ],
                    }
                ],
            }
        ]
    return result


def finding_list(fmt: str, ruleset: Ruleset) -> tuple[StreamedList | None, Callable | None]:
    """For a format whose output is one document around the list of findings (json,
    sarif): that list streamed, and what makes a finding (and the line of its JSONL
    record in the file, or None) an item of it."""
    if fmt == "json":
        return StreamedList(ITEMS), lambda located, _record_line: located.to_json()
    if fmt == "sarif":
        index = sarif_rule_index(ruleset)
        return StreamedList(sarif_log(ruleset, ITEMS)), lambda located, record_line: sarif_result(
            located, index, record_line)
    return None, None


def artifact_uri(path: str) -> str:
    """A file path as a SARIF artifact URI reference (percent-encoded, "/" kept)."""
    from urllib.parse import quote

    return quote(path.replace("\\", "/"))


def _patch_lines(text: str) -> list[str]:
    """``text``'s lines as ``patch`` reads them: ended by line feeds only (a lone CR,
    U+2028 or a form feed, which ``str.splitlines`` also breaks at, stays in its line)."""
    lines = text.split("\n")
    last = lines.pop()
    return [line + "\n" for line in lines] + ([last] if last else [])


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff that `patch -p1` applies; "" when nothing changes."""
    if before == after:
        return ""
    lines = difflib.unified_diff(
        _patch_lines(before),
        _patch_lines(after),
        fromfile=f"a/{path}",
        tofile=f"b/{path}",
    )
    out = []
    for line in lines:
        if not line.endswith("\n"):
            line += "\n\\ No newline at end of file\n"
        out.append(line)
    return "".join(out)
