"""A forum notice on the last line of a post's text block (see cleaner/trailers.py)."""

from __future__ import annotations

import pytest

from cleaner import clean
from cleaner.parse import parse_html
from cleaner.trailers import wrap_trailing_notices_in_place

POST = (
    "The harbour authority confirmed on Tuesday that the new tidal gates will close for the "
    "first time next winter, after four years of construction and two delays."
)


def _thread(post_body: str) -> str:
    posts = "".join(
        f"<article class='message'><div class='bbWrapper'>Post {i}. {post_body}</div></article>"
        for i in range(2)
    )
    return f"<html><head><title>Gates</title></head><body><main>{posts}</main></body></html>"


@pytest.mark.parametrize(
    "notice",
    [
        "Sent from my SM-S908U using <a href='https://r.tapatalk.com/byo'>Tapatalk</a>",
        "Sent from my iPhone using <a href='https://r.tapatalk.com/byo'>AC Forums mobile app</a>",
        "Last edited by ann_k on Tue Aug 27, 2019, edited 2 times in total.",
    ],
)
def test_a_notice_after_the_posts_last_break_goes_and_the_post_stays(notice: str) -> None:
    doc = clean(_thread(f"{POST}<br><br>{notice}"))
    assert "tidal gates" in doc.markdown
    assert "Sent from my" not in doc.markdown
    assert "Last edited" not in doc.markdown
    assert "forum-notice" in {r.rule for r in doc.removed}


def test_a_notice_in_a_paragraph_gets_a_span_not_a_paragraph() -> None:
    root = parse_html(f"<p>{POST}<br>Sent from my Pixel 8 using Tapatalk</p>")
    wrap_trailing_notices_in_place(root)
    paragraph = root.find(".//p")
    assert paragraph is not None
    line = paragraph[-1]
    assert (line.tag, line.text) == ("span", "Sent from my Pixel 8 using Tapatalk")
    assert paragraph.text == POST


@pytest.mark.parametrize(
    "body",
    [
        # A last line that is the post's own words.
        f"{POST}<br>Sent from my ship to the harbour master.",
        # A notice that is not the last line: the post goes on after it.
        f"{POST}<br>Sent from my iPhone using Tapatalk<br>And one more thing about the gates.",
        # No break at all: the whole block is the post.
        f"{POST} Sent from my iPhone using Tapatalk",
    ],
)
def test_other_last_lines_are_left_where_they_are(body: str) -> None:
    from lxml import etree

    root = parse_html(f"<div class='post'>{body}</div>")
    before = etree.tostring(root)
    wrap_trailing_notices_in_place(root)
    assert etree.tostring(root) == before


ARTICLE = (
    "秋天来了，院子里的桂花开得正盛，满院飘香。奶奶总是在这个时候搬出那把旧藤椅，坐在树下慢慢地剥着花生。"
)


def test_lines_naming_the_previous_and_next_post_go_from_the_last_up() -> None:
    # An old Chinese template: the article and its navigation in one block of lines.
    page = (
        "<html><head><title>秋天</title></head><body><div id='text'>"
        f"{ARTICLE}<br><br>{ARTICLE}<br><br>"
        "上一篇：<a href='/p/11.html'>春天的约定</a><br>\n"
        "下一篇：<a href='/p/13.html'>冬日暖阳</a><br>\n</div></body></html>"
    )
    doc = clean(page)
    assert doc.text.count("桂花开得正盛") == 2
    assert "上一篇" not in doc.text
    assert "下一篇" not in doc.text
    assert [r.rule for r in doc.removed].count("post-navigation-line") == 2


def test_lines_above_a_line_that_is_no_notice_stay() -> None:
    from lxml import etree

    # The navigation line is not the last: the author's note after it is the text's own.
    root = parse_html(
        f"<div class='post'>{POST}<br>Previous post: <a href='/1'>Gates</a>"
        "<br>Thanks to the harbour master for the photographs.</div>"
    )
    before = etree.tostring(root)
    wrap_trailing_notices_in_place(root)
    assert etree.tostring(root) == before


def test_an_articles_closing_lines_go_from_the_last_up() -> None:
    # Editor, tags, a reposting disclaimer and the post navigation, each on its own line
    # after the essay's last paragraph, in the essay's one block of lines.
    closing = (
        "（责任编辑：李四）<br>本文标签：冬天 亲情<br>"
        "免责声明：本文转载自网络，版权归原作者所有，如有侵权请联系删除。<br>"
        "上一篇：<a href='/p/12.html'>秋天的故事</a><br>下一篇：没有了<br>"
    )
    page = (
        "<html><head><title>冬日</title></head><body><div id='text'>"
        f"{ARTICLE}<br><br>{ARTICLE}<br><br>{closing}</div></body></html>"
    )
    doc = clean(page)
    assert doc.text.count("桂花开得正盛") == 2
    for gone in ("责任编辑", "本文标签", "免责声明", "上一篇", "下一篇"):
        assert gone not in doc.text
    rules = {r.rule for r in doc.removed}
    assert {"byline-text", "tags-line", "copyright-line", "post-navigation-line"} <= rules


@pytest.mark.parametrize(
    "line",
    [
        "（责任编辑：李四）",
        "（責任編輯：李四）",
        "2021-10-03 来源：青溪日报",
        "文：张三",
        "本文标签：冬天 亲情",
        "本文转载自网络，版权归原作者所有。",
        "by Suzanne Collins",
        "Tags: tents, camping",
    ],
)
def test_every_closing_line_the_climb_wraps_is_one_its_rule_removes(line: str) -> None:
    # A line given an element of its own that no rule then takes would only have turned
    # the text's line break into a paragraph break.
    from cleaner.rules import is_closing_line_text
    from cleaner.strip import strip_boilerplate_in_place

    root = parse_html(f"<html><body><p>{POST * 3}</p><div><p>{line}</p></div></body></html>")
    strip_boilerplate_in_place(root)
    if is_closing_line_text(line):
        assert line not in root.text_content()
