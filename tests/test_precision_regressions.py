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


def safe_fixed(rule_id: str, text: str) -> str:
    return fix_document(Document.from_text(text), [RULESET.get(rule_id)], Context(), unsafe=False).text


# --- typography.doubled-punctuation: "::" is syntax (reStructuredText, C++, Haskell, IPv6)

@pytest.mark.parametrize("text", [
    "The code block follows::\n\n    x = 1\n",
    "Example::",
    "An example:: \n\n    print(1)\n",
    "  ::\n\n    literal\n",
    "length :: [a] -> Int",
    "Use std::vector here.",
    "Call Foo::bar now.",
    "Address fe80::1 is link-local.",
    "The Foo:: namespace.",
    ";; An Emacs Lisp comment",
    "    start) run_start ;;\n",
])
def test_double_colon_and_code_punctuation_left_alone(text):
    assert findings("typography.doubled-punctuation", text) == []
    assert fixed("typography.doubled-punctuation", text) == text


@pytest.mark.parametrize("text,result", [
    ("Lithuania,, Latvia and Estonia.", "Lithuania, Latvia and Estonia."),
    ("First;; then second.", "First; then second."),
    ("Stop!! Now.", "Stop! Now."),
])
def test_doubled_prose_punctuation_still_fixed(text, result):
    assert fixed("typography.doubled-punctuation", text) == result


# --- typography.space-before-punctuation: a lone "." that is a path argument ---------

@pytest.mark.parametrize("text", [
    "Run pip install .",
    "Then run pip install . to get the package.",
    "pip install -e .\n",
    "$ git add .\n",
    "    ls .\n",
    "\tcd .\n",
    "docker build . -t app",
    "Run `docker build . -t app` in the folder.",
    "Run `pip install .` here, or `pip install . --user`.",
    "Run git add . and commit.",
    "cp ../x/config.toml .\n",
    "Copy it with cp x . and go on.",
    "Then code . opens the editor.",
])
def test_dot_as_a_path_argument_is_not_closed_up(text):
    assert findings("typography.space-before-punctuation", text) == []
    assert safe_fixed("typography.space-before-punctuation", text) == text


@pytest.mark.parametrize("text,result", [
    ("It ended .", "It ended."),
    ("The troops left . Then they came back.", "The troops left. Then they came back."),
    ("The troops left .\nThen they came back.", "The troops left.\nThen they came back."),
    ("He said it was over .\" Then he left.", "He said it was over.\" Then he left."),
    ("He said , then left.", "He said, then left."),
])
def test_space_before_a_full_stop_still_closed_up(text, result):
    assert safe_fixed("typography.space-before-punctuation", text) == result


# --- typography.stray-period: ".." as a dash-like pause, and in paths -----------------

WILSON_1914 = ("But I turn away from the subject. It may not be the subject that you would expect. "
               "I have spoken of the steps by which we have.. it seems almost deliberately, withdrawn "
               "our flag from the seas.. except where, here and there, a ship of the Navy goes.")


@pytest.mark.parametrize("text", [
    WILSON_1914,
    "It was late .. and we were tired.",
    "Run cd .. to go up.",
    "cd ..\n",
    "See ../shared for the design.",
    "cd ../.. && ls",
    "Wait.. what?",
])
def test_two_periods_as_a_pause_or_a_path_left_alone(text):
    assert findings("typography.stray-period", text) == []
    assert fixed("typography.stray-period", text) == text


@pytest.mark.parametrize("text,result", [
    ("It ended.. Then it rained.", "It ended. Then it rained."),
    ("The state of their affairs.. Endangered in the first place", "The state of their affairs. Endangered in the first place"),
    ("against inflation..\n\nThe 1981 Budget", "against inflation.\n\nThe 1981 Budget"),
    ("on February 2. ..", "on February 2."),
    ("on February 2. .. \"We will see.\"", "on February 2. \"We will see.\""),
])
def test_doubled_full_stops_still_fixed(text, result):
    assert fixed("typography.stray-period", text) == result


# --- typography.doubled-word: a phrasal verb's particle and then a preposition --------

@pytest.mark.parametrize("text", [
    "The Federal Government spent $57 billion more than it took in in taxes.",
    "They brought the money in in May.",
    "The work they took on on Monday was hard.",
    "He handed his papers in in time.",
    "What it is is a problem of money.",
])
def test_grammatical_doubling_is_not_fixed_safely(text):
    found = findings("typography.doubled-word", text)
    assert found and not any(finding.fix.safe for finding in found)
    assert safe_fixed("typography.doubled-word", text) == text


@pytest.mark.parametrize("text,result", [
    ("The money in in the bank is safe.", "The money in the bank is safe."),
    ("It was in in. Then it was over.", "It was in. Then it was over."),
    ("He said the the troops left.", "He said the troops left."),
])
def test_doubling_without_a_verb_before_still_fixed(text, result):
    assert safe_fixed("typography.doubled-word", text) == result


# --- boilerplate.known-line: a word that heads a section of prose ---------------------

README = ("cleanup\n\nAbout\n\nThis project is a tool for cleaning up text in English corpora, "
          "and it has many features.\n\nPrivacy\n\nNo data is collected by this tool, ever.\n")
ESSAY = ("On cities\n\nAbout\nThis essay is about the things that matter most to people in towns.\n\n"
         "Home\nI grew up in a small town by the sea, and I left it at eighteen.\n")


@pytest.mark.parametrize("text", [README, ESSAY])
def test_a_heading_before_prose_is_not_page_furniture(text):
    assert findings("boilerplate.known-line", text) == []
    assert fixed("boilerplate.known-line", text) == text


NAVIGATION = ("Home\nAbout\nContact\nPrivacy\n\nThe article begins here with a sentence long enough to be prose, "
              "as it says.\n\nThe article goes on with a second sentence that is long enough to count too.\n\n"
              "About\nPrivacy\nTerms\n")


def test_navigation_items_still_removed():
    assert fixed("boilerplate.known-line", NAVIGATION) == (
        "The article begins here with a sentence long enough to be prose, as it says.\n\n"
        "The article goes on with a second sentence that is long enough to count too.\n\n")


@pytest.mark.parametrize("text", [
    # the menu's last link right above the article: stacked on the link before it
    "Feedback\nHelp\n\nThe article begins here with a sentence long enough to be prose, as it says.\n",
    # set apart, but over a headline (no full stop), not a paragraph
    "Apple TV\n\nAbout\n\nWhat do you buy for the person who already has the latest technology?\n\n"
    "The article begins here with a sentence long enough to be prose, as it says.\n",
])
def test_a_menu_link_above_the_article_still_removed(text):
    found = findings("boilerplate.known-line", text)
    assert [text[f.start:f.end] for f in found] == [next(w for w in ("Help", "About") if f"\n{w}\n" in text)]


@pytest.mark.parametrize("text", [
    "The navy undertook by covenant to use these equipments solely for defence.",
    "It can not cost with 150,000 equipments less than the sum.",
    "The informations were shared with the allies.",
])
def test_an_uncountable_plural_whose_neighbours_agree_with_it_is_fixed_only_unsafely(text):
    (finding,) = findings("mt.uncountable-plural", text)
    assert finding.fix is not None and not finding.fix.safe
    assert fixed("mt.uncountable-plural", text) == text


def test_an_uncountable_plural_alone_is_still_fixed_safely():
    assert (fixed("mt.uncountable-plural", "Washington supplies Kyiv with lethal aids and equipments.")
            == "Washington supplies Kyiv with lethal aid and equipment.")
