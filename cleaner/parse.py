"""Text to one lxml tree: tell HTML from Markdown, render Markdown to HTML, parse safely."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Literal

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from . import regexcache
from .codelayout import MARKS as CODE_LAYOUT_MARKS
from .codelayout import rebuild_code_layouts_in_place
from .errors import InputError
from .formulas import MARKS as FORMULA_MARKS
from .formulas import rebuild_formulas_in_place
from .tags import BLOCK_TAGS
from .textcontent import text_content

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

Format = Literal["html", "markdown"]

_LEADING_JUNK = regexcache.compile(r"^(?:\s|<!--.*?-->|<\?xml[^>]*>)*", re.DOTALL)
_DOCUMENT_START = regexcache.compile(r"<(?:!doctype\s+html|html[\s>]|head[\s>])", re.IGNORECASE)
_DOCUMENT_TAG = regexcache.compile(r"<(?:html|head|body)[\s>]", re.IGNORECASE)
# Block syntax that only Markdown has: ATX headings, fences, list items, link syntax,
# thematic breaks, pipe-table delimiter rows.
# Spaces are [ \t], not \s: a \s run crosses line ends, and from every line of a run of
# blank lines the search would rescan the rest of it. Link text and target stop at the
# next bracket, for the same reason on `[[[[` and `[a](` runs.
_MARKDOWN_BLOCK = regexcache.compile(
    r"^(?:#{1,6}[ \t]+\S|```|~~~|[-*+][ \t]+\S|\d{1,9}[.)][ \t]+\S|>\s|-{3,}[ \t]*$"
    r"|\*{3,}[ \t]*$|\|?[ \t]*:?-{3,}:?[ \t]*\|)|\[[^\[\]\n]*\]\([^()\[\]\s]+\)",
    re.MULTILINE,
)
_TAG = regexcache.compile(r"<[a-zA-Z][^<>]*>")
_XML_DECLARATION = regexcache.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
# C0 controls other than tab, newline and carriage return: no page means them, and lxml
# refuses strings that hold them.
_CONTROL_CHARS = regexcache.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])
# Browsers ignore `</body>` and `</html>` (HTML's "after body" mode goes back to the body),
# so templates that close the page early and go on still show the rest; libxml2 drops
# everything after them. Without these end tags it closes both at the end, as browsers do.
_END_OF_PAGE_TAGS = regexcache.compile(r"</(?:body|html)\s*>", re.IGNORECASE)
# Short patterns, quick to compile: the cache holds str patterns only.
_END_OF_PAGE_TAG_BYTES = re.compile(rb"</(?:body|html)\s*>", re.IGNORECASE)
# The marks of streamed chunks (see place_streamed_chunks_in_place): "$R" or "$af", and
# `="S:` or `='S:`, looked for in the page's UTF-8. A substring search for a needle this
# short tests nearly every position; a pattern that opens with one literal character scans
# for it in a tight loop (two patterns, faster than the four searches).
_STREAM_CALL_MARK = re.compile(rb"\$(?:R|af)")
_REACT_CHUNK_MARK = re.compile(rb"=[\"']S:")
_CODE_LAYOUT_MARKS = tuple(mark.encode() for mark in CODE_LAYOUT_MARKS)
_FORMULA_MARKS = tuple(mark.encode() for mark in FORMULA_MARKS)
# Containers whose loose text, when they also hold blocks, becomes paragraphs of its own.
_WRAP_CONTAINERS = frozenset(
    {
        "body",
        "div",
        "section",
        "article",
        "main",
        "aside",
        "header",
        "footer",
        "blockquote",
        "td",
        "th",
        "figure",
        "form",
        "center",
        "details",
    }
)
# libxml2's HTML parser gives up at 2048 levels of nesting and silently drops the rest of
# the page. Pages that deep are flattened to this depth first (their text kept, the extra
# levels gone); the rest of the pipeline then never walks deeper than this either.
MAX_DEPTH = 1024
# If the tag count was fooled (a `<` inside an attribute value hides a tag), flatten harder.
_DEPTH_RETRIES = (MAX_DEPTH, 64)
# `[^<>]` keeps every match attempt to one tag's length: linear on `<a<a<a...` too.
_TAG_TOKEN = regexcache.compile(r"<(/?)([A-Za-z][^\s/<>]*)([^<>]*)>")
_VOID_TAGS = frozenset(
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link",
        "meta", "param", "source", "track", "wbr", "basefont", "frame", "isindex",
    }
)  # fmt: skip
# Containers that hold no text of their own: when the depth runs out, the text must land in
# a cell or an item, so these stop a few levels early.
_TEXTLESS_CONTAINERS = frozenset(
    {"table", "thead", "tbody", "tfoot", "tr", "colgroup", "ul", "ol", "dl", "menu", "dir"}
    | {"select"}
)
# How far in to look for evidence: the whole of a multi-megabyte page tells nothing more.
SNIFF_CHARS = 65_536

# markdown-it stops at this nesting and silently drops the rest of the document, so it is
# set well above what real documents use (its default of 20 lost ten-level lists)...
MARKDOWN_MAX_NESTING = 64
# ...and a line that opens with more container markers than this (`> > > ...`, `- - - ...`)
# keeps only this many of them.
MARKDOWN_MAX_MARKERS = 16
_MARKER = regexcache.compile(r"[ \t]{0,4}(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))")
# A cheap test that no line needs the per-line pass: each repetition starts with a marker
# character, so a search stays linear.
_MANY_MARKERS = regexcache.compile(rf"(?:(?:>|[-*+]|\d[.)])[ \t]*){{{MARKDOWN_MAX_MARKERS + 1}}}")


@cache
def _markdown() -> MarkdownIt:
    # Built on the first Markdown page: an HTML page need not import markdown-it at all.
    from markdown_it import MarkdownIt

    return MarkdownIt(
        "commonmark", {"html": True, "linkify": False, "maxNesting": MARKDOWN_MAX_NESTING}
    ).enable(["table", "strikethrough"])


def detect_format(text: str) -> Format:
    """ "html" for real HTML documents and tag soup; "markdown" for everything else.

    A mirror page can open with an HTML block, so "starts with <" is not evidence: only
    a doctype, `<html>`, `<head>` or `<body>` makes a document, and otherwise Markdown
    block syntax outvoting tags does.
    """
    head = text[:SNIFF_CHARS]
    start = _LEADING_JUNK.sub("", head[:4096], count=1)
    if _DOCUMENT_START.match(start) or _DOCUMENT_TAG.search(head):
        return "html"
    markdown_marks = len(_MARKDOWN_BLOCK.findall(head))
    if markdown_marks:
        return "markdown"
    # No Markdown syntax at all: tag soup is HTML, plain prose is (trivially) Markdown.
    return "html" if _TAG.search(head) else "markdown"


def cap_container_markers(text: str) -> str:
    """Keep at most MARKDOWN_MAX_MARKERS quote and list markers at the start of each line."""
    if not _MANY_MARKERS.search(text):
        return text
    lines = text.split("\n")
    for index, line in enumerate(lines):
        pos = count = cut = 0
        while (match := _MARKER.match(line, pos)) is not None and match.end() > pos:
            count += 1
            pos = match.end()
            if count == MARKDOWN_MAX_MARKERS:
                cut = pos
        if count > MARKDOWN_MAX_MARKERS:
            lines[index] = line[:cut] + line[pos:]
    return "\n".join(lines)


def markdown_to_html(text: str) -> str:
    """Render Markdown (with embedded HTML and GFM tables) to an HTML document."""
    rendered: str = _markdown().render(cap_container_markers(text))
    return "<html><body>" + rendered + "</body></html>"


def _new_parser(encoding: str | None = None) -> lxml.html.HTMLParser:
    parser = lxml.html.HTMLParser(
        remove_comments=True, remove_pis=True, huge_tree=True, encoding=encoding
    )
    # lxml.html picks each element's Python class in a Python method (form and input
    # elements get classes of their own), called whenever an element is touched from
    # Python: a tenth of a page's time. Nothing here uses those classes; a lookup in C
    # gives every element HtmlElement.
    parser.set_element_class_lookup(
        etree.ElementDefaultClassLookup(
            element=lxml.html.HtmlElement,
            comment=lxml.html.HtmlComment,
            pi=lxml.html.HtmlProcessingInstruction,
            entity=lxml.html.HtmlEntity,
        )
    )
    return parser


_parser = _new_parser()
# For the page as UTF-8 bytes: lxml hands libxml2 a str in its own storage (Latin-1,
# UCS-2 or UCS-4) to convert, and the page's UTF-8 parses a tenth faster, to the same tree.
_utf8_parser = _new_parser("utf-8")


def parse_html(text: str) -> HtmlElement:
    """Parse HTML into a document tree with a `<body>`, or raise InputError."""
    return _parse_html(text)[0]


def _parse_html(text: str, utf8: bytes | None = None) -> tuple[HtmlElement, bytes]:
    """parse_html's tree, and the markup it was parsed from as UTF-8 (cleaned of what
    libxml2 cannot take); `utf8` is the text's UTF-8, when the caller has it."""
    # lxml refuses a str that carries its own encoding declaration.
    declared = text
    text = _XML_DECLARATION.sub("", text, count=1)
    encoded = utf8 if utf8 is not None and text is declared else _utf8(text)
    if encoded is None:
        # Lone surrogates (no UTF-8 for them): the page parses as the str it is, and stops
        # at the first of them, as it always did.
        text = _markup_from(_CONTROL_CHARS.sub("", text))
        markup = text.encode("utf-8", "surrogatepass")
        source: str | bytes = text
    else:
        # The page is scanned and cleaned as its UTF-8 from here: a page of any script but
        # Latin is stored two or four bytes a character as a str, and every whole-page
        # search (the end tags below, the marks parse looks for) read that much more; the
        # UTF-8 is what libxml2 parses anyway. The control characters are ASCII and no other
        # character's UTF-8 has a byte below 0x80, so deleting their bytes deletes them.
        markup = source = _markup_bytes_from(encoded.translate(None, _CONTROL_BYTES))
    if not _holds_text(markup):
        raise InputError("input is empty")
    root, parser = _parse_document(source)
    for depth in _DEPTH_RETRIES:
        if not _too_deep(parser):
            break
        root, parser = _parse_document(flatten_deep_markup(_as_text(source), depth))
    if root is None or not isinstance(root, lxml.html.HtmlElement):
        raise InputError("cannot parse the page as HTML")
    if root.find("body") is None:
        # Frameset and head-only pages: give the rest of the pipeline one shape to expect.
        etree.SubElement(root, "body")
    return root, markup


def _markup_from(text: str) -> str:
    """What libxml2 is given of a page parsed as a str, its control characters already
    gone: removed first, they cannot hide an end tag (`</bo\\x01dy>`) from the pattern that
    drops it."""
    # A form feed is whitespace in HTML; U+FFFC marks where an editor had an embedded object.
    text = text.replace("\f", " ").replace("\ufffc", "")
    return _END_OF_PAGE_TAGS.sub("", text)


def _markup_bytes_from(encoded: bytes) -> bytes:
    """_markup_from for the page's UTF-8."""
    encoded = encoded.replace(b"\f", b" ").replace("\ufffc".encode(), b"")
    return _END_OF_PAGE_TAG_BYTES.sub(b"", encoded)


def _holds_text(markup: bytes) -> bool:
    """Whether the markup holds more than whitespace, Unicode's included."""
    stripped = markup.strip()
    if not stripped:
        return False
    # Every whitespace character beyond ASCII's is two or more bytes in UTF-8, the first
    # above 0x7F: a page that opens with any other character holds text.
    return stripped[0] < 0x80 or not stripped.decode("utf-8", "surrogatepass").isspace()


def _as_text(source: str | bytes) -> str:
    return source if isinstance(source, str) else source.decode("utf-8")


def _utf8(text: str) -> bytes | None:
    """The text as UTF-8, or None when it holds lone surrogates (no UTF-8 for them)."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return None


def _parse_document(source: str | bytes) -> tuple[HtmlElement | None, lxml.html.HTMLParser]:
    """The page's tree, and the parser that made it (for its error log): UTF-8 bytes, or
    a str with lone surrogates."""
    parser = _parser
    if isinstance(source, bytes):
        if source.startswith(b"<?xml"):
            # A declaration the pattern could not take off (no `?>`): as a str, lxml
            # refuses the page rather than obey an encoding it names.
            source = source.decode("utf-8")
        else:
            parser = _utf8_parser
    try:
        root: HtmlElement | None = lxml.html.document_fromstring(source, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError, AssertionError) as exc:
        # AssertionError: lxml asserts on some body-less inputs such as "<SCRIPT".
        raise InputError(f"cannot parse the page as HTML: {exc}") from None
    return root, parser


def _too_deep(parser: lxml.html.HTMLParser) -> bool:
    """True when the last parse stopped at libxml2's nesting limit and lost the page's rest."""
    return any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log)


def flatten_deep_markup(text: str, max_depth: int) -> str:
    """Drop start tags (and their end tags) nested deeper than max_depth, keeping the text.

    The depth is counted from the tags as written, ignoring the implicit closing that the
    parser does (`<li>` closes an open `<li>`), so it is an overestimate: the parsed tree
    is never deeper than max_depth.
    """
    stack: list[str] = []
    dropped: dict[str, int] = {}

    def keep_or_drop(match: re.Match[str]) -> str:
        closing, name = match.group(1), match.group(2).lower()
        if closing:
            if dropped.get(name):
                dropped[name] -= 1
                return ""
            if name in stack:
                del stack[len(stack) - 1 - stack[::-1].index(name) :]
            return match.group(0)
        if name in _VOID_TAGS or match.group(3).endswith("/"):
            return match.group(0)
        room = 3 if name in _TEXTLESS_CONTAINERS else 0
        if len(stack) >= max_depth - room:
            dropped[name] = dropped.get(name, 0) + 1
            return ""
        stack.append(name)
        return match.group(0)

    return _TAG_TOKEN.sub(keep_or_drop, text)


def _new_paragraph(text: str | None) -> HtmlElement:
    paragraph = lxml.html.Element("p")
    paragraph.text = text
    return paragraph


def _holds_loose_text(
    element: HtmlElement, children: list[HtmlElement], blocks: list[bool]
) -> bool:
    """Text beside the element's blocks: its own text, a child's tail, an inline child
    with text or an image."""
    text = element.text
    if text and not text.isspace():
        return True
    for child, block in zip(children, blocks, strict=True):
        tail = child.tail
        if tail and not tail.isspace():
            return True
        if block:
            continue
        if child.tag == "img":
            return True
        content = text_content(child)
        if content and not content.isspace():
            return True
    return False


def wrap_loose_text_in_place(root: HtmlElement) -> None:
    """Give loose text beside blocks a `<p>` of its own, and split text at blank lines.

    Mirror pages leave share lines and source notes as bare text in `<body>` between
    blocks; as paragraphs they can be scored, matched by rules and left out one by one,
    instead of riding along with whatever element they sit in.

    A `<p>` that holds blank lines, two `<br>` in a row, is several paragraphs to its
    reader: split there, as reader modes do, a "Previous post" line or a "Related
    articles:" lead after the last of them is a block a rule can take alone. (A `<div>` of
    such text keeps its shape: splitting it changed which block the extraction picks on
    forum threads, whose posts are written that way; see strip.text_flows for how the guard
    reads it.)
    """
    for element in list(root.iter(*_WRAP_CONTAINERS, "p")):
        if not len(element):
            continue  # a cell or a leaf div: no block beside its text (many containers)
        tag = element.tag
        if tag == "p":
            if element.find("br") is None:
                continue  # most paragraphs: no line break, so no blank line
            children = list(element)
            found = blank_lines(children)
            if found:
                _split_paragraph_in_place(element, children, found)
            continue
        children = list(element)
        # Each child's kind once, for both tests below (no call per child).
        blocks = [isinstance(c.tag, str) and c.tag in BLOCK_TAGS for c in children]
        if True not in blocks:
            continue
        if not _holds_loose_text(element, children, blocks):
            continue
        # The new paragraphs go in beside the blocks, which stay where they are: taking
        # every child out and putting it back moved each block's whole subtree twice
        # (lxml walks a moved subtree), a tenth of parse's time on a long page.
        paragraph: HtmlElement | None = None
        text = element.text
        element.text = None
        if text and text.strip():
            paragraph = _new_paragraph(text)
            element.insert(0, paragraph)
        for child, block in zip(children, blocks, strict=True):
            if block:
                tail, child.tail = child.tail, None
                paragraph = None
                if tail and tail.strip():
                    paragraph = _new_paragraph(tail)
                    child.addnext(paragraph)
            else:
                if paragraph is None:
                    paragraph = _new_paragraph(None)
                    child.addprevious(paragraph)
                paragraph.append(child)


def blank_lines(children: list[HtmlElement]) -> frozenset[int]:
    """The positions of the `<br>` elements that make blank lines: two or more in a row,
    nothing but whitespace between them."""
    found: set[int] = set()
    previous_break = False
    for index, child in enumerate(children):
        if child.tag != "br":
            previous_break = False
            continue
        if previous_break:
            found.update((index - 1, index))
        tail = child.tail
        previous_break = not tail or tail.isspace()
    return frozenset(found)


def _split_paragraph_in_place(
    paragraph: HtmlElement, children: list[HtmlElement], breaks: frozenset[int]
) -> None:
    """Make a `<p>` holding blank lines the paragraphs it shows, in its place."""
    tail, paragraph.tail = paragraph.tail, None  # it follows the last of them
    last = paragraph
    current: HtmlElement | None = paragraph  # None: the next content opens a paragraph
    for index, child in enumerate(children):
        if index in breaks:
            text, child.tail = child.tail, None
            paragraph.remove(child)
            current = None
            if text and not text.isspace():
                current = last = _after(last, _new_paragraph(text))
        else:
            if current is None:
                current = last = _after(last, _new_paragraph(None))
            if current is not paragraph:
                current.append(child)
    last.tail = tail
    if last is not paragraph and not len(paragraph) and not (paragraph.text or "").strip():
        paragraph.getparent().remove(paragraph)  # it opened with the blank line


def _after(element: HtmlElement, new: HtmlElement) -> HtmlElement:
    element.addnext(new)
    return new


def parse(
    text: str, fmt: Literal["auto", "html", "markdown"] = "auto", utf8: bytes | None = None
) -> HtmlElement:
    """One lxml tree for either input format; `utf8` is the text's UTF-8, when the caller
    has it (the page's own bytes, most often), spared encoding the text again."""
    if not text.strip():
        raise InputError("input is empty")
    if fmt == "auto":
        fmt = detect_format(text)
    if fmt == "markdown":
        text = markdown_to_html(text)
        utf8 = None
    root, markup = _parse_html(text, utf8)
    # A script's text is in the markup as written: without either call there, and
    # without a React chunk left by a page saved without its scripts (`id="S:1e"`),
    # reading every script's text (JSON blobs of hundreds of KB) is spared.
    if _STREAM_CALL_MARK.search(markup) or _REACT_CHUNK_MARK.search(markup):
        place_streamed_chunks_in_place(root)
    if any(mark in markup for mark in _CODE_LAYOUT_MARKS):
        rebuild_code_layouts_in_place(root)
    if any(mark in markup for mark in _FORMULA_MARKS):
        rebuild_formulas_in_place(root)
    wrap_loose_text_in_place(root)
    return root


# React's streaming server rendering sends a page's late parts at the end of the body, in
# `<div hidden id="S:n">`, with a script call that moves each into its placeholder:
# `$RC("B:n","S:m")` fills the `<template id="B:n">` of a Suspense boundary, `$RS("S:m",
# "P:n")` the `<template id="P:n">` of a segment. Next.js pages stream code blocks and
# whole sections this way.
_STREAM_CALL = regexcache.compile(r"\$R([CS])\(\s*\"([^\"]{1,40})\"\s*,\s*\"([^\"]{1,40})\"")


# Marko (eBay's framework) flushes a page's late parts the same way: each in a
# `<div id="afX12" style="display:none">`, moved by `$afX(12)` in place of the placeholder
# `<span id="afXph12">` (or `<noscript>`) that a script defined beside it looks up
# (`getElementById("afXph"+d)`).
_MARKO_CALL = regexcache.compile(r"\$(af\w{1,40})\((\d{1,6})\)")
_REACT_PLACEHOLDERS = frozenset({"template"})
_HIDDEN_REACT_CHUNK_IDS = etree.XPath("//div[@hidden][starts-with(@id, 'S:')]/@id")
_MARKO_PLACEHOLDERS = frozenset({"span", "noscript", "div"})
# The elements whose id could name a chunk or a placeholder (see _may_stream), found in C:
# read one by one from Python, a long page's divs and spans took a tenth of its parse.
_STREAM_ID_HOLDERS = etree.XPath(
    "//*[self::div or self::template or self::span or self::noscript]"
    "[contains(@id, ':') or starts-with(@id, 'af')]"
)


def place_streamed_chunks_in_place(root: HtmlElement) -> None:
    """Do what the page's script would: put each streamed chunk where it belongs."""
    moves: list[tuple[str, str, frozenset[str]]] = []
    marko: set[str] = set()
    for script in root.iter("script"):
        code = script.text or ""
        if "$R" in code:  # a plain substring search before the regex (most scripts)
            for kind, first, second in _STREAM_CALL.findall(code):
                chunk, target = (second, first) if kind == "C" else (first, second)
                moves.append((chunk, target, _REACT_PLACEHOLDERS))
        if "$af" in code:
            for name, number in _MARKO_CALL.findall(code):
                moves.append((f"{name}{number}", f"{name}ph{number}", _MARKO_PLACEHOLDERS))
                marko.add(name)
    # Saved pages often lose their scripts: then the ids say where each chunk goes, as
    # React numbers a chunk like its placeholder (`$RC("B:7","S:7")`, `$RS("S:f","P:f")`).
    scripted = {chunk_id for chunk_id, _, _ in moves}
    chunk_ids: list[str] = _HIDDEN_REACT_CHUNK_IDS(root)  # type: ignore[assignment]
    for chunk_id in chunk_ids:
        if chunk_id not in scripted:
            number = chunk_id[2:]
            moves.append((chunk_id, f"B:{number}", _REACT_PLACEHOLDERS))
            moves.append((chunk_id, f"P:{number}", _REACT_PLACEHOLDERS))
    if not moves:
        return
    candidates: list[HtmlElement] = _STREAM_ID_HOLDERS(root)  # type: ignore[assignment]
    by_id = {
        element.get("id"): element
        for element in candidates
        if _may_stream(element.get("id") or "", marko)
    }
    placed: set[str] = set()
    for chunk_id, placeholder_id, placeholder_tags in moves:
        if chunk_id in placed:
            continue
        chunk, placeholder = by_id.get(chunk_id), by_id.get(placeholder_id)
        if chunk is None or placeholder is None or placeholder.tag not in placeholder_tags:
            continue
        parent = placeholder.getparent()
        if parent is None or any(a is chunk for a in placeholder.iterancestors()):
            continue
        index = parent.index(placeholder)
        children = list(chunk)
        if chunk.text and chunk.text.strip():
            # Text before the first child: keep it in a span so it moves along.
            span = lxml.html.Element("span")
            span.text = chunk.text
            children.insert(0, span)
        parent[index : index + 1] = children
        tail = placeholder.tail
        if tail:
            if children:
                children[-1].tail = (children[-1].tail or "") + tail
            else:
                previous = parent[index - 1] if index > 0 else None
                if previous is not None:
                    previous.tail = (previous.tail or "") + tail
                else:
                    parent.text = (parent.text or "") + tail
        chunk.drop_tree()
        placed.add(chunk_id)


def _may_stream(element_id: str, marko: set[str]) -> bool:
    if ":" in element_id:
        return True
    return element_id.startswith("af") and element_id.rstrip("0123456789").removesuffix(
        "ph"
    ) in marko
