"""What two versions of a sequence (a text, a list of tokens) share at their ends."""

from __future__ import annotations

from collections.abc import Sequence


def changed_span(before: Sequence, after: Sequence) -> tuple[int, int, int]:
    """The length of the common prefix, and where the changed part ends in ``before`` and
    in ``after`` (the common suffix taken off, never overlapping the prefix)."""
    prefix = 0
    limit = min(len(before), len(after))
    while prefix < limit and before[prefix] == after[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and before[-1 - suffix] == after[-1 - suffix]:
        suffix += 1
    return prefix, len(before) - suffix, len(after) - suffix
