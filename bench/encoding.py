"""Encoding benchmark: how much mojibake `--select encoding` repairs, beside ftfy.

    python bench/encoding.py [--repeat N] [--show-misses]

Prints, in one run: the share of garbled cases fixed exactly by our fix (the library
call behind `cleanup fix --select encoding`) and by `ftfy.fix_text(text,
uncurl_quotes=False)`, per kind and per code page; the number of clean sentences each
changes; ftfy's own test cases (where ftfy passes and where we do); and throughput on
the seed documents. Then how often `--convert-encoding auto` reads a file in a legacy
encoding back as it was written: the 91 human-verified article texts of
``../shared/data/boilerplate-dev`` (real English news: curly quotes, dashes, accented
names), each encoded in the code pages an English text is saved in, where it can be.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import ftfy
import ftfy.fixes

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from encoding_cases import ROOT, build_cases, ftfy_cases  # noqa: E402

from cleanup.api import fix_text, load_rules  # noqa: E402
from cleanup.document import Document  # noqa: E402
from cleanup.engine import check_document  # noqa: E402
from cleanup.kinds.base import Context  # noqa: E402


def ours(rules, ctx):
    return lambda text: fix_text(text, rules=rules, ctx=ctx).text


def theirs(text: str) -> str:
    return ftfy.fix_text(text, uncurl_quotes=False)


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "n/a"


def garbled_figures(cases, fix_ours, show_misses: bool) -> dict:
    totals = defaultdict(lambda: [0, 0, 0])  # cases, ours, ftfy
    by_codec = defaultdict(lambda: [0, 0, 0])
    clean_changed = [0, 0]
    misses = []
    for case in cases:
        our_result = fix_ours(case.garbled)
        ftfy_result = theirs(case.garbled)
        if case.kind == "clean":
            clean_changed[0] += our_result != case.expected
            clean_changed[1] += ftfy_result != case.expected
            if our_result != case.expected:
                misses.append(("CHANGED CLEAN", case, our_result))
            continue
        for key, table in ((case.kind, totals), ("all garbled", totals), (case.codecs, by_codec)):
            row = table[key]
            row[0] += 1
            row[1] += our_result == case.expected
            row[2] += ftfy_result == case.expected
        if our_result != case.expected:
            misses.append(("MISS", case, our_result))
    if show_misses:
        for label, case, result in misses:
            print(f"{label} [{case.kind} {case.codecs}]\n  in : {case.garbled!r}\n  out: {result!r}\n  want: {case.expected!r}")
    return {"totals": totals, "by_codec": by_codec, "clean_changed": clean_changed,
            "clean": sum(c.kind == "clean" for c in cases)}


def ftfy_case_figures(fix_ours, show_misses: bool):
    data = ftfy_cases()
    if data is None:
        return None
    ftfy_passes = ours_passes = ours_where_ftfy = 0
    regressions = []
    for case in data:
        targets = {case["fixed"], case.get("fixed-encoding", case["fixed"])}
        ftfy_ok = ftfy.fix_text(case["original"]) == case["fixed"] or ftfy.fix_encoding(case["original"]) in targets
        our_result = fix_ours(case["original"])
        # we never straighten curly quotes; ftfy.fix_text does by default
        our_ok = our_result in targets or ftfy.fixes.uncurl_quotes(our_result) in targets
        ftfy_passes += ftfy_ok
        ours_passes += our_ok
        ours_where_ftfy += our_ok and ftfy_ok
        if ftfy_ok and not our_ok:
            regressions.append(case)
    if show_misses:
        for case in regressions:
            print(f"FTFY CASE ftfy passes, we do not: {case['label']}\n  in : {case['original']!r}\n"
                  f"  out: {fix_ours(case['original'])!r}")
    return len(data), ftfy_passes, ours_passes, ours_where_ftfy


def throughput(rules, ctx, repeat: int):
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    docs = [Document.from_text(t) for t in seeds] * repeat
    size = sum(len(d.text.encode("utf-8")) for d in docs)
    started = time.perf_counter()
    for doc in docs:
        check_document(Document.from_text(doc.text), rules.rules, ctx)
    seconds = time.perf_counter() - started
    mojibake = [r for r in rules.rules if r.id == "encoding.mojibake"]
    started = time.perf_counter()
    for doc in docs:
        check_document(Document.from_text(doc.text), mojibake, ctx)
    mojibake_seconds = time.perf_counter() - started
    return len(docs), size, seconds, mojibake_seconds


DEV_ARTICLES = ROOT.parent / "shared" / "data" / "boilerplate-dev" / "ground-truth.json"
# the code pages an English text is saved in: Windows Western and Central European,
# ISO Latin-1 and Latin-9, the old Mac's
LEGACY_ENCODINGS = ("cp1252", "latin_1", "iso8859_15", "mac_roman", "cp1250")


def detection_figures() -> list[tuple[str, int, int, int, Counter]] | None:
    """For each encoding: the articles that hold a character outside ASCII and encode in
    it, how many ``auto`` reads back exactly, how many it reads with only the same
    letters and punctuation changed (a sibling code page that agrees on them: Latin-1
    for Latin-9), and what it took them for."""
    import json

    from cleanup.document import detect_encoding

    if not DEV_ARTICLES.is_file():
        return None
    texts = [entry["articleBody"] for _key, entry in sorted(json.loads(DEV_ARTICLES.read_text("utf-8")).items())]
    rows = []
    for encoding in LEGACY_ENCODINGS:
        encodable = exact = 0
        taken_for: Counter = Counter()
        for text in texts:
            try:
                data = text.encode(encoding)
            except UnicodeEncodeError:
                continue
            if data.isascii():
                continue
            encodable += 1
            guess = detect_encoding(data)
            taken_for[guess] += 1
            try:
                exact += guess is not None and data.decode(guess) == text
            except (UnicodeDecodeError, LookupError):
                pass
        rows.append((encoding, encodable, exact, encodable - exact, taken_for))
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=200, help="copies of the seeds for throughput")
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args(argv)

    rules = load_rules(select=["encoding"])
    ctx = Context()
    fix_ours = ours(rules, ctx)
    cases = build_cases()
    started = time.perf_counter()
    figures = garbled_figures(cases, fix_ours, args.show_misses)
    elapsed = time.perf_counter() - started

    totals = figures["totals"]
    print(f"Encoding benchmark: {len(cases)} cases ({figures['clean']} clean sentences), {elapsed:.1f} s")
    print(f"{'cases':<28}{'n':>6}{'ours (--select encoding)':>26}{'ftfy.fix_text':>16}")
    for key in ("all garbled", "word", "sentence", "double"):
        n, mine, ftfys = totals[key]
        print(f"{key:<28}{n:>6}{percent(mine, n):>26}{percent(ftfys, n):>16}")
    changed, ftfy_changed = figures["clean_changed"]
    print(f"{'clean sentences changed':<28}{figures['clean']:>6}{changed:>26}{ftfy_changed:>16}")
    print("\nby code page (word + sentence + double)")
    for key in sorted(figures["by_codec"]):
        n, mine, ftfys = figures["by_codec"][key]
        print(f"  {key:<46}{n:>5}{percent(mine, n):>10}{percent(ftfys, n):>10}")

    ftfy_figures = ftfy_case_figures(fix_ours, args.show_misses)
    if ftfy_figures is None:
        print("\nftfy's test cases: not found (set CLEANUP_FTFY_CASES to ftfy's tests/test_cases.json)")
    else:
        total, ftfy_passes, ours_passes, both = ftfy_figures
        print(f"\nftfy's own test cases: {total}; ftfy passes {ftfy_passes}, we pass {ours_passes}; "
              f"of ftfy's passes we pass {both} (missing {ftfy_passes - both})")

    detection = detection_figures()
    if detection is None:
        print(f"\n--convert-encoding auto: not measured (no {DEV_ARTICLES})")
    else:
        print("\n--convert-encoding auto over the 91 dev article texts, each encoded in a legacy code page")
        print(f"  {'encoded in':<12}{'articles':>9}{'read back exactly':>19}   taken for")
        for encoding, encodable, exact, _wrong, taken_for in detection:
            taken = ", ".join(f"{name} {count}" for name, count in taken_for.most_common(4))
            print(f"  {encoding:<12}{encodable:>9}{exact:>10} = {percent(exact, encodable):>6}   {taken}")

    docs, size, seconds, mojibake_seconds = throughput(rules, ctx, args.repeat)
    print(f"\nthroughput, all encoding rules, seeds x {args.repeat}: {docs} documents, "
          f"{size / 1e6:.2f} MB in {seconds:.2f} s = {docs / seconds:,.0f} docs/s, {size / 1e6 / seconds:.2f} MB/s")
    print(f"throughput, encoding.mojibake alone, same documents: {mojibake_seconds:.2f} s = "
          f"{docs / mojibake_seconds:,.0f} docs/s, {size / 1e6 / mojibake_seconds:.2f} MB/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
