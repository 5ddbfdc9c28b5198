"""Small helpers for the stages that find widgets by XPath (code layouts, formulas)."""

from __future__ import annotations

from lxml.html import HtmlElement


def has_class(name: str) -> str:
    """An XPath test that the element's class list holds the token `name`, whole."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def elements(found: object) -> list[HtmlElement]:
    """The elements among an XPath result (which lxml types as any XPath value)."""
    return [e for e in found if isinstance(e, HtmlElement)] if isinstance(found, list) else []
