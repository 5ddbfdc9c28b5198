"""Formulas as their TeX source, whichever renderer typeset them.

Math renderers print a formula two or three times (the typeset glyphs, a MathML copy for
screen readers, a preview) and keep the TeX source beside them. Read as text that came out
as "a^2a2", or as nothing at all once the glyphs' `aria-hidden` copy went with the hidden
rule. Each formula becomes one `<tex>` element of ours holding its TeX (raw MathML stays
never-content: its text is the glyphs' again), which the renderer writes as `$…$`
(`$$…$$` when displayed) in Markdown and as the TeX in plain text. Handled:

- KaTeX: `span.katex` (inside `span.katex-display` when displayed), the TeX in its
  MathML's `<annotation encoding="application/x-tex">`.
- MathJax 2: `<script type="math/tex">` (`; mode=display` when displayed) after the
  typeset `#MathJax-Element-N-Frame` and a `span.MathJax_Preview`.
- MathML with a TeX annotation anywhere else (Wikipedia's `span.mwe-math-element`, which
  also holds a fallback picture whose alt text is the TeX again).
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

from . import regexcache
from .textcontent import text_content
from .xpaths import elements, has_class

# Substrings one of these renderers always leaves in the markup.
MARKS = ("katex", "math/tex", "application/x-tex")

# The element a formula becomes: no page writes it, so only this stage makes one.
TEX_TAG = "tex"

_TEX_ANNOTATION = etree.XPath(
    ".//*[local-name()='annotation'][@encoding='application/x-tex']", smart_strings=False
)


_KATEX = etree.XPath(
    f"//span[{has_class('katex-display')}] | //span[{has_class('katex')}]"
    f"[not(ancestor::span[{has_class('katex-display')}])]"
)
_MATHJAX_SCRIPTS = etree.XPath("//script[starts-with(@type, 'math/tex')]")
_MATHJAX_FRAMES = etree.XPath("//*[starts-with(@id, 'MathJax-Element-')]")
_ANNOTATED_MATH = etree.XPath(
    "//*[local-name()='math'][.//*[local-name()='annotation'][@encoding='application/x-tex']]"
)
# Wikipedia wraps its TeX as {\displaystyle …} or {\textstyle …}.
_STYLE_WRAPPER = regexcache.compile(r"^\{\\(?:displaystyle|textstyle)\s*(.*)\}$", re.DOTALL)


def rebuild_formulas_in_place(root: HtmlElement) -> None:
    """Replace each typeset formula under `root` with a `<tex>` holding its source."""
    for widget in elements(_KATEX(root)):
        tex = _annotation(widget)
        if tex:
            _replace(widget, tex, display="katex-display" in (widget.get("class") or "").split())
    scripts = elements(_MATHJAX_SCRIPTS(root))
    # Each script's typeset frame by id, found in one pass: a search per script would read
    # the whole page once per formula (a paper holds thousands).
    frames = {e.get("id"): e for e in elements(_MATHJAX_FRAMES(root))} if scripts else {}
    for script in scripts:
        tex = (script.text or "").strip()
        if not tex:
            continue
        frame = frames.get(f"{script.get('id')}-Frame")
        if frame is not None:
            _drop(frame)
        before = script.getprevious()
        # MathJax puts the typeset frame (or its display div) and the preview before it.
        while before is not None and (
            "MathJax" in (before.get("class") or "") or before.get("id", "").endswith("-Frame")
        ):
            previous = before.getprevious()
            _drop(before)
            before = previous
        _replace(script, tex, display="mode=display" in script.get("type", ""))
    for math in elements(_ANNOTATED_MATH(root)):
        if math.getparent() is None:
            continue
        tex = _annotation(math)
        if not tex:
            continue
        widget = math
        for ancestor in math.iterancestors("span"):
            if "mwe-math-element" in (ancestor.get("class") or "").split():
                widget = ancestor
                break
        _replace(widget, tex, display=math.get("display") == "block")


def _annotation(element: HtmlElement) -> str:
    found = elements(_TEX_ANNOTATION(element))
    if not found:
        return ""
    tex = " ".join(text_content(found[0]).split())
    wrapped = _STYLE_WRAPPER.match(tex)
    return wrapped.group(1).strip() if wrapped else tex


def _drop(element: HtmlElement) -> None:
    if element.getparent() is not None:
        element.drop_tree()  # keeps the tail: the sentence goes on after the formula


def _replace(widget: HtmlElement, tex: str, *, display: bool) -> None:
    parent = widget.getparent()
    if parent is None:
        return
    formula = widget.makeelement(TEX_TAG, {"display": "block" if display else "inline"})
    formula.text = tex
    formula.tail = widget.tail
    parent.replace(widget, formula)
