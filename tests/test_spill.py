"""The first pass's totals spilled to disk (``cleanup.spill``) give the statistics, and
so the findings, of the totals held in memory: forced to spill after a few entries,
with a small write buffer, over the boilerplate dev pages (real templates, names in
several spellings) with every third article syndicated into two other pages."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from cleanup import spill
from cleanup.document import Document
from cleanup.engine import gather_corpus
from cleanup.kinds.base import Context
from cleanup.ruleset import Ruleset

from .conftest import SEEDS
from .test_boilerplate_syndication import corpus as syndicated_pages

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "boilerplate-dev"
CORPUS_RULES = [rule for rule in Ruleset.load().rules if rule.corpus_level]


def dev_pages() -> list[str]:
    """The dev pages, and every third page's article again inside two other pages."""
    pages = json.loads((DATA / "page-text.json").read_text(encoding="utf-8"))
    truth = json.loads((DATA / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(pages)
    texts = [pages[key]["articleBody"] for key in keys]
    rng = random.Random(5)
    for key in keys[::3]:
        for host in rng.sample([k for k in keys if k != key], 2):
            texts.append(pages[host]["articleBody"] + "\n\n" + truth[key]["articleBody"])
    return texts


def statistics(texts: list[str]) -> dict:
    docs = [Document.from_text(text) for text in texts]
    return gather_corpus(docs, CORPUS_RULES, Context())


@pytest.fixture
def spill_early(monkeypatch, tmp_path):
    """Spill after ``after`` entries, writing out every 50 bytes, into ``tmp_path``."""
    monkeypatch.setattr(spill.tempfile, "tempdir", str(tmp_path))

    def setting(after: int) -> None:
        monkeypatch.setattr(spill, "SPILL_AFTER", after)
        monkeypatch.setattr(spill, "BUFFERED", 50)

    return setting


@pytest.mark.skipif(not (DATA / "page-text.json").is_file(), reason="dev data not present")
@pytest.mark.parametrize("after", [0, 1, 40, 5_000])
def test_spilled_statistics_equal_those_in_memory(spill_early, tmp_path, after):
    texts = dev_pages()
    in_memory = statistics(texts)
    assert any(len(forms) >= 2 for forms in in_memory["names.inconsistent"].values())
    assert any(count >= 3 for count in in_memory["boilerplate.corpus-repeated-line"].values())
    spill_early(after)
    assert statistics(texts) == in_memory
    assert not any(tmp_path.iterdir())  # the spill files are gone once the totals are finished


def test_copies_of_a_story_count_once_when_spilled(spill_early):
    for rewrap in (False, True):
        pages, _ = syndicated_pages(rewrap=rewrap)
        in_memory = statistics(pages)
        spill_early(0)
        assert statistics(pages) == in_memory
        spill_early(10**9)  # the next corpus is counted in memory first


def test_names_forms_keep_the_order_they_were_first_seen(spill_early):
    texts = ["Dmitri Kovalenko spoke.", "Dmitry Kovalenko spoke.", "Dmitri Kovalenko left.",
             "Dmitry Kovalenko came.", "Dmitriy Kovalenko too."]
    in_memory = statistics(texts)["names.inconsistent"]
    spill_early(1)
    spilled = statistics(texts)["names.inconsistent"]
    assert spilled == in_memory and all(list(spilled[key]) == list(in_memory[key]) for key in in_memory)
    assert list(next(iter(spilled.values()))) == ["Dmitri Kovalenko", "Dmitry Kovalenko", "Dmitriy Kovalenko"]


@pytest.mark.skipif(not (DATA / "page-text.json").is_file(), reason="dev data not present")
def test_a_check_that_spills_reports_what_one_in_memory_does(cli, spill_early, tmp_path):
    corpus = tmp_path / "pages.jsonl"
    corpus.write_text("".join(json.dumps({"id": str(n), "text": text}) + "\n" for n, text in enumerate(dev_pages())),
                      encoding="utf-8")
    args = ("check", corpus, "--select", "names,boilerplate", "--format", "jsonl", "--quiet")
    in_memory = cli(*args, "--jobs", "1").stdout
    spill_early(3)
    for jobs in ("1", "2"):  # the parent folds what the workers gather
        assert cli(*args, "--jobs", jobs).stdout == in_memory


def test_a_spill_with_no_room_is_an_error_naming_the_folder(cli, monkeypatch, tmp_path):
    missing = tmp_path / "no-such-folder"
    monkeypatch.setattr(spill.tempfile, "tempdir", str(missing))
    monkeypatch.setattr(spill, "SPILL_AFTER", 0)
    result = cli("check", SEEDS, "--quiet")
    assert result.exit_code == 2
    assert f"{missing}: cannot keep the corpus rules' first-pass totals there" in result.stderr
    assert "TMPDIR" in result.stderr
