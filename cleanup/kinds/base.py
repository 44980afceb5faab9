"""Rule kinds: the code side of a rule. Rule instances come from data (rules/*.toml).

A kind is a subclass of ``Rule`` registered under a name with ``@register``. It
declares the keys it accepts beyond the common ones in ``PARAMS``; the loader checks
every key and type against that declaration before ``setup`` runs.

A rule reads a document and yields findings; it never changes text. A corpus-level
rule (``corpus_level = True``) also ``gather``s per-document statistics in a first
pass; the engine ``merge``s them and hands the merged value back through
``Context.corpus[rule_id]`` in the second.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, ClassVar

from ..document import Document
from ..model import Edit, Finding, Fix, FixSafety, Severity

REQUIRED = object()


class ServiceUnavailable(RuntimeError):
    """A service a rule was required to use (``--grammar``) cannot be reached."""


@dataclass(frozen=True)
class Param:
    """A kind-specific key: its type (str, bool, int, float, list[str], dict[str, str],
    or a tuple of those) and default (``REQUIRED`` when it must be given)."""

    type: Any
    default: Any = REQUIRED
    doc: str = ""


@dataclass(frozen=True)
class Examples:
    bad: tuple[str, ...] = ()
    good: tuple[str, ...] = ()
    fixed: tuple[str, ...] = ()  # the expected text of each ``bad`` example after fixing


@dataclass(frozen=True)
class RuleMeta:
    id: str
    kind: str
    severity: Severity
    message: str
    fix: FixSafety
    summary: str
    examples: Examples = Examples()
    default: bool = True  # off unless selected when False
    source: str = ""  # "file:line" where the rule was declared

    @property
    def category(self) -> str:
        return self.id.split(".", 1)[0]


@dataclass
class Context:
    """What a rule may consult beyond the document: the names table, corpus statistics,
    the accepted vocabulary and per-rule settings from configuration."""

    names_paths: tuple[Path, ...] = ()
    include_default_names: bool = True
    corpus: Mapping[str, Any] = field(default_factory=dict)
    accept: frozenset[str] = frozenset()
    settings: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    names_loader: Callable[[], Any] | None = None

    @cached_property
    def names(self):
        """The canonical-names table (default table merged with ``names_paths``)."""
        if self.names_loader is not None:
            return self.names_loader()
        from ..nametable import load_tables

        return load_tables(self.names_paths, include_default=self.include_default_names)

    def setting(self, rule_id: str, key: str, default: Any = None) -> Any:
        return self.settings.get(rule_id, {}).get(key, default)

    def __getstate__(self):
        # The names table is rebuilt in a worker process rather than pickled across.
        state = dict(self.__dict__)
        state.pop("names", None)
        return state


def per_table(build: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``build(table)``, kept for the names table last asked about (by identity): a
    run loads its table once and never changes it, and what a rule derives from a large
    table is too costly to derive again for every document."""
    last: list = [None, None]

    def built(table: Any) -> Any:
        if last[0] is not table or last[1] is None:
            last[:] = [table, build(table)]
        return last[1]

    return built


def listed_spellings(table: Any) -> Iterator[str]:
    """Each entry's canonical and variants, those that are text: a rule reading the
    names table on the side takes what it is given (a stand-in, a half-built table)."""
    for entry in table.entries or ():
        for spelling in (getattr(entry, "canonical", None), *(getattr(entry, "variants", ()) or ())):
            if isinstance(spelling, str):
                yield spelling


def data_error(message: str, key: str | None = None) -> ValueError:
    """A problem with a rule's data, naming the key at fault (the loader turns it into
    file:line: message)."""
    problem = ValueError(message)
    problem.key = key
    return problem


def compile_pattern(source: str, flags: int = 0, key: str = "pattern"):
    """A ``regex`` pattern from rule data, or a data error naming ``key``."""
    import regex

    try:
        return regex.compile(source, flags)
    except regex.error as error:
        raise data_error(f"bad regular expression in {key!r}: {error}", key) from None


def format_message(template: str, **fields: Any) -> str:
    """Fill ``{name}`` placeholders that are given; leave any other braces alone."""
    for key, value in fields.items():
        template = template.replace("{" + key + "}", str(value))
    return template


class Rule:
    kind: ClassVar[str] = ""
    PARAMS: ClassVar[dict[str, Param]] = {}
    corpus_level: ClassVar[bool] = False
    reads_names: ClassVar[bool] = False  # consults the names table (``Context.names``)
    # finds in quoted code too (``codeblocks``): what is wrong in code as in prose (an
    # invisible or a control character, a byte that is no UTF-8)
    reads_code: ClassVar[bool] = False

    def __init__(self, meta: RuleMeta, params: Mapping[str, Any]) -> None:
        self.meta = meta
        self.params = dict(params)
        self.setup()

    def setup(self) -> None:
        """Compile what the rule needs once (patterns, automata). Raise ValueError on bad data."""

    @property
    def id(self) -> str:
        return self.meta.id

    def check(self, doc: Document, ctx: Context) -> Iterable[Finding]:
        raise NotImplementedError

    def preflight(self, ctx: Context) -> str | None:
        """Called once per run before any document: a one-line warning when the rule
        cannot do its work (it then finds nothing), or ``ServiceUnavailable`` when the
        user demanded it. Rules that need nothing outside return None."""
        return None

    def prepare(self, ctx: Context) -> None:
        """Loads now what the rule otherwise loads on first use (lexicons, code-page
        tables, the names table's indexes), so that worker processes forked afterwards
        share it instead of each loading its own. By default the rule reads its own
        examples, which takes it through the paths that load things, and builds every
        index of the names table if it reads it; a kind that talks to a service, or
        whose examples leave something unloaded, overrides this."""
        if self.reads_names:
            ctx.names.index_all()
        for text in (*self.meta.examples.bad, *self.meta.examples.good):
            doc = Document.from_text(text)
            for _finding in self.check(doc, ctx):
                pass
            if self.corpus_level:
                self.gather(doc, ctx)

    def gather(self, doc: Document, ctx: Context) -> Any:
        """Corpus-level rules: statistics of one document (picklable)."""
        return None

    def merge(self, parts: list[Any]) -> Any:
        """Corpus-level rules: combine the per-document statistics, in corpus order."""
        return parts

    def fold(self, total: Any, part: Any) -> Any:
        """Corpus-level rules: the running total of the first pass with one more
        document's statistics, in corpus order (``total`` is None at first). By default
        the parts are kept for ``merge``; a rule whose statistics add up overrides
        ``fold`` and ``finish`` so that the first pass holds one total, not a part per
        document (memory flat however large the corpus)."""
        if total is None:
            total = []
        total.append(part)
        return total

    def finish(self, total: Any) -> Any:
        """Corpus-level rules: the merged statistics from the running total."""
        return self.merge(total if total is not None else [])

    def finding(
        self,
        start: int,
        end: int,
        *,
        message: str | None = None,
        replacement: str | None = None,
        edits: Iterable[Edit] | None = None,
        safe: bool | None = None,
        severity: Severity | None = None,
        **fields: Any,
    ) -> Finding:
        """A finding of this rule. ``replacement`` (or ``edits``) becomes a fix unless the
        rule is declared ``fix = "none"``; its safety is the rule's unless ``safe`` says."""
        fix = None
        if self.meta.fix is not FixSafety.NONE:
            if edits is None and replacement is not None:
                edits = (Edit(start, end, replacement),)
            if edits is not None:
                edits = tuple(edits)
                if edits:
                    is_safe = self.meta.fix is FixSafety.SAFE if safe is None else safe
                    fix = Fix(edits, is_safe)
        if message is None:
            message = format_message(
                self.meta.message,
                replacement=replacement if replacement is not None else "",
                **fields,
            )
        return Finding(self.meta.id, message, start, end, severity or self.meta.severity, fix)


class TallyingRule(Rule):
    """A corpus-level rule whose statistics add up: it overrides ``fold`` and
    ``finish``, and merging a list of parts is folding them in order."""

    corpus_level = True

    def merge(self, parts: list[Any]) -> Any:
        total = None
        for part in parts:
            total = self.fold(total, part)
        return self.finish(total)


class CorpusTotals:
    """The first pass's running statistics of the corpus-level rules, each document's
    statistics folded in as they arrive (in corpus order)."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self.rules = {rule.id: rule for rule in rules}
        self.totals: dict[str, Any] = dict.fromkeys(self.rules)

    def add(self, stats: Mapping[str, Any]) -> None:
        for rule_id, value in stats.items():
            self.totals[rule_id] = self.rules[rule_id].fold(self.totals[rule_id], value)

    def result(self) -> dict[str, Any]:
        return {rule_id: rule.finish(self.totals[rule_id]) for rule_id, rule in self.rules.items()}


KINDS: dict[str, type[Rule]] = {}


def register(cls: type[Rule]) -> type[Rule]:
    if not cls.kind:
        raise TypeError(f"{cls.__name__} has no kind name")
    if cls.kind in KINDS and KINDS[cls.kind] is not cls:
        raise TypeError(f"rule kind {cls.kind!r} registered twice")
    KINDS[cls.kind] = cls
    return cls


TIMEOUT_SCALE = 100_000  # characters per ``timeout`` of search time


def iter_matches(pattern, text: str, timeout: float) -> Iterator:
    """``pattern.finditer`` with a time limit (``regex`` raises TimeoutError).

    The ``regex`` module counts the limit over the whole iteration, not per match, so a
    sound pattern would be abandoned on a long document (and the time a caller spends
    between matches counts too); the limit is ``timeout`` per 100,000 characters, never
    less than ``timeout``: a runaway pattern still stops in time linear in the text."""
    return pattern.finditer(text, timeout=timeout * max(1.0, len(text) / TIMEOUT_SCALE))
