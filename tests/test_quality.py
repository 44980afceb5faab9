"""The quality report: per-1,000-word densities, the score formula, worst-first order,
weights, and the four output formats."""

from __future__ import annotations

import csv
import io
import json

import pytest

from cleanup.document import Document
from cleanup.model import Finding, Severity
from cleanup.quality import build_report, render_report

PROSE = "The minister met his counterpart on Tuesday and the talks went on for hours. " * 20  # 280 words


def finding(rule, severity=Severity.WARNING):
    return Finding(rule, "m", 0, 3, severity)


def items():
    clean = Document.from_text(PROSE, "clean.txt")
    dirty = Document.from_text(PROSE, "dirty.txt")
    return [(clean, []), (dirty, [finding("mt.orphan-fragment"), finding("mt.capitalised-word"),
                                  finding("typography.unbalanced-quotes", Severity.INFO)])]


def test_scores_densities_and_order():
    report = build_report(items())
    worst, best = report.documents
    assert worst.path == "dirty.txt" and best.path == "clean.txt"
    assert best.score == 100.0 and best.words == 280
    assert worst.counts["mt"] == 2 and worst.per_1000["mt"] == pytest.approx(2 * 1000 / 280)
    # 100 - (3.0 * 1.0 * 2 + 1.0 * 0.2) * 1000 / 300
    assert worst.score == pytest.approx(100 - 6.2 * 1000 / 280)
    assert report.summary["documents"] == 2 and report.summary["words"] == 560
    assert report.summary["worst"] == "dirty.txt"


def test_weights_override_and_unknown_weight_is_an_error():
    heavier = build_report(items(), {"mt": 10.0}).documents[0]
    assert heavier.score == pytest.approx(100 - 20.2 * 1000 / 280)
    zero = build_report(items(), {"mt": 0, "info": 0}).documents
    assert [d.score for d in zero] == [100.0, 100.0]
    with pytest.raises(ValueError):
        build_report(items(), {"nonsense": 1})


def test_short_documents_are_not_punished_beyond_the_floor():
    short = Document.from_text("Stated.", "short.txt")
    [doc] = build_report([(short, [finding("mt.orphan-fragment")] * 50)]).documents
    assert doc.score == 0.0


def test_formats():
    report = build_report(items())
    data = json.loads(render_report(report, "json"))
    assert data["documents"][0]["path"] == "dirty.txt" and "per_1000_words" in data["documents"][0]
    rows = list(csv.DictReader(io.StringIO(render_report(report, "csv"))))
    assert [r["path"] for r in rows] == ["dirty.txt", "clean.txt"] and float(rows[1]["score"]) == 100.0
    markdown = render_report(report, "markdown")
    assert markdown.startswith("| score |") and "2 documents" in markdown
    text = render_report(report, "text")
    assert text.splitlines()[1].endswith("dirty.txt") and "mean score" in text.splitlines()[-1]
    with pytest.raises(ValueError):
        render_report(report, "xml")


@pytest.mark.parametrize("fmt", ["text", "markdown", "csv", "json"])
def test_documents_without_words_render_in_every_format(fmt):
    """No word in the whole input: no reading ease to average, and no crash over it."""
    report = build_report([(Document.from_text("", "empty.txt"), []),
                           (Document.from_text("  \n\n", "blank.txt"), [])])
    assert report.summary["flesch_reading_ease"] is None
    rendered = render_report(report, fmt)
    assert "empty.txt" in rendered and "blank.txt" in rendered
    if fmt in ("text", "markdown"):
        assert "Flesch n/a" in rendered.splitlines()[-1]
