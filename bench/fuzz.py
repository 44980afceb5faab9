"""Fuzzing the engine and every rule kind.

    pip install -e '.[test,fuzz]'
    python bench/fuzz.py atheris --seconds 600      # coverage-guided (atheris/libFuzzer)
    python bench/fuzz.py hypothesis --examples 5000 # the same harness, driven by hypothesis
    python bench/fuzz.py bigfile --mb 200           # one 200 MB line: time and peak memory

One harness serves both drivers. Each input picks a target: ``engine`` (the default
ruleset, as `cleanup fix` runs it), one rule *kind* (every rule of that kind in the
shipped rule files, off-by-default ones included), or a *hostile rule*: a rule of kind
pattern, phrases, line or doubled-word built from fuzzed data (a fuzzed regex, fuzzed
phrases) and decoded strictly, as a user's rule file would be. It then checks and fixes a
fuzzed text and asserts what must always hold:

- no exception escapes the engine (a runaway regex becomes a finding about the rule);
- every finding and edit lies inside the text;
- the fix's edits, replayed on the input, give the output, and each edit's ``before`` is
  what the input holds there;
- for the shipped rules: the fix converges and a second fix changes nothing.

A failure raises ``FuzzFailure`` with the input, which atheris saves as a crash file.
The CI test (tests/test_fuzz.py) runs the hypothesis driver for a few seconds.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def support():
    """tests/reliability_support.py (the text strategies), loaded by path: a site-packages
    module named ``tests`` may shadow the repository's folder."""
    import importlib.util

    module = sys.modules.get("reliability_support")
    if module is None:
        spec = importlib.util.spec_from_file_location("reliability_support", ROOT / "tests" / "reliability_support.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules["reliability_support"] = module
        spec.loader.exec_module(module)
    return module

HOSTILE_KINDS = ("pattern", "phrases", "line", "doubled-word")
HOSTILE_TIMEOUT = 0.05  # seconds: a fuzzed regex gets little time before it is abandoned


class FuzzFailure(AssertionError):
    pass


@dataclass
class Case:
    """One fuzz input, decoded: which target, the text, and a hostile rule's pieces."""

    target: str
    text: str
    unsafe: bool = False
    pattern: str = ""
    replacement: str | None = None
    phrases: tuple[str, ...] = ()
    mode: str = "exact"


class Harness:
    def __init__(self) -> None:
        from cleanup.ruleset import Ruleset

        everything = Ruleset.load()
        self.by_target: dict[str, list] = {"engine": everything.select().rules}
        for rule in everything.rules:
            if rule.meta.kind != "input":  # reads bytes, not text: nothing to run
                self.by_target.setdefault(f"kind:{rule.meta.kind}", []).append(rule)
        self.targets = sorted(self.by_target) + [f"hostile:{k}" for k in HOSTILE_KINDS]
        self.counts: dict[str, int] = dict.fromkeys(self.targets, 0)

    # -- running one case ------------------------------------------------------------
    def run(self, case: Case) -> None:
        self.counts[case.target] = self.counts.get(case.target, 0) + 1
        if case.target.startswith("hostile:"):
            rule = self.hostile_rule(case)
            if rule is not None:
                self.exercise([rule], case, strict=False)
            return
        self.exercise(self.by_target[case.target], case, strict=True)

    def hostile_rule(self, case: Case):
        from cleanup.ruleset import RuleFileError, _Lines, decode_rule

        kind = case.target.split(":", 1)[1]
        table = {"id": "typography.fuzzed", "kind": kind, "severity": "warning",
                 "message": "fuzzed {match}", "fix": "unsafe" if case.unsafe else "safe"}
        if kind == "pattern":
            table.update(pattern=case.pattern, timeout=HOSTILE_TIMEOUT)
            if case.replacement is not None:
                table["replacement"] = case.replacement
        elif kind == "line":
            table.update(phrases=list(case.phrases), match=case.mode, timeout=HOSTILE_TIMEOUT)
            if case.pattern:
                table["pattern"] = case.pattern
        elif kind == "phrases":
            table["phrases"] = list(case.phrases)
            if case.replacement is not None:
                table["replacement"] = case.replacement
        else:
            table["allowed"] = list(case.phrases)
        try:
            return decode_rule(table, Path("<fuzzed>"), _Lines("", "rule"), 0)
        except RuleFileError:
            return None  # refused with a message naming the rule: what should happen

    def exercise(self, rules, case: Case, *, strict: bool) -> None:
        from cleanup.document import Document
        from cleanup.engine import check_document, fix_document, gather_corpus, replay
        from cleanup.kinds.base import Context

        def context(doc):
            ctx = Context()
            ctx.corpus = gather_corpus([doc], rules, ctx)
            return ctx

        text = case.text
        doc = Document.from_text(text)

        def fail(problem: str) -> None:
            raise FuzzFailure(f"{case.target}: {problem}\ncase: {case!r}")

        for finding in check_document(doc, rules, context(doc)):
            if not 0 <= finding.start <= finding.end <= len(text):
                fail(f"finding outside the text: {finding}")
            for edit in finding.fix.edits if finding.fix else ():
                if edit.end > len(text):
                    fail(f"edit outside the text: {finding}")
        outcome = fix_document(doc, rules, context(doc), unsafe=case.unsafe)
        for edit in outcome.edits:
            if text[edit.start : edit.end] != edit.before:
                fail(f"edit 'before' is not the input: {edit}")
        if replay(text, outcome.edits) != outcome.text:
            fail(f"replaying the edits does not give the output: {outcome.edits}")
        if not strict:
            return
        if not outcome.converged:
            fail(f"no fixpoint; still fixable: {outcome.unfixed}")
        fixed_doc = Document.from_text(outcome.text)
        again = fix_document(fixed_doc, rules, context(fixed_doc), unsafe=case.unsafe)
        if again.edits:
            fail(f"a second fix changes the text again: {again.edits}")


# -- atheris driver -------------------------------------------------------------------
def decode_case(harness: Harness, data: bytes) -> Case:
    """Turn fuzzer bytes into a Case, building the text from meaningful pieces (words of
    several scripts, quotes, spaces, rule examples) as well as raw code points."""
    import atheris

    words = support()
    fdp = atheris.FuzzedDataProvider(data)
    target = harness.targets[fdp.ConsumeIntInRange(0, len(harness.targets) - 1)]
    unsafe = fdp.ConsumeBool()
    pools = (words.WORDS, words.PUNCTUATION, words.SPACES, words.LINES, words.example_lines(),
             ("\n", "\n\n", "\r\n", "\r"))

    def piece() -> str:
        choice = fdp.ConsumeIntInRange(0, len(pools))
        if choice == len(pools):
            return fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 8))
        pool = pools[choice]
        return pool[fdp.ConsumeIntInRange(0, len(pool) - 1)]

    pattern = fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 24)) if target.startswith("hostile") else ""
    replacement = fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 6)) if fdp.ConsumeBool() else None
    phrases = tuple(piece() for _ in range(fdp.ConsumeIntInRange(0, 4))) if target.startswith("hostile") else ()
    mode = ("exact", "prefix", "contains", "bogus")[fdp.ConsumeIntInRange(0, 3)]
    text = "".join(piece() for _ in range(fdp.ConsumeIntInRange(0, 60)))
    return Case(target, text, unsafe, pattern, replacement, phrases, mode)


def run_atheris(seconds: int, corpus_dir: Path | None) -> int:
    import atheris

    with atheris.instrument_imports(include=["cleanup"]):  # coverage feedback from all of cleanup
        import cleanup.engine  # noqa: F401
        import cleanup.nametable  # noqa: F401
        import cleanup.sentences  # noqa: F401
        from cleanup.ruleset import load_kinds

        load_kinds()

    harness = Harness()
    started = time.time()

    def one_input(data: bytes) -> None:
        harness.run(decode_case(harness, data))
        total = sum(harness.counts.values())
        if total % 5000 == 0:
            summary()

    argv = [sys.argv[0], f"-max_total_time={seconds}", "-rss_limit_mb=4096", "-timeout=30"]
    if corpus_dir is not None:
        corpus_dir.mkdir(parents=True, exist_ok=True)
        argv.append(str(corpus_dir))

    def summary() -> None:
        total = sum(harness.counts.values())
        spread = ", ".join(f"{target} {count}" for target, count in sorted(harness.counts.items()))
        print(f"fuzz summary: {total} inputs in {time.time() - started:.0f} s: {spread}", file=sys.stderr)

    atheris.Setup(argv, one_input)
    atheris.Fuzz()
    return 0


# -- hypothesis driver ----------------------------------------------------------------
def cases(harness: Harness):
    """A hypothesis strategy of Cases (used by tests/test_fuzz.py and the hypothesis driver)."""
    from hypothesis import strategies as st

    texts = support().texts

    short = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
    regexes = st.one_of(
        short,
        st.from_regex(r"\(?[a-z.\\sw]{1,4}[+*]?\)?[+*]?\$?", fullmatch=True),
        st.sampled_from([r"(a+)+$", r"(\w+\s?)*$", r"(.*a){12}", r"^(\s*)*x", r"(?<=\w)", r"\b", r""]),
    )
    return st.builds(
        Case,
        target=st.sampled_from(harness.targets),
        text=texts(max_lines=8),
        unsafe=st.booleans(),
        pattern=regexes,
        replacement=st.one_of(st.none(), short, st.sampled_from([r"\1", r"\g<0>\g<0>", r"\g<x>", ""])),
        phrases=st.lists(short, max_size=4).map(tuple),
        mode=st.sampled_from(["exact", "prefix", "contains", "bogus"]),
    )


def run_hypothesis(examples: int, seed: int | None) -> int:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import seed as with_seed

    harness = Harness()
    started = time.time()

    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(cases(harness))
    def property_(case: Case) -> None:
        harness.run(case)

    if seed is not None:
        property_ = with_seed(seed)(property_)
    property_()
    total = sum(harness.counts.values())
    print(f"hypothesis fuzz: {total} cases ({examples} examples asked) in {time.time() - started:.0f} s, no failure")
    for target, count in sorted(harness.counts.items()):
        print(f"  {target:<28} {count}")
    return 0


# -- one huge line --------------------------------------------------------------------
def run_bigfile(megabytes: int, folder: Path, select: str | None) -> int:
    """Write a one-line file of ``megabytes`` MB (mixed scripts, quotes, sentence ends)
    and time `cleanup check` on it in a subprocess, with its peak memory."""
    import random
    import subprocess

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"oneline-{megabytes}mb.txt"
    if not path.exists() or path.stat().st_size < megabytes * 1_000_000:
        random.seed(megabytes)
        words = ("the said Kyiv “quoted” Sergei  Lavrov .. , ; café Москва 東京 He said. "
                 '"x" ‘y’ and of to NATO 2:47').split(" ")
        block = " ".join(random.choice(words) for _ in range(200_000)).encode("utf-8")
        with open(path, "wb") as stream:
            written = 0
            while written < megabytes * 1_000_000:
                stream.write(block + b" ")
                written += len(block) + 1
    command = [sys.executable, "-m", "cleanup", "check", str(path), "--format", "jsonl", "--jobs", "1"]
    if select:
        command += ["--select", select]
    started = time.perf_counter()
    process = subprocess.run(command, capture_output=True)
    elapsed = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    findings = process.stdout.count(b"\n")
    abandoned = process.stdout.count(b"was abandoned")
    print(f"bigfile: {path.stat().st_size / 1e6:.0f} MB, one line, select={select or 'default'}: "
          f"exit {process.returncode}, {elapsed:.1f} s, peak RSS {peak_mb:.0f} MB, "
          f"{findings} findings ({abandoned} rules abandoned)")
    if process.returncode not in (0, 1) or b"Traceback" in process.stderr:
        print(process.stderr.decode("utf-8", "replace")[-2000:])
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="mode", required=True)
    a = sub.add_parser("atheris", help="coverage-guided fuzzing with atheris")
    a.add_argument("--seconds", type=int, default=60)
    a.add_argument("--corpus", type=Path, default=None, help="folder to keep interesting inputs in")
    h = sub.add_parser("hypothesis", help="the same harness driven by hypothesis")
    h.add_argument("--examples", type=int, default=2000)
    h.add_argument("--seed", type=int, default=None)
    b = sub.add_parser("bigfile", help="check one huge one-line file")
    b.add_argument("--mb", type=int, default=200)
    b.add_argument("--dir", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "cleanup-bigfile")
    b.add_argument("--select", default=None)
    args = parser.parse_args()
    if args.mode == "atheris":
        return run_atheris(args.seconds, args.corpus)
    if args.mode == "hypothesis":
        return run_hypothesis(args.examples, args.seed)
    return run_bigfile(args.mb, args.dir, args.select)


if __name__ == "__main__":
    sys.exit(main())
