"""The review page as built in Python: its data, default decisions, conflicts and
escaping. The page's behaviour in a browser is tested in test_review_browser.py."""

from __future__ import annotations

import json
import re

from cleanup.document import Document
from cleanup.engine import choose_fixes
from cleanup.model import Edit, Finding, Fix, Severity
from cleanup.review import build_page, page_data, script_json

from .review_support import seed_items

DATA = re.compile(r'<script id="review-data" type="application/json">(.*?)</script>', re.S)


def embedded(page: str) -> dict:
    (match,) = DATA.findall(page)
    return json.loads(match)


def fix(rule: str, start: int, end: int, replacement: str, *, safe: bool, message: str = "m") -> Finding:
    return Finding(rule, message, start, end, Severity.WARNING, Fix.replace(start, end, replacement, safe=safe))


def test_seed_page_holds_every_finding_with_the_fix_defaults():
    items = seed_items()
    data = embedded(build_page(items))
    assert [d["path"] for d in data["documents"]] == [doc.path for doc, _ in items]
    for (doc, findings), document in zip(items, data["documents"]):
        assert document["text"] == doc.text and document["sha256"] == doc.digest
        assert len(document["items"]) == len(findings)
        default = choose_fixes(findings, unsafe=False)
        accepted = [i for i in document["items"] if i["status"] == "accepted"]
        assert len(accepted) == len(default)
        for item in document["items"]:
            assert (item["kind"] == "edit") == bool(item["edits"]) or item.get("broken")
            for edit in item["edits"]:
                assert doc.text[edit["start"] : edit["end"]] == edit["before"]
            if item["status"] == "accepted":
                assert item["safe"] is True
            if item["kind"] == "edit" and not item["safe"]:
                assert item["status"] != "accepted"
    assert any(d["items"] for d in data["documents"]), "the seeds give no findings: nothing is tested"


def test_ids_run_in_reading_order_across_documents():
    data = page_data(seed_items(), title="t")
    ids = [item["id"] for doc in data["documents"] for item in doc["items"]]
    assert ids == list(range(len(ids)))
    for doc in data["documents"]:
        starts = [(item["s"], item["e"]) for item in doc["items"]]
        assert starts == sorted(starts)


def test_conflicts_and_default_decisions():
    text = "Jen Saki said that Sergei Lavrov left.\n"
    doc = Document.from_text(text, "d.txt")
    saki = text.index("Saki")
    sergei = text.index("Sergei")
    findings = [
        fix("names.variant", saki, saki + 4, "Psaki", safe=True),
        fix("names.full", saki - 4, saki + 4, "Jen Psaki", safe=True),
        fix("names.guess", saki, saki + 4, "Sake", safe=False),
        fix("names.variant", sergei, sergei + 6, "Sergey", safe=False),
        Finding("mt.note", "just a note", 0, 3, Severity.INFO),
        Finding("names.pair", "two edits, overlapping each other", sergei, sergei + 13, Severity.WARNING,
                Fix((Edit(sergei, sergei + 6, "A"), Edit(sergei + 3, sergei + 10, "B")), True)),
    ]
    (document,) = page_data([(doc, findings)], title="t")["documents"]
    by_rule = {item["rule"]: item for item in document["items"]}
    wide, guess = by_rule["names.full"], by_rule["names.guess"]
    narrow = next(i for i in document["items"] if i["rule"] == "names.variant" and i["safe"])
    # `cleanup fix` takes the wider fix at a position first: accepted; those it overlaps are rejected
    assert wide["status"] == "accepted"
    assert narrow["status"] == "rejected" and guess["status"] == "rejected"
    assert set(wide["conflicts"]) == {narrow["id"], guess["id"]}
    assert wide["id"] in narrow["conflicts"] and guess["id"] in narrow["conflicts"]
    sergey = next(i for i in document["items"] if i["rule"] == "names.variant" and not i["safe"])
    assert sergey["status"] == "pending"
    assert by_rule["mt.note"]["kind"] == "note" and by_rule["mt.note"]["status"] is None
    pair = by_rule["names.pair"]
    assert pair["broken"] and pair["status"] == "pending" and sergey["id"] in pair["conflicts"]


def test_offsets_for_the_browser_count_utf16_units():
    text = "\U0001F600 Saki \U0001F600\U0001F600 Saki\n"
    doc = Document.from_text(text, "emoji.txt")
    second = text.rindex("Saki")
    (document,) = page_data([(doc, [fix("names.variant", second, second + 4, "Psaki", safe=True)])], title="t")["documents"]
    (edit,) = document["items"][0]["edits"]
    assert (edit["start"], edit["end"]) == (second, second + 4)
    utf16 = text.encode("utf-16-le")
    assert utf16[edit["s"] * 2 : edit["e"] * 2].decode("utf-16-le") == "Saki"


HOSTILE = (
    'Start </script><script>window.__pwned = 1</script> <!-- <script> '
    '<img src=x onerror="window.__pwned = 2"> {{script}} {{data}} &amp; \u2028 "quotes" \\ end\n'
)


def test_document_text_cannot_leave_the_data_element():
    doc = Document.from_text(HOSTILE, 'evil "</script>.txt')
    start = HOSTILE.index("<img")
    findings = [fix("mt.tag", start, start + 4, "</script><b>", safe=True, message="</title><script>x</script>")]
    page = build_page([(doc, findings)], title="<b>title</b> </script>")
    assert page.count("</script>") == 2  # the data element's end and the script's end
    assert "<!--" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;b&gt;title&lt;/b&gt;" in page
    data = embedded(page)
    (document,) = data["documents"]
    assert document["text"] == HOSTILE and document["path"] == 'evil "</script>.txt'
    assert document["items"][0]["edits"][0]["after"] == "</script><b>"
    assert data["title"] == "<b>title</b> </script>"


def test_script_json_is_inert_and_round_trips():
    value = {"a": "</script><!--\u2028\u2029&<>", "b": ["\ud800 lone"]}
    encoded = script_json(value)
    assert not set("<>&") & set(encoded) and encoded.isascii()
    assert json.loads(encoded) == value


def test_page_is_self_contained():
    page = build_page(seed_items())
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", page, re.I)
    assert "@import" not in page and "url(" not in page
    assert page.startswith("<!DOCTYPE html>")


def test_cleanup_review_command_writes_the_page(seeds_copy, tmp_path):
    from .conftest import run_cleanup

    output = tmp_path / "review.html"
    run = run_cleanup("review", seeds_copy, "-o", output)
    assert run.returncode == 0, run.stderr.decode()
    data = embedded(output.read_text(encoding="utf-8"))
    assert sorted(d["path"].rsplit("/", 1)[-1] for d in data["documents"]) == sorted(p.name for p in seeds_copy.glob("*.txt"))
    assert sum(len(d["items"]) for d in data["documents"]) > 0
