"""Review-page test helpers: the seed documents with their real findings."""

from __future__ import annotations

from pathlib import Path

from cleanup.document import Document, decode, sha256
from cleanup.engine import check_document
from cleanup.kinds.base import Context
from cleanup.model import Finding
from cleanup.ruleset import Ruleset

from .conftest import SEEDS


def seed_items(folder: Path = SEEDS, relative_to: Path | None = None) -> list[tuple[Document, list[Finding]]]:
    """Each seed (in ``folder``) as a Document (digest of its bytes) and its findings;
    paths relative to ``relative_to`` when given."""
    rules = Ruleset.load().rules
    ctx = Context()
    items = []
    for path in sorted(folder.glob("*.txt")):
        data = path.read_bytes()
        text, envelope = decode(data)
        shown = path.relative_to(relative_to) if relative_to else path
        doc = Document(str(shown), text, envelope, digest=sha256(data))
        items.append((doc, check_document(doc, rules, ctx)))
    return items
