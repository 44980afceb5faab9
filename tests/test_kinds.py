"""The generic rule kinds: pattern, phrases, line, doubled-word."""

from __future__ import annotations

from cleanup.document import Document
from cleanup.engine import check_document, fix_document
from cleanup.kinds.base import Context, RuleMeta
from cleanup.kinds.doubled_word import DoubledWordRule
from cleanup.kinds.line import LineRule
from cleanup.kinds.pattern import PatternRule
from cleanup.kinds.phrases import PhrasesRule, match_case
from cleanup.model import FixSafety, Severity
from cleanup.phrasematch import PhraseMatcher


def rule(cls, rule_id="typography.test", fix="safe", message="found {match}", **params):
    defaults = {name: spec.default for name, spec in cls.PARAMS.items()}
    defaults.update(params)
    return cls(RuleMeta(rule_id, cls.kind, Severity.WARNING, message, FixSafety(fix), message), defaults)


def run(r, text):
    return check_document(Document.from_text(text), [r], Context())


def fixed(r, text, unsafe=False):
    return fix_document(Document.from_text(text), [r], Context(), unsafe=unsafe).text


def test_pattern_replacement_groups_and_message():
    r = rule(PatternRule, pattern=r"(\w+) ,", replacement=r"\1,")
    [finding] = run(r, "Kyiv , Lviv")
    assert finding.message == "found Kyiv ," and finding.replacement == "Kyiv,"
    assert fixed(r, "Kyiv , Lviv") == "Kyiv, Lviv"


def test_pattern_exceptions_and_no_fix():
    r = rule(PatternRule, pattern=r"\bKiev\b", exceptions=["Kiev"], fix="none")
    assert run(r, "Kiev") == []
    r = rule(PatternRule, pattern=r"\bKiev\b", fix="none", replacement="Kyiv")
    [finding] = run(r, "Kiev")
    assert finding.fix is None


def test_pattern_unsafe_fix_needs_flag():
    r = rule(PatternRule, pattern="colour", replacement="color", fix="unsafe")
    assert fixed(r, "colour") == "colour"
    assert fixed(r, "colour", unsafe=True) == "color"


def test_phrases_whole_words_and_case():
    r = rule(PhrasesRule, rule_id="mt.test", swap={"lethal aids": "lethal aid"})
    assert fixed(r, "Lethal aids and lethal aids.") == "Lethal aid and lethal aid."
    assert run(r, "lethal aidstation") == []
    assert match_case("readouts", "READS") == "READOUTS"


def test_phrase_matcher_prefers_leftmost_longest_whole_word():
    matcher = PhraseMatcher(["new york", "york", "new york times"])
    hits = [(s, e, p) for s, e, p, _ in matcher.finditer("The New York Times and York")]
    assert hits == [(4, 18, "new york times"), (23, 27, "york")]
    # a longer partial match must not hide a whole-word one
    assert [p for *_, p, _ in PhraseMatcher(["ab", "abc"]).finditer("abcd ab")] == ["ab"]


def test_phrase_matcher_keeps_offsets_with_length_changing_case():
    text = "İstanbul says Share this"
    hits = list(PhraseMatcher(["share this"]).finditer(text))
    assert text[hits[0][0] : hits[0][1]] == "Share this"


def test_line_rule_removes_whole_line_keeping_paragraphs():
    r = rule(LineRule, rule_id="boilerplate.test", phrases=["share this article"])
    text = "Para one.\n\nSHARE THIS ARTICLE\n\nPara two.\n"
    assert fixed(r, text) == "Para one.\n\nPara two.\n"
    assert fixed(r, "Para one.\nShare this article") == "Para one."
    assert run(r, "Please share this article with friends, he said.") == []


def test_line_rule_modes_and_length_limit():
    r = rule(LineRule, rule_id="boilerplate.test", phrases=["read more"], match="prefix", max_length=30)
    assert len(run(r, "Read more: the full story\n")) == 1
    assert run(r, "Read more " + "x" * 40) == []
    r = rule(LineRule, rule_id="boilerplate.test", pattern=r"\d+:\d\d")
    assert len(run(r, "intro\n2:47\n")) == 1


def test_doubled_word():
    r = rule(DoubledWordRule, allowed=["had had"])
    assert fixed(r, "the the troops") == "the troops"
    assert run(r, "She had had enough") == []
    assert run(r, "Bora Bora") == []
    assert run(r, "the\nthe") == []  # a line break is not a typo
