"""Regressions found by an audit of the editors' workflow: the word diff and the review page.

The word diff must not let a document drive the terminal it is read on, must not draw an
accent on a bracket, and must show every removed blank line; the review page must reject
every proposal an accepted one overlaps, stay quick with 20,000 findings, and export
records whose ids repeat so that ``cleanup apply`` can apply them.
"""

from __future__ import annotations

import json
import re
import shutil
import statistics
import sys
import time

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cleanup.document import Document, decode, sha256
from cleanup.engine import fix_document, replay
from cleanup.kinds.base import Context
from cleanup.model import AppliedEdit, Finding, Fix, Severity
from cleanup.review import build_page, page_data
from cleanup.ruleset import Ruleset
from cleanup.worddiff import hunks, word_diff

from .conftest import SEEDS, run_cleanup
from .test_interactive import run_in_terminal
from .test_worddiff import body, render
from .test_review_browser import browser, export, open_page, statuses  # noqa: F401 (fixtures)

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def applied(text: str, start: int, end: int, after: str, rule: str = "r.x") -> AppliedEdit:
    return AppliedEdit(rule, start, end, text[start:end], after, True)


# ---------- the word diff and the terminal ----------

def test_escape_sequences_inside_a_change_are_spelled_out():
    text = "The \x1b[2J\x1b]0;PWNED\x07 title.\n"
    start = text.index("\x1b")
    removal = applied(text, start, text.index(" title"), "", "encoding.control-char")
    diff = render(text, [removal])
    assert "\x1b" not in diff and "\x07" not in diff
    assert body(diff) == ["@@ -1 +1 @@", "The [-<U+001B>[2J<U+001B>]0;PWNED<U+0007>-] title."]


def test_unchanged_text_and_file_names_cannot_drive_the_terminal():
    text = ("Title\x1b]0;PWNED\x07 here.\n"
            "Jen Saki said \x1b[2J\x1b[31mred, \u202eevil\u202c and\rover.\n")
    start = text.index("Saki")
    edit = applied(text, start, start + 4, "Psaki", "names.variant")
    name = "doc\x1b[31m\n.txt"
    for color in (False, True):
        diff = word_diff(name, text, replay(text, [edit]), [edit], color=color, explain=True)
        own = ANSI.sub("", diff)  # the colours the diff itself draws
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", own), repr(own)
        assert "Title<U+001B>]0;PWNED<U+0007> here." in own
        assert "said <U+001B>[2J<U+001B>[31mred, <U+202E>evil<U+202C> and<CR>over." in own
        assert own.startswith("--- a/doc<U+001B>[31m<U+000A>.txt\n+++ b/doc<U+001B>[31m<U+000A>.txt\n")
    # printable text, tabs and no-break spaces are still shown as they are
    plain = "a\tb \u00a0c  d\n"
    assert body(render(plain, [applied(plain, 6, 8, " ")])) == ["@@ -1 +1 @@", "a\tb \u00a0c[-  -]{+ +}d"]


def test_cli_word_diff_of_a_hostile_document_writes_no_escape(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_text("The title\x1b]0;PWNED\x07 here.\nHe said  hello \x1b[2J.\n", encoding="utf-8")
    result = run_cleanup("fix", "--diff", "--word-diff", "--color", "never", "-q", path)
    assert result.returncode == 1, result.stderr.decode()
    assert b"\x1b" not in result.stdout and b"\x07" not in result.stdout
    assert b"<U+001B>" in result.stdout


def test_plain_diff_spells_out_escapes_on_a_terminal_only(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_text("The title\x1b]0;PWNED\x07 here.\nHe said  hello.\n", encoding="utf-8")
    argv = [sys.executable, "-m", "cleanup", "fix", "--diff", "-q", "--select", "typography", path.name]
    shown = run_in_terminal(argv, [], cwd=tmp_path)
    assert "+He said hello." in shown
    assert "\x1b" not in shown and "\x07" not in shown and " The title<U+001B>]0;PWNED<U+0007> here." in shown
    piped = run_cleanup("fix", "--diff", "-q", "--select", "typography", path.name, cwd=tmp_path)
    assert b" The title\x1b]0;PWNED\x07 here.\n" in piped.stdout  # what `patch` reads


def test_word_diff_colours_a_terminal_unless_no_color_is_set(tmp_path):
    (tmp_path / "doc.txt").write_text("He said  hello.\n", encoding="utf-8")
    argv = [sys.executable, "-m", "cleanup", "fix", "--diff", "--word-diff", "-q", "doc.txt"]
    assert ANSI.search(run_in_terminal(argv, [], cwd=tmp_path))
    plain = run_in_terminal(argv, [], cwd=tmp_path, environment={"NO_COLOR": "1"})
    assert "He said[-  -]{+ +}hello." in plain and not ANSI.search(plain)
    # asked for, colour is given whatever the environment says
    argv.insert(-1, "--color=always")
    assert ANSI.search(run_in_terminal(argv, [], cwd=tmp_path, environment={"NO_COLOR": "1"}))


# ---------- the word diff: combining accents ----------

def test_a_change_takes_in_the_letter_of_its_combining_accent():
    decomposed = "Cafe\u0301 noir\n"
    accent = applied(decomposed, 4, 5, "")
    assert body(render(decomposed, [accent])) == ["@@ -1 +1 @@", "Caf[-e\u0301-]{+e+} noir"]
    before_mark = "e\u0301x\n"  # an accent added between a letter and its accent
    assert body(render(before_mark, [applied(before_mark, 1, 1, "\u0300")])) == \
        ["@@ -1 +1 @@", "[-e\u0301-]{+e\u0300\u0301+}x"]
    emoji = "I \u2764\ufe0f it\n"  # a variation selector removed: invisible on its own
    assert body(render(emoji, [applied(emoji, 3, 4, "")], explain=True)) == \
        ["@@ -1 +1 @@", "I [-\u2764\ufe0f-]{+\u2764+}⟨r.x⟩ it"]
    # a ZWJ is spelled out, so a change of one inside an emoji sequence stays as it is
    family = "\U0001F468\u200d\U0001F469 here\n"
    assert body(render(family, [applied(family, 1, 2, "")])) == ["@@ -1 +1 @@", "\U0001F468[-<ZWJ>-]\U0001F469 here"]


# ---------- the word diff: removed line breaks and blank lines ----------

TOKEN = re.compile(r"\[-(.*?)-\]|\{\+(.*?)\+\}|([^\[\{]+|[\[\{])")


def read_back(lines: list[str]) -> tuple[str, set[str]]:
    """The old text and the possible new texts of a hunk's lines, read as docs/review.md
    says: ``↵`` in a change is a line break; a line that ends in one ends at it; a line of
    removals only is a removed line (or, the same to the eye, a line whose text is removed);
    any other line ends in a line break of both texts."""
    old, news = "", {""}
    for line in lines:
        tokens = [("del", m[1]) if m[1] is not None else ("ins", m[2]) if m[2] is not None else ("eq", m[3])
                  for m in TOKEN.finditer(line)]
        o = "".join(t.replace("↵", "\n") for kind, t in tokens if kind != "ins")
        n = "".join(t.replace("↵", "\n") for kind, t in tokens if kind != "del")
        kind, last = tokens[-1] if tokens else ("eq", "")
        if kind != "eq" and last.endswith("↵"):
            breaks = ("", {""})
        elif tokens and all(k == "del" for k, _ in tokens):
            breaks = ("\n", {"", "\n"})
        else:
            breaks = ("\n", {"\n"})
        old += o + breaks[0]
        news = {x + n + b for x in news for b in breaks[1]}
    return old, news


def lines_of(text: str, first: int, count: int) -> str:
    return "".join(line + "\n" for line in text.split("\n")[first - 1 : first - 1 + count])


def assert_reads_back(before: str, edits: list[AppliedEdit], context: int = 1) -> None:
    after = replay(before, edits)
    for hunk in hunks(before, after, edits, context=context):
        header, *lines = hunk.rstrip("\n").split("\n")
        m = re.fullmatch(r"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@", header)
        old_count, new_count = int(m[2] or 1) if m[2] != "0" else 0, int(m[4] or 1) if m[4] != "0" else 0
        old, news = read_back(lines)
        want_old = lines_of(before, int(m[1]) + (old_count == 0), old_count)
        want_new = lines_of(after, int(m[3]) + (new_count == 0), new_count)
        assert old.rstrip("\n") == want_old.rstrip("\n"), hunk
        assert want_new.rstrip("\n") in {n.rstrip("\n") for n in news}, hunk


def test_line_breaks_removed_after_a_line_show_every_blank_line():
    blank = "a\n\n\nb\n"  # two blank lines taken out from the end of "a"
    assert body(render(blank, [applied(blank, 1, 3, "")])) == ["@@ -1,4 +1,2 @@", "a", "[-↵-]", "[-↵-]", "b"]
    tail = "fight.\n\nLeave a Comment\n\nThis site uses Akismet."  # the end of the text
    removal = applied(tail, 6, len(tail), "", "boilerplate.known-line")
    assert body(render(tail, [removal], explain=True)) == [
        "@@ -1,5 +1 @@", "fight.[-↵-]", "[-↵-]", "[-Leave a Comment-]", "[-↵-]",
        "[-This site uses Akismet.-]⟨boilerplate.known-line⟩"]
    line = "a\nShare\nb\n"  # "\nShare" is "Share\n" one line down: a whole line
    assert body(render(line, [applied(line, 1, 7, "")])) == ["@@ -1,3 +1,2 @@", "a", "[-Share-]", "b"]
    spaces = "a  \n\n\nb\n"  # trailing spaces and a blank line, one break kept
    assert body(render(spaces, [applied(spaces, 1, 5, "\n")])) == ["@@ -1,3 +1,2 @@", "a[-  ↵-]", "[-↵-]", "{+↵+}", ""]
    for case in (blank, tail, line, spaces):
        assert_reads_back(case, [applied(case, 1, len(case) - 1, "")])


PIECES = ["a", "bb", " ", "\n", "\n\n", "cc dd", "x"]


@st.composite
def documents_with_edits(draw):
    text = "".join(draw(st.lists(st.sampled_from(PIECES), min_size=1, max_size=10)))
    points = sorted(draw(st.lists(st.integers(0, len(text)), min_size=2, max_size=6)))
    edits: list[AppliedEdit] = []
    for start, end in zip(points[::2], points[1::2]):
        after = draw(st.sampled_from(["", " ", "\n", "z", "y\n", "\nq"]))
        if (edits and start <= edits[-1].end) or text[start:end] == after:
            continue
        edits.append(applied(text, start, end, after))
    return text, edits


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(documents_with_edits(), st.integers(0, 2))
@example(("x\n\nbb", [AppliedEdit("r.x", 1, 5, "\n\nbb", "\nq", True)]), 1)
@example((" \n\nx", [AppliedEdit("r.x", 1, 3, "\n\n", "z", True)]), 0)
@example(("a \n\n cc dd\n", [AppliedEdit("r.x", 1, 3, " \n", "", True)]), 1)
def test_every_hunk_reads_back_as_the_old_and_the_new_lines(case, context):
    """Edits across lines too (test_worddiff.py has those within a line)."""
    text, edits = case
    if edits:
        assert_reads_back(text, edits, context)


def test_seed_boilerplate_at_the_end_shows_its_blank_lines():
    path = SEEDS / "003_5a32eef5980db437.txt"
    data = path.read_bytes()
    text, envelope = decode(data)
    doc = Document(str(path), text, envelope, digest=sha256(data))
    outcome = fix_document(doc, Ruleset.load().rules, Context())
    lines = word_diff("003.txt", text, outcome.text, outcome.edits, color=False, explain=False).splitlines()
    at = lines.index("[-Leave a Comment-]")
    assert lines[at - 2].endswith("fight.”[-↵-]") and lines[at - 1] == "[-↵-]" and lines[at + 1] == "[-↵-]"
    assert_reads_back(text, outcome.edits)


# ---------- the review page ----------

@pytest.mark.slow
def test_accepting_a_proposal_rejects_every_one_it_overlaps(open_page):
    text = "one two three four five six seven eight nine ten.\n"
    findings = [Finding("boilerplate.line", "the whole line", 0, len(text), Severity.WARNING,
                        Fix.replace(0, len(text), "", safe=False))]
    position = 0
    for word in text[:-2].split():
        start = text.index(word, position)
        position = start + len(word)
        findings.append(Finding("typography.word", "a word", start, position, Severity.INFO,
                                Fix.replace(start, position, word.upper(), safe=True)))
    doc = Document.from_text(text, "words.txt")
    line_id = next(i["id"] for i in page_data([(doc, findings)], title="t")["documents"][0]["items"]
                   if i["rule"] == "boilerplate.line")
    page = open_page(build_page([(doc, findings)]))
    assert statuses(page)[line_id] == "rejected"  # the safe words start accepted
    for _ in range(line_id + 1):
        page.keyboard.press("j")
    page.keyboard.press("a")
    state = statuses(page)
    assert state[line_id] == "accepted"
    assert all(status == "rejected" for item, status in state.items() if item != line_id), state
    (document,) = export(page)["documents"]
    assert [(e["start"], e["end"], e["after"]) for e in document["edits"]] == [(0, len(text), "")]
    assert page.problems == []


def many_proposals(count: int) -> tuple[Document, list[Finding]]:
    line = "Jen Saki said  it.\n"
    findings = []
    for index in range(count):
        start = index * len(line) + 4
        findings.append(Finding("names.variant", "Saki", start, start + 4, Severity.WARNING,
                                Fix.replace(start, start + 4, "Psaki", safe=index % 2 == 0)))
    return Document.from_text(line * count, "big.txt"), findings


def drawn(page) -> str:
    return page.evaluate("""() => [...document.querySelectorAll('#doc-text [class]')].map(e =>
        [e.tagName, e.className.replace(/ ?selected/, ''), e.textContent, (e.itemIds || []).join()].join('|')).join('\\n')""")


@pytest.mark.slow
def test_twenty_thousand_findings_stay_usable(open_page):
    doc, findings = many_proposals(20_000)
    page = open_page(build_page([(doc, findings)]))
    page.keyboard.press("j")
    took = []
    for key in "rarar":
        began = time.monotonic()
        page.keyboard.press(key)
        page.evaluate("() => document.body.offsetHeight")  # the page laid out again
        took.append(time.monotonic() - began)
    assert statistics.median(took) < 1.0, took  # it was over 2 s a key press
    state = statuses(page)
    assert [state[i] for i in range(5)] == ["rejected", "accepted", "rejected", "accepted", "rejected"]
    # what the decisions redrew is what drawing the document anew draws
    redrawn = drawn(page)
    page.select_option("#filter-safety", "safe")
    page.select_option("#filter-safety", "")
    assert drawn(page) == redrawn
    assert page.text_content("#doc-path") == "big.txt" and page.problems == []


@pytest.mark.slow
def test_records_with_repeated_ids_export_their_lines_and_apply(open_page, tmp_path):
    corpus = tmp_path / "recs.jsonl"
    records = [{"id": "a", "text": "Kiev is  big.", "n": 1}, {"id": "a", "text": "He said  so.", "n": 2},
               {"id": "b", "text": "Fine  text."}]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    expected = tmp_path / "expected"
    expected.mkdir()
    shutil.copy(corpus, expected / corpus.name)
    assert run_cleanup("fix", corpus.name, "--max-passes", "1", "-q", cwd=expected).returncode == 0
    result = run_cleanup("review", corpus.name, "-o", "page.html", "-q", cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    page = open_page((tmp_path / "page.html").read_text(encoding="utf-8"))
    data = export(page)
    assert [(d["path"], d["line"]) for d in data["documents"]] == [
        ("recs.jsonl#a", 1), ("recs.jsonl#a", 2), ("recs.jsonl#b", 3)]
    (tmp_path / "edits.json").write_text(json.dumps(data), encoding="utf-8")
    applied_run = run_cleanup("apply", "edits.json", cwd=tmp_path)
    assert applied_run.returncode == 0, applied_run.stderr.decode()
    assert corpus.read_bytes() == (expected / corpus.name).read_bytes()
    assert page.problems == []


def test_page_data_carries_a_record_line_only_when_given():
    doc = Document.from_text("Kiev is big.\nSecond line here.\n", "c.jsonl#7")
    finding = Finding("names.variant", "Kiev", 0, 4, Severity.WARNING, Fix.replace(0, 4, "Kyiv", safe=True))
    with_line, without = page_data([(doc, [finding], {"line": 12}), (doc, [finding])], title="t")["documents"]
    assert with_line["exported"] == {"line": 12} and "exported" not in without
