"""Exact checks of the benchmark's metric functions and Markdown stripping."""

from __future__ import annotations

import pytest

from bench.scoring import (
    AebScore,
    PageMarkup,
    aeb_precision,
    aeb_recall,
    aeb_score,
    collapse_ws,
    in_page,
    literal_syntax,
    page_markup,
    parse_structure,
    shingle_match,
    shingles,
    snippets_found,
    strip_markdown,
    structure_recall,
    tokenize,
    word_f1,
)

TEXT = "The quick brown fox jumps over the lazy dog."


# --- tokens and shingles --------------------------------------------------------------------


def test_tokens_are_unicode_words_with_case_kept() -> None:
    tokens = ["Größe", "naïve", "café", "東京", "x_y", "3", "14"]
    assert tokenize("Größe: naïve café, 東京 x_y 3.14") == tokens


def test_shingles_of_a_long_text_are_sliding_windows() -> None:
    sh = shingles("a b c d e")
    assert sh == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}


def test_short_text_is_one_shingle_of_all_its_tokens() -> None:
    assert shingles("just two") == {("just", "two"): 1}
    assert shingles("a b c d") == {("a", "b", "c", "d"): 1}


def test_empty_text_has_no_shingles() -> None:
    assert shingles("") == {}
    assert shingles(" -- ... ") == {}


def test_shingles_are_a_multiset() -> None:
    assert shingles("x y z w x y z w")[("x", "y", "z", "w")] == 2


# --- AEB per page ---------------------------------------------------------------------------


def test_identical_texts_match_fully() -> None:
    assert shingle_match(TEXT, TEXT) == (1.0, 0.0, 0.0)


def test_disjoint_texts_share_nothing() -> None:
    tp, fp, fn = shingle_match("a b c d e", "v w x y z")
    assert (tp, fp, fn) == (0.0, 0.5, 0.5)
    assert aeb_precision(tp, fp, fn) == 0.0
    assert aeb_recall(tp, fp, fn) == 0.0


def test_aeb_is_case_sensitive() -> None:
    assert shingle_match("One two", "one two") == (0.0, 0.5, 0.5)


def test_match_is_normalised_to_sum_to_one() -> None:
    # gold: abcd bcde; pred: abcd bcdf cdfg -> tp 1, fp 2, fn 1
    assert shingle_match("a b c d e", "a b c d f g") == (0.25, 0.5, 0.25)


def test_short_texts_must_match_as_a_whole() -> None:
    assert shingle_match("two words", "two words") == (1.0, 0.0, 0.0)
    assert shingle_match("two words", "two words more") == (0.0, 0.5, 0.5)


def test_empty_prediction_and_empty_gold() -> None:
    assert shingle_match(TEXT, "") == (0.0, 0.0, 1.0)
    assert shingle_match("", TEXT) == (0.0, 1.0, 0.0)
    assert shingle_match("", "") == (0.0, 0.0, 0.0)


def test_edge_cases_follow_the_reference_order() -> None:
    assert aeb_precision(1.0, 0.0, 0.0) == 1.0
    assert aeb_recall(1.0, 0.0, 0.0) == 1.0
    # FP = FN = 0 is checked first, so an all-zero page would count 1 if it were averaged.
    assert aeb_precision(0.0, 0.0, 0.0) == 1.0
    assert aeb_precision(0.0, 0.0, 1.0) == 0.0
    assert aeb_recall(0.0, 1.0, 0.0) == 0.0
    assert aeb_precision(0.5, 0.25, 0.25) == pytest.approx(2 / 3)
    assert aeb_recall(0.25, 0.25, 0.5) == pytest.approx(1 / 3)


# --- AEB over a data set --------------------------------------------------------------------


def test_perfect_run_scores_one() -> None:
    assert aeb_score([(1.0, 0.0, 0.0)] * 3) == AebScore(1.0, 1.0, 1.0)


def test_empty_prediction_counts_in_recall_only() -> None:
    matches = [shingle_match(TEXT, TEXT), shingle_match(TEXT, "")]
    score = aeb_score(matches)
    assert score.precision == 1.0  # the empty page has tp + fp = 0: not averaged
    assert score.recall == 0.5
    assert score.f1 == pytest.approx(2 / 3)


def test_page_with_empty_gold_counts_in_precision_only() -> None:
    score = aeb_score([shingle_match(TEXT, TEXT), shingle_match("", TEXT)])
    assert (score.precision, score.recall) == (0.5, 1.0)


def test_both_empty_page_drops_out_of_both_averages() -> None:
    score = aeb_score([shingle_match(TEXT, TEXT), shingle_match("", "")])
    assert score == AebScore(1.0, 1.0, 1.0)


def test_f1_is_of_the_averages_not_an_average_of_f1s() -> None:
    score = aeb_score([(0.5, 0.5, 0.0), (0.5, 0.0, 0.5)])
    assert score.precision == 0.75
    assert score.recall == 0.75
    assert score.f1 == 0.75


def test_nothing_extracted_anywhere_scores_zero() -> None:
    assert aeb_score([shingle_match(TEXT, "")] * 2) == AebScore(0.0, 0.0, 0.0)
    assert aeb_score([]) == AebScore(0.0, 0.0, 0.0)


# --- WCXB -----------------------------------------------------------------------------------


def test_word_f1_identical_and_disjoint() -> None:
    assert word_f1(TEXT, TEXT) == 1.0
    assert word_f1("alpha beta", "gamma delta") == 0.0


def test_word_f1_lowercases_and_ignores_order_and_punctuation() -> None:
    assert word_f1("Hello, World!", "world hello") == 1.0


def test_word_f1_counts_repeats() -> None:
    # gold {a, b}, pred {a, a, b}: tp 2, precision 2/3, recall 1 -> F1 0.8
    assert word_f1("a b", "a a b") == pytest.approx(0.8)


def test_word_f1_empty_sides() -> None:
    assert word_f1("", "") == 1.0
    assert word_f1(TEXT, "") == 0.0
    assert word_f1("", TEXT) == 0.0


def test_snippets_collapse_whitespace_and_ignore_case() -> None:
    text = "Intro.\n\nThe  quick\nbrown fox."
    assert collapse_ws(" A \n\t b ") == "a b"
    snippets = ["the quick brown", "QUICK   BROWN FOX", "lazy dog", "  "]
    assert snippets_found(text, snippets) == (2, 3)


# --- strip_markdown -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        ("# Title\n\n### Sub *title*", "Title\nSub title"),
        ("Some **bold**, _em_ and ~~gone~~ `code`.", "Some bold, em and gone code."),
        ('See [the docs](https://example.com/a_b "T") now.', "See the docs now."),
        ("A ![logo alt](/img/logo.png) B", "A  B"),
        ("[![badge](https://x/b.svg)](https://x)", ""),
        ("[ref text][r]\n\n[r]: https://example.com/ref", "ref text"),
        ("<https://example.com/auto>", "https://example.com/auto"),
        ("- one\n- two\n  1. nested", "one\ntwo\nnested"),
        ("10. ten\n11. eleven", "ten\neleven"),
        ("> quoted *line*", "quoted line"),
        ("| a | b |\n|---|:-:|\n| 1 | 2 |", "a\tb\t\n1\t2"),
        # GFM breaks a line in a cell with <br>: the words on either side stay apart.
        ("| k | v |\n|---|---|\n| x<br>y | z |", "k\tv\t\nx\ny\tz"),
        ("```python\nx = [1]  # *no* [link](y)\n```", "x = [1]  # *no* [link](y)"),
        ("    indented_code()", "indented_code()"),
        ("a \\*literal\\* &amp; AT&amp;T", "a *literal* & AT&T"),
        ("line one  \nline two", "line one\nline two"),
        ("x<sup>2</sup> and <div>raw <b>html</b></div>", "x2 and raw html"),
        ("<div>\nraw <b>html</b>\n</div>", "raw  html"),
        ("***\n\nafter rule", "after rule"),
        ("", ""),
    ],
)
def test_strip_markdown(markdown: str, text: str) -> None:
    assert strip_markdown(markdown) == text


def test_strip_markdown_leaves_no_urls() -> None:
    md = "[a](http://u.example/1) ![b](http://u.example/2) [c][d]\n\n[d]: http://u.example/3"
    assert "example" not in strip_markdown(md)


# --- structure ------------------------------------------------------------------------------


GOLD_MD = """# Guide

Intro with a [link](http://x).

## Install

- first *item*
- second item
  - nested item

| Name | Value |
|------|-------|
| alpha | 1 |
| beta | 2 |

```
pip install  thing
```
"""


def test_parse_structure() -> None:
    st = parse_structure(GOLD_MD)
    assert st.headings == [(1, "guide"), (2, "install")]
    assert st.list_items == ["first item", "nested item", "second item"]
    assert st.tables == [["name", "value", "alpha", "1", "beta", "2"]]
    assert st.code_blocks == ["pip install  thing\n"]


def test_structure_recall_of_itself_is_complete() -> None:
    gold = parse_structure(GOLD_MD)
    c = structure_recall(gold, gold)
    assert (c.tables, c.table_cell_recall, c.tables_complete) == (1, 1.0, 1)
    assert (c.code_blocks, c.code_found, c.code_words_found) == (1, 1, 1)
    assert (c.list_items, c.list_items_found) == (3, 3)
    assert (c.headings, c.headings_found, c.headings_level) == (2, 2, 2)


def test_structure_recall_of_flat_text_is_empty() -> None:
    flat = parse_structure(strip_markdown(GOLD_MD))
    c = structure_recall(parse_structure(GOLD_MD), flat)
    assert (c.table_cell_recall, c.code_found, c.list_items_found, c.headings_found) == (0, 0, 0, 0)


def test_heading_levels_are_relative_and_code_ignores_whitespace() -> None:
    out = parse_structure(
        "## Guide\n\n### Install\n\n    pip install thing\n\n| Name |\n|-|\n| alpha |"
    )
    c = structure_recall(parse_structure(GOLD_MD), out)
    assert (c.headings_found, c.headings_level) == (2, 2)  # shifted by one level throughout
    assert c.code_found == 1
    assert c.table_cell_recall == pytest.approx(2 / 6)
    assert c.tables_complete == 0


def test_code_words_in_order_forgive_symbols_but_not_order() -> None:
    gold = parse_structure("```\ngit init\nOr in place\ngit add x\n```")
    mangled = parse_structure("```\ngit init\n# Or in place\ngit add x\n```")
    reordered = parse_structure("```\ngit add x\ngit init\nOr in place\n```")
    c = structure_recall(gold, mangled)
    assert (c.code_found, c.code_words_found) == (0, 1)
    c = structure_recall(gold, reordered)
    assert (c.code_found, c.code_words_found) == (0, 0)


def test_heading_at_a_different_relative_level() -> None:
    out = parse_structure("# Guide\n\n# Install")
    c = structure_recall(parse_structure(GOLD_MD), out)
    assert (c.headings_found, c.headings_level) == (2, 1)


PAGE_HTML = b"""<html><body><h1>Guide</h1><p>Intro</p>
<ol><li>first <em>item</em></li><li>second item<ul><li>nested item</li></ul></li></ol>
<pre><code><span>git</span> init<br>git add x</code></pre>
<p>Install</p></body></html>"""


def test_page_markup_reads_the_pages_own_elements() -> None:
    page = page_markup(PAGE_HTML)
    assert page.headings == {"guide"}
    assert page.list_items == {"first item", "second item", "nested item"}
    assert "git init git add x" in page.text


def test_in_page_recall_leaves_out_what_the_gold_made_up() -> None:
    # The gold's conversion lost the code fence: its `#` comment became a heading, and its
    # code block reads "Or in place" where the page has "# Or in place". "Install" is a
    # paragraph on the page. Only "Guide", the <li> items and no code remain to find.
    gold = parse_structure(
        "# Guide\n\n## Install\n\n- first item\n- second item\n\n```\ngit init Or in place\n```"
    )
    out = parse_structure("# Guide\n\n- first item\n\n```\ngit init\ngit add x\n```")
    c = structure_recall(gold, out, page_markup(PAGE_HTML))
    assert (c.headings, c.headings_found, c.headings_in_page, c.headings_in_page_found) == (
        2,
        1,
        1,
        1,
    )
    assert (c.list_items_in_page, c.list_items_in_page_found) == (2, 1)
    assert (c.code_blocks, c.code_in_page, c.code_in_page_found) == (1, 0, 0)
    held = parse_structure("```\ngit init\ngit add x\n```")
    c = structure_recall(held, parse_structure("text only"), page_markup(PAGE_HTML))
    assert (c.code_in_page, c.code_in_page_found) == (1, 0)
    c = structure_recall(held, held, page_markup(PAGE_HTML))
    assert (c.code_in_page, c.code_in_page_found) == (1, 1)


def test_with_snippets_the_page_holds() -> None:
    page = page_markup(
        b"<html><head><title>T</title><script>var s = 'script words';</script></head><body>"
        b"<p>A <b>W</b>ord here.</p><table><tr><td>cell one</td><td>cell two</td></tr>"
        b"</table><p>Class pays $1,000 per class*.</p><p>See <a>camera types</a>, then buy.</p>"
        b"</body></html>"
    )
    snippets = [
        "A word here.",  # split by inline markup
        "cell one cell two",  # split by cells
        "script words",  # not what a reader sees
        "Class pays $1,000 per class.",  # the gold dropped the footnote mark
        "camera types , then",  # the gold's conversion spaced a link off its comma
    ]
    assert in_page(snippets, page) == snippets[:2]


def test_page_markup_of_garbage_holds_nothing() -> None:
    assert page_markup(b"") == PageMarkup("", frozenset(), frozenset())


def test_folded_snippets_forgive_typographic_quotes_only_when_asked() -> None:
    text = "It\u2019s the \u201cbest\u201d tide \u2013 ever"
    snippets = ["it's the \"best\" tide - ever", "low tide"]
    assert snippets_found(text, snippets) == (0, 2)
    assert snippets_found(text, snippets, fold=True) == (1, 2)


def test_a_heading_inside_a_list_item_is_that_items_text() -> None:
    # The page's own `<li><h2><a>Fluke 117</a></h2></li>`, written faithfully, against a
    # gold that flattened it to a plain item: the item is there all the same.
    out = parse_structure("- ## [Fluke 117](https://x.example/1)\n- ## Klein MM400\n")
    assert out.list_items == ["fluke 117", "klein mm400"]
    assert out.headings == [(2, "fluke 117"), (2, "klein mm400")]
    gold = parse_structure("- [Fluke 117](https://x.example/1)\n- Klein MM400\n")
    assert structure_recall(gold, out).list_items_found == 2


@pytest.mark.parametrize(
    ("markdown", "runs"),
    [
        ("**Is it licensed?**The rules vary.", 2),  # bold that neither opens nor closes
        ("**Is it licensed**?The rules vary.", 0),
        ("[![](a.png) [text](/b)](/b)", 1),  # a link in a link: the outer `](` prints
        ("See [text](/b) and ~~gone~~ here.", 0),
        ("5 * 3 = 15, and a \\*literal\\* star", 0),  # arithmetic; escaped stars
        # An escaped character is punctuation to the flanking rules, as the one it stands for.
        ("a star \\**(then a note)*.", 0),
        ("**`-u`[*\\<mode>*\\]**", 0),
        ("`-u`x*(mode)*", 2),
        ("`**not bold**` in code", 0),
        ("```\n**x**y\n```", 0),
    ],
)
def test_literal_syntax_counts_markup_that_prints(markdown: str, runs: int) -> None:
    assert literal_syntax(markdown) == runs


def test_structure_recall_counts_pages_with_literal_syntax() -> None:
    gold = parse_structure(GOLD_MD)
    broken = structure_recall(gold, parse_structure("**Why?**Because"))
    assert (broken.pages_markdown, broken.pages_literal_syntax, broken.literal_syntax) == (1, 1, 2)
    clean = structure_recall(gold, gold)
    assert (clean.pages_markdown, clean.pages_literal_syntax, clean.literal_syntax) == (1, 0, 0)
