"""The word-class lexicon kept in the cache folder: read back when built from the same
files, built afresh (and the file written again) when the file is missing, damaged, not
this user's own, or from other sources; nothing written when the cache is off."""

from __future__ import annotations

import os

import pytest

from cleanup import wordclass
from cleanup.cachefiles import CACHE_ENV, store


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(folder))
    wordclass.lexicon.cache_clear()
    yield folder
    wordclass.lexicon.cache_clear()


@pytest.fixture
def builds(monkeypatch):
    """The number of times the lexicon is built from lemminflect's files."""
    calls = []
    build = wordclass._built_lexicon

    def counted(*args):
        calls.append(1)
        return build(*args)

    monkeypatch.setattr(wordclass, "_built_lexicon", counted)
    return calls


def fresh_lexicon():
    wordclass.lexicon.cache_clear()
    return wordclass.lexicon()


def test_read_back_from_the_cache_folder(cache, builds):
    built = fresh_lexicon()
    stored = list(cache.glob("lexicon-*.pickle"))
    assert len(stored) == 1 and len(builds) == 1
    assert fresh_lexicon() == built
    assert len(builds) == 1  # the second came from the file
    assert built["said"] == frozenset({"VERB"}) and "troops" in built


def test_a_damaged_file_is_built_afresh_and_written_again(cache, builds):
    built = fresh_lexicon()
    (stored,) = cache.glob("lexicon-*.pickle")
    stored.write_bytes(b"not a pickle")
    assert fresh_lexicon() == built and len(builds) == 2
    assert fresh_lexicon() == built and len(builds) == 2  # the file was mended


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="ownership and modes are POSIX")
def test_a_file_others_may_write_is_not_read(cache, builds):
    fresh_lexicon()
    (stored,) = cache.glob("lexicon-*.pickle")
    os.chmod(stored, 0o666)
    fresh_lexicon()
    assert len(builds) == 2


def test_a_file_of_other_sources_is_not_taken(cache, builds):
    built = fresh_lexicon()
    (stored,) = cache.glob("lexicon-*.pickle")
    # a lexicon built from other files, under this file's name: its key inside differs
    store(stored, ("lexicon-of-other-files", {"said": frozenset({"NOUN"})}))
    assert fresh_lexicon() == built and len(builds) == 2


def test_nothing_is_written_when_the_cache_is_off(tmp_path, monkeypatch, builds):
    monkeypatch.setenv(CACHE_ENV, "0")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    try:
        assert fresh_lexicon()["said"] == frozenset({"VERB"})
        assert fresh_lexicon() and len(builds) == 2
    finally:
        wordclass.lexicon.cache_clear()
    assert not any(tmp_path.rglob("lexicon-*"))
