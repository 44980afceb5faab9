"""Kind ``control-char``: C0 and C1 control characters and terminal escape sequences
in running text. C0 controls (except tab, line feed, form feed and carriage return) and
escape sequences are removed; a C1 control is almost always a Windows-1252 byte read as
Latin-1 and becomes that character ("\\x93" is "“"), unless it is part of a longer
UTF-8 sequence that ``encoding.mojibake`` repairs as a whole."""

from __future__ import annotations

import unicodedata

import regex

from .base import Param, Rule, register

C0 = "\x00-\x08\x0b\x0e-\x1f\x7f"
CONTROL = regex.compile(rf"\x1b\[[0-?]*[ -/]*[@-~]|[{C0}\x80-\x9f]")
# Every match has one of these characters (an escape sequence begins with \x1b, a C0
# control); a search for one character runs at memory speed, ten times a class search.
C0_CHARS = tuple(chr(c) for c in [*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])
C1_CHARS = tuple(chr(c) for c in range(0x80, 0xA0))


def in_latin1_utf8(text: str, position: int) -> bool:
    """Whether the character at ``position`` belongs to a UTF-8 sequence read as
    Latin-1 ("â\x80\x99"): encoding.mojibake repairs that whole."""
    for lead in range(max(0, position - 3), position + 1):
        first = text[lead]
        if not "\xc2" <= first <= "\xf4":
            continue
        need = 1 if first < "\xe0" else 2 if first < "\xf0" else 3
        if lead + need < position:
            continue
        try:
            text[lead : lead + need + 1].encode("latin-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        return True
    return False


def c1_as_cp1252(char: str) -> str | None:
    try:
        return char.encode("latin-1").decode("cp1252")
    except UnicodeDecodeError:  # 0x81, 0x8d, 0x8f, 0x90, 0x9d: nothing in Windows-1252
        return None


def describe(char: str) -> str:
    return f"U+{ord(char):04X}" + (f" ({unicodedata.name(char)})" if unicodedata.name(char, "") else "")


@register
class ControlCharRule(Rule):
    kind = "control-char"
    reads_code = True
    PARAMS = {
        "c1_message": Param(str, "", doc="message for a C1 control read as Windows-1252; {match}, {replacement}"),
        "escape_message": Param(str, "", doc="message for a terminal escape sequence"),
    }

    def check(self, doc, ctx):
        text = doc.text
        if not any(char in text for char in C0_CHARS) and (
            doc.is_ascii or not any(char in text for char in C1_CHARS)
        ):
            return
        for match in CONTROL.finditer(text):
            start, end = match.span()
            found = match.group()
            if len(found) > 1:
                yield self.finding(start, end, replacement="", match=repr(found)[1:-1],
                                   message=self._message("escape_message", found, ""))
            elif found >= "\x80":
                if in_latin1_utf8(text, start):
                    continue
                replacement = c1_as_cp1252(found)
                yield self.finding(start, end, replacement=replacement, match=describe(found),
                                   message=self._message("c1_message", describe(found), replacement)
                                   if replacement else None)
            else:
                yield self.finding(start, end, replacement="", match=describe(found))

    def _message(self, key: str, match: str, replacement: str) -> str | None:
        template = self.params[key]
        if not template:
            return None
        return template.replace("{match}", match).replace("{replacement}", replacement)
