"""The names rules on generated tables of odd but valid entries: names all in lowercase,
beyond ASCII, with punctuation, particles, digits and ligatures; variants equal to
their canonical or repeated; roles made of names. Whatever a user's table holds, a
check and a fix must run to the end (a holder written all in lowercase once raised
``IndexError`` in ``names.role-mismatch``), and every fix must apply."""

from __future__ import annotations

import json
import random

import pytest

from cleanup.document import Document
from cleanup.engine import check_document, fix_document, gather_corpus
from cleanup.kinds.base import Context
from cleanup.nametable import load_tables
from cleanup.ruleset import Ruleset

WORDS = ["Erdoğan", "O'Brien", "von", "der", "Leyen", "U.S.", "Smith", "smith", "SMITH", "Jean-Paul", "Ieva",
         "Ааа", "Київ", "Σίσυφος", "ΣΑΣ", "İstanbul", "straße", "STRASSE", "de", "la", "Mc", "Zelenskyy",
         "Kiev", "Kyiv", "Ann", "3M", "—", "A.", "x", "Lavrov", "minister", "Minister", "of", "Ǆemal", "ﬁnn",
         "e\u0301mile", "Ö", "_x", "a_b", "Secretary", "Foreign", "bell", "hooks"]
RULES = Ruleset.load().select(["names", "encoding.replacement-char", "mt.orphan-fragment"]).rules


def _phrase(rng: random.Random, words: int | None = None) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words or rng.randint(1, 4)))


def _table(rng: random.Random, entries: int) -> tuple[str, list[dict]]:
    rows, lines = [], []
    for number in range(entries):
        canonical = _phrase(rng) if rng.random() < 0.5 else f"{rng.choice(WORDS)} {rng.choice(WORDS)}{number}"
        row = {"canonical": canonical, "kind": rng.choice(["person", "person", "place", "org", "term"])}
        variants = [_phrase(rng) for _ in range(rng.randint(0, 3))]
        if rng.random() < 0.2:
            variants.append(canonical)
        if variants and rng.random() < 0.2:
            variants.append(variants[0])
        if variants:
            row["variants"] = variants
        if row["kind"] == "person" and rng.random() < 0.6:
            row["roles"] = [_phrase(rng) for _ in range(rng.randint(1, 2))]
        if variants and rng.random() < 0.2:
            row["not"] = [f"{variants[0]} {_phrase(rng, 1)}"]
        if rng.random() < 0.2:
            row["surname"] = canonical.split()[-1]
        rows.append(row)
        lines.append("[[name]]")
        lines += [f"{key} = {json.dumps(value, ensure_ascii=False)}" for key, value in row.items()]
        lines.append("")
    return "\n".join(lines), rows


def _garbled(rng: random.Random, text: str) -> str:
    if len(text) < 3:
        return text
    at = rng.randrange(1, len(text) - 1)
    return text[:at] + rng.choice("aeiouwvyń≠\ufffd") + text[at + 1 :]


def _documents(rng: random.Random, rows: list[dict]) -> list[Document]:
    documents = []
    for number in range(12):
        sentences = []
        for row in rng.sample(rows, 8):
            name = rng.choice([row["canonical"], *row.get("variants", [])])
            role = rng.choice(row.get("roles", [""]))
            sentences.append(f"Then {role} {_garbled(rng, name)} said that {name.split()[-1]} was late.")
            sentences.append(f"The {name}'s office and the {_garbled(rng, row['canonical'])} agreed.")
        documents.append(Document.from_text(" ".join(sentences), f"doc{number}.txt"))
    return documents


@pytest.mark.parametrize("seed", range(4))
def test_check_and_fix_run_to_the_end_on_a_generated_table(tmp_path, seed):
    rng = random.Random(seed)
    text, rows = _table(rng, 120)
    path = tmp_path / "names.toml"
    path.write_text(text, encoding="utf-8")
    table = load_tables([path])
    ctx = Context(names_loader=lambda: table)
    documents = _documents(rng, rows)
    ctx.corpus = gather_corpus(documents, RULES, ctx)
    found = 0
    for doc in documents:
        findings = check_document(doc, RULES, ctx)
        found += len(findings)
        for finding in findings:
            assert 0 <= finding.start <= finding.end <= len(doc.text)
        outcome = fix_document(doc, RULES, ctx, unsafe=True)
        assert isinstance(outcome.text, str)
    assert found > 0  # the garbles are seen: the rules ran on the table, not past it
