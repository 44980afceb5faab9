"""The library entry points for callers who have text, not files."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .document import Document
from .engine import FixOutcome, check_document, fix_document
from .kinds.base import Context
from .model import Finding
from .ruleset import Ruleset


def load_rules(
    select: Sequence[str] = (), ignore: Sequence[str] = (), rules_dirs: Sequence[Path] = ()
) -> Ruleset:
    return Ruleset.load(rules_dirs).select(select, ignore)


def check_text(text: str, *, rules: Ruleset | None = None, ctx: Context | None = None,
               select: Sequence[str] = (), ignore: Sequence[str] = ()) -> list[Finding]:
    rules = rules if rules is not None else load_rules(select, ignore)
    return check_document(Document.from_text(text), rules.rules, ctx or Context())


def fix_text(text: str, *, unsafe: bool = False, rules: Ruleset | None = None,
             ctx: Context | None = None, select: Sequence[str] = (),
             ignore: Sequence[str] = ()) -> FixOutcome:
    rules = rules if rules is not None else load_rules(select, ignore)
    return fix_document(Document.from_text(text), rules.rules, ctx or Context(), unsafe=unsafe)
