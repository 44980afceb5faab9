"""The pipeline: documents of a corpus through the rules, on one core or many.

``Runner.run`` yields one ``Outcome`` per input item in input order, whatever the number
of worker processes, so output is identical for any ``jobs``. Work is handed out in
bounded windows, so memory stays flat however large the corpus. When corpus-level rules
are selected, a first pass gathers their statistics over the whole corpus and the
second pass decides with them.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .corpus import InputProblem, Record, Source, per_file_ignored
from .document import Document
from .engine import MAX_PASSES, check_document, fix_document
from .kinds.base import Context, CorpusTotals, Rule
from .model import AppliedEdit, Finding
from .ruleset import Ruleset, matches_any

WINDOW_DOCUMENTS = 64  # documents a worker gets at once
# and at most this many characters of them (but always one document): a window of
# large documents (books, data dumps) would hold gigabytes of text in flight
WINDOW_CHARACTERS = 4_000_000
WINDOW_CHUNKS_PER_JOB = 4  # chunks in flight per worker


@dataclass(frozen=True)
class LocatedFinding:
    """A finding with what reports need: path, line and column, the text it covers."""

    path: str
    finding: Finding
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    record: str | None = None  # the JSONL record id, when ``path`` is FILE#ID

    @classmethod
    def of(cls, doc: Document, finding: Finding) -> LocatedFinding:
        start, end = finding.start, finding.end
        return cls(doc.path, finding, *doc.line_cols(start, end), doc.text[start:end], doc.doc_id)

    @property
    def file(self) -> str:
        """The file the finding is in (``path`` without a record id)."""
        return file_of(self.path, self.record)

    @property
    def replacement(self) -> str | None:
        finding = self.finding
        if finding.fix is None:
            return None
        edits = finding.fix.edits
        if all(e.replacement == "" for e in edits) and min(e.start for e in edits) <= finding.start and max(
            e.end for e in edits
        ) >= finding.end:
            return ""  # a removal (of a line with its line break, say)
        # what the finding's own text becomes: the edits inside it applied, those wholly
        # outside it left out (names.inconsistent fixes every occurrence, the finding
        # is the first); an edit across its edge has no such answer
        def within(edit) -> bool:
            return finding.start <= edit.start and edit.end <= finding.end

        inside = [e for e in edits if within(e)]
        if not inside or any(e.start < finding.end and e.end > finding.start and not within(e) for e in edits):
            return None
        text, shift = self.text, -finding.start
        for edit in sorted(inside, key=lambda e: e.start, reverse=True):
            text = text[: edit.start + shift] + edit.replacement + text[edit.end + shift :]
        return text

    def to_json(self) -> dict[str, Any]:
        finding = self.finding
        data = {
            "path": self.path,
            "rule": finding.rule,
            "category": finding.category,
            "severity": finding.severity.value,
            "message": finding.message,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "start": finding.start,
            "end": finding.end,
            "text": self.text,
            "replacement": self.replacement,
            "safe": finding.fix.safe if finding.fix else None,
        }
        if finding.fix is not None:
            data["fix"] = {
                "safe": finding.fix.safe,
                "edits": [{"start": e.start, "end": e.end, "replacement": e.replacement} for e in finding.fix.edits],
            }
        return data


@dataclass
class DocResult:
    path: str
    findings: list[LocatedFinding]  # on the original text
    text: str | None = None  # the fixed text (fix mode)
    edits: list[AppliedEdit] = field(default_factory=list)
    remaining: list[LocatedFinding] = field(default_factory=list)  # on the fixed text
    unfixed: list[LocatedFinding] = field(default_factory=list)  # fixable, left at the pass limit
    converged: bool = True


@dataclass
class Outcome:
    source: Source
    item: Document | Record | InputProblem
    result: DocResult | None = None

    @property
    def document(self) -> Document | None:
        if isinstance(self.item, Record):
            return self.item.document
        return self.item if isinstance(self.item, Document) else None


@dataclass(frozen=True)
class Task:
    """Everything a worker needs to process documents; picklable."""

    mode: str  # "check" or "fix"
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    rules_dirs: tuple[Path, ...] = ()
    names_paths: tuple[Path, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    accept: frozenset[str] = frozenset()
    settings: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()
    unsafe: bool = False
    max_passes: int = MAX_PASSES
    # whether the documents handed out carry the digests of their inputs (fix reports,
    # review pages and apply need them; a plain check does not, and hashing costs)
    digests: bool = True

    @staticmethod
    def freeze_settings(settings: dict[str, dict[str, Any]]) -> tuple:
        return tuple((key, tuple(value.items())) for key, value in sorted(settings.items()))

    def settings_dict(self) -> dict[str, dict[str, Any]]:
        return {key: dict(value) for key, value in self.settings}


class Worker:
    """Rules and context, built once per process."""

    def __init__(self, task: Task, corpus: dict | None = None) -> None:
        self.task = task
        self.all_rules = Ruleset.load(task.rules_dirs)
        self.ruleset = self.all_rules.select(task.select, task.ignore, extend=task.extend_select)
        self.ctx = Context(
            names_paths=task.names_paths,
            corpus=corpus or {},
            accept=task.accept,
            settings=task.settings_dict(),
        )
        self._rules_for: dict[tuple[str, ...], list[Rule]] = {}
        self._prepared = False

    def rules_for(self, path: str) -> list[Rule]:
        ignored = tuple(per_file_ignored(path, dict(self.task.per_file_ignores)))
        rules = self._rules_for.get(ignored)
        if rules is None:
            rules = [r for r in self.ruleset.rules if not matches_any(r.id, ignored)]
            self._rules_for[ignored] = rules
        return rules

    def process(self, doc: Document) -> DocResult:
        rules = self.rules_for(file_of(doc.path, doc.doc_id))
        if self.task.mode == "check":
            findings = check_document(doc, rules, self.ctx)
            return DocResult(doc.path, [LocatedFinding.of(doc, f) for f in findings])
        outcome = fix_document(doc, rules, self.ctx, unsafe=self.task.unsafe, max_passes=self.task.max_passes)
        fixed = doc.with_text(outcome.text)
        return DocResult(
            doc.path,
            [LocatedFinding.of(doc, f) for f in outcome.findings],
            outcome.text,
            outcome.edits,
            [LocatedFinding.of(fixed, f) for f in outcome.remaining],
            [LocatedFinding.of(fixed, f) for f in outcome.unfixed],
            outcome.converged,
        )

    def prepare(self) -> None:
        """Everything the selected rules load on first use, loaded now (once)."""
        if not self._prepared:
            for rule in self.ruleset.rules:
                rule.prepare(self.ctx)
            self._prepared = True

    def gather(self, doc: Document) -> dict[str, Any]:
        rules = [r for r in self.rules_for(file_of(doc.path, doc.doc_id)) if r.corpus_level]
        return {r.id: r.gather(doc, self.ctx) for r in rules}


def file_of(path: str, record: str | None) -> str:
    """The file of a document's ``path``: the path itself, or a JSONL record's less "#ID"."""
    if record is not None and path.endswith("#" + record):
        return path[: -len(record) - 1]
    return path


_WORKER: Worker | None = None
# The parent's worker while a pool starts. A child forked from the parent finds it here
# with its rules compiled and skips loading them again (half a second a worker, paid
# before its first batch); a child started afresh (spawn, forkserver) finds None.
_INHERITED: Worker | None = None


def _init_worker(task: Task, corpus: dict | None) -> None:
    global _WORKER
    inherited = _INHERITED
    if inherited is not None and inherited.task == task:
        inherited.ctx.corpus = corpus or {}
        _WORKER = inherited
    else:
        _WORKER = Worker(task, corpus)


@contextmanager
def _pool(jobs: int, task: Task, corpus: dict | None, parent: Worker) -> Iterator[ProcessPoolExecutor]:
    global _INHERITED
    _INHERITED = parent
    if multiprocessing.get_start_method() == "fork":
        # loaded once here, the lexicons and tables are every forked worker's (a worker
        # loading its own would repeat it in each worker of each pass)
        parent.prepare()
    try:
        with ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(task, corpus)) as pool:
            yield pool
    finally:
        _INHERITED = None


def _process_chunk(docs: list[Document]) -> list[DocResult]:
    return [_WORKER.process(doc) for doc in docs]


def _gather_chunk(docs: list[Document]) -> list[dict[str, Any]]:
    return [_WORKER.gather(doc) for doc in docs]


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


# Inputs smaller than this run in this process when the number of workers was not
# chosen: starting workers and loading what they share costs about as much as checking
# this much text, so splitting it gains nothing (a pre-commit hook's few files).
SMALL_INPUT_BYTES = 1_000_000
COMPRESSED_SUFFIXES = (".gz", ".zst")


class Runner:
    def __init__(self, task: Task, *, jobs: int = 1, small_input_in_process: bool = False) -> None:
        self.task = task
        self.jobs = max(1, jobs)
        self.small_input_in_process = small_input_in_process
        # told of each document whose statistics the first pass has added (a progress display)
        self.on_gathered: Callable[[Document], None] | None = None
        self.local = Worker(task)  # also validates rule files and selections up front

    @property
    def ruleset(self) -> Ruleset:
        return self.local.ruleset

    @property
    def all_rules(self) -> Ruleset:
        return self.local.all_rules

    def preflight(self) -> list[str]:
        """Warnings from rules that depend on something outside (a grammar server …).
        A rule raises ``ServiceUnavailable`` when the user demanded what is missing."""
        warnings = []
        for rule in self.ruleset.rules:
            check = getattr(rule, "preflight", None)
            if check is not None:
                warning = check(self.local.ctx)
                if warning:
                    warnings.append(warning)
        return warnings

    @property
    def needs_corpus_pass(self) -> bool:
        return bool(self.ruleset.corpus_rules)

    def jobs_for(self, sources: Sequence[Source]) -> int:
        """The workers for ``sources``: ``jobs``, or one for a small input when asked."""
        if self.jobs > 1 and self.small_input_in_process:
            if _known_size(sources, SMALL_INPUT_BYTES) < SMALL_INPUT_BYTES:
                return 1
        return self.jobs

    def run(self, sources: Sequence[Source]) -> Iterator[Outcome]:
        jobs = self.jobs_for(sources)
        corpus = self._corpus_statistics(sources, jobs) if self.needs_corpus_pass else {}
        if jobs == 1:
            # the rules loaded up front serve the second pass too: no second load of the
            # rule files (seconds, and a rule file edited meanwhile would differ)
            worker = self.local
            worker.ctx.corpus = corpus
            for source, item in _items(sources, digests=self.task.digests):
                doc = _document_of(item)
                yield Outcome(source, item, worker.process(doc) if doc is not None else None)
            return
        with _pool(jobs, self.task, corpus, self.local) as pool:
            yield from self._parallel(pool, sources, jobs)

    def _parallel(self, pool: Executor, sources: Sequence[Source], jobs: int) -> Iterator[Outcome]:
        pending: deque = deque()
        limit = jobs * WINDOW_CHUNKS_PER_JOB

        def drain(until: int) -> Iterator[Outcome]:
            while len(pending) > until:
                batch, future = pending.popleft()
                results = iter(future.result()) if future is not None else iter(())
                for source, item in batch:
                    doc = _document_of(item)
                    yield Outcome(source, item, next(results) if doc is not None else None)

        for batch in _batches(_items(sources, digests=self.task.digests), WINDOW_DOCUMENTS,
                              document_of=_pair_document):
            docs = [d for d in (_document_of(item) for _, item in batch) if d is not None]
            pending.append((batch, pool.submit(_process_chunk, docs) if docs else None))
            yield from drain(limit)
        yield from drain(0)

    def _corpus_statistics(self, sources: Sequence[Source], jobs: int) -> dict[str, Any]:
        totals = CorpusTotals(self.ruleset.corpus_rules)
        told = self.on_gathered

        def add(doc: Document, stats: dict[str, Any]) -> None:
            totals.add(stats)
            if told is not None:
                told(doc)

        # the statistics need only the texts: no digests of the inputs (read again later)
        documents = (d for d in (_document_of(item) for _, item in _items(sources, digests=False)) if d is not None)
        if jobs == 1:
            for doc in documents:
                add(doc, self.local.gather(doc))
        else:
            with _pool(jobs, self.task, {}, self.local) as pool:
                pending: deque = deque()

                def drain(until: int) -> None:
                    while len(pending) > until:
                        batch, future = pending.popleft()
                        for doc, stats in zip(batch, future.result()):
                            add(doc, stats)

                for batch in _batches(documents, WINDOW_DOCUMENTS):
                    pending.append((batch, pool.submit(_gather_chunk, batch)))
                    drain(jobs * WINDOW_CHUNKS_PER_JOB)
                drain(0)
        return totals.result()


def _known_size(sources: Sequence[Source], enough: int) -> int:
    """The bytes of ``sources`` on disk, counted until ``enough``. Standard input, a
    compressed file or Parquet (whose text may be many times its size) and a file that
    cannot be looked at count as ``enough``."""
    total = 0
    for source in sources:
        if source.path is None or source.parquet or source.path.name.endswith(COMPRESSED_SUFFIXES):
            return enough
        try:
            total += os.stat(source.path).st_size
        except OSError:
            return enough
        if total >= enough:
            break
    return total


def _items(sources: Sequence[Source], *, digests: bool = True) -> Iterator[tuple[Source, Document | Record | InputProblem]]:
    for source in sources:
        for item in source.items(digests=digests):
            yield source, item


def _document_of(item) -> Document | None:
    if isinstance(item, Record):
        return item.document
    return item if isinstance(item, Document) else None


def _pair_document(pair: tuple) -> Document | None:
    """The document of a (source, item) pair of ``_items``."""
    return _document_of(pair[1])


def _batches(items: Iterable, size: int, characters: int | None = None, *,
             document_of: Callable[[Any], Document | None] = _document_of) -> Iterator[list]:
    """Lists of at most ``size`` of ``items`` and at most ``characters`` of their
    documents' text (``document_of`` an item: by default, documents or records), but
    for a list of one."""
    budget = WINDOW_CHARACTERS if characters is None else characters
    batch: list = []
    held = 0
    for item in items:
        doc = document_of(item)
        length = len(doc.text) if doc is not None else 0
        if batch and held + length > budget:
            yield batch
            batch, held = [], 0
        batch.append(item)
        held += length
        if len(batch) >= size:
            yield batch
            batch, held = [], 0
    if batch:
        yield batch
