"""Case-insensitive pattern tests, fast on ASCII text.

Python's regex engine compares each character case-insensitively one at a time, and its
search cannot skip ahead to a literal it must find: an IGNORECASE search of a long image
address or of every short block's text cost several times a case-sensitive one. On ASCII
text such a pattern matches exactly where the same pattern, case-sensitive, matches the
lower-cased text, provided the pattern itself asks for nothing upper-case and for no
character that folds to an ASCII one (see lowercase_safe); any other text, or pattern,
takes the pattern as it is.
"""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Callable
from typing import Any

# The parser that re compiles with: re._parser from 3.11 on, sre_parse before (the same
# structures). Its opcodes are re-exported by it.
_parser: Any = importlib.import_module("re._parser" if sys.version_info >= (3, 11) else "sre_parse")

# The characters outside ASCII that IGNORECASE matches to an ASCII letter (İ, ı, ſ and the
# Kelvin sign); tests/test_caseless.py finds them again over all of Unicode.
FOLDS_TO_ASCII = frozenset({0x130, 0x131, 0x17F, 0x212A})

_CHAR_OPS = {_parser.LITERAL, _parser.NOT_LITERAL}
_REPEAT_OPS = {
    op
    for op in (
        _parser.MAX_REPEAT,
        _parser.MIN_REPEAT,
        getattr(_parser, "POSSESSIVE_REPEAT", None),
    )
    if op is not None
}
_PLAIN_OPS = {_parser.NEGATE, _parser.CATEGORY, _parser.AT, _parser.ANY}


def _safe_char(code: int) -> bool:
    return not ord("A") <= code <= ord("Z") and code not in FOLDS_TO_ASCII


def _safe_items(items: Any) -> bool:
    return all(_safe_item(op, av) for op, av in items)


def _safe_item(op: Any, av: Any) -> bool:
    if op in _CHAR_OPS:
        return _safe_char(av)
    if op is _parser.RANGE:
        low, high = av
        if low <= ord("Z") and high >= ord("A"):
            return False
        return not any(low <= code <= high for code in FOLDS_TO_ASCII)
    if op in _PLAIN_OPS:
        return True
    if op is _parser.IN:
        return _safe_items(av)
    if op is _parser.BRANCH:
        return all(_safe_items(branch) for branch in av[1])
    if op in _REPEAT_OPS:
        return _safe_items(av[2])
    if op is _parser.SUBPATTERN:
        _group, _added, removed, sub = av
        # A part that turns IGNORECASE off tells cases apart: lower-casing changes it.
        return not removed & re.IGNORECASE and _safe_items(sub)
    if op in (_parser.ASSERT, _parser.ASSERT_NOT):
        return _safe_items(av[1])
    if op is getattr(_parser, "ATOMIC_GROUP", None):
        return _safe_items(av)
    return False  # back-references and whatever else: not shown safe, so not used


def lowercase_safe(pattern: re.Pattern[str]) -> bool:
    """Whether `pattern` (IGNORECASE) matches ASCII text exactly where the same pattern
    without IGNORECASE matches the text lower-cased: no literal or range in it holds an
    upper-case ASCII letter or a character that folds to an ASCII one, and no part of it
    turns IGNORECASE off."""
    if not pattern.flags & re.IGNORECASE:
        return False
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # a parser of another Python version: take the pattern as it is
        return False
    return _safe_items(parsed)


def caseless(pattern: re.Pattern[str], *, searched: bool = True) -> Callable[[str], bool]:
    """`pattern.search(text) is not None` (or `.match` when not `searched`), faster on
    ASCII text when the pattern allows (see lowercase_safe)."""
    test = pattern.search if searched else pattern.match
    if not lowercase_safe(pattern):
        return lambda text: test(text) is not None
    lowered = re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)
    fast = lowered.search if searched else lowered.match

    def run(text: str) -> bool:
        if text.isascii():
            return fast(text.lower()) is not None
        return test(text) is not None

    return run


def lowered_twin(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """The pattern without IGNORECASE, to try on lower-cased ASCII text in its place, or
    None when that would not give the same answers (see lowercase_safe)."""
    if not lowercase_safe(pattern):
        return None
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)
