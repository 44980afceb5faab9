"""The encoding benchmark's test set, built from clean sentences.

Each clean sentence (fixtures/encoding/sentences.txt) is garbled by encoding it to
UTF-8 and decoding the bytes with another code page: one word of it, and the whole
sentence, for every code page ``cleanup.recode`` knows; and twice over (the same code
page twice, and common pairs). A garbling that a real decoder could not have produced
(a byte the code page leaves undefined) is skipped. The clean sentences are cases too:
a fix must leave them unchanged.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  (sloppy-windows-125x)
import regex

from cleanup.recode import CODECS

ROOT = Path(__file__).resolve().parent.parent
SENTENCES = ROOT / "fixtures" / "encoding" / "sentences.txt"
FTFY_CASES = ROOT / "fixtures" / "ftfy" / "test_cases.json"
NON_ASCII_WORD = regex.compile(r"\w*[^\x00-\x7f]\w*")
# Pairs of layers seen in the wild: (first decoding, second decoding).
DOUBLE_PAIRS = (
    ("sloppy-windows-1251", "sloppy-windows-1252"),
    ("sloppy-windows-1252", "sloppy-windows-1251"),
    ("koi8-r", "sloppy-windows-1252"),
    ("mac_latin2", "sloppy-windows-1252"),
    ("cp866", "latin-1"),
)


@dataclass(frozen=True)
class Case:
    kind: str  # word | sentence | double | clean
    codecs: str  # the code pages, in the order the damage happened
    garbled: str
    expected: str


def sentences(path: Path = SENTENCES) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def garble(text: str, *codecs: str) -> str | None:
    for codec in codecs:
        try:
            text = text.encode("utf-8").decode(codec)
        except UnicodeDecodeError:
            return None
    return text


def build_cases(clean: list[str] | None = None) -> list[Case]:
    clean = sentences() if clean is None else clean
    names = [name for name, _label in CODECS]
    cases: list[Case] = [Case("clean", "", s, s) for s in clean]
    for sentence in clean:
        word_match = NON_ASCII_WORD.search(sentence)
        for codec in names:
            if word_match:
                garbled_word = garble(word_match.group(), codec)
                if garbled_word is not None:
                    text = sentence[: word_match.start()] + garbled_word + sentence[word_match.end() :]
                    cases.append(Case("word", codec, text, sentence))
            garbled = garble(sentence, codec)
            if garbled is not None:
                cases.append(Case("sentence", codec, garbled, sentence))
            twice = garble(word_match.group(), codec, codec) if word_match else None
            if twice is not None:
                text = sentence[: word_match.start()] + twice + sentence[word_match.end() :]
                cases.append(Case("double", f"{codec} twice", text, sentence))
        for first, second in DOUBLE_PAIRS:
            garbled = garble(sentence, first, second)
            if garbled is not None:
                cases.append(Case("double", f"{first}, then {second}", garbled, sentence))
    return cases


def ftfy_cases() -> list[dict] | None:
    """ftfy's own test cases: $CLEANUP_FTFY_CASES, else the vendored copy."""
    path = Path(os.environ.get("CLEANUP_FTFY_CASES", FTFY_CASES))
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))
