"""Documents that kept their own layout (a manual, a README): no safe boilerplate fix
removes a line of them, while a web page's text, flush, keeps losing its furniture.

The manual is Python's own reference documentation as ``pydoc`` has it (the standard
library's ``pydoc_data.topics``): hard-wrapped at 70 columns, paragraphs indented under
the terms they describe, grammar and code indented, tables drawn with ``+--+``."""

from __future__ import annotations

import pydoc_data.topics
import pytest

from cleanup.document import Document
from cleanup.engine import check_document, fix_document, gather_corpus
from cleanup.kinds.base import Context
from cleanup.pagelayout import keeps_markup, layout, wrapped_lines
from cleanup.ruleset import Ruleset

RULES = Ruleset.load().select(["boilerplate"]).rules
TOPICS = pydoc_data.topics.topics
# the topics whose safe fixes lost lines before (far-margin: 941 lines in all, most in these)
MANUAL_TOPICS = ["augassign", "debugger", "formatstrings", "specialnames", "types", "typesseq-mutable"]

README = """\
# fastparse

[![PyPI](https://img.shields.io/pypi/v/fastparse.svg)](https://pypi.org/project/fastparse/)

A parser for configuration files that keeps comments and layout when it writes them back.

It can:

- read INI, TOML and YAML files,
- write them back unchanged but for what you edited,
- report the line of every error.

## Installation

pip install fastparse

## Quick start

```python
import fastparse
config = fastparse.load("settings.toml")
```

## Documentation

- Docs: <https://fastparse.readthedocs.io/>
- Changelog: [CHANGELOG.md](CHANGELOG.md)

Photo: the logo is by Jane Doe.

## License

Copyright (c) 2025 Jane Doe. Released under the MIT licence.
"""

PROSE = "The minister said on Monday that the talks would go on for another week at least."
PROSE2 = "Officials in both capitals declined to say whether the troops would go home soon."
WEB_PAGE = "\n".join(["Home", "World", "Politics", "Business", "Sport", "Video", "Opinion",
                      "Talks to go on, the minister says", "", PROSE, PROSE2, PROSE, "",
                      "About us", "Contact", "Careers", "Advertise", "Privacy", "Terms"])


def removed_lines(texts, *, unsafe=False):
    """The non-blank lines the boilerplate rules' fixes take out of each text, the texts
    being one corpus."""
    docs = [Document.from_text(text) for text in texts]
    ctx = Context(corpus=gather_corpus(docs, RULES, Context()))
    lost = []
    for doc in docs:
        kept = set(fix_document(doc, RULES, ctx, unsafe=unsafe).text.split("\n"))
        lost.append([line for line in doc.text.split("\n") if line.strip() and line not in kept])
    return lost


def test_safe_fixes_remove_no_line_of_the_manual():
    # with every topic as the corpus, as a pipeline would run the whole manual
    lost = removed_lines([TOPICS[name] for name in sorted(TOPICS)])
    by_topic = {name: lines for name, lines in zip(sorted(TOPICS), lost) if lines}
    for name in MANUAL_TOPICS:
        assert name not in by_topic, (name, by_topic.get(name, [])[:5])
    # what is left is a few lines of the 8,716 (bench/boilerplate.py counts them)
    assert sum(map(len, by_topic.values())) < 60


@pytest.mark.parametrize("name", ["formatstrings", "typesseq-mutable", "types"])
def test_the_manual_reads_as_hard_wrapped(name):
    # its prose lines go on with quoted words ('"None"', '*self*'), and its tables'
    # rows and indented code run past the 70 columns: neither hides the wrapping
    wrapped = wrapped_lines(TOPICS[name])
    lines = TOPICS[name].split("\n")
    assert wrapped
    assert not any(lines[index].startswith(("+", "|")) for index in wrapped)


def test_a_manual_whose_paragraphs_are_indented_is_structured():
    for name in ("specialnames", "debugger", "customization"):
        page = layout(TOPICS[name])
        assert page.structured
        assert (page.body_start, page.body_end) == (0, len(TOPICS[name].rstrip("\n").split("\n")) - 1)


def test_a_readme_keeps_its_markup_and_every_line():
    assert keeps_markup(README)
    assert layout(README).structured
    (lost,) = removed_lines([README])
    assert lost == []


def test_a_readme_line_that_looks_like_a_page_s_is_still_reported_but_not_fixed_safely():
    docs = [Document.from_text(README)]
    ctx = Context(corpus=gather_corpus(docs, RULES, Context()))
    findings = {f.rule: f for f in check_document(docs[0], RULES, ctx)}
    assert "boilerplate.photo-credit" in findings
    assert findings["boilerplate.photo-credit"].fix is not None
    assert not findings["boilerplate.photo-credit"].fix.safe
    (lost,) = removed_lines([README], unsafe=True)
    # what unsafe fixes take is what the line rules found, and only that
    assert lost == ["Photo: the logo is by Jane Doe.", "Copyright (c) 2025 Jane Doe. Released under the MIT licence."]
    assert all(not finding.fix.safe for finding in findings.values() if finding.fix)


def test_a_web_page_s_text_is_not_structured_and_loses_its_menus():
    page = layout(WEB_PAGE)
    assert not page.structured and not keeps_markup(WEB_PAGE)
    (lost,) = removed_lines([WEB_PAGE])
    assert {"Home", "World", "Politics", "Privacy", "Terms"} <= set(lost)
    assert PROSE not in lost


def test_one_underline_or_one_indented_paragraph_does_not_make_a_page_structured():
    underlined = WEB_PAGE.replace("Talks to go on, the minister says",
                                  "Talks to go on, the minister says\n==================================")
    assert not keeps_markup(underlined)
    indented = WEB_PAGE.replace("\n" + PROSE2, "\n    " + PROSE2)
    assert not layout(indented).structured
    assert "Home" in removed_lines([underlined])[0]


def test_code_indented_under_a_paragraph_does_not_split_the_body():
    # a page's text with a code block: the indented lines neither count toward the gap
    # that ends a body nor go as a margin
    code = [f"    value_{name} = compute({name})" for name in "abcdefghijkl"]
    text = "\n".join(["Menu", "Home", "News", "A headline of several words here", "", PROSE, "",
                      *code[:6], "", *code[6:], "", *[PROSE2, PROSE] * 3])
    (lost,) = removed_lines([text])
    assert not any(line.startswith("    value_") for line in lost)
    assert "Menu" in lost


def test_restructuredtext_substitutions_are_markup():
    badges = ("|ci| |docs|\n\n.. |ci| image:: https://example.org/ci.svg\n   :target: https://example.org/ci\n"
              ".. |docs| image:: https://example.org/docs.svg\n   :target: https://example.org/docs\n")
    assert keeps_markup(badges)
    assert not keeps_markup("Note.. |this| is prose:: it is not markup\nand neither is this")


def test_an_underlined_heading_far_above_the_body_is_kept():
    # "Shifting operations" over its asterisks, then grammar, then the prose: a page's
    # text underlines no heading
    (lost,) = removed_lines([TOPICS["shifting"]])
    assert "Shifting operations" not in lost
    text = "\n".join(["Home", "World", "Politics", "Business", "Sport", "Talks go on", "===========", "",
                      "Menu", "Video", "Opinion", "", PROSE, PROSE2, PROSE])
    (lost,) = removed_lines([text])
    assert "Talks go on" not in lost and {"Home", "World"} <= set(lost)
