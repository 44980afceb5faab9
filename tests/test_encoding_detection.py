"""``--convert-encoding auto`` reads an English text saved in a legacy code page back as it
was written (``recode.legacy_encoding``), where charset-normalizer alone took most of
the dev articles saved as cp1252 for cp1250 and those saved as Mac Roman for anything."""

from __future__ import annotations

import json

import pytest

from cleanup.document import detect_encoding

from .conftest import ROOT, run_cleanup

CASES = [
    ("A naïve café owner said “hello” — twice.\n", ("cp1252", "mac_roman")),
    ("Señor Muñoz and the façade of the Café crème.\n", ("cp1252", "latin_1", "mac_roman")),
    ("Søren Kierkegaard and Åsa Larsson met in Malmö.\n", ("cp1252", "latin_1", "mac_roman")),
    ("José Saramago’s novels — translated, it’s said.\n", ("cp1252", "mac_roman")),
    ("Müller, Straße, Öztürk — in Köln.\n", ("cp1252", "mac_roman")),
    ("Zoë and Chloë saw the Noël show.\n", ("cp1252", "mac_roman")),
    # a Central European text stays one: neither reading is English, the detector decides
    ("Antonín Dvořák wrote it.\n", ("cp1250",)),
    ("Lech Wałęsa said “no”.\n", ("cp1250",)),
    ("Tomáš Garrigue Masaryk, Václav Havel.\n", ("cp1252", "cp1250")),
]


@pytest.mark.parametrize(("text", "encodings"), CASES, ids=[text[:20] for text, _ in CASES])
def test_a_legacy_file_is_read_back_as_written(text, encodings):
    for encoding in encodings:
        data = text.encode(encoding)
        guess = detect_encoding(data)
        assert data.decode(guess) == text, (encoding, guess, data.decode(guess))


def test_the_dev_articles_saved_as_cp1252_and_mac_roman_read_back():
    truth = ROOT.parent / "shared" / "data" / "boilerplate-dev" / "ground-truth.json"
    if not truth.is_file():
        pytest.skip("no ../shared/data")
    texts = [entry["articleBody"] for _key, entry in sorted(json.loads(truth.read_text("utf-8")).items())]
    # a few articles with curly quotes, dashes and accented names (charset-normalizer
    # alone read most of them in cp1250, cp852 or cp775)
    def encodable(text: str) -> bool:
        try:
            text.encode("cp1252"), text.encode("mac_roman")
        except UnicodeEncodeError:
            return False
        return True

    chosen = [text for text in texts if "’" in text and ("—" in text or any(c in text for c in "éäöü"))
              and encodable(text)][:8]
    assert len(chosen) >= 5
    for text in chosen:
        for encoding in ("cp1252", "mac_roman"):
            data = text.encode(encoding)
            assert data.decode(detect_encoding(data)) == text, encoding


def test_fix_convert_encoding_auto_writes_the_text_as_it_was(tmp_path):
    text = "A naïve café owner said “hello” — twice.\n"
    source = tmp_path / "in"
    source.mkdir()
    (source / "a.txt").write_bytes(text.encode("cp1252"))
    result = run_cleanup("fix", str(source), "--convert-encoding", "auto", "--out", str(tmp_path / "out"))
    assert result.returncode in (0, 1), result.stderr
    assert (tmp_path / "out" / "a.txt").read_text("utf-8") == text


def test_a_file_no_code_page_reads_whole_is_left_and_the_report_says_why(tmp_path):
    (tmp_path / "gap.txt").write_bytes(b"A na\xefve caf\xe9 \x93owner\x94 said \x81 twice.\n")
    (tmp_path / "stray.txt").write_bytes("Naïve café “owner” and one stray ".encode() + b"\xe9 byte.\n")
    stderr = run_cleanup("fix", str(tmp_path), "--convert-encoding", "auto", "--diff").stderr.decode()
    assert "gap.txt: not valid UTF-8 at byte 4 (it looks like cp1252); cp1252 does not decode byte 0x81" \
        in stderr
    assert "stray.txt: not valid UTF-8 at byte 39 (it is mostly UTF-8, with bytes that are not)" in stderr
    assert (tmp_path / "gap.txt").read_bytes().startswith(b"A na\xefve")


@pytest.mark.parametrize("encoding", ["utf_16_le", "utf_16_be"])
def test_utf16_without_a_byte_order_mark_is_text_not_binary(tmp_path, encoding):
    text = "The minister said “hello” — twice.\nPlain ASCII on the second line.\n"
    source = tmp_path / "in"
    source.mkdir()
    (source / "a.txt").write_bytes(text.encode(encoding))
    (source / "b.txt").write_bytes(bytes(range(256)) * 4)  # binary: still skipped
    check = run_cleanup("check", str(source), "--format", "json")
    findings = json.loads(check.stdout)
    assert [f["rule"] for f in findings] == ["encoding.not-utf8"]
    assert f"looks like {encoding}" in findings[0]["message"]
    assert "b.txt: binary file" in check.stderr.decode()
    run_cleanup("fix", str(source), "--convert-encoding", "auto", "--out", str(tmp_path / "out"))
    assert (tmp_path / "out" / "a.txt").read_text("utf-8") == text


def test_an_array_of_small_integers_is_no_utf16_text():
    from cleanup.document import utf16_without_bom

    data = bytes(byte for value in range(1, 2000) for byte in (value % 31 + 1, 0))
    assert utf16_without_bom(data) is None
    assert utf16_without_bom("Plain text, and more of it.\n".encode("utf_16_le")) == "utf_16_le"
