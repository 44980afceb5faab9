"""Kind ``names-inconsistent`` (corpus level): the same entity written in different
forms across the corpus (all files or JSONL records of a run).

Entities are the table's entries (every listed spelling) and, beyond the table, full
names of two or three words whose transliteration skeletons agree ("Dmitri Kovalenko" /
"Dmitry Kovalenko"). The first pass counts each form per document; in the second, each
document gets one finding per minority form it contains, at its first occurrence, with a
fix replacing every occurrence in that document by the canonical form (or, outside the
table, the majority form; on a tie, the form seen first is named but no fix is offered).
Forms that differ only in capitals or apostrophes (and, outside the table, hyphens)
are not different spellings.
"""

from __future__ import annotations

import bisect

from collections.abc import Iterator

from .. import spill
from ..model import Edit
from ..namematch import longer_run_bounds, skeleton
from ..nametable import NameTable
from .base import TallyingRule, register
from .names_variant import exception_spans, is_excepted

TABLE = "table:"
# a person's one-word forms ("Zelensky", "Zelenskiy") are counted apart from the full
# name, under the family name they stand for: a surname after the first mention is
# no other spelling of "Volodymyr Zelenskyy", and no reason to write him in full
SURNAME = "surname:"
SKELETON = "skeleton:"


def occurrences(text: str, table: NameTable) -> Iterator[tuple[str, str, int, int]]:
    """(entity key, form as written, start, end) of every name form in ``text``."""
    covered: list[tuple[int, int]] = []
    entries, family_names = table.entries, table.family_names
    excepted = exception_spans(text, table)
    for start, end, _phrase, (entry_index, _variant) in table.exact.finditer(text):
        written = text[start:end]
        covered.append((start, end))
        if written not in table.spellings:
            continue  # capitals in a headline, "the" at a sentence start, an address
        if excepted and is_excepted(excepted, start, end, entry_index):
            continue  # "chicken Kiev" is a dish, no spelling of the city
        canonical = entries[entry_index].canonical
        family = family_names[entry_index]
        if family is not None and " " not in written and " " in canonical:
            yield SURNAME + family, written, start, end
        else:
            yield TABLE + canonical, written, start, end
    covered.sort()
    # the table's matches do not overlap, so their ends are sorted too: the only one a
    # run can overlap is the first that ends after the run starts
    ends = [e for _, e in covered]
    for start, end, words in longer_run_bounds(text, table.particles):
        if words > 3:
            continue
        index = bisect.bisect_right(ends, start)
        if index < len(covered) and covered[index][0] < end:
            continue
        written = text[start:end]
        if written.isupper():
            continue
        yield SKELETON + skeleton(written), written, start, end


def _merge_into(total: dict[str, dict[str, int]], part: dict[str, dict[str, int]]) -> None:
    for key, forms in part.items():
        slot = total.setdefault(key, {})
        for form, count in forms.items():
            slot[form] = slot.get(form, 0) + count


class FormTally:
    """The first pass's running total: for each entity, its forms and their counts, in
    the order they were first seen. Past a share of ``spill.SPILL_AFTER`` entities (each
    holds a dictionary of forms) the rest of the pass goes to disk (``spill.Spill``) and
    is added up at the end, with the same result."""

    def __init__(self) -> None:
        self.total: dict[str, dict[str, int]] = {}
        self.spilled: spill.Spill | None = None  # (entity key, form, count)

    def add(self, part: dict[str, dict[str, int]]) -> None:
        if self.spilled is None:
            _merge_into(self.total, part)
            if len(self.total) > spill.SPILL_AFTER // FORMS_PER_ENTRY:
                self.spilled = spill.Spill(spill.TEXTS_AND_COUNT)
                part, self.total = self.total, {}
            else:
                return
        for key, forms in part.items():
            partition = spill.text_partition(key)
            for form, count in forms.items():
                self.spilled.add(partition, key, form, count)

    def varied(self) -> dict[str, dict[str, int]]:
        """The entities written in two or more forms: the only ones a check reads."""
        if self.spilled is None:
            return {key: forms for key, forms in self.total.items() if len(forms) >= 2}
        varied: dict[str, dict[str, int]] = {}
        for records in self.spilled.partitions():
            total: dict[str, dict[str, int]] = {}
            for key, form, count in records:
                forms = total.setdefault(key, {})
                forms[form] = forms.get(form, 0) + count
            varied.update((key, forms) for key, forms in total.items() if len(forms) >= 2)
        return varied


# an entity's dictionary of forms weighs about as much as this many counted line keys
FORMS_PER_ENTRY = 4


@register
class NamesInconsistentRule(TallyingRule):
    kind = "names-inconsistent"
    reads_names = True

    def gather(self, doc, ctx):
        return _form_counts(occurrences(doc.text, ctx.names))

    def fold(self, total, part):
        # one running total instead of a part per document: memory flat on any corpus
        total = FormTally() if total is None else total
        if part:
            total.add(part)
        return total

    def finish(self, total):
        return {} if total is None else total.varied()

    def check(self, doc, ctx):
        stats = ctx.corpus.get(self.id) if ctx.corpus else None
        if stats is not None and not stats:
            return  # no entity of the corpus is written in two forms
        found = list(occurrences(doc.text, ctx.names))
        if stats is None:  # a document alone: its own counts, from the same search
            stats = self.merge([_form_counts(found)])
        spans: dict[tuple[str, str], list[tuple[int, int]]] = {}
        for key, written, start, end in found:
            spans.setdefault((key, written), []).append((start, end))
        for (key, written), places in spans.items():
            forms = stats.get(key, {})
            if len(forms) < 2:
                continue
            target, clear = _target(key, forms)
            if _plain(written, key) == _plain(target, key):
                continue  # capitals or punctuation only: not a different spelling
            start, end = places[0]
            yield self.finding(
                start, end,
                edits=[Edit(s, e, target) for s, e in places] if clear else None,
                match=written, target=target,
                count=forms.get(written, 0), target_count=forms.get(target, 0),
            )


def _form_counts(found) -> dict[str, dict[str, int]]:
    """Each entity's forms in ``found`` (``occurrences``), counted."""
    counts: dict[str, dict[str, int]] = {}
    for key, written, _start, _end in found:
        forms = counts.setdefault(key, {})
        forms[written] = forms.get(written, 0) + 1
    return counts


def _plain(form: str, key: str) -> str:
    plain = form.casefold().replace("’", "'")
    if key.startswith(SKELETON):  # outside the table, "Sign-Up" and "Sign Up" are one spelling
        plain = plain.replace("-", " ")
    return plain


def _target(key: str, forms: dict[str, int]) -> tuple[str, bool]:
    """The form to use, and whether it is clear enough to suggest as a fix (the table's
    canonical, or a strict majority)."""
    for prefix in (TABLE, SURNAME):
        if key.startswith(prefix):
            return key[len(prefix) :], True
    most = max(forms.values())
    leaders = [form for form, count in forms.items() if count == most]
    return leaders[0], len(leaders) == 1
