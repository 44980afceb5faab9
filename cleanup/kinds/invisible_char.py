"""Kind ``invisible-char``: characters that render as nothing — zero-width spaces and
joiners, soft hyphens, word joiners, stray byte-order marks, deprecated format
controls — and bidirectional controls, which reorder what a reader sees (the "Trojan
Source" attack, CVE-2021-42574)."""

from __future__ import annotations

import unicodedata

import regex

from ..recode import script_of
from .base import Param, Rule, register
from ..model import Severity

INVISIBLE = regex.compile(
    "[\u00ad\u034f\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\u061c]"
)
BIDI = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c")
JOINERS = frozenset("\u200c\u200d")
RIGHT_TO_LEFT = regex.compile(r"[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]")
# Scripts whose spelling uses zero-width (non-)joiners, and emoji sequences (ZWJ).
JOINING_SCRIPTS = frozenset({"Arabic", "Devanagari", "Bengali", "Tamil", "Hebrew"})


def _uses_joiners(char: str) -> bool:
    if not char:
        return False
    if script_of(char) in JOINING_SCRIPTS:
        return True
    if unicodedata.category(char) in ("So", "Sk", "Mn", "Mc") or "\ufe00" <= char <= "\ufe0f":
        return True  # emoji, skin tones, variation selectors
    return ord(char) >= 0x0900 and unicodedata.category(char).startswith("L") and script_of(char) is None


@register
class InvisibleCharRule(Rule):
    kind = "invisible-char"
    reads_code = True
    PARAMS = {
        "bidi_message": Param(str, doc="message for a bidirectional control; {match}"),
        "bidi_severity": Param(str, "error"),
    }

    def setup(self) -> None:
        try:
            self.bidi_severity = Severity(self.params["bidi_severity"])
        except ValueError:
            problem = ValueError("'bidi_severity' must be error, warning or info")
            problem.key = "bidi_severity"
            raise problem from None

    def check(self, doc, ctx):
        if doc.is_ascii:
            return
        text = doc.text
        for match in INVISIBLE.finditer(text):
            start, end = match.span()
            char = match.group()
            name = f"U+{ord(char):04X} {unicodedata.name(char, '')}".strip()
            if char in JOINERS:
                before, after = text[start - 1 : start], text[end : end + 1]
                if _uses_joiners(before) or _uses_joiners(after):
                    continue
            if char in BIDI:
                line_start = text.rfind("\n", 0, start) + 1
                line_end = text.find("\n", end)
                line = text[line_start : line_end if line_end != -1 else len(text)]
                yield self.finding(
                    start, end, replacement="", match=name,
                    message=self.params["bidi_message"].replace("{match}", name),
                    severity=self.bidi_severity,
                    safe=False if RIGHT_TO_LEFT.search(line) else None,
                )
            else:
                yield self.finding(start, end, replacement="", match=name)
