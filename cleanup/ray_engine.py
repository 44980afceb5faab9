"""The pipeline on Ray: the same rules, the same two passes, the same output as ``Runner``.

Each Ray actor builds a ``Worker`` (rules and context) once and then processes batches
of documents. The driver reads the corpus as a stream and keeps a bounded window of
batches in flight, collecting results in submission order, so the output is identical
to a local run and memory stays flat however large the corpus. Corpus-level rules
gather their statistics on the actors too; the driver merges them in corpus order and
hands the merged value to every actor before the second pass.

Without an address a private local Ray instance is started (``jobs`` CPUs, no
dashboard, bound to the loopback interface, worker logs not forwarded) and shut down
at the end; with one, ``ray.init(address=...)`` joins an existing cluster, whose nodes
must have ``cleanup`` installed.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import ray  # an ImportError here tells the CLI that the ray extra is missing

from .corpus import CorpusError, Source
from .document import Document
from .kinds.base import CorpusTotals
from .runner import (
    WINDOW_CHUNKS_PER_JOB,
    WINDOW_DOCUMENTS,
    DocResult,
    Outcome,
    Runner,
    Task,
    Worker,
    _batches,
    _document_of,
    _items,
    _pair_document,
)

LOOPBACK = "127.0.0.1"


@ray.remote(num_cpus=1)
class _RayWorker:
    def __init__(self, task: Task) -> None:
        self.worker = Worker(task)

    def set_corpus(self, corpus: dict[str, Any]) -> None:
        self.worker.ctx.corpus = corpus

    def process(self, docs: list[Document]) -> list[DocResult]:
        return [self.worker.process(doc) for doc in docs]

    def gather(self, docs: list[Document]) -> list[dict[str, Any]]:
        return [self.worker.gather(doc) for doc in docs]


class RayRunner(Runner):
    """``Runner`` whose work runs on Ray actors (``jobs`` of them; on an existing
    cluster, one per CPU of the cluster when that is more)."""

    def __init__(self, task: Task, *, jobs: int = 1, address: str | None = None) -> None:
        super().__init__(task, jobs=jobs)
        self.address = address

    def _start(self) -> bool:
        """Connect to Ray; True when this runner started the instance (and stops it)."""
        if ray.is_initialized():
            return False
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # offline: no usage report
        if self.address:
            _check_reachable(self.address)
            try:
                ray.init(address=self.address, log_to_driver=False, logging_level="ERROR")
            except (ConnectionError, RuntimeError, ValueError) as error:
                raise CorpusError(f"cannot join the Ray cluster at {self.address}: {error}") from None
        else:
            ray.init(
                num_cpus=self.jobs,
                include_dashboard=False,
                log_to_driver=False,
                logging_level="ERROR",
                _node_ip_address=LOOPBACK,
            )
        return True

    def _actor_count(self) -> int:
        if not self.address:
            return self.jobs
        return max(self.jobs, int(ray.cluster_resources().get("CPU", self.jobs)))

    def run(self, sources: Sequence[Source]) -> Iterator[Outcome]:
        started = self._start()
        actors: list = []
        try:
            actors = [_RayWorker.remote(self.task) for _ in range(self._actor_count())]
            if self.needs_corpus_pass:
                corpus = self._ray_corpus_statistics(actors, sources)
                corpus_ref = ray.put(corpus)
                ray.get([actor.set_corpus.remote(corpus_ref) for actor in actors])
            yield from self._ray_parallel(actors, sources)
        finally:
            for actor in actors:
                ray.kill(actor)
            if started:
                ray.shutdown()

    def _window(self, actors: list, batches, submit: Callable) -> Iterator[tuple[Any, Any]]:
        """(batch, results) in submission order, with a bounded number in flight;
        batches go to the actors in turn."""
        pending: deque = deque()
        limit = len(actors) * WINDOW_CHUNKS_PER_JOB
        for index, batch in enumerate(batches):
            pending.append((batch, submit(actors[index % len(actors)], batch)))
            while len(pending) > limit:
                batch_done, ref = pending.popleft()
                yield batch_done, ray.get(ref) if ref is not None else []
        while pending:
            batch_done, ref = pending.popleft()
            yield batch_done, ray.get(ref) if ref is not None else []

    def _ray_parallel(self, actors: list, sources: Sequence[Source]) -> Iterator[Outcome]:
        def submit(actor, batch):
            docs = [d for d in (_document_of(item) for _, item in batch) if d is not None]
            return actor.process.remote(docs) if docs else None

        batches = _batches(_items(sources), WINDOW_DOCUMENTS, document_of=_pair_document)
        for batch, results in self._window(actors, batches, submit):
            found = iter(results)
            for source, item in batch:
                doc = _document_of(item)
                yield Outcome(source, item, next(found) if doc is not None else None)

    def _ray_corpus_statistics(self, actors: list, sources: Sequence[Source]) -> dict[str, Any]:
        totals = CorpusTotals(self.ruleset.corpus_rules)
        documents = (d for d in (_document_of(item) for _, item in _items(sources)) if d is not None)
        batches = _batches(documents, WINDOW_DOCUMENTS)
        told = self.on_gathered
        for batch, results in self._window(actors, batches, lambda actor, batch: actor.gather.remote(batch)):
            for doc, stats in zip(batch, results):
                totals.add(stats)
                if told is not None:
                    told(doc)
        return totals.result()


def _check_reachable(address: str, timeout: float = 5.0) -> None:
    """Fail fast on a cluster address nothing answers at: ray.init itself retries for
    minutes. "auto" and addresses without a port are left to Ray."""
    import socket

    target = address.split("://", 1)[-1]
    host, _, port = target.rpartition(":")
    if not host or not port.isdigit():
        return
    try:
        with socket.create_connection((host, int(port)), timeout=timeout):
            pass
    except OSError as error:
        raise CorpusError(f"cannot join the Ray cluster at {address}: nothing answers there ({error})") from None
