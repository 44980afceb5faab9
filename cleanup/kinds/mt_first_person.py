"""Kind ``first-person``: a first-person sentence outside quotation marks in a
third-person news report ("... Zelensky acknowledged the escalation. I asked him to
relieve his rhetoric."), where machine translation lost the quotation marks or turned
reported speech into direct speech.

The document must read as reported text: it uses reporting verbs, and first-person
sentences outside quotes are rare in it (a speech, a column or an interview written
in the first person is left alone). Paragraphs inside a quotation that runs over
several paragraphs (an unclosed mark) or set off above an attribution line (an
embedded post) are skipped, and so is anything after a colon.
"""

from __future__ import annotations

import re
from itertools import compress

import regex

from ..language import ASCII_WORD
from ..sentences import alternation_by_initial, looks_english, outside_quotes, structure
from .base import Param, Rule, register

TOKEN = regex.compile(r"\p{L}[\p{L}'’]*")
# ``TOKEN`` in a document whose letters are all ASCII (it has token runs): the stdlib
# scan of an ASCII class is several times faster than the property classes
ASCII_TOKEN = ASCII_WORD


@register
class FirstPersonRule(Rule):
    kind = "first-person"
    PARAMS = {
        "pronouns": Param(list, doc="first-person words (matched case-insensitively, \"I\" as a capital)"),
        "reporting_verbs": Param(list, doc="verbs that mark reported text"),
        "min_reporting": Param(int, 2, doc="reporting verbs outside quotes a report has at least"),
        "max_share": Param(float, 0.1, doc="a larger share of first-person sentences: first-person writing"),
        "max_count": Param(int, 2, doc="more first-person sentences than this: first-person writing"),
        "noun_homographs": Param(list, [], doc="pronouns that are also nouns (\"mine\")"),
        "pronoun_after": Param(list, [], doc="words after which such a word is the pronoun (\"of mine\", \"is mine\")"),
    }

    def setup(self) -> None:
        self.pronouns = frozenset(p.casefold() for p in self.params["pronouns"])
        self.verbs = frozenset(v.casefold() for v in self.params["reporting_verbs"])
        self.homographs = frozenset(w.casefold() for w in self.params["noun_homographs"])
        self.pronoun_after = frozenset(w.casefold() for w in self.params["pronoun_after"])
        # the words as runs of ``token_runs``: usable when they are ASCII letters only
        words = self.pronouns | self.verbs
        plain = all(w.isascii() and w.isalpha() for w in words)
        self.pronoun_runs = frozenset(w.encode() for w in self.pronouns) if plain else None
        self.verb_runs = frozenset(w.encode() for w in self.verbs) if plain else None
        # a pronoun in token runs: one search of bytes (the runs are ASCII)
        self.pronoun_mark = re.compile(b" (?:%s) " % alternation_by_initial(self.pronoun_runs or ()))
        # a reporting verb in token runs; the lookahead leaves the space after it to the
        # next word, so each word of a sentence is counted once (as ``split`` would)
        self.verb_mark = re.compile(b" (?=(?:%s) )" % alternation_by_initial(self.verb_runs or ()))

    def first_person(self, text: str, token=TOKEN) -> bool:
        if ":" in text:
            text = text[: text.index(":")]  # what follows a colon may be speech without marks
        tokens = token.findall(text)
        folded_tokens = list(map(str.casefold, tokens))
        # only the pronouns are visited (C-level filtering over the words)
        for position in compress(range(len(tokens)), map(self.pronouns.__contains__, folded_tokens)):
            token, folded = tokens[position], folded_tokens[position]
            before = folded_tokens[position - 1] if position else ""
            if folded in self.homographs and before not in self.pronoun_after:
                continue  # "the coal mine", not "a friend of mine"
            if folded == "i":
                if token != "I":
                    continue
                before = tokens[position - 1] if position else ""
                after = tokens[position + 1] if position + 1 < len(tokens) else ""
                # "World War I", "Title I" are numerals; the pronoun is followed by a verb
                if (before[:1].isupper() and position) or not after[:1].islower():
                    continue
            return True
        return False

    def check(self, doc, ctx):
        if not looks_english(doc.text):
            return
        shape = structure(doc.text)
        # Where the text allows, words come from the structure's token runs (C speed).
        # Blanking a quotation makes no new word (a closing mark is no letter, or ’ not
        # followed by one), so a word of any text read below is a word of the document:
        # without a pronoun in it nothing is first-person. (’’ is read as one closing
        # mark, which may be followed by a letter: such documents skip this test.)
        runs = shape.token_runs() if self.verb_runs is not None else None
        # token runs exist only when every letter is ASCII: then so is every token
        token = ASCII_TOKEN if runs is not None else TOKEN
        minimum = self.params["min_reporting"]
        if runs is not None and "’’" not in doc.text:
            if self.pronoun_mark.search(runs) is None:
                return
        # The same test for each sentence of a paragraph with a quotation, whose text
        # outside it is read. It holds where no closing ’ is followed by ' either
        # (blanking ‘x’ in ‘x’'me leaves "me", a word the document has not): then a
        # sentence without a pronoun in its runs has none outside its quotations.
        quoted_by_runs = runs is not None and "’’" not in doc.text and "’'" not in doc.text
        most = self.params["max_count"]
        hits = []  # (sentence's number, whether it may be reported)
        read = []  # (sentence's number, paragraph, whether it may be reported) outside quotes
        open_before = False
        text_of = doc.text
        starts, ends, quoted = shape.starts, shape.ends, shape.quoted
        for paragraph in shape.paragraphs:
            in_long_quote = open_before or not paragraph.balanced
            open_before = not paragraph.balanced
            if not paragraph.terminated:
                continue
            # quoted paragraphs are someone's own words: never reported, but they still
            # count towards telling first-person writing from a report
            reportable = not (in_long_quote or paragraph.block_quote)
            for number in shape.sentence_numbers(paragraph.index):
                if quoted[number] >= 0.5:
                    continue
                read.append((number, paragraph, reportable))
                if runs is None or paragraph.quotes:
                    if quoted_by_runs and not self.pronoun_mark.search(runs, starts[number], ends[number] + 2):
                        continue  # no pronoun in the sentence, so none outside its quotations
                    text = outside_quotes(shape.sentence(number), paragraph)  # the exact way
                elif self.pronoun_mark.search(runs, starts[number], ends[number] + 2):
                    text = text_of[starts[number] : ends[number]]  # the sentence's own text, with a pronoun in it
                else:
                    continue  # no pronoun: not first-person
                if self.first_person(text, token):
                    hits.append((number, reportable))
                    if len(hits) > most:
                        return  # first-person writing, whatever the rest says
        # reporting verbs are counted last, and only until there are enough: with no
        # first-person sentence there is nothing to report anyway
        if not hits or len(hits) > self.params["max_share"] * len(read):
            return
        reporting = 0
        for number, paragraph, reportable in read:
            if not reportable:
                continue
            if runs is None or paragraph.quotes:
                text = outside_quotes(shape.sentence(number), paragraph)
                reporting += sum(1 for t in token.findall(text) if t.casefold() in self.verbs)
            else:
                # the sentence has the word w where " w " is in runs[start : end + 2]
                reporting += len(self.verb_mark.findall(runs, starts[number], ends[number] + 2))
            if reporting >= minimum:
                break
        if reporting < minimum:
            return
        for number, reportable in hits:
            if reportable:
                yield self.finding(starts[number], ends[number], match=text_of[starts[number] : ends[number]])
