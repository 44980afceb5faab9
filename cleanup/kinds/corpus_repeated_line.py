"""Kind ``corpus-repeated-line``: a line that recurs verbatim in several documents of a
run (a site's template: its name, footer, newsletter box). Corpus-level: the first pass
counts, per line, the documents it occurs in; the second removes the lines that reach the
threshold.

Line keys are stable hashes (not ``hash()``, which differs between processes), so the
per-document statistics can be gathered in worker processes or on a Ray cluster. Exact
duplicate documents count once, and so do copies of one story (a syndicated article on
several sites, each in its own template), told by the sentences of their paragraphs
(``story_hashes``): a story's own lines are then counted once, never as a template.
"""

from __future__ import annotations

import hashlib
from collections import Counter

import regex

from .. import spill
from ..pagelayout import PROSE_WORDS, layout, line_removal_findings, line_word_counts, page_lines, table_rows
from ..textcache import per_text
from .base import Param, TallyingRule, register
from .layout_params import mentioned

from .repeated_line import line_key


TITLED_ROWS = 1  # a title over this many table rows is the title of a table


def stable_hash(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest()  # a JSONL text may hold a lone surrogate


# Several corpus rules read the same document one after the other, in each pass
@per_text(maxsize=4)
def gathered_word_counts(text: str, cap: int) -> list[int]:
    return line_word_counts(text, cap)


# The first pass counts words only as far as this (or a rule's max_words when larger):
# one count serves the rules, and a long paragraph is not counted to its end.
GATHERED_WORDS = 64


@per_text(maxsize=4)
def document_digest(text: str) -> bytes:
    return stable_hash(text)


# A document's least sentence hashes kept (4 bytes each: memory per document, not per
# sentence); it is a copy of a story seen before when that many of them were seen before.
# Copies of one story share nearly all of their least hashes; pages of one site that
# share a block of teasers or a notice, a few. Chosen on the boilerplate dev pages, with
# a third of their articles copied into two other pages' templates (bench/boilerplate.py).
STORY_HASHES = 5
STORY_MATCH = 4
STORY_LINE_WORDS = 12  # a story's sentences are read in its lines of more words
STORY_SENTENCES = 30  # and only its first so many: a copy keeps its story's beginning, and
# text added to it (a related-story list, a comment thread) does not outweigh the story


@per_text(maxsize=4)
def story_hashes(text: str, story_words: int) -> tuple[int, ...]:
    """What copies of one story share: the least hashes of its first sentences of at
    least ``story_words`` words in lines of more than ``STORY_LINE_WORDS`` words. A
    syndicated copy, in another site's template and with its paragraphs joined or split
    anew, keeps those sentences, so the least hashes of one copy are nearly all among
    another's. Without such a sentence (or with ``story_words`` 0), the digest of the
    whole text."""
    if story_words:
        words, lines = gathered_word_counts(text, GATHERED_WORDS), gathered_lines(text)
        # sentences cut at ". " (of story_words words: story_words - 1 spaces), a line's
        # at a time, until there are enough
        spaces = story_words - 1
        sentences: list[str] = []
        for index, count in enumerate(words):
            if count > STORY_LINE_WORDS:
                sentences += [sentence for sentence in line_key(lines[index]).split(". ")
                              if sentence.count(" ") >= spaces]
                if len(sentences) >= STORY_SENTENCES:
                    break
        # with their full stops dropped: the last sentence of a paragraph then reads the
        # same alone and joined to the next paragraph. blake2b, not CRC-32: the least
        # CRCs of similar sentences are not independent (CRC is linear), and copies were
        # recognised less often with them
        hashes = {int.from_bytes(stable_hash(sentence.rstrip("."))[:4], "big")
                  for sentence in sentences[:STORY_SENTENCES]}
        if hashes:
            return tuple(sorted(hashes)[:STORY_HASHES])
    return (int.from_bytes(document_digest(text), "big"),)


@per_text(maxsize=4)
def gathered_lines(text: str) -> list[str]:
    """The lines of ``text`` as ``Document.lines`` numbers them, but for a carriage
    return before a line feed, which ``line_key`` drops as white space anyway."""
    return text.split("\n")


@per_text(maxsize=4)
def line_hashes(text: str) -> dict[int, bytes]:
    """The line keys of ``text`` hashed so far (line index -> hash), filled in as asked."""
    return {}


# (story hash, document) and (line key, document or -count): see LineTally
STORY_RECORD = spill.fixed("<QQ")
LINE_RECORD = spill.fixed("<8sq")


class LineTally:
    """The first pass's running total: the stories seen, and for each line key the
    documents it occurs in. A copy of a story seen before adds nothing (its template
    lines are counted in the other documents of its site). Past ``spill.SPILL_AFTER``
    entries the rest of the pass goes to disk (``spill.Spill``) and is counted at the end,
    with the same result."""

    def __init__(self) -> None:
        self.seen: set[int] = set()
        self.counts: Counter = Counter()
        self.stories: spill.Spill | None = None  # (story hash, document); document 0: seen before spilling
        self.lines: spill.Spill | None = None  # (line key, document), or (line key, -count before spilling)
        self.story_sizes = bytearray(1)  # of each document since spilling, from 1 on

    def add(self, story: tuple[int, ...], keys) -> None:
        if self.stories is None:
            if sum(h in self.seen for h in story) < min(len(story), STORY_MATCH):
                self.counts.update(keys)
            self.seen.update(story)
            if len(self.seen) + len(self.counts) > spill.SPILL_AFTER:
                self._spill()
            return
        document = len(self.story_sizes)
        self.story_sizes.append(min(len(story), 255))
        for h in story:
            self.stories.add(h % spill.PARTITIONS, h, document)
        for key in keys:
            self.lines.add(key[0] % spill.PARTITIONS, key, document)

    def _spill(self) -> None:
        self.stories, self.lines = spill.Spill(STORY_RECORD), spill.Spill(LINE_RECORD)
        for h in self.seen:
            self.stories.add(h % spill.PARTITIONS, h, 0)
        for key, count in self.counts.items():
            self.lines.add(key[0] % spill.PARTITIONS, key, -count)
        self.seen, self.counts = set(), Counter()

    def repeated(self) -> dict[bytes, int]:
        """The keys of lines in two or more documents (copies of a story left out), with
        the number of documents."""
        if self.stories is None:
            return {key: count for key, count in self.counts.items() if count >= 2}
        # a document is a copy when STORY_MATCH of its story's hashes (or all, when it
        # has fewer) were seen in a document before it: every record of a hash but the
        # first, in document order, is a hash seen before
        seen_before = bytearray(len(self.story_sizes))
        for records in self.stories.partitions():
            records.sort()
            previous = None
            for h, document in records:
                if h == previous and seen_before[document] < 255:
                    seen_before[document] += 1
                previous = h
        sizes = self.story_sizes
        repeated: dict[bytes, int] = {}
        for records in self.lines.partitions():
            counts: Counter = Counter()
            for key, document in records:
                if document < 0:
                    counts[key] -= document
                elif seen_before[document] < min(sizes[document], STORY_MATCH):
                    counts[key] += 1
            repeated.update((key, count) for key, count in counts.items() if count >= 2)
        return repeated


def is_paragraph(features, index: int) -> bool:
    words = features.words[index]
    return (words >= PROSE_WORDS and features.ends[index]) or words >= 2 * PROSE_WORDS


def in_paragraph_run(features, index: int) -> bool:
    """Whether line ``index`` is a paragraph with another paragraph just before or after
    it (the nearest non-blank lines)."""
    if not is_paragraph(features, index):
        return False
    rank = features.position[index]
    neighbours = features.nonblank[max(rank - 1, 0) : rank] + features.nonblank[rank + 1 : rank + 2]
    return any(is_paragraph(features, other) for other in neighbours)


HEADING_WORDS = 6  # a heading or a subheading, each of at most this many words


def heads_a_section(features, index: int) -> bool:
    """Whether line ``index`` reads as a line of the text's own: a heading between two
    paragraphs ("WAR DEPARTMENT.", "The bottom line"), or with a subheading ("Income
    Security" over "WELFARE REFORM", one of them in capitals), or a lead-in ending in a
    colon just before a paragraph ("Gentlemen of the Congress:"). A long document of one
    genre repeats these (a State of the Union address its salutation and its sections);
    a site's template lines stand among other short lines, or open the page with no
    paragraph before them, and a colon there leads into a list of links ("Share this:")."""
    before, after = features.neighbours(index)
    if after is not None and is_paragraph(features, after) and features.stripped[index].endswith(":"):
        return True
    if between_paragraphs(features, index, index):
        return True
    return any(other is not None and is_stacked_heading(features, min(index, other), max(index, other))
               for other in (before, after))


def between_paragraphs(features, first: int, last: int) -> bool:
    """Whether the nearest non-blank lines before line ``first`` and after line ``last``
    are both paragraphs."""
    before, after = features.neighbours(first)[0], features.neighbours(last)[1]
    return (before is not None and after is not None and is_paragraph(features, before)
            and is_paragraph(features, after))


def is_stacked_heading(features, first: int, second: int) -> bool:
    """Whether lines ``first`` and ``second`` (next to each other) are a heading and its
    subheading between two paragraphs: short, and one of them in capitals."""
    return (all(features.words[i] <= HEADING_WORDS for i in (first, second))
            and (features.stripped[first].isupper() or features.stripped[second].isupper())
            and between_paragraphs(features, first, second))


SIGN_OFF_LINES = 3  # a signature block: a name, a place, a date
YEAR = regex.compile(r"\b(?:1[5-9]|20)\d\d\b")


def signs_off(features, page, index: int) -> bool:
    """Whether line ``index`` is part of a sign-off after the last paragraph ("HERBERT
    HOOVER", "The White House,", "December 3, 1929"): at most ``SIGN_OFF_LINES`` lines
    ending the text, each a name in capitals, a line ending in a comma or one with a
    year. A page's footer is longer, and its lines ("Ad Choices") have none of these
    shapes."""
    if page.body_end is None:
        return False
    if index == features.nonblank[-1] and features.ends[index] and page.body_end >= index - 2:
        # a speech's or a letter's last words ("Thank you, and God bless you."), in the
        # body or just after it
        previous = features.neighbours(index)[0]
        if previous is not None and features.ends[previous] and features.words[previous] >= PROSE_WORDS:
            return True
    if not page.in_bottom(index):
        return False
    tail = features.nonblank[features.position[page.body_end] + 1 :]
    return len(tail) <= SIGN_OFF_LINES and all(map(is_sign_off_line, (features.stripped[i] for i in tail)))


def is_sign_off_line(line: str) -> bool:
    return line.isupper() or line.endswith(",") or YEAR.search(line) is not None


# A speaker's label opening a turn of a transcript: "The President.", "Audience members.",
# "MS. PSAKI:", "Q:" (up to four words, the first capitalised)
SPEAKER = regex.compile(r"(\p{Lu}[\p{L}'’-]*\.?(?:[ ]\p{L}[\p{L}'’-]*\.?){0,3})[:.][ ]+\S")
TURNS = 3  # lines a speaker's label opens in a transcript, for two speakers at least


def speaker(line: str) -> str | None:
    found = SPEAKER.match(line)
    return found.group(1) if found is not None else None


def dialogue_speakers(features) -> frozenset[str]:
    """The labels that open at least ``TURNS`` lines each, when two or more do: the
    speakers of a transcript (a press briefing, an address with the audience's
    reactions). Their turns recur across a corpus of transcripts ("Audience members.
    Boo!", "Q: Thank you.") and are no template."""
    counts = Counter(filter(None, map(speaker, (features.stripped[i] for i in features.nonblank))))
    speakers = frozenset(label for label, count in counts.items() if count >= TURNS)
    return speakers if len(speakers) >= 2 else frozenset()


def titles_table(features, index: int) -> bool:
    """Whether the non-blank lines after line ``index`` start with table rows."""
    return table_rows(features, features.position[index] + 1) >= TITLED_ROWS


@register
class CorpusRepeatedLineRule(TallyingRule):
    kind = "corpus-repeated-line"
    PARAMS = {
        "threshold": Param(int, 3, doc="documents a line must occur in (setting 'threshold' overrides)"),
        "max_words": Param(int, 25, doc="longer lines are never taken as template lines"),
        "min_words": Param(int, 2, doc="shorter lines (a lone word) are left to other rules"),
        "story_words": Param(int, 8, doc="documents sharing a story count once, as told by their first sentences "
                                         "of this many words (story_hashes): a syndicated story's own lines are "
                                         "no template (0: only identical documents count once)"),
        "keep_echoes": Param(bool, True, doc="keep a line outside the article body whose text occurs in the body"),
        "keep_paragraphs": Param(bool, False, doc="keep a paragraph (12+ words ending like a sentence) next to "
                                                 "another: a story in the corpus twice, not a teaser"),
        "keep_own_lines": Param(bool, True, doc="keep what a genre of long documents repeats: a heading between "
                                                "two paragraphs, a salutation ending in ':' before one, a "
                                                "sign-off of up to 3 lines ending the text, a closing sentence "
                                                "after the last paragraph, a turn of a transcript ('Audience "
                                                "members. Boo!'), and every line of a structured document"),
        "mention_words": Param(int, 2, doc="keep a line of at most this many words whose text occurs elsewhere "
                                           "in the body, even inside a word (0: never)"),
        "table_title_words": Param(int, 4, doc="keep a line of at most this many words over a table row "
                                               "(a results or listings section title; 0: never)"),
    }

    def setup(self) -> None:
        if self.params["threshold"] < 2:
            problem = ValueError("'threshold' must be at least 2 documents")
            problem.key = "threshold"
            raise problem

    def candidate_indices(self, words) -> list[int]:
        """The lines of the right number of words to be template lines."""
        min_words, max_words = self.params["min_words"], self.params["max_words"]
        return [index for index, count in enumerate(words) if min_words <= count <= max_words]

    def line_keys(self, text: str, indices: list[int], lines) -> list[bytes]:
        """The key of each line of ``indices`` (``lines`` holds their texts by index),
        hashed once for all the corpus rules reading ``text``."""
        hashes = line_hashes(text)
        missing = [index for index in indices if index not in hashes]
        hashes.update(zip(missing, map(stable_hash, map(line_key, [lines[index] for index in missing]))))
        return [hashes[index] for index in indices]

    def gather(self, doc, ctx):
        # counted without page_lines or the line table: the first pass reads every
        # document before the second reads any, so a cached analysis would be gone by then
        text = doc.text
        indices = self.candidate_indices(gathered_word_counts(text, max(GATHERED_WORDS, self.params["max_words"])))
        keys = frozenset(self.line_keys(text, indices, gathered_lines(text)))
        return story_hashes(text, self.params["story_words"]), keys

    def fold(self, total, part):
        # the stories seen and the counts so far, not a part per document
        total = LineTally() if total is None else total
        if part is not None:
            total.add(*part)
        return total

    def finish(self, total):
        return {} if total is None else total.repeated()

    def check(self, doc, ctx):
        counts = ctx.corpus.get(self.id) or {}
        if not counts:
            return
        threshold = ctx.setting(self.id, "threshold", self.params["threshold"])
        # no headline exception: a line found verbatim in several distinct documents is
        # not the headline of one of them
        features = page_lines(doc.text)
        indices = self.candidate_indices(features.words)
        items = [(*features.row(index), {"count": counts[key]})
                 for index, key in zip(indices, self.line_keys(doc.text, indices, features.lines))
                 if counts.get(key, 0) >= threshold]
        if items and self.params["keep_paragraphs"]:
            # the same story in two documents (syndicated, or two editions) shares runs of
            # paragraphs; a related-story list shares lone summaries between its titles
            items = [item for item in items if not in_paragraph_run(features, item[0])]
        if items and self.params["keep_own_lines"]:
            page = layout(doc.text)
            if page.structured:
                # a site's template is a page's; a corpus of manuals or READMEs shares
                # its own lines ("See also:", "New in version 3.5.", "## Installation")
                return
            items = [item for item in items
                     if not (heads_a_section(features, item[0]) or signs_off(features, page, item[0]))]
            if items and any(speaker(features.stripped[item[0]]) for item in items):
                speakers = dialogue_speakers(features)
                items = [item for item in items if speaker(features.stripped[item[0]]) not in speakers]
        title_words = self.params["table_title_words"]
        if items and title_words:
            # "BOYS SOCCER" over "Viera d. Rockledge 3-1" recurs in every results page of
            # a site, as the section title of each one's own table; a related story's
            # headline over its date is longer
            items = [item for item in items
                     if not (features.words[item[0]] <= title_words and titles_table(features, item[0]))]
        if items and self.params["keep_echoes"]:
            # a tag or a name shared by several pages ("Donald Trump") may be the
            # article's own word; the template lines worth removing do not echo the body
            page = layout(doc.text)
            limit = self.params["mention_words"]
            items = [item for item in items
                     if not ((page.in_margin(item[0]) and page.echoes(item[3]))
                             or mentioned(page, item[0], item[3], limit))]
        yield from line_removal_findings(self, doc, items)
