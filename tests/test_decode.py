"""Bytes to text: BOMs, declarations, detection, and what is refused."""

from __future__ import annotations

import gzip

import pytest

from cleaner.decode import declared_encoding, decode, looks_binary
from cleaner.errors import InputError, UsageError
from cleaner.parse import detect_format

ZH = (
    "在上月通话中，习近平以疫情为由，拒绝了俄罗斯总统的访俄邀请。日本读卖新闻报导，普京曾到访北京。"
)
JA = "駅前の中央商店街にある銭湯が、約三年間の休業と改装工事を終え、営業を再開した。"


def test_utf8_bom_wins_over_a_wrong_declaration() -> None:
    data = b"\xef\xbb\xbf" + '<meta charset="latin-1"><p>café</p>'.encode()
    assert "café" in decode(data)


def test_utf16_with_bom() -> None:
    assert "中文" in decode("\ufeff<p>中文</p>".encode("utf-16-le"))


def test_a_utf16_page_cut_mid_character_is_still_read() -> None:
    data = "\ufeff<p>中文 text</p>".encode("utf-16-le") + b"\x00"  # odd length: truncated
    assert "中文 text" in decode(data)


def test_random_bytes_after_a_chance_utf16_mark_are_refused() -> None:
    # Random code units hold lone surrogates the mark's encoding cannot read; the bytes
    # are then judged without the mark, and they are binary.
    noise = bytes((i * 7919 + 13) * 104729 % 251 for i in range(3000))
    with pytest.raises(InputError, match="binary"):
        decode(b"\xff\xfe" + noise)


def test_a_utf8_mark_before_other_bytes_is_not_believed() -> None:
    # A UTF-8 mark on a windows-1252 page (an editor added it, the bytes were never
    # converted): the page's declaration reads it, not replacement characters.
    text = "Le café était plein, la crème brûlée déjà servie à la fenêtre. " * 5
    page = f'<html><head><meta charset="windows-1252"></head><body><p>{text}</p></body></html>'
    decoded = decode(b"\xef\xbb\xbf" + page.encode("cp1252"))
    assert text in decoded and "\ufffd" not in decoded


def test_meta_charset_is_honoured() -> None:
    data = f'<html><head><meta charset="gbk"></head><body><p>{ZH}</p></body></html>'.encode("gbk")
    assert ZH in decode(data)


def test_http_equiv_charset() -> None:
    meta = '<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">'
    assert declared_encoding(meta.encode()) == "cp932"


def test_gbk_without_declaration_is_detected() -> None:
    data = f"<html><body><p>{ZH * 3}</p></body></html>".encode("gbk")
    assert ZH in decode(data)


def test_shift_jis_without_declaration_is_detected() -> None:
    data = f"<html><body><p>{JA * 3}</p></body></html>".encode("shift_jis")
    assert JA in decode(data)


def test_wrong_declaration_falls_back_to_detection() -> None:
    data = f'<meta charset="utf-8"><p>{ZH * 3}</p>'.encode("gbk")
    assert ZH in decode(data)


def test_a_utf8_page_with_a_stray_windows_byte_stays_utf8() -> None:
    # A Windows apostrophe (0x92) pasted into a UTF-8 template: read strictly the page is not
    # UTF-8, and detection read every "£" and "é" of it as mojibake.
    page = (
        '<html><head><meta charset="utf-8"></head><body><p>Kettles from £34 — the café’s '
        "“quiet” range.</p><p>It"
    ).encode() + b"\x92s back in stock.</p></body></html>"
    text = decode(page)
    assert "from £34 — the café’s “quiet” range." in text
    assert "It’s back in stock." in text
    # A character cut short by a truncated download is one replacement character.
    assert decode(page + b"<p>Next \xe2\x80").endswith("<p>Next \ufffd")


@pytest.mark.parametrize(
    ("encoding", "sample"),
    [
        ("gbk", ZH),
        ("shift_jis", JA),
        ("euc-kr", "한국어 텍스트입니다. 이것은 긴 문장입니다. "),
        ("cp1251", "Диета Аткинса: потеря веса до 10 килограмм за 14 дней. "),
    ],
)
def test_pages_in_other_encodings_declared_utf8_are_not_read_as_utf8(
    encoding: str, sample: str
) -> None:
    # Their bytes hold valid UTF-8 sequences only by chance, far fewer than stray bytes.
    page = f'<html><head><meta charset="utf-8"></head><body><p>{sample * 8}</p></body></html>'
    assert sample * 8 in decode(page.encode(encoding))


FR = "Le café était plein, la crème brûlée déjà servie à la fenêtre. Où est le garçon ? "
PL = "Zażółć gęślą jaźń. Wróciłem do domu późno, ponieważ pociąg się spóźnił. "
RU = "Диета Аткинса: потеря веса до 10 килограмм за 14 дней, без голода. "


@pytest.mark.parametrize("declaration", ["", '<meta charset="utf-8">'])
@pytest.mark.parametrize(
    ("lang", "encoding", "sample"), [("fr", "cp1252", FR), ("pl", "cp1250", PL)]
)
def test_the_pages_language_picks_among_latin_code_pages(
    declaration: str, lang: str, encoding: str, sample: str
) -> None:
    # Detection read this French Windows-1252 page as Baltic ("crčme"): nothing in the
    # bytes tells Latin code pages apart as well as the page's own language does.
    page = f'<html lang="{lang}"><head>{declaration}</head><body><p>{sample * 6}</p></body></html>'
    assert sample * 6 in decode(page.encode(encoding))


def test_a_templates_lang_does_not_override_a_cyrillic_guess() -> None:
    # Many Russian sites keep their template's lang="en": detection's Cyrillic stands.
    page = f'<html lang="en"><head></head><body><p>{RU * 6}</p></body></html>'
    assert RU * 6 in decode(page.encode("cp1251"))


def test_gzip_is_undone() -> None:
    assert decode(gzip.compress(b"<p>zipped</p>")) == "<p>zipped</p>"


def test_encoding_override_and_unknown_encoding() -> None:
    assert decode("é".encode("latin-1"), encoding="latin-1") == "é"
    with pytest.raises(UsageError, match="unknown encoding"):
        decode(b"x", encoding="no-such-codec")


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n\x00\x00", b"%PDF-1.7\n", b"a\x00b\x00c"])
def test_binary_is_refused(data: bytes) -> None:
    assert looks_binary(data)
    with pytest.raises(InputError, match="binary"):
        decode(data)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<!DOCTYPE html><html><body>x</body></html>", "html"),
        ("<!-- c --><html><p>x</p></html>", "html"),
        ("<div class='a'>block</div>\n\n# Heading\n\ntext", "markdown"),
        ("### Title\n----\n\n#### [Home](../README.md) | [News](n.md)", "markdown"),
        ("<p>just a fragment</p>", "html"),
        ("plain prose, no markup", "markdown"),
    ],
)
def test_detect_format(text: str, expected: str) -> None:
    assert detect_format(text) == expected


# -- text encoded twice ----------------------------------------------------------------------

from cleaner import Options, clean  # noqa: E402
from cleaner.repair import repair_double_encoding  # noqa: E402


def _twice(text: str, codec: str = "cp1252") -> str:
    """What a tool that read UTF-8 bytes as `codec` and wrote them out again leaves (the five
    bytes Windows-1252 leaves undefined pass through as their Latin-1 controls)."""
    return "".join(
        bytes([b]).decode(codec, errors="ignore") or chr(b) for b in text.encode("utf-8")
    )


@pytest.mark.parametrize(
    "original",
    ["It’s the café’s “best” crêpe — €9", "привет, мир", "日本語のテキスト", "smile 😀", "© 2024"],
)
def test_twice_encoded_text_is_repaired(original: str) -> None:
    assert repair_double_encoding(_twice(original)) == original


def test_latin1_read_mojibake_is_repaired_too() -> None:
    assert repair_double_encoding(_twice("€9 flat rate", "latin-1")) == "€9 flat rate"


@pytest.mark.parametrize(
    "text", ["«ÉTÉ» à SÃO PAULO", "ESPAÑA – Ñandú", "naïve déjà vu über", "Â: a letter"]
)
def test_real_accents_are_left_alone(text: str) -> None:
    assert repair_double_encoding(text) == text


def test_pages_are_repaired_unless_the_user_names_the_encoding() -> None:
    body = "<p>" + "It’s the harbour’s “best” café, and the tide is high today. " * 8 + "</p>"
    page = _twice(f"<html><body><article>{body}</article></body></html>").encode("utf-8")
    assert "It’s the harbour’s “best” café" in clean(page, Options(output="text")).text
    forced = clean(page, Options(output="text", encoding="utf-8")).text
    assert "Itâ€™s" in forced
