"""The structural and corpus-level boilerplate kinds, on small made-up pages."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from cleanup.document import Document
from cleanup.engine import fix_document, gather_corpus
from cleanup.kinds.base import Context
from cleanup.pagelayout import layout, removal_spans
from cleanup.ruleset import Ruleset

RULES = Ruleset.load().select(["boilerplate"])
PROSE = "The minister said on Monday that the talks would go on for another week at least."
PROSE2 = "Officials in both capitals declined to say whether the troops would be withdrawn soon."


def rule(rule_id):
    found = RULES.get(rule_id)
    assert found is not None, rule_id
    return found


def fixed(text, rule_ids, *, unsafe=True, corpus_texts=None, settings=None):
    rules = [rule(r) for r in rule_ids]
    docs = [Document.from_text(t) for t in (corpus_texts or [text])]
    ctx = Context(corpus=gather_corpus(docs, rules, Context()), settings=settings or {})
    return fix_document(Document.from_text(text), rules, ctx, unsafe=unsafe).text


def page(*top, body=(PROSE, PROSE2), bottom=()):
    return "\n".join([*top, *body, *bottom])


def test_layout_finds_body_and_headline():
    text = "\n".join(["Home", "World", "A headline of several words here", PROSE, "Subhead", PROSE2, "Footer"])
    found = layout(text)
    assert (found.body_start, found.body_end, found.headline) == (3, 5, 2)
    assert found.in_body(4) and found.in_top(0) and found.in_bottom(6)


def test_a_caption_is_not_taken_for_the_headline():
    text = "\n\n".join(["Troops arrive in Poland amid rising tension", "Soldiers march. (Reuters file photo)",
                       PROSE, PROSE2])
    assert layout(text).headline == 0


def test_no_prose_means_no_margin():
    text = "Home\nWorld\nPolitics\nBusiness\nSport"
    assert layout(text).body_start is None
    assert fixed(text, ["boilerplate.menu", "boilerplate.page-margin"]) == text


def test_menu_in_margin_goes_but_a_list_in_the_body_stays():
    text = page("Home", "World", "Politics", "Business", "A headline of several words here",
                body=(PROSE, "Apples", "Pears", "Plums", "Figs", PROSE2))
    result = fixed(text, ["boilerplate.menu"])
    assert result.startswith("A headline of several words here\n")
    assert "Apples\nPears\nPlums\nFigs" in result


def test_page_margin_keeps_headline_and_sentences():
    text = "\n\n".join(["Site Name", "A headline of several words here", PROSE, PROSE2,
                       "Reuters contributed to this report.", "Jane Doe", "Related"])
    result = fixed(text, ["boilerplate.page-margin"])
    assert result == "\n\n".join(["A headline of several words here", PROSE, PROSE2,
                                  "Reuters contributed to this report."])


def test_adjacent_removed_lines_go_as_one_block():
    text = "Intro.\n\nOne\nTwo\n\nOutro."
    doc = Document.from_text(text)
    spans = removal_spans(doc, [2, 3])
    assert "".join(text[a:b] for a, b in sorted(spans.values())) == "One\nTwo\n\n"
    text = "Intro.\n\nOne\nTwo"
    spans = removal_spans(Document.from_text(text), [2, 3])
    assert "".join(text[a:b] for a, b in sorted(spans.values())) == "\n\nOne\nTwo"


def test_repeated_line_only_outside_the_body():
    text = "\n\n".join(["Iran Press TV", "A headline of several words here", "Iran Press TV",
                       PROSE, PROSE2, "Iran Press TV"])
    result = fixed(text, ["boilerplate.repeated-line"])
    assert "Iran Press TV" not in result and PROSE in result
    # a copy inside the body makes the line the article's own: every copy stays
    inside = "\n\n".join(["Iran Press TV", "A headline of several words here", "Iran Press TV",
                         PROSE, "Iran Press TV", PROSE2])
    assert fixed(inside, ["boilerplate.repeated-line"]) == inside


def test_margin_line_rules_ignore_the_body():
    dated = page("A headline of several words here", "Thursday, 27 January 2022 8:04 AM",
                 body=(PROSE, "March 4, 2022", PROSE2))
    result = fixed(dated, ["boilerplate.dateline"])
    assert "Thursday" not in result and "March 4, 2022" in result


CORPUS = [
    "Site Template Line\n\n" + PROSE,
    "Site Template Line\n\n" + PROSE2,
    "Site Template Line\n\nA third story, with its own words, ends here today.",
    "Another site\n\nA fourth story is quite different from the others.",
]


def test_corpus_repeated_line_uses_the_threshold():
    assert "Site Template Line" not in fixed(CORPUS[0], ["boilerplate.corpus-repeated-line"],
                                             unsafe=False, corpus_texts=CORPUS)
    settings = {"boilerplate.corpus-repeated-line": {"threshold": 4}}
    assert "Site Template Line" in fixed(CORPUS[0], ["boilerplate.corpus-repeated-line"],
                                         corpus_texts=CORPUS, settings=settings)


def test_duplicate_documents_count_once():
    corpus = [CORPUS[0], CORPUS[0], CORPUS[0], CORPUS[3]]
    assert fixed(CORPUS[0], ["boilerplate.corpus-repeated-line"], corpus_texts=corpus) == CORPUS[0]


def test_corpus_statistics_pickle_and_merge_in_order():
    corpus_rule = rule("boilerplate.corpus-repeated-line")
    parts = [pickle.loads(pickle.dumps(corpus_rule.gather(Document.from_text(t), Context()))) for t in CORPUS]
    merged = corpus_rule.merge(parts)
    assert merged == corpus_rule.merge(list(parts))
    assert sorted(merged.values()) == [3]


DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "boilerplate-dev"


def dev_set_summary(*, unsafe: bool):
    """(boilerplate lines, removed, article lines, lost, article lines of 3+ words, of
    those lost) of the boilerplate rules over the dev set, scored by bench/boilerplate.py."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    import boilerplate as bench

    return bench.summary(bench.score(bench.load_pages(DATA), RULES.rules, unsafe=unsafe))


@pytest.mark.slow
@pytest.mark.skipif(not (DATA / "page-text.json").is_file(), reason="dev data not present")
def test_safe_fixes_on_the_dev_set_lose_almost_no_sentences():
    total, removed, content, lost, wordy, wordy_lost = dev_set_summary(unsafe=False)
    assert lost / content <= 0.005  # issue 5's target, by the data README's definition
    assert wordy_lost / wordy <= 0.005
    assert removed / total >= 0.6


@pytest.mark.slow
@pytest.mark.skipif(not (DATA / "page-text.json").is_file(), reason="dev data not present")
def test_unsafe_fixes_on_the_dev_set_meet_the_target():
    total, removed, content, lost, _wordy, _wordy_lost = dev_set_summary(unsafe=True)
    assert removed / total >= 0.85 and lost / content <= 0.02  # issue 5's unsafe target


def test_body_grows_over_the_list_a_lead_in_announces():
    rows = [f"June {day} -- Arena {day}, Springfield" for day in range(1, 7)]
    text = "\n\n".join(["Menu", PROSE, PROSE2 + " The dates:"]) + "\n" + "\n".join(rows) + "\n\nFooter"
    found = layout(text)
    last_row = text.split("\n").index(rows[-1])
    assert found.body_end == last_row and found.in_bottom(last_row + 2)
    result = fixed(text, ["boilerplate.page-margin"])
    assert all(row in result for row in rows) and "Footer" not in result


def test_margin_lines_that_echo_the_article_are_kept():
    text = "\n\n".join(["Markets", "Politics", "A headline of several words here", PROSE, PROSE2])
    result = fixed(text, ["boilerplate.page-margin"])
    assert "Markets" not in result and "Politics" not in result
    text = "\n\n".join(["Monday", "Politics", "A headline of several words here", PROSE, PROSE2])
    assert fixed(text, ["boilerplate.page-margin"]).startswith("Monday\n")


def test_far_margin_acts_only_far_from_the_body():
    top = ["Home", "World", "Politics", "Business", "Sport", "Weather"]
    text = "\n".join([*top, "A headline of several words here", "", PROSE, PROSE2])
    found = layout(text)
    assert [found.distance(i) for i in range(len(top))] == [7, 6, 5, 4, 3, 2]
    result = fixed(text, ["boilerplate.far-margin"], unsafe=False)
    assert result.startswith("Business\nSport\nWeather\nA headline")
