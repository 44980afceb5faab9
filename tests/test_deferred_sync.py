"""``fix --out`` puts its files on disk together at the end of the run (one ``syncfs`` a
file system) instead of fsyncing each file and its folder; in-place fixes, which
replace inputs, still fsync every file before it replaces its original."""

from __future__ import annotations

import ctypes
import errno
import os
from pathlib import Path

import pytest

from cleanup import corpus

SELECT = ("--select", "typography")


def damaged_corpus(folder: Path, count: int) -> dict[str, str]:
    texts = {}
    for number in range(count):
        sub = folder / f"part{number % 3}"
        sub.mkdir(parents=True, exist_ok=True)
        text = f"Document {number}.  It has  doubled spaces.\n"
        (sub / f"doc{number:03d}.txt").write_text(text, encoding="utf-8")
        texts[f"part{number % 3}/doc{number:03d}.txt"] = text
    return texts


@pytest.fixture
def fsyncs(monkeypatch):
    """The paths os.fsync was called on during the test."""
    real = os.fsync
    seen: list[str] = []

    def counting(fd):
        seen.append(os.readlink(f"/proc/self/fd/{fd}"))
        return real(fd)

    monkeypatch.setattr(os, "fsync", counting)
    return seen


@pytest.fixture
def syncfs_calls(monkeypatch):
    """The folders syncfs was called on; the real syncfs does the work."""
    real = corpus._syncfs()
    if real is None:
        pytest.skip("no syncfs on this system")
    seen: list[str] = []

    def counting(fd):
        seen.append(os.readlink(f"/proc/self/fd/{fd}"))
        return real(fd)

    monkeypatch.setattr(corpus, "_syncfs", lambda: counting)
    return seen


def test_fix_out_syncs_once_at_the_end(cli, tmp_path, fsyncs, syncfs_calls):
    texts = damaged_corpus(tmp_path / "in", 12)
    out = tmp_path / "out"
    result = cli("fix", tmp_path / "in", "--out", out, "--jobs", "1", *SELECT)
    assert result.exit_code == 0, result.stderr
    assert fsyncs == []  # no file and no folder fsynced one by one
    assert len(syncfs_calls) == 1 and syncfs_calls[0].startswith(str(out))
    for name, text in texts.items():
        assert (out / name).read_text(encoding="utf-8") == text.replace(".  ", ". ").replace("  ", " ")
    assert not list(out.rglob(".*.tmp"))


def test_fix_in_place_fsyncs_every_file_before_it_replaces_the_input(cli, tmp_path, fsyncs, syncfs_calls):
    texts = damaged_corpus(tmp_path / "in", 6)
    result = cli("fix", tmp_path / "in", "--jobs", "1", *SELECT)
    assert result.exit_code == 0, result.stderr
    assert syncfs_calls == []
    written = [path for path in fsyncs if path.endswith(".tmp")]
    assert len(written) == len(texts)  # each temporary file, before its rename
    assert len(fsyncs) == 2 * len(texts)  # and the folder after it


def test_without_syncfs_every_file_and_folder_is_fsynced_at_the_end(cli, tmp_path, monkeypatch, fsyncs):
    monkeypatch.setattr(corpus, "_syncfs", lambda: None)
    texts = damaged_corpus(tmp_path / "in", 6)
    out = tmp_path / "out"
    result = cli("fix", tmp_path / "in", "--out", out, "--jobs", "1", *SELECT)
    assert result.exit_code == 0, result.stderr
    files = sorted(path for path in fsyncs if path.endswith(".txt"))
    assert files == sorted(str(out / name) for name in texts)  # the files in place, not temporaries
    assert len(fsyncs) == 2 * len(texts)


def test_a_failed_flush_at_the_end_fails_the_run(cli, tmp_path, monkeypatch):
    def full_disk(fd):
        ctypes.set_errno(errno.ENOSPC)
        return -1

    monkeypatch.setattr(corpus, "_syncfs", lambda: full_disk)
    damaged_corpus(tmp_path / "in", 4)
    out = tmp_path / "out"
    result = cli("fix", tmp_path / "in", "--out", out, "--jobs", "1", *SELECT)
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if "cannot write" in line]
    assert len(lines) == 1 and "No space left on device" in lines[0] and str(out) in lines[0], result.stderr
