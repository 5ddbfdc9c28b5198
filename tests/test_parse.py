"""The tree parse builds: paragraphs split at blank lines (see parse.wrap_loose_text_in_place)."""

from __future__ import annotations

import pytest
from lxml import etree

from cleaner.parse import parse


def _body(html: str) -> str:
    root = parse(f"<html><body>{html}</body></html>", "html")
    body = root.find("body")
    assert body is not None
    return etree.tostring(body, encoding=str)


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        # Two breaks in a row are a blank line: the paragraph ends there.
        (
            "<p class='x'>One.<br><br>Two<br>still two.<br> <br>\n<b>Three</b> ends.</p>",
            "<body><p class=\"x\">One.</p><p>Two<br/>still two.</p>"
            "<p><b>Three</b> ends.</p></body>",
        ),
        # Blank lines at either end open or close nothing.
        ("<p><br><br>Only.<br><br></p>", "<body><p>Only.</p></body>"),
        # The paragraph's tail follows the last of its paragraphs.
        (
            "<div><p>One.<br><br>Two.</p>after<div>x</div></div>",
            "<body><div><p>One.</p><p>Two.</p><p>after</p><div>x</div></div></body>",
        ),
        # One break is a line break, not a paragraph's end.
        ("<p>One<br>line.</p>", "<body><p>One<br/>line.</p></body>"),
    ],
)
def test_a_paragraph_splits_at_its_blank_lines(html: str, expected: str) -> None:
    assert _body(html) == expected


def test_a_table_cell_and_a_div_of_lines_keep_their_breaks() -> None:
    # A div of text with blank lines keeps its shape (the guard reads it as prose, see
    # strip.text_flows); a cell is one value however it is spaced.
    html = "<div>One.<br><br>Two.</div><table><tr><td>a<br><br>b</td></tr></table>"
    assert _body(html) == f"<body>{html.replace('<br>', '<br/>')}</body>"
