"""A count stated with its changes: "实施项目共15个，年初批复8个项目，年中增加8个项目" (8 + 8 ≠ 15).

Read in one sentence only: a total (共/合计/总计 … N个), one opening count (年初/原/批复 … N个), and
the counts added (增加/新增/追加) or removed (减少/取消/调减/核减), all of the same thing — the noun
written right after each count ("8个项目") must be the same and appear in the total's label.
Counts in brackets ("（含…5个）") are a part, not a change, and are skipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from reviewer.checks.registry import Hit, check, rule
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.numbers import Quantity, find_quantities, fmt
from reviewer.regex import lazy

COUNT_CHANGE_MISMATCH = rule(
    code="C010",
    fix_zh="核对总数与年初数、增减数，三者应相符；若有项目取消或合并，请写明。",
    name="count-change-mismatch",
    kind="count_mismatch",
    severity=Severity.WARNING,
    family="counts",
    title_zh="总数与年初数加增减数不符",
    title_en="A total count does not equal the opening count plus its changes",
    message_zh="{expr} = {computed}{unit}，报告称共 {stated}{unit}",
    message_en="{expr} = {computed}{unit}, but the report states {stated}{unit} in all",
    what="In one sentence, a total count (共N个) with the opening count (年初/批复 N个) and the "
    "counts added (增加/新增) or removed (减少/取消) of the same thing: checks opening + added − "
    "removed = total.",
    why="A total that its own opening count and changes do not give means a project was dropped "
    "or double-counted without a word; reviewers reconcile these first.",
    example="实施项目共15个，年初批复8个项目，年中增加8个项目。",
    counterexample="实施项目共15个，年初批复8个项目，年中增加8个项目，取消1个项目。",
    fix="Check the total against the opening count and the changes; say which item was dropped "
    "or merged.",
)

_UNITS = {"个", "项", "家", "所", "处", "座", "名", "人", "户", "条"}
_TOTAL_WORD = lazy(r"共|合计|总计|累计|总数")
_TOTAL = lazy(r"(?:共|合计|总计|累计|总数)[\u4e00-\u9fff]{0,4}$")
_OPENING = lazy(r"(?:年初|原有|原|批复|初始|计划)[\u4e00-\u9fff]{0,6}$")
_ADDED = lazy(r"(?:增加|新增|追加|增补|调增)[\u4e00-\u9fff]{0,4}$")
_REMOVED = lazy(r"(?:减少|取消|调减|核减|撤销|终止)[\u4e00-\u9fff]{0,4}$")
_NOUN = lazy(r"[\u4e00-\u9fff]{1,4}")


class _Count(NamedTuple):
    q: Quantity
    role: str  # total, opening, added, removed
    noun: str  # the word right after the count ("项目"), or ""
    label: str  # the words before the count


_SENTENCE = lazy(r"[^。；;\n]+")
_CHANGE_WORD = lazy(r"增加|新增|追加|增补|调增|减少|取消|调减|核减|撤销|终止")


def _sentences(norm: str) -> Iterator[tuple[int, int]]:
    for m in _SENTENCE.finditer(norm):
        yield m.start(), m.end()


def _bracket_depth(norm: str, s: int, pos: int) -> int:
    depth = 0
    for ch in norm[s:pos]:
        if ch in "(（":
            depth += 1
        elif ch in ")）" and depth:
            depth -= 1
    return depth


def _counts(norm: str, s: int, e: int) -> list[_Count]:
    out: list[_Count] = []
    for q in find_quantities(norm, s, e):
        if q.dimension != "count" or q.unit not in _UNITS or q.approx or q.value != int(q.value):
            continue
        if _bracket_depth(norm, s, q.start):
            continue  # "（含…5个）": a part
        clause_start = max([s] + [norm.rfind(ch, s, q.start) + 1 for ch in "，,、:："])
        label = norm[clause_start : q.start]
        m = _NOUN.match(norm, q.end)
        noun = m.group() if m else ""
        for role, pat in (
            ("added", _ADDED),
            ("removed", _REMOVED),
            ("total", _TOTAL),
            ("opening", _OPENING),
        ):
            if pat.search(label):
                out.append(_Count(q, role, noun, label))
                break
    return out


def _same_thing(noun: str, other: _Count) -> bool:
    if not noun:
        return False
    return other.noun.startswith(noun) or noun in other.label


@check(COUNT_CHANGE_MISMATCH)
def count_change_mismatch(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    for s, e in _sentences(norm):
        if not _CHANGE_WORD.search(norm, s, e) or not _TOTAL_WORD.search(norm, s, e):
            continue
        counts = _counts(norm, s, e)
        totals = [c for c in counts if c.role == "total"]
        openings = [c for c in counts if c.role == "opening"]
        changes = [c for c in counts if c.role in ("added", "removed")]
        if len(totals) != 1 or len(openings) != 1 or not changes:
            continue
        total, opening = totals[0], openings[0]
        noun = opening.noun[:2]
        if not noun or any(c.q.unit != total.q.unit for c in (opening, *changes)):
            continue
        if not _same_thing(noun, total) or not all(c.noun.startswith(noun) for c in changes):
            continue
        value = opening.q.value
        expr = fmt(opening.q.value)
        for c in changes:
            sign = Decimal(1) if c.role == "added" else Decimal(-1)
            value += sign * c.q.value
            expr += f" {'+' if sign > 0 else '−'} {fmt(c.q.value)}"
        if value == total.q.value:
            continue
        yield COUNT_CHANGE_MISMATCH.hit(
            [(total.q.start, total.q.end), (opening.q.start, opening.q.end)]
            + [(c.q.start, c.q.end) for c in changes],
            {
                "expr": expr,
                "computed": fmt(value),
                "stated": fmt(total.q.value),
                "unit": total.q.unit,
            },
        )
