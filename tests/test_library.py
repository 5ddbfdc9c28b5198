"""The library API end to end: the seed page exactly, options, metadata, errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import InputError, NoContentError, Options, clean

SEED = Path(__file__).resolve().parent.parent / "samples" / "seed-markdown-mirror" / "input.md"
ARTICLE = (
    "<html lang='en'><head><title>Tide tables | Harbour News</title>"
    "<link rel='canonical' href='https://news.example/tides'>"
    "<meta property='article:published_time' content='2024-03-02T10:00:00Z'></head><body>"
    "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
    "<article><h1>Tide tables</h1>"
    + "<p>The spring tides this month reach 4.8 metres at the old harbour, the highest since 2019. "
    "Boat owners are asked to check their moorings before the weekend.</p>"
    * 4
    + "</article><footer>© 2024 Harbour News</footer></body></html>"
)


def test_seed_markdown_is_exactly_the_article() -> None:
    doc = clean(SEED.read_bytes())
    blocks = doc.markdown.rstrip("\n").split("\n\n")
    assert blocks[0] == "# 日媒：习近平婉拒普京访俄邀请"
    assert blocks[1] == (
        "![日媒：习近平婉拒普京访俄邀请]"
        "(https://i.ntdtv.com/assets/uploads/2022/02/GettyImages-1238175215-800x450.jpg)"
    )
    assert blocks[2].startswith("2022年2月4日，普京（左）与习近平在北京会晤。")
    body = blocks[3:]
    assert len(body) == 13
    assert body[0].startswith("【新唐人北京时间2022年07月05日讯】")
    assert "在上月通话中，习近平以疫情为由，拒绝了俄罗斯总统的访俄邀请。" in body[0]
    assert body[-1] == "（记者郑鼓笙综合报导/责任编辑：林清）"
    assert all("\n" not in paragraph for paragraph in body)
    for chrome in (
        "首页",
        "热点推荐",
        "法轮功真相",
        "翻墙教程",
        "手机上长按",
        "gfw-breaker",
        ".md.png",
        "原文地址",
    ):
        assert chrome not in doc.markdown


def test_seed_text_is_the_same_content_without_syntax() -> None:
    doc = clean(SEED.read_bytes(), Options(output="text"))
    assert doc.text.startswith("日媒：习近平婉拒普京访俄邀请\n\n2022年2月4日")
    assert "http" not in doc.text and "](" not in doc.text and "#" not in doc.text
    assert doc.text.rstrip().endswith("（记者郑鼓笙综合报导/责任编辑：林清）")


def test_seed_metadata_and_removed_counts() -> None:
    doc = clean(SEED.read_bytes())
    assert doc.url == "https://www.ntdtv.com/gb/2022/07/05/a103471995.html"
    counts = doc.removed_counts()
    assert counts["nav"] >= 2 and counts["tracking"] == 1


def test_metadata_from_head() -> None:
    doc = clean(ARTICLE)
    assert (doc.title, doc.url, doc.lang, doc.date) == (
        "Tide tables",
        "https://news.example/tides",
        "en",
        "2024-03-02T10:00:00Z",
    )
    assert doc.markdown.startswith("# Tide tables\n\nThe spring tides")
    assert "Home" not in doc.markdown and "©" not in doc.markdown


def test_front_matter() -> None:
    doc = clean(ARTICLE, Options(front_matter=True))
    assert doc.markdown.startswith(
        '---\ntitle: "Tide tables"\nurl: "https://news.example/tides"\nlang: "en"\n'
        'date: "2024-03-02T10:00:00Z"\n---\n\n# Tide tables'
    )


def test_json_record() -> None:
    record = clean(ARTICLE).to_json("markdown")
    assert record["title"] == "Tide tables" and record["lang"] == "en"
    assert record["markdown"].startswith("# Tide tables")
    assert record["removed"]["nav"] >= 1


def test_same_input_same_output() -> None:
    assert clean(SEED.read_bytes()) == clean(SEED.read_bytes())


def test_input_is_not_mutated_between_calls_with_different_options() -> None:
    data = SEED.read_bytes()
    plain = clean(data, Options(links=False, images=False))
    assert "![" not in plain.markdown and "](" not in plain.markdown
    assert "![" in clean(data).markdown


def test_chrome_only_page_raises_no_content() -> None:
    page = (
        "<html><body><nav><a href='/'>Home</a> | <a href='/a'>About</a></nav>"
        "<footer>© 2024</footer></body></html>"
    )
    with pytest.raises(NoContentError):
        clean(page)


@pytest.mark.parametrize("data", [b"", b"   \n", b"\x89PNG\r\n\x1a\n"])
def test_empty_and_binary_input_raise_input_error(data: bytes) -> None:
    with pytest.raises(InputError):
        clean(data)


def test_chinese_page_split_into_many_divs_is_kept_whole() -> None:
    # readability scores ASCII commas; a Chinese article in several short divs must
    # still come out whole.
    paragraphs = [
        "今年冬天，河口湿地迎来了近十年来数量最多的黑脸琵鹭，观鸟志愿者共记录到一百二十七只。",
        "黑脸琵鹭是东亚特有的涉禽，全球数量仅约六千只，每年秋天南下越冬。",
        "保护区管理处介绍，近年来湿地退还了约三百亩鱼塘，恢复成浅水滩涂。",
        "志愿者说，她希望更多市民能在不打扰鸟类的前提下，到观鸟屋里看看这些客人。",
    ]
    body = "".join(f"<div class='seg'><div>{p}</div></div>" for p in paragraphs)
    page = f"<html><head><title>湿地</title></head><body><div id='main'>{body}</div></body></html>"
    doc = clean(page)
    for paragraph in paragraphs:
        assert paragraph in doc.markdown


CHROME_ONLY = SEED.parent.parent / "chrome-only" / "input.html"


def test_fallback_fail_is_the_default() -> None:
    with pytest.raises(NoContentError):
        clean(CHROME_ONLY.read_bytes())


def test_fallback_keep_gives_the_visible_text() -> None:
    doc = clean(CHROME_ONLY.read_bytes(), Options(fallback="keep"))
    assert doc.method == "fallback-keep"
    assert "This site uses cookies" in doc.markdown and "[Men](/men)" in doc.markdown
    assert "window.__CONFIG__" not in doc.markdown  # scripts stay out even then
    assert doc.confidence < 0.5


def test_fallback_empty_gives_an_empty_document() -> None:
    doc = clean(CHROME_ONLY.read_bytes(), Options(fallback="empty"))
    assert (doc.markdown, doc.text, doc.confidence, doc.method) == ("", "", 0.0, "fallback-empty")


def test_confidence_and_method_in_json() -> None:
    article = clean(SEED.read_bytes()).to_json("markdown")
    assert article["confidence"] >= 0.9
    assert article["method"].startswith("readability")
    links = "".join(f"<li><a href='/p/{i}'>Product number {i}</a></li>" for i in range(40))
    listing = clean(f"<html><body><main><ul>{links}</ul></main></body></html>")
    assert listing.confidence < 0.5 < article["confidence"]


def test_kept_blocks_describe_the_content_roots() -> None:
    kept = clean(SEED.read_bytes()).kept
    assert any(k.startswith('<div class="post_content">: 【新唐人') for k in kept)


def test_content_after_an_early_end_of_page_is_kept() -> None:
    # Templates that print the header, close </body></html>, then go on: browsers show
    # the rest, and so must we.
    page = (
        "<html><head><title>T</title></head><body><header><a href='/'>Home</a></header>"
        "</body></html>\n<div class='post'><h1>Tide tables</h1>"
        + "<p>High water at the harbour mouth comes forty minutes after the bar.</p>" * 6
        + "</div></body></html>"
    )
    doc = clean(page)
    assert "forty minutes after the bar" in doc.markdown


def test_react_streamed_chunks_land_where_their_script_puts_them() -> None:
    intro = "<p>" + "Install the support package before the chapter's exercises. " * 8 + "</p>"
    page = (
        "<html><head><title>T</title></head><body><main><h1>Setup</h1>"
        f'{intro}<template id="B:3"></template><p>Then run the tests for chapter four.</p>'
        '<template id="P:7"></template></main>'
        '<div hidden id="S:3"><pre><code>$ npm i support</code></pre></div>'
        '<script>$RC("B:3","S:3")</script>'
        '<div hidden id="S:9"><p>Each exercise file has a matching test file.</p></div>'
        '<script>$RS("S:9","P:7")</script></body></html>'
    )
    markdown = clean(page).markdown
    code = markdown.index("$ npm i support")
    assert markdown.index("before the chapter") < code < markdown.index("Then run the tests")
    assert markdown.index("Then run the tests") < markdown.index("matching test file")
    assert "```\n$ npm i support\n```" in markdown


def test_react_chunks_of_a_page_saved_without_its_scripts_land_by_their_numbers() -> None:
    # Saved pages lose their scripts; React numbers a chunk like its placeholder.
    intro = "<p>" + "Index funds follow a market index rather than a manager's picks. " * 8
    page = (
        "<html><head><title>T</title></head><body><main><h1>Index funds</h1>"
        f'{intro}</p><template id="B:a"></template><div>Loading paragraph...</div>'
        '<template id="B:b"></template><div>Loading image...</div></main>'
        '<div hidden id="S:b"><p>Fees are the one cost you control.</p>'
        '<template id="P:1f"></template></div>'
        '<div hidden id="S:a"><p>Most brokers sell them without a commission.</p></div>'
        '<div hidden id="S:1f"><p>Low-cost funds charge under 0.1% a year.</p></div>'
        '<div hidden id="S:2"><p>NOT PLACED: no placeholder has its number.</p></div>'
        "</body></html>"
    )
    markdown = clean(page).markdown
    order = [
        markdown.index("Most brokers"),
        markdown.index("Fees are the one cost"),
        markdown.index("Low-cost funds"),
    ]
    assert markdown.index("manager's picks") < order[0] and order == sorted(order)
    assert "NOT PLACED" not in markdown and "Loading" not in markdown


def test_marko_async_fragments_land_where_their_script_puts_them() -> None:
    # eBay's framework: the server flushes each late part hidden at the end of the body, and
    # `$afX(n)` swaps it in for the placeholder `afXph<n>` (a loader span or a noscript).
    mover = (
        "<script>function $afX(d,a,e,l,g){e=document;l=e.getElementById('afX'+d);"
        "g=e.getElementById('afXph'+d);g.parentNode.replaceChild(l.firstChild,g)};"
        "$afX(1);$afX(2)</script>"
    )
    cards = "".join(
        f"<li class='card card--{i}'><h3>Print number {i}</h3><p>${i}.95</p></li>" for i in range(4)
    )
    page = (
        "<html><head><title>Prints</title></head><body><main><h1>Art prints</h1>"
        "<span id=afXph1><div class='loader'></div></span><noscript id=afXph2> </noscript>"
        "<p>Shipping is free on every order.</p></main>"
        f"<div id=afX1 style=display:none><ul class='results'>{cards}</ul></div>"
        "<div id=afX2 style=display:none><p>Prices include tax in every country we ship to, "
        f"and returns are free for thirty days after delivery.</p></div>{mover}</body></html>"
    )
    markdown = clean(page).markdown
    assert markdown.index("Print number 3") < markdown.index("Prices include tax")
    assert markdown.index("Prices include tax") < markdown.index("Shipping is free")
    # Without the script's call nothing moves, and what the page hides stays hidden.
    still = clean(page.replace("$afX(1);$afX(2)", "")).markdown
    assert "Print number" not in still and "Prices include tax" not in still


def _article_with_list(links: str, canonical: str = "https://news.example/tides") -> str:
    return (
        f"<html><head><title>Tides</title><link rel='canonical' href='{canonical}'>"
        "<meta property='og:type' content='article'></head><body><article><h1>Tides</h1>"
        + "<p>The spring tides this month reach 4.8 metres at the old harbour, the highest "
        "since 2019. Boat owners are asked to check their moorings before the weekend.</p>" * 4
        + f"<ul>{links}</ul></article></body></html>"
    )


def test_a_list_of_links_to_other_sites_is_the_articles_references() -> None:
    refs = (
        "<li><a href='https://tides.example.org/2019'>Tide gauge records, 2019</a></li>"
        "<li><a href='https://www.met.example.net/storms'>Storm surge report</a></li>"
    )
    text = clean(_article_with_list(refs), Options(output="text")).text
    assert "Tide gauge records, 2019" in text and "Storm surge report" in text


def test_a_list_of_links_to_the_sites_own_pages_is_related_stories() -> None:
    related = (
        "<li><a href='https://news.example/boats'>Boat show opens</a></li>"
        "<li><a href='/ferries'>Ferry timetable changes</a></li>"
    )
    text = clean(_article_with_list(related), Options(output="text")).text
    assert "Boat show opens" not in text and "Ferry timetable" not in text


def test_a_list_of_social_profiles_is_not_references() -> None:
    social = (
        "<li><a href='https://twitter.com/harbournews'>Harbour News on Twitter</a></li>"
        "<li><a href='https://www.facebook.com/harbournews'>Harbour News on Facebook</a></li>"
    )
    text = clean(_article_with_list(social), Options(output="text")).text
    assert "Facebook" not in text


def test_a_page_of_linked_story_summaries_keeps_them() -> None:
    # Each card is a link around its title and summary, so every card is all link text:
    # on a topic page those links are what the page is.
    cards = "".join(
        f"<div class='story'><a href='/news/{n}'><h3>Harbour story {n}</h3><p>The council "
        f"voted on the harbour wall for the {n}th time, and boat owners filled the hall "
        "to hear the result, which was delayed by the storm.</p></a></div>"
        for n in range(1, 7)
    )
    page = (
        "<html><head><title>Harbour news</title></head><body><main><h1>Harbour news</h1>"
        f"<p>Stay up to date with the harbour's news.</p>{cards}</main></body></html>"
    )
    text = clean(page, Options(output="text")).text
    assert all(f"Harbour story {n}" in text for n in range(1, 7))


def test_a_body_chosen_whole_reports_nothing_left_out() -> None:
    # The Tieba sample has no block holding most of the text: its body is the content,
    # and --explain must not list the body's children as "outside-content" while
    # printing them.
    from pathlib import Path

    page = Path(__file__).parent.parent / "samples" / "chinese-forum-tieba" / "input.html"
    doc = clean(page.read_bytes())
    assert doc.method == "main-region"
    assert "谢谢两位" in doc.text
    assert "outside-content" not in doc.removed_counts()


def test_the_title_is_the_pages_heading_not_the_books_name_in_its_header() -> None:
    # mdBook: the book's name is an <h1> in the menu bar of every chapter, and inside every
    # chapter's <title>; the chapter's own <h1> is the title without the book's name.
    prose = "<p>" + "Rustdoc can scrape examples from the workspace's examples folder. " * 8
    page = (
        "<html><head><title>Scraped examples - The rustdoc book</title></head><body>"
        "<div class='menu-bar'><h1 class='menu-title'>The rustdoc book</h1></div>"
        f"<main><h1 id='scraped'>Scraped examples</h1>{prose}</p></main></body></html>"
    )
    doc = clean(page)
    assert doc.title == "Scraped examples"
    assert doc.markdown.startswith("# Scraped examples\n")
    # The same with the site's name in its logo's <h1> and the page's title an <h2>.
    page = (
        "<html><head><title>Tide tables | Harbour News</title></head><body>"
        f"<h1>Harbour News</h1><main><h2>Tide tables</h2>{prose}</p></main></body></html>"
    )
    assert clean(page).title == "Tide tables"


@pytest.mark.parametrize(
    "sample",
    sorted(p.name for p in (Path(__file__).parent.parent / "samples").iterdir() if p.is_dir()),
)
def test_a_page_as_bytes_and_as_its_text_clean_alike(sample: str) -> None:
    # A UTF-8 page's own bytes go to the parser as they came (the text is not encoded
    # again); a page that was not UTF-8, one whose mojibake was repaired or one that opens
    # with an XML declaration parses from its text. Either way, the bytes and their text
    # must give one document.
    from cleaner.decode import decode

    folder = Path(__file__).parent.parent / "samples" / sample
    data = next(p for p in folder.iterdir() if p.name.startswith("input")).read_bytes()
    pages = [data]
    if data.lstrip().startswith(b"<"):
        pages.append(b'<?xml version="1.0" encoding="utf-8"?>\n' + data)
    for page in pages:
        try:
            from_bytes = clean(page).markdown
        except NoContentError:
            with pytest.raises(NoContentError):
                clean(decode(page))
            continue
        assert clean(decode(page)).markdown == from_bytes


def test_components_named_only_for_tests_are_read_by_their_names() -> None:
    """A site of utility classes names its cookie banner and newsletter form only in
    `data-testid`: the rules read that name as a class word, and the guide stays."""
    prose = (
        "<p class='mb-4 text-base'>Check the tide table before you launch: the channel "
        "by the old sluice dries at low water springs, and the bar breaks in a westerly.</p>"
    )
    page = (
        "<html lang='en'><head><title>Launching at Tideway</title></head><body>"
        "<div class='flex min-h-screen flex-col'><div class='mx-auto max-w-3xl px-4'>"
        "<h1 class='text-3xl'>Launching at Tideway</h1>" + prose * 4 +
        # The banner's portal renders inside the page's content column.
        '<div data-testid="consent-banner" class="pointer-events-auto fixed bottom-6 z-50">'
        '<div class="mx-auto rounded-lg border p-6"><p class="m-0">Tideway uses cookies to '
        "enhance site functionality, analyze traffic, and personalize ads. By using our site, "
        'you agree to our cookie use.</p><button class="button-xs">Accept All</button></div>'
        "</div></div>"
        '<form data-testid="footer-newsletter-form" class="flex gap-2"><p class="text-sm">'
        "Get the tide tables in your inbox every Monday, with the week's weather.</p>"
        "<input type='email'><button>Sign up</button></form></div></body></html>"
    )
    doc = clean(page, Options())
    assert "the channel by the old sluice dries" in doc.markdown
    assert "uses cookies" not in doc.markdown
    assert "tide tables in your inbox" not in doc.markdown
    assert "cookie" in {removal.category for removal in doc.removed}


def test_naming_components_keeps_their_classes() -> None:
    from cleaner.parse import parse_html
    from cleaner.pipeline import name_components_in_place

    root = parse_html(
        '<html><body><div data-testid="consent-banner" class="fixed z-50">a</div>'
        '<div data-testid="share">b</div><div data-testid=" ">c</div><p>d</p></body></html>'
    )
    name_components_in_place(root)
    assert [e.get("class") for e in root.iter("div", "p")] == [
        "fixed z-50 consent-banner",
        "share",
        None,
        None,
    ]


def _linked_page(head: str) -> str:
    return (
        f"<html><head><title>Moorings</title>{head}</head><body><article><h1>Moorings</h1>"
        "<p>The harbour's new rules are in <a href='rules.pdf'>the rules</a> and the "
        "<a href='/fees'>fee table</a>; the plan below shows each berth.</p>"
        "<p><img src='img/plan.png' alt='Berth plan'></p>"
        + "<p>Boat owners are asked to check their moorings before the spring tides.</p>" * 4
        + "</article></body></html>"
    )


@pytest.mark.parametrize(
    ("head", "given", "rules", "plan"),
    [
        # The page's own address: its canonical link, else its og:url.
        (
            "<link rel='canonical' href='https://port.example/news/moorings'>",
            None,
            "https://port.example/news/rules.pdf",
            "https://port.example/news/img/plan.png",
        ),
        (
            "<meta property='og:url' content='https://port.example/news/'>",
            None,
            "https://port.example/news/rules.pdf",
            "https://port.example/news/img/plan.png",
        ),
        # <base href> is read against that address, as a browser reads it...
        (
            "<link rel='canonical' href='https://port.example/news/moorings'>"
            "<base href='/archive/2024/'>",
            None,
            "https://port.example/archive/2024/rules.pdf",
            "https://port.example/archive/2024/img/plan.png",
        ),
        # ...and against the caller's, which beats the page's own.
        (
            "<link rel='canonical' href='https://port.example/news/moorings'>"
            "<base href='docs/'>",
            "https://mirror.example/a/page.html",
            "https://mirror.example/a/docs/rules.pdf",
            "https://mirror.example/a/docs/img/plan.png",
        ),
        ("<base href='https://cdn.port.example/'>", None, "https://cdn.port.example/rules.pdf",
         "https://cdn.port.example/img/plan.png"),
        # No address to go by: a relative canonical, a JSON-LD publisher's front page, a
        # base that is not a web address. The links stay as the page wrote them.
        ("<link rel='canonical' href='/news/moorings'>", None, "rules.pdf", "img/plan.png"),
        (
            '<script type="application/ld+json">{"@type": "Organization", '
            '"url": "https://port.example/"}</script>',
            None,
            "rules.pdf",
            "img/plan.png",
        ),
        ("<base href='javascript://evil.example/'>", None, "rules.pdf", "img/plan.png"),
        ("<base href='http://[::1'>", None, "rules.pdf", "img/plan.png"),
    ],
)
def test_relative_links_resolve_against_the_pages_address(
    head: str, given: str | None, rules: str, plan: str
) -> None:
    doc = clean(_linked_page(head), Options(base_url=given, title=False))
    assert f"[the rules]({rules})" in doc.markdown
    assert f"![Berth plan]({plan})" in doc.markdown
