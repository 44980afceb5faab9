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
