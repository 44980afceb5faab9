"""A small corpus for the scale tests: documents cut from the seed corpus, so that the
seeds' template lines recur across documents (the corpus-level rule has work to do),
and long enough to fill several of the runner's batches."""

from __future__ import annotations

import json
import random
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def scale_documents(count: int = 200, seed: int = 3) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    rng = random.Random(seed)
    documents = []
    for index in range(count):
        lines = texts[index % len(texts)].split("\n")
        head, body = lines[:4], lines[4:]
        kept = [line for line in body if rng.random() < 0.7]
        documents.append("\n".join(head + kept) + "\n")
    return documents


def write_jsonl(path: Path, documents: list[str], *, text_field: str = "text", id_field: str = "id") -> Path:
    with open(path, "w", encoding="utf-8") as stream:
        for index, text in enumerate(documents):
            record = {id_field: f"doc-{index}", text_field: text, "position": index, "tags": ["a", str(index % 3)]}
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path
