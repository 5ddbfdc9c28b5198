"""Code widgets laid out as tables or rows of divs become one `<pre><code>` each (see
cleaner/codelayout.py); what only looks like one is left alone."""

from __future__ import annotations

from lxml import etree

from cleaner.codelayout import rebuild_code_layouts_in_place
from cleaner.parse import parse_html


def _rebuilt(body: str) -> str:
    root = parse_html(f"<html><body>{body}</body></html>")
    rebuild_code_layouts_in_place(root)
    body_element = root.find("body")
    assert body_element is not None
    return "".join(etree.tounicode(child) for child in body_element)


def test_syntaxhighlighter_lines_become_one_block_with_their_indentation() -> None:
    html = _rebuilt(
        '<div class="syntaxhighlighter nogutter php"><table><tr><td class="code">'
        '<div class="container"><div class="line number1"><code class="php keyword">if'
        '</code> <code class="php plain">($a) {</code></div><div class="line number2">'
        '<code class="php spaces">&nbsp;&nbsp;</code><code class="php plain">b();</code>'
        '</div><div class="line number3"><code class="php plain">}</code></div></div>'
        "</td></tr></table></div><p>after</p>"
    )
    assert html.startswith('<pre><code class="language-php">if ($a) {\n  b();\n}</code></pre>')
    assert "<p>after</p>" in html


def test_a_gist_with_two_files_gives_two_blocks_and_no_footer() -> None:
    def gist_file(name: str, line: str) -> str:
        return (
            '<div class="gist-file"><div class="gist-data"><table class="highlight"'
            ' data-tagsearch-lang="Python"><tr><td class="blob-num" data-line-number="1"></td>'
            f'<td class="blob-code blob-code-inner">{line}</td></tr></table></div>'
            f'<div class="gist-meta"><a href="#">view raw</a> {name} hosted with ❤ by GitHub'
            "</div></div>"
        )

    files = gist_file("a.py", "x = 1") + gist_file("b.py", "y = 2")
    html = _rebuilt(f'<div class="gist">{files}</div>')
    assert html.count('<pre><code class="language-python">') == 2
    assert "x = 1" in html and "y = 2" in html
    assert "view raw" not in html and "hosted with" not in html


def test_lookalikes_are_left_alone() -> None:
    # A table whose cell is called "code" (a discount code), and a highlighter's wrapper
    # with no lines in it (its script has not run): neither is rebuilt.
    body = (
        '<table><tr><td class="code">SAVE10</td><td>10% off</td></tr></table>'
        '<div class="syntaxhighlighter"><pre class="brush: js">let a = 1;</pre></div>'
    )
    assert "<pre><code" not in _rebuilt(body)
    assert "SAVE10" in _rebuilt(body)
