"""The pre-commit hooks, through the real `pre-commit` tool (try-repo on this repository)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

DIRTY = "The ministers met in Brussels on Monday.  They agreed on a plan..\n"
CLEAN = "The ministers met in Brussels on Monday. They agreed on a plan.\n"


def run(args, cwd, env):
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


@pytest.mark.slow
def test_hooks_fail_fix_then_pass(tmp_path):
    pre_commit = shutil.which("pre-commit") or str(Path(sys.executable).with_name("pre-commit"))
    if not Path(pre_commit).exists():
        pytest.fail("pre-commit is not installed (it is in the test extra)")
    project = tmp_path / "project"
    (project / "seeds").mkdir(parents=True)
    document = project / "seeds" / "note.txt"
    document.write_text(DIRTY, encoding="utf-8")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    for command in (["git", "init", "-q"], ["git", "add", "."]):
        assert run(command, project, env).returncode == 0

    check = run([pre_commit, "try-repo", str(ROOT), "cleanup-check", "--all-files"], project, env)
    assert check.returncode == 1, check.stdout + check.stderr
    assert "typography.multiple-spaces" in check.stdout

    fix = run([pre_commit, "try-repo", str(ROOT), "cleanup-fix", "--all-files"], project, env)
    assert fix.returncode == 1  # files were modified: pre-commit fails the hook
    assert "files were modified by this hook" in fix.stdout
    assert document.read_text(encoding="utf-8") == CLEAN

    again = run([pre_commit, "try-repo", str(ROOT), "cleanup-check", "--all-files"], project, env)
    assert again.returncode == 0, again.stdout + again.stderr
