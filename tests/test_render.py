"""The renderers, one tag at a time: `md(html) == markdown`."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner.parse import parse_html
from cleaner.render import MarkdownRenderer, TextRenderer, flanked
from cleaner.whitespace import normalise_whitespace_in_place


def _body(html: str):  # type: ignore[no-untyped-def]
    root = parse_html(f"<html><body>{html}</body></html>")
    body = root.find("body")
    normalise_whitespace_in_place(body)
    return body


def md(html: str, **options: object) -> str:
    return MarkdownRenderer(**options).render([_body(html)]).rstrip("\n")  # type: ignore[arg-type]


def txt(html: str) -> str:
    return TextRenderer().render([_body(html)]).rstrip("\n")


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>plain</p>", "plain"),
        ("<p><b>bold</b> and <i>it</i></p>", "**bold** and *it*"),
        ("<p><b> spaced </b>word</p>", "**spaced** word"),
        ("<h1>Top</h1><h3>Deep</h3>", "# Top\n\n### Deep"),
        ("<p>a<br>b</p>", "a\\\nb"),
        # <br><br> separates paragraphs (blogs, forum posts); the second break's text
        # opens the next one.
        ("<div>one<br>two<br><br>three<br>\n<br>\nfour</div>", "one\\\ntwo\n\nthree\n\nfour"),
        ("<p>one<br><br><br>two</p>", "one\n\ntwo"),
        # Runs of one emphasis that touch are one run: `**1****. x**` is literal asterisks.
        ("<p><b>1</b><b class='x'>. The contract</b></p>", "**1. The contract**"),
        ("<p><i>a</i><em>b<b>c</b></em>d</p>", "*ab**c***d"),
        ("<p><b>a</b> <b>b</b></p>", "**a** **b**"),
        # ...also across elements: the label's colon bold in a span of its own.
        (
            "<ul><li><strong>Audience</strong><span><strong>: adults</strong> 3 bn"
            "</span></li></ul>",
            "- **Audience: adults** 3 bn",
        ),
        # A colon alone in bold is plain: emphasis on punctuation alone says nothing.
        (
            "<ul><li><strong>Audience</strong><span><strong>:</strong> 3 billion</span></li></ul>",
            "- **Audience**: 3 billion",
        ),
        ("<p><b>x</b><span><b> y</b></span></p>", "**x** **y**"),
        (
            "<dl><dt><strong>seth</strong></dt><dd>Forum moderator</dd></dl>",
            "**seth**\n\nForum moderator",
        ),
        ("<p><b><strong>x</strong></b> and <strong>a <b>b</b></strong></p>", "**x** and **a b**"),
        ("<p>one</p><hr><p>two</p>", "one\n\n---\n\ntwo"),
        ("<hr><p>only</p><hr>", "only"),
        ('<p><a href="/x">link</a></p>', "[link](/x)"),
        ('<p><a href="#top">to top</a></p>', "to top"),
        ('<p><img src="a.png" alt="A [b]"></p>', "![A \\[b\\]](a.png)"),
        (
            '<p><img src="data:image/gif;base64,R0l" data-src="/real.jpg" alt="x"></p>',
            "![x](/real.jpg)",
        ),
        ("<p>2 * 3 = 6 and snake_case stays</p>", "2 \\* 3 = 6 and snake_case stays"),
        ("<p>[not a link] stays</p>", "[not a link] stays"),
        ("<p>[looks](like-a-link)</p>", "\\[looks\\](like-a-link)"),
        ("<p># not a heading</p>", "\\# not a heading"),
        ("<p>1. not a list</p>", "1\\. not a list"),
        ("<p>use <code>a `tick`</code></p>", "use `` a `tick` ``"),
        ("<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>", "- a\n  - b\n- c"),
        ('<ol start="3"><li>x</li><li>y</li></ol>', "3. x\n4. y"),
        ("<blockquote><p>q1</p><p>q2</p></blockquote>", "> q1\n>\n> q2"),
        ("<dl><dt>Term</dt><dd>Meaning</dd></dl>", "**Term**\n\nMeaning"),
        ("<p>中文\n  <b>加粗</b>\n  文字</p>", "中文**加粗**文字"),
        ("<p>Hello\n   <b>world</b>\n  again</p>", "Hello **world** again"),
        # A spacer paragraph of a zero-width joiner is no line; an emoji's joiner stays.
        ("<p>one</p><p>\u200d</p><p>\u200b \ufeff</p><p>two</p>", "one\n\ntwo"),
        ("<p>family \U0001f468\u200d\U0001f469</p>", "family \U0001f468\u200d\U0001f469"),
    ],
)
def test_markdown(html: str, expected: str) -> None:
    assert md(html) == expected


def test_code_block_keeps_whitespace_and_language() -> None:
    html = '<pre><code class="language-python">def f():\n\n    return  1\n</code></pre>'
    assert md(html) == "```python\ndef f():\n\n    return  1\n```"


def test_code_block_fence_longer_than_backticks_inside() -> None:
    assert md("<pre>a ``` b</pre>") == "````\na ``` b\n````"


def test_code_language_from_sphinx_wrapper() -> None:
    html = (
        '<div class="highlight-toml notranslate"><div class="highlight">'
        "<pre>a = 1</pre></div></div>"
    )
    assert md(html) == "```toml\na = 1\n```"


def test_table_with_header_pipes_and_colspan() -> None:
    html = (
        "<table><thead><tr><th>K</th><th>V</th></tr></thead>"
        "<tbody><tr><td>a|b</td><td>1</td></tr><tr><td colspan=2>wide</td></tr></tbody></table>"
    )
    assert md(html) == "| K | V |\n|---|---|\n| a\\|b | 1 |\n| wide |  |"


def test_layout_table_renders_cells_as_blocks() -> None:
    html = "<table><tr><td><p>one</p><p>two</p><p>three</p></td><td>side</td></tr></table>"
    assert md(html) == "one\n\ntwo\n\nthree\n\nside"


def test_reference_table_with_long_cells_stays_a_table() -> None:
    # Header cells say it holds data, though a description cell runs to several paragraphs.
    html = (
        "<table><thead><tr><th>Argument</th><th>Description</th></tr></thead><tbody>"
        "<tr><td><code>host</code></td><td><p>The address.</p><p>Required.</p>"
        "<p>IPv4 or IPv6.</p></td></tr></tbody></table>"
    )
    assert md(html) == (
        "| Argument | Description |\n|---|---|\n"
        "| `host` | The address.<br>Required.<br>IPv4 or IPv6. |"
    )


def test_pros_and_cons_lists_side_by_side_stay_lists() -> None:
    items = "".join(f"<li><p>point {i}</p></li>" for i in range(4))
    html = (
        "<table><thead><tr><th>Pros</th><th>Cons</th></tr></thead><tbody><tr>"
        f"<td><ul>{items}</ul></td><td><ul>{items}</ul></td></tr></tbody></table>"
    )
    assert md(html).startswith("Pros\n\nCons\n\n- point 0\n- point 1")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        # A hard break is a line break in the cell, not a stray backslash.
        ("x<br>y", "x<br>y"),
        # A code block: one code span per line, since a fence cannot sit in a cell.
        ("<pre>make\nmake install</pre>", "`make`<br>`make install`"),
    ],
)
def test_line_breaks_inside_a_table_cell(cell: str, expected: str) -> None:
    html = f"<table><tr><th>k</th><th>v</th></tr><tr><td>{cell}</td><td>z</td></tr></table>"
    assert md(html).split("\n")[2] == f"| {expected} | z |"


def test_grid_of_headings_and_code_under_header_cells_is_layout() -> None:
    html = (
        "<table><tr><th>Install</th><th>Run</th></tr><tr><td><h3>Step one</h3><p>a</p>"
        "<pre>make</pre></td><td><p>b</p></td></tr></table>"
    )
    assert "|" not in md(html)
    assert "```\nmake\n```" in md(html)


def test_base_url_and_no_links_no_images() -> None:
    html = '<p><a href="/x">l</a> <img src="i.png" alt="i"></p>'
    assert (
        md(html, base_url="https://ex.org/a/")
        == "[l](https://ex.org/x) ![i](https://ex.org/a/i.png)"
    )
    assert md(html, links=False, images=False) == "l"


def test_text_has_no_markup_and_no_urls() -> None:
    html = '<h2>T</h2><p><b>b</b> <a href="http://x">l</a></p><ul><li>i</li></ul><pre>c  d</pre>'
    assert txt(html) == "T\n\nb l\n\n• i\n\nc  d"


def test_unknown_tags_keep_their_text() -> None:
    assert md('<p>a <ok href="http://x">b</ok> c</p>') == "a b c"


def test_deep_nesting_does_not_hit_the_recursion_limit() -> None:
    html = "<span>" * 1900 + "deep" + "</span>" * 1900
    assert md(f"<p>{html}</p>") == "deep"


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>heading?<br>---</p>", "heading?\\\n\\---"),
        ("<p>heading?<br>===</p>", "heading?\\\n\\==="),
        ("<p>- not an item</p>", "\\- not an item"),
        ("<p>&gt; not a quote</p>", "\\> not a quote"),
    ],
)
def test_no_accidental_block_syntax(html: str, expected: str) -> None:
    assert md(html) == expected


def test_an_image_alone_in_a_block_leaves_no_trace_in_the_next_block() -> None:
    html = (
        '<figure><p><img src="x.jpg" alt="y"></p>'
        "<figcaption><div>Caption</div></figcaption></figure>"
    )
    assert md(html) == "![y](x.jpg)\n\nCaption"


def test_touching_code_spans_keep_their_fences_apart() -> None:
    # "`a`" then "```` <x>`` ````" would merge into one backtick run and free the tag.
    from cleaner import clean

    page = (
        "<p>The survey team counted forty curlews on the flats before the tide turned "
        "<code>curlew</code><code>&lt;script&gt;``</code></p>"
    )
    markdown = clean(page).markdown
    assert "`curlew` ````" in markdown or "`curlew` ``" in markdown
    assert "``curlew``" not in markdown


def test_a_caption_goes_where_its_picture_goes() -> None:
    from cleaner import Options, clean

    caption = "Engineers on the harbour wall at low tide."
    story = "<p>" + "The harbour wall was rebuilt in granite after the storm. " * 12 + "</p>"
    for figure in (
        f"<figure><img src='wall.jpg' alt='The wall'><figcaption>{caption}</figcaption></figure>",
        f"<div class='wp-caption'><img src='wall.jpg' alt='The wall'>"
        f"<p class='wp-caption-text'>{caption}</p></div>",
        f"<ul class='gallery'><li><img src='wall.jpg' alt='The wall'><div class='caption'>"
        f"<div class='caption-full'><p>{caption}</p></div></div></li></ul>",
    ):
        page = f"<html><body><article><h1>Wall</h1>{figure}{story}</article></body></html>"
        assert caption in clean(page).markdown
        assert caption not in clean(page, Options(output="text")).text
        assert caption not in clean(page, Options(images=False)).markdown


def test_a_product_cards_caption_is_the_card_not_a_picture_caption() -> None:
    from cleaner import Options, clean

    cards = "".join(
        f"<li><img src='bag{i}.jpg' alt='Bag'><div class='product-caption'>"
        f"<a href='/bag{i}'>Canvas gear bag number {i} with a long name</a> $40</div></li>"
        for i in range(8)
    )
    page = f"<html><body><main><h1>Bags</h1><ul>{cards}</ul></main></body></html>"
    assert "Canvas gear bag number 7" in clean(page, Options(output="text")).text


def test_caption_as_a_type_size_is_not_a_picture_caption() -> None:
    from cleaner import Options, clean

    cards = "".join(
        f"<div class='card'><img src='p{i}.png' alt=''><div class='caption-s'>"
        f"Mira Holt, Tomas Reyes, Ana Lind and Joe Park, Harbour Institute {i}</div></div>"
        for i in range(6)
    )
    page = f"<html><body><main><h1>Papers</h1>{cards}</main></body></html>"
    assert "Harbour Institute 5" in clean(page, Options(output="text")).text


def test_text_ending_in_a_bang_before_a_link_does_not_make_an_image() -> None:
    from markdown_it import MarkdownIt

    from cleaner import Options, clean

    story = "<p>" + "The harbour wall was rebuilt in granite after the storm. " * 8 + "</p>"
    page = (
        "<html><body><article><p>Wow!<a href='https://x.example/pic.png'>the pictures</a>"
        f" came out well.</p>{story}</article></body></html>"
    )
    markdown = clean(page).markdown
    html = MarkdownIt().render(markdown)
    assert "<img" not in html
    assert 'href="https://x.example/pic.png"' in html
    assert "Wow!the pictures" in clean(page, Options(output="text")).text


def test_an_attached_caption_is_its_pictures_title() -> None:
    from markdown_it import MarkdownIt

    from cleaner import clean

    story = "<p>" + "The harbour wall was rebuilt in granite after the storm. " * 8 + "</p>"
    page = (
        "<html><body><article><h1>Wall</h1><figure><img src='wall.jpg' alt='The wall'>"
        '<figcaption>The "new" wall, seen from the pier at dawn.</figcaption></figure>'
        f"{story}</article></body></html>"
    )
    markdown = clean(page).markdown
    assert '![The wall](wall.jpg "The \\"new\\" wall, seen from the pier at dawn.")' in markdown
    assert 'title="The &quot;new&quot; wall' in MarkdownIt().render(markdown)


CARDS = (
    '<ul><li><a href="/p/1"><img src="b.jpg" alt="Battery"><h3>iPhone 13 Battery</h3>'
    "<p>$29</p></a></li><li><a href='/p/2'><div><h3>iPhone 14 Battery</h3></div></a></li></ul>"
)


def test_a_card_link_keeps_its_heading_and_the_heading_carries_the_link() -> None:
    assert md(CARDS, images=True) == (
        "- ![Battery](b.jpg)\n\n  ### [iPhone 13 Battery](/p/1)\n\n  $29\n\n"
        "- ### [iPhone 14 Battery](/p/2)"
    )
    assert md(CARDS, links=False, images=False) == (
        "- ### iPhone 13 Battery\n\n  $29\n\n- ### iPhone 14 Battery"
    )
    assert txt(CARDS) == "• iPhone 13 Battery\n\n  $29\n\n• iPhone 14 Battery"


SHOP_CARDS = (
    '<ul class="products"><li><a href="/p/hd681"><img src="hd681.jpg" alt="">'
    '<div class="name"><span>Superlux</span> <span>HD-681</span></div><div>6207 reviews</div>'
    "<ul><li>Semi-open</li><li>Circumaural</li></ul></a></li>"
    '<li><a href="/p/dt770"><div class="name">DT-770 Pro</div>'
    "<ul><li>Closed-back</li></ul></a></li></ul>"
)


def test_a_shop_card_link_keeps_its_feature_list_and_its_name_carries_the_link() -> None:
    assert md(SHOP_CARDS, images=False) == (
        "- [Superlux HD-681](/p/hd681)\n\n  6207 reviews\n\n  - Semi-open\n  - Circumaural\n\n"
        "- [DT-770 Pro](/p/dt770)\n\n  - Closed-back"
    )
    assert txt(SHOP_CARDS) == (
        "• Superlux HD-681\n\n  6207 reviews\n\n  • Semi-open\n  • Circumaural\n\n"
        "• DT-770 Pro\n\n  • Closed-back"
    )


def test_a_link_around_a_list_of_pictures_or_badges_alone_stays_one_link() -> None:
    slides = (
        '<p>x</p><a href="/p/9"><ul><li><img src="a.jpg" alt="A"></li>'
        '<li><img src="b.jpg" alt="B"></li></ul></a>'
    )
    assert md(slides, images=True) == "x\n\n[![A](a.jpg) ![B](b.jpg)](/p/9)"
    badge = '<p>x</p><a href="/p/9"><img src="a.jpg" alt="Jacket"><ul><li>New</li></ul></a>'
    assert md(badge, images=True) == "x\n\n[![Jacket](a.jpg) New](/p/9)"


def test_a_link_around_a_picture_alone_stays_inline() -> None:
    html = '<p><a href="/big.jpg"><img src="small.jpg" alt="Map"></a> of the bay</p>'
    assert md(html, images=True) == "[![Map](small.jpg)](/big.jpg) of the bay"


def test_a_flow_laid_out_per_slot_matches_the_run_by_run_layout() -> None:
    """A flow of several texts with no wide character beside a line break is laid out per
    text (whitespace._flush_plain): it must give each text what the run-by-run layout gives."""
    import random
    from collections.abc import Callable

    import lxml.html

    from cleaner.whitespace import _OBJECT, _flush_plain, _flush_runs, _plain_layout, _Slot

    def laid_out(
        flush: Callable[[list[_Slot], str], None], pieces: list[str | None]
    ) -> list[str | None]:
        elements = [lxml.html.Element("span") for _ in pieces]
        slots: list[_Slot] = []
        parts: list[str] = []
        length = 0
        for element, piece in zip(elements, pieces, strict=True):
            part = _OBJECT if piece is None else piece
            if piece is not None:
                slots.append(_Slot(element, False, length, length + len(piece)))
            parts.append(part)
            length += len(part)
        flush(slots, "".join(parts))
        return [e.text for e in elements]

    chars = [" ", "\t", "\n", "\u00a0", "a", "é", "’", "中"]
    rng = random.Random(7)
    tried = 0
    while tried < 5000:
        pieces: list[str | None] = [
            None if rng.random() < 0.15 else "".join(rng.choices(chars, k=rng.randint(1, 6)))
            for _ in range(rng.randint(2, 5))
        ]
        joined = "".join(_OBJECT if p is None else p for p in pieces)
        if all(p is None for p in pieces) or not _plain_layout(joined):
            continue
        tried += 1
        assert laid_out(_flush_plain, pieces) == laid_out(_flush_runs, pieces), pieces


@pytest.mark.parametrize(
    ("html", "markdown", "text"),
    [
        # A card's name and summary as two divs inside one link.
        (
            '<a href="/compute"><div>Compute Engine</div><div>Virtual machines.</div></a>',
            "[Compute Engine Virtual machines.](/compute)",
            "Compute Engine Virtual machines.",
        ),
        (
            "<h2><div>Plans</div>and<div>prices</div></h2>",
            "## Plans and prices",
            "Plans and prices",
        ),
        # Links side by side with nothing between them are a row of items.
        (
            '<p><a href="/p">Pricing</a><a href="/c">Contact us</a> or <a href="/h">help</a>.</p>',
            "[Pricing](/p) [Contact us](/c) or [help](/h).",
            "Pricing Contact us or help.",
        ),
        (
            '<div><b>See</b><a href="/a">A</a><a href="/b">B</a><div>C</div></div>',
            "**See**[A](/a) [B](/b)\n\nC",
            "SeeA B\n\nC",
        ),
        # Spaces already there are not doubled; inline elements still touch.
        ("<h3><div>One </div> two<b>x</b></h3>", "### One two**x**", "One twox"),
    ],
)
def test_blocks_written_inline_never_join_the_words_beside_them(
    html: str, markdown: str, text: str
) -> None:
    assert md(html) == markdown
    assert txt(html) == text


def test_text_writes_a_pictured_value_in_a_table_row_of_words() -> None:
    table = (
        "<table><tr><th>Channel</th><th>Us</th><th>Them</th></tr>"
        "<tr><td>Training</td><td><img src='/i/a.svg' alt='Extra cost'></td><td>No</td></tr>"
        "<tr><td><img src='/i/reply.gif' alt='Reply With Quote'></td><td></td><td></td></tr>"
        "</table>"
    )
    lines = txt(table).splitlines()
    assert "Training | Extra cost | No" in lines
    # A row of nothing but image buttons has no words of its own to complete.
    assert "Reply With Quote" not in txt(table)
    assert "![Extra cost](/i/a.svg)" in md(table)


def test_a_bold_root_is_not_joined_with_the_bold_beside_it() -> None:
    # What lies beside a root of the content is not the content.
    root = parse_html("<html><body><b>kept</b><b>outside</b></body></html>")
    body = root.find("body")
    assert body is not None
    assert MarkdownRenderer().render([body[0]]) == "**kept**\n"
    assert len(body) == 2


def test_ruby_readings_do_not_run_into_the_base_text() -> None:
    html = (
        "<p>東京の<ruby>秋葉原<rt>あきはばら</rt></ruby>と"
        "<ruby>漢字<rp>(</rp><rt>かんじ</rt><rp>)</rp></ruby>。</p>"
    )
    assert md(html) == "東京の秋葉原と漢字。"
    assert txt(html) == "東京の秋葉原と漢字。"


def test_soft_hyphens_do_not_split_words() -> None:
    html = "<p>super&shy;cali&shy;fragilistic and long<wbr>word</p>"
    assert md(html) == "supercalifragilistic and longword"
    assert txt(html) == "supercalifragilistic and longword"


def test_an_emoji_picture_is_its_character() -> None:
    html = (
        '<p>Done <img class="wp-smiley emoji" alt="🎉" src="https://s.w.org/1f389.svg">'
        ' and <img class="emoji" title=":smile:" alt=":smile:" src="/e/smile.png"></p>'
    )
    assert md(html) == "Done 🎉 and :smile:"
    assert txt(html) == "Done 🎉 and :smile:"
    # A picture that is not an emoji stays a picture.
    assert md('<p><img class="photo" alt="Harbour" src="/h.jpg"></p>') == "![Harbour](/h.jpg)"


def test_a_cell_spanning_rows_keeps_the_cells_below_in_their_columns() -> None:
    html = (
        "<table><thead><tr><th rowspan='2'>Model</th><th colspan='2'>Speed</th></tr>"
        "<tr><th>CPU</th><th>GPU</th></tr></thead><tbody>"
        "<tr><td rowspan='2'>Small</td><td>10 ms</td><td>2 ms</td></tr>"
        "<tr><td>12 ms</td><td>3 ms</td></tr><tr><td>Large</td><td>40 ms</td><td>5 ms</td></tr>"
        "</tbody></table>"
    )
    assert md(html) == (
        "| Model | Speed |  |\n|---|---|---|\n|  | CPU | GPU |\n| Small | 10 ms | 2 ms |\n"
        "|  | 12 ms | 3 ms |\n| Large | 40 ms | 5 ms |"
    )


@pytest.mark.parametrize(
    ("html", "label"),
    [
        ('<a href="/w/Foo">Foo [disambiguation</a>', "[Foo \\[disambiguation](/w/Foo)"),
        ('<a href="/w/Foo">Foo [disambiguation]</a>', "[Foo \\[disambiguation\\]](/w/Foo)"),
        (
            '<a href="/big.jpg"><img src="/small.jpg" alt="Dusk"></a>',
            "[![Dusk](/small.jpg)](/big.jpg)",
        ),
    ],
)
def test_brackets_in_link_text_never_end_the_link_early(html: str, label: str) -> None:
    from markdown_it import MarkdownIt

    out = md(f"<p>See {html} now.</p>")
    assert label in out
    rendered = MarkdownIt("commonmark").render(out)
    assert rendered.count("<a href=") == 1 and "now." in rendered.split("</a>")[1]


@pytest.mark.parametrize(
    "mark",
    [
        '<sup id="fnref1"><a href="#fn1">1</a></sup>',
        '<sup class="reference"><a href="#cite_note-4">[4]</a></sup>',
        '<a href="#fn2"><sup>2</sup></a>',
    ],
)
def test_a_footnote_mark_does_not_run_into_its_word(mark: str) -> None:
    html = f"<p>The tide turned here{mark} and the boats came in.</p>"
    assert md(html) == "The tide turned here and the boats came in."
    assert txt(html) == "The tide turned here and the boats came in."


def test_a_superscript_that_is_not_a_note_mark_stays() -> None:
    assert txt("<p>An area of 12 m<sup>2</sup> in all.</p>") == "An area of 12 m2 in all."
    assert "Chapter 4" in txt('<p>See <a href="#ch4"><sup>Chapter 4</sup></a>.</p>')


# -- styled pieces that touch -----------------------------------------------------------------


def test_a_fields_name_and_value_in_styled_pieces_are_two_words() -> None:
    html = (
        '<div><span class="details_name">Number of Pages</span>'
        '<span class="details_value">240 Pages</span></div>'
        '<p><span class="tag">Sailing</span><span class="tag">Harbours</span></p>'
        '<p><span>Nilay Patel</span><span class="timestamp">Mar 5</span></p>'
        '<p><span class="label">Item number:</span><span class="value">335330783890</span></p>'
    )
    assert txt(html) == (
        "Number of Pages 240 Pages\n\nSailing Harbours\n\nNilay Patel Mar 5\n\n"
        "Item number: 335330783890"
    )


@pytest.mark.parametrize(
    "html, expected",
    [
        # A drop cap is the first letter of its word.
        ('<p><span class="dropcap">T</span><span class="lede">he tide came in.</span></p>',
         "The tide came in."),
        # A text cut into chunks of one class, mid-word.
        ('<p><span class="desc">' + "The cereal menu lists Apple Jacks and milk punch, C"
         + '</span><span class="desc">orn Pops and egg nog.</span></p>',
         "The cereal menu lists Apple Jacks and milk punch, Corn Pops and egg nog."),
        # A rich-text editor's runs, styled inline, split where the style changes.
        ('<p><span class="r1" style="font-variant: normal">Le</span>'
         '<span class="r1" style="text-decoration: underline">arn more</span></p>',
         "Learn more"),
        # Chinese, Japanese and Thai run on without spaces whatever holds them.
        ('<p><span class="name">东京大学</span><span class="value">本郷キャンパス</span></p>',
         "东京大学本郷キャンパス"),
        ('<p><span class="name">ภาษา</span><span class="value">ไทย</span></p>', "ภาษาไทย"),
        # Emphasis can fall on part of a word.
        ('<p>It was <b class="em">un</b><i class="em">believ</i>able.</p>',
         "It was **un***believ*able."),
        # Code and a price's parts are not words.
        ('<p><code><span class="nb">print</span><span class="nf">len</span></code> and '
         '<span class="int">29</span><span class="dec">.99</span></p>',
         "`printlen` and 29.99"),
    ],
)
def test_styled_pieces_of_one_word_stay_one_word(html: str, expected: str) -> None:
    assert md(html) == expected


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        # Node.js's docs: the example as an ES module and as CommonJS, one shown at a time.
        (
            '<pre><code class="language-js mjs">import fs from "node:fs";</code>'
            '<code class="language-js cjs">const fs = require("node:fs");</code></pre>',
            '```js\nimport fs from "node:fs";\nconst fs = require("node:fs");\n```',
        ),
        # Code spans inside a line of a <pre> stay on that line.
        (
            "<pre>run <code>make</code> then <code>make test</code></pre>",
            "```\nrun make then make test\n```",
        ),
    ],
    ids=["side-by-side-blocks", "spans-in-a-line"],
)
def test_code_blocks_side_by_side_in_one_pre(html: str, expected: str) -> None:
    assert md(html) == expected


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        # Reddit's link post: a link round a picture, with the picture's own link inside.
        (
            '<a href="/story"><div><img src="bg.jpg" alt=""><a href="/story">'
            '<img src="p.jpg" alt="Post"></a></div></a>',
            "[![](bg.jpg)![Post](p.jpg)](/story)",
        ),
        # A card link whose heading holds the author's link: the card's link wins.
        (
            '<a href="/p/1"><h3>Tides by <a href="/u/ann">Ann</a></h3><p>Notes</p></a>',
            "### [Tides by Ann](/p/1)\n\nNotes",
        ),
        # A link that is written as its text ("#top") does not hold the inner one back.
        ('<p><a href="#top"><span>Go <a href="/home">home</a></span></a></p>', "Go [home](/home)"),
    ],
)
def test_a_link_inside_a_link_is_written_as_its_text(html: str, expected: str) -> None:
    """CommonMark lets no link hold another: written nested, the outer one's brackets and
    target would print as literal text."""
    from markdown_it import MarkdownIt

    out = md(html, images=True)
    assert out == expected
    rendered = MarkdownIt("commonmark").render(out)
    assert "](" not in rendered


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        # A bold question run into its answer: the "?" leaves the bold.
        ("<p><b>Is it licensed?</b>The rules vary.</p>", "**Is it licensed**?The rules vary."),
        ("<p>in <i>pacman'</i>s cache</p>", "in *pacman*'s cache"),
        # A forum quote's header run into the quote.
        ("<p><cite>Ann wrote:</cite>with fish</p>", "*Ann wrote*:with fish"),
        ("<p><b>注意：</b>这是</p>", "**注意**：这是"),
        ("<p>word<b>(note)</b> then</p>", "word(**note)** then"),
        # Emphasis on punctuation alone says nothing: the markers go, the characters stay.
        ("<p>says. <em>“</em>Then add</p>", "says. “Then add"),
        ("<p>the top<b>.</b> Do this</p>", "the top. Do this"),
        # A link's brackets and parentheses are Markdown's, not the text's: they stay.
        (
            "<blockquote><cite>Ann <a href='/t?p=2#p2'>wrote</a>:</cite>with fish</blockquote>",
            "> *Ann [wrote](/t?p=2#p2)*:with fish",
        ),
        ("<p>not <i>what to do</i><b>.</b> Then</p>", "not *what to do*. Then"),
        # A space before the punctuation leaves with it: a marker after a space closes nothing.
        ("<p>that <em>The Night “</em>should sell</p>", "that *The Night* “should sell"),
        # A link's `)` is punctuation: the markers go inside its text, beside its words.
        ("<p><em><a href='/p'>Sea to Summit</a></em>sack</p>", "[*Sea to Summit*](/p)sack"),
        ("<p>word<em><a href='/x'>link</a></em> after</p>", "word[*link*](/x) after"),
        (
            "<blockquote><em><a href='/m?4'>Quote from: Ann</a></em>As for AI</blockquote>",
            "> [*Quote from: Ann*](/m?4)As for AI",
        ),
        ("<p>be real<b>: those are</b> small</p>", "be real: **those are** small"),
        ("<p><i>A Loaf (Live)</i>Brooklyn</p>", "*A Loaf (Live*)Brooklyn"),
        # The next piece an element, not a tail.
        ("<p><b>Q?</b><span>Answer</span></p>", "**Q**?Answer"),
        # Markers CommonMark reads already stay as they are.
        ("<p><b>Note:</b> text</p>", "**Note:** text"),
        ("<p>a <b>(b)</b> c</p>", "a **(b)** c"),
    ],
)
def test_emphasis_markers_are_ones_commonmark_reads(html: str, expected: str) -> None:
    """Between punctuation and a letter, CommonMark reads `**` as two asterisks, not as the
    end (or start) of bold: the output would show them."""
    from markdown_it import MarkdownIt

    out = md(html)
    assert out == expected
    rendered = MarkdownIt("commonmark").render(out)
    assert "*" not in rendered
    # Every character of the text is still there, in its place.
    assert re.sub(r"<[^>]+>", "", rendered).strip() == txt(html)


def test_emphasis_on_punctuation_alone_is_plain() -> None:
    """Python's docs set a signature's keyword-only `*` in italics inside bold: written
    `*\\**`, its markers can open and close alike, and the bold fell apart into asterisks."""
    from markdown_it import MarkdownIt

    html = "<dl><dt><b><em>class</em> Decoder(<em>*</em>, <em>hook=None</em>)</b></dt></dl>"
    out = md(html)
    assert out == "***class* Decoder(\\*, *hook=None*)**"
    rendered = MarkdownIt("commonmark").render(out)
    assert rendered.count("<strong>") == 1 and "**" not in rendered


def test_an_emphasised_picture_loses_its_markers() -> None:
    """A picture's alternative text shows no emphasis, and `**![a](u)**Solo` prints its
    asterisks: the picture stands alone, linked or not."""
    from markdown_it import MarkdownIt

    for html, expected in (
        ("<p><b><img alt='Hut' src='/h.jpg'></b>Solo hikers</p>", "![Hut](/h.jpg)Solo hikers"),
        (
            "<p><i><a href='/x'><img alt='Hut' src='/h.jpg'></a></i>Solo</p>",
            "[![Hut](/h.jpg)](/x)Solo",
        ),
    ):
        out = md(html, images=True)
        assert out == expected
        assert "*" not in MarkdownIt("commonmark").render(out)


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        # A row of one character is a thematic break or a heading's underline...
        ("<p>===</p>", "\\==="),
        ("<p>- - -</p>", "\\- - -"),
        ("<p>######</p>", "\\######"),
        # ...a mixed one is text, and its bold opens (no escape that would leave it bare).
        ("<p><b>=====<br>=====</b></p>", "**=====\\\n=====**"),
        ("<p>=-=-= hi</p>", "=-=-= hi"),
    ],
)
def test_only_block_syntax_at_a_line_start_is_escaped(html: str, expected: str) -> None:
    from markdown_it import MarkdownIt

    out = md(html)
    assert out == expected
    rendered = MarkdownIt("commonmark").render(out)
    assert rendered.startswith("<p>") and "*" not in rendered


def test_a_link_to_the_writers_own_disk_is_its_text() -> None:
    """`file:///Users/ann/Downloads/…` in a page reaches nothing for a reader, and renderers
    print such a link as text, brackets and all; a --base-url of file: (a saved site cleaned
    where it lies) still resolves the page's relative links."""
    html = "<p><a href='file:///Users/ann/Downloads/dac.html'>Direct air capture</a> is new.</p>"
    assert md(html) == "Direct air capture is new."
    assert md("<p><img alt='x' src='file:///C:/pic.png'> y</p>", images=True) == "y"
    local = md("<p><a href='b.html'>Part two</a></p>", base_url="file:///home/ann/site/")
    assert local == "[Part two](file:///home/ann/site/b.html)"


_PIECES = st.sampled_from(
    [*"ab .?:()“®", "\\<", "\\*", "\\[", "[a](u)", "*", "**", "~~"]
)


def _units(markdown: str) -> list[str]:
    """The text's characters, an escape with the character it escapes, markers left out."""
    return [u for u in re.findall(r"\\.|.", markdown, re.S) if u not in ("*", "~")]


@given(st.lists(_PIECES, max_size=8).map("".join), st.lists(_PIECES, max_size=8).map("".join))
def test_flanking_moves_only_markers(before: str, after: str) -> None:
    """Whatever it mends, flanked keeps every character in its place and every escape with
    the character it escapes (a `\\<` split from its `<` would let a tag through)."""
    fixed = flanked(before, after)
    assert _units("".join(fixed)) == _units(before + after)


@pytest.mark.parametrize("tag", ["of", "children", "list", "heavy"])
def test_an_element_named_like_a_helper_is_only_an_element(tag: str) -> None:
    """Handlers are found by the tag's name: an element named after a helper (`<of>`, which
    once found `inline_of` and recursed until the stack ran out) renders as its text."""
    html = f"<p>a <{tag}>b <i>c</i></{tag}> d</p><{tag}><p>e</p></{tag}>"
    assert md(html) == "a b *c* d\n\ne"
    assert txt(html) == "a b c d\n\ne"


def test_every_handler_is_named_for_a_tag() -> None:
    """No helper carries a handler's prefix (see MarkdownRenderer)."""
    import lxml.html.defs

    known = lxml.html.defs.tags | {"tex", "menu", "dir", "strike", "rp", "rt"}
    for renderer in (MarkdownRenderer, TextRenderer):
        for name in dir(renderer):
            prefix, _, tag = name.partition("_")
            if prefix in ("inline", "block") and tag:
                assert tag in known, name


# A link aggregator's front page: a rank, a vote arrow, the story, then its byline row and
# a spacer row, as Hacker News lays them out.
_RANKED_STORIES = "".join(
    f'<tr><td class="title">{n}.</td><td><a href="vote?id={n}"></a></td>'
    f'<td class="title"><a href="https://example.org/{n}">Story number {n}</a></td></tr>'
    f'<tr><td colspan="2"></td><td class="subtext">{n * 10} points by ann</td></tr>'
    '<tr class="spacer"></tr>'
    for n in (1, 2, 3)
)


def test_a_table_that_numbers_its_stories_is_an_ordered_list() -> None:
    out = md(f"<table>{_RANKED_STORIES}</table>")
    assert out == (
        "1. [Story number 1](https://example.org/1)\n\n   10 points by ann\n\n"
        "2. [Story number 2](https://example.org/2)\n\n   20 points by ann\n\n"
        "3. [Story number 3](https://example.org/3)\n\n   30 points by ann"
    )
    assert txt(f"<table>{_RANKED_STORIES}</table>").startswith(
        "1. Story number 1\n\n   10 points by ann\n\n2. Story number 2"
    )


def test_a_ranking_keeps_its_first_number() -> None:
    rows = "".join(
        f"<tr><td>#{n}</td><td><a href='/b{n}'>Book {n}</a> by Someone</td></tr>"
        for n in (11, 12, 13)
    )
    assert md(f"<table>{rows}</table>").splitlines() == [
        "11. [Book 11](/b11) by Someone",
        "12. [Book 12](/b12) by Someone",
        "13. [Book 13](/b13) by Someone",
    ]


@pytest.mark.parametrize(
    "rows",
    [
        # rank | club | points: a second value beside the number is a column.
        "".join(f"<tr><td>{n}</td><td>Club {n}</td><td>{40 - n}</td></tr>" for n in (1, 2, 3)),
        # Header cells name the columns.
        "<tr><th>#</th><th>Club</th></tr>"
        + "".join(f"<tr><td>{n}</td><td>Club {n}</td></tr>" for n in (1, 2, 3)),
        # Years, not ranks.
        "".join(f"<tr><td>{y}</td><td>Rainfall was low</td></tr>" for y in (1990, 1995, 2000)),
        # Two numbered rows are not yet a list.
        "".join(f"<tr><td>{n}.</td><td>Step {n}</td></tr>" for n in (1, 2)),
        # A first row of words before the numbers is a header.
        "<tr><td>Rank</td><td>Club</td></tr>"
        + "".join(f"<tr><td>{n}</td><td>Club {n}</td></tr>" for n in (1, 2, 3)),
    ],
)
def test_tables_of_numbers_and_values_stay_tables(rows: str) -> None:
    assert md(f"<table>{rows}</table>").startswith("| ")


def test_a_picked_table_body_renders_as_its_table() -> None:
    # readability scores cells, so the content it picks can be a <tbody>.
    body = _body(
        "<table><tbody><tr><td>Ash</td><td>12 m</td></tr><tr><td>Oak</td><td>30 m</td></tr>"
        "</tbody></table>"
    ).find(".//tbody")
    assert MarkdownRenderer().render([body]) == "| Ash | 12 m |\n|---|---|\n| Oak | 30 m |\n"


def test_rows_after_the_last_ranked_item_follow_the_list() -> None:
    # Each story takes three rows (title, byline, spacer); the "More" link's rows after
    # the last one are the page's, not that story's.
    more = (
        '<tr class="morespace"></tr>'
        '<tr><td colspan="2"></td><td><a href="?p=2">More</a></td></tr>'
    )
    out = md(f"<table>{_RANKED_STORIES}{more}</table>")
    assert out.endswith(
        "3. [Story number 3](https://example.org/3)\n\n   30 points by ann\n\n[More](?p=2)"
    )


_CELL = st.one_of(
    st.sampled_from(["", " ", "1.", "2.", "#3", "4)", "12", "2024"]),
    st.text(alphabet="abcdefgh ", min_size=1, max_size=12),
)
_ROW = st.lists(_CELL, min_size=0, max_size=4)


@given(st.lists(_ROW, min_size=1, max_size=8), st.booleans())
def test_a_table_loses_no_cell_text_whatever_its_numbers(rows: list[list[str]], head: bool) -> None:
    """Ranked or not, every word of every cell is written once the table is rendered."""
    def row_html(n: int, row: list[str]) -> str:
        tag = "th" if head and n == 0 else "td"
        return "<tr>" + "".join(f"<{tag}>{c}</{tag}>" for c in row) + "</tr>"

    out = txt("<table>" + "".join(row_html(n, row) for n, row in enumerate(rows)) + "</table>")
    for row in rows:
        for cell in row:
            for word in cell.split():
                # A rank is written as the list's number: "#3" and "4)" as "3." and "4.".
                assert word.lstrip("#").rstrip(".)") in out
