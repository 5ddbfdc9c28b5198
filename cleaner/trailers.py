"""A forum's notice printed as the last line of a post's text, after a line break.

Forum software and its mobile apps end a post with a line of their own: "Sent from my
SM-S908U using Tapatalk", "Last edited by ann; 3 May 2024". Printed as a block of its own,
the forum-notice rule removes it; printed after a `<br>` inside the post's text block, it is
that block's tail text, which no rule can remove without the post. This stage gives such a
last line an element of its own, so the rule (and --explain) sees it as the whole line it
reads as. Nothing else moves: a line that is not a notice stays where it was.
"""

from __future__ import annotations

import lxml.html
from lxml.html import HtmlElement

from .rules import FORUM_NOTICE_MAX_CHARS, is_forum_notice_text
from .tags import BLOCK_TAGS
from .textcontent import text_content


def wrap_trailing_notices_in_place(root: HtmlElement) -> None:
    """Wrap a block's last line, after its last `<br>`, when it is a forum notice."""
    # In document order, one visit per parent, so the same page always comes out the same.
    parents = dict.fromkeys(br.getparent() for br in root.iter("br"))
    for parent in parents:
        if parent is None:
            continue
        last_break, trailing = _last_line(parent)
        if last_break is None:
            continue
        text = _text_of_line(last_break, trailing)
        if text is None or not is_forum_notice_text(text):
            continue
        # A <p> sits only in a block that is no <p>: elsewhere the line gets a <span>, which
        # the rule reads too.
        block = parent.tag in BLOCK_TAGS and parent.tag != "p"
        line = lxml.html.Element("p" if block else "span")
        line.text, last_break.tail = last_break.tail, None
        last_break.addnext(line)
        for child in trailing:
            line.append(child)  # with its tail, the text after it on the line


def _last_line(parent: HtmlElement) -> tuple[HtmlElement | None, list[HtmlElement]]:
    """The parent's last `<br>` and the inline elements after it; no `<br>` when a block
    follows it (the line is not the block's last)."""
    trailing: list[HtmlElement] = []
    for child in reversed(parent):
        tag = child.tag
        if tag == "br":
            trailing.reverse()
            return child, trailing
        if isinstance(tag, str) and tag in BLOCK_TAGS:
            return None, []
        trailing.append(child)
    return None, []


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
