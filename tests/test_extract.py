"""Extraction decisions, one structural situation at a time (see cleaner/extract.py)."""

from __future__ import annotations

from typing import Any

import pytest

from cleaner import clean

ARTICLE_SENTENCE = (
    "The harbour authority confirmed on Tuesday that the new tidal gates will close for the "
    "first time next winter, after four years of construction and two delays. "
)


def _page(body: str, head: str = "") -> str:
    return f"<html><head><title>T</title>{head}</head><body>{body}</body></html>"


def test_confident_article_pick_drops_the_teasers_around_it() -> None:
    article = "".join(f"<p>{ARTICLE_SENTENCE * 2} Part {i}.</p>" for i in range(8))
    teasers = "".join(
        f"<div class='card'><h3>Other story {i}</h3><p>{'A teaser sentence here. ' * 4}</p></div>"
        for i in range(6)
    )
    doc = clean(_page(f"<main><div class='story'>{article}</div><div>{teasers}</div></main>"))
    assert "Part 7." in doc.markdown
    assert "Other story" not in doc.markdown
    assert doc.method.startswith("readability")


def test_page_of_many_sections_keeps_the_main_region() -> None:
    sections = "".join(
        f"<section><h2>Service {i}</h2><p>We fit and repair boilers of every make, "
        f"number {i}, with a written quote before any work starts.</p>"
        f"<ul><li>Same-day visits</li><li>Fixed prices</li></ul></section>"
        for i in range(6)
    )
    doc = clean(_page(f"<nav><a href='/'>Home</a> <a href='/x'>X</a></nav><main>{sections}</main>"))
    assert [k.split(":")[0] for k in doc.kept] == ["<main>"]
    for i in range(6):
        assert f"## Service {i}" in doc.markdown
    assert "Home" not in doc.markdown


def test_article_body_split_around_an_ad_joins_up() -> None:
    first = "".join(f"<p>{ARTICLE_SENTENCE} First half {i}.</p>" for i in range(6))
    second = "".join(f"<p>{ARTICLE_SENTENCE} Second half {i}.</p>" for i in range(3))
    body = (
        f"<article><div class='article__body'>{first}</div>"
        "<div class='ad-slot'>Advertisement</div>"
        f"<div class='article__body'>{second}</div></article>"
    )
    doc = clean(_page(body))
    assert "First half 5." in doc.markdown and "Second half 2." in doc.markdown
    assert "Advertisement" not in doc.markdown


def _blocks_in_article_body(itemprop: str) -> str:
    """A story set in blocks, as a magazine's page builder sets it: two opening paragraphs
    in a block with a drop cap, a photo, then the rest in a block of its own."""
    opening = (
        "<p>In the eighties the Czech model was on every magazine cover of the season, "
        "and then she turned to film and worked with half the directors of the decade.</p>"
        "<p>Now she is fifty-three, and though she still looks superb, the prospect of age "
        "has filled her with something close to panic, she says.</p>"
    )
    rest = "".join(f"<p>{ARTICLE_SENTENCE * 2} Rest {i}.</p>" for i in range(6))
    return (
        "<nav><a href='/'>Home</a> <a href='/beauty'>Beauty</a></nav>"
        f"<div class='article__content' {itemprop}>"
        f"<div class='block block_text'><div class='text text_initial-letter'>{opening}</div></div>"
        "<div class='block block_image'><img src='/p.jpg' alt='At a gala'></div>"
        f"<div class='block block_text'><div class='text'>{rest}</div></div></div>"
        "<div class='tags'><a href='/t/1'>models</a> <a href='/t/2'>age</a></div>"
    )


def test_a_pick_inside_the_pages_article_body_takes_the_whole_body() -> None:
    """readability picks the block of most prose; the opening paragraphs, set in a block of
    their own, are the story's too, as the page's articleBody says."""
    doc = clean(_page(_blocks_in_article_body('itemprop="articleBody"')))
    assert "In the eighties the Czech model" in doc.markdown
    assert "Rest 5." in doc.markdown
    assert "+article-body" in doc.method
    assert "Home" not in doc.markdown and "models" not in doc.markdown


def test_without_the_mark_the_opening_block_is_not_assumed() -> None:
    doc = clean(_page(_blocks_in_article_body("")))
    assert "Rest 5." in doc.markdown
    assert "+article-body" not in doc.method


def test_a_body_part_holding_a_table_of_linked_names_joins_the_pick() -> None:
    # Outside an <article>, a same-class part must not be mostly links: but a table that
    # links each company to its site is data, so its links do not count.
    rows = "".join(
        f"<tr><td><a href='https://c{i}.example/'>Company number {i} Incorporated</a></td>"
        f"<td>${i}.5B</td></tr>"
        for i in range(30)
    )
    intro = f"<p>{ARTICLE_SENTENCE}</p><p>{ARTICLE_SENTENCE} The ranking.</p>"
    table = f"<table><tr><th>Company</th><th>Revenue</th></tr>{rows}</table>"
    rest = "".join(f"<p>{ARTICLE_SENTENCE * 2} Profile {i}.</p>" for i in range(10))
    body = (
        "<div class='post'><div class='wrap'>"
        f"<div class='rich-text'>{intro}{table}</div>"
        f"<div class='cta'><p>Download our guide.</p></div><div class='rich-text'>{rest}</div>"
        "</div></div>"
    )
    doc = clean(_page(body))
    assert "Profile 9." in doc.markdown
    assert "Company number 29 Incorporated" in doc.markdown


def test_standfirst_under_the_headline_is_kept_on_pages_that_are_not_articles() -> None:
    hero = (
        "<div class='hero'><h1>Boiler repair</h1><p>Most faults fixed on the first visit.</p></div>"
    )
    article = "".join(f"<p>{ARTICLE_SENTENCE} Detail {i}.</p>" for i in range(10))
    doc = clean(_page(f"{hero}<div class='text'>{article}</div>"))
    assert "Most faults fixed on the first visit." in doc.markdown
    news = clean(
        _page(
            f"{hero}<div class='text'>{article}</div>",
            head='<meta property="og:type" content="article">',
        )
    )
    assert "Most faults fixed" not in news.markdown  # a news dek is not the article body


def test_a_documentation_pages_long_introduction_under_its_title_is_kept() -> None:
    intro = "".join(
        f"<p>The gate API lets a program open and close the tidal gates, part {i}. "
        f"{ARTICLE_SENTENCE}</p>"
        for i in range(4)
    )
    body = "".join(
        f"<section><h2>Step {i}</h2><p>{ARTICLE_SENTENCE * 3}</p><pre>gate.open({i})</pre>"
        "</section>"
        for i in range(6)
    )
    page = _page(
        "<main><div class='layout-header'><h1>Using the gate API</h1>"
        f"<section class='content-section'>{intro}<pre>gate.status()</pre></section></div>"
        f"<div class='layout-body'>{body}</div></main>"
    )
    doc = clean(page)
    assert "part 0." in doc.markdown and "gate.status()" in doc.markdown
    assert "gate.open(5)" in doc.markdown


def test_a_documentation_introduction_with_a_table_of_links_is_kept() -> None:
    # MDN's learning pages: one opening paragraph, then a table of prerequisites (links to
    # other lessons) and outcomes, above the first titled section.
    links = ", ".join(f"<a href='/learn/lesson-{i}'>Lesson number {i}</a>" for i in range(6))
    intro = (
        f"<p>Tides are the rise and fall of the sea. {ARTICLE_SENTENCE}</p>"
        f"<table><tr><th>Prerequisites:</th><td>{links}</td></tr>"
        "<tr><th>Learning outcomes:</th><td>Reading a tide table.</td></tr></table>"
    )
    body = "".join(
        f"<section><h2>Step {i}</h2><p>{ARTICLE_SENTENCE * 3}</p></section>" for i in range(6)
    )
    page = _page(
        "<main><div class='layout-header'><h1>Reading tides</h1>"
        f"<section class='content-section'>{intro}</section></div>"
        f"<div class='layout-body'>{body}</div></main>"
    )
    doc = clean(page)
    assert "Tides are the rise and fall of the sea." in doc.markdown
    assert "| Learning outcomes: | Reading a tide table. |" in doc.markdown
    assert "Step 5" in doc.markdown


def _elements_by_id(html: str) -> dict[str, Any]:
    """The parsed page's elements by id, for tests that hand the extractor a pick."""
    from cleaner.parse import parse_html

    return {e.get("id"): e for e in parse_html(html).iter() if e.get("id")}


def test_every_titled_section_of_a_document_joins_a_pick_of_several() -> None:
    # Sphinx writes each section as <section><span id></span><h2>; readability keeps the
    # well-scored ones, and one that is mostly links to reference pages scores badly.
    from cleaner.extract import sibling_sections

    by_id = _elements_by_id(
        "<html><body><section id='howto'><h1>Logging</h1>"
        "<section id='a'><span id='x'></span><h2>Basics</h2><p>One.</p></section>"
        "<section id='b'><h2>Advanced</h2><p>Two.</p></section>"
        "<section id='c'><span id='y'></span><h2>Useful handlers</h2><ul><li>"
        "<a href='/ref#h'>StreamHandler</a></li></ul></section>"
        "<div id='d'><p>Was this page helpful?</p></div>"
        "<section id='e'><p>An untitled block.</p></section>"
        "</section></body></html>"
    )
    picked = sibling_sections([by_id["a"], by_id["b"]])
    assert [e.get("id") for e in picked] == ["a", "b", "c"]
    # One section is an article's part, not a document of sections.
    assert sibling_sections([by_id["a"]]) == [by_id["a"]]


def test_every_titled_div_of_the_picks_class_joins_a_pick_of_several() -> None:
    # DocBook (PostgreSQL's reference pages) writes sections as <div class="refsect1">;
    # readability kept Parameters and Examples and left Description out.
    from cleaner.extract import sibling_sections

    by_id = _elements_by_id(
        "<html><body><div class='refentry'>"
        "<div class='refnamediv' id='n'><h2>Name</h2><p>SELECT</p></div>"
        "<div class='refsect1' id='a'><h2>Description</h2><p>Retrieves rows.</p></div>"
        "<div class='refsect1' id='b'><h2>Parameters</h2><p>Many.</p></div>"
        "<div class='refsect1' id='c'><h2>Examples</h2><p>Some.</p></div>"
        "<div class='refsect1' id='u'><p>An untitled block.</p></div>"
        "<div class='refsect1' id='d'><h2>Compatibility</h2><p>Standard.</p></div>"
        "</div></body></html>"
    )
    picked = sibling_sections([by_id["b"], by_id["c"]])
    assert [e.get("id") for e in picked] == ["a", "b", "c", "d"]
    # Blocks of two classes are not one document's sections.
    assert sibling_sections([by_id["n"], by_id["b"]]) == [by_id["n"], by_id["b"]]


def test_a_lone_pick_inside_a_section_of_a_document_of_sections_takes_the_document() -> None:
    # A manual page's option list outscores the rest of the page put together.
    from cleaner.extract import sibling_sections

    def page(extra: str) -> dict[str, Any]:
        return _elements_by_id(
            "<html><body><div class='refentry' id='doc'>"
            "<div class='refsynopsisdiv' id='syn'><h2>Synopsis</h2><p>lockplan [option]</p></div>"
            "<div class='refsect1' id='a'><h2>Description</h2><p>"
            + "It plans the lock gate openings from a tide table. " * 3
            + "</p></div>"
            "<div class='refsect1' id='b'><h2>Options</h2><div class='variablelist'>"
            "<dl id='opts'><dt>--margin</dt><dd>The safety margin.</dd></dl></div></div>"
            f"{extra}</div></body></html>"
        )

    by_id = page("<div class='refsect1' id='c'><h2>Examples</h2><p>lockplan -q</p></div>")
    assert sibling_sections([by_id["opts"]]) == [by_id["doc"]]
    # Two sections of a kind are a page's parts, not a document of them.
    by_id = page("")
    assert sibling_sections([by_id["opts"]]) == [by_id["opts"]]
    # Sections that are a small part of their holder come alone, without the rest of it.
    by_id = page(
        "<div class='refsect1' id='c'><h2>Examples</h2><p>lockplan -q</p></div>"
        "<div class='promo' id='p'>" + "<p>Buy the harbour almanac for the season.</p>" * 12
        + "</div>"
    )
    assert sibling_sections([by_id["opts"]]) == [by_id["a"], by_id["b"], by_id["c"]]


def test_a_pick_deep_in_nested_sections_takes_the_whole_outline() -> None:
    # Each heading's <section> holds the next ones: the article's opening sections sit in
    # the outer levels, beside the chain readability's innermost pick is in.
    from cleaner.extract import enclosing_sections

    by_id = _elements_by_id(
        "<html><body><article id='art'><h1>Podcast gear</h1>"
        "<section id='s1'><h2>Microphones</h2><p>One.</p>"
        "<section id='s2'><h2>Headphones</h2><p>Two.</p>"
        "<section id='s3'><h2>Stands</h2><p>Three.</p>"
        "<section id='a'><h2>Setup</h2><p>Four.</p></section>"
        "<section id='b'><h2>Tips</h2><p>Five.</p></section>"
        "</section></section></section></article>"
        "<section id='x'><section id='y'><h2>Shallow</h2><p>Six.</p></section></section>"
        "</body></html>"
    )
    assert enclosing_sections([by_id["a"], by_id["b"]]) == [by_id["art"]]
    # Two levels are a section and its part, not an outline.
    assert enclosing_sections([by_id["y"]]) == [by_id["y"]]


def test_class_words_of_taxonomy_slugs_do_not_remove_the_article() -> None:
    article = "".join(f"<p>{ARTICLE_SENTENCE} Para {i}.</p>" for i in range(10))
    body = f"<article class='post category-social-media tag-share'>{article}</article>"
    assert "Para 9." in clean(_page(body)).markdown


def test_forum_thread_keeps_every_post_through_the_main_region() -> None:
    from pathlib import Path

    page = Path(__file__).resolve().parent.parent / "samples" / "forum-thread" / "input.html"
    doc = clean(page.read_bytes())
    assert doc.method == "main-region"
    assert doc.markdown.count("» ") == 5  # five posts, each with its author line


def test_readability_scores_a_copy_and_never_a_hidden_copy_of_the_article() -> None:
    import lxml.html

    from cleaner.extract import readability_pick
    from cleaner.parse import parse_html

    article = "".join(f"<p>{ARTICLE_SENTENCE * 2} Part {i}.</p>" for i in range(8))
    hidden = "".join(f"<p>{ARTICLE_SENTENCE * 3} Hidden {i}.</p>" for i in range(9))
    root = parse_html(
        f"<html><body><div id='shown'>{article}</div>"
        f"<div id='folded' style='display: none'>{hidden}</div></body></html>"
    )
    before = lxml.html.tostring(root)
    picked = readability_pick(root)
    assert lxml.html.tostring(root) == before  # our tree is untouched
    assert [e.get("id") for e in picked] == ["shown"]


def test_a_pages_own_attribute_named_like_readabilitys_marks_changes_nothing() -> None:
    # The elements readability keeps are found again by an attribute holding their place;
    # the page's own attribute of that name must neither mislead nor break the search.
    import lxml.html

    from cleaner.extract import CID_ATTR, readability_pick
    from cleaner.parse import parse_html

    article = "".join(f"<p {CID_ATTR}='0'>{ARTICLE_SENTENCE * 2} Part {i}.</p>" for i in range(8))
    root = parse_html(
        f"<html><body><div id='menu' {CID_ATTR}='x'><a href='/'>Home</a></div>"
        f"<div id='story' {CID_ATTR}='99999'>{article}</div></body></html>"
    )
    before = lxml.html.tostring(root)
    assert [e.get("id") for e in readability_pick(root)] == ["story"]
    assert lxml.html.tostring(root) == before


def test_pick_with_a_sliver_of_the_regions_text_yields_to_the_region(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A listing: the only paragraph is the intro's; the items are list entries. Whatever
    # readability makes of it, a pick of the intro alone is a fragment of the page.
    from cleaner import extract
    from cleaner.parse import parse_html

    items = "".join(
        f"<li><b>Harbour tide table {i}</b> <span>High water at {i}:15, low water at {i}:50, "
        f"range {i}.2 metres, gates open from {i}:00</span></li>"
        for i in range(1, 13)
    )
    root = parse_html(
        _page(
            "<main><div class='intro'><p>Tide tables for the harbour, updated each week by "
            "the harbour master, with every gate opening.</p></div>"
            f"<section class='listing'><ul>{items}</ul></section></main>"
        )
    )
    intro = root.find(".//div")
    monkeypatch.setattr(extract, "readability_pick", lambda root: [intro])
    found = extract.extract_main(root)
    assert found.method == "main-region"
    assert [e.tag for e in found.roots] == ["main"]


def test_a_main_that_holds_only_a_banner_is_not_the_region() -> None:
    from cleaner.extract import main_region
    from cleaner.parse import parse_html

    services = "".join(
        f"<div class='card'><h3>Service {i}</h3><span>{ARTICLE_SENTENCE}</span></div>"
        for i in range(8)
    )
    root = parse_html(
        _page(f"<main><h1>Harbour services</h1></main><div class='grid'>{services}</div>")
    )
    assert main_region(root.find("body")).tag == "body"
    root = parse_html(_page(f"<main><h1>Harbour services</h1>{services}</main><div>x</div>"))
    assert main_region(root.find("body")).tag == "main"


_POST = "".join(f"<p>{ARTICLE_SENTENCE * 2} Part {i}.</p>" for i in range(4))
_REPLIES = "".join(
    f"<article class='comment-body' id='comment-{i}'><p>Reply {i}: the gates leaked "
    f"again last spring, and the council said nothing about it for weeks.</p></article>"
    for i in range(6)
)


def test_comments_marked_up_as_articles_still_go_under_an_article() -> None:
    # More reply text than post text: readability alone would take the whole <article>.
    replies = _REPLIES.replace("</p>", f" {ARTICLE_SENTENCE * 3}</p>")
    page = _page(
        f"<main><article class='post'><h1>Tidal gates</h1>{_POST}"
        f"<footer><div id='comments' class='comments-area'><ol class='comment-list'>"
        f"{replies}</ol></div></footer></article></main>"
    )
    doc = clean(page)
    assert "Part 3." in doc.markdown
    assert "Reply 0" not in doc.markdown
    assert "comments" in doc.removed_counts()


def test_a_thread_in_main_keeps_its_replies_whatever_their_class() -> None:
    # Little prose outside the replies in their <main>: the replies are the page.
    page = _page(
        "<div class='promo'><p>"
        + "Join our forum for harbour news and tide alerts. " * 12
        + f"</p></div><main><h1>Tidal gates leaking?</h1><div class='comments'>{_REPLIES}"
        "</div></main>"
    )
    doc = clean(page)
    assert "Reply 0" in doc.markdown and "Reply 5" in doc.markdown


def test_a_page_that_declares_a_discussion_keeps_replies_after_a_long_question() -> None:
    head = (
        '<script type="application/ld+json">{"@context": "https://schema.org", '
        '"@type": "DiscussionForumPosting", "headline": "Tidal gates"}</script>'
    )
    body = f"<main><h1>Tidal gates</h1>{_POST}<div id='comments'>{_REPLIES}</div></main>"
    assert "Reply 3" in clean(_page(body, head)).markdown
    assert "Reply 3" not in clean(_page(body)).markdown


def test_a_page_of_divs_under_a_chrome_class_is_rescued_by_the_text_guard() -> None:
    # No <p> anywhere, and the builder named the content's wrapper "footer": the paragraph
    # guard sees no prose to protect, so the page would come out empty.
    services = "".join(f"<div>{ARTICLE_SENTENCE} Service {i}.</div>" for i in range(6))
    page = _page(
        f"<div class='site-footer-wrap'><h2>Gate repairs</h2>{services}</div>"
        "<footer><a href='/privacy'>Privacy</a></footer>"
    )
    doc = clean(page)
    assert "Service 5." in doc.markdown
    assert doc.method.endswith("+text-guard")
    assert "Privacy" not in doc.markdown


_PRODUCT_HEAD = (
    '<script type="application/ld+json">{"@context": "https://schema.org", '
    '"@type": "Product", "name": "Harbour lamp"}</script>'
)
_DESCRIPTION = "".join(f"<p>{ARTICLE_SENTENCE} Feature {i}.</p>" for i in range(4))
_SHOPPER_REVIEWS = (
    "<section class='product-reviews'><h2>Customer reviews</h2><ol>"
    + "".join(
        f"<li><p>Review {i}: bright enough to read by on the boat, and it survived "
        f"a winter on deck without rusting at all.</p></li>"
        for i in range(5)
    )
    + "</ol></section>"
)


def test_a_product_page_drops_shoppers_reviews() -> None:
    body = f"<main><h1>Harbour lamp</h1>{_DESCRIPTION}{_SHOPPER_REVIEWS}</main>"
    page = _page(body, _PRODUCT_HEAD)
    doc = clean(page)
    assert "Feature 3." in doc.markdown
    assert "Review 0" not in doc.markdown
    assert "product-reviews" in {r.rule for r in doc.removed}


def test_reviews_stay_on_pages_that_are_not_one_product() -> None:
    # A review site's roundup declares the products it reviews beside the article itself.
    article_head = _PRODUCT_HEAD.replace('"Product"', '["NewsArticle", "Product"]')
    body = f"<main><h1>Harbour lamp</h1>{_DESCRIPTION}{_SHOPPER_REVIEWS}</main>"
    assert "Review 0" in clean(_page(body)).markdown
    assert "Review 0" in clean(_page(body, article_head)).markdown


def test_readability_does_not_add_siblings_of_the_pages_main() -> None:
    page = _page(
        "<div class='strip'><p>Free delivery on orders over forty pounds. Easy returns.</p></div>"
        f"<main><h1>Tidal gates</h1>{_POST}</main>"
        "<div class='after'><p>Every order is packed by hand in our harbour warehouse. "
        "Thank you.</p></div>"
    )
    doc = clean(page)
    assert "Part 3." in doc.markdown
    assert "Free delivery" not in doc.markdown
    assert "packed by hand" not in doc.markdown


_CAPTION = "The new tidal gates at low water, seen from the harbour wall on Tuesday morning."


def test_a_caption_printed_twice_in_a_row_comes_out_once() -> None:
    page = _page(
        f"<article><h1>Tidal gates</h1><figure><img src='g.jpg'><figcaption>"
        f"<div class='caption-truncated'><p>{_CAPTION}</p></div>"
        f"<div class='caption-full'><p>{_CAPTION}</p></div></figcaption></figure>{_POST}"
        "</article>"
    )
    doc = clean(page)
    assert doc.markdown.count("seen from the harbour wall") == 1
    assert "Part 3." in doc.markdown


def test_a_label_printed_again_as_the_sections_heading_comes_out_as_the_heading() -> None:
    label = "Built to give your work a competitive edge"
    page = _page(
        f"<article><h1>Tidal gates</h1>{_POST}<div class='tab-label'>{label}</div>"
        f"<h2>{label}</h2><p>{ARTICLE_SENTENCE}</p></article>"
    )
    doc = clean(page)
    assert doc.markdown.count(label) == 1
    assert f"## {label}\n" in doc.markdown


def test_a_section_printed_again_whole_comes_out_once() -> None:
    section = "".join(f"<p>{ARTICLE_SENTENCE} Step {i}.</p>" for i in range(4))
    page = _page(
        f"<main><h1>Tidal gates</h1><div class='desktop'>{section}</div>"
        f"<div class='mobile'>{section}</div><p>{ARTICLE_SENTENCE} The end.</p></main>"
    )
    doc = clean(page)
    assert doc.markdown.count("Step 3.") == 1
    assert "The end." in doc.markdown
    assert "duplicate" in doc.removed_counts()


def test_a_carousel_of_text_slides_printed_again_comes_out_once() -> None:
    # Carousels clone their slides for endless scrolling; the slides are divs of text.
    slides = "".join(
        f"<div class='slide'><div class='quote'>Slide {i}: collaborative planning that helps "
        "the harbour team build the right thing, faster.</div></div>"
        for i in range(3)
    )
    page = _page(
        f"<main><h1>Tidal gates</h1><p>{ARTICLE_SENTENCE * 3}</p>"
        f"<div class='track'>{slides}</div><div class='track clone'>{slides}</div></main>"
    )
    doc = clean(page)
    assert doc.markdown.count("Slide 2:") == 1


def _hero(variant: str) -> str:
    return (
        f"<div class='variant {variant}'><header><h1>From brainstorm to breakthrough</h1>"
        "<p>Collaborative workflows that help the harbour team build the right thing.</p>"
        "<h5>More than a hundred harbours plan their tides on the canvas today.</h5>"
        "<div>Drew</div></header></div>"
    )


def test_a_hero_printed_once_per_screen_size_comes_out_once() -> None:
    # Site builders print the hero for each breakpoint side by side, each hidden at the
    # others' widths by CSS: copies back to back in one container with the original.
    heroes = "".join(_hero(v) for v in ("desktop", "tablet", "phone"))
    page = _page(f"<main><div class='hero'>{heroes}</div><p>{ARTICLE_SENTENCE * 3}</p></main>")
    doc = clean(page)
    assert doc.markdown.count("More than a hundred harbours") == 1
    assert "tidal gates" in doc.markdown


def test_the_same_descriptions_far_apart_stay() -> None:
    # Two objects of an API whose parameters are described alike, with prose between: the
    # page says it again on purpose; it does not print a part of itself twice in a row.
    def param(name: str, what: str) -> str:
        return (
            f"<div class='param'><code>{name}</code><p>The {what} shown on the statement "
            f"for a charge made without a card.</p><p>The {what} is ignored for card "
            "charges unless no suffix is set.</p></div>"
        )

    params = param("descriptor", "text") + param("descriptor_kana", "kana text")
    doc = clean(
        _page(
            f"<main><h1>Charges</h1><section><h2>Charge</h2>{params}</section>"
            f"<section><h2>Payment intent</h2><p>{ARTICLE_SENTENCE}</p>{params}</section></main>"
        )
    )
    assert doc.markdown.count("kana text shown on the statement") == 2


def test_a_reply_quoting_a_post_drops_the_quote_but_keeps_its_answer() -> None:
    first = "The gates leaked again last spring, and the council said nothing for weeks."
    page = _page(
        f"<main><h1>Tidal gates</h1><div class='post'><p>{first}</p></div>"
        f"<div class='post'><blockquote><p>{first}</p></blockquote>"
        "<p>They fixed the seals in June, according to the harbour master.</p></div></main>"
    )
    doc = clean(page)
    assert doc.markdown.count("said nothing for weeks") == 1
    assert "fixed the seals in June" in doc.markdown


def test_repeats_the_page_means_stay() -> None:
    # The same snack in both plans, the same fine print on every coupon: each sits beside
    # text of its own, so neither is a copy of a block.
    snack = "Snack: one apple and a tablespoon of almond butter, eaten mid-afternoon."
    plans = "".join(
        f"<section><h2>Plan {p}</h2><p>Breakfast {p}: porridge with {p} berries and seeds.</p>"
        f"<p>{snack}</p><p>Dinner {p}: grilled fish with {p} greens and rice.</p></section>"
        for p in ("A", "B")
    )
    doc = clean(_page(f"<main><h1>Plans</h1>{plans}</main>"))
    assert doc.markdown.count("one apple") == 2


def test_a_declared_article_keeps_its_pick_beside_a_longer_rail_of_teasers() -> None:
    head = (
        '<script type="application/ld+json">{"@context": "https://schema.org", '
        '"@type": "NewsArticle", "headline": "Tidal gates"}</script>'
    )
    story = "".join(f"<p>{ARTICLE_SENTENCE * 2} Part {i}.</p>" for i in range(8))
    teasers = "".join(
        f"<div class='card'><h3><a href='/s{i}'>Other story {i}</a></h3>"
        f"<p>{'A teaser sentence that runs on for a while here. ' * 6}</p></div>"
        for i in range(40)
    )
    body = f"<div class='row'><article><h1>Tidal gates</h1>{story}</article></div>{teasers}"
    doc = clean(_page(body, head))
    assert "Part 7." in doc.markdown
    assert "Other story" not in doc.markdown
    # Without the declaration the same page is a page of many blocks: all of it stays.
    assert "Other story" in clean(_page(body)).markdown


def test_a_documentation_section_named_after_its_heading_is_not_its_id_word() -> None:
    sections = "".join(
        f"<section id='{name.lower()}'><h2>{name}</h2><p>{ARTICLE_SENTENCE} About {name}.</p>"
        f"<pre><code>app.{name.lower()}.get('x')</code></pre></section>"
        for name in ("Routing", "Cookies", "Sessions")
    )
    doc = clean(_page(f"<main><h1>Quickstart</h1>{sections}</main>"))
    assert "About Cookies." in doc.markdown
    assert "app.cookies.get" in doc.markdown


def test_a_lone_comments_section_named_after_its_heading_still_goes() -> None:
    page = _page(
        f"<main><article><h1>Tidal gates</h1>{_POST}<section id='comments'><h2>Comments</h2>"
        "<p>Reply from a reader: the gates leaked again last spring, sadly.</p></section>"
        "</article></main>"
    )
    assert "Reply from a reader" not in clean(page).markdown


def test_parts_of_the_article_in_the_picks_own_class_join_it() -> None:
    summary = "We tested thirteen harbour lamps over a winter to find the brightest one."
    body = "".join(f"<p>{ARTICLE_SENTENCE * 2} Part {i}.</p>" for i in range(8))
    page = _page(
        "<main><article><h1>Harbour lamps</h1>"
        f"<div class='summary'><div class='articletext'><p>{summary}</p></div></div>"
        "<div class='ad-slot-wrapper'><div class='box'><img src='ad.gif'></div></div>"
        f"<div class='results'><div class='articletext'>{body}</div></div></article>"
        "<aside><div class='articletext'><p>Other lamps we liked last year, in brief.</p>"
        "</div></aside></main>"
    )
    doc = clean(page)
    assert summary in doc.markdown
    assert doc.markdown.index(summary) < doc.markdown.index("Part 0.")
    assert "Other lamps we liked" not in doc.markdown


def test_a_body_split_into_rich_text_blocks_joins_up_without_an_article() -> None:
    # A page builder's post: sections in rich-text blocks of one class around a call-out,
    # no <article> around them. A teaser of another post shares the class and stays out.
    intro = "Tipping culture varies widely, and this guide explains the usual rates first."
    sections = "".join(f"<p>{ARTICLE_SENTENCE * 2} Part {i}.</p>" for i in range(8))
    page = _page(
        "<div class='post-wrap'><h1>Tipping</h1>"
        f"<section class='s1'><div class='rich-text'><p>{intro} {ARTICLE_SENTENCE}</p></div>"
        "</section><div class='callout'><a href='/demo'>Get a demo</a></div>"
        f"<section class='s2'><div class='rich-text'>{sections}</div></section>"
        "<section class='s3'><div class='rich-text'><p><a href='/other'>Another post about "
        "tipping staff and splitting the bill</a> by the editors</p></div></section></div>"
    )
    doc = clean(page)
    assert intro in doc.markdown and "Part 7." in doc.markdown
    assert "Another post" not in doc.markdown


_TEASERS = "".join(
    f"<article class='postbox'><h4><a href='/p{i}'>Other post {i}</a></h4>"
    f"<p>{'An excerpt of another post that runs for a few lines here. ' * 4}</p></article>"
    for i in range(6)
)


def test_a_related_section_of_teasers_goes_even_when_it_outweighs_the_article() -> None:
    story = "".join(f"<p>{ARTICLE_SENTENCE} Part {i}.</p>" for i in range(3))
    page = _page(
        f"<div id='primary'><article class='articlebox'><h1>Tidal gates</h1>{story}</article>"
        f"<article class='postbox'><h3>Você pode gostar...</h3>{_TEASERS}</article></div>"
    )
    doc = clean(page)
    assert "Part 2." in doc.markdown
    assert "Other post" not in doc.markdown and "An excerpt" not in doc.markdown


def test_a_page_that_is_only_related_teasers_keeps_them() -> None:
    page = _page(f"<main><section><h2>Related posts</h2>{_TEASERS}</section></main>")
    assert "Other post 5" in clean(page).markdown


POLICY_SENTENCE = (
    "We may collect personal information that you provide directly to us when you create an "
    "account, place an order, or contact customer support, and we retain it as required. "
)


def _policy_dialog(modal: str = 'aria-modal="true"', sections: int = 12) -> str:
    policy = "".join(f"<p>{POLICY_SENTENCE * 2} Section {i}.</p>" for i in range(sections))
    return f'<div role="dialog" {modal}><h2>Privacy Policy</h2>{policy}</div>'


def test_a_long_policy_in_a_closed_dialog_does_not_outweigh_a_short_product_page() -> None:
    # The footer's "Privacy" link opens a modal holding the whole policy: more prose than
    # the product's description, so scoring picked it and widened to the whole page.
    specs = "".join(
        f"<tr><th>{k}</th><td>{v}</td></tr>"
        for k, v in [("Upper", "Merino wool"), ("Sole", "Sugarcane foam"), ("Weight", "290 g")]
    )
    sizes = "".join(f"<li><a href='/size/{n}'>US size {n} in stock</a></li>" for n in range(4, 16))
    product = (
        "<main><h1>Wool Runner</h1><p>A true original: soft merino wool with cloud-like "
        "comfort, washable and light enough for every day.</p><p>Breathable in summer and "
        f"warm in winter.</p><table>{specs}</table><ul class='sizes'>{sizes}</ul></main>"
    )
    menu = "".join(f"<li><a href='/c/{n}'>Category {n} for men</a></li>" for n in range(12))
    page = f"<header><ul>{menu}</ul></header>{product}<footer>{_policy_dialog(sections=6)}</footer>"
    doc = clean(_page(page))
    assert "soft merino wool" in doc.markdown
    assert "Privacy Policy" not in doc.markdown
    assert "personal information" not in doc.markdown


def test_a_side_sheet_that_is_not_modal_is_kept() -> None:
    sheet = _policy_dialog('aria-modal="false"')
    doc = clean(_page(f"<main><h1>Terms</h1>{sheet}</main>"))
    assert "Section 11." in doc.markdown


def test_a_page_that_is_only_a_dialog_keeps_it() -> None:
    # Nothing of substance outside the dialog: it is what the page shows.
    doc = clean(_page(f"<header><a href='/'>Home</a></header>{_policy_dialog()}"))
    assert "Section 11." in doc.markdown


def _widened_from(post: str, pick_class: str) -> bool:
    """Whether widening a pick of class `pick_class` inside `<div class='post'>` reaches the
    post."""
    from lxml import html as lxml_html

    from cleaner.extract import widen

    body = lxml_html.fromstring(f"<html><body><div class='post'>{post}</div></body></html>").find(
        "body"
    )
    pick = body.find(f".//div[@class='{pick_class}']")
    return widen([pick], body) == [body.find("div")]


def test_widening_looks_past_wrappers_that_hold_only_the_pick() -> None:
    # An embed's div around the picked block holds nothing else, so its share of the
    # prose (all of it) says nothing: what holds the wrapper decides.
    post = f"<p>{ARTICLE_SENTENCE * 3}</p>" * 4 + (
        f"<div class='embed'><div class='box'><p>{ARTICLE_SENTENCE}</p></div></div>"
    )
    assert _widened_from(post, "box")


def test_a_pick_with_just_over_half_of_its_parents_prose_is_widened() -> None:
    # A body split into two rich-text blocks around a call-out, 11 paragraphs and 9:
    # readability's pick is the larger part, not the body.
    post = (
        "<div class='part'>" + f"<p>{ARTICLE_SENTENCE}</p>" * 11 + "</div>"
        "<div class='cta'><a href='/demo'>Book a demo</a></div>"
        "<div class='rest'>" + f"<p>{ARTICLE_SENTENCE}</p>" * 9 + "</div>"
    )
    assert _widened_from(post, "part")


def test_a_pick_in_an_articles_flow_of_paragraphs_takes_the_flow() -> None:
    # A site builder's embed (a table, then the article's second half) inside the rich
    # text: readability's pick is the embed, most of the prose; the paragraphs and
    # headings before it are the same article.
    post = (
        f"<p>{ARTICLE_SENTENCE * 2}</p><h2>Gates</h2><p>{ARTICLE_SENTENCE * 2}</p>"
        "<div class='embed'><div class='box'><table><tr><td>1</td><td>2</td></tr></table>"
        + f"<p>{ARTICLE_SENTENCE * 2}</p>" * 6
        + "</div></div>"
    )
    assert _widened_from(post, "box")


def test_a_pick_in_a_figure_takes_the_articles_flow_on_an_article_page() -> None:
    # A table's wrapper left unclosed swallows the rest of the article, inside the table's
    # <figure>: on an article page wrappers are not climbed, but a figure is a block of the
    # article's flow, not a wrapper of the article.
    from lxml import html as lxml_html

    from cleaner.extract import widen

    post = (
        f"<p>{ARTICLE_SENTENCE * 2}</p><h2>The Tests</h2><p>{ARTICLE_SENTENCE * 2}</p>"
        "<figure class='table-block'><div class='table-wrapper'><table><tr><td>Glass</td>"
        "</tr></table>" + f"<p>{ARTICLE_SENTENCE * 2}</p>" * 6 + "</div></figure>"
    )
    body = lxml_html.fromstring(f"<html><body><div class='post'>{post}</div></body></html>").find(
        "body"
    )
    pick = body.find(".//div[@class='table-wrapper']")
    assert widen([pick], body, through_wrappers=False) == [body.find("div")]


def test_a_group_block_among_an_articles_paragraphs_takes_the_flow_on_an_article_page() -> None:
    # WordPress: the steps of a how-to in a "wp-block-group" (and its inner container)
    # among the post's intro, headings and lists. On an article page wrappers are not
    # climbed, but a block whose siblings are the post's paragraphs is one of its blocks.
    from lxml import html as lxml_html

    from cleaner.extract import widen

    steps = "".join(f"<h3>{n}. Step</h3><p>{ARTICLE_SENTENCE * 2}</p>" for n in range(1, 7))
    post = (
        f"<p>{ARTICLE_SENTENCE * 2}</p><h2>Supplies</h2><ul><li>Chip brush</li></ul>"
        f"<p>{ARTICLE_SENTENCE}</p><div class='wp-block-group'>"
        f"<div class='wp-block-group__inner-container'>{steps}</div></div>"
        f"<p>{ARTICLE_SENTENCE}</p>"
    )
    body = lxml_html.fromstring(f"<html><body><div class='post'>{post}</div></body></html>").find(
        "body"
    )
    pick = body.find(".//div[@class='wp-block-group__inner-container']")
    assert widen([pick], body, through_wrappers=False) == [body.find("div")]


def test_a_pick_beside_widgets_is_not_taken_for_a_flow() -> None:
    # The same share of prose beside a sidebar's blocks of links stays the pick.
    widgets = "".join(
        f"<div class='widget'><h3>Popular</h3><ul><li><a href='/{i}'>Story {i}</a></li></ul>"
        f"<p>{ARTICLE_SENTENCE}</p></div>"
        for i in range(3)
    )
    post = (
        widgets
        + "<div class='embed'><div class='box'>"
        + f"<p>{ARTICLE_SENTENCE * 2}</p>" * 6
        + "</div></div>"
    )
    assert not _widened_from(post, "box")


def test_readability_clean_length_is_the_length_of_readabilitys_clean() -> None:
    import itertools

    from readability.readability import clean as readability_clean_text

    from cleaner.extract import readability_clean_length

    # Every run shape the shortcut tells apart: tabs before blanks, no-break and CJK spaces,
    # CR, runs of 255 and more, runs at either end.
    pieces = ["a", " ", "  ", "\t", "\n", "\r", "\xa0", "\u3000", "\x0b", "\u2009", " " * 300]
    for size in range(5):
        for combo in itertools.product(pieces, repeat=size):
            text = "".join(combo)
            assert readability_clean_length(text) == len(readability_clean_text(text)), repr(text)


def test_a_link_list_section_between_alike_sections_joins_them() -> None:
    # An Asciidoctor report: alike `sect1` blocks; the second lists the patches sent, a
    # list of links, between sections the pick widens to. After the last, links go.
    from cleaner.extract import repeated_items
    from cleaner.parse import parse_html

    def section(title: str, body: str) -> str:
        return f"<div class='sect1'><h2>{title}</h2><div class='sectionbody'>{body}</div></div>"

    patches = "".join(
        f"<li><a href='https://gcc.example/patch/{i}'>libgccjit: support vector type {i}</a></li>"
        for i in range(8)
    )
    root = parse_html(
        _page(
            "<div class='content'>"
            + section("What is the backend?", f"<p>{ARTICLE_SENTENCE}</p>")
            + section("Patches status", f"<p>Many patches were sent:</p><ul>{patches}</ul>")
            + section("State of the project", f"<p>{ARTICLE_SENTENCE * 3}</p>")
            + section("How to help", f"<p>{ARTICLE_SENTENCE * 2}</p>")
            + section("Elsewhere", f"<ul>{patches}</ul>")
            + "</div>"
        )
    )
    sections = [e for e in root.iter("div") if e.get("class") == "sect1"]
    body = root.find("body")
    assert body is not None
    found = repeated_items([sections[2]], body)
    assert [s.findtext("h2") for s in found] == [
        "What is the backend?",
        "Patches status",
        "State of the project",
        "How to help",
    ]


def test_repeated_posts_are_found_above_two_alike_parts_of_one_post() -> None:
    # Stack Overflow: an answer's body and its comments are both "post" parts, two alike
    # siblings that add little; the answers they belong to repeat further up, and come
    # with the question printed before their container.
    from cleaner.extract import repeated_items
    from cleaner.parse import parse_html

    def answer(n: int, sentences: int) -> str:
        return (
            f"<div class='answer js-answer answer-{n}'><div class='post-layout'>"
            f"<div class='answercell post-layout--right'><div class='s-prose js-post-body'>"
            f"<p>Answer {n}. {ARTICLE_SENTENCE * sentences}</p></div></div>"
            f"<div class='post-layout--right'><p>Thanks, that fixed it.</p>"
            "</div></div></div>"
        )

    question = f"<div class='question js-question'><p>Why? {ARTICLE_SENTENCE}</p></div>"
    root = parse_html(
        _page(
            f"<div id='mainbar'>{question}<div class='zone'></div><div class='answers'>"
            + "".join(answer(n, 6 if n == 0 else 2) for n in range(4))
            + "</div></div>"
        )
    )
    pick = next(e for e in root.iter("div") if e.get("class") == "s-prose js-post-body")
    body = root.find("body")
    assert body is not None
    found = repeated_items([pick], body)
    names = [e.get("class", "").split()[-1] for e in found]
    assert names == ["js-question"] + [f"answer-{n}" for n in range(4)]


def test_a_threads_two_posts_are_repeated_items_whatever_their_modifiers() -> None:
    # FluxBB: "blockpost rowodd firstpost blockpost1" and "blockpost roweven blockpost2":
    # two posts, a question and its answer, under the same first class naming a post.
    from cleaner.extract import repeated_items
    from cleaner.parse import parse_html

    def post(classes: str, text: str) -> str:
        return f"<div class='{classes}'><div class='postmsg'><p>{text}</p></div></div>"

    root = parse_html(
        _page(
            "<div id='brdmain'>"
            + post("blockpost rowodd firstpost blockpost1", "Why? " + ARTICLE_SENTENCE * 2)
            + post("blockpost roweven blockpost2", ARTICLE_SENTENCE * 3)
            + "</div>"
        )
    )
    answer = [e for e in root.iter("div") if e.get("class") == "postmsg"][1]
    body = root.find("body")
    assert body is not None
    found = repeated_items([answer], body)
    assert [e.get("class", "").split()[1] for e in found] == ["rowodd", "roweven"]


def test_page_builder_blocks_sharing_a_first_class_are_not_repeated_items() -> None:
    from cleaner.extract import repeated_items
    from cleaner.parse import parse_html

    root = parse_html(
        _page(
            f"<div class='wp-block-group article-body'><p>{ARTICLE_SENTENCE * 3}</p></div>"
            "<div class='wp-block-group ebook-form'><p>Request our free ebook.</p></div>"
        )
    )
    pick = next(e for e in root.iter("div") if "article-body" in e.get("class", ""))
    body = root.find("body")
    assert body is not None
    assert repeated_items([pick], body) == [pick]


def _shop_category(after_main: str) -> str:
    cards = "".join(
        f"<article class='product-miniature'><h2><a href='/p/{i}'>Gas grill {i}</a></h2>"
        f"<span class='price'>{400 + i},00 €</span><a href='/cart?p={i}'>Add to cart</a>"
        "</article>"
        for i in range(12)
    )
    return _page(
        "<header><a href='/'>Grill shop</a></header>"
        "<main id='content-wrapper'><h1>Gas grills</h1><p>Every gas grill we sell.</p>"
        f"<div class='products'>{cards}</div></main>{after_main}<footer>© Shop</footer>"
    )


def _region_of(html: str) -> str:
    from cleaner.extract import main_region
    from cleaner.parse import parse_html

    body = parse_html(html).find("body")
    assert body is not None
    return main_region(body).tag


def test_a_long_guide_beside_a_shops_main_makes_the_body_the_region() -> None:
    # A shop's category page: <main> holds the product grid, the long buying guide sits in
    # a full-width band below it. The guide is what the page has to say.
    guide = "".join(
        f"<h2>Choosing a grill, part {i}</h2><p>{ARTICLE_SENTENCE * 2}</p>" for i in range(6)
    )
    assert _region_of(_shop_category(f"<div class='description_longue'>{guide}</div>")) == "body"
    # Half as much guide as <main> holds of long paragraphs leaves <main> the region.
    intro = f"<p>{ARTICLE_SENTENCE * 2}</p>" * 4
    page = _shop_category(f"<div class='description_longue'>{guide}</div>")
    assert _region_of(page.replace("<p>Every gas grill we sell.</p>", intro)) == "main"


def test_short_notices_beside_a_shops_main_leave_main_the_region() -> None:
    # A promo bar's rotating shipping notices are paragraphs too, but short ones.
    notices = "".join(
        f"<p>Free standard shipping on orders over {40 + i} in region {i}. For more on rates, "
        "see our <a href='/intl'>international page</a>.</p>"
        for i in range(30)
    )
    assert _region_of(_shop_category(f"<div class='promo-bar__slides'>{notices}</div>")) == "main"


def test_a_slot_listing_other_stories_beside_the_storys_slot_is_not_a_repeated_item() -> None:
    # A news site's page builder: the story and the "more stories" teasers after it sit in
    # two slots of one class ("widget_posts_slot"), a name that says "post".
    from cleaner.extract import repeated_items
    from cleaner.parse import parse_html

    teasers = "".join(
        f"<article class='article article_{i}'><h3><a href='/news/{i}'>Headline {i}</a></h3>"
        f"<div class='body'><p>{ARTICLE_SENTENCE}...</p></div></article>"
        for i in range(3)
    )
    root = parse_html(
        _page(
            "<div class='central-column'>"
            "<div class='widget_posts_slot'><article class='article Single-Post'>"
            f"<div class='body content-single-wrap'><p>{ARTICLE_SENTENCE * 4}</p></div>"
            "</article></div>"
            f"<div class='widget_posts_slot'>{teasers}</div></div>"
        )
    )
    pick = next(e for e in root.iter("div") if "content-single-wrap" in e.get("class", ""))
    body = root.find("body")
    assert body is not None
    assert repeated_items([pick], body) == [pick]


def test_forum_posts_whose_bodies_are_articles_too_are_repeated_items() -> None:
    # XenForo: each post is an `<article class="message">` holding an
    # `<article class="message-body">`: one post each, however many <article> tags.
    from cleaner.extract import repeated_items
    from cleaner.parse import parse_html

    def post(n: int, sentences: int) -> str:
        return (
            f"<article class='message message--post js-post' id='js-post-{n}'>"
            f"<div class='message-user'>member{n}</div><article class='message-body'>"
            f"<p>Post {n}. {ARTICLE_SENTENCE * sentences}</p></article></article>"
        )

    root = parse_html(
        _page("<div class='block-body'>" + "".join(post(n, 3 if n == 0 else 2) for n in range(4)))
    )
    pick = next(e for e in root.iter("article") if e.get("class") == "message-body")
    body = root.find("body")
    assert body is not None
    found = repeated_items([pick], body)
    assert [e.get("id") for e in found] == [f"js-post-{n}" for n in range(4)]


@pytest.mark.parametrize("declared_article", [False, True])
def test_a_pick_with_a_third_of_a_marked_main_is_one_part_of_it(
    declared_article: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A service page: readability picks its FAQ, the longest prose; the page's <main> also
    # holds what the service is, in cards and lists. On a declared article, the longest
    # prose is the article and the rest of <main> is what sits around it.
    import cleaner.extract as extract
    from cleaner.parse import parse_html

    faq = "".join(f"<h3>Question {i}?</h3><p>{ARTICLE_SENTENCE * 2}</p>" for i in range(4))
    cards = "".join(
        f"<li><h3>Module {i}</h3><ul><li>Dashboards for every team</li>"
        "<li>Alerts when the numbers move</li><li>Exports to every format</li></ul></li>"
        for i in range(30)
    )
    root = parse_html(
        _page(f"<main><ul class='grid'>{cards}</ul><div class='faq'>{faq}</div></main>")
    )
    faq_block = next(e for e in root.iter("div") if e.get("class") == "faq")
    monkeypatch.setattr(extract, "readability_pick", lambda _root: [faq_block])
    found = extract.extract_main(root, "T", is_article=declared_article)
    assert found.method.startswith("main-region") is not declared_article
    assert found.method.startswith("readability") is declared_article


@pytest.mark.parametrize(
    ("html", "qa", "discussion"),
    [
        # Stack Exchange declares its QAPage on <html> itself.
        ('<html itemscope itemtype="https://schema.org/QAPage"><body></body></html>', True, False),
        (
            '<html><head><script type="application/ld+json">{"@type": "QAPage"}</script>'
            "</head><body></body></html>",
            True,
            False,
        ),
        (
            '<html><body><div itemscope itemtype="http://schema.org/DiscussionForumPosting">'
            "</div></body></html>",
            False,
            True,
        ),
        ("<html><body><article><p>x</p></article></body></html>", False, False),
        # Thread views named by their forum software, with no declared type.
        ('<html><body data-template="thread_view"><p>x</p></body></html>', False, True),
        ('<html><body class="nojs section-viewtopic ltr"><p>x</p></body></html>', False, True),
        ('<html><body><main class="MainContent ThreadViewPage"></main></body></html>', False, True),
        (
            '<html><head><link rel="canonical" href="https://forum.example/threads/a-question.42/">'
            "</head><body><p>x</p></body></html>",
            False,
            True,
        ),
        (
            '<html><head><link rel="canonical" href="https://example.org/viewtopic.php?t=7">'
            "</head><body><p>x</p></body></html>",
            False,
            True,
        ),
        # A listing of topics, and a course page's "view topics" tab, are not threads.
        ('<html><body class="topic-page"><p>x</p></body></html>', False, False),
        ('<html><body id="page-course-view-topics"><p>x</p></body></html>', False, False),
        (
            '<html><head><link rel="canonical" href="https://example.org/topics/cloud/">'
            "</head><body><p>x</p></body></html>",
            False,
            False,
        ),
    ],
)
def test_questions_and_forum_threads_are_told_apart(html: str, qa: bool, discussion: bool) -> None:
    from cleaner.metadata import read_metadata
    from cleaner.parse import parse_html

    meta = read_metadata(parse_html(html))
    assert (meta.is_qa, meta.is_discussion) == (qa, discussion)


def _reviews(star: str) -> str:
    """Three movers rated with star pictures inside each rating's link, then the article."""
    cards = "".join(
        f"<h2>Mover {n}</h2><p>rating <a href='/review/{n}'>"
        + f"<img src='{star}' alt='star'>" * 5
        + f" 4.{n} / 5</a></p><p>{ARTICLE_SENTENCE}</p>"
        for n in range(3)
    )
    return _page(f"<main><h1>Movers</h1>{cards}<p>{ARTICLE_SENTENCE * 3}</p></main>")


def test_a_picture_used_again_and_again_is_an_icon_and_goes() -> None:
    doc = clean(_reviews("/img/icons/star.svg"))
    assert "star.svg" not in doc.markdown
    assert "rating [4.2 / 5](/review/2)" in doc.markdown
    assert sum(r.rule == "icon-image" for r in doc.removed) == 15


def test_a_picture_shown_once_or_twice_stays() -> None:
    photo = "<img src='/photos/gates.jpg' alt='The gates at dusk'>"
    page = _page(
        f"<main><h1>Gates</h1>{photo}<p>{ARTICLE_SENTENCE * 3}</p>"
        f"<a href='/photos/gates.jpg'>{photo}</a><p>{ARTICLE_SENTENCE * 2}</p></main>"
    )
    assert clean(page).markdown.count("![The gates at dusk](/photos/gates.jpg)") == 2


def test_a_picture_that_is_a_table_cells_value_stays_however_often() -> None:
    badge = "<img src='/badges/editors-choice.png' alt=\"Editors' Choice\">"
    rows = "".join(
        f"<tr><td>Model {n}</td><td>{badge}</td><td>{n}00 lumens</td></tr>" for n in range(4)
    )
    page = _page(
        f"<main><h1>Lamps</h1><p>{ARTICLE_SENTENCE * 3}</p><table>"
        f"<tr><th>Model</th><th>Award</th><th>Output</th></tr>{rows}</table></main>"
    )
    doc = clean(page)
    assert doc.markdown.count("editors-choice.png") == 4
    assert doc.text.count("Editors' Choice") == 4


def test_a_picture_between_two_picked_parts_comes_along() -> None:
    # readability scores text: given the title and the story of a mirror page, the photo
    # and caption between them scored nothing and were left out of the middle.
    from cleaner.extract import blocks_between
    from cleaner.parse import parse_html

    root = parse_html(
        "<html><body><h3>Tidal gates</h3><hr>"
        "<div><img src='/photos/gates.jpg'><p>The gates at dusk.</p></div><hr>"
        f"<div><p>{ARTICLE_SENTENCE * 4}</p></div>"
        "<div><a href='/a'><img src='/a.jpg'>Another story</a></div>"
        f"<div><p>{ARTICLE_SENTENCE * 2}</p></div></body></html>"
    )
    title, _, photo, _, story, _teaser, tail = root.find("body")
    picked = blocks_between([title, story, tail])
    assert picked == [title, photo, story, tail]  # the teaser is a link, not a picture
    assert blocks_between([story]) == [story]


def test_a_section_title_between_two_picked_parts_comes_along() -> None:
    # readability scores paragraphs: a heading block of its own between two chosen text
    # blocks (Drupal's paragraphs: "section-heading", then "text-section") scores nothing,
    # and the body came out headless. A block of other text between them stays out.
    from cleaner.extract import blocks_between
    from cleaner.parse import parse_html

    root = parse_html(
        f"<html><body><div><p>{ARTICLE_SENTENCE * 3}</p></div>"
        "<div class='section-heading'><h2>Common threats</h2></div>"
        f"<div><p>{ARTICLE_SENTENCE * 3}</p></div>"
        "<h3>Assess your risk</h3>"
        f"<div><p>OTHER {ARTICLE_SENTENCE}</p></div>"
        f"<div><p>{ARTICLE_SENTENCE * 3}</p></div></body></html>"
    )
    first, title, second, heading, _other, third = root.find("body")
    picked = blocks_between([first, second, third])
    assert picked == [first, title, second, heading, third]


def test_a_mirror_pages_photo_before_its_story_is_kept() -> None:
    from pathlib import Path

    sample = Path(__file__).parent.parent / "samples" / "mirror-photo-before-story" / "input.md"
    doc = clean(sample.read_bytes())
    assert "+between" in doc.method
    assert "![](http://i.example.com/assets/uploads/2009/12/shuyuan-450x525.jpg)" in doc.markdown


def test_icons_in_a_page_laid_out_in_a_table_still_go() -> None:
    # The whole content sits in a layout cell: that cell is not a table cell's value.
    cards = "".join(
        f"<p>Mover {n} rating " + "<img src='/i/star.gif' alt='*'>" * 5 + f" 4.{n}</p>"
        for n in range(3)
    )
    page = _page(
        f"<table><tr><td><h1>Movers</h1>{cards}<p>{ARTICLE_SENTENCE * 4}</p></td></tr></table>"
    )
    assert "star.gif" not in clean(page).markdown


def test_a_dated_label_goes_from_an_article_but_not_from_a_thread() -> None:
    body = f"<h1>Gates</h1><p>Updated August 14, 2025</p><p>{ARTICLE_SENTENCE * 6}</p>"
    article = _page(
        f"<article>{body}</article>",
        head='<meta property="og:type" content="article">',
    )
    assert "Updated August 14, 2025" not in clean(article).text
    # A page that declares no article: a post's "Posted March 19, 2024" is the post's.
    posts = "".join(
        f"<div class='post'><p>Posted March 19, 2024</p><p>{ARTICLE_SENTENCE * 3} {n}</p></div>"
        for n in range(3)
    )
    assert "Posted March 19, 2024" in clean(_page(f"<main>{posts}</main>")).text


def _opener_and_replies(reply_class: str) -> str:
    """A thread whose opening post sits in its own block, the replies in a list after it."""
    opener = (
        "<div class='Item-Header'>Linc</div>"
        f"<div class='Message'><p>{ARTICLE_SENTENCE * 4}</p></div>"
    )
    replies = "".join(
        f"<li class='{reply_class}'><b>member{n}</b><p>Reply {n}: I saw it coming, and good "
        "luck to everyone who built on it.</p></li>"
        for n in range(3)
    )
    return (
        "<html><body data-template='thread_view'><nav><a href='/'>Home</a></nav>"
        f"<main><div class='Discussion'>{opener}</div>"
        f"<h2>Comments</h2><ul class='DataList'>{replies}</ul></main></body></html>"
    )


def test_a_threads_replies_after_its_opening_post_are_kept() -> None:
    doc = clean(_opener_and_replies("Item ItemComment"))
    for n in range(3):
        assert f"Reply {n}: I saw it coming" in doc.text
    assert doc.method == "readability+replies"
    assert "Linc" in doc.text  # the opener's author line


def test_replies_after_takes_only_a_list_of_alike_posts() -> None:
    from cleaner.extract import replies_after
    from cleaner.parse import parse_html

    for reply_class, expected in (("Item ItemComment", 4), ("teaser", 1)):
        root = parse_html(_opener_and_replies(reply_class))
        body = root.find("body")
        assert body is not None
        opener = next(e for e in root.iter("div") if e.get("class") == "Message")
        found = replies_after([opener], body)
        assert len(found) == expected, reply_class
        # With its replies, the opener comes as a post too: its author line and all.
        assert found[0] is (opener.getparent() if expected > 1 else opener)


_QUOTE = (
    "The labs were the reason I finished: every module ends with a broken pipeline to fix, "
    "with real logs and a backlog growing while you think about it. "
)


@pytest.mark.parametrize(
    ("cards", "expected"),
    [
        # Testimonials: each card a quote, a picture and a name.
        (
            "".join(
                f"<div class='item'><p>{_QUOTE}</p><img src='/p{n}.jpg' alt=''>"
                f"<h3>Learner {n}</h3></div>"
                for n in range(6)
            ),
            True,
        ),
        # An article whose editor wraps each paragraph in a div of one class.
        ("".join(f"<div class='paragraph'><p>{_QUOTE}</p></div>" for _ in range(6)), False),
        # Too few cards to be a row of them.
        (
            "".join(
                f"<div class='item'><p>{_QUOTE}</p><h3>Learner {n}</h3></div>" for n in range(3)
            ),
            False,
        ),
        # Cards that are most of the text only with a long block beside them.
        (
            f"<div class='intro'><p>{_QUOTE * 12}</p><p>{_QUOTE * 12}</p></div>"
            + "".join(
                f"<div class='item'><p>{_QUOTE}</p><h3>Learner {n}</h3></div>" for n in range(4)
            ),
            False,
        ),
    ],
    ids=["testimonials", "wrapped-paragraphs", "three-cards", "cards-beside-an-intro"],
)
def test_a_pick_that_is_a_row_of_cards(cards: str, expected: bool) -> None:
    from cleaner.extract import _card_collection

    by_id = _elements_by_id(f"<html><body><div id='pick'>{cards}</div></body></html>")
    assert _card_collection([by_id["pick"]]) is expected


def test_a_lead_image_is_never_one_card_of_a_grid() -> None:
    """The picture just before the content is its lead image, unless it is one of a row of
    alike cards (a shop's product grid over its buying guide): then it is the last card, and
    the content's picture is none of them."""
    from cleaner.extract import lead_image
    from cleaner.parse import parse_html

    cards = "".join(
        f"<div class='product-card'><img src='/p/{i}.jpg'><a href='/p/{i}'>Bookcase {i}</a>"
        f"<p>Solid pine shelves that hold a metre of paperbacks, {i}9.00</p></div>"
        for i in range(6)
    )
    root = parse_html(
        f"<html><body><div class='grid'>{cards}</div>"
        f"<div class='guide'><p>{ARTICLE_SENTENCE * 4}</p></div></body></html>"
    )
    body = root.find("body")
    guide = body[1]
    assert lead_image(body, [guide], None) is None
    # A picture on its own before the story is its lead image.
    root = parse_html(
        "<html><body><div class='hero'><img src='/gates.jpg'></div>"
        f"<div class='story'><p>{ARTICLE_SENTENCE * 4}</p></div></body></html>"
    )
    body = root.find("body")
    assert lead_image(body, [body[1]], None) is body[0]


def test_a_picture_in_a_form_is_no_lead_image() -> None:
    """A newsletter sign-up's cover picture decorates the form before the story; a form
    around the whole page (ASP.NET's) holds the story's own picture too."""
    from cleaner.extract import lead_image
    from cleaner.parse import parse_html

    signup = (
        "<form action='/subscribe'><p>Get the free course</p><img src='/cover.png'>"
        "<input name='email'></form>"
    )
    story = f"<div class='story'><p>{ARTICLE_SENTENCE * 4}</p></div>"
    root = parse_html(f"<html><body>{signup}{story}</body></html>")
    body = root.find("body")
    assert lead_image(body, [body[1]], None) is None
    root = parse_html(
        f"<html><body><form id='aspnetForm'><div class='hero'><img src='/gates.jpg'></div>"
        f"{story}</form></body></html>"
    )
    form = root.find("body/form")
    assert lead_image(root.find("body"), [form[1]], None) is form[0]


@pytest.mark.parametrize(
    ("body", "title"),
    [
        # A lightbox's heading, hidden until a reader asks, is no headline: the <title> is.
        ("<div style='display:none'><h1>Score</h1><p>How scores work.</p></div>", "Best Books"),
        # Beside it, the one shown <h1> is the page's own headline.
        (
            "<h1>Data-driven marketing</h1><div hidden><h1>Sign in</h1></div>",
            "Data-driven marketing",
        ),
    ],
)
def test_a_hidden_heading_is_no_title(body: str, title: str) -> None:
    from cleaner.metadata import read_metadata
    from cleaner.parse import parse_html

    page = f"<html><head><title>Best Books | Shelf</title></head><body>{body}</body></html>"
    assert read_metadata(parse_html(page)).title == title


def test_a_menus_heading_is_no_title_and_a_headings_buttons_are_not_its_words() -> None:
    """rustdoc: the sidebar's "In std::result" is inside the <title> too; the item's <h1>
    carries a "Copy item path" button."""
    from cleaner.metadata import read_metadata
    from cleaner.parse import parse_html

    page = (
        "<html><head><title>Result in std::result - Rust</title></head><body>"
        "<nav class='sidebar'><h2><a href='#'>In std::result</a></h2><ul><li>Ok</li></ul></nav>"
        "<main><h1>Enum <span>Result</span> <button>Copy item path</button></h1>"
        "<p>Result is a type that represents either success or failure.</p></main>"
        "</body></html>"
    )
    assert read_metadata(parse_html(page)).title == "Enum Result"


@pytest.mark.parametrize(
    ("heading", "page_title", "title"),
    [
        # A Chinese template's title: headline_column_site, no spaces. The <h2> that is its
        # first part is the headline.
        ("<h2>秋天的故事</h2>", "秋天的故事_散文随笔_青枫美文网", "秋天的故事"),
        # A bar with no spaces parts a title as the underscore does.
        ("<h2>秋天的故事</h2>", "秋天的故事|青枫美文网", "秋天的故事"),
        # A column's heading the title also holds is not: the <title>, whole, says more.
        ("<h3>散文随笔</h3>", "秋天的故事_散文随笔_青枫美文网", "秋天的故事_散文随笔_青枫美文网"),
        # Spaced parts are another convention: a news site's title opens with its section.
        (
            "<h3>opinion</h3>",
            "Opinion | Republicans Are Following Trump to Nowhere",
            "Opinion | Republicans Are Following Trump to Nowhere",
        ),
    ],
)
def test_a_heading_that_is_the_titles_first_part_is_the_headline(
    heading: str, page_title: str, title: str
) -> None:
    from cleaner.metadata import read_metadata
    from cleaner.parse import parse_html

    page = f"<html><head><title>{page_title}</title></head><body>{heading}<p>x</p></body></html>"
    assert read_metadata(parse_html(page)).title == title
