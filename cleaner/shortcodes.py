"""Shortcodes a CMS failed to expand, printed as text: `[button link="/x"]Buy[/button]`.

WordPress and its page builders write widgets into a post as bracketed tags
(`[caption id="attachment_5" align="alignnone"]`, `[convertkit form=1630175]`,
`[quote quote=312679]`). When the plugin that expands one is gone, or a feed or a mirror
copies the post's source, the page prints the tag as text, which no reader means. This
stage takes the tags out of the content's text and keeps what they wrap ("Buy" above).

Only a tag with attributes (`name key=value`) is taken for a shortcode, and a closing tag
(`[/name]`) only when its opening is one: "[sic]", "[1]", "[Music]" and a Markdown link's
`[text]` have none. Code (`<pre>`, `<code>`) keeps its text: a page documenting shortcodes
shows them there.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from . import regexcache
from .textcontent import text_content

# A value is quoted, or runs to the next space or bracket; every part is bounded, so a
# search over a hostile text stays linear.
_OPENING = regexcache.compile(
    r"\[([a-z][a-z0-9_-]{0,40})"
    r"(?:\s+[a-z][\w-]{0,40}=(?:\"[^\"\[\]\n]{0,300}\"|'[^'\[\]\n]{0,300}'|[^\s\[\]\"']{1,300}))+"
    r"\s*/?\]"
)
_CLOSING = regexcache.compile(r"\[/([a-z][a-z0-9_-]{0,40})\]")
_CODE_TAGS = ("pre", "code", "textarea", "kbd", "samp", "tex")


def drop_shortcodes_in_place(root: HtmlElement) -> None:
    """Take unexpanded shortcodes out of the text under `root`, keeping what they wrap."""
    names = {match.group(1) for match in _OPENING.finditer(text_content(root))}
    if not names:
        return  # most pages: one search of the content's text
    code = {inner for holder in root.iter(*_CODE_TAGS) for inner in holder.iter()}

    def without_tags(text: str | None) -> str | None:
        if not text or "[" not in text:
            return text
        kept = _CLOSING.sub(
            lambda m: "" if m.group(1) in names else m.group(0), _OPENING.sub("", text)
        )
        return text if kept == text else kept

    for element in root.iter():
        if element not in code:
            text = element.text
            kept = without_tags(text)
            if kept is not text:
                element.text = kept
        parent = element.getparent()
        if element is not root and parent is not None and parent not in code:
            tail = element.tail
            kept = without_tags(tail)
            if kept is not tail:
                element.tail = kept
