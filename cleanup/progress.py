"""Progress of a run: documents and bytes through the pipeline, a live bar on a terminal.

``RunMeter.track`` wraps the stream of outcomes: it counts documents and their bytes
(UTF-8) as they come out of the runner and, when asked to show itself, draws a rich
progress bar on standard error with documents/s and MB/s. A run with corpus-level
rules reads its inputs twice: the runner tells ``RunMeter.gathered`` of each document
of the first pass, which the bar shows as a phase of its own ("Gathering"). The bar
appears only once a run has lasted a moment, so short runs print nothing extra; it is
never drawn when standard error is not a terminal.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .corpus import Source
    from .runner import Outcome

SHOW_AFTER_SECONDS = 1.0
REFRESH_SECONDS = 0.1
COMPRESSED_SUFFIXES = (".gz", ".zst", ".parquet")


def document_bytes(text: str) -> int:
    # an ASCII string's length is its UTF-8 size, and isascii() is a flag lookup
    return len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))


def planned_bytes(sources: Sequence[Source]) -> int | None:
    """The input's size when the files say it up front (not standard input, not a
    compressed or columnar file): the bar's 100 %."""
    total = 0
    for source in sources:
        if source.path is None or source.path.name.endswith(COMPRESSED_SUFFIXES):
            return None
        try:
            total += source.path.stat().st_size
        except OSError:
            return None
    return total


class RunMeter:
    def __init__(self, *, show: bool = False, total_bytes: int | None = None, label: str = "Checking") -> None:
        self.show = show
        self.total_bytes = total_bytes
        self.label = label
        self.documents = 0
        self.bytes = 0
        self.started = time.perf_counter()
        self.finished: float | None = None
        # the first pass, which the bar shows while it runs (``gathered``)
        self.gathering = False
        self.gathered_documents = 0
        self.gathered_bytes = 0
        self.phase_started = self.started
        self._bar: _Bar | None = None
        self._last_refresh = 0.0

    @classmethod
    def for_run(cls, sources: Sequence[Source], *, quiet: bool, label: str) -> RunMeter:
        show = not quiet and sys.stderr.isatty()
        return cls(show=show, total_bytes=planned_bytes(sources) if show else None, label=label)

    @property
    def elapsed(self) -> float:
        end = self.finished if self.finished is not None else time.perf_counter()
        return max(end - self.started, 1e-9)

    @property
    def megabytes_per_second(self) -> float:
        return self.bytes / 1e6 / self.elapsed

    @property
    def documents_per_second(self) -> float:
        return self.documents / self.elapsed

    def summary(self) -> str:
        """``12.3 s, 4.5 MB/s`` for the final line of a run."""
        rate = self.megabytes_per_second
        return f"{self.elapsed:.1f} s, {rate:.{1 if rate >= 1 else 2}f} MB/s"

    @property
    def phase_documents(self) -> int:
        """Documents of the phase the bar shows."""
        return self.gathered_documents if self.gathering else self.documents

    @property
    def phase_bytes(self) -> int:
        return self.gathered_bytes if self.gathering else self.bytes

    def phase_rates(self) -> tuple[float, float]:
        """Documents/s and MB/s of the phase the bar shows."""
        elapsed = max(time.perf_counter() - self.phase_started, 1e-9)
        return self.phase_documents / elapsed, self.phase_bytes / 1e6 / elapsed

    def follow(self, runner) -> None:
        """Be told of the runner's first pass, when there is a bar to show it on."""
        if self.show:
            runner.on_gathered = self.gathered

    def gathered(self, doc) -> None:
        """One more document through the first pass (``Runner.on_gathered``)."""
        self.gathering = True
        self.gathered_documents += 1
        self.gathered_bytes += document_bytes(doc.text)
        self._tick()

    def track(self, outcomes: Iterable[Outcome]) -> Iterator[Outcome]:
        self.started = self.phase_started = time.perf_counter()
        try:
            for outcome in outcomes:
                if self.gathering:  # the first pass is over: the bar shows the run's own
                    self.gathering = False
                    self.phase_started = time.perf_counter()
                doc = outcome.document
                if doc is not None:
                    self.documents += 1
                    self.bytes += document_bytes(doc.text)
                self._tick()
                yield outcome
        finally:
            self.finished = time.perf_counter()
            if self._bar is not None:
                self._bar.close()
                self._bar = None

    def _tick(self) -> None:
        if not self.show:
            return
        now = time.perf_counter()
        if self._bar is None and now - self.started >= SHOW_AFTER_SECONDS:
            self._bar = _Bar(self)
        if self._bar is not None and now - self._last_refresh >= REFRESH_SECONDS:
            self._bar.update()
            self._last_refresh = now


class _Bar:
    """The rich display; transient, so the final summary line replaces it."""

    def __init__(self, meter: RunMeter) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        self.meter = meter
        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.fields[documents]:,} docs  {task.fields[docs_rate]:,.0f} docs/s  "
                       "{task.fields[mb_rate]:.1f} MB/s"),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self.progress.start()
        self.task = self.progress.add_task(
            self.description(), total=meter.total_bytes, documents=0, docs_rate=0.0, mb_rate=0.0
        )

    def description(self) -> str:
        return "Gathering" if self.meter.gathering else self.meter.label

    def update(self) -> None:
        meter = self.meter
        docs_rate, mb_rate = meter.phase_rates()
        self.progress.update(
            self.task,
            description=self.description(),
            completed=meter.phase_bytes,
            documents=meter.phase_documents,
            docs_rate=docs_rate,
            mb_rate=mb_rate,
        )

    def close(self) -> None:
        self.update()
        self.progress.stop()
