"""Progress of a run: documents and bytes through the pipeline, a live bar on a terminal.

``RunMeter.track`` wraps the stream of outcomes: it counts documents and their bytes
(UTF-8) as they come out of the runner and, when asked to show itself, draws a rich
progress bar on standard error with documents/s and MB/s. The bar appears only once a
run has lasted a moment, so short runs print nothing extra; it is never drawn when
standard error is not a terminal.
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

    def track(self, outcomes: Iterable[Outcome]) -> Iterator[Outcome]:
        self.started = time.perf_counter()
        bar = None
        last_refresh = 0.0
        try:
            for outcome in outcomes:
                doc = outcome.document
                if doc is not None:
                    self.documents += 1
                    self.bytes += document_bytes(doc.text)
                if self.show:
                    now = time.perf_counter()
                    if bar is None and now - self.started >= SHOW_AFTER_SECONDS:
                        bar = _Bar(self)
                    if bar is not None and now - last_refresh >= REFRESH_SECONDS:
                        bar.update()
                        last_refresh = now
                yield outcome
        finally:
            self.finished = time.perf_counter()
            if bar is not None:
                bar.close()


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
            meter.label, total=meter.total_bytes, documents=0, docs_rate=0.0, mb_rate=0.0
        )

    def update(self) -> None:
        meter = self.meter
        self.progress.update(
            self.task,
            completed=meter.bytes,
            documents=meter.documents,
            docs_rate=meter.documents_per_second,
            mb_rate=meter.megabytes_per_second,
        )

    def close(self) -> None:
        self.update()
        self.progress.stop()
