"""Boilerplate rules as data: what each one removes, in which category, why, and examples.

Every rule names its category (the `removed` counts and `--explain` use it), the reason a
reader would agree with, one example it must remove and one it must keep. `tests/test_rules.py`
runs every example. Matching on class and id uses whole words: `post-share-bar` has the
word `share`; `shared-folder` and `header` do not contain `share` or `ad`.
"""

from __future__ import annotations

import itertools
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Literal

from lxml.html import HtmlElement

from . import regexcache
from .caseless import caseless
from .tags import CONTROL_TAGS, HEADING_TAGS, NEVER_CONTENT_TAGS
from .textcontent import text_content
from .whitespace import collapse

Match = Callable[[HtmlElement], bool]
Guard = Literal["prose", "elsewhere", "none"]

# Images this small are counters and beacons, not pictures (pixels, as in width="1").
PIXEL_MAX_SIZE = 1
# Text-based rules look only at short blocks: a long paragraph that opens with "Share" is prose.
SHORT_BLOCK_CHARS = 200
# Source whitespace rarely makes raw text more than this many times its collapsed length.
SHORT_RAW_FACTOR = 8


@dataclass(frozen=True)
class Trigger:
    """What an element must show for a rule to look at it at all: one of these tags, class
    or id words, or attributes. strip indexes the rules by trigger, so each element meets
    only the few rules that could match it instead of every rule's Python code."""

    tags: frozenset[str] = frozenset()
    words: frozenset[str] = frozenset()
    attrs: frozenset[str] = frozenset()
    every_element: bool = False

    def admits(self, element: HtmlElement) -> bool:
        """Whether the trigger admits `element`, as strip's RuleIndex decides for a walk
        (here for one rule, with the element's own words): a rule can match nothing else."""
        if self.every_element or _tag(element) in self.tags:
            return True
        if self.attrs and not self.attrs.isdisjoint(element.keys()):
            return True
        if not self.words or (element.get("class") is None and element.get("id") is None):
            return False  # without class and id an element has no words
        return not self.words.isdisjoint(words(element))


def trigger(
    tags: Iterable[str] = (), words: Iterable[str] = (), attrs: Iterable[str] = ()
) -> Trigger:
    return Trigger(frozenset(tags), frozenset(words), frozenset(attrs))


EVERY_ELEMENT = Trigger(every_element=True)


@dataclass(frozen=True)
class Rule:
    name: str
    category: str
    reason: str
    match: Match
    removes: str  # an HTML example the rule must remove: "REMOVED" must vanish from the page
    keeps: str  # an HTML example it must leave alone
    # How strip decides that a match is the content after all (see strip._Guard):
    # "prose": never remove the bulk of the page's paragraph prose, since class names lie;
    # "elsewhere": remove only when enough prose remains outside the match (comments are
    #   boilerplate under an article, but on a forum thread they are the page);
    # "none": the match can never be content (scripts, pixels).
    guard: Guard = "prose"
    # Must admit every element `match` can accept (tests/test_rules.py checks it on every
    # sample); the default admits all.
    trigger: Trigger = EVERY_ELEMENT
    # The match as a LineTest, when it is one: strip's walk hands it the measured text.
    line: LineTest | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if isinstance(self.match, LineTest):
            object.__setattr__(self, "line", self.match)


def _tag(element: HtmlElement) -> str:
    # One read of .tag: lxml builds a new str each time it is read.
    tag = element.tag
    return tag.lower() if isinstance(tag, str) else ""


_TAXONOMY_TOKEN = regexcache.compile(
    r"^(?:category|tag|tags|format|post_format|postid|page-id|term|topic)-",
    re.IGNORECASE,
)
_UTILITY_VARIANT = regexcache.compile(r"[\[:]")
# A class that says a thing is absent or switched off names a state of the element, not
# the element: "hide-read-more-ad" on a grid of story cards, "no-sidebar" on a page body.
_ABSENCE_TOKEN = regexcache.compile(
    r"^(?:no|hide|without|disable|disabled|has-no)[-_]", re.IGNORECASE
)
_SLUG_ID = regexcache.compile(r"^[A-Za-z]+(?:[-_][A-Za-z]+){3,}$")
_WORD_SPLIT = regexcache.compile(r"[\s_\-:./]+|(?<=[a-z])(?=[A-Z])")


def words(element: HtmlElement) -> frozenset[str]:
    """Lower-cased words of the element's class and id (split on -, _, camelCase)."""
    # Kept per element while the tree is frozen: the walk's index, the class-word rules and
    # the guard each ask for the same element's words.
    cache: dict[HtmlElement, frozenset[str]] | None = getattr(_frozen, "words", None)
    if cache is not None:
        found = cache.get(element)
        if found is not None:
            return found
    ident = element.get("id") or ""
    if ident and _names_its_heading(element, ident) and _among_named_sections(element):
        ident = ""
    classes = element.get("class") or ""
    # The class list and the id split apart (a space separates them in _words_of), so each
    # is cached on its own: ids are often unique ("post-41234"), class lists repeat.
    if not ident:
        found = class_words(classes)
    elif not classes:
        found = id_words(ident)
    else:
        found = class_words(classes) | id_words(ident)
    if cache is not None:
        cache[element] = found
    return found


_NOT_SLUG = regexcache.compile(r"[\W_]+")


def _among_named_sections(element: HtmlElement) -> bool:
    """A sibling named after its heading too: the page is a document of sections (a lone
    `<section id="comments"><h2>Comments</h2>` under a post is what its id says)."""
    parent = element.getparent()
    if parent is None:
        return False
    return any(
        sibling is not element
        and isinstance(sibling.tag, str)
        and bool(sibling.get("id"))
        and _names_its_heading(sibling, sibling.get("id") or "")
        for sibling in parent
    )


def _names_its_heading(element: HtmlElement, ident: str) -> bool:
    """`<section id="cookies"><h2>Cookies</h2>`: documentation generators name a section
    after its heading, so the id says what the text is about, not what the block is."""
    for child in element[:3]:
        if isinstance(child.tag, str) and child.tag in HEADING_TAGS:
            slug = _NOT_SLUG.sub("-", text_content(child).lower()).strip("-")
            return slug == ident.lower()
    return False


@lru_cache(maxsize=8192)
def class_words(classes: str) -> frozenset[str]:
    """Lower-cased words of a class list, or of a name written like one (an icon's file
    name, a sprite's fragment). Cached on the raw string: a page repeats its class lists."""
    return _words_of(classes, "")


@lru_cache(maxsize=1024)
def id_words(ident: str) -> frozenset[str]:
    """Lower-cased words of an id. `words` leaves them out when the id is its element's
    heading's slug (see _names_its_heading); this does not look."""
    return _words_of("", ident)


def _words_of(classes: str, ident: str) -> frozenset[str]:
    # Taxonomy slugs name what the page is about, not what the element is:
    # WordPress puts "category-social-media" on the article itself.
    # Classes of absence ("no-ads", "hide-read-more-ad") say what is not there.
    # Tailwind's variant and arbitrary-value classes ("[html.sidebar-filled_&]:bg-tint",
    # "md:hidden") style the element under a condition; their words name the condition.
    classes = " ".join(
        t
        for t in classes.split()
        if not _TAXONOMY_TOKEN.match(t)
        and not _UTILITY_VARIANT.search(t)
        and not _ABSENCE_TOKEN.match(t)
    )
    # A long all-words id is a heading's slug, a section anchor: "sql-for-update-share"
    # names the text, not a share widget ("div-gpt-ad-1234-0" keeps its digits and words).
    if _SLUG_ID.match(ident):
        ident = ""
    raw = f"{classes} {ident}"
    if not raw.strip():
        return frozenset()
    found = {w.lower() for w in _WORD_SPLIT.split(raw) if w}
    # Whole tokens too, separators dropped, so a vocabulary can name compounds such as
    # "widgetarea" without matching every "elementor-widget" that wraps real content.
    found.update(token.replace("-", "").replace("_", "").lower() for token in raw.split())
    return frozenset(found)


def has_word(*vocabulary: str) -> Match:
    wanted = frozenset(vocabulary)
    return lambda element: not wanted.isdisjoint(words(element))


def has_tag(*tags: str) -> Match:
    wanted = frozenset(tags)
    return lambda element: _tag(element) in wanted


def has_role(*roles: str) -> Match:
    wanted = frozenset(roles)
    return lambda element: (element.get("role") or "").strip().lower() in wanted


has_dialog_role = has_role("dialog", "alertdialog")


# Words that name the content itself. A layout class such as "l-sidebar-fixed
# l-article-body-segment" or "article-header" says where content sits, so the weak
# structural words beside it (sidebar, header, nav) must not remove it.
CONTENT_WORDS = frozenset({"article", "content", "body", "entry", "post", "story", "main", "text"})


def unless_content_word(matcher: Match, content: frozenset[str] = CONTENT_WORDS) -> Match:
    return lambda element: matcher(element) and content.isdisjoint(words(element))


# A box that names what it sells stays what it says however it is laid out: a site
# builder's text component (`cmp-text`, `rich-text`) or a `promo-body` is a way of setting
# words, not the page's own article.
PROMO_CONTENT_WORDS = CONTENT_WORDS - {"text", "body"}


# A newsletter or donation box appears once on a page. A class that repeats on this many
# sibling cards (or on the grid items holding them) names a kind of item in a list: a
# coffee grid's "product-card-wrapper subscription-eligible" is a product, not a sign-up box.
LIST_ITEM_MIN_SIBLINGS = 3
LIST_ITEM_DEPTH = 2
# A card's own header (eBay's `item-card__signals__header`) sits deeper in its card than a
# promo box does: looked for this many wrappers up.
CARD_PART_DEPTH = 6


def one_of_many(element: HtmlElement, depth: int = LIST_ITEM_DEPTH) -> bool:
    """Whether the element, or a wrapper up to `depth` above it, is one of several
    siblings of the same tag and class (numbered classes aside: `item-card--1`)."""
    node: HtmlElement | None = element
    for _ in range(depth + 1):
        if node is None:
            return False
        parent = node.getparent()
        if parent is None:
            return False
        tag, class_ = node.tag, node.get("class")
        if class_ is not None and len(parent) >= LIST_ITEM_MIN_SIBLINGS:
            # A class of numbered tokens only ("col-3") leaves no kind to compare: as written.
            kind = _class_kind(class_) or class_
            alike = sum(
                1
                for sibling in parent
                if sibling.tag == tag
                and (_class_kind(sibling.get("class")) or sibling.get("class")) == kind
            )
            if alike >= LIST_ITEM_MIN_SIBLINGS:
                return True
        node = parent
    return False


@lru_cache(maxsize=4096)
def _class_kind(class_: str | None) -> frozenset[str]:
    """A class list without the tokens that number or tell apart one item of a list."""
    return frozenset(t for t in (class_ or "").split() if not any(c.isdigit() for c in t))


def unless_list_item(matcher: Match) -> Match:
    return lambda element: matcher(element) and not one_of_many(element)


def any_of(*matchers: Match) -> Match:
    return lambda element: any(m(element) for m in matchers)


def outside_article(matcher: Match) -> Match:
    """Page-level chrome only: inside an article a `<header>` holds the title and byline."""

    def match(element: HtmlElement) -> bool:
        if not matcher(element):
            return False
        return not any(_tag(a) in ("article", "main") for a in element.iterancestors())

    return match


def text_of(element: HtmlElement) -> str:
    """The element's text with whitespace runs collapsed: for lengths and pattern matching.

    Fast (C-level split and join); `reader_text` is the exact, CJK-aware version for
    text that is shown to a reader.
    """
    collapsed: dict[HtmlElement, str] | None = getattr(_frozen, "collapsed", None)
    if collapsed is None:
        return " ".join(raw_text(element).split())
    text = collapsed.get(element)
    if text is None:
        text = collapsed[element] = " ".join(raw_text(element).split())
    return text


# One CJK character carries about as much as three Latin letters (a Chinese word is ~1.5
# characters, an English one ~5.5 with its space), so length thresholds count it thrice.
WIDE_CHAR_WEIGHT = 3


@cache
def _from_first_wide_char() -> re.Pattern[str]:
    """Any character at or above the lowest one _wide_chars() matches: a text with none has
    no wide characters, and most pages never need that pattern. Its scan runs in C where
    max(text) made a string of every character; written as "not below", it compiles in a
    quarter of the time of the range up to U+10FFFF, and only when a page has non-ASCII
    text (start-up pays nothing for it)."""
    return regexcache.compile("[^\x00-\u303f]")


@cache
def _wide_chars() -> re.Pattern[str]:
    # Compiled on first use: re's compiler walks every code point of these ranges, 2 ms,
    # a fortieth of a one-page run's start-up.
    return regexcache.compile(
        r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]"
    )


def text_weight(text: str) -> int:
    """Length in Latin-letter equivalents: what the thresholds in characters mean."""
    if text.isascii():  # a flag CPython keeps on the string: no CJK without a scan
        return len(text)
    if _from_first_wide_char().search(text) is None:
        return len(text)
    return len(text) + (WIDE_CHAR_WEIGHT - 1) * len(_wide_chars().findall(text))


def reader_text(element: HtmlElement) -> str:
    """The element's text as a reader sees it (CJK line breaks are not spaces)."""
    return collapse(text_content(element))


# Per thread: a library user may clean pages in several threads, and one thread's walk
# must never lend its texts to another thread's tree while that one is being changed.
_frozen = threading.local()


class FrozenTreeTexts:
    """Raw and collapsed text per element while the tree does not change (strip's matching
    walk, which removes nothing until it is done): several text rules read the same
    element's text, and text_content() walks the whole subtree each time."""

    def __enter__(self) -> None:
        # Re-entrant: strip freezes the tree from its guard's first measure to the end of
        # its walk, and the walk freezes it again.
        depth = getattr(_frozen, "depth", 0)
        if depth == 0:
            _frozen.texts = {}
            _frozen.collapsed = {}
            _frozen.prose = {}
            _frozen.words = {}
        _frozen.depth = depth + 1

    def __exit__(self, *exc: object) -> None:
        _frozen.depth -= 1
        if _frozen.depth == 0:
            _frozen.texts = None
            _frozen.collapsed = None
            _frozen.prose = None
            _frozen.words = None


def forget_tree_texts(removed: Iterable[HtmlElement]) -> None:
    """The elements `removed` are about to leave the tree inside a freeze (the pipeline
    strips and prunes while its texts are kept): the texts and prose measured of their
    ancestors are dropped, the only elements whose text changes with them. Class words are
    all dropped, since an id's words look at the element's siblings and their headings."""
    texts: dict[HtmlElement, str] | None = getattr(_frozen, "texts", None)
    if texts is None:
        return
    collapsed: dict[HtmlElement, str] = _frozen.collapsed
    prose: dict[HtmlElement, int] = _frozen.prose
    for ancestor in ancestors_of(removed):
        texts.pop(ancestor, None)
        collapsed.pop(ancestor, None)
        prose.pop(ancestor, None)
    _frozen.words = {}


def frozen_texts() -> tuple[dict[HtmlElement, str], dict[HtmlElement, str]]:
    """The raw and collapsed texts kept while the tree is frozen (see raw_text, text_of),
    for a walk that reads them for every element without a call per read."""
    texts: dict[HtmlElement, str] | None = getattr(_frozen, "texts", None)
    collapsed: dict[HtmlElement, str] | None = getattr(_frozen, "collapsed", None)
    if texts is None or collapsed is None:
        raise RuntimeError("frozen_texts() outside FrozenTreeTexts")
    return texts, collapsed


def ancestors_of(elements: Iterable[HtmlElement]) -> set[HtmlElement]:
    """Every ancestor of any of `elements`, each path walked up only to where an earlier
    one joined it."""
    found: set[HtmlElement] = set()
    for element in elements:
        for ancestor in element.iterancestors():
            if ancestor in found:
                break  # and so are all of its ancestors
            found.add(ancestor)
    return found


def raw_text(element: HtmlElement) -> str:
    texts: dict[HtmlElement, str] | None = getattr(_frozen, "texts", None)
    if texts is None:
        return text_content(element)
    raw = texts.get(element)
    if raw is None:
        raw = texts[element] = text_content(element)
    return raw


def paragraph_weight(paragraph: HtmlElement) -> int:
    """A paragraph's text weight outside its links (strip.paragraph_prose adds them up):
    kept while the tree is frozen, where the guard adds up the same paragraphs for the
    body, for each match and for each comment section's scope."""
    weights: dict[HtmlElement, int] | None = getattr(_frozen, "prose", None)
    if weights is not None:
        weight = weights.get(paragraph)
        if weight is not None:
            return weight
    weight = text_weight(text_of(paragraph))
    weight -= sum(text_weight(text_of(a)) for a in paragraph.iter("a"))
    if weights is not None:
        weights[paragraph] = weight
    return weight


def short_text_of(element: HtmlElement, limit: int) -> str | None:
    """`text_of`, or None when the text is surely `limit` characters or longer.

    Text rules look at short blocks only; most elements they visit hold whole sections,
    and collapsing those just to find them too long dominated the strip pass.
    """
    raw = raw_text(element)
    if len(raw) >= limit and len(raw) > SHORT_RAW_FACTOR * limit:
        return None
    text = text_of(element)
    return text if len(text) < limit else None


class LineTest:
    """A text rule's test of one element: its tag and its text when shorter than `limit`
    (see short_text_of; None when longer). Called with the element alone it is the rule's
    `match`; strip's walk instead measures each element's text once and hands it to every
    such rule (a dozen of them read every short block)."""

    __slots__ = ("accepts", "limit", "pattern", "searched", "two_links")

    def __init__(
        self,
        limit: int,
        accepts: Callable[[HtmlElement, str, str | None], bool],
        pattern: re.Pattern[str] | None = None,
        *,
        searched: bool = False,
        two_links: bool = False,
    ):
        self.limit = limit
        self.accepts = accepts
        # When set, `accepts` says no to every element holding fewer than two <a>: strip's
        # walk asks that once for all such rules (the three link-line rules ask most blocks).
        self.two_links = two_links
        # When set, `accepts` says no to every text this pattern does not match (from the
        # start, or anywhere when `searched`), and to None: strip's walk tries all such
        # patterns of a rule set as one regex and skips their rules when it finds nothing,
        # as it does for nearly every element.
        self.pattern = pattern
        self.searched = searched

    def __call__(self, element: HtmlElement) -> bool:
        return self.accepts(element, _tag(element), short_text_of(element, self.limit))


def link_text_length(element: HtmlElement) -> int:
    return sum(len(text_of(a)) for a in element.iter("a"))


# ---- vocabularies, by concept ----------------------------------------------------------
NAV_WORDS = (
    "nav",
    "navbar",
    "navigation",
    "menu",
    "menubar",
    "breadcrumb",
    "breadcrumbs",
    "pagination",
    "pager",
    "skiplink",
    "skiplinks",
    "subnav",
    "topbar",
    "megamenu",
)


_has_nav_word = has_word(*NAV_WORDS)


# A block named like a menu holds prose when at least this much of its text (and this
# weight, in Latin-letter equivalents) is sentences: paragraphs outside links of at least
# NAV_SENTENCE_WEIGHT that end as sentences do. A tabbed page's panels ("lm_navSource")
# are named after the tab strip that shows them. A mega menu's labels are short, its
# featured-story blurb is under 70% of its text beside the links, and a script inside
# one ends in a brace or semicolon.
NAV_PROSE_WEIGHT = 150
NAV_PROSE_SHARE = 0.7
NAV_SENTENCE_WEIGHT = 80
_SENTENCE_ENDS = (".", "!", "?", "…", "。", "！", "？", '"', "”", "»", ")")


def is_named_nav(element: HtmlElement) -> bool:
    if _tag(element) in HEADING_TAGS or not _has_nav_word(element):
        return False
    prose = 0
    for paragraph in element.iter("p"):
        weight = paragraph_weight(paragraph)
        if weight >= NAV_SENTENCE_WEIGHT and text_of(paragraph).endswith(_SENTENCE_ENDS):
            prose += weight
    return prose < NAV_PROSE_WEIGHT or prose < NAV_PROSE_SHARE * text_weight(text_of(element))


HEADER_WORDS = ("masthead", "siteheader", "header", "topnav", "headerbar")
_PAGE_HEADER_TOKENS = frozenset(HEADER_WORDS) - {"header"}
# Said just before "header" in a class or id, these make it the header of a part of the
# page, whose title and summary it holds: an accordion's panes (`kt-pane-header-alignment-
# left`), a section's, the product, category or game a page is about. Not a card's, a box's
# or a dialog's: kept, a forum's box headers changed which region was picked.
PART_HEADER_WORDS = frozenset(
    {
        *("pane", "panel", "accordion", "tab", "section"),
        *("product", "game", "event", "recipe", "course", "category", "collection"),
    }
)


def names_a_part_header(element: HtmlElement) -> bool:
    """Whether every class or id token that says "header" says whose, and it is a part's
    (see PART_HEADER_WORDS): `section-header`, `product__header`, `game_header_ctn`."""
    found = False
    for token in f"{element.get('class') or ''} {element.get('id') or ''}".split():
        parts = [w.lower() for w in _WORD_SPLIT.split(token) if w]
        if "header" not in parts:
            if not _PAGE_HEADER_TOKENS.isdisjoint(parts):
                return False
            continue
        at = parts.index("header")
        if at == 0 or parts[at - 1] not in PART_HEADER_WORDS:
            return False
        found = True
    return found


# Built once: built inside the rule's test, its matchers and their word sets were made
# again for every element the rule was asked about.
_names_a_page_header = any_of(
    has_tag("header"), has_role("banner"), unless_content_word(has_word(*HEADER_WORDS))
)
FOOTER_WORDS = ("footer", "sitefooter", "colophon", "copyright")
# Not plain "widget": page builders (Elementor) wrap the article itself in "*-widget-*".
SIDEBAR_WORDS = (
    "sidebar",
    "widgetarea",
    "sidenav",
    "rightrail",
    "leftrail",
    "statblock",
    "whoisonline",
    "onlinelist",
    "forumstats",
)
_SIDEBAR_VOCABULARY = frozenset(SIDEBAR_WORDS)


def _names_a_sidebar(element: HtmlElement) -> bool:
    """A sidebar word in the class or id, unless a class ends in "layout": the last word
    of a compound names the thing ("sidebar-layout" is a layout with a sidebar, on the
    wrapper that holds the article too; "layout-sidebar" is the layout's sidebar)."""
    if _SIDEBAR_VOCABULARY.isdisjoint(words(element)):
        return False
    return not any(
        token.lower().endswith("layout") and not _SIDEBAR_VOCABULARY.isdisjoint(class_words(token))
        for token in (element.get("class") or "").split()
    )


RELATED_WORDS = (
    "related",
    "recommended",
    "recommendations",
    "readmore",
    "morestories",
    "popular",
    "trending",
    "mostread",
    "outbrain",
    "taboola",
    "yarpp",
    "relatedposts",
    "youmayalsolike",
    "similar",
    "moreposts",
    "morearticles",
)
PROMO_WORDS = (
    "newsletter",
    "subscribe",
    "subscription",
    "signup",
    "promo",
    "donate",
    "membership",
    "upsell",
)
# A shop's mini cart: the drawer or flyout that lists the bag's contents ("Your bag is
# empty", "Subtotal £0.00") on every page of the shop.
CART_DRAWER_WORDS = (
    "minicart",
    "cartdrawer",
    "drawercart",
    "sidecart",
    "cartflyout",
    "minibag",
    "bagmini",
    "cartpopup",
    "cartpopover",
    "cartsidebar",
    "offcanvascart",
    "cartoffcanvas",
)
SHARE_WORDS = (
    # East Asian sites: "sns" for their share buttons (Japan, Korea), and China's share
    # widgets by name (Baidu Share, JiaThis, bShare).
    "sns",
    "bdsharebuttonbox",
    "bdshare",
    "jiathis",
    "bshare",
    "share",
    "sharing",
    "sharer",
    "social",
    "addthis",
    "sharethis",
    "sharedaddy",
    "addtoany",
    "a2a",
    "socials",
    "shareaholic",
)
AD_WORDS = (
    "ad",
    "ads",
    "advert",
    "adverts",
    "advertisement",
    "advertising",
    "adsbygoogle",
    "adslot",
    "adunit",
    "dfp",
    "sponsor",
    "sponsored",
    "bannerad",
    "googleads",
)
# Not "cmp" (consent management platform): Adobe AEM prefixes every component with "cmp-".
COOKIE_WORDS = (
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "cookiebar",
    "ccpa",
    "ccwindow",
    "cookieconsent",
    "ccbanner",
)
# Words of a window over the page: a consent notice in one asks and waits for an answer.
DIALOG_WORDS = frozenset({"modal", "dialog", "popup", "overlay", "lightbox"})
_COOKIE_WORD_SET = frozenset(COOKIE_WORDS)


def is_cookie_dialog(element: HtmlElement) -> bool:
    """A cookie or consent word and a dialog's word or role on the same element."""
    found = words(element)
    if _COOKIE_WORD_SET.isdisjoint(found):
        return False
    if not DIALOG_WORDS.isdisjoint(found):
        return True
    return has_dialog_role(element)


# Consent-management platforms, by the names their scripts give the banner and the settings
# dialog. Nothing but the platform's own markup is named so.
CONSENT_PLATFORM_WORDS = (
    "onetrust",
    "cookiebot",
    "cybotcookiebotdialog",
    "didomi",
    "usercentrics",
    "truste",
    "trustarc",
    "iubenda",
    "cookieyes",
    "cmplz",
    "borlabs",
    "osano",
    "termly",
)
# Shoppers' reviews, named so on any page: no editorial review is called "customer reviews".
CUSTOMER_REVIEW_WORDS = ("customerreviews",)
# Not plain "comment": forums and Q&A sites call every post on the page a comment.
COMMENT_WORDS = ("comments", "commentlist", "disqus", "respond", "commentform", "commentsarea")
# A poster's signature under each of their posts: their sayings, links and badges.
SIGNATURE_WORDS = ("signature", "messagesignature", "usersignature", "postsignature")
AUTHOR_BOX_WORDS = (
    "authorbox",
    "authorbio",
    "abouttheauthor",
    "authorinfo",
    "authorcard",
    "postauthor",
    "aboutauthor",
)
# ...or "author" beside a word for a biography, as separate words of one class list
# ("hero-author--bio", "single-content-author__about").
AUTHOR_BIO_WORDS = frozenset({"bio", "biography", "about", "description"})


def is_author_box(element: HtmlElement) -> bool:
    found = words(element)
    if not found.isdisjoint(AUTHOR_BOX_WORDS):
        return True
    return "author" in found and not found.isdisjoint(AUTHOR_BIO_WORDS)


FEEDBACK_WORDS = ("feedback", "washelpful", "pagehelpful", "helpfulness", "pagerating", "helpful")
PROFILE_WORDS = (
    "postprofile",
    "userinfo",
    "memberinfo",
    "userstats",
    "miniprofile",
    "authorstats",
    "posterinfo",
    # XenForo's pieces beside each post: the poster's title, banner and stats list.
    "usertitle",
    "messageusertitle",
    "userbanner",
    "messageuserbanner",
    "userextras",
    "messageuserextras",
    # Invision 5's profile fields beside each post ("About me: …").
    "ipsentryauthorfields",
)
BYLINE_WORDS = (
    "byline",
    "bylines",
    "timestamp",
    "pubdate",
    "publishdate",
    "postdate",
    "postmeta",
    "entrymeta",
    "articlemeta",
    "dateline",
    "updated",
)
CREDIT_WORDS = ("credit", "credits", "photocredit", "imagecredit")
_has_credit_word = has_word(*CREDIT_WORDS)


def is_image_credit(element: HtmlElement) -> bool:
    return _has_credit_word(element) and next(element.iter(*HEADING_TAGS), None) is None


ACTION_WORDS = (
    "actionbar",
    "toolbar",
    "postbuttons",
    "postactions",
    "buttons",
    "btngroup",
    "btn",
    "button",
)
_has_action_word = has_word(*ACTION_WORDS)
LINENO_WORDS = (
    *("linenos", "lineno", "linenumber", "linenumbers", "gutter", "linenodiv"),
    # CSDN's `<ul class="pre-numbering">` after the code, Prism's line-numbers plugin,
    # highlightjs-line-numbers' number cells.
    *("prenumbering", "linenumbersrows", "hljslnnumbers"),
    # Chroma (Hugo): the gutter cell of `lineNos=table` and its numbers, and the number
    # opening each line of `lineNos=inline`.
    *("lntd", "lnt", "ln"),
)

_TRACKER_HOSTS = regexcache.compile(
    r"google-analytics\.com|googletagmanager\.com|doubleclick\.net|facebook\.com/tr|"
    r"scorecardresearch\.com|quantserve\.com|pixel\.|/pixel[./?]|/beacon|/track(?:ing)?[./?]|"
    r"stats\.wp\.com|hit\.gemius|counter\.|analytics\.|/b\.gif|/__utm\.gif|bat\.bing\.com",
    re.IGNORECASE,
)
# Also placed thousands of pixels off the page's edge by its own style attribute, where no
# one sees it: the links a hacked blog carries for someone else's search ranking ("Download
# Premium WordPress Themes Free" after every post).
_HIDDEN_STYLE = regexcache.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|(?:left|top)\s*:\s*-\d{4,}px",
    re.IGNORECASE,
)
_SEPARATORS_ONLY = regexcache.compile(r"^[\s|·•/\\\-–—:,;>»«›‹()\[\]]*$")
_SHARE_TEXT = regexcache.compile(
    r"^\s*(?:share (?:this|on|via|the|article|story|post)|share:|tweet this|follow us|"
    r"long[- ]press|分享(?:到|至|本文|文章|此文|:|：)|手机上长按|長按|扫码|掃碼|扫描二维码|シェア|"
    r"この(?:記事|投稿|ページ)を(?:シェア|共有))"
    r"|\b(?:to|and) share (?:this|the) (?:article|story|post|page|note|link)",
    re.IGNORECASE,
)
_COPYRIGHT = regexcache.compile(
    r"^\s*(?:[©ⓒ]|\(c\)|copyright\b|all rights reserved|版权所有|版權所有|版权声明|版權聲明)"
    # Korean and Japanese papers' "reproduction prohibited": <저작권자 © …, 무단전재 및
    # 재배포 금지>, 記事・写真の無断転載を禁じます.
    r"|^\W*저작권자|무단\s*전재.{0,12}금지|無断(?:転載|複製)(?:を禁|禁止)"
    r"|subject to copyright|all rights reserved"
    # A Chinese blog's repost notice opening a block: "this is the author's original post,
    # repost only with a link to it". Anywhere in a block, it may share a byline's.
    r"|^\W*(?:本文为博主原创文章|本文為博主原創文章|转载请(?:注明|附上)|轉載請(?:註明|附上)"
    r"|未经(?:博主|作者)?(?:允许|许可)不得转载|未經(?:博主|作者)?(?:允許|許可)不得轉載)"
    # A portal's or a reposting site's disclaimer under every article, by how it opens:
    # "特别声明：以上内容…本平台仅提供信息存储服务", "免责声明：本文转载自网络…如有侵权请联系删除",
    # "本文转载自网络，版权归原作者所有". Not by a phrase inside: a short Chinese article (under
    # the rule's 200 characters) that ends with the disclaimer is no disclaimer.
    r"|^\W*(?:(?:特别|特別|免责|免責)?(?:声明|聲明)\s*[:：]"
    r"|(?:本文|文章|图片|圖片)?(?:转载|轉載|来源|來源)(?:自|于|於)?(?:网络|網絡|互联网|互聯網))"
    # The site software's credit: "Powered by Discuz! X3.4", "Proudly powered by WordPress",
    # after the site's name in a footer ("Windy Community | Powered by NodeBB").
    r"|^\W*(?:[^|·•\n]{1,40}\s[|·•]\s)?(?:proudly )?powered by\s+\S+(?:\s+\S+){0,3}\s*$",
    re.IGNORECASE,
)
# A note that the page earns from the links in it: about the page's business, not its
# subject. Only a block that opens with such a note: an article about affiliate marketing
# says "affiliate links" in its sentences.
_AFFILIATE_DISCLOSURE = regexcache.compile(
    r"^\W{0,3}(?:"
    r"(?:affiliate )?(?:disclosure|disclaimer|note|please note|heads up)\s*[:\-–—][^\n]{0,200}?"
    r"\b(?:affiliate|commissions?|qualifying purchases)\b|"
    r"(?:this|the|our|my) (?:post|page|article|site|website|blog|story|content|review|guide)s? "
    r"(?:may )?(?:contains?|includes?|uses?|has) (?:some )?affiliate links?|"
    r"as an? (?:amazon|etsy|ebay)? ?(?:associate|affiliate)\b[^\n]{0,60}? earns? |"
    r"(?:we|i) (?:may )?(?:earn|receive|get) (?:a )?(?:small )?(?:commission|kickback)|"
    r"affiliate links are used|"
    r"if you (?:buy|purchase|click|shop|make a purchase)[^.\n]{0,80}?\blinks?\b[^.\n]{0,80}?"
    r"(?:earn|receive|get|make)[^.\n]{0,40}?(?:commission|share of|kickback|small amount)|"
    r"\S+(?: \S+){0,5} is supported by (?:commissions|affiliate)"
    r")",
    re.IGNORECASE,
)
# A block that is nothing but an advertising label.
_AD_LABEL = regexcache.compile(
    r"^\W*(?:advert|advertisement|advertising|sponsored(?: (?:links?|content))?|anzeige|"
    r"(?:presented |brought to you )?in partnership with|advertise with us|"
    r"(?:the )?(?:article|story) continues (?:below|after (?:this )?(?:ad|advertisement))|"
    r"publicidad|publicité|pubblicità|reklama|スポンサードリンク|スポンサーリンク|广告|廣告|광고)\W*$",
    re.IGNORECASE,
)
# Lines that sell a newsletter or subscription, or send the reader elsewhere.
_PROMO_TEXT = regexcache.compile(
    r"\b(?:sign up (?:for|to) (?:our|the) |subscribe now|delivered (?:straight )?to your inbox|"
    r"subscribe to (?:our|the) [\w ]{0,20}(?:newsletter|channel|podcast|magazine|list|feed)|"
    r"join (?:our|my) (?:[\w-]+ ){0,3}(?:mailing list|e-?mail list|newsletter)|"
    r"(?:directly|straight|right) (?:to|in|into) your inbox|"
    r"enter your e-?mail(?: address)?(?: below)? (?:and|to|for)\b|"
    r"register for (?:a )?free (?:[\w-]+ ){0,2}(?:membership|account)\b|"
    r"by registering for free\b|"
    # A paywall's prompt where the story stops, and an advertiser's discount in its copy.
    r"this (?:article|story|post|content|issue) is (?:exclusive to|only (?:available|open) to|"
    r"reserved for) (?:[\w+]+ ){0,2}(?:subscribers|members)|"
    r"(?:subscribe|sign in|log in) (?:now )?to (?:continue|keep) reading|"
    r"unlock (?:this|the full) (?:article|story)|"
    r"get (?:up to )?[$€£]\d[\d,.]*k? in (?:free )?credits?\b|"
    r"(?:unlock|get|save|enjoy|take) up to \d{1,2} ?% off (?:your|on|all|everything|"
    r"sitewide|today|now|with|when|select)\b|"
    r"get (?:our|the latest) [\w ]{0,30}newsletter|by clicking here|click here to|"
    # A magazine's subscription offer: "12 issues for £11.99". ("Click here for more info"
    # ends a shop's specification lines too.)
    r"\d+ issues for [$€£]\d+|"
    r"download (?:our|the) app|"
    # Medium's prompt in the middle of every story: "Get Ann Lee's stories in your inbox",
    # "Join Medium for free to get updates from this writer."
    r"get [\w’'. -]{1,40}(?:stories|posts|articles|updates) (?:in|to) your inbox|"
    r"join \w+ for free to get updates|"
    # A share button's prompt over the picture made for Pinterest.
    r"pin (?:this|it)(?: (?:post|recipe|image|idea))? for later|"
    r"follow (?:us|me|him|her|them|@\w+|\w+(?: \w+){0,2}) on (?:twitter|facebook|instagram|"
    r"youtube|linkedin|tiktok|threads|bluesky|x)|follow (?:us|me|him|her|them) @\w+)\b",
    re.IGNORECASE,
)
# Short lead-ins of a list of links that point away from the page.
_ELSEWHERE_LEAD = regexcache.compile(
    r"^\W*(?:see more|read more|read next|read also|also read|don'?t miss|explore further|"
    r"you (?:may|might) (?:also )?(?:like|enjoy|be interested in)|more from|more on this|"
    r"related(?: articles| stories| posts| content| coverage| links)?|"
    r"recommended(?: for you| stories| articles)?|"
    r"(?:other |more |similar )?(?:posts|articles|stories|recipes|reads) you (?:may|might|will|"
    r"'ll) (?:also )?(?:enjoy|like|love)|recent posts|trending (?:now|topics|posts|stories)|"
    r"more by (?:the |this )?author|recently by \w+|"
    r"explore (?:other|more) (?:[\w&,-]+ ){0,4}(?:topics|articles|resources|stories|posts)|"
    r"similar (?:threads|topics|discussions|questions|posts|articles)|"
    r"more topics (?:from|in) this (?:board|forum)|"
    r"most (?:read|popular)|what to read next|further reading|"
    r"more (?:great |top |latest )?(?:\w+ )?(?:stories|articles|headlines)\W*$|"
    r"(?:voc[eê] )?(?:tamb[eé]m )?pode gostar|leia tamb[eé]m|veja tamb[eé]m|"
    r"(?:posts|artigos|not[ií]cias|art[ií]culos|noticias) relacionad[oa]s|"
    r"(?:tambi[eé]n )?te puede (?:interesar|gustar)|lee tambi[eé]n|(?:[àa] )?lire aussi|"
    r"vous aimerez aussi|articles similaires|das k[öo]nnte sie auch interessieren|"
    r"mehr zum thema|weitere artikel|auch interessant|potrebbe interessarti|leggi anche|"
    r"articoli correlati|читайте также|похожие статьи|вам может понравиться|"
    r"самые популярные|популярные (?:статьи|записи|материалы|новости)|"
    r"другие (?:статьи|записи|материалы|новости)|"
    r"相[关關](?:文章|阅读|閱讀|新闻|新聞|问题|問題|推荐|推薦|内容|帖子|视频|視頻)|推荐阅读|"
    r"延伸阅读|延伸閱讀|热门(?:文章|推荐|阅读|新闻|话题|帖子|排行)|热点(?:推荐|排行|新闻)|"
    r"大家都在看|你可能(?:还|也)?(?:喜欢|感兴趣)|\w{0,4}(?:热议榜|排行榜|热榜|热搜榜)|関連記事|おすすめ記事|人気記事|"
    r"あわせて読みたい|こちらもおすすめ|관련\s?기사|많이 본 (?:뉴스|기사)|추천 기사)\b",
    re.IGNORECASE,
)
# Headings over a shop's recommendation carousels: other products, not this one. Matched only
# on headings and the sections they open, since "Similar items are merged" is a sentence.
_SHOP_ELSEWHERE_LEAD = regexcache.compile(
    r"^\W*(?:(?:people|customers|shoppers) (?:who )?(?:also )?(?:viewed|bought|searched|liked)|"
    r"(?:this is )?what (?:other )?customers (?:who|also|are)|frequently bought together|"
    r"(?:shop |explore |see |view )?(?:similar|related) (?:items|products|searches)|"
    r"recently viewed|you (?:may|might) also (?:like|need|be interested)|"
    r"complete (?:the|your) (?:look|set|order|kit)|more (?:items|products) (?:like this|from)|"
    r"(?:most )?popular accessories|buy a bundle|bundle and save|pairs (?:well )?with|"
    r"goes (?:well )?with|you (?:may|might) also need|"
    r"sponsored (?:items|products)|(?:keep exploring|more to explore)\b|"
    r"better together|often (?:viewed|bought|purchased) (?:with each other|together)|"
    r"(?:other )?variations of this (?:style|item|product)|"
    r"sponsored by (?:our )?(?:brands|partners)|featured products|"
    # eBay's and Amazon's shelves of their category's other goods.
    r"best[- ]?sell(?:ing|ers?) in\b|trending in\b|"
    r"(?:die )?kunden (?:kauften|haben) auch|ähnliche (?:artikel|produkte)|"
    r"produits similaires|vous aimerez aussi|articoli simili|productos (?:similares|relacionados)|"
    r"この商品を(?:見|買)った人|おすすめ商品|关联商品|猜你喜欢|相关(?:商品|产品))",
    re.IGNORECASE,
)
# A shop's terms of sale as a banner's words, alone or several on one line ("Free Shipping
# on Orders over $75 | Easy Returns", "€9 Flat Rate | Free Shipping €150+"). A line must
# name its shipping: "Easy returns" alone can be a service's feature, or a section's title.
_SHIPPING_TERM = (
    r"(?:(?:\S{1,8} )?flat rate(?: shipping)?|"
    r"(?:(?:free|fast|standard|express) )*(?:shipping|delivery)(?: (?:on|for) (?:all )?"
    r"(?:domestic |u\.?s\.? |uk |eu )?orders?(?: (?:over|above|of|from))?(?: \S{1,12})?|"
    r" (?:over|above|from) \S{1,12}| [$€£]\S{1,10}|"
    r" \S{1,10}[$€£+])?|"
    r"livraison (?:offerte|gratuite)(?: dès \S{1,10})?|kostenloser versand(?: ab \S{1,10})?|"
    r"env[ií]o gratis(?: desde \S{1,10})?)"
)
_RETURNS_TERM = (
    r"(?:(?:easy|free|hassle[- ]free) returns?(?: (?:&|and) exchanges?)?|"
    r"\d{1,3}[- ]day (?:free )?returns?|duties (?:and|&) taxes (?:paid|included))"
)
_TERMS_SEPARATOR = r"\s*[|•·,.&+]?\s*(?:and )?"
_SHOP_TERMS = (
    rf"(?:{_RETURNS_TERM}{_TERMS_SEPARATOR}){{0,2}}{_SHIPPING_TERM}"
    rf"(?:{_TERMS_SEPARATOR}(?:{_SHIPPING_TERM}|{_RETURNS_TERM})){{0,3}}"
)
# A shop's buy box said as text: links and labels that act (add to cart, pick a size) or
# report stock and shipping. Whole lines only: "Shipping was slow" is a review.
_SHOP_CONTROL_TEXT = regexcache.compile(
    r"^\W*(?:add to (?:cart|bag|basket|wish ?list|favou?rites|compare)(?:\W{0,3}\d[\d.,]*\W?)?|"
    r"buy (?:it )?now|"
    r"in stock|out of stock|sold out|back in stock soon|coming soon|no longer available|"
    r"(?:temporarily|currently) unavailable|"
    r"en stock|en rupture de stock|rupture de stock|auf lager|nicht auf lager|ausverkauft|"
    r"agotado|en existencia|in voorraad|uitverkocht|esaurito|in magazzino|"
    r"(?:please )?(?:select|choose|pick) (?:a |an |your )?(?:size|colou?r|option|variant|"
    r"quantity)s?|size (?:guide|chart)|"
    r"(?:notify me|get notified(?: by e-?mail)?) when (?:it'?s |it is |this (?:item|product|"
    r"size) is )?(?:back )?(?:available|in stock)|notify me|"
    rf"{_SHOP_TERMS}|"
    r"ships (?:in|by|from|within) [\w ,.-]{1,30}|estimated delivery[\w ,.:-]{0,40}|"
    r"livraison estimée[\w ,.:-]{0,60}|deliver(?:ing)? to [\w .-]{1,30}|"
    r"(?:only )?\d+ left(?: in stock)?|qty|quantity|write a review|"
    r"be the first to (?:review|write a review)[\w ]{0,30}|"
    r"or \d+ (?:interest-free )?(?:payments|installments) of \S{1,12}[\w ]{0,30}|"
    r"save to (?:wish ?list|favou?rites)|"
    r"returns? (?:&|and) exchanges? accepted(?: within \d{1,3} days)?)\W*$",
    re.IGNORECASE,
)
# A call to action said as a whole line: a button's words, sending the reader elsewhere.
_CTA_TEXT = regexcache.compile(
    r"^\W*(?:contact us|get in touch|request a (?:quote|demo|call ?back|call)|"
    r"book a (?:demo|call|lesson|consultation|meeting|table)|get started(?: (?:now|today|free))?|"
    r"start (?:your |a )?free trial|start for free|try (?:it )?(?:for )?free|"
    r"sign up(?: now| for free| today)?|subscribe(?: now| today)?|log ?in|sign in|"
    r"register(?: now| today| here)?|join (?:now|today|for free)|learn more|read more|see more|"
    r"view more|find out more|download now|shop now|order now|donate(?: now)?|apply now|"
    r"enquire now|(?:or )?call us(?: today| now| directly| at| on)?(?:\s?[+(]?\d[\d ().-]{6,18}|"
    r"\s?\d[\da-z-]{6,15})?|"
    r"call [+(]?\d[\d ().-]{6,18} or (?:e-?mail|chat with|text|message) us(?: below| today)?|"
    r"book (?:now|online)|get a (?:free )?quote|"
    r"request (?:pricing|a proposal|information)|schedule a (?:demo|call|consultation)|"
    r"talk to (?:us|an expert|sales|our team)|let'?s (?:connect|talk|chat)|tell me more|"
    r"take the next step|get it now|stay connected(?: with (?:me|us))?|"
    r"get (?:the|your|a|our) free e-?book|pin (?:this |it )?for later|search this site|"
    r"already have (?:an? )?[\w+ ]{1,20}\?\s*(?:log ?in|sign ?in)(?: here| now| to [\w ]{1,30})?|"
    # A review's affiliate buttons: "See price at Amazon", "Check price on Walmart".
    r"(?:see|check|view|compare|get) (?:the )?(?:latest |current |best |today'?s )?"
    r"(?:prices?|deals?) (?:at|on) [\w.&'-]{1,25}(?: [\w.&'-]{1,25}){0,2}|"
    r"(?:buy|shop|view|see it) (?:it |now |this )?(?:at|on|from) (?:amazon|walmart|target|"
    r"best ?buy|ebay|etsy|home depot|lowe'?s|wayfair|rei|costco)(?:\.com)?|"
    r"登录|登錄|注册|註冊|立即注册|免费注册|ログイン|新規登録|会員登録|查看更多|阅读全文|閱讀全文|"
    r"阅读更多|閱讀更多|了解更多|点击查看|続きを読む|もっと見る|詳しくはこちら|立即购买|立即下载)\W*$",
    re.IGNORECASE,
)
# The words of a gallery's or a player's buttons and notices, said as a whole line: what
# a lightbox prints around a picture, what a player says when it cannot play.
_MEDIA_CONTROL_TEXT = regexcache.compile(
    r"^\W*(?:close|caption|video|back to (?:the )?gallery|(?:view|open|launch|see) (?:the )?"
    r"(?:full )?(?:gallery|slideshow)|(?:photo|image|slide|picture) \d+ (?:of|/) \d+|"
    r"(?:media|video) playback is (?:not supported|unsupported) on your device|"
    r"this (?:slideshow|video|content) requires javascript|(?:play|watch|replay) (?:the )?video|"
    r"enlarge (?:this )?image|(?:hide|show|toggle) caption|(?:exit )?full ?screen|"
    # A shop gallery's hints: "Click to see full view", "Roll over image to zoom in".
    r"click (?:the )?(?:image )?to (?:see (?:the )?full (?:view|size|image)|enlarge|zoom(?: in)?)|"
    r"(?:roll|hover|mouse) over (?:the )?image to zoom(?: in)?|(?:tap|pinch|scroll) to zoom|"
    r"image (?:not available|unavailable)(?: for\W*(?:colou?r)?)?|360° view)\W*$",
    re.IGNORECASE,
)
# A tool an article page's toolbar offers, as old Chinese templates print it.
_PAGE_TOOL = (
    r"(?:打印(?:本页|本頁|此文|本文)?|关闭(?:窗口|本页)?|關閉(?:視窗|窗口|本頁)?|"
    r"(?:返回|回到)(?:顶部|頂部|首页|首頁|列表)|收藏(?:本文|本页|本頁)?|加入收藏|"
    r"推荐给?(?:朋友|好友)|告诉好友|發表評論|发表评论|我要评论|字体\W{0,2}大\W{0,2}中\W{0,2}小)"
)
# The page's own interface said as a whole line: what forum software prints around posts
# and shops around lists ("Click to expand...", "Reply with quote", "Filter & sort").
_UI_TEXT = regexcache.compile(
    r"^\W*(?:click to (?:expand|shrink)\W*|reply with quote(?: \d+)?|"
    r"skip to (?:the )?(?:main )?(?:content|search results|results|navigation|footer)|"
    r"skip to (?:the )?(?:main |primary )?(?:product list|products|menu|search|sidebar)|"
    r"code: select all|"
    r"edit(?: this (?:page|article|section))?(?: on github)?|suggest an edit|"
    r"from \w{1,40}, the free encyclopedia|"
    r"(?:original poster|discussion starter|thread starter|op|offline|online(?: now)?)|"
    r"improve this (?:question|answer)|add a comment|(?:sign|log) ?in or (?:join|register)|"
    # A comment box's heading, over a widget that a script fills.
    r"tell us what you think|leave a (?:comment|reply)|join the (?:discussion|conversation)|"
    # A post's reactions: "margo likes this.", "ann, bo and 3 others like this".
    r"(?!(?:i|we|you|they|he|she|it|everyone|everybody|nobody|people)\b)"
    r"[\w.-]{1,40}(?:(?:,| and) [\w.-]{1,40}){0,3}(?: and \d+ others?)? likes? this|"
    # Stack Exchange's answer form and the tag box under it.
    r"post as a guest|required, but never shown|explore related questions|"
    r"see similar questions with these tags|find the answer to your question by asking|"
    r"you (?:are not|must be) logged in\W*|you need to be a member[\w ,]{0,60}|"
    r"(?:sign|log) ?(?:up|in) or (?:sign|log) ?(?:up|in)|"
    r"log ?in to (?:answer|comment|reply|post|vote|save|continue)[\w ]{0,40}|"
    r"filter (?:and|&) sort|sort by|results per page|show more replies|load more|"
    # A listing's controls and counts: "Sort: Best Match", "Loaded 24 results",
    # "1–24 of 356 products", "(356 products)", "View all", a close button's "×".
    r"sort(?: by)?\s*[:：]\s*\w+(?: \w+){0,3}|loaded \d[\d,]* (?:results|items|products)|"
    r"(?:showing )?\d[\d,]*\s*[-–]\s*\d[\d,]* of \d[\d,]* (?:results|items|products|reviews)|"
    r"\(\d[\d,]* (?:results|items|products)\)|(?:results|items|products) \(\d[\d,]*\)|"
    r"view all|[×✕✖]|written by|"
    # The reader's own account links and follows said alone ("Sign in" is a call to action).
    r"log ?out|follow(?: the)? author|"
    r"copy(?: code| to clipboard)?|copied!?|share it|open in app|expand description|"
    r"(?:back to |go to |scroll to )?top|"
    r"loading(?: posts| comments| more)?|loading \w{1,20}(?: \w{1,20})?(?:\.\.\.|…)|"
    r"(?:正在)?(?:加载|載入|读取|讀取)中?|読み込み中|"
    r"page \d+ of \d+|"
    r"(?:open|close) (?:the )?table of contents(?: panel)?|"
    r"reply|quote|report(?: post| abuse| this (?:post|comment))?|permalink|"
    r"show only this author|back to (?:the )?list|"
    r"回复|回覆|引用|举报|舉報|只看该作者|只看該作者|只看楼主|只看樓主|返回顶部|回到顶部|返回頂部|回到頂部|返回列表|"
    r"打印(?:本页|此文)?|收藏(?:本文)?|点赞|字号\W*大\W*中\W*小|(?:默认|按\w{1,4})排序|"
    # Old Chinese templates' toolbar under an article, each tool in brackets on one line:
    # 【打印本页】【关闭窗口】【返回顶部】.
    rf"{_PAGE_TOOL}(?:\W+{_PAGE_TOOL})+|"
    r"ページ(?:の)?(?:先頭|トップ)へ(?:戻る)?|トップへ戻る|返信|通報)\W*$",
    re.IGNORECASE,
)
# A poster's stats said as a line beside each post, where forum software gives them no class
# of their own (vBulletin 3): "Join Date: Aug 2008", "Posts: 1,077", a lone "Reaction score".
# The value must be a count or a date, so "Posts about sailing" stays.
# Chinese forum software (Discuz!, phpwind) says the same: "主题 12", "12 帖子", "积分: 156",
# and a thread's "查看: 2381 | 回复: 3"; a line may hold several such pairs.
_STAT_LABEL = (
    r"(?:join(?:ed)?(?: date)?|member since|registered|posts|messages|reaction score|"
    r"reputation|"
    r"rep power|likes(?: received)?|thanks(?: received)?|trophy points|points|karma|views|replies|"
    r"start date|last reply|created|"
    r"主题|帖子|积分|精华|金钱|威望|贡献|注册时间|最后登录|在线时间|阅读权限|查看|回复|浏览|"
    r"主題|積分|註冊時間|瀏覽|回覆|投稿数|いいね|"
    # A question's or a blog's counters (知乎, CSDN): followers, views, reads, likes.
    r"关注者|被浏览|粉丝|获赞|阅读量|阅读数|点赞数|评论数|收藏数|赞同|關注者|被瀏覽|閱讀量|"
    # A Tieba board's and thread's counters: 关注：123,456, 贴子：9,876, 回复贴：3.
    r"关注|贴子|回复贴|回帖)"
)
_STAT_VALUE = (
    # 1.2w and 1.2万 are Chinese sites' 12,000 (万, ten thousand).
    r"(?:\d[\d,.]*\s*[kKwW万]?|[A-Z][a-z]{2,8}\.? (?:\d{1,2},? )?\d{4}|"
    r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4})"
)
_STAT_PAIR = (
    rf"(?:{_STAT_LABEL}(?:\s*[:：]?\s*{_STAT_VALUE})?|\d[\d,.]*[kK]?\s*"
    r"(?:posts?|messages?|reputation|points?|likes?|"
    r"主题|帖子|积分|精华|主題|積分|回复|回覆|查看|浏览|瀏覽))"
)
_MEMBER_STAT_TEXT = regexcache.compile(
    rf"^\W*{_STAT_PAIR}(?:[\s|·•,/]*{_STAT_PAIR}){{0,3}}\W*$", re.IGNORECASE
)
# What forum software says around a thread to readers who are not posting: the invitation
# to join, the notice that the thread is closed, the mobile app's signature.
_FORUM_NOTICE_TEXT = regexcache.compile(
    r"^\W*(?:(?:create an account or sign in|sign in or create (?:your |a )?(?:free )?account|"
    r"sign up|log ?in) to (?:comment|reply|post|follow|request clarification)[\w ,]{0,120}|"
    r"sign up for a new account in our community\W*(?:it'?s easy\W*)?|"
    # A board's word to a visitor who is not signed in, and what it hides from them.
    r"you(?:'re| are) (?:browsing|viewing) (?:the )?[\w' ]{1,60} as a guest\b.{0,200}|"
    r"(?:join|register|sign up|log ?in) (?:now )?to (?:see|view) (?:the )?[\w ]{1,30}"
    r"(?: for this (?:image|photo|picture|post))?(?: \(if available\))?|"
    r"(?:you must )?(?:log ?in|sign ?in|register) to (?:answer|reply to|comment on|post in) "
    r"this (?:question|topic|thread|discussion)|"
    r"reply to this (?:topic|thread)\W*|start asking to get answers|"
    r"this (?:topic|thread) (?:was|has been) (?:automatically )?closed[\w ,]{0,40}\."
    r"(?: new replies are no longer allowed)?|"
    r"(?:this thread is )?not open for further replies|"
    r"(?:new replies are no longer allowed)|top posters in this topic|"
    r"last edited(?: by [^,;]{1,60}?)?(?:(?: on|:|;) [\w ,.:]{1,40})?"
    r"(?:[,;:] edited \d+ times? in total)?|"
    r"sent from my [\w\s.-]{1,40} using (?:tapatalk|[\w ]{1,30} (?:mobile )?app)|"
    r"(?:thread|discussion) starter\s+\S[^\n]{0,40}|"
    r"您?需要登录后才(?:可以|能)(?:回帖|发帖|评论|回复|下载|查看)[^\n]{0,30}|"
    r"登录后才(?:可以|能)(?:发表|评论|回复|回帖)[^\n]{0,30}|"
    # MediaWiki's print footer under every wiki page.
    r"retrieved from \W?https?://\S+)\W*$",
    re.IGNORECASE,
)
# Chinese papers close a story with its editor in brackets: （责任编辑：王芳）; a source or
# author line may open with the story's date. "本文来源：人民网" (this article's source) says
# the same as 来源：.
_CJK_CREDIT_LINE = (
    r"[（(【\[]?(?:\d{4}[-年/.]\d{1,2}[-月/.]\d{1,2}日?(?:\s*\d{1,2}:\d{2})?[\s　]*)?"
    r"(?:(?:本文|文章)?(?:来源|來源)|作者|发布时间|發布時間|发布日期|编辑|編輯|责任编辑|文・写真|文|写真)"
    r"\s*[:：]"
)
# Byline lines: "By Jane Smith | 2 May", "来源：青溪日报　作者：周明远". Names must be
# capitalised so "by the river, the town grew" stays prose.
_BYLINE_TEXT = regexcache.compile(
    r"^\s*(?:(?i:by|written by|posted by|words by)\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}"
    r"\s*(?:[|,·•–—-]|\bon\b|$)"
    # The same in other languages, after the post's date when it comes first: "05/10/2018
    # - Publicado por: Clarissa Borba - Categoria: Saúde", "Publié par Anne Martin".
    r"|(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\s*[|·•–—-]\s*)?"
    r"(?i:publicado por|postado por|escrito por|publié par|écrit par|pubblicato da|"
    r"scritto da|veröffentlicht von|geschrieben von|verfasst von)\s*:?\s+"
    r"[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}\s*(?:[|,·•–—-]|$)"
    # Blogger's post footer: "Posted by David at December 16, 2025 11:15 AM" ("at" only
    # after "posted by", and before a date or a time: "By Friday at noon" is prose).
    r"|(?i:posted by)\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}\s+at\s+(?:\d|[A-Z][a-z]+\.? \d)"
    # A Chinese story's credit lines.
    rf"|{_CJK_CREDIT_LINE})"
)
# Taxonomy lines: the page's tags and categories.
_TAGS_LINE = regexcache.compile(
    r"^\s*(?:tags?|tagged(?: with)?|filed under|categories|category|topics|"
    # 文章标签 and 本文标签 (the post's tags), 分类专栏 (the blog's column), 所属分类.
    r"タグ|カテゴリー?|(?:文章|本文|所属|所屬)?(?:标签|標籤|分类|分類|类别|類別)(?:专栏|專欄)?)"
    r"\s*[:：/]",
    re.IGNORECASE,
)
# A line naming the previous or next post, as blog and CMS templates print it under an
# article: "上一篇：春天的约定", "下一篇：没有了", "Previous post: Spring", "次の記事：…". The
# label ends in a colon: "Next, the post office" is a sentence.
_POST_NAVIGATION_LINE = regexcache.compile(
    r"^\W{0,3}(?:上一篇|下一篇|上一条|下一条|上一條|下一條|上一則|下一則|前一篇|后一篇|後一篇|"
    r"上一篇文章|下一篇文章|前の記事|次の記事|이전\s?글|다음\s?글|"
    r"(?:previous|prev|next|older|newer) (?:post|article|story|entry))\s*[:：]",
    re.IGNORECASE,
)
POST_NAVIGATION_MAX_CHARS = 160


def is_post_navigation_text(text: str) -> bool:
    """Whether a whole line (collapsed) names the previous or next post (see trailers)."""
    return len(text) < POST_NAVIGATION_MAX_CHARS and bool(_POST_NAVIGATION_LINE.match(text))


# The byline rule's Chinese credit lines, and no other bylines (see is_closing_line_text).
_CLOSING_CREDIT = regexcache.compile(_CJK_CREDIT_LINE)


def is_closing_line_text(text: str) -> bool:
    """Whether a whole line (collapsed) is one a line rule removes when it stands alone and
    that articles close with: an editor's or source line (（责任编辑：李四）), a tag line, a
    rights notice or a reposting disclaimer (see trailers)."""
    # Each as its rule sees a block: shorter than the rule's limit (see the LineTests). Of
    # the bylines only the editor's and source lines a Chinese story closes with: a last
    # line "by Suzanne Collins" under a book's title in a list is the item's own.
    return (
        (len(text) < is_byline_text.limit and bool(_CLOSING_CREDIT.match(text)))
        or (len(text) < is_tags_line.limit and bool(_TAGS_LINE.match(text)))
        or (len(text) < is_copyright_line.limit and bool(_COPYRIGHT.search(text)))
    )


_QR = regexcache.compile(
    r"(?:^|[^a-z])qr(?:code|[-_ ]?code)?(?:[^a-z]|$)|二维码|二維碼", re.IGNORECASE
)


_SIZE = regexcache.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:px)?\s*$")


def _size(value: str | None) -> float | None:
    if value is None:
        return None
    match = _SIZE.match(value)
    return float(match.group(1)) if match else None


def is_tracking_image(element: HtmlElement) -> bool:
    if _tag(element) != "img":
        return False
    width, height = _size(element.get("width")), _size(element.get("height"))
    if (width is not None and width <= PIXEL_MAX_SIZE) or (
        height is not None and height <= PIXEL_MAX_SIZE
    ):
        return True
    return _tracker_host_test()(element.get("src") or "")


@cache
def _tracker_host_test() -> Callable[[str], bool]:
    # Image addresses run to kilobytes (data: URIs): searched case-insensitively, a tenth
    # of the rule walk's regex time (see caseless). Made on first use, for start-up.
    return caseless(_TRACKER_HOSTS)


# Hidden until a reader asks: inactive tabs (the Windows and Linux variants of a macOS
# install step), collapsed accordion panels and "read more" text (a product's description,
# an FAQ's answers), and React's streamed chunks (<div hidden id="S:0">), which a script
# moves into place on load.
SHOWN_ON_REQUEST_WORDS = frozenset(
    {
        "tabpanel",
        "tabpane",
        "tabcontent",
        "tab",
        "accordion",
        "collapse",
        "collapsible",
        "expandable",
        # An FAQ's answers open when their question is clicked.
        "faq",
        "answer",
    }
)
# React numbers its streamed chunks in hex: S:9, S:a, S:1e.
_STREAMED_CHUNK = regexcache.compile(r"^S:[0-9a-f]+$")


def _hidden_until_shown(element: HtmlElement) -> bool:
    role = (element.get("role") or "").lower()
    if role == "tabpanel":
        return True
    # WAI-ARIA's accordion panel: a region named by the button that opens it.
    if role == "region" and element.get("aria-labelledby"):
        return True
    if not SHOWN_ON_REQUEST_WORDS.isdisjoint(words(element)):
        return True
    return bool(_STREAMED_CHUNK.match(element.get("id") or ""))


# Utility classes that hide an element on every screen: Bootstrap's d-none, the "hide" and
# "is-hidden" of most themes. What they hold is a template's spare data (a product's
# thumbnail URLs as key: value pairs), a closed menu, a message for a state the page is not
# in ("Notify me when back in stock"). Screen-reader classes (sr-only, screen-reader-text)
# are not here: their text is read aloud, and in the content it often completes it ("Original
# price was: $30", a table cell's description).
HIDING_CLASSES = frozenset(
    {
        "hide",
        "hidden",
        "is-hidden",
        "u-hidden",
        "d-none",
        "invisible",
    }
)
# ...unless another class shows it again at some width: Tailwind's "hidden md:block",
# Bootstrap's "d-none d-lg-flex".
_SHOWN_AT_SOME_WIDTH = regexcache.compile(r":|^d-(?:sm|md|lg|xl|xxl)-(?!none)")
HIDING_CLASS_WORDS = frozenset({"hide", "hidden", "ishidden", "uhidden", "dnone", "invisible"})


# Hidden at desktop widths, the layout a page is read in here: Tailwind's `md:hidden`,
# Bootstrap's `d-md-none` and `hidden-md`.
_HIDDEN_ON_WIDE_SCREENS = regexcache.compile(
    r"^(?:(?:md|lg|xl):hidden|d-(?:md|lg|xl)-none|hidden-(?:md|lg))$"
)


def _hidden_on_wide_screens(element: HtmlElement) -> bool:
    classes = element.get("class") or ""
    # Substring tests first: the rule meets every element with a class (the class words
    # leave Tailwind's variants out, so they cannot trigger it).
    if ":hidden" not in classes and "-none" not in classes and "hidden-" not in classes:
        return False
    return any(_HIDDEN_ON_WIDE_SCREENS.match(c) for c in classes.split())


# A class token that names the short form of something printed twice, and the long form's.
_SHORT_FORM = regexcache.compile(r"^(.+?)([_-]{1,2})short$", re.IGNORECASE)


def is_short_form_twin(element: HtmlElement) -> bool:
    """The short form of a value printed beside its long form, one shown by the style
    sheet: Invision's `<time><span class="ipsTime__long">April 2, 2024</span><span
    class="ipsTime__short">1 yr</span></time>` read "April 2, 20241 yr"."""
    for token in (element.get("class") or "").split():
        match = _SHORT_FORM.match(token)
        if match is None:
            continue
        long_form = f"{match.group(1)}{match.group(2)}long".lower()
        for sibling in (_previous_element(element), _next_element(element)):
            if sibling is not None and long_form in (sibling.get("class") or "").lower().split():
                return bool(text_of(sibling))
    return False


def is_small_screen_twin(element: HtmlElement) -> bool:
    """The copy a page prints for small screens beside the one for wide screens: the same
    words in the next or previous sibling, this one hidden on wide screens (`md:hidden`
    beside `hidden md:block`). Alone, a small-screen block is kept: it may be all there is."""
    if not _hidden_on_wide_screens(element):
        return False
    text = text_of(element)
    if not text:
        return False
    for sibling in (element.getprevious(), element.getnext()):
        if (
            sibling is not None
            and isinstance(sibling.tag, str)
            and not _hidden_on_wide_screens(sibling)
            and text_of(sibling) == text
        ):
            return True
    return False


# A modal dialog is shown only when a reader opens it: the privacy policy behind a footer
# link, a newsletter or sign-in form, a size guide, a "republish this article" box holding a
# copy of the article. None is the page's content, and a long legal text in one can
# outweigh the real body when scoring picks the main block. (`<dialog>` itself is a control,
# see tags.CONTROL_TAGS; this is the ARIA form, on any element.) A dialog holding nearly
# all of the page's text is what the page shows, open as it was saved (a photo viewer).
DIALOG_WHOLE_PAGE_SHARE = 0.8


def is_closed_dialog(element: HtmlElement) -> bool:
    modal = (element.get("aria-modal") or "").strip().lower()
    if modal:
        # aria-modal="false": a drawer or sheet that sits beside the page (a product's
        # description in a side panel), not over it.
        if modal != "true":
            return False
    elif not has_dialog_role(element):
        return False
    body = element.getroottree().getroot().find("body")
    if body is None:
        return True
    return len(text_of(element)) < len(text_of(body)) * DIALOG_WHOLE_PAGE_SHARE


# How far above a button its heading may sit (`<h3><span><button>`): wrappers a template
# adds for the icon beside the title.
ACCORDION_HEADING_DEPTH = 3


def titles_its_heading(button: HtmlElement) -> bool:
    """A button that is all of its heading's text: an accordion's header (WAI-ARIA's
    pattern puts the toggle inside the heading, `<h3><button class="accordion-button">
    What is an HRMS?</button></h3>`), whose text is the section's title and often the
    question an FAQ answers. A heading with words of its own beside the button ("Comments
    <button>Show</button>") keeps the words and loses the button."""
    for ancestor in itertools.islice(button.iterancestors(), ACCORDION_HEADING_DEPTH):
        if _tag(ancestor) in HEADING_TAGS or (ancestor.get("role") or "").strip() == "heading":
            title = _text_beside_icons(button)
            if not title or _text_beside_icons(ancestor) != title:
                return False
            return _opens_a_text_panel(ancestor)
    # The other nesting, common though a button may not hold a heading: the whole header
    # is the toggle (`<button aria-expanded="false"><h3>How we rank schools</h3><svg/>
    # </button>`), its panel after it.
    inner = next(button.iter(*HEADING_TAGS), None)
    if inner is not None:
        title = _text_beside_icons(button)
        heading = text_of(inner)
        if heading and heading in title and _unworded(title.replace(heading, "", 1)):
            return _opens_a_text_panel(button)
    return False


def _unworded(text: str) -> bool:
    """No letters: an item's number beside its title ("03/"), a sign ("+", "▾")."""
    return not any(c.isalpha() for c in text)


def _text_beside_icons(element: HtmlElement) -> str:
    """The element's text without its icons' labels: a chevron's `<svg><title>Open
    accordion</title>` names the icon for a screen reader, and is no word of the title."""
    text = text_of(element)
    for icon in element.iter("svg"):
        label = text_of(icon)
        if label:
            text = " ".join(text.replace(label, " ", 1).split())
    return text


# A footer's or menu's accordion (a small screen's "Company ▾" over a list of links) is
# navigation: its panel must read as text, at most this share of it in links.
ACCORDION_PANEL_LINK_SHARE = 0.5


def _opens_a_text_panel(heading: HtmlElement) -> bool:
    """Whether what follows the heading (its panel, in the WAI-ARIA pattern) is text rather
    than links. A heading alone in a header wrapper (`<div class="header"><h3>…</h3></div>
    <div class="panel">`) is followed by what follows the wrapper. A panel the page
    fills only when opened (Radix's closed `<div hidden role="region">`) is empty: with
    nothing under it, the title is a filter's facet ("Desktop width") as often as an
    unanswered question, and goes."""
    node = heading
    panel = _next_element(node)
    for _ in range(ACCORDION_HEADING_DEPTH):
        parent = node.getparent()
        if panel is not None or parent is None or _element_children(parent) != 1:
            break
        node = parent
        panel = _next_element(node)
    if panel is None:
        return False
    length = len(text_of(panel))
    return length > 0 and link_text_length(panel) <= length * ACCORDION_PANEL_LINK_SHARE


def _next_element(element: HtmlElement) -> HtmlElement | None:
    found = element.getnext()
    while found is not None and not isinstance(found.tag, str):
        found = found.getnext()  # a comment between heading and panel
    return found


def _previous_element(element: HtmlElement) -> HtmlElement | None:
    found = element.getprevious()
    while found is not None and not isinstance(found.tag, str):
        found = found.getprevious()
    return found


def _element_children(element: HtmlElement) -> int:
    return sum(1 for child in element if isinstance(child.tag, str))


_CONTROL_TAG_SET = frozenset(CONTROL_TAGS)


def is_control(element: HtmlElement) -> bool:
    tag = _tag(element)
    if tag not in _CONTROL_TAG_SET:
        return False
    return tag != "button" or not titles_its_heading(element)


def holds_accordion_title(element: HtmlElement) -> bool:
    """Whether one of the element's first buttons is an accordion's title (see
    titles_its_heading)."""
    return any(titles_its_heading(b) for b in itertools.islice(element.iter("button"), 3))


def unless_heading_title(matcher: Match) -> Match:
    """`matcher`, except on an element that is all of its heading's text (see
    titles_its_heading): a class that says "button" names how the title is clicked."""
    return lambda element: matcher(element) and not titles_its_heading(element)


# A bar of buttons says a few words, each a button's or a link's. A block that titles
# and writes about something (a shop's product card: its name as a heading, a list of
# highlights) is writing, whatever a class says: "cartButton" on the card's text column
# names the button at its foot. In Latin-letter equivalents, outside links and buttons.
BUTTON_BAR_MAX_PROSE = 120


def holds_writing(element: HtmlElement) -> bool:
    """A heading beside a paragraph or list, with more text outside its links and
    buttons than a bar of buttons says (BUTTON_BAR_MAX_PROSE)."""
    if next(element.iter(*HEADING_TAGS), None) is None:
        return False
    if next(element.iter("p", "li"), None) is None:
        return False
    weight = text_weight(text_of(element))
    if weight <= BUTTON_BAR_MAX_PROSE:
        return False
    for control in element.iter("a", "button"):
        weight -= text_weight(text_of(control))
    return weight > BUTTON_BAR_MAX_PROSE


def is_compose_form(element: HtmlElement) -> bool:
    """A form with a box to write in. ASP.NET pages wrap the whole page in one `<form>`:
    a form that holds the page's title, `<main>` or an `<article>` is that wrapper."""
    return (
        _tag(element) == "form"
        and next(element.iter("textarea"), None) is not None
        and next(element.iter("h1", "main", "article"), None) is None
    )


def has_hiding_class(element: HtmlElement) -> bool:
    classes = (element.get("class") or "").split()
    if HIDING_CLASSES.isdisjoint(classes):
        return False
    if any(_SHOWN_AT_SOME_WIDTH.search(token) for token in classes):
        return False
    return not _hidden_until_shown(element)


# Cards a page shows over a word when the pointer rests on it (a politician's photo and
# latest stories over their name, a glossary entry): The Hill's "rollover-people-block",
# Bootstrap's popovers, tooltips.
HOVER_CARD_WORDS = frozenset(
    {
        *("rollover", "hovercard"),
        *("tooltip", "tooltiptext", "tooltipcontent"),
        *("popover", "popovercontent"),
    }
)
# Names of the part a tooltip hides until hover, apart from the word it hangs on (the
# "tooltip" wrapper holds both): "tooltip-text", "popover-content".
HOVER_TEXT_WORDS = frozenset({"tooltiptext", "tooltipcontent", "popovercontent"})
_CARD_PARTS = ("img", "div", "ul", "ol", "p", "table")


def is_hover_card(element: HtmlElement) -> bool:
    """A card inside a sentence that repeats the word it hangs on, with a picture, links
    or blocks of its own: the page shows it over the word on hover, and read in line it
    breaks the sentence ("Rep. Alexandria Ocasio-Cortez Alexandria Ocasio-Cortez Sanders
    doubles down… was"). The word itself stays: the wrapper holding word and card does not
    repeat what comes before it. A tooltip's text, named as such, goes whatever it holds:
    read in line it runs into its word ("dredge spoilthe silt lifted from the river bed")."""
    if not any(_tag(a) == "p" for a in element.iterancestors()):
        return False
    if not HOVER_TEXT_WORDS.isdisjoint(words(element)):
        return True
    if next(element.iter(*_CARD_PARTS), None) is None and _fewer_than_two_links(element):
        return False
    previous = _previous_element(element)
    if previous is not None:
        tail = previous.tail or ""
        hung_on = tail if tail.strip() else text_of(previous)
    else:
        parent = element.getparent()
        hung_on = (parent.text or "") if parent is not None else ""
    hung_on = " ".join(hung_on.split()).lower()
    return len(hung_on) >= 2 and hung_on in text_of(element).lower()


def hidden_from_sight(element: HtmlElement) -> bool:
    """Hidden by its `hidden` attribute or its style (display:none, visibility:hidden)."""
    return element.get("hidden") is not None or bool(
        _HIDDEN_STYLE.search(element.get("style") or "")
    )


# A link laid over its whole card (Bootstrap's stretched-link, Tailwind's `absolute
# inset-0`) holds words no one sees.
_OVERLAY_WORDS = frozenset({"absolute", "overlay", "stretched", "stretchedlink", "inset"})


def is_hidden(element: HtmlElement) -> bool:
    if _hidden_until_shown(element):
        return False
    if (element.get("aria-hidden") or "").lower() == "true":
        tag = _tag(element)
        # aria-hidden hides from screen readers only. A picture stays; so does a link,
        # hidden there because it repeats a link beside it ("river" cards link their
        # summary too), unless it is laid over its card. Either may still be hidden
        # from sight as well.
        if tag == "a" and not _OVERLAY_WORDS.isdisjoint(words(element)):
            return True
        if tag not in ("a", "img") and not _shows_its_holders_name(element):
            return True
    return hidden_from_sight(element)


def _shows_its_holders_name(element: HtmlElement) -> bool:
    """The sighted reader's copy of a name its holder gives screen readers in full:
    `<h3 aria-label="Cloud services 2025 Opens in a new tab"><span aria-hidden="true">Cloud
    services 2025</span></h3>`. The holder's label says the text, so the text is shown."""
    holder = element.getparent()
    if holder is None:
        return False
    label = holder.get("aria-label")
    if not label:
        return False
    text = text_of(element)
    return bool(text) and " ".join(label.split()).startswith(text)


_ROW_TAGS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "span", "td", "center"})


def _one_line_of_links(element: HtmlElement, links: list[HtmlElement]) -> bool:
    """Two links or more, and no picture, paragraph or list item: one line of them."""
    # The parser writes tag names lower-case: lxml's own tag filter stands for _tag here.
    return len(links) >= 2 and next(element.iterdescendants("img", "p", "li"), None) is None


def _fewer_than_two_links(element: HtmlElement) -> bool:
    """Under two <a> in the element: no line of links, whichever of them count. Asked
    first, as most blocks the line rules visit hold one link or none."""
    found = element.iter("a")
    return next(found, None) is None or next(found, None) is None


def _text_around_links(element: HtmlElement, links: list[HtmlElement], mark: str) -> str:
    """The element's text with each link's text (once each) put as `mark`."""
    text = text_content(element)
    for link in links:
        text = text.replace(text_content(link), mark, 1)
    return text


# A table cell this short, in a row whose other cells say something, is one value of a
# data table: "Orange, Red" as a product's tag links, a rental company linked to its page.
DATA_CELL_MAX_CHARS = 100
# Cells are found this many wrappers up from a linked line (`<td><p><a>`).
DATA_CELL_DEPTH = 3


def in_data_cell(element: HtmlElement) -> bool:
    """Inside a short cell of a table whose row also holds text outside links."""
    cell = element if _tag(element) in ("td", "th") else None
    if cell is None:
        for ancestor in itertools.islice(element.iterancestors(), DATA_CELL_DEPTH):
            if _tag(ancestor) in ("td", "th"):
                cell = ancestor
                break
    if cell is None or len(text_of(cell)) > DATA_CELL_MAX_CHARS:
        return False
    row = cell.getparent()
    if row is None or _tag(row) != "tr":
        return False
    others = [c for c in row if c is not cell and _tag(c) in ("td", "th")]
    return any(len(text_of(c)) > link_text_length(c) for c in others)


def _link_row(element: HtmlElement, tag: str, text: str | None) -> bool:
    """`[Home](..) | [News](..) | [About](..)`: links with only separators between them."""
    if tag not in _ROW_TAGS:
        return False
    # The length test first: it is cached, and the links of a whole section are many.
    if text is None or _fewer_than_two_links(element):
        return False
    links = [a for a in element.iter("a") if not is_anchor_mark(a) and not _names_a_place(a)]
    if not _one_line_of_links(element, links):
        return False
    if not _SEPARATORS_ONLY.match(_text_around_links(element, links, "")):
        return False
    if in_data_cell(element):
        return False
    if _is_post_header(element):
        return False
    if _under_see_also(element):
        return False
    labels = [text_content(link).strip() for link in links]
    # A headline with its source beside it ("What we learned (example.com)") is one line
    # of a listing, not a menu: menus are rows of short labels, none the bulk of the row.
    longest = max(labels, key=len)
    if len(longest.split()) < HEADLINE_MIN_WORDS:
        return True
    # ...the bulk of the row, or beside nothing but sources ("thedreamcastjunkyard.co.uk").
    others = list(labels)
    others.remove(longest)
    return not (
        len(longest) >= len(text) * HEADLINE_ROW_SHARE or all(_names_a_site(o) for o in others)
    )


# A reference's "See also" section is its list of other pages, the section's whole text:
# a manual page's "lockctl, lockstat", a wiki's related articles.
_SEE_ALSO = regexcache.compile(
    r"^\W*(?:see also|related (?:commands|functions|pages|topics)|siehe auch|voir aussi|"
    r"véase también|vedi anche|veja também|zie ook|см\. также|参见|參見|另见|関連項目)\W*$",
    re.IGNORECASE,
)


def _under_see_also(row: HtmlElement) -> bool:
    """The row follows a "See also" heading, as its section's text."""
    heading = _previous_element(row)
    if heading is None and row.getparent() is not None:
        heading = _previous_element(row.getparent())  # the row's own wrapper after it
    if heading is None or _tag(heading) not in HEADING_TAGS:
        return False
    text = short_text_of(heading, LEAD_LINE_CHARS)
    return text is not None and _SEE_ALSO.match(text) is not None


def _names_a_place(link: HtmlElement) -> bool:
    """`<a name="onthisPage-2"></a>`: no target and no text, a place for links to lead to,
    not a link (an "On this page" menu's target beside a card's title link)."""
    return link.get("href") is None and not text_content(link).strip()


def _names_a_site(label: str) -> bool:
    """ "example.com", "github.com/rfunix": a host, as listings print a headline's source."""
    return bool(label) and not any(c.isspace() for c in label) and "." in label.strip(".")


# A ticker's copies of its phrase: at least this many, each at most this long.
MARQUEE_MIN_COPIES = 4
MARQUEE_MAX_CHARS = 60
_MARQUEE_TAGS = frozenset({"div", "p", "span", "ul", "ol"})


def is_marquee(element: HtmlElement) -> bool:
    """Children that all say the same short phrase, and nothing beside them."""
    if _tag(element) not in _MARQUEE_TAGS or len(element) < MARQUEE_MIN_COPIES:
        return False
    if (element.text or "").strip():
        return False
    # Copies share their tag: most containers hold children of several kinds, told apart
    # without reading any text.
    children = list(element)
    kind = children[0].tag
    if any(child.tag != kind for child in children):
        return False
    first: str | None = None
    for child in children:
        if not isinstance(child.tag, str) or (child.tail or "").strip():
            return False
        text = text_of(child)
        if first is None:
            if not text or len(text) > MARQUEE_MAX_CHARS or _unworded(text):
                return False
            first = text
        elif text != first:
            return False
    return True


# A date as forum software and blogs print a post's time: "Aug 4, 2025", "4 August 2025",
# "2025-08-04", "04/08/2025", "Yesterday at 9:17 PM", with a time after it or not.
_DATE_LABEL = regexcache.compile(
    r"^(?:(?:[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4}|\d{1,2}(?:st|nd|rd|th)? [A-Z][a-z]{2,8}\.?,? \d{4}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})(?:,? (?:at )?\d{1,2}:\d{2}[^\n]{0,12})?"
    r"|(?:Today|Yesterday) at \d{1,2}:\d{2}[^\n]{0,6})$"
)
# A link of this many words holding this share of its row is a headline, not a label.
HEADLINE_MIN_WORDS = 6
HEADLINE_ROW_SHARE = 0.7
LINK_ROW_CHARS = 400
is_link_row = LineTest(LINK_ROW_CHARS, _link_row, two_links=True)

# "Home › Forum › This thread": linked steps up the site joined by arrows, the last step
# (the page itself) often plain text. Site software with cryptic class names (Discuz's
# `id="pt"`) leaves it to the text to say so. \x00 stands for each link's text.
_CRUMB_TRAIL = regexcache.compile(
    r"^\s*(?:(?:(?i:you are here|current location)|当前位置|您的位置|位置|現在位置|現在地)"
    r"\s*[:：]?\s*)?(?:\x00\s*[›>»→＞]\s*)+(?:\x00|[^\x00›>»→＞]{1,120})\s*$"
)
BREADCRUMB_CHARS = 300


def _breadcrumb_line(element: HtmlElement, tag: str, text: str | None) -> bool:
    if tag not in _ROW_TAGS or text is None or _fewer_than_two_links(element):
        return False
    links = [a for a in element.iter("a") if a.get("href")]
    if not _one_line_of_links(element, links):
        return False
    return bool(_CRUMB_TRAIL.match(_text_around_links(element, links, "\x00")))


is_breadcrumb_line = LineTest(BREADCRUMB_CHARS, _breadcrumb_line, two_links=True)


def is_share_widget(element: HtmlElement) -> bool:
    # "social-media-embed" around a quoted post: the article quotes it, the post is text.
    found = words(element)
    if found.isdisjoint(SHARE_WORDS) or "embed" in found:
        return False
    return next(element.iter("blockquote"), None) is None


_SHARE_TEXT_TAGS = _ROW_TAGS | {"li", "section", "aside"}


def _share_text(element: HtmlElement, tag: str, text: str | None) -> bool:
    return tag in _SHARE_TEXT_TAGS and text is not None and bool(_SHARE_TEXT.match(text))


is_share_text = LineTest(SHORT_BLOCK_CHARS, _share_text, _SHARE_TEXT)
_COPYRIGHT_TAGS = _ROW_TAGS | {"small", "address"}


def _copyright_line(element: HtmlElement, tag: str, text: str | None) -> bool:
    return tag in _COPYRIGHT_TAGS and text is not None and bool(_COPYRIGHT.search(text))


is_copyright_line = LineTest(SHORT_BLOCK_CHARS, _copyright_line, _COPYRIGHT, searched=True)

# A pager said as links: "1 2 3 … 10 Next »", "**1** [2] [下一页]". Every piece of its text
# is a page number or a step word, so a sentence with numbers in it never is one.
_PAGE_STEP = regexcache.compile(
    r"^(?:\d{1,5}|next|prev(?:ious)?|first|last|older|newer|more|page|go to page|"
    r"[»«›‹…→←]+|\.{2,3}|下一?页|上一?页|下一?頁|上一?頁|首页|首頁|尾页|尾頁|末页|末頁|"
    r"次へ|前へ|次のページ|前のページ|最初|最後)$",
    re.IGNORECASE,
)
_PAGE_PIECE_SPLIT = regexcache.compile(r"[\s|·•/,:;()\[\]]+")
PAGE_NUMBERS_CHARS = 200
_PAGER_TAGS = frozenset({"div", "p", "ul", "ol", "span", "nav", "center"})


def _page_numbers(element: HtmlElement, tag: str, text: str | None) -> bool:
    if tag not in _PAGER_TAGS or not text or _fewer_than_two_links(element):
        return False
    links = sum(1 for a in element.iter("a") if a.get("href"))
    if links < 2:
        return False
    pieces = [
        piece for chunk in element.itertext() for piece in _PAGE_PIECE_SPLIT.split(chunk) if piece
    ]
    if not any(piece.isdigit() for piece in pieces):
        return False
    return all(_PAGE_STEP.match(piece) for piece in pieces)


# What a pager's whole text can be: the steps and separators above, run together where
# one link's text meets the next ("NextLast"), with a digit somewhere. Strip's walk tries
# it on every short block's text at once with the other rules' patterns (see LineTest), so
# _page_numbers reads the links of only the blocks whose text could be a pager.
_PAGER_TEXT = regexcache.compile(
    r"^(?=\D*\d)(?:\d|next|prev(?:ious)?|first|last|older|newer|more|page|go to page|"
    r"[»«›‹…→←.\s|·•/,:;()\[\]]|下一?页|上一?页|下一?頁|上一?頁|首页|首頁|尾页|尾頁|末页|末頁|"
    r"次へ|前へ|次のページ|前のページ|最初|最後)+$",
    re.IGNORECASE,
)
is_page_numbers = LineTest(PAGE_NUMBERS_CHARS, _page_numbers, _PAGER_TEXT, two_links=True)
# dd: XenForo and friends print a thread's status ("Not open for further replies") as the
# definition of a one-item list. small: a post's date, author and category line set in fine
# print under its title.
_SHORT_BLOCK_TAGS = _ROW_TAGS | {"li", "section", "aside", "strong", "b", "em", "dd", "small"}


def _short_block_matching(pattern: re.Pattern[str], limit: int = SHORT_BLOCK_CHARS) -> LineTest:
    def accepts(element: HtmlElement, tag: str, text: str | None) -> bool:
        return tag in _SHORT_BLOCK_TAGS and bool(text) and bool(pattern.search(text or ""))

    return LineTest(limit, accepts, pattern, searched=True)


is_ad_label = _short_block_matching(_AD_LABEL, 40)
def file_stem(src: str) -> str:
    """A picture's file name without its folders, query or extension ("tick" for
    `/img/tick.png?v=2`)."""
    name = src.split("?", 1)[0].split("#", 1)[0].rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0]


# A picture's title printed beside it that is only its file's name ("dp3_1_en" under
# dp3_1_en-150x150.png): a gallery plugin or the CMS filled it from the upload. Written as
# a file is named, with an underscore or a digit: a word beside its icon ("Vegan" beside
# vegan.svg, a name beside its portrait) is a label.
_ONE_TOKEN = regexcache.compile(r"^(?=[^_\d]*[_\d])[\w.-]+$", re.IGNORECASE)
# A thumbnail's size suffix, which the upload's name does not have ("-150x150").
_THUMB_SUFFIX = regexcache.compile(r"-\d+x\d+$")
FILE_NAME_CAPTION_DEPTH = 2


def _file_name_caption(element: HtmlElement, tag: str, text: str | None) -> bool:
    if tag not in ("span", "div", "p", "figcaption") or not text or not _ONE_TOKEN.match(text):
        return False
    name = text.lower()
    for holder in itertools.islice(element.iterancestors(), FILE_NAME_CAPTION_DEPTH):
        for img in holder.iter("img"):
            stem = file_stem(img.get("src") or "").lower()
            if stem and _THUMB_SUFFIX.sub("", stem) == name:
                return True
    return False


FILE_NAME_CAPTION_CHARS = 80
# The pattern lets strip's walk screen this rule with the other line rules' patterns.
is_file_name_caption = LineTest(FILE_NAME_CAPTION_CHARS, _file_name_caption, _ONE_TOKEN)

# What a sign-up or contact form shows once sent, printed hidden under it (Webflow's
# w-form-done / w-form-fail, Mailchimp's embeds): whole short blocks only.
_FORM_MESSAGE_TEXT = regexcache.compile(
    r"^\W*(?:thank you!? your submission has been received!?|"
    r"oops!? something went wrong(?: while submitting the form)?(?:\. please try again)?|"
    r"thank(?:s| you) for (?:subscribing|signing up)(?: to our [\w ]{1,40}newsletter)?|"
    r"you(?:'re| are| have been) (?:successfully )?subscribed)\W*$",
    re.IGNORECASE,
)
is_form_message = _short_block_matching(_FORM_MESSAGE_TEXT, 120)

# How long the page takes to read, said as a line of its own, or after a date or a source
# ("24 Apr 2000 • 3 min read", "1d ago 3 min read"): the page's metadata, like a byline.
_READING_TIME_TEXT = regexcache.compile(
    r"^\W*(?:[\w ,.]{0,16}?(?:[•·|–—]|\bago|\d)\s*)?"
    r"(?:\d{1,3}\s*(?:min(?:ute)?s?|m)\.?\s+(?:read|reading)(?: time)?|"
    r"(?:estimated )?(?:reading|read) time\s*[:：]?\s*(?:about |approx\.? )?\d{1,3}\s*"
    r"(?:min(?:ute)?s?|m)?\.?|"
    r"lesezeit\s*[:：]?\s*\d{1,3}\s*min(?:uten)?\.?|"
    r"temps de lecture\s*[:：]?\s*\d{1,3}\s*min(?:utes)?|"
    r"tiempo de lectura\s*[:：]?\s*\d{1,3}\s*min(?:utos)?|"
    r"(?:阅读|閱讀)(?:时间|時間|需要|约|約)?\s*[:：]?\s*\d{1,3}\s*分钟|\d{1,3}\s*分钟(?:阅读|閱讀)|"
    r"\d{1,3}\s*分で読め(?:ます|る))\W*$",
    re.IGNORECASE,
)
is_reading_time = _short_block_matching(_READING_TIME_TEXT, 60)

# legend: a form's caption over its choices ("Select a size").
SHOP_CONTROL_TAGS = _SHORT_BLOCK_TAGS | {"a", "label", "dt", "legend"}
ACTION_LINE_CHARS = 80


def _action_line(
    pattern: re.Pattern[str], *, headings: bool, tags: frozenset[str] = SHOP_CONTROL_TAGS
) -> LineTest:
    def accepts(element: HtmlElement, tag: str, text: str | None) -> bool:
        if not headings and tag in HEADING_TAGS:
            return False
        return tag in tags and _is_action_line(element, tag, text, pattern)

    return LineTest(ACTION_LINE_CHARS, accepts, pattern)


is_shop_control_text = _action_line(_SHOP_CONTROL_TEXT, headings=True)
# "### Call us today" over a phone number titles a section; the button is the line.
is_cta_line = _action_line(_CTA_TEXT, headings=False)
is_media_control_line = _action_line(_MEDIA_CONTROL_TEXT, headings=False)
is_ui_line = _action_line(_UI_TEXT, headings=False)


# A call-to-action band: a heading that turns to the reader ("Ready to get started?", "Still
# not sure which is right for you?", "Get in touch with our team", "This story is funded by
# readers like you"), a sentence or two, and a button. Landing pages close with one, and
# articles set them between sections: the site's pitch, not the page's subject. The heading
# opens the band's text (after at most a short badge, "Start planning your event").
_INVITATIONS = (
    r"(?:are you )?ready (?:to|for) [^?]{1,80}\?|"
    r"(?:still )?not sure (?:which|what|where|how|if|whether)\b|interested in [^?]{1,60}\?|"
    r"(?:got|have|any) (?:any |more |other )?questions\b|questions\?|"
    r"need (?:help|advice|assistance|support|more information)\b|"
    r"want to (?:learn|know|find out|see|talk|get|work|try) [^?]{0,60}\?|"
    r"(?:get|keep) in touch\b|contact us\b|"
    r"let'?s (?:talk|chat|connect|work together|get started)\b|"
    r"talk to (?:us|our|an? )|take the next step|try it (?:for yourself|free|now|today)\b|"
    r"(?:this|our) (?:story|journalism|work|reporting|site) is (?:funded|supported|made "
    r"possible) by (?:readers|people|members|you)\b|"
    r"start (?:planning|building|your free|today)\b"
)
# The heading says it from its first word: "If you need help buying a sofa, start here"
# titles a guide, "What if I just want to try it?" is a question of an FAQ.
_INVITATION = regexcache.compile(rf"^\W*(?:{_INVITATIONS})", re.IGNORECASE)
# The band's text: the heading, after at most a badge's words (see CTA_BAND_LEAD_CHARS).
_OPENS_WITH_INVITATION = regexcache.compile(
    rf"^(?:.{{0,40}}?\s)?(?:{_INVITATIONS})", re.IGNORECASE
)
CTA_BAND_CHARS = 600
# What the band may say besides its heading and buttons: a sentence or two.
CTA_BAND_PROSE_CHARS = 350
# The heading opens the band: at most a badge's worth of text comes before it.
CTA_BAND_LEAD_CHARS = 40
# A button's words: "Book a lesson", "Start free trial", "Donate now".
CTA_BUTTON_WORDS = 5
_CTA_BAND_TAGS = frozenset({"div", "section", "aside"})
_BUTTON_WORDS = frozenset({"btn", "button", "cta"})


def _band_heading(element: HtmlElement) -> HtmlElement | None:
    for inner in element.iterdescendants():
        tag = inner.tag
        if tag in HEADING_TAGS or (
            isinstance(tag, str) and inner.get("role") == "heading"
        ):
            return inner
    return None


def _is_button(element: HtmlElement) -> bool:
    tag = element.tag
    if tag == "button" or element.get("role") == "button":
        return True
    if tag != "a":
        return False
    if not _BUTTON_WORDS.isdisjoint(words(element)):
        return True
    label = text_of(element)
    return 0 < len(label.split()) <= CTA_BUTTON_WORDS and not label.endswith((".", ":"))


def _cta_band(element: HtmlElement, tag: str, text: str | None) -> bool:
    if tag not in _CTA_BAND_TAGS or not text or not _OPENS_WITH_INVITATION.match(text):
        return False
    heading = _band_heading(element)
    if heading is None:
        return False
    title = text_of(heading)
    if not _INVITATION.match(title) or text.find(title) > CTA_BAND_LEAD_CHARS:
        return False
    buttons = [e for e in element.iter("a", "button", "span", "div") if _is_button(e)]
    if not buttons:
        return False
    # A heading that is itself a link titles a teaser card ("Ready to retire? 5 steps"),
    # which points to a page of its own rather than pitching.
    if any(heading in b.iterancestors() or b is heading for b in buttons):
        return False
    said = len(text) - len(title) - sum(len(text_of(b)) for b in buttons)
    return said <= CTA_BAND_PROSE_CHARS


is_cta_band = LineTest(CTA_BAND_CHARS, _cta_band, _OPENS_WITH_INVITATION)


# A wall of customers' logos under a line that names them for what they prove: "Trusted by
# employees at leading organizations", "As featured in", "Join the many companies that
# have recruited with us". The logos say nothing a reader can read (in Markdown, a column of
# `![VISA](…)`), and the line only vouches for the site.
_LOGO_WALL_HEADING = regexcache.compile(
    r"^\W*(?:trusted by|(?:(?:some of )?our|featured|selected) (?:clients|customers|partners|"
    r"brands)\b|(?:as )?(?:seen|featured) (?:in|on)\b|(?:loved|used|chosen|backed) by\b|"
    r"(?:companies|brands|teams|organi[sz]ations|businesses|customers|leaders) (?:that |who )?"
    r"(?:trust|use|love|rely on|choose)\b|join (?:the many|thousands|millions|over|more than|"
    r"\d)|in (?:good|great) company\b)",
    re.IGNORECASE,
)
LOGO_WALL_HEADING_CHARS = 160
LOGO_WALL_MIN_LOGOS = 4
_LOGO_WALL_TAGS = frozenset({"div", "section", "aside", "ul"})
_LINE_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "div", "li")


def _logo_wall(element: HtmlElement, tag: str, text: str | None) -> bool:
    if tag not in _LOGO_WALL_TAGS or not text or not _LOGO_WALL_HEADING.match(text):
        return False
    # One line: a block of its own says it all ("Backed by reviews" over a headline and its
    # badges is a section of the page).
    if not any(
        text_of(inner) == text and next(inner.iterdescendants(*_LINE_TAGS), None) is None
        for inner in element.iterdescendants(*_LINE_TAGS)
    ):
        return False
    pictures = element.iter("img", "svg")
    return len(list(itertools.islice(pictures, LOGO_WALL_MIN_LOGOS))) >= LOGO_WALL_MIN_LOGOS


# The screen sees the block's whole text: the heading is all of it, the logos have none.
is_logo_wall = LineTest(LOGO_WALL_HEADING_CHARS, _logo_wall, _LOGO_WALL_HEADING)


# A stand-in initial ("J", "MK") is all an avatar without a picture says; the poster's
# name stands beside it. Avatars that are pictures stay with the other images.
AVATAR_INITIAL_MAX_CHARS = 3


def is_avatar_initial(element: HtmlElement) -> bool:
    if "avatar" not in words(element) or next(element.iter("img"), None) is not None:
        return False
    return 0 < len(text_of(element).strip()) <= AVATAR_INITIAL_MAX_CHARS


_POST_NUMBER = regexcache.compile(r"#\d{1,6}")
_POST_LINK = regexcache.compile(r"post|comment|/p/\d|#p\d", re.IGNORECASE)


def is_post_permalink(element: HtmlElement) -> bool:
    if _tag(element) != "a":
        return False
    if not _POST_NUMBER.fullmatch(text_of(element)):
        return False
    return bool(_POST_LINK.search(element.get("href") or ""))


# A post's score where forum and Q&A software print it, beside its voting arrows.
VOTE_WORDS = ("vote", "votes", "votecell", "votecount", "voting")
_has_vote_word = has_word(*VOTE_WORDS)
_VOTE_COUNT = regexcache.compile(r"[+\-−]?\d[\d,.]*[kK]?")


def is_vote_count(element: HtmlElement) -> bool:
    """A block named for votes that holds nothing but a number: "31" above an answer."""
    return _has_vote_word(element) and bool(_VOTE_COUNT.fullmatch(text_of(element)))


_FILTER_HEADING_TEXT = regexcache.compile(
    r"^\W*(?:filter (?:and|&) sort|filters?|sort(?: by)?|refine(?: by| results)?|"
    r"narrow (?:your )?results|shop by|filter by)\W*$",
    re.IGNORECASE,
)


def _filter_heading(element: HtmlElement, tag: str, text: str | None) -> bool:
    return tag in HEADING_TAGS and bool(text) and bool(_FILTER_HEADING_TEXT.match(text or ""))


is_filter_heading = LineTest(ACTION_LINE_CHARS, _filter_heading, _FILTER_HEADING_TEXT)


# Discuz! prints each stat as a header cell of a small table: `<th>12<br>主题</th>`.
is_member_stat_line = _action_line(
    _MEMBER_STAT_TEXT, headings=False, tags=SHOP_CONTROL_TAGS | {"th"}
)
# A board's word to a guest runs to two sentences (GameFAQs': 215 letters).
FORUM_NOTICE_MAX_CHARS = 240
is_forum_notice = _short_block_matching(_FORUM_NOTICE_TEXT, FORUM_NOTICE_MAX_CHARS)


def is_forum_notice_text(text: str) -> bool:
    """Whether a whole line (collapsed) is one of the forum's notices (see trailers)."""
    return bool(_FORUM_NOTICE_TEXT.search(text))


_INLINE_ACTION_TAGS = frozenset({"a", "span", "strong", "b", "em", "label"})


def _is_action_line(
    element: HtmlElement, tag: str, text: str | None, pattern: re.Pattern[str]
) -> bool:
    if not text or not pattern.match(text):
        return False
    if tag in _INLINE_ACTION_TAGS:
        # "…calculated at checkout. [Delivery](…)": a link in a sentence is the sentence's,
        # and so is an emphasised word ("Key adopter <em>quote</em>").
        parent = element.getparent()
        return parent is None or text_of(parent) == text
    return True


# A count said alone: "0", "12", "1.2k".
_COUNT_TEXT = regexcache.compile(r"^\d[\d,.]{0,6}[km]?$", re.IGNORECASE)
_CONTROL_TAGS = ("button", "input", "select")
_COUNT_HOLDER_TAGS = frozenset({"div", "span", "li", "p"})


def _control_count(element: HtmlElement, tag: str, text: str | None) -> bool:
    """A count beside a button and nothing else (a like button's heart and "0", a vote's
    arrows and "12"): the control's state, not the page's text."""
    if tag not in _COUNT_HOLDER_TAGS or not text or not _COUNT_TEXT.match(text):
        return False
    if next(element.iter(*_CONTROL_TAGS), None) is not None:
        return True
    return any(e.get("role") == "button" for e in element.iterdescendants())


is_control_count = LineTest(12, _control_count, _COUNT_TEXT)

is_promo_text = _short_block_matching(_PROMO_TEXT)
is_affiliate_disclosure = _short_block_matching(_AFFILIATE_DISCLOSURE, 500)
is_tags_line = _short_block_matching(_TAGS_LINE, 400)
is_post_navigation = _short_block_matching(_POST_NAVIGATION_LINE, POST_NAVIGATION_MAX_CHARS)
is_byline_text = _short_block_matching(_BYLINE_TEXT, 120)
# A dated label said alone ("Updated August 14, 2025", "Published: 2025-06-23 10:39am"): an
# article's metadata. Only on pages that declare an article: a forum post's "Posted March
# 19, 2024" and a listing card's "Updated Mar 8, 2026" belong to their items.
_DATED_LABEL = regexcache.compile(
    r"^\W*(?:(?:first |last )?(?:published|updated|posted|modified)|publish(?:ed)? date|"
    r"date published)(?: on)?\s*[:：]?\s*(?:[a-z]{3,9}\.? \d{1,2},? \d{4}|"
    r"\d{1,2} [a-z]{3,9}\.?,? \d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})"
    r"(?:,? (?:at )?\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?(?: [a-z]{2,4})?)?\W*$",
    re.IGNORECASE,
)
is_dated_label = _short_block_matching(_DATED_LABEL, 80)


# How far below a section's top its heading may sit: page builders wrap a heading in
# several single-purpose divs before the list it opens.
LEAD_DEPTH = 8
_LEAD_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6", "p", "strong"})
_HEADING_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
_SECTION_TAGS = frozenset({"ul", "ol", "section", "div", "aside", "article"})


def _leading_block(element: HtmlElement) -> HtmlElement | None:
    """The heading or short line a section opens with, through wrapper divs."""
    node = element
    for _ in range(LEAD_DEPTH):
        text = node.text
        if text and not text.isspace():
            return None  # text comes before any child: the section opens with it
        for first in node:
            tag = first.tag
            if isinstance(tag, str):
                break
        else:
            return None
        if tag.lower() in _LEAD_TAGS:
            return first
        node = first
    return None


@lru_cache(maxsize=16384)
def _leads_elsewhere(text: str) -> bool:
    """_ELSEWHERE_LEAD matches `text`. Asked of every section's opening line, and nested
    wrappers open with the same line (pages share their headings too, "Related posts"):
    each text is tried once, as a try of the pattern's hundred alternatives costs 2 µs."""
    return _ELSEWHERE_LEAD.match(text) is not None


def _opens_shop_carousel(tag: str, text: str) -> bool:
    return tag in _HEADING_TAGS and bool(_SHOP_ELSEWHERE_LEAD.match(text))


# Product cards carry a name, a price and a rating line each: a carousel's lines are short,
# bar the odd disclaimer ("Promoted items are selected…") beside its heading.
CARD_LINE_MAX_CHARS = 160
CARD_LONG_LINE_SHARE = 0.1


def is_card_list(element: HtmlElement) -> bool:
    """Several linked cards with short lines: a carousel, whose titles may not be links."""
    if sum(1 for _ in itertools.islice(element.iter("a"), 2)) < 2:
        return False
    lines = [len(piece.strip()) for piece in element.itertext() if not piece.isspace()]
    long_lines = sum(1 for n in lines if n >= CARD_LINE_MAX_CHARS)
    return long_lines <= CARD_LONG_LINE_SHARE * len(lines)


def _elsewhere_lead(element: HtmlElement, tag: str, own_text: str | None) -> bool:
    """ "Related stories", "Customers also bought": a short lead-in, or a block it opens."""
    first = _leading_block(element) if tag in _SECTION_TAGS else None
    if first is not None:
        text = short_text_of(first, 60) or ""
        if _opens_shop_carousel(_tag(first), text):
            return is_card_list(element)
        if not _leads_elsewhere(text):
            return False
        # The block is the lead-in plus links, or plus teaser cards (a linked title and an
        # excerpt each): nothing a reader came for.
        links = link_text_length(element)
        rest = len(text_of(element)) - len(text)
        return links * 2 >= rest or _holds_teaser_cards(element, first)
    if tag in _ROW_TAGS:  # a <div> holding only the line is a line
        text = own_text or ""
        if _opens_shop_carousel(tag, text):
            return True
        return _leads_elsewhere(text) and not (tag in _HEADING_TAGS and _titles_prose(element))
    return False


# What a heading's next block must hold to be the section the heading titles, not the links
# elsewhere it announces: a paragraph's worth of text, most of it not link text.
TITLED_PROSE_MIN_CHARS = 300


def _titles_prose(heading: HtmlElement) -> bool:
    """The block after the heading is prose: "Recommended courses:" over a course's
    description is the article's own section, however its title reads. A list whose every
    item links, or a row of teaser cards, is what such a heading announces."""
    after = _next_element(heading)
    if after is None or _tag(after) in _HEADING_TAGS:
        return False
    text = text_of(after)
    # In Latin-letter equivalents: a hundred Chinese characters are a paragraph too.
    if text_weight(text) < TITLED_PROSE_MIN_CHARS or link_text_length(after) * 2 >= len(text):
        return False
    while _element_children(after) == 1:  # the cards' own row inside a wrapper
        after = next(child for child in after if isinstance(child.tag, str))
    return not _holds_teaser_cards(after, None)


LEAD_LINE_CHARS = 60
is_elsewhere_lead = LineTest(LEAD_LINE_CHARS, _elsewhere_lead)


def is_list_after_elsewhere_lead(element: HtmlElement) -> bool:
    """The list of links a "Related posts" heading opens when the two are siblings, not
    wrapped in a section of their own."""
    if _tag(element) not in ("ul", "ol"):
        return False
    lead = _previous_element(element)
    if lead is None or _tag(lead) not in _HEADING_TAGS:
        return False
    text = short_text_of(lead, LEAD_LINE_CHARS)
    if not text or not _leads_elsewhere(text):
        return False
    return link_text_length(element) * 2 >= len(text_of(element))


# A related section's cards: at least this many alike siblings, each linking somewhere,
# holding at least two thirds of the section's text after its lead-in.
TEASER_MIN_CARDS = 3
TEASER_CARD_SHARE_DIVISOR = 3


def _holds_teaser_cards(section: HtmlElement, lead: HtmlElement | None) -> bool:
    """Alike children that each link somewhere hold most of what follows the lead-in."""
    by_tag: dict[str, list[HtmlElement]] = {}
    for child in section:
        if isinstance(child.tag, str) and child is not lead and text_of(child):
            by_tag.setdefault(_tag(child), []).append(child)
    if not by_tag:
        return False
    cards = max(by_tag.values(), key=len)
    if len(cards) < TEASER_MIN_CARDS or any(next(c.iter("a"), None) is None for c in cards):
        return False
    rest = len(text_of(section)) - (len(text_of(lead)) if lead is not None else 0)
    return sum(len(text_of(c)) for c in cards) * TEASER_CARD_SHARE_DIVISOR >= rest * 2


def is_qr_image(element: HtmlElement) -> bool:
    if _tag(element) != "img":
        return False
    for attr in ("src", "alt", "class", "id"):
        value = element.get(attr)
        # The pattern, with its case-blind alternatives, costs microseconds a string; the
        # substrings it needs cost a fraction of that, and rule out nearly every image.
        if value and _could_name_qr(value) and _QR.search(value):
            return True
    return False


def _could_name_qr(value: str) -> bool:
    return "qr" in value.lower() or "二维码" in value or "二維碼" in value


def is_short_footer(element: HtmlElement) -> bool:
    """A `<footer>` inside an article is tags, share buttons and bylines, not prose."""
    return _tag(element) == "footer" and (
        len(text_of(element)) < SHORT_BLOCK_CHARS
        or link_text_length(element) * 2 > len(text_of(element))
    )


_ANCHOR_MARK = regexcache.compile(r"^[\s¶#§🔗⚓]*$")


# What a link to a site's front page is written as: its root, or its index file. Not with
# a query: sites that route every page through their index file (`index.php?/profile/7`)
# and tools that keep their state in it (`/?z=5e14`) link elsewhere that way.
_HOME_PATH = regexcache.compile(r"(?:\.?/|/index\.(?:html?|php|aspx?))(?:#.*)?")
_HOME_URL = regexcache.compile(
    r"(?:https?:)?//([^/?#:@]+)(?::\d+)?(?:/|/index\.(?:html?|php|aspx?))?(?:#.*)?",
    re.IGNORECASE,
)


def is_home_logo(element: HtmlElement) -> bool:
    """A picture, and nothing else, linking to the page's own site's front page: the
    site's logo. Its text alternative names the site, never the page's subject; a picture
    linking to another site's front page is the thing a page reviews, and stays."""
    # Asked of every link: most hold no element at all, so no picture, told by one read;
    # most of the rest hold no picture.
    if not len(element) or _tag(element) != "a":
        return False
    if next(element.iter("img", "picture"), None) is None:
        return False
    href = (element.get("href") or "").strip()
    if not href or not (_HOME_PATH.fullmatch(href) or _links_to_own_front_page(element, href)):
        return False
    return not text_content(element).strip()  # a "Home" link is the menu's


def _links_to_own_front_page(element: HtmlElement, href: str) -> bool:
    match = _HOME_URL.fullmatch(href)
    if match is None:
        return False
    root = element.getroottree().getroot()
    site = root.get(SITE_ATTR) if root is not None else None
    return bool(site) and site_of(match.group(1)) == site


def is_anchor_mark(element: HtmlElement) -> bool:
    if _tag(element) != "a" or not (element.get("href") or "").startswith("#"):
        return False
    return bool(_ANCHOR_MARK.match(text_content(element))) and len(element) == 0


_DIGITS_ONLY = regexcache.compile(r"^[\d\s.:]*$")


def is_line_number_gutter(element: HtmlElement) -> bool:
    """Only numbers: a layout class that happens to say "gutter" holds real text."""
    return has_word(*LINENO_WORDS)(element) and bool(_DIGITS_ONLY.match(text_content(element)))


# How deep in a code block a line's number may sit (`<pre><code><span>`).
CODE_LINE_DEPTH = 4


def is_code_line_anchor(link: HtmlElement) -> bool:
    """A line's number written into the code itself, as a link to that line: rustdoc's
    source view opens each line with `<a href=#12 id=12 data-nosnippet>12</a>` (inside a
    highlighter's span when a comment runs over several lines), and the number came out
    glued to the line's code ("12use std::io;")."""
    href = link.get("href") or ""
    if not href.startswith("#"):
        return False
    if not any(
        _tag(a) in ("code", "pre") for a in itertools.islice(link.iterancestors(), CODE_LINE_DEPTH)
    ):
        return False
    number = text_content(link)
    if not number.isdigit() or href[1:].lstrip("Ll") != number:
        return False
    return _starts_a_line(link, CODE_LINE_DEPTH)


def _starts_a_line(node: HtmlElement, depth: int) -> bool:
    """Nothing but a line break before `node` on its line of code."""
    before = node.getprevious()
    if before is not None:
        tail: str | None = before.tail
        if tail:
            return tail.endswith("\n")
        return _tag(before) == "br" or text_content(before).endswith("\n")
    parent = node.getparent()
    if parent is None:
        return True
    lead: str | None = parent.text
    if lead:
        return lead.endswith("\n")
    if _tag(parent) in ("code", "pre") or depth == 0:
        return True
    return _starts_a_line(parent, depth - 1)


RULES: tuple[Rule, ...] = (
    Rule(
        "never-content",
        "script",
        "scripts, styles and embedded widgets carry no readable text",
        has_tag(*NEVER_CONTENT_TAGS),
        '<p>before</p><script>var marker = "REMOVED";</script>',
        "<p>KEPT paragraph</p>",
        guard="none",
        trigger=trigger(tags=NEVER_CONTENT_TAGS),
    ),
    Rule(
        "controls",
        "script",
        "buttons, form fields and <noscript> fallbacks ('enable JavaScript') are not prose;"
        " a button that is its heading's whole text is an accordion's title, not a control",
        is_control,
        "<p>x<button>Subscribe REMOVED</button><noscript>Enable JavaScript</noscript></p>"
        "<h2>Comments <button>REMOVED Show</button></h2>"
        '<h3><button>Company REMOVED</button></h3><ul><li><a href="/about">About</a></li></ul>',
        '<h3><button aria-expanded="false">KEPT: what is an HRMS?</button></h3>'
        "<div><p>An HRMS is software that keeps employee records.</p></div>",
        trigger=trigger(tags=CONTROL_TAGS),
    ),
    Rule(
        "compose-form",
        "script",
        "a form with a box to write in (a reply, an answer, a comment) is where a reader "
        "writes, not what the page says: its headings and fine print go with it",
        is_compose_form,
        '<form action="/answer/submit"><h3>Post as a guest REMOVED</h3><textarea></textarea>'
        "</form>",
        '<form action="/search"><p>KEPT: search the archive</p><input name="q"></form>',
        # The content words of a reply form's class ("post-form") name what it makes.
        guard="none",
        trigger=trigger(tags=("form",)),
    ),
    Rule(
        "hidden",
        "hidden",
        "a reader never sees elements the page hides (hidden, aria-hidden, display:none)",
        is_hidden,
        '<div style="display: none">REMOVED hidden text</div>',
        '<div style="display:block">KEPT visible text</div>',
        trigger=trigger(attrs=("hidden", "aria-hidden", "style")),
    ),
    Rule(
        "hidden-class",
        "hidden",
        "a class that hides the element at every width (d-none, sr-only, hide) says a reader"
        " never sees it",
        has_hiding_class,
        '<p>KEPT<span class="d-none">REMOVED label</span></p><dl class="info hide"><dt>x</dt>'
        "<dd>REMOVED thumbnail URL</dd></dl>",
        '<div class="hidden md:block">KEPT on wide screens</div>'
        '<div class="tab-pane hide">KEPT tab</div>',
        trigger=trigger(words=HIDING_CLASS_WORDS),
    ),
    Rule(
        "hover-card",
        "hidden",
        "a card shown over a word on hover (a person's photo and stories over their name)"
        " repeats the word and breaks the sentence it sits in when read in line",
        is_hover_card,
        '<p>Rep. <span class="rollover"><a href="/p/ann">KEPT Ann Lee</a><span'
        ' class="rollover-block"><img src="/ann.jpg"><a href="/p/ann">REMOVED KEPT Ann Lee</a>'
        '<a href="/s/1">Her stories</a></span></span> said no to <span class="tooltip">KEPT'
        ' spoil<span class="tooltip-text">REMOVED: silt</span></span>.</p>',
        '<p>A <span class="tooltip">KEPT term</span> here, <span class="popover">KEPT</span>'
        ' and <a class="has-tooltip" href="/t">KEPT link</a>.</p>',
        trigger=trigger(words=HOVER_CARD_WORDS),
    ),
    Rule(
        "nocontent-class",
        "chrome",
        "class 'nocontent' is the page's own word that a block is not content: Google's site"
        " search skips such blocks, and its documentation sites mark their menus, feedback"
        " buttons and licence footers with it",
        has_word("nocontent"),
        '<article><p>KEPT</p><div class="devsite-content-footer nocontent"><p>Except as'
        " otherwise noted, REMOVED the content of this page is licensed</p></div></article>",
        '<div class="no-content-yet"><p>KEPT: the list is empty for now.</p></div>',
        trigger=trigger(words=("nocontent",)),
    ),
    Rule(
        "small-screen-twin",
        "hidden",
        "a page prints some things twice, once for small screens (md:hidden) and once for wide "
        "ones (hidden md:block); a reader sees one of them",
        is_small_screen_twin,
        '<div><span class="md:hidden" id="REMOVED">New</span>'
        '<span class="hidden md:block">New</span></div>',
        '<div><span class="md:hidden">KEPT Menu</span><span class="hidden md:block">Home</span>'
        "</div>",
        trigger=trigger(attrs=("class",)),
    ),
    Rule(
        "short-form-twin",
        "hidden",
        "a value printed in a long and a short form side by side (a date and '1 yr'), one "
        "shown by the style sheet; the long one says it all",
        is_short_form_twin,
        '<time><span class="ipsTime__long">April 2, 2024</span>'
        '<span class="ipsTime__short" id="REMOVED">1 yr</span></time>',
        '<p><span class="desc-short">KEPT: a short description</span></p>',
        trigger=trigger(words=("short",)),
    ),
    Rule(
        "closed-dialog",
        "hidden",
        "a modal dialog (role=dialog, aria-modal=true) shows only when a reader opens it: a"
        " policy behind a footer link, a sign-up form, a copy of the article to republish",
        is_closed_dialog,
        '<div role="dialog" aria-modal="true"><h2>Privacy Policy</h2><p>REMOVED</p></div>'
        '<div role="alertdialog"><p>REMOVED: sign up for deals</p></div>',
        '<div role="dialog" aria-modal="false"><h2>Description</h2><p>KEPT: a side sheet'
        " beside the page</p></div>",
        guard="none",
        trigger=trigger(attrs=("role", "aria-modal")),
    ),
    Rule(
        "tracking-pixel",
        "tracking",
        "0 or 1 px images and analytics hosts are beacons, not pictures",
        is_tracking_image,
        '<p>x<img src="http://t.example/REMOVED.gif" width="0px" height="0px"></p>',
        '<p><img src="http://img.example/KEPT.jpg" width="640"> KEPT</p>',
        guard="none",
        trigger=trigger(tags=("img",)),
    ),
    Rule(
        "qr-code",
        "share",
        "QR codes are a way to share the page, not part of it",
        is_qr_image,
        '<p>x<img src="/static/qrcode-REMOVED.png" alt="scan"></p>',
        '<p><img src="/photos/quarry-KEPT.jpg" alt="quarry"> KEPT</p>',
        guard="none",
        trigger=trigger(tags=("img",)),
    ),
    Rule(
        "user-drop",
        "user",
        "a selector the user passed with --drop",
        lambda element: False,
        "",
        "",
        guard="none",
        trigger=trigger(),
    ),
    Rule(
        "nav-element",
        "nav",
        "<nav> and role=navigation mark site navigation by definition",
        any_of(has_tag("nav"), has_role("navigation", "menubar", "menu")),
        '<nav><a href="/">Home</a> <a href="/news">REMOVED News</a></nav>',
        "<div><p>KEPT text about navigation of ships</p></div>",
        trigger=trigger(tags=("nav",), attrs=("role",)),
    ),
    Rule(
        "nav-class",
        "nav",
        "menus, breadcrumbs and pagers are named so by the page's own class or id; a heading"
        " is the section's title whatever its class (Docusaurus offsets its anchors under the"
        " sticky bar with anchorTargetHideOnScrollNavbar)",
        unless_content_word(is_named_nav),
        '<div class="breadcrumb"><a href="/">Home</a> › REMOVED</div>',
        '<div class="entry-content"><p>KEPT menu of the day: soup</p></div>'
        '<h3 class="anchor anchorTargetHideOnScrollNavbar_qJOx">KEPT Gatsby</h3>',
        trigger=trigger(words=NAV_WORDS),
    ),
    Rule(
        "link-row",
        "nav",
        "a line of links with only separators between them is a menu, in HTML or Markdown",
        is_link_row,
        '<h4><a href="/">REMOVED Home</a> | <a href="/hot">Hot</a> | <a href="/t">Tips</a></h4>',
        '<p>KEPT: see <a href="/a">this</a> and <a href="/b">that</a> for details.</p>',
        trigger=trigger(tags=_ROW_TAGS),
    ),
    Rule(
        "page-numbers",
        "nav",
        "a pager (page numbers and next/previous links, nothing else) moves between pages; it "
        "is not what any page says",
        is_page_numbers,
        '<div class="pg"><strong>1</strong><a href="/p2">2</a><a href="/p3">3</a>'
        '<a href="/p2" id="REMOVED">Next</a></div>',
        '<p>KEPT: <a href="/a">2</a> of the <a href="/b">3</a> locks were replaced in 1990.</p>',
        trigger=trigger(tags=_PAGER_TAGS),
    ),
    Rule(
        "breadcrumb-line",
        "nav",
        "a trail of links joined by arrows (Home › Forum › this page) places the page in its "
        "site; it says nothing the page does",
        is_breadcrumb_line,
        '<div id="pt"><a href="/">Home</a> › <a href="/f2" id="REMOVED">Gardening</a> › '
        "Tomatoes drop their flowers</div>",
        '<p>KEPT: open <a href="/s">Settings</a>, then choose Privacy and clear the cache.</p>',
        trigger=trigger(tags=_ROW_TAGS),
    ),
    Rule(
        "page-header",
        "chrome",
        "the site's header (logo, menu, search) frames every page, outside any article; a "
        "header holding an <h1> is the article's own title block, one holding an accordion's "
        "title is that section's, a heading named 'header' is a section's title, and a "
        "header named for a part of the page (section-header, a pane's, the product's) is "
        "that part's",
        outside_article(
            lambda e: (
                _names_a_page_header(e)
                # `<h2 class="headerTxt">`, `<h3 class="section-header">`: the class says
                # what the heading is, a header of what follows.
                and _tag(e) not in HEADING_TAGS
                and next(e.iter("h1"), None) is None
                # Bootstrap's accordion titles its sections `<h2 class="accordion-header">`.
                and not holds_accordion_title(e)
                and not names_a_part_header(e)
                # A page has one header: one in each of a list's cards is the card's.
                and not one_of_many(e, CARD_PART_DEPTH)
            )
        ),
        '<header><a href="/">Example News REMOVED</a></header>',
        "<article><header><h1>KEPT headline</h1></header><p>text</p></article>",
        trigger=trigger(tags=("header",), words=HEADER_WORDS, attrs=("role",)),
    ),
    Rule(
        "page-footer",
        "chrome",
        "the site's footer (legal links, addresses) frames every page",
        any_of(
            outside_article(
                any_of(has_tag("footer"), has_role("contentinfo"), has_word(*FOOTER_WORDS))
            ),
            is_short_footer,
        ),
        '<footer><a href="/about">About REMOVED</a> <a href="/legal">Legal</a></footer>',
        '<div class="foot-notes"><p>KEPT footnote text</p></div>',
        trigger=trigger(tags=("footer",), words=FOOTER_WORDS, attrs=("role",)),
    ),
    Rule(
        "sidebar",
        "chrome",
        "sidebars and widget areas hold site-wide blocks, not the page's content",
        any_of(
            outside_article(has_tag("aside")),
            has_role("complementary"),
            unless_content_word(_names_a_sidebar),
        ),
        '<div class="sidebar"><h3>Archives REMOVED</h3></div>',
        '<div class="side-by-side"><p>KEPT comparison</p></div>',
        trigger=trigger(tags=("aside",), words=SIDEBAR_WORDS, attrs=("role",)),
    ),
    Rule(
        "marquee",
        "promo",
        "a ticker prints one short phrase over and over for its scrolling animation ('Book "
        "Now * Book Now * …', 'Free shipping • Free shipping • …'): a banner, said once or "
        "a hundred times",
        is_marquee,
        '<div class="ticker">' + "<span>Book now REMOVED</span>" * 6 + "</div>",
        "<ul><li>KEPT: stir</li><li>stir</li><li>stir again</li><li>stir</li></ul>",
        trigger=trigger(tags=_MARQUEE_TAGS),
    ),
    Rule(
        "copyright-line",
        "chrome",
        "copyright and rights notices are legal chrome",
        is_copyright_line,
        "<p>© 2024 Example Media Ltd. REMOVED</p>",
        "<p>KEPT: copyright law protects the expression of ideas, not the ideas.</p>",
        trigger=trigger(tags=_ROW_TAGS | {"small", "address"}),
    ),
    Rule(
        "file-name-caption",
        "chrome",
        "a picture's title that is only its file's name (a gallery's 'dp3_1_en' under "
        "dp3_1_en-150x150.png) says nothing to a reader",
        is_file_name_caption,
        '<a href="/g/dp3_removed.png"><img src="/up/dp3_removed-150x150.png">'
        "<span>DP3_REMOVED</span></a>",
        '<a href="/harbour.png"><img src="/up/harbour-150x150.png"><span>KEPT_harbour_gates'
        "</span></a>",
        trigger=trigger(tags=("span", "div", "p", "figcaption")),
    ),
    Rule(
        "ad-label",
        "ad",
        "a block that only says 'Advertisement' marks where an ad was",
        is_ad_label,
        "<p>Advertisement</p><div id='REMOVED'>Advert</div>",
        "<p>KEPT: Advertisement spending fell by a tenth last year.</p>",
        trigger=trigger(tags=_SHORT_BLOCK_TAGS),
    ),
    Rule(
        "promo-text",
        "promo",
        "short lines that sell a newsletter or an app, or say 'click here'",
        is_promo_text,
        "<p>Get the latest updates delivered to your inbox. REMOVED</p>",
        "<p>KEPT: the council voted to subscribe to the regional flood warning service, "
        "which will send alerts to residents by text message and email from next spring.</p>",
        trigger=trigger(tags=_SHORT_BLOCK_TAGS),
    ),
    Rule(
        "affiliate-disclosure",
        "promo",
        "a note that the page earns a commission from its links is about the page's business,"
        " not its subject",
        is_affiliate_disclosure,
        "<p><em>Disclosure: this post contains affiliate links; I may earn a small commission."
        " REMOVED</em></p>",
        "<p>KEPT: affiliate links let a blog earn a commission, and disclosure rules say a "
        "reader must be told about them before the first link.</p>",
        trigger=trigger(tags=_SHORT_BLOCK_TAGS),
    ),
    Rule(
        "elsewhere-lead",
        "related",
        "'Related stories', 'Don't miss' and the links they open point away from the page",
        is_elsewhere_lead,
        '<div><h3>Related stories</h3><ul><li><a href="/x">REMOVED x</a></li></ul></div>',
        "<p>KEPT: related research found the same effect in mice.</p>",
        # Teasers can outweigh a short article; a page that is only teasers keeps them.
        guard="elsewhere",
        trigger=trigger(tags=_ROW_TAGS | _SECTION_TAGS),
    ),
    Rule(
        "elsewhere-list",
        "related",
        "the list of links a 'Related posts' heading opens points away from the page, when"
        " the two are siblings rather than one section",
        is_list_after_elsewhere_lead,
        "<div><p>The harbour wall was rebuilt in granite after the storm.</p>"
        '<h2>Other posts you may enjoy</h2><ul><li><a href="/x">REMOVED x</a></li></ul></div>',
        '<h2>Further steps</h2><ul><li><a href="/x">KEPT step one</a></li></ul>',
        guard="elsewhere",
        trigger=trigger(tags=("ul", "ol")),
    ),
    Rule(
        "shop-control",
        "chrome",
        "a buy box said as text (add to cart, select a size, in stock, free shipping) acts "
        "on the product; it does not describe it",
        is_shop_control_text,
        '<div class="pdp"><p><a href="/cart" id="REMOVED">Add to cart</a></p><p>In stock</p></div>',
        "<p>KEPT: shipping was slow, but the kettle works well.</p>",
        trigger=trigger(tags=SHOP_CONTROL_TAGS),
    ),
    Rule(
        "cta-line",
        "promo",
        "a whole line that is a button's words (Contact us, Get started, Sign up, Learn "
        "more) sends the reader elsewhere; it says nothing itself",
        is_cta_line,
        '<div class="hero"><p><a href="/contact" id="REMOVED">Get in touch</a></p></div>',
        "<p>KEPT: to get in touch with the harbour office, call before noon.</p>",
        trigger=trigger(tags=SHOP_CONTROL_TAGS),
    ),
    Rule(
        "cta-band",
        "promo",
        "a heading that turns to the reader (Ready to get started? Still not sure? Get in "
        "touch), a sentence or two and a button: the site's pitch, not the page's subject",
        is_cta_band,
        '<div class="band"><h2>Ready to get pests out of your home? REMOVED</h2>'
        '<p>Our team is on call.</p><a class="btn" href="/contact">Get started</a></div>',
        '<div><h2>Ready To Ship Backpacks</h2><p>KEPT: in stock now.</p>'
        '<a class="btn" href="/shop">Shop</a></div>',
        trigger=trigger(tags=_CTA_BAND_TAGS),
    ),
    Rule(
        "logo-wall",
        "promo",
        "customers' logos under a line that vouches for the site (Trusted by, As featured in):"
        " pictures with nothing to read, and the line is the site's praise of itself",
        is_logo_wall,
        '<section><h2>Trusted by teams at REMOVED</h2><ul>'
        + '<li><img src="/logos/a.svg" alt="A"></li>' * 5
        + "</ul></section>",
        '<section><h2>Trusted by sailors for a century</h2><p>KEPT: the harbour light has '
        'guided ships since 1890.</p>' + '<img src="/photos/p.jpg" alt="">' * 5 + "</section>",
        trigger=trigger(tags=_LOGO_WALL_TAGS),
    ),
    Rule(
        "media-control-line",
        "chrome",
        "a gallery's and a player's buttons and notices (Close, Caption, Back to gallery, "
        "Image 2 of 5, playback unsupported) work the widget; they are not the page's text",
        is_media_control_line,
        '<div class="gallery"><p id="REMOVED">Back to Gallery</p><p>Image 2 of 5</p></div>',
        "<p>KEPT: close the gallery doors before the tide turns.</p>",
        trigger=trigger(tags=SHOP_CONTROL_TAGS),
    ),
    Rule(
        "ui-line",
        "chrome",
        "a whole line that is the site's interface (Click to expand, Reply with quote, Skip "
        "to content, Filter & sort, You are not logged in) works the page; it is not its text",
        is_ui_line,
        '<div class="bbCodeBlock"><div id="REMOVED">Click to expand...</div></div>',
        "<p>KEPT: click to expand the diagram, then sort by date.</p>",
        trigger=trigger(tags=SHOP_CONTROL_TAGS),
    ),
    Rule(
        "filter-heading",
        "chrome",
        "a heading over a shop's or a search's filter controls (Filter and sort, Refine by)"
        " titles the controls, which go; it titles no content",
        is_filter_heading,
        '<h2 id="REMOVED">Filter and sort</h2><p>KEPT: 51 products</p>',
        "<h2>KEPT: How we filter and sort the harbour's catch</h2>",
        trigger=trigger(tags=HEADING_TAGS),
    ),
    Rule(
        "tags-line",
        "chrome",
        "tag and category lines classify the page; they are not its text",
        is_tags_line,
        '<p>Tags: <a href="/t/a">REMOVED</a>, <a href="/t/b">b</a></p>',
        "<p>KEPT: tags on migrating birds show the route.</p>",
        trigger=trigger(tags=_SHORT_BLOCK_TAGS),
    ),
    Rule(
        "post-navigation-line",
        "nav",
        "a line naming the previous or next post (上一篇：…, Previous post: …) moves between"
        " articles; it is none of this one's text",
        is_post_navigation,
        '<div><p>KEPT: the story.</p><p>上一篇：<a href="/1">REMOVED 春天的约定</a></p></div>',
        "<p>KEPT: Next, the post office: its article on stamps opened the series.</p>",
        trigger=trigger(tags=_SHORT_BLOCK_TAGS),
    ),
    Rule(
        "reading-time",
        "chrome",
        "a reading-time line (5 min read, 阅读时间 3 分钟) is the page's metadata, like a byline",
        is_reading_time,
        '<div><span>Mar 2, 2025</span> · <span id="REMOVED">5 min read</span></div>',
        "<p>KEPT: Give the dough 5 min to rest, then read the next step.</p>",
        trigger=trigger(tags=_SHORT_BLOCK_TAGS),
    ),
    Rule(
        "byline-meta",
        "chrome",
        "bylines, timestamps and post meta lines repeat what the metadata says",
        unless_content_word(has_word(*BYLINE_WORDS)),
        '<div class="byline">Jo Smith, staff writer REMOVED</div>',
        '<p class="lede">KEPT: by the river, the town grew.</p>',
        trigger=trigger(words=BYLINE_WORDS),
    ),
    Rule(
        "byline-text",
        "chrome",
        "a short 'By Jane Smith | 2 May' or '来源：… 作者：…' line is the byline, said as text",
        is_byline_text,
        "<p>By Jane Smith | 2 May 2024 REMOVED</p>",
        "<p>KEPT: by the river, the town grew around the mill.</p>",
        trigger=trigger(tags=_SHORT_BLOCK_TAGS),
    ),
    Rule(
        "image-credit",
        "chrome",
        "photo credits name the agency, not anything the page says; one never holds a"
        " heading (a card's _titleNoCredit wrapper does)",
        is_image_credit,
        '<span class="photo-credit">Photo: AP REMOVED</span>',
        '<p class="creditor-notes">KEPT creditor notes</p>'
        '<div class="_titleNoCredit_1doy9"><h3>KEPT Motion Graphics Certificate</h3></div>',
        trigger=trigger(words=CREDIT_WORDS),
    ),
    Rule(
        "consent-platform",
        "cookie",
        "a consent platform's banner and settings dialog are one vendor's markup on every site;"
        " their pages of purposes and vendors can outweigh a short page's own prose",
        has_word(*CONSENT_PLATFORM_WORDS),
        '<div id="onetrust-consent-sdk"><p>REMOVED 491 partners can use this purpose</p></div>',
        '<div class="trustee-board"><p>KEPT: the trustees met in May.</p></div>',
        guard="none",
        trigger=trigger(words=CONSENT_PLATFORM_WORDS),
    ),
    Rule(
        "cookie-dialog",
        "cookie",
        "a cookie or consent dialog (a modal or pop-up named so) holds the site's policy for "
        "the reader to accept; however much text it holds, it is never the page",
        is_cookie_dialog,
        '<div id="modal_cookie-consent" class="modal"><h4>Advertising Cookies</h4><p>REMOVED'
        " These cookies are used to deliver adverts more relevant to you.</p></div>",
        '<div class="dialog-box"><p>KEPT: the harbour master said the gates close at noon.'
        "</p></div>",
        guard="none",
        trigger=trigger(words=COOKIE_WORDS),
    ),
    Rule(
        "cookie-banner",
        "cookie",
        "cookie and consent banners are about the site, not the page",
        has_word(*COOKIE_WORDS),
        '<div id="cookie-banner">We use cookies REMOVED <button>OK</button></div>',
        "<p>KEPT: bake the cookies for 12 minutes.</p>",
        trigger=trigger(words=COOKIE_WORDS),
    ),
    Rule(
        "share-widget",
        "share",
        "share and social buttons are named so by class or id",
        is_share_widget,
        '<div class="post-share-buttons"><a href="https://x.example/share">REMOVED X</a></div>',
        '<div class="social-media-embed"><blockquote class="twitter-tweet"><p>KEPT: the tide'
        " came in fast</p></blockquote></div>",
        trigger=trigger(words=SHARE_WORDS),
    ),
    Rule(
        "share-text",
        "share",
        "short blocks that open with share wording (Share this, 分享到, 手机上长按, "
        "この記事をシェア)",
        is_share_text,
        "<p>Share this article: REMOVED</p>",
        "<p>KEPT: Shareholders approved the merger on Monday.</p>",
        trigger=trigger(tags=_ROW_TAGS | {"li", "section", "aside"}),
    ),
    Rule(
        "ad-slot",
        "ad",
        "advertising slots are named so by class or id",
        has_word(*AD_WORDS),
        '<div class="ad-slot">Advertisement REMOVED</div>',
        '<div class="head-note"><p>KEPT header note</p></div>',
        trigger=trigger(words=AD_WORDS),
    ),
    Rule(
        "related-links",
        "related",
        "related, recommended and trending lists point away from the page",
        has_word(*RELATED_WORDS),
        '<section class="related-posts"><a href="/x">REMOVED other story</a></section>',
        '<p class="relation">KEPT: the relation between the two</p>',
        trigger=trigger(words=RELATED_WORDS),
    ),
    Rule(
        "promo-box",
        "promo",
        "newsletter, subscribe and donation boxes sell something beside the content",
        unless_list_item(unless_content_word(has_word(*PROMO_WORDS), PROMO_CONTENT_WORDS)),
        '<div class="newsletter-signup">Join 40,000 readers REMOVED</div>',
        "<p>KEPT: the subscription model changed the industry.</p><ul>"
        + '<li class="card subscription-eligible">KEPT: a coffee in the grid</li>' * 3
        + "</ul>",
        trigger=trigger(words=PROMO_WORDS),
    ),
    Rule(
        "cart-drawer",
        "promo",
        "a shop's mini cart (its drawer, flyout or pop-up) shows the reader's bag, the same"
        " on every page; it is not what the page is about",
        has_word(*CART_DRAWER_WORDS),
        '<div class="bag bag--mini is-empty"><p>Your bag is empty REMOVED</p></div>',
        '<div class="cart-page"><p>KEPT: your order will ship in two days.</p></div>',
        # A shop page with little text of its own leaves the cart the most prose on it.
        guard="none",
        trigger=trigger(words=CART_DRAWER_WORDS),
    ),
    Rule(
        "comment-section",
        "comments",
        "reader comments are a separate conversation under the page's content",
        has_word(*COMMENT_WORDS),
        '<div id="comments"><p>Great post! REMOVED</p></div>',
        '<div class="commentary"><p>KEPT commentary</p></div>',
        guard="elsewhere",
        trigger=trigger(words=COMMENT_WORDS),
    ),
    Rule(
        "customer-reviews",
        "comments",
        "customer reviews are shoppers' opinions of a product, under its description",
        has_word(*CUSTOMER_REVIEW_WORDS),
        '<div id="customerReviews"><p>Five stars, arrived fast. REMOVED</p></div>',
        '<div class="customer-stories"><p>KEPT: how the bakery grew.</p></div>',
        guard="elsewhere",
        trigger=trigger(words=CUSTOMER_REVIEW_WORDS),
    ),
    Rule(
        "action-bar",
        "nav",
        "reply, quote, report and print buttons act on the page; they are not its text;"
        " an accordion's title is, though its class says button",
        unless_heading_title(lambda e: _has_action_word(e) and not holds_writing(e)),
        '<ul class="post-buttons"><li><a href="/quote">Quote REMOVED</a></li></ul>',
        '<p class="buttonhole-stitch">KEPT: a buttonhole stitch locks the edge.</p>'
        '<h3><div class="accordion-button"><span>KEPT: which plan fits?</span></div></h3>'
        "<div><p>The free plan covers one site.</p></div>"
        '<div class="cartButton"><h2><a href="/z5">KEPT: Z5II camera</a></h2><ul>'
        "<li>KEPT: 24.5 MP full-frame sensor with in-body stabilisation.</li>"
        "<li>KEPT: 4K video from the full width of the sensor.</li>"
        "<li>KEPT: weather-sealed body, twin card slots.</li></ul>"
        '<button>Add to cart</button></div>',
        trigger=trigger(words=ACTION_WORDS),
    ),
    Rule(
        "feedback-widget",
        "chrome",
        "'Was this page helpful?' and rating widgets ask about the page; they are not in it",
        has_word(*FEEDBACK_WORDS),
        '<div class="feedback"><p>Was this page helpful? REMOVED</p></div>',
        '<p class="loop-notes">KEPT: a feedback loop amplifies the signal.</p>',
        trigger=trigger(words=FEEDBACK_WORDS),
    ),
    Rule(
        "post-profile",
        "chrome",
        "a forum poster's rank, post count and join date repeat beside every post",
        has_word(*PROFILE_WORDS),
        '<div class="postprofile"><div>Posts: 14 REMOVED</div></div>',
        '<p class="author">KEPT by marisol_k » Thu Oct 19</p>',
        trigger=trigger(words=PROFILE_WORDS),
    ),
    Rule(
        "post-signature",
        "chrome",
        "a forum poster's signature repeats under every post they write",
        has_word(*SIGNATURE_WORDS),
        '<div class="signature">Sig is not ready yet. REMOVED</div>',
        "<p>KEPT: the signature on the harbour treaty is dated 1890.</p>",
        trigger=trigger(words=SIGNATURE_WORDS),
    ),
    Rule(
        "avatar-initial",
        "chrome",
        "where a poster has no picture, forum software draws their initial in the avatar's"
        " place beside every post: one letter on a line of its own",
        is_avatar_initial,
        '<div class="message-avatar"><a class="avatar avatar--m" href="/members/REMOVED">'
        "<span>R</span></a></div>",
        '<div class="avatar-list"><p>KEPT: a profile page listing the avatars you can pick.</p>'
        "</div>",
        trigger=trigger(words=("avatar",)),
    ),
    Rule(
        "post-permalink",
        "chrome",
        "a post's number (#12) linking to the post itself is forum software's permalink,"
        " beside every post; a rank in a list is no link to a post",
        is_post_permalink,
        '<div class="post"><a href="/threads/t.1/#post-137554686">#1</a><p>KEPT text</p>'
        '<a href="/posts/2" id="REMOVED">#2</a></div>',
        '<ol><li><span class="rank">#1</span> KEPT: the best harbour</li></ol>'
        '<p>See <a href="/tags/harbour">#3</a> KEPT in the list.</p>',
        trigger=trigger(tags=("a",)),
    ),
    Rule(
        "vote-count",
        "chrome",
        "a post's score beside its voting arrows is a count of clicks, not what the post says",
        is_vote_count,
        '<div class="answer"><div class="votecell" id="REMOVED"><div class="js-vote-count">'
        "31</div></div><p>KEPT answer</p></div>",
        '<p class="score-note">KEPT: the final score was 3-1.</p>'
        '<div class="votes-cast"><p>KEPT 1,204 votes were cast in the harbour ballot.</p></div>',
        trigger=trigger(words=VOTE_WORDS),
    ),
    Rule(
        "control-count",
        "chrome",
        "a count beside a button (likes under a post, a vote's score) is the control's state;"
        " the button goes as a control, and the count alone says nothing",
        is_control_count,
        '<div id="REMOVED"><div><button aria-label="Like"><svg></svg></button></div>0</div>',
        "<div><span>KEPT: step</span> <span>12</span></div>",
        trigger=trigger(tags=_COUNT_HOLDER_TAGS),
    ),
    Rule(
        "member-stat-line",
        "chrome",
        "a poster's join date, post count or score said as a whole line repeats beside every "
        "post; it says nothing about the thread",
        is_member_stat_line,
        '<div class="smallfont"><div id="REMOVED">Join Date: Aug 2008</div></div>',
        "<p>KEPT Posts about sailing</p>",
        trigger=trigger(tags=SHOP_CONTROL_TAGS | {"th"}),
    ),
    Rule(
        "forum-notice",
        "chrome",
        "the forum's notices to readers who are not posting (sign up to reply, this thread "
        "is closed, sent from my phone using an app) are the same on every thread",
        is_forum_notice,
        '<p id="REMOVED">This topic was automatically closed 30 days after the last reply. New '
        "replies are no longer allowed.</p>",
        "<p>KEPT: the harbour topic was closed to traffic after the storm.</p>",
        trigger=trigger(tags=_SHORT_BLOCK_TAGS),
    ),
    Rule(
        "form-message",
        "chrome",
        "what a form says after it is sent (thanks for subscribing, something went wrong) is"
        " hidden until then; site builders print it under every form",
        is_form_message,
        '<form><input name="email"></form><div class="w-form-done"><div id="REMOVED">Thank you!'
        " Your submission has been received!</div></div>",
        "<p>KEPT: Oops! Something went wrong with the harbour crane on Tuesday, the"
        " harbour master said, and the ferry waited an hour.</p>",
        trigger=trigger(tags=_SHORT_BLOCK_TAGS),
    ),
    Rule(
        "author-box",
        "chrome",
        "the author's biography box repeats on every post they write",
        is_author_box,
        '<div class="author-box"><p>Jo writes about bread. REMOVED</p></div>',
        '<p class="author">KEPT by Jo, 2 May</p>',
        trigger=trigger(words=(*AUTHOR_BOX_WORDS, "author")),
    ),
    Rule(
        "anchor-link",
        "chrome",
        "permalink marks beside headings (¶, #, §) link the page to itself",
        is_anchor_mark,
        '<h2>Setup<a class="headerlink" href="#REMOVED">¶</a></h2>',
        '<p>See <a href="#setup">KEPT the setup section</a>.</p>',
        guard="none",
        trigger=trigger(tags=("a",)),
    ),
    Rule(
        "home-logo",
        "chrome",
        "a picture linking to the site's own front page is its logo, printed on every page",
        is_home_logo,
        '<div><a href="/"><img src="/logo.svg" alt="Example News REMOVED"></a></div>',
        '<p>KEPT: the shop we reviewed <a href="https://other.example/">'
        '<img src="/shot.png" alt="its front page"></a></p>',
        trigger=trigger(tags=("a",)),
    ),
    Rule(
        "code-line-numbers",
        "chrome",
        "line-number gutters of code highlighters are not part of the code",
        is_line_number_gutter,
        '<td class="linenos" id="REMOVED"><pre>1\n2</pre></td>',
        '<td class="code"><pre>print("KEPT")</pre></td>',
        guard="none",
        trigger=trigger(words=LINENO_WORDS),
    ),
    Rule(
        "code-line-anchors",
        "chrome",
        "a line's number written into the code as a link to that line is not part of it",
        is_code_line_anchor,
        '<pre><code><a href="#1" id="REMOVED-1">1</a>fn main() {\n'
        '<a href="#2" id="REMOVED-2">2</a>}</code></pre>',
        '<pre><code>let port = <a href="#8080">8080</a>; // KEPT\n</code></pre>',
        guard="none",
        trigger=trigger(tags=("a",)),
    ),
)

RULES_BY_NAME = {rule.name: rule for rule in RULES}
# On a page that declares itself a forum thread (metadata.is_discussion) the
# replies are the content, whatever their class says.
DISCUSSION_RULES: tuple[Rule, ...] = tuple(r for r in RULES if r.category != "comments")

# Shoppers' reviews are a product page's comment section: each is one buyer's opinion,
# often hundreds of them, while the page's content is what the seller says the product is.
# Only on pages that declare a product: on a review site "review" names the article, and
# "reviews" its listing. "editorial" reviews (Amazon's) are the publisher's description.
REVIEW_WORDS = ("reviews", "review", "customerreviews", "productreviews", "userreviews", "yotpo")


def is_shopper_reviews(element: HtmlElement) -> bool:
    found = words(element)
    return not found.isdisjoint(REVIEW_WORDS) and "editorial" not in found


# A shop's terms printed on every product page: shipping and returns. Headings only
# ("Shipping and returns are quick" is a sentence). A warranty is the product's own ("Parts:
# lifetime"), and stays.
_SHOP_POLICY_HEADING = regexcache.compile(
    r"^\W*(?:(?:free |standard )?(?:shipping|delivery)(?: (?:&|and|\+) (?:free )?(?:returns?|"
    r"exchanges?))?(?: (?:info(?:rmation)?|polic(?:y|ies)|details|options))?|"
    r"(?:free )?returns?(?: (?:&|and|\+) (?:exchanges?|refunds?))?(?: polic(?:y|ies))?)\W*$",
    re.IGNORECASE,
)
# Terms are a few paragraphs: a longer section under such a heading is the page's own text
# (a guide to shipping a parcel).
SHOP_POLICY_MAX_CHARS = 1200


def _shop_policy(element: HtmlElement, tag: str, own_text: str | None) -> bool:
    if tag in _HEADING_TAGS:
        return bool(_SHOP_POLICY_HEADING.match(own_text or ""))
    if tag not in _SECTION_TAGS:
        return False
    first = _leading_block(element)
    if first is None or _tag(first) not in _HEADING_TAGS:
        return False
    if not _SHOP_POLICY_HEADING.match(short_text_of(first, 60) or ""):
        return False
    return len(text_of(element)) <= SHOP_POLICY_MAX_CHARS


is_shop_policy = LineTest(SHOP_POLICY_MAX_CHARS, _shop_policy)


PRODUCT_RULES: tuple[Rule, ...] = (
    Rule(
        "shop-policy",
        "chrome",
        "on a product page, the shop's shipping and returns terms are the same on every"
        " product; they are not its description",
        is_shop_policy,
        '<div class="acc-item"><h3>Shipping &amp; Returns</h3><p>Free returns within 30 days.'
        " REMOVED</p></div>",
        "<h3>KEPT: shipping a kettle abroad</h3><p>Wrap it well.</p>",
        trigger=trigger(tags=(*_HEADING_TAGS, *_SECTION_TAGS)),
    ),
    Rule(
        "product-reviews",
        "comments",
        "on a product page, shoppers' reviews are comments on the product, not its description",
        is_shopper_reviews,
        '<section class="product-reviews"><p>Sturdy shelf, easy to build. REMOVED</p></section>',
        '<div id="editorialReviews"><p>KEPT: from the publisher, a history of tea.</p></div>',
        guard="elsewhere",
        trigger=trigger(words=REVIEW_WORDS),
    ),
)


# Above this share of link text a block inside an article is a list of pointers elsewhere.
LINK_DENSE_SHARE = 0.6
_LINK_BLOCK_TAGS = frozenset({"ul", "ol", "div", "section", "aside", "p", "nav", "dl", "table"})


def is_link_dense_block(element: HtmlElement) -> bool:
    if _tag(element) not in _LINK_BLOCK_TAGS:
        return False
    if next(element.iter("pre", "img", "code"), None) is not None:
        return False  # code and pictures are content even when linked
    text = len(text_of(element))
    if not (text > 0 and _away_link_text_length(element) >= text * LINK_DENSE_SHARE):
        return False
    if _is_post_header(element) or _titles_a_post(element):
        return False
    if _announced(element) or _list_of_sentences(element):
        return False
    return not _points_to_other_sites(element) and not in_data_cell(element)


# A list whose items are sentences (this share of them, each of at least this many
# words, ending in a full stop) is the writer's text, linked or not: a checklist's steps,
# each linked to the guide that explains it. Pointers elsewhere are titles.
SENTENCE_ITEMS_SHARE = 0.5
SENTENCE_ITEM_WORDS = 3


def _list_of_sentences(block: HtmlElement) -> bool:
    if _tag(block) not in ("ul", "ol"):
        return False
    items = [text_of(item) for item in block if _tag(item) == "li"]
    if len(items) < 2:
        return False  # one linked title with a full stop after it is no list of sentences
    sentences = sum(
        1
        for item in items
        if item.endswith((".", "。")) and _word_count(item) >= SENTENCE_ITEM_WORDS
    )
    return sentences >= len(items) * SENTENCE_ITEMS_SHARE


def _word_count(text: str) -> int:
    """Words of a short text, each Chinese or Japanese character counted as one: those
    languages write no spaces ("更多信息请参阅：" is one run)."""
    words = len(text.split())
    if text.isascii():
        return words
    return words + len(_wide_chars().findall(text))


# A sentence that announces the list after it: "For more information, see:". Words, at
# most this many letters, ending in a colon.
ANNOUNCING_SENTENCE_CHARS = 300
ANNOUNCING_SENTENCE_WORDS = 4


@cache
def _elsewhere_phrase() -> re.Pattern[str]:
    """_ELSEWHERE_LEAD's phrases anywhere in a sentence: "If you liked this post, you might
    also like:". Compiled on first use: few pages ask."""
    return regexcache.compile(r"\b" + _ELSEWHERE_LEAD.pattern.removeprefix(r"^\W*"), re.I)


def _announced(block: HtmlElement) -> bool:
    """A list of links that the paragraph before it introduces, a sentence ending in a
    colon ("Redis strings are the most basic data type. For more information, see:"): the
    writer's own pointers, part of the text they finish. A sentence that says "you might
    also like" or "related articles" announces the site's other pages (see
    _ELSEWHERE_LEAD)."""
    if _tag(block) not in ("ul", "ol"):
        return False
    paragraph = _previous_element(block)
    if paragraph is None or _tag(paragraph) != "p":
        return False
    text = short_text_of(paragraph, ANNOUNCING_SENTENCE_CHARS)
    if text is None or not text.rstrip().endswith((":", "：")):
        return False
    if _word_count(text) < ANNOUNCING_SENTENCE_WORDS or _elsewhere_phrase().search(text):
        return False
    # The sentence is the writer's, not a link's caption.
    return link_text_length(paragraph) < len(text) / 2


def _away_link_text_length(element: HtmlElement) -> int:
    """The text of the links, but for a heading inside a link that leads nowhere (Webflow's
    FAQ toggles each answer with `<a href="#" class="accordion-question"><h3>Can I change
    plans easily?</h3></a>`, a button in a link's markup around the question) and a
    heading's link to a place on the page (its own anchor): neither points away. A menu's
    `href="#"` items and a table of contents, outside headings, still count."""
    total = 0
    anchors: set[str] | None = None
    for link in element.iter("a"):
        href = (link.get("href") or "").strip()
        nowhere = href in ("", "#") or href.lower().startswith("javascript:")
        if nowhere and next(link.iter(*HEADING_TAGS), None) is not None:
            continue
        if href.startswith("#"):
            # A heading's link to itself, in it (MDN's `<h2 id="examples"><a href=
            # "#examples">`) or beside it (Starlight's "Section titled …" anchor).
            if _in_a_heading(link):
                continue
            if anchors is None:
                anchors = {h.get("id") or "" for h in element.iter(*HEADING_TAGS)}
            if href[1:] in anchors:
                continue
        elif "#" in href and _names_itself(link, href.partition("#")[2]):
            continue
        total += len(text_of(link))
    return total


def _names_itself(link: HtmlElement, fragment: str) -> bool:
    """The link's fragment is its own id, or its heading's: NBC's `<a href="/page#anchor-37d"
    id="anchor-37d"><h2>What is a smart home hub?</h2></a>` is the page's URL to that
    heading, however the path is written."""
    if not fragment:
        return False
    if link.get("id") == fragment:
        return True
    return any(h.get("id") == fragment for h in link.iter(*HEADING_TAGS))


# How far above a link its heading may sit (`<h3><div><a>`).
_HEADING_AROUND_DEPTH = 2


def _heading_around(element: HtmlElement) -> HtmlElement | None:
    """The heading the element is, or sits in (a wrapper or two down)."""
    if _tag(element) in HEADING_TAGS:
        return element
    return next(
        (
            a
            for a in itertools.islice(element.iterancestors(), _HEADING_AROUND_DEPTH)
            if _tag(a) in HEADING_TAGS
        ),
        None,
    )


def _in_a_heading(element: HtmlElement) -> bool:
    return _heading_around(element) is not None


def _titles_a_post(element: HtmlElement) -> bool:
    """The poster's name as a post's heading (XenForo's `<h3 class="userText"><div><a
    href="members/ann.74/">ann</a></div></h3>`): one link, to a member's page, in a
    heading."""
    heading = _heading_around(element)
    if heading is None:
        return False
    links = list(itertools.islice(heading.iter("a"), 2))
    return len(links) == 1 and bool(_MEMBER_PAGE.search(links[0].get("href") or ""))


# Where forum software links a poster's name: their member page.
_MEMBER_PAGE = regexcache.compile(
    r"(?:^|/)(?:members?|users?|u|profile|profiles|people|memberlist\.php\?mode=viewprofile)"
    r"(?:/|\.php\?|[?=&])",
    re.IGNORECASE,
)
# A post's number in its thread, as its permalink shows it ("#4").
_POST_NUMBER = regexcache.compile(r"^#\d{1,6}$")
# A post's header is a few links: its number, its author, its time.
POST_HEADER_MAX_LINKS = 3


def _is_post_header(element: HtmlElement) -> bool:
    """A line of a few links, one a date and one the post's number or its author's member
    page ("#4 Darthmineboy, Aug 4, 2025", each part a link): who wrote the post and when,
    which a thread keeps with each post. A menu has no dates among its items, and a list
    of other stories with their dates links to no member and numbers no post."""
    links = list(itertools.islice(element.iter("a"), POST_HEADER_MAX_LINKS + 1))
    if len(links) < 2 or len(links) > POST_HEADER_MAX_LINKS:
        return False
    labels = [text_of(link) for link in links]
    return any(_DATE_LABEL.match(label) for label in labels) and (
        any(_MEMBER_PAGE.search(link.get("href") or "") for link in links)
        or any(_POST_NUMBER.match(label) for label in labels)
    )


# The attribute the pipeline writes on the document's root: the site the page belongs to.
SITE_ATTR = "data-cleaner-site"
# Hosts whose links are the page's share and follow buttons, wherever they sit.
_SOCIAL_HOSTS = regexcache.compile(
    r"(?:^|\.)(?:facebook|twitter|x|instagram|linkedin|pinterest|youtube|tiktok|reddit|"
    r"whatsapp|telegram|t|threads|bsky|tumblr|flipboard|vk|weibo|line)\.(?:com|me|app|net)$"
)
# Above this share of its links going to other sites, a list of links is the article's
# references or the products it reviews: a site's related lists point to its own pages.
OTHER_SITES_SHARE = 0.6


def site_of(host: str) -> str:
    """The registrable part of a host, near enough: "news.bbc.co.uk" -> "bbc.co.uk"."""
    labels = host.lower().rstrip(".").split(".")
    keep = 3 if len(labels) > 2 and len(labels[-2]) <= 3 and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:])


_ABSOLUTE_HOST = regexcache.compile(r"^(?:https?:)?//([^/?#:@]+)", re.IGNORECASE)


def host_of(url: str) -> str | None:
    """The lower-cased host of an absolute (or scheme-relative) URL; None for a relative one."""
    match = _ABSOLUTE_HOST.match(url.strip())
    return match.group(1).lower() if match else None


def _points_to_other_sites(element: HtmlElement) -> bool:
    root = element.getroottree().getroot()
    site = root.get(SITE_ATTR) if root is not None else None
    if not site:
        return False
    hosts = []
    for link in element.iter("a"):
        hosts.append(host_of(link.get("href") or "") or "")
    if not hosts:
        return False
    other = sum(1 for h in hosts if h and site_of(h) != site and not _SOCIAL_HOSTS.search(h))
    return other >= len(hosts) * OTHER_SITES_SHARE


# Rules applied only inside the content an article-like page was reduced to: there, a block
# of links is a related list, while on a listing page the links are the content.
CONTENT_RULES: tuple[Rule, ...] = (
    Rule(
        "link-dense-block",
        "related",
        "inside an article, a block that is mostly links to the site's own pages points away "
        "from it (links to other sites are its references, or the products it reviews)",
        is_link_dense_block,
        '<ul><li><a href="/a">REMOVED other story</a></li><li><a href="/b">More</a></li></ul>',
        '<p>KEPT: the <a href="/report">report</a> found rivers cleaner than in 1990.</p>',
        guard="none",
        trigger=trigger(tags=_LINK_BLOCK_TAGS),
    ),
)


# Inside an article, a block named a call to action is the publisher's appeal beside the
# story (Snopes's "A Word to Our Loyal Readers" in `widget-custom-cta-letter`). On service
# and landing pages a "cta" section is often the page's own pitch: only on pages that
# declare themselves articles (JSON-LD or og:type).
ARTICLE_CTA_WORDS = ("cta",)
ARTICLE_PAGE_CONTENT_RULES: tuple[Rule, ...] = (
    Rule(
        "article-cta",
        "promo",
        "inside an article, a block named a call to action (cta) is an appeal beside the "
        "story: support us, try the product, join the list",
        unless_list_item(has_word(*ARTICLE_CTA_WORDS)),
        '<div class="widget-custom-cta-letter"><h5>REMOVED A word to our readers</h5>'
        "<p>Support our work.</p></div>",
        '<p class="factbox">KEPT: the harbour wall was rebuilt (a word, not "cta").</p>',
        trigger=trigger(words=ARTICLE_CTA_WORDS),
    ),
    Rule(
        "dated-label",
        "chrome",
        "on an article, a line that is only a dated label (Updated August 14, 2025) is its "
        "metadata, like a byline",
        is_dated_label,
        '<p><span id="REMOVED">Updated August 14, 2025</span></p><p>Text.</p>',
        "<p>KEPT: Updated figures arrive on August 14, 2025, the agency said.</p>",
        trigger=trigger(tags=_SHORT_BLOCK_TAGS),
    ),
    *CONTENT_RULES,
)
