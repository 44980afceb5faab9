"""Kind ``doubled-word``: the same word twice in a row ("the the"), where grammar or a
proper name does not allow it ("had had", "that that", "Bora Bora")."""

from __future__ import annotations

import re
from itertools import compress, count, islice
from operator import and_, eq

import regex

from ..language import ascii_view, looks_english
from ..sentences import function_words
from ..wordclass import can_be_verb, word_classes
from .base import Param, Rule, register

DOUBLED = regex.compile(r"\b(\p{L}[\p{L}'’]*)([ \t]+)(\p{L}[\p{L}'’]*)\b")


PREVIOUS_WORD = regex.compile(r"(\p{L}+)[ \t]+$")
# A separable phrasal verb has its object between it and its particle ("brought the
# money in in May"): the verb is looked for among this many words before the pair, within
# the clause (no punctuation between).
VERB_WINDOW = 3
WORDS_BEFORE = regex.compile(r"(?:\p{L}[\p{L}'’]*[ \t]+){1,%d}\Z" % VERB_WINDOW)
WORD = regex.compile(r"\p{L}[\p{L}'’]*")
# the word right before a pair and the one right after it, on the same line
WORD_BEFORE_PAIR = regex.compile(r"(\p{L}[\p{L}'’]*)[ \t]+\Z")
WORD_AFTER_PAIR = regex.compile(r"[ \t]+(\p{L}[\p{L}'’]*)")
# The fast path reads the lowercased ASCII view of the text as "pieces", the runs of
# letters between any other characters. A doubled word is a run of pieces followed at
# once by the same run: one piece ("the the") or two around an apostrophe ("don't
# don't"); words of three pieces or more ("rock'n'roll") go the exact way.
LETTERS_ONLY = bytes(c if 97 <= c <= 122 else 32 for c in range(256))
PIECE = re.compile(r"[a-z]+")
# in the letters-only view behind and before a space: a piece followed by the same piece
# (the space before the second is looked at, not taken, so "a a a" gives two)
PIECE_TWICE = re.compile(rb" ([a-z]++)(?= ++\1 )")
THREE_PIECES = re.compile(r"'[a-z]+'")
# the same over the casefolded text when it has letters outside ASCII (a character that
# is no word character casefolds to itself, so the pieces end where the words do)
LETTER_PIECE = regex.compile(r"\p{L}+")
THREE_LETTER_PIECES = regex.compile(r"['’]\p{L}+['’]")
# what a doubled word of two pieces leaves in the view: "x'y x'y" has y, the space and x
# between two apostrophes (without it, no pair of two pieces needs comparing)
MAX_SEARCHES = 8  # candidate pairs searched for one by one; more: every piece's offset
TWO_PIECES = regex.compile(r"['’]\p{L}+['’]*[ \t]+\p{L}+['’]")
# the same over the lowercased ASCII view (' for ’, letters a-z): the stdlib scan is faster
TWO_ASCII_PIECES = re.compile(r"'[a-z]+'*[ \t]+[a-z]+'")


# A word joined to the next by one of these and a letter or figure is part of a longer
# token ("texlive texlive-extra-utils", "node node.js", "lib lib/x"): not a doubled word.
JOINERS = "-\u2010\u2011/\\.@:+"


def part_of_longer_token(text: str, start: int, end: int) -> bool:
    """The pair ``text[start:end]`` has its second word continued past ``end``, or its
    first word begun before ``start``, by a joiner and a letter or figure ("libtool
    libtool-bin", "python3-dev dev", "http http://"), or the second continues with "+"
    ("c c++")."""
    after = text[end : end + 2]
    if after[:1] == "+" or (len(after) == 2 and after[0] in JOINERS and (after[1].isalnum() or after[1] == "/")):
        return True
    before = text[max(0, start - 2) : start]
    return len(before) == 2 and before[1] in JOINERS + "'\u2019" and before[0].isalnum()


def after_participle(text: str, position: int) -> bool:
    """The word before ``position`` is a past participle ("resorted", "referred", "taken")."""
    previous = PREVIOUS_WORD.search(text[max(0, position - 40) : position])
    if previous is None:
        return False
    word = previous.group(1).lower()
    return word.endswith(("ed", "en")) and can_be_verb(word)


def lexical_verb(word: str) -> bool:
    """A word that can be a verb with a particle: not an auxiliary ("was in in." has no
    phrasal verb; "took in in taxes" has one)."""
    classes = word_classes(word)
    return "VERB" in classes and "AUX" not in classes


def verb_before(text: str, position: int) -> bool:
    """One of the ``VERB_WINDOW`` words right before ``position`` can be a lexical verb."""
    words = WORDS_BEFORE.search(text[max(0, position - 80) : position])
    return words is not None and any(map(lexical_verb, WORD.findall(words.group(0))))


@register
class DoubledWordRule(Rule):
    kind = "doubled-word"
    PARAMS = {
        "allowed": Param(list, [], doc="pairs that are grammatical or idiomatic, e.g. \"had had\""),
        "allowed_after_participle": Param(list, [], doc="pairs that are grammatical after a past participle (\"resorted to to\")"),
        "unsafe": Param(list, [], doc="pairs that are a slip in most sentences but grammatical in some "
                        "(\"what it is is\"): reported with an unsafe fix"),
        "unsafe_after_verb": Param(list, [], doc="pairs that are grammatical shortly after a phrasal verb "
                                   "(\"took in in taxes\"): there reported with an unsafe fix"),
        "english_only": Param(bool, False, doc="quiet on documents that are not English"),
    }

    def setup(self) -> None:
        self.allowed = {" ".join(pair.casefold().split()) for pair in self.params["allowed"]}
        self.after_participle = {" ".join(p.casefold().split()) for p in self.params["allowed_after_participle"]}
        self.unsafe = {" ".join(pair.casefold().split()) for pair in self.params["unsafe"]}
        self.unsafe_after_verb = {" ".join(pair.casefold().split()) for pair in self.params["unsafe_after_verb"]}

    def fix_is_safe(self, pair: str, text: str, position: int) -> bool | None:
        """False where the pair may be grammatical here; None: the rule's own safety."""
        if pair in self.unsafe or (pair in self.unsafe_after_verb and verb_before(text, position)):
            return False
        return None

    @staticmethod
    def deliberate(first: str, text: str, start: int, end: int) -> bool:
        """Whether the pair at ``text[start:end]`` may be written on purpose, so that only
        a reader can tell: a capitalised word before the same word in lowercase is a name
        before its homograph ("Rose rose early", "Will will be there", "Drew drew") or a
        reduplicated interjection ("Knock knock", "Aye aye", "Hip hip hooray"), unless
        it is a function word ("The the", "In in"), which names and interjections are
        not; a run of three or more is reduplication ("blah blah blah", "ho ho ho",
        "well well well"), which a slip of the keyboard seldom makes; a letter other
        than "a" is no word to double but a symbol or a misread figure ("$i i billion"
        for "$11 billion")."""
        folded = first.casefold()
        if first[:1].isupper() and folded not in function_words():
            return True
        if len(first) == 1 and folded != "a":
            return True
        before = WORD_BEFORE_PAIR.search(text, max(0, start - 40), start)
        if before is not None and before.group(1).casefold() == folded:
            return True
        after = WORD_AFTER_PAIR.match(text, end, end + 40)
        return after is not None and after.group(1).casefold() == folded

    def check(self, doc, ctx):
        if self.params["english_only"] and not looks_english(doc.text):
            return
        text = doc.text
        for match in self.candidates(text):
            first, second = match.group(1), match.group(3)
            if first.casefold() != second.casefold():
                continue
            pair = f"{first.casefold()} {second.casefold()}"
            if pair in self.allowed:
                continue
            if pair in self.after_participle and after_participle(text, match.start()):
                continue
            if second[:1].isupper():
                continue  # "Bora Bora", "Walla Walla", a name repeated on purpose
            if part_of_longer_token(text, match.start(), match.end()):
                continue  # "texlive texlive-extra-utils", "libtool libtool-bin"
            safe = self.fix_is_safe(pair, text, match.start())
            if safe is None and self.deliberate(first, text, match.start(), match.end()):
                safe = False
            yield self.finding(match.start(), match.end(), replacement=first, match=match.group(0), safe=safe)

    @staticmethod
    def candidates(text: str):
        """The matches of ``DOUBLED`` over every start (overlapped), or those among them
        that can be a doubled word: one regex match per word pair was the rule's cost,
        and a document seldom has any."""
        view = ascii_view(text)
        if view is not None:
            view, piece = view.lower(), PIECE
            exact = THREE_PIECES.search(view) is not None
        else:
            view, piece = text.casefold(), LETTER_PIECE
            # a character that casefolds to several ("ß") would move the offsets
            exact = len(view) != len(text) or THREE_LETTER_PIECES.search(view) is not None
        if exact:
            yield from DOUBLED.finditer(text, overlapped=True)
            return
        if piece is PIECE and TWO_ASCII_PIECES.search(view) is None:
            # one piece only (most texts): where a piece is followed, across the
            # non-letters, by the same piece, in one stdlib search of the letters-only
            # view (behind a space: a match at m is the piece at view offset m) instead of
            # a bytes object and a comparison for every piece
            letters = b" " + view.encode("ascii").translate(LETTERS_ONLY) + b" "
            for start in [match.start() for match in PIECE_TWICE.finditer(letters)]:
                match = DOUBLED.match(text, start)
                if match is not None:
                    yield match
            return
        if piece is PIECE:
            pieces = view.encode("ascii").translate(LETTERS_ONLY).split()
        else:
            pieces = LETTER_PIECE.findall(view)
        # one piece: piece i equals piece i+1
        indices = list(compress(count(), map(eq, pieces, islice(pieces, 1, None))))
        runs = {(pieces[i],) for i in indices}
        if (TWO_ASCII_PIECES if piece is PIECE else TWO_PIECES).search(view):
            # two pieces: piece i equals piece i+2 and piece i+1 equals piece i+3
            second = list(map(eq, pieces, islice(pieces, 2, None)))
            two = list(compress(count(), map(and_, second, islice(second, 1, None))))
            indices += two
            runs.update((pieces[i], pieces[i + 1]) for i in two)
        if not indices:
            return
        if len(runs) > MAX_SEARCHES:
            # many different pairs: the offset of every piece, once (linear in the text)
            offsets = [match.start() for match in piece.finditer(view)]
            starts = {offsets[i] for i in indices}
        else:
            # where such runs of pieces are followed by the same again: one search each
            starts = set()
            letter = "a-z" if piece is PIECE else r"\p{L}"
            for run in runs:
                pieces_pattern = f"[^{letter}]+".join(
                    regex.escape(p.decode() if isinstance(p, bytes) else p) for p in run)
                twice = regex.compile(f"(?<![{letter}]){pieces_pattern}(?=[^{letter}]+{pieces_pattern}(?![{letter}]))")
                starts.update(match.start() for match in twice.finditer(view))
        for start in sorted(starts):
            match = DOUBLED.match(text, start)
            if match is not None:
                yield match
