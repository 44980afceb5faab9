"""The values every rule produces and the engine consumes.

Offsets are 0-based code-point offsets into the decoded document text (the text a
rule was given); ``end`` is exclusive.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        # ``_value_`` is a plain attribute; ``value`` is a property of the enum machinery
        # (asked once or twice per finding of a run)
        return _SEVERITY_RANKS[self._value_]


_SEVERITY_RANKS = {"error": 3, "warning": 2, "info": 1}


class FixSafety(str, enum.Enum):
    SAFE = "safe"
    UNSAFE = "unsafe"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement`` (a deletion when empty)."""

    start: int
    end: int
    replacement: str

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad edit span {self.start}..{self.end}")

    def overlaps(self, other: Edit) -> bool:
        """Two edits conflict when their spans share a character, when both insert at
        the same point (their order would be arbitrary), or when one inserts strictly
        inside the other's span. Edits that merely touch do not conflict."""
        if self.start < other.end and other.start < self.end:
            return True
        if self.start == self.end:
            return other.start <= self.start <= other.end and (
                other.start == other.end or other.start < self.start < other.end
            )
        if other.start == other.end:
            return self.start < other.start < self.end
        return False


@dataclass(frozen=True, slots=True)
class Fix:
    """The edits that together repair one finding; applied all together or not at all."""

    edits: tuple[Edit, ...]
    safe: bool

    @classmethod
    def replace(cls, start: int, end: int, replacement: str, *, safe: bool) -> Fix:
        return cls((Edit(start, end, replacement),), safe)


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    message: str
    start: int
    end: int
    severity: Severity
    fix: Fix | None = None

    @property
    def category(self) -> str:
        return self.rule.split(".", 1)[0]

    @property
    def replacement(self) -> str | None:
        """The text that replaces ``[start, end)`` when the fix is one edit on that span."""
        if self.fix is None:
            return None
        if len(self.fix.edits) == 1:
            edit = self.fix.edits[0]
            if (edit.start, edit.end) == (self.start, self.end):
                return edit.replacement
        return None


@dataclass(frozen=True, slots=True)
class AppliedEdit:
    """An edit the engine applied, in offsets of the *original* text."""

    rule: str
    start: int
    end: int
    before: str
    after: str
    safe: bool
    also: tuple[str, ...] = field(default=())  # further rules merged into this edit by later passes

    def to_json(self) -> dict:
        data = {
            "rule": self.rule,
            "start": self.start,
            "end": self.end,
            "before": self.before,
            "after": self.after,
            "safe": self.safe,
        }
        if self.also:
            data["also"] = list(self.also)
        return data
