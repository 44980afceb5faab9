"""Kind ``orphan-fragment``: a sentence that is only a reporting verb ("Stated.") or
only a name ("Vladimir Putin.") inside a paragraph of running text, where machine
translation split a clause off the sentence it belonged to."""

from __future__ import annotations

from ..model import Edit
from ..sentences import function_words, structure, looks_english
from ..wordclass import in_lexicon
from .base import Param, Rule, listed_spellings, per_table, register


def known_names(ctx) -> frozenset[str]:
    """Canonical names and variants of the names table, casefolded; empty when the
    table is unavailable (it is another module's and may be missing or half-built)."""
    try:
        return _table_names(ctx.names)
    except Exception:  # noqa: BLE001 - any failure of an optional table means "no table"
        return frozenset()


@per_table
def _table_names(table) -> frozenset[str]:
    return frozenset(spelling.casefold() for spelling in listed_spellings(table))


def looks_like_name(words: list[str], names: frozenset[str], max_words: int) -> bool:
    if not 1 <= len(words) <= max_words:
        return False
    if " ".join(words).casefold() in names:
        return True
    if not all(w[:1].isupper() and not w.isupper() for w in words):
        return False
    if any("'" in w or "’" in w for w in words):
        return False  # a contraction ("We're Americans."), not a name
    if any(w.lower() in function_words() for w in words):
        return False
    # a proper name: most of its words are not dictionary words ("Putin", "Vladimir")
    return len(words) >= 2 and sum(not in_lexicon(w) for w in words) >= len(words) - 1


@register
class OrphanFragmentRule(Rule):
    kind = "orphan-fragment"
    PARAMS = {
        "reporting_verbs": Param(list, doc="verbs that alone make no sentence (\"Stated.\")"),
        "max_name_words": Param(int, 4, doc="longest run of capitalised words taken as a name"),
    }

    def setup(self) -> None:
        self.verbs = frozenset(v.casefold() for v in self.params["reporting_verbs"])

    def check(self, doc, ctx):
        if not looks_english(doc.text):
            return
        shape = structure(doc.text)
        names = None
        # a fragment is one word or a name: longer sentences need no words listed
        longest = max(1, self.params["max_name_words"])
        text = doc.text
        # the sentences' fields as arrays: only the few short ones become objects
        for number, count in enumerate(shape.word_counts()):
            if count > longest or shape.positions[number] == 0 or shape.quoted[number] > 0:
                continue  # a paragraph of its own is a byline or a caption, not an orphan
            if text[shape.ends[number] - 1] != ".":
                continue
            sentence = shape.sentence(number)
            words = sentence.words
            if len(words) == 1 and words[0].casefold() in self.verbs:
                what = "a reporting verb with nothing reported"
                removable = True
            else:
                if names is None:
                    names = known_names(ctx)
                if "," in sentence.text or not looks_like_name(words, names, self.params["max_name_words"]):
                    continue  # "Thanks, Andrew." addresses someone; a split-off name has no comma
                what = "a name split off as a sentence"
                removable = False  # the name belongs to a clause nearby; only a reader can join it
            # the deletion takes the space before the fragment with it
            start = sentence.start
            while start > 0 and doc.text[start - 1] in " \t":
                start -= 1
            yield self.finding(
                sentence.start, sentence.end,
                edits=[Edit(start, sentence.end, "")] if removable else None,
                match=sentence.text, what=what,
            )
