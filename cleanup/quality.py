"""The quality report (``cleanup report``): per document, findings per 1,000 words by
category, readability and an overall 0-100 score; worst documents first; a corpus
summary. The score's formula is in docs/quality.md:

    penalty = sum over findings of  category_weight * severity_weight  * 1000 / max(words, 100)
    score   = max(0, 100 - penalty)

so a score is "100 minus the weighted findings per 1,000 words". Category weights can
be overridden (``[report.weights]`` in the configuration); a key ``error``, ``warning``
or ``info`` overrides a severity weight.
"""

from __future__ import annotations

import csv
import io
import json
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .document import Document
from .model import Finding
from .readability import measure
from .ruleset import CATEGORIES

CATEGORY_WEIGHTS: dict[str, float] = {
    "encoding": 4.0,  # damaged characters make text unusable downstream
    "mt": 3.0,
    "names": 2.0,
    "boilerplate": 2.0,
    "typography": 1.0,
    "grammar": 1.0,
    "readability": 0.5,
}
SEVERITY_WEIGHTS: dict[str, float] = {"error": 2.0, "warning": 1.0, "info": 0.2}
MIN_WORDS = 100  # shorter documents are scored as if they had this many words
FORMATS = ("text", "json", "csv", "markdown")


@dataclass(frozen=True)
class DocumentQuality:
    path: str
    words: int
    sentences: int
    findings: int
    counts: dict[str, int]  # findings by category
    per_1000: dict[str, float]  # findings per 1,000 words by category
    flesch_reading_ease: float
    grade_level: float
    long_sentences: int
    score: float

    def to_json(self) -> dict:
        return {
            "path": self.path,
            "score": round(self.score, 1),
            "words": self.words,
            "sentences": self.sentences,
            "findings": self.findings,
            "counts": dict(self.counts),
            "per_1000_words": {k: round(v, 2) for k, v in self.per_1000.items()},
            "flesch_reading_ease": round(self.flesch_reading_ease, 1),
            "grade_level": round(self.grade_level, 1),
            "long_sentences": self.long_sentences,
        }


@dataclass(frozen=True)
class QualityReport:
    documents: list[DocumentQuality]
    summary: dict = field(default_factory=dict)
    weights: dict[str, float] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {
            "documents": [d.to_json() for d in self.documents],
            "summary": self.summary,
            "weights": self.weights,
        }


def resolve_weights(weights: Mapping[str, float] | None) -> tuple[dict[str, float], dict[str, float]]:
    categories, severities = dict(CATEGORY_WEIGHTS), dict(SEVERITY_WEIGHTS)
    for key, value in (weights or {}).items():
        if key in severities:
            severities[key] = float(value)
        elif key in CATEGORIES:
            categories[key] = float(value)
        else:
            raise ValueError(f"unknown report weight {key!r} (categories: {', '.join(CATEGORIES)}; "
                             "severities: error, warning, info)")
    return categories, severities


def document_quality(doc: Document, findings: list[Finding], categories: Mapping[str, float],
                     severities: Mapping[str, float]) -> DocumentQuality:
    readability = measure(doc.text)
    words = readability.words
    counts = {c: 0 for c in CATEGORIES}
    penalty = 0.0
    scale = 1000 / max(words, MIN_WORDS)
    for finding in findings:
        category = finding.category
        counts[category] = counts.get(category, 0) + 1
        penalty += categories.get(category, 1.0) * severities.get(finding.severity.value, 1.0) * scale
    per_1000 = {c: (n * 1000 / words if words else 0.0) for c, n in counts.items()}
    return DocumentQuality(
        path=doc.path,
        words=words,
        sentences=readability.sentences,
        findings=len(findings),
        counts=counts,
        per_1000=per_1000,
        flesch_reading_ease=readability.flesch_reading_ease,
        grade_level=readability.grade_level,
        long_sentences=readability.long_sentences,
        score=max(0.0, 100.0 - penalty),
    )


def summarise(documents: list[DocumentQuality]) -> dict:
    words = sum(d.words for d in documents)
    counts = {c: sum(d.counts.get(c, 0) for d in documents) for c in CATEGORIES}
    scores = [d.score for d in documents]
    weighted = [d for d in documents if d.words]
    return {
        "documents": len(documents),
        "words": words,
        "findings": sum(d.findings for d in documents),
        "per_1000_words": {c: round(n * 1000 / words, 2) if words else 0.0 for c, n in counts.items()},
        "mean_score": round(statistics.fmean(scores), 1) if scores else None,
        "median_score": round(statistics.median(scores), 1) if scores else None,
        "worst": documents[0].path if documents else None,
        "flesch_reading_ease": round(
            sum(d.flesch_reading_ease * d.words for d in weighted) / words, 1) if words else None,
        "long_sentences": sum(d.long_sentences for d in documents),
    }


def build_report(items: Iterable[tuple[Document, list[Finding]]],
                 weights: Mapping[str, float] | None = None) -> QualityReport:
    """The quality report of ``(document, first-pass findings)`` pairs, worst first."""
    categories, severities = resolve_weights(weights)
    documents = [document_quality(doc, list(findings), categories, severities) for doc, findings in items]
    documents.sort(key=lambda d: (d.score, d.path))
    return QualityReport(documents, summarise(documents), {**categories, **severities})


COLUMNS = ("score", "words", *CATEGORIES, "flesch", "grade", "long", "path")


def _row(d: DocumentQuality) -> list[str]:
    return [f"{d.score:.1f}", str(d.words), *(f"{d.per_1000[c]:.1f}" for c in CATEGORIES),
            f"{d.flesch_reading_ease:.1f}", f"{d.grade_level:.1f}", str(d.long_sentences), d.path]


def summary_line(report: QualityReport) -> str:
    s = report.summary
    if not s.get("documents"):
        return "0 documents"
    worst = {c: v for c, v in s["per_1000_words"].items() if v}
    by_category = ", ".join(f"{c} {v:.1f}" for c, v in sorted(worst.items(), key=lambda kv: -kv[1]))
    flesch = s["flesch_reading_ease"]  # None: no document has a word to read
    return (f"{s['documents']} documents, {s['words']} words, {s['findings']} findings; "
            f"mean score {s['mean_score']:.1f}, median {s['median_score']:.1f}; "
            f"Flesch {'n/a' if flesch is None else f'{flesch:.1f}'}; per 1,000 words: {by_category or 'none'}")


def render_report(report: QualityReport, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(report.to_json(), indent=2, ensure_ascii=False) + "\n"
    rows = [_row(d) for d in report.documents]
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(rows)
        return buffer.getvalue()
    if fmt == "markdown":
        lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "|".join("---:" for _ in COLUMNS[:-1]) + "|---|"]
        lines += ["| " + " | ".join(r[:-1] + [r[-1].replace("|", "\\|")]) + " |" for r in rows]
        return "\n".join(lines) + f"\n\n{summary_line(report)}\n"
    if fmt == "text":
        table = [list(COLUMNS)] + rows
        widths = [max(len(r[i]) for r in table) for i in range(len(COLUMNS) - 1)]
        lines = ["  ".join(cell.rjust(w) for cell, w in zip(r[:-1], widths)) + "  " + r[-1] for r in table]
        return "\n".join(lines) + f"\n{summary_line(report)}\n"
    raise ValueError(f"unknown report format {fmt!r} (expected {', '.join(FORMATS)})")
