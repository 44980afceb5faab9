"""The fast paths of the sentence-level heuristics (issue 7) against their exact ways.

The language gate, the sentence structure, word counts, token runs and the doubled-word
search read an ASCII view of the text when it has no letter outside ASCII; every rule
must find exactly what it finds without that view. Texts are random compositions of
the things the fast paths must get right: pronouns, reporting verbs, quotation marks,
apostrophes, abbreviations, digits, hyphens, doubled words, other languages' words and
letters outside ASCII."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from cleanup import language, sentences
from cleanup.document import Document
from cleanup.engine import check_document
from cleanup.kinds import doubled_word
from cleanup.kinds.base import Context
from cleanup.kinds.doubled_word import DOUBLED, DoubledWordRule
from cleanup.ruleset import Ruleset

HEURISTICS = ["mt.verbless-sentence", "mt.first-person", "typography.doubled-word", "mt.orphan-fragment",
              "mt.capitalised-word", "typography.unbalanced-quotes", "readability.long-sentence",
              "typography.mixed-quotes"]
RULES = Ruleset.load().select(HEURISTICS).rules

WORDS = (
    "the the The a an of in to and or said told added stated according announced I I I my me mine "
    "myself we minister talks government troops attack sanctions allied new eastern side country "
    "capabilities fortress additional is was has had will would being Given However Following "
    "According In Of The World War Title Mr. Mrs. Dr. U.S. a.m. Gen. St. Vladimir Putin Angela "
    "Merkel Stated Thanks Andrew don't don’t it's it’s rock'n'roll re-elected Angola--were "
    "o'clock 'tis 1,000 2019 3.5 a1 1a und der die das ist nicht de la y per café Zelenskyy "
    "Ελλάδα Straße STRASSE İstanbul"
).split()
MARKS = ["“", "”", "\"", "‘", "’", "’’", "‘‘", "``", "„", "(", ")", ",", ";", ":", " — ", " -- ", " - "]
ENDS = [".", ".", ".", "?", "!", ".”", ".\"", "?’", "...", ". .."]


def random_text(rng: random.Random) -> str:
    paragraphs = []
    for _ in range(rng.randint(1, 6)):
        sentences_ = []
        for _ in range(rng.randint(1, 5)):
            words = []
            for _ in range(rng.choice([1, 2, 3, 5, 9, 12, 20, 45])):
                word = rng.choice(WORDS)
                if rng.random() < 0.12:
                    word = rng.choice(MARKS) + word if rng.random() < 0.5 else word + rng.choice(MARKS)
                words.append(word)
            if rng.random() < 0.1:
                words.insert(rng.randrange(len(words) + 1), words[-1])  # a doubled word
            text = " ".join(words)
            sentences_.append(text[:1].upper() + text[1:] + rng.choice(ENDS))
        paragraphs.append(rng.choice([" ", "  ", " \u00a0"]).join(sentences_))
    return "".join(p + rng.choice(["\n\n", "\n", "\n\n\n", "\n"]) for p in paragraphs)


VIEW = language.ascii_view  # the cached function, also while a test replaces it


def clear_caches():
    for cached in (sentences.structure, language.looks_english, language.language_evidence, VIEW):
        cached.cache_clear()


def found(text: str) -> list[tuple]:
    clear_caches()
    result = check_document(Document.from_text(text), RULES, Context(names_loader=lambda: None))
    clear_caches()
    return [(f.rule, f.start, f.end, f.message) for f in result]


def exact_ways(monkeypatch):
    """No ASCII view anywhere: every fast path that needs one is left out."""
    for module in (sentences, language, doubled_word):
        monkeypatch.setattr(module, "ascii_view", lambda text: None)


TEXTS = [random_text(random.Random(seed)) for seed in range(400)]


def test_random_texts_reach_the_rules():
    """The generator makes texts on which the rules find things (else the test below
    would compare empty lists)."""
    hits = {rule for text in TEXTS for rule, *_ in found(text)}
    assert {"mt.first-person", "typography.doubled-word", "mt.orphan-fragment", "mt.capitalised-word",
            "typography.unbalanced-quotes", "readability.long-sentence", "typography.mixed-quotes",
            "mt.verbless-sentence"} <= hits


def test_fast_paths_find_what_the_exact_ways_find(monkeypatch):
    fast = [found(text) for text in TEXTS]
    exact_ways(monkeypatch)
    exact = [found(text) for text in TEXTS]
    differing = [text for text, a, b in zip(TEXTS, fast, exact) if a != b]
    assert not differing, differing[:2]


def test_structure_and_word_counts_without_the_view(monkeypatch):
    fast = []
    for text in TEXTS:
        shape = sentences.structure.__wrapped__(text)
        fast.append((shape.paragraphs, shape.sentences, shape.word_counts()))
    exact_ways(monkeypatch)
    for text, (paragraphs, found_sentences, counts) in zip(TEXTS, fast):
        shape = sentences.structure.__wrapped__(text)
        assert (shape.paragraphs, shape.sentences) == (paragraphs, found_sentences)
        assert counts == shape.word_counts() == [sentences.word_count(s.text) for s in shape.sentences]


@pytest.mark.parametrize("seed", range(3))
def test_doubled_word_candidates_are_every_doubled_pair(seed):
    rng = random.Random(seed)
    pieces = ["the", "The", "THE", "a", "don't", "don’t", "it's", "it’s", "x", " ", " ", "\t", "\n", ",",
              ".", "'", "’", "-", "9", "é", "É", "\u00a0", "“", "rock'n'roll", "ß", "SS", "ss", "İ", "i",
              "Ω", "ω", "\u0301", "٣", "_", "K", "t", "don"]
    for _ in range(4000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        fast = [m.span() for m in DoubledWordRule.candidates(text) if m.group(1).casefold() == m.group(3).casefold()]
        every = [m.span() for m in DOUBLED.finditer(text, overlapped=True)
                 if m.group(1).casefold() == m.group(3).casefold()]
        assert fast == every, text


def test_language_gate_matches_the_definition():
    """The shares as the module's docstring defines them, word by word."""
    rng = random.Random(5)
    vocabulary = ["the ", "und ", "der ", "de ", "'", "’", "é ", "and ", "in ", "la ", "das ist ", "x ",
                  "'und ", "und'", "-", "y ", "٣", "Ω", "“", "—"]
    texts = ["".join(rng.choice(vocabulary) for _ in range(rng.randint(0, 60))) for _ in range(3000)] + TEXTS
    english, other = sentences.word_list("function-words"), sentences.word_list("other-function-words")
    for text in texts:
        sample = text[: language.SAMPLE]
        words = [w.lower() for w in language.WORD.findall(sample)]
        letters = sum(map(len, language.LETTER.findall(sample)))
        latin = sum(map(len, language.LATIN.findall(sample))) / letters if letters else 1.0
        expected = language.LanguageEvidence(
            len(words), sum(map(english.__contains__, words)) / len(words) if words else 0.0,
            sum(map(other.__contains__, words)) / len(words) if words else 0.0, latin)
        clear_caches()
        assert language.language_evidence(text) == expected, text
        assert language.looks_english(text) == expected.is_english, text


def test_doubled_word_with_many_different_pairs():
    """Past a few different candidate pairs the offsets of all pieces are taken instead
    of one search per pair (which would be quadratic on a long text)."""
    rng = random.Random(9)
    words = ["".join(rng.choice("abcdefghij’'") for _ in range(4)).strip("’'") or "x" for _ in range(300)]
    text = " ".join(w + " " + w if rng.random() < 0.5 else w for w in (rng.choice(words) for _ in range(3000)))
    fast = [m.span() for m in DoubledWordRule.candidates(text) if m.group(1).casefold() == m.group(3).casefold()]
    every = [m.span() for m in DOUBLED.finditer(text, overlapped=True)
             if m.group(1).casefold() == m.group(3).casefold()]
    assert len(every) > 100 and fast == every


def test_terminated_matches_its_pattern():
    """The last-character shortcut of ``terminated`` answers as the anchored pattern
    does, on texts that end in marks, closers, spaces of every kind and letters."""
    rng = random.Random(11)
    tail = [".", "!", "?", ")", "]", '"', "”", "’", "»", " ", "\t", "\n", "\x1c", "\u00a0", "\u2009",
            "a", "Z", "9", ",", ";", "“", "…"]
    texts = ["".join(rng.choice(tail) for _ in range(rng.randint(0, 8))) for _ in range(20000)]
    texts += [("word " * 20) + end for end in ("." + ")" * 70, "x" + "”" * 70, ". " + " " * 70)]
    for text in texts:
        assert sentences.terminated(text) == bool(sentences.TERMINATED.search(text)), repr(text)


SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


def test_real_texts_fast_and_exact(monkeypatch):
    """The seed articles (real scraped news with curly quotes, dashes and names) give
    the same findings, sentences and word counts with and without the ASCII view."""
    texts = [path.read_text(encoding="utf-8") for path in SEEDS]
    assert texts
    fast = [found(text) for text in texts]
    shapes = [sentences.structure.__wrapped__(text) for text in texts]
    counts = [shape.word_counts() for shape in shapes]
    assert any(fast)
    exact_ways(monkeypatch)
    assert [found(text) for text in texts] == fast
    for text, shape, words in zip(texts, shapes, counts):
        exact = sentences.structure.__wrapped__(text)
        assert (exact.paragraphs, exact.sentences) == (shape.paragraphs, shape.sentences)
        assert exact.word_counts() == words


def test_abbreviation_test_of_a_token_equals_the_pattern_way():
    # split_paragraph asks token_ends_with_abbreviation of the token before a boundary
    # (no space, ends with [.!?]); it must answer as ends_with_abbreviation does
    rng = random.Random(11)
    stems = ["Mr", "Mrs", "Dr", "Gen", "St", "U.S", "a.m", "F", "f", "said", "Vladimir", "(U.S", "“Dr",
             "1", "2019", "x", "", "etc", "No", "Jan", "I", "A.B", "Washington"]
    for _ in range(3000):
        token = rng.choice(stems) + "".join(rng.choice(".!?") for _ in range(rng.randint(1, 3)))
        assert sentences.token_ends_with_abbreviation(token) == sentences.ends_with_abbreviation(token), token


def test_token_runs_are_shared_with_the_language_gate():
    """The cached runs the structure hands out are the language module's, computed the
    same way as without the cache."""
    for text in TEXTS[:50]:
        clear_caches()
        view = language.ascii_view(text)
        if view is None:
            continue
        for hyphens in (False, True):
            assert sentences.token_runs(text, hyphens) == language.ascii_token_runs.__wrapped__(view, hyphens)


def test_last_token_equals_the_reverse_search():
    """``last_token`` finds the last plain space with ``rfind`` and trusts it when the
    rest is printable: no other white space may hide there."""
    import sys

    spaces = [chr(c) for c in range(sys.maxunicode + 1) if sentences.LAST_SPACE.match(chr(c))]
    assert all(not c.isprintable() for c in spaces if c != " ")
    rng = random.Random(13)
    pieces = ["Mr", ".", " ", "U.S", "x", "\u00a0", "\t", "\x1c", "\u2009", "é", "(", "”", "Gen", "\u3000"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 10)))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        space = sentences.LAST_SPACE.search(text, start, end)
        assert sentences.last_token(text, start, end) == text[space.end() if space else start : end], repr(text)


def test_quote_spans_of_a_line_without_a_mark():
    """The structure reads the quotation marks only of lines that ``has_quote_mark``
    says have one: any other line gives no span and is balanced."""
    rng = random.Random(17)
    pieces = ["“", "”", "\"", "‘", "’", "`", "``", "„", "'", "a", " ", "é", "x.", "«", "»"]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        if not sentences.has_quote_mark(text):
            assert sentences.quote_spans(text, 5) == ([], True), repr(text)


def test_sentence_arrays_and_objects_agree():
    """The structure keeps sentences as offset arrays; the objects built from them carry
    the same fields, in paragraph order, with each paragraph's count and own text."""
    for text in TEXTS + [path.read_text(encoding="utf-8") for path in SEEDS]:
        shape = sentences.structure.__wrapped__(text)
        objects = shape.sentences
        assert len(objects) == len(shape.starts) == len(shape.ends) == len(shape.quoted)
        for number, sentence in enumerate(objects):
            assert (sentence.start, sentence.end, sentence.paragraph, sentence.index, sentence.quoted) == (
                shape.starts[number], shape.ends[number], shape.owners[number], shape.positions[number],
                shape.quoted[number])
            assert sentence.text == text[sentence.start : sentence.end]
        for paragraph in shape.paragraphs:
            inside = shape.in_paragraph(paragraph.index)
            assert inside == [s for s in objects if s.paragraph == paragraph.index]
            assert all(s.count == len(inside) and s.index == i for i, s in enumerate(inside))


def test_doubled_word_one_piece_search_on_ascii_texts():
    """ASCII texts without a two-piece pair take the one stdlib search for a piece
    followed by the same piece: every doubled pair is found, runs of three included."""
    rng = random.Random(21)
    pieces = ["the", "The", "a", "A", "an", " ", " ", "  ", "\t", "\n", ",", ".", "-", "9", "_", "x", "ax",
              "“", "—", "\u00a0", "'s"]
    tried = 0
    for _ in range(6000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 16)))
        if doubled_word.TWO_ASCII_PIECES.search(text.lower().replace("’", "'")):
            continue
        tried += 1
        fast = [m.span() for m in DoubledWordRule.candidates(text) if m.group(1).casefold() == m.group(3).casefold()]
        every = [m.span() for m in DOUBLED.finditer(text, overlapped=True)
                 if m.group(1).casefold() == m.group(3).casefold()]
        assert fast == every, repr(text)
    assert tried > 3000
