"""What an English word can be, from lemminflect's offline lexicon (shipped in its
wheel, nothing downloaded): whether a word is a dictionary word at all (proper names
mostly are not) and whether it can be a verb.

The lexicon is generous ("troops" can be a verb), which suits rules that must stay
quiet: a sentence is called verbless only when no word in it could be a verb.
"""

from __future__ import annotations

from functools import lru_cache

from .sentences import function_words

VERBAL = frozenset({"VERB", "AUX"})
CONTRACTIONS = ("'s", "’s", "'re", "’re", "'ve", "’ve", "'ll", "’ll", "'d", "’d", "'m", "’m",
                "n't", "n’t")


@lru_cache(maxsize=65536)
def word_classes(word: str) -> frozenset[str]:
    """The universal POS tags lemminflect knows for ``word`` (lowercased); empty when
    the word is not in its lexicon."""
    from lemminflect import getAllLemmas

    return frozenset(getAllLemmas(word.lower()))


def in_lexicon(word: str) -> bool:
    return bool(word_classes(word))


def contracted_verb(word: str) -> bool:
    """A contraction with a verb in it: "we're", "didn't", "it's" (is or has)."""
    lowered = word.lower()
    if lowered.endswith(CONTRACTIONS[2:]):
        return True
    return lowered.endswith(CONTRACTIONS[:2]) and lowered[:-2] in function_words()


def can_be_verb(word: str) -> bool:
    if contracted_verb(word):
        return True
    lowered = word.lower()
    return bool(word_classes(lowered) & VERBAL)


def only_verb(word: str) -> bool:
    classes = word_classes(word)
    return bool(classes) and classes <= VERBAL
