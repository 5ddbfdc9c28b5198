"""Remove boilerplate from the tree by the rules in `rules`, the user's selectors first."""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree
from lxml.cssselect import CSSSelector, SelectorError
from lxml.html import HtmlElement

from .errors import UsageError
from .model import Removal
from .rules import RULES, Rule, link_text_length, text_of

# A guarded rule never removes an element that holds more than this share of the page's
# text at a low link density: that is the content, whatever its class says.
GUARD_TEXT_SHARE = 0.5
GUARD_MAX_LINK_DENSITY = 0.5
EXCERPT_CHARS = 80
_SEMANTIC_CONTENT = etree.XPath(
    "boolean(descendant::article | descendant::main | descendant::*[@itemprop='articleBody'])"
)


def compile_selectors(selectors: Iterable[str]) -> list[CSSSelector]:
    compiled = []
    for selector in selectors:
        try:
            compiled.append(CSSSelector(selector, translator="html"))
        except (SelectorError, SyntaxError, ValueError) as exc:
            raise UsageError(f"invalid CSS selector {selector!r}: {exc}") from None
    return compiled


def select(selectors: Iterable[str], root: HtmlElement) -> list[HtmlElement]:
    """Elements matching any of the CSS selectors, in document order, each once."""
    found: dict[HtmlElement, None] = {}
    for selector in compile_selectors(selectors):
        matches = selector(root)
        for element in matches if isinstance(matches, list) else []:
            if isinstance(element, HtmlElement):
                found[element] = None
    return list(found)


def excerpt(element: HtmlElement) -> str:
    text = text_of(element)
    if not text:
        src = element.get("src") or element.get("href") or ""
        text = f"<{element.tag}{' ' + src if src else ''}>"
    return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1] + "…"


class _Guard:
    """Decides whether a guarded rule may remove an element (see GUARD_TEXT_SHARE)."""

    def __init__(self, body: HtmlElement) -> None:
        self.body_chars = max(1, len(text_of(body)))

    def protects(self, element: HtmlElement) -> bool:
        if _SEMANTIC_CONTENT(element):
            return True
        chars = len(text_of(element))
        if chars <= self.body_chars * GUARD_TEXT_SHARE:
            return False
        return link_text_length(element) <= chars * GUARD_MAX_LINK_DENSITY


def strip_boilerplate_in_place(
    root: HtmlElement,
    *,
    keep: Iterable[str] = (),
    drop: Iterable[str] = (),
    rules: tuple[Rule, ...] = RULES,
) -> list[Removal]:
    """Remove boilerplate from `root` (mutated) and say what went, in document order."""
    body = root.find("body")
    if body is None:
        body = root
    kept = set(select(keep, root))
    # Ancestors of a kept element cannot go either, or the kept element would go with them.
    keep_ancestors = {a for element in kept for a in element.iterancestors()}

    doomed: list[tuple[HtmlElement, str, str]] = []
    for element in select(drop, root):
        if element in kept or element in keep_ancestors or element is body:
            continue
        if any(a in kept for a in element.iterancestors()):
            continue
        doomed.append((element, "user-drop", "user"))
    dropped = {element for element, _, _ in doomed}

    guard = _Guard(body)
    walker = etree.iterwalk(body, events=("start",))
    for _event, element in walker:
        if element is body or not isinstance(element.tag, str):
            continue
        if element in kept or element in dropped:
            walker.skip_subtree()
            continue
        if element in keep_ancestors:
            continue
        for rule in rules:
            if rule.match(element) and not (rule.guarded and guard.protects(element)):
                doomed.append((element, rule.name, rule.category))
                walker.skip_subtree()
                break

    removed = []
    for element, name, category in doomed:
        removed.append(Removal(rule=name, category=category, excerpt=excerpt(element)))
        parent = element.getparent()
        if parent is not None:
            element.drop_tree()  # keeps the tail text, which belongs to the parent
    return removed
