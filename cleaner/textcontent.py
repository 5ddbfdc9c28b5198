"""An element's text content (its text and its descendants' text and tails, no tail of its
own), as lxml's HtmlElement.text_content() gives it."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import cast

from lxml import etree
from lxml.html import HtmlElement

# text_content() evaluates the XPath string() behind a Python method; libxml2's text
# serializer gives the same string (checked on every element of the bench pages) in two
# thirds of the time, and the stages ask for it some thousand times a page. Elements
# only: a comment's text_content() is its text, its serialization empty (the parser drops
# comments).
text_content = cast(
    Callable[[HtmlElement], str],
    partial(etree.tostring, method="text", encoding=str, with_tail=False),
)
