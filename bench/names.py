"""Names benchmark: recall per kind, exact-fix rate and false alarms on the test set
built from the names table (bench/names_testset.py), findings on real articles, and the
cost of a large table (load time, without and with the on-disk cache, each load in a
fresh process; check time with 50,000 vs 100 entries).

    python bench/names.py [--entries 50000] [--repeat 3] [--only quality,articles,speed,scale,internals,instructions]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from names_testset import build  # noqa: E402

from cleanup import nametable  # noqa: E402
from cleanup.document import Document  # noqa: E402
from cleanup.engine import check_document  # noqa: E402
from cleanup.kinds.base import Context  # noqa: E402
from cleanup.nametable import load_tables  # noqa: E402
from cleanup.ruleset import Ruleset  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "data" / "boilerplate-dev" / "ground-truth.json"
RULES = [r for r in Ruleset.load().select(["names"]).rules if not r.corpus_level]
ALL_RULES = Ruleset.load().select(["names"]).rules


def quality() -> None:
    table = load_tables([])
    cases = build(table)
    ctx = Context()
    found = Counter()
    exact = Counter()
    total = Counter()
    false_alarms: list[tuple[str, str, str]] = []
    missed: dict[str, list] = defaultdict(list)
    clean_docs = 0
    for case in cases:
        doc = Document.from_text(case.text)
        findings = check_document(doc, RULES, ctx)
        got = {(f.rule, case.text[f.start : f.end]): f.replacement for f in findings}
        if not case.expected:
            clean_docs += 1
            false_alarms += [(case.kind, f.rule, case.text[f.start : f.end]) for f in findings]
            continue
        for rule, text, replacement in case.expected:
            total[case.kind] += 1
            if (rule, text) in got:
                found[case.kind] += 1
                exact[case.kind] += got[(rule, text)] == replacement
            else:
                missed[case.kind].append(text)
    print(f"names table: {len(table)} entries; test set: {len(cases)} documents ({clean_docs} clean)")
    print(f"{'kind':<15}{'cases':>7}{'recall':>9}{'exact fix':>11}")
    for kind in ("variant", "near-miss", "in-document", "role-mismatch"):
        n = total[kind]
        print(f"{kind:<15}{n:>7}{found[kind] / n:>9.1%}{exact[kind] / max(found[kind], 1):>11.1%}")
    others = [k for k in total if k != "variant"]
    together = sum(found[k] for k in others) / sum(total[k] for k in others)
    print(f"{'other kinds':<15}{sum(total[k] for k in others):>7}{together:>9.1%}")
    print(f"false alarms on {clean_docs} clean documents (incl. hard negatives): {len(false_alarms)}")
    for alarm in false_alarms[:20]:
        print("   ", alarm)
    for kind, texts in missed.items():
        print(f"missed {kind} ({len(texts)}): {texts[:8]}")


def real_articles() -> None:
    if not DEV.exists():
        print("real articles: data not found, skipped")
        return
    articles = json.loads(DEV.read_text(encoding="utf-8"))
    ctx = Context()
    by_rule = Counter()
    samples = defaultdict(list)
    for key, value in articles.items():
        doc = Document.from_text(value["articleBody"], key[:8])
        for f in check_document(doc, RULES, ctx):
            by_rule[f.rule] += 1
            samples[f.rule].append(doc.text[f.start : f.end])
    print(f"findings on {len(articles)} real articles (boilerplate-dev ground truth): "
          + (", ".join(f"{r} {n} {sorted(set(samples[r]))}" for r, n in sorted(by_rule.items())) or "none"))


CONSONANTS = "bcdfghklmnprstvz"
VOWELS = "aeiou"


def _word(rng: random.Random) -> str:
    """A pronounceable invented name of two to four syllables, like real names."""
    syllables = rng.randint(2, 4)
    return "".join(rng.choice(CONSONANTS) + rng.choice(VOWELS) + rng.choice(("", "", "n", "r", "s"))
                   for _ in range(syllables)).capitalize()


def write_table(path: Path, entries: int, seed: int = 3) -> None:
    rng = random.Random(seed)
    lines = []
    for index in range(entries):
        given, family = _word(rng), _word(rng)
        lines.append(
            f'[[name]]\ncanonical = "{given} {family}"\nkind = "person"\n'
            f'variants = ["{given[0]}. {family}", "{given} {family}e"]\n'
            f'roles = ["{_word(rng)} Minister of {_word(rng)}"]\npronoun = "she"\n'
        )
    path.write_text("\n".join(lines), encoding="utf-8")


def _corpus() -> list[Document]:
    docs = [Document.from_text(p.read_text(encoding="utf-8"), p.name) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    if DEV.exists():
        articles = json.loads(DEV.read_text(encoding="utf-8"))
        docs += [Document.from_text(v["articleBody"], k) for k, v in list(articles.items())[:40]]
    return docs


# encoding.replacement-char also reads the table: it repairs "Lavr\ufffdv" from it
DAMAGE_RULES = [r for r in Ruleset.load().rules if r.id == "encoding.replacement-char"]


def _damaged_corpus() -> list[Document]:
    """Documents with U+FFFD in names and elsewhere, as a decoder leaves them."""
    return [Document.from_text(f"Report {i}: Minister Lavr\ufffdv met Ol\ufffdf Scholz and \ufffdelensky; "
                               f"prices rose 5 \ufffd 6% in Mosc\ufffdw.") for i in range(40)]


def _check_time(table, docs, repeat: int, rules=RULES) -> float:
    ctx = Context(names_loader=lambda: table)
    for doc in docs[:3]:
        check_document(doc, rules, ctx)  # build the indexes first
    times = []
    for _ in range(repeat):
        start = time.process_time()
        for doc in docs:
            check_document(doc, rules, ctx)
        times.append(time.process_time() - start)
    return min(times)


def load_once(path: Path) -> None:
    """One load as a user's process does it: read, index, and (with the cache on)
    store or read the cached indexes. Prints CPU and wall seconds as JSON."""
    start, cpu = time.perf_counter(), time.process_time()
    load_tables([path], include_default=False).index_all()
    print(json.dumps({"wall": time.perf_counter() - start, "cpu": time.process_time() - cpu}), flush=True)
    nametable.finished_storing()  # the next load is to find the cache written


def _timed_load(path: Path, cache: str) -> dict[str, float]:
    env = {**os.environ, nametable.CACHE_ENV: cache}
    out = subprocess.run([sys.executable, __file__, "--load-once", str(path)], env=env, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def scale(entries: int, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        small, large = Path(folder) / "small.toml", Path(folder) / "large.toml"
        write_table(small, 100)
        write_table(large, entries)
        cache = str(Path(folder) / "cache")
        cold = [_timed_load(large, "0") for _ in range(repeat)]
        first = _timed_load(large, cache)  # builds and stores the cache
        warm = [_timed_load(large, cache) for _ in range(repeat)]
        big = load_tables([large], include_default=False)
        little = load_tables([small], include_default=False)
        docs = _corpus()
        words = sum(len(d.text.split()) for d in docs)
        small_times, large_times = [], []
        for _ in range(repeat):  # interleaved, so that a burst of load elsewhere hits both
            small_times.append(_check_time(little, docs, repeat))
            large_times.append(_check_time(big, docs, repeat))
        damaged = _damaged_corpus()
        damaged_small = min(_check_time(little, damaged, 1, DAMAGE_RULES) for _ in range(repeat))
        damaged_large = min(_check_time(big, damaged, 1, DAMAGE_RULES) for _ in range(repeat))
    best = lambda runs, key: min(r[key] for r in runs)  # noqa: E731
    print(f"load average while measuring: {', '.join(f'{x:.1f}' for x in os.getloadavg())} "
          f"({os.cpu_count()} cores); best of {repeat} runs, each in its own process")
    print(f"table of {entries:,} entries (TOML, {entries * 7:,} lines), read and indexed, "
          f"no cache: {best(cold, 'wall'):.2f} s wall, {best(cold, 'cpu'):.2f} s CPU "
          f"(median {statistics.median(r['wall'] for r in cold):.2f} s wall)")
    print(f"  first load with the cache on (a child writes it meanwhile): {first['wall']:.2f} s wall, "
          f"{first['cpu']:.2f} s CPU")
    print(f"  later loads, from the cache: {best(warm, 'wall'):.2f} s wall, {best(warm, 'cpu'):.2f} s CPU")
    small_time, large_time = min(small_times), min(large_times)
    print(f"check CPU time (best of {repeat}x{repeat}), names rules, {len(docs)} documents ({words:,} words): "
          f"100 entries {small_time:.3f} s, {entries:,} entries {large_time:.3f} s, ratio {large_time / small_time:.2f}x "
          f"(per round: {', '.join(f'{b / a:.2f}' for a, b in zip(small_times, large_times))})")
    print(f"encoding.replacement-char, {len(damaged)} documents with U+FFFD: 100 entries "
          f"{damaged_small * 1000 / len(damaged):.2f} ms, {entries:,} entries {damaged_large * 1000 / len(damaged):.2f} ms "
          f"per document, ratio {damaged_large / damaged_small:.2f}x")


def internals(entries: int, repeat: int) -> None:
    """What the large table's indexes cost inside: the automaton's raw hits on the scale
    documents (its whole-word keys, against the same last words searched as substrings),
    and the batch skeletons of the table's distinct words."""
    import ahocorasick
    from itertools import chain

    from cleanup.namematch import skeleton, skeletons
    from cleanup.nametable import _padded_words
    from cleanup.phrasematch import fold_case

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "large.toml"
        write_table(path, entries)
        table = load_tables([path], include_default=False)
        phrases = table.exact.phrases
        docs = _corpus()
        substrings = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        for number, key in enumerate(dict.fromkeys(k.rpartition(" ")[2] or k for k in phrases.keys)):
            substrings.add_word(key, number)
        substrings.make_automaton()
        raw_old = sum(1 for d in docs for _ in substrings.iter(fold_case(d.text)))
        raw_new = sum(1 for d in docs for _ in phrases.automaton.iter(_padded_words(d.text, fold_case(d.text))))
        kept = sum(len(phrases.hits(d.text)) for d in docs)
        print(f"automaton hits on the {len(docs)} scale documents, {entries:,}-entry table: last words as "
              f"substrings {raw_old:,}; whole-word keys {raw_new:,}; phrase hits kept {kept:,}")
        words = list(dict.fromkeys(chain.from_iterable(
            text.split() for e in table.entries for text in (e.canonical, *e.variants))))
        timings = []
        for _ in range(repeat):
            started = time.process_time()
            skeletons(words)
            timings.append(time.process_time() - started)
        started = time.process_time()
        one_by_one = [skeleton.__wrapped__(word) for word in words]
        single = time.process_time() - started
        assert skeletons(words) == one_by_one
        print(f"skeletons of the table's {len(words):,} distinct words: batch {1000 * min(timings):.0f} ms "
              f"(best of {repeat}), one at a time {1000 * single:.0f} ms")


def instructions(entries: int, cache_sim: bool = False) -> None:
    """Machine instructions of one cold load (read and index, no cache) of an
    ``entries``-entry table, counted by valgrind (cachegrind, no cache simulation),
    less those of a process that only imports: unlike CPU time, the count does not
    change with other work on the machine, so two versions of the code compare exactly
    (a count is no time: memory stalls are not in it)."""
    import shutil

    if shutil.which("valgrind") is None:
        print("instructions: valgrind not found (apt-get install valgrind), skipped")
        return

    def count(*extra: str) -> dict[str, int]:
        """cachegrind's summary counts: "I refs", and with the cache simulated "D1 misses" and "LL misses"."""
        env = {**os.environ, nametable.CACHE_ENV: "0"}
        done = subprocess.run(["valgrind", "--tool=cachegrind", f"--cache-sim={'yes' if cache_sim else 'no'}",
                               "--cachegrind-out-file=/dev/null", sys.executable, __file__, *extra],
                              env=env, check=True, capture_output=True, text=True)
        counts = {}
        for line in done.stderr.splitlines():
            name, colon, figures = line.partition("==")[2].partition("==")[2].partition(":")
            name = " ".join(name.split())
            if colon and name in ("I refs", "D1 misses", "LL misses"):
                counts[name] = int(figures.split()[0].replace(",", ""))
        return counts

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "table.toml"
        write_table(path, entries)
        loaded, imported = count("--load-once", str(path)), count("--import-only")
    figures = ", ".join(f"{name} {(loaded[name] - imported[name]) / 1e6:,.2f} M" for name in loaded)
    print(f"one cold load of a {entries:,}-entry table, less an import-only process (valgrind): {figures}")


BENCH_CORPUS = ROOT / "bench" / "_work" / "corpus-5mb"  # built by `python bench/run.py --quick --only names`


def speed(megabytes: float = 1.0, repeat: int = 3) -> None:
    """The six names rules together (what `check --select names` runs per document: the
    corpus pass of names.inconsistent, then every rule) over the first MB of the bench
    corpus, with the default table; best of ``repeat``, CPU time."""
    if not BENCH_CORPUS.is_dir():
        print(f"speed: {BENCH_CORPUS} not found (python bench/run.py --quick --only names builds it), skipped")
        return
    from cleanup.document import decode
    from cleanup.engine import gather_corpus

    docs, size = [], 0
    for path in sorted(BENCH_CORPUS.rglob("*.txt")):
        data = path.read_bytes()
        text, envelope = decode(data)
        docs.append(Document(str(path), text, envelope))
        size += len(data)
        if size >= megabytes * 1_000_000:
            break
    ctx = Context()
    ctx.names.index_all()
    best = float("inf")
    for _ in range(repeat):
        fresh = [Document(d.path, d.text, d.envelope) for d in docs]  # nothing cached on a document
        started = time.process_time()
        ctx.corpus = gather_corpus(fresh, ALL_RULES, ctx)
        for doc in fresh:
            check_document(doc, ALL_RULES, ctx)
        best = min(best, time.process_time() - started)
    print(f"speed: the six names rules together, {size / 1e6:.2f} MB ({len(docs)} documents of the bench corpus), "
          f"default table: {best:.3f} s CPU = {size / 1e6 / best:.1f} MB/s (best of {repeat})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", default="quality,articles,speed,scale",
                        help="comma-separated parts: quality, articles, speed, scale, internals, instructions")
    parser.add_argument("--instruction-entries", type=int, default=10_000,
                        help="table size for --only instructions (valgrind runs ~50x slower)")
    parser.add_argument("--cache-sim", action="store_true",
                        help="with --only instructions, also simulate the caches (L1 data and last-level misses)")
    parser.add_argument("--load-once", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--import-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.import_only:
        return
    if args.load_once:
        load_once(args.load_once)
        return
    parts = set(args.only.split(","))
    if "quality" in parts:
        quality()
    if "articles" in parts:
        real_articles()
    if "speed" in parts:
        speed(repeat=args.repeat)
    if "scale" in parts:
        scale(args.entries, args.repeat)
    if "internals" in parts:
        internals(args.entries, args.repeat)
    if "instructions" in parts:
        instructions(args.instruction_entries, args.cache_sim)


if __name__ == "__main__":
    main()
