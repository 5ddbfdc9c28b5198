"""Tag vocabularies shared by the stages, grouped by what they mean to a reader."""

from __future__ import annotations

# Elements that start a new block: text on either side of them never joins into one line.
BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "td",
        "th",
        "caption",
        "ul",
        "video",
        "audio",
        "noscript",
        "iframe",
        "canvas",
        "object",
    }
)
HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
LIST_TAGS = frozenset({"ul", "ol", "menu", "dir"})
# Inline elements rendered as code spans.
CODE_TAGS = frozenset({"code", "kbd", "samp", "tt", "var"})
# Never content, whatever the page says about them.
NEVER_CONTENT_TAGS = (
    "script",
    "style",
    "template",
    "iframe",
    "object",
    "embed",
    "canvas",
    "svg",
    "math",
    "link",
    "meta",
    "base",
    "frame",
    "frameset",
    "applet",
    "audio",
    "video",
    "source",
    "track",
    "head",
    "title",
    "map",
    "area",
)
# Controls and fallbacks: no content of their own, but broken markup (an unclosed
# <button>) or a crawler fallback (Discourse's <noscript>) can wrap a whole page.
CONTROL_TAGS = (
    "noscript",
    "button",
    "input",
    "select",
    "textarea",
    "option",
    "label",
    "dialog",
)
