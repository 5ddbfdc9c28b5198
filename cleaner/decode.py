"""Bytes to text: BOM, UTF-8 (a few stray bytes forgiven), the page's own charset
declaration, then detection."""

from __future__ import annotations

import codecs
import re
import zlib

from .errors import InputError, UsageError
from .limits import DEFAULT_MAX_BYTES, too_large

# A declaration further in than this is rare and usually inside a quoted script string.
DECLARATION_WINDOW_BYTES = 16_384
# Share of C0 control bytes (other than tab, CR, LF, FF, ESC) above which input is binary.
BINARY_CONTROL_SHARE = 0.02

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(
    # [^<>]: an unclosed `<meta` is scanned only up to the next tag, not to the end.
    rb"""<meta[^<>]+?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""",
    re.IGNORECASE,
)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_.:-]+)""")
# Signatures of formats people pipe in by mistake: images, PDFs, archives, executables.
_BINARY_MAGIC: tuple[bytes, ...] = (
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"%PDF",
    b"PK\x03\x04",
    b"\x7fELF",
    b"BZh",
    b"\xfd7zXZ",
    b"RIFF",
    b"\x00\x00\x01\x00",
    b"OggS",
    b"ID3",
    b"MZ",
)
_GZIP_MAGIC = b"\x1f\x8b"
# Labels pages declare that browsers read as a superset encoding (WHATWG Encoding Standard).
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "gb_2312-80": "gb18030",
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "shift_jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "big5": "big5hkscs",
    "tis-620": "cp874",
    "iso-8859-9": "cp1254",
    "utf8": "utf-8",
}


def decompress(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Undo gzip, so `cleaner page.html.gz` and `curl` without --compressed both work.

    At most max_bytes come out: a few kilobytes of gzip can expand to gigabytes.
    """
    if not data.startswith(_GZIP_MAGIC):
        return data
    out: list[bytes] = []
    total = 0
    rest = data
    try:
        # Member by member: `cat a.gz b.gz` is one valid gzip stream.
        while rest.startswith(_GZIP_MAGIC):
            inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
            chunk = inflater.decompress(rest, max_bytes + 1 - total)
            total += len(chunk)
            if total > max_bytes or inflater.unconsumed_tail:
                raise too_large(max_bytes, "the decompressed input")
            out.append(chunk)
            if not inflater.eof:
                raise InputError("corrupt gzip data: the stream is truncated")
            rest = inflater.unused_data
    except zlib.error as exc:
        raise InputError(f"corrupt gzip data: {exc}") from None
    return b"".join(out)


def normalise_label(label: str) -> str | None:
    """The Python codec for a declared charset label, or None when Python does not know it."""
    label = label.strip().lower()
    label = _SUPERSETS.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def declared_encoding(data: bytes) -> str | None:
    """The charset the page declares in `<meta>` or an XML declaration, if Python knows it."""
    head = data[:DECLARATION_WINDOW_BYTES]
    for pattern in (_XML_ENCODING, _META_CHARSET):
        match = pattern.search(head)
        if match:
            codec = normalise_label(match.group(1).decode("ascii", "replace"))
            # A UTF-16 declaration in a byte stream that reads as ASCII is a lie (the bytes
            # would be unreadable otherwise): ignore it rather than decode garbage.
            if codec and not codec.startswith(("utf-16", "utf-32")):
                return codec
    return None


# Share of characters a byte order mark's encoding may fail to read before the mark is not
# believed: random bytes after a chance FF FE read as UTF-16 hold a lone surrogate in about
# one code unit of thirty; a real page holds none.
BOM_REPLACEMENT_SHARE = 0.01


# UTF-16 without a byte order mark: markup is ASCII, so every other byte is NUL.
UTF16_NUL_SHARE = 0.6
UTF16_MIN_BYTES = 32


def sniff_utf16(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" for UTF-16 text that lost its byte order mark."""
    sample = data[:8192]
    if len(sample) < UTF16_MIN_BYTES:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nuls, odd_nuls = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nuls >= UTF16_NUL_SHARE and even_nuls < BINARY_CONTROL_SHARE:
        codec = "utf-16-le"
    elif even_nuls >= UTF16_NUL_SHARE and odd_nuls < BINARY_CONTROL_SHARE:
        codec = "utf-16-be"
    else:
        return None
    text = sample[: len(sample) // 2 * 2].decode(codec, errors="replace")
    return None if looks_binary(text.encode("utf-8")) else codec


# Control bytes that text does not hold: all below 32 but tab, newline, form feed, carriage
# return and escape.
_BINARY_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def looks_binary(data: bytes) -> bool:
    """True for images, archives and other bytes that no web page is made of.

    A few NUL bytes in text (a stray one from a broken CMS) do not make it binary: they
    count as control bytes, and the parser drops them.
    """
    if data.startswith(_BINARY_MAGIC):
        return True
    sample = data[:8192]
    # Deleted in C and counted by the length lost: a Python loop over the sample's bytes
    # cost a fiftieth of a page's time.
    controls = len(sample) - len(sample.translate(None, _BINARY_CONTROL_BYTES))
    return controls > len(sample) * BINARY_CONTROL_SHARE


# A UTF-8 page holding a few bytes that are not UTF-8 is still a UTF-8 page: a Windows
# apostrophe (0x92) pasted into a UTF-8 template, a download cut mid-character. Read
# strictly it fails, and detection then picks a single-byte code page that turns every one
# of its real UTF-8 characters into mojibake ("£" as "ÂŁ"). It is read as UTF-8 when the
# extra bytes of its valid multi-byte characters outnumber its stray bytes this many times:
# a page in another encoding holds valid sequences only by chance (GBK about one extra byte
# per twenty stray ones; cp1252 text almost none).
UTF8_STRAY_RATIO = 2
_STRAY_HANDLER = "cleaner-stray-byte"


def _stray_byte(error: UnicodeError) -> tuple[str, int]:
    """A byte that is not UTF-8, read as the windows-1252 character its writer most likely
    typed (0x92 is ’), or U+FFFD where windows-1252 has none. A UTF-8 character cut short
    (its lead byte and some of the rest: a truncated download) is U+FFFD."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    stray = error.object[error.start : error.end]
    if len(stray) > 1:
        return "\ufffd", error.end
    try:
        return stray.decode("cp1252"), error.end
    except UnicodeDecodeError:
        return "\ufffd", error.end


codecs.register_error(_STRAY_HANDLER, _stray_byte)


def _utf8_with_strays(data: bytes) -> str | None:
    """The page read as UTF-8 with its stray bytes as windows-1252, when it is UTF-8."""
    valid = data.decode("utf-8", errors="ignore")
    valid_bytes = len(valid.encode("utf-8"))
    stray_bytes = len(data) - valid_bytes
    # Each multi-byte character adds its extra bytes: what the page holds of real UTF-8.
    multibyte_extra = valid_bytes - len(valid)
    if multibyte_extra < UTF8_STRAY_RATIO * stray_bytes:
        return None
    return data.decode("utf-8", errors=_STRAY_HANDLER)


def decode(data: bytes, encoding: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Decode a page's bytes: BOM, UTF-8 (a few stray bytes forgiven), the page's
    declaration, then detection."""
    return decode_page(data, encoding, max_bytes)[0]


def decode_page(
    data: bytes, encoding: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[str, bytes | None]:
    """decode(), and the text's UTF-8 when the page was that already (most pages): parse
    hands libxml2 UTF-8, and need not encode the text again."""
    if len(data) > max_bytes:
        raise too_large(max_bytes)
    data = decompress(data, max_bytes)
    if encoding is not None:
        codec = normalise_label(encoding)
        if codec is None:
            raise UsageError(f"unknown encoding: {encoding}")
        return data.decode(codec, errors="replace"), None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(codec, errors="replace")
            # The last character may be cut by a truncated download: that one is forgiven.
            if text.count("\ufffd", 0, len(text) - 1) <= len(text) * BOM_REPLACEMENT_SHARE:
                return text, None
            # Bytes the mark's encoding cannot read: the mark came by chance (random bytes,
            # a binary file opening with FF FE) or lies about a page in another encoding.
            # The bytes after it are judged as if it were not there.
            data = data[len(bom) :]
            break
    utf16 = sniff_utf16(data)
    if utf16 is not None:
        return data[: len(data) // 2 * 2].decode(utf16, errors="replace"), None
    if looks_binary(data):
        raise InputError("input looks binary, not an HTML or Markdown page")
    # Valid UTF-8 beats a declaration: text in any other encoding is almost never valid
    # UTF-8 by accident, while saved pages are often re-encoded to UTF-8 and keep their
    # old `<meta charset=iso-8859-1>`, which would turn every accent into mojibake.
    try:
        return data.decode("utf-8"), data
    except UnicodeDecodeError:
        pass
    mixed = _utf8_with_strays(data)
    if mixed is not None:
        return mixed, None
    declared = declared_encoding(data)
    if declared is not None:
        try:
            return data.decode(declared), None
        except UnicodeDecodeError:
            # Declarations are often wrong (a template copied from another site); fall
            # through to detection, which is right more often than a wrong label.
            pass
    # Imported here: only pages with no usable declaration need detection (8 ms of start-up).
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        return data.decode(declared or "cp1252", errors="replace"), None
    codec = normalise_label(best.encoding) or best.encoding
    by_language = _language_code_page(data)
    if by_language is not None and by_language != codec and codec in _LATIN_CODE_PAGES:
        try:
            return data.decode(by_language), None
        except UnicodeDecodeError:
            pass
    return data.decode(codec, errors="replace"), None


# The code page a browser of the page's own language falls back to (WHATWG's locale
# defaults), for pages whose bytes no declaration explains. Detection tells single-byte
# Latin code pages apart badly: French in Windows-1252 came out as Baltic ("crème" as
# "crčme"), German as Central European. The page's `lang` settles which one it is.
_LANGUAGE_CODE_PAGES = {
    **dict.fromkeys(
        ("en", "fr", "de", "es", "it", "pt", "nl", "sv", "da", "no", "nb", "nn", "fi", "is",
         "ca", "eu", "gl", "ga", "af", "id", "ms", "sw"),
        "cp1252",
    ),
    **dict.fromkeys(("pl", "cs", "sk", "hu", "sl", "hr", "ro", "sq", "bs"), "cp1250"),
    **dict.fromkeys(("lt", "lv", "et"), "cp1257"),
    "tr": "cp1254",
    "az": "cp1254",
}
_HTML_LANG = re.compile(rb"""<html\b[^>]*?\blang\s*=\s*["']?([a-zA-Z]{2,3})\b""", re.IGNORECASE)


def _language_code_page(data: bytes) -> str | None:
    match = _HTML_LANG.search(data[:DECLARATION_WINDOW_BYTES])
    if match is None:
        return None
    return _LANGUAGE_CODE_PAGES.get(match.group(1).decode("ascii").lower())


# Detection's guesses that a page's language may correct: the Latin-script code pages, which
# differ only in their accented letters. A Cyrillic, Greek or Arabic guess stands, whatever
# a template's `lang="en"` says.
_LATIN_CODE_PAGES = frozenset(
    {
        *("cp1250", "cp1252", "cp1254", "cp1257", "mac-roman", "mac-latin2", "mac-turkish"),
        *("iso8859-1", "iso8859-2", "iso8859-3", "iso8859-4", "iso8859-9", "iso8859-10"),
        *("iso8859-13", "iso8859-14", "iso8859-15", "iso8859-16", "cp850", "cp852"),
    }
)
