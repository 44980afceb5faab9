"""Kind ``pattern``: a regular expression (``regex`` module), optionally with a replacement."""

from __future__ import annotations

import os
import re

import regex

from ..language import looks_english
from .base import Param, Rule, compile_pattern, data_error, iter_matches, register


@register
class PatternRule(Rule):
    kind = "pattern"
    PARAMS = {
        "pattern": Param(str, doc="regular expression (regex module syntax), multi-line mode"),
        "replacement": Param(str, None, doc="template for the fix (\\1, \\g<name>); none: no fix"),
        "ignorecase": Param(bool, False),
        "group": Param((int, str), 0, doc="the group whose span is the finding and is replaced"),
        "exceptions": Param(list, [], doc="matched texts that are never flagged"),
        "timeout": Param(float, 1.0, doc="seconds a search may take (per 100,000 characters) before it is abandoned"),
        "english_only": Param(bool, False, doc="quiet on documents that are not English (cleanup.language)"),
        "requires": Param(list, [], doc="literal strings of which every match needs one; a document "
                          "containing none is not searched (a line break is taken to follow its end)"),
    }

    def setup(self) -> None:
        flags = regex.MULTILINE
        if self.params["ignorecase"]:
            flags |= regex.IGNORECASE
        self.pattern = compile_pattern(self.params["pattern"], flags)
        group = self.params["group"]
        if isinstance(group, int) and group > self.pattern.groups or (
            isinstance(group, str) and group not in self.pattern.groupindex
        ):
            problem = ValueError(f"'group' {group!r} is not a group of the pattern")
            problem.key = "group"
            raise problem
        self._setup_requires()
        fold = str.casefold if self.params["ignorecase"] else str
        self.exceptions = {fold(e) for e in self.params["exceptions"]}
        self.fold = fold
        replacement = self.params["replacement"]
        if replacement is not None:
            try:  # check the template once: syntax, and every group it names exists
                for number, name in regex.findall(r"\\(\d+)|\\g<(\w+)>", replacement):
                    wanted = number or name
                    if wanted.isdigit() and int(wanted) > self.pattern.groups:
                        raise IndexError(f"group {wanted} is not in the pattern")
                    if not wanted.isdigit() and wanted not in self.pattern.groupindex:
                        raise IndexError(f"group {wanted!r} is not in the pattern")
                regex.compile("(?:)").match("").expand(regex.sub(r"\\(\d+|g<\w+>)", "", replacement))
            except (regex.error, IndexError) as error:
                problem = ValueError(f"bad 'replacement' template: {error}")
                problem.key = "replacement"
                raise problem from None

    def _setup_requires(self) -> None:
        literals = self.params["requires"]
        for literal in literals:
            if not literal:
                raise data_error("'requires' lists an empty string", "requires")
            # a case-insensitive pattern matches case variants no literal test would see
            if self.params["ignorecase"] and (literal.lower() != literal or literal.upper() != literal):
                raise data_error(f"'requires' entry {literal!r} has letters, but the rule ignores case",
                                 "requires")
        self.requires = tuple(literals)
        # An ASCII document cannot contain a literal that is not ASCII: test fewer.
        self.requires_ascii = tuple(literal for literal in literals if literal.isascii())
        # `$` and `\Z` match at the end of the text as before a line break.
        self.requires_at_end = tuple(literal[:-1] for literal in literals if literal.endswith("\n"))
        # Literals with a common beginning ("he NATO ", "he NASA " …) are found faster by
        # one stdlib search for the alternation (it skips ahead on the shared prefix)
        # than by a substring search each; others by the per-character test below.
        self.requires_search = self.requires_ascii_search = None
        if literals and len(os.path.commonprefix(literals)) >= 2:
            self.requires_search = re.compile("|".join(map(re.escape, literals))).search
            if self.requires_ascii:
                self.requires_ascii_search = re.compile("|".join(map(re.escape, self.requires_ascii))).search

    def may_match(self, doc) -> bool:
        """False only when the text holds none of the required literals (exact: no
        match is possible then); True when the rule declares none."""
        if not self.requires:
            return True
        text = doc.text
        ascii = doc.is_ascii
        if self.requires_search is not None:
            search = self.requires_ascii_search if ascii else self.requires_search
            if search is not None and search(text):
                return True
        else:
            contains = doc.contains
            for literal in self.requires_ascii if ascii else self.requires:
                if contains(literal):
                    return True
        return bool(self.requires_at_end) and text.endswith(self.requires_at_end)

    def check(self, doc, ctx):
        group = self.params["group"]
        if not self.may_match(doc):
            return
        if self.params["english_only"] and not looks_english(doc.text):
            return
        replacement = self.params["replacement"]
        for match in iter_matches(self.pattern, doc.text, self.params["timeout"]):
            start, end = match.span(group)
            if start < 0:
                continue
            matched = doc.text[start:end]
            if self.exceptions and self.fold(matched) in self.exceptions:
                continue
            if start == end and replacement is None:
                continue
            fixed = match.expand(replacement) if replacement is not None else None
            if fixed == matched:
                continue
            yield self.finding(start, end, replacement=fixed, match=matched)
