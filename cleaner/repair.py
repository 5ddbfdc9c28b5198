"""Repair text that was UTF-8 encoded twice: "â€™" back to "’", "Ã©" back to "é".

A page saved through a tool that read its UTF-8 bytes as Latin-1 or Windows-1252 and wrote
them out as UTF-8 again is valid UTF-8, so decoding cannot notice: every accent, curly quote,
euro sign and emoji arrives as two to four Latin-1 characters, and a browser shows that
mojibake too. Such a run of characters is the Windows-1252 (or Latin-1) spelling of one UTF-8
sequence, which real text almost never contains: an accented capital is not followed by
symbols from U+0080-U+00BF. Only sequences whose lead is common in this damage are repaired,
and only when the bytes decode as UTF-8, so "«ÉTÉ»" and "SÃO PAULO" stay as written.
"""

from __future__ import annotations

import re
from functools import cache

# Windows-1252's characters for the bytes 0x80-0xBF that Latin-1 leaves as C1 controls:
# a UTF-8 continuation byte read as Windows-1252 becomes one of these.
_CP1252_HIGH = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_CONTINUATION = frozenset(map(chr, range(0x80, 0xC0))) | frozenset(_CP1252_HIGH)
# Leads: Â Ã (Latin-1 letters and no-break space), Å (Œ œ Š š), Î Ï (Greek), Ð Ñ (Cyrillic)
# start two bytes; â (punctuation, €) and ã-é (kana and CJK) three; ð (emoji) four.
_TWO_BYTE_LEADS = "\u00c2\u00c3\u00c5\u00ce\u00cf\u00d0\u00d1"
_THREE_BYTE_LEADS = "\u00e2\u00e3\u00e4\u00e5\u00e6\u00e7\u00e8\u00e9"
_FOUR_BYTE_LEADS = "\u00f0"
_LEADS = _TWO_BYTE_LEADS + _THREE_BYTE_LEADS + _FOUR_BYTE_LEADS
_CONTINUATION_CLASS = f"[\u0080-\u00bf{''.join(sorted(set(_CP1252_HIGH)))}]"


@cache
def _after_lead(lead: str) -> re.Pattern[str]:
    """The lead and one continuation; the rest of the run is checked by hand. A pattern
    per lead: one opening with a literal character finds it in a tight loop in C, where a
    class of all leads is tested at every character of the page (40 ms on a 3 MB page
    whose only lead is French é, always followed by letters)."""
    return re.compile(re.escape(lead) + _CONTINUATION_CLASS)


def _continuations(lead: str) -> int:
    if lead in _TWO_BYTE_LEADS:
        return 1
    return 2 if lead in _THREE_BYTE_LEADS else 3


def _as_bytes(run: str) -> bytes | None:
    out = bytearray()
    for char in run:
        code = ord(char)
        if code < 0x100:
            out.append(code)
        else:
            try:
                out.extend(char.encode("cp1252"))
            except UnicodeEncodeError:
                return None
    return bytes(out)


def _repaired(run: str) -> str | None:
    if not all(char in _CONTINUATION for char in run[1:]):
        return None
    raw = _as_bytes(run)
    if raw is None:
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


def repair_double_encoding(text: str) -> str:
    """`text` with every twice-encoded UTF-8 sequence made the character it spells."""
    # Most pages hold no lead at all: a substring search per lead (memchr-fast) tells so
    # in a fraction of the time of the regex's scan of every character.
    present = [lead for lead in _LEADS if lead in text]
    if not present:
        return text
    # No continuation is a lead, so the leads' matches never overlap: in order of their
    # starts they are the runs' starts.
    starts = sorted(match.start() for lead in present for match in _after_lead(lead).finditer(text))
    pieces: list[str] = []
    done = 0
    for start in starts:
        if start < done:
            continue  # inside a run already repaired
        end = start + 1 + _continuations(text[start])
        fixed = _repaired(text[start:end]) if end <= len(text) else None
        if fixed is not None:
            pieces.append(text[done:start])
            pieces.append(fixed)
            done = end
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)
