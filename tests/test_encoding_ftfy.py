"""ftfy's own test cases (fixtures/ftfy, Apache-2.0): wherever ftfy gets a case right,
`--select encoding` must too, its negative cases included. Curly quotes count as right
where ftfy's expected text has straight ones: we never straighten quotes."""

from __future__ import annotations

import sys
from pathlib import Path

import ftfy
import ftfy.fixes
import pytest

from cleanup.api import fix_text, load_rules

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from encoding_cases import ftfy_cases  # noqa: E402

CASES = ftfy_cases()
if CASES is None:
    pytest.skip("ftfy's test_cases.json not found (set CLEANUP_FTFY_CASES)", allow_module_level=True)

ENCODING = load_rules(select=["encoding"])


def targets(case: dict) -> set[str]:
    return {case["fixed"], case.get("fixed-encoding", case["fixed"])}


def ftfy_gets_it_right(case: dict) -> bool:
    return ftfy.fix_text(case["original"]) == case["fixed"] or ftfy.fix_encoding(case["original"]) in targets(case)


@pytest.mark.parametrize("case", [c for c in CASES if ftfy_gets_it_right(c)], ids=lambda c: c["label"][:60])
def test_we_pass_where_ftfy_passes(case):
    ours = fix_text(case["original"], rules=ENCODING).text
    assert ours in targets(case) or ftfy.fixes.uncurl_quotes(ours) in targets(case)


def test_negative_cases_are_never_changed():
    negatives = [c for c in CASES if c["original"] == c["fixed"]]
    assert len(negatives) > 20
    changed = [c["label"] for c in negatives
               if fix_text(c["original"], rules=ENCODING).text != c["original"]
               and ftfy.fix_text(c["original"]) == c["original"]]
    assert changed == []
