"""A group cell's weight ("工作计划 (6分)") against the weights of the rows under it, in `|` rows.

Scoring tables written as ragged `|` rows put a group cell ("绩效目标 (6分)") in the first row of
its group and leave it out of the rows after it, so the columns do not line up. Read line by
line: a row's weight is the first cell holding a bare number after its first name cell (a
leading 序号 is skipped); the group is its opening row and the rows after it with no group cell.
A group is judged when the next group cell stands in the same cell position (the same level)
or a 合计 row closes it; a group cell in another position (a nested level) leaves both
unjudged. A group that runs to the end of the table may be cut: it is judged only when its rows
already weigh more than it. Groups named 产出/效益/满意度指标 are S011's.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from reviewer import regex as rx
from reviewer.checks.registry import Hit, check, rule
from reviewer.document import Document
from reviewer.document.document import Line
from reviewer.models import Severity
from reviewer.numbers import fmt
from reviewer.regex import lazy

GROUP_WEIGHT_VS_ROWS = rule(
    code="S016",
    fix_zh="核对该组各指标的分值，使其合计等于组名所标分值，或更正组名分值。",
    name="group-weight-vs-rows",
    kind="weight_sum_not_100",
    severity=Severity.WARNING,
    family="scores",
    title_zh="指标组分值与其下各指标分值之和不符",
    title_en="A group's weight differs from its rows' weights",
    message_zh="“{group}”标明 {stated} 分，其下各指标分值 {expr} = {sum}",
    message_en="'{group}' states {stated} points; its rows' weights add up to {expr} = {sum}",
    what="In a scoring table written as ragged `|` rows, adds the weights of the rows under a "
    "group cell such as 工作计划 (6分) and compares the sum with the group's weight; a group "
    "closed by the next group of its level or a 合计 row is judged, one that runs to the end "
    "of the table only when its rows weigh more than it.",
    why="The group weight is what the form promises its indicators are worth; a different sum "
    "means an indicator is missing or a weight is wrong.",
    example="序号 | 二级指标 | 三级指标 | 分值 | 得分 |\n"
    "1 | 工作计划 (6分) | 计划完整性 | 3 | 3 |\n2 | 计划明确性 | 2 | 2 |\n"
    "3 | 绩效目标 (6分) | 目标合理性 | 4 | 4 |\n4 | 目标明确性 | 2 | 2 |",
    counterexample="序号 | 二级指标 | 三级指标 | 分值 | 得分 |\n"
    "1 | 工作计划 (6分) | 计划完整性 | 3 | 3 |\n2 | 计划明确性 | 3 | 3 |\n"
    "3 | 绩效目标 (6分) | 目标合理性 | 4 | 4 |\n4 | 目标明确性 | 2 | 2 |",
    fix="Make the rows' weights add up to the group's weight, or correct the group's weight.",
)

_GROUP = lazy(
    r"^(?P<name>[\u4e00-\u9fff][^|()（）\d]{0,15}?)\s*[(（]\s*(?P<w>\d{1,3}(?:\.\d+)?)\s*分\s*[)）]$"
)
_S011 = lazy(r"^(?:产出|效益|(?:服务对象)?满意度)指标")
_NUMBER = lazy(r"^\d{1,3}(?:\.\d{1,2})?$")
_NAME = lazy(r"[\u4e00-\u9fff]{2}")
_TOTAL = lazy(r"^(?:合\s*计|总\s*计|总\s*分)")


class _Cell(NamedTuple):
    text: str
    start: int
    end: int


class _Group(NamedTuple):
    cell: _Cell
    position: int
    weight: Decimal


def _cells(line: Line) -> list[_Cell]:
    text = line.text.strip()
    if text.startswith("|"):
        text = text[1:]
    base = line.start + line.text.index(text) if text else line.start
    out, pos = [], base
    for part in text.split("|"):
        lead = len(part) - len(part.lstrip())
        out.append(_Cell(part.strip(), pos + lead, pos + lead + len(part.strip())))
        pos += len(part) + 1
    while out and not out[-1].text:
        out.pop()
    return out


def _row_weight(cells: list[_Cell], after: int) -> _Cell | None:
    """The first bare number after the row's first name cell (from index `after` on)."""
    named = False
    for c in cells[after:]:
        if not named:
            named = bool(_NAME.search(c.text)) and not _NUMBER.match(c.text)
            continue
        if _NUMBER.match(c.text):
            return c
        if c.text:
            return None  # a word cell before any number: not a weight row
    return None


@check(GROUP_WEIGHT_VS_ROWS)
def group_weights(doc: Document) -> Iterator[Hit]:
    group: _Group | None = None
    weights: list[_Cell] = []
    for line in [*doc.lines, None]:
        cells = _cells(line) if line is not None and "|" in line.text else []
        if not cells:
            if group is not None:
                yield from _judge(group, weights, closed=False)
            group, weights = None, []
            continue
        heads = [(k, c) for k, c in enumerate(cells) if _GROUP.match(c.text)]
        first = next((c.text for c in cells if c.text and not _NUMBER.match(c.text)), "")
        if heads or _TOTAL.match(first):
            if group is not None:
                same = bool(heads) and heads[0][0] == group.position
                if same or (not heads and _TOTAL.match(first)):
                    yield from _judge(group, weights, closed=True)
            group, weights = None, []
            if len(heads) == 1 and not _S011.match(heads[0][1].text):
                k, c = heads[0]
                m = _GROUP.match(c.text)
                assert m is not None
                group = _Group(c, k, Decimal(m.group("w")))
                w = _row_weight(cells, k + 1)
                weights = [w] if w is not None else []
                if w is None:
                    group = None
            continue
        if group is not None:
            w = _row_weight(cells, 0)
            if w is not None:
                weights.append(w)


def _judge(group: _Group, weights: list[_Cell], closed: bool) -> Iterator[Hit]:
    if len(weights) < 2:
        return
    values = [Decimal(c.text) for c in weights]
    total = sum(values, Decimal(0))
    if total == group.weight or (not closed and total < group.weight):
        return
    yield GROUP_WEIGHT_VS_ROWS.hit(
        [(group.cell.start, group.cell.end), *((c.start, c.end) for c in weights)],
        {
            "group": rx.sub(r"\s+", "", group.cell.text),
            "stated": fmt(group.weight),
            "expr": " + ".join(fmt(v) for v in values),
            "sum": fmt(total),
        },
    )
