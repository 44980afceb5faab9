"""Kind ``names-role-mismatch``: a role phrase from the names table followed by a name
that is none of the role's holders, yet shares its given name or its surname with one of
them: a name garbled beyond edit distance ("Russian Foreign Minister Sergeń≠ Viklov"
for Sergey Lavrov). The holder is suggested.

A name close to the holder in every word is a near miss (``names-near-miss`` reports
it); a name that resembles no holder, or that the table knows as somebody else, may be
a real person from another year and is left alone, as is a role after "former".
"""

from __future__ import annotations

import regex

from ..namematch import LOOSE_NAME_TOKEN, Token, similarity, skeleton
from ..nametable import NameTable
from .base import Param, Rule, register

_GAP = regex.compile(r",?[ \u00a0]")
# a symbol inside a word is mojibake; the damage starts at its first non-ASCII character
_SYMBOL = regex.compile(r"[\p{Sm}\p{So}\ufffd]")
_NOT_ASCII = regex.compile(r"[^\x00-\x7f]")
_PREVIOUS_WORD = regex.compile(r"([\p{L}-]+)[^\p{L}\n]*$")


def following_name(text: str, end: int, limit: int = 3) -> list[Token]:
    """Up to ``limit`` capitalised words right after ``end`` (tolerating mojibake)."""
    tokens: list[Token] = []
    position = end
    while len(tokens) < limit:
        gap = _GAP.match(text, position)
        if gap is None:
            break
        match = LOOSE_NAME_TOKEN.match(text, gap.end())
        if match is None:
            break
        word = match.group()
        stop = match.end()
        if word.endswith(("'s", "’s")) and len(word) > 3:
            word, stop = word[:-2], stop - 2
        tokens.append(Token(match.start(), stop, word))
        if stop != match.end():
            break
        position = stop
    return tokens


def _closeness(token: Token, part: str) -> float:
    """Similarity of a written word to a name's word; a word cut short by mojibake
    ("Sergeń≠") counts as the name's when the part before the damage begins it."""
    score = similarity(token.skeleton, part)
    damage = _NOT_ASCII.search(token.text) if _SYMBOL.search(token.text) else None
    if damage is not None and damage.start() >= 3:
        intact = skeleton(token.text[: damage.start()])
        if len(intact) >= 3 and part.startswith(intact):
            score = max(score, 1.0 - (len(part) - len(intact)) / (2 * len(part)))
    return score


def _scores(tokens: list[Token], spelling: str) -> tuple[float, float, int]:
    """Given-name and surname closeness of ``tokens`` to ``spelling``, and the words used."""
    words = spelling.split()
    # a name written all in lowercase ("bell hooks") is compared by all its words
    parts = [skeleton(w) for w in words if not w[:1].islower()] or list(map(skeleton, words))
    if not parts:
        return 0.0, 0.0, 0
    window = tokens[: len(parts)]
    surname = _closeness(window[-1], parts[-1])
    given = _closeness(window[0], parts[0]) if len(window) > 1 else 0.0
    return given, surname, len(window)


def role_mismatches(text: str, table: NameTable, *, not_after: frozenset[str],
                    surname_similarity: float, given_similarity: float):
    """(start, end, holder entry index or None when two holders fit equally, role)."""
    for start, end, _folded, holders in table.roles.finditer(text):
        role = text[start:end]
        previous = _PREVIOUS_WORD.search(text, max(0, start - 40), start)
        if previous and previous.group(1).casefold() in not_after:
            continue
        tokens = following_name(text, end)
        if not tokens:
            continue
        written = text[tokens[0].start : tokens[-1].end].casefold()
        if written in table.forms or tokens[0].text.casefold() in table.forms:
            continue  # a holder, or somebody the table knows: not a garble
        if len(tokens) > 1 and text[tokens[0].start : tokens[1].end].casefold() in table.forms:
            continue
        best: tuple[float, int, int] | None = None
        tie = near = False
        damaged = any(_SYMBOL.search(t.text) for t in tokens)
        for holder in dict.fromkeys(holders):
            entry = table.entries[holder]
            for spelling in (entry.canonical, *entry.variants):
                given, surname, used = _scores(tokens, spelling)
                if not damaged and surname >= surname_similarity and (used == 1 or given >= given_similarity):
                    near = True  # a near miss of a holder: names-near-miss reports it
                    break
                if given < given_similarity and surname < surname_similarity:
                    continue
                candidate = (max(given, surname), holder, used)
                if best is None or candidate[0] > best[0]:
                    best, tie = candidate, False
                elif candidate[0] == best[0] and holder != best[1]:
                    tie = True
            if near:
                break
        if near or best is None:
            continue
        _score, holder, used = best
        yield tokens[0].start, tokens[used - 1].end, None if tie else holder, role


@register
class NamesRoleMismatchRule(Rule):
    kind = "names-role-mismatch"
    reads_names = True
    PARAMS = {
        "not_after": Param(list, [], doc="words before a role that make it another holder's (\"former\")"),
        "surname_similarity": Param(float, 0.85),
        "given_similarity": Param(float, 0.8),
    }

    def setup(self) -> None:
        self.not_after = frozenset(w.casefold() for w in self.params["not_after"])

    def check(self, doc, ctx):
        table = ctx.names
        text = doc.text
        for start, end, holder, role in role_mismatches(
            text, table, not_after=self.not_after,
            surname_similarity=self.params["surname_similarity"],
            given_similarity=self.params["given_similarity"],
        ):
            if holder is None:  # two holders fit equally well: say so, suggest neither
                message = f"\"{text[start:end]}\" after \"{role}\" is none of the role's holders"
                yield self.finding(start, end, message=message)
                continue
            entry = table.entries[holder]
            replacement = entry.canonical if " " in text[start:end] else entry.family_name
            yield self.finding(start, end, replacement=replacement, match=text[start:end], role=role)
