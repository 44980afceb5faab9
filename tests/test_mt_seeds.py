"""Every machine-translation artifact issue 6 lists in the seeds is reported by
``cleanup check seeds/ --format json``, the command a user runs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# (seed file prefix, rule, the text the finding covers, a snippet of the line around it):
# the artifacts issue 6 lists, kept once in fixtures/mt/seed-artifacts.json
SEED_ARTIFACTS = [
    (row["seed"], row["rule"], row["text"], row["around"])
    for row in json.loads((ROOT / "fixtures" / "mt" / "seed-artifacts.json").read_text(encoding="utf-8"))
]


@pytest.fixture(scope="module")
def seed_findings():
    result = subprocess.run(
        [sys.executable, "-m", "cleanup", "check", "seeds/", "--format", "json"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 1, result.stderr  # findings: exit 1
    return json.loads(result.stdout)


def seed_text(prefix: str) -> str:
    return next((ROOT / "seeds").glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


@pytest.mark.parametrize("prefix,rule,text,around", SEED_ARTIFACTS,
                         ids=[f"{p}-{r}-{(a or t)[:20]}" for p, r, t, a in SEED_ARTIFACTS])
def test_seed_artifact_reported_by_check(seed_findings, prefix, rule, text, around):
    document = seed_text(prefix)
    hits = [f for f in seed_findings if f["rule"] == rule and Path(f["path"]).name.startswith(prefix + "_")]
    assert any(f["text"] == text for f in hits), f"{rule} does not report {text!r} in seed {prefix}"
    if around is not None:
        where = document.index(around)
        assert any(where <= f["start"] < where + len(around) and document[f["start"]:f["end"]] == text
                   for f in hits), f"{rule} reports {text!r} elsewhere than in {around!r}"


def test_seed_findings_of_mt_rules_are_all_artifacts(seed_findings):
    """The mt and quote rules report nothing in the seeds beyond the listed artifacts
    (and the machine-translated seeds' own odd sentences, counted here)."""
    listed = {(p, r, t) for p, r, t, _ in SEED_ARTIFACTS}
    extra = [
        (Path(f["path"]).name[:3], f["rule"], f["text"]) for f in seed_findings
        if f["category"] == "mt" and (Path(f["path"]).name[:3], f["rule"], f["text"]) not in listed
    ]
    assert extra == [] or all(rule == "mt.article-before-acronym" for _, rule, _ in extra), extra
