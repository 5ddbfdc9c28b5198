"""Formulas come out as their TeX source, once, whichever renderer typeset them (see
cleaner/formulas.py): `$…$` or `$$…$$` in Markdown, the TeX in plain text."""

from __future__ import annotations

import pytest

from cleaner import Options, clean

_PROSE = "<p>" + "The proof rests on counting the same set of pairs in two ways. " * 12 + "</p>"

_KATEX_INLINE = (
    '<p>Energy is <span class="katex"><span class="katex-mathml"><math><semantics><mrow>'
    "<mi>E</mi></mrow><annotation encoding=\"application/x-tex\">E = mc^2</annotation>"
    '</semantics></math></span><span class="katex-html" aria-hidden="true">E=mc2</span>'
    "</span> in a sentence.</p>"
)
_KATEX_DISPLAY = (
    '<p><span class="katex-display"><span class="katex"><span class="katex-mathml"><math>'
    '<semantics><mrow><mi>x</mi></mrow><annotation encoding="application/x-tex">'
    "\\sum_{k=1}^{n} k</annotation></semantics></math></span>"
    '<span class="katex-html" aria-hidden="true">∑k</span></span></span></p>'
)
_MATHJAX2 = (
    '<p>Square it: <span class="MathJax_Preview">a^2</span><span class="MathJax"'
    ' id="MathJax-Element-1-Frame"><nobr><span class="math">a2</span></nobr></span>'
    '<script type="math/tex" id="MathJax-Element-1">a^2</script> and go on.</p>'
)
_WIKIPEDIA = (
    '<p>Energy is <span class="mwe-math-element"><span class="mwe-math-mathml-inline"'
    ' style="display: none;"><math alttext="{\\displaystyle E=mc^{2}}"><semantics><mrow>'
    '<mi>E</mi></mrow><annotation encoding="application/x-tex">{\\displaystyle E=mc^{2}}'
    '</annotation></semantics></math></span><img src="https://example.org/e.svg"'
    ' alt="{\\displaystyle E=mc^{2}}"></span> in a sentence.</p>'
)


def _both(formula: str) -> tuple[str, str]:
    page = f"<html><body><article><h1>Sums</h1>{_PROSE}{formula}{_PROSE}</article></body></html>"
    markdown = clean(page, Options(title=False)).markdown
    text = clean(page, Options(title=False, render="text")).text
    return markdown, text


@pytest.mark.parametrize(
    ("formula", "markdown", "text"),
    [
        (_KATEX_INLINE, "Energy is $E = mc^2$ in a sentence.", "Energy is E = mc^2 in a sentence."),
        (_KATEX_DISPLAY, "$$\\sum_{k=1}^{n} k$$", "\\sum_{k=1}^{n} k"),
        (_MATHJAX2, "Square it: $a^2$ and go on.", "Square it: a^2 and go on."),
        (_WIKIPEDIA, "Energy is $E=mc^{2}$ in a sentence.", "Energy is E=mc^{2} in a sentence."),
    ],
    ids=["katex-inline", "katex-display", "mathjax2", "wikipedia"],
)
def test_a_formula_is_its_tex_once(formula: str, markdown: str, text: str) -> None:
    got_markdown, got_text = _both(formula)
    assert markdown in got_markdown
    assert text in got_text
    # The typeset copies are gone: no glyph run ("E=mc2", "a2a^2") beside the TeX.
    assert "mc2" not in got_text and "a2" not in got_text.replace("a^2", "")


def test_a_dollar_sign_in_prose_is_not_a_formula() -> None:
    prices = "<p>It costs $5 and $6 with tax.</p>"
    page = f"<html><body><article>{_PROSE}{prices}</article></body></html>"
    assert "It costs $5 and $6 with tax." in clean(page, Options(render="text")).text
