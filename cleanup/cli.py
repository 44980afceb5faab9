"""The command line: parse options, call the library, print, exit.

Exit codes: 0 clean, 1 findings (or changes, with --diff), 2 error.
"""

from __future__ import annotations

import errno
import gc
import json
import os
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__
from .config import Config, ConfigError, discover
from .corpus import (
    DEFAULT_GLOB,
    CorpusError,
    DeferredSync,
    InputProblem,
    JsonlOptions,
    Record,
    Source,
    StreamWriter,
    atomic_write,
    check_out_dir,
    check_report_path,
    expand_inputs,
    record_line,
)
from .document import Document, guess_phrase
from .editsfile import DocumentEdits, EditsFileError
from .model import Finding, Severity
from .ruleset import RuleFileError
from .runner import LocatedFinding, Outcome, Runner, Task, default_jobs

app = typer.Typer(
    name="cleanup",
    help="Find and fix encoding damage, machine-translation artifacts, name inconsistencies "
    "and web boilerplate in English text corpora.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
names_app = typer.Typer(help="Canonical-names tables.", no_args_is_help=True, rich_markup_mode=None)
app.add_typer(names_app, name="names")


class OutputFormat(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    sarif = "sarif"
    github = "github"


JSON_FORMATS = ("json", "jsonl", "sarif")


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


class Engine(str, Enum):
    local = "local"
    ray = "ray"


class Color(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


Paths = Annotated[list[str], typer.Argument(help="Files, folders, JSONL files, or - for standard input.")]
Select = Annotated[Optional[str], typer.Option("--select", help="Comma-separated rule ids or prefixes to run.")]
Ignore = Annotated[Optional[str], typer.Option("--ignore", help="Comma-separated rule ids or prefixes to skip.")]
Names = Annotated[Optional[list[Path]], typer.Option("--names", help="Extra canonical-names table (TOML or CSV).")]
Rules = Annotated[Optional[list[Path]], typer.Option("--rules", help="Folder of extra rule files.")]
ConfigOpt = Annotated[Optional[Path], typer.Option("--config", help="Configuration file (default: discovered).")]
Jobs = Annotated[Optional[int], typer.Option("--jobs", "-j", help="Worker processes (default: all cores; one for inputs under 1 MB).")]
EngineOpt = Annotated[Optional[Engine], typer.Option("--engine", help="local processes or a Ray cluster.")]
Address = Annotated[Optional[str], typer.Option("--address", help="Address of an existing Ray cluster.")]
FailOnOpt = Annotated[Optional[FailOn], typer.Option("--fail-on", help="Lowest severity that fails the run.")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Print findings only: no summary, no progress.")]
Glob = Annotated[Optional[str], typer.Option("--glob", help=f"File patterns in folders (default {DEFAULT_GLOB}).")]
IdField = Annotated[Optional[str], typer.Option("--id-field", help="JSONL field of the document id.")]
TextField = Annotated[Optional[str], typer.Option("--text-field", help="JSONL field of the document text.")]
Grammar = Annotated[bool, typer.Option("--grammar", help="Check grammar with a LanguageTool server.")]
ConvertEncoding = Annotated[Optional[str], typer.Option(
    "--convert-encoding", metavar="ENCODING|auto",
    help="Rewrite files that are not UTF-8 as UTF-8, decoded from ENCODING (auto: the detected one).",
)]


def terminal_bytes(text: str) -> bytes:
    """``text`` as UTF-8 for standard output: a file name that is not UTF-8 as its own
    bytes again, a lone surrogate of a JSONL text as its escape."""
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace")


def fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(f"cleanup: {message}", err=True)
    return typer.Exit(code)


def split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


@dataclass
class Session:
    """Options of one command, resolved against the configuration file."""

    paths: list[str]
    config: Config
    task: Task
    jobs: int
    jobs_chosen: bool  # by --jobs or the configuration, not the default
    engine: str
    address: str | None
    fail_on: Severity
    quiet: bool
    glob: str
    jsonl: JsonlOptions
    problems: list[InputProblem] = field(default_factory=list)

    def runner(self) -> Runner:
        if self.engine == "ray":
            try:
                from .ray_engine import RayRunner
            except ImportError as error:
                if (getattr(error, "name", None) or "").split(".")[0] == "ray":
                    raise fail("--engine ray needs Ray, which is not installed: pip install 'cleanup[ray]'") from None
                raise fail(f"--engine ray needs Ray: pip install 'cleanup[ray]' ({error})") from None
            return RayRunner(self.task, jobs=self.jobs, address=self.address)
        return Runner(self.task, jobs=self.jobs, small_input_in_process=not self.jobs_chosen)

    def sources(self) -> list[Source]:
        sources, problems = expand_inputs(
            self.paths, glob=self.glob, jsonl_options=self.jsonl, exclude=self.config.get("exclude", [])
        )
        self.problems.extend(problems)
        for problem in problems:
            report_problem(problem)
        return sources


def report_problem(problem: InputProblem) -> None:
    typer.echo(f"cleanup: {problem}", err=True)


def resolve(
    mode: str,
    paths: list[str],
    *,
    select: str | None,
    ignore: str | None,
    names: list[Path] | None,
    rules: list[Path] | None,
    config: Path | None,
    jobs: int | None,
    engine: Engine | None,
    address: str | None,
    fail_on: FailOn | None,
    quiet: bool,
    glob: str | None,
    id_field: str | None = None,
    text_field: str | None = None,
    unsafe: bool = False,
    grammar: bool = False,
    max_passes: int | None = None,
    digests: bool = True,
) -> Session:
    if not paths:
        raise fail("no input: give files, folders, or - for standard input")
    start = Path(paths[0]) if paths[0] != "-" else Path.cwd()
    try:
        cfg = discover(start if start.exists() else Path.cwd(), config)
    except RuleFileError as error:
        raise fail(str(error)) from None
    chosen_select = split(select) if select is not None else list(cfg.get("select", []))
    chosen_ignore = split(ignore) if ignore is not None else list(cfg.get("ignore", []))
    settings = cfg.rule_settings()
    extend = []
    if grammar:
        extend.append("grammar")
        settings.setdefault("grammar", {})["required"] = True
    if os.environ.get("LANGUAGETOOL_URL"):
        settings.setdefault("grammar", {}).setdefault("url", os.environ["LANGUAGETOOL_URL"])
    try:
        accept = cfg.accept_words()
    except ConfigError as error:
        raise fail(str(error)) from None
    per_file = tuple((k, tuple(v)) for k, v in cfg.get("per-file-ignores", {}).items())
    task = Task(
        mode=mode,
        select=tuple(chosen_select),
        ignore=tuple(chosen_ignore),
        extend_select=tuple(extend),
        rules_dirs=tuple(cfg.paths("rules")) + tuple(rules or ()),
        names_paths=tuple(cfg.paths("names")) + tuple(names or ()),
        per_file_ignores=per_file,
        accept=accept,
        settings=Task.freeze_settings(settings),
        unsafe=unsafe or bool(cfg.get("unsafe-fixes", False)),
        max_passes=max_passes or cfg.get("max-passes", 10),
        digests=digests,
    )
    chosen_jobs = jobs if jobs is not None else cfg.get("jobs", 0)
    return Session(
        paths=paths,
        config=cfg,
        task=task,
        jobs=chosen_jobs if chosen_jobs and chosen_jobs > 0 else default_jobs(),
        jobs_chosen=bool(chosen_jobs and chosen_jobs > 0),
        engine=(engine.value if engine else cfg.get("engine", "local")),
        address=address or cfg.get("address"),
        fail_on=Severity((fail_on.value if fail_on else cfg.get("fail-on", "info"))),
        quiet=quiet,
        glob=glob or cfg.get("glob", DEFAULT_GLOB),
        jsonl=record_fields(cfg, id_field, text_field),
    )


def record_fields(cfg: Config, id_field: str | None, text_field: str | None) -> JsonlOptions:
    """The JSONL and Parquet fields of a record's id and text: the options, else the configuration's."""
    return JsonlOptions(id_field or cfg.get("id-field", "id"), text_field or cfg.get("text-field", "text"))


def start_runner(session: Session) -> Runner:
    try:
        runner = session.runner()
    except RuleFileError as error:
        raise fail(str(error)) from None
    unknown = runner.all_rules.unknown_selectors(session.task.select + session.task.ignore)
    if unknown and not runner.ruleset.rules and session.task.select:
        raise fail(f"no rule matches --select {','.join(unknown)} (see `cleanup rules`)")
    if unknown and not session.quiet:
        typer.echo(f"cleanup: warning: no rule matches {', '.join(unknown)}", err=True)
    try:
        from .kinds.base import ServiceUnavailable
    except ImportError:  # pragma: no cover - defined with the grammar rules
        ServiceUnavailable = RuntimeError  # noqa: N806
    try:
        for warning in runner.preflight():
            if not session.quiet:
                typer.echo(f"cleanup: warning: {warning}", err=True)
    except ServiceUnavailable as error:
        raise fail(str(error)) from None
    return runner


def not_utf8_finding(problem: InputProblem, runner: Runner) -> LocatedFinding | None:
    rule = runner.ruleset.get(problem.rule) if problem.rule else None
    if rule is None:
        return None
    guess = f"; {guess_phrase(problem.guess)}" if problem.guess else ""
    finding = Finding(rule.id, f"not valid UTF-8{guess}; left untouched", 0, 0, rule.meta.severity)
    return LocatedFinding(problem.path, finding, 1, 1, 1, 1, "")


def outcomes(session: Session, runner: Runner, sources: list[Source]) -> Iterator[Outcome]:
    try:
        yield from runner.run(sources)
    except (RuleFileError, CorpusError) as error:
        raise fail(str(error)) from None


def at_or_above(located: LocatedFinding, threshold: Severity) -> bool:
    return located.finding.severity.rank >= threshold.rank


class Baseline:
    """Findings saved earlier (a `check --format json` file), matched by path, rule and
    text, not offset, so that edits elsewhere in a document do not revive them."""

    def __init__(self, path: Path) -> None:
        try:
            entries = json.loads(path.read_text(encoding="utf-8"))
            self.known = Counter((e["path"], e["rule"], e["text"]) for e in entries)
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise fail(f"{path}: not a baseline (a `cleanup check --format json` output): {error}") from None

    def is_new(self, located: LocatedFinding) -> bool:
        key = (located.path, located.finding.rule, located.text)
        if self.known[key] > 0:
            self.known[key] -= 1
            return False
        return True


@app.command()
def check(
    paths: Paths,
    format: Annotated[Optional[OutputFormat], typer.Option("--format", help="Output format.")] = None,
    select: Select = None,
    ignore: Ignore = None,
    names: Names = None,
    rules: Rules = None,
    config: ConfigOpt = None,
    jobs: Jobs = None,
    engine: EngineOpt = None,
    address: Address = None,
    fail_on: FailOnOpt = None,
    quiet: Quiet = False,
    glob: Glob = None,
    id_field: IdField = None,
    text_field: TextField = None,
    grammar: Grammar = False,
    baseline: Annotated[
        Optional[Path], typer.Option("--baseline", help="Report only findings not in this saved JSON report.")
    ] = None,
    statistics: Annotated[
        bool, typer.Option("--statistics", help="Print the findings' count per rule instead of the findings.")
    ] = False,
) -> None:
    """Report findings; exit 0 when clean, 1 with findings, 2 on error."""
    session = resolve(
        "check", paths, select=select, ignore=ignore, names=names, rules=rules, config=config, jobs=jobs,
        engine=engine, address=address, fail_on=fail_on, quiet=quiet, glob=glob, id_field=id_field,
        text_field=text_field, grammar=grammar, digests=False,
    )
    fmt = (format.value if format else session.config.get("format", "text"))
    if statistics and fmt not in ("text", "json", "jsonl"):
        raise fail(f"--statistics prints text, json or jsonl, not {fmt}")
    known = Baseline(baseline) if baseline else None
    runner = start_runner(session)
    sources = session.sources()
    per_rule: dict = {}  # rule id -> formats.RuleCount, with --statistics
    counts = Counter()
    documents = 0
    failing = False
    from . import formats
    from .progress import RunMeter

    meter = RunMeter.for_run(sources, quiet=session.quiet, label="Checking")
    meter.follow(runner)
    fixable = 0
    # JSON escapes the ESC that starts a terminal colour code, so the stripping of such
    # codes that echo does off a terminal (a pattern search over all the output) could
    # find nothing: told to keep them, it skips the search
    keep_codes = True if fmt in JSON_FORMATS else None
    # JSON and SARIF are one document around the list of findings, written as they come
    streamed, to_item = formats.finding_list(fmt, runner.ruleset) if not statistics else (None, None)
    if streamed is not None:
        typer.echo(streamed.start, nl=False, color=keep_codes)
    for outcome in meter.track(outcomes(session, runner, sources)):
        found: list[LocatedFinding] = []
        if isinstance(outcome.item, InputProblem):
            located = not_utf8_finding(outcome.item, runner)
            if located is None:
                session.problems.append(outcome.item)
                report_problem(outcome.item)
                continue
            found = [located]
        elif outcome.result is not None:
            documents += 1
            found = outcome.result.findings
        lines = []  # one write (and flush) per document, not per finding
        line_in_file = outcome.item.line if isinstance(outcome.item, Record) else None
        for located in found:
            if known is not None and not known.is_new(located):
                continue
            counts[located.finding.severity.value] += 1
            fixable += located.finding.fix is not None
            failing = failing or at_or_above(located, session.fail_on)
            if statistics:
                rule = located.finding.rule
                (per_rule.get(rule) or per_rule.setdefault(rule, formats.RuleCount(rule))).add(located.finding)
            elif fmt == "text":
                lines.append(formats.text_line(located))
            elif fmt == "github":
                lines.append(formats.github_line(located, line_in_file))
            elif fmt == "jsonl":
                lines.append(formats.jsonl_line(located))
            else:
                lines.append(streamed.piece(to_item(located, line_in_file)))
        if lines:
            typer.echo("".join(lines) if streamed is not None else "\n".join(lines), nl=streamed is None,
                       color=keep_codes)
    if statistics:
        summaries = {rule.id: rule.meta.summary for rule in runner.ruleset.rules}
        if fmt == "text":
            if per_rule:
                typer.echo("\n".join(formats.statistics_lines(per_rule, summaries)))
        else:
            entries = [entry.to_json(summaries.get(entry.rule, "")) for entry in formats.by_count(per_rule)]
            typer.echo(json.dumps(entries, ensure_ascii=False, indent=1) if fmt == "json" else
                       "\n".join(json.dumps(entry, ensure_ascii=False) for entry in entries), color=keep_codes)
    elif streamed is not None:
        typer.echo(streamed.end(), color=keep_codes)
    total = sum(counts.values())
    if not session.quiet and fmt == "text":
        detail = ", ".join(f"{counts[s]} {s}" for s in ("error", "warning", "info") if counts[s])
        typer.echo(
            f"Found {total} finding{'s' * (total != 1)} in {documents} document{'s' * (documents != 1)}"
            + (f" ({detail})" if detail else "")
            + f"; {fixable} fixable; {meter.summary()}",
            err=True,
        )
    if session.problems:
        raise typer.Exit(2)
    raise typer.Exit(1 if failing else 0)


@dataclass
class FixTotals:
    documents: int = 0
    changed: int = 0
    edits: int = 0
    remaining: int = 0
    unfixed: int = 0
    failing: bool = False
    diff: bool = False


@app.command()
def fix(
    paths: Paths,
    out: Annotated[Optional[Path], typer.Option("--out", help="Write fixed files under DIR, mirroring the input tree.")] = None,
    diff: Annotated[bool, typer.Option("--diff", help="Print a unified diff of what fix would do; write nothing.")] = False,
    word_diff: Annotated[bool, typer.Option("--word-diff", help="With --diff: mark changes inside lines.")] = False,
    color: Annotated[Color, typer.Option("--color", help="Colour the word diff.")] = Color.auto,
    explain: Annotated[bool, typer.Option("--explain", help="With --word-diff: the rule beside each change.")] = False,
    interactive: Annotated[bool, typer.Option("--interactive", "-i", help="Ask for each edit (y/n/a/d/q).")] = False,
    unsafe_fixes: Annotated[bool, typer.Option("--unsafe-fixes", help="Also apply unsafe fixes.")] = False,
    report: Annotated[Optional[Path], typer.Option("--report", help="Write the applied edits as JSON.")] = None,
    convert_encoding: ConvertEncoding = None,
    max_passes: Annotated[Optional[int], typer.Option("--max-passes", help="Fix passes at most (default 10).")] = None,
    select: Select = None,
    ignore: Ignore = None,
    names: Names = None,
    rules: Rules = None,
    config: ConfigOpt = None,
    jobs: Jobs = None,
    engine: EngineOpt = None,
    address: Address = None,
    fail_on: FailOnOpt = None,
    quiet: Quiet = False,
    glob: Glob = None,
    id_field: IdField = None,
    text_field: TextField = None,
    grammar: Grammar = False,
) -> None:
    """Apply safe fixes (in place, or under --out DIR); --diff shows them instead."""
    session = resolve(
        "fix", paths, select=select, ignore=ignore, names=names, rules=rules, config=config, jobs=jobs,
        engine=engine, address=address, fail_on=fail_on, quiet=quiet, glob=glob, id_field=id_field,
        text_field=text_field, unsafe=unsafe_fixes, grammar=grammar, max_passes=max_passes,
    )
    if word_diff and not diff:
        diff = True
    runner = start_runner(session)
    sources = session.sources()
    for source in sources:
        source.convert_encoding = convert_encoding
    try:
        if out is not None:
            check_out_dir(out, sources)
        if report is not None:
            check_report_path(report, sources, out)
    except CorpusError as error:
        raise fail(str(error)) from None
    # auto: a terminal's, unless the user asked for none (NO_COLOR, https://no-color.org)
    use_color = color == Color.always or (color == Color.auto and sys.stdout.isatty()
                                          and not os.environ.get("NO_COLOR"))
    writer = FixWriter(out=out, diff=diff, word_diff=word_diff, color=use_color, explain=explain,
                       interactive=interactive)
    totals = FixTotals()
    from .editsfile import EditsFileWriter
    from .progress import RunMeter

    meter = RunMeter.for_run(sources, quiet=session.quiet or interactive, label="Fixing")
    meter.follow(runner)
    reported = None  # the edits file, written a document at a time
    try:
        if report is not None:
            writer.last_target = report
            reported = EditsFileWriter(report)
            writer.last_target = None
        for outcome in meter.track(outcomes(session, runner, sources)):
            writer.take(outcome, session, totals, reported)
        writer.mirror_empty(sources)
        writer.finish()
        if reported is not None:
            writer.last_target = report
            reported.commit()
            reported = None
    except OSError as error:  # a full disk, a read-only folder: every write so far is whole
        writer.abort()
        if error.errno == errno.EPIPE:
            # the reader of the diff went away (``| head``): the run ends quietly, as a
            # check does (click's own handling, exit 1), not as a failed write
            raise
        reason = error.strerror or str(error)
        raise fail(f"{writer.last_target or error.filename}: cannot write: {reason}; stopped "
                   "(files written before are complete, the rest are unchanged)") from None
    finally:
        if reported is not None:  # stopped before the end: no partial edits file
            reported.abort()
    if not session.quiet:
        verb = "Would fix" if diff else "Fixed"
        typer.echo(
            f"{verb} {totals.edits} edit{'s' * (totals.edits != 1)} in {totals.changed} of "
            f"{totals.documents} document{'s' * (totals.documents != 1)}; {totals.remaining} finding"
            f"{'s' * (totals.remaining != 1)} remain"
            + (f" ({totals.unfixed} left unfixed at the pass limit)" if totals.unfixed else "")
            + f"; {meter.summary()}",
            err=True,
        )
    if session.problems:
        raise typer.Exit(2)
    if diff:
        raise typer.Exit(1 if totals.diff else 0)
    raise typer.Exit(1 if totals.failing else 0)


class FixWriter:
    """Writes fix results as they arrive: files atomically, JSONL files as a stream put
    in place when complete, standard input to standard output, or diffs."""

    def __init__(self, *, out, diff, word_diff, color, explain, interactive) -> None:
        self.out, self.diff, self.word_diff = out, diff, word_diff
        self.color, self.explain, self.interactive = color, explain, interactive
        self.stream: StreamWriter | None = None
        self.stream_source: Source | None = None
        self.stream_changed = False
        self.quit = False
        self.taken: set[int] = set()  # the sources (by id) that yielded a document or a problem
        self.last_target: Path | str | None = None  # what a failed write was writing
        # files under --out replace no input: made durable together when the run ends
        self.later = DeferredSync() if out is not None else None

    def pass_through(self, source: Source) -> None:
        """A file that could not be read as text goes to --out (or stdout) unchanged."""
        try:
            data = source.read_bytes()
        except OSError:
            return
        if source.is_stdin:
            sys.stdout.buffer.write(data)
        elif self.out is not None:
            atomic_write(self.target(source), data, like=source.path, later=self.later)

    def mirror_empty(self, sources: list[Source]) -> None:
        """Under --out, the JSONL and Parquet files without a record (an empty file, a
        table of no rows with its schema), copied as they are: the output mirrors the
        input, and a record stream opens only at a record."""
        if self.out is None or self.diff:
            return
        for source in sources:
            if (source.jsonl or source.parquet) and not source.is_stdin and id(source) not in self.taken:
                self.pass_through(source)

    def target(self, source: Source) -> Path:
        if self.out is None:
            # a link to a file is fixed where it points (an editor writes through it): the
            # rename of an atomic write would put a copy in the link's place
            path = source.path
            self.last_target = path.resolve() if path.is_symlink() else path
            return self.last_target
        self.last_target = self.out / source.relative()
        return self.last_target

    def take(self, outcome: Outcome, session: Session, totals: FixTotals, reported) -> None:
        """Write (or show) one document's outcome; its edits go to ``reported`` (an
        ``EditsFileWriter``) unless that is None."""
        source, item, result = outcome.source, outcome.item, outcome.result
        self.taken.add(id(source))
        if self.stream_source is not None and source is not self.stream_source:
            self.close_stream()
        if isinstance(item, InputProblem):
            session.problems.append(item)
            report_problem(item)
            if source.parquet and getattr(item, "row", None) is not None:
                self.parquet_row(source, item.row)
            elif source.jsonl and item.raw is not None:
                self.jsonl_line(source, item.raw)
            elif source.jsonl or source.parquet:
                # the file could not be read to its end (a truncated archive): what was
                # written of it is not the whole file, and must not replace it
                self.drop_stream(source)
            elif not self.diff:
                self.pass_through(source)
            return
        doc = outcome.document
        totals.documents += 1
        if doc.envelope.converted_from and not session.quiet:
            typer.echo(f"cleanup: {doc.path}: converted from {doc.envelope.converted_from} to UTF-8", err=True)
        text = result.text
        edits = result.edits
        if self.interactive and edits and not self.diff:
            edits = [] if self.quit else self.ask(doc, edits)
            text = self.apply_subset(doc, edits)
        remaining = [r for r in result.remaining if at_or_above(r, session.fail_on)]
        totals.remaining += len(result.remaining)
        totals.unfixed += len(result.unfixed)
        totals.failing = totals.failing or bool(remaining)
        if edits:
            totals.changed += 1
            totals.edits += len(edits)
            if reported is not None:
                line, out_path = placement(source, item)
                reported.append(DocumentEdits(doc.path, doc.digest or "", tuple(edits), line,
                                              doc.envelope.converted_from, out_path))
        if self.diff:
            self.show_diff(doc, text, edits, totals)
            return
        if source.parquet:
            from .parquet_io import record_row

            self.parquet_row(source, record_row(item, text))
            if text != doc.text:
                self.stream_changed = True
        elif source.jsonl:
            self.jsonl_line(source, record_line(item, text))
            if text != doc.text:
                self.stream_changed = True
        elif source.is_stdin:
            sys.stdout.buffer.write(doc.encode(text))
            sys.stdout.buffer.flush()
        elif text != doc.text or self.out is not None or doc.envelope.converted_from:
            atomic_write(self.target(source), doc.encode(text), like=source.path, later=self.later)

    def ask(self, doc: Document, edits):
        from .interactive import Quit, choose_edits

        try:
            return choose_edits(doc.path, doc.text, edits, ask=input, show=typer.echo, color=self.color)
        except Quit as quit_:
            self.quit = True
            return list(getattr(quit_, "accepted", []))

    @staticmethod
    def apply_subset(doc: Document, edits) -> str:
        from .editsfile import apply_document_edits

        return apply_document_edits(doc.text, edits, doc.path)

    def show_diff(self, doc: Document, text: str, edits, totals: FixTotals) -> None:
        if text == doc.text:
            return
        totals.diff = True
        if self.word_diff:
            from .worddiff import word_diff

            rendered = word_diff(doc.path, doc.text, text, edits, color=self.color, explain=self.explain)
        else:
            from .formats import unified_diff

            # the bytes' line endings and BOM, as the file has them: what `patch` matches
            rendered = unified_diff(doc.path, doc.envelope.wrap(doc.text), doc.envelope.wrap(text))
            if sys.stdout.isatty():
                from .worddiff import terminal_safe

                # read by a person, not by `patch`: a document's escapes must not drive the terminal
                rendered = terminal_safe(rendered, crlf=True)
        sys.stdout.flush()
        sys.stdout.buffer.write(terminal_bytes(rendered))
        sys.stdout.buffer.flush()

    def jsonl_line(self, source: Source, data: bytes) -> None:
        if self.diff:
            return
        if source.is_stdin:
            sys.stdout.buffer.write(data)
            return
        if self.stream_source is not source:
            self.stream = StreamWriter(self.target(source), like=source.path)
            self.stream_source = source
            self.stream_changed = False
        self.stream.write(data)

    def parquet_row(self, source: Source, row: dict) -> None:
        if self.diff:
            return
        if self.stream_source is not source:
            from .parquet_io import ParquetStreamWriter, schema_of

            self.stream = ParquetStreamWriter(self.target(source), schema_of(source.path), like=source.path)
            self.stream_source = source
            self.stream_changed = False
        self.stream.write_row(row)

    def close_stream(self) -> None:
        if self.stream is not None:
            if self.stream_changed or self.out is not None:
                self.stream.commit()
            else:
                self.stream.abort()  # nothing changed: leave the original file alone
        self.stream = None
        self.stream_source = None

    def drop_stream(self, source: Source) -> None:
        if self.stream is not None and self.stream_source is source:
            self.stream.abort()
        self.stream = None
        self.stream_source = None

    def finish(self) -> None:
        self.close_stream()
        if self.later is not None:
            self.last_target = self.out
            self.later.commit()

    def abort(self) -> None:
        """After a failed write: drop a half-written stream's temporary file, and put
        the files written before on disk."""
        if self.stream is not None:
            try:
                self.stream.abort()
            except OSError:
                pass
        self.stream = None
        self.stream_source = None
        if self.later is not None:
            try:
                self.later.commit()
            except OSError:
                pass


@app.command("rules")
def list_rules(
    format: Annotated[str, typer.Option("--format", help="text or json")] = "text",
    rules: Rules = None,
    select: Select = None,
    ignore: Ignore = None,
    config: ConfigOpt = None,
) -> None:
    """List every rule: id, category, severity, fix (safe|unsafe|none), summary. The rule
    folders of the configuration (found from the current folder up) are listed too."""
    from .ruleset import Ruleset

    try:
        cfg = discover(Path.cwd(), config)
        ruleset = Ruleset.load(tuple(cfg.paths("rules")) + tuple(rules or ()))
    except RuleFileError as error:
        raise fail(str(error)) from None
    if select or ignore:
        ruleset = ruleset.select(split(select), split(ignore))
    rows = [
        {
            "id": r.id,
            "category": r.meta.category,
            "severity": r.meta.severity.value,
            "fix": r.meta.fix.value,
            "default": r.meta.default,
            "kind": r.meta.kind,
            "summary": r.meta.summary,
            "source": r.meta.source,
        }
        for r in ruleset.rules
    ]
    if format == "json":
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    if format != "text":
        raise fail("--format must be text or json")
    width = max((len(r["id"]) for r in rows), default=2)
    typer.echo(f"{'id':<{width}}  {'category':<11} {'severity':<8} {'fix':<6}  summary")
    for row in rows:
        off = "" if row["default"] else " (off by default)"
        typer.echo(
            f"{row['id']:<{width}}  {row['category']:<11} {row['severity']:<8} {row['fix']:<6}  {row['summary']}{off}"
        )


def placement(source: Source, item) -> tuple[int | None, str | None]:
    """Where an edits file says a document is, besides its path: a JSONL or Parquet
    record's line (apply finds a record by it: ids repeat in real corpora), and the path
    its file gets under fix --out (apply --out writes it there too)."""
    line = item.line if isinstance(item, Record) else None
    return line, (None if source.is_stdin else source.relative().as_posix())


def first_pass(session: Session, convert_encoding: str | None = None,
               ) -> tuple[list[tuple[Document, list[Finding], dict]], Runner]:
    """Every document with its findings, and its ``placement`` for an exported edits
    file; files that are not UTF-8 decoded from ``convert_encoding`` as fix decodes them."""
    runner = start_runner(session)
    sources = session.sources()
    for source in sources:
        source.convert_encoding = convert_encoding
    items = []
    for outcome in outcomes(session, runner, sources):
        if isinstance(outcome.item, InputProblem):
            session.problems.append(outcome.item)
            report_problem(outcome.item)
            continue
        line, out_path = placement(outcome.source, outcome.item)
        # as fix --report writes it: apply decodes the file from the same encoding
        # ("auto" resolved), so the exported offsets fit the text they were made on
        encoding = outcome.document.envelope.converted_from
        exported = {key: value for key, value in (("line", line), ("encoding", encoding), ("out_path", out_path))
                    if value is not None}
        items.append((outcome.document, [lf.finding for lf in outcome.result.findings], exported))
    return items, runner


@app.command()
def report(
    paths: Paths,
    format: Annotated[str, typer.Option("--format", help="text, json, csv or markdown")] = "text",
    select: Select = None,
    ignore: Ignore = None,
    names: Names = None,
    rules: Rules = None,
    config: ConfigOpt = None,
    jobs: Jobs = None,
    engine: EngineOpt = None,
    address: Address = None,
    quiet: Quiet = False,
    glob: Glob = None,
    id_field: IdField = None,
    text_field: TextField = None,
    grammar: Grammar = False,
) -> None:
    """Per-document quality table (findings per 1,000 words by category, readability,
    an overall score), worst first."""
    from . import quality

    if format not in ("text", "json", "csv", "markdown"):
        raise fail("--format must be text, json, csv or markdown")
    session = resolve(
        "check", paths, select=select, ignore=ignore, names=names, rules=rules, config=config, jobs=jobs,
        engine=engine, address=address, fail_on=None, quiet=quiet, glob=glob, id_field=id_field,
        text_field=text_field, grammar=grammar,
    )
    items, _ = first_pass(session)
    weights = session.config.get("report", {}).get("weights")
    built = quality.build_report(((doc, findings) for doc, findings, _ in items), weights)
    typer.echo(quality.render_report(built, format), nl=False)
    raise typer.Exit(2 if session.problems else 0)


@app.command()
def review(
    paths: Paths,
    output: Annotated[Path, typer.Option("-o", "--output", help="The HTML file to write.")],
    select: Select = None,
    ignore: Ignore = None,
    names: Names = None,
    rules: Rules = None,
    config: ConfigOpt = None,
    jobs: Jobs = None,
    engine: EngineOpt = None,
    address: Address = None,
    quiet: Quiet = False,
    glob: Glob = None,
    id_field: IdField = None,
    text_field: TextField = None,
    grammar: Grammar = False,
    convert_encoding: ConvertEncoding = None,
) -> None:
    """Write a self-contained review page: accept or reject each proposed edit, export."""
    from .review import build_page

    session = resolve(
        "check", paths, select=select, ignore=ignore, names=names, rules=rules, config=config, jobs=jobs,
        engine=engine, address=address, fail_on=None, quiet=quiet, glob=glob, id_field=id_field,
        text_field=text_field, grammar=grammar,
    )
    items, _ = first_pass(session, convert_encoding)
    atomic_write(output, build_page(items).encode("utf-8"))
    if not quiet:
        proposals = sum(1 for _, findings, _ in items for f in findings if f.fix is not None)
        typer.echo(f"Wrote {output}: {len(items)} documents, {proposals} proposed edits", err=True)
    raise typer.Exit(2 if session.problems else 0)


@app.command()
def apply(
    edits_file: Annotated[Path, typer.Argument(help="An edits file (fix --report, or the review page's export).")],
    out: Annotated[Optional[Path], typer.Option("--out", help="Write results under DIR instead of in place.")] = None,
    config: ConfigOpt = None,
    id_field: IdField = None,
    text_field: TextField = None,
    quiet: Quiet = False,
) -> None:
    """Apply exactly the edits listed; refuse documents that changed since. Records are
    read with the id and text fields fix was given (configuration found from the first
    document's file upward)."""
    from .apply import ApplyError, apply_edits, load_edits_file

    try:
        edits = load_edits_file(edits_file)
        cfg = discover(edits.config_start(), config)
        summary = apply_edits(edits, out=out, fields=record_fields(cfg, id_field, text_field))
    except (EditsFileError, ApplyError, RuleFileError) as error:  # RuleFileError: a bad configuration
        raise fail(str(error)) from None
    for problem in summary.problems:
        typer.echo(f"cleanup: {problem}", err=True)
    if not quiet:
        typer.echo(
            f"Applied {summary.edits} edits to {summary.documents} documents in {summary.files} files", err=True
        )
    raise typer.Exit(2 if summary.problems else 0)


@names_app.command("check")
def names_check(file: Annotated[Path, typer.Argument(help="A names table (TOML or CSV).")]) -> None:
    """Validate a names table: duplicates, conflicting variants, bad fields."""
    from .nametable import validate_table

    if not file.is_file():
        raise fail(f"{file}: no such file")
    try:
        problems = validate_table(file)
    except RuleFileError as error:
        raise fail(str(error)) from None
    for problem in problems:
        typer.echo(problem)
    if problems:
        raise typer.Exit(1)
    typer.echo(f"{file}: ok", err=True)


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"cleanup {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool, typer.Option("--version", callback=version_callback, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """cleanup: text cleanup and translation-quality checks for English corpora."""


# A run keeps what it loads (rules, names tables, word lists: hundreds of thousands of
# objects) to the end and makes little cyclic garbage, so with the default threshold
# (700) the collector runs hundreds of times and, while the tables load, does full
# collections that find nothing. A larger first threshold keeps cyclic garbage bounded
# (tens of thousands of objects) at a fraction of the collections.
GC_YOUNG_THRESHOLD = 10_000


def main() -> None:
    """The program: ``app`` with the collector tuned for one run in its own process (not
    for callers of ``app`` in theirs, as tests are)."""
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(GC_YOUNG_THRESHOLD, older, oldest)
    try:
        app()
    finally:
        # The interpreter collects again and again while it tears the modules down at
        # exit, each time scanning every object the run loaded; frozen, they are skipped
        # (about a fifth of a second after a check that loaded the names tables).
        gc.freeze()
