"""Fast paths of the names rules (issue 7) against their plain forms: the runs of
capitalised words from one pattern over the document (the possessive and the particles
in the pattern; the runs without particles and the runs of two or more words split from
the same pass) instead of one token at a time; the lone words of names-in-document
judged once per word, the surnames they could garble looked up first; the candidates of
names-near-miss, and its findings in a run as written, kept from document to document; names-inconsistent reading only the runs of two or more words.

Texts are the seeds, the names test set (variants, near misses and in-document garbles
of every table entry) and random compositions of what the pattern must get right:
possessives ("Jones's", "O's", "Jones's-Smith"), words inside a word, an address or a
handle ("iPhone", "x.Foo", "@Foo", "_Foo"), hyphens and apostrophes, particles between
single spaces or not, the no-break space, line breaks, combining marks, mojibake symbols
and letters outside ASCII."""

from __future__ import annotations

import bisect
import random
import sys
from pathlib import Path

import pytest

from cleanup import namematch
from cleanup.kinds import names_indoc, names_inconsistent, names_nearmiss
from cleanup.kinds.base import Context
from cleanup.namematch import (
    common_words, longer_name_runs, name_runs, name_runs_beside, name_tokens, skeleton,
)

TABLE = Context().names
PARTICLES = TABLE.particles
PARTICLE_SETS = [frozenset(), PARTICLES, frozenset({"s"}), frozenset({"b", "of"}), frozenset({"de", "la", "de la"}),
                 frozenset({"ǅ", "of"})]  # a titlecase letter starts no capitalised word
PIECES = [
    "A", "B", "b", "s", "S", "É", "e\u0301", "\u0301", "'", "’", "-", " ", " ", " ", "\u00a0", ".", "@", "_",
    "/", "1", "x", "of", "von", "der", "de", "la", "\n", "\n\n", "ń", "≠", "©", "Ω", "ǅ", "Ⅻ", "²", "'s", "’s",
    "O's", "Jones", "Jones's", "Smith", "iPhone", "McDonald", "Zelenskyy", "Sergeń≠", "Київ", "İstanbul",
]


def random_texts(count: int, seed: int = 5) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(0, 16))) for _ in range(count)]


def _clear() -> None:
    namematch._RUNS.clear()
    namematch._LONGER.clear()
    namematch._TOKENS.clear()


def plain_runs(text: str, particles=frozenset(), *, loose: bool = False):
    """The runs one token at a time (the code before the pattern)."""
    _clear()
    return namematch._runs_token_by_token(text, frozenset(particles), loose=loose)


ROOT = Path(__file__).resolve().parent.parent


def seed_texts() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt"))]


@pytest.fixture(scope="module")
def testset_texts() -> list[str]:
    sys.path.insert(0, str(ROOT / "bench"))
    from names_testset import build

    return [case.text for case in build(TABLE)]


TRICKY = [
    "", " ", "\n", "A", "O's", "Jones's", "Jones’s Smith", "O's Smith", "Jones's-Smith Brown", "Jones's's Aide",
    "AB's Foo", "Ó's Bar", "O\u0301's Bar", "Jones'sé Bar", "Jones's\u0301 Bar", "Jones''s Bar", "Jones's- Bar",
    "iPhone Max", "iPhone-Max Pro", "x.Foo Bar Baz", "x.Foo of Bar", "@Foo Bar", "_Foo Bar", "/Foo Bar",
    "3D Printing Ltd", "e\u0301Foo Bar", "d'Estaing Valéry", "al-Assad Bashar", "Secretary of State Mike Pompeo",
    "Ursula von der Leyen", "Ursula  von der Leyen", "Ursula von  der Leyen", "Ursula von\u00a0der Leyen",
    "Ursula\u00a0von der\u00a0Leyen", "Ursula von der\nLeyen", "Hans of\u00a0Bar", "A of B of C", "A of of B",
    "Olaf Scholz\u00a0Jr", "Foo\nBar Baz", "Sergeń≠ Viklov", "Київ Київ", "Mc-Donald Smith's Dog",
]


@pytest.mark.parametrize("loose", [False, True])
@pytest.mark.parametrize("particles", PARTICLE_SETS, ids=lambda p: "+".join(sorted(p)) or "none")
def test_runs_of_the_pattern_are_the_runs_token_by_token(particles, loose, testset_texts):
    for text in TRICKY + seed_texts() + testset_texts[::7] + random_texts(6000):
        expected = plain_runs(text, particles, loose=loose)
        _clear()
        assert name_runs(text, particles, loose=loose) == expected, repr(text)
        _clear()
        assert longer_name_runs(text, particles, loose=loose) == [r for r in expected if len(r) > 1], repr(text)


@pytest.mark.parametrize("particles", PARTICLE_SETS[1:], ids=lambda p: "+".join(sorted(p)))
def test_runs_without_particles_split_from_the_runs_with_them(particles):
    for text in TRICKY + seed_texts() + random_texts(6000, seed=8):
        expected = plain_runs(text)
        _clear()
        name_runs(text, particles)  # keeps the runs without particles of the same pass
        assert namematch._RUNS[(frozenset(), False)][0] is text
        assert name_runs(text) == expected, repr(text)
        assert longer_name_runs(text) == [r for r in expected if len(r) > 1], repr(text)
        _clear()
        assert name_runs_beside(text, particles) == expected, repr(text)
        assert name_runs(text, particles) == plain_runs(text, particles), repr(text)


def test_a_possessive_ends_a_word_and_its_run():
    _clear()
    runs = name_runs("Jones's Smith and O's Brown met AB's Foo.", PARTICLES)
    assert [[t.text for t in run] for run in runs] == [["Jones"], ["Smith"], ["O's", "Brown"], ["AB"], ["Foo"]]
    assert runs[0][0].end == len("Jones")


@pytest.mark.parametrize("particles", [frozenset({"Van"}), frozenset({""}), frozenset({"of", "x.Y"}),
                                       frozenset({"Ǆ"})], ids=repr)
def test_particles_the_pattern_cannot_hold_are_judged_token_by_token(particles):
    assert namematch._run_finder(particles, False) is None
    for text in TRICKY + ["Anna Van Berg", "Anna   Berg", "Anna  Berg", "Anna x.Y Berg", "Anna Ǆ Berg"]:
        expected = plain_runs(text, particles)
        _clear()
        assert name_runs(text, particles) == expected
        _clear()
        assert longer_name_runs(text, particles) == [r for r in expected if len(r) > 1]


def test_runs_are_kept_for_the_last_text_only():
    text = "Ursula von der Leyen met Olaf Scholz."
    _clear()
    first = name_runs(text, PARTICLES)
    assert name_runs(text, PARTICLES) is first
    other = text[:5] + text[5:]  # an equal text that is another object: not the same document
    assert other is not text
    assert name_runs(other, PARTICLES) == first
    assert name_runs(other, PARTICLES) is not first


def old_in_document_misses(text, known=frozenset(), *, shortest=3):
    """names-in-document before its lone words were judged once each."""
    _clear()
    runs = plain_runs(text)
    surnames, in_full_names = {}, set()
    for run in runs:
        if len(run) >= 2:
            surnames.setdefault(run[-1].text, run[-1].skeleton)
            in_full_names.update(t.text.casefold() for t in run)
    if not surnames:
        return []
    words = set(text.split())
    by_tail, by_skeleton = {}, {}
    for surname, surname_skeleton in surnames.items():
        by_tail.setdefault(surname[1:].casefold(), set()).add(surname)
        by_skeleton.setdefault(surname_skeleton, set()).add(surname)
    found = []
    for run in runs:
        if len(run) != 1:
            continue
        token = run[0]
        word, folded = token.text, token.text.casefold()
        if word in surnames or folded in in_full_names or folded in known or len(word) < shortest:
            continue
        lowered = word.lower()
        if (lowered in words and lowered[:1].islower()) or folded in common_words():
            continue
        word_skeleton = skeleton(word)
        matches = by_tail.get(folded, set())
        if len(word_skeleton) >= 5:
            matches = matches | by_skeleton.get(word_skeleton, set())
        if len(matches) == 1:
            found.append((token.start, token.end, next(iter(matches))))
    return found


INDOC_TEXTS = [
    "White House spokesman Jen Psaki said so.\n\nSaki said more. Saki left; saki is a word.",
    "Maria Kovalenkova spoke first. Kowalenkova added later. Kowalenkova again.",
    "Jen Psaki briefed. Psaki said. Owen Bowen arrived. Owen left. Bowen Owen.",
    "Jen Psaki and Ned Saki met. Saki spoke.",  # two surnames fit: none suggested
    "Anna Schmidt met Anna von der Leyen. Leyen spoke; Chmidt too. chmidt",
    "", "Saki", "Jen Psaki", "Jen Psaki. Saki's dog. SAKI.",
]


@pytest.mark.parametrize("shortest", [3, 6])
def test_in_document_misses_as_before(shortest, testset_texts):
    texts = INDOC_TEXTS + seed_texts() + testset_texts + random_texts(3000, seed=9)
    for text in texts:
        expected = old_in_document_misses(text, TABLE.forms, shortest=shortest)
        for particles in (frozenset(), PARTICLES):
            _clear()
            found = names_indoc.in_document_misses(text, TABLE.forms, shortest=shortest, particles=particles)
            assert found == expected, repr(text)
    assert any(old_in_document_misses(t, TABLE.forms) for t in texts)  # the test sees findings


def old_near_misses(text, table, limits=names_nearmiss.Thresholds()):
    """names-near-miss before the lone words and the candidates were kept."""
    found, candidates = [], {}
    for run in plain_runs(text, table.particles):
        taken = -1
        for index, token in enumerate(run):
            best, ambiguous = None, False
            word_skeleton = token.skeleton
            if len(word_skeleton) < 3:
                continue
            previous = run[index - 1].skeleton if index else None
            lone = index + 1 == len(run) and index > 0 and run[index - 1].text.casefold() in table.role_words
            key = (word_skeleton, previous, index, lone)
            forms = candidates.get(key)
            if forms is None:
                forms = candidates[key] = names_nearmiss._candidates(table, word_skeleton, previous, index + 1,
                                                                     limits, lone)
            for form in forms:
                miss = names_nearmiss._compare(text, table, run, index, form, limits)
                if miss is None or miss.start < (run[taken].end if taken >= 0 else -1):
                    continue
                if best is None or (miss.end - miss.start, miss.score) > (best.end - best.start, best.score):
                    best, ambiguous = miss, False
                elif (miss.start, miss.end, miss.score) == (best.start, best.end, best.score) and (
                    miss.replacement != best.replacement
                ):
                    ambiguous = True
            if best is not None and not ambiguous:
                found.append(best)
                taken = index
    return found


def lone_garbles() -> list[str]:
    """Texts with table surnames and places respelled alone ("Later, Blincken spoke."),
    several times each: what names-near-miss finds of a word alone in its run."""
    texts = []
    for entry in TABLE.entries:
        word = entry.canonical.split()[-1]
        for garble in dict.fromkeys((word.replace("y", "i"), word.replace("v", "w"), word.replace("k", "ck", 1))):
            if garble != word:
                texts.append(f"Later, {garble} spoke.\n\n{garble}, who left; {garble}'s aide and Mr {garble} too.")
    return texts


def test_near_misses_as_before_from_document_to_document(testset_texts):
    texts = seed_texts() + testset_texts + lone_garbles() + random_texts(2000, seed=11)
    texts = texts + texts[::-1]  # the second time round, every lone word is known
    for limits in (names_nearmiss.Thresholds(), names_nearmiss.Thresholds(0.9, 0.7, 6)):
        seen = 0
        for text in texts:
            expected = old_near_misses(text, TABLE, limits)
            _clear()
            assert names_nearmiss.find_near_misses(text, TABLE, limits) == expected, repr(text)
            seen += len(expected)
        assert seen > 100  # the test sees findings, of lone words among them
        assert names_nearmiss._memo.limits == limits
        assert any(misses for written, misses in names_nearmiss._memo.runs.items() if " " not in written)
        assert any(misses for written, misses in names_nearmiss._memo.runs.items() if " " in written)


def test_the_near_miss_memo_is_the_tables_own():
    text = "Zelenskii spoke. Later, Zelenskii left."
    other = type(TABLE)([e for e in TABLE.entries if "Zelensk" not in e.canonical])
    assert names_nearmiss.find_near_misses(text, TABLE)
    assert names_nearmiss.find_near_misses(text, other) == old_near_misses(text, other)
    assert names_nearmiss.find_near_misses(text, TABLE) == old_near_misses(text, TABLE)


def old_occurrences(text, table):
    """names-inconsistent's occurrences before they read only the runs of two or more words."""
    covered = []
    excepted = [(s, e, owners) for s, e, _p, owners in table.exceptions.finditer(text)] if len(table.exceptions) else []
    for start, end, _phrase, (entry_index, _variant) in table.exact.finditer(text):
        written = text[start:end]
        covered.append((start, end))
        if any(s <= start and end <= e and entry_index in owners for s, e, owners in excepted):
            continue  # since a listed exception ("chicken Kiev") is no form of its entity
        if written in table.spellings:
            canonical, family = table.entries[entry_index].canonical, table.family_names[entry_index]
            if family is not None and " " not in written and " " in canonical:  # since the surname forms
                yield "surname:" + family, written, start, end
            else:
                yield "table:" + canonical, written, start, end
    covered.sort()
    ends = [e for _, e in covered]
    for run in plain_runs(text, table.particles):
        if not 2 <= len(run) <= 3:
            continue
        start, end = run[0].start, run[-1].end
        index = bisect.bisect_right(ends, start)
        if index < len(covered) and covered[index][0] < end:
            continue
        written = text[start:end]
        if not written.isupper():
            yield "skeleton:" + skeleton(written), written, start, end


def test_occurrences_as_before(testset_texts):
    for text in seed_texts() + testset_texts + TRICKY:
        expected = list(old_occurrences(text, TABLE))
        _clear()
        assert list(names_inconsistent.occurrences(text, TABLE)) == expected, repr(text)
        name_runs(text, TABLE.particles)  # from the runs of every length, too
        assert list(names_inconsistent.occurrences(text, TABLE)) == expected, repr(text)


def test_name_tokens_unchanged_by_the_pattern():
    # the runs' pattern leaves the tokens of ``name_tokens`` (the reference) alone
    for text in TRICKY:
        _clear()
        runs = plain_runs(text)
        assert [t for run in runs for t in run] == name_tokens(text)


def test_a_long_run_of_particles_costs_linear_time():
    # a pattern that gives particles back one by one takes ~15 s on 300,000 of them
    import time

    text = "Anna" + " of" * 300_000 + " x"
    _clear()
    started = time.process_time()
    runs = name_runs(text, PARTICLES)
    assert time.process_time() - started < 3.0
    assert runs == plain_runs(text, PARTICLES)


def test_the_near_miss_memo_keeps_no_long_keys():
    long_run = " ".join(["Wolodimir", "Zelensky"] * 40) + " spoke."
    assert names_nearmiss.find_near_misses(long_run, TABLE) == old_near_misses(long_run, TABLE)
    memo = names_nearmiss._memo
    assert all(len(written) <= memo.LONGEST for written in memo.runs)
    assert all(len(key[0]) + len(key[1] or "") <= memo.LONGEST for key in memo.candidates)
