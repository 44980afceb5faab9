"""The ``requires`` prefilter of line rules only skips lines the pattern cannot match:
findings with it equal findings without it."""

import copy
from pathlib import Path

from cleanup.document import Document
from cleanup.kinds.base import Context
from cleanup.pagelayout import short_rows
from cleanup.ruleset import Ruleset

ROOT = Path(__file__).resolve().parent.parent
EXTRA = [
    "This site uses Akismet to reduce spam. Learn how your comment data is processed.",
    "THIS SITE USES COOKIES to improve your experience.", "© 2019 Example Media",
    "Photo: Jane Doe, AP", "A man walks past a shop. (AP PHOTO/Jane Doe)", "News / World / Europe",
    "The rally in the capital, explained 1:51", "Moscote: Russia does not want NATO to protect Ukraine",
    "Cookieſ are used here", "İmage by Ali", "Jane Doe contributed to this report.",
    "The article is long enough to count as a paragraph of prose, it says so here.",
    "Updated 1:39 am EST, Wednesday, November 20, 2019",
    "Politics (12)\nEconomy (3)\nSport (40)\nHealth (7)\nWeather (1)",
]


def texts():
    seeds = sorted((ROOT / "fixtures" / "boilerplate").glob("*.txt"))
    yield from (path.read_text(encoding="utf-8") for path in seeds)
    yield "\n\n".join(EXTRA)
    yield "\n".join(EXTRA) + "\n" + "The article is long enough to count as a paragraph of prose, it says so." * 3


def findings(rule, text):
    return [(f.start, f.end, f.rule) for f in rule.check(Document.from_text(text), Context())]


def test_prefilter_changes_no_finding():
    rules = [r for r in Ruleset.load().select(["boilerplate"]).rules if getattr(r, "requires", None) is not None
             or getattr(r, "requires_chars", "")]
    assert len(rules) >= 5
    for rule in rules:
        unfiltered = copy.copy(rule)
        unfiltered.requires, unfiltered.requires_chars = None, ""
        for text in texts():
            assert findings(rule, text) == findings(unfiltered, text), rule.id


def test_prefilter_skips_lines_without_a_literal():
    rule = next(r for r in Ruleset.load().select(["boilerplate.photo-credit"]).rules)
    doc = Document.from_text("Nothing here\nPhoto: Jane Doe, AP\nNor here")
    assert [row[0] for row in rule.candidate_lines(doc, short_rows(doc.text, 300))] == [1]
