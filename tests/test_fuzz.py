"""A short, bounded fuzz run in CI: the harness of bench/fuzz.py (the engine, every rule
kind, and hostile rules built from fuzzed regexes and phrases) driven by hypothesis for a
few seconds. The long coverage-guided run (atheris) is documented in bench/README.md."""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup.engine import choose_fixes, fix_order
from cleanup.kinds.base import Rule
from cleanup.model import Edit, Finding, Fix, Severity

ROOT = Path(__file__).resolve().parent.parent


def load_fuzz_module():
    spec = importlib.util.spec_from_file_location("cleanup_bench_fuzz", ROOT / "bench" / "fuzz.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


FUZZ = load_fuzz_module()
HARNESS = FUZZ.Harness()


def test_every_rule_kind_is_a_target():
    from cleanup.ruleset import Ruleset

    kinds = {r.meta.kind for r in Ruleset.load().rules} - {"input"}
    assert {f"kind:{k}" for k in kinds} <= set(HARNESS.targets)
    assert {"engine", "hostile:pattern", "hostile:phrases", "hostile:line", "hostile:doubled-word"} <= set(
        HARNESS.targets
    )


@settings(max_examples=100, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(case=FUZZ.cases(HARNESS))
def test_fuzz_harness_short_run(case):
    HARNESS.run(case)


@pytest.mark.parametrize("pattern", [r"(a+)+$", r"(\w+\s?)*$", r"^(\s*)*x"])
def test_hostile_pattern_is_abandoned_quickly(pattern):
    text = "a" * 40 + "!" + " word" * 30
    started = time.perf_counter()
    HARNESS.run(FUZZ.Case("hostile:pattern", text, pattern=pattern, replacement=""))
    assert time.perf_counter() - started < 5


class _Broken(Rule):
    """Stands in for a buggy rule kind: its finding runs past the end of the text."""

    kind = "fuzz-broken"

    def check(self, doc, ctx):
        yield Finding(self.id, "broken", 0, len(doc.text) + 5, Severity.INFO)


def test_harness_catches_a_broken_rule():
    from cleanup.kinds.base import RuleMeta
    from cleanup.model import FixSafety

    meta = RuleMeta("typography.fuzz-broken", "fuzz-broken", Severity.INFO, "m", FixSafety.NONE, "s")
    harness = FUZZ.Harness()
    harness.by_target["kind:fuzz-broken"] = [_Broken(meta, {})]
    with pytest.raises(FUZZ.FuzzFailure, match="outside the text"):
        harness.run(FUZZ.Case("kind:fuzz-broken", "some text"))


def reference_choice(findings, *, unsafe):
    """choose_fixes as first written: every new edit tested against every chosen one."""
    chosen, taken = [], []
    for finding in sorted([f for f in findings if f.fix and (f.fix.safe or unsafe)], key=fix_order):
        edits = finding.fix.edits
        spans = sorted(edits, key=lambda e: (e.start, e.end))
        if len({(e.start, e.end) for e in edits}) != len(edits) or any(
            a.overlaps(b) for a, b in zip(spans, spans[1:])
        ):
            continue
        if all(edit in taken for edit in edits):
            continue
        if any(edit.overlaps(other) for edit in edits for other in taken):
            continue
        chosen.append(finding)
        taken.extend(edits)
    return chosen


EDITS = st.builds(
    lambda start, length, text: Edit(start, start + length, text),
    st.integers(0, 30), st.integers(0, 4), st.sampled_from(["", "x", "yy"]),
)
FINDINGS = st.builds(
    lambda rule, edits, safe: Finding(rule, "m", min(e.start for e in edits), max(e.end for e in edits),
                                      Severity.INFO, Fix(tuple(edits), safe)),
    st.sampled_from(["typography.a", "typography.b", "mt.c"]),
    st.lists(EDITS, min_size=1, max_size=3),
    st.booleans(),
)


@settings(max_examples=300, deadline=None)
@given(findings=st.lists(FINDINGS, max_size=25), unsafe=st.booleans())
def test_choosing_fixes_matches_the_quadratic_reference(findings, unsafe):
    assert choose_fixes(findings, unsafe=unsafe) == reference_choice(findings, unsafe=unsafe)


def test_choosing_many_fixes_is_fast():
    findings = [Finding("typography.a", "m", i, i, Severity.INFO, Fix((Edit(i, i, "x"),), True))
                for i in range(60_000)]
    started = time.perf_counter()
    assert len(choose_fixes(findings, unsafe=False)) == 60_000
    assert time.perf_counter() - started < 10
