"""The fast paths of the engine and the pattern and encoding kinds give exactly what the
slow paths give: a document a cheap test rules out could never have had a finding."""

from __future__ import annotations

import json
import random
import string
from pathlib import Path

import pytest

from cleanup import language, recode, runner
from cleanup.corpus import expand_inputs
from cleanup.document import Document
from cleanup.engine import check_document
from cleanup.kinds.base import Context, RuleMeta
from cleanup.kinds.control_char import C0_CHARS, C1_CHARS, ControlCharRule
from cleanup.kinds.pattern import PatternRule
from cleanup.model import FixSafety, Severity
from cleanup.ruleset import RuleFileError, Ruleset, load_rule_file


def pattern_rule(**params):
    values = {name: spec.default for name, spec in PatternRule.PARAMS.items()}
    values.update(params)
    meta = RuleMeta("typography.test", "pattern", Severity.WARNING, "found {match}", FixSafety.SAFE, "")
    return PatternRule(meta, values)


def found(rule, text):
    return check_document(Document.from_text(text), [rule], Context())


def test_requires_skips_documents_without_a_literal():
    rule = pattern_rule(pattern=r"(?<=\w) +(?=,)", replacement="", requires=[" ,"])
    assert [f.start for f in found(rule, "Kyiv , Lviv")] == [4]
    assert found(rule, "Kyiv,  Lviv") == []
    # the search is really skipped: a pattern that would match anything finds nothing
    greedy = pattern_rule(pattern=r"\w+", requires=["zz"])
    assert found(greedy, "no double letter here") == []
    assert found(greedy, "jazz") != []


def test_requires_takes_a_line_break_after_the_end():
    rule = pattern_rule(pattern=r"[ \t]+$", replacement="", requires=[" \n", "\t\n"])
    assert [f.start for f in found(rule, "end  ")] == [3]
    assert [f.start for f in found(rule, "one \ntwo")] == [3]
    assert found(rule, "one\ntwo") == []


def test_requires_non_ascii_literals_on_ascii_and_other_text():
    rule = pattern_rule(pattern=r"’(?=\p{Lu})", requires=["’"])
    assert found(rule, "said 'Yes'") == []
    assert len(found(rule, "said ’Yes’")) == 1


def test_requires_is_decoded_strictly(tmp_path):
    with pytest.raises(ValueError) as caught:
        pattern_rule(pattern="colour", ignorecase=True, requires=["colour"])
    assert caught.value.key == "requires"
    with pytest.raises(ValueError):
        pattern_rule(pattern="a", requires=[""])
    path = tmp_path / "mine.toml"
    path.write_text(
        '[[rule]]\nid = "typography.mine"\nkind = "pattern"\nseverity = "info"\nmessage = "m"\n'
        'pattern = "a"\nrequires = "a"\n',
        encoding="utf-8",
    )
    with pytest.raises(RuleFileError) as error:
        load_rule_file(path)
    assert ":7:" in str(error.value) and "requires" in str(error.value)


def shipped_pattern_rules_with_requires():
    return [r for r in Ruleset.load(()).rules if isinstance(r, PatternRule) and r.requires]


def texts_for(rule, rng, count):
    """Texts made of the characters that matter to the rule: those of its literals and
    examples, letters of both cases, blanks and line breaks."""
    pieces = list(rule.meta.examples.bad) + list(rule.meta.examples.good) + list(rule.requires)
    alphabet = sorted(set("".join(pieces)) | set("aZ .,\n\t\u00a0’“”"))
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(1, 6)):
            if rng.random() < 0.3:
                parts.append(rng.choice(pieces))
            else:
                parts.append("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8))))
        yield "".join(parts)


def test_every_shipped_requires_list_is_exact():
    rules = shipped_pattern_rules_with_requires()
    assert len(rules) >= 8
    rng = random.Random(7)
    for rule in rules:
        for text in [*rule.meta.examples.bad, *texts_for(rule, rng, 3000)]:
            if any(m.span(rule.params["group"])[0] >= 0 for m in rule.pattern.finditer(text)):
                assert rule.may_match(Document.from_text(text)), (rule.id, text)


def test_document_contains_is_substring_search():
    rng = random.Random(3)
    alphabet = "ab \n’"
    for _ in range(3000):
        doc = Document.from_text("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))))
        for _ in range(4):
            literal = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 3)))
            assert doc.contains(literal) == (literal in doc.text)


def slow_language_evidence(text):
    sample = text[: language.SAMPLE]
    words = [w.lower() for w in language.WORD.findall(sample)]
    letters = sum(map(len, language.LETTER.findall(sample)))
    latin = sum(map(len, language.LATIN.findall(sample))) / letters if letters else 1.0
    if not words:
        return language.LanguageEvidence(0, 0.0, 0.0, latin)
    english, other = language._word_list("function-words"), language._word_list("other-function-words")
    return language.LanguageEvidence(
        len(words),
        sum(map(english.__contains__, words)) / len(words),
        sum(map(other.__contains__, words)) / len(words),
        latin,
    )


def test_language_evidence_fast_path_equals_the_unicode_path():
    rng = random.Random(5)
    alphabet = "theAndOf' ’\n.,-_01“”—é\u0301ΣσЖ\u00a0İ"
    samples = ["The minister said that the talks were over.", "“It’s done,” he said — again.",
               "Der Minister sagte, dass die Gespräche vorbei seien."]
    samples += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60))) for _ in range(5000)]
    samples += [" ".join(rng.choice(["the", "and", "yang", "dan", "of", "’s", "“x”"]) for _ in range(30))
                for _ in range(500)]
    for text in samples:
        assert language.language_evidence.__wrapped__(text) == slow_language_evidence(text), text


def test_suspect_prefilter_never_hides_a_suspect_line():
    pattern = recode._suspect_pattern()
    leads = sorted(recode._lead_chars())
    rng = random.Random(11)
    alphabet = leads[:40] + list("€‚ƒ„…†‡ˆ‰Š‹Œ\u00a0¡¢£¤¥¦§¨©ª«¬®¯°±²³´µ¶·¸¹º»¼½¾¿\ufffd ?ab“”’—")
    for _ in range(20000):
        line = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 6)))
        assert recode.is_suspect(line) == (pattern.search(line) is not None), line
    assert recode._suspect_prefilter() is not None  # the fast path is in use


def test_control_char_gate_keeps_every_control():
    meta = RuleMeta("encoding.test", "control-char", Severity.WARNING, "{match}", FixSafety.SAFE, "")
    rule = ControlCharRule(meta, {"c1_message": "", "escape_message": ""})
    for char in C0_CHARS + C1_CHARS:
        assert found(rule, f"a{char}b"), repr(char)
    assert found(rule, "plain text\twith a tab\n") == []
    assert len(found(rule, "colour \x1b[31mred\x1b[0m")) == 2


def test_forked_workers_reuse_the_parent_rules():
    task = runner.Task("check", select=("typography.trailing-whitespace",))
    parent = runner.Worker(task)
    try:
        runner._INHERITED = parent
        runner._init_worker(task, {"x": 1})
        assert runner._WORKER is parent and parent.ctx.corpus == {"x": 1}
        other = runner.Task("check", select=("typography.multiple-spaces",))
        runner._init_worker(other, None)
        assert runner._WORKER is not parent
        assert [r.id for r in runner._WORKER.ruleset.rules] == ["typography.multiple-spaces"]
    finally:
        runner._INHERITED = None
        runner._WORKER = None


def test_two_jobs_give_the_same_output_with_inherited_workers(tmp_path):
    rng = random.Random(2)
    for index in range(300):
        words = " ".join(rng.choice(string.ascii_lowercase * 3 + "  ,.") for _ in range(60))
        (tmp_path / f"{index:03}.txt").write_text(words + " \n", encoding="utf-8")
    task = runner.Task("check", select=("typography",))
    sources, _ = expand_inputs([str(tmp_path)])

    def results(jobs):
        out = []
        for outcome in runner.Runner(task, jobs=jobs).run(sources):
            out.append([f.to_json() for f in outcome.result.findings])
        return out

    one = results(1)
    assert any(one) and results(2) == one


def test_corpus_totals_fold_as_merge_does():
    from cleanup.kinds.base import CorpusTotals

    rules = [r for r in Ruleset.load(()).rules if r.corpus_level]
    assert {r.id for r in rules} >= {"names.inconsistent", "boilerplate.corpus-repeated-line"}
    ctx = Context()
    rng = random.Random(4)
    lines = ["Share this story", "Follow us on Twitter", "Vladimir Putin met Volodymyr Zelenskyy.",
             "Zelensky said no.", "All rights reserved", "The minister spoke."]
    docs = [Document.from_text("\n".join(rng.choice(lines) for _ in range(rng.randint(1, 8))) + "\n")
            for _ in range(60)]
    docs += docs[:5]  # repeated documents count once for the repeated-line rule
    totals = CorpusTotals(rules)
    parts = {r.id: [] for r in rules}
    for doc in docs:
        stats = {r.id: r.gather(doc, ctx) for r in rules}
        totals.add(stats)
        for rule_id, value in stats.items():
            parts[rule_id].append(value)
    merged = {r.id: r.merge(parts[r.id]) for r in rules}
    assert totals.result() == merged and any(merged.values())
    # the two shipped corpus rules keep one running total, not a part per document
    for rule_id in ("names.inconsistent", "boilerplate.corpus-repeated-line"):
        assert not isinstance(totals.totals[rule_id], list)
    assert CorpusTotals(rules).result() == {r.id: r.merge([]) for r in rules}


def test_blank_line_patterns_match_their_look_behind_forms():
    """The shipped blank-line patterns begin with a line break so that the search skips
    ahead; they find exactly what the plain look-behind forms find."""
    import regex

    plain = {
        "typography.blank-lines": r"(?<=\n)(?:[ \t]*\n){2,}",
        "typography.edge-blank-lines": r"\A(?:[ \t]*\n)+|(?<=\n)(?:[ \t]*\n)+[ \t]*\Z",
    }
    rules = {r.id: r for r in Ruleset.load(()).rules if r.id in plain}
    rng = random.Random(9)
    texts = ["".join(rng.choice(" \t\nx\r") for _ in range(rng.randint(0, 12))) for _ in range(20000)]
    texts += ["".join(rng.choice(" \n") for _ in range(rng.randint(0, 8))) for _ in range(3000)]
    for rule_id, source in plain.items():
        reference = regex.compile(source, regex.MULTILINE)
        rule = rules[rule_id]
        for text in texts:
            expected = [m.span() for m in reference.finditer(text)]
            assert [m.span(rule.params["group"]) for m in rule.pattern.finditer(text)] == expected, repr(text)


def test_phrase_prefilter_finds_what_the_automaton_finds():
    from cleanup.phrasematch import PhraseMatcher

    phrases = {"lethal aids": "lethal aid", "aids": None, "New York": None, "york times": None, "İstanbul": None}
    rng = random.Random(13)
    words = ["lethal", "aids", "new", "York", "times", "İstanbul", "ISTANBUL", "x", "Aids"]
    for ignorecase in (True, False):
        for whole_word in (True, False):
            plain = PhraseMatcher(phrases, ignorecase=ignorecase, whole_word=whole_word)
            fast = PhraseMatcher(phrases, ignorecase=ignorecase, whole_word=whole_word, prefilter=True)
            assert fast.keys is not None and plain.keys is None
            for _ in range(2000):
                text = rng.choice(["", " ", "-"]).join(rng.choice(words) for _ in range(rng.randint(0, 6)))
                assert list(fast.finditer(text)) == list(plain.finditer(text)), text


def test_json_line_is_what_json_dumps_gives():
    from cleanup.corpus import json_line

    rng = random.Random(7)
    alphabet = string.printable + "éß’“”\u2028\u2029\x85\ud800\U0001f600"
    for _ in range(300):
        data = {"text": "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))),
                "n": rng.randint(-5, 5), "x": rng.random(), "none": None, "ok": rng.random() < 0.5,
                "edits": [{"start": 1, "replacement": "’"}]}
        expected = json.dumps(data, ensure_ascii=False)
        for char, escape in {"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"}.items():
            expected = expected.replace(char, escape)
        assert json_line(data) == expected


def test_walk_keys_are_resolved_paths(tmp_path):
    """The walk's keys (which files are one file) are what ``Path.resolve`` gives, links
    and a root written with ".." included; a file reached twice is read once."""
    import os

    from cleanup.corpus import _walk

    root = tmp_path / "corpus"
    (root / "a" / "b").mkdir(parents=True)
    (root / "a" / "one.txt").write_text("one\n")
    (root / "a" / "b" / "two.txt").write_text("two\n")
    (root / "three.txt").write_text("three\n")
    os.symlink(root / "a" / "one.txt", root / "link-to-one.txt")
    os.symlink(root / "a", root / "folder-link")  # not entered
    (tmp_path / "outside.txt").write_text("outside\n")
    os.symlink(tmp_path / "outside.txt", root / "a" / "b" / "outside-link.txt")
    for given in (root, tmp_path / "corpus" / "a" / ".." , Path(os.path.relpath(root))):
        found = _walk(given, ["*.txt"], (), [])
        assert [key for _, key in found] == [str(file.resolve()) for file, _ in found]
        assert len(found) == 5
    sources, problems = expand_inputs([str(root), str(root / "a" / "one.txt"), str(tmp_path / "outside.txt")])
    assert not problems
    assert len(sources) == 4  # the links and the files named again are read once


def test_first_pass_reads_without_digests_and_gathers_the_same(tmp_path):
    """The first pass skips hashing the inputs; its documents differ only by that, and
    the statistics are those of the documents as the second pass reads them."""
    from cleanup.engine import gather_corpus

    (tmp_path / "a.txt").write_text("Share this story\nVladimir Putin met Volodymyr Zelenskyy.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes("\ufeffShare this story\r\nZelensky said no.\r\n".encode("utf-8"))
    (tmp_path / "c.jsonl").write_text(
        json.dumps({"id": 1, "text": "Share this story\nVolodymyr Zelensky spoke.\n"}) + "\n", encoding="utf-8")
    sources, _ = expand_inputs([str(tmp_path)])
    full = [runner._document_of(item) for _, item in runner._items(sources)]
    bare = [runner._document_of(item) for _, item in runner._items(sources, digests=False)]
    assert all(doc.digest for doc in full) and not any(doc.digest for doc in bare)
    assert [(d.path, d.text, d.envelope, d.doc_id) for d in bare] == [(d.path, d.text, d.envelope, d.doc_id) for d in full]
    run = runner.Runner(runner.Task("check"))
    assert run._corpus_statistics(sources, 1) == gather_corpus(full, run.ruleset.rules, run.local.ctx)


def test_read_file_gives_what_read_bytes_gives(tmp_path):
    from cleanup.corpus import Source, read_file

    rng = random.Random(11)
    for size in (0, 1, 2, 4095, 4096, 4097, 65536, 65537, 300_000):
        path = tmp_path / f"f{size}.txt"
        path.write_bytes(bytes(rng.randrange(256) for _ in range(size)))
        assert read_file(path) == path.read_bytes()
    proc = Path("/proc/version")  # says its size is 0, yet has text: read to the end
    if proc.exists():
        assert read_file(proc) == proc.read_bytes() != b""
    # the reasons reported for files that cannot be read are the same
    for bad in (tmp_path / "missing.txt", tmp_path):
        with pytest.raises(OSError) as ours:
            read_file(bad)
        with pytest.raises(OSError) as theirs:
            bad.read_bytes()
        assert (ours.value.errno, ours.value.strerror) == (theirs.value.errno, theirs.value.strerror)
    assert [str(item) for item in Source(tmp_path, "folder").items()] == ["folder: cannot read: Is a directory"]


def test_located_finding_places_as_line_col_does():
    from cleanup.model import Finding

    rng = random.Random(5)
    for _ in range(200):
        text = "".join(rng.choice("ab \n\r") for _ in range(rng.randint(0, 60)))
        doc = Document.from_text(text)
        for _ in range(20):
            start = rng.randint(0, len(text))
            end = rng.randint(start, len(text))
            located = runner.LocatedFinding.of(doc, Finding("x.y", "m", start, end, Severity.INFO))
            assert (located.line, located.column) == doc.line_col(start)
            assert (located.end_line, located.end_column) == doc.line_col(end)
            assert located.text == text[start:end]


def test_a_small_input_runs_in_process_unless_the_workers_were_chosen(tmp_path):
    from cleanup.cli import resolve
    from cleanup.corpus import Source

    folder = Path(__file__).resolve().parent.parent / "seeds"
    seeds, _ = expand_inputs([str(folder)])
    task = runner.Task("check", select=("typography",))
    assert runner.Runner(task, jobs=2, small_input_in_process=True).jobs_for(seeds) == 1
    assert runner.Runner(task, jobs=2).jobs_for(seeds) == 2
    big = tmp_path / "big.txt"
    big.write_text("A sentence of plain words.\n" * (runner.SMALL_INPUT_BYTES // 20), encoding="utf-8")
    assert runner.Runner(task, jobs=2, small_input_in_process=True).jobs_for([*seeds, *expand_inputs([str(big)])[0]]) == 2
    stdin = [Source(None, "-")]
    assert runner.Runner(task, jobs=2, small_input_in_process=True).jobs_for(stdin) == 2  # of unknown size
    packed = tmp_path / "small.jsonl.gz"
    packed.write_bytes(b"")
    assert runner.Runner(task, jobs=2, small_input_in_process=True).jobs_for([Source(packed, "p", jsonl=True)]) == 2

    common = dict(select=None, ignore=None, names=None, rules=None, config=None, engine=None, address=None,
                  fail_on=None, quiet=True, glob=None)
    assert not resolve("check", [str(folder)], jobs=None, **common).jobs_chosen
    assert resolve("check", [str(folder)], jobs=2, **common).jobs_chosen
    (tmp_path / "cleanup.toml").write_text("jobs = 2\n", encoding="utf-8")
    assert resolve("check", [str(big)], jobs=None, **common).jobs_chosen
    assert not resolve("check", [str(big)], jobs=0, **common).jobs_chosen
