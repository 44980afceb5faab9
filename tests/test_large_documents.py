"""Memory on corpora of large documents (books, hard-wrapped text, data dumps): what is
derived from a text is kept for a bounded amount of text, not a number of documents,
and a worker's window of documents is bounded in characters too."""

from __future__ import annotations

import textwrap
import tracemalloc
from pathlib import Path

import pytest

from cleanup import pagelayout, runner, sentences, textcache
from cleanup.document import Document
from cleanup.corpus import expand_inputs
from cleanup.runner import Runner, Task, _batches, _pair_document

from .scale_corpus import scale_documents


def hard_wrapped(index: int, size: int) -> str:
    """About ``size`` characters of the seed corpus wrapped at 72 columns, as a book
    or an e-mail is: a line for every dozen words. ``index`` makes each one distinct."""
    paragraphs = [p for text in scale_documents(40, seed=index) for p in text.split("\n") if p.strip()]
    text, held = [], 0
    for number, paragraph in enumerate(paragraphs * (size // 20_000 + 1)):
        wrapped = "\n".join(textwrap.wrap(f"{index}.{number} {paragraph}", 72))
        text.append(wrapped)
        held += len(wrapped) + 2
        if held >= size:
            break
    return "\n\n".join(text) + "\n"


def test_a_cache_keeps_the_text_it_computes_however_long(monkeypatch):
    monkeypatch.setattr(textcache, "TEXT_BUDGET", 100)
    calls = []

    @textcache.per_text(maxsize=8)
    def length(text: str, extra: int = 0) -> int:
        calls.append(text)
        return len(text) + extra

    long = "x" * 500
    assert length(long) == 500 and length(long) == 500
    assert calls == [long]  # beyond the budget alone, and still kept: the rules of one text share it
    assert length("ab", 1) == 3
    assert length.cache_info().currsize == 1  # the long text made room for the short
    assert length(long) == 500 and len(calls) == 3


def test_a_cache_is_emptied_past_the_budget_and_bounded_by_maxsize(monkeypatch):
    monkeypatch.setattr(textcache, "TEXT_BUDGET", 100)

    @textcache.per_text(maxsize=3)
    def upper(text: str) -> str:
        return text.upper()

    upper("a" * 40), upper("b" * 40)
    assert upper.cache_info().currsize == 2
    upper("c" * 40)  # 120 characters taken in: emptied, and this one kept
    assert upper.cache_info().currsize == 1
    for text in "defg":
        upper(text)
    assert upper.cache_info().currsize == 3  # maxsize
    upper("g")
    assert upper.cache_info().hits == 1
    upper.cache_clear()
    assert upper.cache_info() == (0, 0, 3, 0)
    assert upper.__wrapped__("q") == "Q" and upper.__name__ == "upper"


def test_batches_are_bounded_in_characters_and_keep_order():
    docs = [Document(f"d{i}", "x" * length) for i, length in enumerate([10, 10, 50, 200, 5, 5, 5])]
    batches = list(_batches(docs, 4, characters=60))
    assert [[doc.path for doc in batch] for batch in batches] == [
        ["d0", "d1"], ["d2"], ["d3"], ["d4", "d5", "d6"]]  # d3 alone is over: a batch of one
    pairs = [("source", doc) for doc in docs]
    assert [len(batch) for batch in _batches(pairs, 2, characters=1_000, document_of=_pair_document)] == [2, 2, 2, 1]
    paired = list(_batches(pairs, 4, characters=60, document_of=_pair_document))
    assert [[doc.path for _, doc in batch] for batch in paired] == [[doc.path for doc in batch] for batch in batches]
    assert [pair for batch in _batches(pairs, 3, characters=60, document_of=_pair_document) for pair in batch] == pairs


def peak_of_check(folder: Path) -> int:
    checker = Runner(Task("check"), jobs=1)
    sources = expand_inputs([str(folder)])[0]
    tracemalloc.start()
    try:
        # each outcome dropped once read, as the command line does
        assert all(outcome.result is not None for outcome in checker.run(sources))
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.fixture
def small_budgets(monkeypatch):
    monkeypatch.setattr(textcache, "TEXT_BUDGET", 150_000)
    monkeypatch.setattr(runner, "WINDOW_CHARACTERS", 150_000)


def test_memory_does_not_grow_with_the_number_of_large_documents(tmp_path, small_budgets):
    """Twelve documents of 50,000 characters peak at about what four do, where the caches
    are full. Before they were bounded in characters, each document's lines, sentences
    and layout stayed (up to 64 documents' worth): twelve peaked at twice what four did."""
    warm, few, many = tmp_path / "warm", tmp_path / "few", tmp_path / "many"
    for folder, first, count in ((warm, 100, 1), (few, 0, 4), (many, 10, 12)):
        folder.mkdir()
        for index in range(first, first + count):
            (folder / f"{index:03d}.txt").write_text(hard_wrapped(index, 50_000), encoding="utf-8")
    peak_of_check(warm)  # the lexicon and the code pages loaded outside the measurement
    peak_few, peak_many = peak_of_check(few), peak_of_check(many)
    assert peak_many < 1.25 * peak_few, (peak_few, peak_many)


def test_a_text_of_short_lines_is_held_in_machine_integers_not_an_object_a_line():
    # a word list or a data dump: a line every few characters, and every line short
    # enough for the line rules. The paragraph objects (one a line) stay; the offsets,
    # ranks and rows beside them are arrays, not a Python int or tuple each
    words = [word for text in scale_documents(60, seed=3) for word in text.split()]
    text = "\n".join((words * 3)[:60_000]) + "\n"
    for cached in (pagelayout.page_lines, pagelayout.short_rows, sentences.structure, pagelayout.wrapped_lines):
        cached.cache_clear()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        shared = (pagelayout.page_lines(text), pagelayout.short_rows(text, 300), sentences.structure(text))
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert len(shared[1]) == len(shared[2].paragraphs) == 60_000 and len(shared[2].starts) > 55_000
    assert held / len(text) < 90  # bytes a character: 151 with a list a field, a tuple a row
