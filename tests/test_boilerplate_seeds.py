"""The boilerplate rules on the seeds: the furniture listed in issue 5 goes, no article
line does, and the output matches the reviewed fixtures (fixtures/boilerplate/)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "boilerplate"


def load_regenerate():
    spec = importlib.util.spec_from_file_location("regenerate", FIXTURES / "regenerate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


REGENERATE = load_regenerate()
FURNITURE = {
    " ".join(line.split())
    for line in (FIXTURES / "seed-boilerplate.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
}


@pytest.fixture(scope="module", params=REGENERATE.MODES)
def cleaned(request):
    return request.param, REGENERATE.clean_seeds(request.param)


def nonblank(text: str) -> list[str]:
    """Non-blank lines, white space normalised (the seeds have no-break spaces)."""
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def test_matches_reviewed_fixture(cleaned):
    mode, results = cleaned
    for name, (text, _edits) in results.items():
        expected = (FIXTURES / f"{Path(name).stem}.{mode}.txt").read_text(encoding="utf-8")
        assert text == expected, f"{name} ({mode}) differs from its fixture: run regenerate.py and review"


def test_no_article_line_is_lost(cleaned):
    mode, results = cleaned
    for doc in REGENERATE.seed_documents():
        kept = set(nonblank(results[doc.path][0]))
        lost = [line for line in nonblank(doc.text) if line not in kept and line not in FURNITURE]
        assert not lost, f"{doc.path} ({mode}) lost article lines: {lost}"


def test_unsafe_fixes_remove_all_listed_furniture(cleaned):
    mode, results = cleaned
    if mode != "unsafe":
        pytest.skip("the list is what unsafe fixes remove")
    left = [line for text, _ in results.values() for line in nonblank(text) if line in FURNITURE]
    assert not left


def test_safe_fixes_remove_the_known_phrases(cleaned):
    mode, results = cleaned
    if mode != "safe":
        pytest.skip("safe mode only")
    removed = {line.strip() for _, edits in results.values() for e in edits for line in e.before.splitlines()}
    for line in ("SHARE THIS ARTICLE", "Leave a Comment", "Join the GlobalSecurity.org mailing list",
                 "This site uses Akismet to reduce spam. Learn how your comment data is processed."):
        assert line in removed


def test_paragraphs_stay_separated(cleaned):
    _mode, results = cleaned
    for name, (text, _edits) in results.items():
        original = (ROOT / "seeds" / name).read_text(encoding="utf-8")
        if "\n\n" in original:
            assert "\n\n\n\n" not in text, f"{name}: removals left a gap of blank lines"
            assert not text.startswith("\n")


def test_credit_line_is_reported_but_kept():
    results = REGENERATE.clean_seeds("unsafe")
    text = results["002_0f3790107ac6dcad.txt"][0]
    assert text.rstrip().endswith("The Associated Press contributed to this report.")
