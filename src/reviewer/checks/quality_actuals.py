"""Report quality, actual values: indicator rows whose actual value is not a value — a bare
完成 / 已完成100% against a numeric target, or the target copied with its comparator."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import NamedTuple

from reviewer import regex as rx
from reviewer.checks.registry import Hit, check, rule
from reviewer.claims.indicator_forms import indicator_blocks
from reviewer.claims.vocabulary import COMPARATOR_ALT
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.regex import lazy

ACTUAL_NOT_A_VALUE = rule(
    code="Q006",
    fix_zh="在实际完成值栏填写与目标值同口径的实际数值（如目标“≥266米”，实际“270米”），"
    "不要只写“完成”或照抄目标值。",
    name="actual-not-a-value",
    kind="missing_actuals",
    severity=Severity.WARNING,
    family="quality",
    title_zh="实际完成值不是数值",
    title_en="Indicator actual that is not a value",
    message_zh="{n} 项指标的实际完成值不是实际数值（{quotes}）：{what_zh}，得分无法核对",
    message_en="{n} indicators give no actual value ({quotes}): {what_en}, so their scores "
    "cannot be checked",
    what="Finds indicator-table rows whose actual cell only says 完成 / 已完成 / 已完成100% / "
    "达标 next to a numeric target (≥90%, ≤30万元, 2次) or a satisfaction target, and rows "
    "whose actual cell repeats the target with its comparator (≥266米 | ≥266米). Reads "
    "cells separated by | or line breaks and rows run together; a qualitative target "
    "(按时完成 | 完成), an actual figure next to the target, and a verdict column after "
    "the actual figure (≥95% | 97.3% | 完成) stay silent. Also finds "
    "indicator-form rows, read cell by cell, whose actual cell is empty.",
    why="A score is measured against the value achieved; '完成' or a copied '≥266米' says "
    "nothing about how much was done, so the full marks that usually follow cannot be "
    "checked.",
    example="数量指标 | 宣传次数 | ≥2次 | 已完成100% | 10 | 10\n",
    counterexample="数量指标 | 宣传次数 | ≥2次 | 3次 | 10 | 10\n",
    fix="Write the actual figure in the target's unit (target ≥266米, actual 270米), not "
    "'完成' or a copy of the target.",
    variants={
        "empty": (
            "指标表有“实际完成值”栏，但{n} 项指标的完成值为空（{quotes}），得分无从核对",
            "The indicator table has an actual-value column, but {n} indicators leave it "
            "empty ({quotes}), so their scores cannot be checked",
        ),
        "copied": (
            "{n} 项指标的实际完成值照抄了目标值及其比较符（{quotes}），没有给出实际数值，"
            "得分无法核对",
            "{n} indicators repeat the target with its comparator as the actual ({quotes}) "
            "instead of an actual figure, so their scores cannot be checked",
        ),
    },
)


class _Cell(NamedTuple):
    text: str
    start: int
    end: int


_CELL_SPLIT = lazy(r"[|\n\t]")
_NOT_VALUE = lazy(r"(?:已|均已|全部|已全部|均)?(?:完成|达标|达到|实现)(?:100%|百分之百)?")
_DONE_WORDS = ("完成", "达标", "达到", "实现")  # one of them is in every _NOT_VALUE match
# A comparator cell; 达到 alone in a cell stands where a comparator would (a filler elsewhere).
_COMPARATOR = lazy(rf"(?:{COMPARATOR_ALT}|达到)")
_NUMBER = lazy(r"\d+(?:\.\d+)?")
_UNIT = lazy(
    r"(?:%|‰|万元|亿元|元|个|人次|人|次|户|份|座|亩|公里|千米|米|天|项|家|所|辆|件|条|场|台|套|"
    r"处|间|吨|名|村|批|期|小时|日|月|年|平方米|立方米|篇|部|册|本)"
)
# A target cell carries a comparator or a unit next to its figure.
_MARKED = lazy(
    rf"{COMPARATOR_ALT}|"
    r"\d\s*(?:%|‰|万元|亿元|元|个|人次|人|次|户|份|座|"
    r"亩|公里|千米|米|天|项|家|所|辆|件|条|场|台|套|处|间|吨|名|村|批|期|小时|日|月|平方米|立方米|篇|部)"
)
# A deadline target: "12月底前", "1-12月", "2022年10月".
_DATE_TARGET = lazy(
    r"(?:20\d{2}\s*年)?\s*\d{1,2}\s*(?:[-—~至]\s*\d{1,2}\s*)?月(?:\d{1,2}日)?(?:底|末|份)?(?:前|以前|之前)?"
)
_SATISFACTION = lazy(r"满意(?:度|率)")
_SATISFIED = lazy(r"(?:非常|比较|较为|基本)?满意")
# A target copied with its comparator into the actual cell: "≥266米 | ≥266米", "≥90%≥90%".
_COPIED = lazy(
    r"(?P<t>(?:[≥≤＞＜]|>=|<=)\s*\d+(?:\.\d+)?\s*(?:%|‰|[\u4e00-\u9fff]{1,2}|[a-zA-Z]{1,3})?)"
    r"[ \t|\n]*(?P=t)"
)


def _cells(norm: str) -> list[_Cell]:
    out: list[_Cell] = []
    pos = 0
    for m in itertools.chain(_CELL_SPLIT.finditer(norm), [None]):  # one match alive at a time
        end = m.start() if m is not None else len(norm)
        raw = norm[pos:end]
        text = raw.strip()
        if text:
            lo = pos + raw.index(text[0])
            out.append(_Cell(text, lo, lo + len(text)))
        pos = m.end() if m is not None else len(norm)
    return out


def _target_before(cells: list[_Cell], i: int) -> int | None:
    """Start index of a numeric target ending right before cell `i`: one cell ("≥2次", "90%")
    or split cells ("≤ | 30 | 万元"). A bare number with neither comparator nor unit may be a
    weight, so it does not count."""
    j = i - 1
    if j < 0:
        return None
    text = cells[j].text
    if _UNIT.fullmatch(text) and j >= 1 and _NUMBER.fullmatch(cells[j - 1].text):
        k = j - 1
        if k >= 1 and _COMPARATOR.fullmatch(cells[k - 1].text):
            k -= 1
        return k
    if _NUMBER.fullmatch(text):
        if j >= 1 and _COMPARATOR.fullmatch(cells[j - 1].text):
            return j - 1
        return None
    if len(text) <= 20 and rx.search(r"\d", text) and _MARKED.search(text):
        return j
    return None


def _actual_before(norm: str, cells: list[_Cell], k: int) -> bool:
    """Whether the figure starting at cell `k` is the row's actual, not its target: a plain
    figure (no comparator) right after another target on the same line (目标 | 实际 | 完成情况),
    so the 完成 after it is the table's verdict column, not the actual value."""
    if _COMPARATOR.match(cells[k].text) or rx.search(COMPARATOR_ALT, cells[k].text):
        return False
    j = _target_before(cells, k)
    return j is not None and "\n" not in norm[cells[j].start : cells[k].start]


def _satisfaction_before(cells: list[_Cell], i: int) -> int | None:
    """A satisfaction indicator whose target is a grade (群众满意度 | 满意 | 完成)."""
    if i < 2 or not _SATISFIED.fullmatch(cells[i - 1].text):
        return None
    return i - 2 if _SATISFACTION.search(cells[i - 2].text) else None


@check(ACTUAL_NOT_A_VALUE)
def actual_not_a_value(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    # A cell saying done holds one of these words: without any, no cell is read (the cells of
    # a long flattened table are a record a line).
    said_done = any(w in norm for w in _DONE_WORDS)
    cells = _cells(norm) if said_done else []
    spans: list[tuple[int, int]] = []
    quotes: list[str] = []
    for i, cell in enumerate(cells):
        if not _NOT_VALUE.fullmatch(cell.text):
            continue
        k = _target_before(cells, i)
        if k is not None and _DATE_TARGET.fullmatch(" ".join(c.text for c in cells[k:i])):
            continue  # a deadline answered 完成 says it was met on time
        if k is not None and _actual_before(norm, cells, k):
            continue  # "≥95% | 97.3% | 完成": a status column after the actual figure
        if k is None:
            k = _satisfaction_before(cells, i)
        if k is None:
            continue
        spans.append((cells[k].start, cell.end))
        target = " ".join(c.text for c in cells[k:i])
        quotes.append(f"目标{target}，实际“{cell.text}”")
    if spans:
        yield ACTUAL_NOT_A_VALUE.hit(
            spans,
            {
                "n": len(spans),
                "quotes": "；".join(quotes[:3]),
                "what_zh": "只写了完成与否，没有与目标同口径的实际数值",
                "what_en": "they say done, not how much was achieved",
            },
        )
    yield from _empty_actuals(doc)
    copied: list[tuple[int, int]] = []
    for m in _COPIED.finditer(norm):
        after = norm[m.end() : m.end() + 1]
        if m.group("t")[-1].isdigit() and after and (after.isdigit() or after == "."):
            continue  # "≥9 | ≥95": a longer number, not a copy
        copied.append((m.start(), m.end()))
    if copied:
        yield ACTUAL_NOT_A_VALUE.hit(
            copied,
            {
                "n": len(copied),
                "quotes": "、".join(norm[a:b].replace("\n", " ") for a, b in copied[:3]),
            },
            variant="copied",
        )


def _empty_actuals(doc: Document) -> Iterator[Hit]:
    """Rows of an indicator form read cell by cell whose actual cell is empty."""
    norm = doc.norm
    for block in indicator_blocks(doc):
        if "actual" not in block.columns:
            continue
        rows = [
            r
            for r in block.rows
            if r.layout == "cells"
            and r.target is not None
            and r.actual is None
            and r.actual_text is None
        ]
        if not rows:
            continue
        spans = [(r.name_start, r.end) for r in rows]
        head = rx.search(r"(?:实际)?完成值|实际值", norm[block.start : rows[0].start])
        if head is not None:
            spans.append((block.start + head.start(), block.start + head.end()))
        yield ACTUAL_NOT_A_VALUE.hit(
            spans,
            {"n": len(rows), "quotes": "、".join(r.name for r in rows[:3])},
            variant="empty",
        )


COMPLETION_WITHOUT_ACTUAL = rule(
    code="Q007",
    fix_zh="按目标逐项写明实际完成值（如“新建排水沟1300米，完成率100%”“完成改造建设总量52%”），"
    "不要只写“达到预期”或只报资金支付数。",
    name="completion-without-actual",
    kind="missing_actuals",
    severity=Severity.WARNING,
    family="quality",
    title_zh="完成情况只有结论或资金数，没有目标的实际值",
    title_en="Completion stated without the goal's actual value",
    message_zh="“{quote}”{what_zh}，而目标是“{goal}”，目标是否完成无从核对",
    message_en="'{quote}' {what_en}, while the goal reads '{goal}', so whether it was met "
    "cannot be checked",
    what="Finds a completion statement that answers a quantified goal with a verdict only "
    "('项目数量、质量达到预期目的' with no figure in it or the clause after it) or with money "
    "only ('目标完成情况：…完成支付3483万元' where the goal was 50% of the construction). "
    "Needs a non-money quantified goal in the report; a completion clause with its own "
    "figure stays silent.",
    why="A goal is met or missed by its own measure; a verdict or the money paid does not "
    "show how much of the planned output was delivered.",
    example=(
        "总体目标:完成项目改造建设总量50%。\n"
        "当年年度目标完成情况:2022年预算价为3483万元,2022年完成支付3483万元。\n"
    ),
    counterexample=(
        "总体目标:完成项目改造建设总量50%。\n"
        "当年年度目标完成情况:完成改造建设总量52%,2022年完成支付3483万元。\n"
    ),
    fix="Give each goal's actual value ('1300米 built', '52% of the construction done'), not "
    "only a verdict or the amount paid.",
)

_MONEY = lazy(r"\d+(?:\.\d+)?\s*(?:万元|亿元|元)")
_YEARISH = lazy(r"20\d{2}\s*年(?:度)?|\d{1,2}\s*月(?:\d{1,2}\s*日)?")
_NUMBER_ANY = lazy(r"\d+(?:\.\d+)?")
# A goal stated with a figure that is not money: "总体目标:完成项目改造建设总量50%".
_GOAL_STATED = lazy(
    r"(?:总体|年度|绩效|项目)目标\s*(?:为|是|[:：])\s*(?P<goal>[^\n。]{0,60}?\d+(?:\.\d+)?\s*"
    r"(?!万元|亿元|元|年)(?:%|[\u4e00-\u9fffA-Za-z]{1,2})[^\n。]{0,20})"
)
# A physical quantity planned anywhere: "新建排水沟1300m", "改造危桥10座".
_QUANTITY = lazy(  # starts where its digits start: no retry inside a run of digits
    r"(?<![\d.])\d+(?:\.\d+)?\s*(?:m|km|米|千米|公里|座|个|户|亩|平方米|立方米|台|套|处|间|条|盏|吨|人次|人)"
    r"(?![\u4e00-\u9fff]{0,1}元)"
)
_COMPLETION_LABEL = lazy(r"目标完成情况\s*[:：]\s*(?P<body>[^\n]{4,200})")
_VERDICT = lazy(
    r"(?:数量|质量|进度|时效|产出|各项指标|绩效指标)[^，,。；;\n\d]{0,8}?(?:均|已|全部|基本)?"
    r"达到(?:了)?(?:预期|计划|既定|设定|预定)(?:的)?(?:目的|目标|效果|要求|标准)?"
)
_CLAUSE_END = lazy(r"[，,。；;\n]")


def _only_money(text: str) -> bool:
    """Whether every figure in `text` is money or a date."""
    rest = _YEARISH.sub(" ", _MONEY.sub(" ", text))
    return bool(_MONEY.search(text)) and not _NUMBER_ANY.search(rest)


@check(COMPLETION_WITHOUT_ACTUAL)
def completion_without_actual(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    goal = _GOAL_STATED.search(norm)
    for m in _COMPLETION_LABEL.finditer(norm):
        if goal is None or goal.start() > m.start() or not _only_money(m.group("body")):
            continue
        yield COMPLETION_WITHOUT_ACTUAL.hit(
            [(m.start("body"), m.end("body")), (goal.start("goal"), goal.end("goal"))],
            {
                "quote": m.group("body").strip(),
                "goal": goal.group("goal").strip(),
                "what_zh": "只报了资金数额",
                "what_en": "gives money only",
            },
        )
        return
    if "达到" not in norm:
        return  # every verdict says it: no planned quantity to look for
    planned = _QUANTITY.search(norm)
    if planned is None:
        return
    for m in _VERDICT.finditer(norm, planned.end()):
        # the verdict's clause and the one after it carry no figure
        lo = max(norm.rfind(c, 0, m.start()) for c in "，,。；;\n") + 1
        end1 = _CLAUSE_END.search(norm, m.end())
        hi1 = end1.end() if end1 else len(norm)
        end2 = _CLAUSE_END.search(norm, hi1)
        hi2 = end2.start() if end2 else len(norm)
        if rx.search(r"\d", norm[lo:hi2]):
            continue
        a, b = planned.start(), planned.end()
        s = max(norm.rfind(c, 0, a) for c in "，,。；;\n") + 1
        yield COMPLETION_WITHOUT_ACTUAL.hit(
            [(lo, hi1 - (1 if end1 else 0)), (s, b)],
            {
                "quote": norm[lo : m.end()].strip(),
                "goal": norm[s:b].strip(),
                "what_zh": "只给出“达到预期”的结论，没有实际完成数",
                "what_en": "gives a verdict only, no actual figure",
            },
        )
        return
