"""The machine-translation heuristics and quote rules: on the seeds' artifacts, on the
labelled set (fixtures/mt/labelled.json), and their guards against clean text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleanup.document import Document
from cleanup.engine import check_document, fix_document
from cleanup.kinds.base import Context
from cleanup.ruleset import Ruleset
from cleanup.sentences import structure

ROOT = Path(__file__).resolve().parent.parent
RULES = Ruleset.load().select(["mt", "typography"]).rules


class Entry:
    def __init__(self, canonical, variants=(), kind="person"):
        self.canonical, self.variants, self.kind = canonical, list(variants), kind


class Names:
    def __init__(self, *entries):
        self.entries = list(entries)


def findings(text, rules=RULES, ctx=None):
    return check_document(Document.from_text(text), rules, ctx or Context(names_loader=lambda: None))


def seed(prefix):
    return next((ROOT / "seeds").glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


@pytest.mark.parametrize("prefix,rule,text", [
    (row["seed"], row["rule"], row["text"])
    for row in json.loads((ROOT / "fixtures" / "mt" / "seed-artifacts.json").read_text(encoding="utf-8"))
    if not row["rule"].startswith("names.")  # the names rules need the table: tests/test_mt_seeds.py
])
def test_seed_artifact_is_found(prefix, rule, text):
    doc_text = seed(prefix)
    hits = [doc_text[f.start:f.end] for f in findings(doc_text) if f.rule == rule]
    assert text in hits


def test_seed_quotes_are_repaired_by_fixes():
    doc_text = seed("002")
    outcome = fix_document(Document.from_text(doc_text), RULES, Context(names_loader=lambda: None), unsafe=True)
    assert "said, ‘He can break in" in outcome.text
    assert "made the decision.” “I think" in outcome.text
    assert "Stated." not in outcome.text


def test_labelled_set_recall_and_no_false_alarms():
    items = json.loads((ROOT / "fixtures" / "mt" / "labelled.json").read_text(encoding="utf-8"))
    artifacts = [i for i in items if i["rule"]]
    found = sum(i["rule"] in {f.rule for f in findings(i["text"])} for i in artifacts)
    alarms = [i["text"] for i in items if not i["rule"]
              and any(f.severity.value != "info" for f in findings(i["text"]))]
    assert found / len(artifacts) >= 0.8
    assert alarms == []


def test_first_person_quiet_on_first_person_writing():
    speech = "I said we would act. " * 3 + "The senator said no. Officials told us so. I kept my word."
    assert not [f for f in findings(speech) if f.rule == "mt.first-person"]


def test_first_person_quiet_inside_multi_paragraph_quote():
    text = ("The minister said the talks failed. Officials told reporters more were planned.\n"
            "“We are ready to talk. I asked them to come back.\n"
            "“Nobody wants war,” she added.\n")
    assert not [f for f in findings(text) if f.rule == "mt.first-person"]


def test_orphan_name_uses_names_table_and_works_without_it():
    text = "The plan was the main grievance of the government. Biden."
    assert not [f for f in findings(text) if f.rule == "mt.orphan-fragment"]  # one word: not a name alone
    ctx = Context(names_loader=lambda: Names(Entry("Joe Biden", ["Biden"])))
    assert [f for f in findings(text, ctx=ctx) if f.rule == "mt.orphan-fragment"]


def test_orphan_name_is_not_deleted():
    text = "It is the main grievance of the government. Vladimir Putin."
    orphan = [f for f in findings(text) if f.rule == "mt.orphan-fragment"]
    assert orphan and orphan[0].fix is None


def test_capitalised_word_skips_headlines_and_titles():
    text = "Talks Resume Given New Pressure\nHe said the film Gone With the Wind was long.\n"
    assert not [f for f in findings(text) if f.rule == "mt.capitalised-word"]


def test_sentence_split_keeps_abbreviations_and_offsets():
    text = "The U.S. Department said Mr. Smith left. Then Gen. Lee spoke.\n“Yes.” He nodded."
    shape = structure(text)
    assert [s.text for s in shape.sentences] == [
        "The U.S. Department said Mr. Smith left.", "Then Gen. Lee spoke.", "“Yes.”", "He nodded."]
    assert all(text[s.start:s.end] == s.text for s in shape.sentences)
