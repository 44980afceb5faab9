"""Quoted code is left alone (``cleanup.codeblocks``): a command, a doctest, a literal
block is right as it stands, while the same text as prose is still checked."""

from __future__ import annotations

import pytest

from cleanup.api import check_text, fix_text
from cleanup.codeblocks import code_regions, outside_code

PROSE_WITH_FAULTS = "The minister said said that the talks , which began Monday, would go on."


def rules_found(text: str) -> set[str]:
    return {finding.rule for finding in check_text(text)}


FENCED = f"""Install it:

```sh
pip install --no-binary atheris atheris
ruff check .
```

{PROSE_WITH_FAULTS}
"""


def test_a_fenced_block_is_not_checked_but_the_prose_around_it_is():
    fixed = fix_text(FENCED).text
    assert "pip install --no-binary atheris atheris\nruff check .\n" in fixed
    assert "said said" not in fixed and "talks," in fixed


def test_an_unclosed_fence_is_a_stray_one():
    text = "```\n" + PROSE_WITH_FAULTS
    assert code_regions(text) == ()
    assert "typography.doubled-word" in rules_found(text)


DOCTEST = """ftfy fixes mojibake:

    >>> ftfy.fix_text('âœ” No problems')
    '✔ No problems'
    >>> # by the HTML 5 standard, only 'P&Eacute;REZ' is acceptable

And so on.
"""


def test_a_doctest_and_its_output_are_not_checked():
    assert fix_text(DOCTEST).text == DOCTEST
    # the same mojibake in prose is fixed
    assert fix_text("It said âœ” No problems here.").text == "It said ✔ No problems here."


def test_a_mail_s_third_level_of_quoting_is_no_doctest():
    text = ">>> I think the the talks went well.\n"
    assert code_regions(text) == ()
    assert "the the" not in fix_text(text).text


LITERAL = """An entity in a document type declaration::

    <!DOCTYPE external [
    <!ENTITY ee SYSTEM "file:///PATH/TO/simple.xml">
    ]>
    <root>&ee;</root>

.. note::

   The the parser expands it.
"""


def test_a_restructuredtext_literal_block_is_not_checked_but_a_note_is():
    fixed = fix_text(LITERAL).text
    assert "<root>&ee;</root>" in fixed
    assert "The the parser" not in fixed and "The parser expands it." in fixed


def test_inline_code_is_left_alone_only_in_a_text_that_keeps_its_markup():
    line = "Run `cleanup fix fix.txt` and then `ruff check .` again."
    markdown = f"# Usage\n\n{line}\n\n## Options\n\nNone.\n"
    assert fix_text(markdown).text == markdown
    # a news text's backticks are quotation marks, not code
    plain = "He said `the the talks' were over.\n"
    assert code_regions(plain) == ()
    assert "the the" not in fix_text(plain).text


def test_an_invisible_character_is_found_in_code_too():
    text = "```\nx = 1\u200b\n```\n"
    assert "encoding.invisible" in rules_found(text)


@pytest.mark.parametrize(("span", "outside"), [
    ((0, 3), True), ((0, 4), True), ((3, 5), False), ((4, 4), False), ((4, 5), False), ((9, 9), False),
    ((10, 12), True), ((9, 11), False), ((2, 20), False), ((13, 14), True), ((14, 14), False),
])
def test_a_span_is_outside_code_only_when_it_touches_no_region(span, outside):
    regions = ((4, 10), (14, 16))
    assert outside_code(regions, *span) is outside


def test_a_markdown_hard_break_is_kept_and_plain_trailing_spaces_still_go():
    markdown = "# Address\n\nJane Doe  \n1 Main Street  \nSpringfield\n\n## Notes\n\nTrailing here.   \n\nEnd.\n"
    fixed = fix_text(markdown).text
    assert "Jane Doe  \n1 Main Street  \nSpringfield" in fixed
    assert "Trailing here.\n" in fixed  # before a blank line two spaces break nothing
    plain = "Jane Doe  \n1 Main Street\n"
    assert fix_text(plain).text == "Jane Doe\n1 Main Street\n"


def test_a_fix_reaching_into_code_from_either_side_is_dropped():
    from cleanup.engine import reach
    from cleanup.model import Edit, Finding, Fix, Severity

    finding = Finding("x.y", "m", 10, 12, Severity.INFO, fix=Fix((Edit(4, 12, ""),), True))
    assert reach(finding) == (4, 12)
    assert not outside_code(((0, 5),), *reach(finding))
    assert outside_code(((0, 4),), *reach(finding))
