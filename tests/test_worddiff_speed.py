"""The word diff's own diff (taken when the edits given do not explain the change) on
paragraphs as long as a corpus has them: fast, right, and drawn as few changes."""

from __future__ import annotations

import random
import time
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup import worddiff
from cleanup.worddiff import _consistent, _whole_characters, diff_edits, word_diff

VOCABULARY = ["the", "of", "and", "to", "in", "a", "is", "that", "said", "was", ","] + [f"word{n}" for n in range(400)]
# a paragraph is one line in the corpora: 5,000 words took difflib about ten seconds
TIME_LIMIT = 2.0


def paragraph(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(VOCABULARY) for _ in range(words)) + "."


def with_scattered_word_edits(rng: random.Random, text: str, count: int) -> str:
    words = text.split(" ")
    for index in rng.sample(range(len(words)), count):
        words[index] = rng.choice(["Psaki", "colour", words[index] + ",", "", "three new words"])
    return " ".join(words)


def with_character_edits(rng: random.Random, text: str, count: int) -> str:
    chars = list(text)
    for index in sorted(rng.sample(range(len(chars) - 5), count), reverse=True):
        chars[index : index + rng.randint(0, 5)] = rng.choice(["x", "é", "", "ab c", "\u00a0"])
    return "".join(chars)


def assert_well_formed(before: str, after: str, edits) -> None:
    assert _consistent(before, after, edits)
    for edit, following in zip(edits, edits[1:]):
        assert edit.end < following.start  # unchanged text between any two changes
    for edit in edits:
        assert edit.before == before[edit.start : edit.end] and edit.before != edit.after


def timed(before: str, after: str):
    started = time.perf_counter()
    edits = diff_edits(before, after)
    return edits, time.perf_counter() - started


def test_a_five_thousand_word_line_with_scattered_edits_is_fast():
    rng = random.Random(1)
    before = paragraph(rng, 5000)
    after = with_scattered_word_edits(rng, before, 20)
    edits, seconds = timed(before, after)
    assert seconds < TIME_LIMIT
    assert_well_formed(before, after, edits)
    assert len(edits) <= 20  # one change per edited word, none cut into pieces


def test_fifty_thousand_characters_changed_in_many_places_is_fast():
    rng = random.Random(2)
    before = paragraph(rng, 9000)[:50_000]
    after = with_character_edits(rng, before, 2000)
    edits, seconds = timed(before, after)
    assert seconds < TIME_LIMIT
    assert_well_formed(before, after, edits)
    rewritten = paragraph(rng, 9000)[:50_000]
    edits, seconds = timed(before, rewritten)
    assert seconds < TIME_LIMIT
    assert_well_formed(before, rewritten, edits)


def test_the_word_diff_of_a_long_paragraph_is_fast():
    rng = random.Random(3)
    before = "Title\n\n" + paragraph(rng, 5000) + "\n"
    after = with_scattered_word_edits(rng, before, 30)
    started = time.perf_counter()
    diff = word_diff("doc.txt", before, after, [], color=False, explain=False)
    seconds = time.perf_counter() - started
    assert seconds < TIME_LIMIT
    assert "{+" in diff or "[-" in diff


def test_a_phrase_put_in_for_a_word_is_one_change():
    before, after = "word41 he word432 by", "word41 new words here word432 by"
    (edit,) = diff_edits(before, after)
    assert (edit.before, edit.after) == ("he", "new words here")


def test_changes_on_two_lines_stay_two_changes():
    edits = diff_edits("one foo\nbar two", "one FOO\nBAR two")
    assert [(e.before, e.after) for e in edits] == [("foo", "FOO"), ("bar", "BAR")]


def test_the_existing_word_diff_example_is_unchanged():
    before, after = "The cat sat on the mat.\n", "The dog sat on a mat.\n"
    assert [(e.before, e.after) for e in diff_edits(before, after)] == [("cat", "dog"), ("the", "a")]


@pytest.mark.parametrize("seed", range(40))
def test_random_long_texts_with_word_and_character_edits_replay(seed):
    rng = random.Random(seed)
    before = paragraph(rng, rng.randint(50, 3000))
    after = with_scattered_word_edits(rng, before, rng.randint(1, 40))
    after = with_character_edits(rng, after, rng.randint(0, 40))
    assert_well_formed(before, after, diff_edits(before, after))


# whole characters only: a letter with its combining accent, a CRLF line end
GRAPHEMES = ["a", "e", "e\u0301", "o\u0308\u0304", "n\u0303", "x", " ", "  ", ",", ".", "\r\n", "\n", "\u00a0", "é"]
TEXTS = st.lists(st.sampled_from(GRAPHEMES), max_size=60)


@st.composite
def texts_with_edits(draw):
    graphemes = draw(TEXTS)
    changed = list(graphemes)
    for _ in range(draw(st.integers(0, 6))):
        start = draw(st.integers(0, len(changed)))
        end = draw(st.integers(start, min(len(changed), start + 6)))
        changed[start:end] = draw(st.lists(st.sampled_from(GRAPHEMES), max_size=5))
    return "".join(graphemes), "".join(changed)


def splits_a_character(text: str, offset: int) -> bool:
    if not 0 < offset < len(text):
        return False
    return unicodedata.category(text[offset]).startswith("M") or text[offset - 1 : offset + 1] == "\r\n"


@pytest.mark.parametrize("cell_budget", [None, 0])  # None: as it is; 0: the Levenshtein path
@settings(max_examples=300, deadline=None)
@given(case=texts_with_edits())
def test_unicode_and_crlf_edits_replay_and_keep_characters_whole(cell_budget, case):
    before, after = case
    with pytest.MonkeyPatch.context() as patch:
        if cell_budget is not None:
            patch.setattr(worddiff, "_INDEL_CELL_BUDGET", cell_budget)
        edits = diff_edits(before, after)
    assert_well_formed(before, after, edits)
    assert _consistent(before, after, _whole_characters(before, edits))
    shift = 0
    for edit in edits:
        assert not splits_a_character(before, edit.start) and not splits_a_character(before, edit.end)
        assert not splits_a_character(after, edit.start + shift)
        shift += len(edit.after) - len(edit.before)
        assert not splits_a_character(after, edit.end + shift)
