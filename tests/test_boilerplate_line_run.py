"""The line-run kind: a run of lines of one shape goes, a shorter run or a broken one stays."""

from cleanup.document import Document
from cleanup.engine import fix_document
from cleanup.kinds.base import Context
from cleanup.ruleset import Ruleset

PROSE = "The article is long enough to count as a paragraph of prose, it says so here."


def count_list():
    return Ruleset.load().select(["boilerplate.count-list"]).rules


def fixed(text):
    return fix_document(Document.from_text(text), count_list(), Context(), unsafe=True).text


def test_run_inside_the_body_goes_with_its_blank_lines():
    widget = "Politics (12)\n\nEconomy (3)\nSport (40)\n\nHealth (7)\n"
    text = f"{PROSE}\n\n{widget}\n{PROSE}\n"
    assert fixed(text) == f"{PROSE}\n\n{PROSE}\n"


def test_short_run_stays():
    text = f"{PROSE}\n\nPolitics (12)\nEconomy (3)\nSport (40)\n\n{PROSE}\n"
    assert fixed(text) == text


def test_run_broken_by_another_line_stays():
    text = f"{PROSE}\n\nPolitics (12)\nEconomy (3)\nThe sports desk\nSport (40)\nHealth (7)\n\n{PROSE}\n"
    assert fixed(text) == text


def test_bracketed_counts_inside_sentences_stay():
    lines = "\n".join(f"Team {name} (2) beat the visitors (1) on Sunday at home." for name in "ABCDE")
    text = f"{PROSE}\n\n{lines}\n"
    assert fixed(text) == text
