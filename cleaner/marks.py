"""Yes/no marks that a table draws as icons, written out as ✓ and ✗.

Comparison and feature tables ("Messaging any time | ✓ | ✗") often draw their answers with
an icon font (`<i class="fa-solid fa-check">`), an inline SVG or a `tick.png` with no alt
text. Markdown and plain text have no icons: without this stage such a cell comes out
empty, and the table loses its answers. A mark is only read where it is a cell's whole
content; a check mark before a line of text is a bullet, not data.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from .rules import class_words, file_stem, hidden_from_sight
from .textcontent import text_content

YES = "✓"
NO = "✗"

# Words of an icon's class (split on -, _ and camelCase) or its image's file name that say
# yes or no. Examples: fa-check, fa-circle-check, bi-check-lg, a CSS-drawn `checkmark`,
# tick.png / fa-xmark, fa-times-circle, cross.png. Left out as ambiguous: "close" (a
# dialog's button), "minus" (partly), "circle" alone.
YES_WORDS = frozenset({"check", "checkmark", "tick"})
NO_WORDS = frozenset({"xmark", "times", "cross"})
# Words that say yes or no only on something that names itself an icon or is a picture:
# dashicons-yes, bi-x-lg, icon-no, no.gif; a layout div's "no-items" says nothing.
WEAK_YES_WORDS = frozenset({"yes", "ok", "checked", "included", "available"})
WEAK_NO_WORDS = frozenset({"x", "no", "crossed", "unavailable", "excluded"})
ICON_WORDS = frozenset(
    {"icon", "icons", "fa", "fas", "far", "fal", "fad", "bi", "dashicons", "glyphicon", "mdi"}
)

# Where a mark can be drawn: icon elements, and the wrappers templates put around them.
_MARK_TAGS = frozenset({"i", "span", "em", "svg", "use", "img", "div", "b", "strong"})
# What makes a cell more than a mark: a control, a link, a picture with words of its own.
_NOT_A_MARK = frozenset({"input", "button", "select", "textarea", "a", "video", "iframe"})
_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"


def _verdict(words: frozenset[str], weak: bool) -> str | None:
    yes = not YES_WORDS.isdisjoint(words) or (weak and not WEAK_YES_WORDS.isdisjoint(words))
    no = not NO_WORDS.isdisjoint(words) or (weak and not WEAK_NO_WORDS.isdisjoint(words))
    if yes == no:
        return None
    return YES if yes else NO


def cell_mark(cell: HtmlElement) -> str | None:
    """✓ or ✗ when the cell shows nothing but one yes or no icon, else None."""
    # Most cells hold words or nothing at all: settled without reading their whole text.
    if len(cell) == 0 or (cell.text or "").strip() or text_content(cell).strip():
        return None
    verdicts: set[str] = set()
    for element in cell.iterdescendants():
        tag = element.tag
        if not isinstance(tag, str):
            continue
        tag = tag.lower().rsplit("}", 1)[-1]
        if tag in _NOT_A_MARK or hidden_from_sight(element):
            return None
        if tag not in _MARK_TAGS:
            continue
        if tag == "img":
            if (element.get("alt") or "").strip():
                return None  # the picture says what it means: the renderer writes its alt
            words = class_words(file_stem(element.get("src") or ""))
            weak = True
        elif tag == "use":
            words = class_words(element.get("href") or element.get(_XLINK_HREF) or "")
            weak = True
        else:
            words = class_words(element.get("class") or "")
            weak = not ICON_WORDS.isdisjoint(words)
        verdict = _verdict(words, weak)
        if verdict is not None:
            verdicts.add(verdict)
    if len(verdicts) != 1:
        return None
    return verdicts.pop()


def mark_state_icons_in_place(root: HtmlElement) -> None:
    """Write each table cell whose only content is a yes/no icon as ✓ or ✗, the icon
    dropped: before stripping, since icon fonts are `aria-hidden` and would go as hidden."""
    for cell in root.iter("td", "th"):
        mark = cell_mark(cell)
        if mark is None:
            continue
        for child in list(cell):
            child.drop_tree()
        cell.text = mark
