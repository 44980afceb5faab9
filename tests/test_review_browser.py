"""The review page in a real browser: Debian's chromium, headless, driven by Playwright.

Open the page from a file, filter, reject an edit, export, apply the export (with the
engine and with ``cleanup apply``) and check the result; accept over a conflict; and
make sure a hostile document cannot inject into the page.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cleanup.document import Document
from cleanup.engine import replay
from cleanup.model import Edit, Finding, Fix, Severity
from cleanup.review import build_page, page_data

from .conftest import SEEDS, run_cleanup
from .review_support import seed_items

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (/usr/bin/chromium): apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def open_page(browser, tmp_path):
    contexts = []

    def open_(html: str, name: str = "review.html"):
        path = tmp_path / name
        path.write_text(html, encoding="utf-8")
        context = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.problems = []
        page.on("pageerror", lambda error: page.problems.append(str(error)))
        page.on("console", lambda message: message.type == "error" and page.problems.append(message.text))
        page.on("request", lambda request: request.url.startswith(("http:", "https:")) and page.problems.append(request.url))
        page.goto(path.as_uri())
        return page

    yield open_
    for context in contexts:
        context.close()


def export(page) -> dict:
    with page.expect_download() as download_info:
        page.click("#export")
    download = download_info.value
    assert download.suggested_filename == "edits.json"
    return json.loads(Path(download.path()).read_text(encoding="utf-8"))


def exported_edits(item: dict) -> list[dict]:
    return [{"rule": item["rule"], "start": e["start"], "end": e["end"], "before": e["before"],
             "after": e["after"], "safe": item["safe"]} for e in item["edits"]]


def selected_id(page):
    return page.evaluate("() => window.cleanupReview.selected()")


def statuses(page) -> dict[int, str]:
    return {i: s for i, s in enumerate(page.evaluate("() => window.cleanupReview.items.map(i => i.status)"))}


def test_filter_reject_export_and_apply(open_page, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus / "seeds")
    items = seed_items(corpus / "seeds", relative_to=corpus)
    data = page_data(items, title="t")
    target_doc, target = first_accepted_of_its_rule(data)
    page = open_page(build_page(items))
    assert page.locator("#doc-list li").count() == len(items)

    everything = page.locator("#doc-text .chg, #doc-text .add, #doc-text .noted").count()
    page.select_option("#filter-rule", target["rule"])
    page.select_option("#filter-safety", "safe")
    page.click(f'#doc-list button[data-index="{target_doc}"]')
    filtered = page.locator("#doc-text .chg, #doc-text .add, #doc-text .noted").count()
    assert 0 < filtered <= everything
    shown_ids = set(page.evaluate("() => [...document.querySelectorAll('#doc-text [class]')].flatMap(e => e.itemIds || [])"))
    assert shown_ids and all(data_item(data, i)["rule"] == target["rule"] for i in shown_ids)

    page.keyboard.press("j")
    assert selected_id(page) == target["id"]
    assert page.text_content("#ins-rule") == target["rule"]
    page.keyboard.press("r")
    assert statuses(page)[target["id"]] == "rejected"

    result = export(page)
    expected = []
    for d, doc in enumerate(data["documents"]):
        edits = [e for item in doc["items"] if item["status"] == "accepted" and item["id"] != target["id"]
                 for e in exported_edits(item)]
        if edits:
            expected.append({"path": doc["path"], "sha256": doc["sha256"],
                             "edits": sorted(edits, key=lambda e: (e["start"], e["end"]))})
    assert result == {"version": 1, "documents": expected}

    # the exported edits, applied by the engine, then by the real command
    texts = {doc.path: doc.text for doc, _ in items}
    applied = {entry["path"]: replay(texts[entry["path"]], as_edits(entry["edits"])) for entry in result["documents"]}
    target_path = data["documents"][target_doc]["path"]
    kept = next((entry["edits"] for entry in result["documents"] if entry["path"] == target_path), [])
    without_target = applied.get(target_path, texts[target_path])
    assert without_target != replay(texts[target_path], as_edits(kept + exported_edits(target)))
    export_file = corpus / "edits.json"
    export_file.write_text(json.dumps(result), encoding="utf-8")
    run = run_cleanup("apply", export_file, cwd=corpus)
    assert run.returncode == 0, run.stderr.decode()
    for path, expected_text in applied.items():
        assert expected_text != texts[path]  # the accepted changes are made
        assert (corpus / path).read_text(encoding="utf-8").replace("\r\n", "\n") == expected_text
    assert (corpus / target_path).read_text(encoding="utf-8").replace("\r\n", "\n") == without_target


def as_edits(edits: list[dict]) -> list[Edit]:
    return [Edit(e["start"], e["end"], e["after"]) for e in edits]


def first_accepted_of_its_rule(data: dict) -> tuple[int, dict]:
    """A default-accepted item that is the first safe fix of its rule in its document
    (so that filtering by rule and safety and pressing j selects it)."""
    for index, doc in enumerate(data["documents"]):
        seen = set()
        for item in doc["items"]:
            if item["kind"] != "edit" or not item["safe"]:
                continue
            if item["status"] == "accepted" and item["rule"] not in seen:
                return index, item
            seen.add(item["rule"])
    pytest.fail("the seeds give no safe fix: nothing to review")


def data_item(data: dict, item_id: int) -> dict:
    return next(i for doc in data["documents"] for i in doc["items"] if i["id"] == item_id)


TEXT = "The spokesman Jen Saki said that Sergei Lavrov left Kiev on Monday.\n"


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


def proposal(rule: str, word: str, replacement: str, *, safe: bool) -> Finding:
    start, end = at(word)
    return Finding(rule, f"replace {word}", start, end, Severity.WARNING, Fix.replace(start, end, replacement, safe=safe))


def test_accepting_rejects_conflicts_and_rules_accept_together(open_page):
    doc = Document.from_text(TEXT, "names.txt")
    findings = [
        proposal("names.variant", "Saki", "Psaki", safe=False),
        proposal("names.full", "Jen Saki", "Jen Psaki", safe=False),
        proposal("names.variant", "Sergei", "Sergey", safe=False),
        proposal("names.place", "Kiev", "Kyiv", safe=True),
        Finding("mt.note", "a note without a fix", *at("Monday"), Severity.INFO),
    ]
    page = open_page(build_page([(doc, findings)]))
    ids = {(i["rule"], i["edits"][0]["before"] if i["edits"] else ""): i["id"]
           for i in page_data([(doc, findings)], title="t")["documents"][0]["items"]}
    full, saki, sergei = ids[("names.full", "Jen Saki")], ids[("names.variant", "Saki")], ids[("names.variant", "Sergei")]
    kiev, note = ids[("names.place", "Kiev")], ids[("mt.note", "")]
    assert statuses(page)[kiev] == "accepted" and statuses(page)[full] == "pending"

    page.keyboard.press("j")
    assert selected_id(page) == full  # reading order: the wider span starts first
    marked = page.evaluate("() => [...document.querySelectorAll('#doc-text .selected')].map(e => e.itemIds)")
    assert marked and all(full in ids for ids in marked)
    page.keyboard.press("a")  # accept, then move on
    state = statuses(page)
    assert state[full] == "accepted" and state[saki] == "rejected"
    assert selected_id(page) == saki
    page.click("#btn-accept")  # accepting the other one flips the pair
    state = statuses(page)
    assert state[saki] == "accepted" and state[full] == "rejected"

    page.keyboard.press("A")  # every edit of names.variant
    assert statuses(page)[sergei] == "accepted"
    page.select_option("#filter-safety", "note")
    page.keyboard.press("j")
    assert selected_id(page) == note and page.is_visible("#inspector-body")
    assert page.is_hidden("#ins-edit-actions")
    page.select_option("#filter-safety", "")
    page.keyboard.press("?")
    assert page.is_visible("#help")
    page.keyboard.press("Escape")
    assert page.is_hidden("#help")

    (document,) = export(page)["documents"]
    assert [(e["rule"], e["before"], e["after"]) for e in document["edits"]] == [
        ("names.variant", "Saki", "Psaki"), ("names.variant", "Sergei", "Sergey"), ("names.place", "Kiev", "Kyiv")]
    assert replay(TEXT, [Edit(e["start"], e["end"], e["after"]) for e in document["edits"]]) == \
        "The spokesman Jen Psaki said that Sergey Lavrov left Kyiv on Monday.\n"
    assert document["sha256"] == doc.digest
    assert page.problems == []


def test_hostile_document_stays_text(open_page):
    hostile = ('Before </script><script>window.__pwned = 1</script> <!-- '
               '<img src=x onerror="window.__pwned = 2"> <b>bold</b> {{script}} \U0001F600 after Saki.\n')
    doc = Document.from_text(hostile, '<img src=x onerror="window.__pwned=3">.txt')
    start = hostile.index("Saki")
    tag = hostile.index("<b>")
    findings = [
        Finding("names.variant", "<script>window.__pwned = 4</script>", start, start + 4, Severity.WARNING,
                Fix.replace(start, start + 4, "<img src=x onerror=\"window.__pwned=5\">", safe=True)),
        Finding("mt.markup", "markup <i>in</i> text", tag, tag + 3, Severity.INFO),
    ]
    page = open_page(build_page([(doc, findings)], title="<script>window.__pwned = 6</script>"))
    page.keyboard.press("j")  # the note on "<b>"
    page.keyboard.press("j")  # the fix of "Saki"
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("img").count() == 0 and page.locator("#doc-text b").count() == 0
    shown = page.text_content("#doc-text")
    assert "</script><script>window.__pwned = 1</script>" in shown and "\U0001F600 after " in shown
    assert page.text_content("#ins-message") == "<script>window.__pwned = 4</script>"
    assert page.title() == "<script>window.__pwned = 6</script>"
    (document,) = export(page)["documents"]
    assert document["edits"][0]["after"] == "<img src=x onerror=\"window.__pwned=5\">"
    assert document["edits"][0]["start"] == start  # code points, though the emoji is two UTF-16 units
    assert page.problems == []


def test_screenshot_of_a_seed_page(open_page, tmp_path):
    """A picture for a person to look at (kept in the test's temporary folder); the
    check here is that the page draws a document and its changes."""
    page = open_page(build_page(seed_items()))
    page.keyboard.press("j")
    page.screenshot(path=str(tmp_path / "review.png"))
    assert page.locator("#doc-text .chg").count() > 0
    assert page.text_content("#doc-path")
    assert page.problems == []
