"""Grammar through LanguageTool on REAL recorded /v2/check responses
(fixtures/languagetool/recorded/, sources and licences in fixtures/languagetool/README.md),
replayed by the stand-in server for the exact texts they answer. The hand-written
responses in fixtures/languagetool/synthetic/ are not used here."""

from __future__ import annotations

import pytest

from cleanup.document import Document
from cleanup.engine import check_document
from cleanup.kinds.base import Context
from cleanup.kinds.grammar import parse_match, utf16_to_codepoints
from cleanup.ruleset import Ruleset

from .languagetool_server import RECORDED, fixtures

GRAMMAR = Ruleset.load().select(["grammar"]).rules
RECORDINGS = fixtures(RECORDED)


def context(url, **extra):
    return Context(settings={"grammar": {"url": url}}, names_loader=lambda: None, **extra)


def found(text, ctx):
    return check_document(Document.from_text(text), GRAMMAR, ctx)


def recording(text):
    [data] = [d for d in RECORDINGS if d["request"]["text"] == text]
    return data


def test_every_recording_names_its_source_and_is_not_synthetic():
    assert len(RECORDINGS) >= 3
    for data in RECORDINGS:
        assert "synthetic" not in data
        assert {"repository", "path", "licence"} <= set(data["source"])
        assert data["response"]["software"]["name"] == "LanguageTool"


@pytest.mark.parametrize("data", RECORDINGS, ids=lambda d: d["request"]["text"][:20])
def test_recorded_offsets_line_up_with_the_request_text(data):
    """The response's own context excerpt must equal the request text at offset/length,
    which proves the stored request text is the one the server answered."""
    text = data["request"]["text"]
    to_codepoints = utf16_to_codepoints(text)
    for raw in data["response"]["matches"]:
        match = parse_match(raw, to_codepoints, 0)
        context_text = raw["context"]["text"]
        expected = context_text[raw["context"]["offset"] : raw["context"]["offset"] + raw["context"]["length"]]
        assert text[match.start : match.end] == expected


@pytest.mark.parametrize("data", RECORDINGS, ids=lambda d: d["request"]["text"][:20])
def test_every_recorded_match_becomes_a_finding(languagetool, data):
    url, requests = languagetool
    text = data["request"]["text"]
    findings = found(text, context(url))
    assert requests[-1]["text"] == text
    expected = sorted(
        (m["offset"], m["offset"] + m["length"], m["replacements"][0]["value"], m["rule"]["id"])
        for m in data["response"]["matches"])
    assert sorted((f.start, f.end, f.replacement, f.message.split("(LanguageTool ")[1].split(")")[0])
                  for f in findings) == expected
    assert all(f.rule == "grammar.spelling" and not f.fix.safe for f in findings)


def test_yalafi_recording_spelling_with_several_suggestions(languagetool):
    url, _ = languagetool
    text = "This is a testx."
    [finding] = found(text, context(url))
    assert (text[finding.start:finding.end], finding.replacement) == ("testx", "test")
    assert finding.message.endswith("other suggestions: tests, testy, test x")
    assert "MORFOLOGIK_RULE_EN_GB" in finding.message


def test_newer_recording_with_sentence_ranges_and_premium_fields(languagetool):
    """LanguageTool 6.5 adds sentenceRanges, extendedSentenceRanges, rule.isPremium,
    rule.confidence and detectedLanguage.source; they must not disturb the client."""
    url, _ = languagetool
    text = "This is a simple text with a speling mistake."
    response = recording(text)["response"]
    assert "sentenceRanges" in response and "isPremium" in response["matches"][0]["rule"]
    [finding] = found(text, context(url))
    assert (text[finding.start:finding.end], finding.replacement) == ("speling", "spelling")


def test_accepted_word_drops_a_recorded_match(languagetool):
    url, _ = languagetool
    assert [f.replacement for f in found("misstake", context(url))] == ["mistake"]
    assert found("misstake", context(url, accept=frozenset({"misstake"}))) == []


def test_missing_and_null_fields_are_tolerated():
    """Derived from a real match with fields removed or nulled, as older servers and
    proxies send them: the span survives, a match without a span is dropped."""
    raw = recording("misstake")["response"]["matches"][0]
    identity = utf16_to_codepoints("misstake")
    sparse = {"offset": raw["offset"], "length": raw["length"], "rule": {"id": raw["rule"]["id"], "category": None},
              "replacements": None, "message": None}
    match = parse_match(sparse, identity, 0)
    assert (match.start, match.end, match.category, match.replacements) == (0, 8, "", ())
    assert parse_match({k: v for k, v in raw.items() if k != "offset"}, identity, 0) is None
    assert parse_match({**raw, "length": None}, identity, 0) is None
