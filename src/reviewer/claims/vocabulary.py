"""The one comparator vocabulary: which words before (or after) a value make it a bound.

Every reader that needs "a comparator before a number" builds its pattern from `WORDS` here,
so a word added or re-read changes every reader at once. A reader that deliberately reads a
narrower or wider set names it (`BOUNDS`, `GOAL_FILLERS`, `MODEL_OVERRIDES` in `llm/schema.py`)
and says why.

Decisions taken once:

- 达到 / 达 are fillers, not comparators. "满意度达到95%" states the value reached (an actual
  of 95 %), not a bound; as a target, an `=` already reads as `≥` (or `≤` for lower-is-better
  names) when the target is judged. The model schema keeps its own reading (达到 → ≥ in a
  model's raw target text, `MODEL_OVERRIDES`), because there the text is always a target.
- 控制在 / 保持在 / 维持在 are fillers: the bound, if any, follows the value (以内, 以下).
- `=` and 等于 are comparators (EQ) but not bounds: "合计=100万元" is a total, not a limit.
- Strict word forms (超过, 高于, 低于, 少于 ...) are comparators but do not by themselves mark
  a statement as a target: "发放资料超过2000份" in a results paragraph is an actual. Symbols
  and the non-strict words (不低于, ≥, 至少 ...) do (`marks_target`).

The look-alikes ≧ ≦ ═ and full-width ＞ ＜ are normalized away in `Document.norm`
(`document/normalize.py`); they are listed so a pattern run on a cell's raw text reads them too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

# Comparator codes.
GE, LE, GT, LT, EQ = ">=", "<=", ">", "<", "="
TOP = "top"  # ranking target: 前N
RANK = "rank"  # ranking actual: 第N
QUAL = "qual"  # qualitative: 规范性——规范

SYMBOL = {GE: "≥", LE: "≤", GT: ">", LT: "<", EQ: "=", TOP: "前", RANK: "第", QUAL: "——"}


class Word(NamedTuple):
    """A word that may stand right before a value."""

    word: str
    code: str | None  # GE, LE, GT, LT, EQ; None for a filler (为, 达到, 均 ...)
    marks_target: bool = False  # outside a results section, the statement reads as a target


# Every word that may stand before a value: comparators, then fillers.
WORDS: tuple[Word, ...] = (
    Word("≥", GE, True),
    Word(">=", GE, True),
    Word("≧", GE, True),
    Word("不低于", GE, True),
    Word("不少于", GE, True),
    Word("不小于", GE, True),
    Word("至少", GE, True),
    Word("大于等于", GE, True),
    Word("大于或等于", GE, True),
    Word("高于或等于", GE, True),
    Word("≤", LE, True),
    Word("<=", LE, True),
    Word("≦", LE, True),
    Word("不超过", LE, True),
    Word("不高于", LE, True),
    Word("不大于", LE, True),
    Word("不多于", LE, True),
    Word("小于等于", LE, True),
    Word("小于或等于", LE, True),
    Word("低于或等于", LE, True),
    Word("最多", LE, True),
    Word("至多", LE, True),
    Word(">", GT, True),
    Word("＞", GT, True),
    Word("超过", GT),
    Word("高于", GT),
    Word("大于", GT),
    Word("多于", GT),
    Word("超出", GT),
    Word("<", LT, True),
    Word("＜", LT, True),
    Word("低于", LT),
    Word("小于", LT),
    Word("少于", LT),
    Word("不足", LT),
    Word("=", EQ, True),
    Word("==", EQ, True),
    Word("═", EQ, True),
    Word("等于", EQ),
    # fillers
    Word("为", None),
    Word("达到", None),
    Word("达", None),
    Word("是", None),
    Word("在", None),
    Word("控制在", None),
    Word("保持在", None),
    Word("维持在", None),
    Word("均", None),
    Word("都", None),
    Word("全部", None),
    Word("皆", None),
    Word("各", None),
    Word("约", None),
    Word("了", None),
    Word("已", None),
    Word("分别", None),
    Word("共", None),
    Word("累计", None),
    Word("预计", None),
)

# Word → comparator code, comparators only.
COMPARATORS: dict[str, str] = {w.word: w.code for w in WORDS if w.code is not None}
# Comparators that are bounds (every code but EQ).
BOUNDS: dict[str, str] = {k: v for k, v in COMPARATORS.items() if v != EQ}
# Comparators that make a statement read as a target when its section does not say.
TARGET_MARKS: frozenset[str] = frozenset(w.word for w in WORDS if w.marks_target)
# Fillers saying one value is shared by several names ("A，B均≥95%").
DISTRIBUTIVE: frozenset[str] = frozenset({"均", "都", "全部", "皆", "各"})

# Words after a value that make it a bound; 左右 makes it an approximation (no statement).
AFTER: dict[str, str | None] = {
    "以上": GE,
    "之上": GE,
    "以下": LE,
    "以内": LE,
    "之内": LE,
    "左右": None,
}


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of `words`, longest first (so 不低于 wins over 低于), escaped."""
    ordered = sorted(dict.fromkeys(words), key=len, reverse=True)
    return "|".join(re.escape(w) for w in ordered)


# Regex sources (not compiled: callers wrap them in `lazy(...)`).
COMPARATOR_ALT = alternation(COMPARATORS)
BOUND_ALT = alternation(BOUNDS)
AFTER_ALT = alternation(AFTER)
# Lower bounds that mark a target (≥, 不低于, 至少, > ...): a rate stated with one is a goal.
LOWER_BOUND_MARKS_ALT = alternation(w.word for w in WORDS if w.marks_target and w.code in (GE, GT))
# Fillers a goal is stated with ("满意度达到95%", "控制在9.64万元以内", "为100%").
GOAL_FILLERS: tuple[str, ...] = ("达到", "达", "控制在", "保持在", "在", "为")
