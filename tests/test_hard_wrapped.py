"""Hard-wrapped text (a book, a mail archive, the text of a PDF: paragraphs broken at a
fixed width). Its lines are not paragraphs: the layout rules never remove a piece of a
wrapped paragraph, and the sentence rules read each paragraph whole, as they read the
same text unwrapped. Before, the seeds wrapped at 72 columns had hundreds of their
article lines flagged as page margin and no long sentence found."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from cleanup.api import check_text, load_rules
from cleanup.pagelayout import wrapped_lines
from cleanup.sentences import structure

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
# the kinds that place lines in the page; the ``line`` kind's whole-line phrases and
# patterns are furniture wherever they stand ("(Reuters file photo)" under a caption)
LAYOUT_KINDS = {"margin-line", "page-margin", "repeated-line", "dated-pair", "short-line-run",
                "corpus-repeated-line"}


def wrapped(text: str, width: int = 72) -> str:
    """Each line longer than ``width`` wrapped (the short lines, the page furniture
    among them, are left as they are)."""
    return wrapped_with_pieces(text, width)[0]


def wrapped_with_pieces(text: str, width: int = 72) -> tuple[str, set[int]]:
    """``wrapped(text, width)``, and the numbers of the lines that are pieces of a
    wrapped line."""
    lines: list[str] = []
    pieces: set[int] = set()
    for line in text.split("\n"):
        if len(line) > width:
            broken = textwrap.wrap(line, width, break_on_hyphens=False)
            pieces.update(range(len(lines), len(lines) + len(broken)))
            lines.extend(broken)
        else:
            lines.append(line)
    return "\n".join(lines), pieces


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset)


@pytest.fixture(scope="module")
def rules():
    return load_rules()


@pytest.mark.parametrize("width", [50, 60, 72, 80])
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_wrapped_seeds_are_told_from_their_own_lines(seed, width):
    text = seed.read_text(encoding="utf-8")
    assert not wrapped_lines(text)  # a paragraph a line, as web text is
    wrapped_text, pieces = wrapped_with_pieces(text, width)
    found = wrapped_lines(wrapped_text)
    assert found
    # the lines found are the pieces of the long lines (a short line of full width
    # followed by a capitalised word, as a headline may be, cannot be told from one)
    assert len(found - pieces - {index + 1 for index in pieces}) <= 0.05 * len(found)
    assert len(found & pieces) >= 0.9 * len(pieces)


TABLE = """The extent of the depression is indicated by the following approximate percentages of activity during the past three months, as compared with the same months of the year before:

Value of department-store sales 93% of 1928
Volume of manufacturing production 80% of 1928
Volume of mineral production 90% of 1928
Volume of factory employment 84% of 1928
Total of bank deposits 105% of 1928
Wholesale prices--all commodities 83% of 1928
Cost of living 94% of 1928
"""
MENU = "\n".join(["Home", "World", "Politics", "Business", "Opinion", "Health", "Entertainment",
                  "Style", "Travel", "Sports", "Videos", "Audio", "Weather"]) + "\n"
VERSE = """Whose woods these are I think I know.
His house is in the village though;
He will not see me stopping here
To watch his woods fill up with snow.

My little horse must think it queer
To stop without a farmhouse near
Between the woods and frozen lake
The darkest evening of the year.
"""


@pytest.mark.parametrize("text", [TABLE, MENU, VERSE, TABLE * 3 + MENU], ids=["table", "menu", "verse", "mixed"])
def test_tables_menus_and_verse_are_not_wrapped_text(text):
    assert not wrapped_lines(text)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_layout_rules_remove_no_piece_of_a_wrapped_paragraph(seed, rules):
    original = seed.read_text(encoding="utf-8")
    text, pieces = wrapped_with_pieces(original)
    kinds = {rule.id: rule.meta.kind for rule in rules.rules}

    def placed(source: str) -> list:
        return [f for f in check_text(source, rules=rules) if kinds[f.rule] in LAYOUT_KINDS]

    findings = placed(text)
    for finding in findings:
        assert not set(range(line_of(text, finding.start), line_of(text, finding.end) + 1)) & pieces, (
            finding.rule, text[finding.start:finding.end])
    # what they find on lines left as they were (not far from a body that moved) is still found
    kept = {line for line in original.split("\n") if 0 < len(line) <= 72}
    expected = {(f.rule, original[f.start:f.end]) for f in placed(original)
                if original[f.start:f.end] in kept and kinds[f.rule] != "page-margin"
                and not f.rule.endswith("far-margin")}
    assert expected <= {(f.rule, text[f.start:f.end]) for f in findings}


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_sentences_of_wrapped_text_are_those_of_the_text_unwrapped(seed, rules):
    text = seed.read_text(encoding="utf-8")
    wrapped_text = wrapped(text)
    plain = [" ".join(sentence.text.split()) for sentence in structure(text).sentences]
    assert [" ".join(sentence.text.split()) for sentence in structure(wrapped_text).sentences] == plain

    def sentence_findings(source: str) -> list[tuple[str, str]]:
        return sorted((f.rule, " ".join(source[f.start:f.end].split())) for f in check_text(source, rules=rules)
                      if f.rule.startswith(("readability", "mt.", "typography.unbalanced")))

    assert sentence_findings(wrapped_text) == sentence_findings(text)


def test_wrapped_paragraphs_among_long_lists_are_found():
    # a README: a few paragraphs wrapped at 72 columns between a long table of contents
    # and a long list of names; most of its lines are no piece of a paragraph
    paragraph = ("The project uses an open governance model, and contributors are expected to act in a "
                 "collaborative manner to move the project forward, with the constructive exchange of "
                 "contrary opinions and compromise between them.")
    contents = [f"* [Section {n}](#section-{n})" for n in range(40)]
    members = [f"* Member {n} <member{n}@example.org>" for n in range(40)]
    text = "\n".join(["# Project", "", *textwrap.wrap(paragraph, 72), "", *contents, "",
                      *textwrap.wrap(paragraph.replace("project", "team"), 72), "", *members, "",
                      *textwrap.wrap(paragraph.replace("model", "charter"), 72), ""])
    found = wrapped_lines(text)
    pieces = {index for index, line in enumerate(text.split("\n")) if line and not line.startswith(("*", "#"))}
    assert found == pieces
