"""The fast paths of the boilerplate kinds find exactly what a plain line-by-line
reading of their definitions finds."""

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.document import Document
from cleanup.kinds.base import Context
from cleanup.kinds.corpus_repeated_line import stable_hash
from cleanup.kinds.line import LineRule
from cleanup.kinds.repeated_line import line_key
from cleanup.pagelayout import word_count
from cleanup.ruleset import Ruleset

ROOT = Path(__file__).resolve().parent.parent
PROSE = "The article is long enough to count as a paragraph of prose, it says so here."
# furniture lines with a required literal, also inside lines too long to remove, and
# characters whose lowering changes a text's length or that fold oddly
LINES = [
    "© 2019 Example Media", "Photo: Jane Doe, AP", "Jane Doe contributed to this report.",
    "This site uses Akismet to reduce spam. Learn how your comment data is processed.",
    "We use cookies to improve your experience.", "News / World / Europe", "Moscote: Russia does not want NATO to protect Ukraine",
    "The rally in the capital, explained 1:51", "İmage by Ali", "Cookieſ are used here", "ǅ Photo: Ann Lee",
    "Photo: " + "x" * 300, "We use cookies " + PROSE * 4, PROSE, "", "  ", "Share", "Updated 1:39 am EST, Nov 20, 2019",
]


def texts():
    for path in sorted((ROOT / "fixtures" / "boilerplate").glob("*.txt")):
        yield path.read_text(encoding="utf-8")
    yield "\n".join(LINES)
    yield "\n\n".join(LINES)
    yield "\r\n".join(LINES) + "\n" + PROSE * 3


def line_rules():
    return [rule for rule in Ruleset.load().select(["boilerplate"]).rules if type(rule) is LineRule]


def line_by_line(rule, doc):
    """A line rule's findings by its definition: every line of at most ``max_length``
    characters whose stripped text the rule's pattern or phrases match."""
    found = []
    for index, start, end, line in doc.line_table:
        if not line or len(line) > rule.params["max_length"]:
            continue
        stripped = line.strip(rule.params["strip"])
        if stripped and rule.line_matches(stripped) is not None:
            found.append((start, end, doc.line_removal(index)))
    return found


def findings(rule, doc):
    """(start, end, span the fix deletes) of each finding; a rule without fixes deletes
    nothing, and its findings are compared with the spans its fixes would delete."""
    return [(f.start, f.end, (f.fix.edits[0].start, f.fix.edits[0].end) if f.fix else doc.line_removal(
        doc.line_col(f.start)[0] - 1)) for f in rule.check(doc, Context())]


def test_line_rules_find_what_a_line_by_line_reading_finds():
    rules = line_rules()
    assert len(rules) >= 5
    for text in texts():
        doc = Document.from_text(text)
        for rule in rules:
            assert findings(rule, doc) == line_by_line(rule, doc), rule.id


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(LINES), max_size=12), st.sampled_from(["\n", "\n\n", "\r\n"]))
def test_line_rules_on_any_mix_of_lines(lines, separator):
    doc = Document.from_text(separator.join(lines))
    for rule in line_rules():
        assert findings(rule, doc) == line_by_line(rule, doc), rule.id


def corpus_rules():
    return [rule for rule in Ruleset.load().select(["boilerplate"]).rules if rule.meta.kind == "corpus-repeated-line"]


def keys_by_definition(rule, doc):
    """The hashed keys of the lines of ``min_words`` to ``max_words`` words, read from
    the line table (lines without their carriage return)."""
    low, high = rule.params["min_words"], rule.params["max_words"]
    return frozenset(stable_hash(slow_line_key(line)) for _index, _start, _end, line in doc.line_table
                     if low <= word_count(line) <= high)


def slow_line_key(line):
    return " ".join(line.split()).casefold()


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="aZé ß\u0130ǅ\t\r\u00a0.-", max_size=30))
def test_line_key_is_the_casefolded_line(line):
    assert line_key(line) == slow_line_key(line)


def test_corpus_rules_gather_the_keys_of_the_line_table():
    for text in [*texts(), "Press Office\r\nThe story ends.\r\n\r\nPress  Office\r\nSHARE THIS ARTICLE NOW\r"]:
        doc = Document.from_text(text)
        for rule in corpus_rules():
            digest, keys = rule.gather(doc, Context())
            assert digest == stable_hash(text)
            assert keys == keys_by_definition(rule, doc), rule.id
