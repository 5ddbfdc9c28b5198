"""Page metadata (title, original URL, language, date) from head tags, JSON-LD and text."""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from typing import Any

from lxml import etree
from lxml.html import HtmlElement

from . import regexcache
from .rules import hidden_from_sight
from .rules import reader_text as text_of
from .whitespace import collapse

# Mirror pages state where they copied the article from in a line of body text.
_SOURCE_LINE = regexcache.compile(
    r"(?:原文地址|原文链接|原文網址|原文連結|原文|Original (?:article|URL|source|address|link)"
    r"|Source URL)"
    r"[^:：\n]{0,20}[:：]\s*(https?://[^\s<>\"']+)",
    re.IGNORECASE,
)
# "Headline | Site", "Headline - Site", "Headline – Site": the site's name is not the title.
# (?<!\s): try each run of whitespace once, from its start; from every position inside a
# long run the search would rescan the rest of it (quadratic on hostile titles).
_TITLE_SITE_SUFFIX = regexcache.compile(r"(?<!\s)\s+[|\-–—·»:]\s+[^|\-–—·»]{2,40}$")
# A title's parts, as Chinese templates join them, with no spaces: "秋天的故事_散文随笔_青枫美文网",
# "秋天的故事|青枫美文网".
# Spaced separators are left to _TITLE_SITE_SUFFIX: "Opinion | Republicans Are…" opens
# with its section, and the site index's "opinion" heading is no headline.
_TITLE_PART_SEPARATOR = regexcache.compile(r"(?<=\S)[_|｜](?=\S)")
_DATE = regexcache.compile(r"^\d{4}-\d{2}-\d{2}")


@dataclass
class Metadata:
    title: str | None = None
    url: str | None = None
    lang: str | None = None
    date: str | None = None
    # The page says it is a news or blog article (og:type, JSON-LD @type).
    is_article: bool = False
    # The page says it is a forum thread: its replies are its content, not comments
    # under it.
    is_discussion: bool = False
    # The page says it is a question with answers (schema.org QAPage): every answer is
    # content, while the comments under a question or answer stay comments.
    is_qa: bool = False
    # The page declares itself one product's page (schema.org Product, og:type product).
    is_product: bool = False
    # What the page says its own address is (canonical link, og:url; absolute http(s)
    # only) and its <base href>: what its relative links resolve against (see
    # pipeline.link_base). `url` falls back further, to JSON-LD, whose first object can
    # be the publisher's with the site's front page.
    own_url: str | None = None
    base_href: str | None = None


_META_ATTRS = ("property", "name", "itemprop")


def _meta(index: dict[tuple[str, str], str], *names: str) -> str | None:
    """The first non-empty content of a <meta> with one of `names`, in that order of
    preference, each looked for as property, then name, then itemprop."""
    for name in names:
        for attr in _META_ATTRS:
            content = index.get((attr, name))
            if content:
                return content
    return None


def meta_index(root: HtmlElement) -> dict[tuple[str, str], str]:
    """(attribute, value) -> the first non-empty content, in document order: one pass for
    all the look-ups of a page (each used to scan the whole tree three times per name)."""
    index: dict[tuple[str, str], str] = {}
    for element in root.iter("meta"):
        content = (element.get("content") or "").strip()
        if not content:
            continue
        for attr in _META_ATTRS:
            value = element.get(attr)
            if value is not None:
                index.setdefault((attr, value), content)
    return index


def _json_ld(root: HtmlElement) -> list[dict[str, Any]]:
    objects: list[dict[str, Any]] = []
    for script in root.iterfind(".//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                objects.append(item)
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"])
    return objects


_WEB_ADDRESS = regexcache.compile(r"https?://[^/?#\s]\S*", re.IGNORECASE)


def _ld_value(objects: list[dict[str, Any]], key: str) -> str | None:
    for item in objects:
        value = item.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _normal(text: str) -> str:
    return re.sub(r"\W+", "", text).lower()


# Permalink marks that documentation generators append to headings.
_HEADING_MARKS = regexcache.compile(r"(?<![\s¶§🔗⚓#])[\s¶§🔗⚓#]+$")


def find_title(
    root: HtmlElement,
    ld: list[dict[str, Any]],
    metas: dict[tuple[str, str], str] | None = None,
) -> str | None:
    """The headline, without the permalink marks a heading may carry."""
    title = _find_title(root, ld, meta_index(root) if metas is None else metas)
    if title is None:
        return None
    return _HEADING_MARKS.sub("", title) or None


def _heading_text(heading: HtmlElement) -> str:
    """The heading's words, without those of the buttons in it (rustdoc's "Copy item path"
    beside an item's name)."""
    if next(heading.iter("button"), None) is None:
        return text_of(heading)
    bare = copy.deepcopy(heading)
    bare.tail = None
    etree.strip_elements(bare, "button", with_tail=False)
    return text_of(bare)


def _in_navigation(element: HtmlElement) -> bool:
    return any(a.tag in ("nav", "aside") for a in element.iterancestors())


def _shown(element: HtmlElement) -> bool:
    """Neither the element nor an ancestor is hidden by its `hidden` attribute or style."""
    return not any(hidden_from_sight(e) for e in (element, *element.iterancestors()))


def _first_part(title: str) -> str | None:
    """The title's first part, when separators part it (None: they do not)."""
    parts = _TITLE_PART_SEPARATOR.split(title, maxsplit=1)
    return parts[0] if len(parts) == 2 and parts[0] else None


def _find_title(
    root: HtmlElement, ld: list[dict[str, Any]], metas: dict[tuple[str, str], str]
) -> str | None:
    """The article's headline: the `<h1>` that the metadata agrees with, else the metadata."""
    stated = _meta(metas, "og:title", "twitter:title") or _ld_value(ld, "headline")
    title_element = root.find(".//title")
    page_title = text_of(title_element) if title_element is not None else ""
    body = root.find("body")
    candidates = body.iter("h1", "h2", "h3") if body is not None else []
    found = [(h, text) for h in candidates if (text := _heading_text(h))]
    references = [r for r in (stated, page_title) if r]
    # A heading that is the whole title, or the title without its site's name ("Scraped
    # examples - The rustdoc book"), before one the title merely holds: a book's or a site's
    # name in its header's <h1> is inside every page's title too.
    keys = [_normal(r) for r in references]
    keys += [_normal(_TITLE_SITE_SUFFIX.sub("", r)) for r in references]
    # Chinese templates write "headline_column_site" with no spaces: the first part.
    keys += [_normal(first) for r in references if (first := _first_part(r)) is not None]
    normals = [(element, heading, _normal(heading)) for element, heading in found]
    for key in keys:
        for _, heading, normal in normals:
            if key and normal == key:
                return heading
    for reference in references:
        key = _normal(reference)
        for element, heading, normal in normals:
            # A menu's or sidebar's heading ("In std::result" over rustdoc's item list) can
            # be held by the title too; it is never the headline.
            if len(normal) > 8 and normal in key and not _in_navigation(element):
                return heading
    # Shown ones only: a lightbox's "Score" <h1>, hidden until a reader asks, is no
    # headline (Goodreads' lists had it as their title).
    h1s = [_heading_text(h) for h in (body.iter("h1") if body is not None else []) if _shown(h)]
    h1s = [h for h in h1s if h]
    if len(h1s) == 1:
        # One <h1> is the page's own headline; <title> and og:title are often written for
        # search engines ("Boiler repair in Stockport & the Calder Valley | Acme").
        return h1s[0]
    if stated:
        return collapse(stated)
    if page_title:
        return _TITLE_SITE_SUFFIX.sub("", page_title) or page_title
    if body is not None:
        # Markdown mirrors have no <head>: their first heading is the title.
        for heading in body.iter("h1", "h2", "h3"):
            text = text_of(heading)
            if text:
                return text
    return None


def read_metadata(root: HtmlElement) -> Metadata:
    """Read metadata before any stripping: the head and JSON-LD are removed later."""
    ld = _json_ld(root)
    metas = meta_index(root)
    url = None
    for link in root.iterfind(".//link[@rel]"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            url = link.get("href", "").strip()
            break
    url = url or _meta(metas, "og:url")
    own_url = url if url and _WEB_ADDRESS.fullmatch(url) else None
    url = url or _ld_value(ld, "url")
    base = root.find("head/base[@href]")
    base_href = None
    if base is not None:
        base_href = (base.get("href") or "").strip() or None
    if not url:
        body = root.find("body")
        # Raw text: the URL ends at the first whitespace, which layout could remove.
        match = _SOURCE_LINE.search(body.text_content() if body is not None else "")
        if match:
            url = match.group(1).rstrip(".,;)）。")
    lang = (root.get("lang") or root.get("xml:lang") or "").strip() or None
    if lang is None:
        lang = _meta(metas, "og:locale", "language", "content-language")
        for meta in root.iterfind(".//meta[@http-equiv]"):
            if (meta.get("http-equiv") or "").lower() == "content-language":
                lang = (meta.get("content") or "").strip() or lang
    date = _meta(
        metas,
        "article:published_time",
        "datePublished",
        "pubdate",
        "publishdate",
        "date",
        "dc.date",
        "DC.date.issued",
    ) or _ld_value(ld, "datePublished")
    if date is None:
        time = root.find(".//time[@datetime]")
        if time is not None:
            date = time.get("datetime")
    if date and not _DATE.match(date):
        date = None
    og_type = (_meta(metas, "og:type") or "").lower()
    ld_types = {str(t).lower() for item in ld for t in _as_list(item.get("@type"))}
    is_article = og_type == "article" or not ld_types.isdisjoint(_ARTICLE_TYPES)
    # A read of each element's attribute: the XPath `.//*[@itemtype]` cost half as much
    # again, and iterfind's Python layers far more. The root too: Stack Exchange declares
    # its QAPage on <html>.
    itemtypes = {
        t.rstrip("/").rsplit("/", 1)[-1].lower()
        for e in root.iter(etree.Element)
        if (itemtype := e.get("itemtype"))
        for t in itemtype.split()
    }
    is_discussion = (
        og_type == "forum"
        or not (ld_types | itemtypes).isdisjoint(_DISCUSSION_TYPES)
        or is_thread_view(root, url)
    )
    is_qa = "qapage" in ld_types or "qapage" in itemtypes
    # Top-level JSON-LD only: listings nest Product in their items. A review article
    # declares the products it reviews beside itself, and is still an article.
    is_product = not is_article and (
        "product" in og_type or not (ld_types | itemtypes).isdisjoint(_PRODUCT_TYPES)
    )
    return Metadata(
        title=find_title(root, ld, metas),
        url=url,
        lang=lang,
        date=date,
        is_article=is_article,
        is_discussion=is_discussion,
        is_qa=is_qa,
        is_product=is_product,
        own_url=own_url,
        base_href=base_href,
    )


# schema.org types of a thread: the page is the posts (a blog post's JSON-LD lists its
# comments as "Comment", so that type says nothing). A QAPage is_qa instead.
_DISCUSSION_TYPES = frozenset({"discussionforumposting"})


# How forum software names the page that shows one thread: its template, in the body's or
# the main region's class, id or data-template (XenForo "thread_view", phpBB
# "section-viewtopic", vBulletin "showthread", Vanilla "Section-Discussion", Invision
# "ThreadViewPage"-like names), and its address (/threads/<slug>, viewtopic.php,
# showthread.php, /discussion/<number>). A topic *listing* ("topic-page", /topics/) is not
# a thread: its items are not posts.
_THREAD_TEMPLATE = regexcache.compile(
    r"thread[-_]?view|view[-_]?topic(?![a-z])|show[-_]?thread|section-discussion|discussion[-_]?index"
    r"|forum[-_]?topic[-_]?page",
    re.IGNORECASE,
)
_THREAD_URL = regexcache.compile(
    r"/threads/[^/?#]+|/viewtopic\.php|/showthread\.php|/discussions?/\d+", re.IGNORECASE
)


def is_thread_view(root: HtmlElement, url: str | None) -> bool:
    """Whether the page is one forum thread, its posts the content: by the names forum
    software gives a thread's page, when the page declares no type (see _THREAD_TEMPLATE)."""
    if url and _THREAD_URL.search(url):
        return True
    body = root.find("body")
    holders = [body] if body is not None else []
    holders.extend(root.iterfind(".//main"))
    for holder in holders:
        for name in ("class", "id", "data-template"):
            value = holder.get(name)
            if value and _THREAD_TEMPLATE.search(value):
                return True
    return False


_PRODUCT_TYPES = frozenset({"product", "productgroup"})


_ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "blogposting",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "scholarlyarticle",
        "techarticle",
    }
)


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]
