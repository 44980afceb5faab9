"""Kind ``line``: a whole line that is page furniture, removed with its line break."""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

import regex

from ..pagelayout import CACHED_TEXTS, CLOSERS, SENTENCE_WORDS, page_lines, short_rows, structured_safety
from ..textcache import per_text
from ..phrasematch import PhraseMatcher
from ..model import Edit
from .base import Param, Rule, compile_pattern, data_error, register

MATCH_MODES = ("exact", "prefix", "contains")
# characters that a case-insensitive regex equates with an ASCII letter though str.lower
# does not turn them into it (the long s folds to "s"; the dotted and dotless i)
CASE_ODD = "ſİı"
FULL_STOPS = ".!…。！"


def rows_holding(text: str, starts: list[int], literals) -> set[int]:
    """The positions of the lines (starting at ``starts`` in ``text``, joined by line
    feeds, with one start more past the end) that hold one of ``literals``: a str.find
    scan of the whole text per literal (in C, faster here than an automaton pass over the
    code points), resumed at the next line after a hit."""
    last = len(starts) - 2
    find = text.find
    hit: set[int] = set()
    for literal in literals:
        position = find(literal)
        while position != -1:
            row = bisect_right(starts, position) - 1
            hit.add(row)
            if row >= last:
                break
            position = find(literal, starts[row + 1])
    return hit


def joined_lines(lines: list[str], lowered: bool) -> tuple[str | None, list[int]]:
    """``lines`` joined by line feeds (lowercased with ``lowered``), and where each starts
    in the join (with one start more past the end). None for the join where lowercasing
    would not do: the pattern ignores case by simple case folding, and str.lower agrees
    with it on what can meet an ASCII literal but for ``CASE_ODD``, and must keep
    offsets."""
    joined = "\n".join(lines)
    starts = [0, *accumulate(len(line) + 1 for line in lines)]
    if lowered:
        lowercase = joined.lower()
        if len(lowercase) != len(joined) or (not joined.isascii() and any(c in joined for c in CASE_ODD)):
            return None, starts
        joined = lowercase
    return joined, starts


# the rules of the kind with ``requires`` literals search the same short lines of a document
@per_text(maxsize=CACHED_TEXTS)
def joined_short_lines(text: str, limit: int, lowered: bool) -> tuple[str | None, list[int]]:
    """``joined_lines`` of the lines of ``short_rows(text, limit)``."""
    return joined_lines(short_rows(text, limit).lines, lowered)


@register
class LineRule(Rule):
    kind = "line"
    PARAMS = {
        "pattern": Param(str, None, doc="regex that must match the whole stripped line"),
        "phrases": Param(list, [], doc="lines that are one of these phrases"),
        "match": Param(str, "exact", doc="how a phrase meets the line: exact, prefix (never a line that starts in lowercase), contains"),
        "ignorecase": Param(bool, True),
        "strip": Param(str, " \t\u00a0.:!|-–—•*·", doc="characters ignored at both ends of a line"),
        "max_length": Param(int, 300, doc="longer lines are never removed"),
        "requires": Param(list, [], doc="literals of which every line the pattern matches holds one (ignoring "
                                        "case as the rule does): only lines holding one are tried"),
        "timeout": Param(float, 1.0),
        "headings": Param(list, [], doc="phrases that also head a section of prose (\"About\", \"Privacy\"): "
                                        "not furniture where a blank line sets them apart above a paragraph and the "
                                        "non-blank line before is no furniture"),
        "keep_after": Param(str, None, doc="regex: a line is kept when the nearest non-blank line above it "
                                           "matches it (searched), e.g. ',$' for a line that completes the one "
                                           "above (a letter's place, then its date)"),
    }

    def setup(self) -> None:
        if self.params["match"] not in MATCH_MODES:
            problem = ValueError(f"'match' must be one of {', '.join(MATCH_MODES)}")
            problem.key = "match"
            raise problem
        if self.params["pattern"] is None and not self.params["phrases"]:
            problem = ValueError("give 'pattern' or 'phrases'")
            problem.key = None
            raise problem
        self.pattern = None
        if self.params["pattern"] is not None:
            flags = regex.IGNORECASE if self.params["ignorecase"] else 0
            self.pattern = compile_pattern(self.params["pattern"], flags)
        self.requires = None
        self.requires_chars = ""
        if self.params["requires"]:
            if not self.params["pattern"] or self.params["phrases"]:
                raise data_error("'requires' is for a rule with a 'pattern' and no 'phrases'", "requires")
            if not all(isinstance(item, str) and item and "\n" not in item for item in self.params["requires"]):
                raise data_error("'requires' lists an empty string or a line break", "requires")
            fold = str.lower if self.params["ignorecase"] else str
            literals = {fold(item) for item in self.params["requires"]}
            self.requires_chars = "".join(sorted(literals)) if all(len(item) == 1 for item in literals) else ""
            # one search of a line for any of the characters (stdlib: a plain class)
            if self.requires_chars:
                self.requires_class = re.compile("[" + "".join(map(re.escape, self.requires_chars)) + "]")
            self.requires = tuple(sorted(literals))
        self.matcher = PhraseMatcher(
            self.params["phrases"], ignorecase=self.params["ignorecase"], whole_word=True
        )
        self.headings = self._headings()
        self.keep_after = None
        if self.params["keep_after"] is not None:
            self.keep_after = compile_pattern(self.params["keep_after"], 0, key="keep_after")

    def _headings(self) -> frozenset[str]:
        fold = str.casefold if self.params["ignorecase"] else str
        headings = frozenset(map(fold, self.params["headings"]))
        unknown = headings - set(map(fold, self.params["phrases"]))
        if unknown:
            raise data_error(f"'headings' lists what 'phrases' does not: {', '.join(sorted(unknown))}", "headings")
        return headings

    def kept_after(self, doc, index: int) -> bool:
        """Whether line ``index`` is kept for the nearest non-blank line above it, which
        ``keep_after`` matches."""
        if self.keep_after is None:
            return False
        page = page_lines(doc.text)
        above = page.neighbours(index)[0]
        return above is not None and self.keep_after.search(page.stripped[above], timeout=self.params["timeout"]) is not None

    def line_matches(self, stripped: str) -> str | None:
        """The phrase or pattern text that makes this stripped line furniture, if any."""
        if self.pattern is not None and self.pattern.fullmatch(stripped, timeout=self.params["timeout"]):
            return stripped
        if len(self.matcher):
            mode = self.params["match"]
            if mode == "exact":
                hit = self.matcher.fullmatch(stripped)
                return hit[0] if hit else None
            if mode == "prefix" and stripped[:1].islower():
                return None  # "back to its built-in …": a wrapped sentence goes on, no prompt starts
            for start, _end, phrase, _value in self.matcher.finditer(stripped):
                if mode == "contains" or start == 0:
                    return phrase
        return None

    def candidate_lines(self, doc, lines):
        """The entries of ``lines`` (rows of ``pagelayout.short_rows``: the lines short
        enough to remove) that can be furniture: those that can match, but for a heading
        before prose (``heads_prose``)."""
        rows = self.matchable_lines(doc, lines)
        if not self.headings or not rows:
            return rows
        return [row for row in rows if not self.heads_prose(doc, row)]

    def heads_prose(self, doc, row) -> bool:
        """Whether the line of ``row`` is one of ``headings`` that heads a paragraph: set
        apart from the text above by a blank line (a menu stacks its items), over a line
        that ends in a full stop (a paragraph; a headline seldom does), and not below
        other furniture. "About" or "Privacy" over a README's or an essay's paragraph is
        the section's title; in a page's menu the same word stands among other links."""
        stripped = row[3].strip(self.params["strip"])
        if (stripped.casefold() if self.params["ignorecase"] else stripped) not in self.headings:
            return False
        page = page_lines(doc.text)
        index = row[0]
        if page.position[index] < 0 or (index > 0 and page.stripped[index - 1]):
            return False
        previous, following = page.neighbours(index)
        if following is None or not (page.words[following] >= SENTENCE_WORDS
                                     and page.stripped[following].rstrip(CLOSERS)[-1:] in FULL_STOPS):
            return False
        if previous is None:
            return True
        before = page.stripped[previous].strip(self.params["strip"])
        return not before or self.line_matches(before) is None

    def matchable_lines(self, doc, lines):
        """The entries of ``lines`` that can match: those holding a ``requires`` literal
        (found by ``str.find`` over the text of these lines, not a regex per line), or all
        of them."""
        if self.requires is None or not lines:
            return lines
        if self.requires_chars:
            # a figure or a separator occurs in many lines: test each line (in C), not
            # each occurrence
            search = self.requires_class.search
            if self.params["ignorecase"] and self.requires_chars.lower() != self.requires_chars.upper():
                return [row for row in lines if search(row[3].lower())]
            return [row for row in lines if search(row[3])]
        limit, lowered = self.params["max_length"], self.params["ignorecase"]
        # the rows of ``short_rows`` themselves (this kind's check) have their join cached;
        # a subset (a margin rule's placed rows) is joined anew
        if lines is short_rows(doc.text, limit):
            text, starts = joined_short_lines(doc.text, limit, lowered)
        else:
            text, starts = joined_lines([row[3] for row in lines], lowered)
        if text is None:
            return lines
        return [lines[position] for position in sorted(rows_holding(text, starts, self.requires))]

    def check(self, doc, ctx):
        strip = self.params["strip"]
        safe = None
        for index, start, end, line in self.candidate_lines(doc, short_rows(doc.text, self.params["max_length"])):
            stripped = line.strip(strip)
            if not stripped or self.line_matches(stripped) is None or self.kept_after(doc, index):
                continue
            if safe is None:
                safe = structured_safety(doc.text)
            remove_start, remove_end = doc.line_removal(index)
            yield self.finding(
                start,
                end,
                edits=[Edit(remove_start, remove_end, "")],
                match=line.strip(),
                safe=safe,
            )
