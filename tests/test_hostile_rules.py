"""Hostile rule and names files: a runaway regex becomes one finding about the rule in
bounded time, rule files cannot run code, and an enormous names table is refused."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

CATASTROPHIC = {
    "pattern": '[[rule]]\nid = "typography.runaway"\nkind = "pattern"\nseverity = "warning"\n'
               'message = "runaway"\npattern = \'(a|aa)+$\'\ntimeout = 0.2\n',
    "line": '[[rule]]\nid = "boilerplate.runaway"\nkind = "line"\nseverity = "warning"\n'
            'message = "runaway"\npattern = \'(\\w|\\w)*\\d\'\ntimeout = 0.2\nfix = "safe"\n',
}


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("kind", sorted(CATASTROPHIC))
def test_catastrophic_regex_becomes_one_finding_in_bounded_time(cli, tmp_path, kind, jobs):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "mine.toml").write_text(CATASTROPHIC[kind], encoding="utf-8")
    rule_id = re.search(r'id = "([^"]+)"', CATASTROPHIC[kind]).group(1)
    documents = tmp_path / "docs"
    documents.mkdir()
    for number in range(3):
        (documents / f"d{number}.txt").write_text("a" * 40 + "!" + " word" * 40 + "!\n", encoding="utf-8")
    started = time.perf_counter()
    result = cli("check", documents, "--rules", rules, "--select", rule_id, "--format", "json", "--jobs", jobs)
    elapsed = time.perf_counter() - started
    findings = json.loads(result.stdout)
    assert [f["rule"] for f in findings] == [rule_id] * 3  # one per document, about the rule
    assert all("abandoned" in f["message"] and f["severity"] == "error" for f in findings)
    assert result.exit_code == 1
    assert elapsed < 30


PWNED = "cleanup-was-made-to-run-code"
CODE_IN_DATA = f'''
[[rule]]
id = "typography.sneaky"
kind = "pattern"
severity = "warning"
message = "{{match.__class__.__mro__}} {{__import__('os').system('touch {PWNED}')}}"
pattern = "__import__\\\\('os'\\\\)"
replacement = "\\\\g<0>{{__import__('os').system('touch {PWNED}')}}"
fix = "safe"
'''


def test_rule_files_are_data_never_code(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "sneaky.toml").write_text(CODE_IN_DATA, encoding="utf-8")
    # files of other kinds in a rules folder are never loaded, let alone run
    for name in ("evil.py", "conftest.py", "__init__.py", "rules.pyc"):
        (rules / name).write_text(f"open({str(tmp_path / PWNED)!r}, 'w').write('ran')\n", encoding="utf-8")
    (rules / "evil.pickle").write_bytes(b"cos\nsystem\n(S'touch " + PWNED.encode() + b"'\ntR.")
    document = tmp_path / "doc.txt"
    document.write_text("x = __import__('os') and more\n", encoding="utf-8")
    result = cli("check", document, "--rules", rules, "--select", "typography.sneaky", "--format", "json",
                 "--jobs", "1")
    assert result.exit_code == 1
    [finding] = json.loads(result.stdout)
    assert "{match.__class__.__mro__}" in finding["message"]  # placeholders are not evaluated
    assert "__import__('os').system" in finding["replacement"]
    cli("fix", document, "--rules", rules, "--select", "typography.sneaky", "--jobs", "1")
    assert "system('touch" in document.read_text(encoding="utf-8")
    assert not (tmp_path / PWNED).exists()


def test_unknown_kind_is_refused_not_imported(cli, tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "mine.toml").write_text(
        '[[rule]]\nid = "typography.x"\nkind = "os.system"\nseverity = "info"\nmessage = "m"\n', encoding="utf-8"
    )
    document = tmp_path / "doc.txt"
    document.write_text("text\n", encoding="utf-8")
    result = cli("check", document, "--rules", rules)
    assert result.exit_code == 2
    assert "mine.toml:3: " in result.stderr and "unknown kind" in result.stderr


# The cache folder (cleanup/cachefiles.py, $CLEANUP_NAMES_CACHE or ~/.cache/cleanup)
# keeps a large names table's indexes and the word-class lexicon as pickles: the tool's
# files, not a user's; see test_names_cache_never_unpickles_a_file_planted_by_someone_else
# and tests/test_lexicon_cache.py.
ALLOWED = {("cleanup/cachefiles.py", "pickle.load(handle)")}


def test_library_never_evaluates_or_unpickles():
    """No eval/exec, no pickle/marshal/shelve loads, no YAML loader: nothing read from a
    user's file can become code. (Worker processes exchange our own objects only.)"""
    forbidden = re.compile(r"\b(eval|exec)\s*\(|pickle\.loads?\(|marshal\.loads?\(|shelve\.|yaml\.(unsafe_)?load\(|"
                           r"__import__\(|compile\([^)]*['\"]exec['\"]")
    offenders = []
    for path in sorted((ROOT / "cleanup").rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if forbidden.search(code) and not any(
                path.relative_to(ROOT).as_posix() == file and snippet in code for file, snippet in ALLOWED
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, "\n".join(offenders)


def names_table(count: int) -> str:
    return "".join(f'[[name]]\ncanonical = "Person Number{n:06d}"\nkind = "person"\n\n' for n in range(count))


def test_enormous_names_table_is_refused_past_the_limit(cli, tmp_path, monkeypatch):
    # the limit applies to every table, so it must sit above the default table's size
    monkeypatch.setenv("CLEANUP_MAX_NAMES", "500")
    names = tmp_path / "huge.toml"
    names.write_text(names_table(1000), encoding="utf-8")
    document = tmp_path / "doc.txt"
    document.write_text("Person Number000001 met Sergei Lavrov.\n", encoding="utf-8")
    started = time.perf_counter()
    result = cli("check", document, "--names", names, "--jobs", "1")
    assert result.exit_code == 2
    [line] = [line for line in result.stderr.splitlines() if "huge.toml" in line]
    assert "500" in line and "CLEANUP_MAX_NAMES" in line
    assert time.perf_counter() - started < 30
    # under the limit the same table is accepted
    monkeypatch.setenv("CLEANUP_MAX_NAMES", "100000")
    assert cli("check", document, "--names", names, "--jobs", "1").exit_code in (0, 1)


def test_names_check_refuses_an_enormous_table(cli, tmp_path, monkeypatch):
    # the limit applies to every table, so it must sit above the default table's size
    monkeypatch.setenv("CLEANUP_MAX_NAMES", "500")
    names = tmp_path / "huge.toml"
    names.write_text(names_table(1000), encoding="utf-8")
    result = cli("names", "check", names)
    assert result.exit_code == 2
    assert "CLEANUP_MAX_NAMES" in result.stderr


class _Planted:
    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.write_text, (Path(self.marker), "ran"))


def test_names_cache_never_unpickles_a_file_planted_by_someone_else(tmp_path, monkeypatch):
    import os
    import pickle

    from cleanup import nametable

    cache = tmp_path / "shared-cache"
    cache.mkdir()
    os.chmod(cache, 0o777)  # e.g. CLEANUP_NAMES_CACHE pointing at a shared folder
    monkeypatch.setenv("CLEANUP_NAMES_CACHE", str(cache))
    names = tmp_path / "big.toml"
    names.write_text(names_table(nametable.CACHE_MIN_ENTRIES + 10), encoding="utf-8")
    files = [nametable.default_table_path(), names]
    stored = nametable._stored_path(files, [f.read_bytes() for f in files])
    assert stored is not None and stored.parent == cache
    marker = tmp_path / "code-ran"
    stored.write_bytes(pickle.dumps(_Planted(str(marker))))
    os.chown(stored, 4321, 4321)  # someone else's file
    os.chmod(stored, 0o666)
    nametable._CACHE.clear()
    try:
        nametable.load_tables([names])
    except Exception:  # noqa: BLE001 - refusing the table is fine; running the payload is not
        pass
    nametable.finished_storing()
    assert not marker.exists()
