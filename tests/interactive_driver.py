"""Run ``choose_edits`` with the real ``input`` and ``print`` (for the pseudo-terminal
test): ``python -m tests.interactive_driver CASE.json`` where the file holds
``{"path", "text", "edits": [AppliedEdit.to_json(), ...]}``. Prints the accepted
edits' spans as one ``RESULT`` line (or ``QUIT`` when the user quit)."""

from __future__ import annotations

import json
import sys

from cleanup.interactive import Quit, choose_edits
from cleanup.model import AppliedEdit


def main(case_path: str) -> int:
    with open(case_path, encoding="utf-8") as handle:
        case = json.load(handle)
    edits = [AppliedEdit(e["rule"], e["start"], e["end"], e["before"], e["after"], e["safe"]) for e in case["edits"]]
    try:
        accepted = choose_edits(case["path"], case["text"], edits, ask=input, show=print, color=sys.stdout.isatty())
        label = "RESULT"
    except Quit as quit_:
        accepted, label = quit_.accepted, "QUIT"
    print(label, json.dumps([[e.start, e.end] for e in accepted]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
