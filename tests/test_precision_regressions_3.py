"""Safe fixes that were wrong on clean text, third round: each case here was rewritten or
deleted by a safe fix before (the State of the Union addresses, tables, code, names,
chess notation, letters' datelines)."""

from __future__ import annotations

import pytest

from cleanup.document import Document
from cleanup.engine import fix_document
from cleanup.kinds.base import Context

from .test_precision_regressions import RULESET, findings

PROSE = "The minister said on Monday that the talks would go on for another week at least, officials said."
PROSE2 = "Officials in both capitals declined to say whether the troops would be withdrawn before the winter."


def safe_fixed(rule_id: str, text: str) -> str:
    return fix_document(Document.from_text(text), [RULESET.get(rule_id)], Context(), unsafe=False).text


def in_prose(text: str) -> str:
    return f"{PROSE}\n\n{text}\n\n{PROSE2}\n"


# --- typography.doubled-word: a name, an interjection or a run of three ---------------

@pytest.mark.parametrize("text", [
    "Yesterday Rose rose early and left for the station before dawn.",  # a name, then the verb
    "Will will be there on Monday, his sister said.",
    "May may be the best month for planting, the gardener said.",
    "Drew drew the curtains and sat down to read the letter again.",
    "\"Knock knock.\" \"Who's there?\" The old joke still made them laugh.",
    "\"Aye aye, captain,\" said the sailor as he went below.",
    "Hip hip hooray! The crowd cheered as the team came home.",
    "\"Tut tut,\" said the teacher, shaking her head at the mess.",
    "He just said blah blah blah and walked away from the podium.",  # a run of three
    "\"Ho ho ho,\" said the man in the red suit at the mall.",
    "Well well well, look who it is, the old man said.",
    "He he he, laughed the man in the corner of the room.",
    "The menu offered grilled mahi mahi with rice and beans.",
    "What it was was a lie, and everybody in the room knew it.",  # a free relative as subject
    "Our recent round of budget cuts can save $i i billion in this fiscal year.",  # Nixon 1973: "$11" read as "i i"
])
def test_a_deliberate_doubling_is_not_fixed_safely(text):
    assert safe_fixed("typography.doubled-word", text) == text


@pytest.mark.parametrize("text,result", [
    ("The the end came soon.", "The end came soon."),
    ("In in the morning they left.", "In the morning they left."),
    ("He said the the troops left.", "He said the troops left."),
    ("It was a a long day.", "It was a long day."),
    ("Prime Minister went to to the border.", "Prime Minister went to the border."),
])
def test_a_doubled_function_word_is_still_fixed(text, result):
    assert safe_fixed("typography.doubled-word", text) == result


def test_a_doubled_name_is_still_reported():
    (finding,) = findings("typography.doubled-word", "Yesterday Rose rose early.")
    assert finding.fix is not None and not finding.fix.safe


# --- typography.space-before-punctuation: a ratio or a score; a symbol named in prose --

@pytest.mark.parametrize("text", [
    "The ratio of applicants to places was 3 : 1 this year, the university said.",
    "Arsenal beat Chelsea 2 : 1 in the final on Sunday afternoon.",
    "In Rust the ? operator returns early on an error, the manual explains.",
    "Press the ! key twice to repeat the last command in the shell.",
])
def test_a_spaced_mark_that_is_no_sentence_punctuation_is_left_alone(text):
    assert findings("typography.space-before-punctuation", text) == []
    assert safe_fixed("typography.space-before-punctuation", text) == text


@pytest.mark.parametrize("text,result", [
    ("Really ?", "Really?"),
    ("Why are we there ?\n\nWe are there.", "Why are we there?\n\nWe are there."),
    ("It was carried ? Who will deny it?", "It was carried? Who will deny it?"),
    ("Let's stick to facts !", "Let's stick to facts!"),
    ("\"Where are you going ?\" asked Tom.", "\"Where are you going?\" asked Tom."),
    ("He said : we will see.", "He said: we will see."),
    ("It cost 5 , not 6.", "It cost 5, not 6."),
])
def test_a_spaced_sentence_mark_is_still_closed_up(text, result):
    assert safe_fixed("typography.space-before-punctuation", text) == result


# --- typography.doubled-punctuation: chess annotation and Kotlin's "!!" ---------------

@pytest.mark.parametrize("text", [
    "After 4.Ba4 Nf6 White played 5.Nxe5?? which lost at once.",
    "Carlsen played 23.Rxd7!! and Black resigned three moves later.",
    "The pawn push e5!! decided the game.",
    "Castling O-O?? lost the exchange.",
    "In Kotlin, write name!!.length to assert the value is not null.",
])
def test_chess_annotation_and_code_keep_their_marks(text):
    assert findings("typography.doubled-punctuation", text) == []
    assert safe_fixed("typography.doubled-punctuation", text) == text


@pytest.mark.parametrize("text,result", [
    ("Stop!! Now.", "Stop! Now."),
    ("What?? Really.", "What? Really."),
    ("Congratulations!!! What is it like?", "Congratulations! What is it like?"),
    ("He shouted Stop!!", "He shouted Stop!"),
])
def test_doubled_marks_in_prose_still_fixed(text, result):
    assert safe_fixed("typography.doubled-punctuation", text) == result


# --- typography.multiple-spaces: columns of a table, indented code ----------------------

TABLE = ("Company    2019    2020    2021\n"
         "Acme       1,200   1,350   1,410\n"
         "Globex     980     1,020   1,100\n")


@pytest.mark.parametrize("text", [
    TABLE,
    "| col a | col b |\n|-------|-------|\n| 1     | 2     |\n",
    "```\ncleanup fix  docs/  --select typography\n```\n",
    "    x = compute(a, b)  # the sum\n    print(x)\n",
    "\tif (a)  return b;\n",
    "x = compute(a, b)  # the sum\n",
    "total += 1;  // count it\n",
])
def test_aligned_columns_and_code_keep_their_spaces(text):
    assert findings("typography.multiple-spaces", in_prose(text)) == []
    assert safe_fixed("typography.multiple-spaces", in_prose(text)) == in_prose(text)


@pytest.mark.parametrize("text,result", [
    ("Lithuania,  Latvia", "Lithuania, Latvia"),
    ("The  minister  said  so.", "The minister said so."),
    ("It ended.  Then it rained.  Then it snowed.", "It ended. Then it rained. Then it snowed."),
    ("News \u00a0/ \u00a0Military \u00a0/ \u00a0Russia", "News / Military / Russia"),
    ("He said  that it was over", "He said that it was over"),
])
def test_runs_of_spaces_in_prose_still_closed_up(text, result):
    assert safe_fixed("typography.multiple-spaces", text) == result


# --- boilerplate.dateline: a letter's date completes the place above it ---------------

MESSAGE = "\n\n".join([PROSE, PROSE2, PROSE.replace("Monday", "Tuesday"), PROSE2.replace("winter", "spring")])


@pytest.mark.parametrize("ending", [
    "HERBERT HOOVER\nThe White House,\nDecember 3, 1929",  # Hoover 1929
    "RICHARD NIXON\nThe White House,\nJanuary 20, 1972.",
    "RICHARD NIXON\nThe White House,\n\nFebruary 22, 1973.",  # a blank line between (Nixon 1973)
    "GEORGE WASHINGTON\nUnited States,\nDecember 8, 1790.",
])
def test_the_date_of_a_signed_message_is_kept(ending):
    text = f"{MESSAGE}\n\n{ending}"
    assert findings("boilerplate.dateline", text) == []
    assert safe_fixed("boilerplate.dateline", text) == text


@pytest.mark.parametrize("line", [
    "Updated 1:39 am EST, Wednesday, November 20, 2019",
    "December 3, 2019",
    "Published: 12 Dec 2019, 10:20",
])
def test_a_page_date_below_the_article_still_goes(line):
    text = f"{MESSAGE}\n\n{line}"
    assert safe_fixed("boilerplate.dateline", text) == MESSAGE


# --- names.variant: a person who bears a place's old name -----------------------------

@pytest.mark.parametrize("text", [
    "Georgy Lvov led the Provisional Government after the February Revolution.",
    "Prince Lvov resigned in July 1917, and Kerensky took his place.",
    "The actress Odessa Young starred in the film, which opened on Friday.",
])
def test_a_person_named_like_an_old_place_name_is_left_alone(text):
    assert findings("names.variant", text) == []
    assert safe_fixed("names.variant", text) == text


@pytest.mark.parametrize("text,result", [
    ("Shelling hit Lvov on Sunday.", "Shelling hit Lviv on Sunday."),
    ("The port of Odessa was shelled.", "The port of Odesa was shelled."),
])
def test_the_old_place_names_are_still_fixed(text, result):
    assert safe_fixed("names.variant", text) == result


# --- mt.uncountable-plural: "aids" for aides, and a plural that scholarship uses -------

@pytest.mark.parametrize("text", [
    "The general and his military aids said the operation would continue.",
    "Two of the president's military aids told reporters the visit was off.",
    "Haraway, D. (1988). Situated knowledges: The science question in feminism.",
    "The project documents indigenous knowledges of the forest and its plants.",
    "Traditional knowledges of healing were recorded in the survey.",
])
def test_a_plural_that_may_be_right_is_not_fixed_safely(text):
    assert safe_fixed("mt.uncountable-plural", text) == text


def test_an_uncountable_plural_is_still_fixed():
    assert (safe_fixed("mt.uncountable-plural", "Washington supplies Kyiv with lethal aids and knowledges.")
            == "Washington supplies Kyiv with lethal aid and knowledge.")
