"""The engine: conflicting fixes, fixpoint, cycles, and edits kept in original offsets."""

from __future__ import annotations

import random

import pytest

from cleanup.document import Document
from cleanup.engine import EditLedger, _Pending, apply_edits, check_document, choose_fixes, fix_document, replay
from cleanup.kinds.base import Context, Rule, RuleMeta
from cleanup.model import Edit, Finding, Fix, FixSafety, Severity


def meta(rule_id: str, fix: str = "safe") -> RuleMeta:
    return RuleMeta(rule_id, "test", Severity.WARNING, "m", FixSafety(fix), "m")


class Replace(Rule):
    """Replaces every occurrence of ``old`` by ``new`` (test double)."""

    kind = "test-replace"

    def check(self, doc, ctx):
        old, new = self.params["old"], self.params["new"]
        start = doc.text.find(old)
        while start != -1:
            yield self.finding(start, start + len(old), replacement=new)
            start = doc.text.find(old, start + len(old))


def replace_rule(rule_id, old, new, fix="safe"):
    return Replace(meta(rule_id, fix), {"old": old, "new": new})


def finding(rule, edits, safe=True):
    edits = tuple(Edit(*e) for e in edits)
    return Finding(rule, "m", edits[0].start, edits[-1].end, Severity.INFO, Fix(edits, safe))


def test_conflicting_fix_is_dropped_whole():
    a = finding("a.one", [(0, 2, "X")])
    b = finding("a.two", [(1, 3, "Y"), (10, 11, "Z")])  # its second edit does not conflict
    chosen = choose_fixes([b, a], unsafe=False)
    assert chosen == [a]


def test_identical_edits_from_two_rules_apply_once():
    a = finding("a.one", [(0, 2, "X")])
    b = finding("a.two", [(0, 2, "X")])
    assert len(choose_fixes([a, b], unsafe=False)) == 1


def test_unsafe_fixes_only_when_asked():
    unsafe = finding("a.one", [(0, 2, "X")], safe=False)
    assert choose_fixes([unsafe], unsafe=False) == []
    assert choose_fixes([unsafe], unsafe=True) == [unsafe]


def test_insertions_at_one_point_conflict():
    assert Edit(3, 3, "a").overlaps(Edit(3, 3, "b"))
    assert not Edit(3, 3, "a").overlaps(Edit(3, 5, "b"))  # touching is fine
    assert Edit(4, 4, "a").overlaps(Edit(3, 5, "b"))
    assert not Edit(0, 2, "a").overlaps(Edit(2, 4, "b"))


def test_fixpoint_reaches_later_fixes_and_reports_original_offsets():
    # "aaaa" -> "aa" -> "a": two passes of the same rule
    rules = [replace_rule("typography.x", "aa", "a")]
    outcome = fix_document(Document.from_text("xx aaaa yy"), rules, Context())
    assert outcome.text == "xx a yy"
    assert outcome.converged and outcome.passes >= 2
    assert replay("xx aaaa yy", outcome.edits) == outcome.text
    for edit in outcome.edits:
        assert "xx aaaa yy"[edit.start : edit.end] == edit.before


def test_cycle_stops_and_keeps_consistent_text():
    rules = [replace_rule("typography.ab", "a", "b"), replace_rule("typography.ba", "b", "a")]
    outcome = fix_document(Document.from_text("a"), rules, Context(), max_passes=50)
    assert outcome.text in ("a", "b")
    assert not outcome.converged
    assert outcome.unfixed
    assert replay("a", outcome.edits) == outcome.text


def test_pass_limit_reports_unfixed():
    rules = [replace_rule("typography.grow", "x", "xx")]
    outcome = fix_document(Document.from_text("x"), rules, Context(), max_passes=3)
    assert outcome.passes == 3 and not outcome.converged
    assert outcome.text == "x" * 8
    assert outcome.unfixed and outcome.unfixed[0].rule == "typography.grow"


def test_rules_never_see_a_mutated_document():
    seen = []

    class Spy(Rule):
        kind = "spy"

        def check(self, doc, ctx):
            seen.append(doc.text)
            return ()

    text = "keep me"
    check_document(Document.from_text(text), [Spy(meta("typography.spy"), {})], Context())
    assert seen == [text]


def test_regex_timeout_becomes_one_finding_about_the_rule():
    class Slow(Rule):
        kind = "slow"

        def check(self, doc, ctx):
            raise TimeoutError
            yield  # pragma: no cover

    findings = check_document(Document.from_text("text"), [Slow(meta("typography.slow"), {})], Context())
    assert len(findings) == 1 and "abandoned" in findings[0].message


def test_accept_vocabulary_suppresses_findings():
    rule = replace_rule("names.test", "Moscote", "Moscow", fix="unsafe")
    ctx = Context(accept=frozenset({"moscote"}))
    assert check_document(Document.from_text("Moscote: a headline"), [rule], ctx) == []


@pytest.mark.parametrize("seed", range(6))
def test_ledger_maps_later_passes_to_original_offsets(seed):
    rng = random.Random(seed)
    for _ in range(400):
        original = "".join(rng.choice("abcdef") for _ in range(rng.randint(0, 25)))
        ledger, current = EditLedger(original), original
        for pass_number in range(4):
            edits, position = [], 0
            while position <= len(current):
                position += rng.randint(0, 4)
                if position > len(current):
                    break
                end = min(len(current), position + rng.randint(0, 3))
                edit = Edit(position, end, "".join(rng.choice("xyz") for _ in range(rng.randint(0, 3))))
                if all(not edit.overlaps(other) for other in edits):
                    edits.append(edit)
                position = end + (end == position)
            new = apply_edits(current, edits)
            ledger.record(current, [_Pending(e, f"r.{pass_number}", True) for e in edits])
            current = new
            assert replay(original, ledger.entries) == current
            assert all(original[e.start : e.end] == e.before for e in ledger.entries)


def test_the_same_change_from_two_rules_is_reported_once():
    text = "Kiev"

    class Same(Rule):
        kind = "same"

        def check(self, doc, ctx):
            yield self.finding(0, 4, replacement="Kyiv", severity=self.params["severity"])

    low = Same(meta("names.low", "unsafe"), {"severity": Severity.INFO})
    high = Same(meta("names.high", "safe"), {"severity": Severity.WARNING})
    findings = check_document(Document.from_text(text), [low, high], Context())
    assert [f.rule for f in findings] == ["names.high"]
    # a safe fix is never hidden behind a more severe unsafe one
    loud = Same(meta("names.loud", "unsafe"), {"severity": Severity.ERROR})
    findings = check_document(Document.from_text(text), [loud, high], Context())
    assert [f.rule for f in findings] == ["names.high"]


def test_a_wider_edit_making_the_same_change_is_reported_once():
    text = "Officials said the NATO has grown."

    class Narrow(Rule):
        kind = "narrow"

        def check(self, doc, ctx):
            yield self.finding(15, 19, replacement="")  # "the "

    class Wide(Rule):
        kind = "wide"

        def check(self, doc, ctx):
            yield self.finding(15, 23, replacement="NATO")  # "the NATO" -> "NATO"
            yield self.finding(15, 23, replacement="Nato")  # another change: kept

    findings = check_document(Document.from_text(text), [Wide(meta("b.wide", "unsafe"), {}),
                                                          Narrow(meta("a.narrow", "unsafe"), {})], Context())
    assert [(f.rule, f.fix.edits[0].replacement) for f in findings] == [("a.narrow", ""), ("b.wide", "Nato")]
