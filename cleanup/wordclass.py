"""What an English word can be, from lemminflect's offline lexicon (shipped in its
wheel, nothing downloaded): whether a word is a dictionary word at all (proper names
mostly are not) and whether it can be a verb.

The lexicon is generous ("troops" can be a verb), which suits rules that must stay
quiet: a sentence is called verbless only when no word in it could be a verb.
"""

from __future__ import annotations

import gzip
import re
import sys
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from . import __version__
from .cachefiles import cache_dir, file_key, read_stored, store
from .sentences import alternation_by_initial, function_words

VERBAL = frozenset({"VERB", "AUX"})
CONTRACTIONS = ("'s", "’s", "'re", "’re", "'ve", "’ve", "'ll", "’ll", "'d", "’d", "'m", "’m",
                "n't", "n’t")
# a line of lemminflect's lemma table: word,category,lemma/lemma...
LEMMA_LINE = re.compile(r"^([^,\n]*),([^,\n]*),[^,\n]*$", re.MULTILINE)


# the lexicon's file in the cache folder: a new format, a new file
LEXICON_FORMAT = 1


@lru_cache(maxsize=1)
def lexicon() -> dict[str, frozenset[str]]:
    """Word -> the universal POS tags of lemminflect's lemma table and its overrides:
    the keys ``getAllLemmas`` answers with. Read back from the cache folder when it was
    built from the same files (0.02 s, where building it takes 0.1 s or more: a
    pre-commit run on a few files pays it every time)."""
    resources = Path(find_spec("lemminflect").origin).parent / "resources"
    sources = (resources / "lemma_lu.csv.gz", resources / "lemma_overrides.csv")
    contents = [path.read_bytes() for path in sources]
    path = _stored_lexicon_path(sources, contents)
    if path is not None:
        stored = read_stored(path)
        if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == path.stem:
            return stored[1]
    words = _built_lexicon(contents[0], contents[1].decode())
    if path is not None:
        store(path, (path.stem, words), keep=2)
    return words


def _stored_lexicon_path(sources: tuple[Path, ...], contents: list[bytes]) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    return folder / f"lexicon-{file_key(f'{LEXICON_FORMAT}|{__version__}|{sys.version}', sources, contents)}.pickle"


def _built_lexicon(table_gz: bytes, overrides: str) -> dict[str, frozenset[str]]:
    """``lexicon`` from the lemma table (gzipped) and the overrides, read with one
    pattern over the table and without the lemmas, and without importing lemminflect
    (it imports numpy): its own loader and import took about as long as checking
    megabytes of text."""
    text = gzip.decompress(table_gz).decode()
    bits: dict[str, int] = {}  # each UPOS tag a bit: a word's tags one int, not a set
    tags_of_bit: list[str] = []

    def bit_of(upos: str) -> int:
        bit = bits.get(upos)
        if bit is None:
            bit = bits[upos] = 1 << len(tags_of_bit)
            tags_of_bit.append(upos)
        return bit

    of_category: dict[str, int] = {}  # lemminflect's categoryToUPos, as bits
    masks: dict[str, int] = {}
    get = masks.get
    for word, category in LEMMA_LINE.findall(text):
        bit = of_category.get(category)
        if bit is None:
            bit = of_category[category] = bit_of("AUX" if category.upper() == "MODAL" else category.upper())
        masks[word] = get(word, 0) | bit
    for line in overrides.splitlines():
        line = line.strip()  # lemminflect's OverridesCodec: word,UPOS,lemma
        if line and not line.startswith("#"):
            word, upos, _ = line.split(",")
            masks[word] = get(word, 0) | bit_of(upos)
    # a few distinct sets of tags, each made once and shared by the words that have it
    shared = {mask: frozenset(tag for number, tag in enumerate(tags_of_bit) if mask >> number & 1)
              for mask in set(masks.values())}
    return dict(zip(masks, map(shared.__getitem__, masks.values())))


@lru_cache(maxsize=65536)
def word_classes(word: str) -> frozenset[str]:
    """The universal POS tags lemminflect knows for ``word`` (lowercased); empty when
    the word is not in its lexicon."""
    return lexicon().get(word.lower().lower(), frozenset())


def in_lexicon(word: str) -> bool:
    return bool(word_classes(word))


@lru_cache(maxsize=65536)
def contracted_verb(word: str) -> bool:
    """A contraction with a verb in it: "we're", "didn't", "it's" (is or has)."""
    lowered = word.lower()
    if lowered.endswith(CONTRACTIONS[2:]):
        return True
    return lowered.endswith(CONTRACTIONS[:2]) and lowered[:-2] in function_words()


@lru_cache(maxsize=65536)
def can_be_verb(word: str) -> bool:
    if contracted_verb(word):
        return True
    lowered = word.lower()
    return bool(word_classes(lowered) & VERBAL)


@lru_cache(maxsize=1)
def verb_only_runs() -> frozenset[bytes]:
    """The lowercase ASCII words that ``only_verb`` accepts ("is", "said", "announced"),
    as bytes: a sentence with one of them, as a whole word without a hyphen, has a verb
    whatever precedes it, and a set look-up tells so without tagging every word."""
    return frozenset(word.encode() for word, classes in lexicon().items()
                     if classes and classes <= VERBAL and word.isascii() and word.isalpha()
                     and word == word.lower())


# Words that are only verbs and that most sentences of news prose have one of: a
# sentence with one is settled by one search of its token runs, without splitting it
# into words and looking each up. Only those ``verb_only_runs`` holds are used.
COMMON_VERBS = ("is", "was", "are", "were", "be", "been", "has", "have", "had", "said", "says", "would",
                "could", "should", "may", "might", "shall", "do", "did", "am", "made")


@lru_cache(maxsize=1)
def common_verb_mark() -> re.Pattern:
    """A pattern of token runs (see ``sentences.token_runs``) that finds " w " for the
    words w of ``COMMON_VERBS`` that ``verb_only_runs`` holds: where it finds one in
    ``runs[start : end + 2]``, the sentence ``text[start:end]`` has a word that is
    only a verb."""
    words = [word.encode() for word in COMMON_VERBS if word.encode() in verb_only_runs()]
    return re.compile(b" (?:%s) " % alternation_by_initial(words) if words else b"(?!)")


def only_verb(word: str) -> bool:
    classes = word_classes(word)
    return bool(classes) and classes <= VERBAL
