"""Find the main content: readability-lxml's scoring, checked and widened by our own rules."""

from __future__ import annotations

import copy
import itertools
import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from . import regexcache
from ._lazy_imports import imports_deferred
from .caseless import caseless
from .rules import CONTENT_WORDS, link_text_length, paragraph_weight, text_of, words
from .strip import paragraph_prose
from .textcontent import text_content

# readability-lxml imports urllib.request and urllib.error (for its command line; the
# latter brings tempfile, shutil and random) and cchardet or chardet (to decode bytes it is
# given): over half of its import time, a sixth of a one-page run, and none is used here,
# where it is given our tree.
with imports_deferred({"urllib.request": None, "urllib.error": None, "cchardet": "chardet"}):
    from readability import Document as ReadabilityDocument
    from readability.cleaners import clean_attributes
    from readability.readability import REGEXES, is_video_url
    from readability.readability import clean as readability_clean_text

# What readability keeps of its copy carries this attribute, its original's place in our
# tree, through the round trip of serializing and parsing that summary() makes.
CID_ATTR = "data-cleaner-id"
# Widen the pick to its parent when the pick holds less than this share of the parent's
# prose: readability counts ASCII commas, so it under-scores CJK paragraphs and can pick
# one fragment of a long Chinese article; and page builders split one body into parts
# around call-outs, the larger part holding just over half of it (0.5 -> 0.6: WCXB-dev
# +0.0004, products +.004, AEB unchanged).
WIDEN_PROSE_SHARE = 0.6
WIDEN_MAX_LINK_DENSITY = 0.25
# A lead image's block (image and caption) has at most this much prose of its own.
LEAD_IMAGE_MAX_PROSE_CHARS = 300
# Prose between a lead image and the content means the image belongs to something else.
LEAD_IMAGE_MAX_GAP_PROSE_CHARS = 200
# A lead image's block among this many alike siblings is a card of a grid. Asked of the
# block the climb stops at only: a block of alike sections further up can be the content
# itself, which the picture brings back (asked there too, a listing lost its first rows,
# 1.0 -> 0.65, and WCXB F1 fell 0.0004).
LEAD_IMAGE_GRID_ITEMS = 3

logging.getLogger("readability.readability").setLevel(logging.CRITICAL)


# Below this share of the main region's paragraph prose, readability's pick is one fragment
# of a page that is not a single article, and the whole (stripped) main region is kept...
MIN_PICK_PROSE_SHARE = 0.5
# ...unless the pick has this much paragraph prose: then it is an article on its own, and
# the rest of the region is teasers, comments and widgets around it.
ARTICLE_PICK_PROSE_CHARS = 1500
# ...and a pick with less than this share of the region's prose is a fragment whatever its
# size: one section of a long documentation page, one of many FAQ answers.
FRAGMENT_PROSE_SHARE = 0.25
# ...and so is a pick with less than this share of the region's text: when the page's text
# is lists, tables and cards rather than paragraphs, prose shares say nothing, and a
# banner's one sentence can be all the <p> text there is.
FRAGMENT_TEXT_SHARE = 0.2
# ...and on a page that declares no article, a pick with less than this share of the text
# of the region the page itself marks as main (`<main>`, role=main) is one part of it: a
# service page's FAQ, a listing's introduction, a product's description beside its specs.
MARKED_REGION_PICK_SHARE = 0.35
# ...but not a pick holding this share of the prose of the <article> it sits in, on a page
# that declares itself an article (see _whole_article).
WHOLE_ARTICLE_SHARE = 0.8


# After the strip pass, a <main> holding less than this share of the body's text is not
# where the content is...
MAIN_MIN_TEXT_SHARE = 0.1
# ...when it is also short: a banner's headline and a sentence or two. A long <main> with
# more text around it is a page whose chrome survived the strip pass.
MAIN_BANNER_CHARS = 1000
# ...and a <main> with far less of the page's paragraph prose than the body holds beside
# it is the template's, not the writer's: a shop's category page puts its product grid in
# <main> and its long buying guide in a full-width band below.
PROSE_OUTSIDE_MAIN_CHARS = 1500
PROSE_OUTSIDE_MAIN_RATIO = 2.0
LONG_PARAGRAPH_WEIGHT = 200


def main_region(body: HtmlElement) -> HtmlElement:
    """What the page itself marks as its main content: `<main>`, role=main, else `<body>`."""
    candidates = [e for e in body.iter("main")] or [
        e for e in body.iter() if (e.get("role") or "").lower() == "main"
    ]
    if not candidates:
        return body
    # Pages that nest or repeat <main> (templates within templates): the one with most text.
    main = max(candidates, key=lambda e: len(text_of(e)))
    # A hint, not an order: site builders put <main> around a hero banner or a skip-link
    # target and the content beside it.
    main_text = len(text_of(main))
    if main_text < MAIN_BANNER_CHARS and main_text < len(text_of(body)) * MAIN_MIN_TEXT_SHARE:
        return body
    inside = _long_paragraph_prose(main)
    outside = _long_paragraph_prose(body) - inside
    if outside >= PROSE_OUTSIDE_MAIN_CHARS and outside >= inside * PROSE_OUTSIDE_MAIN_RATIO:
        return body
    return main


def _long_paragraph_prose(element: HtmlElement) -> int:
    weights = (paragraph_weight(p) for p in element.iter("p"))
    return sum(w for w in weights if w >= LONG_PARAGRAPH_WEIGHT)


@dataclass
class Extraction:
    """The content's top-level elements in document order, and how they were chosen."""

    roots: list[HtmlElement]
    method: str


def prose_chars(element: HtmlElement) -> int:
    """Characters of text outside links: what a reader reads rather than clicks."""
    total = len(text_of(element))
    links = sum(len(text_of(a)) for a in element.iter("a"))
    return max(0, total - links)


def link_density(element: HtmlElement) -> float:
    total = len(text_of(element))
    if not total:
        return 0.0
    return sum(len(text_of(a)) for a in element.iter("a")) / total


def _document_order(body: HtmlElement) -> dict[HtmlElement, int]:
    return {element: index for index, element in enumerate(body.iter())}


# What readability must not score: hidden elements that strip kept because they hold the
# page's prose (its guard), such as a collapsed copy of the article. As the XPath
# `//*[@hidden] | //*[@style][re:test(@style, "display\s*:\s*none", 'i')]` finds them
# (EXSLT's test is a search with re.UNICODE | re.IGNORECASE), in one walk: libxml2's
# attribute tests cost twice a Python read of each element's two attributes.
_DISPLAY_NONE = regexcache.compile(r"display\s*:\s*none", re.UNICODE | re.IGNORECASE)


def _hidden_elements(doc: HtmlElement) -> list[HtmlElement]:
    """The elements of doc's tree (its root included) marked hidden, in document order."""
    found: list[HtmlElement] = []
    for element in doc.iter(etree.Element):
        if element.get("hidden") is not None:
            found.append(element)
            continue
        style = element.get("style")
        if style is not None and _DISPLAY_NONE.search(style) is not None:
            found.append(element)
    return found


# readability's divToPElementsRe, `<(blockquote|dl|div|img|ol|p|pre|table|ul)` with no word
# boundary, searched in serialized HTML: any element whose tag starts so (`<param`, `<path`
# too; `pre` is covered by `p`). Our parser drops comments and readability drops scripts and
# styles first, so no other text of the markup can hold a `<`.
_BLOCK_START = ("blockquote", "dl", "div", "img", "ol", "p", "table", "ul")
_BLOCK_START_RE = regexcache.compile(r"<(blockquote|dl|div|img|ol|p|pre|table|ul)", re.I)
_INLINE_TAGS = frozenset(
    {"a", "b", "cite", "code", "em", "font", "i", "small", "span", "strong", "sub", "sup", "u"}
)


def _holders_of_block_starts(root: HtmlElement) -> set[HtmlElement]:
    """The elements with a block start (see _BLOCK_START) below them: one pass over the tree
    instead of serializing each element's subtree."""
    holders: set[HtmlElement] = set()
    for element in root.iter():
        tag = element.tag
        if isinstance(tag, str):
            if not tag.lower().startswith(_BLOCK_START):
                continue
        elif not _BLOCK_START_RE.search(etree.tounicode(element, with_tail=False)):
            continue
        for ancestor in element.iterancestors():
            if ancestor in holders:
                break  # and so are all of its ancestors
            holders.add(ancestor)
    return holders


# readability's clean(), which its text_length measures: whitespace runs of 255 or more cut
# to 255 spaces, breaks with the blanks around them to one newline, tabs and runs of blanks
# to one space. Compiled once: its module-level re.sub calls look the patterns up again on
# every call, tens of thousands of times a page.
_LONG_RUN = 255
_LONG_WHITESPACE = regexcache.compile(rf"\s{{{_LONG_RUN},}}")
# A match always starts where its whitespace run starts: the look-behind says so, and spares
# a run without a line break one scan from each of its characters.
_LINE_BREAK = regexcache.compile(r"(?<!\s)\s*\n\s*")
_BLANKS = regexcache.compile(r"\t|[ \t]{2,}")


def readability_clean(text: str) -> str:
    """readability's clean(text)."""
    text = _LINE_BREAK.sub("\n", _LONG_WHITESPACE.sub(" " * _LONG_RUN, text))
    return _BLANKS.sub(" ", text).strip()


# A whitespace run without a newline, of two characters or more, between two others.
_RUN_WITHOUT_NEWLINE = regexcache.compile(r"(?<!\s)[^\S\n]{2,}(?!\s)")
# Whitespace other than space, tab and newline (no-break and wide spaces, CR...), and a
# run of blanks between words that opens with a tab: without either, every run qualifies,
# which two plain scans tell (most texts).
_UNCOMMON_SPACE = regexcache.compile(r"[^\S \t\n]")
_TAB_LED_BLANKS = regexcache.compile(r"(?<![ \t\n])\t[ \t]+(?![ \t\n])")
# The ASCII characters _UNCOMMON_SPACE matches: in an ASCII text a substring search for
# each (memchr) beats the regex's test of every character.
_UNCOMMON_ASCII_SPACES = "\x0b\x0c\r\x1c\x1d\x1e\x1f"


def _has_uncommon_space(text: str) -> bool:
    if text.isascii():
        # Each of _UNCOMMON_ASCII_SPACES, spelled out: a generator over them cost more
        # than the searches on the short texts of links and paragraphs.
        return (
            "\r" in text
            or "\x0b" in text
            or "\x0c" in text
            or "\x1c" in text
            or "\x1d" in text
            or "\x1e" in text
            or "\x1f" in text
        )
    return _UNCOMMON_SPACE.search(text) is not None


def readability_clean_length(text: str) -> int:
    r"""len(readability_clean(text)), mostly without its three regex passes (the one that
    starts with `\s*` tries every position of the text).

    Cleaning turns a whitespace run between words into one character when the run holds
    a newline (one newline), is one character (a tab becomes a space, any other stays), or
    is blanks that open with a space (one space); then the length is that of the words
    joined by single spaces. Other runs (a tab and blanks, runs with no-break spaces or CR)
    keep more: what each keeps is what the last pass makes of it alone, as no pass before
    touches a run shorter than 255 without a newline, and the runs at either end go.
    """
    length = len(" ".join(text.split()))
    if _has_uncommon_space(text) or ("\t" in text and _TAB_LED_BLANKS.search(text) is not None):
        end_of_text = len(text)
        for run in _RUN_WITHOUT_NEWLINE.finditer(text):
            blanks = run.group()
            if blanks[0] != " " or blanks.strip(" \t"):
                start, end = run.span()
                if start and end < end_of_text and len(blanks) < _LONG_RUN:
                    length += len(_BLANKS.sub(" ", blanks)) - 1
    return length


def readability_text_length(element: HtmlElement) -> int:
    """readability's text_length(element): the length of its cleaned text content."""
    return readability_clean_length(text_content(element))


# readability's XPath tests, compiled once (element.xpath compiles its string per call).
_IN_CODE = etree.XPath("boolean(ancestor-or-self::pre | ancestor-or-self::code)")
_HOLDS_ARTICLE = etree.XPath(
    "boolean(descendant-or-self::main | descendant-or-self::article | descendant-or-self::math)"
)
_IN_ARTICLE = etree.XPath("boolean(ancestor::main | ancestor::article)")


@lru_cache(maxsize=4096)
def _class_weight(class_: str | None, id_: str | None) -> int:
    """readability's class_weight without keywords of the caller's own: -25 for a negative
    and +25 for a positive word in each of class and id; cached, as pages repeat them."""
    negative, positive = _readability_tests("negativeRe", "positiveRe")
    weight = 0
    for feature in (class_, id_):
        if feature:
            if negative(feature):
                weight -= 25
            if positive(feature):
                weight += 25
    return weight


@cache
def _readability_tests(*names: str) -> tuple[Callable[[str], bool], ...]:
    """readability's patterns as searches, fast on ASCII class lists (see caseless); made
    on first use, for start-up."""
    return tuple(caseless(REGEXES[name]) for name in names)


@lru_cache(maxsize=4096)
def _unlikely_candidate(features: str) -> bool:
    """readability's first test of an unlikely candidate, on `class id`: cached, since a
    page repeats its class lists on many elements."""
    unlikely, maybe = _readability_tests("unlikelyCandidatesRe", "okMaybeItsACandidateRe")
    return len(features) >= 2 and unlikely(features) and not maybe(features)


def _new_p() -> HtmlElement:
    # What readability's fragment_fromstring("<p/>") gives, without parsing a document.
    return lxml.html.Element("p")


def _copy_without_head_content(root: HtmlElement) -> HtmlElement:
    """A copy of the document with its <head> emptied: readability scores only what is in
    <body>, and copying the head's metadata, scripts and styles (a fifth of a page's
    elements) was as much work for it as copying, checking and walking the rest."""
    head = root.find("head")
    if head is None:
        return copy.deepcopy(root)
    doc: HtmlElement = root.makeelement(root.tag, root.attrib)
    doc.text = root.text
    for child in root:
        if child is head:
            # Its siblings see an element in its place, as they would the full head.
            empty = child.makeelement(child.tag, child.attrib)
            empty.tail = child.tail
            doc.append(empty)
        else:
            doc.append(copy.deepcopy(child))
    return doc


class _TreeDocument(ReadabilityDocument):  # type: ignore[misc]
    """readability-lxml's scoring over a copy of our tree.

    Its own input path re-parses serialized text and runs its HTML cleaner, repeating what
    parse and strip did (scripts, styles, comments) at a fifth of a page's time. It mutates
    what it scores and starts again for its lenient second pass, so each pass gets a copy."""

    def _parse(self, input: HtmlElement) -> HtmlElement:
        self.encoding = "utf-8"
        doc = _copy_without_head_content(input)
        # Each copied element carries its original's place among our body's elements (see
        # readability_pick), marked as the copy comes, before anything in it moves. On the
        # copy, not ours: our tree is never written to (and a mark held in a table instead
        # keeps every copied element's Python object alive, which lxml then frees at a cost
        # that grows with each dropped subtree's size: slower than the marks).
        body = doc.find("body")
        if body is not None:
            set_attribute = etree.ElementBase.set  # lxml's own, not HtmlElement's wrapper
            for place, element in enumerate(body.iter(etree.Element)):
                set_attribute(element, CID_ATTR, str(place))
        for element in _hidden_elements(doc):
            if isinstance(element, HtmlElement):
                element.drop_tree()
        return doc

    def remove_unlikely_candidates(self) -> None:
        """readability's own (0.9): drop elements whose class or id says chrome, unless they
        are, sit in, or hold code, an article, main or math. Decided in one walk and then
        dropped, outermost only: what it dropped inside an element already dropped never
        touched the tree, and a drop cannot change the verdict on an element after it in
        document order (its ancestors and descendants stay as they were)."""
        doomed: dict[HtmlElement, None] = {}
        # Every element below the root, as findall(".//*") lists them. Without a class or
        # id the test string is " ", too short to test: only elements with one are looked
        # at (read here, where the XPath `.//*[@class or @id]` cost twice as much).
        for elem in self.html.iterdescendants(etree.Element):
            class_ = elem.get("class")
            ident = elem.get("id")
            if (class_ is None and ident is None) or not isinstance(elem, HtmlElement):
                continue
            if (
                _unlikely_candidate(f"{class_ or ''} {ident or ''}")
                and elem.tag not in ("html", "body")
                and not _IN_CODE(elem)
                and not _HOLDS_ARTICLE(elem)
                and doomed.keys().isdisjoint(elem.iterancestors())
            ):
                doomed[elem] = None
        for elem in doomed:
            elem.drop_tree()

    def tags(self, node: HtmlElement, *tag_names: str) -> Iterator[HtmlElement]:
        """readability's tags(): each name's descendants, listed when the walk reaches that
        name, as findall(".//name") lists them but without ElementPath's Python layers."""
        for tag_name in tag_names:
            yield from list(node.iterdescendants(tag_name))

    def reverse_tags(self, node: HtmlElement, *tag_names: str) -> Iterator[HtmlElement]:
        for tag_name in tag_names:
            yield from reversed(list(node.iterdescendants(tag_name)))

    def class_weight(self, e: HtmlElement) -> int:
        if self.positive_keywords or self.negative_keywords:
            weight: int = super().class_weight(e)
            return weight
        return _class_weight(e.get("class", None), e.get("id", None))

    def get_link_density(self, elem: HtmlElement, length: int | None = None) -> float:
        """readability's get_link_density; `length` is elem's text length when the caller
        has measured it on the tree as it is."""
        link_length = 0
        # iterdescendants is what findall(".//a") walks, without ElementPath's Python layers.
        for link in elem.iterdescendants("a"):
            link_length += readability_text_length(link)
        if length is None:
            length = readability_text_length(elem)
        return float(link_length) / max(length, 1)

    def _link_density(self, elem: HtmlElement, lengths: dict[HtmlElement, int]) -> float:
        """get_link_density with text lengths kept in `lengths`, while the tree holds still
        (see score_paragraphs). Looked up here rather than by a call per link: candidates
        nest, and each link is counted once for every candidate above it."""
        link_length = 0
        for link in elem.iterdescendants("a"):
            length = lengths.get(link)
            if length is None:
                length = lengths[link] = readability_text_length(link)
            link_length += length
        return float(link_length) / max(self._text_length(elem, lengths), 1)

    @staticmethod
    def _text_length(elem: HtmlElement, lengths: dict[HtmlElement, int]) -> int:
        length = lengths.get(elem)
        if length is None:
            length = lengths[elem] = readability_text_length(elem)
        return length

    def score_paragraphs(self) -> dict[HtmlElement, dict[str, Any]]:
        """readability's own (0.9), the same scores in the same order. The tree holds still
        while it scores, so each element's text is measured once (a long page's links were
        measured again for every candidate above them), and its debug lines, formatted even
        with logging off, are left out."""
        min_len: int = self.min_text_length
        candidates: dict[HtmlElement, dict[str, Any]] = {}
        ordered: list[HtmlElement] = []
        for elem in self.tags(self.html, "p", "pre", "td", "blockquote"):
            parent = elem.getparent()
            if parent is None:
                continue
            grand_parent = parent.getparent()
            # Cleaning changes only whitespace: the commas are the raw text's.
            raw_text = text_content(elem)
            inner_text_len = readability_clean_length(raw_text)
            if inner_text_len < min_len:
                continue
            if parent not in candidates:
                candidates[parent] = self.score_node(parent)
                ordered.append(parent)
            if grand_parent is not None and grand_parent not in candidates:
                candidates[grand_parent] = self.score_node(grand_parent)
                ordered.append(grand_parent)
            content_score: float = 1
            content_score += raw_text.count(",") + 1
            content_score += min((inner_text_len / 100), 3)
            candidates[parent]["content_score"] += content_score
            if grand_parent is not None:
                candidates[grand_parent]["content_score"] += content_score / 2.0
        lengths: dict[HtmlElement, int] = {}
        for elem in ordered:
            candidates[elem]["content_score"] *= 1 - self._link_density(elem, lengths)
        return candidates

    def select_best_candidate(
        self, candidates: dict[HtmlElement, dict[str, Any]]
    ) -> dict[str, Any] | None:
        """readability's own (0.9), the same choice. Its debug lines, formatted with each
        top candidate's path even with logging off, are left out, and a nested <article>
        is told by its ancestors rather than by a set of all the best one's descendants."""
        if not candidates:
            return None
        sorted_candidates = sorted(
            candidates.values(), key=lambda x: x["content_score"], reverse=True
        )
        best_candidate: dict[str, Any] = sorted_candidates[0]
        article_body_candidates = [
            candidate
            for candidate in sorted_candidates
            if "articleBody" in (candidate["elem"].get("itemprop") or "").split()
            and self.get_link_density(candidate["elem"]) <= 0.1
        ]
        if article_body_candidates:
            best_candidate = article_body_candidates[0]
        best_elem = best_candidate["elem"]
        nested_articles = [
            candidate
            for candidate in sorted_candidates
            if candidate["elem"].tag == "article"
            and any(a is best_elem for a in candidate["elem"].iterancestors())
            and readability_text_length(candidate["elem"]) >= 250
            and candidate["content_score"] >= best_candidate["content_score"] * 0.25
        ]
        if nested_articles:
            best_candidate = nested_articles[0]
        return best_candidate

    def get_semantic_main_candidate(
        self, candidates: dict[HtmlElement, dict[str, Any]], best_candidate: dict[str, Any]
    ) -> dict[str, Any]:
        """readability's own (0.9), with text lengths from readability_text_length."""
        best_elem = best_candidate["elem"]
        ancestors = tuple(best_elem.iterancestors())
        if any(elem.tag == "article" for elem in (best_elem, *ancestors)):
            return best_candidate
        main = next((elem for elem in ancestors if elem.tag == "main"), None)
        if main is None or readability_text_length(main) < max(
            500, readability_text_length(best_elem) * 2
        ):
            return best_candidate
        if self.get_link_density(main) > 0.15:
            return best_candidate
        candidate: dict[str, Any] = self.score_node(main)
        candidates[main] = candidate
        return candidate

    def transform_misused_divs_into_paragraphs(self) -> None:
        """readability's own (0.9), with its test "does the serialized HTML of the element's
        children hold `<div`, `<p`, ... (_BLOCK_START)" answered from tag names: serializing
        every div's children, then every inline child again, was a fifth of its time."""
        holders = _holders_of_block_starts(self.html)
        for elem in self.tags(self.html, "div"):
            if elem not in holders:
                elem.tag = "p"
        # Retagging a div to p leaves `holders` right: both are block starts.
        for elem in self.tags(self.html, "div"):
            children = list(elem)
            paragraph = None
            if elem.text and elem.text.strip():
                p = _new_p()
                p.text = elem.text
                elem.text = None
                elem.insert(0, p)
                paragraph = p
            for child in children:
                if child.tag == "br":
                    paragraph = None
                    continue
                if child.tag not in _INLINE_TAGS or child in holders:
                    paragraph = None
                    continue
                if paragraph is None:
                    paragraph = _new_p()
                    child.addprevious(paragraph)
                paragraph.append(child)
            for pos, child in reversed(list(enumerate(elem))):
                if child.tail and child.tail.strip():
                    p = _new_p()
                    p.text = child.tail
                    child.tail = None
                    elem.insert(pos + 1, p)
                if child.tag == "br":
                    child.drop_tree()

    def sanitize(
        self,
        node: HtmlElement,
        candidates: dict[HtmlElement, dict[str, Any]],
        keep_all_images: bool = False,
    ) -> str:
        """readability's own (0.9): the same tests and drops in the same order. Its debug
        lines, formatted with each element's path and text even with logging off, are left
        out, and text lengths come from readability_text_length."""
        min_len: int = self.min_text_length
        for header in self.tags(node, "h1", "h2", "h3", "h4", "h5", "h6"):
            if self.class_weight(header) < 0 or self.get_link_density(header) > 0.33:
                header.drop_tree()
        for elem in self.tags(node, "p"):
            if (
                REGEXES["callToActionRe"].search(text_content(elem))
                and self.get_link_density(elem) > 0.2
            ):
                elem.drop_tree()
        for elem in self.tags(node, "form", "textarea"):
            elem.drop_tree()
        for elem in self.tags(node, "iframe"):
            if "src" in elem.attrib and is_video_url(elem.attrib["src"]):
                elem.attrib.pop("srcdoc", None)
                elem.text = "VIDEO"
            else:
                elem.drop_tree()
        allowed: dict[HtmlElement, bool] = self.get_preserved_elements(node)
        for el in self.reverse_tags(
            node, "table", "ul", "div", "aside", "header", "footer", "section"
        ):
            if el in allowed:
                continue
            weight: int = self.class_weight(el)
            content_score = candidates[el]["content_score"] if el in candidates else 0
            if weight + content_score < 0:
                el.drop_tree()
                continue
            if text_content(el).count(",") >= 10:
                continue
            if self._drops_conditionally(el, weight, min_len, allowed, keep_all_images):
                el.drop_tree()
        self.html = node
        return self.get_clean_html()

    def get_preserved_elements(self, node: HtmlElement) -> dict[HtmlElement, bool]:
        """readability's own (0.9), the same elements: lists under a "table of contents"
        heading, blocks under a lead-in that ends in ":" before a quote. Its tests climb
        from each list and block through every ancestor; whether an ancestor passes depends
        on it alone, so each is tested once (a deep page's divs climbed through the same
        wrappers thousands of times)."""
        toc: dict[HtmlElement, bool] = {}
        quote: dict[HtmlElement, bool] = {}
        allowed = {
            elem: True for elem in self.tags(node, "ul") if _climbs_to(elem, _heads_toc, toc)
        }
        min_len: int = self.min_text_length

        def leads_quote(lead: HtmlElement) -> bool:
            following = lead.getnext()
            if following is None or next(following.iterdescendants("blockquote"), None) is None:
                return False
            lead_text: str = readability_clean_text(text_content(lead))
            return len(lead_text) >= min_len and lead_text.endswith(":")

        allowed.update(
            {
                elem: True
                for elem in self.tags(node, "div", "section")
                if _climbs_to(elem, leads_quote, quote)
            }
        )
        return allowed

    def _drops_conditionally(
        self,
        el: HtmlElement,
        weight: int,
        min_len: int,
        allowed: dict[HtmlElement, bool],
        keep_all_images: bool,
    ) -> bool:
        """sanitize's test of a table, list or div with few commas: too many images,
        items, inputs or links for its text, or no text (unless its nearest siblings with
        text are long, which then also spares the blocks inside it)."""
        # Counted as findall(".//kind") finds them, in one walk of the subtree for all six
        # kinds (a walk per kind, and one more for the hidden inputs, cost twice as much).
        counts = dict.fromkeys(_COUNTED_KINDS, 0)
        for found in el.iterdescendants(*_COUNTED_KINDS):
            kind = found.tag
            counts[kind] += 1
            if kind == "input" and found.get("type") == "hidden":
                counts["input"] -= 1
        counts["li"] -= 100
        content_length = readability_text_length(el)
        link_density = self.get_link_density(el, content_length)
        tag = el.tag
        if keep_all_images and tag == "div" and counts["img"] >= 1:
            return False
        if counts["p"] and counts["img"] > 1 + counts["p"] * 1.3:
            return True
        if counts["li"] > counts["p"] and tag not in ("ol", "ul"):
            return True
        if counts["input"] > (counts["p"] / 3):
            return True
        if content_length < min_len and counts["img"] == 0:
            return True
        if content_length < min_len and counts["img"] > 2:
            return True
        if weight < 25 and link_density > (
            0.25 if tag in ("ul", "section") and _IN_ARTICLE(el) else 0.2
        ):
            return True
        if weight >= 25 and link_density > 0.5:
            return True
        if (counts["embed"] == 1 and content_length < 75) or counts["embed"] > 1:
            return True
        if content_length:
            return False
        # No text: kept when the nearest following and preceding siblings with text have
        # over 1000 characters between them.
        siblings = []
        for sibling in el.itersiblings():
            length = readability_text_length(sibling)
            if length:
                siblings.append(length)
                break
        for sibling in el.itersiblings(preceding=True):
            length = readability_text_length(sibling)
            if length:
                siblings.append(length)
                break
        if siblings and sum(siblings) > 1000:
            for inner in self.tags(el, "table", "ul", "div", "section"):
                allowed[inner] = True
            return False
        return True

    def get_clean_html(self) -> str:
        # sanitize() ends by serializing the article and stripping style attributes from
        # the text with a regex loop, a tenth of readability's time; pick() keeps the tree.
        return ""

    def pick(self) -> HtmlElement:
        """The article `summary()` would serialize, as a tree: its stages in its order, with
        its ruthless pass and lenient retry (readability-lxml 0.9, Document.summary)."""
        ruthless = True
        while True:
            self._html(True)
            for element in self.tags(self.html, "script", "style", "noscript"):
                element.drop_tree()
            for element in self.tags(self.html, "body"):
                element.set("id", "readabilityBody")
            if ruthless:
                self.remove_unlikely_candidates()
            self.transform_misused_divs_into_paragraphs()
            candidates = self.score_paragraphs()
            best = self.select_best_candidate(candidates)
            if best:
                best = self.get_semantic_article_candidate(candidates, best)
                best = self.get_semantic_main_candidate(candidates, best)
            if best:
                article: HtmlElement = self.get_article(candidates, best, html_partial=True)
            elif ruthless:
                ruthless = False
                continue
            else:
                body = self.html.find("body")
                article = body if body is not None else self.html
            self.sanitize(article, candidates)
            if ruthless and not self._long_enough(article):
                ruthless = False
                continue
            return article

    def _long_enough(self, article: HtmlElement) -> bool:
        """summary()'s retry test: its serialized HTML has at least retry_length characters.
        The markup holds every character of the text, so long text settles it unserialized."""
        limit: int = self.retry_length
        if len(text_content(article)) >= limit:
            return True
        return len(clean_attributes(etree.tounicode(article, method="html"))) >= limit


# The descendants sanitize counts under a block it may drop (see _drops_conditionally).
_COUNTED_KINDS = ("p", "img", "li", "a", "embed", "input")


def _heads_toc(toc: HtmlElement) -> bool:
    """readability's is_toc_list test of one element on the climb: a list right under a
    "Table of contents" heading."""
    if toc.tag != "ul":
        return False
    previous = toc.getprevious()
    return (
        previous is not None
        and previous.tag in ("h2", "h3", "h4")
        and readability_clean_text(text_content(previous)).lower() == "table of contents"
    )


def _climbs_to(
    elem: HtmlElement, passes: Callable[[HtmlElement], bool], known: dict[HtmlElement, bool]
) -> bool:
    """Whether `elem` or an ancestor passes, with the answers for every element on the way
    kept in `known` (the tree must hold still while it is kept). A loop, not recursion:
    trees nest a thousand deep."""
    path: list[HtmlElement] = []
    node: HtmlElement | None = elem
    answer = False
    while node is not None:
        found = known.get(node)
        if found is not None:
            answer = found
            break
        path.append(node)
        if passes(node):
            answer = True
            break
        node = node.getparent()
    for visited in path:
        known[visited] = answer
    return answer


def readability_pick(root: HtmlElement) -> list[HtmlElement]:
    """The elements readability-lxml keeps, found again in `root` (which is not mutated)."""
    body = root.find("body")
    if body is None:
        return []
    # An element's id is its place in this list (elements only, listed in C), marked on its
    # copy in readability's tree (see _TreeDocument._parse).
    elements: list[HtmlElement] = list(body.iter(etree.Element))
    try:
        article = _TreeDocument(root).pick()
        # Serialized and parsed again, as summary() gave it: the article can hold nestings
        # our parser would not build (readability turns a div holding an <h2> into a <p>),
        # and parsing them splits elements, which changes what is kept.
        picked: HtmlElement | None = lxml.html.fragment_fromstring(
            etree.tounicode(article, method="html"), create_parent="div"
        )
    except Exception:  # readability raises bare Exceptions on odd trees
        picked = None
    if picked is None:
        return []
    found: set[int] = set()
    stack = list(picked)
    # The summary wraps the kept elements in one or two divs of its own (no id); descend
    # through those to the first elements that came from our tree.
    while stack:
        element = stack.pop(0)
        cid = element.get(CID_ATTR)
        if cid is not None and cid.isdigit() and int(cid) < len(elements):
            found.add(int(cid))
        else:
            stack[0:0] = list(element)
    # An id is the element's place in document order.
    return [elements[place] for place in sorted(found)]


def _common_parent(elements: list[HtmlElement]) -> HtmlElement | None:
    parents = {e.getparent() for e in elements}
    return parents.pop() if len(parents) == 1 else None


# An article's flow: what a rich-text editor writes, one block after another.
_FLOW_TAGS = frozenset(
    {"p", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "figure", "pre", "hr"}
)
# The pick's container reads as the rest of its article when its other children hold at
# least this much paragraph prose...
FLOW_MIN_PROSE_CHARS = 400
# ...and this share of their text is in flow blocks (an embed's div or two may sit among
# them, but not a sidebar's widgets).
FLOW_TEXT_SHARE = 0.7


def _continues_in_flow(roots: list[HtmlElement], parent: HtmlElement) -> bool:
    """Whether the pick sits in an article's flow of paragraphs and headings, the pick one
    block of it: an editor's embed (a table with the text after it) scores highest, and
    the paragraphs before it are the same article however much the pick holds."""
    holders: set[HtmlElement] = set()
    for root in roots:
        node: HtmlElement | None = root
        while node is not None and node.getparent() is not parent:
            node = node.getparent()
        if node is None:
            return False
        holders.add(node)
    others = [c for c in parent if isinstance(c.tag, str) and c not in holders]
    text = sum(len(text_of(c)) for c in others)
    in_flow = sum(len(text_of(c)) for c in others if c.tag in _FLOW_TAGS)
    if in_flow < text * FLOW_TEXT_SHARE:
        return False
    return sum(paragraph_prose(c) for c in others if c.tag == "p") >= FLOW_MIN_PROSE_CHARS


def _block_of_flow(wrapper: HtmlElement) -> bool:
    """The wrapper is one block of an article's flow (an editor's group block among the
    post's paragraphs and headings), not the article's own wrapper."""
    parent = wrapper.getparent()
    return parent is not None and _continues_in_flow([wrapper], parent)


def widen(
    roots: list[HtmlElement], body: HtmlElement, *, through_wrappers: bool = True
) -> list[HtmlElement]:
    """Climb to the parent while the pick holds too little of the parent's prose."""
    while roots:
        parent = _common_parent(roots) if len(roots) > 1 else roots[0].getparent()
        picked = sum(prose_chars(r) for r in roots)
        # A wrapper holding nothing but the pick (an embed's div around a table) says
        # nothing about its share: the question is asked of what holds the wrapper.
        # Not on a page that declares itself an article, whose pick is the article: its
        # wrappers hold it alone, and what holds them is the page around it.
        # A block of an article's flow around the pick (a <figure> round a table whose
        # unclosed wrapper swallowed the rest of the article) is no wrapper of the article:
        # it is climbed through on any page.
        while (
            parent is not None
            and parent is not body
            and prose_chars(parent) == picked
            and (through_wrappers or parent.tag in _FLOW_TAGS or _block_of_flow(parent))
        ):
            parent = parent.getparent()
        if parent is None or parent is body.getparent():
            return roots
        whole = prose_chars(parent)
        if whole == 0:
            return roots
        if picked >= whole * WIDEN_PROSE_SHARE and not _continues_in_flow(roots, parent):
            return roots
        if link_density(parent) > WIDEN_MAX_LINK_DENSITY:
            return roots
        roots = [parent]
    return roots


# The page's articleBody may hold this many times the pick's prose and still be taken
# whole: past it, the mark wraps more than one article's worth (a page's whole column).
ARTICLE_BODY_MAX_GAIN = 3.0


def declared_body(roots: list[HtmlElement], body: HtmlElement) -> list[HtmlElement]:
    """The element the page marks as its article's body (schema.org's articleBody), when
    the pick lies inside it: readability picks the block of most prose, and an opening
    block of its own (a story's first paragraphs set in a block with a drop cap) stays
    out. The mark is trusted only around the pick, when it holds no more than
    ARTICLE_BODY_MAX_GAIN times its prose and few links."""
    if not roots:
        return roots
    marked: HtmlElement | None = None
    for ancestor in roots[0].iterancestors():
        if ancestor is body:
            return roots
        if "articleBody" in (ancestor.get("itemprop") or "").split():
            marked = ancestor
            break
    if marked is None or any(marked not in r.iterancestors() for r in roots[1:]):
        return roots
    picked = sum(prose_chars(r) for r in roots)
    whole = prose_chars(marked)
    if whole <= picked or whole > picked * ARTICLE_BODY_MAX_GAIN:
        return roots
    if link_density(marked) > WIDEN_MAX_LINK_DENSITY:
        return roots
    return [marked]


_DIGITS = regexcache.compile(r"\d+")
# Forum posts, comments-as-content, listing cards: at least this many alike siblings.
REPEATED_MIN_SIBLINGS = 3
# Each repeated item must read as prose, not as a row of links.
REPEATED_MAX_LINK_DENSITY = 0.5
# Only widen to the repeated items when they hold clearly more prose than the pick.
REPEATED_MIN_GAIN = 1.5


def signature(element: HtmlElement) -> frozenset[str]:
    """Class words plus the letters of a numbered id (`p30211` -> `p`): what alike items share."""
    found = set((element.get("class") or "").split())
    ident = element.get("id") or ""
    if _DIGITS.search(ident):
        found.add("#" + _DIGITS.sub("", ident))
    return frozenset(found)


def _alike(a: HtmlElement, b: HtmlElement) -> bool:
    if a.tag != b.tag:
        return False
    sa, sb = signature(a), signature(b)
    if not sa or not sb:
        return False
    return len(sa & sb) * 2 >= len(sa | sb) or _same_base_class(a, b)


def _same_base_class(a: HtmlElement, b: HtmlElement) -> bool:
    """Posts of one thread: the same first class, naming a post, whatever modifiers follow
    it (FluxBB's "blockpost rowodd firstpost blockpost1" and "blockpost roweven"). Not
    any first class: page builders open every block's classes with the same one."""
    first_a = (a.get("class") or "").split()[:1]
    first_b = (b.get("class") or "").split()[:1]
    return bool(first_a) and first_a == first_b and _says_post(first_a[0])


def _article_count(element: HtmlElement, most: int) -> int:
    """The `<article>`s in `element` (itself included) outside other articles, up to
    `most`: a forum post's `<article>` holds its body's."""
    count = 0
    walker = etree.iterwalk(element, events=("start",), tag="article")
    for _event, _article in walker:
        count += 1
        if count >= most:
            break
        walker.skip_subtree()
    return count


def _lists_articles(sibling: HtmlElement) -> bool:
    """A page builder's slots share one class, the story's and the one listing the site's
    other stories after it ("widget_posts_slot" twice): a sibling holding two or more
    `<article>`s side by side, when the pick holds at most one, is a list of other pages,
    not another post like the pick."""
    return _article_count(sibling, 2) >= 2


def repeated_items(
    roots: list[HtmlElement], body: HtmlElement, min_gain: float = REPEATED_MIN_GAIN
) -> list[HtmlElement]:
    """A pick inside one of several alike siblings (forum posts) takes all of them, when
    they hold `min_gain` times its prose."""
    if len(roots) != 1:
        return roots
    pick = element = roots[0]
    picked = prose_chars(pick)
    # Counted once for all the siblings asked about (see _lists_articles).
    single_article = _article_count(pick, 2) <= 1
    while element is not None and element is not body:
        parent = element.getparent()
        if parent is None:
            break
        items = [
            sibling
            for sibling in parent
            if sibling is element
            or (
                _alike(sibling, element)
                and prose_chars(sibling) > 0
                and link_density(sibling) <= REPEATED_MAX_LINK_DENSITY
                and not (single_article and _lists_articles(sibling))
            )
        ]
        # An article body split into segments ("article__body" twice, around an ad slot)
        # is alike siblings too, and two of them are enough when their class says so;
        # so are a thread's two posts ("blockpost", "message-row": a question, its answer).
        needed = (
            2
            if not CONTENT_WORDS.isdisjoint(words(element)) or _names_a_post(element)
            else REPEATED_MIN_SIBLINGS
        )
        if len(items) >= needed:
            gained = sum(prose_chars(i) for i in items)
            if gained >= picked * min_gain:
                return _with_question(_with_sandwiched(items, element))
            # Two alike parts that add little (an answer's body and its comments, both
            # "post"): the posts they belong to may repeat further up.
        element = parent
    return roots


# Class words of a thread's replies, whole or in part ("ItemComment", "reply-row").
_REPLY_NAMES = ("post", "message", "comment", "reply")


def replies_after(roots: list[HtmlElement], body: HtmlElement) -> list[HtmlElement]:
    """On a thread's page, a pick that is the opening post alone, and the list of replies
    after it: forum software often prints the opener in its own block and the replies as a
    list of alike items (Vanilla's "Comments", a blog-style thread's comment list), so no
    sibling of the opener is alike. The first container after the pick whose children are
    at least two alike items, each with prose and named as posts or replies, is that list."""
    if len(roots) != 1:
        return roots
    pick = roots[0]
    inside = set(pick.iter())
    after = False
    for element in body.iter(etree.Element):
        if element is pick:
            after = True
            continue
        if not after or element in inside:
            continue
        items = _reply_items(element)
        if items:
            return [_with_post_header(pick, element), *items]
    return roots


# A post's header (author, date, category: "ines_v February 3 in Announcements") is short:
# the opener's block takes no more text than this beyond the post's body.
POST_HEADER_MAX_CHARS = 200


def _with_post_header(pick: HtmlElement, replies: HtmlElement) -> HtmlElement:
    """The opening post's whole block, author line and all, as each reply is: the highest
    ancestor of the pick that does not hold the replies and adds only a header's worth of
    text to it."""
    limit = len(text_of(pick)) + POST_HEADER_MAX_CHARS
    held = set(replies.iterancestors())
    best = pick
    for ancestor in pick.iterancestors():
        if ancestor in held or len(text_of(ancestor)) > limit:
            break
        best = ancestor
    return best


def _reply_items(container: HtmlElement) -> list[HtmlElement]:
    children = list(container)
    if len(children) < 2:
        return []
    first = children[0]
    items = [
        child
        for child in children
        if (child is first or _alike(child, first))
        and any(name in (child.get("class") or "").lower() for name in _REPLY_NAMES)
        and prose_chars(child) > 0
        and link_density(child) <= REPEATED_MAX_LINK_DENSITY
    ]
    return items if len(items) >= 2 else []


# How far up from the answers, and how many siblings back, the question is looked for.
QUESTION_SEARCH_DEPTH = 2
QUESTION_SEARCH_SIBLINGS = 3


def _with_question(items: list[HtmlElement]) -> list[HtmlElement]:
    """Answers come with the question they answer: a Q&A page (Stack Exchange, a help
    forum) prints the question before the answers' container, under its own class."""
    if "answer" not in words(items[0]):
        return items
    node = items[0].getparent()
    for _ in range(QUESTION_SEARCH_DEPTH):
        if node is None:
            break
        before = node.getprevious()
        for _ in range(QUESTION_SEARCH_SIBLINGS):
            if before is None:
                break
            if "question" in words(before) and prose_chars(before) > 0:
                return [before, *items]
            before = before.getprevious()
        node = node.getparent()
    return items


_POST_NAMES = ("post", "message")


def _names_a_post(element: HtmlElement) -> bool:
    """A class token that names a post, whole or in part ("blockpost", "messageRow")."""
    return _says_post(element.get("class") or "")


def _says_post(classes: str) -> bool:
    lowered = classes.lower()
    return any(name in lowered for name in _POST_NAMES)


def _with_sandwiched(items: list[HtmlElement], like: HtmlElement) -> list[HtmlElement]:
    """The items, and alike siblings between two of them however many links they hold:
    in the middle of a report's sections, one that lists the patches sent is a section."""
    parent = items[0].getparent()
    if parent is None or len(items) < 2:
        return items
    chosen = set(items)
    siblings = list(parent)
    first, last = siblings.index(items[0]), siblings.index(items[-1])
    return [
        sibling
        for sibling in siblings[first : last + 1]
        if sibling in chosen or (_alike(sibling, like) and prose_chars(sibling) > 0)
    ]


def same_class_parts(roots: list[HtmlElement]) -> list[HtmlElement]:
    """Other blocks of the pick's own class in the `<article>` around it: templates print an
    article's summary and its body as two `articletext` blocks in different wrappers."""
    if len(roots) != 1 or not roots[0].get("class"):
        return roots
    pick = roots[0]
    article = next(pick.iterancestors("article"), None)
    # Outside an <article>, teaser cards can share a class with the body: the parts must
    # read as a body does.
    in_article = article is not None
    scope = article if article is not None else _same_class_scope(pick)
    if scope is None:
        return roots
    max_link_density = REPEATED_MAX_LINK_DENSITY if in_article else SAME_CLASS_MAX_LINK_DENSITY
    inside = set(pick.iter())
    above = set(pick.iterancestors())
    parts = [
        element
        for element in scope.iter(pick.tag)
        if element is pick
        or (
            element.get("class") == pick.get("class")
            and element not in inside
            and element not in above
            and prose_chars(element) > 0
            and _prose_link_density(element) <= max_link_density
            and (in_article or _reads_as_body(element))
        )
    ]
    # Outermost only: a part inside another part comes with it.
    chosen = set(parts)
    return [e for e in parts if not any(a in chosen for a in e.iterancestors())]


# Without an <article>, the parts are looked for this many wrappers up from the pick: a
# post's body split into rich-text blocks around pictures and call-outs.
SAME_CLASS_DEPTH = 3
SAME_CLASS_MAX_LINK_DENSITY = 0.2
# ...and each part outside an <article> holds paragraphs, not a byline or a caption.
SAME_CLASS_MIN_PROSE_CHARS = 150


def _outermost_tables(element: HtmlElement) -> list[HtmlElement]:
    found = set(element.iter("table"))
    return [t for t in found if found.isdisjoint(t.iterancestors())]


def _prose_link_density(element: HtmlElement) -> float:
    """Link density of the text outside tables: a table of companies or products links
    each name to its site, and is data, not a list of pointers elsewhere."""
    tables = _outermost_tables(element)
    if not tables:
        return link_density(element)
    total = len(text_of(element)) - sum(len(text_of(t)) for t in tables)
    if total <= 0:
        return 0.0
    links = link_text_length(element) - sum(link_text_length(t) for t in tables)
    return max(0, links) / total


def _reads_as_body(element: HtmlElement) -> bool:
    return paragraph_prose(element) >= SAME_CLASS_MIN_PROSE_CHARS


def _same_class_scope(pick: HtmlElement) -> HtmlElement | None:
    """The nearest wrapper (a few levels up) that holds another block of the pick's class."""
    cls = pick.get("class")
    for ancestor in itertools.islice(pick.iterancestors(), SAME_CLASS_DEPTH):
        if ancestor.tag in ("body", "html"):
            return None
        if any(e is not pick and e.get("class") == cls for e in ancestor.iter(pick.tag)):
            return ancestor
    return None


def _contains(ancestor: HtmlElement, element: HtmlElement) -> bool:
    return any(a is ancestor for a in element.iterancestors()) or ancestor is element


def lead_image(
    body: HtmlElement, roots: list[HtmlElement], title: str | None
) -> HtmlElement | None:
    """The picture (with its caption) just before the content, when the pick left it out."""
    if not roots:
        return None
    first = roots[0]
    if any(next(r.iter("img"), None) is not None for r in roots[:1]):
        return None
    order = _document_order(body)
    start = order.get(first, 0)
    candidates = [
        img
        for img in body.iter("img")
        if order.get(img, 0) < start and not any(_contains(r, img) for r in roots)
    ]
    if not candidates:
        return None
    image = candidates[-1]
    width = image.get("width")
    if width and width.isdigit() and int(width) < 100:
        return None  # icons and avatars
    # A picture in a form (a newsletter sign-up's cover) decorates the form. A form that
    # holds the content too is the page's (ASP.NET wraps every page in one).
    for ancestor in image.iterancestors():
        if ancestor is body or _contains(ancestor, first):
            break
        if ancestor.tag == "form":
            return None
    block = image
    while True:
        parent = block.getparent()
        if parent is None or parent is body or _contains(parent, first):
            break
        if prose_chars(parent) > LEAD_IMAGE_MAX_PROSE_CHARS:
            break
        block = parent
    # One card of a row of alike cards (a shop's product grid over its buying guide) is the
    # last card before the content, not the content's picture.
    parent = block.getparent()
    if parent is not None and sum(1 for s in parent if _alike(s, block)) >= LEAD_IMAGE_GRID_ITEMS:
        return None
    # Prose between the image block and the content means the image illustrates
    # something else (a teaser, an author box).
    end = order.get(block, 0) + sum(1 for _ in block.iter())
    gap = 0
    for element in body.iter():
        index = order.get(element, 0)
        if (
            end <= index < start
            and element.text
            and element.tag != "a"
            and not any(a.tag == "a" for a in element.iterancestors())
        ):
            gap += len(element.text.strip())
    if gap > LEAD_IMAGE_MAX_GAP_PROSE_CHARS:
        return None
    return block


def blocks_between(roots: list[HtmlElement]) -> list[HtmlElement]:
    """The picture blocks and section titles lying between two parts of the pick, taken
    along: readability scores paragraphs, so a picture and its caption between the parts it
    chose (a mirror page's photo between the title and the story), or a heading in a block
    of its own, scores nothing and is left out of the middle of the content."""
    if len(roots) < 2:
        return roots
    chosen = set(roots)
    taken: list[HtmlElement] = []
    for before, after in itertools.pairwise(roots):
        parent = before.getparent()
        if parent is None or after.getparent() is not parent:
            continue
        sibling = before.getnext()
        while sibling is not None and sibling is not after:
            if (
                sibling not in chosen
                and isinstance(sibling.tag, str)
                and (
                    (
                        next(sibling.iter("img"), None) is not None
                        and prose_chars(sibling) <= LEAD_IMAGE_MAX_PROSE_CHARS
                    )
                    or _is_section_title(sibling)
                )
                and link_density(sibling) <= WIDEN_MAX_LINK_DENSITY
            ):
                taken.append(sibling)
            sibling = sibling.getnext()
    if not taken:
        return roots
    order = _document_order(roots[0].getroottree().getroot())
    return sorted([*roots, *taken], key=order.__getitem__)


# A section's title between two parts of the pick is at most this long.
SECTION_TITLE_MAX_CHARS = 200
# The headings that title a section of the content (the page's <h1> is its title).
_SECTION_HEADINGS = ("h2", "h3", "h4", "h5", "h6")


def _is_section_title(element: HtmlElement) -> bool:
    """A heading, or a wrapper whose whole text is one heading's (Drupal's
    `<div class="section-heading"><h2>Common threats</h2></div>`)."""
    text = text_of(element)
    if not text or len(text) > SECTION_TITLE_MAX_CHARS:
        return False
    if element.tag in _SECTION_HEADINGS:
        return True
    heading = next(element.iter(*_SECTION_HEADINGS), None)
    return heading is not None and text_of(heading) == text


# A standfirst is short: a paragraph or two that sums up the page under its headline.
LEAD_IN_MAX_CHARS = 600
# ...unless it is mostly paragraphs: then it is the page's introduction, however long.
LEAD_SECTION_PROSE_SHARE = 0.6


def _normal(text: str) -> str:
    return re.sub(r"\W+", "", text).lower()


def lead_in(body: HtmlElement, roots: list[HtmlElement], title: str | None) -> list[HtmlElement]:
    """The standfirst under the page's headline, when the pick started below it.

    Page heroes and archive headers put the headline and a one-paragraph summary in a
    block of their own above the content; the summary is part of the page's text.
    """
    if not title or not roots:
        return []
    key = _normal(title)
    heading = next((h for h in body.iter("h1") if _normal(text_of(h)) == key), None)
    if heading is None or any(_contains(r, heading) for r in roots):
        return []
    order = _document_order(body)
    if order.get(heading, 0) > order.get(roots[0], 0):
        return []
    lead: list[HtmlElement] = []
    for sibling in heading.itersiblings():
        if not isinstance(sibling.tag, str):
            continue
        text = text_of(sibling)
        if not text:
            continue
        short_lead = sibling.tag == "p" or all(c.tag == "p" for c in sibling)
        short_lead = short_lead and len(text) <= LEAD_IN_MAX_CHARS
        # A documentation page's introduction: a section of paragraphs (and an example)
        # between the title and the first titled section. Its tables are data, neither
        # prose nor links: MDN's "Prerequisites" table beside the opening paragraph.
        outside_tables = len(text) - sum(len(text_of(t)) for t in _outermost_tables(sibling))
        intro = paragraph_prose(sibling) >= outside_tables * LEAD_SECTION_PROSE_SHARE
        if not (short_lead or intro) or _prose_link_density(sibling) > 0.3:
            break
        if any(_contains(sibling, r) for r in roots):
            break
        lead.append(sibling)
    return lead


def sibling_sections(roots: list[HtmlElement]) -> list[HtmlElement]:
    """All the titled sections of a document whose pick is several of them (`<section>`s,
    or `<div>`s of one class): readability adds a sibling only when it scores well, and a
    section that is mostly a list of links to reference pages ("Useful handlers", "Other
    resources") scores badly. A pick of one block is asked about the section around it
    (see _sections_around)."""
    if len(roots) == 1:
        return _sections_around(roots[0])
    sections = [r for r in roots if _section_kind(r) is not None]
    if len(sections) < SIBLING_SECTIONS_MIN:
        return roots
    kind = _section_kind(sections[0])
    parent = _common_parent(sections)
    if (
        parent is None
        or any(_section_kind(s) != kind for s in sections)
        or not all(_titled(s) for s in sections)
    ):
        return roots
    chosen = set(roots)
    added = [c for c in parent if c not in chosen and _section_kind(c) == kind and _titled(c)]
    if not added:
        return roots
    order = _document_order(parent.getroottree().getroot())
    return sorted([*roots, *added], key=order.__getitem__)


# A pick this many `<section>`s deep, each directly in the next, is in a document outline.
NESTED_SECTIONS_MIN = 3


def enclosing_sections(roots: list[HtmlElement]) -> list[HtmlElement]:
    """The whole outline around a pick deep in nested sections: a writer that nests each
    heading's `<section>` in the one before it (the next heading's section the last child
    of this one's) leaves the article's opening parts in the outer sections, beside the
    chain, where readability's best block, the innermost, does not reach."""
    start = _common_parent(roots) if len(roots) > 1 else roots[0] if roots else None
    if start is None:
        return roots
    outline = [start] if start.tag == "section" else []
    for ancestor in start.iterancestors():
        if ancestor.tag != "section" or not outline:
            break
        outline.append(ancestor)
    if len(outline) < NESTED_SECTIONS_MIN:
        return roots
    top = outline[-1]
    holder = top.getparent()
    # An <article> made of such outlines (a title, a lead picture, its first sections)
    # is the document.
    if holder is not None and holder.tag == "article":
        return [holder]
    return [top]


# A lone pick inside one of a document's sections (a long option list, DocBook's
# `<dl class="variablelist">` under "Options"): the section is looked for this many
# wrappers up, its parent must hold at least this many titled sections of its kind, and
# when those hold this share of the parent's text, the parent is the document.
SECTION_AROUND_DEPTH = 3
SECTION_DOCUMENT_MIN = 3
SECTION_DOCUMENT_SHARE = 0.8


def _sections_around(pick: HtmlElement) -> list[HtmlElement]:
    """Every titled section of a document of `<div>`s of one class, when readability
    picked one block inside one of them: a manual page's option list outscores its
    Synopsis, Description and Examples put together, and holds most of the prose of
    each wrapper up to the page, so widening never reaches them."""
    # A lone <section> pick stays as it is: an article's part, beside its comments' and
    # its related posts' sections (see sibling_sections' test of two or more).
    section = next(
        (
            holder
            for holder in itertools.islice(pick.iterancestors(), SECTION_AROUND_DEPTH)
            if holder.tag == "div" and _section_kind(holder) is not None and _titled(holder)
        ),
        None,
    )
    parent = section.getparent() if section is not None else None
    if section is None or parent is None:
        return [pick]
    kind = _section_kind(section)
    siblings = [c for c in parent if _section_kind(c) == kind and _titled(c)]
    if len(siblings) < SECTION_DOCUMENT_MIN:
        return [pick]
    # The sections are most of what holds them: that is the document, with the blocks
    # of other classes among them (the manual page's name and Synopsis).
    if parent.tag not in ("body", "html") and sum(
        len(text_of(c)) for c in siblings
    ) >= len(text_of(parent)) * SECTION_DOCUMENT_SHARE:
        return [parent]
    return siblings


# Readability's pick is at least this many sections of one document.
SIBLING_SECTIONS_MIN = 2


def _section_kind(element: HtmlElement) -> str | None:
    """What makes a block one of a document's sections: `<section>`, or a `<div>` of a
    class its sibling sections share (DocBook's `div.refsect1`, `div.sect2`: PostgreSQL's
    reference pages, whose Description and Compatibility score below Parameters)."""
    if element.tag == "section":
        return "section"
    if element.tag == "div" and element.get("class"):
        return f"div.{element.get('class')}"
    return None


def _titled(section: HtmlElement) -> bool:
    """Opens with a heading (anchor targets before it, such as Sphinx's `<span id>`, aside)."""
    first = next((c for c in section if isinstance(c.tag, str) and text_of(c)), None)
    return first is not None and first.tag in _SECTION_HEADINGS


# A pick made of at least this many cards of one kind...
CARD_COLLECTION_MIN = 4
# ...which hold this share of its text, each card no longer than CARD_MAX_CHARS.
CARD_COLLECTION_SHARE = 0.8
CARD_MAX_CHARS = 1000
# What a card is made of: its title or name, its text, its picture.
_CARD_PARTS = frozenset({"p", "img", "blockquote", "cite", *_SECTION_HEADINGS})


def _card_collection(roots: list[HtmlElement]) -> bool:
    """A pick that is a row of cards rather than a text: four or more children of one tag
    and class (a carousel's testimonials, a grid's teasers), each a short block of several
    parts (a quote, a name, a role), together most of its text. Its paragraphs score well
    in readability and make it look like an article of its own, where it is one band of a
    page of such bands."""
    if len(roots) != 1:
        return False
    groups: dict[tuple[str, str], list[HtmlElement]] = {}
    for child in roots[0]:
        if isinstance(child.tag, str) and child.get("class"):
            groups.setdefault((child.tag, child.get("class") or ""), []).append(child)
    cards = max(groups.values(), key=len, default=[])
    if len(cards) < CARD_COLLECTION_MIN:
        return False
    lengths = [len(text_of(card)) for card in cards]
    if max(lengths) > CARD_MAX_CHARS:
        return False
    if sum(lengths) < len(text_of(roots[0])) * CARD_COLLECTION_SHARE:
        return False
    # A card has parts; an article's paragraphs, each in a wrapper of one class, do not.
    return all(
        sum(1 for part in card.iter() if part is not card and part.tag in _CARD_PARTS) >= 2
        for card in cards
    )


def _whole_article(roots: list[HtmlElement], picked_prose: int, is_article: bool) -> bool:
    """On a page that declares itself an article, a pick that reads as one and holds
    nearly all of the `<article>` around it: the rest of the region is the rails and
    teasers beside that article, however long they are."""
    if not is_article or picked_prose < ARTICLE_PICK_PROSE_CHARS:
        return False
    holders = {r if r.tag == "article" else next(r.iterancestors("article"), None) for r in roots}
    if len(holders) != 1:
        return False
    (article,) = holders
    return article is not None and picked_prose >= paragraph_prose(article) * WHOLE_ARTICLE_SHARE


def extract_main(
    root: HtmlElement,
    title: str | None = None,
    *,
    is_article: bool = False,
    is_discussion: bool = False,
) -> Extraction:
    """Choose the elements that make up the page's content, in document order."""
    body = root.find("body")
    if body is None:
        return Extraction([], "empty")
    region = main_region(body)
    roots = readability_pick(root)
    method = "readability"
    if not roots:
        return Extraction([region], "main-region")
    if region is not body and any(r is region for r in roots):
        # readability adds the best block's well-scored siblings; when that block is the
        # page's own <main>, its siblings are what the page marked as not main: a promo
        # strip above it, a newsletter form below.
        roots = [region]
    picked_prose = sum(paragraph_prose(r) for r in roots)
    region_prose = paragraph_prose(region)
    picked_text = sum(len(text_of(r)) for r in roots)
    region_text = len(text_of(region))
    if (
        (
            picked_prose < ARTICLE_PICK_PROSE_CHARS
            and picked_prose < region_prose * MIN_PICK_PROSE_SHARE
        )
        or (
            not is_article
            and region is not body
            and picked_text < region_text * MARKED_REGION_PICK_SHARE
        )
        or (
            not _whole_article(roots, picked_prose, is_article)
            and (
                picked_prose < region_prose * FRAGMENT_PROSE_SHARE
                or picked_text < region_text * FRAGMENT_TEXT_SHARE
            )
        )
        or (picked_prose < region_prose * MIN_PICK_PROSE_SHARE and _card_collection(roots))
    ):
        # Services, listings, products, forums, docs: content in many blocks, no one of
        # which is "the article". After the strip pass, what the page marks as its main
        # region is a better answer than readability's single best block.
        return Extraction([region], "main-region")
    widened = widen(roots, body, through_wrappers=not is_article)
    if widened != roots:
        method += "+widened"
    declared = declared_body(widened, body)
    if declared != widened:
        widened = declared
        method += "+article-body"
    # A page that declares a discussion (QAPage, DiscussionForumPosting) is its posts: the
    # short answers below a long accepted one are as much the page as that one.
    repeated = repeated_items(widened, body, 1.0 if is_discussion else REPEATED_MIN_GAIN)
    if repeated != widened:
        method += "+repeated-items"
    elif is_discussion:
        repeated = replies_after(widened, body)
        if repeated != widened:
            method += "+replies"
    roots = repeated
    sections = sibling_sections(roots)
    if sections != roots:
        roots = sections
        method += "+sections"
    nested = enclosing_sections(roots)
    if nested != roots:
        roots = nested
        method += "+nested-sections"
    parts = same_class_parts(roots)
    if parts != roots:
        roots = parts
        method += "+same-class"
    # A news article's standfirst (its "dek") is a summary beside the article body, as
    # schema.org's articleBody has it; on other pages the lead under the headline is text.
    lead = [] if is_article else lead_in(body, roots, title)
    if lead:
        roots = [*lead, *roots]
        method += "+lead-in"
    between = blocks_between(roots)
    if between != roots:
        roots = between
        method += "+between"
    image = lead_image(body, roots, title)
    if image is not None:
        roots = [image, *roots]
        method += "+lead-image"
    return Extraction(roots, method)
