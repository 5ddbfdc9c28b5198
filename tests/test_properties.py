"""Property tests on hostile input: `clean` returns a document or raises CleanerError, never
anything else, and the same input always gives the same result."""

from __future__ import annotations

import json
import os
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.fuzz import markdown_hazards

settings.register_profile(
    "default",
    max_examples=200,
    deadline=None,
    database=None,  # leave no .hypothesis/ folder in the work tree
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# CI must not fail on a fresh random draw that no developer has seen: same examples each run.
settings.register_profile("ci", parent=settings.get_profile("default"), derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "default")

# sampled_from over long word lists makes hypothesis warn about its own repr; harmless.
pytestmark = pytest.mark.filterwarnings("ignore:Generating overly large repr")


def outcome(data: bytes | str, options: Any = None) -> tuple[Any, ...]:
    """Run clean once; fail on anything but a Document or a CleanerError; return a summary."""
    from cleaner import Options, clean
    from cleaner.errors import CleanerError, ExitCode

    try:
        doc = clean(data, options if options is not None else Options())
    except CleanerError as exc:
        message = str(exc).strip()
        assert message, f"{type(exc).__name__} without a message"
        assert "\n" not in message, f"error message is not one line: {message!r}"
        assert exc.exit_code in set(ExitCode), exc.exit_code
        return ("error", type(exc).__name__, message)
    assert isinstance(doc.markdown, str) and isinstance(doc.text, str)
    assert doc.markdown.strip(), "a Document with empty markdown; NoContentError was due"
    # The Markdown is safe to render with raw HTML allowed: no script-capable element, no
    # event handler, no javascript:/vbscript:/data: link or image.
    hazards = markdown_hazards(doc.markdown)
    assert not hazards, (hazards, doc.markdown[:2000])
    for field in (doc.title, doc.url, doc.lang):
        assert field is None or isinstance(field, str)
    removed = [(r.rule, r.category, r.excerpt) for r in doc.removed]
    assert all(isinstance(x, str) for item in removed for x in item)
    for output in ("markdown", "text"):
        json.dumps(doc.to_json(output), ensure_ascii=False)
    return ("doc", doc.markdown, doc.text, doc.title, doc.url, doc.lang, removed)


def check(data: bytes | str, options: Any = None) -> None:
    first = outcome(data, options)
    assert outcome(data, options) == first, "the same input gave a different result"


# -- strategies ----------------------------------------------------------------------------

TAGS = [
    "html",
    "head",
    "body",
    "title",
    "meta",
    "link",
    "script",
    "style",
    "noscript",
    "template",
    "div",
    "span",
    "p",
    "a",
    "b",
    "i",
    "em",
    "strong",
    "u",
    "s",
    "code",
    "pre",
    "kbd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "caption",
    "img",
    "picture",
    "source",
    "figure",
    "figcaption",
    "blockquote",
    "q",
    "cite",
    "br",
    "hr",
    "nav",
    "header",
    "footer",
    "aside",
    "main",
    "article",
    "section",
    "form",
    "input",
    "button",
    "select",
    "option",
    "textarea",
    "label",
    "iframe",
    "svg",
    "path",
    "math",
    "video",
    "audio",
    "object",
    "embed",
    "sup",
    "sub",
    "small",
    "abbr",
    "time",
    "mark",
    "del",
    "ins",
    "details",
    "summary",
    "center",
    "font",
    "ok",
    "wbr",
    "ruby",
    "rt",
    "rp",
    "frameset",
    "frame",
]

ATTRIBUTES = [
    'class="nav"',
    'class="share-buttons"',
    'class="cookie-banner"',
    'class="related-posts"',
    'class="post-content article-body"',
    'class="language-python"',
    'class="highlight-bash"',
    'id="comments"',
    'id="main"',
    'role="navigation"',
    'aria-hidden="true"',
    "hidden",
    'style="display:none"',
    'style="visibility: hidden; width: 0"',
    'href="https://example.org/a?b=1&amp;c=2"',
    'href="../relative/path.md"',
    'href="javascript:void(0)"',
    'href="JaVa&#09;ScRiPt:alert(1)"',
    'href=" vbscript:msgbox(1)"',
    'href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;"',
    'src="javascript:alert(1)"',
    'data-src="javascript:alert(1)"',
    'onclick="alert(1)"',
    'onerror="alert(1)"',
    'alt="x\\"',
    'alt="&lt;script&gt;alert(1)&lt;/script&gt;"',
    'data-lang="```&lt;script&gt;"',
    'href="#top"',
    'href=""',
    'src="https://example.org/pic.jpg"',
    'src="data:image/gif;base64,R0lGODlhAQABAAAAACw="',
    'data-src="/lazy/real.jpg"',
    'data-lazy-src="img/x.png"',
    'srcset="a.jpg 1x, b.jpg 2x"',
    'width="1" height="1"',
    'width="0px" height="0px"',
    'alt="an image"',
    'alt=""',
    'colspan="3"',
    'rowspan="0"',
    'lang="zh-CN"',
    'charset="shift_jis"',
    'http-equiv="Content-Type" content="text/html; charset=gbk"',
    'itemprop="articleBody"',
    "unquoted=value",
    'broken="unterminated',
]

WORDS = [
    "The quick survey team counted forty curlews on the mud flats before the tide turned.",
    "在上月通话中，习近平以疫情为由，",
    "拒绝了邀请。",
    "駅前の商店街にある銭湯が営業を再開した。",
    "한국어 문장입니다.",
    "مرحبا بالعالم",
    "&nbsp;",
    "&amp;",
    "&lt;script&gt;",
    "&lt;iframe src=x&gt;",
    "[click](javascript:alert(1))",
    "[a [b] c](javascript:alert(1))",
    "&lt;javascript:alert(1)&gt;",
    "\\",
    "&#0;",
    "&#x110000;",
    "&bogus;",
    "&#55296;",
    " | ",
    "<",
    ">",
    "&",
    "```",
    "[link](http://x)",
    "\n",
    "\r\n",
    "\t",
    "\u00a0",
    "\u3000",
    "\u200b",
    "\ufeff",
    "\x0b\x0c",
    "Home",
    "Share on Twitter",
    "Read more",
    "© 2024",
]

text_piece = st.one_of(
    st.sampled_from(WORDS),
    st.text(max_size=30),
)


def _element(tag: str, attrs: list[str], children: list[str], style: str) -> str:
    open_tag = f"<{' '.join([tag, *attrs])}>"
    inner = "".join(children)
    if style == "closed":
        return f"{open_tag}{inner}</{tag}>"
    if style == "unclosed":
        return f"{open_tag}{inner}"
    if style == "self-closing":
        return f"<{' '.join([tag, *attrs])}/>{inner}"
    if style == "stray-close":
        return f"{inner}</{tag}>"
    return f"<{tag.upper()} {' '.join(attrs)}>{inner}</{tag}>"  # upper-case, maybe mismatched


html_fragment = st.recursive(
    text_piece,
    lambda children: st.builds(
        _element,
        st.sampled_from(TAGS),
        st.lists(st.sampled_from(ATTRIBUTES), max_size=3),
        st.lists(children, max_size=5),
        st.sampled_from(
            ["closed", "closed", "closed", "unclosed", "self-closing", "stray-close", "upper"]
        ),
    ),
    max_leaves=40,
)

PREFIXES = [
    "",
    "<!DOCTYPE html>",
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>A page</title></head><body>",
    '<?xml version="1.0" encoding="utf-8"?><html><body>',
    '<?xml version="1.0" encoding="iso-8859-1"?>',
    "\ufeff<html>",
    "<!-- a comment -->",
    "<![CDATA[ x ]]>",
    "### A mirror title\n------------------------\n\n",
    "<html><body><article><h1>Heading</h1>",
]

html_document = st.builds(
    lambda prefix, parts, suffix: prefix + "".join(parts) + suffix,
    st.sampled_from(PREFIXES),
    st.lists(html_fragment, max_size=6),
    st.sampled_from(["", "</body></html>", "</article></body></html>", "<!--", "<", "</"]),
)

MARKDOWN_LINES = [
    "# Title",
    "### 日媒：标题",
    "------------------------",
    "#### [首页](../../README.md?a1)  &nbsp;&nbsp;|&nbsp;&nbsp; [热点](../../indexes/x.md?a1)",
    "#### [ 🔥 Promo line](http://45.76.130.85:10000/videos/index.html?a1)",
    "Plain paragraph text that goes on for a while, long enough to look like content.",
    "```python",
    "```",
    "~~~",
    "    indented code",
    "| a | b |",
    "| --- | --- |",
    "| 1 | 2 |",
    "- item",
    "  - nested item",
    "1. first",
    "> quote",
    "> > nested quote",
    "![alt](https://example.org/x.png)",
    "<img src='http://tracker.example/p.md' width='0px' height='0px'/>",
    "<div><div class='post_content'><p>",
    "</div>",
    "<ok href='https://example.org/x'>链接</ok>",
    "[click](javascript:alert(1)) <a href='vbscript:x'>vb</a> <img src='javascript:x'>",
    "<script>alert(1)</script> <iframe src='https://evil.example'></iframe>",
    "\\<script>alert(1)\\</script>",
    "<hr/>",
    "[ref]: https://example.org",
    "***",
    "",
]

markdown_document = st.lists(
    st.one_of(st.sampled_from(MARKDOWN_LINES), st.text(max_size=40)), max_size=40
).map("\n".join)

SELECTORS = ["nav", ".share-buttons", "#comments", "article p", "div > a", "img[width='1']", "*"]


def _options(**fields: Any) -> Any:
    from cleaner import Options

    return Options(**fields)


options = st.builds(
    _options,
    output=st.sampled_from(["markdown", "text", "json"]),
    input_format=st.sampled_from(["auto", "html", "markdown"]),
    encoding=st.sampled_from([None, "utf-8", "latin-1", "gbk", "shift_jis", "utf-16"]),
    links=st.booleans(),
    images=st.booleans(),
    base_url=st.sampled_from([None, "https://example.org/dir/page.html", "not a url", ""]),
    keep=st.lists(st.sampled_from(SELECTORS), max_size=2).map(tuple),
    drop=st.lists(st.sampled_from(SELECTORS), max_size=2).map(tuple),
    front_matter=st.booleans(),
)


# -- properties ----------------------------------------------------------------------------


@given(st.binary(max_size=4000))
def test_any_bytes(data: bytes) -> None:
    check(data)


@given(st.text(max_size=4000))
def test_any_text(data: str) -> None:
    check(data)


@given(html_document)
def test_html_ish_text(page: str) -> None:
    check(page)


@given(html_document)
def test_html_ish_bytes(page: str) -> None:
    check(page.encode("utf-8", "surrogatepass"))


@given(markdown_document)
def test_markdown_ish(page: str) -> None:
    check(page)


@settings(max_examples=100)
@given(html_document, options)
def test_html_ish_with_any_options(page: str, opts: Any) -> None:
    check(page.encode("utf-8", "surrogatepass"), opts)


@settings(max_examples=100)
@given(markdown_document, options)
def test_markdown_ish_with_any_options(page: str, opts: Any) -> None:
    check(page, opts)


# -- known hostile inputs ------------------------------------------------------------------

ARTICLE = "<p>" + "The tide gauge by the old sluice recorded a new winter high. " * 8 + "</p>"

HOSTILE: dict[str, bytes | str] = {
    "empty-bytes": b"",
    "empty-str": "",
    "whitespace-bytes": b" \n\t\r\n   \x0c",
    "whitespace-str": " \n\t\u3000\u00a0 \n",
    "bom-only": b"\xef\xbb\xbf",
    "utf16-bom-only": b"\xff\xfe",
    "nul": b"\x00",
    "script-upper": "<SCRIPT",
    "script-upper-bytes": b"<SCRIPT",
    "script-unclosed": "<script>var x = '<p>not content</p>';",
    "style-only": "<style>p { color: red }</style>",
    "lt": "<",
    "lt-slash": "</",
    "comment-open": "<!--",
    "doctype-only": "<!DOCTYPE html>",
    "html-only": "<html>",
    "xml-decl-str": '<?xml version="1.0" encoding="utf-8"?><html><body>'
    + ARTICLE
    + "</body></html>",
    "xml-decl-bytes": (
        '<?xml version="1.0" encoding="utf-8"?><html><body>' + ARTICLE + "</body></html>"
    ).encode(),
    "xml-decl-latin1-str": '<?xml version="1.0" encoding="iso-8859-1"?><html><p>café</p></html>',
    "xml-decl-only": '<?xml version="1.0" encoding="utf-8"?>',
    "xhtml": (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 '
        'Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><body>' + ARTICLE + "</body></html>"
    ),
    "deep-div": "<div>" * 5000,
    "deep-div-with-content": "<div>" * 5000 + ARTICLE,
    "deep-p": "<p>" * 3000 + "text",
    "deep-unclosed-ok": "<div class='post_content'>"
    + "<p><ok href='x'>链接</ok>" * 900
    + "文字" * 200,
    "deep-span": "<span>" * 10000 + "text" + "</span>" * 10000,
    "deep-blockquote": "<blockquote>" * 3000 + ARTICLE,
    "deep-lists": "<ul><li>" * 2000 + "item",
    "deep-tables": "<table><tr><td>" * 1000 + "cell",
    "deep-inline": "<b><i>" * 3000 + "x",
    "many-siblings": "<p>short</p>" * 20000,
    "deep-md-quote": "> " * 2000 + "quoted",
    "deep-md-list": "\n".join("  " * i + "- item" for i in range(500)),
    "md-brackets": "[" * 20000 + "]" * 20000,
    "md-stars": "*" * 20000 + "a",
    "md-backticks": "`" * 20000,
    "md-fence-unclosed": "# T\n\n```python\n" + "x = 1\n" * 1000,
    "lone-surrogate": "<p>\ud800 text</p>",
    "control-chars": "".join(chr(i) for i in range(32)) + ARTICLE,
    "bad-entities": "<p>&#0; &#x110000; &#xD800; &#99999999999; &bogus; &amp</p>",
    "huge-attribute": "<p title='" + "x" * 200000 + "'>text</p>",
    "latin1-bytes": ("<html><body>" + ARTICLE + "<p>Café crème à Noël</p></body></html>").encode(
        "latin-1"
    ),
    "utf16-bytes": ("<html><body>" + ARTICLE + "</body></html>").encode("utf-16"),
    "mixed-encodings": "<p>中文</p>".encode() + "<p>中文</p>".encode("gbk"),
    "gzip-bytes": b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + bytes(range(256)),
    "pdf-bytes": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
}


@pytest.mark.parametrize("data", list(HOSTILE.values()), ids=list(HOSTILE))
def test_hostile_input(data: bytes | str) -> None:
    check(data)


@pytest.mark.parametrize("fmt", ["auto", "html", "markdown"])
@pytest.mark.parametrize("name", ["deep-div-with-content", "deep-p", "xml-decl-str", "<SCRIPT"])
def test_hostile_input_every_format(name: str, fmt: str) -> None:
    from cleaner import Options

    check(HOSTILE.get(name, name), Options(input_format=fmt))


def test_deep_nesting_keeps_content() -> None:
    """Depth alone is no reason to lose the article under it."""
    from cleaner import Options, clean

    doc = clean("<html><body>" + "<div>" * 1000 + ARTICLE, Options())
    assert "The tide gauge by the old sluice recorded a new winter high." in doc.markdown


def test_xml_declaration_str_keeps_content() -> None:
    from cleaner import Options, clean

    page = '<?xml version="1.0" encoding="utf-8"?><html><body>' + ARTICLE + "</body></html>"
    assert "recorded a new winter high" in clean(page, Options()).markdown


@pytest.mark.parametrize("selector", ["[[[", "div >", "p:nth-child(", "::", "a[href="])
def test_bad_css_selector_is_a_cleaner_error(selector: str) -> None:
    from cleaner import Options, clean
    from cleaner.errors import CleanerError

    page = "<html><body><article><h1>T</h1>" + ARTICLE + "</article></body></html>"
    for opts in (Options(drop=(selector,)), Options(keep=(selector,))):
        with pytest.raises(CleanerError):
            clean(page, opts)


def test_unknown_encoding_is_a_cleaner_error() -> None:
    from cleaner import Options, clean
    from cleaner.errors import CleanerError

    with pytest.raises(CleanerError):
        clean(b"<p>hello</p>", Options(encoding="no-such-codec-xyz"))
