"""A stand-in LanguageTool server for tests: a real HTTP server on 127.0.0.1 that answers
``POST /v2/check`` with the recorded responses in ``fixtures/languagetool/`` (looked up by
the request's text) and ``GET /v2/languages``, so the grammar rules' real client code
runs. A text with no fixture gets a response with no matches.

``fixtures/languagetool/recorded/`` holds real LanguageTool responses published in other
projects' tests, each with the exact text it answers and its source (see the README
there). ``fixtures/languagetool/synthetic/`` holds hand-written responses, kept only for
cases no recording covers (the rule examples of rules/grammar.toml, astral characters,
names); each says so in its ``synthetic`` field.
"""

from __future__ import annotations

import json
import threading
import urllib.parse
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "languagetool"


RECORDED = FIXTURES / "recorded"
SYNTHETIC = FIXTURES / "synthetic"


def fixtures(folder: Path = FIXTURES) -> list[dict]:
    """Every fixture under ``folder``: {"request": {"text", "language"}, "response", ...}."""
    return [json.loads(path.read_text(encoding="utf-8")) for path in sorted(folder.rglob("*.json"))]


def recordings() -> dict[str, dict]:
    """request text -> response; a real recording wins over a synthetic one."""
    found = {}
    for data in fixtures(SYNTHETIC) + fixtures(RECORDED):
        found[data["request"]["text"]] = data["response"]
    return found


def empty_response() -> dict:
    template = fixtures(RECORDED)[0]["response"]
    return {**template, "matches": []}


class _Handler(BaseHTTPRequestHandler):
    answers: dict[str, dict] = {}
    requests: list[dict] = []

    def log_message(self, *args) -> None:  # keep test output quiet
        pass

    def _send(self, payload) -> None:
        body = json.dumps(payload).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        if self.path.startswith("/v2/languages"):
            self._send([{"name": "English (US)", "code": "en", "longCode": "en-US"}])
        else:
            self.send_error(404)

    def do_POST(self) -> None:
        if not self.path.startswith("/v2/check"):
            self.send_error(404)
            return
        length = int(self.headers.get("Content-Length", 0))
        form = urllib.parse.parse_qs(self.rfile.read(length).decode("utf-8"), keep_blank_values=True)
        text = form.get("text", [""])[0]
        self.requests.append({"text": text, "language": form.get("language", [""])[0]})
        self._send(self.answers.get(text) or empty_response())


@contextmanager
def serve():
    """Run the stand-in server; yields (url, list of requests received)."""
    handler = type("Handler", (_Handler,), {"answers": recordings(), "requests": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", handler.requests
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
