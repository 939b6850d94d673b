"""The first-character guard `reviewer.regex` puts in front of a pattern changes no match.

`reviewer.regex_first` reads the characters a pattern's matches can start with from the
pattern's own text; `first_char_guard` puts a lookahead for them in front of a pattern `re`
cannot skip ahead through by itself, and leaves a pattern alone whenever it cannot tell.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from reviewer import regex as rx
from reviewer.checks.registry import catalog
from reviewer.document import Document
from reviewer.engine import check
from reviewer.regex_first import class_text, first_chars

ROOT = Path(__file__).parent.parent
REPORTS = sorted((ROOT / "fixtures" / "reports").glob("*.txt"))
CORPUS = sorted((ROOT / "fixtures" / "corpus" / "reports").glob("*.txt"))


def starts(pattern: str) -> tuple[str, bool]:
    """The class of a match's possible first characters (as `first_char_guard` writes it),
    and whether a match may be empty."""
    found = first_chars(pattern)
    assert found is not None, pattern
    return class_text(found[0]), found[1]


# ---- the characters a match can start with -----------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "first"),
    [
        # literals and escaped literals
        ("合计", "合"),
        (r"\.5", r"\."),
        (r"\\n", r"\\"),
        (r"\u4e00二", "一"),
        (r"\x41B", "A"),
        (r"\t\d", "\\\t"),  # a tab (escaped)
        ("}a", r"\}"),
        # \d \s \w
        (r"\d+元", r"\d"),
        (r"\s*:", r":\s"),
        (r"\w", r"\w"),
        # classes: literals, ranges, escapes; ']' first and '-' last are literals
        ("[、.]", r"\.、"),
        (r"[0-9\-一-龥\s]", r"0-9\-\s一-龥"),
        (r"[\u4e00-\u9fff]", "一-鿿"),
        ("[]a]", r"\]a"),
        ("[a-]", r"\-a"),
        (r"[\]\\\^]", r"\\\]\^"),
        # groups and alternation
        ("(?:合计|小计)金额", "合小"),
        ("(?P<unit>万元|元)", "万元"),
        (r"(\d)(x)", r"\d"),
        (r"a|b|\d", r"\dab"),
        (r"(?:(?:一|二)|三)", "一三二"),  # in code-point order
        # quantifiers: an item that may be left out adds the next item's characters
        ("a?b", "ab"),
        ("a*b", "ab"),
        ("a+b", "a"),
        ("a{0,2}b", "ab"),
        ("a{,2}b", "ab"),
        ("a{1,2}b", "a"),
        ("a{2}b", "a"),
        ("a{2,}b", "a"),
        ("a??b", "ab"),
        ("a*?b", "ab"),
        ("(?:综合|评价)?等级", "等综评"),
        ("(?:[一二]、)?(?:三)*四", "一三二四"),
        # zero-width items take no character: the next item starts the match
        (r"^\d", r"\d"),
        ("$。", "。"),
        (r"\b年", "年"),
        (r"\B\A\Z元", "元"),
        (r"(?<![\d.])\d", r"\d"),
        (r"(?<=：)\d", r"\d"),
        ("(?=x)[xy]", "xy"),
        ("(?!x)[xy]", "xy"),
        (r"(?<![^\d])x", "x"),  # what a lookaround holds is not read: a negated class is fine
        (r"(?=.)年", "年"),
        (r"(?:^|(?<=\n))[*]", r"\*"),
        # after the first character, anything the analysis knows may follow
        (r"a.b", "a"),
        (r"a[^。]{2,30}", "a"),
        (r"年\D", "年"),
    ],
)
def test_the_first_characters_of_a_pattern(pattern: str, first: str) -> None:
    assert starts(pattern) == (first, False)


@pytest.mark.parametrize(
    ("pattern", "first"),
    [
        ("a?", "a"),
        ("(?:万元)?", "万"),
        ("a*|b", "ab"),
        (r"^\s*$", r"\s"),
        ("", ""),
        ("^$", ""),
        ("a{0}", "a"),
    ],
)
def test_a_pattern_that_may_match_the_empty_string_says_so(pattern: str, first: str) -> None:
    assert starts(pattern) == (first, True)


@pytest.mark.parametrize(
    "pattern",
    [
        ".a",  # any character
        "[^。]a",  # a negated class
        r"\Da",  # the same
        r"\S",
        r"\W",
        r"a?.",  # a dot reached past an optional item
        r"(?:a|.)b",  # or in one branch
        r"(?P<x>a)(?P=x)",  # backreferences
        r"(a)\1",
        r"(a)?(?(1)b|c)",  # a conditional
        "(?i)a",  # inline flags
        "(?i:a)",
        "(?s).",
        "(?#note)a",  # a comment
        r"\N{DIGIT ONE}",  # a named character
        r"\0",  # an octal escape
        r"\q",  # an unknown escape (an error to re)
        "a{",  # a brace that is no quantifier (a literal to re)
        "{2}",  # nothing to repeat
        "a**",  # a repeated quantifier
        "(?=a)?b",  # a quantified assertion
        "(a",  # unbalanced
        "a)",
        "[a",
        "[z-a]",
        r"[\d-z]",
        r"\u12",
        r"(?>a)",  # an atomic group (Python 3.11+)
        r"(?<name>a)",  # not Python's syntax
    ],
)
def test_what_the_analysis_does_not_know_is_not_guessed(pattern: str) -> None:
    assert first_chars(pattern) is None


# ---- the guard ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "guarded"),
    [
        (
            r"(?<![A-Za-z])(?:20[Xx]{2}|[Xx]{2,})",
            r"(?=[2Xx])(?:(?<![A-Za-z])(?:20[Xx]{2}|[Xx]{2,}))",
        ),
        (r"(?:综合|评价)?等级", r"(?=[等综评])(?:(?:综合|评价)?等级)"),
        (r"^\s*\d+[、.]", r"(?=[\d\s])(?:^\s*\d+[、.])"),
        (r"\d*元", r"(?=[\d元])(?:\d*元)"),  # digits or, without them, 元
        (r"[0-9]+元", r"(?=[0-9])(?:[0-9]+元)"),  # a repeated class
        (r"\d+|一", r"(?=[\d一])(?:\d+|一)"),  # the guard holds a top-level alternation whole
        (r"(?:[一二]、|\d)", r"(?=[\d一二])(?:(?:[一二]、|\d))"),
    ],
)
def test_a_pattern_re_cannot_skip_to_gets_a_lookahead_for_its_first_characters(
    pattern: str, guarded: str
) -> None:
    assert rx.first_char_guard(pattern) == guarded


def test_case_insensitive_matching_is_guarded_only_without_cased_letters() -> None:
    assert rx.first_char_guard(r"(?:一|二)?三", re.IGNORECASE) == r"(?=[一三二])(?:(?:一|二)?三)"
    assert rx.first_char_guard(r"(?:x|二)?三", re.IGNORECASE) == r"(?:x|二)?三"
    assert rx.first_char_guard(r"(?:[a-c]|二)?三", re.IGNORECASE) == r"(?:[a-c]|二)?三"
    assert rx.first_char_guard(r"(?:x|二)?三") == r"(?=[x三二])(?:(?:x|二)?三)"


@pytest.mark.parametrize(
    "pattern",
    [
        "合计",  # a literal: re skips to it by itself
        "[0-9]元",  # a class: the same
        r"\d元",  # a class escape: the same
        "(?:合计|小计)",  # an alternation of words starting with literals: the same
        "(?:a|[bc])d",  # an alternation of single characters (one class to re): the same
        "(?:[ab]x|[ab]y)",  # a first item common to every branch (taken out in front by re)
        r"(?:万元)?",  # may match the empty string
        r"\s*",
        r"[^。]{2,30}?——",  # a negated class: nearly any character starts it
        r".{0,3}合计",  # any character
        r"(?m)^合计",  # inline flags stay at the start
        r"(?i:x)y",  # a scoped flag
        r"(?P<x>[一二])(?P=x)",  # a backreference
        r"(?<!一)(?P<x>[支预])(?P=x)",
    ],
)
def test_a_pattern_is_left_alone_when_a_guard_cannot_help_or_cannot_be_told(pattern: str) -> None:
    assert rx.first_char_guard(pattern) == pattern


def test_verbose_mode_is_left_alone() -> None:
    assert rx.first_char_guard(r"^ \d + # digits", re.VERBOSE) == r"^ \d + # digits"


def test_an_invalid_pattern_raises_its_own_error() -> None:
    with pytest.raises(re.error) as raised:
        rx.compile(r"^(?P<a>x)(?P<a>y)")  # a guard could be put in front: the name repeats
    assert raised.value.pattern == r"^(?P<a>x)(?P<a>y)"


# ---- the guard changes no match ----------------------------------------------------------


def _generated_texts(seed: int, count: int, length: int) -> list[str]:
    """Texts drawn from the characters of the sample reports and of the patterns' own
    literals, in runs of a report's lines, so that near-matches and matches are frequent."""
    rnd = random.Random(seed)
    lines = [line for p in REPORTS for line in p.read_text(encoding="utf-8").splitlines() if line]
    alphabet = sorted(
        set("".join(lines))
        | set("0123456789０１２.,，。、:：;%‰()（）-—|*#\t \n")
        | set("XxAaZz≥≤<>=＞＜")
    )
    texts = []
    for _ in range(count):
        parts: list[str] = []
        while sum(map(len, parts)) < length:
            if rnd.random() < 0.5:
                parts.append(rnd.choice(lines) + rnd.choice(["\n", "", " ", "\t", "。"]))
            else:
                parts.append("".join(rnd.choices(alphabet, k=rnd.randint(1, 40))))
        texts.append("".join(parts))
    return texts


def _all_patterns() -> list[tuple[str, int]]:
    """Every declared pattern (every rule module imported) and every inline one compiled
    while checking the sample reports."""
    catalog()  # imports every rule module, declaring their patterns
    for path in REPORTS:
        check(Document(text=path.read_text(encoding="utf-8"), path=path.name))
    declared = [(p.pattern, p._flags) for p in rx._DECLARED]
    return list(dict.fromkeys([*declared, *rx._COMPILED]))


def test_every_pattern_of_the_rules_finds_the_same_matches_guarded() -> None:
    texts = [p.read_text(encoding="utf-8") for p in REPORTS + CORPUS]
    texts += _generated_texts(seed=12, count=8, length=4000)
    texts += [
        "| 项目 | 2024年 |\n|---|---|\n",
        "一、概况\n（一）XX单位2020__年\n\t1.  合计 12,345.6万元",
        "",
        "\n",
    ]
    guarded = 0
    for pattern, flags in _all_patterns():
        fast_pattern = rx.first_char_guard(pattern, flags)
        if fast_pattern == pattern:
            continue
        guarded += 1
        plain, fast = re.compile(pattern, flags), re.compile(fast_pattern, flags)
        for text in texts:
            expected = [m.regs for m in plain.finditer(text)]
            assert [m.regs for m in fast.finditer(text)] == expected, pattern
    assert guarded > 200  # 243 of 747 when written


# Small patterns of every construct the analysis knows (and some it does not), over a small
# alphabet, matched against texts of the same alphabet: whenever a guard is put in front,
# every match stays the same.
_CHARACTERS = [
    "a",
    "b",
    "一",
    r"\.",
    ".",
    r"\d",
    r"\s",
    r"\w",
    r"\D",
    "[ab]",
    "[^a]",
    "[0-9a]",
    "[一-二]",
]
_ZERO_WIDTH = ["^", "$", r"\b", r"\B", "(?=a)", "(?!b)", "(?<=a)", "(?<!1)"]
_ATOMS = st.sampled_from([*_CHARACTERS, *_ZERO_WIDTH, r"\n", " "])
_QUANTIFIERS = st.sampled_from(["", "", "", "?", "*", "+", "{0,2}", "{1,2}", "{2}", "*?", "??"])


def _extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.builds(lambda a, b: a + b, inner, inner),
        st.builds(lambda a, b: f"(?:{a}|{b})", inner, inner),
        st.builds(lambda a, b: f"{a}|{b}", inner, inner),
        st.builds(lambda a: f"({a})", inner),
        st.builds(lambda a: f"(?P<g>{a})", inner),
        st.builds(lambda a, q: f"(?:{a}){q}", inner, _QUANTIFIERS),
    )


_PATTERNS = st.recursive(
    st.builds(
        lambda a, q: a + ("" if a in _ZERO_WIDTH else q),
        _ATOMS,
        _QUANTIFIERS,
    ),
    _extend,
    max_leaves=8,
)


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    pattern=_PATTERNS,
    texts=st.lists(st.text(alphabet="ab一二1 .\n", max_size=30), min_size=1, max_size=5),
    flags=st.sampled_from([0, re.MULTILINE, re.IGNORECASE, re.ASCII]),
)
def test_a_guard_never_changes_the_matches_of_a_generated_pattern(
    pattern: str, texts: list[str], flags: int
) -> None:
    try:
        plain = re.compile(pattern, flags)
    except re.error:
        assume(False)  # e.g. a repeated `^`, a group name used twice
    fast = re.compile(rx.first_char_guard(pattern, flags), flags)
    for text in texts:
        assert [m.regs for m in fast.finditer(text)] == [m.regs for m in plain.finditer(text)]
