"""Metric functions for the benchmark: AEB shingle scores, WCXB word F1, snippets, Markdown."""

from __future__ import annotations

import html
import re
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

# A str pattern is Unicode-aware by default, as the AEB reference's re.UNICODE asks for.
# IGNORECASE in the reference does not change what \w matches, so AEB tokens keep their case.
_TOKEN_RE = re.compile(r"\w+")

TpFpFn = tuple[float, float, float]


def tokenize(text: str) -> list[str]:
    """The `\\w+` tokens of `text`, case kept (AEB compares them case-sensitively)."""
    return _TOKEN_RE.findall(text or "")


# --- AEB (Article Extraction Benchmark) -----------------------------------------------------


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """Multiset of `n`-token shingles; a text shorter than `n` tokens is one shorter shingle.

    An empty text has no shingles at all, exactly like the reference's `_ngrams`.
    """
    tokens = tokenize(text)
    if not tokens:
        return Counter()
    if len(tokens) < n:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def shingle_match(gold: str, pred: str, n: int = 4) -> TpFpFn:
    """Per-page (tp, fp, fn) over shingle multisets, normalised to sum to 1 (or all 0)."""
    gold_sh = shingles(gold, n)
    pred_sh = shingles(pred, n)
    tp = sum((gold_sh & pred_sh).values())
    fp = sum((pred_sh - gold_sh).values())
    fn = sum((gold_sh - pred_sh).values())
    total = tp + fp + fn
    if total == 0:
        return (0.0, 0.0, 0.0)
    # Normalised so that a long article does not outweigh a short one in the averages.
    return (tp / total, fp / total, fn / total)


def aeb_precision(tp: float, fp: float, fn: float) -> float:
    """The reference's per-page precision, with its two edge cases checked in its order."""
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def aeb_recall(tp: float, fp: float, fn: float) -> float:
    """The reference's per-page recall, with its two edge cases checked in its order."""
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def aeb_page_f1(match: TpFpFn) -> float:
    """One page's F1, only for ranking pages in the per-page report (not part of the metric)."""
    p = aeb_precision(*match)
    r = aeb_recall(*match)
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


@dataclass(frozen=True)
class AebScore:
    """Dataset-level AEB figures."""

    precision: float
    recall: float
    f1: float


def aeb_score(matches: Iterable[TpFpFn]) -> AebScore:
    """Average precision over pages that predicted something (tp+fp > 0), recall over pages
    whose gold has something (tp+fn > 0), then F1 of the two averages.

    So an empty prediction drops out of precision but scores 0 in recall, and a page where
    both sides are empty drops out of both, as in the reference `evaluate.py`.
    """
    triples = list(matches)
    precisions = [aeb_precision(*m) for m in triples if m[0] + m[1] > 0]
    recalls = [aeb_recall(*m) for m in triples if m[0] + m[2] > 0]
    # The reference raises on an empty mean; 0 is the honest figure for "nothing extracted".
    p = statistics.fmean(precisions) if precisions else 0.0
    r = statistics.fmean(recalls) if recalls else 0.0
    f1 = 2 * p * r / (p + r) if p + r > 0 else 0.0
    return AebScore(precision=p, recall=r, f1=f1)


# --- WCXB (Web Content Extraction Benchmark) -------------------------------------------------


def word_f1(gold: str, pred: str) -> float:
    """F1 over the multisets of lower-cased `\\w+` tokens of one page.

    Both empty scores 1 (nothing to find, nothing wrongly found); exactly one empty scores 0.
    This convention reproduces the shared README's WCXB figures.
    """
    gold_c = Counter(t.lower() for t in tokenize(gold))
    pred_c = Counter(t.lower() for t in tokenize(pred))
    if not gold_c and not pred_c:
        return 1.0
    tp = sum((gold_c & pred_c).values())
    if tp == 0:
        return 0.0
    precision = tp / sum(pred_c.values())
    recall = tp / sum(gold_c.values())
    return 2 * precision * recall / (precision + recall)


def collapse_ws(text: str) -> str:
    """Case-folded text with every whitespace run made one space, for snippet matching.

    Case-insensitive because extractors differ in honouring CSS text-transform and small caps,
    which is no content difference; it also reproduces the shared README's with/without shares.
    """
    return " ".join(text.split()).casefold()


# Typographic quotes, dashes and no-break spaces as their plain forms. WCXB's `with`
# snippets are often typed with ASCII quotes where the page (and its gold text) has curly
# ones: an extractor that keeps the page's characters misses them.
_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u00a0": " ",
    }
)


def fold_typography(text: str) -> str:
    return text.translate(_TYPOGRAPHY)


def snippets_found(text: str, snippets: Sequence[str], fold: bool = False) -> tuple[int, int]:
    """(found, total) of the non-blank `snippets` that occur in `text`; with `fold`, both
    sides compared with typographic quotes and dashes made plain (a secondary figure)."""
    if fold:
        text = fold_typography(text)
        snippets = [fold_typography(x) for x in snippets]
    haystack = collapse_ws(text)
    needles = [s for s in (collapse_ws(x) for x in snippets) if s]
    return sum(1 for s in needles if s in haystack), len(needles)


# --- Markdown -------------------------------------------------------------------------------


@cache
def _md_parser() -> MarkdownIt:
    # Imported lazily so the CI gate (text output only) never pays for the parser.
    from markdown_it import MarkdownIt

    # html=True so raw HTML in Markdown is recognised as markup rather than scored as words.
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


_TAG_RE = re.compile(r"<[^>]*>")


_BR_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)


def _inline_text(children: Sequence[Any] | None) -> str:
    """Visible text of an inline token stream: link text kept, targets and images dropped."""
    parts: list[str] = []
    for tok in children or ():
        if tok.type in ("text", "text_special", "code_inline"):
            parts.append(tok.content)
        elif tok.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif tok.type == "html_inline" and _BR_TAG.match(tok.content):
            # GFM's only way to break a line inside a table cell: words on either side of
            # it are apart.
            parts.append("\n")
        # image: its alt text is not page text, and its URL never is. link_open/close carry
        # only the target. Other html_inline is a bare tag. Emphasis tokens carry no text.
    return "".join(parts)


def strip_markdown(markdown: str) -> str:
    """Plain text of a Markdown document, for scoring it like a text extractor's output.

    Keeps link text, heading text, list item text, table cell text and code verbatim.
    Drops images (alt text too), link and image targets, reference definitions, heading
    markers, list markers, emphasis markers, table pipes and separator rows, code fences,
    and raw HTML tags (the text between them stays). Backslash escapes and entities resolve
    to the characters they stand for. Blocks end with a newline, table cells with a tab.
    """
    out: list[str] = []
    for tok in _md_parser().parse(markdown):
        if tok.type == "inline":
            out.append(_inline_text(tok.children))
        elif tok.type in ("fence", "code_block"):
            out.append(tok.content.rstrip("\n") + "\n")
        elif tok.type == "html_block":
            out.append(html.unescape(_TAG_RE.sub(" ", tok.content)).strip() + "\n")
        elif tok.type in ("th_close", "td_close"):
            out.append("\t")
        elif tok.type in ("paragraph_close", "heading_close", "tr_close"):
            out.append("\n")
    text = "".join(out)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


# Backslash escapes of the characters literal_syntax looks for: an escaped `\*` is text the
# writer meant to print, not a marker that failed. Read as `%`, punctuation like the
# character it stands for, as the flanking rules read it: as a letter, `\**(note)*` (a
# star, then emphasis) was counted as a marker that opens nothing.
_ESCAPED_SYNTAX = re.compile(r"\\[*\[\]_~!]")
# What prints only when Markdown failed to read it as markup: a run of `*` or `~~` touching a
# word on one side (bold that did not open or close; "5 * 3" is arithmetic), or a link's `](`.
_LITERAL_SYNTAX = re.compile(r"(?<=\S)\*+|\*+(?=\S)|~~|\]\(")


def literal_syntax(markdown: str) -> int:
    """How many runs of Markdown syntax a CommonMark reader prints as literal characters:
    emphasis markers that open or close nothing (`**Why?**Because`) and link brackets that
    hold no link (`[a [b](u)](u)`). Escaped characters are the writer's text and do not count,
    nor does code."""
    count = 0
    for tok in _md_parser().parse(_ESCAPED_SYNTAX.sub("%", markdown)):
        if tok.type != "inline":
            continue
        for child in tok.children or ():
            if child.type == "text":
                count += len(_LITERAL_SYNTAX.findall(child.content))
    return count


# --- Markdown structure ---------------------------------------------------------------------


def norm_words(text: str) -> str:
    """Lower-cased tokens joined by spaces: equal for texts that differ only in markup."""
    return " ".join(t.lower() for t in tokenize(text))


@dataclass
class Structure:
    """The structural elements of one Markdown document, as markdown-it-py parses them."""

    headings: list[tuple[int, str]] = field(default_factory=list)  # (level, normalised text)
    list_items: list[str] = field(default_factory=list)  # item's own text, nested lists apart
    tables: list[list[str]] = field(default_factory=list)  # normalised non-empty cell texts
    code_blocks: list[str] = field(default_factory=list)  # raw content of fences/indented code
    literal_syntax: int = 0  # see literal_syntax


def parse_structure(markdown: str) -> Structure:
    """Headings, list items, tables and code blocks of `markdown`, and its literal syntax."""
    st = Structure(literal_syntax=literal_syntax(markdown))
    item_stack: list[list[str]] = []
    table: list[str] | None = None
    heading_level: int | None = None
    in_cell = False
    for tok in _md_parser().parse(markdown):
        kind = tok.type
        if kind == "heading_open":
            heading_level = int(tok.tag[1:])
        elif kind == "heading_close":
            heading_level = None
        elif kind == "list_item_open":
            item_stack.append([])
        elif kind == "list_item_close":
            text = norm_words(" ".join(item_stack.pop()))
            if text:
                st.list_items.append(text)
        elif kind == "table_open":
            table = []
        elif kind == "table_close":
            if table:
                st.tables.append(table)
            table = None
        elif kind in ("th_open", "td_open"):
            in_cell = True
        elif kind in ("th_close", "td_close"):
            in_cell = False
        elif kind in ("fence", "code_block"):
            st.code_blocks.append(tok.content)
        elif kind == "inline":
            text = _inline_text(tok.children)
            if heading_level is not None:
                if norm_words(text):
                    st.headings.append((heading_level, norm_words(text)))
                if item_stack:
                    # `- ## [Fluke 117](…)`, a page's `<li><h2>`: the heading is the item's
                    # text too, as much as a paragraph in it would be.
                    item_stack[-1].append(text)
            elif in_cell and table is not None:
                if norm_words(text):
                    table.append(norm_words(text))
            elif item_stack:
                # Only the innermost open item owns this text; nested items report their own.
                item_stack[-1].append(text)
    return st


def collapse_code(text: str) -> str:
    """Code with whitespace runs made one space: indentation and wrapping differ between
    Markdown writers (and the gold's own conversion) without the code differing."""
    return " ".join(text.split())


@dataclass
class StructureCounts:
    """Summable structure-recall counts for one page or many."""

    pages_tables: int = 0
    tables: int = 0
    table_cell_recall: float = 0.0  # sum over gold tables of the share of their cells found
    tables_complete: int = 0  # gold tables with at least 90 % of their cells found
    pages_code: int = 0
    code_blocks: int = 0
    code_found: int = 0  # whitespace-collapsed text found verbatim
    code_words_found: int = 0  # its words found in order: forgives mangled symbols and the
    # gold's own conversion noise (it drops "# " from shell comments, for one)
    pages_lists: int = 0
    list_items: int = 0
    list_items_found: int = 0
    pages_headings: int = 0
    headings: int = 0
    headings_found: int = 0
    headings_level: int = 0
    # The same recalls over the gold elements the page itself holds as such (see PageMarkup):
    # the gold's own conversion also writes code the page does not have and headings and list
    # items the page marks up otherwise, which no extractor can reproduce.
    code_in_page: int = 0
    code_in_page_found: int = 0
    list_items_in_page: int = 0
    list_items_in_page_found: int = 0
    headings_in_page: int = 0
    headings_in_page_found: int = 0
    # Markdown a reader sees as written: pages scored, pages with any literal syntax, runs.
    pages_markdown: int = 0
    pages_literal_syntax: int = 0
    literal_syntax: int = 0

    def add(self, other: StructureCounts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


TABLE_COMPLETE = 0.9


def _heading_matches(gold: list[tuple[int, str]], out: list[tuple[int, str]]) -> tuple[int, int]:
    """(found, found at the right relative level) for gold headings among output headings.

    Each gold heading takes the first unused output heading with the same words. "Right
    relative level" allows one constant shift per page (the most common gold-minus-output
    offset), so a writer that starts at h1 where the gold starts at h2 is not penalised.
    """
    unused: dict[str, list[int]] = {}
    for level, text in out:
        unused.setdefault(text, []).append(level)
    offsets: list[int] = []
    for level, text in gold:
        levels = unused.get(text)
        if levels:
            offsets.append(level - levels.pop(0))
    if not offsets:
        return 0, 0
    # Ties go to the smaller shift, then to the shallower output, so the result is stable.
    counts = Counter(offsets)
    best = min(counts, key=lambda o: (-counts[o], abs(o), o))
    return len(offsets), counts[best]


@dataclass
class PageMarkup:
    """What the page's own HTML holds: its text, and the words of its headings and list items.

    It tells gold elements an extractor could reproduce from those the gold's conversion made
    up: code whose text the page does not have (the gold added backticks inside a block, lost
    a comment's `#`, curled quotes), "headings" that are `# comment` lines of code whose fence
    the gold lost, "list items" that were `<br>`-separated lines or numbered headings.
    """

    text: str  # whitespace-collapsed, `<br>` read as a line break
    headings: frozenset[str]  # norm_words of every h1-h6
    list_items: frozenset[str]  # norm_words of every <li>'s own text, nested lists apart
    # What a reader can see (no head, scripts or styles), collapse_ws'd twice: text pieces
    # joined as they come ("<b>W</b>ord" is "Word"), and with a space where a block starts
    # or ends ("<td>a</td><td>b</td>" is "a b"); a snippet is in the page when either holds it.
    visible: tuple[str, str] = ("", "")


# Elements whose text no reader sees.
_UNSEEN = ("head", "script", "style", "noscript", "template")


def in_page(snippets: Sequence[str], page: PageMarkup) -> list[str]:
    """The snippets the page's visible text holds verbatim (whitespace and case aside): the
    gold's other snippets were edited (a footnote mark dropped, a clause cut, mojibake kept)
    or come from what the page's scripts would load, and no extractor can output them."""
    tight, spaced = page.visible
    found = []
    for snippet in snippets:
        needle = collapse_ws(snippet)
        if needle and (needle in tight or needle in spaced):
            found.append(snippet)
    return found


def _text(el: Any) -> str:
    # XPath string(): all descendant text, comments left out, as lxml's text_content() reads.
    return str(el.xpath("string()"))


def page_markup(html_bytes: bytes) -> PageMarkup:
    """Parse `html_bytes` (lxml finds the charset as a browser would) into a PageMarkup."""
    import lxml.html  # the bench extra's lxml; only the structure report needs it

    try:
        root = lxml.html.document_fromstring(html_bytes)
    except Exception:  # an unparsable page holds nothing; scoring goes on without it
        return PageMarkup("", frozenset(), frozenset())
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    headings = frozenset(
        norm_words(_text(h)) for h in root.iter("h1", "h2", "h3", "h4", "h5", "h6")
    )
    items: set[str] = set()
    for li in root.iter("li"):
        own = [li.text or ""]
        for child in li.iterchildren():
            if child.tag not in ("ul", "ol"):
                own.append(_text(child) if isinstance(child.tag, str) else "")
            own.append(child.tail or "")
        items.add(norm_words(" ".join(own)))
    text = collapse_code(_text(root))
    for unseen in list(root.iter(*_UNSEEN)):
        # Emptied rather than removed: its tail is text a reader sees.
        unseen.text = None
        for child in list(unseen):
            unseen.remove(child)
    pieces = [str(piece) for piece in root.itertext()]
    visible = (collapse_ws("".join(pieces)), collapse_ws(_blocks_spaced(root)))
    return PageMarkup(text, headings, frozenset(items), visible)


# Elements a reader sees set apart from their neighbours: their text never runs into the
# next element's ("<td>a</td><td>b</td>" reads "a b"), as inline elements' does.
_BLOCKS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt"),
        *("figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6"),
        *("header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table"),
        *("tbody", "td", "tfoot", "th", "thead", "tr", "ul"),
    }
)


def _blocks_spaced(root: Any) -> str:
    import lxml.etree

    out: list[str] = []
    for event, element in lxml.etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _BLOCKS:
            out.append(" ")
        if event == "start":
            out.append(element.text or "" if tag else "")
        else:
            out.append(element.tail or "")
    return "".join(out)


def structure_recall(
    gold: Structure, out: Structure, page: PageMarkup | None = None
) -> StructureCounts:
    """How much of the gold's structure the output reproduces, as the same kind of element;
    with `page`, also over the gold elements the page holds as such."""
    c = StructureCounts(
        pages_markdown=1,
        pages_literal_syntax=int(out.literal_syntax > 0),
        literal_syntax=out.literal_syntax,
    )
    if gold.tables:
        c.pages_tables = 1
        out_cells: Counter[str] = Counter(cell for t in out.tables for cell in t)
        for table in gold.tables:
            found = sum((Counter(table) & out_cells).values())
            share = found / len(table)
            c.tables += 1
            c.table_cell_recall += share
            c.tables_complete += int(share >= TABLE_COMPLETE)
    if gold.code_blocks:
        c.pages_code = 1
        out_code = "\n".join(collapse_code(b) for b in out.code_blocks)
        out_words = f" {' '.join(norm_words(b) for b in out.code_blocks)} "
        for block in gold.code_blocks:
            needle = collapse_code(block)
            if not needle:
                continue
            c.code_blocks += 1
            c.code_found += int(needle in out_code)
            c.code_words_found += int(f" {norm_words(block)} " in out_words)
            if page is not None and needle in page.text:
                c.code_in_page += 1
                c.code_in_page_found += int(needle in out_code)
    out_items = Counter(out.list_items)
    if gold.list_items:
        c.pages_lists = 1
        c.list_items = len(gold.list_items)
        c.list_items_found = sum((Counter(gold.list_items) & out_items).values())
        if page is not None:
            held = Counter(i for i in gold.list_items if i in page.list_items)
            c.list_items_in_page = sum(held.values())
            c.list_items_in_page_found = sum((held & out_items).values())
    if gold.headings:
        c.pages_headings = 1
        c.headings = len(gold.headings)
        c.headings_found, c.headings_level = _heading_matches(gold.headings, out.headings)
        if page is not None:
            held_h = [h for h in gold.headings if h[1] in page.headings]
            c.headings_in_page = len(held_h)
            c.headings_in_page_found = _heading_matches(held_h, out.headings)[0]
    return c
