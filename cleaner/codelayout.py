"""Code that a highlighter laid out as a table or as rows of divs, rebuilt as `<pre><code>`.

Most highlighters print code in a `<pre>`, which the renderer fences as it is. A few widely
deployed ones don't, and their code came out as a two-column table or as one inline code
span per line:

- SyntaxHighlighter (WordPress's "SyntaxHighlighter Evolved" and many old blogs): a table
  of a gutter cell and a code cell, each line a `<div class="line">` of `<code>` runs, its
  indentation in `&nbsp;`.
- Crayon (another WordPress plugin): the same shape, lines in `<div class="crayon-line">`.
- GitHub's file tables, as a gist embedded in a blog prints them: a row per line, the line
  number only in an empty cell's `data-line-number`, the code in `<td class="blob-code">`.
  The embed's footer ("view raw", "hosted with ❤ by GitHub") goes with it.

Each becomes one `<pre><code>` holding the lines as a reader would copy them.
"""

from __future__ import annotations

from lxml import etree
from lxml.html import HtmlElement

from .textcontent import text_content
from .xpaths import elements, has_class

# Substrings one of these layouts always puts in the markup: without any, the page holds
# none of them and the tree is not searched.
MARKS = ("syntaxhighlighter", "crayon-line", "blob-code")


_SYNTAXHIGHLIGHTER = etree.XPath(f"//div[{has_class('syntaxhighlighter')}]")
_SH_LINES = etree.XPath(f".//td[{has_class('code')}]//div[{has_class('line')}]")
_CRAYON = etree.XPath(f"//div[{has_class('crayon-syntax')}]")
_CRAYON_LINES = etree.XPath(f".//div[{has_class('crayon-line')}]")
_CRAYON_LANGUAGE = etree.XPath(f".//span[{has_class('crayon-language')}]")
_BLOB_TABLES = etree.XPath(f"//table[.//td[{has_class('blob-code')}]]")
_BLOB_LINES = etree.XPath(
    f"./tr/td[{has_class('blob-code')}] | ./tbody/tr/td[{has_class('blob-code')}]"
)

# SyntaxHighlighter's class list names the language among its own flags and the browser
# it detected ("syntaxhighlighter nogutter python", "syntaxhighlighter bash chrome").
_SH_FLAGS = frozenset(
    {
        *("syntaxhighlighter", "nogutter", "collapsed", "printing", "source"),
        *("ie", "chrome", "firefox", "opera", "safari", "edge"),
    }
)


def rebuild_code_layouts_in_place(root: HtmlElement) -> None:
    """Replace each laid-out code widget under `root` with a `<pre><code>` of its lines."""
    for widget in elements(_SYNTAXHIGHLIGHTER(root)):
        language = next(
            (word for word in (widget.get("class") or "").lower().split() if word not in _SH_FLAGS),
            "",
        )
        _replace(widget, _lines(_SH_LINES(widget)), language)
    for widget in elements(_CRAYON(root)):
        names = [text_content(span).strip().lower() for span in elements(_CRAYON_LANGUAGE(widget))]
        language = names[0] if names and names[0].isalnum() else ""
        _replace(widget, _lines(_CRAYON_LINES(widget)), language)
    for table in elements(_BLOB_TABLES(root)):
        language = (table.get("data-tagsearch-lang") or "").lower()
        lines = _lines(_BLOB_LINES(table))
        # A gist's file box holds the table and the embed's footer: both are the widget.
        widget = table
        for ancestor in table.iterancestors("div"):
            if "gist-file" in (ancestor.get("class") or "").split():
                widget = ancestor
                break
        _replace(widget, lines, language)


def _lines(cells: object) -> list[str]:
    # The layouts indent with no-break spaces, which code never means.
    return [text_content(cell).replace("\xa0", " ").rstrip() for cell in elements(cells)]


def _replace(widget: HtmlElement, lines: list[str], language: str) -> None:
    parent = widget.getparent()
    if parent is None or not any(line.strip() for line in lines):
        return  # not the layout after all (or an empty one): leave it to the rules
    pre = widget.makeelement("pre", {})
    code = etree.SubElement(pre, "code", {"class": f"language-{language}"} if language else {})
    code.text = "\n".join(lines)
    pre.tail = widget.tail
    parent.replace(widget, pre)
