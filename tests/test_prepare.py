"""Rule.prepare: what the rules load on first use is loaded before a pool of workers is
forked, so the workers share it instead of each loading its own (in each pass)."""

from __future__ import annotations

import multiprocessing

import pytest

from cleanup import recode, wordclass
from cleanup.corpus import expand_inputs
from cleanup.kinds import base
from cleanup.runner import Runner, Task, Worker

from .scale_corpus import scale_documents


def forget_loads() -> None:
    """Every cached result of the lexicon and code-page modules forgotten (what is
    derived from the lexicon is cached too, and would spare asking it again)."""
    for module in (wordclass, recode):
        for value in vars(module).values():
            if hasattr(value, "cache_clear"):
                value.cache_clear()


@pytest.fixture
def fresh_loads():
    """The lazily loaded lexicon and code-page tables forgotten, as in a new process."""
    forget_loads()
    yield
    forget_loads()


def test_prepare_loads_what_the_rules_load_on_first_use(fresh_loads):
    worker = Worker(Task("check"))
    assert wordclass.lexicon.cache_info().currsize == 0
    worker.prepare()
    assert wordclass.lexicon.cache_info().currsize == 1  # mt.verbless-sentence's lexicon
    assert recode.codec_tables.cache_info().currsize == 1  # encoding.mojibake's code pages
    table = worker.ctx.names
    assert all(name in table.__dict__ for name in table.INDEXES if name != "_views") and "_views" in table.__dict__


def test_prepare_runs_once(monkeypatch):
    calls = []
    monkeypatch.setattr(base.Rule, "prepare", lambda self, ctx: calls.append(self.id))
    worker = Worker(Task("check", select=("typography",)))
    worker.prepare()
    worker.prepare()
    assert sorted(calls) == sorted(r.id for r in worker.ruleset.rules)


def test_a_grammar_rule_prepares_without_asking_its_server(monkeypatch):
    from cleanup.kinds import grammar

    def no_requests(*args, **kwargs):
        raise AssertionError("prepare asked the LanguageTool server")

    monkeypatch.setattr(grammar.LanguageToolClient, "check", no_requests)
    monkeypatch.setenv("LANGUAGETOOL_URL", "http://127.0.0.1:9")
    worker = Worker(Task("check", select=("grammar",)))
    assert worker.ruleset.rules
    worker.prepare()


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="workers are forked only on fork")
def test_a_pool_of_forked_workers_starts_from_a_prepared_parent(tmp_path):
    for index, text in enumerate(scale_documents(6)):
        (tmp_path / f"{index}.txt").write_text(text, encoding="utf-8")
    sources, _ = expand_inputs([str(tmp_path)])
    runner = Runner(Task("check"), jobs=2)
    assert not runner.local._prepared
    one = [o.result.findings for o in Runner(Task("check"), jobs=1).run(sources)]
    two = [o.result.findings for o in runner.run(sources)]
    assert runner.local._prepared
    assert [[f.finding for f in fs] for fs in one] == [[f.finding for f in fs] for fs in two]
