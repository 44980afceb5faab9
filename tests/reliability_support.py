"""Shared pieces of the reliability tests (invariants, bad input, faults, fuzzing):
hypothesis strategies for messy multilingual text and a few file helpers.

The generated text mixes what a scraped, machine-translated corpus holds: several
scripts, curly and straight quotes, no-break spaces, runs of spaces, "..", doubled
words, boilerplate-like lines, and the bad and good examples of every rule in the
default ruleset (so that each rule added later is exercised without editing this file).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from hypothesis import strategies as st

from cleanup.document import decode
from cleanup.engine import gather_corpus
from cleanup.kinds.base import Context
from cleanup.ruleset import Ruleset

WORDS = (
    "the", "The", "a", "of", "said", "Minister", "Foreign", "Sergei", "Sergey", "Lavrov",
    "Kyiv", "Kiev", "Biden", "NATO", "NATO's", "Psaki", "Saki", "Blinken", "Antony",
    "it's", "don't", "U.S.", "e.g.", "2:47", "2022", "10,000", "$5", "3.5", "km",
    "café", "naïve", "Zelenskyy", "Wolodimir", "Москва", "Путин", "Ελλάδα", "東京",
    "北京市", "القاهرة", "שלום", "हिन्दी", "🙂", "Ã©", "â€™", "Ð¡ÐµÑ€", "\ufffd",
    "&amp;", "&nbsp;", "http://example.com/a?b=c", "@user", "#tag",
)
PUNCTUATION = (".", ",", ";", ":", "!", "?", "..", "...", "…", " ..", ". ..", "—", "–", "-",
               "(", ")", "[", "]", "'", '"', "“", "”", "‘", "’", "«", "»", "„", "/")
SPACES = (" ", " ", " ", " ", "  ", "   ", "\u00a0", " \u00a0", "\t", "", "\u200b", "\u202f")
LINES = (
    "Share this article", "Share on Facebook", "Subscribe to our newsletter",
    "Video 2:47", "Photo: Reuters", "Home » News » World", "Read more:", "Advertisement",
    "This site uses Akismet to reduce spam.", "Leave a comment", "Stated.", "Vladimir Putin.",
    "© 2022 All rights reserved", "Follow us on Twitter", "Tags: Russia, Ukraine",
)


@lru_cache(maxsize=1)
def default_ruleset() -> Ruleset:
    """The default ruleset as a run without options uses it."""
    return Ruleset.load().select()


@lru_cache(maxsize=1)
def example_lines() -> tuple[str, ...]:
    """Every example (bad and good) of every rule: text each rule has an opinion on."""
    found = []
    for rule in Ruleset.load().rules:
        if rule.meta.kind == "input":  # byte-level examples, written with escapes
            continue
        for example in (*rule.meta.examples.bad, *rule.meta.examples.good):
            found.extend(part for part in example.split("\f") if part)
    return tuple(found)


def _doubled(word: str) -> str:
    return f"{word} {word.lower()}"


TOKEN = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(WORDS).map(_doubled),
    st.sampled_from(PUNCTUATION),
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=3),
)


@st.composite
def sentence_lines(draw) -> str:
    tokens = draw(st.lists(TOKEN, min_size=1, max_size=14))
    separators = draw(st.lists(st.sampled_from(SPACES), min_size=len(tokens), max_size=len(tokens)))
    return "".join(t + s for t, s in zip(tokens, separators))


def any_line():
    return st.one_of(
        sentence_lines(),
        sentence_lines(),
        st.just(""),
        st.sampled_from(LINES),
        st.sampled_from(example_lines()),
    )


@st.composite
def texts(draw, max_lines: int = 12) -> str:
    """A decoded document text (LF line breaks; a stray CR may occur inside a line)."""
    lines = draw(st.lists(any_line(), min_size=0, max_size=max_lines))
    text = "\n".join(lines)
    if draw(st.booleans()):
        text += "\n"
    return text


@st.composite
def file_bytes(draw, max_lines: int = 12) -> bytes:
    """A UTF-8 file as found on disk: maybe a BOM, maybe CRLF throughout, maybe no final
    newline. Never a NUL byte (that makes it a binary file, skipped by design)."""
    text = draw(texts(max_lines)).replace("\x00", "")  # rule examples may hold a NUL
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    if draw(st.booleans()):
        text = "\ufeff" + text
    return text.encode("utf-8")


def corpus_context(docs, rules) -> Context:
    """The context a run gives the second pass: corpus statistics over ``docs``."""
    ctx = Context()
    ctx.corpus = gather_corpus(docs, rules, ctx)
    return ctx


def byte_offset(data: bytes, text_offset: int) -> int:
    """Where code-point ``text_offset`` of the decoded text lies in the file's bytes."""
    text, envelope = decode(data)
    prefix = envelope.wrap(text[:text_offset])
    return len(prefix.encode("utf-8"))


def splice(data: bytes, edits: list[dict]) -> bytes:
    """The file's bytes with each edit's span (code points of the decoded text) replaced
    by its ``after`` text, every byte outside the spans copied as it is."""
    _, envelope = decode(data)
    pieces, position = [], 0
    for edit in sorted(edits, key=lambda e: (e["start"], e["end"])):
        low, high = byte_offset(data, edit["start"]), byte_offset(data, edit["end"])
        pieces.append(data[position:low])
        after = edit["after"].replace("\n", "\r\n") if envelope.crlf else edit["after"]
        pieces.append(after.encode("utf-8"))
        position = high
    pieces.append(data[position:])
    return b"".join(pieces)


def write_corpus(folder: Path, files: list[bytes]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number, data in enumerate(files):
        path = folder / f"doc{number:03d}.txt"
        path.write_bytes(data)
        paths.append(path)
    return paths
