"""The tree parse builds: paragraphs split at blank lines (see parse.wrap_loose_text_in_place)."""

from __future__ import annotations

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from cleaner.parse import blank_lines, parse


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


_PIECES = st.sampled_from(
    ["<br>", "<br>", " <br> ", "\n", "word", "两个字", "<b>bold</b>", "<a href='/x'>link</a>", " "]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=14), st.sampled_from(["p", "div"]), st.sampled_from(["", "tail"]))
def test_splitting_at_blank_lines_keeps_every_word_in_order(
    pieces: list[str], tag: str, tail: str
) -> None:
    html = f"<{tag} class='k'>{''.join(pieces)}</{tag}>{tail}"
    # Words as pieces of text: a paragraph's end parts words as a line break did.
    before = " ".join(lxml.html.fromstring(f"<html><body>{html}</body></html>").itertext())
    root = parse(f"<html><body>{html}</body></html>", "html")
    assert " ".join(root.itertext()).split() == before.split()
    # No paragraph is left holding a blank line, and the split makes no empty one (the
    # page's own paragraph, class k, may have been empty from the start).
    for paragraph in root.iter("p"):
        assert not blank_lines(list(paragraph))
        empty = not len(paragraph) and not (paragraph.text or "").strip()
        assert not empty or paragraph.get("class") == "k"
