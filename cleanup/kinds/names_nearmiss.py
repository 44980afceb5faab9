"""Kind ``names-near-miss``: a capitalised word or run of words close to a name in the
table without being one of its listed spellings ("Wolodimir Zelensky" for "Volodymyr
Zelenskyy").

Candidates come from the table's deletion index (a few look-ups per word, whatever the
table's size). A multi-word name must match word by word: the surname closely, each
given name a little more loosely, so that a real, different person sharing a surname
shape is left alone ("Martin Schulz" is not "Olaf Scholz", "Jane Austen" is not
"Lloyd Austin"). A surname alone must have exactly the same transliteration skeleton
("Zelenskiy"), and stand alone or after a role word, since a different given name
before it means a different person.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..namematch import Token, name_runs, similarity
from ..nametable import Form, NameTable
from .base import Param, Rule, register


@dataclass(frozen=True)
class NearMiss:
    start: int
    end: int
    entry: int
    replacement: str
    score: float


@dataclass(frozen=True)
class Thresholds:
    surname: float = 0.85
    given: float = 0.8
    single_length: int = 5  # shortest skeleton a lone word may be matched on


class _Memo:
    """What ``find_near_misses`` has learnt of one table from document to document: the
    candidate forms of a word in its place, and the findings in a run as written
    ("Kyiv", "President Wolodimir Zelensky"), which do not depend on where the run
    stands (offsets from its start). Names recur across a corpus far more than inside
    one document."""

    LIMIT = 200_000  # entries of both: past this, start again (memory stays flat)
    LONGEST = 120  # characters of a key kept: a longer run or word is judged each time

    def __init__(self, table: NameTable, limits: Thresholds) -> None:
        self.table, self.index, self.limits = table, table.near_index, limits
        self.candidates: dict[tuple, list[Form]] = {}
        self.runs: dict[str, tuple[tuple[int, int, int, str, float], ...]] = {}

    def fits(self, table: NameTable, limits: Thresholds) -> bool:
        return (self.table is table and self.index is table.near_index and self.limits == limits
                and len(self.candidates) + len(self.runs) < self.LIMIT)


_memo: _Memo | None = None


def _memo_for(table: NameTable, limits: Thresholds) -> _Memo:
    global _memo
    if _memo is None or not _memo.fits(table, limits):
        _memo = _Memo(table, limits)
    return _memo


def find_near_misses(text: str, table: NameTable, limits: Thresholds = Thresholds()) -> list[NearMiss]:
    found: list[NearMiss] = []
    memo = _memo_for(table, limits)
    candidates, known_runs = memo.candidates, memo.runs
    for run in name_runs(text, table.particles):
        first = run[0]
        base = first.start
        written = first.text if len(run) == 1 else text[base : run[-1].end]
        misses = known_runs.get(written)
        if misses is None:
            misses = tuple(
                (miss.start - base, miss.end - base, miss.entry, miss.replacement, miss.score)
                for miss in _run_misses(text, table, run, candidates, limits)
            )
            if len(written) <= _Memo.LONGEST:
                known_runs[written] = misses
        for start, end, entry, replacement, score in misses:
            found.append(NearMiss(base + start, base + end, entry, replacement, score))
    return found


def _run_misses(text: str, table: NameTable, run: list[Token], candidates: dict[tuple, list[Form]],
                limits: Thresholds) -> list[NearMiss]:
    found = []
    taken = -1  # run index up to which words already belong to a finding
    for index in range(len(run)):
        best = _best_miss(text, table, run, index, taken, candidates, limits)
        if best is not None:
            found.append(best)
            taken = index
    return found


def _best_miss(text: str, table: NameTable, run: list[Token], index: int, taken: int,
               candidates: dict[tuple, list[Form]], limits: Thresholds) -> NearMiss | None:
    """The finding of a run's ``index``-th word, beyond the words up to ``taken`` that
    an earlier finding holds: the longest, then the closest match, when only one entry
    gives it."""
    token = run[index]
    word_skeleton = token.skeleton
    if len(word_skeleton) < 3:
        return None  # "Li", "Xi": too short to tell a garble from another name
    previous = run[index - 1].skeleton if index else None
    # a person's surname alone, after a role word at the end of a run ("President Zelenskii")
    lone = index + 1 == len(run) and index > 0 and run[index - 1].text.casefold() in table.role_words
    key = (word_skeleton, previous, index, lone)
    forms = candidates.get(key)
    if forms is None:
        forms = _candidates(table, word_skeleton, previous, index + 1, limits, lone)
        if len(word_skeleton) + len(previous or "") <= _Memo.LONGEST:
            candidates[key] = forms
    best: NearMiss | None = None
    ambiguous = False
    for form in forms:
        miss = _compare(text, table, run, index, form, limits)
        if miss is None or miss.start < (run[taken].end if taken >= 0 else -1):
            continue
        if best is None or (miss.end - miss.start, miss.score) > (best.end - best.start, best.score):
            best, ambiguous = miss, False
        elif (miss.start, miss.end, miss.score) == (best.start, best.end, best.score) and (
            miss.replacement != best.replacement
        ):
            ambiguous = True
    return None if ambiguous else best


def _candidates(table: NameTable, word_skeleton: str, previous: str | None, words: int,
                limits: Thresholds, lone: bool = False) -> list[Form]:
    """The forms that ``_compare`` may match with a run's ``words``-th word. A form of
    two or more words needs a window of its length ending there, with the word before
    close to the form's given name; a form whose last word has the same skeleton may
    also match the word alone, when it is one word or (``lone``) a person's surname
    after a role word. The first word of a run can only match alone: one look-up, no
    fuzzy candidates to weigh. Forms that ``_compare`` would turn down are left out
    here, where a thousand organisations named "... Council" cost one comparison each."""
    if previous is None:
        return table.same_skeleton(word_skeleton)
    given = min(limits.given, limits.surname)
    entries = table.entries
    result = []
    for form in table.candidates(word_skeleton, previous, limits.surname):
        parts = form.skeletons
        if parts[-1] == word_skeleton and (len(parts) == 1 or lone and entries[form.entry].kind == "person"):
            result.append(form)
        elif 2 <= len(parts) <= words and similarity(previous, parts[-2]) >= given:
            result.append(form)
    return result


def _compare(text: str, table: NameTable, run: list[Token], index: int, form: Form,
             limits: Thresholds) -> NearMiss | None:
    entry = table.entries[form.entry]
    size = len(form.skeletons)
    token = run[index]
    if size == 1 or index + 1 < size:
        return _lone_word(table, run, index, form, limits)
    window = run[index + 1 - size : index + 1]
    start, end = window[0].start, token.end
    written = text[start:end]
    if written.casefold() in table.forms:
        return None
    given = limits.given if entry.kind == "person" else limits.surname
    surname = similarity(token.skeleton, form.skeletons[-1])
    if surname < limits.surname:
        return _lone_word(table, run, index, form, limits)
    scores = []
    for word, part in zip(window, form.skeletons[:-1]):
        score = similarity(word.skeleton, part)
        if score < given:  # most candidates end here: another given name
            return _lone_word(table, run, index, form, limits)
        scores.append(score)
    scores.append(surname)
    return NearMiss(start, end, form.entry, entry.canonical, sum(scores) / size)


def _lone_word(table: NameTable, run: list[Token], index: int, form: Form,
               limits: Thresholds) -> NearMiss | None:
    """One word against a form's last word: a place, an organisation, or a surname."""
    entry = table.entries[form.entry]
    token = run[index]
    word_skeleton = token.skeleton
    if word_skeleton != form.skeletons[-1] or len(word_skeleton) < limits.single_length:
        return None
    if token.text.casefold() in table.known_words or token.text.casefold() in table.forms:
        return None
    if entry.kind == "person":
        if index + 1 != len(run) or " " in entry.family_name:
            return None
        if index > 0 and run[index - 1].text.casefold() not in table.role_words:
            return None  # "Martha Haris" is somebody else, not a garbled "Harris"
        replacement = entry.family_name
    elif len(form.skeletons) == 1:
        replacement = entry.canonical
    else:
        return None
    return NearMiss(token.start, token.end, form.entry, replacement, 1.0)


@register
class NamesNearMissRule(Rule):
    kind = "names-near-miss"
    reads_names = True
    PARAMS = {
        "surname_similarity": Param(float, Thresholds.surname, doc="least surname closeness, 0..1"),
        "given_similarity": Param(float, Thresholds.given, doc="least given-name closeness, 0..1"),
        "single_length": Param(int, Thresholds.single_length, doc="shortest lone word matched"),
    }

    def setup(self) -> None:
        self.limits = Thresholds(
            self.params["surname_similarity"], self.params["given_similarity"], self.params["single_length"]
        )

    def check(self, doc, ctx):
        table = ctx.names
        for miss in find_near_misses(doc.text, table, self.limits):
            yield self.finding(
                miss.start, miss.end, replacement=miss.replacement,
                match=doc.text[miss.start : miss.end],
            )
