"""The guards that keep article text: short lines the body mentions, and the lines the
margin rules visit (only those outside the body)."""

from __future__ import annotations

import pytest

from cleanup.document import Document
from cleanup.engine import fix_document, gather_corpus
from cleanup.kinds.base import Context
from cleanup.kinds.layout_params import placed, placed_indices
from cleanup.pagelayout import layout
from cleanup.ruleset import Ruleset

RULES = Ruleset.load().select(["boilerplate"])
PROSE = "The minister said on Monday that the talks would go on for another week at least."
PROSE2 = "Allen and the officials in both capitals declined to say whether the troops would go."


def fixed(text, rule_ids, *, unsafe=True, corpus_texts=None, params=None):
    rules = [RULES.get(r) for r in rule_ids]
    saved = [dict(r.params) for r in rules]
    try:
        for r in rules:
            r.params.update(params or {})
        docs = [Document.from_text(t) for t in (corpus_texts or [text])]
        ctx = Context(corpus=gather_corpus(docs, rules, Context()))
        return fix_document(Document.from_text(text), rules, ctx, unsafe=unsafe).text
    finally:
        for r, before in zip(rules, saved):
            r.params.clear()
            r.params.update(before)


def test_a_lone_word_the_body_contains_even_inside_a_word_is_kept():
    text = "\n".join(["All", "Home", "World", "Politics", "Business", "Sport", "A headline of several words here",
                      "", PROSE, PROSE2])
    result = fixed(text, ["boilerplate.far-margin"], unsafe=False)
    assert result.startswith("All\n") and "Home" not in result
    # without the guard "All" goes like the other menu words
    assert not fixed(text, ["boilerplate.far-margin"], unsafe=False, params={"mention_words": 0}).startswith("All")


def test_a_known_line_in_the_body_is_kept_only_if_the_body_uses_it_elsewhere():
    body = [PROSE, "Twitter", PROSE2]
    assert "Twitter" not in fixed("\n".join(body), ["boilerplate.known-line"], unsafe=False)
    mentioned = [PROSE, "Twitter", PROSE2.replace("Allen", "Twitter users")]
    assert "\nTwitter\n" in fixed("\n".join(mentioned), ["boilerplate.known-line"], unsafe=False)


def test_a_corpus_line_the_body_mentions_is_kept():
    page = "\n".join(["Main Menu", "A headline of several words here", PROSE, PROSE2])
    others = ["\n".join(["Main Menu", f"Story {n} of the day", PROSE.replace("Monday", f"day {n}")])
              for n in range(3)]
    assert "Main Menu" not in fixed(page, ["boilerplate.corpus-repeated-line"], corpus_texts=[page, *others])
    mentioning = page.replace("Allen", "The Main Menus team")
    result = fixed(mentioning, ["boilerplate.corpus-repeated-line"], corpus_texts=[mentioning, *others])
    assert result == mentioning


def test_address_lines_and_prompts_in_the_body_stay():
    text = "\n".join([PROSE, "www.example-theatre.com", "Sign up for a streaming bundle for $9.99 a month", PROSE2,
                      "", "www.example.com", "Sign up for our alerts"])
    result = fixed(text, ["boilerplate.address-line", "boilerplate.known-prompt"], unsafe=False)
    assert result == "\n".join([PROSE, "www.example-theatre.com", "Sign up for a streaming bundle for $9.99 a month",
                                PROSE2])


def test_far_sentence_removes_sentences_only_far_from_the_body():
    top = ["Click here to read the story of another day.", "Home", "World", "Politics", "Business",
           "A second teaser sentence sits here."]
    text = "\n".join([*top, "A headline of several words here", "", PROSE, PROSE2])
    result = fixed(text, ["boilerplate.far-sentence"])
    assert result.startswith("Politics\n") and "A second teaser sentence sits here." in result
    assert "Click here" not in fixed(text, ["boilerplate.far-sentence"]) and \
        "Click here" in fixed(text, ["boilerplate.far-sentence"], unsafe=False)


@pytest.mark.parametrize("where", ["margin", "top", "bottom", "anywhere"])
@pytest.mark.parametrize("text", [
    "\n".join(["Home", "A headline of several words here", PROSE, "Sub", PROSE2, "Footer", "More"]),
    "Home\nWorld",  # no body
    PROSE,
])
def test_placed_lines_hold_every_placed_line(where, text):
    doc = Document.from_text(text)
    found = layout(text)
    visited = set(placed_indices(found, len(doc.line_table), where))
    wanted = {index for index, *_ in doc.lines() if placed(found, index, where)}
    assert wanted <= visited
    assert all(not found.in_body(index) for index in visited) or where == "anywhere"


TWEET = "While we argue about the slogan, we should not forget the state's last campaign https://t.co/abc123"
CREDIT = "— Cooper Lund (@cooperlund) November 18, 2019"
FOOTER = ["Have a tip? Write to the newsroom", "Follow us", "Privacy policy"]


@pytest.mark.parametrize("post", [
    [TWEET, "", CREDIT],  # the post, a blank line, its attribution
    [TWEET, CREDIT],
    ["on. meth. dot. com.", "meth.", "we're. on. it. https://t.co/HO1ZRs9T1P", "", CREDIT],  # a post of three lines
])
def test_a_post_embedded_at_the_end_of_the_article_is_article_text(post):
    text = "\n".join(["A headline of several words here", "", PROSE, "", PROSE2, "", *post, "", *FOOTER])
    result = fixed(text, ["boilerplate.page-margin", "boilerplate.far-margin", "boilerplate.far-sentence"])
    assert result == "\n".join(["A headline of several words here", "", PROSE, "", PROSE2, "", *post])


@pytest.mark.parametrize("credit", [
    "— Cooper Lund, November 18, 2019",  # no handle: not an embed's attribution
    "— Cooper Lund (@cooperlund)",  # no date
])
def test_only_an_embeds_attribution_makes_a_post(credit):
    text = "\n".join(["A headline of several words here", "", PROSE, "", PROSE2, "", TWEET, "", credit, "", *FOOTER])
    result = fixed(text, ["boilerplate.page-margin"])
    assert credit not in result and "Privacy policy" not in result


def test_a_long_block_above_an_attribution_is_not_taken_for_a_post():
    block = [f"Read our story about {topic}" for topic in ("trade", "farming", "rail", "tax", "schools", "rivers",
                                                           "ports", "mines")]
    text = "\n".join(["A headline of several words here", "", PROSE, "", PROSE2, "", *block, "", CREDIT])
    result = fixed(text, ["boilerplate.page-margin"])
    # the attribution then follows the body, as under a post that reads as prose: kept
    assert "Read our story" not in result and result.endswith(PROSE2 + "\n\n" + CREDIT)


def addresses(heading: str, salutation: str = "Gentlemen of the Congress:") -> list[str]:
    """Three long messages of one genre: each opens with the same salutation and has the
    same section heading between two of its paragraphs."""
    return ["\n\n".join([salutation, PROSE.replace("Monday", day), heading, PROSE2.replace("Allen", name)])
            for day, name in (("Monday", "Allen"), ("Tuesday", "Baker"), ("Friday", "Clark"))]


def test_a_repeated_section_heading_between_paragraphs_is_kept():
    texts = addresses("NATIONAL DEFENSE")
    for text in texts:
        assert fixed(text, ["boilerplate.corpus-repeated-line"], unsafe=False, corpus_texts=texts) == text
    # without the guard the heading and the salutation go as template lines
    stripped = fixed(texts[0], ["boilerplate.corpus-repeated-line"], unsafe=False, corpus_texts=texts,
                     params={"keep_own_lines": False})
    assert "NATIONAL DEFENSE" not in stripped and "Gentlemen" not in stripped


def test_a_repeated_line_among_short_lines_or_a_colon_before_links_still_goes():
    texts = ["\n".join(["Iran Press TV", "Share this:", "Facebook", "Twitter", "", PROSE.replace("Monday", day),
                        "", "Follow us", "Telegram", "Instagram"]) for day in ("Monday", "Tuesday", "Friday")]
    result = fixed(texts[0], ["boilerplate.corpus-repeated-line"], unsafe=False, corpus_texts=texts)
    assert "Share this:" not in result and "Follow us" not in result and "Iran Press TV" not in result


def test_a_site_name_opening_each_page_is_no_salutation():
    # no paragraph before it and no colon: the first line of every page of a site
    texts = ["\n\n".join(["Iran Press TV", PROSE.replace("Monday", day), PROSE2]) for day in ("Monday", "Tuesday",
                                                                                            "Friday")]
    assert "Iran Press TV" not in fixed(texts[0], ["boilerplate.corpus-repeated-line"], unsafe=False,
                                        corpus_texts=texts)


def test_a_list_that_runs_on_as_one_sentence_keeps_the_opening_in_the_body():
    # Carter's 1980 message: a short opening, a long list of clauses ending in ";" and the
    # long rest; the list split the opening off the body, and its items went as far margin
    opening = [PROSE, PROSE2, "When I took office, our Nation faced a number of serious challenges:"]
    items = [f"• item {n} of the record, which had been long ignored by the government;" for n in range(12)]
    rest = [PROSE.replace("Monday", f"day {n}") + " " + PROSE2 for n in range(40)]
    text = "\n".join(opening + items + ["\n".join(rest)])
    page = layout(text)
    assert page.body_start == 0
    assert fixed(text, ["boilerplate.far-margin"], unsafe=False) == text


def test_a_data_table_far_below_the_body_is_kept_and_a_phone_line_goes():
    # Hoover's 1932 message ends with a table of monthly figures under its last paragraph
    rows = [f"{month} 72 68.1 64 78 39 42 31 93.9" for month in ("January", "February", "March", "April",
                                                                   "May", "June", "July")]
    text = "\n".join([PROSE, PROSE2, PROSE, "", "Some footer", "More links", "Other links", "Sitemap",
                      "Tel.: +49 (0)69 380 795 200", *rows])
    result = fixed(text, ["boilerplate.far-margin"], unsafe=False)
    assert all(row in result for row in rows) and "+49" not in result
    assert "January" not in fixed(text, ["boilerplate.far-margin"], unsafe=False, params={"table_numbers": 0})


def test_a_repeated_sign_off_ending_a_message_is_kept_and_a_footer_goes():
    def message(day: str, ending: list[str]) -> str:
        return "\n\n".join([PROSE.replace("Monday", day), PROSE2.replace("Allen", day), *ending])

    signed = [message(day, ["HERBERT HOOVER", "The White House,"]) for day in ("Monday", "Tuesday", "Friday")]
    assert fixed(signed[0], ["boilerplate.corpus-repeated-line"], unsafe=False, corpus_texts=signed) == signed[0]
    footer = [message(day, ["Ad Choices", "Terms of Use"]) for day in ("Monday", "Tuesday", "Friday")]
    assert "Ad Choices" not in fixed(footer[0], ["boilerplate.corpus-repeated-line"], unsafe=False,
                                     corpus_texts=footer)
    long_footer = [message(day, ["HERBERT HOOVER", "About Us", "Contact Us", "Site Map"])
                   for day in ("Monday", "Tuesday", "Friday")]
    assert "HERBERT" not in fixed(long_footer[0], ["boilerplate.corpus-repeated-line"], unsafe=False,
                                  corpus_texts=long_footer)


def test_an_interview_turn_and_a_heading_over_a_paragraph_are_kept_far_from_the_body():
    body = [PROSE.replace("Monday", f"day {n}") + " " + PROSE2 for n in range(12)]
    # below the body, far from it: a footer, then what the layout left outside the body
    margin = ["", "Sitemap", "Contact", "Careers", "Jobs", "Help", "MOST READ", "Story one", "Story two",
              "Story three", "Q: Favorite athlete?", "A: Lebron James", "TAX REDUCTION",
              "The tax was cut, and the budget was balanced all the same for the first time in years."]
    text = "\n".join(body + margin)
    assert layout(text).body_end == len(body) - 1
    result = fixed(text, ["boilerplate.far-margin"], unsafe=False)
    assert "TAX REDUCTION" in result and "Q: Favorite athlete?" in result and "A: Lebron James" in result
    assert "MOST READ" not in result and "Story one" not in result
    assert "TAX REDUCTION" not in fixed(text, ["boilerplate.far-margin"], unsafe=False,
                                        params={"keep_own_lines": False})


def test_the_turns_of_transcripts_repeated_across_the_corpus_are_kept():
    def briefing(day: str) -> str:
        turns = [f"MS. PSAKI: Good afternoon. {PROSE.replace('Monday', day)}", "Q: Thank you, Jen.",
                 f"Q: {PROSE2.replace('Allen', day)}", "MS. PSAKI: Thank you.", f"Q: On {day} too?",
                 "MS. PSAKI: Go ahead."]
        return "\n\n".join(turns)

    texts = [briefing(day) for day in ("Monday", "Tuesday", "Friday")]
    assert fixed(texts[0], ["boilerplate.corpus-repeated-line"], unsafe=False, corpus_texts=texts) == texts[0]
    # one label is no dialogue: a site's "Photo: …" line goes as before
    pages = ["\n\n".join(["Photo: Iran Press TV archive", PROSE.replace("Monday", day), PROSE2.replace("Allen", day),
                          "Share this:"]) for day in ("Monday", "Tuesday", "Friday")]
    assert "Photo:" not in fixed(pages[0], ["boilerplate.corpus-repeated-line"], unsafe=False, corpus_texts=pages)


def test_a_repeated_heading_over_a_subheading_between_paragraphs_is_kept():
    texts = addresses("Income Security\n\nWELFARE REFORM")
    for text in texts:
        assert fixed(text, ["boilerplate.corpus-repeated-line"], unsafe=False, corpus_texts=texts) == text
    # two short lines of a template between paragraphs, neither in capitals, still go
    menus = addresses("Related Stories\n\nMore from the site")
    assert "Related Stories" not in fixed(menus[0], ["boilerplate.corpus-repeated-line"], unsafe=False,
                                          corpus_texts=menus)
