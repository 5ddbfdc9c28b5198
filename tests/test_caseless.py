"""caseless: a lower-cased ASCII text and a case-sensitive twin give the pattern's answers."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.caseless import FOLDS_TO_ASCII, caseless, lowercase_safe, lowered_twin
from cleaner.rules import _TRACKER_HOSTS, DISCUSSION_RULES, RULES

_LINE_PATTERNS = list(
    {
        (rule.line.pattern, rule.line.searched): None
        for rule in RULES + DISCUSSION_RULES
        if rule.line is not None and rule.line.pattern is not None
    }
)


def test_folds_to_ascii_are_all_the_characters_ignorecase_matches_to_ascii() -> None:
    everything = "".join(chr(c) for c in range(0x80, 0x110000) if not 0xD800 <= c < 0xE000)
    found = {ord(c) for c in re.findall(r"(?i)[\x00-\x7f]", everything)}
    assert found == FOLDS_TO_ASCII


@pytest.mark.parametrize(
    "pattern",
    [
        r"Share",  # an upper-case literal
        r"[A-Z]\w+",  # an upper-case range
        r"x[^A-C]",
        r"(?-i:share)",  # IGNORECASE turned off for a part
        "\u017f",  # long s, which matches "s"
        "[\u0100-\u0200]",  # a range holding dotless i
        r"(a)\1",  # a back-reference
    ],
)
def test_patterns_that_tell_cases_apart_are_not_lowered(pattern: str) -> None:
    compiled = re.compile(pattern, re.IGNORECASE)
    assert not lowercase_safe(compiled)
    assert lowered_twin(compiled) is None


def test_a_case_sensitive_pattern_is_not_lowered() -> None:
    assert not lowercase_safe(re.compile("share"))


def test_the_rule_patterns_are_mostly_lowered() -> None:
    # The byline and member-stat patterns tell cases apart (a capitalised name).
    assert sum(lowercase_safe(p) for p, _ in _LINE_PATTERNS) >= len(_LINE_PATTERNS) - 2
    assert lowercase_safe(_TRACKER_HOSTS)


_SNIPPETS = [
    "Share this",
    "SUBSCRIBE NOW",
    "© 2024 Example",
    "All Rights Reserved",
    "Powered by WordPress",
    "Tags: news",
    "Add To Cart",
    "Sign up for our newsletter",
    "Advertisement",
    "Read More",
    "https://www.Google-Analytics.com/collect?v=1",
    "/PIXEL.gif",
    "Reply with Quote",
    "Affiliate Disclosure: we earn commissions",
    "Kelvin \u212a and long \u017f",
    "caf\u00e9 \u00a9",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(st.sampled_from(_SNIPPETS), st.text(max_size=12)),
        max_size=4,
    ).map(" ".join)
)
def test_caseless_gives_the_pattern_answers(text: str) -> None:
    for pattern, searched in [*_LINE_PATTERNS, (_TRACKER_HOSTS, True)]:
        plain = pattern.search if searched else pattern.match
        assert caseless(pattern, searched=searched)(text) == (plain(text) is not None)
        twin = lowered_twin(pattern)
        if twin is not None and text.isascii():
            lowered = twin.search if searched else twin.match
            assert (lowered(text.lower()) is not None) == (plain(text) is not None)


def test_a_screen_takes_its_twins_only_once_it_has_worked_a_while() -> None:
    # Finding the twins parses every pattern: a one-page run must not pay for it, and the
    # answers are the same before and after.
    from cleaner.strip import _TWINS_AFTER, _Screen

    lines = tuple(
        {rule.line: None for rule in RULES if rule.line is not None and rule.line.pattern}
    )
    screen = _Screen(lines)
    texts = ["Reply", "Posted by Ann", "Read more", "Thread starter Bob", "the harbour"]
    before = [screen(t, len(t)) for t in texts]
    assert not any(low for _, low in screen.ascii_tests)
    for n in range(_TWINS_AFTER):
        screen(f"text number {n}", 16)
    assert any(low for _, low in screen.ascii_tests)
    screen.known.clear()
    assert [screen(t, len(t)) for t in texts] == before
