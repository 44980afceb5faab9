"""Hostile documents: Trojan Source bidirectional controls are reported as docs/security.md
says, and document text cannot break out of the review page's HTML."""

from __future__ import annotations

import json
import re

TROJAN = "access level: \u202euser\u202c ok\nx = \"\u2067admin\u2069\"\n"
HEBREW = "He quoted \u05e9\u05dc\u05d5\u05dd \u200fin Hebrew.\n"


def findings(cli, path) -> list[dict]:
    result = cli("check", path, "--select", "encoding.invisible", "--format", "json", "--jobs", "1", "-q")
    return json.loads(result.stdout)


def test_bidirectional_controls_are_named_errors_with_a_safe_fix(cli, tmp_path):
    path = tmp_path / "trojan.txt"
    path.write_text(TROJAN, encoding="utf-8")
    found = findings(cli, path)
    assert [f["text"] for f in found] == ["\u202e", "\u202c", "\u2067", "\u2069"]
    assert all(f["severity"] == "error" and f["safe"] is True and f["replacement"] == "" for f in found)
    assert all("CVE-2021-42574" in f["message"] and "U+" in f["message"] for f in found)
    assert "RIGHT-TO-LEFT OVERRIDE" in found[0]["message"]
    text = cli("check", path, "--select", "encoding.invisible", "--jobs", "1", "-q").stdout
    assert "\u202e" not in text  # the text report names the control instead of printing it
    cli("fix", path, "--jobs", "1", "-q")
    assert path.read_text(encoding="utf-8") == "access level: user ok\nx = \"admin\"\n"


def test_bidi_mark_beside_right_to_left_text_is_only_an_unsafe_fix(cli, tmp_path):
    path = tmp_path / "hebrew.txt"
    path.write_text(HEBREW, encoding="utf-8")
    [found] = findings(cli, path)
    assert found["text"] == "\u200f" and found["safe"] is False
    cli("fix", path, "--select", "encoding.invisible", "--jobs", "1", "-q")
    assert path.read_text(encoding="utf-8") == HEBREW


def test_document_text_cannot_escape_the_review_page(cli, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "He said , then left. </script><script>alert(1)</script><!-- \u2028 <img src=x onerror=alert(2)>\n",
        encoding="utf-8",
    )
    page = tmp_path / "page.html"
    result = cli("review", folder, "-o", page, "--jobs", "1", "-q")
    assert result.exit_code == 0, result.stderr
    html = page.read_text(encoding="utf-8")
    assert "alert(1)" in html  # the text is there ...
    assert "<script>alert(1)" not in html and "<img src=x" not in html  # ... but never as markup
    assert len(re.findall(r"</script", html, flags=re.IGNORECASE)) == len(re.findall(r"<script", html, flags=re.I))
