"""The whole path from bytes to a cleaned document, one named stage per line."""

from __future__ import annotations

import itertools
import json
import re
from collections import Counter
from collections.abc import Callable
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml.html import HtmlElement

from . import regexcache
from .decode import decode_page
from .errors import NoContentError
from .extract import ARTICLE_PICK_PROSE_CHARS, extract_main
from .limits import too_large
from .marks import mark_state_icons_in_place
from .metadata import Metadata, read_metadata
from .model import Document, Options, Removal
from .parse import parse
from .render import CAPTION_ATTR, MarkdownRenderer, TextRenderer
from .repair import repair_double_encoding
from .rules import (
    ARTICLE_PAGE_CONTENT_RULES,
    CONTENT_RULES,
    DISCUSSION_RULES,
    PRODUCT_RULES,
    RULES,
    RULES_BY_NAME,
    SITE_ATTR,
    FrozenTreeTexts,
    host_of,
    reader_text,
    site_of,
    text_of,
    text_weight,
    words,
)
from .shortcodes import drop_shortcodes_in_place
from .strip import (
    drop_icon_images_in_place,
    drop_repeated_blocks_in_place,
    excerpt,
    paragraph_prose,
    prune_content_in_place,
    select,
    strip_boilerplate_in_place,
    text_prose,
)
from .tags import HEADING_TAGS, LIST_TAGS
from .trailers import wrap_trailing_notices_in_place
from .whitespace import normalise_whitespace_in_place

_WORD = regexcache.compile(r"\w")


def clean(source: bytes | str, options: Options | None = None) -> Document:
    """Clean one page. Pure: the same input and options always give the same document.

    Raises InputError for input that is not a page and NoContentError when nothing in it
    looks like content; both are CleanerError.
    """
    options = options or Options()
    utf8: bytes | None = None  # the text's UTF-8, when the page came as that
    if isinstance(source, str):
        if len(source) > options.max_bytes:
            raise too_large(options.max_bytes)
        text = source
    else:
        text, utf8 = decode_page(source, options.encoding, options.max_bytes)
    if options.encoding is None:
        # An encoding the user names is taken as it is, mojibake and all.
        repaired = repair_double_encoding(text)
        if repaired is not text:
            text, utf8 = repaired, None
    doc, meta, removed = _clean_tree(text, options, paragraph_prose, utf8)
    if doc is None:
        # The guard measured the page's text in paragraphs and found none, so class words
        # ("footer", "sidebar") had the last say: pages built of divs and table cells lose
        # everything that way. Once more, with the guard counting all text.
        lenient, _, _ = _clean_tree(text, options, text_prose, utf8)
        if lenient is not None:
            lenient.method += "+text-guard"
            return lenient
    if doc is None and options.fallback == "keep":
        doc = keep_everything_visible(text, meta, options)
    if doc is not None:
        return doc
    if options.fallback == "empty":
        return Document(
            markdown="",
            text="",
            title=meta.title,
            url=meta.url,
            lang=meta.lang,
            date=meta.date,
            removed=removed,
            confidence=0.0,
            method="fallback-empty",
        )
    raise NoContentError(
        "no content found: everything on the page looks like navigation or boilerplate"
    )


def _clean_tree(
    text: str, options: Options, prose: Callable[[HtmlElement], int], utf8: bytes | None = None
) -> tuple[Document | None, Metadata, list[Removal]]:
    """Parse, strip, extract and render one page: None when nothing looks like content.
    `utf8` is the text's UTF-8, when the caller has it."""
    root = parse(text, options.input_format, utf8)
    # lxml makes a Python object for an element each time one is reached with no object
    # alive, and frees it when the last reference goes: the stages below reach each element
    # dozens of times. Held here, each element's object is made once.
    alive = list(root.iter())
    meta = read_metadata(root)
    mark_site_in_place(root, meta.url)
    mark_state_icons_in_place(root)
    # The search of the tree costs a third of a millisecond; most pages never name a
    # component, which one scan of the markup tells.
    if _COMPONENT_NAME_ATTR in text:
        name_components_in_place(root)
    wrap_trailing_notices_in_place(root)
    rules = DISCUSSION_RULES if meta.is_discussion else RULES
    # A thread or a question with answers is its posts, whatever else it declares.
    threaded = meta.is_discussion or meta.is_qa
    if meta.is_product and not threaded:
        rules = PRODUCT_RULE_SET
    # Texts, paragraph prose and class words are measured once from the strip pass to the
    # end of pruning: extraction reads the tree without changing it (readability scores a
    # copy), and so do the checks up to pruning (main region, pick, widening, article
    # test). A removal drops what it changes: its ancestors' texts (see forget_tree_texts).
    with FrozenTreeTexts():
        removed = strip_boilerplate_in_place(
            root, keep=options.keep, drop=options.drop, rules=rules, prose=prose
        )
        extraction = extract_main(
            root,
            meta.title,
            is_article=meta.is_article,
            is_discussion=threaded,
        )
        roots = with_kept_elements(root, extraction.roots, options.keep)
        removed.extend(outside_content(root, roots))
        if is_article_like(roots):
            content_rules = ARTICLE_PAGE_CONTENT_RULES if meta.is_article else CONTENT_RULES
            removed.extend(prune_content_in_place(roots, keep=options.keep, rules=content_rules))
    removed.extend(drop_repeated_blocks_in_place(roots))
    removed.extend(drop_icon_images_in_place(roots))
    for element in roots:
        mark_captions_in_place(element)
        drop_shortcodes_in_place(element)
        normalise_whitespace_in_place(element)
    roots = drop_title_heading(roots, meta.title)
    document = render(roots, meta, removed, options, extraction.method)
    del alive
    return document, meta, removed


PRODUCT_RULE_SET = RULES + PRODUCT_RULES


def mark_site_in_place(root: HtmlElement, url: str | None) -> None:
    """Write the page's site on its root, for rules that tell its own links from others'.

    The canonical URL's site, else the site most of the page's absolute links go to (its
    navigation and footer point home)."""
    host = host_of(url) if url else None
    if host is None:
        hosts = (host_of(link.get("href") or "") for link in root.iter("a"))
        counts = Counter(site_of(h) for h in hosts if h)
        if counts:
            host = counts.most_common(1)[0][0]
    if host:
        root.set(SITE_ATTR, site_of(host))

# Elements that name their component for the site's tests (React Testing Library's
# convention), in a document-order list from C.
_COMPONENT_NAME_ATTR = "data-testid"
_COMPONENT_NAMED = etree.XPath(f"//*[@{_COMPONENT_NAME_ATTR}]")


def name_components_in_place(root: HtmlElement) -> None:
    """Add each element's `data-testid` to its class list, where the rules read names.

    Sites built with CSS-in-JS or utility classes (`css-1hlodkt`, `chakra-stack`,
    `fixed bottom-6 z-50`) give the rules no word to go on, but their components often
    carry their name for the tests: `data-testid="consent-banner"`, `"footer-newsletter-form"`,
    `"x-social-share"`. Read as a class, the name is one more word for the same rules (a
    cookie banner's "consent"), and never output."""
    named: list[HtmlElement] = _COMPONENT_NAMED(root)  # type: ignore[assignment]
    for element in named:
        name = element.get(_COMPONENT_NAME_ATTR) or ""
        if not name.strip():
            continue
        classes = element.get("class")
        element.set("class", f"{classes} {name}" if classes else name)


# Class words of captions that templates write as plain blocks beside the picture...
CAPTION_WORDS = frozenset({"caption", "wpcaptiontext", "captiontext", "imagecaption"})
# ...but not "caption" as a type size of a design system ("caption-s", "text-caption").
_TYPE_SIZE_CLASS = regexcache.compile(
    r"^(?:(?:text|type|typography|font|mdc-typography)[-_]+caption|"
    r"caption[-_]?(?:xs|s|sm|m|md|l|lg|xl|\d+))$",
    re.IGNORECASE,
)


# A caption says something about its picture (a name under a card is no caption), is no
# section, and sits at most this many wrappers below the picture's holder.
CAPTION_MIN_CHARS = 40
CAPTION_MAX_CHARS = 600
CAPTION_PICTURE_DEPTH = 3


def _names_a_caption(element: HtmlElement) -> bool:
    class_list = element.get("class") or ""
    # Every caption word holds "caption": when the class and id do not (separators dropped,
    # as words() drops them from whole tokens), no word of theirs is one, and most divs
    # are spared working out their words.
    named = f"{class_list} {element.get('id') or ''}".lower()
    if "caption" not in named.replace("-", "").replace("_", ""):
        return False
    classes = class_list.split()
    if any(_TYPE_SIZE_CLASS.match(token) for token in classes):
        return False
    return not CAPTION_WORDS.isdisjoint(words(element))


def mark_captions_in_place(root: HtmlElement) -> None:
    """A block named a caption beside a picture is that picture's `<figcaption>`, so it
    renders (or goes) with the picture wherever a `<figure>` would."""
    for element in list(root.iter("div", "p")):
        if not _names_a_caption(element) or next(element.iter("img"), None) is not None:
            continue
        text = len(text_of(element))
        if not CAPTION_MIN_CHARS <= text <= CAPTION_MAX_CHARS:
            continue  # a name under a card ("caption" as a type size), or a whole section
        if next(element.iter(*HEADING_TAGS), None) is not None:
            continue  # a card someone named a caption
        if sum(len(text_of(a)) for a in element.iter("a")) * 2 > text:
            continue  # a product card's caption is its links
        # The picture is beside it, or a few wrappers up (a gallery's caption panel).
        for holder in itertools.islice(element.iterancestors(), CAPTION_PICTURE_DEPTH):
            if next(holder.iter("img"), None) is not None:
                element.tag = "figcaption"
                break
    for caption in list(root.iter("figcaption")):
        _attach_caption(caption)


def _attach_caption(caption: HtmlElement) -> None:
    """Give the caption's one picture the caption as its title, so Markdown writes them as
    one image (`![alt](src "caption")`) and the caption is not loose text beside it."""
    text = reader_text(caption)
    if not text:
        return
    for holder in itertools.islice(caption.iterancestors(), CAPTION_PICTURE_DEPTH):
        images = [img for img in holder.iter("img") if caption not in img.iterancestors()]
        if len(images) > 1:
            return  # a gallery: which picture the caption belongs to is not said
        if images:
            images[0].set(CAPTION_ATTR, text)
            caption.set(CAPTION_ATTR, "attached")
            return


# The rules --fallback keep still applies: what no reader ever sees.
INVISIBLE_RULES = tuple(
    RULES_BY_NAME[name] for name in ("never-content", "controls", "hidden", "tracking-pixel")
)


def keep_everything_visible(text: str, meta: Metadata, options: Options) -> Document | None:
    """--fallback keep: the page's visible text, chrome and all, rather than nothing."""
    root = parse(text, options.input_format)
    removed = strip_boilerplate_in_place(root, drop=options.drop, rules=INVISIBLE_RULES)
    body = root.find("body")
    if body is None:
        return None
    normalise_whitespace_in_place(body)
    return render([body], meta, removed, options, "fallback-keep")


def with_kept_elements(
    root: HtmlElement, roots: list[HtmlElement], keep: tuple[str, ...]
) -> list[HtmlElement]:
    """--keep beats extraction too: kept elements outside the content join it, in order."""
    if not keep:
        return roots
    chosen = list(roots)
    for element in select(keep, root):
        ancestors = set(element.iterancestors())
        if element in chosen or ancestors.intersection(chosen):
            continue  # already inside the content
        # A kept element that holds chosen ones replaces them.
        chosen = [c for c in chosen if element not in set(c.iterancestors())]
        chosen.append(element)
    order = {element: index for index, element in enumerate(root.iter())}
    return sorted(chosen, key=lambda e: order.get(e, 0))


# Content whose text is at least this share paragraph prose reads as an article.
ARTICLE_PROSE_SHARE = 0.6


def is_article_like(roots: list[HtmlElement]) -> bool:
    """Prose, not lists of items: the rules for articles apply (see CONTENT_RULES)."""
    total = sum(len(text_of(r)) for r in roots)
    return total > 0 and sum(paragraph_prose(r) for r in roots) >= total * ARTICLE_PROSE_SHARE


def outside_content(root: HtmlElement, roots: list[HtmlElement]) -> list[Removal]:
    """The blocks the extraction left out, for --explain and the removed counts."""
    body = root.find("body")
    chosen = set(roots)
    if body is None or body in chosen:
        return []  # the whole body is the content: nothing was left out
    holders = {a for r in roots for a in r.iterancestors()}
    removals: list[Removal] = []
    stack = [body]
    while stack:
        element = stack.pop()
        for child in element:
            if child in chosen or not isinstance(child.tag, str):
                continue
            if child in holders:
                stack.append(child)
            elif text_of(child):
                removals.append(Removal("outside-content", "outside-content", excerpt(child)))
    return removals


def _normal(text: str) -> str:
    return re.sub(r"\W+", "", text).lower()


def drop_title_heading(roots: list[HtmlElement], title: str | None) -> list[HtmlElement]:
    """The title is printed once, as `# title`: its heading in the body would repeat it.

    Only the first heading can be the title; the tree is changed and the new roots returned.
    """
    if not title:
        return roots
    key = _normal(title)
    for element in roots:
        heading = next(element.iter(*HEADING_TAGS), None)
        if heading is None:
            continue
        if _normal(text_of(heading)) != key:
            return roots
        if heading in roots:
            return [r for r in roots if r is not heading]
        heading.drop_tree()
        return roots
    return roots


def heading_offset(roots: list[HtmlElement], title: str | None) -> int:
    """Shift body headings down a level when they use `#`, which belongs to the title."""
    if not title:
        return 0
    levels = [int(h.tag[1]) for r in roots for h in r.iter(*HEADING_TAGS) if text_of(h)]
    return 1 if levels and min(levels) == 1 else 0


def front_matter(meta: Metadata) -> str:
    lines = ["---"]
    for key in ("title", "url", "lang", "date"):
        value = getattr(meta, key)
        if value:
            # JSON strings are valid YAML scalars and need no escaping rules of our own.
            # "<" as \u003c: a renderer that knows no front matter shows these lines as
            # Markdown, where a title of "<script>" would be a tag.
            scalar = json.dumps(value, ensure_ascii=False).replace("<", "\\u003c")
            lines.append(f"{key}: {scalar}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


# A block of this much paragraph prose is an article on its own (see extract).
CONFIDENT_PROSE_CHARS = ARTICLE_PICK_PROSE_CHARS


def confidence(roots: list[HtmlElement]) -> float:
    """0.7 x how much text outside links was found (full at CONFIDENT_PROSE_CHARS Latin-letter
    equivalents) + 0.3 x the share of the text outside links: an article scores near 1, a
    page of links or a two-line notice low."""
    total = sum(text_weight(text_of(r)) for r in roots)
    if not total:
        return 0.0
    links = sum(text_weight(text_of(a)) for r in roots for a in r.iter("a"))
    prose = total - links
    score = 0.7 * min(1.0, prose / CONFIDENT_PROSE_CHARS) + 0.3 * max(0.0, prose / total)
    return round(score, 2)


def describe(element: HtmlElement) -> str:
    """`<div class="post_content">: first words…`, for --explain."""
    attrs = "".join(
        f' {name}="{element.get(name)}"' for name in ("id", "class") if element.get(name)
    )
    return f"<{element.tag}{attrs}>: {excerpt(element)}"


def link_base(meta: Metadata, given: str | None) -> str | None:
    """What relative links and pictures resolve against, as a browser resolves them: the
    page's `<base href>` read against the document's address, which is the caller's
    (--base-url, a WARC record's URL), else the address the page gives as its own (its
    canonical link or og:url). A link left relative points nowhere once the text leaves
    the site: `item?id=9001` means nothing to a reader or a model. Nothing is fetched."""
    document = given or meta.own_url
    if meta.base_href:
        try:
            joined = urljoin(document or "", meta.base_href)
            parts = urlsplit(joined)
        except ValueError:  # a malformed address (an unclosed IPv6 bracket)
            return document
        if parts.scheme.lower() in ("http", "https") and parts.netloc:
            return joined
    return document


def render(
    roots: list[HtmlElement],
    meta: Metadata,
    removed: list[Removal],
    options: Options,
    method: str,
) -> Document | None:
    """The renderings of `roots` that options.render asks for, or None when they hold no
    content."""
    offset = heading_offset(roots, meta.title)
    markdown_renderer = MarkdownRenderer(
        links=options.links,
        images=options.images,
        base_url=link_base(meta, options.base_url),
        heading_offset=offset,
    )
    body_markdown = markdown_renderer.render(roots) if options.render != "text" else None
    body_text = TextRenderer().render(roots) if options.render != "markdown" else None
    if (
        body_text is None
        and body_markdown is not None
        and _WORD.search(body_markdown)
        and not (options.images and "![" in body_markdown)
        and not _sure_of_words(roots)
    ):
        # The Markdown's words may be only link and image addresses: the text decides.
        body_text = TextRenderer().render(roots)
    if body_text is not None and not _WORD.search(body_text):
        if options.images and body_markdown is None:
            body_markdown = markdown_renderer.render(roots)
        if not (options.images and "![" in (body_markdown or "")):
            return None
    if (
        body_text is None
        and body_markdown is not None
        and not _WORD.search(body_markdown)
        and not (options.images and "![" in body_markdown)
    ):
        return None  # every word of the text is in the Markdown too: the text has none
    title = meta.title if options.title else None
    markdown = ""
    if options.render != "text" and body_markdown is not None:
        markdown = markdown_renderer.join_blocks(
            [markdown_renderer.title_block(title) if title else "", body_markdown]
        )
        if options.front_matter:
            markdown = front_matter(meta) + markdown
    text = ""
    if options.render != "markdown" and body_text is not None:
        text = TextRenderer().join_blocks([title or "", body_text])
    return Document(
        markdown=markdown,
        text=text,
        title=meta.title,
        url=meta.url,
        lang=meta.lang,
        date=meta.date,
        removed=removed,
        confidence=confidence(roots),
        method=method,
        kept=[describe(r) for r in roots],
    )


# Text under these is not all rendered: a list's own text and its items' tails, a table's
# text outside its cells.
_PARTLY_RENDERED = ("table", "thead", "tbody", "tfoot", "tr", *sorted(LIST_TAGS))
_TEXT_SURELY_RENDERED = etree.XPath(
    "descendant-or-self::*[not("
    + " or ".join(f"ancestor-or-self::{tag}" for tag in _PARTLY_RENDERED)
    + ")]/text()",
    smart_strings=False,
)


def _sure_of_words(roots: list[HtmlElement]) -> bool:
    """A word in text the text rendering surely shows (a text or tail inside the roots,
    away from lists and tables), so it has words without being rendered."""
    for root in roots:
        pieces = _TEXT_SURELY_RENDERED(root)
        if isinstance(pieces, list) and any(
            isinstance(piece, str) and _WORD.search(piece) for piece in pieces
        ):
            return True
    return False
