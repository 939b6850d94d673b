"""Report quality, actual values: indicator rows whose actual value is not a value — a bare
完成 / 已完成100% against a numeric target, or the target copied with its comparator."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from reviewer import regex as rx
from reviewer.checks.registry import Hit, check, rule
from reviewer.claims.indicator_forms import indicator_blocks
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
    "(按时完成 | 完成) and an actual figure next to the target stay silent. Also finds "
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
_COMPARATOR = lazy(r"(?:[≥≤<>=＞＜]|>=|<=|不低于|不少于|不超过|不高于|至少|达到)")
_NUMBER = lazy(r"\d+(?:\.\d+)?")
_UNIT = lazy(
    r"(?:%|‰|万元|亿元|元|个|人次|人|次|户|份|座|亩|公里|千米|米|天|项|家|所|辆|件|条|场|台|套|"
    r"处|间|吨|名|村|批|期|小时|日|月|年|平方米|立方米|篇|部|册|本)"
)
# A target cell carries a comparator or a unit next to its figure.
_MARKED = lazy(
    r"[≥≤<>=＞＜]|不低于|不少于|不超过|不高于|至少|\d\s*(?:%|‰|万元|亿元|元|个|人次|人|次|户|份|座|"
    r"亩|公里|千米|米|天|项|家|所|辆|件|条|场|台|套|处|间|吨|名|村|批|期|小时|日|月|平方米|立方米|篇|部)"
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
    for m in [*_CELL_SPLIT.finditer(norm), None]:
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


def _satisfaction_before(cells: list[_Cell], i: int) -> int | None:
    """A satisfaction indicator whose target is a grade (群众满意度 | 满意 | 完成)."""
    if i < 2 or not _SATISFIED.fullmatch(cells[i - 1].text):
        return None
    return i - 2 if _SATISFACTION.search(cells[i - 2].text) else None


@check(ACTUAL_NOT_A_VALUE)
def actual_not_a_value(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    cells = _cells(norm)
    spans: list[tuple[int, int]] = []
    quotes: list[str] = []
    for i, cell in enumerate(cells):
        if not _NOT_VALUE.fullmatch(cell.text):
            continue
        k = _target_before(cells, i)
        if k is None:
            k = _satisfaction_before(cells, i)
        if k is None:
            continue
        spans.append((cells[k].start, cell.end))
        target = " ".join(c.text for c in cells[k:i])
        quotes.append(f"目标{target}，实际“{cell.text}”")
    if spans:
        yield ACTUAL_NOT_A_VALUE.hit(
            spans[:8],
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
            copied[:8],
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
            spans[:8],
            {"n": len(rows), "quotes": "、".join(r.name for r in rows[:3])},
            variant="empty",
        )
