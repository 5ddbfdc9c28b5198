"""Notices printed as the last lines of a block of text, after a line break.

Forum software and its mobile apps end a post with a line of their own: "Sent from my
SM-S908U using Tapatalk", "Last edited by ann; 3 May 2024"; article templates end the text
with its editor's line, tags, a reposting disclaimer and lines naming the previous and next
posts ("（责任编辑：李四）", "上一篇：春天的约定"). Printed as blocks of their own, line
rules (forum-notice, byline-text, tags-line, copyright-line, post-navigation-line) remove
them; printed after a `<br>` inside the text's block, they are that block's tail text,
which no rule can remove without the text. This stage gives each such line, from the last
up, an element of its own, so the rule (and --explain) sees it as the whole line it reads
as. Nothing else moves: a line that is no notice stays where it was, and so do the lines
above it.
"""

from __future__ import annotations

import lxml.html
from lxml.html import HtmlElement

from .rules import (
    FORUM_NOTICE_MAX_CHARS,
    is_closing_line_text,
    is_forum_notice_text,
    is_post_navigation_text,
)
from .tags import BLOCK_TAGS
from .textcontent import text_content


def wrap_trailing_notices_in_place(root: HtmlElement) -> None:
    """Wrap a block's last lines, after its `<br>` elements, while each is a notice."""
    # In document order, one visit per parent, so the same page always comes out the same.
    parents = dict.fromkeys(br.getparent() for br in root.iter("br"))
    for parent in parents:
        if parent is None:
            continue
        # Lines are wrapped from the last up, each after its `<br>`: the children before
        # that `<br>` stay where they are, so one list of them serves the whole climb.
        children = list(parent)
        stop = len(children)  # the line ends before this child
        while True:
            opening = _line_opening(children, stop)
            if opening is None:
                break
            line_break = children[opening]
            inline = children[opening + 1 : stop]
            stop = opening
            if not inline and not (line_break.tail or "").strip():
                continue  # a blank line: the one above may still be a notice
            text = _text_of_line(line_break, inline)
            if text is None or not _is_notice(text):
                break
            # A <p> sits only in a block that is no <p>: elsewhere the line gets a <span>,
            # which the rule reads too.
            block = parent.tag in BLOCK_TAGS and parent.tag != "p"
            line = lxml.html.Element("p" if block else "span")
            line.text, line_break.tail = line_break.tail, None
            line_break.addnext(line)
            for child in inline:
                line.append(child)  # with its tail, the text after it on the line


def _is_notice(text: str) -> bool:
    return (
        is_forum_notice_text(text) or is_post_navigation_text(text) or is_closing_line_text(text)
    )


def _line_opening(children: list[HtmlElement], stop: int) -> int | None:
    """The position of the `<br>` that opens the line ending before `children[stop]`; None
    when a block is on the line (it is no line of text) or no `<br>` opens it (it is the
    block's first line)."""
    for index in range(stop - 1, -1, -1):
        tag = children[index].tag
        if tag == "br":
            return index
        if isinstance(tag, str) and tag in BLOCK_TAGS:
            return None
    return None


def _text_of_line(last_break: HtmlElement, trailing: list[HtmlElement]) -> str | None:
    """The line's text, collapsed; None when it is empty or too long to be a notice."""
    pieces = [last_break.tail or ""]
    length = len(pieces[0])
    for child in trailing:
        if length > 4 * FORUM_NOTICE_MAX_CHARS:
            return None  # markup-heavy or long: no notice, and no need to read it all
        piece = text_content(child) + (child.tail or "")
        pieces.append(piece)
        length += len(piece)
    text = " ".join("".join(pieces).split())
    if not text or len(text) >= FORUM_NOTICE_MAX_CHARS:
        return None
    return text
