"""The fast word count of ``pagelayout`` agrees with the word-by-word definition."""

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.pagelayout import line_word_counts, page_lines, word_count, word_count_exact

# letters, figures, the joiners a word may hold, separators, and scripts with their own
# paths: unspaced (Han, kana, Thai), combining marks, letters newer than str.isalpha knows
CHARACTERS = "aZé9²Ⅻ'’.-– ,\t\u00a0中文あアกัำ\u0301ʰǅ\u0558\U00011f04"


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=CHARACTERS, max_size=30))
def test_word_count_matches_word_by_word_count(line):
    assert word_count(line) == word_count_exact(line)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=40))
def test_word_count_matches_on_any_text(line):
    assert word_count(line) == word_count_exact(line)


def test_page_lines_counts_each_stripped_line():
    text = "  Home | News  \r\n\nThe council met on 3 May 2024 and voted 7-2.\nQ: Why?\n"
    page = page_lines(text)
    assert page.stripped == [line.strip() for line in text.split("\n")]
    assert page.words == [word_count(line.strip()) for line in text.split("\n")]
    assert list(page.nonblank) == [0, 2, 3]
    assert list(page.position) == [0, -1, 1, 2, -1]
    assert page.table_row == [False, False, False, True, False]
    assert page_lines(text) is page


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_ascii_word_count_matches_word_by_word_count(line):
    # every ASCII character: the fast path must treat "_", "@", control characters and
    # the joiners (' . -) exactly as the word-by-word definition does
    assert word_count(line) == word_count_exact(line)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(st.text(alphabet=st.characters(max_codepoint=127), max_size=30),
                          st.text(alphabet=CHARACTERS, max_size=30),
                          st.text(alphabet="ab1'’‘“”–—…\u00a0\u202f .-", max_size=30)), max_size=6))
def test_line_word_counts_counts_each_line(lines):
    text = "\n".join(line.replace("\n", " ") for line in lines)
    assert line_word_counts(text) == [word_count(line) for line in text.split("\n")]
