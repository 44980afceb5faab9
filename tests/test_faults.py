"""Faults: `fix` killed at a random moment, and a disk that fills up.

Whatever happens, an input is never damaged and an output is the old file or the new
one, never a mix; a failed write leaves no temporary file behind and says what failed.
"""

from __future__ import annotations

import errno
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import SEEDS

SELECT = ("--select", "typography")  # the point is writing, not the rules: keep runs short


def make_corpus(folder: Path, copies: int) -> dict[str, bytes]:
    """Seed texts with typographic damage added, as many files as asked, plus a JSONL file
    (written as a stream) holding some of them."""
    folder.mkdir(parents=True)
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    files: dict[str, bytes] = {}
    for number in range(copies):
        text = seeds[number % len(seeds)].replace(". ", ".  ", number % 7 + 1).replace(" the ", " the the ", 2)
        if number % 3 == 0:
            text = text.replace("\n", "\r\n")
        files[f"doc{number:04d}.txt"] = text.encode("utf-8")
    records = [json.dumps({"id": str(n), "text": seeds[n % len(seeds)].replace(". ", ".  ")}) for n in range(40)]
    files["records.jsonl"] = ("\n".join(records) + "\n").encode("utf-8")
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return files


def cleanup_command(*args) -> list[str]:
    return [sys.executable, "-m", "cleanup", *map(str, args)]


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(".*.tmp"))


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The corpus, its fixed version, and how long a whole fix run takes."""
    root = tmp_path_factory.mktemp("reference")
    files = make_corpus(root / "in", 80)
    started = time.perf_counter()
    done = subprocess.run(cleanup_command("fix", root / "in", "--out", root / "out", "--jobs", "1", "-q", *SELECT),
                          capture_output=True, timeout=300)
    duration = time.perf_counter() - started
    assert done.returncode in (0, 1), done.stderr
    fixed = {name: (root / "out" / name).read_bytes() for name in files}
    assert sum(fixed[n] != files[n] for n in files) > len(files) // 2  # most files do change
    return files, fixed, duration, root / "in"


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["in-place", "out"])
def test_fix_killed_at_random_moments_never_leaves_a_half_written_file(reference, tmp_path, mode):
    files, fixed, duration, pristine = reference
    chooser = random.Random(os.environ.get("PYTEST_SEED", mode))
    mixed_states = 0
    for trial in range(8):  # until a kill lands mid-run (load on the machine stretches runs), at least 3
        if trial >= 3 and mixed_states:
            break
        work = tmp_path / f"trial{trial}"
        shutil.copytree(pristine, work / "in")
        out = work / "out"
        args = ("fix", work / "in", "--jobs", "1", "-q", *SELECT) + (("--out", out) if mode == "out" else ())
        process = subprocess.Popen(cleanup_command(*args), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(duration * chooser.uniform(0.3, 0.95))
        process.send_signal(signal.SIGKILL)
        process.wait()
        changed = 0
        for name, original in files.items():
            source = (work / "in" / name).read_bytes()
            if mode == "in-place":
                assert source in (original, fixed[name]), f"trial {trial}: {name} is neither old nor new"
                changed += source != original
            else:
                assert source == original, f"trial {trial}: input {name} was changed"
                target = out / name
                if target.exists():
                    assert target.read_bytes() == fixed[name], f"trial {trial}: output {name} is half-written"
                    changed += 1
        stray = [n for n in os.listdir(work / "in") if n not in files and not n.endswith(".tmp")]
        assert not stray, f"unexpected files: {stray}"
        mixed_states += 0 < changed < sum(fixed[n] != files[n] for n in files)
    assert mixed_states, "no kill landed in the middle of the run; the test proved nothing"


def no_space(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("mode", ["in-place", "out", "report"])
def test_full_disk_simulated_fails_cleanly(cli, tmp_path, monkeypatch, mode):
    files = make_corpus(tmp_path / "in", 6)
    out = tmp_path / "out"
    args = ["fix", tmp_path / "in", "--jobs", "1", *SELECT]
    if mode == "out":
        args += ["--out", out]
    if mode == "report":
        args += ["--out", out, "--report", tmp_path / "edits.json"]
        real_fsync = os.fsync

        def fsync_until_report(fd):  # the files go through; the report hits a full disk
            if "edits.json" in os.readlink(f"/proc/self/fd/{fd}"):
                no_space()
            return real_fsync(fd)

        monkeypatch.setattr(os, "fsync", fsync_until_report)
    else:
        monkeypatch.setattr(os, "fsync", no_space)
    result = cli(*args)
    monkeypatch.undo()
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if "cannot write" in line]
    assert len(lines) == 1 and "No space left on device" in lines[0], result.stderr
    for name, data in files.items():
        assert (tmp_path / "in" / name).read_bytes() == data, f"input {name} damaged"
    assert leftovers(tmp_path) == []
    if mode == "report":
        assert "edits.json" in lines[0] and not (tmp_path / "edits.json").exists()


def _mount_tiny_tmpfs(folder: Path, size: str) -> bool:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    folder.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True)
    return done.returncode == 0


def test_full_disk_real_tmpfs(cli, tmp_path):
    disk = tmp_path / "tiny"
    if not _mount_tiny_tmpfs(disk, "64k"):
        pytest.skip("cannot mount a tmpfs here (not root, or no permission); the simulated test covers it")
    try:
        files = make_corpus(tmp_path / "in", 40)  # far more than 64 KiB
        out = disk / "out"
        result = cli("fix", tmp_path / "in", "--out", out, "--jobs", "1", *SELECT)
        assert result.exit_code == 2
        lines = [line for line in result.stderr.splitlines() if "cannot write" in line]
        assert len(lines) == 1 and "No space left on device" in lines[0], result.stderr
        for name, data in files.items():
            assert (tmp_path / "in" / name).read_bytes() == data
        written = sorted(p.name for p in out.iterdir()) if out.exists() else []
        assert written, "nothing was written before the disk filled: the test proved nothing"
        for name in written:
            assert not name.startswith("."), f"temporary file left behind: {name}"
            fixed_alone = tmp_path / "alone"
            cli("fix", tmp_path / "in" / name, "--out", fixed_alone, "--jobs", "1", *SELECT)
            assert (out / name).read_bytes() == (fixed_alone / name).read_bytes(), f"{name} is half-written"
    finally:
        subprocess.run(["umount", str(disk)], capture_output=True)
