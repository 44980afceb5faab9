"""`check --format json` and `--format sarif` are written a finding at a time
(``formats.StreamedList``), so a check of a large corpus holds no list of its findings;
the text is what ``json.dumps(..., ensure_ascii=False, indent=1)`` of the whole document
gives."""

from __future__ import annotations

import json

import pytest

from cleanup.formats import ITEMS, StreamedList

from .conftest import SEEDS


def fill(document, items):
    if document == ITEMS:
        return items
    if isinstance(document, dict):
        return {key: fill(value, items) for key, value in document.items()}
    if isinstance(document, list):
        return [fill(value, items) for value in document]
    return document


@pytest.mark.parametrize("document", [
    ITEMS,
    {"version": "2.1.0", "runs": [{"tool": {"rules": [{"id": "a"}]}, "results": ITEMS}]},
    {"a": [1, {"b": ITEMS}], "c": "end"},
])
@pytest.mark.parametrize("items", [[], [{"x": 1}], [{"x": "line\nbreak", "y": [1, {"z": None}]}, "two", 3]])
def test_streamed_list_is_the_whole_document_dumped(document, items):
    streamed = StreamedList(document)
    text = streamed.start + "".join(streamed.piece(item) for item in items) + streamed.end()
    assert text == json.dumps(fill(document, items), ensure_ascii=False, indent=1)


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_check_output_is_laid_out_as_one_dump(cli, fmt, tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text("The minister said on Monday that the talks would go on.\n", encoding="utf-8")
    for target in (SEEDS, clean):
        output = cli("check", target, "--format", fmt, "--quiet").stdout
        assert output == json.dumps(json.loads(output), ensure_ascii=False, indent=1) + "\n"
    assert json.loads(cli("check", clean, "--format", "json", "--quiet").stdout) == []
