"""A word-level diff of one document, like ``git diff --word-diff``.

A paragraph of prose is often one long line, so a line diff shows a whole paragraph
removed and added for a one-letter fix. Here each change is marked inside its line,
``[-old-]{+new+}`` (or red and green with colour), placed exactly where the engine's
edits are rather than where a generic diff guesses them.

Characters an editor cannot see (a no-break space, a zero-width space, a tab) are
spelled out inside the change marks, as ``<NBSP>``, ``<ZWSP>`` or ``<U+2009>``, and a
line break that a change removes or adds where nothing else shows it is drawn as ``↵``.
A change that removes whole lines shows each removed line as ``[-line-]`` on its own.

What a document holds must not drive the terminal the diff is read on: control characters
(escape sequences among them) and bidirectional controls are spelled out in unchanged text
and file names as well.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import regex
from rapidfuzz.distance import Indel, Levenshtein

from .engine import replay
from .model import AppliedEdit
from .sequences import changed_span

NEWLINE_MARK = "↵"
NAMED_INVISIBLES = {
    "\u00a0": "NBSP",
    "\t": "TAB",
    "\r": "CR",
    "\u200b": "ZWSP",
    "\u200c": "ZWNJ",
    "\u200d": "ZWJ",
    "\u2060": "WJ",
    "\u00ad": "SHY",
    "\ufeff": "BOM",
    "\u202f": "NNBSP",
}
# spelled out in a change: spaces but " ", controls, formats, separators, lone surrogates
INVISIBLE_CATEGORIES = ("Zs", "Cc", "Cf", "Zl", "Zp", "Cs")
WORD_TOKENS = regex.compile(r"\s+|\w+|[^\w\s]")
# What unchanged text may not pass to a terminal as it is: C0 and C1 controls (ESC starts
# an escape sequence, CR returns over what was printed), the lone surrogates that are
# written out as C1 bytes (a file name's undecodable bytes), and the bidirectional
# embeddings, overrides and isolates (they reorder what is shown).
_FORMATS = r"[\udc80-\udc9f\u202a-\u202e\u2066-\u2069]"
TERMINAL_UNSAFE = regex.compile(_FORMATS + r"|[^\t\n\P{Cc}]")
TERMINAL_UNSAFE_BUT_CRLF = regex.compile(_FORMATS + r"|[^\t\n\r\P{Cc}]|\r(?!\n)")


@dataclass(frozen=True)
class Style:
    """How a change is drawn: brackets for plain text, ANSI escapes for a terminal."""

    color: bool

    def deleted(self, text: str) -> str:
        if self.color:
            return _paint(text, "31", "41")
        return f"[-{text}-]"

    def inserted(self, text: str) -> str:
        if self.color:
            return _paint(text, "32", "42")
        return "{+" + text + "+}"

    def rule(self, rules: Sequence[str]) -> str:
        label = "⟨" + ", ".join(rules) + "⟩"
        return f"\x1b[2m{label}\x1b[m" if self.color else label

    def meta(self, text: str) -> str:
        return f"\x1b[1m{text}\x1b[m" if self.color else text

    def hunk_header(self, text: str) -> str:
        return f"\x1b[36m{text}\x1b[m" if self.color else text


def _paint(text: str, foreground: str, background: str) -> str:
    # A change made only of spaces is invisible in a foreground colour: give it a background.
    code = background if text.isspace() else foreground
    return f"\x1b[{code}m{text}\x1b[m"


def _name(char: str) -> str:
    return f"<{NAMED_INVISIBLES[char]}>" if char in NAMED_INVISIBLES else f"<U+{ord(char):04X}>"


def visible(text: str) -> str:
    """``text`` with characters that cannot be seen on screen spelled out."""
    if text.isascii() and text.isprintable():  # ESC and the other controls are ASCII too
        return text
    out = []
    for char in text:
        if char not in " \n" and (char in NAMED_INVISIBLES or unicodedata.category(char) in INVISIBLE_CATEGORIES):
            out.append(_name(char))
        else:
            out.append(char)
    return "".join(out)


def terminal_safe(text: str, *, crlf: bool = False) -> str:
    """``text`` as it is, but for what would act on a terminal instead of being shown
    (see ``TERMINAL_UNSAFE``), spelled out as in a change. Line feeds and tabs stay, and
    with ``crlf`` the CRs of CRLF line ends (a unified diff of a CRLF file has them)."""
    if text.isascii() and text.isprintable():
        return text
    pattern = TERMINAL_UNSAFE_BUT_CRLF if crlf else TERMINAL_UNSAFE
    return pattern.sub(lambda match: _name(match.group()), text)


def _is_mark(char: str) -> bool:
    return unicodedata.category(char).startswith("M")


def diff_edits(before: str, after: str) -> list[AppliedEdit]:
    """Word-level edits that turn ``before`` into ``after``, for when no rule's edits are
    known (rule ids are empty)."""
    old = WORD_TOKENS.findall(before)
    new = WORD_TOKENS.findall(after)
    old_starts = _offsets(old)
    edits = []
    for i1, i2, j1, j2 in _changed_token_runs(old, new):
        start, end = old_starts[i1], old_starts[i2]
        edits.append(AppliedEdit("", start, end, before[start:end], "".join(new[j1:j2]), True))
    return edits


# Indel keeps a bit matrix of both token counts multiplied (this many cells is ~30 MB);
# past it Levenshtein, whose alignment runs in linear memory, keeps a huge change affordable.
_INDEL_CELL_BUDGET = 250_000_000


def _changed_token_runs(old: list[str], new: list[str]) -> list[tuple[int, int, int, int]]:
    """The ``(i1, i2, j1, j2)`` token ranges where ``old[i1:i2]`` became ``new[j1:j2]``,
    in order, none touching the next.

    Not difflib: without autojunk its longest-match search walks every occurrence of a
    frequent token (the single space, "the") for every token of the other side, which is
    about ten seconds on a paragraph of 5,000 words. An LCS over the same tokens is a
    bit-parallel pass in rapidfuzz, and it keeps the fewest tokens changed."""
    prefix, old_end, new_end = changed_span(old, new)
    old_middle = old[prefix:old_end]
    new_middle = new[prefix:new_end]
    if not old_middle or not new_middle:
        if old_middle or new_middle:
            return [(prefix, old_end, prefix, new_end)]
        return []
    # small integers, not the strings: equal ids mean equal tokens, with no hash collisions
    ids: dict[str, int] = {}
    old_ids = [ids.setdefault(token, len(ids)) for token in old_middle]
    new_ids = [ids.setdefault(token, len(ids)) for token in new_middle]
    if len(old_ids) * len(new_ids) <= _INDEL_CELL_BUDGET:
        opcodes = Indel.opcodes(old_ids, new_ids)
    else:
        opcodes = Levenshtein.opcodes(old_ids, new_ids)
    runs: list[list[int]] = []
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            continue
        i1, i2, j1, j2 = i1 + prefix, i2 + prefix, j1 + prefix, j2 + prefix
        if runs and runs[-1][1] == i1 and runs[-1][3] == j1:
            # a deletion next to an insertion is one replacement, as difflib drew it
            runs[-1][1], runs[-1][3] = i2, j2
        else:
            runs.append([i1, i2, j1, j2])
    return _without_slivers(old, new, runs)


def _offsets(tokens: Sequence[str]) -> list[int]:
    offsets = [0]
    for token in tokens:
        offsets.append(offsets[-1] + len(token))
    return offsets


def _without_slivers(old: list[str], new: list[str], runs: list[list[int]]) -> list[tuple[int, int, int, int]]:
    """``runs`` with the unchanged text between two of them taken into both when it is
    no longer than either change (as diff-match-patch's semantic cleanup does).

    A minimal token diff keeps any token it can, so a rewritten phrase comes out cut into
    pieces at a space or "the" it happens to share with the old one: ``[-he-]{+new+}
    {+words here +}``. One change reads as one. Text with a line break stays unchanged
    text, so no change runs across lines that a smaller diff keeps apart."""
    old_at, new_at = _offsets(old), _offsets(new)

    def change_size(run: list[int]) -> int:
        i1, i2, j1, j2 = run
        return max(old_at[i2] - old_at[i1], new_at[j2] - new_at[j1])

    merged: list[list[int]] = []
    for run in runs:
        run = list(run)
        while merged:
            previous = merged[-1]
            between = old_at[run[0]] - old_at[previous[1]]
            if between > min(change_size(previous), change_size(run)) or any(
                "\n" in token for token in old[previous[1] : run[0]]
            ):
                break
            merged.pop()
            run = [previous[0], run[1], previous[2], run[3]]
        merged.append(run)
    trimmed = []
    for i1, i2, j1, j2 in merged:
        # the absorbed text may now open or close both sides of the change
        while i1 < i2 and j1 < j2 and old[i1] == new[j1]:
            i1, j1 = i1 + 1, j1 + 1
        while i1 < i2 and j1 < j2 and old[i2 - 1] == new[j2 - 1]:
            i2, j2 = i2 - 1, j2 - 1
        if i1 < i2 or j1 < j2:
            trimmed.append((i1, i2, j1, j2))
    return trimmed


def _whole_characters(before: str, edits: Sequence[AppliedEdit]) -> list[AppliedEdit]:
    """``edits`` (sorted, consistent) widened where a change would begin, or the text
    after it would begin, with a combining mark: drawn next to a bracket the accent would
    sit on the bracket (``Cafe[-́-]``), so the change takes in the letter it belongs to
    (``Caf[-é-]{+e+}``). The widened edits make the same change; they never overlap."""
    result: list[AppliedEdit] = []
    for index, edit in enumerate(edits):
        start, end = edit.start, edit.end
        floor = result[-1].end if result else 0
        ceiling = edits[index + 1].start if index + 1 < len(edits) else len(before)
        while end < ceiling and _is_mark(before[end]):
            end += 1
        first = before[start:end] or edit.after
        if first and _is_mark(first[0]):
            while start > floor and before[start - 1] != "\n":
                start -= 1
                if not _is_mark(before[start]):
                    break
        if (start, end) == (edit.start, edit.end):
            result.append(edit)
            continue
        after = before[start : edit.start] + edit.after + before[edit.end : end]
        result.append(AppliedEdit(edit.rule, start, end, before[start:end], after, edit.safe, edit.also))
    return result


def _consistent(before: str, after: str, edits: Sequence[AppliedEdit]) -> bool:
    try:
        return replay(before, edits) == after
    except ValueError:
        return False


class _Lines:
    """Output lines under construction; changes are appended as marked pieces."""

    def __init__(self) -> None:
        self.lines: list[list[str]] = [[]]
        self.last_mark: tuple[int, int] | None = None

    def plain(self, text: str) -> None:
        pieces = terminal_safe(text).split("\n")
        for index, piece in enumerate(pieces):
            if index:
                self.lines.append([])
            if piece:
                self.lines[-1].append(piece)

    def at_line_start(self) -> bool:
        """Whether nothing is drawn on the current output line yet: a change that starts
        here starts a line of the output (though a change before it may have ended the
        line of ``before`` it started in)."""
        return not self.lines[-1]

    def mark(self, text: str) -> None:
        self.lines[-1].append(text)
        self.last_mark = (len(self.lines) - 1, len(self.lines[-1]))

    def newline(self) -> None:
        self.lines.append([])

    def tag_last_mark(self, tag: str) -> None:
        if self.last_mark is not None:
            line, position = self.last_mark
            self.lines[line].insert(position, tag)

    def text(self) -> list[str]:
        return ["".join(parts) for parts in self.lines]


def _joins_next_line(edit: AppliedEdit, at_line_start: bool) -> bool:
    """Whether the text after the edit continues the edit's line in the result (a line
    break taken out), rather than the edit removing whole lines."""
    removes_lines = at_line_start and not edit.after
    return edit.before.endswith("\n") and not edit.after.endswith("\n") and not removes_lines


def _render_change(out: _Lines, edit: AppliedEdit, ends_before_break: bool, style: Style, explain: bool) -> None:
    """Draw ``edit``; ``ends_before_break``: the text after it starts with a line break
    that no other edit touches."""
    out.last_mark = None
    pending = ""  # deleted text not yet drawn, drawn as one mark up to a line break
    old_pieces = edit.before.split("\n")
    at_line_start = out.at_line_start()
    if not at_line_start and len(old_pieces) > 1 and not edit.after and ends_before_break:
        # "…\nline" taken out up to a line break is the same change as "…" taken out of
        # this line and "line\n" below it: whole lines removed below a line that stays,
        # drawn so (not as a join, whose ↵ would read as the break that is kept)
        if old_pieces[0]:
            out.mark(style.deleted(visible(old_pieces[0])))
        for piece in old_pieces[1:]:  # the last one is ended by the break after the edit
            out.newline()
            out.mark(style.deleted(visible(piece) or NEWLINE_MARK))
        old_pieces = [""]
    for index, piece in enumerate(old_pieces):
        if index == len(old_pieces) - 1:
            pending += visible(piece)
        elif index > 0 or at_line_start:
            # a whole line removed: shown on its own line, as it stood
            out.mark(style.deleted(visible(piece) or NEWLINE_MARK))
            out.newline()
        elif len(old_pieces) == 2:
            # a line break removed: the next line joins this one, as in the result
            pending += visible(piece) + NEWLINE_MARK
        else:
            # a line break removed and whole lines after it: the break ends this line
            # (merged with the first removed line, a removed blank line would not show)
            out.mark(style.deleted(visible(piece) + NEWLINE_MARK))
            out.newline()
    if pending:
        out.mark(style.deleted(pending))
    new_pieces = edit.after.split("\n")
    for index, piece in enumerate(new_pieces):
        if index == len(new_pieces) - 1:
            if piece:
                out.mark(style.inserted(visible(piece)))
            break
        out.mark(style.inserted(visible(piece) + NEWLINE_MARK))
        out.newline()
    if explain and edit.rule:
        out.tag_last_mark(style.rule([edit.rule, *edit.also]))


@dataclass
class _Hunk:
    first_line: int  # 0-based lines of ``before``
    last_line: int
    edits: list[AppliedEdit]


def _at_line_start(text: str, offset: int) -> bool:
    return offset == 0 or text[offset - 1] == "\n"


def _line_starts(text: str) -> list[int]:
    """Where each line starts."""
    starts = [0]
    position = text.find("\n")
    while position != -1:
        starts.append(position + 1)
        position = text.find("\n", position + 1)
    if len(starts) > 1 and starts[-1] == len(text):
        starts.pop()  # a final newline ends the last line; it does not start another
    return starts


def _line_end(text: str, starts: list[int], index: int) -> int:
    """Where the 0-based line ends, before its newline."""
    if index + 1 < len(starts):
        return starts[index + 1] - 1
    return len(text) - 1 if text.endswith("\n") else len(text)


def _group(before: str, edits: Sequence[AppliedEdit], starts: list[int], context: int) -> list[_Hunk]:
    last = len(starts) - 1
    hunks: list[_Hunk] = []
    for edit in edits:
        first_line = bisect.bisect_right(starts, edit.start) - 1
        if _joins_next_line(edit, _at_line_start(before, edit.start)):
            last_line = min(last, bisect.bisect_right(starts, edit.end) - 1)
        else:
            last_line = bisect.bisect_right(starts, max(edit.start, edit.end - 1)) - 1
        low, high = max(0, first_line - context), min(last, last_line + context)
        if hunks and low <= hunks[-1].last_line + 1:
            hunks[-1].last_line = max(hunks[-1].last_line, high)
            hunks[-1].edits.append(edit)
        else:
            hunks.append(_Hunk(low, high, [edit]))
    return hunks


def hunks(before: str, after: str, edits: Sequence[AppliedEdit], *, color: bool = False,
          explain: bool = False, context: int = 1) -> list[str]:
    """The hunks (``@@ … @@`` header and marked lines) of the change from ``before`` to
    ``after``, one string per hunk, each ending in a newline."""
    if before == after:
        return []
    edits = sorted(edits, key=lambda e: (e.start, e.end))
    if not _consistent(before, after, edits):
        edits = diff_edits(before, after)
    edits = _whole_characters(before, edits)
    style = Style(color)
    starts = _line_starts(before)
    after_starts = _line_starts(after)
    rendered = []
    shift = 0  # offset in ``after`` minus offset in ``before``, over the edits passed
    for hunk in _group(before, edits, starts, max(0, context)):
        start = starts[hunk.first_line]
        line_end = _line_end(before, starts, hunk.last_line)
        stop = max(line_end, max(e.end for e in hunk.edits))
        out = _Lines()
        position = start
        after_start = start + shift
        for index, edit in enumerate(hunk.edits):
            out.plain(before[position : edit.start])
            following = hunk.edits[index + 1].start if index + 1 < len(hunk.edits) else None
            ends_before_break = before.startswith("\n", edit.end) and following != edit.end
            _render_change(out, edit, ends_before_break, style, explain)
            position = edit.end
            shift += len(edit.after) - (edit.end - edit.start)
        out.plain(before[position:stop])
        lines = out.text()
        took_newline = stop > line_end
        if took_newline and len(lines) > 1 and lines[-1] == "":
            lines.pop()
        after_stop = stop + shift
        old_count = hunk.last_line - hunk.first_line + 1
        new_first = bisect.bisect_right(after_starts, after_start)
        if after_start == len(after) > 0 and after.endswith("\n"):
            new_first += 1  # the hunk's line is what is left after the final newline: nothing
        segment = after[after_start:after_stop]
        open_last_line = not took_newline or (segment and not segment.endswith("\n"))
        new_count = segment.count("\n") + (1 if open_last_line and after else 0)
        header = style.hunk_header(
            f"@@ -{_range(hunk.first_line + 1, old_count)} +{_range(new_first, new_count)} @@"
        )
        rendered.append(header + "\n" + "".join(line + "\n" for line in lines))
    return rendered


def _range(first: int, count: int) -> str:
    if count == 0:
        return f"{first - 1},0"
    return str(first) if count == 1 else f"{first},{count}"


def header(path: str, *, color: bool = False) -> str:
    style = Style(color)
    path = terminal_safe(path).replace("\n", "<U+000A>")  # a file name is one line
    return style.meta(f"--- a/{path}") + "\n" + style.meta(f"+++ b/{path}") + "\n"


def word_diff(path: str, before: str, after: str, edits: Sequence[AppliedEdit], *,
              color: bool, explain: bool, context: int = 1) -> str:
    """The word diff of one document: a header and its hunks; "" when nothing changed.

    ``edits`` are in offsets of ``before`` (a fix's applied edits). When they do not turn
    ``before`` into ``after`` the changes are found by a word-level diff instead.
    """
    parts = hunks(before, after, edits, color=color, explain=explain, context=context)
    if not parts:
        return ""
    return header(path, color=color) + "".join(parts)
