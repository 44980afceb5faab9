"""Quotation-mark rules and the language gate on the cases real professional text has:
quotations over several paragraphs, hard-wrapped lines, double marks written as two
single ones, elisions, quoted emphasis, and text that is not English."""

from __future__ import annotations

import pytest

from cleanup.document import Document
from cleanup.engine import check_document
from cleanup.kinds.base import Context
from cleanup.language import language_evidence, looks_english
from cleanup.ruleset import Ruleset

RULES = Ruleset.load().select(["mt", "typography"]).rules


def rules_hit(text: str) -> list[str]:
    found = check_document(Document.from_text(text), RULES, Context(names_loader=lambda: None))
    return sorted(f.rule for f in found if f.severity.value != "info")


@pytest.mark.parametrize("text", [
    "“The first paragraph of a long quotation.\n\n“The second paragraph.\n\n“The last one,” she said.",
    "He said the talks “went on\nfor hours” and then left.",
    "‘‘It was an attempt to mislead voters,’’ the chief executive said.",
    "She said: “He told me ‘never again’ and walked out.”",
    "It was the ’90s, the years of rock ’n’ roll. ’Tis true, he said.",
    "“Thanks a lot!!” wrote one reader in the comments.",
])
def test_quiet_on_correct_quotations(text):
    assert rules_hit(text) == []


@pytest.mark.parametrize("text,rule", [
    ("He said “the talks failed.\n\nThen he left the room.", "typography.unbalanced-quotes"),
    ("He said “the talks failed.\nThen he left the room.", "typography.unbalanced-quotes"),
    ("The talks failed,” he said. Then he left.", "typography.unbalanced-quotes"),
    ("He said,’We will see.’", "typography.apostrophe-as-quote"),
])
def test_broken_quotations_reported(text, rule):
    assert rule in rules_hit(text)


def test_space_inside_quotes_is_info_with_a_safe_fix():
    text = "Football food is “ comfort food” for many fans."
    found = [f for f in check_document(Document.from_text(text), RULES, Context())
             if f.rule == "typography.space-inside-quotes"]
    assert [(f.severity.value, f.fix.safe) for f in found] == [("info", True)]


GERMAN = ("Die Digitalisierung ist ein Treiber für das Wachstum der Unternehmen und der "
          "Gesellschaft. Wir haben mit den Partnern gesprochen , und sie sind bereit : "
          "„Das ist gut“, sagte er. Das ist ein Test und das ist auch gut so.")
INDONESIAN = ("Jangan lebay dalam mencintai atau membenci sesuatu. Biasa biasa saja. Jangan "
              "sampai karena kita amat membenci satu kaum, kita tidak bisa berbuat adil "
              "kepada mereka yang ada di dalam kelompok itu dan dengan mereka.")
FRENCH = ("Le ministre a dit que la France et les alliés sont prêts : nous verrons bien "
          "ce que le gouvernement fera pour les habitants de la région . « Vraiment ? » "
          "Oui ! Les informations sont dans le rapport.")


@pytest.mark.parametrize("text", [GERMAN, INDONESIAN, FRENCH])
def test_language_gate_quiets_english_rules_on_other_languages(text):
    assert not looks_english(text)
    assert rules_hit(text) == []


def test_language_gate_keeps_english_lists_and_short_text():
    results = "Palm Bay d. Rockledge 70-44\nRockledge 14 12 9 9 - 44\nPalm Bay 20 18 16 16 - 70\n" * 4
    assert looks_english(results)  # no other language's function words either
    assert looks_english("Stated.")  # too short to say
    prose = "The minister said the talks would go on, and that the troops were ready for it. " * 3
    evidence = language_evidence(prose)
    assert evidence.is_english and evidence.english > 0.3 and evidence.other < 0.05


def test_language_gate_on_non_latin_script():
    assert not looks_english("Характеристики бега можно увеличить за счет кодов стандартной " * 5)


def test_first_person_quiet_on_embedded_post_and_a_coal_mine():
    text = ("The senator said she would forgive him. Her aides told reporters the letter was sent.\n\n"
            "Sharing my full letter on the sentencing of a man who threatened my life.\n"
            "We must apply compassion to justice.\n\n"
            "— Rep. Jane Doe (@janedoe) November 19, 2019\n\n"
            "The chain may be another canary in the industry’s coal mine, analysts said.")
    assert "mt.first-person" not in rules_hit(text)
    reported = text.replace("\n\n— Rep. Jane Doe (@janedoe) November 19, 2019", "")
    assert "mt.first-person" in rules_hit(reported)


@pytest.mark.parametrize("text,hit", [
    ("The matter was referred to to a committee.", False),
    ("Respecting it it will be important to act.", False),
    ("He was engaged in in the public service.", True),
    ("He went to to the border.", True),
])
def test_doubled_word_grammatical_pairs(text, hit):
    assert ("typography.doubled-word" in rules_hit(text)) is hit
