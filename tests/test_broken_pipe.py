"""A reader that stops early (``cleanup check … | head``) ends the run quietly: no
traceback, no "cannot write", the exit status of a run with findings. The pipe is made
as small as Linux allows (one page), so that the seeds' output overflows it."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
F_SETPIPE_SZ = getattr(fcntl, "F_SETPIPE_SZ", 1031)


def run_into_closed_pipe(*args: str) -> tuple[int, str]:
    """Run ``cleanup ARGS`` with its standard output a one-page pipe whose reader takes
    one byte and closes its end; the exit status and standard error."""
    reader, writer = os.pipe()
    fcntl.fcntl(writer, F_SETPIPE_SZ, 4096)
    process = subprocess.Popen([sys.executable, "-m", "cleanup", *args], stdout=writer, stderr=subprocess.PIPE,
                               cwd=ROOT, env={**os.environ, "COLUMNS": "200"})
    os.close(writer)
    with os.fdopen(reader, "rb") as output:
        assert output.read(1)
    _, stderr = process.communicate(timeout=120)
    return process.returncode, stderr.decode("utf-8", "replace")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="F_SETPIPE_SZ is Linux's")
@pytest.mark.parametrize("args", [
    ("check", "seeds"),
    ("check", "seeds", "--format", "json"),
    ("fix", "seeds", "--diff"),
    ("fix", "seeds", "--diff", "--word-diff"),
    ("rules",),
])
def test_a_reader_that_stops_early_ends_the_run_quietly(args):
    status, stderr = run_into_closed_pipe(*args, "--quiet") if args[0] != "rules" else run_into_closed_pipe(*args)
    assert "Traceback" not in stderr and "cannot write" not in stderr, stderr
    assert status in (0, 1), (status, stderr)
