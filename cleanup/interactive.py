"""Choosing edits one by one in a terminal, like ``git add -p``.

``choose_edits`` shows each proposed edit of a document as a word diff with its
context and asks what to do with it. It reads answers through ``ask`` and writes
through ``show``, so the CLI passes ``input`` and ``print`` and tests pass scripts;
the library itself never touches the terminal.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .engine import replay
from .model import AppliedEdit, Edit
from .worddiff import header, hunks

HELP = """\
y - apply this edit
n - do not apply this edit
a - apply this edit and all later edits in this document
d - do not apply this edit or any later edit in this document
q - quit; do not apply this edit or any remaining one
? - print help"""
CHOICES = "y,n,a,d,q,?"


class Quit(Exception):
    """The user asked to stop. ``accepted`` holds the edits of the current document
    accepted before that, for the caller to apply (or not) as it sees fit."""

    def __init__(self, accepted: list[AppliedEdit]) -> None:
        super().__init__("quit")
        self.accepted = accepted


def _conflicts(edit: AppliedEdit, taken: Sequence[AppliedEdit]) -> bool:
    span = Edit(edit.start, edit.end, edit.after)
    return any(span.overlaps(Edit(other.start, other.end, other.after)) for other in taken)


def _describe(edit: AppliedEdit) -> str:
    rules = ", ".join((edit.rule, *edit.also)) if edit.rule else "change"
    return f"{rules} ({'safe' if edit.safe else 'unsafe'})"


def choose_edits(
    path: str,
    text: str,
    edits: Sequence[AppliedEdit],
    *,
    ask: Callable[[str], str],
    show: Callable[[str], None],
    color: bool,
) -> list[AppliedEdit]:
    """The edits (a subset of ``edits``, unchanged) that the user accepts.

    Edits that overlap an already accepted one are skipped (saying so): the accepted
    set always applies cleanly. End of input (``EOFError`` from ``ask``) counts as
    ``q``. Raises ``Quit`` on ``q``.
    """
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    accepted: list[AppliedEdit] = []
    if not ordered:
        return accepted
    show(header(path, color=color).rstrip("\n"))
    decide_rest: bool | None = None
    total = len(ordered)
    for number, edit in enumerate(ordered, 1):
        if _conflicts(edit, accepted):
            show(f"({number}/{total}) skipped: overlaps an edit already accepted")
            continue
        if decide_rest is not None:
            if decide_rest:
                accepted.append(edit)
            continue
        after = replay(text, [edit])
        show("".join(hunks(text, after, [edit], color=color, explain=True, context=1)).rstrip("\n"))
        while True:
            try:
                answer = ask(f"({number}/{total}) {_describe(edit)} Apply this edit [{CHOICES}]? ")
            except EOFError:
                answer = "q"
            choice = answer.strip().lower()[:1]
            if choice in ("y", "a"):
                accepted.append(edit)
                decide_rest = True if choice == "a" else None
                break
            if choice in ("n", "d"):
                decide_rest = False if choice == "d" else None
                break
            if choice == "q":
                raise Quit(accepted)
            show(HELP)
    return accepted
