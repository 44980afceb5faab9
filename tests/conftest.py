"""Shared test set-up.

SEEDS, ``run_cleanup`` (the real console command in a subprocess) and the ``cli`` and
``seeds_copy`` fixtures serve the command-line tests. The grammar rules' examples in
rules/grammar.toml are answered by a stand-in LanguageTool server replaying recorded
responses (tests/languagetool_server.py): no LanguageTool runs here, nothing downloads.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleanup.cachefiles import CACHE_ENV
from cleanup.cli import app

from .languagetool_server import serve

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def run_cleanup(*args, cwd=None, input: bytes | None = None) -> subprocess.CompletedProcess:
    """The installed ``cleanup`` command, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "cleanup", *map(str, args)],
        cwd=cwd, input=input, capture_output=True, timeout=120,
    )


@pytest.fixture
def cli():
    """Run the command line in-process: ``cli("check", path, ...)`` -> click Result."""
    runner = CliRunner()

    def invoke(*args, input: str | bytes | None = None):
        return runner.invoke(app, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def seeds_copy(tmp_path):
    """A copy of the seed corpus that a test may change."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture(scope="session", autouse=True)
def own_cache_folder(tmp_path_factory):
    """The cache folder (names indexes, the lexicon) of this test session, not the
    user's: set for the session and the commands it starts, unless already chosen."""
    if os.environ.get(CACHE_ENV):
        yield
        return
    os.environ[CACHE_ENV] = str(tmp_path_factory.mktemp("cleanup-cache"))
    try:
        yield
    finally:
        del os.environ[CACHE_ENV]


@pytest.fixture(scope="session")
def languagetool():
    """(url, requests) of the stand-in LanguageTool server, for the whole session."""
    with serve() as running:
        yield running


@pytest.fixture(autouse=True)
def _languagetool_for_grammar_examples(request, monkeypatch):
    if "test_rule_examples" in request.node.nodeid and "[grammar." in request.node.nodeid:
        url, _ = request.getfixturevalue("languagetool")
        monkeypatch.setenv("LANGUAGETOOL_URL", url)
    yield
