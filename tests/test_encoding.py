"""Encoding rules: mojibake repair (ftfy plus our code-page search), lost bytes, control
and invisible characters, HTML references, no-break spaces."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from cleanup import recode
from cleanup.api import check_text, fix_text, load_rules
from cleanup.kinds.base import Context

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from encoding_cases import build_cases, garble, sentences  # noqa: E402

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
ENCODING = load_rules(select=["encoding"])


def fix(text: str, **kwargs) -> str:
    return fix_text(text, rules=ENCODING, **kwargs).text


def test_seed_002_name_is_repaired_and_nothing_else_in_any_seed():
    changed = {}
    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        outcome = fix_text(text, rules=ENCODING)
        changed[path.name] = [(e.before, e.after, e.rule) for e in outcome.edits]
    repaired = "Sergeń≠".encode("mac_latin2").decode("utf-8")
    assert "Sergeń≠" == repaired.encode("utf-8").decode("mac_latin2")  # what the seed shows
    expected = {path.name: [] for path in SEEDS}
    expected["002_0f3790107ac6dcad.txt"] = [("Sergeń≠", repaired, "encoding.mojibake")]
    assert changed == expected


def test_seed_002_message_names_the_code_pages():
    text = (ROOT / "seeds" / "002_0f3790107ac6dcad.txt").read_text(encoding="utf-8")
    findings = [f for f in check_text(text, rules=ENCODING) if f.rule == "encoding.mojibake"]
    assert len(findings) == 1
    assert "mac_latin2" in findings[0].message and "UTF-8" in findings[0].message
    assert findings[0].fix.safe


@pytest.mark.parametrize("sentence", sentences())
def test_clean_sentences_in_many_scripts_never_change(sentence):
    assert fix(sentence) == sentence
    assert [f.rule for f in check_text(sentence, rules=ENCODING) if f.rule == "encoding.mojibake"] == []


LEGITIMATE = [
    "Сергей Лавров, Володимир Зеленський, Аляксандр Лукашэнка, Ёлка, ЦЕНТР, ТАСС",
    "Κυριάκος Μητσοτάκης, Αθήνα, δημοκρατία, ΕΛΛΑΔΑ",
    "Erdoğan, Çavuşoğlu, İstanbul, Şanlıurfa, ığdır",
    "Łódź, Gdańsk, Przemyśl, Żółć, Źródło",
    "Dvořák, Řehoř, Čaputová, Ďurovič, Miloš",
    "Constanța, Timișoara, Brăila, Chișinău, Bălți",
    "Nguyễn Phú Trọng, Phạm Minh Chính, Hà Nội, Đà Nẵng",
    "Сёмин, Семён, Пётр, Київ, Їжак, ґанок",
]


@pytest.mark.parametrize("text", LEGITIMATE)
def test_legitimate_text_in_other_scripts_is_untouched(text):
    assert fix(text) == text


@pytest.mark.parametrize("codec", [name for name, _label in recode.CODECS])
def test_each_code_page_is_repaired_word_and_sentence(codec):
    sentence = "Foreign Minister Сергей Лавров met Mevlüt Çavuşoğlu and Κυριάκος Μητσοτάκης."
    for text in (garble(sentence, codec), garble(sentence, codec, codec)):
        if text is not None:
            assert fix(text) == sentence, (codec, text)


def test_finding_is_the_smallest_span_and_a_run_of_words_is_one_finding():
    text = "The minister " + garble("Сергей Лавров", "cp1251") + " said “yes”."
    findings = [f for f in check_text(text, rules=ENCODING) if f.rule == "encoding.mojibake"]
    assert len(findings) == 1
    assert text[findings[0].start : findings[0].end] == garble("Сергей Лавров", "cp1251")
    assert findings[0].replacement == "Сергей Лавров"


def test_a_quoted_word_keeps_its_quotes():
    text = "He said “" + garble("Київ", "koi8-u") + "” twice."
    finding = next(f for f in check_text(text, rules=ENCODING) if f.rule == "encoding.mojibake")
    assert text[finding.start : finding.end] == garble("Київ", "koi8-u")
    assert fix(text) == "He said “Київ” twice."


def test_ftfy_negative_looking_text_is_left_alone():
    for text in ["(-1/2)! = √π", "AHÅ™, the new sofa", "NICIODATĂ™", "ESSE CARA AI QUEM É¿",
                 "``toda produzida pronta pra assa aí´´", "├┤a┼┐a┼┐a", "Bremer/Mccoy – DrÃ¥ber"]:
        assert fix(text) == text, text


def test_pure_ascii_lines_skip_the_search(monkeypatch):
    calls = []
    monkeypatch.setattr(recode, "ftfy_repairs", lambda line: calls.append(line) or [])
    text = "Plain ASCII line.\nAnother “quoted” line.\nCaf" + garble("é", "cp1252") + " au lait"
    check_text(text, rules=ENCODING)
    assert calls == ["Caf" + garble("é", "cp1252") + " au lait"]


def test_benchmark_set_is_large_and_mostly_repaired():
    cases = build_cases(sentences()[:6])
    garbled = [c for c in cases if c.kind != "clean"]
    assert len(build_cases()) >= 500
    fixed = sum(fix(c.garbled) == c.expected for c in garbled)
    assert fixed / len(garbled) >= 0.95
    assert all(fix(c.garbled) == c.expected for c in cases if c.kind == "clean")


# --- the other encoding rules ------------------------------------------------------


def test_replacement_char_has_no_fix_without_a_fitting_name():
    findings = check_text("Minister Lavr\ufffdv said", rules=ENCODING, ctx=Context(names_loader=table))
    (finding,) = [f for f in findings if f.rule == "encoding.replacement-char"]
    assert finding.fix is None


def test_replacement_char_survives_a_names_table_that_fails():
    def broken():
        raise RuntimeError("names table is being written")

    findings = check_text("Lavr\ufffdv", rules=ENCODING, ctx=Context(names_loader=broken))
    assert [f.fix for f in findings if f.rule == "encoding.replacement-char"] == [None]


def table(*entries):
    return SimpleNamespace(entries=[SimpleNamespace(canonical=c, variants=tuple(v)) for c, v in entries])


def test_replacement_char_repaired_from_an_unambiguous_name():
    names = table(("Sergey Lavrov", ["Sergei Lavrov"]), ("Antony Blinken", []))
    ctx = Context(names_loader=lambda: names)
    outcome = fix_text("Minister Lavr\ufffdv said", rules=ENCODING, ctx=ctx, unsafe=True)
    assert outcome.text == "Minister Lavrov said"
    safe_only = fix_text("Minister Lavr\ufffdv said", rules=ENCODING, ctx=ctx)
    assert safe_only.text == "Minister Lavr\ufffdv said"  # a guess from names is unsafe


def test_replacement_char_not_repaired_when_two_names_fit():
    names = table(("Sergey Lavrov", []), ("Pavel Lavrav", []))
    ctx = Context(names_loader=lambda: names)
    outcome = fix_text("Minister Lavr\ufffdv said", rules=ENCODING, ctx=ctx, unsafe=True)
    assert outcome.text == "Minister Lavr\ufffdv said"


def test_two_spellings_of_one_name_repair_to_the_canonical():
    names = table(("Sergey Lavrov", ["Sergei Lavrov"]))
    ctx = Context(names_loader=lambda: names)
    outcome = fix_text("Serge\ufffd Lavrov", rules=ENCODING, ctx=ctx, unsafe=True)
    assert outcome.text == "Sergey Lavrov"


def test_bidi_control_is_an_error_and_says_it_is_a_security_issue():
    findings = [f for f in check_text("access \u202euser\u202c", rules=ENCODING) if f.rule == "encoding.invisible"]
    assert findings and all(f.severity.value == "error" for f in findings)
    assert "CVE-2021-42574" in findings[0].message and "security" in findings[0].message
    assert findings[0].fix.safe
    hebrew = [f for f in check_text("שלום \u202bworld\u202c", rules=ENCODING) if f.rule == "encoding.invisible"]
    assert hebrew and not hebrew[0].fix.safe  # right-to-left text may need its controls


def test_c1_control_inside_utf8_mojibake_is_left_to_mojibake():
    text = "Ecuador" + "’".encode("utf-8").decode("latin-1") + "s decision"
    rules = {f.rule for f in check_text(text, rules=ENCODING)}
    assert "encoding.control-char" not in rules and "encoding.mojibake" in rules
    assert fix(text) == "Ecuador’s decision"


def test_c1_control_without_windows_1252_meaning_is_reported_not_fixed():
    (finding,) = [f for f in check_text("odd \x81 byte", rules=ENCODING) if f.rule == "encoding.control-char"]
    assert finding.fix is None


def test_double_escaped_entity_unescapes_to_a_fixpoint():
    assert fix("Q&amp;amp;A") == "Q&A"


def test_nbsp_is_off_by_default_and_does_not_double_report_typography():
    default = load_rules()
    assert default.get("encoding.nbsp") is None
    assert default.get("typography.multiple-spaces") is not None
    text = "News \u00a0/ \u00a0Military"
    findings = check_text(text, rules=ENCODING)
    assert [f.rule for f in findings] == ["encoding.nbsp", "encoding.nbsp"]
    assert all(not f.fix.safe for f in findings)
    assert fix(text) == text  # safe fixes keep the seeds' no-break spaces
