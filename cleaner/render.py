"""Markdown and plain text from the content tree: one walker, one method per tag.

The content tree has already had its whitespace resolved (see `whitespace`), so the
renderers only place syntax. Blocks are strings joined by blank lines; inline content is
one string per block. Unknown tags (mirror pages invent `<ok href>`) render their children.
"""

from __future__ import annotations

import itertools
import re
import sys
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from urllib.parse import urljoin

from lxml.html import HtmlElement

from . import regexcache
from .tags import BLOCK_TAGS, CODE_TAGS, HEADING_TAGS, LIST_TAGS
from .textcontent import text_content

# Attributes lazy-loading scripts keep the real image address in, most specific first.
LAZY_SRC_ATTRS = (
    "data-src",
    "data-lazy-src",
    "data-original",
    "data-lazy",
    "data-url",
    "data-hi-res-src",
    "data-full-src",
    "data-srcset",
    "data-lazy-srcset",
)
_PLACEHOLDER_SRC = regexcache.compile(
    r"^data:|blank\.gif|spacer\.gif|placeholder|lazy[-_]?load|1x1|pixel\.gif", re.I
)
_CODE_LANGUAGE = regexcache.compile(
    r"(?:^|\s)(?:language|lang|highlight-source|highlight|brush:?)[-_:\s]?([a-zA-Z0-9_+#.-]+)"
)
# Words that follow "highlight-" in Sphinx/Pygments wrappers but are not languages.
_NOT_LANGUAGES = frozenset({"default", "none", "text", "plain", "notranslate", "js-file-line"})
# Line starts that CommonMark would read as block syntax: headings, quotes, list items, and
# runs of one of - = * _ that would make a thematic break or turn the line above into a
# heading. A mixed run is text: `**====` opens bold over a row of equals signs.
_LINE_START_MARKER = regexcache.compile(r"^(\s*)([#>+\-=_]|\d+[.)]|\*)(?=\s|$|(?:\s*\2)+\s*$)")
# A card's first block that can carry its link: a paragraph, not a list, quote, table,
# heading, picture or code fence.
_LINKABLE_LINE = regexcache.compile(r"^(?![-*+][ \t]|\d{1,9}[.)][ \t]|[>|#]|!\[|```|~~~)\S")
_MD_INLINE_SPECIAL = regexcache.compile(r"([\\`*~])")
_UNDERSCORE_EDGE = regexcache.compile(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
# `[text](`, `[text][` and `[text]:` would make links; `[^[\]]` keeps the scan linear on
# `[[[[...`. Whatever bracket then still closes a link (`[a [b] c](`) is escaped by
# _LINK_CLOSE, which skips brackets already escaped (an odd run of backslashes before them).
_LINK_LIKE = regexcache.compile(r"\[([^\[\]\n]*)\](?=[(\[:])")
_LINK_CLOSE = regexcache.compile(r"(?<!\\)((?:\\\\)*)\](?=[(\[:]|$)")
# Each text node is escaped on its own, and the next one may go on where this one ends:
# `<` + `<font></font>` + `embed>` renders `<embed>`. So a `<` or `]` at the end counts.
_TAG_LIKE = regexcache.compile(r"<(?=[A-Za-z/!?]|$)")
_ENTITY_LIKE = regexcache.compile(r"&(?=#?[A-Za-z0-9]+;)")
# Every character one of the escapes above starts from.
_MAY_NEED_ESCAPE = regexcache.compile(r"[\\`*~_\[\]<&]")
_CELL_PIPE = regexcache.compile(r"\|")
# Schemes that run code or smuggle a document in when a reader clicks or a viewer loads
# them: links and images using them are dropped (a link keeps its text).
UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")
# A page's own file: link is a path on its writer's disk ("file:///Users/ann/Downloads/…"),
# which reaches nothing for a reader and which renderers refuse, printing the Markdown as
# text: dropped the same way. A --base-url of file: (a saved site cleaned where it lies)
# still resolves the page's relative links.
_UNSAFE_IN_PAGE = (*UNSAFE_SCHEMES, "file:")
# Browsers ignore ASCII whitespace and control characters inside a scheme ("java\tscript:").
_SCHEME_NOISE = regexcache.compile(r"[\x00-\x20\x7f]+")
# Characters that would end or break a Markdown link destination; each is percent-encoded
# so that a link never falls apart into text (and raw HTML) when rendered.
_URL_UNSAFE = regexcache.compile(r"[\x00-\x20\x7f<>()\\\"]")
_ALT_SPECIAL = regexcache.compile(r"([\\\[\]<`])")
_LANGUAGE_NOISE = regexcache.compile(r"[^A-Za-z0-9_+#.-]+")
# Deeply nested pages (mirror pages nest ~1000 unclosed tags) must not hit the default
# recursion limit; Python 3.11+ keeps Python-to-Python calls off the C stack.
RENDER_RECURSION_LIMIT = 20_000


@contextmanager
def _deep_recursion() -> Iterator[None]:
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, RENDER_RECURSION_LIMIT))
    try:
        yield
    finally:
        sys.setrecursionlimit(old)


# Characters that take no room: a paragraph of nothing but a zero-width joiner is a
# spacer (Webflow writes `<p>&zwj;</p>` between sections), not a line of text.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"


def _visible(text: str) -> bool:
    return bool(text.strip().strip(_INVISIBLE).strip())


def _tag(element: HtmlElement) -> str:
    tag = element.tag
    return tag.lower() if isinstance(tag, str) else ""


def _has_block_descendant(element: HtmlElement) -> bool:
    return any(_tag(d) in BLOCK_TAGS for d in element.iterdescendants())


def _is_card_link(element: HtmlElement) -> bool:
    """A link that wraps blocks (HTML5 lets it) a reader sees as blocks: a card's heading,
    or a shop card's name over a list of the product's features, whose items would run
    into one link text written inline. A list of pictures (a carousel of slides) or of
    badges with no name beside them is no such card."""
    if _tag(element) != "a":
        return False
    if next(element.iter(*HEADING_TAGS), None) is not None:
        return True
    listed = 0
    outer: HtmlElement | None = None
    for found in element.iter(*LIST_TAGS):
        if outer is not None and any(a is outer for a in found.iterancestors()):
            continue  # nested in a list already counted
        outer = found
        listed += len(text_content(found).strip())
    return listed > 0 and len(text_content(element).strip()) > listed


def is_unsafe_url(url: str, *, in_page: bool = False) -> bool:
    """True for javascript:, vbscript: and data: URLs, however their scheme is spelled;
    with `in_page`, for a page's own file: URLs too."""
    schemes = _UNSAFE_IN_PAGE if in_page else UNSAFE_SCHEMES
    return _SCHEME_NOISE.sub("", url).lower().startswith(schemes)


def markdown_url(url: str) -> str:
    return _URL_UNSAFE.sub(lambda m: f"%{ord(m.group()):02X}", url)


def image_source(img: HtmlElement) -> str | None:
    """The address a reader would see: lazy-load attributes beat a placeholder `src`."""
    src = (img.get("src") or "").strip()
    if not src or _PLACEHOLDER_SRC.search(src):
        for attr in LAZY_SRC_ATTRS:
            value = (img.get(attr) or "").strip()
            if value:
                src = value.split(",")[0].split()[0] if "srcset" in attr else value
                break
        else:
            srcset = (img.get("srcset") or "").strip()
            src = srcset.split(",")[0].split()[0] if srcset else src
    if not src or is_unsafe_url(src, in_page=True):
        return None
    return src


# What makes a table of long cells a page laid out in a grid (see is_layout_table): a
# heading or code block cannot sit in a Markdown cell, and lists side by side (pros and
# cons) read as lists.
_GRID_ONLY_TAGS = frozenset({"h1", "h2", "h3", "h4", "pre", "ul", "ol"})


# A table that numbers its rows with one cell of content beside each number is a ranked
# list laid out in a grid (Hacker News' stories, Goodreads' Listopia, an old forum's top
# ten): a reader reads items, not columns, and a grid of them printed the numbers in a
# column of their own and each story's byline as a row of empty cells. A second cell of
# text beside the number (rank | team | points) is a data table, and stays one.
_TABLE_SECTIONS = ("thead", "tbody", "tfoot")
_RANK = regexcache.compile(r"#?(\d{1,4})[.)]?")
RANKED_TABLE_MIN_ITEMS = 3


_SOFT_HYPHEN = "\xad"
# An emoji drawn as a picture says its character (or :shortcode:) in the alt text.
_EMOJI_ALT_CHARS = 32


def _emoji_of(img: HtmlElement) -> str | None:
    """The character an emoji picture stands for (WordPress, Twemoji and Discourse draw
    emoji as `<img class="emoji" alt="🎉">`): text, not a picture to link."""
    if "emoji" not in (img.get("class") or "").lower().split():
        return None
    alt = " ".join((img.get("alt") or "").split())
    return alt if 0 < len(alt) <= _EMOJI_ALT_CHARS else None


def _tex(formula: HtmlElement) -> str:
    """The TeX the formulas stage put in a `<tex>` element (see formulas.py)."""
    return " ".join(formula.text_content().split())


# A note's mark: a number, bracketed or not, or a dagger.
_NOTE_MARK = regexcache.compile(r"^\s*(?:\[\s*\d{1,3}\s*\]|\d{1,3}|[*†‡§])\s*$")


def _is_note_mark(element: HtmlElement) -> bool:
    """A footnote or citation mark (`<sup><a href="#fn1">1</a></sup>`, Wikipedia's
    `<sup class="reference"><a href="#cite_note-1">[1]</a></sup>`, a link around the sup):
    a pointer to a note further down the page, not a word. Written, it runs into the word
    before it ("here1"); the note itself stays where the page prints it."""
    tag = _tag(element)
    if tag == "sup":
        links = list(element.iter("a"))
        if len(links) != 1 or not (links[0].get("href") or "").startswith("#"):
            return False
    elif tag == "a":
        children = list(element)
        if not (element.get("href") or "").startswith("#") or (element.text or "").strip():
            return False
        if len(children) != 1 or _tag(children[0]) != "sup" or (children[0].tail or "").strip():
            return False
    else:
        return False
    return bool(_NOTE_MARK.match(element.text_content()))


def _balanced_label(label: str) -> str:
    """A link's text with every unmatched bracket escaped: CommonMark allows brackets in
    link text only escaped or in matched pairs, and one left open ("Foo [disambiguation")
    ends the link early. Matched pairs (a linked image's `![alt](src)`) stay as they are;
    a label holding a code span is left alone, since escapes there print literally."""
    if "`" in label:
        return label
    unmatched: list[int] = []
    opened: list[int] = []
    escaped = False
    for index, char in enumerate(label):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            opened.append(index)
        elif char == "]":
            if opened:
                opened.pop()
            else:
                unmatched.append(index)
    unmatched.extend(opened)
    if not unmatched:
        return label
    out = list(label)
    for index in sorted(unmatched, reverse=True):
        out.insert(index, "\\")
    return "".join(out)


# Spans past this are page errors (colspan="1000" to fill a row): a Markdown table
# of a thousand columns helps no one.
_MAX_SPAN = 50


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), _MAX_SPAN))
    except ValueError:
        return 1


def code_language(pre: HtmlElement) -> str:
    """The language a highlighter's class names give for a code block, or ""."""
    candidates = [pre, *pre.iterchildren("code")]
    parent = pre.getparent()
    for _ in range(3):  # Sphinx and GitHub put it on a wrapper div
        if parent is None:
            break
        candidates.append(parent)
        parent = parent.getparent()
    for element in candidates:
        lang = element.get("data-lang") or element.get("data-language") or ""
        # Only name characters: a backtick or newline would end the fence's info string.
        lang = _LANGUAGE_NOISE.sub("", lang)
        if lang:
            return lang.lower()
        for match in _CODE_LANGUAGE.finditer(element.get("class") or ""):
            name = match.group(1).lower()
            if name not in _NOT_LANGUAGES:
                return name
    return ""


def code_text(pre: HtmlElement) -> str:
    """The code exactly as written: `<br>` as newlines, no trailing blank lines."""
    pieces: list[str] = []
    _collect_code(pre, pieces, top=True)
    text = "".join(pieces)
    text = text[1:] if text.startswith("\n") else text
    return text.rstrip("\n \t").replace("\r\n", "\n")


def _collect_code(element: HtmlElement, pieces: list[str], top: bool = False) -> None:
    if not top and _tag(element) == "br":
        pieces.append("\n")
    if element.text:
        pieces.append(element.text)
    previous: HtmlElement | None = None
    for child in element:
        # Blocks of code side by side in one <pre> (Node.js's docs give each example as
        # ES module and as CommonJS, one shown at a time) each start on a line of their own.
        if (
            top
            and previous is not None
            and _tag(child) == "code"
            and _tag(previous) == "code"
            and not (previous.tail or "").strip()
            and pieces
            and not pieces[-1].endswith("\n")
        ):
            pieces.append("\n")
        previous = child
        _collect_code(child, pieces)
    if not top and element.tail:
        pieces.append(element.tail)


# Set by the pipeline on a picture whose caption it carries (and on that caption).
CAPTION_ATTR = "data-cleaner-caption"


# Marks, in a list of inline parts, where two pieces the page sets apart meet (a block ends,
# a link follows a link): the words on either side need a space.
_GAP = "\x00"


def _pieces_touch(element: HtmlElement) -> bool:
    """Two pieces the page's style sets apart, nothing between them, whose words would
    otherwise run together: a link right after a link (a row of footer links, never one
    word "PricingContact us"), or a labelled field's name and value, each its own styled
    element ("Number of Pages" "240 Pages", not "Pages240")."""
    previous = element.getprevious()
    if previous is None or previous.tail:
        return False
    tag = _tag(element)
    if tag == "a":
        return _tag(previous) == "a"
    return _styled_pieces_touch(previous, element, tag)


# A word at the edge of a styled piece shorter than this is part of a word: a drop cap's
# first letter, a text cut into chunks after "C" ("…milk punch, C" "orn Pops…").
_STYLED_PIECE_MIN_CHARS = 2
# Pieces of one class longer than this are one text cut into chunks, not a row of tags.
_CHUNKED_TEXT_CHARS = 40
# Scripts that do not space their words (Thai, Lao, Tibetan, Myanmar, Khmer, Tai Le, Tai
# Tham, and from U+2E80 CJK on; Korean, which does, is left joined too, to be safe): their
# text runs on without spaces, whatever elements hold it.
_UNSPACED_SCRIPT = regexcache.compile(
    "[\u0e00-\u0fff\u1000-\u109f\u1780-\u17ff\u1950-\u197f\u1a20-\u1aaf\u2e80-\U0010ffff]"
)


# Tags that mark part of a text, not a piece set apart: emphasis can fall on part of a
# word ("un<em>believ</em>able"), code on part of an identifier.
_WORD_PART_TAGS = frozenset(
    {"br", "b", "strong", "i", "em", "u", "s", "strike", "del", "ins", "mark", "sub", "sup"}
    | {"small", "abbr", "q", "cite", "dfn", "font", "wbr"}
    | CODE_TAGS
)


# A styled piece holds at most this many elements (itself included).
_PIECE_MAX_ELEMENTS = 32


def _larger_than(element: HtmlElement, count: int) -> bool:
    return next(itertools.islice(element.iter(), count, None), None) is not None


def _styled_pieces_touch(previous: HtmlElement, element: HtmlElement, tag: str) -> bool:
    """Whether two elements that touch are pieces the page's classes set apart (a name and
    its value, two tags of one class). A rich-text editor styles its runs inline, and
    splits a word where the style changes (Google Sites' `<span class="C9DxTc" style="…">
    Le</span><span class="C9DxTc" style="…">arn More</span>`): those are one text."""
    if tag in _WORD_PART_TAGS or _tag(previous) in _WORD_PART_TAGS:
        return False
    classes, previous_classes = element.get("class"), previous.get("class")
    # One class is enough: a card's author line in a bare `<span>`, its date beside it in
    # a classed one.
    if not classes and not previous_classes:
        return False
    if element.get("style") is not None or previous.get("style") is not None:
        return False
    # A name, a value, a tag: small. Reading a big subtree's text at every level of a deep
    # one would cost its size times its depth.
    if _larger_than(previous, _PIECE_MAX_ELEMENTS) or _larger_than(element, _PIECE_MAX_ELEMENTS):
        return False
    before = text_content(previous).rstrip()
    after = text_content(element).lstrip()
    if (classes or "").split() == (previous_classes or "").split() and (
        len(before) > _CHUNKED_TEXT_CHARS or len(after) > _CHUNKED_TEXT_CHARS
    ):
        return False
    last_word = before.rsplit(None, 1)[-1] if before else ""
    first_word = after.split(None, 1)[0] if after else ""
    if len(last_word) < _STYLED_PIECE_MIN_CHARS or len(first_word) < _STYLED_PIECE_MIN_CHARS:
        return False
    last, first = before[-1], after[0]
    return (
        # A label's colon too: "eBay item number:" "335330783890".
        (last.isalnum() or last == ":")
        and first.isalnum()
        and _UNSPACED_SCRIPT.match(last) is None
        and _UNSPACED_SCRIPT.match(first) is None
    )


# Tags that say the same emphasis: one Markdown marker each.
_EMPHASIS_KIND = {
    **dict.fromkeys(("b", "strong"), "strong"),
    **dict.fromkeys(("i", "em", "cite"), "em"),
    **dict.fromkeys(("del", "s", "strike"), "del"),
}


def join_touching_emphasis_in_place(root: HtmlElement) -> None:
    """`<b>1</b><b>. The contract</b>`, two runs of one emphasis with nothing between
    them (editors split bold at every edit), becomes one: written apart, the closing and
    opening markers touch (`**1****. The contract**`), which CommonMark reads as literal
    asterisks. An emphasis inside the same emphasis (`<b><strong>x</strong></b>`) adds
    nothing and its markers would touch the outer ones (`****x****`): it is unwrapped."""
    for element in list(root.iter(*_EMPHASIS_KIND)):
        kind = _EMPHASIS_KIND[_tag(element)]
        if element is not root and any(
            _EMPHASIS_KIND.get(_tag(a)) == kind for a in element.iterancestors()
        ):
            element.drop_tag()
    for element in list(root.iter(*_EMPHASIS_KIND)):
        if element is root or element.getparent() is None:
            # The root's siblings are not the content; a run joined into the one before
            # it has left the tree.
            continue
        kind = _EMPHASIS_KIND[_tag(element)]
        following = element.getnext()
        while (
            following is not None
            and not element.tail
            and _EMPHASIS_KIND.get(_tag(following)) == kind
        ):
            if following.text:
                if len(element):
                    last = element[-1]
                    last.tail = (last.tail or "") + following.text
                else:
                    element.text = (element.text or "") + following.text
            element.extend(list(following))
            element.tail = following.tail
            element.getparent().remove(following)
            following = element.getnext()


# An emphasis closing at the end of a piece: text escapes its own `*` and `~`, so an
# unescaped one there is a marker.
_CLOSING_MARKER = regexcache.compile(r"(?<![\\*~])(\*\*|\*|~~)$")


def _join_touching_markers(before: str, part: str) -> tuple[str, str] | None:
    """Two runs of one emphasis that touch across elements (`<b>Audience</b><span><b>:</b>
    …</span>`) would print `**Audience****:**`: the closing and opening markers go, and
    the runs read as one, `**Audience:**`."""
    found = _CLOSING_MARKER.search(before)
    if found is None:
        return None
    marker = found.group(1)
    rest = part[len(marker) :]
    if not part.startswith(marker) or not rest or rest[0] in "*~" or rest[0].isspace():
        return None
    return before[: -len(marker)], rest


# An emphasis opening at the start of a piece (a marker, then no space).
_OPENING_MARKER = regexcache.compile(r"^(\*\*|\*|~~)(?=\S)")
# A link (or picture) that is all an emphasis holds, the markers around it: a link's text
# (escapes and all, or one picture) and its destination, whose parentheses and spaces
# markdown_url has encoded.
_LINK_TEXT = r"(?:[^\[\]\\]|\\.)*"
_DESTINATION = r"\([^()\s]*\)"
_LINK = rf"(!?)\[({_LINK_TEXT}|!\[{_LINK_TEXT}\]{_DESTINATION})\]({_DESTINATION})"
_EMPHASISED_LINK_AT_END = regexcache.compile(rf"(?<![\\*~])(\*\*|\*|~~){_LINK}\1$")
_EMPHASISED_LINK_AT_START = regexcache.compile(rf"^(\*\*|\*|~~){_LINK}\1(?![*~])")


def _is_punctuation(char: str) -> bool:
    """CommonMark's punctuation, for the flanking rules: Unicode's punctuation and symbols."""
    return unicodedata.category(char)[0] in "PS"


def _punctuation_run(text: str, *, at_end: bool) -> int:
    """How many punctuation characters `text` ends (or starts) with, up to one that may be
    Markdown's own: the `)` closing a link's target, the `[` or `![` opening a link or image,
    a code span's backtick, an escaping backslash, an emphasis marker."""
    chars = reversed(text) if at_end else iter(text)
    syntax = _SYNTAX_AFTER_OPENER
    if at_end:
        # A `)` closes a link's target only where the text holds a link.
        syntax = _SYNTAX_BEFORE_CLOSER if "](" in text else _SYNTAX_BEFORE_CLOSER_NO_LINK
    count = 0
    for char in chars:
        if char in syntax or not _is_punctuation(char):
            break
        count += 1
    return count


_SYNTAX_BEFORE_CLOSER = frozenset("\\)]>`*~_")
_SYNTAX_BEFORE_CLOSER_NO_LINK = _SYNTAX_BEFORE_CLOSER - {")"}
_SYNTAX_AFTER_OPENER = frozenset("\\[!<`*~_")


def flanked(before: str, after: str) -> tuple[str, str]:
    """`before` and `after` side by side with emphasis markers CommonMark reads as such. A
    closing marker between punctuation and a letter closes nothing (`**Why?**Because`,
    `*pacman'*s`), nor does an opening one between a letter and punctuation (`word**(1)**`):
    CommonMark's flanking rules leave the markers as literal asterisks. The punctuation moves
    outside the markers (`**Why**?Because`), which keeps every character; a run that was
    punctuation alone (`*“*Then`) loses its markers, as does one right after another
    emphasis, whose markers would run into its own (`*phrase***.**`)."""
    if not before or not after:
        return before, after
    # Most pieces meet with no marker between them: two reads settle it.
    if after[0].isalnum() and before[-1] in "*~":
        found = _CLOSING_MARKER.search(before)
        if found is not None:
            marker = found.group(1)
            inner = before[: -len(marker)]
            run = _punctuation_run(inner, at_end=True)
            text, punctuation = inner[: len(inner) - run], inner[len(inner) - run :]
            # A backslash before the run escapes its first character, which must stay
            # beside it: moved, `\<` would leave `<` bare.
            if run and not text.endswith("\\") and not text.endswith("\\" + marker):
                # Spaces before the run leave with it (`*Night “*should` is `*Night*
                # “should`): a marker after a space closes nothing.
                body = text.rstrip()
                space = text[len(body) :]
                if body.endswith(marker) and body[: -len(marker)][-1:] not in ("*", "~"):
                    # Nothing but the punctuation was emphasised.
                    return body[: -len(marker)] + space + punctuation, after
                if body and not body.endswith("\\"):
                    return body + marker + space + punctuation, after
            if not run and inner.endswith(")"):
                link = _EMPHASISED_LINK_AT_END.search(before)
                if link is not None:
                    return before[: link.start()] + _emphasis_into_link(link), after
    if after[0] in "*~" and (before[-1].isalnum() or before[-1] in "*~"):
        found = _OPENING_MARKER.match(after)
        if found is not None:
            marker = found.group(1)
            inner = after[len(marker) :]
            run = _punctuation_run(inner, at_end=False)
            rest = inner[run + len(marker) :]
            if run and inner[run:].startswith(marker) and not rest[:1].isalnum():
                return before, inner[:run] + rest
            if run and before[-1].isalnum():
                # The space after the punctuation leaves with it (`real**: Those` is
                # `real: **Those`): a marker before a space opens nothing.
                run += len(inner[run:]) - len(inner[run:].lstrip())
                rest = inner[run:]
                if rest and not rest.startswith(marker):
                    return before, inner[:run] + marker + rest
            if not run and inner[:1] in ("[", "!"):
                link = _EMPHASISED_LINK_AT_START.match(after)
                if link is not None:
                    return before, _emphasis_into_link(link) + after[link.end() :]
    return before, after


def _emphasis_into_link(link: re.Match[str]) -> str:
    """An emphasised link whose markers touch a letter outside (`*[Sea to Summit](u)*sack`)
    closes nothing, as a link's `)` is punctuation: the markers go inside its text, where
    they touch its words (`[*Sea to Summit*](u)sack`). A picture's alternative text shows
    no emphasis, so a picture (linked or not) loses its markers."""
    marker, bang, text, destination = link.groups()
    if bang or text.startswith("!") or not text or text != text.strip():
        return f"{bang}[{text}]{destination}"
    return f"[{marker}{text}{marker}]{destination}"


def join_inline(parts: list[str], markup: bool = True) -> str:
    """Inline pieces side by side. Two code spans that touch would merge their backtick
    runs into one, so the second's fence no longer closes the first and its content (a
    `<script>`, say) becomes raw HTML: they get a space between them. Text ending in "!"
    before a link would make the link an image (`Wow![x](url)`): the "!" is escaped. A
    _GAP between two pieces that would touch becomes one space."""
    out: list[str] = []
    gap = False
    for part in parts:
        if part == _GAP:
            gap = True
            continue
        if not part:
            continue
        if gap and out and not out[-1][-1:].isspace() and not part[:1].isspace():
            out.append(" ")
        gap = False
        if out and part.startswith("`") and out[-1].endswith("`"):
            out.append(" ")
        if markup and out:
            joined = _join_touching_markers(out[-1], part)
            if joined is not None:
                out[-1], part = joined
            out[-1], part = flanked(out[-1], part)
        if (
            markup
            and out
            and part.startswith("[")
            and out[-1].endswith("!")
            and not out[-1].endswith("\\!")
        ):
            out[-1] = out[-1][:-1] + "\\!"
        out.append(part)
    return "".join(out)


class MarkdownRenderer:
    """CommonMark/GFM; per-tag `block_<tag>` and `inline_<tag>` methods, looked up by name.

    Only tag handlers may carry those prefixes: the name comes from the page, and a helper
    named `inline_of` was found for a page's `<of>` element, which then rendered itself
    until the stack ran out."""

    markup = True

    def __init__(
        self,
        *,
        links: bool = True,
        images: bool = True,
        base_url: str | None = None,
        heading_offset: int = 0,
    ) -> None:
        self.links = links
        self.images = images
        self.base_url = base_url
        self.heading_offset = heading_offset
        # Table cells being rendered: a cell is one line of Markdown (see cell).
        self.cells_open = 0
        # Links being rendered. CommonMark lets no link hold another: written inside one,
        # a link leaves the outer one's brackets as literal text ("[![img] [text](u)](u)").
        # HTML forbids the nesting too, but a parser keeps it when a block sits between the
        # two (Reddit's `<a><div><img><a>`): inside a link that is written, another is
        # written as its text.
        self.links_open = 0

    # ---- entry points -------------------------------------------------------------
    def render(self, elements: list[HtmlElement], title: str | None = None) -> str:
        """The elements as one document; touching runs of one emphasis are joined in them
        first (see join_touching_emphasis_in_place)."""
        for element in elements:
            join_touching_emphasis_in_place(element)
        with _deep_recursion():
            blocks: list[str] = []
            if title:
                blocks.append(self.title_block(title))
            for element in elements:
                # An item taken out of its list (a thread's replies, each an <li>) is a
                # block of the content, not a list of one.
                parent = element.getparent()
                picked_item = (
                    _tag(element) == "li" and parent is not None and _tag(parent) in LIST_TAGS
                )
                if _tag(element) in _TABLE_SECTIONS:
                    # readability scores cells, so it can pick a table's body: its rows
                    # are still that table's, not blocks one after another.
                    blocks.extend(self.block_table(element))
                else:
                    blocks.extend(self.blocks_of(element, as_container=picked_item))
        return self.join_blocks(blocks)

    def join_blocks(self, blocks: list[str]) -> str:
        kept = [b for b in (block.strip("\n") for block in blocks) if _visible(b)]
        # Rules are separators: at either end, or twice in a row, they separate nothing.
        kept = [b for i, b in enumerate(kept) if b != "---" or i == 0 or kept[i - 1] != "---"]
        while kept and kept[0] == "---":
            kept.pop(0)
        while kept and kept[-1] == "---":
            kept.pop()
        text = "\n\n".join(kept)
        # Blocks are already trimmed: blank lines inside one (code) are the page's own.
        return text + "\n" if text else ""

    def title_block(self, title: str) -> str:
        return "# " + self.escape(title)

    # ---- block level --------------------------------------------------------------
    def blocks_of(self, element: HtmlElement, as_container: bool = True) -> list[str]:
        """Render `element` itself (as_container=False) or only its children."""
        if not as_container:
            tag = _tag(element)
            method: Callable[[HtmlElement], list[str]] | None = getattr(self, f"block_{tag}", None)
            if method is not None:
                return method(element)
            if tag in BLOCK_TAGS or _has_block_descendant(element):
                return self.children_blocks(element)
            return self.paragraph(self.render_inline(element, include_tail=False))
        return self.children_blocks(element)

    def children_blocks(self, element: HtmlElement) -> list[str]:
        """Block children render as blocks; runs of inline content between them as paragraphs."""
        blocks: list[str] = []
        run: list[str] = [self.text(element.text)] if element.text else []
        breaks = 0
        for child in element:
            tag = _tag(child)
            if tag == "br":
                breaks += 1
                if breaks >= 2:  # <br><br> is how many pages separate paragraphs
                    # Before the second break's tail: that tail opens the next paragraph.
                    blocks.extend(self.paragraph(join_inline(run, self.markup)))
                    run = []
                else:
                    run.append("\n")
                if child.tail:
                    if child.tail.strip():
                        breaks = 0
                    run.append(self.text(child.tail))
                continue
            breaks = 0
            if (
                tag in BLOCK_TAGS
                or (tag not in CODE_TAGS and tag != "a" and _has_block_descendant(child))
                or _is_card_link(child)
            ):
                blocks.extend(self.paragraph(join_inline(run, self.markup)))
                run = []
                blocks.extend(self.blocks_of(child, as_container=False))
                if child.tail:
                    run.append(self.text(child.tail))
            else:
                if _pieces_touch(child):
                    run.append(_GAP)
                run.append(self.render_inline(child))
        blocks.extend(self.paragraph(join_inline(run, self.markup)))
        return blocks

    def paragraph(self, inline: str) -> list[str]:
        lines = [line.strip() for line in inline.split("\n")]
        lines = [line for line in lines if _visible(line)]
        if not lines:
            return []
        lines = [self.escape_line_start(line) for line in lines]
        return [self.hard_break().join(lines)]

    def hard_break(self) -> str:
        return "\\\n"

    def escape_line_start(self, line: str) -> str:
        def escaped(match: re.Match[str]) -> str:
            marker = match.group(2)
            if marker[0].isdigit():  # "1." escapes as "1\.": a backslash before a digit is literal
                return match.group(1) + marker[:-1] + "\\" + marker[-1]
            return match.group(1) + "\\" + marker

        return _LINE_START_MARKER.sub(escaped, line, count=1)

    def block_p(self, element: HtmlElement) -> list[str]:
        return self.children_blocks(element)

    def heading(self, element: HtmlElement, level: int) -> list[str]:
        text = self.render_inline_children(element).replace("\n", " ").strip()
        if not text:
            return []
        level = min(6, max(1, level + self.heading_offset))
        return ["#" * level + " " + text]

    def block_h1(self, element: HtmlElement) -> list[str]:
        return self.heading(element, 1)

    def block_h2(self, element: HtmlElement) -> list[str]:
        return self.heading(element, 2)

    def block_h3(self, element: HtmlElement) -> list[str]:
        return self.heading(element, 3)

    def block_h4(self, element: HtmlElement) -> list[str]:
        return self.heading(element, 4)

    def block_h5(self, element: HtmlElement) -> list[str]:
        return self.heading(element, 5)

    def block_h6(self, element: HtmlElement) -> list[str]:
        return self.heading(element, 6)

    def block_hr(self, element: HtmlElement) -> list[str]:
        return ["---"]

    def block_pre(self, element: HtmlElement) -> list[str]:
        code = code_text(element)
        if not code.strip():
            return []
        if self.cells_open:
            # A fence cannot sit in a table cell: one code span per line.
            spans = (self.code_span(line.strip()) for line in code.split("\n"))
            return ["\n".join(span for span in spans if span)]
        fence = "```"
        while fence in code:
            fence += "`"
        return [f"{fence}{code_language(element)}\n{code}\n{fence}"]

    def block_blockquote(self, element: HtmlElement) -> list[str]:
        inner = self.join_blocks(self.children_blocks(element)).strip("\n")
        if not inner:
            return []
        return ["\n".join(("> " + line) if line else ">" for line in inner.split("\n"))]

    def list_marker(self, ordered: bool, number: int) -> str:
        return f"{number}. " if ordered else "- "

    def list_blocks(self, element: HtmlElement) -> list[str]:
        ordered = _tag(element) == "ol"
        try:
            number = int(element.get("start") or 1)
        except ValueError:
            number = 1
        items: list[list[str]] = []
        for child in element:
            if _tag(child) == "li":
                items.append(self.children_blocks(child))
            elif _tag(child) in LIST_TAGS and items:
                # A list nested directly in a list belongs to the previous item.
                items[-1].extend(self.blocks_of(child, as_container=False))
            else:
                blocks = self.blocks_of(child, as_container=False)
                if blocks:
                    items.append(blocks)
        items = [item for item in items if item]
        if not items:
            return []
        loose = any(len([b for b in item if not self._is_list_block(b)]) > 1 for item in items)
        marked = [(self.list_marker(ordered, n), item) for n, item in enumerate(items, number)]
        return [self._items_as_list(marked, loose)]

    def _items_as_list(self, items: list[tuple[str, list[str]]], loose: bool) -> str:
        """Each item's blocks after its marker; a loose list's items and blocks apart by a
        blank line."""
        separator = "\n\n" if loose else "\n"
        return separator.join(
            self._list_item(marker, separator.join(blocks)) for marker, blocks in items
        )

    def _is_list_block(self, block: str) -> bool:
        return bool(re.match(r"(?:[-*+•]|\d+\.)\s", block))

    def _list_item(self, marker: str, body: str) -> str:
        """`marker` before the first line, the others indented under it: unindented, a
        fence's lines would fall out of the item and close it, leaving its code (a
        `<script>` in a code sample) as raw HTML."""
        indent = " " * len(marker)
        first, *rest = body.split("\n")
        return marker + first + "".join("\n" + (indent + line if line else "") for line in rest)

    block_ul = list_blocks
    block_ol = list_blocks
    block_menu = list_blocks
    block_dir = list_blocks

    def block_li(self, element: HtmlElement) -> list[str]:
        # An `li` outside any list (broken markup): still a list item to a reader.
        blocks = self.children_blocks(element)
        if not blocks:
            return []
        return [self._list_item(self.list_marker(False, 1), blocks[0]), *blocks[1:]]

    def block_dt(self, element: HtmlElement) -> list[str]:
        text = self.render_inline_children(element).strip()
        if self.markup and (text.startswith("**") or text.endswith("**")):
            # Already bold at an edge (`<dt><strong>seth</strong></dt>`): more markers
            # would touch those (`****seth****`).
            return [text]
        return [self.strong(text)] if text else []

    def block_dd(self, element: HtmlElement) -> list[str]:
        return self.children_blocks(element)

    def block_figure(self, element: HtmlElement) -> list[str]:
        return self.children_blocks(element)

    def block_figcaption(self, element: HtmlElement) -> list[str]:
        # A caption describes its picture: where pictures are left out (text output,
        # --no-images), a caption would describe nothing on the page; where they are kept,
        # an attached caption is already the picture's title (see pipeline).
        if not self.images or element.get(CAPTION_ATTR) == "attached":
            return []
        return self.children_blocks(element)

    def block_br(self, element: HtmlElement) -> list[str]:
        return []

    def block_img(self, element: HtmlElement) -> list[str]:
        image = self.image(element)
        return [image] if image else []

    # ---- tables ---------------------------------------------------------------------
    def table_rows(self, table: HtmlElement) -> list[HtmlElement]:
        rows: list[HtmlElement] = []
        for child in table:
            tag = _tag(child)
            if tag == "tr":
                rows.append(child)
            elif tag in _TABLE_SECTIONS:
                rows.extend(r for r in child if _tag(r) == "tr")
        return rows

    def is_layout_table(self, table: HtmlElement, rows: list[HtmlElement]) -> bool:
        """Tables used to position page parts, not to hold data: render their cells as blocks."""
        if table.get("role") in ("presentation", "none"):
            return True
        if any(_tag(d) == "table" for d in table.iterdescendants()):
            return True
        cells = [c for r in rows for c in r if _tag(c) in ("td", "th")]
        if not cells:
            return True
        if max(len([c for c in r if _tag(c) in ("td", "th")]) for r in rows) == 1:
            return True
        block_heavy = ("p", "div", "ul", "ol", "pre", "blockquote", "h1", "h2", "h3", "h4")
        if not any(
            sum(1 for d in c.iterdescendants() if _tag(d) in block_heavy) > 2 for c in cells
        ):
            return False
        # Cells of several blocks: a table with header cells still holds data (a reference
        # table's description cell runs to paragraphs), unless a cell holds a heading, a
        # code block or a list.
        if not any(_tag(c) == "th" for c in cells):
            return True
        return any(_tag(d) in _GRID_ONLY_TAGS for c in cells for d in c.iterdescendants())

    def ranked_items(
        self, rows: list[HtmlElement]
    ) -> tuple[list[tuple[int, list[HtmlElement]]], list[HtmlElement]]:
        """The table's items when it is a ranked list (see _RANK), else none: each rank
        with the cells after it and those of the rows up to the next rank (a story's
        byline row, a spacer). The last item takes as many rows as the first: the cells
        of the rows after it (a "More" link) follow the list."""
        items: list[tuple[int, list[list[HtmlElement]]]] = []
        for row in rows:
            cells = [c for c in row if _tag(c) in ("td", "th")]
            if any(_tag(c) == "th" for c in cells):
                return [], []  # header cells name columns: data
            texts = [" ".join(text_content(c).split()) for c in cells]
            first = next((n for n, text in enumerate(texts) if text), None)
            rank = _RANK.fullmatch(texts[first]) if first is not None else None
            if rank is not None and first is not None:
                if sum(1 for text in texts[first + 1 :] if text) > 1:
                    return [], []  # rank | name | points: columns of values
                items.append((int(rank.group(1)), [cells[first + 1 :]]))
            elif items:
                items[-1][1].append(cells)
            elif first is not None:
                return [], []  # text before the first number: a header row, a table
        if len(items) < RANKED_TABLE_MIN_ITEMS:
            return [], []
        # Counted up one by one: a column of years or quantities is not a ranking.
        if any(b[0] != a[0] + 1 for a, b in itertools.pairwise(items)):
            return [], []
        last_rank, last_rows = items[-1]
        period = len(items[0][1])
        items[-1] = (last_rank, last_rows[:period])
        after = [cell for cells in last_rows[period:] for cell in cells]
        return [(rank, [c for cells in rows_ for c in cells]) for rank, rows_ in items], after

    def ranked_list(
        self, items: list[tuple[int, list[HtmlElement]]], after: list[HtmlElement]
    ) -> list[str]:
        trailing = [block for cell in after for block in self.children_blocks(cell)]
        bodies: list[tuple[int, list[str]]] = []
        for rank, cells in items:
            blocks = [block for cell in cells for block in self.children_blocks(cell)]
            if blocks:
                bodies.append((rank, blocks))
        if not bodies:
            return trailing
        loose = any(len(blocks) > 1 for _, blocks in bodies)
        marked = [(self.list_marker(True, rank), blocks) for rank, blocks in bodies]
        return [self._items_as_list(marked, loose), *trailing]

    def block_table(self, element: HtmlElement) -> list[str]:
        rows = self.table_rows(element)
        ranked, after = self.ranked_items(rows)
        if ranked:
            return self.ranked_list(ranked, after)
        if self.is_layout_table(element, rows):
            blocks: list[str] = []
            for row in rows or [element]:
                for cell in row:
                    blocks.extend(self.children_blocks(cell))
            return blocks
        grid: list[list[str]] = []
        header_rows = 0
        # Columns a cell above still covers (its rowspan), and for how many more rows: each
        # row's cells start at the first column no such cell covers, as browsers lay them
        # out. Without this a row under a two-row header cell shifted left by one.
        covered: dict[int, int] = {}
        for index, row in enumerate(rows):
            cells: list[str] = []
            for cell in row:
                if _tag(cell) not in ("td", "th"):
                    continue
                while covered.get(len(cells), 0) > 0:
                    cells.append("")
                content = self.cell(cell)
                column = len(cells)
                cells.append(content)
                span = _span(cell.get("colspan"))
                cells.extend([""] * (span - 1))
                down = _span(cell.get("rowspan"))
                if down > 1:
                    for spanned in range(column, column + span):
                        covered[spanned] = down  # this row's turn is taken off below
            while covered.get(len(cells), 0) > 0:
                cells.append("")
            covered = {c: rows_left - 1 for c, rows_left in covered.items() if rows_left > 1}
            if not any(c.strip() for c in cells):
                continue
            if index == header_rows and (
                _tag(row.getparent()) == "thead"
                or all(_tag(c) == "th" for c in row if _tag(c) in ("td", "th"))
            ):
                header_rows += 1
            grid.append(cells)
        if not grid:
            return []
        caption = element.find("caption")
        caption_blocks = self.children_blocks(caption) if caption is not None else []
        return [*caption_blocks, self.format_table(grid)]

    def cell(self, cell: HtmlElement) -> str:
        # A cell is one line: its blocks, hard breaks, list items and code lines are kept
        # apart by GFM's <br>.
        self.cells_open += 1
        try:
            blocks = self.children_blocks(cell)
        finally:
            self.cells_open -= 1
        joined = "<br>".join(
            block.replace(self.hard_break(), "\n").replace("\n", "<br>") for block in blocks
        )
        return _CELL_PIPE.sub(r"\\|", joined).replace("\\\\|", "\\|")

    def format_table(self, grid: list[list[str]]) -> str:
        width = max(len(row) for row in grid)
        grid = [row + [""] * (width - len(row)) for row in grid]
        lines = ["| " + " | ".join(grid[0]) + " |", "|" + "|".join(["---"] * width) + "|"]
        lines.extend("| " + " | ".join(row) + " |" for row in grid[1:])
        return "\n".join(lines)

    # ---- inline level -------------------------------------------------------------
    def render_inline(self, element: HtmlElement, include_tail: bool = True) -> str:
        tag = _tag(element)
        method: Callable[[HtmlElement], str] | None = getattr(self, f"inline_{tag}", None)
        if tag in CODE_TAGS:
            body = self.code_span(element.text_content())
        elif method is not None:
            body = method(element)
        elif tag == "br":
            body = "\n"
        else:
            body = self.render_inline_children(element)
        if include_tail and element.tail:
            tail = self.text(element.tail)
            if self.markup:
                body, tail = flanked(body, tail)
            body += tail
        return body

    def render_inline_children(self, element: HtmlElement) -> str:
        parts = [self.text(element.text)] if element.text else []
        for child in element:
            if _tag(child) not in BLOCK_TAGS:
                if _pieces_touch(child):
                    parts.append(_GAP)
                parts.append(self.render_inline(child))
                continue
            # A block written inline (a card's name and summary as two divs in one link, a
            # div inside a heading) starts a line of its own on the page: its words never
            # join the text beside it ("Compute EngineComputing infrastructure").
            parts.extend((_GAP, self.render_inline(child, include_tail=False), _GAP))
            parts.append(self.text(child.tail))
        return join_inline(parts, self.markup)

    def text(self, value: str | None) -> str:
        if not value:
            return ""
        if _SOFT_HYPHEN in value:
            # A hyphenation hint, invisible unless a line breaks there: left in, it splits
            # the word for every reader that counts words ("super\xadcali" is two).
            value = value.replace(_SOFT_HYPHEN, "")
        return self.escape(value)

    def escape(self, value: str) -> str:
        if _MAY_NEED_ESCAPE.search(value) is None:
            return value  # most text nodes: one scan instead of six
        value = _MD_INLINE_SPECIAL.sub(r"\\\1", value)
        value = _UNDERSCORE_EDGE.sub(r"\\_", value)
        value = _LINK_LIKE.sub(r"\\[\1\\]", value)
        value = _LINK_CLOSE.sub(r"\1\\]", value)
        value = _TAG_LIKE.sub(r"\\<", value)
        return _ENTITY_LIKE.sub("&amp;", value)

    def wrap(self, marker: str, inner: str) -> str:
        """Emphasis markers hug the text: `** x **` is not emphasis in CommonMark. Emphasis
        on punctuation alone says nothing, and its markers, punctuation on both sides, can
        open and close alike: a signature's keyword-only `<em>*</em>` inside bold, written
        `*\\**`, closed the bold's opening run and left its end as asterisks."""
        stripped = inner.strip()
        if not stripped or all(_is_punctuation(char) for char in stripped):
            return inner
        lead = inner[: len(inner) - len(inner.lstrip())]
        trail = inner[len(inner.rstrip()) :]
        return f"{lead}{marker}{stripped}{marker}{trail}"

    def strong(self, inner: str) -> str:
        return self.wrap("**", inner)

    def inline_strong(self, element: HtmlElement) -> str:
        return self.strong(self.render_inline_children(element))

    inline_b = inline_strong

    def inline_em(self, element: HtmlElement) -> str:
        return self.wrap("*", self.render_inline_children(element))

    inline_i = inline_em
    inline_cite = inline_em

    def inline_del(self, element: HtmlElement) -> str:
        return self.wrap("~~", self.render_inline_children(element))

    inline_s = inline_del
    inline_strike = inline_del

    def code_span(self, content: str) -> str:
        content = content.replace("\n", " ")
        if not content.strip():
            return content
        fence = "`"
        while fence in content:
            fence += "`"
        pad = " " if content.startswith("`") or content.endswith("`") else ""
        return f"{fence}{pad}{content}{pad}{fence}"

    def resolve(self, url: str) -> str:
        url = url.strip()
        if self.base_url:
            try:
                return urljoin(self.base_url, url)
            except ValueError:
                return url
        return url

    def link_target(self, element: HtmlElement) -> str | None:
        """The Markdown URL a link renders with, or None when it renders as its text."""
        href = (element.get("href") or "").strip()
        if not self.links or self.links_open or not href or href.startswith("#"):
            return None
        if is_unsafe_url(href, in_page=True):
            return None
        url = self.resolve(href)
        if is_unsafe_url(url):  # a --base-url of javascript:
            return None
        return markdown_url(url)

    def block_a(self, element: HtmlElement) -> list[str]:
        """A card link: its blocks stay blocks, and its first heading carries the link, or
        its first line of text when it has no heading."""
        if not _is_card_link(element):
            return self.paragraph(self.render_inline(element, include_tail=False))
        url = self.link_target(element)
        self.links_open += url is not None
        try:
            blocks = self.children_blocks(element)
        finally:
            self.links_open -= url is not None
        if not url:
            return blocks
        for i, block in enumerate(blocks):
            marks, space, text = block.partition(" ")
            if space and marks and set(marks) == {"#"}:
                blocks[i] = f"{marks} [{text}]({url})"
                return blocks
        for i, block in enumerate(blocks):
            if _LINKABLE_LINE.match(block):
                first, newline, rest = block.partition("\n")
                label = first.removesuffix("\\")
                blocks[i] = f"[{_balanced_label(label)}]({url}){first[len(label):]}{newline}{rest}"
                break
        return blocks

    def inline_a(self, element: HtmlElement) -> str:
        if _is_note_mark(element):
            return ""
        url = self.link_target(element)
        self.links_open += url is not None
        try:
            inner = self.render_inline_children(element)
        finally:
            self.links_open -= url is not None
        if url is None:
            return inner
        if not inner.strip():
            return ""
        stripped = inner.strip()
        lead = inner[: len(inner) - len(inner.lstrip())]
        trail = inner[len(inner.rstrip()) :]
        return f"{lead}[{_balanced_label(stripped)}]({url}){trail}"

    def image(self, element: HtmlElement) -> str:
        if not self.images:
            return ""
        src = image_source(element)
        if not src:
            return ""
        alt = " ".join((element.get("alt") or "").split())
        # A trailing backslash would escape the closing bracket and turn the image into
        # text, with any `<tag` in the alt then read as raw HTML.
        alt = _ALT_SPECIAL.sub(r"\\\1", alt)
        url = self.resolve(src)
        if is_unsafe_url(url):
            return ""
        caption = element.get(CAPTION_ATTR)
        if caption:
            title = caption.replace("\\", "\\\\").replace('"', '\\"')
            return f'![{alt}]({markdown_url(url)} "{title}")'
        return f"![{alt}]({markdown_url(url)})"

    def inline_img(self, element: HtmlElement) -> str:
        emoji = _emoji_of(element)
        if emoji is not None:
            return self.text(emoji)
        return self.image(element)

    def inline_rt(self, element: HtmlElement) -> str:
        # Ruby's reading (furigana over kanji, pinyin over hanzi) annotates the base text
        # beside it; inline, it would run into it: 秋葉原あきはばら.
        return ""

    inline_rp = inline_rt  # the brackets shown around the reading where ruby is not laid out

    def inline_sup(self, element: HtmlElement) -> str:
        if _is_note_mark(element):
            return ""
        return self.render_inline_children(element)

    def inline_tex(self, element: HtmlElement) -> str:
        tex = _tex(element)
        # A formula's TeX (see formulas.py), verbatim between dollars as GitHub and most
        # Markdown math extensions read it: escaping would break it (x\_1, \\frac).
        fence = "$$" if element.get("display") == "block" else "$"
        return f"{fence}{tex}{fence}"


class TextRenderer(MarkdownRenderer):
    """The same content as plain text: no Markdown syntax, no URLs."""

    markup = False

    def __init__(self, **kwargs: object) -> None:
        super().__init__(links=False, images=False)

    def title_block(self, title: str) -> str:
        return title

    def escape(self, value: str) -> str:
        return value

    def escape_line_start(self, line: str) -> str:
        return line

    def hard_break(self) -> str:
        return "\n"

    def heading(self, element: HtmlElement, level: int) -> list[str]:
        text = self.render_inline_children(element).replace("\n", " ").strip()
        return [text] if text else []

    def wrap(self, marker: str, inner: str) -> str:
        return inner

    def code_span(self, content: str) -> str:
        return content.replace("\n", " ")

    def list_marker(self, ordered: bool, number: int) -> str:
        return f"{number}. " if ordered else "• "

    def _is_list_block(self, block: str) -> bool:
        return bool(re.match(r"(?:•|\d+\.)\s", block))

    def block_pre(self, element: HtmlElement) -> list[str]:
        code = code_text(element)
        return [code] if code.strip() else []

    def inline_tex(self, element: HtmlElement) -> str:
        return _tex(element)

    def block_blockquote(self, element: HtmlElement) -> list[str]:
        return self.children_blocks(element)

    def block_hr(self, element: HtmlElement) -> list[str]:
        return []

    def cell(self, cell: HtmlElement) -> str:
        text = " ".join(b.replace("\n", " ") for b in self.children_blocks(cell))
        if text.strip():
            return text
        # A cell that is only a picture, in a row whose other cells have words, is a value
        # said with a picture ("On-site training | [Extra cost] | ✗"): plain text has no
        # pictures, but the table keeps the value. A row of logos or of image buttons
        # (forum software's "Reply With Quote") has no words of its own and stays empty.
        row = cell.getparent()
        if row is None or not any(
            other is not cell and text_content(other).strip() for other in row
        ):
            return text
        alts = [" ".join((img.get("alt") or "").split()) for img in cell.iter("img")]
        return " ".join(alt for alt in alts if alt)

    def format_table(self, grid: list[list[str]]) -> str:
        return "\n".join(" | ".join(c for c in row) for row in grid)
