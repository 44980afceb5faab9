"""Every rule's examples, from its rule file: bad ones are found (and fixed as stated),
good ones are not."""

from __future__ import annotations

import pytest

from cleanup.document import Document
from cleanup.engine import check_document, fix_document
from cleanup.kinds.base import Context
from cleanup.ruleset import Ruleset

RULESET = Ruleset.load()
CASES = []
for rule in RULESET.rules:
    examples = rule.meta.examples
    for index, bad in enumerate(examples.bad):
        fixed = examples.fixed[index] if examples.fixed else None
        CASES.append(pytest.param(rule, "bad", bad, fixed, id=f"{rule.id}-bad{index}"))
    for index, good in enumerate(examples.good):
        CASES.append(pytest.param(rule, "good", good, None, id=f"{rule.id}-good{index}"))


@pytest.fixture(scope="module")
def ctx():
    return Context()


def test_every_rule_has_examples():
    missing = [r.id for r in RULESET.rules if not (r.meta.examples.bad and r.meta.examples.good)]
    assert not missing, f"rules without bad and good examples: {missing}"


@pytest.mark.parametrize("rule,which,text,fixed", CASES)
def test_example(rule, which, text, fixed, ctx):
    ctx.corpus = {}
    if rule.corpus_level:
        # a corpus-level rule's example is a corpus: documents separated by form feeds;
        # the first document is the one checked and fixed
        documents = [Document.from_text(part) for part in text.split("\f")]
        ctx.corpus = {rule.id: rule.merge([rule.gather(d, ctx) for d in documents])}
        text = documents[0].text
    doc = Document.from_text(text)
    if hasattr(rule, "example_findings"):  # rules that read bytes, not text
        findings = rule.example_findings(text, ctx)
        fixed = None
    else:
        findings = [f for f in check_document(doc, [rule], ctx) if f.rule == rule.id]
    if which == "good":
        assert findings == [], f"{rule.id} flags a good example: {findings}"
        return
    assert findings, f"{rule.id} misses a bad example: {text!r}"
    if fixed is not None:
        outcome = fix_document(doc, [rule], ctx, unsafe=True)
        assert outcome.text == fixed
