"""A story syndicated to several sites is no template: the corpus rules count copies of
one story once (told by their sentences), so its own short lines are kept, while each
site's template lines, found with different stories, are still removed."""

from __future__ import annotations

import random

from cleanup.document import Document
from cleanup.engine import fix_document, gather_corpus
from cleanup.kinds import corpus_repeated_line
from cleanup.kinds.base import Context
from cleanup.ruleset import Ruleset

WORDS = ("minister council border troops talks sanctions city river winter harvest market bank court "
         "election village army report budget railway port factory school hospital energy").split()
VERBS = "said announced rejected approved reported denied confirmed warned".split()


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(9, 14))]
    return f"The {words[0]} {rng.choice(VERBS)} that the {' '.join(words[1:])}."


def story(seed: int) -> list[str]:
    """Paragraphs of three or four sentences, and two short lines of the story's own
    (a subheading and a one-sentence quote) that a template rule could mistake."""
    rng = random.Random(seed)
    paragraphs = [" ".join(sentence(rng) for _ in range(rng.randint(3, 4))) for _ in range(5)]
    return [paragraphs[0], paragraphs[1], f"Talks in {rng.choice(WORDS)} {seed}", paragraphs[2],
            f"“The {rng.choice(WORDS)} will {rng.choice(WORDS)} again,” the {rng.choice(WORDS)} said.",
            *paragraphs[3:]]


def page(site: str, body: list[str]) -> str:
    template_top = [f"{site} Home", f"Subscribe to {site} Daily", "World News Sport Business"]
    template_bottom = [f"Copyright {site} Media Group", f"Follow {site} on social media"]
    return "\n".join([*template_top, *body, *template_bottom])


SITES = ("Northern Post", "Harbour Times", "Valley Herald")


def corpus(*, rewrap: bool = False) -> tuple[list[str], list[str]]:
    """Story 0 on all three sites (on the third with two paragraphs joined, with
    ``rewrap``), and three stories of each site's own; returns the pages and story 0."""
    shared = story(0)
    pages = []
    for number, site in enumerate(SITES):
        copy = list(shared)
        if rewrap and number == 2:
            copy[0:2] = [copy[0] + " " + copy[1]]
        pages.append(page(site, copy))
        pages += [page(site, story(10 * (number + 1) + own)) for own in range(3)]
    return pages, shared


def corpus_rule(**params):
    (rule,) = Ruleset.load().select(["boilerplate.corpus-repeated-line"]).rules
    rule.params.update(params)
    return rule


def fixed_pages(pages: list[str], rule=None) -> list[str]:
    rules = [rule or corpus_rule()]
    docs = [Document.from_text(text) for text in pages]
    ctx = Context(corpus=gather_corpus(docs, rules, Context()))
    return [fix_document(doc, rules, ctx).text for doc in docs]


def test_a_syndicated_story_keeps_its_short_lines_and_the_templates_go():
    for rewrap in (False, True):
        pages, shared = corpus(rewrap=rewrap)
        for original, text in zip(pages, fixed_pages(pages)):
            assert "Subscribe to" not in text and "Copyright" not in text  # templates, on every page
            if shared[2] in original:
                assert shared[2] in text and shared[4] in text  # the story's subheading and quote


def test_with_story_words_zero_only_identical_documents_count_once():
    pages, shared = corpus()
    # the subheading stands between two paragraphs: without the section guard too
    texts = fixed_pages(pages, corpus_rule(story_words=0, keep_own_lines=False))
    assert all(shared[2] not in text for text in texts)  # taken for a template, as before


def test_copies_share_their_least_sentence_hashes_and_other_stories_do_not():
    pages, _ = corpus(rewrap=True)
    hashes = [set(corpus_repeated_line.story_hashes(text, 8)) for text in pages]
    first, second, rewrapped = hashes[0], hashes[4], hashes[8]
    assert len(first) == corpus_repeated_line.STORY_HASHES
    assert len(first & second) >= corpus_repeated_line.STORY_MATCH
    assert len(first & rewrapped) >= corpus_repeated_line.STORY_MATCH
    assert all(len(first & other) < corpus_repeated_line.STORY_MATCH for n, other in enumerate(hashes) if n % 4)


def test_a_document_without_paragraphs_is_told_by_its_whole_text():
    short = "Home\nA line\nAnother line"
    assert corpus_repeated_line.story_hashes(short, 8) == (
        int.from_bytes(corpus_repeated_line.document_digest(short), "big"),)


def test_a_copy_followed_by_much_text_of_its_own_is_still_a_copy():
    pages, shared = corpus()
    appended = page(SITES[1], shared + story(99) + story(98) + story(97))  # a related-stories block after it
    first, longer = (set(corpus_repeated_line.story_hashes(text, 8)) for text in (pages[0], appended))
    assert len(first & longer) >= corpus_repeated_line.STORY_MATCH
