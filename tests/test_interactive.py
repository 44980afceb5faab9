"""Terminal review (``git add -p`` style): scripted answers, then a real pseudo-terminal
running the driver script and the real ``cleanup fix --interactive``."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import shutil
import sys
import time
from pathlib import Path

import pytest

from cleanup.engine import replay
from cleanup.interactive import HELP, Quit, choose_edits
from cleanup.model import AppliedEdit

from .conftest import ROOT, SEEDS

TEXT = "Jen Saki said.\n\nShare this article\n\nSergei Lavrov met Tony Blinken in Kiev.\n"
PROMPT = "[y,n,a,d,q,?]? "


def occurrence(old: str, new: str, rule: str, safe: bool = True) -> AppliedEdit:
    start = TEXT.index(old)
    return AppliedEdit(rule, start, start + len(old), old, new, safe)


EDITS = [
    occurrence("Saki", "Psaki", "names.variant", safe=False),
    occurrence("Share this article\n\n", "", "boilerplate.share-prompt"),
    occurrence("Sergei", "Sergey", "names.variant"),
    occurrence("Tony", "Antony", "names.variant"),
    occurrence("Kiev", "Kyiv", "names.variant"),
]


def scripted(*answers: str):
    shown: list[str] = []
    prompts: list[str] = []
    queue = list(answers)

    def ask(prompt: str) -> str:
        prompts.append(prompt)
        if not queue:
            raise EOFError
        return queue.pop(0)

    return ask, shown.append, shown, prompts


def test_yes_and_no_per_edit():
    ask, show, shown, prompts = scripted("y", "n", "y", "n", "n")
    accepted = choose_edits("doc.txt", TEXT, list(reversed(EDITS)), ask=ask, show=show, color=False)
    assert accepted == [EDITS[0], EDITS[2]]
    assert len(prompts) == 5 and prompts[0].startswith("(1/5) names.variant (unsafe)")
    assert shown[0] == "--- a/doc.txt\n+++ b/doc.txt"
    assert "Jen [-Saki-]{+Psaki+}⟨names.variant⟩ said." in shown[1]
    assert "[-Share this article-]" in shown[2]


def test_all_and_done_decide_the_rest_of_the_document():
    ask, show, _, prompts = scripted("n", "a")
    assert choose_edits("doc.txt", TEXT, EDITS, ask=ask, show=show, color=False) == EDITS[1:]
    assert len(prompts) == 2
    ask, show, _, prompts = scripted("y", "d")
    assert choose_edits("doc.txt", TEXT, EDITS, ask=ask, show=show, color=False) == EDITS[:1]
    assert len(prompts) == 2


def test_quit_carries_the_edits_accepted_so_far():
    ask, show, _, _ = scripted("y", "n", "y", "q")
    with pytest.raises(Quit) as raised:
        choose_edits("doc.txt", TEXT, EDITS, ask=ask, show=show, color=False)
    assert raised.value.accepted == [EDITS[0], EDITS[2]]
    ask, show, _, _ = scripted("y")  # end of input counts as quit
    with pytest.raises(Quit) as raised:
        choose_edits("doc.txt", TEXT, EDITS, ask=ask, show=show, color=False)
    assert raised.value.accepted == [EDITS[0]]


def test_help_and_unknown_answers_ask_again():
    ask, show, shown, prompts = scripted("?", "what", " Y ", "d")
    assert choose_edits("doc.txt", TEXT, EDITS, ask=ask, show=show, color=False) == EDITS[:1]
    assert shown.count(HELP) == 2 and len(prompts) == 4


def test_overlapping_edit_is_skipped_once_another_is_accepted():
    wider = occurrence("Jen Saki", "Jen Psaki", "names.full")
    ask, show, shown, prompts = scripted("y", "d")
    assert choose_edits("doc.txt", TEXT, [EDITS[0], wider], ask=ask, show=show, color=False) == [wider]
    assert any("skipped" in line for line in shown) and len(prompts) == 1


def test_no_edits_asks_nothing():
    ask, show, shown, prompts = scripted()
    assert choose_edits("doc.txt", TEXT, [], ask=ask, show=show, color=True) == []
    assert shown == [] and prompts == []


def run_in_terminal(argv: list[str], answers: list[str], *, cwd: Path, timeout: float = 90,
                    environment: dict[str, str] | None = None) -> str:
    """Run ``argv`` on a pseudo-terminal, answering each prompt in turn; the whole output."""
    env = dict(os.environ, TERM="xterm", COLUMNS="120", PYTHONUNBUFFERED="1")
    env.pop("NO_COLOR", None)
    env.update(environment or {})
    pid, fd = pty.fork()
    if pid == 0:  # the child: becomes the program
        os.chdir(cwd)
        os.execvpe(argv[0], argv, env)
    output = b""
    pending = list(answers)
    answered_at = 0
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.5)
            if ready:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:  # the child closed the terminal
                    break
                if not chunk:
                    break
                output += chunk
            if pending and output.count(PROMPT.encode()) > answered_at:
                answered_at += 1
                os.write(fd, pending.pop(0).encode() + b"\n")
        else:
            raise AssertionError(f"timed out; output so far:\n{output.decode(errors='replace')}")
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    assert not pending, f"prompts ran out with answers left: {output.decode(errors='replace')}"
    return output.decode("utf-8", errors="replace").replace("\r\n", "\n")


def test_driver_in_a_pseudo_terminal(tmp_path):
    case = tmp_path / "case.json"
    case.write_text(json.dumps({"path": "doc.txt", "text": TEXT, "edits": [e.to_json() for e in EDITS]}))
    output = run_in_terminal([sys.executable, "-m", "tests.interactive_driver", str(case)], ["y", "n", "?", "y", "d"], cwd=ROOT)
    result = re.search(r"RESULT (\[.*\])", output)
    assert result, output
    assert json.loads(result[1]) == [[EDITS[0].start, EDITS[0].end], [EDITS[2].start, EDITS[2].end]]
    assert "\x1b[31mSaki\x1b[m\x1b[32mPsaki\x1b[m" in output  # a terminal: colour
    assert "a - apply this edit and all later edits" in output  # the help after "?"
    assert output.count(PROMPT) == 5  # "?" asks again


def test_cleanup_fix_interactive_in_a_pseudo_terminal(tmp_path):
    from cleanup.editsfile import load

    source = SEEDS / "000_b3fa273e2f34c17d.txt"
    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(source, work / source.name)
    # what `fix` would do on its own, as an edits file: the edits the prompts will offer
    planned = tmp_path / "planned"
    report = tmp_path / "report.json"
    run = run_in_terminal([sys.executable, "-m", "cleanup", "fix", "--out", str(planned), "--report", str(report), source.name], [], cwd=work)
    (entry,) = load(report)
    edits = sorted(entry.edits, key=lambda e: (e.start, e.end))
    assert len(edits) >= 3, run
    answers = ["n", "y", "a"]
    output = run_in_terminal([sys.executable, "-m", "cleanup", "fix", "--interactive", source.name], answers, cwd=work)
    assert output.count(PROMPT) == len(answers), output
    assert f"(1/{len(edits)})" in output and "+++ b/" in output
    original = source.read_text(encoding="utf-8")
    expected = replay(original, edits[1:])
    assert (work / source.name).read_text(encoding="utf-8") == expected
    assert expected != replay(original, edits)  # the rejected edit really is left out
