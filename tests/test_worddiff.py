"""The word diff: changes marked inside lines, at the engine's edits, with context."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from cleanup.document import Document, decode, sha256
from cleanup.engine import fix_document, replay
from cleanup.kinds.base import Context
from cleanup.model import AppliedEdit
from cleanup.ruleset import Ruleset
from cleanup.worddiff import diff_edits, visible, word_diff

from .conftest import SEEDS, run_cleanup

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def edit(text: str, old: str, new: str, rule: str = "names.variant", safe: bool = False, nth: int = 0) -> AppliedEdit:
    start = -1
    for _ in range(nth + 1):
        start = text.index(old, start + 1)
    return AppliedEdit(rule, start, start + len(old), old, new, safe)


def render(before: str, edits: list[AppliedEdit], **options) -> str:
    options.setdefault("color", False)
    options.setdefault("explain", False)
    return word_diff("doc.txt", before, replay(before, edits), edits, **options)


def body(diff: str) -> list[str]:
    """The lines of a diff after its file header."""
    return diff.splitlines()[2:]


def test_replacement_is_marked_inside_its_line_with_the_rule():
    text = "Title\n\nWhite House spokesman Jen Psaki said. Saki added more.\n\nLast line.\n"
    diff = render(text, [edit(text, "Saki", "Psaki")], explain=True)
    assert body(diff) == [
        "@@ -2,3 +2,3 @@",
        "",
        "White House spokesman Jen Psaki said. [-Saki-]{+Psaki+}⟨names.variant⟩ added more.",
        "",
    ]
    assert diff.startswith("--- a/doc.txt\n+++ b/doc.txt\n")


def test_nothing_changed_is_empty():
    assert word_diff("doc.txt", "same\n", "same\n", [], color=False, explain=True) == ""


def test_context_lines_and_separate_hunks():
    lines = [f"line {n} is here" for n in range(1, 13)]
    text = "\n".join(lines) + "\n"
    edits = [edit(text, "line 2 ", "line two "), edit(text, "line 10 ", "line ten ")]
    diff = render(text, edits, context=1)
    assert body(diff) == [
        "@@ -1,3 +1,3 @@",
        "line 1 is here",
        "[-line 2 -]{+line two +}is here",
        "line 3 is here",
        "@@ -9,3 +9,3 @@",
        "line 9 is here",
        "[-line 10 -]{+line ten +}is here",
        "line 11 is here",
    ]
    # with more context the two hunks touch and become one
    merged = render(text, edits, context=4)
    assert [line for line in body(merged) if line.startswith("@@")] == ["@@ -1,12 +1,12 @@"]


def test_whole_line_deletion_shows_the_removed_lines_on_their_own():
    text = "Title\n\nShare this article\n\nFirst paragraph.\n"
    start = text.index("Share")
    removal = AppliedEdit("boilerplate.share", start, text.index("First"), "Share this article\n\n", "", True)
    diff = render(text, [removal], explain=True)
    assert body(diff) == [
        "@@ -2,4 +2,2 @@",
        "",
        "[-Share this article-]",
        "[-↵-]⟨boilerplate.share⟩",
        "First paragraph.",
    ]


def test_last_line_removed_and_counts_without_context():
    text = "Keep this.\nCaption 2:47"
    removal = AppliedEdit("boilerplate.video-caption", 10, len(text), "\nCaption 2:47", "", False)
    assert body(render(text, [removal], context=0)) == ["@@ -1,2 +1 @@", "Keep this.[-↵Caption 2:47-]"]
    middle = "a\nShare\nb\n"
    gone = AppliedEdit("boilerplate.share", 2, 8, "Share\n", "", True)
    assert body(render(middle, [gone], context=0)) == ["@@ -2 +1,0 @@", "[-Share-]"]


def test_joined_and_split_lines():
    text = "The talks were\nheld in Geneva.\nNext.\n"
    join = AppliedEdit("mt.broken-line", text.index("\nheld"), text.index("held"), "\n", " ", True)
    assert body(render(text, [join], context=0)) == ["@@ -1,2 +1 @@", "The talks were[-↵-]{+ +}held in Geneva."]
    split = edit(text, " in", "\nin", "mt.x")
    assert body(render(text, [split], context=0)) == ["@@ -2 +2,2 @@", "held[- in-]{+↵+}", "{+in+} Geneva."]


def test_invisible_characters_are_spelled_out_in_changes_only():
    text = "News \u00a0/ \u00a0Military\tand\u200bmore\n"
    edits = [edit(text, " \u00a0", " ", "typography.multiple-spaces", True), edit(text, "\u200b", "", "encoding.invisible", True)]
    assert body(render(text, edits)) == ["@@ -1 +1 @@", "News[- <NBSP>-]{+ +}/ \u00a0Military\tand[-<ZWSP>-]more"]
    assert visible("a\u2009b\x07") == "a<U+2009>b<U+0007>"


def test_color_uses_ansi_and_marks_whitespace_with_a_background():
    text = "He said  that Saki left.\n"
    edits = [edit(text, "  ", " ", "typography.multiple-spaces", True), edit(text, "Saki", "Psaki")]
    diff = render(text, edits, color=True, explain=True)
    assert "[-" not in diff and "{+" not in diff
    assert "\x1b[41m  \x1b[m\x1b[42m \x1b[m" in diff  # spaces only: background colours
    assert "\x1b[31mSaki\x1b[m\x1b[32mPsaki\x1b[m" in diff
    assert ANSI.sub("", diff).splitlines()[-1] == "He said   ⟨typography.multiple-spaces⟩that SakiPsaki⟨names.variant⟩ left."


def test_merged_rules_are_all_named():
    text = "one two\n"
    merged = AppliedEdit("typography.a", 0, 3, "one", "ONE", True, ("typography.b",))
    assert "⟨typography.a, typography.b⟩" in render(text, [merged], explain=True)


def test_edits_that_do_not_explain_the_change_fall_back_to_a_word_diff():
    before, after = "The cat sat on the mat.\n", "The dog sat on a mat.\n"
    diff = word_diff("doc.txt", before, after, [], color=False, explain=True)
    assert body(diff) == ["@@ -1 +1 @@", "The [-cat-]{+dog+} sat on [-the-]{+a+} mat."]
    assert replay(before, diff_edits(before, after)) == after


def strip_marks(line: str, side: str) -> str:
    keep, drop = (r"\[-(.*?)-\]", r"\{\+(.*?)\+\}") if side == "old" else (r"\{\+(.*?)\+\}", r"\[-(.*?)-\]")
    return re.sub(keep, r"\1", re.sub(drop, "", line))


WORDS = st.lists(st.sampled_from(["alpha", "beta", "gamma", "delta", "x", "yy"]), min_size=1, max_size=6)


@st.composite
def documents_with_edits(draw):
    lines = [" ".join(draw(WORDS)) for _ in range(draw(st.integers(1, 8)))]
    text = "\n".join(lines) + draw(st.sampled_from(["", "\n"]))
    line_edits = []
    position = 0
    for line in lines:
        if draw(st.booleans()):
            a = draw(st.integers(0, len(line)))
            b = draw(st.integers(a, len(line)))
            new = draw(st.sampled_from(["", "zed", "q q", "alpha"]))
            if text[position + a : position + b] != new:
                line_edits.append(AppliedEdit("typography.t", position + a, position + b, text[position + a : position + b], new, True))
        position += len(line) + 1
    return text, line_edits


@settings(max_examples=150, deadline=None)
@given(documents_with_edits(), st.integers(0, 3))
# an edit that empties the last line, which has no line feed: the new side's line is
# the 4th of "alpha\nalpha\nalpha\n" read as lines split at line feeds (it said 3)
@example(("alpha\nalpha\nalpha\nalpha", [AppliedEdit("typography.t", 18, 23, "alpha", "", True)]), 0)
def test_each_hunk_line_reads_as_the_old_and_the_new_line(case, context):
    """Within-line edits: removing the marks one way gives the old lines, the other
    way the new lines, and the hunk headers give their numbers."""
    text, edits = case
    after = replay(text, edits)
    diff = word_diff("d", text, after, edits, color=False, explain=False, context=context)
    if text == after:
        assert diff == ""
        return
    old_lines, new_lines = text.split("\n"), after.split("\n")
    hunk = None
    for line in body(diff):
        header = re.fullmatch(r"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@", line)
        if header:
            old_at, new_at = int(header[1]) - 1, int(header[3]) - 1
            old_count, new_count = int(header[2] or 1), int(header[4] or 1)
            assert old_count == new_count  # no edit here adds or removes a line
            hunk = 0
            continue
        assert hunk is not None and hunk < old_count
        assert strip_marks(line, "old") == old_lines[old_at + hunk]
        assert strip_marks(line, "new") == new_lines[new_at + hunk]
        hunk += 1
    changed = {n for n, (a, b) in enumerate(zip(old_lines, new_lines)) if a != b}
    shown = set()
    for header in re.finditer(r"@@ -(\d+)(?:,(\d+))?", diff):
        first, count = int(header[1]) - 1, int(header[2] or 1)
        shown.update(range(first, first + count))
    assert changed <= shown


def test_seed_fix_word_diff_places_every_applied_edit():
    rules = Ruleset.load().rules
    marked = 0
    for path in sorted(SEEDS.glob("*.txt")):
        data = path.read_bytes()
        text, envelope = decode(data)
        doc = Document(str(path), text, envelope, digest=sha256(data))
        outcome = fix_document(doc, rules, Context(), unsafe=True)
        diff = word_diff(doc.path, text, outcome.text, outcome.edits, color=False, explain=True)
        assert bool(diff) == (outcome.text != text)
        for applied in outcome.edits:
            assert f"⟨{', '.join((applied.rule, *applied.also))}⟩" in diff
            marked += 1
    assert marked > 0, "the seeds give no fixes: this test checks nothing"


def test_cli_word_diff_with_explain(seeds_copy):
    result = run_cleanup("fix", "--diff", "--word-diff", "--explain", "--color", "never", seeds_copy)
    output = result.stdout.decode("utf-8")
    assert result.returncode in (0, 1), result.stderr.decode()
    assert "+++ b/" in output and "⟨" in output and "\x1b[" not in output
    assert re.search(r"\[-.*?-\]|\{\+.*?\+\}", output)
    colored = run_cleanup("fix", "--diff", "--word-diff", "--color", "always", seeds_copy).stdout.decode("utf-8")
    assert "\x1b[31m" in colored and "⟨" not in colored
    for path in SEEDS.glob("*.txt"):  # --diff writes nothing
        assert (seeds_copy / path.name).read_bytes() == path.read_bytes()
