"""Collapse HTML source whitespace the way a browser lays it out, CJK segment breaks included.

HTML source formatting (line breaks, indentation) is not content. Between two wide (CJK)
characters a line break is not a space either (CSS Text 3, segment break transformation),
so `通话中，\\n  <a>习近平</a>` reads `通话中，习近平`. The rule needs both neighbours, which
can sit in different text nodes, so whitespace is resolved over a whole run of inline text
(a "flow") at once, not one text node at a time.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from lxml import etree
from lxml.html import HtmlElement

from . import regexcache
from .tags import BLOCK_TAGS

# HTML's collapsible whitespace, plus no-break spaces: pages use runs of &nbsp; for layout
# ("&nbsp;|&nbsp;"). The ideographic space U+3000 is a character of CJK text and stays.
_WHITESPACE_RUN = regexcache.compile(r"[ \t\n\r\f\u00a0]+")
# Its characters, for str.strip.
_COLLAPSIBLE = " \t\n\r\f\u00a0"
# The runs that are not already one space: replacing these alone by a space collapses as
# replacing every run does, without a replacement at every gap between two words.
_UNCOLLAPSED_RUN = regexcache.compile(r"[ \t\n\r\f\u00a0]{2,}|[\t\n\r\f\u00a0]")


def _runs_collapsed(text: str) -> str:
    """_UNCOLLAPSED_RUN.sub(" ", text).strip(" "): each run one space, none at the ends.
    On ASCII text str.split() and join do it in two thirds of the time (the regex stops
    at every gap between two words), unless the text holds whitespace that split() splits
    on and HTML does not collapse (vertical tab, the separators 0x1c-0x1f)."""
    if text.isascii() and not (
        # Spelled out: a generator over them cost more than the searches save.
        "\x0b" in text or "\x1c" in text or "\x1d" in text or "\x1e" in text or "\x1f" in text
    ):
        return " ".join(text.split())
    return _UNCOLLAPSED_RUN.sub(" ", text).strip(" ")


# A whole run that holds a line break: only these can vanish between words (see _resolve).
# Tried only where a run starts (the lookbehind), so a long run of blanks is scanned once.
_RUN_WITH_BREAK = regexcache.compile(r"(?<![ \t\f\u00a0])[ \t\f\u00a0]*[\n\r][ \t\n\r\f\u00a0]*")
# Stands in for an inline object (an image) in a flow: it has width, so spaces around it stay.
_OBJECT = "\ufffc"
_PRESERVE_TAGS = frozenset({"pre", "textarea", "listing", "xmp", "plaintext"})


def is_wide(char: str) -> bool:
    """East Asian wide or fullwidth, except Hangul: Korean separates words with spaces."""
    if unicodedata.east_asian_width(char) not in ("W", "F"):
        return False
    code = ord(char)
    return not (0xAC00 <= code <= 0xD7AF or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F)


def _plain_layout(text: str) -> bool:
    """Whether every whitespace run inside `text` lays out as one space: true unless a run
    with a line break has a wide character beside it. Most texts with breaks have none, and
    need no look at each run (a Python call per gap between words)."""
    if text.isascii() or ("\n" not in text and "\r" not in text):
        return True
    end_of_text = len(text)
    for match in _RUN_WITH_BREAK.finditer(text):
        start, end = match.span()
        if (start > 0 and is_wide(text[start - 1])) or (end < end_of_text and is_wide(text[end])):
            return False
    return True


@dataclass
class _Slot:
    element: HtmlElement
    is_tail: bool
    start: int
    end: int


def _resolve(run: str, before: str | None, after: str | None) -> str:
    if before is None or after is None:
        return ""  # whitespace at the edge of a block is layout, not text
    # CSS Text 3 asks for wide characters on both sides; pretty-printed CJK pages also
    # break lines between a CJK character and a digit or Latin word they wrote without a
    # space ("普京\n  2月4日"), so one wide neighbour is enough.
    if ("\n" in run or "\r" in run) and (is_wide(before) or is_wide(after)):
        return ""
    return " "


def _flush(slots: list[_Slot], parts: list[str]) -> None:
    if not slots:
        parts.clear()  # a flow of objects alone (an image) has no text to rewrite
        return
    if len(slots) == 1 and len(parts) == 1:
        # One text alone (most flows): unless it holds a line break beside a wide
        # character, every inner run is one space and the runs at either end go, as in
        # collapse(); the slot is the whole flow.
        text = parts[0]
        if _plain_layout(text):
            collapsed = _runs_collapsed(text)
            if collapsed != text:  # most texts are laid out already: no write to the tree
                _store(slots[0], collapsed or None)
            slots.clear()
            parts.clear()
            return
    joined = "".join(parts)
    if _plain_layout(joined):
        _flush_plain(slots, joined)
    else:
        _flush_runs(slots, joined)
    slots.clear()
    parts.clear()


def _flush_runs(slots: list[_Slot], joined: str) -> None:
    """_flush run by run: what each whitespace run becomes, given to its slots."""
    # Each whitespace run with what it becomes. A run never holds an object (U+FFFC is no
    # whitespace), so every position of a run belongs to a slot, and the run's replacement
    # goes to the slot holding its first position. Slices, not characters: this walks
    # every text of the page.
    runs = []
    for match in _WHITESPACE_RUN.finditer(joined):
        start, end = match.span()
        before = joined[start - 1] if start > 0 else None
        after = joined[end] if end < len(joined) else None
        runs.append((start, end, _resolve(match.group(), before, after)))
    k = 0
    for slot in slots:
        first, last = slot.start, slot.end
        while k < len(runs) and runs[k][1] <= first:
            k += 1
        pieces: list[str] = []
        pos = first
        while k < len(runs) and runs[k][0] < last:
            start, end, replacement = runs[k]
            if start > pos:
                pieces.append(joined[pos:start])
            if start >= first and replacement:
                pieces.append(replacement)
            pos = min(end, last)
            if end > last:
                break  # the run goes on into the next slot
            k += 1
        if pos < last:
            pieces.append(joined[pos:last])
        _store(slot, "".join(pieces) or None)


def _flush_plain(slots: list[_Slot], joined: str) -> None:
    """_flush when every inner run lays out as one space (see _plain_layout): each slot's
    own runs become a space, a run that goes on from the slot before goes with it, and the
    runs at either end of the flow go. Per slot, not per run."""
    # Runs from here on reach the end of the flow.
    last_text = len(joined.rstrip(_COLLAPSIBLE))
    for slot in slots:
        start, end = slot.start, slot.end
        text = joined[start:end]
        # A run starting in this slot (not at the flow's start) keeps its space here.
        opens_run = start > 0 and joined[start - 1] not in _COLLAPSIBLE
        words = text.strip(_COLLAPSIBLE)
        if not words:
            _store(slot, " " if opens_run and start < last_text else None)
            continue
        # No run at either end of `words`, so none is stripped.
        value = _runs_collapsed(words)
        if opens_run and text[0] in _COLLAPSIBLE:
            value = " " + value
        trailing = len(text) - len(text.rstrip(_COLLAPSIBLE))
        if trailing and end - trailing < last_text:
            value += " "
        _store(slot, value)


def _store(slot: _Slot, value: str | None) -> None:
    if slot.is_tail:
        slot.element.tail = value
    else:
        slot.element.text = value


def normalise_whitespace_in_place(root: HtmlElement) -> None:
    """Rewrite every text and tail under `root` as a browser would render it; `<pre>` stays."""
    slots: list[_Slot] = []
    parts: list[str] = []
    length = 0

    def add(element: HtmlElement, is_tail: bool, value: str | None) -> None:
        nonlocal length
        if not value:
            return
        slots.append(_Slot(element, is_tail, length, length + len(value)))
        parts.append(value)
        length += len(value)

    def add_object() -> None:
        nonlocal length
        parts.append(_OBJECT)
        length += 1

    def boundary() -> None:
        nonlocal length
        # An empty flow (most boundaries: a block right after a block) has nothing to
        # lay out. A slot never comes without its part.
        if parts:
            _flush(slots, parts)
            length = 0

    # iterwalk, not recursion: mirror pages nest elements thousands deep.
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        name = element.tag  # read once: lxml makes a new str at each read
        is_element = isinstance(name, str)
        tag = name if is_element else ""
        if event == "start":
            if tag in _PRESERVE_TAGS:
                boundary()
                walker.skip_subtree()
                # The end event still fires for a skipped element; its tail is handled there.
                continue
            if tag in BLOCK_TAGS or tag == "br":
                boundary()
            elif tag == "img":
                add_object()
            if element is root or is_element:
                text = element.text
                if text:
                    add(element, False, text)
        else:
            if tag in BLOCK_TAGS or tag in _PRESERVE_TAGS or tag == "br":
                boundary()
            if element is not root:
                tail = element.tail
                if tail:
                    add(element, True, tail)
    boundary()


def collapse(text: str) -> str:
    """One string laid out as a browser would: for titles and excerpts read from the tree."""
    if _plain_layout(text):
        # No wide character beside a line break: every inner run is one space and the
        # runs at either end go (the replaced runs are the only spaces left at the ends).
        return _runs_collapsed(text)

    def replace(match: re.Match[str]) -> str:
        start, end = match.span()
        before = text[start - 1] if start > 0 else None
        after = text[end] if end < len(text) else None
        return _resolve(match.group(), before, after)

    return _WHITESPACE_RUN.sub(replace, text)
