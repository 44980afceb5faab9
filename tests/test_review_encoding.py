"""`cleanup review --convert-encoding ENCODING|auto` reads a legacy-encoded file as `fix
--convert-encoding` does: the page shows the findings of the converted text, and its
export names the encoding (as `fix --report` does, "auto" resolved), so that `cleanup
apply` decodes the file the same way and writes what fix wrote."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .test_cli import TYPO, write
from .test_review_browser import browser, open_page  # noqa: F401  (fixtures of the browser test)

DATA = re.compile(r'<script id="review-data" type="application/json">(.*?)</script>', re.S)
TEXT = "Café  “quoted”  naïve résumé.\nSecond  line — déjà vu.\n"
LATIN = TEXT.replace("“", '"').replace("”", '"').replace("—", "-")  # no cp1252-only characters
ENCODED = {  # the option's value, the file's text and its bytes
    "cp1252": ("cp1252", TEXT, TEXT.encode("cp1252")),
    "latin-1": ("latin-1", LATIN, LATIN.encode("latin-1")),
    # whatever is detected (not always cp1252) is what apply must use: no text expected
    "cp1252-auto": ("auto", None, (TEXT * 20).encode("cp1252")),
}


def page_data(page: Path) -> dict:
    (match,) = DATA.findall(page.read_text(encoding="utf-8"))
    return json.loads(match)


def exported(data: dict) -> dict:
    """What the page's Export button downloads with the default decisions (review.js
    ``exportData``): the accepted edits of each document, with what it carries besides."""
    documents = []
    for doc in data["documents"]:
        edits = sorted(
            ({"rule": item["rule"], "start": edit["start"], "end": edit["end"], "before": edit["before"],
              "after": edit["after"], "safe": item["safe"]}
             for item in doc["items"] if item["kind"] == "edit" and item["status"] == "accepted"
             for edit in item["edits"]),
            key=lambda edit: (edit["start"], edit["end"]),
        )
        if edits:
            documents.append({"path": doc["path"], "sha256": doc["sha256"], "edits": edits,
                              **doc.get("exported", {})})
    return {"version": 1, "documents": documents}


def fixed_with_report(cli, tmp_path: Path, *options) -> dict:
    """The report's entry of `fix legacy.txt --out A` (its first pass only: the review
    page's defaults are the fixes of fix's first pass)."""
    report = tmp_path / "r.json"
    result = cli("fix", "legacy.txt", "--out", "A", "--report", report, "--max-passes", "1", "--jobs", "1",
                 *TYPO, *options)
    assert result.exit_code in (0, 1), result.output
    [entry] = json.loads(report.read_text(encoding="utf-8"))["documents"]
    return entry


def reviewed(cli, tmp_path: Path, *options) -> dict:
    page = tmp_path / "page.html"
    result = cli("review", "legacy.txt", "-o", page, "--jobs", "1", *TYPO, *options)
    assert result.exit_code == 0, result.output
    return page_data(page)


@pytest.mark.parametrize("case", sorted(ENCODED))
def test_the_page_shows_the_converted_text_and_its_export_replays_as_fix(cli, tmp_path, monkeypatch, case):
    monkeypatch.chdir(tmp_path)
    encoding, text, data = ENCODED[case]
    write(tmp_path / "legacy.txt", data)
    page = reviewed(cli, tmp_path, "--convert-encoding", encoding)
    [doc] = page["documents"]
    assert doc["text"] == data.decode(doc["exported"]["encoding"])  # the converted text
    assert text is None or doc["text"] == text
    assert "typography.multiple-spaces" in {item["rule"] for item in doc["items"]}
    # the encoding fix names in its report, "auto" resolved to the one detected
    fixed = fixed_with_report(cli, tmp_path, "--convert-encoding", encoding)
    assert doc["exported"]["encoding"] == fixed["encoding"] != "auto"
    edits = tmp_path / "edits.json"
    edits.write_text(json.dumps(exported(page)), encoding="utf-8")
    [entry] = json.loads(edits.read_text(encoding="utf-8"))["documents"]
    assert {key: entry[key] for key in ("path", "sha256", "encoding")} == {
        key: fixed[key] for key in ("path", "sha256", "encoding")}
    result = cli("apply", edits, "--out", "B")
    assert result.exit_code == 0, result.output
    applied = (tmp_path / "B" / "legacy.txt").read_bytes()
    assert applied == (tmp_path / "A" / "legacy.txt").read_bytes()
    assert "Café" in applied.decode("utf-8") and "  " not in applied.decode("utf-8")
    assert (tmp_path / "legacy.txt").read_bytes() == data  # review and apply --out left it alone


def test_the_export_applied_in_place_rewrites_the_file_as_utf8(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path / "legacy.txt", TEXT.encode("cp1252"))
    fixed_with_report(cli, tmp_path, "--convert-encoding", "cp1252")
    edits = tmp_path / "edits.json"
    edits.write_text(json.dumps(exported(reviewed(cli, tmp_path, "--convert-encoding", "cp1252"))),
                     encoding="utf-8")
    result = cli("apply", edits)
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == (tmp_path / "A" / "legacy.txt").read_bytes()
    assert path.read_text(encoding="utf-8").startswith("Café “quoted” naïve")


def test_without_the_option_a_legacy_file_is_left_out_and_utf8_exports_no_encoding(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "legacy.txt", TEXT.encode("cp1252"))
    result = cli("review", "legacy.txt", "-o", tmp_path / "page.html", "--jobs", "1", *TYPO)
    assert result.exit_code == 2 and "legacy.txt: not valid UTF-8" in result.stderr
    assert page_data(tmp_path / "page.html")["documents"] == []
    write(tmp_path / "legacy.txt", TEXT)  # already UTF-8: nothing to convert, nothing named
    [doc] = reviewed(cli, tmp_path, "--convert-encoding", "cp1252")["documents"]
    assert doc["text"] == TEXT and "encoding" not in doc["exported"]


def test_review_offers_the_option_as_fix_does(cli):
    def option_help(command: str) -> str:
        text = " ".join(cli(command, "--help").stdout.split())
        return re.search(r"--convert-encoding ENCODING\|auto (.*?\))", text).group(1)

    assert option_help("review") == option_help("fix")


@pytest.mark.slow
def test_the_browser_export_of_a_converted_file_applies(open_page, cli, tmp_path, monkeypatch):  # noqa: F811
    """The page's own Export button (Chromium), not a copy of what it does."""
    from .test_review_browser import export

    monkeypatch.chdir(tmp_path)
    write(tmp_path / "legacy.txt", TEXT.encode("cp1252"))
    fixed_with_report(cli, tmp_path, "--convert-encoding", "cp1252")
    reviewed(cli, tmp_path, "--convert-encoding", "cp1252")
    page = open_page((tmp_path / "page.html").read_text(encoding="utf-8"), name="opened.html")
    data = export(page)
    assert [d["encoding"] for d in data["documents"]] == ["cp1252"]
    (tmp_path / "edits.json").write_text(json.dumps(data), encoding="utf-8")
    result = cli("apply", tmp_path / "edits.json", "--out", "B")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "B" / "legacy.txt").read_bytes() == (tmp_path / "A" / "legacy.txt").read_bytes()
    assert page.problems == []
