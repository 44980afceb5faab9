"""Kind ``languagetool``: grammar, spelling, style and typography matches from a
LanguageTool server (its HTTP API, ``POST /v2/check``).

Nothing is downloaded or started here: the server is one the user runs (the official
Docker images, or ``java -cp languagetool-server.jar org.languagetool.server.HTTPServer
--port 8081``) and names with ``[grammar] url`` in the configuration or
``LANGUAGETOOL_URL``. The rules are off by default (``default = false``); ``--grammar``
turns them on and makes a missing server an error.

One request per document serves every grammar rule: each rule keeps the matches whose
LanguageTool category is one of its ``categories``. LanguageTool's offsets count UTF-16
code units; they are turned into code points here. Its suggestions become unsafe fixes.
Spelling matches on a name from the names table, or on an accepted word, are dropped.
"""

from __future__ import annotations

import json
import os
from collections import OrderedDict
from dataclasses import dataclass

from .base import Param, Rule, ServiceUnavailable, listed_spellings, per_table, register

SETTINGS = "grammar"
ENVIRONMENT = "LANGUAGETOOL_URL"
MAX_CHUNK = 20_000  # characters per request; servers may cap the text length
SETUP_HINT = (
    "start one with `docker run -p 8081:8010 erikvl87/languagetool` or "
    "`java -cp languagetool-server.jar org.languagetool.server.HTTPServer --port 8081`, "
    "then set LANGUAGETOOL_URL=http://localhost:8081 (or [grammar] url in cleanup.toml)"
)


@dataclass(frozen=True, slots=True)
class Match:
    """A LanguageTool match in code-point offsets of the whole document."""

    start: int
    end: int
    message: str
    lt_rule: str
    category: str
    issue_type: str
    replacements: tuple[str, ...]


def server_url(ctx) -> str | None:
    url = ctx.setting(SETTINGS, "url") or os.environ.get(ENVIRONMENT) or None
    if not url:
        return None
    url = url.rstrip("/")
    return url[: -len("/v2")] if url.endswith("/v2") else url


def utf16_to_codepoints(text: str):
    """A function mapping UTF-16 offsets of ``text`` to code-point offsets."""
    if all(ord(c) < 0x10000 for c in text):
        return lambda offset: offset
    table = []
    for index, char in enumerate(text):
        table.append(index)
        if ord(char) >= 0x10000:
            table.append(index)  # the low surrogate maps to the same character
    table.append(len(text))
    return lambda offset: table[min(offset, len(table) - 1)]


def chunks(text: str, limit: int = MAX_CHUNK):
    """(offset, piece) pieces of at most ``limit`` characters, cut after a newline
    where possible so sentences stay whole."""
    start = 0
    while start < len(text):
        end = min(len(text), start + limit)
        if end < len(text):
            cut = text.rfind("\n", start, end)
            if cut > start:
                end = cut + 1
        yield start, text[start:end]
        start = end


class LanguageToolClient:
    def __init__(self, url: str, *, language: str = "en-US", timeout: float = 30.0) -> None:
        self.url = url
        self.language = language
        self.timeout = timeout

    def reachable(self, timeout: float = 3.0) -> bool:
        import urllib.request  # here, not at the top: ~20 ms (ssl, http) off every run without a server

        try:
            with urllib.request.urlopen(f"{self.url}/v2/languages", timeout=timeout) as response:
                json.loads(response.read().decode("utf-8"))
            return True
        except (OSError, ValueError):  # URLError is an OSError
            return False

    def check_piece(self, text: str) -> list[dict]:
        import urllib.parse
        import urllib.request

        body = urllib.parse.urlencode({"text": text, "language": self.language}).encode("utf-8")
        request = urllib.request.Request(
            f"{self.url}/v2/check", data=body,
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=self.timeout) as response:
            answer = json.loads(response.read().decode("utf-8"))
        if not isinstance(answer, dict):
            raise ValueError("LanguageTool answered something other than a JSON object")
        return [m for m in answer.get("matches") or () if isinstance(m, dict)]

    def check(self, text: str) -> list[Match]:
        found = []
        for offset, piece in chunks(text):
            to_codepoints = utf16_to_codepoints(piece)
            for raw in self.check_piece(piece):
                match = parse_match(raw, to_codepoints, offset)
                if match is not None:
                    found.append(match)
        return found


def parse_match(raw: dict, to_codepoints, offset: int) -> Match | None:
    """A Match from one entry of a /v2/check answer, or None when it has no usable span.
    Servers of different versions leave out or null fields other than offset and length
    (shortMessage, rule.category, replacements, urls...); extra fields are ignored."""
    start, length = raw.get("offset"), raw.get("length")
    if not isinstance(start, int) or not isinstance(length, int) or start < 0 or length < 0:
        return None
    rule = raw.get("rule") or {}
    category = rule.get("category") or {}
    values = (r.get("value") for r in raw.get("replacements") or () if isinstance(r, dict))
    return Match(
        start=offset + to_codepoints(start),
        end=offset + to_codepoints(start + length),
        message=raw.get("message") or "",
        lt_rule=rule.get("id") or "",
        category=category.get("id") or "",
        issue_type=rule.get("issueType") or "",
        replacements=tuple(v for v in values if isinstance(v, str))[:5],
    )


_RESULTS: OrderedDict = OrderedDict()  # (url, language, text) -> matches, shared by the rules
_RESULTS_SIZE = 4
_PREFLIGHT: dict = {}  # the context the last preflight answered for


def matches_for(client: LanguageToolClient, text: str) -> list[Match]:
    key = (client.url, client.language, text)
    if key in _RESULTS:
        _RESULTS.move_to_end(key)
        return _RESULTS[key]
    result = client.check(text)
    _RESULTS[key] = result
    while len(_RESULTS) > _RESULTS_SIZE:
        _RESULTS.popitem(last=False)
    return result


def name_words(ctx) -> frozenset[str]:
    """Every word of every name in the names table, casefolded (empty without a table)."""
    try:
        return _table_words(ctx.names)
    except Exception:  # noqa: BLE001 - the names table is optional here
        return frozenset()


@per_table
def _table_words(table) -> frozenset[str]:
    return frozenset(w.casefold() for spelling in listed_spellings(table) for w in spelling.replace("-", " ").split())


@register
class LanguageToolRule(Rule):
    kind = "languagetool"
    PARAMS = {
        "categories": Param(list, doc="LanguageTool category ids this rule reports (TYPOS, GRAMMAR...)"),
        "catch_all": Param(bool, False, doc="also report categories no grammar rule lists"),
        "known_categories": Param(list, [], doc="with catch_all: the categories other rules report"),
        "ignore_rules": Param(list, [], doc="LanguageTool rule ids never reported"),
        "spelling": Param(bool, False, doc="drop matches on names from the names table"),
    }

    def setup(self) -> None:
        self.categories = frozenset(self.params["categories"])
        self.known = frozenset(self.params["known_categories"]) | self.categories
        self.ignored = frozenset(self.params["ignore_rules"])

    def client(self, ctx) -> LanguageToolClient | None:
        url = server_url(ctx)
        if url is None:
            return None
        language = ctx.setting(SETTINGS, "language", "en-US")
        return LanguageToolClient(url, language=language, timeout=float(ctx.setting(SETTINGS, "timeout", 30.0)))

    def preflight(self, ctx) -> str | None:
        """One warning per run, not one per grammar rule: the rules share the server."""
        if _PREFLIGHT.get("context") is ctx:
            return None
        message = self._preflight(ctx)
        _PREFLIGHT["context"] = ctx
        return message

    def _preflight(self, ctx) -> str | None:
        required = bool(ctx.setting(SETTINGS, "required", False))
        client = self.client(ctx)
        if client is None:
            problem = "grammar rules selected but no LanguageTool server is configured"
        elif client.reachable():
            return None
        else:
            problem = f"no LanguageTool server answers at {client.url}"
        message = f"{problem}: {SETUP_HINT}"
        if required:
            raise ServiceUnavailable(message)
        return f"{message} (grammar rules skipped)"

    def prepare(self, ctx) -> None:
        """Nothing to load ahead: the work is the server's, and its examples would be
        requests to it."""

    def wanted(self, match: Match) -> bool:
        if match.lt_rule in self.ignored:
            return False
        if match.category in self.categories:
            return True
        return self.params["catch_all"] and match.category not in self.known

    def check(self, doc, ctx):
        client = self.client(ctx)
        if client is None or not doc.text.strip():
            return
        try:
            matches = matches_for(client, doc.text)
        except (OSError, ValueError) as error:
            if ctx.setting(SETTINGS, "required", False):
                raise ServiceUnavailable(f"LanguageTool at {client.url} failed: {error}") from None
            return
        names = name_words(ctx) if self.params["spelling"] else frozenset()
        for match in matches:
            if not self.wanted(match) or match.end <= match.start:
                continue
            matched = doc.text[match.start : match.end]
            if self.params["spelling"] and matched.casefold() in names:
                continue
            if matched.strip().casefold() in ctx.accept:
                continue
            replacement = match.replacements[0] if match.replacements else None
            message = f"{match.message} (LanguageTool {match.lt_rule})"
            if len(match.replacements) > 1:
                message += "; other suggestions: " + ", ".join(match.replacements[1:])
            yield self.finding(match.start, match.end, message=message, replacement=replacement)
