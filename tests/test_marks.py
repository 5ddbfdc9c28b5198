"""Yes/no icons in table cells come out as ✓ and ✗, through the whole pipeline."""

from __future__ import annotations

import pytest

from cleaner import Options, clean
from cleaner.marks import cell_mark
from cleaner.parse import parse_html

_PROSE = (
    "<p>We compared the plans side by side over three months of daily use, with the same "
    "team and the same projects, so the differences below come from the products.</p>"
)


def _page(rows: str) -> str:
    return (
        "<html><head><title>Plans compared</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/pricing'>Pricing</a></nav>"
        f"<main><h1>Plans compared</h1>{_PROSE}"
        "<table><thead><tr><th>Feature</th><th>Basic</th><th>Pro</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>{_PROSE}</main></body></html>"
    )


def _row(name: str, basic: str, pro: str) -> str:
    return f"<tr><td>{name}</td><td>{basic}</td><td>{pro}</td></tr>"


def test_icon_font_marks_become_check_and_cross_in_markdown_and_text() -> None:
    # Icon fonts are aria-hidden: read before the hidden rule drops them, or the cell is empty.
    yes = '<i class="fa-solid fa-check" aria-hidden="true"></i>'
    no = '<i class="fa-solid fa-xmark" aria-hidden="true"></i>'
    page = _page(_row("Chat support", yes, yes) + _row("Phone support", no, yes))
    markdown = clean(page).markdown
    assert "| Chat support | ✓ | ✓ |" in markdown
    assert "| Phone support | ✗ | ✓ |" in markdown
    assert "Phone support | ✗ | ✓" in clean(page, Options(output="text")).text


def test_tick_and_cross_pictures_without_alt_text() -> None:
    page = _page(
        _row("Rank tracking", '<img src="/up/2018/11/tick.png" alt="">', '<img src="/i/cross.png">')
        + _row("Audits", '<img src="/i/icon_no.gif" alt="">', '<img src="/i/yes.svg?v=2">')
    )
    markdown = clean(page).markdown
    assert "| Rank tracking | ✓ | ✗ |" in markdown
    assert "| Audits | ✗ | ✓ |" in markdown
    assert "tick.png" not in markdown


def test_svg_sprite_and_css_drawn_marks() -> None:
    sprite = '<svg class="ico"><use href="#icon-check"></use></svg>'
    page = _page(_row("Exports", sprite, '<div class="checkmark"></div>'))
    assert "| Exports | ✓ | ✓ |" in clean(page).markdown


@pytest.mark.parametrize(
    "cell",
    [
        # A check mark before words is a bullet; the words are the cell.
        '<i class="fa fa-check"></i> Included in every plan',
        # A picture that says what it means keeps its own words.
        '<img src="/i/tick.png" alt="Available">',
        # A layout div's "no-items" names an empty sidebar, not an answer.
        '<div class="sidebar no-items section"></div>',
        # A control is not a mark.
        '<input type="checkbox" class="check">',
        '<a href="/buy" class="btn"><i class="fa fa-check"></i></a>',
        # Both answers at once say nothing.
        '<i class="fa fa-check"></i><i class="fa fa-times"></i>',
        # "close" is a dialog's button; "minus" is "partly".
        '<i class="icon icon-close"></i>',
        '<i class="fa fa-minus"></i>',
        # Hidden by the page itself.
        '<i class="fa fa-check" style="display: none"></i>',
    ],
)
def test_cells_that_are_not_a_lone_mark(cell: str) -> None:
    root = parse_html(f"<html><body><table><tr><td>{cell}</td></tr></table></body></html>")
    td = next(root.iter("td"))
    assert cell_mark(td) is None


@pytest.mark.parametrize(
    ("cell", "mark"),
    [
        ('<span class="dashicons dashicons-yes"></span>', "✓"),
        ('<i class="bi bi-x-lg"></i>', "✗"),
        ('<span><i class="fas fa-times-circle"></i></span>', "✗"),
        ('<i class="fa-regular fa-square-check"></i>', "✓"),
        ('<span class="icon-tick"></span>', "✓"),
    ],
)
def test_icon_vocabularies(cell: str, mark: str) -> None:
    root = parse_html(f"<html><body><table><tr><td>{cell}</td></tr></table></body></html>")
    assert cell_mark(next(root.iter("td"))) == mark


def test_marks_outside_tables_are_left_alone() -> None:
    bullet = '<ul><li><i class="fa fa-check"></i></li></ul>'
    page = _page(_row("Chat support", "yes", "no")).replace("</h1>", f"</h1>{bullet}")
    assert "✓" not in clean(page).markdown
