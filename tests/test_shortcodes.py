"""Unexpanded CMS shortcodes printed as text (see cleaner/shortcodes.py)."""

from __future__ import annotations

import pytest

from cleaner import clean

STORY = (
    "We tested the tent in the rain for three nights and it kept us dry the whole time, "
    "even when the wind turned in the small hours and the pegs began to lift."
)


def _markdown(body: str) -> str:
    page = f"<html><body><article><h1>Tents</h1><p>{STORY}</p>{body}</article></body></html>"
    return clean(page).markdown


@pytest.mark.parametrize(
    ("body", "kept", "gone"),
    [
        # A form's shortcode alone in its paragraph: nothing is left of it.
        ("<p>[convertkit form=1630175]</p>", "", "convertkit"),
        # A button's tags go, its label stays in the sentence.
        (
            '<p>See [button link="/buy" color="red"]the winter offer[/button] today.</p>',
            "See the winter offer today.",
            "button",
        ),
        # A caption's tags around a picture and its text.
        (
            '<p>[caption id="attachment_5" align="alignnone" width="300"]'
            '<img src="/a.jpg" alt="Tent"> The tent at dawn[/caption]</p>',
            "The tent at dawn",
            "caption",
        ),
        # A forum's quote tag with a post number.
        ("<p>[quote quote=312679]</p><p>I agree with the pegs.</p>", "I agree", "quote="),
    ],
)
def test_shortcodes_go_and_what_they_wrap_stays(body: str, kept: str, gone: str) -> None:
    markdown = _markdown(body)
    assert kept in markdown
    assert gone not in markdown
    assert STORY in markdown


@pytest.mark.parametrize(
    "body",
    [
        # No attributes: an editor's note, a citation, a caption's sound cue.
        "<p>The tent [sic] held up, as the manual promised [1]. [Music] played.</p>",
        # A closing tag whose opening is no shortcode on the page stays as written.
        "<p>The forum printed [/url] after every link.</p>",
        # Code shows shortcodes as a theme's documentation writes them.
        '<pre><code>[gallery ids="1,2,3" columns=3]</code></pre>',
        '<p>Write <code>[button link="/buy"]Buy[/button]</code> in the editor.</p>',
    ],
)
def test_bracketed_text_that_is_no_shortcode_stays(body: str) -> None:
    markdown = _markdown(body)
    for piece in ("[sic]", "[1]", "[Music]", "[/url]", 'ids="1,2,3"', '[button link="/buy"]'):
        if piece in body:
            assert piece in markdown.replace("\\", "")
