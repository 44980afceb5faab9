"""A listed exception ("chicken Kiev") is no spelling of its entity for any names rule:
not replaced by names.variant, and not counted as a minority form by
names.inconsistent (which then proposed "chicken Kyiv" once the other "Kiev" of the
text was fixed: a second fix changed the text again, as hypothesis found in CI)."""

from __future__ import annotations

from .test_invariants import describe, fixed


def test_an_exception_is_not_a_minority_form():
    text = "The minister flew to Kiev on Monday.\nHe ordered chicken Kiev at the restaurant."
    outcome = fixed(text, unsafe=True)
    assert "chicken Kiev" in outcome.text and "to Kyiv" in outcome.text
    assert not [e for e in outcome.edits if e.rule == "names.inconsistent"], describe(outcome.edits)


def test_fixing_twice_changes_nothing_more():
    text = "the the the the Kiev \nHe ordered chicken Kiev at the restaurant."
    once = fixed(text, unsafe=True)
    assert fixed(once.text, unsafe=True).edits == []
