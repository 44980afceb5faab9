"""More fast paths of the sentence heuristics (issue 7) against their plain forms: the
capitalised-word search of listed words only, and the sentence pieces cut from one
search of the document's boundaries instead of one search a paragraph.

Texts are random compositions of what those paths must get right: listed words after
lowercase words, space of every kind (tabs, no-break space, runs of spaces, white space
that ``str.strip`` removes but no pattern takes), abbreviations and initials before a
full stop, closing and opening marks, apostrophes, hyphens, letters outside ASCII."""

from __future__ import annotations

import random

import pytest

from cleanup import language, sentences
from cleanup.document import Document
from cleanup.kinds import mt_capitalised
from cleanup.kinds.base import Context
from cleanup.kinds.mt_capitalised import CAPITALISED
from cleanup.ruleset import Ruleset

from .conftest import SEEDS

WORDS = (
    "the the the a of in and to said Given Following According The Of And In To Today Later Him His "
    "Earlier However Also although Although x-ray re-elected don't don’t it’s Mr. Mrs. Dr. St. U.S. "
    "workers’ pre- rock' a.m. Gen. F. J. No. Jan. etc. Washington Putin Congress United States (the (And ‘The “The "
    "The’s Given’s And. Of, Thenx Theory Andy ANd THE Thé café Ωmega élan 1,000 2019 3.5 i.e. e.g."
).split()
SPACES = [" ", " ", " ", "  ", "\t", " \t", "\u00a0", " \u00a0", "\x0b", "\x1c", "\u2028", "\u3000"]
ENDS = [".", ".", "?", "!", ".”", ".\"", "?’", ".)", "...", "", ":"]


def random_text(rng: random.Random, ascii_only: bool) -> str:
    lines = []
    for _ in range(rng.randint(1, 6)):
        sentences_ = []
        for _ in range(rng.randint(1, 5)):
            words = [rng.choice(WORDS) for _ in range(rng.choice([1, 2, 3, 6, 12]))]
            text = "".join(word + rng.choice(SPACES) for word in words).rstrip(" ")
            sentences_.append(text[:1].upper() + text[1:] + rng.choice(ENDS))
        line = rng.choice([" ", "  ", " \u00a0", "\t"]).join(sentences_)
        lines.append(rng.choice(["", " ", "\t", "\u00a0"]) + line + rng.choice(["", " ", "\t", "\x0c"]))
    text = "".join(line + rng.choice(["\n", "\n\n", "\r\n", "\n \n"]) for line in lines)
    if ascii_only:
        text = "".join(c for c in text if c.isascii() or not (c.isalpha() or language.LETTER_OR_MARK.match(c)))
    return text


TEXTS = [random_text(random.Random(seed), ascii_only=seed % 4 != 0) for seed in range(600)]
REAL = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
RULE = Ruleset.load().select(["mt.capitalised-word"]).rules[0]


def clear_caches():
    for cached in (sentences.structure, language.looks_english, language.language_evidence, language.ascii_view):
        cached.cache_clear()


def capitalised_findings(text: str) -> list[tuple]:
    clear_caches()
    found = list(RULE.check(Document.from_text(text), Context(names_loader=lambda: None)))
    return [(f.start, f.end, f.message, f.replacement) for f in found]


def test_texts_have_an_ascii_view_and_listed_words_to_find():
    """The generator makes texts the fast path reads (else it would compare nothing)."""
    with_view = [text for text in TEXTS if language.ascii_view(text) is not None]
    assert len(with_view) > 300
    assert sum(bool(capitalised_findings(text)) for text in with_view) > 50


def test_capitalised_word_fast_path_finds_what_the_exact_way_finds(monkeypatch):
    texts = TEXTS + REAL
    fast = [capitalised_findings(text) for text in texts]
    monkeypatch.setattr(mt_capitalised, "ascii_view", lambda text: None)
    exact = [capitalised_findings(text) for text in texts]
    differing = [text for text, a, b in zip(texts, fast, exact) if a != b]
    assert not differing, differing[:2]


def test_listed_word_candidates_are_a_superset_of_the_listed_matches():
    """Every match of ``CAPITALISED`` of a listed word in a text with an ASCII view lies
    where the candidate search finds one; the candidates may be more."""
    tried = 0
    for text in TEXTS:
        if language.ascii_view(text) is None:
            continue
        candidates = {match.start() for match in RULE.candidates.finditer(text)}
        for match in CAPITALISED.finditer(text):
            if match.group(1).casefold() in RULE.words:
                tried += 1
                assert match.start(1) in candidates, (text, match)
    assert tried > 100


def test_listed_word_candidates_of_a_few_words():
    pattern = mt_capitalised.listed_word_candidates({"the", "given", "a", "don't", "café"})
    found = [match.group() for match in pattern.finditer(
        "on the The; see The x  Given (x The Theé and Thex z Given\tGiven a A Don't Café")]
    # after two spaces, or before a letter outside ASCII, the exact match decides
    assert found == ["The", "The", "Given", "The", "The", "Given", "Given"]
    assert mt_capitalised.listed_word_candidates(set()).search("the The") is None


def paragraph_pieces(text: str) -> list[list[tuple[int, int]]]:
    """``split_paragraph`` of every paragraph on its own (the form before one search of
    the document), with the document's letter map."""
    letter_bytes = sentences.letter_map(text)
    shape = sentences.structure.__wrapped__(text)
    return [sentences.split_paragraph(paragraph.text, paragraph.start, letter_bytes=letter_bytes)
            for paragraph in shape.paragraphs]


def structure_pieces(text: str) -> list[list[tuple[int, int]]]:
    shape = sentences.structure.__wrapped__(text)
    return [[(shape.starts[number], shape.ends[number]) for number in shape.sentence_numbers(paragraph.index)]
            for paragraph in shape.paragraphs]


@pytest.mark.parametrize("part", range(3))
def test_sentences_from_one_boundary_search_equal_each_paragraphs_own(part):
    tried = 0
    for text in (TEXTS + REAL)[part::3]:
        if sentences.letter_map(text) is None:
            continue
        tried += 1
        assert structure_pieces(text) == paragraph_pieces(text), repr(text)
    assert tried > 100


def test_sentence_pieces_of_tricky_paragraphs():
    texts = [
        "", "\n\n", "A.", "Mr. Smith went. He left.", "  Gen. A. B. Smith said so. Then he left.  \n",
        "The U.S. Army. It won.\tThe end.\u00a0Then.", "x. \x0bY. z", "One. \u2028Two.", "“Stop.” He did. (A) b.",
        "St. Louis.\nSt. Paul. Ok", ". . .", "Dr. \n Dr. No. 5 was.", "Yes!  No? Maybe.", "a.m. Then. 3.5. 4 x",
    ]
    for text in texts:
        assert structure_pieces(text) == paragraph_pieces(text), repr(text)
    assert structure_pieces("Mr. Smith went. He left.") == [[(0, 15), (16, 24)]]


def test_sentence_pieces_can_tell_a_wrong_cut():
    """The comparison above sees a cut misplaced by one character."""
    text = "He went. She left."
    right = paragraph_pieces(text)
    assert right == [[(0, 8), (9, 18)]]
    assert right != [[(0, 8), (8, 18)]]


def sentence_like_spans(rng: random.Random, text: str) -> list[tuple[int, int]]:
    """Spans that start and end where a sentence may: at the text's ends or beside space."""
    cuts = [0] + [i for i in range(1, len(text)) if text[i - 1].isspace() or text[i].isspace()] + [len(text)]
    return sorted({tuple(sorted((rng.choice(cuts), rng.choice(cuts)))) for _ in range(4)})


def test_word_counts_of_sentences_with_digits_hyphens_and_apostrophes():
    """The counts from the byte classes equal ``WORD``'s matches (and the stdlib
    pattern's over the same slice) wherever a sentence can start and end."""
    rng = random.Random(23)
    pieces = ["a", "B", "'", "’", "-", "1", "2", ",", ".", " ", "\t", "x", "é", "—", "“", "_", "0", "ab",
              "--", ".5", "1,000", "\n", " ", "a1", "1a", "x-1-y", "3.", ",4", "'t", "-'"]
    tried = 0
    for _ in range(30000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 20)))
        clear_caches()
        if language.ascii_view(text) is None:
            continue
        spans = sentence_like_spans(rng, text)
        counts = sentences.sentence_word_counts(text, [low for low, _ in spans], [high for _, high in spans])
        assert counts == [sentences.word_count(text[low:high]) for low, high in spans], (text, spans)
        assert counts == [len(sentences.ASCII_WORD.findall(text, low, high)) for low, high in spans]
        tried += any(c.isdigit() for c in text) and ("-" in text or "'" in text)
    assert tried > 5000
