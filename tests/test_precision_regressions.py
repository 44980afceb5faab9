"""Safe fixes that were wrong on clean text: each case here was deleted or rewritten by a
safe fix before (the State of the Union addresses, package lists in articles)."""

from __future__ import annotations

import pytest

from cleanup.document import Document
from cleanup.engine import check_document, fix_document
from cleanup.kinds.base import Context
from cleanup.ruleset import Ruleset

RULESET = Ruleset.load()


def findings(rule_id: str, text: str):
    rule = RULESET.get(rule_id)
    return [f for f in check_document(Document.from_text(text), [rule], Context()) if f.rule == rule_id]


def fixed(rule_id: str, text: str) -> str:
    return fix_document(Document.from_text(text), [RULESET.get(rule_id)], Context()).text


# --- boilerplate.known-notice: "(c)" as a list item's label, not a copyright sign ----

LIST_ITEMS = [
    "(c) It provides us the ability to come quickly to the aid of friends and allies around the globe;",
    "(c) Extension of War Powers Act.",
    "(c) For refunds.",
    "(C) For refunds.",
    "(c) In 1996, the Congress passed the law.",
    "(c) By 2000, every child will be able to read.",
    "(c) 1997 will be the year of the balanced budget.",
    "(c) Copyright reform for the digital age.",
    "(c) Federal Reserve 2019 targets were met.",
]


@pytest.mark.parametrize("line", LIST_ITEMS)
def test_list_item_c_is_not_a_copyright_notice(line):
    text = f"The President proposed three measures:\n(a) First.\n{line}\nThat is all."
    assert findings("boilerplate.known-notice", text) == []
    assert fixed("boilerplate.known-notice", text) == text


NOTICES = [
    "(c) 2019 Hearst Communications, Inc.",
    "(C) 2019-2024 Example Media",
    "(c)2019 Example",
    "(c) 2019",
    "Copyright (c) Free Software Foundation",
    "Copyright (C) 2019 Example Ltd.",
    "(c) Copyright 2019 IBM",
    "(c) Copyright IBM Corp. 2019",
    "(c) Gannett 2018",
    "(c) The New York Times Company 2019",
    "(c) Washington Post, 2019",
    "(c) Future US, Inc. 11 West 42nd Street, 15th Floor, New York, NY 10036",
    "(c) Zurek Design LLC — Read our terms of service",
    "(c) All rights reserved",
    "© Amazon",
    "© 2019 Hearst Communications, Inc.",
]


@pytest.mark.parametrize("line", NOTICES)
def test_copyright_notices_still_removed(line):
    text = f"The article ends here with its last sentence.\n\n{line}"
    assert findings("boilerplate.known-notice", text)
    assert fixed("boilerplate.known-notice", text) == "The article ends here with its last sentence."


# --- typography.doubled-word: a word before a longer token that begins with it -------

@pytest.mark.parametrize("text", [
    "Install texlive texlive-extra-utils and the rest of the packages.",
    "Then apt install libtool libtool-bin automake for the build.",
    "Install python3-dev dev tools for the build.",
    "It runs on the node node.js runtime today.",
    "Open the lib lib/util path in the tree.",
    "Visit http http://example.com for the rest.",
    "Write c c++ code for the library.",
])
def test_word_before_a_longer_token_is_not_doubled(text):
    assert findings("typography.doubled-word", text) == []
    assert fixed("typography.doubled-word", text) == text


@pytest.mark.parametrize("text", [
    "It is the the's problem, a rare case.",   # a possessive is another word
    "He said it it's raining in the city.",
    "Install texlive texlive2 on the machine.",
])
def test_word_before_a_possessive_or_figure_is_left_alone(text):
    assert findings("typography.doubled-word", text) == []


@pytest.mark.parametrize("text,result", [
    ("He said the the troops left.", "He said the troops left."),
    ("He went to to the border - and back.", "He went to the border - and back."),
    ("It was in in. Then it was over.", "It was in. Then it was over."),
    ("He saw the the\u2014and left.", "He saw the\u2014and left."),
    ("Use node node.js in the the text.", "Use node node.js in the text."),
])
def test_real_doubled_words_still_fixed(text, result):
    assert fixed("typography.doubled-word", text) == result
