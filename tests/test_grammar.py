"""Grammar through LanguageTool: the real client code (HTTP, UTF-16 offsets, category
routing, names and accepted words dropped, unsafe fixes) against a stand-in server on
127.0.0.1 that replays /v2/check responses; no LanguageTool runs here.

SYNTHETIC: the responses these tests use (fixtures/languagetool/synthetic/) are
hand-written to LanguageTool's documented schema, not recorded, because no public
recording answers these texts (the rule examples of rules/grammar.toml, an astral
character before a match, names). tests/test_grammar_recorded.py runs the same client on
real recorded responses."""

from __future__ import annotations

import socket

import pytest

from cleanup.document import Document
from cleanup.engine import check_document, fix_document
from cleanup.kinds.base import Context, ServiceUnavailable
from cleanup.ruleset import Ruleset

GRAMMAR = Ruleset.load().select(["grammar"]).rules


class Entry:
    def __init__(self, canonical, variants=()):
        self.canonical, self.variants, self.kind = canonical, list(variants), "person"


class Names:
    entries = [Entry("Nick Ciolino")]


def context(url, required=False, **extra):
    return Context(settings={"grammar": {"url": url, "required": required}}, names_loader=lambda: None, **extra)


def found(text, ctx):
    return check_document(Document.from_text(text), GRAMMAR, ctx)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_grammar_rules_are_off_by_default():
    assert GRAMMAR and all(not r.meta.default for r in GRAMMAR)
    assert not any(r.id.startswith("grammar.") for r in Ruleset.load().select())


def test_matches_become_grammar_findings_with_unsafe_fixes(languagetool):
    url, requests = languagetool
    text = "He visited the Pentagom on Tuesday and met Kirby."
    findings = found(text, context(url))
    assert [(f.rule, text[f.start:f.end], f.replacement, f.fix.safe) for f in findings] == [
        ("grammar.spelling", "Pentagom", "Pentagon", False)]
    assert "MORFOLOGIK_RULE_EN_US" in findings[0].message and "Pentagons" in findings[0].message
    assert requests[-1] == {"text": text, "language": "en-US"}
    outcome = fix_document(Document.from_text(text), GRAMMAR, context(url))
    assert outcome.text == text  # suggestions are unsafe: plain fix leaves them


def test_categories_route_to_rules(languagetool):
    url, _ = languagetool
    assert [f.rule for f in found("She go to the ministry every day.", context(url))] == ["grammar.grammar"]
    assert [f.rule for f in found("this is a simple test.", context(url))] == ["grammar.typography"]
    style = found("The talks were held in order to reach a final conclusion.", context(url))
    assert [(f.rule, f.severity.value) for f in style] == [("grammar.style", "info")]


def test_utf16_offsets_become_code_points(languagetool):
    url, _ = languagetool
    text = "The talks 😀 failed , the minister said."
    [finding] = found(text, context(url))
    assert text[finding.start:finding.end] == " ,"


def test_names_and_accepted_words_are_not_spelling_mistakes(languagetool):
    url, _ = languagetool
    text = "Spokesman Nick Ciolino said the talks in Kyjiw continue."
    plain = Context(settings={"grammar": {"url": url}}, names_loader=lambda: None)
    assert {text[f.start:f.end] for f in found(text, plain)} == {"Ciolino", "Kyjiw"}
    with_names = Context(settings={"grammar": {"url": url}}, names_loader=Names)
    assert {text[f.start:f.end] for f in found(text, with_names)} == {"Kyjiw"}
    accepting = context(url, accept=frozenset({"kyjiw"}))
    assert "Kyjiw" not in {text[f.start:f.end] for f in found(text, accepting)}


def test_preflight_answers_none_when_the_server_answers(languagetool):
    url, _ = languagetool
    assert all(rule.preflight(context(url, required=True)) is None for rule in GRAMMAR)


def test_unreachable_server_required_raises_and_optional_warns():
    url = f"http://127.0.0.1:{free_port()}"
    rule = GRAMMAR[0]
    with pytest.raises(ServiceUnavailable) as error:
        rule.preflight(context(url, required=True))
    assert url in str(error.value) and "LANGUAGETOOL_URL" in str(error.value)
    warning = rule.preflight(context(url))
    assert warning and "\n" not in warning and "docker" in warning and "--port 8081" in warning
    assert found("She go to the ministry every day.", context(url)) == []
    with pytest.raises(ServiceUnavailable):
        found("She go to the ministry every day.", context(url, required=True))


def test_no_server_configured(monkeypatch):
    monkeypatch.delenv("LANGUAGETOOL_URL", raising=False)
    ctx = Context(names_loader=lambda: None)
    assert "no LanguageTool server is configured" in GRAMMAR[0].preflight(ctx)
    with pytest.raises(ServiceUnavailable):
        GRAMMAR[0].preflight(Context(settings={"grammar": {"required": True}}))
    assert found("She go to the ministry every day.", ctx) == []
