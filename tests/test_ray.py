"""--engine ray: a real local Ray instance (2 CPUs) gives exactly what the local run
gives, for check and fix, corpus-level rule included; the runner starts a private,
loopback-only instance when none runs and shuts it down; without Ray the flag says how
to install it."""

from __future__ import annotations

import json
import sys

import pytest

from .scale_corpus import scale_documents, write_jsonl

ray = pytest.importorskip("ray")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("ray")
    return write_jsonl(root / "corpus.jsonl", scale_documents(100))


@pytest.mark.slow
def test_ray_engine_output_equals_local_run(cli, corpus, tmp_path):
    # One real instance for the whole test (starting Ray takes ~10 s here); the runner
    # uses a running instance rather than starting its own, and leaves it running.
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, _node_ip_address="127.0.0.1")
    try:
        local = cli("check", corpus, "--format", "json", "--jobs", "2")
        on_ray = cli("check", corpus, "--format", "json", "--jobs", "2", "--engine", "ray")
        assert on_ray.exit_code == local.exit_code == 1, on_ray.stderr[-2000:]
        assert on_ray.stdout == local.stdout
        assert "boilerplate.corpus-repeated-line" in {f["rule"] for f in json.loads(local.stdout)}
        fixed = {}
        for engine in ("local", "ray"):
            out = tmp_path / engine
            result = cli("fix", corpus, "--out", out, "--jobs", "2", "--engine", engine, "--report", out / "e.json")
            assert result.exit_code in (0, 1), result.stderr[-2000:]
            fixed[engine] = ((out / "corpus.jsonl").read_bytes(), (out / "e.json").read_bytes())
            # the review page and the quality report take the engine too (common options)
            page = tmp_path / f"{engine}.html"
            result = cli("review", corpus, "-o", page, "--jobs", "2", "--engine", engine, "-q")
            assert result.exit_code == 0, result.stderr[-2000:]
            fixed[engine] += (page.read_bytes(), cli("report", corpus, "--jobs", "2", "--engine", engine).stdout)
        assert ray.is_initialized()
    finally:
        ray.shutdown()
    assert fixed["ray"] == fixed["local"]
    assert fixed["local"][0] != corpus.read_bytes()


def test_ray_runner_starts_a_private_local_instance_and_stops_it(corpus, monkeypatch):
    from cleanup import ray_engine
    from cleanup.corpus import expand_inputs
    from cleanup.runner import Task

    calls = []
    monkeypatch.setattr(ray_engine.ray, "is_initialized", lambda: False)
    monkeypatch.setattr(ray_engine.ray, "init", lambda **options: calls.append(("init", options)))
    monkeypatch.setattr(ray_engine.ray, "shutdown", lambda: calls.append(("shutdown", {})))
    runner = ray_engine.RayRunner(Task("check", select=("typography",)), jobs=2)
    monkeypatch.setattr(runner, "_ray_parallel", lambda actors, sources: iter(()))
    monkeypatch.setattr(ray_engine._RayWorker, "remote", lambda task: object())
    monkeypatch.setattr(ray_engine.ray, "kill", lambda actor: None)
    sources, _ = expand_inputs([str(corpus)])
    assert list(runner.run(sources)) == []
    (name, options), (last, _) = calls
    assert (name, last) == ("init", "shutdown")
    assert options["num_cpus"] == 2 and options["include_dashboard"] is False
    assert options["log_to_driver"] is False and options["_node_ip_address"] == "127.0.0.1"
    assert "address" not in options


def test_engine_ray_without_ray_says_how_to_install(cli, corpus, monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray fails as if not installed
    monkeypatch.delitem(sys.modules, "cleanup.ray_engine", raising=False)
    result = cli("check", corpus, "--engine", "ray")
    assert result.exit_code == 2
    assert "Ray, which is not installed: pip install 'cleanup[ray]'" in result.stderr
