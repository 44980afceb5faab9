"""The names table's indexes: one automaton behind every phrase view, batch skeletons,
and the on-disk cache of a large table (reused, rebuilt on change, never trusted when
damaged)."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from cleanup import nametable
from cleanup.namematch import skeleton, skeletons
from cleanup.nametable import CACHE_ENV, CACHE_MIN_ENTRIES, NameTable, load_tables
from cleanup.phrasematch import PhraseMatcher, fold_case

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


def test_phrase_views_find_what_separate_matchers_find():
    table = load_tables([])
    roles: dict[str, list[int]] = {}
    for index, entry in enumerate(table.entries):
        for role in entry.roles:
            roles.setdefault(fold_case(role), []).append(index)
    separate = {
        "exact": PhraseMatcher(table.spellings, ignorecase=True, whole_word=True),
        "roles": PhraseMatcher(roles, ignorecase=True, whole_word=True),
        "bare_names": PhraseMatcher(table._bare_phrases(), ignorecase=False, whole_word=True),
    }
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    texts.append("the Biden was; BIDEN, biden, Joe Biden's aide; KIEV and Kiev-based; chicken Kiev")
    for text in texts:
        for name, matcher in separate.items():
            expected = [(s, e, v) for s, e, _p, v in matcher.finditer(text)]
            assert [(s, e, v) for s, e, _p, v in getattr(table, name).finditer(text)] == expected, name


def test_batch_skeletons_equal_one_at_a_time():
    rng = random.Random(5)
    alphabet = "abcdefikoswxyzABCIEWY -'.’éńżŁЖ\t\n"
    words = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 10))) for _ in range(3000)]
    words += ["Zelenskyy", "Wolodimir", "Yevgeny", "Ievgen", "Khmara", "", "Jean-Pierre", "ß"]
    assert skeletons(words) == [skeleton(w) for w in words]


def test_batch_skeletons_of_plain_ascii_names_equal_one_at_a_time():
    """Every name ASCII (a table's usual case) takes the path without a per-name test:
    doubled letters, "ie"/"io" at a word's start, gaps at the edges and within."""
    rng = random.Random(11)
    alphabet = "aabeeiioossttwxyzAEIOWY  -'.,\t0"
    words = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(5000)]
    words += ["Ievgen", " Ioann", "x ieva", "Zelenskyy", "Phhillipps", "Akkkh", "", "Io", "iexx", "ii eoo"]
    assert all(w.isascii() for w in words)
    assert skeletons(words) == [skeleton(w) for w in words]
    assert skeletons(["Ievgen"]) == ["evgen"] and skeletons([]) == []


def _big_table(path, rows: int) -> None:
    lines = [f"Given{i:05d}a Family{i:05d}b,person,Gyven{i:05d}a Family{i:05d}b" for i in range(rows)]
    path.write_text("canonical,kind,variants\n" + "\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(folder))
    nametable._CACHE.clear()
    yield folder
    nametable._CACHE.clear()


def _signature(table: NameTable) -> tuple:
    text = "Gyven00007a Family00007b met Given00012a Familly00012b."
    return (table.entries, [m[:2] for m in table.exact.finditer(text)],
            [(f.text, f.entry) for f in table.candidates("famili b", "given a")])


def test_a_large_table_is_cached_and_read_back_the_same(tmp_path, cache):
    path = tmp_path / "big.csv"
    _big_table(path, CACHE_MIN_ENTRIES)
    built = load_tables([path], include_default=False)
    nametable.finished_storing()  # written by a child meanwhile
    [stored] = cache.glob("names-*.pickle")
    nametable._CACHE.clear()
    read = load_tables([path], include_default=False)
    assert read is not built and "near_index" in read.__dict__  # indexes came with it
    assert _signature(read) == _signature(built)
    assert read.entries[7].source == f"{path}:9"

    _big_table(path, CACHE_MIN_ENTRIES + 1)  # changed content: a new cache entry
    nametable._CACHE.clear()
    assert len(load_tables([path], include_default=False)) == CACHE_MIN_ENTRIES + 1
    nametable.finished_storing()
    assert len(list(cache.glob("names-*.pickle"))) == 2

    stored.write_bytes(b"not a pickle")
    _big_table(path, CACHE_MIN_ENTRIES)
    nametable._CACHE.clear()
    assert _signature(load_tables([path], include_default=False)) == _signature(built)


def test_cache_respects_the_size_limit_and_can_be_turned_off(tmp_path, cache, monkeypatch):
    path = tmp_path / "big.csv"
    _big_table(path, CACHE_MIN_ENTRIES)
    load_tables([path], include_default=False)
    nametable._CACHE.clear()
    with pytest.raises(nametable.RuleFileError, match="more than"):
        load_tables([path], include_default=False, max_entries=CACHE_MIN_ENTRIES - 1)
    monkeypatch.setenv(CACHE_ENV, "0")
    assert nametable.cache_dir() is None
    monkeypatch.delenv(CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert nametable.cache_dir() == tmp_path / "xdg" / "cleanup"


def test_small_tables_never_touch_the_cache(tmp_path, cache):
    earlier = list(nametable._STORING)
    load_tables([])
    path = tmp_path / "short.csv"
    _big_table(path, CACHE_MIN_ENTRIES - 300)  # with the default table's ~200 entries, still short
    load_tables([path])
    assert nametable._STORING == earlier  # no child built them again to store nothing
    assert not cache.exists()


def test_fold_all_equals_fold_case_one_at_a_time():
    texts = ["Sergey Lavrov", "two\nlines", "", "İstanbul", "KYIV", "a\n", "\n"]
    for chosen in (texts, texts[:1], texts[2:3], [], ["Olaf Scholz", "Ursula von der Leyen"], [""] * 3):
        assert nametable.fold_all(chosen) == [fold_case(t) for t in chosen]


def test_particles_found_whether_or_not_any_text_holds_one():
    from cleanup.nametable import NameEntry

    def entry(canonical, *variants):
        return NameEntry(canonical=canonical, kind="person", variants=tuple(variants))

    assert NameTable([entry("Olaf Scholz", "O. Scholz")]).particles == frozenset()
    with_particles = NameTable([entry("Olaf Scholz"), entry("Ursula von der Leyen", "Ursula Von der Leyen")])
    assert with_particles.particles == {"von", "der"}
    # a lowercase text after a line break is not a particle (the joined search only narrows)
    assert NameTable([entry("Olaf Scholz"), entry("abc Def")]).particles == frozenset()


def test_bare_view_numbers_surnames_that_fold_like_other_phrases():
    from cleanup.nametable import NameEntry

    table = NameTable([
        NameEntry("Jen Psaki", "person", ("Jen PSAKI",)),
        NameEntry("PSAKI", "organisation", bare=True),  # a spelling of one entry, a bare name of both
        NameEntry("Olaf Scholz", "person", roles=("scholz",)),  # a role folding like a surname
        NameEntry("Anna Scholz", "person", surname="SCHOLZ"),
        NameEntry("the Kremlin", "organisation"),
    ])
    expected_matcher = PhraseMatcher(table._bare_phrases(), ignorecase=False, whole_word=True)
    text = "Psaki and PSAKI met Jen PSAKI, Scholz, SCHOLZ and scholz near the Kremlin."
    expected = [(s, e, v) for s, e, _p, v in expected_matcher.finditer(text)]
    assert expected  # the text holds bare names
    assert [(s, e, v) for s, e, _p, v in table.bare_names.finditer(text)] == expected


def test_a_new_large_table_is_stored_by_a_child_that_holds_no_pipe_of_the_parents(tmp_path, cache):
    """The first run with a new table returns without waiting for the cache to be written,
    and a reader of its output (a pipe, ``pre-commit``) is not kept waiting by the writer:
    here the child waits for a gate the test opens only once the parent's output has ended."""
    import subprocess
    import sys
    import time

    path, gate = tmp_path / "big.csv", tmp_path / "gate"
    _big_table(path, CACHE_MIN_ENTRIES)
    script = """if True:
        import pathlib, sys, time
        from cleanup import nametable
        store = nametable._store
        def gated(*args):
            deadline = time.monotonic() + 60
            while not pathlib.Path(sys.argv[2]).exists() and time.monotonic() < deadline:
                time.sleep(0.02)
            store(*args)
        nametable._store = gated
        table = nametable.load_tables([pathlib.Path(sys.argv[1])], include_default=False)
        print(len(table), len(nametable._STORING))
    """
    run = subprocess.run([sys.executable, "-c", script, str(path), str(gate)], capture_output=True, text=True,
                         env={**os.environ, CACHE_ENV: str(cache)}, check=True, timeout=50)
    assert run.stdout.split() == [str(CACHE_MIN_ENTRIES), "1"]  # one child, not waited for
    assert not list(cache.glob("names-*.pickle"))  # the gate is still shut
    gate.touch()
    deadline = time.monotonic() + 60
    while not list(cache.glob("names-*.pickle")) and time.monotonic() < deadline:
        time.sleep(0.02)
    [stored] = cache.glob("names-*.pickle")
    read = load_tables([path], include_default=False)
    assert "near_index" in read.__dict__  # read back from the child's file


def test_with_other_threads_running_the_table_is_stored_before_load_returns(tmp_path, cache):
    import threading

    path = tmp_path / "big.csv"
    _big_table(path, CACHE_MIN_ENTRIES)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        earlier = list(nametable._STORING)  # children of earlier tests' loads
        load_tables([path], include_default=False)
        assert nametable._STORING == earlier  # none forked
        assert len(list(cache.glob("names-*.pickle"))) == 1
    finally:
        stop.set()
        other.join()
