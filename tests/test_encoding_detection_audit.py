"""Cases the English-first legacy detector (``recode.legacy_encoding``) got wrong when
first written: short files told by one sign, UTF-16 without a byte-order mark, cp1252
with a byte it leaves undefined, UTF-8 with a stray byte, an English text naming
someone in Cyrillic."""

from __future__ import annotations

import pytest

from cleanup.document import detect_encoding


def read_back(text: str, encoding: str) -> str:
    data = text.encode(encoding)
    return data.decode(detect_encoding(data))


SIGNS = [
    # a short file whose only non-ASCII byte is a sign: every reading was as clean, and
    # charset-normalizer's (cp932 "｣10", cp437 "Ç25", big5 "25蚓") was kept
    ("It costs £10.\n", ("cp1252", "latin_1", "mac_roman")),
    ("The ticket costs €25 now.\n", ("cp1252", "iso8859_15")),
    ("It was 25°C outside.\n", ("cp1252", "latin_1")),
    ("Acme™ widgets\n", ("cp1252", "mac_roman")),
]


@pytest.mark.parametrize(("text", "encodings"), SIGNS, ids=[text[:16] for text, _ in SIGNS])
def test_a_short_file_with_one_sign_reads_back(text, encodings):
    for encoding in encodings:
        assert read_back(text, encoding) == text, encoding


@pytest.mark.parametrize("encoding", ["utf_16_le", "utf_16_be"])
def test_utf16_without_a_byte_order_mark_is_not_read_as_a_code_page(encoding):
    # the code pages keep a NUL between letters; charset-normalizer's reading is right
    text = "A naïve café owner said hello twice, and again.\n" * 3
    assert detect_encoding(text.encode(encoding)) == encoding


@pytest.mark.parametrize("byte", [0x81, 0x8D, 0x8F, 0x90, 0x9D])
def test_cp1252_with_a_byte_it_leaves_undefined_is_still_named_cp1252(byte):
    # before, the code page that defines the byte won: cp1257 read "naïve" as "naļve"
    data = "A naïve café owner said “hello” — twice. It’s a façade.\n".encode("cp1252") + bytes([byte])
    assert detect_encoding(data) == "cp1252"


@pytest.mark.parametrize("stray", [b"\x92", b"\xe9", b"\x96"])
def test_utf8_with_a_stray_byte_is_named_utf8_not_a_code_page(stray):
    # read as Mac Roman, every other accent and quote turned to mojibake ("na√Øve")
    data = "A naïve café owner said “hello” — twice.\n".encode("utf-8") + b"Don" + stray + b"t stop.\n"
    assert detect_encoding(data) == "utf_8"


@pytest.mark.parametrize(("text", "encoding"), [
    ("中国外交部长王毅周三在北京会见了俄罗斯外长拉夫罗夫。双方讨论了乌克兰局势和能源合作问题。\n", "gbk"),
    ("Chinese Foreign Minister 王毅 met Sergey Lavrov in 北京 on Wednesday.\n", "gbk"),
    ("South Korea’s president 윤석열 spoke about the war in Ukraine.\n", "euc_kr"),
])
def test_a_cjk_code_page_is_not_taken_for_utf8(text, encoding):
    assert detect_encoding(text.encode(encoding)) != "utf_8"


@pytest.mark.parametrize("text", [
    "The Kremlin spokesman Дмитрий Песков declined to comment on the report.\n",
    "Bulgarian Prime Minister Кирил Петков spoke about gas supplies from Газпром.\n",
    "The Russian ministry named Сергей Шойгу and Валерий Герасимов.\n",
])
def test_an_english_text_naming_someone_in_cyrillic_keeps_the_name(text):
    # a word whole in another script is no foreign letter: cp1252 "Äìèòðèé" won before
    assert read_back(text, "cp1251") == text


FOREIGN = [
    ("Президент России Владимир Путин заявил в пятницу, что переговоры зашли в тупик.\n",
     ("cp1251", "koi8_r")),
    ("Ο πρωθυπουργός Κυριάκος Μητσοτάκης επισκέφθηκε την Αθήνα και τη Θεσσαλονίκη.\n",
     ("cp1253", "iso8859_7")),
    ("Cumhurbaşkanı Recep Tayyip Erdoğan İstanbul’da yaptığı konuşmada ekonominin güçlü "
     "olduğunu söyledi. Dışişleri Bakanı Mevlüt Çavuşoğlu da Ankara’da açıklama yaptı.\n", ("cp1254",)),
    ("日本の首相は東京で新しい制裁を発表しました。輸出規制は来月から始まります。\n", ("shift_jis", "euc_jp")),
]


@pytest.mark.parametrize(("text", "encodings"), FOREIGN, ids=[text[:10] for text, _ in FOREIGN])
def test_a_text_in_another_language_is_left_to_the_detector(text, encodings):
    for encoding in encodings:
        assert read_back(text, encoding) == text, encoding


def test_the_same_reading_as_the_detectors_own_english_page_keeps_its_name():
    # Latin-9 reads most cp1252 text alike; the detector's cp1252 is the name kept
    text = "It cost £10 at the café.\n"
    assert detect_encoding(text.encode("cp1252")) == "cp1252"
