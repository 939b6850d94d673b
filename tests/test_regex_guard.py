"""The first-character guard `reviewer.regex` puts in front of a pattern changes no match."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reviewer import regex as rx
from reviewer.checks.registry import catalog

REPORTS = sorted((Path(__file__).parent.parent / "fixtures" / "reports").glob("*.txt"))


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
    ],
)
def test_a_pattern_re_cannot_skip_to_gets_a_lookahead_for_its_first_characters(
    pattern: str, guarded: str
) -> None:
    assert rx.first_char_guard(pattern) == guarded


@pytest.mark.parametrize(
    "pattern",
    [
        "合计",  # a literal: re skips to it by itself
        "[0-9]元",  # a class: the same
        r"(?:万元)?",  # may match the empty string
        r"[^。]{2,30}?——",  # a negated class: nearly any character starts it
        r".{0,3}合计",  # any character
        r"(?m)^合计",  # inline flags stay at the start
        r"(?i:x)y",  # a scoped flag
    ],
)
def test_a_pattern_is_left_alone_when_a_guard_cannot_help_or_cannot_be_told(pattern: str) -> None:
    assert rx.first_char_guard(pattern) == pattern


def test_every_declared_pattern_finds_the_same_matches_guarded() -> None:
    catalog()  # imports every rule module, declaring their patterns
    texts = [p.read_text(encoding="utf-8") for p in REPORTS]
    texts += [
        "| 项目 | 2024年 |\n|---|---|\n",
        "一、概况\n（一）XX单位2020__年\n\t1.  合计 12,345.6万元",
    ]
    guarded = 0
    for lazy in rx._DECLARED:
        pattern = rx.first_char_guard(lazy.pattern, lazy._flags)
        if pattern == lazy.pattern:
            continue
        guarded += 1
        plain, fast = re.compile(lazy.pattern, lazy._flags), re.compile(pattern, lazy._flags)
        for text in texts:
            expected = [m.regs for m in plain.finditer(text)]
            assert [m.regs for m in fast.finditer(text)] == expected, lazy.pattern
    assert guarded > 100
