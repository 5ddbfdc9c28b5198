"""Every boilerplate rule's own examples: what it must remove and what it must keep."""

from __future__ import annotations

import lxml.html
import pytest

from cleaner.parse import parse_html
from cleaner.rules import CONTENT_RULES, RULES, Rule
from cleaner.strip import prune_content_in_place, strip_boilerplate_in_place

# Enough prose that no example holds the bulk of the page (see strip.GUARD_TEXT_SHARE).
_PROSE = "<p>" + "The harbour wall was rebuilt in granite after the storm. " * 20 + "</p>"
_EXAMPLE_RULES = [rule for rule in RULES if rule.removes]


def _page(example: str) -> lxml.html.HtmlElement:
    return parse_html(
        f"<html><body><main>{_PROSE}</main><section>{example}</section></body></html>"
    )


@pytest.mark.parametrize("rule", _EXAMPLE_RULES, ids=lambda r: r.name)
def test_rule_removes_its_example(rule: Rule) -> None:
    root = _page(rule.removes)
    removed = strip_boilerplate_in_place(root)
    assert "REMOVED" not in lxml.html.tostring(root, encoding="unicode")
    assert rule.name in {r.rule for r in removed}
    assert "harbour wall" in root.text_content()


@pytest.mark.parametrize("rule", _EXAMPLE_RULES, ids=lambda r: r.name)
def test_rule_keeps_its_counter_example(rule: Rule) -> None:
    root = _page(rule.keeps)
    strip_boilerplate_in_place(root)
    assert "KEPT" in root.text_content()


def test_every_rule_has_reason_category_and_examples() -> None:
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))
    for rule in RULES:
        assert rule.reason and rule.category
        if rule.name != "user-drop":
            assert "REMOVED" in rule.removes and "KEPT" in rule.keeps


def test_guard_keeps_the_bulk_of_the_prose_whatever_its_class() -> None:
    root = parse_html(f'<html><body><div class="sidebar-layout">{_PROSE}</div></body></html>')
    removed = strip_boilerplate_in_place(root)
    assert "harbour wall" in root.text_content()
    assert removed == []


def test_user_keep_beats_rules_and_drop_beats_content() -> None:
    page = (
        f'<html><body><nav id="toc"><a href="#a">Intro</a></nav>{_PROSE}'
        '<p id="x">drop me</p></body></html>'
    )
    root = parse_html(page)
    removed = strip_boilerplate_in_place(root, keep=["#toc"], drop=["#x"])
    text = root.text_content()
    assert "Intro" in text and "drop me" not in text
    assert [r.rule for r in removed] == ["user-drop"]


@pytest.mark.parametrize("rule", CONTENT_RULES, ids=lambda r: r.name)
def test_content_rule_examples(rule: Rule) -> None:
    root = _page(rule.removes)
    removed = prune_content_in_place([root.find("body")])
    assert "REMOVED" not in lxml.html.tostring(root, encoding="unicode")
    assert rule.name in {r.rule for r in removed}
    root = _page(rule.keeps)
    prune_content_in_place([root.find("body")])
    assert "KEPT" in root.text_content()
