"""Remove boilerplate from the tree by the rules in `rules`, the user's selectors first."""

from __future__ import annotations

import itertools
from bisect import bisect_left
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from lxml import etree
from lxml.html import HtmlElement

from .caseless import lowered_twin
from .errors import UsageError
from .model import Removal
from .parse import blank_lines
from .render import image_source
from .rules import (
    CONTENT_RULES,
    CONTENT_WORDS,
    RULES,
    SHORT_RAW_FACTOR,
    FrozenTreeTexts,
    LineTest,
    Rule,
    _fewer_than_two_links,
    _tag,
    ancestors_of,
    class_words,
    forget_tree_texts,
    frozen_texts,
    id_words,
    paragraph_weight,
    raw_text,
    text_of,
    text_weight,
    words,
)
from .tags import HEADING_TAGS
from .textcontent import text_content
from .whitespace import collapse

if TYPE_CHECKING:
    from lxml.cssselect import CSSSelector

# A guarded rule never removes an element that holds more than this share of the page's
# paragraph prose (text in <p> outside links): that is the content, whatever its class
# says. Layouts name the wrapper of the main column "l-sidebar-fixed" or "fly-menu-push".
GUARD_PROSE_SHARE = 0.3
# ...and only when that prose is enough to be an article: a cookie notice can be the only
# paragraph on a page of chrome, and it is still a cookie notice.
GUARD_MIN_PROSE_CHARS = 400
# Comments go only when at least this much paragraph prose (an article) stays outside them.
ELSEWHERE_MIN_PROSE_CHARS = 400
EXCERPT_CHARS = 80
# The article rules (see CONTENT_RULES) may take at most this share of the content's text:
# past it, what they would remove is what the page is, a list of stories.
CONTENT_RULES_MAX_SHARE = 0.5
# HTML5 themes mark up each reader comment as an <article>, so for comment sections only
# the stronger marks count.
_MAIN_CONTENT = etree.XPath(
    "boolean(descendant-or-self::main | descendant-or-self::*[@itemprop='articleBody'])"
)
_SEMANTIC_CONTENT = etree.XPath(
    "boolean(descendant-or-self::main | descendant-or-self::*[@itemprop='articleBody']"
    " | descendant::article)"
)
_ARTICLE_BODY = etree.XPath("boolean(descendant-or-self::*[@itemprop='articleBody'])")


def _has_semantic_content(root: HtmlElement) -> bool:
    """_SEMANTIC_CONTENT(root), at a third of its cost on a whole page: the XPath builds
    all three node sets (every element is tested thrice) where a tag-filtered walk stops at
    the first <main> or <article>, and most pages have one."""
    if root.tag == "main" or next(root.iterdescendants("main", "article"), None) is not None:
        return True
    return bool(_ARTICLE_BODY(root))


def compile_selectors(selectors: Iterable[str]) -> list[CSSSelector]:
    selectors = list(selectors)
    if not selectors:
        return []
    # cssselect is imported only for --keep and --drop: a tenth of the pipeline's imports.
    from lxml.cssselect import CSSSelector, SelectorError

    compiled = []
    for selector in selectors:
        try:
            compiled.append(CSSSelector(selector, translator="html"))
        except (SelectorError, SyntaxError, ValueError) as exc:
            raise UsageError(f"invalid CSS selector {selector!r}: {exc}") from None
    return compiled


def select(selectors: Iterable[str], root: HtmlElement) -> list[HtmlElement]:
    """Elements matching any of the CSS selectors, in document order, each once."""
    found: dict[HtmlElement, None] = {}
    for selector in compile_selectors(selectors):
        matches = selector(root)
        for element in matches if isinstance(matches, list) else []:
            if isinstance(element, HtmlElement):
                found[element] = None
    return list(found)


# Excerpts need only their start: laying out a removed page wrapper's whole text (CJK-aware,
# see whitespace.collapse) just to keep 80 characters of it cost a tenth of a page's time.
_EXCERPT_RAW_CHARS = 8 * EXCERPT_CHARS


def excerpt(element: HtmlElement) -> str:
    # The walk that matched the element measured its text while the tree was frozen.
    raw = raw_text(element)
    text = collapse(raw[:_EXCERPT_RAW_CHARS])
    if not text:
        src = element.get("src") or element.get("href") or ""
        text = f"<{element.tag}{' ' + src if src else ''}>"
    if len(text) <= EXCERPT_CHARS and len(raw) <= _EXCERPT_RAW_CHARS:
        return text
    return text[: EXCERPT_CHARS - 1] + "…"


def paragraph_prose(element: HtmlElement) -> int:
    """Paragraph text outside links under `element`, in Latin-letter equivalents."""
    return sum(paragraph_weight(paragraph) for paragraph in element.iter("p"))


def text_prose(element: HtmlElement) -> int:
    """All text outside links, in Latin-letter equivalents: the guard's measure when a page
    keeps its text in divs and cells rather than paragraphs (see pipeline.clean)."""
    total = text_weight(text_of(element))
    return total - sum(text_weight(text_of(a)) for a in element.iter("a"))


# Where a page writes its text as a flow of lines, paragraphs parted by blank lines.
_FLOW_HOLDERS = ("div", "td", "section", "article", "main", "body", "blockquote", "center")


def text_flows(scope: HtmlElement) -> list[HtmlElement]:
    """The outermost blocks holding text written as paragraphs parted by blank lines (two
    `<br>` in a row): how older templates, most Chinese CMS among them, and forum software
    write an article. paragraph_prose counts none of that text (see flow_prose)."""
    flows: list[HtmlElement] = []
    found: set[HtmlElement] = set()
    for holder in scope.iter(*_FLOW_HOLDERS):
        if len(holder) and blank_lines(list(holder)) and found.isdisjoint(holder.iterancestors()):
            flows.append(holder)
            found.add(holder)
    return flows


def flow_prose(flow: HtmlElement) -> int:
    """A text flow's prose that paragraph_prose does not count already."""
    return max(0, text_prose(flow) - paragraph_prose(flow))


class _Guard:
    """Decides whether a guarded rule's match is the content after all (see Rule.guard)."""

    def __init__(
        self, body: HtmlElement, prose: Callable[[HtmlElement], int] = paragraph_prose
    ) -> None:
        self.body = body
        self.prose = prose
        # Measured on first need (see body_prose): most pages' matches hold too little prose
        # to be the content whatever the page holds, and then the page's paragraphs outside
        # the content are never read.
        self._body_prose: int | None = None
        # Most pages have no <main>, <article> or articleBody at all: then no element
        # holds one, and the per-match XPath (a search of the whole subtree) can be skipped.
        # The guard lives while the tree holds still (one matching walk).
        document = body.getroottree().getroot()
        self._semantic_marks = _has_semantic_content(document)
        self._matched_prose: dict[tuple[int, HtmlElement], int] = {}
        self._matches: dict[tuple[int, HtmlElement], list[HtmlElement]] = {}
        self._flows: dict[HtmlElement, list[HtmlElement]] = {}
        self._flow_prose: dict[tuple[int, HtmlElement], int] = {}

    @property
    def body_prose(self) -> int:
        if self._body_prose is None:
            self._body_prose = self.prose(self.body)
        return self._body_prose

    def _prose_of_all_matches(self, rule: Rule, scope: HtmlElement) -> int:
        """Paragraph prose under every outermost match of `rule` in `scope`: one comment
        section is often many elements (one per comment), and each must see the others
        as comments."""
        key = (id(rule), scope)
        if key not in self._matched_prose:
            total = 0
            matches = self._matches[key] = []
            walker = etree.iterwalk(scope, events=("start",))
            # The trigger first: it turns most elements away without the rule's own test.
            trigger = rule.trigger
            admits = trigger.admits
            # A trigger of class and id words only admits no element without either (most
            # elements): told by two reads, without a call.
            by_words_only = not (trigger.every_element or trigger.tags or trigger.attrs)
            trigger_words = trigger.words
            for _event, element in walker:
                if by_words_only:
                    class_ = element.get("class")
                    ident = element.get("id")
                    if class_ is None and ident is None:
                        continue
                    # Without an id an element's words are its class list's, cached by
                    # the string: most elements are turned away by one lookup, without
                    # the trigger's call and its reads of the tag and attributes.
                    if ident is None and trigger_words.isdisjoint(class_words(class_)):
                        continue
                if element is not scope and admits(element) and rule.match(element):
                    total += self.prose(element)
                    matches.append(element)
                    walker.skip_subtree()
            self._matched_prose[key] = total
        return self._matched_prose[key]

    def _flow_prose_outside(self, rule: Rule, scope: HtmlElement) -> int:
        """The prose of the text flows in `scope` outside every match of `rule` (see
        _prose_of_all_matches, which has found them); once per rule and scope, as the
        matches are."""
        key = (id(rule), scope)
        known = self._flow_prose.get(key)
        if known is None:
            known = self._flow_prose[key] = self._measure_flows_outside(rule, scope)
        return known

    def _measure_flows_outside(self, rule: Rule, scope: HtmlElement) -> int:
        matches = self._matches[(id(rule), scope)]
        flows = self._flows.get(scope)
        if flows is None:
            flows = self._flows[scope] = text_flows(scope)
        if not flows:
            return 0
        flow_set = set(flows)
        # A flow around a match (a forum post's quoted reply) counts without it; a flow
        # inside one (or matched itself) does not count.
        inner: dict[HtmlElement, int] = {}
        inside_matches: set[HtmlElement] = set()
        for match in matches:
            if match in flow_set:
                inside_matches.add(match)
                continue
            holder = next((a for a in match.iterancestors() if a in flow_set), None)
            if holder is not None:
                inner[holder] = inner.get(holder, 0) + text_prose(match)
        match_set = set(matches)
        outside = 0
        for flow in flows:
            if flow in inside_matches or not match_set.isdisjoint(flow.iterancestors()):
                continue
            outside += max(0, flow_prose(flow) - inner.get(flow, 0))
        return outside

    def _scope(self, element: HtmlElement) -> HtmlElement:
        """The article or main region a comment section hangs under, else the body: the
        prose that makes comments "elsewhere" must be that article's, not the chrome's."""
        for ancestor in element.iterancestors():
            if ancestor is self.body:
                break
            if ancestor.tag in ("article", "main"):
                return ancestor
        return self.body

    def protects(self, element: HtmlElement, rule: Rule) -> bool:
        guard = rule.guard
        if guard == "none":
            return False
        if self._semantic_marks and (
            _SEMANTIC_CONTENT(element) if guard == "prose" else _MAIN_CONTENT(element)
        ):
            return True
        # "post-content share-btn": a class that names the content, on an element holding
        # an article's worth of prose, is the content.
        if (
            guard == "prose"
            and not CONTENT_WORDS.isdisjoint(words(element))
            and self.prose(element) >= GUARD_MIN_PROSE_CHARS
        ):
            return True
        # The element's prose first: below GUARD_MIN_PROSE_CHARS (most matches) it is not
        # the content, and the page's needs no measure.
        inside = self.prose(element)
        if guard == "elsewhere":
            if inside == 0 or self.body_prose == 0:
                return False  # a "4 comments" link or a reply form: nothing to keep
            scope = self._scope(element)
            scope_prose = self.body_prose if scope is self.body else self.prose(scope)
            outside = scope_prose - self._prose_of_all_matches(rule, scope)
            if outside >= ELSEWHERE_MIN_PROSE_CHARS or self.prose is not paragraph_prose:
                return outside < ELSEWHERE_MIN_PROSE_CHARS
            # An article written as lines between blank lines is prose too: "Related
            # articles:" under one goes, while comments under a thread of such posts stay.
            return outside + self._flow_prose_outside(rule, scope) < ELSEWHERE_MIN_PROSE_CHARS
        if inside < GUARD_MIN_PROSE_CHARS or self.body_prose == 0:
            return False
        return inside > self.body_prose * GUARD_PROSE_SHARE


def strip_boilerplate_in_place(
    root: HtmlElement,
    *,
    keep: Iterable[str] = (),
    drop: Iterable[str] = (),
    rules: tuple[Rule, ...] = RULES,
    prose: Callable[[HtmlElement], int] = paragraph_prose,
) -> list[Removal]:
    """Remove boilerplate from `root` (mutated) and say what went, in document order.

    `prose` is what the guard counts as the page's text (see _Guard)."""
    body = root.find("body")
    if body is None:
        body = root
    kept = set(select(keep, root))
    # Ancestors of a kept element cannot go either, or the kept element would go with them.
    keep_ancestors = {a for element in kept for a in element.iterancestors()}

    doomed: list[tuple[HtmlElement, str, str]] = []
    for element in select(drop, root):
        if element in kept or element in keep_ancestors or element is body:
            continue
        if any(a in kept for a in element.iterancestors()):
            continue
        doomed.append((element, "user-drop", "user"))
    dropped = {element for element, _, _ in doomed}

    # The guard's measure of the whole body reads every paragraph's text: frozen from here,
    # the walk reads those texts again from the cache.
    with FrozenTreeTexts():
        guard = _Guard(body, prose)
        doomed.extend(_match_rules(body, rules, guard, kept | dropped, keep_ancestors))
    return _remove(doomed)


def prune_content_in_place(
    roots: list[HtmlElement], *, keep: Iterable[str] = (), rules: tuple[Rule, ...] = CONTENT_RULES
) -> list[Removal]:
    """Apply the rules that only make sense inside the chosen content (see CONTENT_RULES)."""
    if not roots:
        return []
    document = roots[0].getroottree().getroot()
    kept = set(select(keep, document))
    keep_ancestors = {a for element in kept for a in element.iterancestors()}
    body = document.find("body")
    doomed: list[tuple[HtmlElement, str, str]] = []
    # Frozen from the guard's measure of the body to the last walk, as in strip: nothing
    # is removed until all the walks are done.
    with FrozenTreeTexts():
        guard = _Guard(body if body is not None else document)
        for root in roots:
            if root in kept or not kept.isdisjoint(root.iterancestors()):
                continue  # the user's --keep covers all of it
            doomed.extend(_match_rules(root, rules, guard, kept, keep_ancestors))
        total = sum(len(text_of(root)) for root in roots)
        if sum(len(text_of(e)) for e, _, _ in doomed) > total * CONTENT_RULES_MAX_SHARE:
            return []  # a page of teaser cards, each a linked summary: the links are the content
    return _remove(doomed)


def _match_rules(
    container: HtmlElement,
    rules: tuple[Rule, ...],
    guard: _Guard,
    untouchable: set[HtmlElement],
    keep_ancestors: set[HtmlElement],
) -> list[tuple[HtmlElement, str, str]]:
    """The first rule matching each element under `container`, outermost matches only."""
    doomed = []
    index = rule_index(rules)
    seen: dict[tuple[object, ...], _Plan] = {}
    walker = etree.iterwalk(container, events=("start",))
    with FrozenTreeTexts():
        # raw_text and text_of, inline: the walk reads them for most elements.
        texts, collapsed = frozen_texts()
        for _event, element in walker:
            name = element.tag  # read once: lxml makes a new str at each read
            if element is container or not isinstance(name, str):
                continue
            if untouchable and element in untouchable:
                walker.skip_subtree()
                continue
            if keep_ancestors and element in keep_ancestors:
                continue
            plan = index.plan(element, seen, name)
            # The element's tag and text, read once for all its text rules (LineTest): each
            # gets short_text_of(element, its limit), worked out here from the raw length
            # and the collapsed text (collapsed only when some limit needs it). Inline, as
            # a dozen such rules ask most elements.
            tag = ""
            raw_length = -1
            text: str | None = None
            two_links: bool | None = None
            candidates = plan.rules
            if plan.screened_limit:
                # The screened rules see the text only when it is shorter than their
                # limits, and then all see the same text: one test of it answers for all.
                tag = name.lower()
                raw = texts.get(element)
                if raw is None:
                    raw = texts[element] = text_content(element)
                raw_length = len(raw)
                limit = plan.screened_limit
                if raw_length <= SHORT_RAW_FACTOR * limit:
                    text = collapsed.get(element)
                    if text is None:
                        text = collapsed[element] = " ".join(raw.split())
                if text is None or len(text) >= limit or not plan.screen(text, raw_length):
                    candidates = plan.unscreened
            for rule in candidates:
                line = rule.line
                if line is None:
                    matched = rule.match(element)
                else:
                    if line.two_links:
                        if two_links is None:
                            two_links = not _fewer_than_two_links(element)
                        if not two_links:
                            continue
                    if raw_length < 0:
                        tag = _tag(element)
                        raw_length = len(raw_text(element))
                    limit = line.limit
                    short: str | None = None
                    if raw_length < limit or raw_length <= SHORT_RAW_FACTOR * limit:
                        if text is None:
                            text = text_of(element)
                        if len(text) < limit:
                            short = text
                    matched = line.accepts(element, tag, short)
                if matched and not guard.protects(element, rule):
                    doomed.append((element, rule.name, rule.category))
                    walker.skip_subtree()
                    break
    return doomed


class _Plan:
    """The rules a walk asks about elements of one kind (see RuleIndex.plan)."""

    __slots__ = ("rules", "screen", "screened_limit", "unscreened")

    def __init__(self, rules: list[Rule], screens: dict[tuple[LineTest, ...], _Screen]) -> None:
        self.rules = rules
        lines = tuple(r.line for r in rules if r.line is not None and r.line.pattern is not None)
        # The longest text any screened rule reads (0: none to screen)...
        self.screened_limit = max((line.limit for line in lines), default=0)
        # ...their patterns, shared by the plans that screen the same rules...
        screen = screens.get(lines)
        if screen is None:
            screen = screens[lines] = _Screen(lines)
        self.screen = screen
        # ...and what is left to ask when the screen finds none of their patterns.
        self.unscreened = [r for r in rules if r.line is None or r.line.pattern is None]


# Texts whose screen answer a _Screen keeps.
_SCREENED_TEXTS_KEPT = 16384


class _Screen:
    """Whether a text could be accepted by any of some LineTest rules: a rule accepts only
    a text its pattern matches (from the start, or anywhere when `searched`), and only one
    it is handed, shorter than its limit (see short_text_of). Each pattern is tried only
    where its rule would see the text: the longest rules' patterns, the costliest, are
    spared the many texts too long for them, and no element's text meets a pattern of a
    rule its tag rules out."""

    __slots__ = ("ascii_tests", "known", "limits", "patterns", "tested", "tests")

    def __init__(self, lines: tuple[LineTest, ...]) -> None:
        # Longest limit first: the rules that see a text are a prefix of this list.
        patterns = [
            (line.pattern, line.searched)
            for line in sorted(lines, key=lambda line: -line.limit)
            if line.pattern is not None
        ]
        self.patterns = patterns
        self.tests = [
            pattern.search if searched else pattern.match for pattern, searched in patterns
        ]
        # For ASCII text, once the screen has worked a while (see _TWINS_AFTER): each
        # pattern's case-sensitive twin, tried on the text lower-cased (True), where it
        # gives the same answers faster (see caseless), else the pattern.
        self.ascii_tests: list[tuple[Callable[[str], object], bool]] = [
            (test, False) for test in self.tests
        ]
        self.tested = 0
        self.limits = sorted(line.limit for line in lines)
        # Pages repeat their short texts (a link's text is its list item's too, "Reply"
        # under every post): the answers are kept, the table bounded.
        self.known: dict[tuple[str, int], bool] = {}

    def __call__(self, text: str, raw_length: int) -> bool:
        # A rule of limit L sees the text when len(text) < L and raw_length <= 8 L (see
        # _match_rules): when L reaches `least`.
        least = max(len(text) + 1, -(-raw_length // SHORT_RAW_FACTOR))
        seeing = len(self.limits) - bisect_left(self.limits, least)
        key = (text, seeing)
        found = self.known.get(key)
        if found is None:
            if len(self.known) >= _SCREENED_TEXTS_KEPT:
                self.known.clear()
            self.tested += 1
            if self.tested == _TWINS_AFTER:
                self._use_twins()
            if text.isascii():
                lowered = text.lower()
                found = any(
                    test(lowered if low else text) is not None
                    for test, low in itertools.islice(self.ascii_tests, seeing)
                )
            else:
                found = any(test(text) is not None for test in itertools.islice(self.tests, seeing))
            self.known[key] = found
        return found


    def _use_twins(self) -> None:
        twins: list[tuple[Callable[[str], object], bool]] = []
        for (pattern, searched), test in zip(self.patterns, self.tests, strict=True):
            twin = lowered_twin(pattern)
            if twin is None:
                twins.append((test, False))
            else:
                twins.append((twin.search if searched else twin.match, True))
        self.ascii_tests = twins


# Finding the twins parses each pattern (some 20 ms for a rule set): worth it only to a
# screen that will test many texts, a batch's, not a single page's few hundred.
_TWINS_AFTER = 2000

# Candidate lists kept by a RuleIndex across pages (see RuleIndex.candidates).
_FEATURES_KEPT = 4096
# Answers by tag, class and trigger attributes kept by a RuleIndex (see RuleIndex.plan).
_KINDS_KEPT = 16384


class RuleIndex:
    """The rules by trigger (see rules.Trigger): which rules could match an element."""

    def __init__(self, rules: tuple[Rule, ...]) -> None:
        self.rules = rules
        self.always = [i for i, r in enumerate(rules) if r.trigger.every_element]
        self.by_tag: dict[str, list[int]] = {}
        self.by_word: dict[str, list[int]] = {}
        self.by_attr: dict[str, list[int]] = {}
        for i, rule in enumerate(rules):
            for key, table in (
                (rule.trigger.tags, self.by_tag),
                (rule.trigger.words, self.by_word),
                (rule.trigger.attrs, self.by_attr),
            ):
                for value in key:
                    table.setdefault(value, []).append(i)
        self.attrs = frozenset(self.by_attr)
        self.words = frozenset(self.by_word)
        self._screens: dict[tuple[LineTest, ...], _Screen] = {}
        self._by_features: dict[tuple[str, frozenset[str], frozenset[str]], _Plan] = {}
        self._by_kind: dict[tuple[object, ...], _Plan] = {}
        self._id_names_trigger: dict[str, bool] = {}

    def candidates(self, element: HtmlElement) -> list[Rule]:
        return self.plan(element).rules

    def plan(
        self,
        element: HtmlElement,
        seen: dict[tuple[object, ...], _Plan] | None = None,
        tag: str | None = None,
    ) -> _Plan:
        """The answer follows from the tag, the class, which trigger attributes are set and
        the id's words when a trigger names one of them. Most ids name none ("post-41234",
        "main-3"): then the answer is the same for every element of that tag, class and
        attributes, on any page, and is kept across walks and pages (a page's next walk,
        the next page, the same page cleaned again), the table bounded. Otherwise `seen`
        remembers it over one walk (the id's words depend on the element's heading, see
        rules.words; one walk's worth, so no page's ids pile up). `tag` is the element's,
        when the caller has read it."""
        if tag is None:
            tag = element.tag
        present = self.attrs.intersection(element.keys())
        class_ = element.get("class")
        ident = element.get("id")
        names_trigger = False
        if ident is not None:
            known = self._id_names_trigger.get(ident)
            if known is None:
                if len(self._id_names_trigger) >= _FEATURES_KEPT:
                    self._id_names_trigger.clear()
                known = self._id_names_trigger[ident] = not self.words.isdisjoint(
                    id_words(ident)
                )
            names_trigger = known
        table = seen if names_trigger else self._by_kind
        key = (tag, class_, ident, present) if names_trigger else (tag, class_, present)
        found = table.get(key) if table is not None else None
        if found is None:
            # Only the words some trigger names tell the rules apart: keyed on those, pages
            # with unique ids ("post-41234") share their answers. An id that names no
            # trigger word adds none, whatever its heading says.
            found_words = words(element) if names_trigger else class_words(class_ or "")
            features = (str(tag).lower(), self.words.intersection(found_words), present)
            # Pages share their class words ("entry-content", "nav"): the answer for the
            # same features is kept from page to page, the table bounded.
            found = self._by_features.get(features)
            if found is None:
                if len(self._by_features) >= _FEATURES_KEPT:
                    self._by_features.clear()
                found = self._by_features[features] = _Plan(
                    self._candidates(*features), self._screens
                )
            if table is self._by_kind and len(self._by_kind) >= _KINDS_KEPT:
                self._by_kind.clear()
            if table is not None:
                table[key] = found
        return found

    def _candidates(
        self, tag: str, element_words: frozenset[str], present: frozenset[str]
    ) -> list[Rule]:
        found = set(self.always)
        found.update(self.by_tag.get(tag, ()))
        if not self.words.isdisjoint(element_words):
            for word in self.words.intersection(element_words):
                found.update(self.by_word[word])
        for attr in present:
            found.update(self.by_attr[attr])
        # Rule order decides which rule names a removal, as in the table.
        return [self.rules[i] for i in sorted(found)]


def rule_index(rules: tuple[Rule, ...]) -> RuleIndex:
    # The rule sets are module constants: found by identity first, since hashing a set of
    # sixty frozen dataclasses for the cache's key cost 10 µs at each walk.
    known = _INDEX_BY_IDENTITY.get(id(rules))
    if known is not None and known[0] is rules:
        return known[1]
    index = _rule_index(rules)
    if len(_INDEX_BY_IDENTITY) >= _INDEXES_KEPT:
        _INDEX_BY_IDENTITY.clear()
    # The tuple is kept with its index, so its id names no other tuple while it is here.
    _INDEX_BY_IDENTITY[id(rules)] = (rules, index)
    return index


_INDEXES_KEPT = 16
_INDEX_BY_IDENTITY: dict[int, tuple[tuple[Rule, ...], RuleIndex]] = {}


@lru_cache(maxsize=_INDEXES_KEPT)
def _rule_index(rules: tuple[Rule, ...]) -> RuleIndex:
    return RuleIndex(rules)


def _remove(doomed: list[tuple[HtmlElement, str, str]]) -> list[Removal]:
    forget_tree_texts(element for element, _, _ in doomed)
    removed = []
    for element, name, category in doomed:
        removed.append(Removal(rule=name, category=category, excerpt=excerpt(element)))
        if element.getparent() is not None:
            element.drop_tree()  # keeps the tail text, which belongs to the parent
    return removed


# Blocks a reader reads as one unit of text; a second copy of one says nothing new. A div
# counts when it holds none of these: carousels print each slide's text in bare divs, and
# clone the slides for endless scrolling.
_REPEATABLE_TAGS = ("p", "li", "figcaption", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "div")
# Shorter repeats are labels and refrains ("Reply", "Read more", a chorus line).
REPEAT_MIN_WEIGHT = 40


def drop_repeated_blocks_in_place(roots: list[HtmlElement]) -> list[Removal]:
    """Later copies of blocks already in the content: a run of them that is a whole part
    of the page (the article again for another screen size), a block printed twice in a
    row (a caption truncated, then full), a quoted post. A repeat beside new text is the
    page saying it again on purpose: the same question to each interviewee, a meal plan's
    daily snack."""
    blocks: list[tuple[HtmlElement, str]] = []
    # What came just before each block, short ones included: "twice in a row" means
    # nothing in between.
    previous: dict[HtmlElement, tuple[HtmlElement, str]] = {}
    last: tuple[HtmlElement, str] | None = None
    for root in roots:
        repeatable = list(root.iter(*_REPEATABLE_TAGS))
        # The innermost blocks: a quoted post's paragraphs, a list item's <p>. Whatever
        # holds one is marked in one pass up from each (lxml builds its tag filter anew
        # for each call, so asking each block for a descendant cost a third of this stage).
        holders = ancestors_of(repeatable)
        for element in repeatable:
            if element in holders:
                continue
            text = collapse(text_content(element))
            if not text:
                continue
            if last is not None:
                previous[element] = last
            last = (element, text)
            if text_weight(text) >= REPEAT_MIN_WEIGHT:
                blocks.append((element, text))
    seen: set[str] = set()
    repeated: list[bool] = []
    for _element, text in blocks:
        repeated.append(text in seen)
        seen.add(text)
    doomed: list[tuple[HtmlElement, str, str]] = []
    run_start = 0
    for i in range(len(blocks) + 1):
        if i < len(blocks) and repeated[i]:
            continue
        run = blocks[run_start:i]
        copied: set[int] = set()
        if len(run) >= 2 and _holds_only(blocks, run_start, i):
            copied.update(range(run_start, i))
        elif len(run) >= 2:
            # Several copies back to back (a hero printed once per screen size) share a
            # holder with the original: each copy is a whole part of the page on its own.
            # Never code: the same line in each language's tab is that tab's.
            for start, end in _copies_in_run(blocks, run_start, i):
                if (
                    end - start >= 2
                    and _holds_only(blocks, start, end)
                    and _follows_its_original(blocks, start, end)
                ):
                    copied.update(n for n in range(start, end) if not _in_code(blocks[n][0]))
        doomed.extend((blocks[n][0], "repeated-block", "duplicate") for n in sorted(copied))
        for n, (element, text) in enumerate(run, run_start):
            # One block twice in a row (a caption truncated, then full), or a quote of a
            # post already on the page.
            if n in copied:
                continue
            before, before_text = previous.get(element, (element, ""))
            if before_text == text:
                # Said twice in a row, once as a heading: the heading is the one that
                # gives the text its place (a section's label printed again as its title).
                if element.tag in HEADING_TAGS and before.tag not in HEADING_TAGS:
                    doomed.append((before, "repeated-block", "duplicate"))
                else:
                    doomed.append((element, "repeated-block", "duplicate"))
            elif any(a.tag == "blockquote" for a in element.iterancestors()):
                doomed.append((element, "repeated-block", "duplicate"))
        run_start = i + 1
    return _remove(doomed)


def _holds_only(blocks: list[tuple[HtmlElement, str]], start: int, end: int) -> bool:
    """Whether what holds blocks[start:end] holds no other block: then the run is a copy
    of a whole part of the page (the article again, a section again). Repeats beside new
    text in the same container are the page's own (each coupon's fine print)."""
    holder = _common_ancestor([element for element, _ in blocks[start:end]])
    if holder is None:
        return False
    before = blocks[start - 1][0] if start > 0 else None
    after = blocks[end][0] if end < len(blocks) else None
    return not any(
        b is not None and (b is holder or holder in b.iterancestors()) for b in (before, after)
    )


def _copies_in_run(
    blocks: list[tuple[HtmlElement, str]], start: int, end: int
) -> list[tuple[int, int]]:
    """blocks[start:end] cut where the child of their common holder changes, keeping the
    pieces that are all their wrapper holds: each is a copy of a whole part of the page (a
    hero once per screen size). A wrapper that also holds new blocks (a tab with its own
    language's code) is the page's own."""
    holder = _common_ancestor([element for element, _ in blocks[start:end]])
    if holder is None:
        return []

    def wrapper(element: HtmlElement) -> HtmlElement | None:
        for node in (element, *element.iterancestors()):
            if node.getparent() is holder:
                return node
        return None

    def inside(n: int, node: HtmlElement | None) -> bool:
        if node is None or not 0 <= n < len(blocks):
            return False
        element = blocks[n][0]
        return element is node or node in element.iterancestors()

    pieces: list[tuple[int, int]] = []
    piece_start, current = start, wrapper(blocks[start][0])
    for n in range(start + 1, end + 1):
        found = wrapper(blocks[n][0]) if n < end else None
        if n < end and found is current:
            continue
        whole = not inside(piece_start - 1, current) and not inside(n, current)
        if current is not None and whole:
            pieces.append((piece_start, n))
        piece_start, current = n, found
    return pieces


def _follows_its_original(blocks: list[tuple[HtmlElement, str]], start: int, end: int) -> bool:
    """Whether the blocks just before blocks[start:end] say the same, in the same order:
    a copy printed right after what it copies. The same description far apart (two
    parameters of an API that behave alike) is the page's own."""
    size = end - start
    if start < size:
        return False
    return [t for _, t in blocks[start - size : start]] == [t for _, t in blocks[start:end]]


def _in_code(element: HtmlElement) -> bool:
    return any(a.tag in ("pre", "code") for a in element.iterancestors())


def _common_ancestor(elements: list[HtmlElement]) -> HtmlElement | None:
    """The innermost element holding all of `elements` (one of them, when it holds the rest)."""
    first = elements[0]
    chain = [first, *first.iterancestors()]
    depth = {id(e): n for n, e in enumerate(chain)}
    deepest = 0
    for element in elements[1:]:
        for candidate in (element, *element.iterancestors()):
            n = depth.get(id(candidate))
            if n is not None:
                deepest = max(deepest, n)
                break
        else:
            return None
    return chain[deepest]


# A picture of the content is shown once, or twice (a thumbnail and its enlargement); an
# address used this many times in the content is an icon: rating stars, check marks,
# bullets, a badge on every card.
ICON_IMAGE_MIN_USES = 3


def drop_icon_images_in_place(roots: list[HtmlElement]) -> list[Removal]:
    """Pictures whose address the content uses ICON_IMAGE_MIN_USES times or more: a
    review's "rating ★★★★★ 4.85 / 5" came out as five star pictures inside its link. In a
    table cell a picture can be the cell's value (an award badge, see render's cells), and
    the marks stage has written the yes/no ones as text: those stay."""
    uses: dict[str, list[HtmlElement]] = {}
    for root in roots:
        for image in root.iter("img"):
            source = image_source(image)
            if source is not None and not _in_a_cell(image, root):
                uses.setdefault(source, []).append(image)
    doomed = [
        (image, "icon-image", "duplicate")
        for images in uses.values()
        if len(images) >= ICON_IMAGE_MIN_USES
        for image in images
    ]
    return _remove(doomed)


def _in_a_cell(element: HtmlElement, root: HtmlElement) -> bool:
    """Inside a cell of a row of several cells within the content, where a picture can be
    a value. A lone cell in its row (an old page laid out in a table holds all of its
    content in one) says nothing about a picture in it."""
    for ancestor in element.iterancestors():
        if ancestor is root:
            return False
        if ancestor.tag in ("td", "th"):
            row = ancestor.getparent()
            if row is not None and sum(1 for c in row if c.tag in ("td", "th")) >= 2:
                return True
    return False
