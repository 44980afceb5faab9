"""Running rules over a document, and fixing it to a fixpoint.

Each pass checks the current text, keeps the fixes that do not conflict (a fix whose
edits overlap an already chosen fix is dropped whole, to be tried again next pass),
applies them in one go and starts again, until no fix applies, a text repeats (a
cycle) or the pass limit is hit. Applied edits are kept in offsets of the original
text, so the report describes the change from input to output exactly.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .codeblocks import code_regions, may_quote_code, outside_code
from .document import Document
from .kinds.base import Context, CorpusTotals, Rule
from .model import AppliedEdit, Edit, Finding, Severity

MAX_PASSES = 10
# Cleaning shortens text or keeps its length; a fixed text this much longer than the
# original means a rule's fix feeds on its own output, and the fixpoint stops there.
MAX_GROWTH = 2
GROWTH_ALLOWANCE = 10_000


def rule_failure(rule: Rule, problem: str) -> Finding:
    return Finding(rule.id, f"rule {rule.id} was abandoned on this document: {problem}", 0, 0, Severity.ERROR)


def check_document(doc: Document, rules: Iterable[Rule], ctx: Context) -> list[Finding]:
    """Every finding of ``rules`` on ``doc``, in document order."""
    findings: list[Finding] = []
    code = code_regions(doc.text) if may_quote_code(doc.text) else ()
    for rule in rules:
        try:
            found = rule.check(doc, ctx)
            if code and not rule.reads_code:
                found = [f for f in found if outside_code(code, *reach(f))]
            findings.extend(found)
        except TimeoutError:
            findings.append(rule_failure(rule, "a pattern search ran past its time limit"))
        except RecursionError:
            findings.append(rule_failure(rule, "the input nests too deeply"))
    if ctx.accept:
        accept = ctx.accept
        findings = [
            f for f in findings if doc.text[f.start : f.end].strip().casefold() not in accept
        ]
    findings.sort(key=lambda f: (f.start, f.end, f.rule))
    return without_repeats(findings, doc.text)


def reach(finding: Finding) -> tuple[int, int]:
    """The span of what a finding reports and its fix changes: a line's removal takes
    the line feed before or after it, which may belong to a code block."""
    if finding.fix is None:
        return finding.start, finding.end
    edits = finding.fix.edits
    return min(finding.start, min(edit.start for edit in edits)), max(finding.end, max(edit.end for edit in edits))


def without_repeats(findings: list[Finding], text: str) -> list[Finding]:
    """One finding per proposed change: when rules propose the very same change to the
    text (a listed variant that is also a corpus minority form, a line that is known
    furniture and also outside the article, "the " dropped from "the NATO has" by one
    rule and "the NATO" made "NATO" by another), keep one: a safe one before an unsafe
    one (so that the change is still made by a safe fix), then the most severe, then
    the first by position and rule id."""
    kept: dict[tuple, int] = {}
    result: list[Finding] = []
    for finding in findings:
        if finding.fix is None:
            result.append(finding)
            continue
        key = tuple(_least_edit(edit, text) for edit in finding.fix.edits)
        index = kept.get(key)
        if index is None:
            kept[key] = len(result)
            result.append(finding)
            continue
        held = result[index]
        if (finding.fix.safe, finding.severity.rank) > (held.fix.safe, held.severity.rank):
            result[index] = finding
    return result


def _least_edit(edit: Edit, text: str) -> tuple[int, int, str]:
    """``edit`` less what it would write back unchanged at its ends: "the NATO" ->
    "NATO" is "the " -> ""."""
    start, end, replacement = edit.start, edit.end, edit.replacement
    while start < end and replacement and text[end - 1] == replacement[-1]:
        end, replacement = end - 1, replacement[:-1]
    while start < end and replacement and text[start] == replacement[0]:
        start, replacement = start + 1, replacement[1:]
    return start, end, replacement


def fix_order(finding: Finding) -> tuple:
    """Earlier fixes first; at one position the wider fix, then the rule id: deterministic."""
    edits = finding.fix.edits
    start = min(e.start for e in edits)
    end = max(e.end for e in edits)
    return (start, -(end - start), finding.rule, finding.message)


class _Taken:
    """The edits chosen so far, sorted by span. They never overlap one another, so their
    ends are sorted too, and the only ones a new edit can conflict with are a contiguous
    run found by bisection: choosing stays n log n, not quadratic, in the findings."""

    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []
        self.ends: list[int] = []
        self.edits: list[Edit] = []
        self.members: set[Edit] = set()

    def __contains__(self, edit: Edit) -> bool:
        return edit in self.members

    def conflicts(self, edit: Edit) -> bool:
        low = bisect.bisect_left(self.ends, edit.start)
        high = bisect.bisect_right(self.spans, (edit.end, math.inf))
        return any(edit.overlaps(other) for other in self.edits[low:high])

    def add(self, edit: Edit) -> None:
        index = bisect.bisect_right(self.spans, _span(edit))
        self.spans.insert(index, _span(edit))
        self.ends.insert(index, edit.end)
        self.edits.insert(index, edit)
        self.members.add(edit)


def choose_fixes(findings: Iterable[Finding], *, unsafe: bool) -> list[Finding]:
    """Findings whose fixes apply together: each fix whole or not at all."""
    chosen: list[Finding] = []
    taken = _Taken()
    candidates = [f for f in findings if f.fix is not None and (f.fix.safe or unsafe)]
    for finding in sorted(candidates, key=fix_order):
        edits = finding.fix.edits
        if len({(e.start, e.end) for e in edits}) != len(edits) or _overlapping(sorted(edits, key=_span)):
            continue  # a fix that conflicts with itself is malformed
        if all(edit in taken for edit in edits):
            continue  # another rule proposed exactly this change
        if any(taken.conflicts(edit) for edit in edits):
            continue
        chosen.append(finding)
        for edit in edits:
            taken.add(edit)
    return chosen


def _span(edit: Edit) -> tuple[int, int]:
    return edit.start, edit.end


def _overlapping(edits: Sequence[Edit]) -> bool:
    return any(a.overlaps(b) for a, b in zip(edits, edits[1:]))


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply non-overlapping edits (in any order) to ``text`` in one pass."""
    parts = []
    position = 0
    for edit in sorted(edits, key=_span):
        if edit.start < position or edit.end > len(text):
            raise ValueError(f"edits overlap or run past the text at {edit.start}")
        parts.append(text[position : edit.start])
        parts.append(edit.replacement)
        position = edit.end
    parts.append(text[position:])
    return "".join(parts)


@dataclass
class _Pending:
    edit: Edit
    rule: str
    safe: bool


def _touches(c0: int, c1: int, cs: int, ce: int) -> bool:
    """Whether a new edit [cs, ce) meets the output [c0, c1) of an earlier one so that
    the two must become one edit of the original text."""
    return (
        (c0 < ce and cs < c1)
        or (c0 == c1 and cs < c0 < ce)
        or (cs == ce and c0 < cs < c1)
        or (c0 == c1 == cs == ce)
    )


class EditLedger:
    """The applied edits so far, as edits of the original text.

    An edit of a later pass is given in offsets of the then current text; ``record``
    maps it back, merging it with any earlier edit whose output it touches.
    """

    def __init__(self, original: str) -> None:
        self.original = original
        self.entries: list[AppliedEdit] = []

    def record(self, current: str, pending: Sequence[_Pending]) -> None:
        old = self.entries
        new = sorted(pending, key=lambda p: _span(p.edit))
        # where each earlier edit's output lies in the current text
        spans, shift = [], 0
        for entry in old:
            c0 = entry.start + shift
            spans.append((c0, c0 + len(entry.after)))
            shift += len(entry.after) - (entry.end - entry.start)
        # group the new edits with the earlier outputs they touch (contiguous runs)
        links: dict[int, list[int]] = {}
        first = 0
        for i, item in enumerate(new):
            cs, ce = _span(item.edit)
            while first < len(old) and spans[first][1] < cs:
                first += 1
            j = first
            while j < len(old) and spans[j][0] <= ce:
                if _touches(*spans[j], cs, ce):
                    links.setdefault(i, []).append(j)
                j += 1
        result: list[AppliedEdit] = []
        shift = 0  # current minus original offset, over the earlier edits passed
        j = 0
        i = 0
        while i < len(new) or j < len(old):
            if i < len(new):
                members_old = list(links.get(i, ()))
                members_new = [i]
                while members_old and i + len(members_new) < len(new):
                    nxt = links.get(i + len(members_new), ())
                    if not nxt or nxt[0] > members_old[-1]:
                        break
                    members_new.append(i + len(members_new))
                    members_old.extend(k for k in nxt if k > members_old[-1])
                lead = members_old[0] if members_old else None
                cs = new[i].edit.start
                # earlier outputs wholly before this group pass through unchanged
                while j < len(old) and (j < lead if lead is not None else spans[j][1] <= cs and not _touches(*spans[j], cs, new[i].edit.end)):
                    result.append(old[j])
                    shift += len(old[j].after) - (old[j].end - old[j].start)
                    j += 1
                result.extend(self._merge(current, [old[k] for k in members_old],
                                          [spans[k] for k in members_old],
                                          [new[k] for k in members_new], shift))
                for k in members_old:
                    shift += len(old[k].after) - (old[k].end - old[k].start)
                j = max(j, members_old[-1] + 1) if members_old else j
                i += len(members_new)
            else:
                result.append(old[j])
                j += 1
        self.entries = result

    def _merge(self, current, old_members, old_spans, new_members, shift) -> list[AppliedEdit]:
        lows = [p.edit.start for p in new_members] + [s[0] for s in old_spans]
        highs = [p.edit.end for p in new_members] + [s[1] for s in old_spans]
        lo, hi = min(lows), max(highs)
        inner = shift + sum(len(e.after) - (e.end - e.start) for e in old_members)
        start = old_members[0].start if old_spans and old_spans[0][0] == lo else lo - shift
        end = old_members[-1].end if old_spans and old_spans[-1][1] == hi else hi - inner
        after = apply_edits(
            current[lo:hi],
            [Edit(p.edit.start - lo, p.edit.end - lo, p.edit.replacement) for p in new_members],
        )
        before = self.original[start:end]
        if before == after and old_members:
            return []  # the later edit undid the earlier one
        rules = [e.rule for e in old_members] + [r for e in old_members for r in e.also]
        rules += [p.rule for p in new_members]
        unique = list(dict.fromkeys(rules))
        safe = all(e.safe for e in old_members) and all(p.safe for p in new_members)
        return [AppliedEdit(unique[0], start, end, before, after, safe, tuple(unique[1:]))]


@dataclass
class FixOutcome:
    text: str
    edits: list[AppliedEdit]
    findings: list[Finding]  # findings of the first pass, on the original text
    remaining: list[Finding] = field(default_factory=list)  # on the final text
    unfixed: list[Finding] = field(default_factory=list)  # fixable, left when passes ran out
    passes: int = 0
    converged: bool = True

    @property
    def changed(self) -> bool:
        return bool(self.edits)


def fix_document(
    doc: Document,
    rules: Sequence[Rule],
    ctx: Context,
    *,
    unsafe: bool = False,
    max_passes: int = MAX_PASSES,
) -> FixOutcome:
    ledger = EditLedger(doc.text)
    current = doc
    seen = {doc.text}
    first_findings: list[Finding] | None = None
    findings: list[Finding] = []
    passes = 0
    converged = False
    while True:
        findings = check_document(current, rules, ctx)
        if first_findings is None:
            first_findings = findings
        chosen = choose_fixes(findings, unsafe=unsafe)
        if not chosen:
            converged = True
            break
        if passes >= max_passes:
            break
        pending = [_Pending(e, f.rule, f.fix.safe) for f in chosen for e in f.fix.edits]
        text = apply_edits(current.text, [p.edit for p in pending])
        if text in seen:  # a cycle: keep the last consistent text
            break
        if len(text) > MAX_GROWTH * len(doc.text) + GROWTH_ALLOWANCE:
            break  # a runaway fix (each pass multiplying the text): stop before memory does
        seen.add(text)
        ledger.record(current.text, pending)
        current = current.with_text(text)
        passes += 1
    unfixed = [] if converged else choose_fixes(findings, unsafe=unsafe)
    return FixOutcome(
        text=current.text,
        edits=ledger.entries,
        findings=first_findings or [],
        remaining=findings,
        unfixed=unfixed,
        passes=passes,
        converged=converged,
    )


def gather_corpus(docs: Iterable[Document], rules: Sequence[Rule], ctx: Context) -> dict:
    """First pass of corpus-level rules over all documents; merged per rule."""
    corpus_rules = [r for r in rules if r.corpus_level]
    if not corpus_rules:
        return {}
    totals = CorpusTotals(corpus_rules)
    for doc in docs:
        totals.add({rule.id: rule.gather(doc, ctx) for rule in corpus_rules})
    return totals.result()


def replay(text: str, edits: Iterable[AppliedEdit | Edit]) -> str:
    """Apply edits given in offsets of ``text`` (a report's edits to its input)."""
    plain = [e if isinstance(e, Edit) else Edit(e.start, e.end, e.after) for e in edits]
    return apply_edits(text, plain)
