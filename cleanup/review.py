"""The review page: one self-contained HTML file in which an editor accepts or rejects
each proposed edit and exports the accepted ones as an edits file.

The page holds the documents and their findings as JSON inside a
``<script type="application/json">`` element, with every ``<``, ``>`` and ``&``
escaped, so no document text can close the element or reach the HTML parser; the
script draws the text with DOM text nodes only. The stylesheet and script are read
from ``review_assets/`` next to this module and inlined: the page loads nothing
(its Content-Security-Policy forbids it).

Default decisions: the fixes that ``cleanup fix`` would apply in its first pass (safe
fixes that do not conflict) start accepted; a fix that conflicts with one of those
starts rejected (accepting a fix rejects the fixes it conflicts with); every other
fix (the unsafe ones) starts pending. Only accepted edits are exported.
"""

from __future__ import annotations

import bisect
import html
import json
import re
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path

from .document import Document, sha256
from .engine import choose_fixes
from .model import Edit, Finding

ASSETS = Path(__file__).with_name("review_assets")
ACCEPTED, PENDING, REJECTED = "accepted", "pending", "rejected"
PLACEHOLDER = re.compile(r"\{\{(title|style|data|script)\}\}")


@cache
def _asset(name: str) -> str:
    return (ASSETS / name).read_text(encoding="utf-8")


class _Utf16:
    """Code-point offsets to the UTF-16 offsets a browser's strings use."""

    def __init__(self, text: str) -> None:
        self.astral = [i for i, char in enumerate(text) if ord(char) > 0xFFFF] if not text.isascii() else []

    def __call__(self, offset: int) -> int:
        return offset + bisect.bisect_left(self.astral, offset) if self.astral else offset


def _self_conflicting(edits: Sequence[Edit]) -> bool:
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    return any(a.overlaps(b) or (a.start, a.end) == (b.start, b.end) for a, b in zip(ordered, ordered[1:]))


def _conflicts(fixes: list[tuple[int, Finding]]) -> dict[int, set[int]]:
    """Pairs of fixes (by item id) with overlapping edits: at most one can be accepted."""
    spans = sorted(
        ((edit, item_id) for item_id, finding in fixes for edit in finding.fix.edits),
        key=lambda pair: (pair[0].start, pair[0].end),
    )
    conflicts: dict[int, set[int]] = {}
    for index, (edit, item_id) in enumerate(spans):
        for other, other_id in spans[index + 1 :]:
            if other.start > edit.end:
                break
            same = (other.start, other.end) == (edit.start, edit.end)
            if other_id != item_id and (same or edit.overlaps(other)):
                conflicts.setdefault(item_id, set()).add(other_id)
                conflicts.setdefault(other_id, set()).add(item_id)
    return conflicts


def _default_status(item_id: int, chosen: bool, conflicts: dict[int, set[int]], accepted: set[int]) -> str:
    """Accepted when ``cleanup fix`` would apply it; rejected when it conflicts with one
    that is (as if the editor had accepted that one); otherwise pending."""
    if chosen:
        return ACCEPTED
    return REJECTED if conflicts.get(item_id, set()) & accepted else PENDING


def _document_data(doc: Document, findings: Sequence[Finding], first_id: int,
                   exported: Mapping[str, object] | None = None) -> dict:
    text = doc.text
    utf16 = _Utf16(text)
    ordered = sorted(findings, key=lambda f: (f.start, f.end, f.rule))
    ids = {id(finding): first_id + index for index, finding in enumerate(ordered)}
    fixes = [(ids[id(f)], f) for f in ordered if f.fix is not None]
    default = {id(f) for f in choose_fixes([f for _, f in fixes], unsafe=False)}
    conflicts = _conflicts(fixes)
    accepted_ids = {item_id for item_id, f in fixes if id(f) in default}
    items = []
    for finding in ordered:
        item_id = ids[id(finding)]
        line, column = doc.line_col(finding.start)
        item = {
            "id": item_id,
            "rule": finding.rule,
            "category": finding.category,
            "severity": finding.severity.value,
            "message": finding.message,
            "line": line,
            "column": column,
            "s": utf16(finding.start),
            "e": utf16(finding.end),
        }
        if finding.fix is None:
            item.update(kind="note", safe=None, status=None, edits=[], conflicts=[])
        else:
            broken = _self_conflicting(finding.fix.edits)
            item.update(
                kind="edit",
                safe=finding.fix.safe,
                broken=broken,
                status=_default_status(item_id, id(finding) in default and not broken, conflicts, accepted_ids),
                conflicts=sorted(conflicts.get(item_id, ())),
                edits=[
                    {
                        "start": edit.start,
                        "end": edit.end,
                        "before": text[edit.start : edit.end],
                        "after": edit.replacement,
                        "s": utf16(edit.start),
                        "e": utf16(edit.end),
                    }
                    for edit in sorted(finding.fix.edits, key=lambda e: (e.start, e.end))
                ],
            )
        items.append(item)
    digest = doc.digest if doc.digest is not None else sha256(doc.encode())
    data = {"path": doc.path, "sha256": digest, "text": text, "items": items}
    if exported:
        data["exported"] = dict(exported)
    return data


# a document, its findings, and what the export carries of it besides its path and
# sha256, as ``fix --report`` writes it: a record's "line" (ids repeat in real corpora, a
# line does not), the "out_path" fix --out gives its file
Item = tuple[Document, list[Finding]] | tuple[Document, list[Finding], Mapping[str, object]]


def page_data(items: Sequence[Item], *, title: str) -> dict:
    """What the page's script reads: the documents, their findings as items with ids,
    default decisions and conflicts."""
    documents = []
    next_id = 0
    for doc, findings, *exported in items:
        documents.append(_document_data(doc, findings, next_id, exported[0] if exported else None))
        next_id += len(findings)
    return {"version": 1, "title": title, "documents": documents}


def script_json(value) -> str:
    """JSON that is inert inside a ``<script>`` element: no ``<``, ``>`` or ``&`` and no
    line separators survive unescaped, whatever strings ``value`` holds."""
    text = json.dumps(value, ensure_ascii=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def build_page(items: Sequence[Item], *, title: str = "cleanup review") -> str:
    """One self-contained HTML page to review the proposed edits of ``items`` (each a
    document and its findings, fix offsets into ``doc.text``, and optionally what the
    export carries of it: ``Item``) and export the accepted ones in the edits-file format."""
    parts = {
        "title": html.escape(title),
        "style": _asset("review.css"),
        "data": script_json(page_data(items, title=title)),
        "script": _asset("review.js"),
    }
    # one pass over the template: a document that contains "{{script}}" stays text
    return PLACEHOLDER.sub(lambda match: parts[match.group(1)], _asset("page.html"))
