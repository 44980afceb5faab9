"""The fast paths of the boilerplate kinds find exactly what a plain line-by-line
reading of their definitions finds."""

from collections import Counter
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.document import Document
from cleanup.kinds.base import Context
from cleanup.kinds.corpus_repeated_line import stable_hash, story_hashes
from cleanup.kinds.line import LineRule
from cleanup.kinds.margin_line import MarginLineRule
from cleanup.kinds.page_margin import is_own_line, number_count
from cleanup.kinds.repeated_line import line_key
from cleanup.kinds.layout_params import placed_indices, placed_rows, removable
from cleanup.pagelayout import INTERVIEW_TURN, ends_sentence, layout, layout_of, line_word_counts, page_lines, removal_spans, short_rows, word_count
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
    "By Jane Doe", "www.example.com", "Download on the App Store", "Follow us on Twitter", "November 19, 2019",
]


def texts():
    for path in sorted((ROOT / "fixtures" / "boilerplate").glob("*.txt")):
        yield path.read_text(encoding="utf-8")
    yield "\n".join(LINES)
    yield "\n\n".join(LINES)
    yield "\r\n".join(LINES) + "\n" + PROSE * 3


def line_rules():
    return [rule for rule in Ruleset.load().select(["boilerplate"]).rules if isinstance(rule, LineRule)]


def line_by_line(rule, doc):
    """A line rule's findings by its definition: every line of at most ``max_length``
    characters whose stripped text the rule's pattern or phrases match (and, for a
    margin-line rule, that stands where the rule may remove it)."""
    found = []
    page = layout_of(doc, rule.params) if isinstance(rule, MarginLineRule) else None
    for index, start, end, line in doc.line_table:
        if not line or len(line) > rule.params["max_length"]:
            continue
        if page is not None and not removable(page, index, line, rule.params):
            continue
        stripped = line.strip(rule.params["strip"])
        if stripped and rule.line_matches(stripped) is not None:
            found.append((index, start, end))
    # a margin-line rule removes adjacent lines as one block
    spans = removal_spans(doc, [index for index, _start, _end in found]) if page is not None else {}
    return [(start, end, spans[index] if page is not None else doc.line_removal(index))
            for index, start, end in found]


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


@settings(max_examples=150, deadline=None)
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
@given(st.text(alphabet="aZé ß\u0130ǅ\t\r\x0b\x0c\x1c\x1f\x85\u00a0\u2028.-", max_size=30))
def test_line_key_is_the_casefolded_line(line):
    assert line_key(line) == slow_line_key(line)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=30))
def test_line_key_of_any_ascii_line(line):
    assert line_key(line) == slow_line_key(line)


def test_corpus_rules_gather_the_keys_of_the_line_table():
    for text in [*texts(), "Press Office\r\nThe story ends.\r\n\r\nPress  Office\r\nSHARE THIS ARTICLE NOW\r"]:
        doc = Document.from_text(text)
        for rule in corpus_rules():
            story, keys = rule.gather(doc, Context())
            assert story == story_hashes(text, rule.params["story_words"])
            assert keys == keys_by_definition(rule, doc), rule.id


# lines of every shape the page analysis tells apart: blank, carriage returns, closers
# after a full stop, interview turns, table rows, long lines
SHAPES = ["", " ", "\r", "Home\r", "Q: Why?", "A. Because.", "Qatar 3 Iran 1", "Score 2-1 at half time",
          'He said "yes."', "Ends with a space. \"", "Menu", "Share", "Home", "Sport", "Weather",
          PROSE, PROSE + " " + PROSE, "November 19, 2019 at 6:44 am", "joe says:", "Politics (12)",
          "x" * 301, "Photo: " + "y" * 250]


def pages():
    yield from texts()
    yield "\n".join(SHAPES)
    yield "\n".join(SHAPES[::-1]) + "\n"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(SHAPES), max_size=20))
def test_page_lines_match_their_definitions(lines):
    check_page_lines("\n".join(lines))


def test_page_lines_of_the_fixtures_match_their_definitions():
    for text in pages():
        check_page_lines(text)


def check_page_lines(text):
    doc = Document.from_text(text)
    page = page_lines.__wrapped__(text)
    assert page.rows(range(len(page.lines))) == doc.line_table
    assert page.ends == [ends_sentence(line) for line in page.stripped]
    assert page.table_row == [bool(line) and (INTERVIEW_TURN.match(line) is not None or (
        count >= 2 and not ended and any(map(str.isdigit, line))))
        for line, count, ended in zip(page.stripped, page.words, page.ends)]
    assert list(page.nonblank) == [index for index, line in enumerate(page.stripped) if line]
    assert list(page.position) == [page.nonblank.index(index) if line else -1
                                   for index, line in enumerate(page.stripped)]
    assert list(page.starts) == [*doc.line_starts, len(text) + 1]
    for limit in (0, 4, 60, 300):
        assert list(short_rows.__wrapped__(text, limit)) == [row for row in doc.line_table
                                                       if row[3] and len(row[3]) <= limit]
    found = layout(text)
    for where in ("margin", "top", "bottom", "anywhere"):
        table = old_placed_lines(doc, found, where)
        assert placed_rows(found, doc.line_table, where) == table
        assert [doc.line_table[index] for index in placed_indices(found, len(doc.line_table), where)] == table


def old_placed_lines(doc, layout, where: str):
    """The line table rows the rules visited for ``where`` before ``placed_ranges``."""
    table = doc.line_table
    if where == "anywhere":
        return table
    if layout.body_start is None:
        return []
    top = table[: layout.body_start] if where in ("top", "margin") else []
    bottom = table[layout.body_end + 1 :] if where in ("bottom", "margin") else []
    return top + bottom


def old_short_line_run(rule, doc):
    """``short-line-run`` as it read every line of the line table."""
    page, features = layout(doc.text), page_lines(doc.text)
    short = [bool(line) and words <= rule.params["max_words"] and not ended
             for line, words, ended in zip(features.stripped, features.words, features.ends)]
    run, found = [], []
    for item in [*doc.lines(), None]:
        if item is not None and short[item[0]]:
            run.append(item)
            continue
        if len(run) >= rule.params["min_run"]:
            found.extend((line[1], line[2]) for line in run if removable(page, line[0], line[3], rule.params))
        run = []
    return found


def old_repeated_line(rule, doc):
    """``repeated-line`` as it read every line of the line table."""
    features = page_lines(doc.text)
    keys = {item[0]: line_key(features.stripped[item[0]]) for item in doc.lines()
            if 0 < features.words[item[0]] <= rule.params["max_words"]}
    counts = Counter(keys.values())
    page = layout(doc.text)
    return [(start, end) for index, start, end, line in doc.lines()
            if index in keys and counts[keys[index]] >= rule.params["min_count"]
            and removable(page, index, line, rule.params)]


def old_page_margin(rule, doc):
    """``page-margin`` as it read the line table rows ``old_placed_lines`` gives."""
    page, features = layout(doc.text), page_lines(doc.text)
    found = []
    for index, start, end, line in old_placed_lines(doc, page, rule.params["where"]):
        if not features.stripped[index] or page.in_body(index) or not removable(page, index, line, rule.params):
            continue
        words = page.prose_words[index]
        if (page.prose_ends[index] and words >= rule.params["sentence_words"]) or (
                words == 0 and rule.params["keep_wordless"]):
            continue
        if rule.params["keep_runs"] and rule.in_prose_run(features, page, index):
            continue
        # the guards of what the text owns, as the rule has them
        numbers = rule.params["table_numbers"]
        if numbers and number_count(features.stripped[index], numbers) >= numbers:
            continue
        if rule.params["keep_own_lines"] and is_own_line(features, page, index):
            continue
        found.append((start, end))
    return found


OLD = {"short-line-run": old_short_line_run, "repeated-line": old_repeated_line, "page-margin": old_page_margin}


def test_layout_kinds_find_what_they_found_line_by_line():
    rules = [rule for rule in Ruleset.load().select(["boilerplate"]).rules if rule.meta.kind in OLD]
    assert len(rules) >= 5
    for text in pages():
        doc = Document.from_text(text)
        for rule in rules:
            assert [(f.start, f.end) for f in rule.check(doc, Context())] == OLD[rule.meta.kind](rule, doc), rule.id


@settings(max_examples=500, deadline=None)
@given(st.lists(st.text(alphabet="ab1 .-'", max_size=200), max_size=6), st.integers(0, 20))
def test_capped_word_counts_are_exact_up_to_the_cap(lines, cap):
    text = "\n".join(lines)
    for exact, capped in zip(line_word_counts(text), line_word_counts(text, cap), strict=True):
        assert capped == exact if exact <= cap else capped > cap


def test_dated_pairs_at_the_threshold_are_found():
    # three date lines make three pairs (the early exit counts date lines, not pairs)
    rule = next(r for r in Ruleset.load().select(["boilerplate.dated-header"]).rules)
    pairs = ["joe says:\nNovember 19, 2019 at 6:44 am\nIt is over.", "ann says:\nNovember 19, 2019 at 6:58 am\nNot yet.",
             "bob says:\n2 hours ago\nWe will see."]
    assert len(list(rule.check(Document.from_text("\n\n".join([PROSE, *pairs])), Context()))) > 0
    assert list(rule.check(Document.from_text("\n\n".join([PROSE, *pairs[:2]])), Context())) == []
